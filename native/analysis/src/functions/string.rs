//! String functions. Both engines count characters as Unicode code points; where DuckDB's function differs from
//! Spark's (positions, padding, NULL handling, LIKE escapes, grapheme-based functions) the SQL reproduces Spark.

use super::helpers::{check_arity, coerce_arg, emit_template, fn_pretty, literal_string, sig, In, BOOL, INT, STRING};
use super::{call, no_distinct, CallContext, FunctionDef};
use crate::logical::Expr;
use crate::sql::quote_str;
use crate::types::DataType;
use crate::{Result, SparkError};

pub(crate) static FUNCTIONS: &[FunctionDef] = &[
    def!("ascii", Scalar, "CAST(CASE WHEN {0} = '' THEN 0 ELSE unicode({0}) END AS INTEGER)", "int: the first character's code point, 0 for ''", r_str_int, emit_template),
    def!("base64", Scalar, "to_base64 of the UTF-8 bytes (strings) or of the binary", "string", resolve_base64, emit_base64),
    def!("bit_length", Scalar, "CAST(octet_length(encode({0})) * 8 AS INTEGER)", "int", r_str_int, emit_template),
    def!("btrim", Scalar, "trim({0}) ¦ trim({0}, {1})", "string", r_trim, emit_template),
    def!("char", Scalar, "as chr", "string", r_long_str, emit_chr),
    def!("char_length", Scalar, "CAST(length({0}) AS INTEGER)", "int (code points)", r_str_int, emit_template),
    def!("character_length", Scalar, "CAST(length({0}) AS INTEGER)", "int (code points)", r_str_int, emit_template),
    def!("chr", Scalar, "CASE WHEN {0} < 0 THEN '' ELSE chr(CAST(({0} % 256) AS INTEGER)) END", "string: character (n mod 256); '' for n < 0", r_long_str, emit_chr),
    def!("concat", Scalar, "a || b || ... (NULL if any argument is NULL)", "string", resolve_concat, emit_concat),
    def!("concat_ws", Scalar, "concat_ws(sep, ...) (skips NULLs)", "string; null only when the separator is", resolve_concat_ws, emit_concat_ws),
    def!("contains", Scalar, "contains({0}, {1})", "boolean", r_str_str_bool, emit_template),
    def!("elt", Scalar, "CASE n WHEN 1 THEN a WHEN 2 THEN b ...; out of range: INVALID_ARRAY_INDEX (ANSI) or NULL", "string", resolve_elt, emit_elt),
    def!("endswith", Scalar, "suffix({0}, {1})", "boolean", r_str_str_bool, emit_template),
    def!("find_in_set", Scalar, "0 if str holds a comma, else the 1-based position in the comma-separated list (0 if absent)", "int", r_str_str_int, emit_find_in_set),
    def!("ilike", Scalar, "lower(a) LIKE lower(p) ESCAPE '\\' (pattern validated as Spark; İ/Σ refused)", "boolean", resolve_like, emit_like),
    def!("initcap", Scalar, "upper case after each space, lower elsewhere (as Spark's UTF8String.toTitleCase); Java special case mappings refused", "string", r_str_str, emit_initcap),
    def!("instr", Scalar, "CAST(instr({0}, {1}) AS INTEGER)", "int: 1-based, 0 when absent", r_str_str_int, emit_template),
    def!("lcase", Scalar, "lower(s) (as lower)", "string", r_str_str, emit_lower_upper),
    def!("left", Scalar, "CASE WHEN {0} IS NULL THEN NULL WHEN {1} <= 0 THEN '' ELSE left({0}, {1}) END", "string", r_str_int_str, emit_template),
    def!("len", Scalar, "CAST(length({0}) AS INTEGER)", "int (code points)", r_str_int, emit_template),
    def!("length", Scalar, "CAST(length({0}) AS INTEGER)", "int (code points)", r_str_int, emit_template),
    def!("levenshtein", Scalar, "levenshtein(l, r) for ASCII strings (DuckDB counts bytes); other strings not supported; threshold: -1 beyond it", "int", resolve_levenshtein, emit_levenshtein),
    def!("like", Scalar, "a LIKE p ESCAPE '\\' (pattern validated as Spark: ESC_IN_THE_MIDDLE / ESC_AT_THE_END)", "boolean", resolve_like, emit_like),
    def!("locate", Scalar, "1-based position from pos (default 1); pos < 1 or NULL → 0; '' → 1", "int", resolve_locate, emit_locate),
    def!("lpad", Scalar, "n <= 0 → ''; empty pad → truncate only; else lpad", "string", r_pad, emit_pad),
    def!("ltrim", Scalar, "ltrim({0}) ¦ ltrim({0}, {1})", "string", r_trim, emit_template),
    def!("octet_length", Scalar, "CAST(octet_length(encode({0})) AS INTEGER)", "int (UTF-8 bytes)", r_str_int, emit_template),
    def!("overlay", Scalar, "substring before pos || replacement || substring from pos + len (len < 0: the replacement's length); pos < 1 not supported", "string", resolve_overlay, emit_overlay),
    def!("position", Scalar, "as locate", "int", resolve_locate, emit_locate),
    def!("repeat", Scalar, "repeat({0}, CASE WHEN {1} < 0 THEN 0 ELSE {1} END)", "string", r_str_int_str, emit_template),
    def!("replace", Scalar, "replace({0}, {1}, {2})", "string", r_replace, emit_template),
    def!("reverse", Scalar, "reverse(s) (code points; strings with combining marks, joiners, flags or \\r refused) / list_reverse(a)", "input type", resolve_reverse, emit_reverse),
    def!("right", Scalar, "CASE WHEN {0} IS NULL THEN NULL WHEN {1} <= 0 THEN '' ELSE right({0}, {1}) END", "string", r_str_int_str, emit_template),
    def!("rpad", Scalar, "n <= 0 → ''; empty pad → truncate only; else rpad", "string", r_pad, emit_pad),
    def!("rtrim", Scalar, "rtrim({0}) ¦ rtrim({0}, {1})", "string", r_trim, emit_template),
    def!("split_part", Scalar, "string_split(s, d)[n] or ''; n = 0 → INVALID_INDEX_OF_ZERO; empty delimiter: the whole string as part ±1", "string", resolve_split_part, emit_split_part),
    def!("startswith", Scalar, "starts_with({0}, {1})", "boolean", r_str_str_bool, emit_template),
    def!("substr", Scalar, "as substring", "string", resolve_substring, emit_substring),
    def!("substring", Scalar, "Spark's 1-based/0/negative position rules (UTF8String.substringSQL)", "string", resolve_substring, emit_substring),
    def!("substring_index", Scalar, "parts of string_split before/after the count-th delimiter (one-character delimiters only)", "string", resolve_substring_index, emit_substring_index),
    def!("translate", Scalar, "translate({0}, {1}, {2})", "string", r_translate, emit_template),
    def!("trim", Scalar, "trim({0}) ¦ trim({0}, {1})", "string (only ' ' by default)", r_trim, emit_template),
    def!("ucase", Scalar, "upper(s) (as upper)", "string", r_str_str, emit_lower_upper),
];

