//! Aggregate functions beyond the core ones (count, sum, avg, min, max live in `mod.rs`).

use super::helpers::{check_arity, coerce_arg, literal_bool, In};
use super::{aggregate_pretty, call, CallContext, FunctionDef};
use crate::logical::{Expr, ExprKind};
use crate::types::DataType;
use crate::{Result, SparkError};

pub(crate) static FUNCTIONS: &[FunctionDef] = &[
    def!("any", Aggregate, "bool_or(x)", "boolean", r_bool_agg, emit_simple_agg),
    def!("any_value", Aggregate, "first(x) (NULLs included unless ignoreNulls)", "input type", r_first_last, emit_first_last),
    def!("array_agg", Aggregate, "as collect_list", "as collect_list; printed collect_list(x)", r_collect, emit_collect),
    def!("bit_and", Aggregate, "bit_and(x)", "input type", r_bit_agg, emit_simple_agg),
    def!("bit_or", Aggregate, "bit_or(x)", "input type", r_bit_agg, emit_simple_agg),
    def!("bit_xor", Aggregate, "bit_xor(x)", "input type", r_bit_agg, emit_simple_agg),
    def!("bool_and", Aggregate, "bool_and(x)", "boolean", r_bool_agg, emit_simple_agg),
    def!("bool_or", Aggregate, "bool_or(x)", "boolean", r_bool_agg, emit_simple_agg),
    def!("collect_list", Aggregate, "coalesce(list(x) FILTER (WHERE x IS NOT NULL), [])", "array<input type> (no nulls), never null", r_collect, emit_collect),
    def!("collect_set", Aggregate, "coalesce(list(DISTINCT x) FILTER (WHERE x IS NOT NULL), [])", "array<input type> (no nulls), never null; element order unspecified", r_collect, emit_collect),
    def!("corr", Aggregate, "corr(a, b); fewer than 2 pairs: NULL; a constant side: DIVIDE_BY_ZERO (ANSI) or NULL", "double", r_double2_agg, emit_corr),
    def!("count_if", Aggregate, "CAST(count_if(x) AS BIGINT)", "bigint, never null", r_count_if, emit_count_if),
    def!("covar_pop", Aggregate, "covar_pop(a, b)", "double", r_double2_agg, emit_simple_agg),
    def!("covar_samp", Aggregate, "covar_samp(a, b)", "double", r_double2_agg, emit_simple_agg),
    def!("every", Aggregate, "bool_and(x)", "boolean", r_bool_agg, emit_simple_agg),
    def!("max_by", Aggregate, "arg_max_null(x, ord)", "type of x", r_by, emit_by),
    def!("median", Aggregate, "quantile_cont(CAST(x AS DOUBLE), 0.5)", "double", r_double_agg, emit_simple_agg),
    def!("min_by", Aggregate, "arg_min_null(x, ord)", "type of x", r_by, emit_by),
    def!("percentile", Aggregate, "quantile_cont(CAST(x AS DOUBLE), p) for a literal p in [0, 1]", "double", r_percentile, emit_percentile),
    def!("product", Aggregate, "product(CAST(x AS DOUBLE))", "double", r_double_agg, emit_simple_agg),
    def!("regr_avgx", Aggregate, "avg(CAST(x AS DOUBLE)) over rows where y and x are non-null", "double (decimal input not supported)", r_regr, emit_regr),
    def!("regr_avgy", Aggregate, "avg(CAST(y AS DOUBLE)) over rows where y and x are non-null", "double (decimal input not supported)", r_regr, emit_regr),
    def!("regr_count", Aggregate, "count(*) over rows where y and x are non-null", "bigint, never null", r_regr, emit_regr),
    def!("some", Aggregate, "bool_or(x)", "boolean", r_bool_agg, emit_simple_agg),
    def!("std", Aggregate, "stddev_samp(CAST(x AS DOUBLE))", "double", r_double_agg, emit_simple_agg),
    def!("stddev", Aggregate, "stddev_samp(CAST(x AS DOUBLE))", "double", r_double_agg, emit_simple_agg),
    def!("stddev_pop", Aggregate, "stddev_pop(CAST(x AS DOUBLE))", "double", r_double_agg, emit_simple_agg),
    def!("stddev_samp", Aggregate, "stddev_samp(CAST(x AS DOUBLE))", "double", r_double_agg, emit_simple_agg),
    def!("try_avg", Aggregate, "avg(CAST(x AS DOUBLE))", "double (decimals not supported)", r_try_agg, emit_try_agg),
    def!("try_sum", Aggregate, "integral: exact HUGEINT sum, NULL outside BIGINT; float/double: sum", "bigint or double (decimals not supported)", r_try_agg, emit_try_agg),
    def!("var_pop", Aggregate, "var_pop(CAST(x AS DOUBLE))", "double", r_double_agg, emit_simple_agg),
    def!("var_samp", Aggregate, "var_samp(CAST(x AS DOUBLE))", "double", r_double_agg, emit_simple_agg),
    def!("variance", Aggregate, "var_samp(CAST(x AS DOUBLE))", "double", r_double_agg, emit_simple_agg),
];

