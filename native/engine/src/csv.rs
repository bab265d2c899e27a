//! CSV as Spark reads it: DuckDB tokenizes (every column VARCHAR, Spark's delimiter/quote/escape/comment), schema
//! inference is Spark's `CSVInferSchema` (done here, value by value in file order), and values are converted with
//! Spark's parsing rules in SQL (a value Spark cannot parse is null, dropped or an error per `mode`).

use crate::catalog::SourceColumns;
use crate::duckdb::Connection;
use crate::errors::map_duckdb_error;
use crate::files::{is_iso_date, java_double, Listing};
use crate::sql::{quote_identifier, quote_literal};
use sparkduck_analysis::logical::CastMode;
use sparkduck_analysis::{DataType, Field, SparkError};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseMode {
    Permissive,
    DropMalformed,
    FailFast,
}

#[derive(Debug, Clone)]
pub struct CsvReadOptions {
    pub header: bool,
    pub infer_schema: bool,
    pub delimiter: String,
    pub quote: String,
    pub escape: String,
    pub comment: Option<String>,
    pub null_value: String,
    pub mode: ParseMode,
    pub nan_value: String,
    pub positive_inf: String,
    pub negative_inf: String,
    pub prefer_date: bool,
    pub multi_line: bool,
}

const CSV_OPTIONS: &[&str] = &[
    "header", "inferschema", "sep", "delimiter", "quote", "escape", "comment", "nullvalue", "mode", "multiline",
    "encoding", "charset", "maxcolumns", "maxcharspercolumn", "nanvalue", "positiveinf", "negativeinf",
    "preferdate", "enforceschema", "samplingratio", "ignoreleadingwhitespace", "ignoretrailingwhitespace",
    "dateformat", "timestampformat", "columnnameofcorruptrecord", "emptyvalue", "linesep", "quoteall",
    "escapequotes", "compression", "codec",
];

pub(crate) fn bool_opt(options: &BTreeMap<String, String>, key: &str, default: bool) -> Result<bool, SparkError> {
    match options.get(key).map(|v| v.trim().to_ascii_lowercase()) {
        None => Ok(default),
        Some(v) if v == "true" => Ok(true),
        Some(v) if v == "false" => Ok(false),
        Some(v) => Err(SparkError::new(
            "INVALID_OPTION_VALUE",
            format!("The value '{v}' of option '{key}' is invalid: it must be true or false."),
        )),
    }
}

/// Spark's `CSVExprUtils.toChar`/`toDelimiterStr`: `\t`, `\n`, `\\`, unicode escapes and plain characters.
fn unescape_option(value: &str) -> String {
    match value {
        "\\t" => "\t".into(),
        "\\n" => "\n".into(),
        "\\r" => "\r".into(),
        "\\b" => "\u{8}".into(),
        "\\f" => "\u{c}".into(),
        "\\\"" => "\"".into(),
        "\\'" => "'".into(),
        "\\\\" => "\\".into(),
        "\\u0000" => "\u{0}".into(),
        other => other.to_string(),
    }
}

