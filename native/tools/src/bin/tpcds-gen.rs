//! Writes the TPC-DS tables as Parquet and the 99 query texts with DuckDB's official `tpcds` extension.
//!
//! usage: tpcds-gen <scale factor> <output dir>
fn main() {
    sparkduck_tools::main_for(&sparkduck_tools::TPCDS);
}