sig!(r_str_int, [Str], 1, INT);
sig!(r_str_str, [Str], 1, STRING);
sig!(r_str_str_bool, [Str, Str], 2, BOOL);
sig!(r_str_str_int, [Str, Str], 2, INT);
sig!(r_str_int_str, [Str, Int], 2, STRING);
sig!(r_long_str, [Long], 1, STRING);
sig!(r_translate, [Str, Str, Str], 3, STRING);
sig!(r_replace, [Str, Str, Str], 3, STRING);

fn emit_chr(call_expr: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    // chr(0) is the NUL character in Spark (Character.MIN_VALUE).
    let _ = (call_expr, args);
    Ok(format!("CASE WHEN {0} < 0 THEN '' ELSE chr(CAST(({0} % 256) AS INTEGER)) END", sql[0]))
}

fn resolve_substring(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 3)?;
    let name = ctx.name.to_ascii_lowercase();
    // Spark's two-argument form is Substring(str, pos, Int.MaxValue) and prints the default.
    let pretty = super::pretty_args(&args).map(|a| {
        if args.len() == 2 {
            format!("{name}({a}, 2147483647)")
        } else {
            format!("{name}({a})")
        }
    });
    let sql = pretty.clone().unwrap_or_else(|| name.clone());
    let kinds = [In::Str, In::Int, In::Int];
    let mut out = Vec::new();
    for (i, a) in args.into_iter().enumerate() {
        out.push(coerce_arg(kinds[i], a, i, &sql, ctx.ansi)?);
    }
    let nullable = out.iter().any(|a| a.nullable);
    Ok(call(def, out, ctx, DataType::String, nullable, pretty))
}

