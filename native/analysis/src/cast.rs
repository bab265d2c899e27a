//! Spark's `CAST` for the pairs sparkduck reproduces exactly; every other pair is `SPARKDUCK_UNSUPPORTED`.

use crate::logical::CastMode;
use crate::sql::{error_call, quote_str};
use crate::types::DataType;
use crate::{Result, SparkError};

/// `Float.MAX_VALUE` and the smallest double that rounds to float infinity (MAX_VALUE + half an ulp), as DOUBLE.
const FLOAT_MAX: &str = "CAST('3.4028234663852886e38' AS DOUBLE)";
const FLOAT_OVERFLOW: &str = "CAST('3.4028235677973366e38' AS DOUBLE)";

/// Characters Spark trims from strings before parsing numbers and booleans (`UTF8String.trimAll`: <= 0x20).
const TRIM_RE: &str = r"^[\x00-\x20]+|[\x00-\x20]+$";

fn unsupported(from: &DataType, to: &DataType, mode: CastMode) -> SparkError {
    let m = match mode {
        CastMode::Ansi => "",
        CastMode::Legacy => " (non-ANSI)",
        CastMode::Try => " (try_cast)",
    };
    SparkError::unsupported(format!("cast from {} to {}{m}", from.spark_sql(), to.spark_sql()))
}

/// Validates a cast at analysis time (same rules as `cast_sql`).
pub fn check_cast(from: &DataType, to: &DataType, mode: CastMode) -> Result<()> {
    cast_sql("x", from, to, mode).map(|_| ())
}

/// Spark's nullability of a cast.
pub fn cast_nullable(child_nullable: bool, from: &DataType, to: &DataType, mode: CastMode) -> bool {
    match mode {
        CastMode::Try => true,
        CastMode::Ansi => child_nullable,
        CastMode::Legacy => {
            child_nullable || (*from == DataType::String && *to != DataType::String) || (to.is_decimal() && from != to)
        }
    }
}

/// DuckDB SQL for `CAST(x AS to)` with Spark's semantics.
pub fn cast_sql(x: &str, from: &DataType, to: &DataType, mode: CastMode) -> Result<String> {
    let t = to.to_duckdb_sql();
    let cast = match mode {
        CastMode::Try => "TRY_CAST",
        _ => "CAST",
    };
    if from == to {
        return Ok(x.to_string());
    }
    if *from == DataType::Null {
        return Ok(format!("CAST({x} AS {t})"));
    }
    use DataType as D;
    Ok(match (from, to) {
        // Java's (float) rounds out-of-range doubles to ±Infinity (or to ±Float.MAX_VALUE within half an ulp);
        // DuckDB's cast raises instead.
        (D::Double, D::Float) => format!(
            "CASE WHEN {x} >= {FLOAT_OVERFLOW} THEN CAST('Infinity' AS FLOAT) WHEN {x} <= -{FLOAT_OVERFLOW} THEN CAST('-Infinity' AS FLOAT) \
             WHEN {x} > {FLOAT_MAX} THEN CAST({FLOAT_MAX} AS FLOAT) WHEN {x} < -{FLOAT_MAX} THEN CAST(-{FLOAT_MAX} AS FLOAT) \
             ELSE CAST({x} AS FLOAT) END"
        ),
        // Integral widening and anything to float/double: exact or IEEE rounding, same in both engines.
        (f, D::Float | D::Double) if f.is_numeric() => format!("CAST({x} AS {t})"),
        (f, t2) if f.is_integral() && t2.is_integral() => {
            let widening = integral_width(f) <= integral_width(t2);
            match mode {
                _ if widening => format!("CAST({x} AS {t})"),
                // ANSI raises on overflow (DuckDB's CAST raises too); non-ANSI wraps, which DuckDB cannot do.
                CastMode::Ansi | CastMode::Try => format!("{cast}({x} AS {t})"),
                CastMode::Legacy => return Err(unsupported(from, to, mode)),
            }
        }
        // Spark truncates toward zero; DuckDB's CAST rounds, so truncate first.
        (D::Float | D::Double | D::Decimal { .. }, t2) if t2.is_integral() => match mode {
            CastMode::Ansi | CastMode::Try => format!("{cast}(trunc({x}) AS {t})"),
            CastMode::Legacy => return Err(unsupported(from, to, mode)),
        },
        // To decimal: HALF_UP rounding in both engines; overflow raises (ANSI) or gives NULL (try, legacy).
        (f, D::Decimal { .. }) if f.is_numeric() => match mode {
            CastMode::Ansi => format!("CAST({x} AS {t})"),
            CastMode::Try | CastMode::Legacy => format!("TRY_CAST({x} AS {t})"),
        },
        (D::Boolean, t2) if t2.is_numeric() => format!("CAST({x} AS {t})"),
        (f, D::Boolean) if f.is_numeric() => format!("({x} <> 0)"),
        (f, D::String) if f.is_integral() || f.is_decimal() || *f == D::Boolean || *f == D::Date => {
            format!("CAST({x} AS VARCHAR)")
        }
        (D::String, t2) if t2.is_integral() || t2.is_decimal() || t2.is_floating() => string_to_number(x, to, mode),
        (D::String, D::Boolean) => string_to_boolean(x, mode),
        _ => return Err(unsupported(from, to, mode)),
    })
}

