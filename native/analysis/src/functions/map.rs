//! Maps: constructors (map, map_from_arrays, map_from_entries, str_to_map, map_concat), accessors (map_keys,
//! map_values, map_entries, map_contains_key) and the lambda ones (map_filter, transform_keys, transform_values).
//! Spark's default `spark.sql.mapKeyDedupPolicy` is EXCEPTION: a NULL key fails with NULL_MAP_KEY and a repeated
//! key with DUPLICATED_MAP_KEY (DuckDB's map_concat would keep the last value). Floating-point and nested keys are
//! refused: Spark normalizes NaN and -0.0 in keys, which the duplicate check here does not.

use super::helpers::{check_arity, fn_pretty, literal_string};
use super::{call, no_distinct, wider_common_type, CallContext, FunctionDef};
use crate::literal::Literal;
use crate::logical::{Expr, ExprKind};
use crate::sql::{error_call, quote_str};
use crate::types::{DataType, Field};
use crate::{Result, SparkError};

pub(crate) static FUNCTIONS: &[FunctionDef] = &[
    def!("map", Scalar, "MAP([k, ...], [v, ...]); NULL key → NULL_MAP_KEY, repeated key → DUPLICATED_MAP_KEY; floating-point/nested keys refused", "map<common key type, common value type>", resolve_map, emit_map),
    def!("map_concat", Scalar, "MAP(list_concat(keys...), list_concat(values...)); repeated key → DUPLICATED_MAP_KEY; maps of different types refused", "map", resolve_map_concat, emit_map_concat),
    def!("map_contains_key", Scalar, "list_contains(map_keys(m), k)", "boolean", resolve_map_contains_key, emit_map_contains_key),
    def!("map_entries", Scalar, "map_entries(m)", "array<struct<key, value>>", resolve_map_accessor, emit_map_accessor),
    def!("map_filter", Scalar, "map_from_entries(list_filter(map_entries(m), lambda e: p))", "input type", resolve_map_lambda, emit_map_lambda),
    def!("map_from_arrays", Scalar, "MAP(k, v); different lengths → error; NULL/repeated key → error", "map<k element, v element>", resolve_map_from_arrays, emit_map_from_arrays),
    def!("map_from_entries", Scalar, "MAP of the entries' fields; a NULL entry → NULL; NULL/repeated key → error", "map", resolve_map_from_entries, emit_map_from_entries),
    def!("map_keys", Scalar, "map_keys(m)", "array<key type>", resolve_map_accessor, emit_map_accessor),
    def!("map_values", Scalar, "map_values(m)", "array<value type>", resolve_map_accessor, emit_map_accessor),
    def!("str_to_map", Scalar, "string_split then the first key delimiter; delimiters must be literal and free of regex metacharacters", "map<string,string>", resolve_str_to_map, emit_str_to_map),
    def!("transform_keys", Scalar, "MAP(list_transform(map_entries(m), lambda e: f), map_values(m)); NULL/repeated key → error", "map<f's type, value type>", resolve_map_lambda, emit_map_lambda),
    def!("transform_values", Scalar, "MAP(map_keys(m), list_transform(map_entries(m), lambda e: f))", "map<key type, f's type>", resolve_map_lambda, emit_map_lambda),
];

fn func_name(c: &Expr) -> &'static str {
    super::helpers::func_name(c)
}

/// Key types whose DuckDB equality is Spark's.
fn check_key_type(function: &str, t: &DataType) -> Result<()> {
    match t {
        DataType::Boolean
        | DataType::Byte
        | DataType::Short
        | DataType::Integer
        | DataType::Long
        | DataType::Decimal { .. }
        | DataType::String
        | DataType::Date
        | DataType::Timestamp
        | DataType::TimestampNtz => Ok(()),
        other => Err(SparkError::unsupported(format!("{function} with {} keys", other.spark_sql()))),
    }
}

fn map_parts(function: &str, e: &Expr, index: usize) -> Result<(DataType, DataType, bool)> {
    match &e.data_type {
        DataType::Map { key, value, value_contains_null } => Ok(((**key).clone(), (**value).clone(), *value_contains_null)),
        _ => Err(crate::coercion::unexpected_input_type(function, index + 1, "\"MAP\"", e)),
    }
}

