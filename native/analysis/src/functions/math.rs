//! Math functions: abs, round/bround (Spark's HALF_UP / HALF_EVEN on the decimal form of doubles), ceil/floor,
//! pmod, logarithms and powers (NULL / NaN outside the domain as Spark), trigonometry, constants.
//!
//! Printed names: Spark prints the canonical name of most math functions in upper case (`SQRT(x)`, `CEIL(x)`)
//! but keeps an alias as typed (`sign(x)`, `pow(a, b)`, `ceiling(x)`).

use super::helpers::{check_arity, coerce_arg, fn_pretty, literal_int, In};
use super::{call, no_distinct, CallContext, FunctionDef};
use crate::logical::Expr;
use crate::types::{DataType, MAX_DECIMAL_PRECISION};
use crate::{Result, SparkError};

pub(crate) static FUNCTIONS: &[FunctionDef] = &[
    def!("abs", Scalar, "abs(x); integral minimum: ARITHMETIC_OVERFLOW (ANSI) or itself", "input type", resolve_abs, emit_abs),
    def!("acos", Scalar, "acos(x), NaN outside [-1, 1]", "double; printed ACOS", r_double_fn, emit_double_fn),
    def!("acosh", Scalar, "acosh(x), NaN below 1", "double; printed ACOSH", r_double_fn, emit_double_fn),
    def!("asin", Scalar, "asin(x), NaN outside [-1, 1]", "double; printed ASIN", r_double_fn, emit_double_fn),
    def!("asinh", Scalar, "asinh(x)", "double; printed ASINH", r_double_fn, emit_double_fn),
    def!("atan", Scalar, "atan(x)", "double; printed ATAN", r_double_fn, emit_double_fn),
    def!("atan2", Scalar, "atan2(y, x)", "double; printed ATAN2", r_double_fn, emit_double_fn),
    def!("atanh", Scalar, "atanh(x), NaN outside [-1, 1]", "double; printed ATANH", r_double_fn, emit_double_fn),
    def!("bin", Scalar, "two's complement binary of the long (Long.toBinaryString)", "string", resolve_bits_unary, emit_bits_unary),
    def!("bit_count", Scalar, "bit_count(CAST(x AS BIGINT)) (Long.bitCount of the sign-extended value); boolean: 1/0", "int", resolve_bit_count, emit_bit_count),
    def!("bit_get", Scalar, "(x >> pos) & 1; pos outside [0, width): INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE", "tinyint", resolve_bit_get, emit_bit_get),
    def!("bitmap_bit_position", Scalar, "x > 0: (x - 1) % 32768; else (-x) % 32768", "bigint", resolve_bitmap, emit_bitmap),
    def!("bitmap_bucket_number", Scalar, "x > 0: 1 + (x - 1) / 32768; else x / 32768 (truncating)", "bigint", resolve_bitmap, emit_bitmap),
    def!("bround", Scalar, "round_even on the decimal form (doubles: of Double.toString)", "as round", resolve_round, emit_round),
    def!("cbrt", Scalar, "cbrt(x)", "double; printed CBRT", r_double_fn, emit_double_fn),
    def!("ceil", Scalar, "ceil; double → bigint saturating (NaN → 0); decimal(p,s) → decimal(p-s+1,0)", "bigint or decimal", resolve_ceil_floor, emit_ceil_floor),
    def!("ceiling", Scalar, "as ceil", "as ceil", resolve_ceil_floor, emit_ceil_floor),
    def!("cos", Scalar, "cos(x)", "double; printed COS", r_double_fn, emit_double_fn),
    def!("cosh", Scalar, "cosh(x)", "double; printed COSH", r_double_fn, emit_double_fn),
    def!("cot", Scalar, "1 / tan(x)", "double; printed COT", r_double_fn, emit_double_fn),
    def!("csc", Scalar, "1 / sin(x)", "double; printed CSC", r_double_fn, emit_double_fn),
    def!("degrees", Scalar, "degrees(x)", "double; printed DEGREES", r_double_fn, emit_double_fn),
    def!("e", Scalar, "exp(1)", "double; printed E()", r_double_fn, emit_double_fn),
    def!("exp", Scalar, "exp(x)", "double; printed EXP", r_double_fn, emit_double_fn),
    def!("expm1", Scalar, "expm1 as exp(x) - 1 for |x| >= 1e-5 only; else not supported", "double; printed EXPM1", r_double_fn, emit_double_fn),
    def!("factorial", Scalar, "factorial(n) for 0..20, else NULL", "bigint", resolve_factorial, emit_factorial),
    def!("floor", Scalar, "as ceil", "as ceil", resolve_ceil_floor, emit_ceil_floor),
    def!("getbit", Scalar, "as bit_get", "tinyint", resolve_bit_get, emit_bit_get),
    def!("hex", Scalar, "upper-case hex: two's complement of a long, UTF-8 bytes of a string", "string", resolve_bits_unary, emit_bits_unary),
    def!("ln", Scalar, "ln(x), NULL for x <= 0", "double; printed ln", r_double_fn, emit_double_fn),
    def!("log", Scalar, "ln(x) / log(b, x) = ln(x) / ln(b), NULL for x <= 0 or b <= 0", "double; printed ln / LOG", r_double_fn, emit_double_fn),
    def!("log10", Scalar, "log10(x), NULL for x <= 0", "double; printed LOG10", r_double_fn, emit_double_fn),
    def!("log2", Scalar, "log2(x), NULL for x <= 0", "double; printed LOG2", r_double_fn, emit_double_fn),
    def!("pi", Scalar, "pi()", "double; printed PI()", r_double_fn, emit_double_fn),
    def!("pmod", Scalar, "r = a % n; r < 0 → (r + n) % n; zero divisor as %", "as %", resolve_pmod, emit_pmod),
    def!("positive", Scalar, "x", "input type; printed (+ x)", resolve_positive, emit_positive),
    def!("pow", Scalar, "pow(a, b)", "double; printed pow", r_double_fn, emit_double_fn),
    def!("power", Scalar, "pow(a, b)", "double; printed POWER", r_double_fn, emit_double_fn),
    def!("radians", Scalar, "radians(x)", "double; printed RADIANS", r_double_fn, emit_double_fn),
    def!("rint", Scalar, "round_even(x) as double", "double", r_double_fn, emit_double_fn),
    def!("round", Scalar, "HALF_UP: decimals round(x, d); doubles round the decimal form of Double.toString", "integral: input type; decimal(p,s) → decimal(p-s+min(s,d)+1, min(s,d)); float/double: same", resolve_round, emit_round),
    def!("sec", Scalar, "1 / cos(x)", "double; printed SEC", r_double_fn, emit_double_fn),
    def!("shiftleft", Scalar, "Java <<: shift masked to the width, wrapping", "int or bigint", resolve_shift, emit_shift),
    def!("shiftright", Scalar, "Java >> (floor division by 2^n)", "int or bigint", resolve_shift, emit_shift),
    def!("shiftrightunsigned", Scalar, "Java >>>", "int or bigint", resolve_shift, emit_shift),
    def!("sign", Scalar, "sign(x) as double; NaN, 0.0 and -0.0 unchanged", "double; printed sign", r_double_fn, emit_double_fn),
    def!("signum", Scalar, "sign(x) as double; NaN, 0.0 and -0.0 unchanged", "double; printed SIGNUM", r_double_fn, emit_double_fn),
    def!("sin", Scalar, "sin(x)", "double; printed SIN", r_double_fn, emit_double_fn),
    def!("sinh", Scalar, "sinh(x)", "double; printed SINH", r_double_fn, emit_double_fn),
    def!("sqrt", Scalar, "sqrt(x), NaN for x < 0", "double; printed SQRT", r_double_fn, emit_double_fn),
    def!("tan", Scalar, "tan(x)", "double; printed TAN", r_double_fn, emit_double_fn),
    def!("tanh", Scalar, "tanh(x)", "double; printed TANH", r_double_fn, emit_double_fn),
    def!("try_add", Scalar, "integral: exact sum in HUGEINT, NULL outside the type; double: a + b", "as + (decimals not supported)", resolve_try_arith, emit_try_arith),
    def!("try_divide", Scalar, "CAST(a AS DOUBLE) / b, NULL when b = 0", "double (decimals not supported)", resolve_try_arith, emit_try_arith),
    def!("try_mod", Scalar, "a % b, NULL when b = 0", "as % (decimals not supported)", resolve_try_arith, emit_try_arith),
    def!("try_multiply", Scalar, "integral: exact product in HUGEINT, NULL outside the type; double: a * b", "as * (decimals not supported)", resolve_try_arith, emit_try_arith),
    def!("try_subtract", Scalar, "as try_add", "as - (decimals not supported)", resolve_try_arith, emit_try_arith),
    def!("width_bucket", Scalar, "Spark's WidthBucket in DOUBLE arithmetic: 0 below, n + 1 above, NULL for n <= 0, NaN or infinite bounds", "bigint", resolve_width_bucket, emit_width_bucket),
    def!("~", Scalar, "~x", "input integral type; printed ~x", resolve_bitwise_not, emit_bitwise_not),
];

