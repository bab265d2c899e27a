//! Execution on embedded DuckDB: sessions, streaming Arrow results, the DuckDB-backed catalog.
