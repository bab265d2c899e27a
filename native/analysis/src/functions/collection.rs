//! Arrays and structs: constructors, size, sorting, membership, element access, min/max, join.

use super::helpers::{check_arity, fn_pretty, literal_bool};
use super::{call, no_distinct, wider_common_type, CallContext, FunctionDef};
use crate::logical::{Expr, ExprKind};
use crate::sql::quote_ident;
use crate::types::{DataType, Field};
use crate::{Result, SparkError};

pub(crate) static FUNCTIONS: &[FunctionDef] = &[
    def!("array", Scalar, "[a, b, ...]", "array<wider common type>", resolve_array, emit_array),
    def!("array_append", Scalar, "list_append(a, v); NULL array → NULL", "array<element type>", resolve_array_add, emit_array_add),
    def!("array_compact", Scalar, "list_filter(a, x → x IS NOT NULL)", "array (no nulls)", resolve_array_one, emit_array_one),
    def!("array_contains", Scalar, "true if found; NULL if not found and the array holds a NULL; else false", "boolean", resolve_array_contains, emit_array_contains),
    def!("array_distinct", Scalar, "first occurrences in order (one NULL kept); floating-point elements refused", "input type", resolve_array_one, emit_array_one),
    def!("array_except", Scalar, "distinct elements of a not in b, in a's order", "array", resolve_array_set, emit_array_set),
    def!("array_intersect", Scalar, "distinct elements of a also in b, in a's order", "array", resolve_array_set, emit_array_set),
    def!("array_join", Scalar, "array_to_string (skips NULLs) / with nullReplacement", "string", resolve_array_join, emit_array_join),
    def!("array_max", Scalar, "list_max(a)", "element type", resolve_array_unary, emit_array_unary),
    def!("array_min", Scalar, "list_min(a)", "element type", resolve_array_unary, emit_array_unary),
    def!("array_position", Scalar, "CAST(coalesce(list_position(a, v), 0) AS BIGINT)", "bigint: 1-based, 0 when absent", resolve_array_contains, emit_array_position),
    def!("array_prepend", Scalar, "list_prepend(v, a); NULL array → NULL", "array<element type>", resolve_array_add, emit_array_add),
    def!("array_remove", Scalar, "list_filter(a, x → x IS NULL OR x <> v); NULL v → NULL", "input type", resolve_array_add, emit_array_add),
    def!("array_repeat", Scalar, "list of n copies of v (n < 0 → empty)", "array<type of v>", resolve_array_repeat, emit_array_repeat),
    def!("array_size", Scalar, "CAST(len(a) AS INTEGER)", "int", resolve_array_unary, emit_array_unary),
    def!("array_union", Scalar, "distinct elements of a then b, first occurrences in order", "array", resolve_array_set, emit_array_set),
    def!("arrays_overlap", Scalar, "true on a common non-null element; else NULL if both non-empty and one holds a NULL; else false", "boolean", resolve_array_set, emit_array_set),
    def!("cardinality", Scalar, "as size", "int", resolve_size, emit_size),
    def!("element_at", Scalar, "array: a[i] (1-based, negative from the end), 0 → INVALID_INDEX_OF_ZERO, out of range → INVALID_ARRAY_INDEX_IN_ELEMENT_AT (ANSI) or NULL; maps not supported", "element / value type", resolve_element_at, emit_element_at),
    def!("flatten", Scalar, "flatten(a); NULL if any inner array is NULL", "array<inner element type>", resolve_array_one, emit_array_one),
    def!("get", Scalar, "a[i + 1] for 0 <= i < len(a), else NULL", "element type", resolve_element_at, emit_element_at),
    def!("named_struct", Scalar, "struct_pack(name := value, ...)", "struct", resolve_named_struct, emit_struct),
    def!("sequence", Scalar, "generate_series(start, stop, step) for integral bounds; default step ±1", "array<wider integral type>", resolve_sequence, emit_sequence),
    def!("size", Scalar, "CAST(len(a) AS INTEGER); NULL → NULL (ANSI) or -1", "int", resolve_size, emit_size),
    def!("slice", Scalar, "list_slice from the 0-based start (negative: from the end) for length elements; start 0 / negative length → INVALID_PARAMETER_VALUE", "input type", resolve_slice, emit_slice),
    def!("sort_array", Scalar, "list_sort(a, 'ASC', 'NULLS FIRST') / ('DESC', 'NULLS LAST')", "input type", resolve_sort_array, emit_sort_array),
    def!("struct", Scalar, "struct_pack(name := value, ...)", "struct (fields named after columns, else col1, col2, ...)", resolve_struct, emit_struct),
    def!("try_element_at", Scalar, "as element_at, NULL out of range", "element / value type", resolve_element_at, emit_element_at),
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

fn emit_size(c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let length = if matches!(args[0].data_type, DataType::Map { .. }) { "cardinality" } else { "len" };
    let n = format!("CAST({length}({}) AS INTEGER)", sql[0]);
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

/// The checks shared by the functions of an array and one value of its element type (`array_contains`,
/// `array_position`, `array_append`, ...): two arguments, the first an array, the value no wider than the
/// elements (refused otherwise). Returns the printed call, the element type and whether elements may be NULL.
fn array_and_element(def: &'static FunctionDef, args: &[Expr], ctx: &CallContext) -> Result<(Option<String>, DataType, bool)> {
    check_arity(ctx.name, args, 2, 2)?;
    let pretty = fn_pretty(def.name, args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    require_array(&sql, &args[0], 0)?;
    let (elem, contains_null) = element_type(&args[0]).map(|(e, n)| (e.clone(), n)).unwrap();
    let t = wider_common_type(&elem, &args[1].data_type)
        .ok_or_else(|| SparkError::unsupported(format!("{} with a value of another type in \"{sql}\"", def.name)))?;
    if t != elem {
        return Err(SparkError::unsupported(format!("{} with a value of a wider type in \"{sql}\"", def.name)));
    }
    Ok((pretty, elem, contains_null))
}

fn resolve_array_contains(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    let (pretty, elem, contains_null) = array_and_element(def, &args, ctx)?;
    let nullable = args[0].nullable || args[1].nullable || (def.name == "array_contains" && contains_null);
    let mut it = args.into_iter();
    let (a, v) = (it.next().unwrap(), it.next().unwrap());
    let v = v.implicit_cast(&elem);
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
        ExprKind::GetField { written, .. } | ExprKind::ArrayFields { written, by_path: true, .. } => written.clone(),
        ExprKind::LambdaVariable { name, .. } => name.clone(),
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

/// Element types whose equality in DuckDB is Spark's (floating point: NaN and -0.0 are not checked yet).
fn set_comparable(t: &DataType) -> bool {
    !matches!(t, DataType::Float | DataType::Double | DataType::Array { .. } | DataType::Map { .. } | DataType::Struct(_))
}

fn resolve_array_one(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 1)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    require_array(&sql, &args[0], 0)?;
    let (elem, contains_null) = element_type(&args[0]).map(|(e, n)| (e.clone(), n)).unwrap();
    let mut nullable = args[0].nullable;
    let t = match def.name {
        "array_compact" => DataType::Array { element: Box::new(elem), contains_null: false },
        "flatten" => {
            let DataType::Array { element: inner, contains_null: inner_null } = elem else {
                return Err(crate::coercion::unexpected_input_type(&sql, 1, "\"ARRAY\" of \"ARRAY\"", &args[0]));
            };
            nullable = nullable || contains_null;
            DataType::Array { element: inner, contains_null: inner_null }
        }
        _ => {
            if !set_comparable(&elem) {
                return Err(SparkError::unsupported(format!("{} of {} elements", def.name, elem.simple_string())));
            }
            args[0].data_type.clone()
        }
    };
    Ok(call(def, args, ctx, t, nullable, pretty))
}

/// `x` occurs first at 1-based index `i` of `list` (NULLs compared as equal).
fn first_occurrence(list: &str, x: &str, i: &str) -> String {
    format!("len(list_filter(list_slice({list}, 1, {i} - 1), lambda sd_y: sd_y IS NOT DISTINCT FROM {x})) = 0")
}

fn distinct_sql(list: &str) -> String {
    format!("list_filter({list}, lambda sd_x, sd_i: {})", first_occurrence(list, "sd_x", "sd_i"))
}

fn emit_array_one(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let a = &sql[0];
    Ok(match super::helpers::func_name(c) {
        "array_compact" => format!("list_filter({a}, lambda sd_x: sd_x IS NOT NULL)"),
        "flatten" => format!("CASE WHEN len(list_filter({a}, lambda sd_x: sd_x IS NULL)) > 0 THEN NULL ELSE flatten({a}) END"),
        _ => distinct_sql(a),
    })
}

fn resolve_array_set(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 2)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    require_array(&sql, &args[0], 0)?;
    require_array(&sql, &args[1], 1)?;
    let (e1, n1) = element_type(&args[0]).map(|(e, n)| (e.clone(), n)).unwrap();
    let (e2, n2) = element_type(&args[1]).map(|(e, n)| (e.clone(), n)).unwrap();
    if e1 != e2 {
        return Err(SparkError::unsupported(format!("{} of arrays of different element types in \"{sql}\"", def.name)));
    }
    if !set_comparable(&e1) {
        return Err(SparkError::unsupported(format!("{} of {} elements", def.name, e1.simple_string())));
    }
    let either = args[0].nullable || args[1].nullable;
    let (t, nullable) = match def.name {
        "arrays_overlap" => (DataType::Boolean, either || n1 || n2),
        "array_union" => (DataType::Array { element: Box::new(e1), contains_null: n1 || n2 }, either),
        "array_intersect" => (DataType::Array { element: Box::new(e1), contains_null: n1 && n2 }, either),
        _ => (DataType::Array { element: Box::new(e1), contains_null: n1 }, either),
    };
    Ok(call(def, args, ctx, t, nullable, pretty))
}

fn emit_array_set(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let (a, b) = (&sql[0], &sql[1]);
    let in_b = format!("len(list_filter({b}, lambda sd_z: sd_z IS NOT DISTINCT FROM sd_x)) > 0");
    let body = match super::helpers::func_name(c) {
        "arrays_overlap" => {
            return Ok(format!(
                "CASE WHEN {a} IS NULL OR {b} IS NULL THEN NULL \
                 WHEN len(list_filter({a}, lambda sd_x: sd_x IS NOT NULL AND list_contains({b}, sd_x))) > 0 THEN true \
                 WHEN len({a}) > 0 AND len({b}) > 0 AND (len(list_filter({a}, lambda sd_x: sd_x IS NULL)) > 0 OR len(list_filter({b}, lambda sd_x: sd_x IS NULL)) > 0) THEN NULL \
                 ELSE false END"
            ))
        }
        "array_union" => distinct_sql(&format!("list_concat({a}, {b})")),
        "array_intersect" => format!("list_filter({}, lambda sd_x: {in_b})", distinct_sql(a)),
        _ => format!("list_filter({}, lambda sd_x: NOT ({in_b}))", distinct_sql(a)),
    };
    Ok(format!("CASE WHEN {a} IS NULL OR {b} IS NULL THEN NULL ELSE {body} END"))
}

fn resolve_array_add(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    let (pretty, elem, contains_null) = array_and_element(def, &args, ctx)?;
    if def.name == "array_remove" && !set_comparable(&elem) {
        return Err(SparkError::unsupported(format!("array_remove of {} elements", elem.simple_string())));
    }
    let mut it = args.into_iter();
    let (a, v) = (it.next().unwrap(), it.next().unwrap().implicit_cast(&elem));
    let (rt, nullable) = if def.name == "array_remove" {
        (a.data_type.clone(), a.nullable || v.nullable)
    } else {
        (DataType::Array { element: Box::new(elem), contains_null: contains_null || v.nullable }, a.nullable)
    };
    Ok(call(def, vec![a, v], ctx, rt, nullable, pretty))
}

fn emit_array_add(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let (a, v) = (&sql[0], &sql[1]);
    let t = c.data_type.to_duckdb_sql();
    Ok(match super::helpers::func_name(c) {
        "array_append" => format!("CASE WHEN {a} IS NULL THEN NULL ELSE CAST(list_append({a}, {v}) AS {t}) END"),
        "array_prepend" => format!("CASE WHEN {a} IS NULL THEN NULL ELSE CAST(list_prepend({v}, {a}) AS {t}) END"),
        _ => format!("CASE WHEN {v} IS NULL THEN NULL ELSE list_filter({a}, lambda sd_x: sd_x IS NULL OR sd_x <> {v}) END"),
    })
}

fn resolve_array_repeat(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 2)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let mut it = args.into_iter();
    let (v, n) = (it.next().unwrap(), it.next().unwrap());
    if v.data_type == DataType::Null {
        return Err(SparkError::unsupported("array_repeat of an untyped NULL"));
    }
    let n = super::helpers::coerce_arg(super::helpers::In::Int, n, 1, &sql, ctx.ansi)?;
    let t = DataType::Array { element: Box::new(v.data_type.clone()), contains_null: v.nullable };
    let nullable = n.nullable;
    Ok(call(def, vec![v, n], ctx, t, nullable, pretty))
}

fn emit_array_repeat(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let (v, n) = (&sql[0], &sql[1]);
    Ok(format!(
        "CASE WHEN {n} IS NULL THEN NULL ELSE CAST(list_transform(range(CAST(greatest({n}, 0) AS BIGINT)), lambda sd_i: {v}) AS {}) END",
        c.data_type.to_duckdb_sql()
    ))
}

fn resolve_element_at(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 2)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let mut it = args.into_iter();
    let (a, k) = (it.next().unwrap(), it.next().unwrap());
    match a.data_type.clone() {
        DataType::Array { element, .. } => {
            let k = super::helpers::coerce_arg(super::helpers::In::Int, k, 1, &sql, ctx.ansi)?;
            Ok(call(def, vec![a, k], ctx, *element, true, pretty))
        }
        // Map results differ in nested nullability from Spark's (not investigated yet): refused.
        DataType::Map { .. } => Err(SparkError::unsupported(format!("{} of a map", def.name))),
        _ => Err(crate::coercion::unexpected_input_type(&sql, 1, "(\"ARRAY\" or \"MAP\")", &a)),
    }
}