fn emit_substring(_call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    let (s, p) = (&sql[0], &sql[1]);
    let len = sql.get(2).cloned().unwrap_or_else(|| "CAST(2147483647 AS INTEGER)".to_string());
    // UTF8String.substringSQL: start = pos - 1 (pos > 0), length + pos (pos < 0), 0 (pos = 0); the window
    // [start, start + len) is clipped to the string.
    let start = format!("(CASE WHEN {p} > 0 THEN CAST({p} AS BIGINT) - 1 WHEN {p} < 0 THEN length({s}) + {p} ELSE 0 END)");
    let end = format!("({start} + CAST({len} AS BIGINT))");
    let from = format!("greatest({start}, 0)");
    Ok(format!(
        "CASE WHEN {s} IS NULL OR {p} IS NULL OR {len} IS NULL THEN NULL WHEN {from} >= {end} THEN '' \
         ELSE substring({s}, {from} + 1, {end} - {from}) END"
    ))
}

fn resolve_concat(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    if args.iter().any(|a| matches!(a.data_type, DataType::Array { .. } | DataType::Binary)) {
        return Err(SparkError::unsupported("concat of arrays or binary values"));
    }
    let mut out = Vec::new();
    for (i, a) in args.into_iter().enumerate() {
        out.push(coerce_arg(In::Str, a, i, &sql, ctx.ansi)?);
    }
    let nullable = out.iter().any(|a| a.nullable);
    Ok(call(def, out, ctx, DataType::String, nullable, pretty))
}

fn emit_concat(_call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    if sql.is_empty() {
        return Ok("CAST('' AS VARCHAR)".to_string());
    }
    Ok(format!("CAST(({}) AS VARCHAR)", sql.join(" || ")))
}

fn resolve_concat_ws(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    if args.is_empty() {
        return Err(crate::coercion::wrong_num_args(ctx.name, 1, 0));
    }
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    if args.iter().any(|a| matches!(a.data_type, DataType::Array { .. })) {
        return Err(SparkError::unsupported("concat_ws of arrays"));
    }
    let mut out = Vec::new();
    for (i, a) in args.into_iter().enumerate() {
        out.push(coerce_arg(In::Str, a, i, &sql, ctx.ansi)?);
    }
    let nullable = out[0].nullable;
    Ok(call(def, out, ctx, DataType::String, nullable, pretty))
}

fn emit_concat_ws(_call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    if sql.len() == 1 {
        return Ok(format!("CASE WHEN {} IS NULL THEN NULL ELSE '' END", sql[0]));
    }
    // DuckDB's concat_ws skips NULL values and returns NULL for a NULL separator, as Spark.
    Ok(format!("concat_ws({})", sql.join(", ")))
}

fn resolve_locate(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 3)?;
    let pretty = super::pretty_args(&args).map(|a| if args.len() == 2 { format!("{}({a}, 1)", def.name) } else { format!("{}({a})", def.name) });
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let kinds = [In::Str, In::Str, In::Int];
    let mut out = Vec::new();
    for (i, a) in args.into_iter().enumerate() {
        out.push(coerce_arg(kinds[i], a, i, &sql, ctx.ansi)?);
    }
    let nullable = out[0].nullable || out[1].nullable;
    Ok(call(def, out, ctx, DataType::Integer, nullable, pretty))
}