/// (arity, printed name, nullable regardless of input) of the double functions.
fn double_fn_shape(name: &str) -> (usize, &'static str, bool) {
    match name {
        "acos" => (1, "ACOS", false),
        "acosh" => (1, "ACOSH", false),
        "asin" => (1, "ASIN", false),
        "asinh" => (1, "ASINH", false),
        "atan" => (1, "ATAN", false),
        "atan2" => (2, "ATAN2", false),
        "atanh" => (1, "ATANH", false),
        "cbrt" => (1, "CBRT", true),
        "cos" => (1, "COS", false),
        "cosh" => (1, "COSH", false),
        "cot" => (1, "COT", false),
        "csc" => (1, "CSC", false),
        "degrees" => (1, "DEGREES", false),
        "e" => (0, "E", false),
        "exp" => (1, "EXP", false),
        "expm1" => (1, "EXPM1", false),
        "ln" => (1, "ln", true),
        "log" => (2, "LOG", true),
        "log10" => (1, "LOG10", true),
        "log2" => (1, "LOG2", true),
        "pi" => (0, "PI", false),
        "pow" => (2, "pow", false),
        "power" => (2, "POWER", false),
        "radians" => (1, "RADIANS", false),
        "rint" => (1, "rint", false),
        "sec" => (1, "SEC", false),
        "sign" => (1, "sign", false),
        "signum" => (1, "SIGNUM", false),
        "sin" => (1, "SIN", false),
        "sinh" => (1, "SINH", false),
        "sqrt" => (1, "SQRT", false),
        "tan" => (1, "TAN", false),
        _ => (1, "TANH", false),
    }
}