fn integral_width(t: &DataType) -> u8 {
    match t {
        DataType::Byte => 1,
        DataType::Short => 2,
        DataType::Integer => 4,
        _ => 8,
    }
}

fn invalid_input(x: &str, to: &DataType) -> String {
    // The message carries the offending value as Spark prints it: 'abc'.
    format!(
        "error(concat('[CAST_INVALID_INPUT] The value ''', {x}, ''' of the type \"STRING\" cannot be cast to \"{}\" because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead.'))",
        to.spark_sql()
    )
}

/// Spark accepts (after trimming): integers `[+-]?[0-9]+`; decimals in `BigDecimal` syntax; doubles in Java's
/// `parseDouble` syntax (trailing d/f allowed) or Infinity/NaN spellings. DuckDB accepts more (`0x10`, `1_000`,
/// `4.7` to int), so the text is validated first.
fn string_to_number(x: &str, to: &DataType, mode: CastMode) -> String {
    let trimmed = format!("regexp_replace({x}, {}, '', 'g')", quote_str(TRIM_RE));
    let t = to.to_duckdb_sql();
    let (pattern, value) = if to.is_integral() {
        (r"[+-]?[0-9]+", trimmed.clone())
    } else if to.is_decimal() {
        (r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?", trimmed.clone())
    } else {
        (
            r"[+-]?(([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?[dDfF]?|(?i:inf|infinity|nan))",
            format!("regexp_replace({trimmed}, '[dDfF]$', '')"),
        )
    };
    let valid = format!("regexp_full_match({trimmed}, {})", quote_str(pattern));
    match mode {
        // Out-of-range values are invalid input in Spark too: TRY_CAST's NULL turns into the same error.
        CastMode::Ansi => format!(
            "CASE WHEN {x} IS NULL THEN NULL WHEN {valid} THEN coalesce(TRY_CAST({value} AS {t}), {err}) ELSE {err} END",
            err = invalid_input(x, to)
        ),
        CastMode::Try | CastMode::Legacy => {
            if to.is_integral() && mode == CastMode::Legacy {
                // Legacy string → int also accepts decimals ('4.7' → 4); not reproduced yet.
                return format!("CASE WHEN {valid} THEN TRY_CAST({value} AS {t}) ELSE {} END", legacy_int_fallback(x, to));
            }
            format!("CASE WHEN {valid} THEN TRY_CAST({value} AS {t}) END")
        }
    }
}

fn legacy_int_fallback(x: &str, to: &DataType) -> String {
    format!(
        "CASE WHEN regexp_full_match(regexp_replace({x}, {}, '', 'g'), '[+-]?[0-9]*\\.[0-9]*') THEN {} END",
        quote_str(TRIM_RE),
        error_call("SPARKDUCK_UNSUPPORTED", &format!("not supported yet by sparkduck: non-ANSI cast of a decimal string to {}", to.spark_sql()))
    )
}

fn string_to_boolean(x: &str, mode: CastMode) -> String {
    let v = format!("lower(regexp_replace({x}, {}, '', 'g'))", quote_str(TRIM_RE));
    let otherwise = match mode {
        CastMode::Ansi => invalid_input(x, &DataType::Boolean),
        _ => "NULL".to_string(),
    };
    format!(
        "CASE WHEN {x} IS NULL THEN NULL WHEN {v} IN ('t', 'true', 'y', 'yes', '1') THEN TRUE WHEN {v} IN ('f', 'false', 'n', 'no', '0') THEN FALSE ELSE {otherwise} END"
    )
}
