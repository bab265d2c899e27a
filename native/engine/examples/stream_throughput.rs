//! Streaming throughput of `Session::execute_sql`: rows and batches per second for a generated result.
//! `cargo run --release -p sparkduck-engine --example stream_throughput -- [rows] [threads]`
//! Also times the same query aggregated inside DuckDB (no result transfer), to separate DuckDB's work from the
//! Arrow conversion and streaming.

use sparkduck_engine::Session;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let rows: u64 = args
        .next()
        .map(|a| a.parse().expect("rows"))
        .unwrap_or(50_000_000);
    let threads: u32 = args
        .next()
        .map(|a| a.parse().expect("threads"))
        .unwrap_or(2);
    let session = Session::open_json(&format!(r#"{{"threads":{threads}}}"#)).expect("open");
    let sql = format!("SELECT range AS id, range * 0.5 AS half, 'row ' || (range % 1000) AS label FROM range({rows})");
    let start = Instant::now();
    let counted = session
        .execute_sql(
            &format!("SELECT count(label) AS n FROM ({sql})"),
            vec![],
            None,
        )
        .expect("count");
    counted.reader.for_each(|b| drop(b.expect("batch")));
    println!(
        "DuckDB alone (count over the query): {:.2} s",
        start.elapsed().as_secs_f64()
    );
    let start = Instant::now();
    let result = session.execute_sql(&sql, vec![], None).expect("execute");
    let (mut seen, mut batches) = (0u64, 0u64);
    for batch in result.reader {
        seen += batch.expect("batch").num_rows() as u64;
        batches += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(seen, rows);
    println!(
        "{rows} rows in {batches} batches ({:.0} rows/batch): {secs:.2} s, {:.1} M rows/s",
        rows as f64 / batches as f64,
        rows as f64 / secs / 1e6
    );
}
