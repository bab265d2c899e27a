//! The `Catalog` analysis asks about data sources, answered with DuckDB (file schemas are read, nothing runs).

use crate::duckdb::Connection;
use crate::errors::map_duckdb_error;
use crate::spark_types::spark_type_of_duckdb_type;
use crate::sql::{quote_identifier, quote_literal};
use crate::files::{list_files, Listing};
use sparkduck_analysis::logical::CastMode;
use sparkduck_analysis::{Catalog, DataType, Field, FileScan, FileSource, SparkError};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

pub struct DuckDbCatalog<'a> {
    pub(crate) connection: &'a Connection,
    /// The session's UDFs registered by name.
    pub(crate) udfs: &'a crate::udf::SessionUdfs,
    /// The session's persisted relations.
    pub(crate) cache: &'a crate::cache::RelationCache,
}

pub use crate::files::path_not_found;

/// `read_parquet([...])` over the given files (already listed).
pub fn read_parquet_sql(files: &[&Path], union_by_name: bool) -> String {
    let list: Vec<String> = files.iter().map(|f| quote_literal(&f.to_string_lossy())).collect();
    let merge = if union_by_name { ", union_by_name = true" } else { "" };
    // Partition columns come from sparkduck's own listing (Spark's inference), never DuckDB's hive detection.
    format!("read_parquet([{}], hive_partitioning = false{merge})", list.join(", "))
}

fn unable_to_infer(format: &str) -> SparkError {
    SparkError::new(
        "UNABLE_TO_INFER_SCHEMA",
        format!("Unable to infer schema for {format}. It must be specified manually."),
    )
    .with_sql_state("42KD9")
}

/// What the Parquet footers say about top-level columns beyond DuckDB's types: which are stored as INT96 (legacy
/// timestamps: DuckDB reads them as TIMESTAMP, Spark as instants, the values being UTC) and which hold INT96
/// fields nested inside a struct, list or map.
#[derive(Default, Debug)]
struct ParquetPhysical {
    int96: HashSet<String>,
    nested_int96: HashSet<String>,
    /// Each file's top-level INT96 columns (files without any are absent).
    int96_by_file: BTreeMap<String, BTreeSet<String>>,
}

/// Walks `parquet_schema` rows (`file_name, name, type, num_children`, each file's schema elements in depth-first
/// order, its root first) and notes the INT96 columns.
fn parquet_physical(rows: &[Vec<Option<String>>]) -> ParquetPhysical {
    let mut physical = ParquetPhysical::default();
    let mut file: Option<&str> = None;
    // Children still to come at each depth below the root; empty before a file's root.
    let mut remaining: Vec<u64> = Vec::new();
    let mut top = String::new();
    for row in rows {
        let text = |i: usize| row.get(i).and_then(|v| v.as_deref());
        let children: u64 = text(3).and_then(|n| n.parse().ok()).unwrap_or(0);
        if file != text(0) || remaining.is_empty() {
            // A file's root element.
            file = text(0);
            remaining.clear();
            if children > 0 {
                remaining.push(children);
            }
            continue;
        }
        let name = text(1).unwrap_or_default();
        if remaining.len() == 1 {
            top = name.to_string();
        }
        if text(2) == Some("INT96") {
            if remaining.len() == 1 {
                physical.int96.insert(top.clone());
                physical.int96_by_file.entry(file.unwrap_or_default().to_string()).or_default().insert(top.clone());
            } else {
                physical.nested_int96.insert(top.clone());
            }
        }
        if let Some(last) = remaining.last_mut() {
            *last -= 1;
        }
        if children > 0 {
            remaining.push(children);
        }
        while remaining.last() == Some(&0) {
            remaining.pop();
        }
    }
    physical
}

/// One top-level column of a Parquet source: its Spark field.
struct ParquetColumn {
    field: Field,
}