fn distinct_kw(c: &Expr) -> &'static str {
    match &c.kind {
        crate::logical::ExprKind::Call { distinct: true, .. } => "DISTINCT ",
        _ => "",
    }
}

/// The DuckDB aggregate of each simple Spark aggregate.
fn duckdb_aggregate(name: &str) -> &'static str {
    match name {
        "any" | "some" | "bool_or" => "bool_or",
        "every" | "bool_and" => "bool_and",
        "bit_and" => "bit_and",
        "bit_or" => "bit_or",
        "bit_xor" => "bit_xor",
        "corr" => "corr",
        "covar_pop" => "covar_pop",
        "covar_samp" => "covar_samp",
        "std" | "stddev" | "stddev_samp" => "stddev_samp",
        "stddev_pop" => "stddev_pop",
        "var_pop" => "var_pop",
        "var_samp" | "variance" => "var_samp",
        "product" => "product",
        _ => "median",
    }
}

fn emit_simple_agg(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let f = duckdb_aggregate(super::helpers::func_name(c));
    let d = distinct_kw(c);
    if let "stddev_samp" | "stddev_pop" | "var_samp" | "var_pop" = f {
        // Spark's central moments turn NaN as soon as an infinity or NaN comes in (inf - inf); DuckDB raises
        // "out of range" instead, so it only sees the finite values. Spark's sample forms are NULL below 2 values.
        // Values beyond 1e145 in magnitude may overflow the squares: Spark then answers Infinity or NaN, which is
        // not reproduced (a clear error, as DuckDB's own would be, but raised only in that case).
        let x = &sql[0];
        let min_n = if f.ends_with("samp") { 2 } else { 1 };
        let huge = crate::sql::error_call(
            "SPARKDUCK_UNSUPPORTED",
            &format!("not supported yet by sparkduck: {} of values beyond 1e145 in magnitude", super::helpers::func_name(c)),
        );
        return Ok(format!(
            "CASE WHEN count({d}{x}) >= {min_n} AND bool_or(NOT isfinite({x})) THEN CAST('NaN' AS DOUBLE) \
             WHEN max(abs({x})) >= 1e145 THEN {huge} \
             ELSE {f}({d}{x}) FILTER (WHERE isfinite({x}) AND abs({x}) < 1e145) END"
        ));
    }
    Ok(format!("{f}({d}{})", sql.join(", ")))
}

fn resolve_agg(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext, kinds: &[In], t: Option<DataType>, nullable: bool) -> Result<Expr> {
    check_arity(ctx.name, &args, kinds.len(), kinds.len())?;
    let name = ctx.name.to_ascii_lowercase();
    let pretty = aggregate_pretty(&name, &args, ctx.distinct);
    let sql = pretty.clone().unwrap_or_else(|| name.clone());
    let mut out = Vec::new();
    for (i, a) in args.into_iter().enumerate() {
        out.push(coerce_arg(kinds[i], a, i, &sql, ctx.ansi)?);
    }
    let t = t.unwrap_or_else(|| out[0].data_type.clone());
    Ok(call(def, out, ctx, t, nullable, pretty))
}

fn r_bool_agg(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    resolve_agg(def, args, ctx, &[In::Bool], Some(DataType::Boolean), true)
}

fn r_double_agg(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    resolve_agg(def, args, ctx, &[In::Double], Some(DataType::Double), true)
}

fn r_double2_agg(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    resolve_agg(def, args, ctx, &[In::Double, In::Double], Some(DataType::Double), true)
}