fn r_double_fn(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    let (arity, printed, always_nullable) = double_fn_shape(def.name);
    // log(x) with one argument is the natural logarithm, printed `ln(x)`.
    let (min, max, printed) = if def.name == "log" && args.len() == 1 { (1, 1, "ln") } else { (arity, arity, printed) };
    check_arity(ctx.name, &args, min, max)?;
    let pretty = fn_pretty(printed, &args);
    let sql = pretty.clone().unwrap_or_else(|| printed.to_string());
    let mut out = Vec::new();
    for (i, a) in args.into_iter().enumerate() {
        out.push(coerce_arg(In::Double, a, i, &sql, ctx.ansi)?);
    }
    let nullable = always_nullable || out.iter().any(|a| a.nullable);
    Ok(call(def, out, ctx, DataType::Double, nullable, pretty))
}

fn emit_double_fn(c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let name = super::helpers::func_name(c);
    let x = sql.first().cloned().unwrap_or_default();
    let nan = "CAST('NaN' AS DOUBLE)";
    Ok(match name {
        "e" => "exp(CAST(1 AS DOUBLE))".into(),
        "pi" => "pi()".into(),
        "ln" => format!("CASE WHEN {x} > 0 THEN ln({x}) END"),
        "log" if args.len() == 1 => format!("CASE WHEN {x} > 0 THEN ln({x}) END"),
        // Spark's Logarithm: NULL when either side is <= 0; ln(x) / ln(base).
        "log" => format!("CASE WHEN {0} > 0 AND {1} > 0 THEN ln({1}) / ln({0}) END", sql[0], sql[1]),
        "log10" => format!("CASE WHEN {x} > 0 THEN log10({x}) END"),
        "log2" => format!("CASE WHEN {x} > 0 THEN log2({x}) END"),
        "sqrt" => format!("CASE WHEN {x} < 0 THEN {nan} ELSE sqrt({x}) END"),
        "asin" | "acos" => format!("CASE WHEN {x} IS NULL THEN NULL WHEN {x} BETWEEN -1 AND 1 THEN {name}({x}) ELSE {nan} END"),
        "atanh" => format!(
            "CASE WHEN {x} IS NULL THEN NULL WHEN {x} = 1 THEN CAST('Infinity' AS DOUBLE) WHEN {x} = -1 THEN CAST('-Infinity' AS DOUBLE) \
             WHEN {x} > -1 AND {x} < 1 THEN atanh({x}) ELSE {nan} END"
        ),
        "acosh" => format!("CASE WHEN {x} IS NULL THEN NULL WHEN {x} >= 1 THEN acosh({x}) ELSE {nan} END"),
        // Java's sin/cos/tan of an infinity is NaN; DuckDB raises.
        "sin" | "cos" | "tan" => format!("CASE WHEN isinf({x}) THEN {nan} ELSE {name}({x}) END"),
        "cot" => format!("CASE WHEN isinf({x}) THEN {nan} ELSE 1 / tan({x}) END"),
        "rint" => format!("CASE WHEN isnan({x}) OR isinf({x}) OR {x} = 0 THEN {x} ELSE CAST(round_even({x}, 0) AS DOUBLE) END"),
        "sec" => format!("CASE WHEN isinf({x}) THEN {nan} ELSE 1 / cos({x}) END"),
        "csc" => format!("CASE WHEN isinf({x}) THEN {nan} ELSE 1 / sin({x}) END"),
        "sign" | "signum" => format!("CASE WHEN isnan({x}) OR {x} = 0 THEN {x} ELSE CAST(sign({x}) AS DOUBLE) END"),
        "pow" | "power" => format!("pow({}, {})", sql[0], sql[1]),
        // Spark's Atan2 adds 0.0 to both sides (-0.0 becomes 0.0).
        "atan2" => format!("atan2({} + 0.0, {} + 0.0)", sql[0], sql[1]),
        "expm1" => format!(
            "CASE WHEN abs({x}) >= 1e-5 OR isnan({x}) THEN exp({x}) - 1 WHEN {x} = 0 THEN {x} ELSE {} END",
            super::helpers::unsupported_at_runtime("expm1 of a value closer to 0 than 1e-5")
        ),
        other => format!("{other}({})", sql.join(", ")),
    })
}