impl CsvReadOptions {
    pub fn parse(options: &BTreeMap<String, String>) -> Result<CsvReadOptions, SparkError> {
        crate::catalog::check_options("csv", options, CSV_OPTIONS)?;
        let unsupported = |what: String| Err(SparkError::unsupported(what));
        let delimiter = unescape_option(options.get("sep").or(options.get("delimiter")).map(String::as_str).unwrap_or(","));
        if delimiter.chars().count() != 1 {
            return unsupported(format!("csv option sep={delimiter:?} (only one character)"));
        }
        let quote = options.get("quote").map(|q| unescape_option(q)).unwrap_or_else(|| "\"".into());
        let escape = options.get("escape").map(|q| unescape_option(q)).unwrap_or_else(|| "\\".into());
        if quote.chars().count() != 1 || escape.chars().count() != 1 {
            return unsupported("csv options quote/escape other than one character".into());
        }
        let comment = options.get("comment").map(|c| unescape_option(c)).filter(|c| c != "\u{0}");
        if comment.as_ref().is_some_and(|c| c.chars().count() != 1) {
            return unsupported("csv option comment of more than one character".into());
        }
        let mode = match options.get("mode").map(|m| m.trim().to_ascii_uppercase()).as_deref() {
            None | Some("PERMISSIVE") => ParseMode::Permissive,
            Some("DROPMALFORMED") => ParseMode::DropMalformed,
            Some("FAILFAST") => ParseMode::FailFast,
            // Spark falls back to PERMISSIVE for unknown modes (with a warning).
            Some(_) => ParseMode::Permissive,
        };
        if let Some(encoding) = options.get("encoding").or(options.get("charset")) {
            let e = encoding.trim().to_ascii_lowercase().replace(['-', '_'], "");
            if e != "utf8" {
                return unsupported(format!("csv option encoding={encoding}"));
            }
        }
        for (key, default) in [("ignoreleadingwhitespace", false), ("ignoretrailingwhitespace", false)] {
            if bool_opt(options, key, default)? != default {
                return unsupported(format!("csv option {key}=true"));
            }
        }
        if !bool_opt(options, "enforceschema", true)? {
            return unsupported("csv option enforceSchema=false".into());
        }
        if let Some(ratio) = options.get("samplingratio") {
            if ratio.trim().parse::<f64>().ok() != Some(1.0) {
                return unsupported(format!("csv option samplingRatio={ratio}"));
            }
        }
        if let Some(f) = options.get("dateformat") {
            if f != "yyyy-MM-dd" {
                return unsupported(format!("csv option dateFormat={f}"));
            }
        }
        if let Some(f) = options.get("timestampformat") {
            return unsupported(format!("csv option timestampFormat={f}"));
        }
        if let Some(sep) = options.get("linesep") {
            if !["\n", "\r\n", "\r"].contains(&sep.as_str()) {
                return unsupported("csv option lineSep other than a line break".into());
            }
        }
        if options.get("emptyvalue").is_some_and(|v| !v.is_empty()) {
            return unsupported("csv option emptyValue".into());
        }
        Ok(CsvReadOptions {
            header: bool_opt(options, "header", false)?,
            infer_schema: bool_opt(options, "inferschema", false)?,
            delimiter,
            quote,
            escape,
            comment,
            null_value: options.get("nullvalue").cloned().unwrap_or_default(),
            mode,
            nan_value: options.get("nanvalue").cloned().unwrap_or_else(|| "NaN".into()),
            positive_inf: options.get("positiveinf").cloned().unwrap_or_else(|| "Inf".into()),
            negative_inf: options.get("negativeinf").cloned().unwrap_or_else(|| "-Inf".into()),
            prefer_date: bool_opt(options, "preferdate", true)?,
            multi_line: bool_opt(options, "multiline", false)?,
        })
    }

    /// `read_csv` options shared by the header read and the data read. `lenient`: short rows padded with NULLs
    /// and extra values dropped, as Spark's PERMISSIVE mode keeps such rows; the other modes (where Spark drops
    /// or fails on them) read strictly, so that DuckDB fails on a row of another width rather than keep it.
    fn duckdb_options(&self, lenient: bool) -> String {
        let mut parts = vec![
            format!("delim = {}", quote_literal(&self.delimiter)),
            format!("quote = {}", quote_literal(&self.quote)),
            format!("escape = {}", quote_literal(&self.escape)),
            format!("null_padding = {lenient}"),
            format!("strict_mode = {}", !lenient),
            "all_varchar = true".to_string(),
            "skip = 0".to_string(),
            "hive_partitioning = false".to_string(),
        ];
        if let Some(c) = &self.comment {
            parts.push(format!("comment = {}", quote_literal(c)));
        }
        if self.multi_line {
            // DuckDB's parallel scanner cannot pad short rows when quoted values hold line breaks.
            parts.push("parallel = false".to_string());
        }
        parts.join(", ")
    }
}

