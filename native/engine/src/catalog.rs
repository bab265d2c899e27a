//! The `Catalog` analysis asks about data sources, answered with DuckDB (file schemas are read, nothing runs).

use crate::duckdb::Connection;
use crate::errors::map_duckdb_error;
use crate::spark_types::spark_type_of_duckdb_type;
use crate::sql::quote_literal;
use sparkduck_analysis::{Catalog, Field, SparkError};
use std::collections::BTreeMap;
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
        let sql = format!("SELECT * FROM {}", read_parquet_sql(paths)?);
        // Preparing binds the scan: DuckDB reads the Parquet footers only.
        let prepared = self
            .connection
            .prepare(&sql)
            .map_err(|e| map_duckdb_error(&e))?;
        (0..prepared.column_count())
            .map(|i| {
                let name = prepared.column_name(i);
                let data_type = spark_type_of_duckdb_type(&prepared.column_logical_type(i), &name)?;
                // Spark reads every Parquet column as nullable.
                Ok(Field::new(name, data_type, true))
            })
            .collect()
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
}
