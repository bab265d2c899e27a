//! Conditional and null-handling functions: `when` (CASE WHEN, as Spark Connect sends `when/otherwise`),
//! `nvl`/`ifnull`/`nvl2`/`nullif`, `greatest`/`least`, `nanvl`, `equal_null`.

use super::helpers::{check_arity, fn_pretty};
use super::{call, no_distinct, wider_common_type, CallContext, FunctionDef};
use crate::logical::Expr;
use crate::types::DataType;
use crate::{Result, SparkError};

pub(crate) static FUNCTIONS: &[FunctionDef] = &[
    def!("equal_null", Scalar, "({0} IS NOT DISTINCT FROM {1})", "boolean, never null; operands coerced as a comparison", resolve_equal_null, super::helpers::emit_template),
    def!("greatest", Scalar, "greatest(...) (skips NULLs, NaN largest, as Spark)", "wider common type; null only if all are", resolve_greatest_least, emit_greatest_least),
    def!("ifnull", Scalar, "coalesce(a, b)", "wider common type", resolve_nvl, emit_coalesce_like),
    def!("least", Scalar, "least(...)", "wider common type; null only if all are", resolve_greatest_least, emit_greatest_least),
    def!("nanvl", Scalar, "CASE WHEN isnan(a) THEN b ELSE a END", "double (float when both are float)", resolve_nanvl, emit_nanvl),
    def!("nullif", Scalar, "CASE WHEN a = b THEN NULL ELSE a END", "type of a; always nullable", resolve_nullif, emit_nullif),
    def!("nullifzero", Scalar, "CASE WHEN a = 0 THEN NULL ELSE a END", "input type, nullable", resolve_zero, emit_zero),
    def!("nvl", Scalar, "coalesce(a, b)", "wider common type", resolve_nvl, emit_coalesce_like),
    def!("nvl2", Scalar, "CASE WHEN a IS NOT NULL THEN b ELSE c END", "wider common type of b and c", resolve_nvl2, emit_nvl2),
    def!("when", Scalar, "CASE WHEN c1 THEN v1 ... [ELSE e] END", "wider common type of the values; nullable when a value is or without ELSE", resolve_when, emit_when),
    def!("zeroifnull", Scalar, "coalesce(a, 0)", "input type", resolve_zero, emit_zero),
];

/// The wider common type of the values (Spark's `findWiderCommonType` for CASE/coalesce-like functions).
fn common_type(name: &str, sql: &str, values: &[&Expr]) -> Result<DataType> {
    let mut t = values[0].data_type.clone();
    for v in &values[1..] {
        match wider_common_type(&t, &v.data_type) {
            Some(w) => t = w,
            None if matches!(t, DataType::String) || matches!(v.data_type, DataType::String) => {
                return Err(SparkError::unsupported(format!("implicit cast of a string argument in \"{sql}\"")))
            }
            None => {
                let types: Vec<String> = values.iter().map(|a| format!("\"{}\"", a.data_type.spark_sql())).collect();
                return Err(SparkError::new(
                    "DATATYPE_MISMATCH.DATA_DIFF_TYPES",
                    format!(
                        "Cannot resolve \"{sql}\" due to data type mismatch: Input to `{name}` should all be the same type, but it's [{}].",
                        types.join(", ")
                    ),
                )
                .with_sql_state("42K09"));
            }
        }
    }
    Ok(t)
}

fn resolve_when(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    if args.len() < 2 {
        return Err(crate::coercion::wrong_num_args("when", 2, args.len()));
    }
    let has_else = args.len() % 2 == 1;
    let n_branches = args.len() / 2;
    let pretty = (|| {
        let mut s = String::from("CASE");
        for b in 0..n_branches {
            s.push_str(&format!(" WHEN {} THEN {}", args[2 * b].pretty.as_ref()?, args[2 * b + 1].pretty.as_ref()?));
        }
        if has_else {
            s.push_str(&format!(" ELSE {}", args[args.len() - 1].pretty.as_ref()?));
        }
        s.push_str(" END");
        Some(s)
    })();
    let sql = pretty.clone().unwrap_or_else(|| "CASE WHEN".to_string());
    let mut values: Vec<&Expr> = (0..n_branches).map(|b| &args[2 * b + 1]).collect();
    if has_else {
        values.push(&args[args.len() - 1]);
    }
    let t = common_type("CASE", &sql, &values)?;
    let nullable = !has_else || values.iter().any(|v| v.nullable);
    let mut out = Vec::with_capacity(args.len());
    for (i, a) in args.into_iter().enumerate() {
        let is_condition = i % 2 == 0 && !(has_else && i == 2 * n_branches);
        if is_condition {
            match a.data_type {
                DataType::Boolean => out.push(a),
                _ => {
                    return Err(SparkError::new(
                        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                        format!(
                            "Cannot resolve \"{sql}\" due to data type mismatch: Parameter {} requires the \"BOOLEAN\" type, however \"{}\" has the type \"{}\".",
                            i + 1,
                            a.pretty.clone().unwrap_or_default(),
                            a.data_type.spark_sql()
                        ),
                    )
                    .with_sql_state("42K09"))
                }
            }
        } else {
            out.push(a.implicit_cast(&t));
        }
    }
    Ok(call(def, out, ctx, t, nullable, pretty))
}

