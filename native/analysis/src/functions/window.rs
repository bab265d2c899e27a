//! Ranking, offset and grouping functions. Ranking and offset functions (kind `Window`) only exist inside a window
//! (`window.rs` adds the OVER clause, Spark's required frames and result casts); `first`/`last` are aggregates that
//! sparkduck evaluates only over a window; `grouping`/`grouping_id` only in rollup/cube/grouping sets
//! (`grouping.rs`).

use super::{call, no_distinct, pretty_args, CallContext, FunctionDef};
use crate::coercion::{is_literal, wrong_num_args};
use crate::literal::Literal;
use crate::logical::{Expr, ExprKind};
use crate::types::DataType;
use crate::{Result, SparkError};

/// Sorted by name.
pub(crate) static FUNCTIONS: &[FunctionDef] = &[
    def!("cume_dist", Window, "cume_dist() OVER (... RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)", "double, never null", resolve_ranking, emit_ranking),
    def!("dense_rank", Window, "CAST(dense_rank() OVER (...) AS INTEGER)", "int, never null", resolve_ranking, emit_ranking),
    def!("first", Aggregate, "first_value(x [IGNORE NULLS]) OVER (...); only over a window", "input type", resolve_first_last, emit_first_last),
    def!("first_value", Aggregate, "first_value(x [IGNORE NULLS]) OVER (...); only over a window", "input type", resolve_first_last, emit_first_last),
    def!("grouping", Scalar, "CAST(GROUPING(k) AS TINYINT); rollup/cube/grouping sets only", "tinyint, never null", resolve_grouping, emit_grouping),
    def!("grouping_id", Scalar, "GROUPING(k1, ..., kn) (first key most significant); rollup/cube/grouping sets only", "bigint, never null", resolve_grouping, emit_grouping),
    def!("lag", Window, "lag(x, n, default [IGNORE NULLS]) OVER (...)", "input type; nullable unless input and default are not", resolve_offset, emit_offset),
    def!("last", Aggregate, "last_value(x [IGNORE NULLS]) OVER (...); only over a window", "input type", resolve_first_last, emit_first_last),
    def!("last_value", Aggregate, "last_value(x [IGNORE NULLS]) OVER (...); only over a window", "input type", resolve_first_last, emit_first_last),
    def!("lead", Window, "lead(x, n, default [IGNORE NULLS]) OVER (...)", "input type; nullable unless input and default are not", resolve_offset, emit_offset),
    def!("nth_value", Window, "nth_value(x, n [IGNORE NULLS]) OVER (...)", "input type", resolve_nth_value, emit_nth_value),
    def!("ntile", Window, "CAST(ntile(n) OVER (...) AS INTEGER)", "int, never null", resolve_ranking, emit_ranking),
    def!("percent_rank", Window, "percent_rank() OVER (...)", "double, never null", resolve_ranking, emit_ranking),
    def!("rank", Window, "CAST(rank() OVER (...) AS INTEGER)", "int, never null", resolve_ranking, emit_ranking),
    def!("row_number", Window, "CAST(row_number() OVER (...) AS INTEGER)", "int, never null", resolve_ranking, emit_ranking),
];

fn literal_bool(e: &Expr, what: &str) -> Result<bool> {
    match &e.kind {
        ExprKind::Literal(Literal::Boolean(b)) => Ok(*b),
        _ => Err(SparkError::unsupported(format!("{what} with a non-literal ignoreNulls"))),
    }
}

fn value_out_of_range(sql: &str, expr_name: &str, value: i64) -> SparkError {
    SparkError::new(
        "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
        format!(
            "Cannot resolve \"{sql}\" due to data type mismatch: The {expr_name} must be between [1, 2147483647] (current value = {value})."
        ),
    )
    .with_sql_state("42K09")
}

// ---------------------------------------------------------------------------------------------------------
// Ranking