fn r_bit_agg(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    check_arity(ctx.name, &args, 1, 1)?;
    if !args[0].data_type.is_integral() {
        let pretty = aggregate_pretty(def.name, &args, ctx.distinct);
        return Err(crate::coercion::unexpected_input_type(pretty.as_deref().unwrap_or(def.name), 1, "\"INTEGRAL\"", &args[0]));
    }
    resolve_agg(def, args, ctx, &[In::Any], None, true)
}

fn r_count_if(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    resolve_agg(def, args, ctx, &[In::Bool], Some(DataType::Long), false)
}

fn emit_count_if(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    Ok(format!("CAST(count({}CASE WHEN {} THEN 1 END) AS BIGINT)", distinct_kw(c), sql[0]))
}

fn r_collect(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    check_arity(ctx.name, &args, 1, 1)?;
    let name = ctx.name.to_ascii_lowercase();
    // Spark's array_agg is CollectList without the alias tag: it prints as collect_list(x).
    let printed = if name == "array_agg" { "collect_list" } else { name.as_str() };
    let pretty = aggregate_pretty(printed, &args, ctx.distinct);
    let a = args.into_iter().next().unwrap();
    if def.name == "collect_set" && (a.data_type.is_floating() || matches!(a.data_type, DataType::Map { .. } | DataType::Array { .. } | DataType::Struct(_))) {
        return Err(SparkError::unsupported("collect_set of floating-point or nested values"));
    }
    let t = DataType::Array { element: Box::new(a.data_type.clone()), contains_null: false };
    Ok(call(def, vec![a], ctx, t, false, pretty))
}

fn emit_collect(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let d = if super::helpers::func_name(c) == "collect_set" { "DISTINCT " } else { distinct_kw(c) };
    let x = &sql[0];
    Ok(format!("coalesce(list({d}{x}) FILTER (WHERE {x} IS NOT NULL), CAST([] AS {}))", c.data_type.to_duckdb_sql()))
}

fn r_first_last(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    check_arity(ctx.name, &args, 1, 2)?;
    if args.len() == 2 && literal_bool(&args[1]).is_none() {
        return Err(SparkError::unsupported(format!("{} with a non-literal ignoreNulls", def.name)));
    }
    let name = ctx.name.to_ascii_lowercase();
    // ignoreNulls is not printed.
    let pretty = aggregate_pretty(&name, &args[..1], ctx.distinct);
    let t = args[0].data_type.clone();
    Ok(call(def, args, ctx, t, true, pretty))
}

fn emit_first_last(c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let f = if super::helpers::func_name(c) == "last" { "last" } else { "first" };
    let ignore_nulls = args.get(1).and_then(literal_bool).unwrap_or(false);
    let x = &sql[0];
    Ok(if ignore_nulls { format!("{f}({x}) FILTER (WHERE {x} IS NOT NULL)") } else { format!("{f}({x})") })
}

fn r_by(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    check_arity(ctx.name, &args, 2, 2)?;
    let pretty = aggregate_pretty(def.name, &args, ctx.distinct);
    if matches!(args[1].data_type, DataType::Map { .. } | DataType::Array { .. } | DataType::Struct(_)) {
        return Err(SparkError::unsupported(format!("{} ordered by a nested value", def.name)));
    }
    let t = args[0].data_type.clone();
    Ok(call(def, args, ctx, t, true, pretty))
}

fn emit_by(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let f = if super::helpers::func_name(c) == "max_by" { "arg_max_null" } else { "arg_min_null" };
    // Rows with a NULL ordering value are ignored (Spark's MaxBy/MinBy compare only non-null orderings).
    Ok(format!("{f}({0}, {1}) FILTER (WHERE {1} IS NOT NULL)", sql[0], sql[1]))
}

fn r_regr(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    if args.iter().any(|a| a.data_type.is_decimal()) {
        return Err(SparkError::unsupported(format!("{} of decimals", def.name)));
    }
    super::no_distinct(ctx)?;
    if def.name == "regr_count" {
        return resolve_agg(def, args, ctx, &[In::Double, In::Double], Some(DataType::Long), false);
    }
    resolve_agg(def, args, ctx, &[In::Double, In::Double], Some(DataType::Double), true)
}

fn emit_regr(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let (y, x) = (&sql[0], &sql[1]);
    let both = format!("FILTER (WHERE {y} IS NOT NULL AND {x} IS NOT NULL)");
    Ok(match super::helpers::func_name(c) {
        "regr_count" => format!("count(*) {both}"),
        "regr_avgx" => format!("avg({x}) {both}"),
        _ => format!("avg({y}) {both}"),
    })
}