/// `read_parquet` over `files` with INT96 columns as Spark reads them: DuckDB reads INT96 as TIMESTAMP (local
/// time), Spark as UTC instants. Files are read in groups of the same INT96 columns, each converted to
/// TIMESTAMPTZ (`timezone('UTC', ...)`) before the groups meet, so that no TIMESTAMP/TIMESTAMPTZ cast between
/// files goes through the session time zone.
fn read_parquet_converted(files: &[&Path], union_by_name: bool, int96_by_file: &BTreeMap<String, BTreeSet<String>>) -> String {
    let none = BTreeSet::new();
    let mut groups: BTreeMap<&BTreeSet<String>, Vec<&Path>> = BTreeMap::new();
    for f in files {
        groups.entry(int96_by_file.get(f.to_string_lossy().as_ref()).unwrap_or(&none)).or_default().push(f);
    }
    if groups.len() == 1 && groups.contains_key(&none) {
        return read_parquet_sql(files, union_by_name);
    }
    let selects: Vec<String> = groups
        .iter()
        .map(|(int96, files)| {
            let scan = read_parquet_sql(files, union_by_name);
            if int96.is_empty() {
                return format!("SELECT * FROM {scan}");
            }
            let replaced: Vec<String> = int96
                .iter()
                .map(|c| format!("timezone('UTC', {q}) AS {q}", q = quote_identifier(c)))
                .collect();
            format!("SELECT * REPLACE ({}) FROM {scan}", replaced.join(", "))
        })
        .collect();
    format!("({}) AS __parquet", selects.join(" UNION ALL BY NAME "))
}

/// Options every file source accepts (Spark's `FileSourceOptions` and the file index's).
const COMMON_OPTIONS: &[&str] = &["path", "paths", "basepath", "recursivefilelookup", "pathglobfilter", "ignoremissingfiles"];

/// Refuses options sparkduck does not implement for `format` (Spark would honour them: ignoring one could change
/// the result). `ignoreCorruptFiles` is accepted only as false.
pub(crate) fn check_options(format: &str, options: &BTreeMap<String, String>, supported: &[&str]) -> Result<(), SparkError> {
    for (key, value) in options {
        if COMMON_OPTIONS.contains(&key.as_str()) || supported.contains(&key.as_str()) {
            continue;
        }
        if key == "ignorecorruptfiles" && value.trim().eq_ignore_ascii_case("false") {
            continue;
        }
        return Err(SparkError::unsupported(format!("{format} option {key}")));
    }
    Ok(())
}

/// A partition value as a DuckDB expression of its Spark type.
fn partition_literal(raw: &Option<String>, data_type: &DataType) -> Result<String, SparkError> {
    let duck = data_type.to_duckdb_sql();
    let Some(raw) = raw else { return Ok(format!("CAST(NULL AS {duck})")) };
    let text = match data_type {
        DataType::Double => {
            let v = crate::files::java_double(raw)
                .ok_or_else(|| SparkError::internal(format!("partition value {raw} is not a double")))?;
            if v.is_nan() {
                "NaN".to_string()
            } else if v.is_infinite() {
                if v > 0.0 { "Infinity".into() } else { "-Infinity".into() }
            } else {
                format!("{v:e}")
            }
        }
        DataType::Integer | DataType::Long => raw.trim_start_matches('+').to_string(),
        // A local time in the session zone, with Spark's rules for DST gaps and overlaps.
        DataType::Timestamp | DataType::TimestampNtz => {
            return sparkduck_analysis::cast::cast_sql(&quote_literal(raw), &DataType::String, data_type, CastMode::Try)
        }
        _ => raw.clone(),
    };
    Ok(format!("CAST({} AS {duck})", quote_literal(&text)))
}

/// Data columns as a source reads them, plus the SQL expression per column (reading `files`).
pub struct SourceColumns {
    pub fields: Vec<Field>,
    /// DuckDB expressions over the reader's output, one per field.
    pub exprs: Vec<String>,
}

/// `SELECT <data exprs>, <partition literals> FROM <reader(files)>` for each partition group, UNION ALL.
fn union_scan(
    listing: &Listing,
    partition_types: &[DataType],
    data: &SourceColumns,
    reader: &dyn Fn(&[&Path]) -> String,
    filter: Option<&str>,
    by_name: bool,
) -> Result<String, SparkError> {
    let data_items: Vec<String> =
        data.fields.iter().zip(&data.exprs).map(|(f, e)| format!("{e} AS {}", quote_identifier(&f.name))).collect();
    let filter = filter.map(|f| format!(" WHERE {f}")).unwrap_or_default();
    let mut selects = vec![];
    for (values, files) in listing.groups() {
        let mut partition_items = vec![];
        for ((name, _), (value, data_type)) in listing.partition_columns.iter().zip(values.iter().zip(partition_types)) {
            partition_items.push(format!("{} AS {}", partition_literal(value, data_type)?, quote_identifier(name)));
        }
        if by_name {
            // Groups may lack some of the merged columns: each keeps its own, and UNION BY NAME fills in NULLs.
            let items = std::iter::once("*".to_string()).chain(partition_items).collect::<Vec<_>>();
            selects.push(format!("SELECT {} FROM {}{filter}", items.join(", "), reader(&files)));
        } else {
            let items = data_items.iter().cloned().chain(partition_items).collect::<Vec<_>>();
            selects.push(format!("SELECT {} FROM {}{filter}", items.join(", "), reader(&files)));
        }
    }
    if !by_name {
        return Ok(selects.join(" UNION ALL "));
    }
    let partition_names = listing.partition_columns.iter().map(|(name, _)| quote_identifier(name));
    let items: Vec<String> = data_items.into_iter().chain(partition_names).collect();
    Ok(format!("SELECT {} FROM ({}) AS __merged", items.join(", "), selects.join(" UNION ALL BY NAME ")))
}

