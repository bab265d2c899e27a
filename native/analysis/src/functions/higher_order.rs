//! Higher-order functions: array functions taking lambda functions (`lambda.rs` resolves the lambdas).
//! DuckDB's list lambdas give the element (and a 1-based index); Spark's null rules are kept explicitly:
//! a NULL array gives NULL, and exists/forall follow three-valued logic.

use super::helpers::{check_arity, fn_pretty};
use super::{call, no_distinct, CallContext, FunctionDef};
use crate::logical::{Expr, ExprKind};
use crate::types::DataType;
use crate::{Result, SparkError};

pub(crate) static FUNCTIONS: &[FunctionDef] = &[
    def!("aggregate", Scalar, "list_reduce(a, lambda acc, x: merge, zero), then finish; NULL array → NULL; merge functions reading columns refused", "finish's type", resolve_aggregate, emit_aggregate),
    def!("exists", Scalar, "true if the predicate is true for an element; else NULL if it is NULL for one; else false", "boolean", resolve_array_lambda, emit_array_lambda),
    def!("filter", Scalar, "list_filter(a, lambda x[, i]: p) (0-based index)", "input type", resolve_array_lambda, emit_array_lambda),
    def!("forall", Scalar, "false if the predicate is false for an element; else NULL if it is NULL for one; else true", "boolean", resolve_array_lambda, emit_array_lambda),
    def!("reduce", Scalar, "as aggregate", "finish's type", resolve_aggregate, emit_aggregate),
    def!("transform", Scalar, "list_transform(a, lambda x[, i]: f) (0-based index)", "array<f's type>", resolve_array_lambda, emit_array_lambda),
    def!("zip_with", Scalar, "list_transform over 1..max(len(a), len(b)), missing elements NULL", "array<f's type>", resolve_zip_with, emit_zip_with),
];

fn call_sql(args: &[Expr]) -> String {
    fn_pretty("f", args).unwrap_or_default()
}

fn require_lambda(name: &str, e: &Expr, index: usize) -> Result<()> {
    if !matches!(e.kind, ExprKind::Lambda { .. }) {
        return Err(SparkError::unsupported(format!("{name} whose argument {} is not a lambda function", index + 1)));
    }
    Ok(())
}

fn require_boolean(name: &str, body: &Expr) -> Result<()> {
    if body.data_type != DataType::Boolean {
        return Err(SparkError::new(
            "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
            format!(
                "Cannot resolve \"{name}\" due to data type mismatch: the lambda function requires the \"BOOLEAN\" type, however it has the type \"{}\".",
                body.data_type.spark_sql()
            ),
        )
        .with_sql_state("42K09"));
    }
    Ok(())
}

/// transform / filter / exists / forall: `(array, lambda)`.
fn resolve_array_lambda(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 2)?;
    require_lambda(def.name, &args[1], 1)?;
    let DataType::Array { .. } = &args[0].data_type else {
        return Err(SparkError::unsupported(format!("{} of a non-array argument", def.name)));
    };
    let pretty = fn_pretty(def.name, &args);
    let (array_nullable, body_nullable) = (args[0].nullable, args[1].nullable);
    let (data_type, nullable) = match def.name {
        "transform" => (DataType::Array { element: Box::new(args[1].data_type.clone()), contains_null: body_nullable }, array_nullable),
        "filter" => {
            require_boolean(def.name, &args[1])?;
            (args[0].data_type.clone(), array_nullable)
        }
        _ => {
            require_boolean(def.name, &args[1])?;
            (DataType::Boolean, array_nullable || body_nullable)
        }
    };
    Ok(call(def, args, ctx, data_type, nullable, pretty))
}

/// `lambda p, ...:` of a resolved lambda argument.
fn lambda_head(e: &Expr) -> Result<String> {
    match &e.kind {
        ExprKind::Lambda { params, .. } => Ok(format!("lambda {}:", params.join(", "))),
        _ => Err(SparkError::internal("a higher-order function without its lambda")),
    }
}