fn r_try_agg(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    check_arity(ctx.name, &args, 1, 1)?;
    let a = &args[0].data_type;
    if !(a.is_integral() || a.is_floating() || *a == DataType::Null) {
        return Err(SparkError::unsupported(format!("{} of {}", def.name, a.simple_string())));
    }
    let t = if a.is_integral() && def.name == "try_sum" { DataType::Long } else { DataType::Double };
    let kind = if t == DataType::Long { In::Long } else { In::Double };
    resolve_agg(def, args, ctx, &[kind], Some(t), true)
}

fn emit_try_agg(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let d = distinct_kw(c);
    let x = &sql[0];
    Ok(match (super::helpers::func_name(c), &c.data_type) {
        ("try_sum", DataType::Long) => {
            let h = format!("CAST(sum({d}{x}) AS HUGEINT)");
            format!("CASE WHEN {h} BETWEEN -9223372036854775808 AND 9223372036854775807 THEN CAST({h} AS BIGINT) END")
        }
        ("try_sum", _) => format!("sum({d}{x})"),
        _ => format!("avg({d}{x})"),
    })
}

fn r_percentile(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    super::no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 3)?;
    if args.len() == 3 && super::helpers::literal_int(&args[2]) != Some(1) {
        return Err(SparkError::unsupported("percentile with a frequency"));
    }
    let p = match super::helpers::literal_of(&args[1]) {
        Some(crate::literal::Literal::Double(v)) => *v,
        Some(crate::literal::Literal::Decimal { .. }) | Some(crate::literal::Literal::Float(_)) => {
            return Err(SparkError::unsupported("percentile with a non-double literal percentage"))
        }
        _ => return Err(SparkError::unsupported("percentile with a non-literal or array percentage")),
    };
    if !(0.0..=1.0).contains(&p) {
        return Err(SparkError::unsupported("percentile with a percentage outside [0, 1]"));
    }
    if args[0].data_type.is_decimal() || !(args[0].data_type.is_numeric()) {
        return Err(SparkError::unsupported(format!("percentile of {}", args[0].data_type.simple_string())));
    }
    // Spark prints the default frequency.
    let mut printed = args.clone();
    if printed.len() == 2 {
        printed.push(Expr {
            kind: crate::logical::ExprKind::Literal(crate::literal::Literal::Long(1)),
            data_type: DataType::Long,
            nullable: false,
            pretty: Some("1".into()),
        });
    }
    let pretty = aggregate_pretty("percentile", &printed, false);
    let x = coerce_arg(In::Double, args.into_iter().next().unwrap(), 0, pretty.as_deref().unwrap_or("percentile"), ctx.ansi)?;
    let p = Expr {
        kind: crate::logical::ExprKind::Literal(crate::literal::Literal::Double(p)),
        data_type: DataType::Double,
        nullable: false,
        pretty: None,
    };
    Ok(call(def, vec![x, p], ctx, DataType::Double, true, pretty))
}

fn emit_percentile(_c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let p = match super::helpers::literal_of(&args[1]) {
        Some(crate::literal::Literal::Double(v)) => *v,
        _ => return Err(SparkError::internal("percentile without a literal percentage")),
    };
    Ok(format!("quantile_cont({}, {p:?})", sql[0]))
}

/// Spark 4's `corr`: NULL below two non-null pairs, and ck / sqrt(xMk * yMk) with Spark's division, so a side
/// without variance divides by zero: DIVIDE_BY_ZERO under ANSI, NULL otherwise (DuckDB answers NaN).
fn emit_corr(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let ExprKind::Call { ansi, distinct, .. } = &c.kind else { unreachable!() };
    if *distinct {
        return Err(SparkError::unsupported("corr(DISTINCT ...)"));
    }
    let (x, y) = (&sql[0], &sql[1]);
    let both = format!("FILTER (WHERE {x} IS NOT NULL AND {y} IS NOT NULL)");
    Ok(format!(
        "CASE WHEN count(*) {both} < 2 THEN CAST(NULL AS DOUBLE) \
         WHEN var_pop({x}) {both} * var_pop({y}) {both} = 0 THEN {} \
         ELSE corr({x}, {y}) {both} END",
        super::divide_by_zero(*ansi)
    ))
}