/// Spark's names from the header line: empty → `_c<i>`, duplicates (case-insensitively) suffixed with their index.
fn header_names(values: &[Option<String>], header: bool) -> Vec<String> {
    let raw: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, v)| match v {
            Some(v) if header && !v.is_empty() => v.clone(),
            _ => format!("_c{i}"),
        })
        .collect();
    raw.iter()
        .enumerate()
        .map(|(i, name)| {
            let duplicated = raw.iter().filter(|n| n.to_lowercase() == name.to_lowercase()).count() > 1;
            if header && duplicated { format!("{name}{i}") } else { name.clone() }
        })
        .collect()
}

fn files_list(files: &[&Path]) -> String {
    let list: Vec<String> = files.iter().map(|f| quote_literal(&f.to_string_lossy())).collect();
    format!("[{}]", list.join(", "))
}

/// The columns of a CSV source and the per-group reader.
#[allow(clippy::type_complexity)]
pub fn csv_columns(
    connection: &Connection,
    listing: &Listing,
    options: &CsvReadOptions,
    user: Option<Vec<Field>>,
) -> Result<(SourceColumns, Box<dyn Fn(&[&Path]) -> String>, Option<String>), SparkError> {
    let all: Vec<&Path> = listing.files.iter().map(|(f, _)| f.as_path()).collect();
    // The first record: the header, or the number of columns.
    let first = match all.first() {
        Some(file) => {
            let rows = connection
                .query_text(&format!(
                    "SELECT * FROM read_csv({}, header = false, {}) LIMIT 1",
                    files_list(&[file]),
                    options.duckdb_options(true)
                ))
                .map_err(|e| map_duckdb_error(&e))?;
            rows.into_iter().next().unwrap_or_default()
        }
        None => vec![],
    };
    let lenient = options.mode == ParseMode::Permissive;
    // Under a user schema the raw columns still cover the first record, so that its extra values are not an error.
    let width = match &user {
        Some(fields) if lenient => fields.len().max(first.len()),
        Some(fields) => fields.len(),
        None => first.len(),
    };
    if width == 0 {
        return Err(SparkError::unsupported("CSV files without columns"));
    }
    let raw_columns: Vec<String> = (0..width).map(|i| format!("c{i}")).collect();
    let columns_spec: Vec<String> =
        raw_columns.iter().map(|c| format!("{}: 'VARCHAR'", quote_literal(c))).collect();
    let mut nulls = vec![quote_literal("")];
    if !options.null_value.is_empty() {
        nulls.push(quote_literal(&options.null_value));
    }
    let reader_options = format!(
        "header = {}, auto_detect = false, columns = {{{}}}, nullstr = [{}], filename = true, {}",
        options.header,
        columns_spec.join(", "),
        nulls.join(", "),
        options.duckdb_options(lenient)
    );
    let fields: Vec<Field> = match user {
        Some(fields) => fields,
        None => {
            let names = header_names(&first, options.header);
            let types = if options.infer_schema && !all.is_empty() {
                let list: Vec<String> = raw_columns.iter().map(|c| quote_identifier(c)).collect();
                let rows = connection
                    .query_text(&format!("SELECT {} FROM read_csv({}, {reader_options})", list.join(", "), files_list(&all)))
                    .map_err(|e| map_duckdb_error(&e))?;
                infer_types(&rows, width, options)?
            } else {
                vec![DataType::String; width]
            };
            names.into_iter().zip(types).map(|(n, t)| Field::new(n, t, true)).collect()
        }
    };
    let mut exprs = vec![];
    let mut valid = vec![];
    for (field, raw) in fields.iter().zip(&raw_columns) {
        let column = quote_identifier(raw);
        let converted = convert(&column, &field.data_type, options)?;
        valid.push(format!("({column} IS NULL OR ({converted}) IS NOT NULL)"));
        exprs.push(converted);
    }
    let filter = match options.mode {
        ParseMode::Permissive => None,
        ParseMode::DropMalformed => Some(valid.join(" AND ")),
        ParseMode::FailFast => {
            // Spark wraps MALFORMED_RECORD_IN_PARSING in the file read error naming the file.
            let error = "error('[FAILED_READ_FILE.NO_HINT] Encountered error while reading file file://' || \"filename\" || '. Malformed records are detected in record parsing. Parse Mode: FAILFAST. SQLSTATE: KD001')";
            Some(format!("CASE WHEN {} THEN true ELSE {error} END", valid.join(" AND ")))
        }
    };
    let reader = move |files: &[&Path]| format!("read_csv({}, {reader_options})", files_list(files));
    Ok((SourceColumns { fields, exprs }, Box::new(reader), filter))
}

