//! JSON and text sources. JSON schema inference is Spark's `JsonInferSchema` (done here over the parsed records:
//! fields sorted by name, integers long, other numbers double, conflicts string, all-null string, empty structs
//! dropped); DuckDB's `read_json` reads the values with that schema. Text: one `value` string column per line.

use crate::catalog::SourceColumns;
use crate::csv::bool_opt;
use crate::files::Listing;
use crate::sql::{quote_identifier, quote_literal};
use serde_json::Value;
use sparkduck_analysis::{DataType, Field, SparkError};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone)]
pub struct JsonReadOptions {
    pub multi_line: bool,
    pub primitives_as_string: bool,
}

const JSON_OPTIONS: &[&str] = &[
    "multiline", "primitivesasstring", "encoding", "charset", "allowcomments", "mode", "prefersdecimal",
    "samplingratio", "dropfieldifallnull", "infertimestamp", "columnnameofcorruptrecord", "allowunquotedfieldnames",
    "allowsinglequotes", "allownumericleadingzeros", "allownonnumericnumbers", "allowbackslashescapingwhycharacter",
    "allowunquotedcontrolchars", "linesep", "compression",
];

impl JsonReadOptions {
    pub fn parse(options: &BTreeMap<String, String>) -> Result<JsonReadOptions, SparkError> {
        crate::catalog::check_options("json", options, JSON_OPTIONS)?;
        for (key, default) in [
            ("allowcomments", false),
            ("prefersdecimal", false),
            ("dropfieldifallnull", false),
            ("infertimestamp", false),
            ("allowunquotedfieldnames", false),
            ("allowsinglequotes", true),
            ("allownumericleadingzeros", false),
            ("allownonnumericnumbers", true),
            ("allowunquotedcontrolchars", false),
        ] {
            if bool_opt(options, key, default)? != default {
                return Err(SparkError::unsupported(format!("json option {key}={}", !default)));
            }
        }
        if let Some(encoding) = options.get("encoding").or(options.get("charset")) {
            if encoding.trim().to_ascii_lowercase().replace(['-', '_'], "") != "utf8" {
                return Err(SparkError::unsupported(format!("json option encoding={encoding}")));
            }
        }
        if let Some(ratio) = options.get("samplingratio") {
            if ratio.trim().parse::<f64>().ok() != Some(1.0) {
                return Err(SparkError::unsupported(format!("json option samplingRatio={ratio}")));
            }
        }
        Ok(JsonReadOptions {
            multi_line: bool_opt(options, "multiline", false)?,
            primitives_as_string: bool_opt(options, "primitivesasstring", false)?,
        })
    }
}

/// Spark's type of one JSON value (`JsonInferSchema.inferField`), before canonicalization.
fn infer_value(value: &Value, options: &JsonReadOptions) -> DataType {
    match value {
        Value::Null => DataType::Null,
        _ if options.primitives_as_string && !value.is_object() && !value.is_array() => DataType::String,
        Value::Bool(_) => DataType::Boolean,
        Value::Number(n) => {
            if n.is_i64() {
                DataType::Long
            } else if let Some(u) = n.as_u64() {
                // Jackson's BIG_INTEGER: a decimal of its digits.
                DataType::decimal(u.to_string().len() as u8, 0)
            } else {
                DataType::Double
            }
        }
        Value::String(_) => DataType::String,
        Value::Array(items) => {
            let element = items.iter().fold(DataType::Null, |t, v| compatible(&t, &infer_value(v, options)));
            DataType::Array { element: Box::new(element), contains_null: true }
        }
        Value::Object(map) => {
            let mut fields: Vec<Field> =
                map.iter().map(|(k, v)| Field::new(k.clone(), infer_value(v, options), true)).collect();
            fields.sort_by(|a, b| a.name.cmp(&b.name));
            DataType::Struct(fields)
        }
    }
}

/// Spark's `JsonInferSchema.compatibleType`.
fn compatible(a: &DataType, b: &DataType) -> DataType {
    use DataType::*;
    match (a, b) {
        (x, y) if x == y => x.clone(),
        (Null, t) | (t, Null) => t.clone(),
        (Long, Double) | (Double, Long) => Double,
        (Decimal { .. }, Double) | (Double, Decimal { .. }) => Double,
        (Decimal { precision: p, scale: s }, Long) | (Long, Decimal { precision: p, scale: s }) => {
            decimal_wider(*p, *s, 20, 0)
        }
        (Decimal { precision: p1, scale: s1 }, Decimal { precision: p2, scale: s2 }) => decimal_wider(*p1, *s1, *p2, *s2),
        (Struct(f1), Struct(f2)) => {
            let mut merged: BTreeMap<std::string::String, DataType> = BTreeMap::new();
            for f in f1.iter().chain(f2) {
                let t = match merged.get(&f.name) {
                    Some(existing) => compatible(existing, &f.data_type),
                    None => f.data_type.clone(),
                };
                merged.insert(f.name.clone(), t);
            }
            Struct(merged.into_iter().map(|(n, t)| Field::new(n, t, true)).collect())
        }
        (Array { element: e1, .. }, Array { element: e2, .. }) => {
            Array { element: Box::new(compatible(e1, e2)), contains_null: true }
        }
        _ => String,
    }
}