/// `MAP(keys, values)` after Spark's checks of the keys (EXCEPTION dedup policy).
fn checked_map(keys: &str, values: &str) -> String {
    let null_key = error_call("NULL_MAP_KEY", "Cannot use null as map key.");
    let duplicate = error_call(
        "DUPLICATED_MAP_KEY",
        "Duplicate map key was found, please check the input data. If you want to remove the duplicated keys, you can set \"spark.sql.mapKeyDedupPolicy\" to \"LAST_WIN\" so that the key inserted at last takes precedence.",
    );
    format!(
        "CASE WHEN len(list_filter({keys}, lambda sd_k: sd_k IS NULL)) > 0 THEN {null_key} \
         WHEN len(list_distinct({keys})) < len({keys}) THEN {duplicate} ELSE MAP({keys}, {values}) END"
    )
}

fn resolve_map(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    if args.is_empty() {
        return Err(SparkError::unsupported("map() without arguments"));
    }
    if args.len() % 2 != 0 {
        return Err(SparkError::new(
            "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
            format!("The `map` requires 2n (n > 0) parameters but the actual number is {}.", args.len()),
        )
        .with_sql_state("42605"));
    }
    let pretty = fn_pretty("map", &args);
    let common = |items: Vec<&Expr>| -> Option<DataType> {
        items.iter().try_fold(DataType::Null, |t, e| wider_common_type(&t, &e.data_type))
    };
    let key = common(args.iter().step_by(2).collect())
        .ok_or_else(|| SparkError::unsupported("map with keys of incompatible types"))?;
    let value = common(args.iter().skip(1).step_by(2).collect())
        .ok_or_else(|| SparkError::unsupported("map with values of incompatible types"))?;
    check_key_type("map", &key)?;
    if value == DataType::Null {
        return Err(SparkError::unsupported("map with untyped NULL values"));
    }
    let value_contains_null = args.iter().skip(1).step_by(2).any(|v| v.nullable);
    let args: Vec<Expr> =
        args.into_iter().enumerate().map(|(i, a)| a.implicit_cast(if i % 2 == 0 { &key } else { &value })).collect();
    let t = DataType::Map { key: Box::new(key), value: Box::new(value), value_contains_null };
    Ok(call(def, args, ctx, t, false, pretty))
}

fn emit_map(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let keys: Vec<&str> = sql.iter().step_by(2).map(String::as_str).collect();
    let values: Vec<&str> = sql.iter().skip(1).step_by(2).map(String::as_str).collect();
    Ok(checked_map(&format!("[{}]", keys.join(", ")), &format!("[{}]", values.join(", "))))
}

fn resolve_map_concat(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    if args.is_empty() {
        return Err(SparkError::unsupported("map_concat() without arguments"));
    }
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let (key, value, _) = map_parts(&sql, &args[0], 0)?;
    let mut value_contains_null = false;
    for (i, a) in args.iter().enumerate() {
        let (k, v, vcn) = map_parts(&sql, a, i)?;
        if k != key || v.simple_string() != value.simple_string() {
            return Err(SparkError::unsupported("map_concat of maps of different types"));
        }
        value_contains_null |= vcn;
    }
    check_key_type(def.name, &key)?;
    let nullable = args.iter().any(|a| a.nullable);
    let t = DataType::Map { key: Box::new(key), value: Box::new(value), value_contains_null };
    Ok(call(def, args, ctx, t, nullable, pretty))
}

fn emit_map_concat(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let concat = |f: &str| {
        sql.iter().skip(1).fold(format!("{f}({})", sql[0]), |acc, m| format!("list_concat({acc}, {f}({m}))"))
    };
    let any_null: Vec<String> = sql.iter().map(|m| format!("{m} IS NULL")).collect();
    Ok(format!("CASE WHEN {} THEN NULL ELSE {} END", any_null.join(" OR "), checked_map(&concat("map_keys"), &concat("map_values"))))
}

fn resolve_map_contains_key(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 2)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let (key, _, _) = map_parts(&sql, &args[0], 0)?;
    check_key_type(def.name, &key)?;
    let mut it = args.into_iter();
    let (m, k) = (it.next().unwrap_or_else(|| Expr::typed_null(&DataType::Null)), it.next().unwrap_or_else(|| Expr::typed_null(&DataType::Null)));
    if k.data_type != key && wider_common_type(&key, &k.data_type).as_ref() != Some(&key) {
        return Err(SparkError::unsupported(format!("map_contains_key of a {} key in a map of {} keys", k.data_type.spark_sql(), key.spark_sql())));
    }
    let nullable = m.nullable || k.nullable;
    let k = k.implicit_cast(&key);
    Ok(call(def, vec![m, k], ctx, DataType::Boolean, nullable, pretty))
}