fn emit_locate(_call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    let (sub, s) = (&sql[0], &sql[1]);
    let pos = sql.get(2).cloned().unwrap_or_else(|| "1".to_string());
    // StringLocate: NULL start → 0; start < 1 → 0; UTF8String.indexOf finds '' at once.
    Ok(format!(
        "CAST(CASE WHEN {sub} IS NULL OR {s} IS NULL THEN NULL WHEN {pos} IS NULL OR {pos} < 1 THEN 0 \
         WHEN {sub} = '' THEN 1 WHEN instr(substring({s}, {pos}), {sub}) = 0 THEN 0 \
         ELSE instr(substring({s}, {pos}), {sub}) + {pos} - 1 END AS INTEGER)"
    ))
}

fn r_pad(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 3)?;
    let pretty = super::pretty_args(&args).map(|a| if args.len() == 2 { format!("{}({a},  )", def.name) } else { format!("{}({a})", def.name) });
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    if args.iter().any(|a| a.data_type == DataType::Binary) {
        return Err(SparkError::unsupported(format!("{} of binary values", def.name)));
    }
    let kinds = [In::Str, In::Int, In::Str];
    let mut out = Vec::new();
    for (i, a) in args.into_iter().enumerate() {
        out.push(coerce_arg(kinds[i], a, i, &sql, ctx.ansi)?);
    }
    let nullable = out.iter().any(|a| a.nullable);
    Ok(call(def, out, ctx, DataType::String, nullable, pretty))
}

fn emit_pad(call_expr: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    let f = super::helpers::func_name(call_expr);
    let (s, n) = (&sql[0], &sql[1]);
    let pad = sql.get(2).cloned().unwrap_or_else(|| "' '".to_string());
    Ok(format!(
        "CASE WHEN {s} IS NULL OR {n} IS NULL OR {pad} IS NULL THEN NULL WHEN {n} <= 0 THEN '' \
         WHEN {pad} = '' THEN substring({s}, 1, {n}) ELSE {f}({s}, {n}, {pad}) END"
    ))
}

/// Spark's LIKE pattern check (`StringUtils.escapeLikeRegex` with escape `\`): the escape may only precede `_`,
/// `%` or itself, and may not end the pattern.
fn like_pattern_check(p: &str) -> String {
    let middle = crate::sql::error_call(
        "INVALID_FORMAT.ESC_IN_THE_MIDDLE",
        "The format is invalid: the escape character is not allowed to precede a character other than '_', '%' or the escape character.",
    );
    let end = crate::sql::error_call("INVALID_FORMAT.ESC_AT_THE_END", "The format is invalid: the escape character is not allowed to end the pattern.");
    format!(
        "CASE WHEN regexp_full_match({p}, '(?s)(?:[^\\\\]|\\\\[_%\\\\])*') THEN NULL \
         WHEN regexp_full_match({p}, '(?s)(?:[^\\\\]|\\\\[_%\\\\])*\\\\') THEN {end} ELSE {middle} END"
    )
}

fn resolve_like(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 3)?;
    if args.len() == 3 {
        let escape = literal_string(&args[2]);
        if escape.as_deref() != Some("\\") {
            return Err(SparkError::unsupported(format!("{} with an escape character other than '\\'", def.name)));
        }
    }
    let args: Vec<Expr> = args.into_iter().take(2).collect();
    let pretty = if def.name == "like" {
        match (&args[0].pretty, &args[1].pretty) {
            (Some(a), Some(b)) => Some(format!("{a} LIKE {b}")),
            _ => None,
        }
    } else {
        fn_pretty(def.name, &args)
    };
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let mut out = Vec::new();
    for (i, a) in args.into_iter().enumerate() {
        out.push(coerce_arg(In::Str, a, i, &sql, ctx.ansi)?);
    }
    let nullable = out.iter().any(|a| a.nullable);
    Ok(call(def, out, ctx, DataType::Boolean, nullable, pretty))
}

/// Whether a literal pattern passes Spark's escape check: `\` only before `_`, `%` or itself, never last.
fn like_pattern_is_valid(p: &str) -> bool {
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        if c == '\\' && !matches!(chars.next(), Some('_' | '%' | '\\')) {
            return false;
        }
    }
    true
}