/// Splits a user schema into data fields and the types it gives partition columns; partition columns come last
/// (Spark: data schema ++ partition schema).
fn split_user_schema(
    schema: Option<&[Field]>,
    listing: &Listing,
) -> (Option<Vec<Field>>, Vec<DataType>, Vec<Field>) {
    let mut partition_types = vec![];
    let mut partition_fields = vec![];
    for (name, inferred) in &listing.partition_columns {
        let user = schema.and_then(|s| s.iter().find(|f| f.name.eq_ignore_ascii_case(name)));
        let data_type = user.map(|f| f.data_type.clone()).unwrap_or_else(|| inferred.clone());
        partition_fields.push(Field::new(name.clone(), data_type.clone(), true));
        partition_types.push(data_type);
    }
    let data = schema.map(|s| {
        s.iter()
            .filter(|f| !listing.partition_columns.iter().any(|(n, _)| f.name.eq_ignore_ascii_case(n)))
            .map(|f| Field::new(f.name.clone(), f.data_type.clone(), true))
            .collect()
    });
    (data, partition_types, partition_fields)
}

impl DuckDbCatalog<'_> {
    /// Parquet: the columns of the footers (`mergeSchema`: the union by name of every file's columns), INT96
    /// columns as UTC instants; a user schema selects columns by name (missing ones are null).
    fn parquet_source(&self, source: &FileSource<'_>) -> sparkduck_analysis::Result<FileScan> {
        check_options("parquet", source.options, &["mergeschema"])?;
        let merge = match source.options.get("mergeschema").map(|v| v.trim().to_ascii_lowercase()) {
            None => false,
            Some(v) if v == "false" => false,
            Some(v) if v == "true" => true,
            Some(v) => return Err(SparkError::unsupported(format!("parquet option mergeSchema={v}"))),
        };
        let listing = list_files(source.paths, source.options)?;
        if listing.files.is_empty() {
            return Err(unable_to_infer("Parquet"));
        }
        let all: Vec<&Path> = listing.files.iter().map(|(f, _)| f.as_path()).collect();
        let (columns, int96_by_file) = self.parquet_columns(&all, merge)?;
        let (user_data, partition_types, partition_fields) = split_user_schema(source.schema, &listing);
        let data = match user_data {
            None => {
                let mut fields = vec![];
                let mut exprs = vec![];
                for c in columns {
                    if listing.partition_columns.iter().any(|(n, _)| n.eq_ignore_ascii_case(&c.field.name)) {
                        return Err(SparkError::unsupported(format!(
                            "Parquet column `{}` that is also a partition column",
                            c.field.name
                        )));
                    }
                    exprs.push(quote_identifier(&c.field.name));
                    fields.push(c.field);
                }
                SourceColumns { fields, exprs }
            }
            Some(user) => {
                let mut exprs = vec![];
                for f in &user {
                    let found = columns.iter().find(|c| c.field.name.eq_ignore_ascii_case(&f.name));
                    exprs.push(match found {
                        None => format!("CAST(NULL AS {})", f.data_type.to_duckdb_sql()),
                        Some(c) if c.field.data_type == f.data_type => quote_identifier(&c.field.name),
                        Some(c) => {
                            return Err(SparkError::unsupported(format!(
                                "reading Parquet column `{}` of type {} as {}",
                                c.field.name,
                                c.field.data_type.simple_string(),
                                f.data_type.simple_string()
                            )))
                        }
                    });
                }
                SourceColumns { fields: user, exprs }
            }
        };
        if data.fields.is_empty() && partition_fields.is_empty() {
            return Err(SparkError::unsupported("Parquet files without columns"));
        }
        let reader = |files: &[&Path]| read_parquet_converted(files, merge, &int96_by_file);
        let scan = union_scan(&listing, &partition_types, &data, &reader, None, merge)?;
        let mut fields = data.fields;
        fields.extend(partition_fields);
        Ok(FileScan { fields, scan: Some(scan) })
    }

    /// The top-level columns of Parquet files as Spark reads them.
    #[allow(clippy::type_complexity)]
    fn parquet_columns(
        &self,
        files: &[&Path],
        merge: bool,
    ) -> sparkduck_analysis::Result<(Vec<ParquetColumn>, BTreeMap<String, BTreeSet<String>>)> {
        let source = read_parquet_sql(files, merge);
        // Preparing binds the scan: DuckDB reads the Parquet footers only.
        let prepared = self
            .connection
            .prepare(&format!("SELECT * FROM {source}"))
            .map_err(|e| map_duckdb_error(&e))?;
        let list: Vec<String> = files.iter().map(|f| quote_literal(&f.to_string_lossy())).collect();
        // The physical types DuckDB's column types hide (footers only, again).
        let rows = self
            .connection
            .query_text(&format!(
                "SELECT file_name, name, type, num_children FROM parquet_schema([{}])",
                list.join(", ")
            ))
            .map_err(|e| map_duckdb_error(&e))?;
        let physical = parquet_physical(&rows);
        let columns = (0..prepared.column_count())
            .map(|i| {
                let name = prepared.column_name(i);
                if physical.nested_int96.contains(&name) {
                    return Err(SparkError::unsupported(format!(
                        "Parquet column `{name}` with INT96 timestamps nested inside"
                    )));
                }
                let mut data_type = spark_type_of_duckdb_type(&prepared.column_logical_type(i), &name)?;
                // INT96 holds UTC instants: Spark reads it as `timestamp` (DuckDB: TIMESTAMP, i.e. ntz); the
                // reader converts it (read_parquet_converted).
                if physical.int96.contains(&name) && data_type == DataType::TimestampNtz {
                    data_type = DataType::Timestamp;
                }
                // Spark reads every Parquet column as nullable.
                Ok(ParquetColumn { field: Field::new(name, data_type, true) })
            })
            .collect::<sparkduck_analysis::Result<Vec<_>>>()?;
        Ok((columns, physical.int96_by_file))
    }

    /// A source read by a format module: listing, partition columns and the union of the groups.
    fn formatted_source(
        &self,
        source: &FileSource<'_>,
        format_name: &str,
        data: &dyn Fn(&Listing, Option<Vec<Field>>) -> sparkduck_analysis::Result<(SourceColumns, Box<dyn Fn(&[&Path]) -> String>, Option<String>)>,
    ) -> sparkduck_analysis::Result<FileScan> {
        let listing = list_files(source.paths, source.options)?;
        if listing.files.is_empty() && source.schema.is_none() {
            return Err(unable_to_infer(format_name));
        }
        let (user_data, partition_types, partition_fields) = split_user_schema(source.schema, &listing);
        let (columns, reader, filter) = data(&listing, user_data)?;
        for f in &columns.fields {
            if listing.partition_columns.iter().any(|(n, _)| n.eq_ignore_ascii_case(&f.name)) {
                return Err(SparkError::unsupported(format!(
                    "{format_name} column `{}` that is also a partition column",
                    f.name
                )));
            }
        }
        let scan = if listing.files.is_empty() {
            // No files, a user schema: no rows.
            let items: Vec<String> = columns
                .fields
                .iter()
                .map(|f| format!("CAST(NULL AS {}) AS {}", f.data_type.to_duckdb_sql(), quote_identifier(&f.name)))
                .collect();
            format!("SELECT {} WHERE false", items.join(", "))
        } else {
            union_scan(&listing, &partition_types, &columns, reader.as_ref(), filter.as_deref(), false)?
        };
        let mut fields = columns.fields;
        fields.extend(partition_fields);
        Ok(FileScan { fields, scan: Some(scan) })
    }
}