fn emit_map_contains_key(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let (m, k) = (&sql[0], &sql[1]);
    Ok(format!("CASE WHEN {m} IS NULL OR {k} IS NULL THEN NULL ELSE list_contains(map_keys({m}), {k}) END"))
}

/// map_keys / map_values / map_entries.
fn resolve_map_accessor(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 1)?;
    let pretty = fn_pretty(def.name, &args);
    let (key, value, value_contains_null) = map_parts(pretty.as_deref().unwrap_or(def.name), &args[0], 0)?;
    let (element, contains_null) = match def.name {
        // Spark's MapKeys is `ArrayType(keyType)`: containsNull defaults to true.
        "map_keys" => (key, true),
        "map_values" => (value, value_contains_null),
        _ => (DataType::Struct(vec![Field::new("key", key, false), Field::new("value", value, value_contains_null)]), false),
    };
    let nullable = args[0].nullable;
    Ok(call(def, args, ctx, DataType::Array { element: Box::new(element), contains_null }, nullable, pretty))
}

fn emit_map_accessor(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let m = &sql[0];
    Ok(format!("CASE WHEN {m} IS NULL THEN NULL ELSE {}({m}) END", func_name(c)))
}

fn resolve_map_from_arrays(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 2)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let mut parts = vec![];
    for (i, a) in args.iter().enumerate() {
        match &a.data_type {
            DataType::Array { element, contains_null } => parts.push(((**element).clone(), *contains_null)),
            _ => return Err(crate::coercion::unexpected_input_type(&sql, i + 1, "\"ARRAY\"", a)),
        }
    }
    check_key_type(def.name, &parts[0].0)?;
    let t = DataType::Map { key: Box::new(parts[0].0.clone()), value: Box::new(parts[1].0.clone()), value_contains_null: parts[1].1 };
    let nullable = args[0].nullable || args[1].nullable;
    Ok(call(def, args, ctx, t, nullable, pretty))
}

fn emit_map_from_arrays(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let (k, v) = (&sql[0], &sql[1]);
    let lengths = error_call("_LEGACY_ERROR_TEMP_2128", "The key array and value array of MapData must have the same length.");
    Ok(format!(
        "CASE WHEN {k} IS NULL OR {v} IS NULL THEN NULL WHEN len({k}) <> len({v}) THEN {lengths} ELSE {} END",
        checked_map(k, v)
    ))
}

fn resolve_map_from_entries(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 1)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let (fields, contains_null) = match &args[0].data_type {
        DataType::Array { element, contains_null } => match element.as_ref() {
            DataType::Struct(fields) if fields.len() == 2 => (fields.clone(), *contains_null),
            _ => return Err(crate::coercion::unexpected_input_type(&sql, 1, "\"ARRAY\" of pair \"STRUCT\"", &args[0])),
        },
        _ => return Err(crate::coercion::unexpected_input_type(&sql, 1, "\"ARRAY\" of pair \"STRUCT\"", &args[0])),
    };
    check_key_type(def.name, &fields[0].data_type)?;
    let t = DataType::Map {
        key: Box::new(fields[0].data_type.clone()),
        value: Box::new(fields[1].data_type.clone()),
        value_contains_null: fields[1].nullable,
    };
    let nullable = args[0].nullable || contains_null;
    Ok(call(def, args, ctx, t, nullable, pretty))
}

fn emit_map_from_entries(_c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let DataType::Array { element, .. } = &args[0].data_type else { return Err(SparkError::internal("map_from_entries of a non-array")) };
    let DataType::Struct(fields) = element.as_ref() else { return Err(SparkError::internal("map_from_entries of non-structs")) };
    let a = &sql[0];
    let field = |i: usize| format!("list_transform({a}, lambda sd_e: struct_extract(sd_e, {}))", quote_str(&fields[i].name));
    Ok(format!(
        "CASE WHEN {a} IS NULL THEN NULL WHEN len(list_filter({a}, lambda sd_e: sd_e IS NULL)) > 0 THEN NULL ELSE {} END",
        checked_map(&field(0), &field(1))
    ))
}