fn emit_like(call_expr: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let (s, p) = (&sql[0], &sql[1]);
    // A valid literal pattern needs no run-time check, and without a backslash no ESCAPE clause: DuckDB then
    // rewrites `LIKE 'abc%'` into prefix/contains/suffix searches (about 3x faster on TPC-H Q13/Q2/Q9/Q14/Q16/Q20).
    if super::helpers::func_name(call_expr) == "like" {
        if let Some(pattern) = args.get(1).and_then(literal_string).filter(|p| like_pattern_is_valid(p)) {
            let escape = if pattern.contains('\\') { " ESCAPE '\\'" } else { "" };
            return Ok(format!("({s} LIKE {}{escape})", quote_str(&pattern)));
        }
    }
    let check = like_pattern_check(p);
    let (s, p) = if super::helpers::func_name(call_expr) == "ilike" { (lower_guarded(s), lower_guarded(p)) } else { (s.clone(), p.clone()) };
    Ok(format!("coalesce({check}, ({s} LIKE {p} ESCAPE '\\'))"))
}

/// DuckDB's `lower`, refusing the characters Java lower-cases differently (see `LOWER_SPECIAL`).
fn lower_guarded(s: &str) -> String {
    let unsupported = super::helpers::unsupported_at_runtime("lower case of a string with a character Java case-maps specially");
    format!(
        "list_transform([{s}], lambda sd_l: CASE WHEN regexp_matches(sd_l, {}) THEN {unsupported} ELSE lower(sd_l) END)[1]",
        quote_str(super::LOWER_SPECIAL)
    )
}

fn upper_guarded(s: &str) -> String {
    let unsupported = super::helpers::unsupported_at_runtime("upper case of a string with a character Java case-maps specially");
    format!(
        "list_transform([{s}], lambda sd_u: CASE WHEN regexp_matches(sd_u, {}) THEN {unsupported} ELSE upper(sd_u) END)[1]",
        quote_str(super::UPPER_SPECIAL)
    )
}

fn emit_lower_upper(call_expr: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    Ok(if super::helpers::func_name(call_expr) == "lcase" { lower_guarded(&sql[0]) } else { upper_guarded(&sql[0]) })
}

/// Title-case digraphs (ǅ ...) and the characters Java case-maps specially: refused instead of answering differently.
const INITCAP_SPECIAL: &str = r"[\x{01C4}-\x{01CC}\x{01F1}-\x{01F3}\x{0130}\x{03A3}\x{00DF}\x{0149}\x{01F0}\x{0390}\x{03B0}\x{0587}\x{1E96}-\x{1E9A}\x{1F50}-\x{1FFF}\x{FB00}-\x{FB17}]";

fn emit_initcap(_call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    let unsupported = super::helpers::unsupported_at_runtime("initcap of a string with a character Java case-maps specially");
    Ok(format!(
        "list_transform([{}], lambda sd_i: CASE WHEN regexp_matches(sd_i, {}) THEN {unsupported} \
         ELSE array_to_string(list_transform(string_split(lower(sd_i), ' '), lambda sd_w: upper(left(sd_w, 1)) || substring(sd_w, 2)), ' ') END)[1]",
        sql[0],
        quote_str(INITCAP_SPECIAL)
    ))
}

/// trim/ltrim/rtrim print `TRIM(BOTH|LEADING|TRAILING chars FROM s)` with a trim string; btrim prints as called.
fn r_trim(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    // Spark's two-argument trim/ltrim/rtrim take (trimStr, srcStr); btrim takes (srcStr, trimStr).
    let mut args = args;
    if args.len() == 2 && def.name != "btrim" {
        args.swap(0, 1);
    }
    let e = super::helpers::resolve_sig(def, args, ctx, &[In::Str, In::Str], 1, STRING)?;
    let crate::logical::ExprKind::Call { args: a, .. } = &e.kind else { unreachable!() };
    let direction = match def.name {
        "trim" => "BOTH",
        "ltrim" => "LEADING",
        "rtrim" => "TRAILING",
        _ => return Ok(e),
    };
    if a.len() == 2 {
        let pretty = match (&a[0].pretty, &a[1].pretty) {
            (Some(s), Some(t)) => Some(format!("TRIM({direction} {t} FROM {s})")),
            _ => None,
        };
        return Ok(Expr { pretty, ..e });
    }
    Ok(e)
}

