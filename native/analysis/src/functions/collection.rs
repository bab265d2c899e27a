//! Arrays and structs: constructors, size, sorting, membership, element access, min/max, join.

use super::helpers::{check_arity, fn_pretty, literal_bool};
use super::{call, no_distinct, wider_common_type, CallContext, FunctionDef};
use crate::logical::{Expr, ExprKind};
use crate::sql::quote_ident;
use crate::types::{DataType, Field};
use crate::{Result, SparkError};

pub(crate) static FUNCTIONS: &[FunctionDef] = &[
    def!("array", Scalar, "[a, b, ...]", "array<wider common type>", resolve_array, emit_array),
    def!("array_contains", Scalar, "true if found; NULL if not found and the array holds a NULL; else false", "boolean", resolve_array_contains, emit_array_contains),
    def!("array_join", Scalar, "array_to_string (skips NULLs) / with nullReplacement", "string", resolve_array_join, emit_array_join),
    def!("array_max", Scalar, "list_max(a)", "element type", resolve_array_unary, emit_array_unary),
    def!("array_min", Scalar, "list_min(a)", "element type", resolve_array_unary, emit_array_unary),
    def!("array_position", Scalar, "CAST(coalesce(list_position(a, v), 0) AS BIGINT)", "bigint: 1-based, 0 when absent", resolve_array_contains, emit_array_position),
    def!("array_size", Scalar, "CAST(len(a) AS INTEGER)", "int", resolve_array_unary, emit_array_unary),
    def!("cardinality", Scalar, "as size", "int", resolve_size, emit_size),
    def!("named_struct", Scalar, "struct_pack(name := value, ...)", "struct", resolve_named_struct, emit_struct),
    def!("size", Scalar, "CAST(len(a) AS INTEGER); NULL → NULL (ANSI) or -1", "int", resolve_size, emit_size),
    def!("sort_array", Scalar, "list_sort(a, 'ASC', 'NULLS FIRST') / ('DESC', 'NULLS LAST')", "input type", resolve_sort_array, emit_sort_array),
    def!("struct", Scalar, "struct_pack(name := value, ...)", "struct (fields named after columns, else col1, col2, ...)", resolve_struct, emit_struct),
];

fn element_type(e: &Expr) -> Option<(&DataType, bool)> {
    match &e.data_type {
        DataType::Array { element, contains_null } => Some((element, *contains_null)),
        _ => None,
    }
}

fn require_array(sql: &str, e: &Expr, index: usize) -> Result<()> {
    if element_type(e).is_none() {
        return Err(crate::coercion::unexpected_input_type(sql, index + 1, "\"ARRAY\"", e));
    }
    Ok(())
}

fn resolve_array(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    let pretty = fn_pretty("array", &args);
    let mut t = DataType::Null;
    for a in &args {
        t = wider_common_type(&t, &a.data_type).ok_or_else(|| {
            SparkError::unsupported(format!("array of different element types in \"{}\"", pretty.clone().unwrap_or_default()))
        })?;
    }
    // Spark's array() of no arguments is array<string>... of void elements; keep it out.
    if args.is_empty() || t == DataType::Null {
        return Err(SparkError::unsupported("array() without typed elements"));
    }
    let contains_null = args.iter().any(|a| a.nullable);
    let coerced: Vec<Expr> = args.into_iter().map(|a| a.implicit_cast(&t)).collect();
    Ok(call(def, coerced, ctx, DataType::Array { element: Box::new(t), contains_null }, false, pretty))
}

fn emit_array(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    Ok(format!("CAST([{}] AS {})", sql.join(", "), c.data_type.to_duckdb_sql()))
}

fn resolve_size(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 1)?;
    let pretty = fn_pretty(def.name, &args);
    let a = &args[0];
    if !matches!(a.data_type, DataType::Array { .. } | DataType::Map { .. }) {
        return Err(crate::coercion::unexpected_input_type(pretty.as_deref().unwrap_or("size"), 1, "(\"ARRAY\" or \"MAP\")", a));
    }
    // Non-ANSI: size(NULL) is -1 (spark.sql.legacy.sizeOfNull), so never null.
    let nullable = ctx.ansi && a.nullable;
    Ok(call(def, args, ctx, DataType::Integer, nullable, pretty))
}