fn emit_element_at(c: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    let (a, i) = (&sql[0], &sql[1]);
    let name = super::helpers::func_name(c);
    if name == "get" {
        return Ok(format!("CASE WHEN {i} >= 0 AND {i} < len({a}) THEN {a}[{i} + 1] END"));
    }
    let zero = crate::sql::error_call(
        "INVALID_INDEX_OF_ZERO",
        "The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).",
    );
    let out_of_range = if name == "element_at" && super::helpers::ansi_of(c) {
        crate::sql::error_call(
            "INVALID_ARRAY_INDEX_IN_ELEMENT_AT",
            "The index is out of bounds. Use `try_element_at` to tolerate accessing element at invalid index and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
        )
    } else {
        "NULL".to_string()
    };
    Ok(format!(
        "CASE WHEN {a} IS NULL OR {i} IS NULL THEN NULL WHEN {i} = 0 THEN {zero} \
         WHEN abs(CAST({i} AS BIGINT)) > len({a}) THEN {out_of_range} ELSE {a}[{i}] END"
    ))
}

fn resolve_slice(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 3, 3)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    require_array(&sql, &args[0], 0)?;
    let mut out = vec![];
    for (i, a) in args.into_iter().enumerate() {
        out.push(if i == 0 { a } else { super::helpers::coerce_arg(super::helpers::In::Int, a, i, &sql, ctx.ansi)? });
    }
    let t = out[0].data_type.clone();
    let nullable = out.iter().any(|a| a.nullable);
    Ok(call(def, out, ctx, t, nullable, pretty))
}