fn resolve_base64(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 1)?;
    let pretty = fn_pretty(def.name, &args);
    let a = args.into_iter().next().unwrap();
    let a = match a.data_type {
        DataType::String | DataType::Binary => a,
        _ => coerce_arg(In::Str, a, 0, pretty.as_deref().unwrap_or(def.name), ctx.ansi)?,
    };
    let nullable = a.nullable;
    Ok(call(def, vec![a], ctx, DataType::String, nullable, pretty))
}

fn emit_base64(_c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    Ok(if args[0].data_type == DataType::Binary { format!("to_base64({})", sql[0]) } else { format!("to_base64(encode({}))", sql[0]) })
}



/// Characters that make DuckDB's grapheme-cluster reverse differ from Spark's code-point reverse.
const GRAPHEME_JOINING: &str = r"[\p{M}\x{200D}\x{FE0F}\x{1F1E6}-\x{1F1FF}\x{1F3FB}-\x{1F3FF}\x{1100}-\x{11FF}\r]";

fn resolve_reverse(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 1)?;
    let pretty = fn_pretty(def.name, &args);
    let a = args.into_iter().next().unwrap();
    let a = match a.data_type {
        DataType::Array { .. } | DataType::String => a,
        _ => coerce_arg(In::Str, a, 0, pretty.as_deref().unwrap_or(def.name), ctx.ansi)?,
    };
    let (t, nullable) = (a.data_type.clone(), a.nullable);
    Ok(call(def, vec![a], ctx, t, nullable, pretty))
}

fn emit_reverse(_c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    if matches!(args[0].data_type, DataType::Array { .. }) {
        return Ok(format!("list_reverse({})", sql[0]));
    }
    let unsupported = super::helpers::unsupported_at_runtime("reverse of a string with combining characters, joiners, flags or \\r");
    Ok(format!(
        "list_transform([{}], lambda sd_r: CASE WHEN regexp_matches(sd_r, {}) THEN {unsupported} ELSE reverse(sd_r) END)[1]",
        sql[0],
        quote_str(GRAPHEME_JOINING)
    ))
}

fn resolve_substring_index(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    let e = super::helpers::resolve_sig(def, args, ctx, &[In::Str, In::Str, In::Int], 3, STRING)?;
    let crate::logical::ExprKind::Call { args: a, .. } = &e.kind else { unreachable!() };
    // Spark finds overlapping occurrences; string_split does not: one-character delimiters only.
    match literal_string(&a[1]) {
        Some(d) if d.chars().count() <= 1 => Ok(e),
        _ => Err(SparkError::unsupported("substring_index with a delimiter longer than one character or not a literal")),
    }
}

fn emit_substring_index(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let (s, d, n) = (&sql[0], &sql[1], &sql[2]);
    Ok(format!(
        "CASE WHEN {s} IS NULL OR {d} IS NULL OR {n} IS NULL THEN NULL WHEN {n} = 0 OR {d} = '' THEN '' \
         WHEN {n} > 0 THEN array_to_string(string_split({s}, {d})[1:{n}], {d}) \
         ELSE array_to_string(string_split({s}, {d})[{n}:], {d}) END"
    ))
}

fn emit_find_in_set(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let (s, list) = (&sql[0], &sql[1]);
    Ok(format!(
        "CASE WHEN {s} IS NULL OR {list} IS NULL THEN NULL WHEN strpos({s}, ',') > 0 THEN 0 \
         ELSE CAST(coalesce(list_position(string_split({list}, ','), {s}), 0) AS INTEGER) END"
    ))
}

fn resolve_levenshtein(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    super::helpers::resolve_sig(def, args, ctx, &[In::Str, In::Str, In::Int], 2, INT)
}

