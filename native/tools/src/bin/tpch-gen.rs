//! Writes TPC-H tables as Parquet (one directory per table) with DuckDB's official `tpch` extension, loaded from
//! the local file that scripts/setup.sh fetched.
//!
//! usage: tpch-gen <scale factor> <output dir>
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: tpch-gen <scale factor> <output dir>");
        std::process::exit(2);
    }
    let sf: f64 = args[1].parse().unwrap_or_else(|_| {
        eprintln!("tpch-gen: scale factor must be a number, got {:?}", args[1]);
        std::process::exit(2)
    });
    let out = Path::new(&args[2]);
    let ext_dir = std::env::var("DUCKDB_EXTENSION_DIR").unwrap_or_else(|_| {
        eprintln!("tpch-gen: DUCKDB_EXTENSION_DIR is not set (source scripts/env.sh)");
        std::process::exit(2)
    });
    if let Err(e) = generate(sf, out, Path::new(&ext_dir)) {
        eprintln!("tpch-gen: {e}");
        std::process::exit(1);
    }
}

fn sql_string(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn generate(sf: f64, out: &Path, ext_dir: &Path) -> duckdb::Result<()> {
    std::fs::create_dir_all(out).expect("create output directory");
    let conn = duckdb::Connection::open_in_memory()?;
    let ext = ext_dir.join("tpch.duckdb_extension");
    conn.execute_batch(&format!("LOAD {}; CALL dbgen(sf = {sf});", sql_string(&ext.to_string_lossy())))?;
    for table in ["lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region"] {
        let dir = out.join(table);
        std::fs::create_dir_all(&dir).expect("create table directory");
        let file = dir.join("part-00000.parquet");
        conn.execute_batch(&format!(
            "COPY \"{table}\" TO {} (FORMAT parquet, COMPRESSION snappy)",
            sql_string(&file.to_string_lossy())
        ))?;
        println!("{}", file.display());
    }
    Ok(())
}