fn resolve_ranking(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    if def.name == "ntile" {
        if args.len() != 1 {
            return Err(wrong_num_args(ctx.name, 1, args.len()));
        }
        let pretty = pretty_args(&args).map(|a| format!("ntile({a})"));
        let n = &args[0];
        if !matches!(n.data_type, DataType::Integer) || !is_literal(n) {
            return Err(SparkError::unsupported("ntile of a non-literal or non-int bucket count"));
        }
        let v = n.integral_literal().unwrap_or(0);
        if v <= 0 {
            return Err(value_out_of_range(pretty.as_deref().unwrap_or("ntile"), "buckets", v));
        }
        return Ok(call(def, args, ctx, DataType::Integer, false, pretty));
    }
    if !args.is_empty() {
        return Err(wrong_num_args(ctx.name, 0, args.len()));
    }
    let t = match def.name {
        "percent_rank" | "cume_dist" => DataType::Double,
        _ => DataType::Integer,
    };
    // Spark prints the rank family upper-case (`RANK()`), the others as named.
    let pretty = match def.name {
        "rank" | "dense_rank" | "percent_rank" => format!("{}()", def.name.to_ascii_uppercase()),
        _ => format!("{}()", def.name),
    };
    Ok(call(def, args, ctx, t, false, Some(pretty)))
}

fn emit_ranking(call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    let ExprKind::Call { func, .. } = &call.kind else { unreachable!() };
    Ok(format!("{}({})", func.name, sql.join(", ")))
}

// ---------------------------------------------------------------------------------------------------------
// lag / lead: (input, offset = 1, default = NULL, ignoreNulls = false)

/// The offset (rows) of a resolved lag/lead call, positive for lead.
pub(crate) fn offset_of(call: &Expr) -> i64 {
    let ExprKind::Call { func, args, .. } = &call.kind else { return 0 };
    let n = args.get(1).and_then(Expr::integral_literal).unwrap_or(1);
    if func.name == "lag" {
        -n
    } else {
        n
    }
}

/// Whether a lag/lead/nth_value/first/last call skips nulls.
pub(crate) fn ignores_nulls(call: &Expr) -> bool {
    let ExprKind::Call { func, args, .. } = &call.kind else { return false };
    let flag = match func.name {
        "lag" | "lead" => args.get(3),
        "nth_value" => args.get(2),
        _ => args.get(1),
    };
    matches!(flag.map(|f| &f.kind), Some(ExprKind::Literal(Literal::Boolean(true))))
}

fn resolve_offset(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    if args.is_empty() || args.len() > 4 {
        return Err(wrong_num_args(ctx.name, 3, args.len()));
    }
    let mut args = args.into_iter();
    let input = args.next().unwrap_or_else(|| Expr::typed_null(&DataType::Null));
    let offset = args.next().unwrap_or(Expr {
        kind: ExprKind::Literal(Literal::Integer(1)),
        data_type: DataType::Integer,
        nullable: false,
        pretty: Some("1".into()),
    });
    let default = args.next().unwrap_or(Expr {
        kind: ExprKind::Literal(Literal::Null(DataType::Null)),
        data_type: DataType::Null,
        nullable: true,
        pretty: Some("NULL".into()),
    });
    let ignore = args.next().unwrap_or(Expr {
        kind: ExprKind::Literal(Literal::Boolean(false)),
        data_type: DataType::Boolean,
        nullable: false,
        pretty: Some("false".into()),
    });
    literal_bool(&ignore, def.name)?;
    let pretty = pretty_args(&[input.clone(), offset.clone(), default.clone()]).map(|a| format!("{}({a})", def.name));
    if offset.integral_literal().is_none() || offset.data_type != DataType::Integer {
        return Err(SparkError::unsupported(format!("{} with a non-literal or non-int offset", def.name)));
    }
    // Spark casts the default implicitly to the input's type (ImplicitCastInputTypes).
    // Spark: a fractional default for an integral input makes the result nullable (its cast may be null).
    let default_nullable = default.nullable
        || (matches!(default.data_type, DataType::Float | DataType::Double | DataType::Decimal { .. }) && input.data_type.is_integral());
    let default = match (&default.data_type, &input.data_type) {
        (a, b) if a == b => default,
        (DataType::Null, t) => default.implicit_cast(t),
        (a, b) if a.is_numeric() && b.is_numeric() => default.implicit_cast(b),
        _ => {
            return Err(SparkError::unsupported(format!(
                "{} with a default of type {} for a {} input",
                def.name,
                default.data_type.spark_sql(),
                input.data_type.spark_sql()
            )))
        }
    };
    let nullable = input.nullable || default_nullable;
    let t = input.data_type.clone();
    Ok(call(def, vec![input, offset, default, ignore], ctx, t, nullable, pretty))
}