fn emit_levenshtein(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let (l, r) = (&sql[0], &sql[1]);
    // Spark counts characters; DuckDB's levenshtein counts bytes: equal only when both are ASCII.
    let d = format!("CAST(levenshtein({l}, {r}) AS INTEGER)");
    let value = match sql.get(2) {
        None => d,
        Some(t) => format!("CASE WHEN {t} IS NULL THEN NULL WHEN {d} > {t} THEN -1 ELSE {d} END"),
    };
    Ok(format!(
        "CASE WHEN {l} IS NULL OR {r} IS NULL THEN NULL WHEN strlen({l}) = length({l}) AND strlen({r}) = length({r}) THEN {value} ELSE {} END",
        super::helpers::unsupported_at_runtime("levenshtein of non-ASCII strings")
    ))
}

fn resolve_overlay(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    let mut args = args;
    if args.len() == 3 {
        // Spark's default length -1 (the replacement's length) is printed.
        args.push(Expr {
            kind: crate::logical::ExprKind::Literal(crate::literal::Literal::Integer(-1)),
            data_type: DataType::Integer,
            nullable: false,
            pretty: Some("-1".into()),
        });
    }
    super::helpers::resolve_sig(def, args, ctx, &[In::Str, In::Str, In::Int, In::Int], 4, STRING)
}

fn emit_overlay(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let (s, r, pos, len) = (&sql[0], &sql[1], &sql[2], &sql[3]);
    let n = format!("(CASE WHEN {len} >= 0 THEN CAST({len} AS BIGINT) ELSE length({r}) END)");
    Ok(format!(
        "CASE WHEN {s} IS NULL OR {r} IS NULL OR {pos} IS NULL OR {len} IS NULL THEN NULL WHEN {pos} < 1 THEN {} \
         ELSE substring({s}, 1, {pos} - 1) || {r} || substring({s}, {pos} + {n}) END",
        super::helpers::unsupported_at_runtime("overlay at a position below 1")
    ))
}

fn resolve_split_part(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    super::helpers::resolve_sig(def, args, ctx, &[In::Str, In::Str, In::Int], 3, STRING)
}

fn emit_split_part(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let (s, d, n) = (&sql[0], &sql[1], &sql[2]);
    let zero = crate::sql::error_call(
        "INVALID_INDEX_OF_ZERO",
        "The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).",
    );
    Ok(format!(
        "CASE WHEN {s} IS NULL OR {d} IS NULL OR {n} IS NULL THEN NULL WHEN {n} = 0 THEN {zero} \
         WHEN {d} = '' THEN CASE WHEN {n} = 1 OR {n} = -1 THEN {s} ELSE '' END \
         ELSE coalesce(string_split({s}, {d})[{n}], '') END"
    ))
}

fn resolve_elt(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    if args.len() < 2 {
        return Err(crate::coercion::wrong_num_args("elt", 2, args.len()));
    }
    let mut kinds = vec![In::Int];
    kinds.extend(std::iter::repeat(In::Str).take(args.len() - 1));
    let e = super::helpers::resolve_sig(def, args, ctx, &kinds, kinds.len(), STRING)?;
    Ok(Expr { nullable: true, ..e })
}

fn emit_elt(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let n = &sql[0];
    let branches: Vec<String> = sql[1..].iter().enumerate().map(|(i, s)| format!("WHEN {n} = {} THEN {s}", i + 1)).collect();
    let out_of_range = if super::helpers::ansi_of(c) {
        crate::sql::error_call(
            "INVALID_ARRAY_INDEX",
            "The index is out of bounds. Use the SQL function `get()` to tolerate accessing element at invalid index and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
        )
    } else {
        "NULL".to_string()
    };
    Ok(format!("CASE WHEN {n} IS NULL THEN NULL {} ELSE {out_of_range} END", branches.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::like_pattern_is_valid;

    #[test]
    fn like_literal_patterns_are_checked_as_spark_does() {
        for ok in ["", "abc%", "a_c", "100\\%", "a\\_b", "a\\\\b", "%special%requests%"] {
            assert!(like_pattern_is_valid(ok), "{ok}");
        }
        for bad in ["\\", "ab\\", "a\\bc", "\\\\\\"] {
            assert!(!like_pattern_is_valid(bad), "{bad}");
        }
    }
}