fn resolve_abs(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 1)?;
    let pretty = fn_pretty("abs", &args);
    let a = args.into_iter().next().unwrap();
    let a = match &a.data_type {
        t if t.is_numeric() => a,
        DataType::Null => a.implicit_cast(&DataType::Double),
        DataType::String => return Err(SparkError::unsupported("abs of a string (implicit cast)")),
        _ => {
            return Err(crate::coercion::unexpected_input_type(pretty.as_deref().unwrap_or("abs"), 1, "(\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\")", &a))
        }
    };
    let t = a.data_type.clone();
    let nullable = a.nullable;
    Ok(call(def, vec![a], ctx, t, nullable, pretty))
}

fn integral_min(t: &DataType) -> Option<&'static str> {
    Some(match t {
        DataType::Byte => "-128",
        DataType::Short => "-32768",
        DataType::Integer => "-2147483648",
        DataType::Long => "-9223372036854775808",
        _ => return None,
    })
}

fn overflow_error(t: &DataType) -> String {
    let name = match t {
        DataType::Byte => "tinyint",
        DataType::Short => "smallint",
        DataType::Integer => "integer",
        _ => "long",
    };
    crate::sql::error_call(
        "ARITHMETIC_OVERFLOW",
        &format!("{name} overflow. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error."),
    )
}

fn emit_abs(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let x = &sql[0];
    Ok(match integral_min(&c.data_type) {
        Some(min) => {
            let at_min = if super::helpers::ansi_of(c) { overflow_error(&c.data_type) } else { x.clone() };
            format!("CASE WHEN {x} = {min} THEN {at_min} ELSE abs({x}) END")
        }
        None => format!("abs({x})"),
    })
}

/// Spark's result type of round/bround/ceil/floor with a scale on decimal(p, s).
fn rounded_decimal(p: u8, s: i8, scale: i64) -> DataType {
    let integral_least = p as i64 - s as i64 + 1;
    if scale < 0 {
        let np = integral_least.max(-scale + 1).min(MAX_DECIMAL_PRECISION as i64);
        DataType::decimal(np as u8, 0)
    } else {
        let ns = (s as i64).min(scale);
        DataType::decimal((integral_least + ns).min(MAX_DECIMAL_PRECISION as i64) as u8, ns as i8)
    }
}

fn resolve_round(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 2)?;
    // round(x) is round(x, 0) and prints so.
    let scale = if args.len() == 2 {
        literal_int(&args[1]).ok_or_else(|| SparkError::unsupported(format!("{} with a non-literal scale", def.name)))?
    } else {
        0
    };
    let pretty = args[0].pretty.as_ref().map(|x| format!("{}({x}, {scale})", def.name));
    let a = args.into_iter().next().unwrap();
    let t = match &a.data_type {
        DataType::Decimal { precision, scale: s } => rounded_decimal(*precision, *s, scale),
        t if t.is_numeric() => t.clone(),
        DataType::Null => DataType::Double,
        _ => return Err(crate::coercion::unexpected_input_type(pretty.as_deref().unwrap_or(def.name), 1, "\"NUMERIC\"", &a)),
    };
    if t.is_floating() && scale > 15 {
        return Err(SparkError::unsupported(format!("{} of a floating-point value to more than 15 decimal places", def.name)));
    }
    let a = if a.data_type == DataType::Null { a.implicit_cast(&DataType::Double) } else { a };
    let nullable = a.nullable;
    let scale_lit = Expr {
        kind: crate::logical::ExprKind::Literal(crate::literal::Literal::Integer(scale as i32)),
        data_type: DataType::Integer,
        nullable: false,
        pretty: Some(scale.to_string()),
    };
    Ok(call(def, vec![a, scale_lit], ctx, t, nullable, pretty))
}

/// `u` (HUGEINT unscaled, scale `s`) rounded HALF_EVEN to scale `d` < `s`: the HUGEINT unscaled result at scale `d`.
fn half_even_unscaled(u: &str, s: i64, d: i64) -> String {
    let div = super::pow10((s - d) as u32);
    format!(
        "list_transform([{u}], lambda sd_u: (sd_u // {div}) + CASE \
         WHEN abs(sd_u % {div}) * 2 > {div} THEN sign(sd_u) \
         WHEN abs(sd_u % {div}) * 2 = {div} AND (sd_u // {div}) % 2 <> 0 THEN sign(sd_u) ELSE 0 END)[1]"
    )
}

