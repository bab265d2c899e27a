//! Plan builders, a mock Catalog and a DuckDB runner for the translation tests.
#![allow(dead_code)]

pub mod q1;

use duckdb::types::Value;
use sparkduck_analysis::{AnalysisConfig, Catalog, Field, Result, SparkError, Translated};
use sparkduck_plan::proto;
use sparkduck_plan::proto::expression::literal::LiteralType;
use sparkduck_plan::proto::expression::ExprType;
use sparkduck_plan::proto::relation::RelType;
use std::collections::BTreeMap;

/// Returns fixed schemas per path; counts nothing, reads nothing.
#[derive(Default)]
pub struct MockCatalog {
    pub schemas: BTreeMap<String, Vec<Field>>,
}

impl Catalog for MockCatalog {
    fn file_schema(&self, format: &str, paths: &[String], _options: &BTreeMap<String, String>) -> Result<Vec<Field>> {
        if format != "parquet" {
            return Err(SparkError::unsupported(format!("reading {format} files")));
        }
        self.schemas
            .get(&paths[0])
            .cloned()
            .ok_or_else(|| SparkError::new("PATH_NOT_FOUND", format!("Path does not exist: {}.", paths[0])))
    }
}

pub fn rel(rt: RelType) -> proto::Relation {
    proto::Relation { common: None, rel_type: Some(rt) }
}

pub fn with_plan_id(mut r: proto::Relation, id: i64) -> proto::Relation {
    r.common = Some(proto::RelationCommon { plan_id: Some(id), ..Default::default() });
    r
}

pub fn range(start: i64, end: i64, step: i64) -> proto::Relation {
    rel(RelType::Range(proto::Range { start: Some(start), end, step, num_partitions: None }))
}

pub fn project(input: proto::Relation, exprs: Vec<proto::Expression>) -> proto::Relation {
    rel(RelType::Project(Box::new(proto::Project { input: Some(Box::new(input)), expressions: exprs })))
}

pub fn filter(input: proto::Relation, cond: proto::Expression) -> proto::Relation {
    rel(RelType::Filter(Box::new(proto::Filter { input: Some(Box::new(input)), condition: Some(cond) })))
}

pub fn sort(input: proto::Relation, order: Vec<proto::expression::SortOrder>) -> proto::Relation {
    rel(RelType::Sort(Box::new(proto::Sort { input: Some(Box::new(input)), order, is_global: Some(true) })))
}

pub fn limit(input: proto::Relation, n: i32) -> proto::Relation {
    rel(RelType::Limit(Box::new(proto::Limit { input: Some(Box::new(input)), limit: n })))
}

pub fn offset(input: proto::Relation, n: i32) -> proto::Relation {
    rel(RelType::Offset(Box::new(proto::Offset { input: Some(Box::new(input)), offset: n })))
}

pub fn alias_rel(input: proto::Relation, name: &str) -> proto::Relation {
    rel(RelType::SubqueryAlias(Box::new(proto::SubqueryAlias {
        input: Some(Box::new(input)),
        alias: name.into(),
        qualifier: vec![],
    })))
}

pub fn group_by(input: proto::Relation, groups: Vec<proto::Expression>, aggs: Vec<proto::Expression>) -> proto::Relation {
    rel(RelType::Aggregate(Box::new(proto::Aggregate {
        input: Some(Box::new(input)),
        group_type: proto::aggregate::GroupType::Groupby as i32,
        grouping_expressions: groups,
        aggregate_expressions: aggs,
        pivot: None,
        grouping_sets: vec![],
    })))
}

pub fn with_columns(input: proto::Relation, cols: Vec<(&str, proto::Expression)>) -> proto::Relation {
    rel(RelType::WithColumns(Box::new(proto::WithColumns {
        input: Some(Box::new(input)),
        aliases: cols
            .into_iter()
            .map(|(n, e)| proto::expression::Alias { expr: Some(Box::new(e)), name: vec![n.into()], metadata: None })
            .collect(),
    })))
}

pub fn drop_cols(input: proto::Relation, exprs: Vec<proto::Expression>, names: Vec<&str>) -> proto::Relation {
    rel(RelType::Drop(Box::new(proto::Drop {
        input: Some(Box::new(input)),
        columns: exprs,
        column_names: names.into_iter().map(String::from).collect(),
    })))
}

