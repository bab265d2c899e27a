//! TPC-H Q1 as the DataFrame API builds it, with a Catalog that knows lineitem's Spark schema.
//! Shared by the translation tests and the benchmark (`benches/translate.rs`).
#![allow(dead_code)]

use sparkduck_analysis::{Catalog, DataType, Field, Result};
use sparkduck_plan::proto;
use sparkduck_plan::proto::expression::literal::LiteralType;
use sparkduck_plan::proto::expression::ExprType;
use sparkduck_plan::proto::relation::RelType;
use std::collections::BTreeMap;

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

fn rel(id: i64, rt: RelType) -> proto::Relation {
    proto::Relation { common: Some(proto::RelationCommon { plan_id: Some(id), ..Default::default() }), rel_type: Some(rt) }
}

fn expr(e: ExprType) -> proto::Expression {
    proto::Expression { common: None, expr_type: Some(e) }
}

fn col(name: &str) -> proto::Expression {
    expr(ExprType::UnresolvedAttribute(proto::expression::UnresolvedAttribute {
        unparsed_identifier: name.into(),
        plan_id: None,
        is_metadata_column: None,
    }))
}

fn lit(v: LiteralType) -> proto::Expression {
    expr(ExprType::Literal(proto::expression::Literal { literal_type: Some(v), data_type: None }))
}

fn func(name: &str, args: Vec<proto::Expression>) -> proto::Expression {
    expr(ExprType::UnresolvedFunction(proto::expression::UnresolvedFunction {
        function_name: name.into(),
        arguments: args,
        is_distinct: false,
        is_user_defined_function: false,
        is_internal: None,
    }))
}

fn alias(e: proto::Expression, name: &str) -> proto::Expression {
    expr(ExprType::Alias(Box::new(proto::expression::Alias { expr: Some(Box::new(e)), name: vec![name.into()], metadata: None })))
}

fn asc(e: proto::Expression) -> proto::expression::SortOrder {
    proto::expression::SortOrder {
        child: Some(Box::new(e)),
        direction: proto::expression::sort_order::SortDirection::Ascending as i32,
        null_ordering: proto::expression::sort_order::NullOrdering::SortNullsFirst as i32,
    }
}

/// TPC-H Q1 as the DataFrame API builds it.
pub fn q1(path: &str) -> proto::Relation {
    let read = rel(
        1,
        RelType::Read(proto::Read {
            read_type: Some(proto::read::ReadType::DataSource(proto::read::DataSource {
                format: Some("parquet".into()),
                paths: vec![path.into()],
                ..Default::default()
            })),
            is_streaming: false,
        }),
    );
    // l_shipdate <= date '1998-09-02' (days since epoch: 10471)
    let filter = rel(
        2,
        RelType::Filter(Box::new(proto::Filter {
            input: Some(Box::new(read)),
            condition: Some(func("<=", vec![col("l_shipdate"), lit(LiteralType::Date(10471))])),
        })),
    );
    let one = || lit(LiteralType::Integer(1));
    let disc_price = || func("*", vec![col("l_extendedprice"), func("-", vec![one(), col("l_discount")])]);
    let charge = func("*", vec![disc_price(), func("+", vec![one(), col("l_tax")])]);
    let agg = rel(
        3,
        RelType::Aggregate(Box::new(proto::Aggregate {
            input: Some(Box::new(filter)),
            group_type: proto::aggregate::GroupType::Groupby as i32,
            grouping_expressions: vec![col("l_returnflag"), col("l_linestatus")],
            aggregate_expressions: vec![
                alias(func("sum", vec![col("l_quantity")]), "sum_qty"),
                alias(func("sum", vec![col("l_extendedprice")]), "sum_base_price"),
                alias(func("sum", vec![disc_price()]), "sum_disc_price"),
                alias(func("sum", vec![charge]), "sum_charge"),
                alias(func("avg", vec![col("l_quantity")]), "avg_qty"),
                alias(func("avg", vec![col("l_extendedprice")]), "avg_price"),
                alias(func("avg", vec![col("l_discount")]), "avg_disc"),
                alias(func("count", vec![lit(LiteralType::Integer(1))]), "count_order"),
            ],
            pivot: None,
            grouping_sets: vec![],
        })),
    );
    rel(
        4,
        RelType::Sort(Box::new(proto::Sort {
            input: Some(Box::new(agg)),
            order: vec![asc(col("l_returnflag")), asc(col("l_linestatus"))],
            is_global: Some(true),
        })),
    )
}

