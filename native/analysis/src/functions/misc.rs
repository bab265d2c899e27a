//! Hashes (md5, sha1, sha2-256) and session/type functions (typeof, current_database, ...).

use super::helpers::{check_arity, fn_pretty, literal_int};
use super::{call, no_distinct, CallContext, FunctionDef};
use crate::logical::Expr;
use crate::sql::quote_str;
use crate::types::DataType;
use crate::{Result, SparkError};

pub(crate) static FUNCTIONS: &[FunctionDef] = &[
    def!("current_catalog", Scalar, "'spark_catalog'", "string", resolve_constant, emit_constant),
    def!("current_database", Scalar, "'default'", "string", resolve_constant, emit_constant),
    def!("current_schema", Scalar, "'default'", "string", resolve_constant, emit_constant),
    def!("md5", Scalar, "md5(x) of the UTF-8 bytes", "string (hex)", resolve_hash, emit_hash),
    def!("sha", Scalar, "sha1(x)", "string (hex)", resolve_hash, emit_hash),
    def!("sha1", Scalar, "sha1(x)", "string (hex)", resolve_hash, emit_hash),
    def!("sha2", Scalar, "sha256(x) for 0 and 256; other bit lengths: not supported (224/384/512) or NULL (invalid)", "string (hex)", resolve_hash, emit_hash),
    def!("typeof", Scalar, "the Spark type name as a constant", "string, never null", resolve_typeof, emit_typeof),
];

fn resolve_constant(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 0, 0)?;
    // Spark prints current_database() as current_schema().
    let printed = if def.name == "current_database" { "current_schema" } else { def.name };
    Ok(call(def, vec![], ctx, DataType::String, false, Some(format!("{printed}()"))))
}

fn emit_constant(c: &Expr, _a: &[Expr], _s: &[String]) -> Result<String> {
    let v = if super::helpers::func_name(c) == "current_catalog" { "spark_catalog" } else { "default" };
    Ok(format!("CAST({} AS VARCHAR)", quote_str(v)))
}

fn resolve_hash(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    let arity = if def.name == "sha2" { 2 } else { 1 };
    check_arity(ctx.name, &args, arity, arity)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let nullable = args[0].nullable;
    if def.name == "sha2" {
        match literal_int(&args[1]) {
            Some(0) | Some(256) => {}
            Some(224) | Some(384) | Some(512) => return Err(SparkError::unsupported("sha2 with 224, 384 or 512 bits")),
            // Spark rejects other bit lengths when it builds the expression (IllegalArgumentException).
            Some(bits) => return Err(SparkError::unsupported(format!("sha2 with {bits} bits (Spark rejects it)"))),
            None => return Err(SparkError::unsupported("sha2 with a non-literal bit length")),
        }
    }
    let mut it = args.into_iter();
    let a = it.next().unwrap();
    let a = match a.data_type {
        DataType::String | DataType::Binary => a,
        DataType::Null => a.implicit_cast(&DataType::String),
        _ => return Err(crate::coercion::unexpected_input_type(&sql, 1, "\"BINARY\"", &a)),
    };
    let mut out = vec![a];
    out.extend(it);
    Ok(call(def, out, ctx, DataType::String, nullable, pretty))
}

fn emit_hash(c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let x = &sql[0];
    Ok(match super::helpers::func_name(c) {
        "md5" => format!("md5({x})"),
        "sha" | "sha1" => format!("sha1({x})"),
        _ => match literal_int(&args[1]) {
            Some(0) | Some(256) => format!("sha256({x})"),
            _ => "CAST(NULL AS VARCHAR)".to_string(),
        },
    })
}

fn resolve_typeof(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 1)?;
    let pretty = fn_pretty("typeof", &args);
    Ok(call(def, args, ctx, DataType::String, false, pretty))
}

fn emit_typeof(_c: &Expr, args: &[Expr], _s: &[String]) -> Result<String> {
    Ok(format!("CAST({} AS VARCHAR)", quote_str(&args[0].data_type.simple_string())))
}
