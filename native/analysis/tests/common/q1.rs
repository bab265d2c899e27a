//! TPC-H Q1 as the DataFrame API builds it, with a Catalog that knows lineitem's Spark schema.
//! Shared by the translation tests and the benchmark (`benches/translate.rs`), built with the plan builders of
//! the `common` module.

use super::*;
use sparkduck_analysis::DataType;

pub const LINEITEM_PATH: &str = "/data/tpch/sf1/lineitem.parquet";

/// Lineitem's schema for any path.
pub struct LineitemCatalog;

impl Catalog for LineitemCatalog {
    fn file_schema(&self, _format: &str, _paths: &[String], _options: &BTreeMap<String, String>) -> Result<Vec<Field>> {
        let d = DataType::decimal(15, 2);
        Ok(vec![
            Field::new("l_orderkey", DataType::Long, true),
            Field::new("l_partkey", DataType::Long, true),
            Field::new("l_suppkey", DataType::Long, true),
            Field::new("l_linenumber", DataType::Integer, true),
            Field::new("l_quantity", d.clone(), true),
            Field::new("l_extendedprice", d.clone(), true),
            Field::new("l_discount", d.clone(), true),
            Field::new("l_tax", d, true),
            Field::new("l_returnflag", DataType::String, true),
            Field::new("l_linestatus", DataType::String, true),
            Field::new("l_shipdate", DataType::Date, true),
            Field::new("l_commitdate", DataType::Date, true),
            Field::new("l_receiptdate", DataType::Date, true),
            Field::new("l_shipinstruct", DataType::String, true),
            Field::new("l_shipmode", DataType::String, true),
            Field::new("l_comment", DataType::String, true),
        ])
    }
}

/// TPC-H Q1 as the DataFrame API builds it.
pub fn q1(path: &str) -> proto::Relation {
    let read = with_plan_id(read_parquet(&[path]), 1);
    // l_shipdate <= date '1998-09-02' (days since epoch: 10471)
    let filtered = with_plan_id(filter(read, bin("<=", col("l_shipdate"), lit(LiteralType::Date(10471)))), 2);
    let disc_price = || bin("*", col("l_extendedprice"), bin("-", int(1), col("l_discount")));
    let charge = bin("*", disc_price(), bin("+", int(1), col("l_tax")));
    let aggregated = with_plan_id(
        group_by(
            filtered,
            vec![col("l_returnflag"), col("l_linestatus")],
            vec![
                alias(func("sum", vec![col("l_quantity")]), "sum_qty"),
                alias(func("sum", vec![col("l_extendedprice")]), "sum_base_price"),
                alias(func("sum", vec![disc_price()]), "sum_disc_price"),
                alias(func("sum", vec![charge]), "sum_charge"),
                alias(func("avg", vec![col("l_quantity")]), "avg_qty"),
                alias(func("avg", vec![col("l_extendedprice")]), "avg_price"),
                alias(func("avg", vec![col("l_discount")]), "avg_disc"),
                alias(func("count", vec![int(1)]), "count_order"),
            ],
        ),
        3,
    );
    let ascending = |name| order(col(name), true, Some(true));
    with_plan_id(sort(aggregated, vec![ascending("l_returnflag"), ascending("l_linestatus")]), 4)
}
