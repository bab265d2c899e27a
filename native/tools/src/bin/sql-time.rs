//! Times SQL texts on the pinned DuckDB library (for translation work: compare the SQL sparkduck emits with
//! hand-written variants without a JVM). Each statement file is run once to warm up, then `runs` times; prints the
//! median wall time and the result row count. Statements are separated by a line holding only `;;`.
//!
//! With `SQL_TIME_PRINT=1`, prints the text columns of each last result (e.g. of `EXPLAIN ANALYZE ...`).
//!
//! usage: sql-time <runs> <file.sql> [more.sql ...]
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: sql-time <runs> <file.sql> [more.sql ...]");
        std::process::exit(2);
    }
    let runs: usize = args[1].parse().unwrap_or_else(|_| {
        eprintln!("sql-time: runs must be a positive integer, got {:?}", args[1]);
        std::process::exit(2)
    });
    let conn = duckdb::Connection::open_in_memory().unwrap_or_else(|e| {
        eprintln!("sql-time: {e}");
        std::process::exit(1)
    });
    for file in &args[2..] {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| {
            eprintln!("sql-time: {file}: {e}");
            std::process::exit(1)
        });
        for (i, sql) in text.split("\n;;\n").map(str::trim).filter(|s| !s.is_empty()).enumerate() {
            let mut times = Vec::with_capacity(runs);
            let mut rows = 0usize;
            for run in 0..=runs {
                let start = Instant::now();
                let print = run == runs && std::env::var_os("SQL_TIME_PRINT").is_some();
                let result = conn.prepare(sql).and_then(|mut stmt| {
                    stmt.query_arrow([]).map(|batches| {
                        batches
                            .map(|b| {
                                if print {
                                    print_text_columns(&b);
                                }
                                b.num_rows()
                            })
                            .sum::<usize>()
                    })
                });
                match result {
                    Ok(n) => rows = n,
                    Err(e) => {
                        eprintln!("sql-time: {file} #{i}: {e}");
                        break;
                    }
                }
                if run > 0 {
                    times.push(start.elapsed().as_secs_f64() * 1000.0);
                }
            }
            times.sort_by(f64::total_cmp);
            let median = times.get(times.len() / 2).copied().unwrap_or(f64::NAN);
            println!("{file} #{i}: median {median:.1} ms over {} runs, {rows} rows", times.len());
        }
    }
}

fn print_text_columns(batch: &duckdb::arrow::record_batch::RecordBatch) {
    use duckdb::arrow::array::{Array, StringArray};
    for column in batch.columns() {
        if let Some(strings) = column.as_any().downcast_ref::<StringArray>() {
            for i in 0..strings.len() {
                if strings.is_valid(i) {
                    println!("{}", strings.value(i));
                }
            }
        }
    }
}