fn string_literal_expr(s: &str) -> Expr {
    Expr { kind: ExprKind::Literal(Literal::String(s.to_string())), data_type: DataType::String, nullable: false, pretty: Some(s.to_string()) }
}

fn resolve_str_to_map(def: &'static FunctionDef, mut args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 3)?;
    // Spark fills in the default delimiters, and prints them.
    if args.len() < 2 {
        args.push(string_literal_expr(","));
    }
    if args.len() < 3 {
        args.push(string_literal_expr(":"));
    }
    if args[0].data_type != DataType::String {
        return Err(SparkError::unsupported("str_to_map of a non-string argument"));
    }
    for d in &args[1..] {
        let delimiter = literal_string(d).ok_or_else(|| SparkError::unsupported("str_to_map with non-literal delimiters"))?;
        // Spark's delimiters are Java regular expressions; plain text is split literally here.
        if delimiter.is_empty() || delimiter.chars().any(|c| "\\^$.|?*+()[]{}".contains(c)) {
            return Err(SparkError::unsupported(format!("str_to_map with the delimiter '{delimiter}' (regular expressions)")));
        }
    }
    let pretty = fn_pretty(def.name, &args);
    let nullable = args[0].nullable;
    let t = DataType::Map { key: Box::new(DataType::String), value: Box::new(DataType::String), value_contains_null: true };
    Ok(call(def, args, ctx, t, nullable, pretty))
}

fn emit_str_to_map(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let (text, pairs, kv) = (&sql[0], &sql[1], &sql[2]);
    let at = format!("strpos(sd_e, {kv})");
    let entries = format!(
        "list_transform(string_split({text}, {pairs}), lambda sd_e: {{'k': CASE WHEN {at} > 0 THEN substr(sd_e, 1, {at} - 1) ELSE sd_e END, \
         'v': CASE WHEN {at} > 0 THEN substr(sd_e, {at} + length({kv})) END}})"
    );
    Ok(format!(
        "CASE WHEN {text} IS NULL THEN NULL ELSE list_transform([{entries}], lambda sd_p: {})[1] END",
        checked_map("list_transform(sd_p, lambda sd_q: sd_q.k)", "list_transform(sd_p, lambda sd_q: sd_q.v)")
    ))
}

/// map_filter / transform_keys / transform_values: `(map, lambda (k, v))`.
fn resolve_map_lambda(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 2)?;
    if !matches!(args[1].kind, ExprKind::Lambda { .. }) {
        return Err(SparkError::unsupported(format!("{} whose argument 2 is not a lambda function", def.name)));
    }
    let pretty = fn_pretty(def.name, &args);
    let (key, value, value_contains_null) = map_parts(pretty.as_deref().unwrap_or(def.name), &args[0], 0)?;
    let f = &args[1];
    let t = match def.name {
        "map_filter" => {
            if f.data_type != DataType::Boolean {
                return Err(SparkError::new(
                    "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                    format!("Cannot resolve \"map_filter\" due to data type mismatch: the lambda function requires the \"BOOLEAN\" type, however it has the type \"{}\".", f.data_type.spark_sql()),
                )
                .with_sql_state("42K09"));
            }
            args[0].data_type.clone()
        }
        "transform_keys" => {
            check_key_type(def.name, &f.data_type)?;
            DataType::Map { key: Box::new(f.data_type.clone()), value: Box::new(value), value_contains_null }
        }
        _ => DataType::Map { key: Box::new(key), value: Box::new(f.data_type.clone()), value_contains_null: f.nullable },
    };
    let nullable = args[0].nullable;
    Ok(call(def, args, ctx, t, nullable, pretty))
}

fn emit_map_lambda(c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let ExprKind::Lambda { params, .. } = &args[1].kind else { return Err(SparkError::internal("a map function without its lambda")) };
    let (m, head, f) = (&sql[0], format!("lambda {}:", params.join(", ")), &sql[1]);
    let body = match func_name(c) {
        "map_filter" => format!("map_from_entries(list_filter(map_entries({m}), {head} {f}))"),
        "transform_keys" => format!(
            "list_transform([list_transform(map_entries({m}), {head} {f})], lambda sd_nk: {})[1]",
            checked_map("sd_nk", &format!("map_values({m})"))
        ),
        _ => format!("MAP(map_keys({m}), list_transform(map_entries({m}), {head} {f}))"),
    };
    Ok(format!("CASE WHEN {m} IS NULL THEN NULL ELSE {body} END"))
}