fn emit_round(c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let even = super::helpers::func_name(c) == "bround";
    if even {
        return emit_bround(c, args, sql);
    }
    let f = if even { "round_even" } else { "round" };
    let x = &sql[0];
    let d = literal_int(&args[1]).unwrap_or(0);
    let t = c.data_type.to_duckdb_sql();
    Ok(match &args[0].data_type {
        DataType::Decimal { .. } => format!("CAST({f}({x}, {d}) AS {t})"),
        DataType::Float | DataType::Double => {
            // Spark rounds BigDecimal(x.toString) (floats widened to double first): round the shortest decimal
            // form, which DuckDB's VARCHAR cast prints too.
            let v = format!("CAST({x} AS DOUBLE)");
            format!(
                "CAST(CASE WHEN isnan({v}) OR isinf({v}) OR abs({v}) >= 1e17 THEN {v} \
                 ELSE CAST({f}(CAST(CAST({v} AS VARCHAR) AS DECIMAL(38,18)), {d}) AS DOUBLE) END AS {t})"
            )
        }
        _ if d >= 0 => x.clone(),
        // Integral with a negative scale: HALF_UP / HALF_EVEN on the exact value.
        _ => format!("CAST({f}(CAST({x} AS DECIMAL(38,0)), {d}) AS {t})"),
    })
}

fn resolve_ceil_floor(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 1)?;
    let printed = match def.name {
        "ceil" => "CEIL",
        "floor" => "FLOOR",
        other => other,
    };
    let pretty = fn_pretty(printed, &args);
    let a = args.into_iter().next().unwrap();
    let t = match &a.data_type {
        DataType::Decimal { precision, scale } => rounded_decimal(*precision, *scale, 0),
        t if t.is_numeric() => DataType::Long,
        DataType::Null => DataType::Long,
        _ => return Err(crate::coercion::unexpected_input_type(pretty.as_deref().unwrap_or(def.name), 1, "\"NUMERIC\"", &a)),
    };
    let a = match &a.data_type {
        DataType::Float | DataType::Null => a.implicit_cast(&DataType::Double),
        _ => a,
    };
    let nullable = a.nullable;
    Ok(call(def, vec![a], ctx, t, nullable, pretty))
}

fn emit_ceil_floor(c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let f = if super::helpers::func_name(c) == "floor" { "floor" } else { "ceil" };
    let x = &sql[0];
    let t = c.data_type.to_duckdb_sql();
    Ok(match &args[0].data_type {
        DataType::Decimal { .. } => format!("CAST({f}({x}) AS {t})"),
        // Java's (long) of a double: NaN → 0, saturating at the bounds.
        DataType::Double => format!(
            "CASE WHEN isnan({x}) THEN CAST(0 AS BIGINT) WHEN {x} >= 9.223372036854775807e18 THEN CAST(9223372036854775807 AS BIGINT) \
             WHEN {x} <= -9.223372036854775808e18 THEN CAST(-9223372036854775808 AS BIGINT) ELSE CAST({f}({x}) AS BIGINT) END"
        ),
        _ => format!("CAST({x} AS BIGINT)"),
    })
}

fn resolve_pmod(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 2)?;
    let pretty = fn_pretty("pmod", &args);
    let rem = super::lookup("%")?;
    let base = (rem.resolve)(rem, args, ctx)?;
    let crate::logical::ExprKind::Call { args: coerced, .. } = base.kind else { unreachable!() };
    Ok(call(def, coerced, ctx, base.data_type, true, pretty))
}

fn emit_pmod(c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let t = c.data_type.to_duckdb_sql();
    // Integral operands are widened so that r + n cannot overflow on the way.
    let (a, n) = if c.data_type.is_integral() {
        (format!("CAST({} AS HUGEINT)", sql[0]), format!("CAST({} AS HUGEINT)", sql[1]))
    } else if let (DataType::Decimal { .. }, DataType::Decimal { .. }) = (&args[0].data_type, &args[1].data_type) {
        (format!("CAST({} AS DECIMAL(38,{}))", sql[0], dec_scale(&args[0].data_type)), format!("CAST({} AS DECIMAL(38,{}))", sql[1], dec_scale(&args[1].data_type)))
    } else {
        (sql[0].clone(), sql[1].clone())
    };
    // Java int/long arithmetic wraps in r + n.
    let sum = match &c.data_type {
        DataType::Integer => wrap(&format!("(({a} % {n}) + {n})"), 32),
        DataType::Long => wrap(&format!("(({a} % {n}) + {n})"), 64),
        _ => format!("(({a} % {n}) + {n})"),
    };
    Ok(format!(
        "CASE WHEN {n} = 0 THEN {} WHEN ({a} % {n}) < 0 THEN CAST({sum} % {n} AS {t}) ELSE CAST({a} % {n} AS {t}) END",
        super::remainder_by_zero(super::helpers::ansi_of(c))
    ))
}

fn dec_scale(t: &DataType) -> i8 {
    match t {
        DataType::Decimal { scale, .. } => *scale,
        _ => 0,
    }
}

