//! Decode + translate of a TPC-H Q1-shaped plan (read lineitem parquet, filter on a date, decimal arithmetic,
//! groupBy 2 columns with 8 aggregates, sort), with a mock Catalog. Goal: well under 1 ms.
//! Run: `cargo bench -p sparkduck-analysis --bench translate`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use prost::Message;
use sparkduck_analysis::AnalysisConfig;

#[path = "../tests/common/mod.rs"]
mod common;
use common::q1::{q1, LineitemCatalog, LINEITEM_PATH};

fn bench(c: &mut Criterion) {
    let bytes = q1(LINEITEM_PATH).encode_to_vec();
    let config = AnalysisConfig::default();
    let catalog = LineitemCatalog;
    let t = sparkduck_analysis::translate(&q1(LINEITEM_PATH), &catalog, &config).expect("Q1 translates");
    eprintln!("Q1 SQL ({} bytes): {}", t.sql.len(), t.sql);
    c.bench_function("decode + translate TPC-H Q1", |b| {
        b.iter(|| {
            let rel = sparkduck_plan::decode_relation(black_box(&bytes)).unwrap();
            sparkduck_analysis::translate(&rel, &catalog, &config).unwrap()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
