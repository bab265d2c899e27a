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
pub mod generate;
pub mod join;
pub mod lambda;
pub mod literal;
pub mod logical;
pub mod na;
pub mod partitioning;
pub mod sample;
pub mod setop;
pub mod sql;
pub mod subquery;
pub mod extract;
pub mod translate;
pub mod types;
pub mod udf;
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

/// A persisted relation's materialized result: a table of the session's database with columns `col0`, `col1`, ...
/// in the DuckDB form of `fields`' types.
#[derive(Debug, Clone)]
pub struct CachedRelation {
    pub table: String,
    pub fields: Vec<Field>,
}

/// What analysis needs to know about the outside world; the engine implements it with DuckDB.
pub trait Catalog {
    /// The materialized result of `relation` when it was persisted (`Dataset.persist`): analysis reads it instead.
    fn cached_relation(&self, _relation: &sparkduck_plan::proto::Relation) -> Option<CachedRelation> {
        None
    }

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

    /// A function the session registered by name (`spark.udf.register`): the UDF call without arguments.
    fn user_function(&self, _name: &str) -> Option<sparkduck_plan::proto::CommonInlineUserDefinedFunction> {
        None
    }

    /// Schema and scan of a file source in one call (sources whose schema is inferred from the data read it
    /// once). A user-specified schema (`spark.read.schema(..)`) is given in `source.schema`; the default refuses it.
    fn file_source(&self, source: &FileSource<'_>) -> Result<FileScan> {
        if source.schema.is_some() {
            return Err(SparkError::unsupported(format!("a user-specified schema for {}", source.format)));
        }
        let fields = self.file_schema(source.format, source.paths, source.options)?;
        let scan = self.file_scan_sql(source.format, source.paths, source.options)?;
        Ok(FileScan { fields, scan })
    }
}

/// A `spark.read` data source: Spark's format name (lower case), paths, options (keys lower-cased: Spark's are
/// case-insensitive) and the user-specified schema if any.
#[derive(Debug, Clone, Copy)]
pub struct FileSource<'a> {
    pub format: &'a str,
    pub paths: &'a [String],
    pub options: &'a BTreeMap<String, String>,
    pub schema: Option<&'a [Field]>,
}

/// What a catalog answers for a file source: Spark's schema and the DuckDB query reading it (see
/// [`Catalog::file_scan_sql`]).
#[derive(Debug, Clone)]
pub struct FileScan {
    pub fields: Vec<Field>,
    pub scan: Option<String>,
}
