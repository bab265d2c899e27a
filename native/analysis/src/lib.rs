//! Analysis and translation: a Spark Connect `Relation` in, DuckDB SQL and Spark's output schema out.
//!
//! This crate knows Spark's semantics (name resolution, types, coercion, output names) and DuckDB's SQL dialect.
//! It does not run anything: what it must know about data sources (file schemas) it asks a [`Catalog`].

pub mod error;
pub mod types;
pub mod translate;

pub use error::{Result, SparkError};
pub use translate::{translate, Translated, LocalTable};
pub use types::{DataType, Field};

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
}