/// One CSV value (VARCHAR column `column`) as Spark's parser converts it to `data_type`; NULL where Spark's
/// parser fails.
fn convert(column: &str, data_type: &DataType, options: &CsvReadOptions) -> Result<String, SparkError> {
    let integral = |duck: &str| {
        format!("CASE WHEN regexp_full_match({column}, '[+-]?[0-9]+') THEN TRY_CAST({column} AS {duck}) END")
    };
    Ok(match data_type {
        DataType::String => column.to_string(),
        DataType::Byte | DataType::Short | DataType::Integer | DataType::Long => integral(&data_type.to_duckdb_sql()),
        DataType::Float | DataType::Double => {
            let duck = data_type.to_duckdb_sql();
            format!(
                "CASE WHEN {column} = {nan} THEN CAST('NaN' AS {duck}) \
                 WHEN {column} = {pinf} THEN CAST('Infinity' AS {duck}) \
                 WHEN {column} = {ninf} THEN CAST('-Infinity' AS {duck}) \
                 WHEN regexp_full_match({column}, '[\\x00-\\x20]*[+-]?(NaN|Infinity|([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?[dDfF]?)[\\x00-\\x20]*') \
                 THEN TRY_CAST(regexp_replace(trim({column}, chr(32) || chr(9) || chr(10) || chr(13)), '[dDfF]$', '') AS {duck}) END",
                nan = quote_literal(&options.nan_value),
                pinf = quote_literal(&options.positive_inf),
                ninf = quote_literal(&options.negative_inf),
            )
        }
        DataType::Decimal { .. } => format!(
            "CASE WHEN regexp_full_match({column}, '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN TRY_CAST({column} AS {}) END",
            data_type.to_duckdb_sql()
        ),
        DataType::Boolean => format!("CASE lower({column}) WHEN 'true' THEN true WHEN 'false' THEN false END"),
        DataType::Date => format!(
            "CASE WHEN regexp_full_match({column}, '[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}') THEN TRY_CAST({column} AS DATE) END"
        ),
        // Zone-less text is a local time taken as Spark takes it (DST gaps and overlaps included); text with an
        // explicit offset is unambiguous.
        DataType::Timestamp | DataType::TimestampNtz => {
            let local = sparkduck_analysis::cast::cast_sql(column, &DataType::String, data_type, CastMode::Try)?;
            format!(
                "CASE WHEN regexp_full_match({column}, '{TIMESTAMP_REGEX}') THEN \
                 CASE WHEN regexp_matches({column}, '(Z|[+-][0-9]{{2}}:[0-9]{{2}})$') THEN TRY_CAST({column} AS {}) ELSE {local} END END",
                data_type.to_duckdb_sql()
            )
        }
        other => return Err(SparkError::unsupported(format!("reading CSV columns of type {}", other.simple_string()))),
    })
}

/// ISO-8601 timestamps as Spark's default parser reads them (date, optional time with up to 6 fraction digits,
/// optional `Z` or `±hh:mm` zone).
const TIMESTAMP_REGEX: &str =
    "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?(Z|[+-][0-9]{2}:[0-9]{2})?";

