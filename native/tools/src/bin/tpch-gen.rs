//! Writes the TPC-H tables as Parquet and the query texts with DuckDB's official `tpch` extension.
//!
//! usage: tpch-gen <scale factor> <output dir>
fn main() {
    sparkduck_tools::main_for(&sparkduck_tools::TPCH);
}