pub fn read_parquet(paths: &[&str]) -> proto::Relation {
    rel(RelType::Read(proto::Read {
        read_type: Some(proto::read::ReadType::DataSource(proto::read::DataSource {
            format: Some("parquet".into()),
            schema: None,
            options: Default::default(),
            paths: paths.iter().map(|p| p.to_string()).collect(),
            predicates: vec![],
            source_name: None,
        })),
        is_streaming: false,
    }))
}

pub fn local(ipc: Vec<u8>, schema: Option<&str>) -> proto::Relation {
    rel(RelType::LocalRelation(proto::LocalRelation { data: Some(ipc), schema: schema.map(String::from) }))
}

pub fn expr(e: ExprType) -> proto::Expression {
    proto::Expression { common: None, expr_type: Some(e) }
}

pub fn col(name: &str) -> proto::Expression {
    expr(ExprType::UnresolvedAttribute(proto::expression::UnresolvedAttribute {
        unparsed_identifier: name.into(),
        plan_id: None,
        is_metadata_column: None,
    }))
}

pub fn df_col(name: &str, plan_id: i64) -> proto::Expression {
    expr(ExprType::UnresolvedAttribute(proto::expression::UnresolvedAttribute {
        unparsed_identifier: name.into(),
        plan_id: Some(plan_id),
        is_metadata_column: None,
    }))
}

pub fn star() -> proto::Expression {
    expr(ExprType::UnresolvedStar(proto::expression::UnresolvedStar { unparsed_target: None, plan_id: None }))
}

pub fn star_of(target: &str) -> proto::Expression {
    expr(ExprType::UnresolvedStar(proto::expression::UnresolvedStar { unparsed_target: Some(target.into()), plan_id: None }))
}

pub fn lit(v: LiteralType) -> proto::Expression {
    expr(ExprType::Literal(proto::expression::Literal { literal_type: Some(v), data_type: None }))
}

pub fn int(v: i32) -> proto::Expression {
    lit(LiteralType::Integer(v))
}

pub fn long(v: i64) -> proto::Expression {
    lit(LiteralType::Long(v))
}

pub fn double(v: f64) -> proto::Expression {
    lit(LiteralType::Double(v))
}

pub fn string(v: &str) -> proto::Expression {
    lit(LiteralType::String(v.into()))
}

pub fn decimal(v: &str, p: i32, s: i32) -> proto::Expression {
    lit(LiteralType::Decimal(proto::expression::literal::Decimal { value: v.into(), precision: Some(p), scale: Some(s) }))
}

pub fn null_of(t: proto::data_type::Kind) -> proto::Expression {
    lit(LiteralType::Null(proto::DataType { kind: Some(t) }))
}

pub fn func(name: &str, args: Vec<proto::Expression>) -> proto::Expression {
    expr(ExprType::UnresolvedFunction(proto::expression::UnresolvedFunction {
        function_name: name.into(),
        arguments: args,
        is_distinct: false,
        is_user_defined_function: false,
        is_internal: None,
    }))
}

pub fn func_distinct(name: &str, args: Vec<proto::Expression>) -> proto::Expression {
    expr(ExprType::UnresolvedFunction(proto::expression::UnresolvedFunction {
        function_name: name.into(),
        arguments: args,
        is_distinct: true,
        is_user_defined_function: false,
        is_internal: None,
    }))
}

pub fn bin(op: &str, l: proto::Expression, r: proto::Expression) -> proto::Expression {
    func(op, vec![l, r])
}

pub fn alias(e: proto::Expression, name: &str) -> proto::Expression {
    expr(ExprType::Alias(Box::new(proto::expression::Alias { expr: Some(Box::new(e)), name: vec![name.into()], metadata: None })))
}

pub fn cast(e: proto::Expression, type_str: &str) -> proto::Expression {
    expr(ExprType::Cast(Box::new(proto::expression::Cast {
        expr: Some(Box::new(e)),
        eval_mode: 0,
        cast_to_type: Some(proto::expression::cast::CastToType::TypeStr(type_str.into())),
    })))
}