fn emit_array_lambda(c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let (a, head, body) = (&sql[0], lambda_head(&args[1])?, &sql[1]);
    let ExprKind::Call { func, .. } = &c.kind else { return Err(SparkError::internal("not a call")) };
    Ok(match func.name {
        "transform" => format!("list_transform({a}, {head} {body})"),
        // list_filter keeps the elements whose predicate is true (NULL drops them, as in Spark).
        "filter" => format!("list_filter({a}, {head} {body})"),
        "exists" => format!(
            "CASE WHEN {a} IS NULL THEN NULL WHEN len(list_filter({a}, {head} ({body}) IS TRUE)) > 0 THEN true \
             WHEN len(list_filter({a}, {head} ({body}) IS NULL)) > 0 THEN NULL ELSE false END"
        ),
        _ => format!(
            "CASE WHEN {a} IS NULL THEN NULL WHEN len(list_filter({a}, {head} ({body}) IS FALSE)) > 0 THEN false \
             WHEN len(list_filter({a}, {head} ({body}) IS NULL)) > 0 THEN NULL ELSE true END"
        ),
    })
}

fn contains_column(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Column(_)) || e.children().into_iter().any(contains_column)
}

/// aggregate / reduce: `(array, zero, merge[, finish])`.
fn resolve_aggregate(def: &'static FunctionDef, mut args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 3, 4)?;
    require_lambda(def.name, &args[2], 2)?;
    if args.len() == 3 {
        // Spark's default finish is the identity.
        let zero = &args[1];
        let param = "sd_identity".to_string();
        let var = Expr {
            kind: ExprKind::LambdaVariable { name: "id".into(), sql: param.clone(), element_of: None },
            data_type: zero.data_type.clone(),
            nullable: true,
            pretty: Some("namedlambdavariable()".into()),
        };
        args.push(Expr {
            data_type: zero.data_type.clone(),
            nullable: true,
            pretty: Some("lambdafunction(namedlambdavariable(), namedlambdavariable())".into()),
            kind: ExprKind::Lambda { params: vec![param], body: Box::new(var) },
        });
    }
    require_lambda(def.name, &args[3], 3)?;
    let DataType::Array { .. } = &args[0].data_type else {
        return Err(SparkError::unsupported(format!("{} of a non-array argument", def.name)));
    };
    if args[2].data_type.simple_string() != args[1].data_type.simple_string() {
        return Err(SparkError::new(
            "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
            format!(
                "Cannot resolve \"{}\" due to data type mismatch: the merge function's type \"{}\" differs from the start value's type \"{}\".",
                call_sql(&args),
                args[2].data_type.spark_sql(),
                args[1].data_type.spark_sql()
            ),
        )
        .with_sql_state("42K09"));
    }
    // DuckDB's list_reduce mis-evaluated lambdas that capture columns (observed, see misc.rs).
    if contains_column(&args[2]) {
        return Err(SparkError::unsupported(format!("{} whose merge function reads columns of the row", def.name)));
    }
    let pretty = fn_pretty(def.name, &args);
    let nullable = args[0].nullable || args[3].nullable;
    let data_type = args[3].data_type.clone();
    Ok(call(def, args, ctx, data_type, nullable, pretty))
}

fn emit_aggregate(_c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let t = args[1].data_type.to_duckdb_sql();
    let (a, zero, merge, finish) = (&sql[0], &sql[1], &sql[2], &sql[3]);
    let (merge_head, finish_head) = (lambda_head(&args[2])?, lambda_head(&args[3])?);
    Ok(format!(
        "CASE WHEN {a} IS NULL THEN NULL ELSE list_transform([list_reduce({a}, {merge_head} CAST({merge} AS {t}), CAST({zero} AS {t}))], \
         {finish_head} {finish})[1] END"
    ))
}

fn resolve_zip_with(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 3, 3)?;
    require_lambda(def.name, &args[2], 2)?;
    let pretty = fn_pretty(def.name, &args);
    let data_type = DataType::Array { element: Box::new(args[2].data_type.clone()), contains_null: args[2].nullable };
    let nullable = args[0].nullable || args[1].nullable;
    Ok(call(def, args, ctx, data_type, nullable, pretty))
}

fn emit_zip_with(_c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let (a, b, head, body) = (&sql[0], &sql[1], lambda_head(&args[2])?, &sql[2]);
    Ok(format!(
        "CASE WHEN {a} IS NULL OR {b} IS NULL THEN NULL \
         ELSE list_transform(range(1, greatest(len({a}), len({b})) + 1), {head} {body}) END"
    ))
}