fn decimal_wider(p1: u8, s1: i8, p2: u8, s2: i8) -> DataType {
    let scale = (s1 as i32).max(s2 as i32);
    let range = (p1 as i32 - s1 as i32).max(p2 as i32 - s2 as i32);
    if range + scale > 38 { DataType::Double } else { DataType::decimal((range + scale) as u8, scale as i8) }
}

/// Spark's `canonicalizeType`: null → string, empty structs dropped.
fn canonicalize(t: &DataType) -> Option<DataType> {
    match t {
        DataType::Null => Some(DataType::String),
        DataType::Array { element, contains_null } => {
            Some(DataType::Array { element: Box::new(canonicalize(element)?), contains_null: *contains_null })
        }
        DataType::Struct(fields) => {
            let kept: Vec<Field> = fields
                .iter()
                .filter_map(|f| canonicalize(&f.data_type).map(|t| Field::new(f.name.clone(), t, true)))
                .collect();
            if kept.is_empty() { None } else { Some(DataType::Struct(kept)) }
        }
        other => Some(other.clone()),
    }
}

fn read_text(path: &Path) -> Result<String, SparkError> {
    let bytes = std::fs::read(path).map_err(|e| {
        SparkError::new("FAILED_READ_FILE.NO_HINT", format!("Encountered error while reading file file:{}. {e}", path.display()))
    })?;
    String::from_utf8(bytes).map_err(|_| SparkError::unsupported(format!("JSON file {} that is not UTF-8", path.display())))
}

fn corrupt(path: &Path) -> SparkError {
    SparkError::unsupported(format!("malformed JSON records (file {})", path.display()))
}

/// The records of one JSON file: one per line (JSON Lines), or the file's value (multiLine; an array is a list of
/// records).
fn records(path: &Path, options: &JsonReadOptions) -> Result<Vec<Value>, SparkError> {
    let text = read_text(path)?;
    let mut out = vec![];
    let mut push = |v: Value| -> Result<(), SparkError> {
        match v {
            Value::Object(_) => out.push(v),
            Value::Array(items) if items.iter().all(Value::is_object) => out.extend(items),
            _ => return Err(corrupt(path)),
        }
        Ok(())
    };
    if options.multi_line {
        if !text.trim().is_empty() {
            push(serde_json::from_str(&text).map_err(|_| corrupt(path))?)?;
        }
    } else {
        for line in text.split('\n') {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() {
                continue;
            }
            push(serde_json::from_str(line).map_err(|_| corrupt(path))?)?;
        }
    }
    Ok(out)
}

/// DuckDB's spelling of a type in `read_json`'s `columns`.
fn json_duckdb_type(t: &DataType) -> Result<String, SparkError> {
    Ok(match t {
        DataType::Struct(fields) => {
            let parts: Vec<String> = fields
                .iter()
                .map(|f| Ok(format!("{} {}", quote_identifier(&f.name), json_duckdb_type(&f.data_type)?)))
                .collect::<Result<_, SparkError>>()?;
            format!("STRUCT({})", parts.join(", "))
        }
        DataType::Array { element, .. } => format!("{}[]", json_duckdb_type(element)?),
        DataType::Map { .. } | DataType::Binary | DataType::Date | DataType::Timestamp | DataType::TimestampNtz => {
            return Err(SparkError::unsupported(format!("reading JSON values as {}", t.simple_string())))
        }
        other => other.to_duckdb_sql(),
    })
}