fn emit_offset(call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    let ExprKind::Call { func, .. } = &call.kind else { unreachable!() };
    let ignore = if ignores_nulls(call) { " IGNORE NULLS" } else { "" };
    // DuckDB reads a negative offset as the other direction, as Spark does.
    Ok(format!("{}({}, {}, {}{ignore})", func.name, sql[0], sql[1], sql[2]))
}

// ---------------------------------------------------------------------------------------------------------
// nth_value(input, offset, ignoreNulls = false)

fn resolve_nth_value(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    if args.len() < 2 || args.len() > 3 {
        return Err(wrong_num_args(ctx.name, 2, args.len()));
    }
    let mut args = args;
    if args.len() == 2 {
        args.push(Expr {
            kind: ExprKind::Literal(Literal::Boolean(false)),
            data_type: DataType::Boolean,
            nullable: false,
            pretty: Some("false".into()),
        });
    }
    literal_bool(&args[2], def.name)?;
    let ignore = if literal_bool(&args[2], def.name)? { " ignore nulls" } else { "" };
    let pretty = pretty_args(&args[..2]).map(|a| format!("nth_value({a}){ignore}"));
    let Some(n) = args[1].integral_literal() else {
        return Err(SparkError::unsupported("nth_value with a non-literal offset"));
    };
    if n <= 0 {
        return Err(value_out_of_range(pretty.as_deref().unwrap_or("nth_value"), "offset", n));
    }
    let t = args[0].data_type.clone();
    Ok(call(def, args, ctx, t, true, pretty))
}

fn emit_nth_value(call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    let ignore = if ignores_nulls(call) { " IGNORE NULLS" } else { "" };
    Ok(format!("nth_value({}, {}{ignore})", sql[0], sql[1]))
}

// ---------------------------------------------------------------------------------------------------------
// first / last (aggregates; evaluated only over windows)

fn resolve_first_last(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    if args.is_empty() || args.len() > 2 {
        return Err(wrong_num_args(ctx.name, 1, args.len()));
    }
    let mut args = args;
    if args.len() == 1 {
        args.push(Expr {
            kind: ExprKind::Literal(Literal::Boolean(false)),
            data_type: DataType::Boolean,
            nullable: false,
            pretty: Some("false".into()),
        });
    }
    literal_bool(&args[1], def.name)?;
    // Spark prints `first(x)` / `first_value(x)` without the ignoreNulls flag.
    let pretty = args[0].pretty.as_ref().map(|p| format!("{}({p})", ctx.name.to_ascii_lowercase()));
    let t = args[0].data_type.clone();
    Ok(call(def, args, ctx, t, true, pretty))
}

/// Outside a window Spark's first/last depend on the input order, which DuckDB's parallel aggregation does not keep.
fn emit_first_last(call: &Expr, _args: &[Expr], _sql: &[String]) -> Result<String> {
    let ExprKind::Call { func, .. } = &call.kind else { unreachable!() };
    Err(SparkError::unsupported(format!("{} as an aggregate (outside a window)", func.name)))
}

/// The window form of first/last.
pub(crate) fn first_last_window_sql(call: &Expr, sql: &[String]) -> String {
    let ExprKind::Call { func, .. } = &call.kind else { unreachable!() };
    let f = if func.name.starts_with("first") { "first_value" } else { "last_value" };
    let ignore = if ignores_nulls(call) { " IGNORE NULLS" } else { "" };
    format!("{f}({}{ignore})", sql[0])
}

// ---------------------------------------------------------------------------------------------------------
// grouping / grouping_id

fn resolve_grouping(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    if def.name == "grouping" {
        if args.len() != 1 {
            return Err(wrong_num_args(ctx.name, 1, args.len()));
        }
        let pretty = pretty_args(&args).map(|a| format!("grouping({a})"));
        return Ok(call(def, args, ctx, DataType::Byte, false, pretty));
    }
    let pretty = pretty_args(&args).map(|a| format!("grouping_id({a})"));
    Ok(call(def, args, ctx, DataType::Long, false, pretty))
}

fn emit_grouping(call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    if sql.is_empty() {
        return Err(SparkError::internal("grouping_id() without its grouping columns"));
    }
    Ok(format!("CAST(GROUPING({}) AS {})", sql.join(", "), call.data_type.to_duckdb_sql()))
}

/// Whether an expression calls grouping()/grouping_id().
pub(crate) fn contains_grouping_call(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Call { func, .. } if func.name == "grouping" || func.name == "grouping_id")
        || e.children().iter().any(|c| contains_grouping_call(c))
}
