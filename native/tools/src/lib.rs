//! Test and benchmark data generation with DuckDB's official `tpch`/`tpcds` extensions, loaded from the local files
//! that scripts/setup.sh fetched: every table as Parquet (one directory per table, `part-00000.parquet`) and every
//! query text of the extension as `queries/<n>.sql` (third-party texts are generated, never committed).
use std::path::Path;

/// One TPC benchmark as its DuckDB extension exposes it.
pub struct Benchmark {
    /// The extension's file name stem (`tpch`, `tpcds`).
    pub extension: &'static str,
    /// The data generator call (`dbgen`, `dsdgen`).
    pub generator: &'static str,
    /// The table function listing the query texts (`tpch_queries`, `tpcds_queries`).
    pub queries: &'static str,
}

pub const TPCH: Benchmark = Benchmark { extension: "tpch", generator: "dbgen", queries: "tpch_queries" };
pub const TPCDS: Benchmark = Benchmark { extension: "tpcds", generator: "dsdgen", queries: "tpcds_queries" };

fn sql_string(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn sql_identifier(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Generates `benchmark` at scale factor `sf` into `out`; prints each file written.
pub fn generate(benchmark: &Benchmark, sf: f64, out: &Path, ext_dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(out)?;
    let conn = duckdb::Connection::open_in_memory()?;
    let ext = ext_dir.join(format!("{}.duckdb_extension", benchmark.extension));
    conn.execute_batch(&format!("LOAD {}; CALL {}(sf = {sf});", sql_string(&ext.to_string_lossy()), benchmark.generator))?;
    let tables: Vec<String> = conn
        .prepare("SELECT table_name FROM duckdb_tables() ORDER BY table_name")?
        .query_map([], |row| row.get(0))?
        .collect::<duckdb::Result<_>>()?;
    for table in &tables {
        let dir = out.join(table);
        std::fs::create_dir_all(&dir)?;
        let file = dir.join("part-00000.parquet");
        conn.execute_batch(&format!(
            "COPY {} TO {} (FORMAT parquet, COMPRESSION snappy)",
            sql_identifier(table),
            sql_string(&file.to_string_lossy())
        ))?;
        println!("{}", file.display());
    }
    let queries = out.join("queries");
    std::fs::create_dir_all(&queries)?;
    let texts: Vec<(i64, String)> = conn
        .prepare(&format!("SELECT query_nr, query FROM {}()", benchmark.queries))?
        .query_map([], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?)))?
        .collect::<duckdb::Result<_>>()?;
    for (number, text) in texts {
        std::fs::write(queries.join(format!("{number}.sql")), text)?;
    }
    Ok(())
}

/// The command-line entry point shared by the generator binaries: `<tool> <scale factor> <output dir>`.
pub fn main_for(benchmark: &Benchmark) {
    let tool = format!("{}-gen", benchmark.extension);
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: {tool} <scale factor> <output dir>");
        std::process::exit(2);
    }
    let sf: f64 = args[1].parse().unwrap_or_else(|_| {
        eprintln!("{tool}: scale factor must be a number, got {:?}", args[1]);
        std::process::exit(2)
    });
    let Some(ext_dir) = std::env::var_os("DUCKDB_EXTENSION_DIR") else {
        eprintln!("{tool}: DUCKDB_EXTENSION_DIR is not set (source scripts/env.sh)");
        std::process::exit(2)
    };
    if let Err(e) = generate(benchmark, sf, Path::new(&args[2]), Path::new(&ext_dir)) {
        eprintln!("{tool}: {e}");
        std::process::exit(1);
    }
}