#[allow(clippy::type_complexity)]
pub fn json_columns(
    listing: &Listing,
    options: &JsonReadOptions,
    user: Option<Vec<Field>>,
) -> Result<(SourceColumns, Box<dyn Fn(&[&Path]) -> String>, Option<String>), SparkError> {
    let fields = match user {
        Some(fields) => fields,
        None => {
            let mut schema = DataType::Struct(vec![]);
            for (file, _) in &listing.files {
                for record in records(file, options)? {
                    schema = compatible(&schema, &infer_value(&record, options));
                }
            }
            match canonicalize(&schema) {
                Some(DataType::Struct(fields)) => fields,
                _ => vec![],
            }
        }
    };
    if fields.is_empty() {
        return Err(SparkError::new(
            "UNABLE_TO_INFER_SCHEMA",
            "Unable to infer schema for JSON. It must be specified manually.",
        )
        .with_sql_state("42KD9"));
    }
    let columns: Vec<String> = fields
        .iter()
        .map(|f| Ok(format!("{}: {}", quote_literal(&f.name), quote_literal(&json_duckdb_type(&f.data_type)?))))
        .collect::<Result<_, SparkError>>()?;
    let exprs = fields.iter().map(|f| quote_identifier(&f.name)).collect();
    let format = if options.multi_line { "auto" } else { "newline_delimited" };
    let reader = move |files: &[&Path]| {
        let list: Vec<String> = files.iter().map(|f| quote_literal(&f.to_string_lossy())).collect();
        format!(
            "read_json([{}], format = '{format}', columns = {{{}}}, maximum_object_size = 1073741824, hive_partitioning = false)",
            list.join(", "),
            columns.join(", ")
        )
    };
    Ok((SourceColumns { fields, exprs }, Box::new(reader), None))
}

#[derive(Debug, Clone)]
pub struct TextReadOptions {
    pub whole_text: bool,
}

impl TextReadOptions {
    pub fn parse(options: &BTreeMap<String, String>) -> Result<TextReadOptions, SparkError> {
        crate::catalog::check_options("text", options, &["wholetext", "linesep", "encoding", "compression"])?;
        if let Some(sep) = options.get("linesep") {
            if sep != "\n" {
                return Err(SparkError::unsupported("text option lineSep"));
            }
        }
        if let Some(encoding) = options.get("encoding") {
            if encoding.trim().to_ascii_lowercase().replace(['-', '_'], "") != "utf8" {
                return Err(SparkError::unsupported(format!("text option encoding={encoding}")));
            }
        }
        Ok(TextReadOptions { whole_text: bool_opt(options, "wholetext", false)? })
    }
}

#[allow(clippy::type_complexity)]
pub fn text_columns(
    options: &TextReadOptions,
    user: Option<Vec<Field>>,
) -> Result<(SourceColumns, Box<dyn Fn(&[&Path]) -> String>, Option<String>), SparkError> {
    let fields = match user {
        Some(fields) if fields.len() == 1 && fields[0].data_type == DataType::String => fields,
        Some(_) => return Err(SparkError::unsupported("a text schema other than one string column")),
        None => vec![Field::new("value", DataType::String, true)],
    };
    let whole = options.whole_text;
    let reader = move |files: &[&Path]| {
        let list: Vec<String> = files.iter().map(|f| quote_literal(&f.to_string_lossy())).collect();
        let list = list.join(", ");
        if whole {
            format!("(SELECT content AS \"c0\" FROM read_text([{list}]) ORDER BY filename) AS __text")
        } else {
            // Lines end at \n, \r\n or \r; a final line break ends the last line (no empty line after it).
            format!(
                "(SELECT unnest(CASE WHEN content = '' THEN CAST([] AS VARCHAR[]) \
                 ELSE string_split_regex(regexp_replace(content, '(\\r\\n|\\r|\\n)$', ''), '\\r\\n|\\r|\\n') END) AS \"c0\" \
                 FROM (SELECT content FROM read_text([{list}]) ORDER BY filename)) AS __text"
            )
        }
    };
    Ok((SourceColumns { fields, exprs: vec!["\"c0\"".into()] }, Box::new(reader), None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(lines: &[&str]) -> Option<DataType> {
        let options = JsonReadOptions { multi_line: false, primitives_as_string: false };
        let t = lines.iter().fold(DataType::Struct(vec![]), |t, l| {
            compatible(&t, &infer_value(&serde_json::from_str(l).unwrap(), &options))
        });
        canonicalize(&t)
    }

    #[test]
    fn inference_as_spark() {
        let s = schema(&[r#"{"b": 1, "a": "x"}"#, r#"{"b": 1.5, "c": null}"#]).unwrap();
        assert_eq!(
            s,
            DataType::Struct(vec![
                Field::new("a", DataType::String, true),
                Field::new("b", DataType::Double, true),
                Field::new("c", DataType::String, true)
            ])
        );
        let s = schema(&[r#"{"a": 1}"#, r#"{"a": "x"}"#, r#"{"e": {}}"#]).unwrap();
        assert_eq!(s, DataType::Struct(vec![Field::new("a", DataType::String, true)]));
    }
}