fn emit_when(_call: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let has_else = args.len() % 2 == 1;
    let mut s = String::from("CASE");
    for b in 0..args.len() / 2 {
        s.push_str(&format!(" WHEN {} THEN {}", sql[2 * b], sql[2 * b + 1]));
    }
    if has_else {
        s.push_str(&format!(" ELSE {}", sql[args.len() - 1]));
    }
    s.push_str(" END");
    Ok(s)
}

fn resolve_nvl(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 2)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let t = common_type(def.name, &sql, &[&args[0], &args[1]])?;
    let nullable = args.iter().all(|a| a.nullable);
    let coerced: Vec<Expr> = args.into_iter().map(|a| a.implicit_cast(&t)).collect();
    Ok(call(def, coerced, ctx, t, nullable, pretty))
}

fn emit_coalesce_like(_call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    Ok(format!("coalesce({})", sql.join(", ")))
}

fn resolve_nvl2(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 3, 3)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let t = common_type(def.name, &sql, &[&args[1], &args[2]])?;
    let nullable = args[1].nullable || args[2].nullable;
    let mut it = args.into_iter();
    let (a, b, c) = (it.next().unwrap(), it.next().unwrap(), it.next().unwrap());
    Ok(call(def, vec![a, b.implicit_cast(&t), c.implicit_cast(&t)], ctx, t, nullable, pretty))
}

fn emit_nvl2(_call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    Ok(format!("CASE WHEN {} IS NOT NULL THEN {} ELSE {} END", sql[0], sql[1], sql[2]))
}

/// `nullif(a, b)` is Spark's `If(EqualTo(a, b), null, a)`: the arguments are [a, a and b as compared].
fn resolve_nullif(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 2)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let cmp = crate::coercion::comparison_type(&args[0], &args[1], &sql)?;
    let t = args[0].data_type.clone();
    let mut it = args.into_iter();
    let (a, b) = (it.next().unwrap(), it.next().unwrap());
    let (ca, cb) = match &cmp {
        Some(c) => (a.clone().implicit_cast(c), b.implicit_cast(c)),
        None => (a.clone(), b),
    };
    Ok(call(def, vec![a, ca, cb], ctx, t, true, pretty))
}

fn emit_nullif(call_expr: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    Ok(format!(
        "CASE WHEN {} = {} THEN CAST(NULL AS {}) ELSE {} END",
        sql[1],
        sql[2],
        call_expr.data_type.to_duckdb_sql(),
        sql[0]
    ))
}

fn resolve_greatest_least(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    let pretty = fn_pretty(def.name, &args);
    if args.len() < 2 {
        return Err(SparkError::new(
            "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
            format!("The `{}` requires > 1 parameters but the actual number is {}.", def.name, args.len()),
        )
        .with_sql_state("42605"));
    }
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let refs: Vec<&Expr> = args.iter().collect();
    let t = common_type(def.name, &sql, &refs)?;
    if matches!(t, DataType::Array { .. } | DataType::Map { .. } | DataType::Struct(_)) {
        return Err(SparkError::unsupported(format!("{} of arrays, maps or structs", def.name)));
    }
    let nullable = args.iter().all(|a| a.nullable);
    let coerced: Vec<Expr> = args.into_iter().map(|a| a.implicit_cast(&t)).collect();
    Ok(call(def, coerced, ctx, t, nullable, pretty))
}

fn emit_greatest_least(call_expr: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    Ok(format!("{}({})", super::helpers::func_name(call_expr), sql.join(", ")))
}

fn resolve_nanvl(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 2)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let both_float = args.iter().all(|a| matches!(a.data_type, DataType::Float | DataType::Null));
    let t = if both_float && args.iter().any(|a| a.data_type == DataType::Float) { DataType::Float } else { DataType::Double };
    let mut out = Vec::new();
    for (i, a) in args.into_iter().enumerate() {
        if !(a.data_type.is_numeric() || a.data_type == DataType::Null) {
            return Err(crate::coercion::unexpected_input_type(&sql, i + 1, "(\"DOUBLE\" or \"FLOAT\")", &a));
        }
        out.push(a.implicit_cast(&t));
    }
    let nullable = out.iter().any(|a| a.nullable);
    Ok(call(def, out, ctx, t, nullable, pretty))
}

fn emit_nanvl(_call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    Ok(format!("CASE WHEN isnan({0}) THEN {1} ELSE {0} END", sql[0], sql[1]))
}

fn resolve_equal_null(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 2)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let cmp = crate::coercion::comparison_type(&args[0], &args[1], &sql)?;
    let coerced: Vec<Expr> = match &cmp {
        Some(c) => args.into_iter().map(|a| a.implicit_cast(c)).collect(),
        None => args,
    };
    Ok(call(def, coerced, ctx, DataType::Boolean, false, pretty))
}

fn resolve_zero(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 1)?;
    let pretty = fn_pretty(def.name, &args);
    let a = args.into_iter().next().unwrap();
    if !a.data_type.is_numeric() {
        return Err(SparkError::unsupported(format!("{} of a non-numeric value", def.name)));
    }
    let nullable = if def.name == "nullifzero" { true } else { false };
    let t = a.data_type.clone();
    Ok(call(def, vec![a], ctx, t, nullable, pretty))
}

fn emit_zero(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let t = c.data_type.to_duckdb_sql();
    Ok(if super::helpers::func_name(c) == "nullifzero" {
        format!("CASE WHEN {0} = 0 THEN CAST(NULL AS {t}) ELSE {0} END", sql[0])
    } else {
        format!("coalesce({}, CAST(0 AS {t}))", sql[0])
    })
}