pub fn try_cast(e: proto::Expression, type_str: &str) -> proto::Expression {
    expr(ExprType::Cast(Box::new(proto::expression::Cast {
        expr: Some(Box::new(e)),
        eval_mode: proto::expression::cast::EvalMode::Try as i32,
        cast_to_type: Some(proto::expression::cast::CastToType::TypeStr(type_str.into())),
    })))
}

pub fn order(e: proto::Expression, ascending: bool, nulls: Option<bool>) -> proto::expression::SortOrder {
    use proto::expression::sort_order::{NullOrdering, SortDirection};
    proto::expression::SortOrder {
        child: Some(Box::new(e)),
        direction: if ascending { SortDirection::Ascending } else { SortDirection::Descending } as i32,
        null_ordering: match nulls {
            None => NullOrdering::SortNullsUnspecified,
            Some(true) => NullOrdering::SortNullsFirst,
            Some(false) => NullOrdering::SortNullsLast,
        } as i32,
    }
}

pub fn translate(r: &proto::Relation) -> Result<Translated> {
    translate_with(r, &MockCatalog::default(), &AnalysisConfig::default())
}

pub fn translate_with(r: &proto::Relation, catalog: &dyn Catalog, config: &AnalysisConfig) -> Result<Translated> {
    // Every plan also goes through the wire format, as the JVM sends it.
    let bytes = prost::Message::encode_to_vec(r);
    let decoded = sparkduck_plan::decode_relation(&bytes).expect("decode");
    sparkduck_analysis::translate(&decoded, catalog, config)
}

pub fn connection() -> duckdb::Connection {
    let conn = duckdb::Connection::open_in_memory().expect("duckdb");
    conn.execute_batch("SET TimeZone = 'UTC'").expect("time zone");
    conn
}

/// Runs the SQL; rows as `Debug` of DuckDB values (the DuckDB type shows: `BigInt(3)`, `Decimal(1.50)`).
pub fn run_on(conn: &duckdb::Connection, sql: &str) -> std::result::Result<(Vec<String>, Vec<Vec<String>>), String> {
    let mut stmt = conn.prepare(sql).map_err(|e| e.to_string())?;
    let mut rows = stmt.query([]).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    let mut names = Vec::new();
    while let Some(row) = rows.next().map_err(|e| e.to_string())? {
        let stmt = row.as_ref();
        if names.is_empty() {
            names = stmt.column_names();
        }
        let n = stmt.column_count();
        let mut vals = Vec::with_capacity(n);
        for i in 0..n {
            let v: Value = row.get(i).map_err(|e| e.to_string())?;
            vals.push(show(&v));
        }
        out.push(vals);
    }
    Ok((names, out))
}

/// `Debug` of the value, decimals as `Decimal(p,s value)`.
fn show(v: &Value) -> String {
    let debug = format!("{v:?}");
    // Decimal(Decimal { width: 14, scale: 6, value: -333333 })
    if let Some(rest) = debug.strip_prefix("Decimal(Decimal { width: ") {
        let nums: Vec<i128> = rest
            .split(|c: char| !(c.is_ascii_digit() || c == '-'))
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap())
            .collect();
        let (w, s, value) = (nums[0], nums[1], nums[2]);
        return format!("Decimal({w},{s} {})", sparkduck_analysis::literal::plain_decimal(value, s as i8));
    }
    debug
}

/// Translates and runs; checks that DuckDB's column names are Spark's.
pub fn rows_of(r: &proto::Relation) -> Vec<Vec<String>> {
    let t = translate(r).unwrap_or_else(|e| panic!("translate: {e}"));
    let conn = connection();
    let (names, rows) = run_on(&conn, &t.sql).unwrap_or_else(|e| panic!("{e}\nSQL: {}", t.sql));
    if !rows.is_empty() {
        let expected: Vec<String> = t.schema.iter().map(|f| f.name.clone()).collect();
        assert_eq!(names, expected, "SQL: {}", t.sql);
    }
    rows
}

pub fn rows(v: &[&[&str]]) -> Vec<Vec<String>> {
    v.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect()
}

pub fn names(t: &Translated) -> Vec<String> {
    t.schema.iter().map(|f| f.name.clone()).collect()
}