/// Spark's built-in file formats sparkduck does not read (yet): refused as unsupported; any other name is
/// Spark's `DATA_SOURCE_NOT_FOUND`.
const OTHER_SPARK_FORMATS: &[&str] = &["orc", "avro", "xml", "binaryfile", "jdbc", "delta", "iceberg", "noop", "console"];

pub(crate) fn unknown_format(format: &str, verb: &str) -> SparkError {
    if OTHER_SPARK_FORMATS.contains(&format) {
        return SparkError::unsupported(format!("{verb} {format} files"));
    }
    SparkError::new(
        "DATA_SOURCE_NOT_FOUND",
        format!("Failed to find the data source: {format}. Make sure the provider name is correct and the package is properly registered and compatible with your Spark version."),
    )
    .with_sql_state("42K02")
}

impl Catalog for DuckDbCatalog<'_> {
    fn cached_relation(&self, relation: &sparkduck_plan::proto::Relation) -> Option<sparkduck_analysis::CachedRelation> {
        self.cache.lookup(relation).map(|c| (*c).clone())
    }

    fn user_function(&self, name: &str) -> Option<sparkduck_plan::proto::CommonInlineUserDefinedFunction> {
        self.udfs.lookup_name(name)
    }

    fn file_schema(
        &self,
        format: &str,
        paths: &[String],
        options: &BTreeMap<String, String>,
    ) -> sparkduck_analysis::Result<Vec<Field>> {
        let source = FileSource { format, paths, options, schema: None };
        Ok(self.file_source(&source)?.fields)
    }

    /// The scan of `file_source`; `None` for formats the engine does not read.
    fn file_scan_sql(
        &self,
        format: &str,
        paths: &[String],
        options: &BTreeMap<String, String>,
    ) -> sparkduck_analysis::Result<Option<String>> {
        if !["parquet", "csv", "json", "text"].contains(&format.to_ascii_lowercase().as_str()) {
            return Ok(None);
        }
        let source = FileSource { format, paths, options, schema: None };
        Ok(self.file_source(&source)?.scan)
    }

    fn file_source(&self, source: &FileSource<'_>) -> sparkduck_analysis::Result<FileScan> {
        let lowered: BTreeMap<String, String> =
            source.options.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.clone())).collect();
        let format = source.format.to_ascii_lowercase();
        let source = FileSource { format: &format, options: &lowered, ..*source };
        match format.as_str() {
            "parquet" => self.parquet_source(&source),
            "csv" => {
                let options = crate::csv::CsvReadOptions::parse(source.options)?;
                self.formatted_source(&source, "CSV", &|listing, user| {
                    crate::csv::csv_columns(self.connection, listing, &options, user)
                })
            }
            "json" => {
                let options = crate::json::JsonReadOptions::parse(source.options)?;
                self.formatted_source(&source, "JSON", &|listing, user| {
                    crate::json::json_columns(listing, &options, user)
                })
            }
            "text" => {
                let options = crate::json::TextReadOptions::parse(source.options)?;
                self.formatted_source(&source, "Text", &|_, user| crate::json::text_columns(&options, user))
            }
            other => Err(unknown_format(other, "reading")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_paths_are_spark_errors() {
        let none = BTreeMap::new();
        let e = list_files(&["/definitely/not/here.parquet".into()], &none).unwrap_err();
        assert_eq!(e.error_class, "PATH_NOT_FOUND");
        assert_eq!(e.message, "Path does not exist: file:/definitely/not/here.parquet.");
        let e = list_files(&["file:/definitely/not/here".into()], &none).unwrap_err();
        assert_eq!(e.message, "Path does not exist: file:/definitely/not/here.");
        assert_eq!(list_files(&["s3://b/k".into()], &none).unwrap_err().error_class, "SPARKDUCK_UNSUPPORTED");
    }

    fn row(
        file: &str,
        name: &str,
        physical: Option<&str>,
        children: Option<u64>,
    ) -> Vec<Option<String>> {
        vec![
            Some(file.to_string()),
            Some(name.to_string()),
            physical.map(str::to_string),
            children.map(|n| n.to_string()),
        ]
    }

    #[test]
    fn int96_columns_are_found_at_the_top_and_nested() {
        // File a: root{id INT32, ts INT96, st{x INT32, t INT96}, l{list{element INT64}}, after INT96};
        // file b: root{id INT32, other INT96}.
        let rows = vec![
            row("a", "schema", None, Some(5)),
            row("a", "id", Some("INT32"), None),
            row("a", "ts", Some("INT96"), None),
            row("a", "st", None, Some(2)),
            row("a", "x", Some("INT32"), None),
            row("a", "t", Some("INT96"), None),
            row("a", "l", None, Some(1)),
            row("a", "list", None, Some(1)),
            row("a", "element", Some("INT64"), None),
            row("a", "after", Some("INT96"), Some(0)),
            row("b", "schema", None, Some(2)),
            row("b", "id", Some("INT32"), None),
            row("b", "other", Some("INT96"), None),
        ];
        let physical = parquet_physical(&rows);
        let mut int96: Vec<_> = physical.int96.iter().cloned().collect();
        int96.sort();
        assert_eq!(int96, ["after", "other", "ts"]);
        assert_eq!(
            physical.nested_int96.into_iter().collect::<Vec<_>>(),
            ["st"]
        );
    }
}