fn resolve_factorial(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    let e = super::helpers::resolve_sig(def, args, ctx, &[In::Int], 1, super::helpers::LONG)?;
    Ok(Expr { nullable: true, ..e })
}

fn emit_factorial(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    Ok(format!("CASE WHEN {0} BETWEEN 0 AND 20 THEN CAST(factorial({0}) AS BIGINT) END", sql[0]))
}

/// HALF_EVEN computed exactly on unscaled HUGEINT values (DuckDB's round_even is not reliable on decimals).
fn emit_bround(c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let x = &sql[0];
    let d = literal_int(&args[1]).unwrap_or(0);
    let t = c.data_type.to_duckdb_sql();
    Ok(match &args[0].data_type {
        DataType::Decimal { scale, .. } if d >= *scale as i64 => format!("CAST({x} AS {t})"),
        DataType::Decimal { scale, .. } => {
            let q = half_even_unscaled(&super::unscaled(x, *scale), *scale as i64, d);
            if d >= 0 {
                format!("CAST({} AS {t})", super::from_unscaled(&q, 38, d as i8))
            } else {
                format!("CAST(({q}) * {} AS {t})", super::pow10((-d) as u32))
            }
        }
        DataType::Float | DataType::Double => {
            let v = format!("CAST({x} AS DOUBLE)");
            let u = format!("CAST(CAST(CAST({v} AS VARCHAR) AS DECIMAL(38,18)) * {} AS HUGEINT)", super::pow10(18));
            let q = half_even_unscaled(&u, 18, d);
            let value = if d >= 0 {
                format!("CAST({q} AS DOUBLE) / CAST('1e{d}' AS DOUBLE)")
            } else {
                format!("CAST({q} AS DOUBLE) * CAST('1e{}' AS DOUBLE)", -d)
            };
            format!("CAST(CASE WHEN isnan({v}) OR isinf({v}) OR abs({v}) >= 1e17 THEN {v} ELSE {value} END AS {t})")
        }
        _ if d >= 0 => x.clone(),
        _ => {
            let q = half_even_unscaled(&format!("CAST({x} AS HUGEINT)"), 0, d);
            format!("CAST(({q}) * {} AS {t})", super::pow10((-d) as u32))
        }
    })
}

/// A HUGEINT wrapped to a two's complement integer of `bits` bits (still HUGEINT).
fn wrap(v: &str, bits: u32) -> String {
    let m = format!("CAST({} AS HUGEINT)", 1u128 << bits);
    let h = format!("CAST({} AS HUGEINT)", 1u128 << (bits - 1));
    format!("(((({v} + {h}) % {m}) + {m}) % {m} - {h})")
}

fn resolve_bits_unary(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 1)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let a = args.into_iter().next().unwrap();
    let (a, t) = match (def.name, &a.data_type) {
        ("bitwise_not", t) if t.is_integral() => {
            let t = t.clone();
            (a, t)
        }
        ("bin", t) if t.is_integral() || *t == DataType::Null => (coerce_arg(In::Long, a, 0, &sql, ctx.ansi)?, DataType::String),
        ("hex", t) if t.is_integral() || *t == DataType::Null => (coerce_arg(In::Long, a, 0, &sql, ctx.ansi)?, DataType::String),
        ("hex", DataType::String | DataType::Binary) => (a, DataType::String),
        _ => return Err(crate::coercion::unexpected_input_type(&sql, 1, "\"INTEGRAL\"", &a)),
    };
    let nullable = a.nullable;
    Ok(call(def, vec![a], ctx, t, nullable, pretty))
}

fn emit_bits_unary(c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let x = &sql[0];
    Ok(match super::helpers::func_name(c) {
        "bitwise_not" => format!("CAST((~ {x}) AS {})", c.data_type.to_duckdb_sql()),
        // Long.toBinaryString / toHexString of the two's complement value, no leading zeros.
        "bin" => format!(
            "CASE WHEN {x} = 0 THEN '0' ELSE ltrim(bin(CAST(CAST({x} AS HUGEINT) & CAST(18446744073709551615 AS HUGEINT) AS UBIGINT)), '0') END"
        ),
        _ if args[0].data_type == DataType::Long => format!(
            "CASE WHEN {x} = 0 THEN '0' ELSE upper(ltrim(hex(CAST(CAST({x} AS HUGEINT) & CAST(18446744073709551615 AS HUGEINT) AS UBIGINT)), '0')) END"
        ),
        _ if args[0].data_type == DataType::String => format!("upper(hex(encode({x})))"),
        _ => format!("upper(hex({x}))"),
    })
}