fn emit_slice(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let (a, s, l) = (&sql[0], &sql[1], &sql[2]);
    let bad_start = crate::sql::error_call(
        "INVALID_PARAMETER_VALUE.START",
        "The value of parameter(s) `start` in `slice` is invalid: Expects a positive or a negative value for `start`, but got 0.",
    );
    let bad_length = crate::sql::error_call(
        "INVALID_PARAMETER_VALUE.LENGTH",
        "The value of parameter(s) `length` in `slice` is invalid: Expects `length` greater than or equal to 0.",
    );
    let start0 = format!("(CASE WHEN {s} < 0 THEN CAST({s} AS BIGINT) + len({a}) ELSE CAST({s} AS BIGINT) - 1 END)");
    Ok(format!(
        "CASE WHEN {a} IS NULL OR {s} IS NULL OR {l} IS NULL THEN NULL WHEN {s} = 0 THEN {bad_start} WHEN {l} < 0 THEN {bad_length} \
         WHEN {start0} < 0 OR {start0} >= len({a}) THEN list_filter({a}, lambda sd_x: false) \
         ELSE list_slice({a}, {start0} + 1, {start0} + {l}) END"
    ))
}

fn resolve_sequence(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 3)?;
    let pretty = fn_pretty(def.name, &args);
    let mut t = DataType::Null;
    for a in &args {
        if !(a.data_type.is_integral() || a.data_type == DataType::Null) {
            return Err(SparkError::unsupported(format!("sequence of {} values", a.data_type.simple_string())));
        }
        t = wider_common_type(&t, &a.data_type).unwrap_or(DataType::Long);
    }
    if t == DataType::Null {
        return Err(SparkError::unsupported("sequence of untyped NULLs"));
    }
    let nullable = args.iter().any(|a| a.nullable);
    let out: Vec<Expr> = args.into_iter().map(|a| a.implicit_cast(&t)).collect();
    let rt = DataType::Array { element: Box::new(t), contains_null: false };
    Ok(call(def, out, ctx, rt, nullable, pretty))
}

fn emit_sequence(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let (a, b) = (&sql[0], &sql[1]);
    let step = sql.get(2).cloned().unwrap_or_else(|| format!("(CASE WHEN {a} <= {b} THEN 1 ELSE -1 END)"));
    // Spark's `require`: no error condition (IllegalArgumentException).
    let illegal = format!("error('requirement failed: Illegal sequence boundaries: ' || {a} || ' to ' || {b} || ' by ' || {step})");
    Ok(format!(
        "CASE WHEN {a} IS NULL OR {b} IS NULL OR {step} IS NULL THEN NULL \
         WHEN NOT (({step} > 0 AND {a} <= {b}) OR ({step} < 0 AND {a} >= {b}) OR ({step} = 0 AND {a} = {b})) THEN {illegal} \
         WHEN {a} = {b} THEN CAST([{a}] AS {t}) \
         ELSE CAST(generate_series(CAST({a} AS BIGINT), CAST({b} AS BIGINT), CAST({step} AS BIGINT)) AS {t}) END",
        t = c.data_type.to_duckdb_sql()
    ))
}
