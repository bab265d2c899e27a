//! Execution on embedded DuckDB: sessions, streaming Arrow results, the DuckDB-backed catalog, error mapping.

pub mod cache;
pub mod catalog;
pub mod config;
pub mod csv;
pub mod duckdb;
pub mod errors;
pub mod files;
pub mod json;
pub mod session;
pub mod spark_types;
pub mod sql;
pub mod stream;
pub mod udf;
pub mod write;

pub use config::SessionConfig;
pub use session::{QueryResult, Session};
pub use sparkduck_analysis::{DataType, Field, LocalTable, SparkError};
pub use stream::{arrow_error, spark_error_of, ResultStream};

/// `sparkduck <version>, DuckDB <version>`.
pub fn version() -> String {
    format!(
        "sparkduck {}, DuckDB {}",
        env!("CARGO_PKG_VERSION"),
        duckdb::library_version()
    )
}
