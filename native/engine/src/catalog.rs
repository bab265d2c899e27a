//! The `Catalog` analysis asks about data sources, answered with DuckDB (file schemas are read, nothing runs).

use crate::duckdb::Connection;
use crate::errors::map_duckdb_error;
use crate::spark_types::spark_type_of_duckdb_type;
use crate::sql::{quote_identifier, quote_literal};
use sparkduck_analysis::{Catalog, DataType, Field, SparkError};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

pub struct DuckDbCatalog<'a> {
    pub(crate) connection: &'a Connection,
}

/// Spark's error for a path that matches nothing: `[PATH_NOT_FOUND] Path does not exist: file:<path>.`
pub fn path_not_found(path: &str) -> SparkError {
    SparkError::new(
        "PATH_NOT_FOUND",
        format!("Path does not exist: file:{path}."),
    )
    .with_sql_state("42K03")
}

fn has_glob(path: &str) -> bool {
    path.contains(['*', '?', '['])
}

/// A Spark path (`/x`, `file:/x`, `file:///x`, relative) as a local absolute path.
fn local_path(path: &str) -> Result<PathBuf, SparkError> {
    let stripped = if let Some(rest) = path.strip_prefix("file://") {
        rest
    } else if let Some(rest) = path.strip_prefix("file:") {
        rest
    } else if path.contains("://") {
        return Err(SparkError::unsupported(format!(
            "reading from {path} (only local files)"
        )));
    } else {
        path
    };
    let p = Path::new(stripped);
    Ok(if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    })
}

/// The files DuckDB should read for one Spark path: a file, a glob, or a directory of `.parquet` files.
/// Partitioned directories (`key=value` sub-directories) are refused: Spark adds partition columns with its own
/// type inference, which is not implemented yet.
pub fn parquet_read_spec(path: &str) -> Result<String, SparkError> {
    let local = local_path(path)?;
    let text = local.to_string_lossy().into_owned();
    if has_glob(&text) {
        return Ok(text);
    }
    let metadata = std::fs::metadata(&local).map_err(|_| path_not_found(&text))?;
    if !metadata.is_dir() {
        return Ok(text);
    }
    let entries = std::fs::read_dir(&local).map_err(|_| path_not_found(&text))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && name.contains('=') && !name.starts_with(['_', '.']) {
            return Err(SparkError::unsupported(format!(
                "partitioned Parquet directory {text}"
            )));
        }
    }
    Ok(format!("{}/*.parquet", text.trim_end_matches('/')))
}

/// `read_parquet([...])` over the given Spark paths.
pub fn read_parquet_sql(paths: &[String]) -> Result<String, SparkError> {
    if paths.is_empty() {
        return Err(SparkError::new(
            "UNABLE_TO_INFER_SCHEMA",
            "Unable to infer schema for Parquet. It must be specified manually.",
        )
        .with_sql_state("42KD9"));
    }
    let specs: Vec<String> = paths
        .iter()
        .map(|p| parquet_read_spec(p).map(|s| quote_literal(&s)))
        .collect::<Result<_, _>>()?;
    Ok(format!("read_parquet([{}])", specs.join(", ")))
}

/// What the Parquet footers say about top-level columns beyond DuckDB's types: which are stored as INT96 (legacy
/// timestamps: DuckDB reads them as TIMESTAMP, Spark as instants, the values being UTC) and which hold INT96
/// fields nested inside a struct, list or map.
#[derive(Default, Debug)]
struct ParquetPhysical {
    int96: HashSet<String>,
    nested_int96: HashSet<String>,
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

/// One top-level column of a Parquet source: its Spark field and whether DuckDB's value must be converted
/// (INT96: TIMESTAMP taken as UTC → TIMESTAMPTZ).
struct ParquetColumn {
    field: Field,
    int96: bool,
}

impl DuckDbCatalog<'_> {
    /// The `read_parquet(...)` call for `paths` and its columns as Spark reads them.
    fn parquet_scan(
        &self,
        paths: &[String],
    ) -> sparkduck_analysis::Result<(String, Vec<ParquetColumn>)> {
        let specs: Vec<String> = paths
            .iter()
            .map(|p| parquet_read_spec(p).map(|s| quote_literal(&s)))
            .collect::<Result<_, _>>()?;
        let source = read_parquet_sql(paths)?;
        let sql = format!("SELECT * FROM {source}");
        // Preparing binds the scan: DuckDB reads the Parquet footers only.
        let prepared = self
            .connection
            .prepare(&sql)
            .map_err(|e| map_duckdb_error(&e))?;
        // The physical types DuckDB's column types hide (footers only, again).
        let rows = self
            .connection
            .query_text(&format!(
                "SELECT file_name, name, type, num_children FROM parquet_schema([{}])",
                specs.join(", ")
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
                let mut data_type =
                    spark_type_of_duckdb_type(&prepared.column_logical_type(i), &name)?;
                // INT96 holds UTC instants: Spark reads it as `timestamp` (DuckDB: TIMESTAMP, i.e. ntz).
                let int96 = physical.int96.contains(&name) && data_type == DataType::TimestampNtz;
                if int96 {
                    data_type = DataType::Timestamp;
                }
                // Spark reads every Parquet column as nullable.
                Ok(ParquetColumn {
                    field: Field::new(name, data_type, true),
                    int96,
                })
            })
            .collect::<Result<Vec<_>, SparkError>>()?;
        Ok((source, columns))
    }
}

impl Catalog for DuckDbCatalog<'_> {
    fn file_schema(
        &self,
        format: &str,
        paths: &[String],
        _options: &BTreeMap<String, String>,
    ) -> sparkduck_analysis::Result<Vec<Field>> {
        if !format.eq_ignore_ascii_case("parquet") {
            return Err(SparkError::unsupported(format!("reading {format} files")));
        }
        let (_, columns) = self.parquet_scan(paths)?;
        Ok(columns.into_iter().map(|c| c.field).collect())
    }

    /// `SELECT <columns> FROM read_parquet([<resolved paths>])`, INT96 columns as UTC instants (TIMESTAMPTZ).
    fn file_scan_sql(
        &self,
        format: &str,
        paths: &[String],
        _options: &BTreeMap<String, String>,
    ) -> sparkduck_analysis::Result<Option<String>> {
        if !format.eq_ignore_ascii_case("parquet") {
            return Ok(None);
        }
        let (source, columns) = self.parquet_scan(paths)?;
        if columns.is_empty() {
            return Err(SparkError::unsupported("Parquet files without columns"));
        }
        let list: Vec<String> = columns
            .iter()
            .map(|c| {
                let column = quote_identifier(&c.field.name);
                if c.int96 {
                    format!("timezone('UTC', {column}) AS {column}")
                } else {
                    column
                }
            })
            .collect();
        Ok(Some(format!("SELECT {} FROM {source}", list.join(", "))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_paths_are_spark_errors() {
        let e = parquet_read_spec("/definitely/not/here.parquet").unwrap_err();
        assert_eq!(e.error_class, "PATH_NOT_FOUND");
        assert_eq!(
            e.message,
            "Path does not exist: file:/definitely/not/here.parquet."
        );
        let e = parquet_read_spec("file:/definitely/not/here").unwrap_err();
        assert_eq!(e.message, "Path does not exist: file:/definitely/not/here.");
        assert_eq!(
            parquet_read_spec("s3://b/k").unwrap_err().error_class,
            "SPARKDUCK_UNSUPPORTED"
        );
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