fn resolve_shift(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 2)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let mut it = args.into_iter();
    let (a, n) = (it.next().unwrap(), it.next().unwrap());
    let a = match &a.data_type {
        DataType::Long => a,
        t if t.is_integral() || *t == DataType::Null => coerce_arg(In::Int, a, 0, &sql, ctx.ansi)?,
        _ => return Err(crate::coercion::unexpected_input_type(&sql, 1, "(\"INT\" or \"BIGINT\")", &a)),
    };
    let n = coerce_arg(In::Int, n, 1, &sql, ctx.ansi)?;
    let t = a.data_type.clone();
    let nullable = a.nullable || n.nullable;
    Ok(call(def, vec![a, n], ctx, t, nullable, pretty))
}

fn emit_shift(c: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    let bits: u32 = if c.data_type == DataType::Long { 64 } else { 32 };
    let t = c.data_type.to_duckdb_sql();
    let a = format!("CAST({} AS HUGEINT)", sql[0]);
    // Java masks the shift distance to the operand width.
    let n = format!("(CAST({} AS INTEGER) & {})", sql[1], bits - 1);
    let p = format!("(CAST(1 AS HUGEINT) << {n})");
    Ok(match super::helpers::func_name(c) {
        "shiftleft" => format!("CAST({} AS {t})", wrap(&format!("({a} * {p})"), bits)),
        "shiftright" => format!("CAST(({a} - ((({a} % {p}) + {p}) % {p})) // {p} AS {t})"),
        _ => {
            let m = format!("CAST({} AS HUGEINT)", 1u128 << bits);
            let unsigned = format!("((({a} % {m}) + {m}) % {m})");
            format!("CAST({} AS {t})", wrap(&format!("({unsigned} // {p})"), bits))
        }
    })
}

fn resolve_positive(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 1)?;
    let a = args.into_iter().next().unwrap();
    let pretty = a.pretty.as_ref().map(|p| format!("(+ {p})"));
    if !a.data_type.is_numeric() {
        return Err(crate::coercion::unexpected_input_type(pretty.as_deref().unwrap_or("positive"), 1, "(\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\")", &a));
    }
    let (t, nullable) = (a.data_type.clone(), a.nullable);
    Ok(call(def, vec![a], ctx, t, nullable, pretty))
}

fn emit_positive(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    Ok(sql[0].clone())
}

fn resolve_bitwise_not(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 1)?;
    let a = args.into_iter().next().unwrap();
    let pretty = a.pretty.as_ref().map(|p| format!("~{p}"));
    if !a.data_type.is_integral() {
        return Err(crate::coercion::unexpected_input_type(pretty.as_deref().unwrap_or("~"), 1, "\"INTEGRAL\"", &a));
    }
    let (t, nullable) = (a.data_type.clone(), a.nullable);
    Ok(call(def, vec![a], ctx, t, nullable, pretty))
}

fn emit_bitwise_not(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    Ok(format!("(~ {})", sql[0]))
}

fn resolve_bit_count(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 1)?;
    let pretty = fn_pretty("bit_count", &args);
    let a = args.into_iter().next().unwrap();
    if !(a.data_type.is_integral() || a.data_type == DataType::Boolean) {
        return Err(crate::coercion::unexpected_input_type(pretty.as_deref().unwrap_or("bit_count"), 1, "(\"INTEGRAL\" or \"BOOLEAN\")", &a));
    }
    let nullable = a.nullable;
    Ok(call(def, vec![a], ctx, DataType::Integer, nullable, pretty))
}

fn emit_bit_count(_c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let x = &sql[0];
    Ok(if args[0].data_type == DataType::Boolean {
        format!("CAST(CASE WHEN {x} THEN 1 WHEN NOT {x} THEN 0 END AS INTEGER)")
    } else {
        // Spark counts the bits of the value widened to a long (Long.bitCount): -1 has 64 bits at every width.
        format!("CAST(bit_count(CAST({x} AS BIGINT)) AS INTEGER)")
    })
}

fn integral_width(t: &DataType) -> i64 {
    match t {
        DataType::Byte => 8,
        DataType::Short => 16,
        DataType::Integer => 32,
        _ => 64,
    }
}

fn resolve_bit_get(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 2)?;
    let name = ctx.name.to_ascii_lowercase();
    let pretty = fn_pretty(&name, &args);
    let sql = pretty.clone().unwrap_or_else(|| name.clone());
    let mut it = args.into_iter();
    let (x, pos) = (it.next().unwrap(), it.next().unwrap());
    if !x.data_type.is_integral() {
        return Err(crate::coercion::unexpected_input_type(&sql, 1, "\"INTEGRAL\"", &x));
    }
    let pos = coerce_arg(In::Int, pos, 1, &sql, ctx.ansi)?;
    let nullable = x.nullable || pos.nullable;
    Ok(call(def, vec![x, pos], ctx, DataType::Byte, nullable, pretty))
}