fn emit_size(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let n = format!("CAST(len({}) AS INTEGER)", sql[0]);
    Ok(if super::helpers::ansi_of(c) { n } else { format!("coalesce({n}, -1)") })
}

fn resolve_array_unary(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 1)?;
    let pretty = fn_pretty(def.name, &args);
    require_array(pretty.as_deref().unwrap_or(def.name), &args[0], 0)?;
    let (elem, _) = element_type(&args[0]).unwrap();
    let (t, nullable) = match def.name {
        "array_max" | "array_min" => {
            if matches!(elem, DataType::Array { .. } | DataType::Map { .. } | DataType::Struct(_)) {
                return Err(SparkError::unsupported(format!("{} of nested elements", def.name)));
            }
            (elem.clone(), true)
        }
        "array_size" => (DataType::Integer, args[0].nullable),
        _ => (args[0].data_type.clone(), args[0].nullable),
    };
    Ok(call(def, args, ctx, t, nullable, pretty))
}

fn emit_array_unary(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let x = &sql[0];
    Ok(match super::helpers::func_name(c) {
        "array_max" => format!("list_max({x})"),
        "array_min" => format!("list_min({x})"),
        "array_size" => format!("CAST(len({x}) AS INTEGER)"),
        _ => format!("list_sort({x}, 'ASC', 'NULLS LAST')"),
    })
}

fn resolve_sort_array(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 2)?;
    let asc = if args.len() == 2 {
        literal_bool(&args[1]).ok_or_else(|| SparkError::unsupported("sort_array with a non-literal order"))?
    } else {
        true
    };
    let pretty = args[0].pretty.as_ref().map(|a| format!("sort_array({a}, {asc})"));
    require_array(pretty.as_deref().unwrap_or("sort_array"), &args[0], 0)?;
    let t = args[0].data_type.clone();
    let nullable = args[0].nullable;
    Ok(call(def, args, ctx, t, nullable, pretty))
}

fn emit_sort_array(_c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let asc = args.get(1).and_then(literal_bool).unwrap_or(true);
    Ok(if asc {
        format!("list_sort({}, 'ASC', 'NULLS FIRST')", sql[0])
    } else {
        format!("list_sort({}, 'DESC', 'NULLS LAST')", sql[0])
    })
}

fn resolve_array_contains(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 2)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    require_array(&sql, &args[0], 0)?;
    let (elem, contains_null) = element_type(&args[0]).map(|(e, n)| (e.clone(), n)).unwrap();
    let t = wider_common_type(&elem, &args[1].data_type)
        .ok_or_else(|| SparkError::unsupported(format!("{} with a value of another type in \"{sql}\"", def.name)))?;
    if t != elem {
        return Err(SparkError::unsupported(format!("{} with a value of a wider type in \"{sql}\"", def.name)));
    }
    let nullable = args[0].nullable || args[1].nullable || (def.name == "array_contains" && contains_null);
    let mut it = args.into_iter();
    let (a, v) = (it.next().unwrap(), it.next().unwrap());
    let v = v.implicit_cast(&t);
    let rt = if def.name == "array_contains" { DataType::Boolean } else { DataType::Long };
    Ok(call(def, vec![a, v], ctx, rt, nullable, pretty))
}

fn emit_array_contains(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let (a, v) = (&sql[0], &sql[1]);
    Ok(format!(
        "CASE WHEN {a} IS NULL OR {v} IS NULL THEN NULL WHEN list_contains({a}, {v}) THEN true \
         WHEN len(list_filter({a}, lambda sd_x: sd_x IS NULL)) > 0 THEN NULL ELSE false END"
    ))
}

fn emit_array_position(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let (a, v) = (&sql[0], &sql[1]);
    Ok(format!("CASE WHEN {a} IS NULL OR {v} IS NULL THEN NULL ELSE CAST(coalesce(list_position({a}, {v}), 0) AS BIGINT) END"))
}

