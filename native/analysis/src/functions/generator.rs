//! Generators (`explode`, `posexplode`, `inline` and their `_outer` forms): table-generating functions that Spark
//! only allows at the top level of a projection (`select`, `withColumn`). There they become a `Generate` node
//! (`crate::generate`); anywhere else they fail as Spark does.

use super::helpers::check_arity;
use super::{call, no_distinct, pretty_args, CallContext, FunctionDef};
use crate::logical::Expr;
use crate::types::DataType;
use crate::{Result, SparkError};

pub(crate) static FUNCTIONS: &[FunctionDef] = &[
    def!("explode", Generator, "unnest(a) / unnest(map_entries(m))", "array<T>: `col` T; map<K,V>: `key` K, `value` V", resolve_generator, emit_generator),
    def!("explode_outer", Generator, "unnest(a, or [NULL] when null/empty)", "as explode, all nullable", resolve_generator, emit_generator),
    def!("inline", Generator, "unnest(a) then each struct field", "the struct's fields (all nullable if elements may be null)", resolve_generator, emit_generator),
    def!("inline_outer", Generator, "unnest(a, or [NULL] when null/empty) then each field", "as inline, all nullable", resolve_generator, emit_generator),
    def!("posexplode", Generator, "unnest(list_transform(a, (e, i) -> {pos: i - 1, e}))", "`pos` int, then as explode", resolve_generator, emit_generator),
    def!("posexplode_outer", Generator, "as posexplode, [NULL] when null/empty", "as posexplode, all nullable", resolve_generator, emit_generator),
];

/// Checks the argument; the call's type is its argument's (the outputs are decided by `crate::generate`).
fn resolve_generator(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 1)?;
    let pretty = pretty_args(&args).map(|a| format!("{}({a})", ctx.name));
    let arg = &args[0];
    let inline = def.name.starts_with("inline");
    let accepted = match &arg.data_type {
        DataType::Array { element, .. } if inline => matches!(**element, DataType::Struct(_)),
        DataType::Array { .. } | DataType::Map { .. } => !inline,
        _ => false,
    };
    if !accepted {
        let required = if inline { "\"ARRAY<STRUCT>\"" } else { "(\"ARRAY\" or \"MAP\")" };
        return Err(SparkError::new(
            "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
            format!(
                "Cannot resolve \"{}\" due to data type mismatch: The first parameter requires the {required} type, however \"{}\" has the type \"{}\".",
                pretty.clone().unwrap_or_default(),
                arg.pretty.clone().unwrap_or_default(),
                arg.data_type.spark_sql()
            ),
        )
        .with_sql_state("42K09"));
    }
    let data_type = arg.data_type.clone();
    Ok(call(def, args, ctx, data_type, true, pretty))
}

/// Reached only when a generator is not at the top level of a projection (the projection plans it instead).
fn emit_generator(call_expr: &Expr, _args: &[Expr], _sql: &[String]) -> Result<String> {
    Err(nested_generator(call_expr))
}

/// Spark's error for a generator inside another expression or outside a projection.
pub(crate) fn nested_generator(e: &Expr) -> SparkError {
    SparkError::new(
        "UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS",
        format!("The generator is not supported: nested in expressions \"{}\".", e.pretty.clone().unwrap_or_default()),
    )
    .with_sql_state("42K0E")
}