fn emit_bit_get(c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let (x, pos) = (&sql[0], &sql[1]);
    let width = integral_width(&args[0].data_type);
    let name = super::helpers::func_name(c);
    let bad = crate::sql::error_call(
        "INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE",
        &format!("The value of parameter(s) `pos` in `{name}` is invalid: expects an integer value in [0, {width})."),
    );
    Ok(format!(
        "CASE WHEN {pos} < 0 OR {pos} >= {width} THEN {bad} ELSE CAST((CAST({x} AS BIGINT) >> CAST({pos} AS BIGINT)) & 1 AS TINYINT) END"
    ))
}

fn resolve_try_arith(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 2)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let mut it = args.into_iter();
    let (l, r) = (it.next().unwrap(), it.next().unwrap());
    let numeric = |t: &DataType| t.is_integral() || t.is_floating() || *t == DataType::Null;
    if !numeric(&l.data_type) || !numeric(&r.data_type) || (l.data_type == DataType::Null && r.data_type == DataType::Null) {
        return Err(SparkError::unsupported(format!("{} of {} and {} in \"{sql}\"", def.name, l.data_type.simple_string(), r.data_type.simple_string())));
    }
    let op = match def.name {
        "try_add" => "+",
        "try_subtract" => "-",
        "try_multiply" => "*",
        "try_divide" => "/",
        _ => "%",
    };
    let (operand, result) = crate::coercion::numeric_binary_type(op, &l, &r, &sql)?;
    let (l, r) = (l.implicit_cast(&operand), r.implicit_cast(&operand));
    Ok(call(def, vec![l, r], ctx, result, true, pretty))
}

fn emit_try_arith(c: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    let (a, b) = (&sql[0], &sql[1]);
    let t = &c.data_type;
    let ts = t.to_duckdb_sql();
    Ok(match super::helpers::func_name(c) {
        "try_divide" => format!("CASE WHEN {b} = 0 THEN NULL ELSE CAST({a} AS DOUBLE) / CAST({b} AS DOUBLE) END"),
        "try_mod" => format!("CASE WHEN {b} = 0 THEN NULL ELSE CAST(({a} % {b}) AS {ts}) END"),
        name if t.is_integral() => {
            let op = match name {
                "try_add" => "+",
                "try_subtract" => "-",
                _ => "*",
            };
            let (lo, hi) = match t {
                DataType::Byte => ("-128", "127"),
                DataType::Short => ("-32768", "32767"),
                DataType::Integer => ("-2147483648", "2147483647"),
                _ => ("-9223372036854775808", "9223372036854775807"),
            };
            let exact = format!("(CAST({a} AS HUGEINT) {op} CAST({b} AS HUGEINT))");
            format!("CASE WHEN {exact} BETWEEN {lo} AND {hi} THEN CAST({exact} AS {ts}) END")
        }
        "try_add" => format!("({a} + {b})"),
        "try_subtract" => format!("({a} - {b})"),
        _ => format!("({a} * {b})"),
    })
}

fn resolve_width_bucket(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    let e = super::helpers::resolve_sig(def, args, ctx, &[In::Double, In::Double, In::Double, In::Long], 4, super::helpers::LONG)?;
    Ok(Expr { nullable: true, ..e })
}

fn emit_width_bucket(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let (v, min, max, n) = (&sql[0], &sql[1], &sql[2], &sql[3]);
    let bad = |x: &str| format!("isnan({x}) OR isinf({x})");
    Ok(format!(
        "CASE WHEN {v} IS NULL OR {min} IS NULL OR {max} IS NULL OR {n} IS NULL THEN NULL \
         WHEN {n} <= 0 OR {n} = 9223372036854775807 OR isnan({v}) OR {min} = {max} OR {} OR {} THEN NULL \
         WHEN {min} < {max} THEN CASE WHEN {v} < {min} THEN 0 WHEN {v} >= {max} THEN {n} + 1 \
           ELSE CAST(trunc(CAST({n} AS DOUBLE) * ({v} - {min}) / ({max} - {min})) AS BIGINT) + 1 END \
         ELSE CASE WHEN {v} > {min} THEN 0 WHEN {v} <= {max} THEN {n} + 1 \
           ELSE CAST(trunc(CAST({n} AS DOUBLE) * ({min} - {v}) / ({min} - {max})) AS BIGINT) + 1 END END",
        bad(min),
        bad(max)
    ))
}

fn resolve_bitmap(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    super::helpers::resolve_sig(def, args, ctx, &[In::Long], 1, super::helpers::LONG)
}

fn emit_bitmap(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let x = &sql[0];
    // Java's / and % truncate toward zero, as DuckDB's integer // and %; -Long.MinValue wraps to itself (% 32768 = 0).
    Ok(if super::helpers::func_name(c) == "bitmap_bucket_number" {
        format!("CASE WHEN {x} > 0 THEN 1 + ({x} - 1) // 32768 ELSE {x} // 32768 END")
    } else {
        format!("CASE WHEN {x} > 0 THEN ({x} - 1) % 32768 WHEN {x} = -9223372036854775808 THEN 0 ELSE (- {x}) % 32768 END")
    })
}
