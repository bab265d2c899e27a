//! Streaming throughput of `Session::execute_sql`: rows and batches per second for a generated result.
//! `cargo run --release -p sparkduck-engine --example stream_throughput -- [rows] [threads]`

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