fn timestamp_like(text: &str) -> Option<bool> {
    // Some(has_zone) for a timestamp Spark's default parser accepts.
    let b = text.as_bytes();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    let (date, rest) = match text.find(['T', ' ']) {
        Some(p) => (&text[..p], Some(&text[p + 1..])),
        None => (text, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || !parts.iter().all(|p| digits(p)) || parts[1].len() > 2 || parts[2].len() > 2 {
        return None;
    }
    let padded = format!("{}-{:0>2}-{:0>2}", parts[0], parts[1], parts[2]);
    if !is_iso_date(&padded) || b.is_empty() {
        return None;
    }
    let Some(rest) = rest else { return Some(false) };
    let (time, zone) = if let Some(t) = rest.strip_suffix('Z') {
        (t, true)
    } else if rest.len() > 6 && matches!(rest.as_bytes()[rest.len() - 6], b'+' | b'-') && rest.as_bytes()[rest.len() - 3] == b':' {
        let z = &rest[rest.len() - 6..];
        if !digits(&z[1..3]) || !digits(&z[4..6]) {
            return None;
        }
        (&rest[..rest.len() - 6], true)
    } else {
        (rest, false)
    };
    let (hms, fraction) = match time.split_once('.') {
        Some((h, f)) => (h, Some(f)),
        None => (time, None),
    };
    let fields: Vec<&str> = hms.split(':').collect();
    let ok = (fields.len() == 2 || fields.len() == 3)
        && fields.iter().all(|f| digits(f) && f.len() <= 2)
        && fields[1].len() == 2
        && fields.get(2).is_none_or(|s| s.len() == 2)
        && fields[0].parse::<u32>().is_ok_and(|h| h < 24)
        && fields[1].parse::<u32>().is_ok_and(|m| m < 60)
        && fields.get(2).is_none_or(|s| s.parse::<u32>().is_ok_and(|v| v < 60))
        && fraction.is_none_or(|f| fields.len() == 3 && digits(f) && f.len() <= 6);
    ok.then_some(zone)
}

fn is_java_integer(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Spark's `CSVInferSchema.inferField` for one value, given the type so far.
fn infer_field(so_far: &DataType, field: &str, options: &CsvReadOptions) -> Result<DataType, SparkError> {
    use DataType::*;
    let try_boolean = |f: &str| if f.eq_ignore_ascii_case("true") || f.eq_ignore_ascii_case("false") { Boolean } else { String };
    let try_timestamp = |f: &str| match timestamp_like(f) {
        Some(_) => Timestamp,
        None => try_boolean(f),
    };
    let try_date = |f: &str| if is_iso_date(f) { Date } else { try_timestamp(f) };
    let try_double = |f: &str| {
        if java_double(f).is_some() || f == options.nan_value || f == options.positive_inf || f == options.negative_inf {
            Double
        } else if options.prefer_date {
            try_date(f)
        } else {
            try_timestamp(f)
        }
    };
    let try_decimal = |f: &str| {
        if is_java_integer(f) {
            let digits = f.trim_start_matches(['+', '-']).trim_start_matches('0').len().max(1);
            if digits <= 38 {
                return DataType::decimal(digits as u8, 0);
            }
        }
        try_double(f)
    };
    let try_long = |f: &str| if is_java_integer(f) && f.parse::<i64>().is_ok() { Long } else { try_decimal(f) };
    let try_integer = |f: &str| if is_java_integer(f) && f.parse::<i32>().is_ok() { Integer } else { try_long(f) };
    let inferred = match so_far {
        Null | Integer => try_integer(field),
        Long => try_long(field),
        Decimal { .. } => try_decimal(field),
        Double => try_double(field),
        Date => try_date(field),
        Timestamp => try_timestamp(field),
        Boolean => try_boolean(field),
        _ => String,
    };
    if java_double(field).is_none() && field.trim_start_matches(['+', '-']).starts_with("0x") {
        return Err(SparkError::unsupported("inferring the type of hexadecimal CSV values"));
    }
    Ok(compatible_type(so_far, &inferred).unwrap_or(String))
}

/// Spark's `CSVInferSchema.compatibleType`.
fn compatible_type(a: &DataType, b: &DataType) -> Option<DataType> {
    use DataType::*;
    let numeric_rank = |t: &DataType| match t {
        Integer => Some(0),
        Long => Some(1),
        Double => Some(3),
        _ => None,
    };
    let integral_decimal = |t: &DataType| match t {
        Integer => Some(DataType::decimal(10, 0)),
        Long => Some(DataType::decimal(20, 0)),
        _ => None,
    };
    Some(match (a, b) {
        (x, y) if x == y => x.clone(),
        (Null, t) | (t, Null) => t.clone(),
        // Spark 4: dates widen to timestamps.
        (Date, Timestamp) | (Timestamp, Date) => Timestamp,
        (String, _) | (_, String) => String,
        (Decimal { .. }, Double) | (Double, Decimal { .. }) => Double,
        (Decimal { precision: p1, scale: s1 }, Decimal { precision: p2, scale: s2 }) => {
            let scale = (*s1).max(*s2) as i32;
            let range = (*p1 as i32 - *s1 as i32).max(*p2 as i32 - *s2 as i32);
            if range + scale > 38 { Double } else { DataType::decimal((range + scale) as u8, scale as i8) }
        }
        (x @ Decimal { .. }, y) | (y, x @ Decimal { .. }) => return compatible_type(x, &integral_decimal(y)?),
        (x, y) => match (numeric_rank(x), numeric_rank(y)) {
            (Some(i), Some(j)) => if i >= j { x.clone() } else { y.clone() },
            _ => return None,
        },
    })
}

fn infer_types(rows: &[Vec<Option<String>>], width: usize, options: &CsvReadOptions) -> Result<Vec<DataType>, SparkError> {
    let mut types = vec![DataType::Null; width];
    for row in rows {
        for (i, value) in row.iter().enumerate().take(width) {
            if let Some(v) = value {
                if !v.is_empty() && *v != options.null_value {
                    types[i] = infer_field(&types[i], v, options)?;
                }
            }
        }
    }
    Ok(types.into_iter().map(|t| if t == DataType::Null { DataType::String } else { t }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn infer(values: &[&str]) -> DataType {
        let options = CsvReadOptions::parse(&BTreeMap::new()).unwrap();
        let rows: Vec<Vec<Option<String>>> = values.iter().map(|v| vec![Some(v.to_string())]).collect();
        infer_types(&rows, 1, &options).unwrap().remove(0)
    }

    #[test]
    fn inference_follows_sparks_order() {
        assert_eq!(infer(&["1", "2"]), DataType::Integer);
        assert_eq!(infer(&["1", "3000000000"]), DataType::Long);
        assert_eq!(infer(&["1", "1.5"]), DataType::Double);
        assert_eq!(infer(&["12345678901234567890"]), DataType::decimal(20, 0));
        assert_eq!(infer(&["12345678901234567890", "1"]), DataType::decimal(20, 0));
        assert_eq!(infer(&["2024-01-15"]), DataType::Date);
        assert_eq!(infer(&["2024-01-15 10:11:12"]), DataType::Timestamp);
        assert_eq!(infer(&["2024-01-15 10:11:12", "2024-01-16"]), DataType::Timestamp);
        assert_eq!(infer(&["2024-01-16", "2024-01-15 10:11:12"]), DataType::Timestamp);
        assert_eq!(infer(&["true", "FALSE"]), DataType::Boolean);
        assert_eq!(infer(&["1", "true"]), DataType::String);
        assert_eq!(infer(&["NaN", "1"]), DataType::Double);
        assert_eq!(infer(&["1d"]), DataType::Double);
        assert_eq!(infer(&[" 1"]), DataType::Double);
        assert_eq!(infer(&["abc"]), DataType::String);
    }

    #[test]
    fn header_names_as_spark() {
        let v = |s: &[&str]| s.iter().map(|x| Some(x.to_string())).collect::<Vec<_>>();
        assert_eq!(header_names(&v(&["a", "", "A"]), true), vec!["a0", "_c1", "A2"]);
        assert_eq!(header_names(&v(&["a", "b"]), false), vec!["_c0", "_c1"]);
    }
}
