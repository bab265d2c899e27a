//! Analysis and translation: a Spark Connect `Relation` in, DuckDB SQL and Spark's output schema out.
//!
//! This crate knows Spark's semantics (name resolution, types, coercion, output names) and DuckDB's SQL dialect.
//! It does not run anything: what it must know about data sources (file schemas) it asks a [`Catalog`].
//!
//! Pipeline: `analyzer` resolves the plan into the logical form of `logical` (columns with ids, qualifiers,
//! types, nullability; typed expressions), using `functions` (the registry), `coercion` and `cast`; `emit`
//! turns the logical form into one DuckDB query.

pub mod analyzer;
pub mod cast;
pub mod coercion;
pub mod emit;
pub mod error;
pub mod functions;
pub mod join;
pub mod literal;
pub mod logical;
pub mod na;
pub mod partitioning;
pub mod sample;
pub mod setop;
pub mod sql;
pub mod translate;
pub mod types;
pub mod window;
pub mod grouping;

pub use error::{Result, SparkError};
pub use translate::{translate, LocalTable, Translated};
pub use types::{from_duckdb_type_name, schema_from_json, schema_to_json, DataType, Field};

use std::collections::BTreeMap;

/// Session settings that change analysis (Spark conf keys in comments).
#[derive(Debug, Clone)]
pub struct AnalysisConfig {
    /// `spark.sql.ansi.enabled` (Spark 4 default: true).
    pub ansi: bool,
    /// `spark.sql.caseSensitive` (default false).
    pub case_sensitive: bool,
    /// `spark.sql.session.timeZone`.
    pub session_time_zone: String,
}

impl Default for AnalysisConfig {
    fn default() -> Self {
        AnalysisConfig { ansi: true, case_sensitive: false, session_time_zone: "UTC".to_string() }
    }
}

/// What analysis needs to know about the outside world; the engine implements it with DuckDB.
pub trait Catalog {
    /// The Spark schema of a file source (`format` is Spark's: "parquet", "csv", ...), as Spark would infer it.
    fn file_schema(&self, format: &str, paths: &[String], options: &BTreeMap<String, String>) -> Result<Vec<Field>>;

    /// A DuckDB query that reads the source with exactly the columns of `file_schema` (same order, named by the
    /// Spark field names, values already in the DuckDB form of their Spark types: e.g. Parquet INT96 timestamps,
    /// which DuckDB reads as TIMESTAMP, converted to TIMESTAMPTZ as Spark reads them as instants), with the paths
    /// resolved as the catalog resolved them. `None`: analysis reads the paths with `read_parquet` itself.
    fn file_scan_sql(
        &self,
        _format: &str,
        _paths: &[String],
        _options: &BTreeMap<String, String>,
    ) -> Result<Option<String>> {
        Ok(None)
    }
}