fn resolve_array_join(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 3)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    require_array(&sql, &args[0], 0)?;
    if element_type(&args[0]).map(|(e, _)| e.clone()) != Some(DataType::String) {
        return Err(SparkError::unsupported("array_join of non-string arrays"));
    }
    let mut out = vec![];
    for (i, a) in args.into_iter().enumerate() {
        out.push(if i == 0 { a } else { super::helpers::coerce_arg(super::helpers::In::Str, a, i, &sql, ctx.ansi)? });
    }
    let nullable = out.iter().any(|a| a.nullable);
    Ok(call(def, out, ctx, DataType::String, nullable, pretty))
}

fn emit_array_join(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let (a, sep) = (&sql[0], &sql[1]);
    Ok(match sql.get(2) {
        None => format!("CASE WHEN {sep} IS NULL THEN NULL ELSE array_to_string({a}, {sep}) END"),
        Some(rep) => format!(
            "CASE WHEN {sep} IS NULL OR {rep} IS NULL THEN NULL ELSE array_to_string(list_transform({a}, lambda sd_x: coalesce(sd_x, {rep})), {sep}) END"
        ),
    })
}

/// A struct field name from an argument: a column's (or field's) name, else `col<i>`.
fn struct_field_name(e: &Expr, i: usize) -> String {
    match &e.kind {
        ExprKind::Column(_) => e.pretty.clone().unwrap_or_else(|| format!("col{}", i + 1)),
        ExprKind::GetField { written, .. } => written.clone(),
        _ => format!("col{}", i + 1),
    }
}

fn resolve_struct(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    let pretty = fn_pretty("struct", &args);
    let fields: Vec<Field> = args.iter().enumerate().map(|(i, a)| Field::new(struct_field_name(a, i), a.data_type.clone(), a.nullable)).collect();
    if args.iter().any(|a| a.data_type == DataType::Null) {
        return Err(SparkError::unsupported("struct with an untyped NULL field"));
    }
    Ok(call(def, args, ctx, DataType::Struct(fields), false, pretty))
}

/// `struct(a AS x, b)`: the aliased fields named by their aliases; Spark shows the aliases in the name.
pub(crate) fn resolve_struct_aliased(def: &'static FunctionDef, args: Vec<Expr>, aliases: Vec<Option<String>>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    if args.iter().any(|a| a.data_type == DataType::Null) {
        return Err(SparkError::unsupported("struct with an untyped NULL field"));
    }
    let shown: Option<Vec<String>> = args
        .iter()
        .zip(&aliases)
        .map(|(a, alias)| a.pretty.as_ref().map(|p| match alias {
            Some(alias) => format!("{p} AS {alias}"),
            None => p.clone(),
        }))
        .collect();
    let pretty = shown.map(|s| format!("struct({})", s.join(", ")));
    let fields: Vec<Field> = args
        .iter()
        .zip(aliases)
        .enumerate()
        .map(|(i, (a, alias))| Field::new(alias.unwrap_or_else(|| struct_field_name(a, i)), a.data_type.clone(), a.nullable))
        .collect();
    Ok(call(def, args, ctx, DataType::Struct(fields), false, pretty))
}

fn resolve_named_struct(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    if args.len() % 2 != 0 || args.is_empty() {
        return Err(crate::coercion::wrong_num_args("named_struct", 2, args.len()));
    }
    let pretty = fn_pretty("named_struct", &args);
    let mut fields = vec![];
    let mut values = vec![];
    for pair in args.chunks(2) {
        let name = super::helpers::literal_string(&pair[0]).ok_or_else(|| SparkError::unsupported("named_struct with a non-literal field name"))?;
        if pair[1].data_type == DataType::Null {
            return Err(SparkError::unsupported("named_struct with an untyped NULL field"));
        }
        fields.push(Field::new(name, pair[1].data_type.clone(), pair[1].nullable));
        values.push(pair[1].clone());
    }
    Ok(call(def, values, ctx, DataType::Struct(fields), false, pretty))
}

fn emit_struct(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let DataType::Struct(fields) = &c.data_type else { unreachable!() };
    let parts: Vec<String> = fields.iter().zip(sql).map(|(f, s)| format!("{} := {s}", quote_ident(&f.name))).collect();
    Ok(format!("struct_pack({})", parts.join(", ")))
}
