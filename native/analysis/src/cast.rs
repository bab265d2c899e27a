//! Spark's `CAST` for the pairs sparkduck reproduces exactly; every other pair is `SPARKDUCK_UNSUPPORTED`.

use crate::logical::CastMode;
use crate::sql::{error_call, quote_str};
use crate::types::DataType;
use crate::{Result, SparkError};

/// `Float.MAX_VALUE` and the smallest double that rounds to float infinity (MAX_VALUE + half an ulp), as DOUBLE.
const FLOAT_MAX: &str = "CAST('3.4028234663852886e38' AS DOUBLE)";
const FLOAT_OVERFLOW: &str = "CAST('3.4028235677973366e38' AS DOUBLE)";

/// Characters Spark trims from strings before parsing numbers, booleans and dates (`UTF8String.trimAll`: bytes
/// that are Java whitespace or ISO control, i.e. 0x00..0x20 and 0x7F).
const TRIM_RE: &str = r"^[\x00-\x20\x7F]+|[\x00-\x20\x7F]+$";

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
                // ANSI raises CAST_OVERFLOW; non-ANSI keeps the low-order bits (Java's narrowing).
                CastMode::Ansi => format!(
                    "CASE WHEN {x} IS NULL THEN NULL ELSE coalesce(TRY_CAST({x} AS {t}), {}) END",
                    cast_overflow(x, from, to)
                ),
                CastMode::Try => format!("TRY_CAST({x} AS {t})"),
                CastMode::Legacy => wrap_integral(x, to),
            }
        }
        // Spark truncates toward zero; DuckDB's CAST rounds, so truncate first. Out of range (and NaN): CAST_OVERFLOW.
        (D::Float | D::Double | D::Decimal { .. }, t2) if t2.is_integral() => match mode {
            CastMode::Ansi | CastMode::Try => fraction_to_integral(x, from, to, mode),
            CastMode::Legacy => legacy_fraction_to_integral(x, from, to),
        },
        // To decimal: HALF_UP rounding in both engines; overflow raises (ANSI) or gives NULL (try, legacy).
        (f, D::Decimal { precision, scale }) if f.is_numeric() => match mode {
            CastMode::Ansi => {
                let out_of_range = |value: &str| {
                    format!(
                        "error(concat('[NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION]  ', {value}, {}))",
                        quote_str(&format!(
                            " cannot be represented as Decimal({precision}, {scale}). If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error, and return NULL instead."
                        ))
                    )
                };
                // Spark's message carries the value as `Decimal.toPlainString`: DuckDB's VARCHAR of an integral or
                // decimal; for a double, the plain form of `BigDecimal(Double.toString(d))`.
                let err = if f.is_floating() {
                    format!(
                        "CASE WHEN isnan({x}) OR isinf({x}) THEN {} ELSE {} END",
                        error_call(
                            "SPARKDUCK_UNSUPPORTED",
                            &format!("not supported yet by sparkduck: cast of NaN or Infinity from {} to {}", from.spark_sql(), to.spark_sql()),
                        ),
                        out_of_range(&double_plain_string(x))
                    )
                } else {
                    out_of_range(&format!("CAST({x} AS VARCHAR)"))
                };
                format!("CASE WHEN {x} IS NULL THEN NULL ELSE coalesce(TRY_CAST({} AS {t}), {err}) END", decimal_source(x, f))
            }
            CastMode::Try | CastMode::Legacy => format!("TRY_CAST({} AS {t})", decimal_source(x, f)),
        },
        (D::Boolean, t2) if t2.is_numeric() => format!("CAST({x} AS {t})"),
        (f, D::Boolean) if f.is_numeric() => format!("({x} <> 0)"),
        (f, D::String) if f.is_integral() || f.is_decimal() || *f == D::Boolean => format!("CAST({x} AS VARCHAR)"),
        (D::Double, D::String) => double_to_string(x, "DOUBLE"),
        (D::Float, D::String) => double_to_string(x, "FLOAT"),
        // Spark formats years 1..9999 as DuckDB does; other years differ ('+10000', BC eras): not reproduced.
        (D::Date, D::String) => format!(
            "CASE WHEN NOT (year({x}) BETWEEN 1 AND 9999) THEN {} ELSE CAST({x} AS VARCHAR) END",
            year_unsupported(from, to)
        ),
        // 'yyyy-MM-dd HH:mm:ss[.fraction without trailing zeros]'; TIMESTAMP in the session zone (the connection's).
        (D::Timestamp | D::TimestampNtz, D::String) => format!(
            "CASE WHEN NOT (year({x}) BETWEEN 1 AND 9999) THEN {} ELSE CAST(CAST({x} AS TIMESTAMP) AS VARCHAR) END",
            year_unsupported(from, to)
        ),
        (D::Timestamp, D::TimestampNtz) | (D::Timestamp | D::TimestampNtz | D::Date, D::Date) => format!("CAST({x} AS {t})"),
        (D::Date, D::TimestampNtz) => format!("CAST({x} AS TIMESTAMP)"),
        (D::Date, D::Timestamp) => local_to_instant(&format!("CAST({x} AS TIMESTAMP)")),
        (D::TimestampNtz, D::Timestamp) => local_to_instant(x),
        // floorDiv(micros, 1000000): DuckDB's `//` truncates toward zero, so subtract the floor modulus first.
        (D::Timestamp, D::Long) => {
            let us = format!("epoch_us({x})");
            format!("(({us} - (({us} % 1000000) + 1000000) % 1000000) // 1000000)")
        }
        (D::String, t2) if t2.is_integral() || t2.is_decimal() || t2.is_floating() => string_to_number(x, to, mode),
        (D::String, D::Boolean) => string_to_boolean(x, mode),
        (D::String, D::Date) => string_to_date(x, mode),
        (D::String, D::TimestampNtz) => string_to_timestamp(x, to, mode),
        (D::String, D::Timestamp) => string_to_timestamp(x, to, mode),
        _ => return Err(unsupported(from, to, mode)),
    })
}

/// Spark converts a float/double to a decimal through `BigDecimal(Double.toString(d))` (the shortest digits of the
/// double; a float widened to double first), DuckDB from the exact binary value: go through DuckDB's shortest
/// VARCHAR of the double (NaN/inf give NULL).
fn decimal_source(x: &str, from: &DataType) -> String {
    if from.is_floating() {
        format!("CAST(CAST({x} AS DOUBLE) AS VARCHAR)")
    } else {
        x.to_string()
    }
}

/// Java's narrowing of an integral value (any width, DuckDB HUGEINT range) to `to`: the low-order bits, signed.
fn wrap_integral(x: &str, to: &DataType) -> String {
    let bits = 8 * integral_width(to) as u32;
    let (m, h) = (1i128 << bits, 1i128 << (bits - 1));
    format!(
        "CAST((((CAST({x} AS HUGEINT) + {h}) % {m}) + {m}) % {m} - {h} AS {})",
        to.to_duckdb_sql()
    )
}

/// Non-ANSI float/double/decimal to integral, as Spark's `Numeric.toInt/toLong` then narrowing: a float or double
/// goes through Java's `(int)`/`(long)` (NaN → 0, saturation at the bounds), then keeps the low-order bits for
/// TINYINT/SMALLINT; a decimal truncates and keeps the low-order bits (`BigDecimal.longValue`, then `toInt`).
fn legacy_fraction_to_integral(x: &str, from: &DataType, to: &DataType) -> String {
    if from.is_decimal() {
        return wrap_integral(&format!("trunc({x})"), to);
    }
    let (lo, hi, ty) = if *to == DataType::Long {
        ("-9223372036854775808", "9223372036854775807", "BIGINT")
    } else {
        ("-2147483648", "2147483647", "INTEGER")
    };
    let java = format!(
        "CASE WHEN isnan({x}) THEN CAST(0 AS {ty}) WHEN {x} >= CAST({hi} AS DOUBLE) THEN CAST({hi} AS {ty}) \
         WHEN {x} <= CAST({lo} AS DOUBLE) THEN CAST({lo} AS {ty}) ELSE CAST(trunc({x}) AS {ty}) END"
    );
    if integral_width(to) < 4 {
        wrap_integral(&java, to)
    } else {
        java
    }
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
    // The message carries the offending value as Spark's `toSQLValue` prints it: 'abc', with \ and ' escaped.
    format!(
        "error(concat('[CAST_INVALID_INPUT] The value ''', replace(replace({x}, '\\', '\\\\'), '''', '\\'''), ''' of the type \"STRING\" cannot be cast to \"{}\" because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead.'))",
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
                // `UTF8String.toInt/toLong`: digits, optionally '.' and digits which are dropped ('4.7' → 4,
                // '.5' → 0, '.' → 0); a lone sign or nothing is invalid; out of range → NULL.
                let legacy_valid = format!(
                    "(regexp_full_match({trimmed}, {}) AND {trimmed} NOT IN ('', '+', '-'))",
                    quote_str(r"[+-]?[0-9]*(\.[0-9]*)?")
                );
                let int_part = format!(
                    "regexp_extract({trimmed}, '^[+-]?', 0) || coalesce(nullif(regexp_extract({trimmed}, '^[+-]?([0-9]*)', 1), ''), '0')"
                );
                return format!("CASE WHEN {legacy_valid} THEN TRY_CAST({int_part} AS {t}) END");
            }
            format!("CASE WHEN {valid} THEN TRY_CAST({value} AS {t}) END")
        }
    }
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

/// Spark's `toSQLValue` of a numeric value (`Literal.sql`): 1.0E10D, 5L, 3S, 2Y, 1.50BD, CAST('1.5' AS FLOAT).
fn sql_value(x: &str, from: &DataType) -> String {
    use DataType as D;
    match from {
        D::Double => format!(
            "CASE WHEN isnan({x}) THEN 'CAST(''NaN'' AS DOUBLE)' WHEN isinf({x}) AND {x} > 0 THEN 'CAST(''Infinity'' AS DOUBLE)' \
             WHEN isinf({x}) THEN 'CAST(''-Infinity'' AS DOUBLE)' ELSE {} || 'D' END",
            double_to_string(x, "DOUBLE")
        ),
        D::Float => format!("'CAST(''' || {} || ''' AS FLOAT)'", double_to_string(x, "FLOAT")),
        D::Long => format!("CAST({x} AS VARCHAR) || 'L'"),
        D::Short => format!("CAST({x} AS VARCHAR) || 'S'"),
        D::Byte => format!("CAST({x} AS VARCHAR) || 'Y'"),
        D::Decimal { .. } => format!("CAST({x} AS VARCHAR) || 'BD'"),
        _ => format!("CAST({x} AS VARCHAR)"),
    }
}

/// `[CAST_OVERFLOW]` raised at run time for the value of `x`.
fn cast_overflow(x: &str, from: &DataType, to: &DataType) -> String {
    format!(
        "error(concat('[CAST_OVERFLOW] The value ', {}, {}))",
        sql_value(x, from),
        quote_str(&format!(
            " of the type \"{}\" cannot be cast to \"{}\" due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead.",
            from.spark_sql(),
            to.spark_sql()
        ))
    )
}

/// Float/double/decimal to an integral type: truncation toward zero; NaN and out-of-range values overflow.
/// Spark's range check for LONG compares with `Long.MaxValue` as a double (2^63), so a value that truncates to
/// exactly 2^63 passes and saturates to `Long.MaxValue`.
fn fraction_to_integral(x: &str, from: &DataType, to: &DataType, mode: CastMode) -> String {
    let t = to.to_duckdb_sql();
    let mut value = format!("TRY_CAST(trunc({x}) AS {t})");
    if *to == DataType::Long && from.is_floating() {
        value = format!("CASE WHEN trunc({x}) = 9223372036854775808.0 THEN 9223372036854775807 ELSE {value} END");
    }
    match mode {
        CastMode::Ansi => {
            format!("CASE WHEN {x} IS NULL THEN NULL ELSE coalesce({value}, {}) END", cast_overflow(x, from, to))
        }
        _ => value,
    }
}

/// Java's `Double.toString` / `Float.toString` (`ty` "DOUBLE" or "FLOAT") from DuckDB's shortest VARCHAR of the
/// value: plain notation for 1e-3 <= |x| < 1e7, else `d.dddE[-]n`; NaN, Infinity, -0.0. Lambdas bind the value
/// and its parts once.
fn double_to_string(x: &str, ty: &str) -> String {
    let parts = "CASE WHEN contains(sd_s, 'e') THEN \
          {'digits': rtrim(replace(split_part(sd_s, 'e', 1), '.', ''), '0'), \
           'e': CAST(split_part(sd_s, 'e', 2) AS INTEGER) + length(split_part(split_part(sd_s, 'e', 1), '.', 1)) - 1} \
        WHEN split_part(sd_s, '.', 1) <> '0' THEN \
          {'digits': rtrim(split_part(sd_s, '.', 1) || split_part(sd_s, '.', 2), '0'), 'e': length(split_part(sd_s, '.', 1)) - 1} \
        ELSE {'digits': rtrim(ltrim(split_part(sd_s, '.', 2), '0'), '0'), \
              'e': -(length(split_part(sd_s, '.', 2)) - length(ltrim(split_part(sd_s, '.', 2), '0'))) - 1} END";
    let fmt = "CASE WHEN sd_p.e BETWEEN 0 AND 6 THEN \
          rpad(substr(sd_p.digits, 1, sd_p.e + 1), CAST(sd_p.e + 1 AS INTEGER), '0') || '.' || \
          CASE WHEN length(sd_p.digits) > sd_p.e + 1 THEN substr(sd_p.digits, sd_p.e + 2) ELSE '0' END \
        WHEN sd_p.e BETWEEN -3 AND -1 THEN '0.' || repeat('0', CAST(-sd_p.e - 1 AS INTEGER)) || sd_p.digits \
        ELSE substr(sd_p.digits, 1, 1) || '.' || CASE WHEN length(sd_p.digits) > 1 THEN substr(sd_p.digits, 2) ELSE '0' END \
          || 'E' || CAST(sd_p.e AS VARCHAR) END";
    format!(
        "list_transform([CAST({x} AS {ty})], lambda sd_d: CASE WHEN sd_d IS NULL THEN NULL WHEN isnan(sd_d) THEN 'NaN' \
         WHEN isinf(sd_d) THEN CASE WHEN sd_d > 0 THEN 'Infinity' ELSE '-Infinity' END \
         WHEN sd_d = 0 THEN CASE WHEN signbit(sd_d) THEN '-0.0' ELSE '0.0' END \
         ELSE CASE WHEN sd_d < 0 THEN '-' ELSE '' END || \
           list_transform([list_transform([CAST(abs(sd_d) AS VARCHAR)], lambda sd_s: {parts})[1]], lambda sd_p: {fmt})[1] END)[1]"
    )
}

/// `BigDecimal(Double.toString(d)).toPlainString` (a negative scale set to 0, as Spark's `Decimal.set` does):
/// Java's string itself in its plain range, else the digits of `d.ddEn` written out.
fn double_plain_string(x: &str) -> String {
    format!(
        "list_transform([{}], lambda sd_j: CASE WHEN NOT contains(sd_j, 'E') THEN sd_j ELSE \
         list_transform([{{'sign': CASE WHEN starts_with(sd_j, '-') THEN '-' ELSE '' END, \
           'digits': rtrim(replace(ltrim(split_part(sd_j, 'E', 1), '-'), '.', ''), '0'), \
           'e': CAST(split_part(sd_j, 'E', 2) AS INTEGER)}}], lambda sd_q: sd_q.sign || CASE \
           WHEN sd_q.e < 0 THEN '0.' || repeat('0', CAST(-sd_q.e - 1 AS INTEGER)) || sd_q.digits \
           WHEN sd_q.e >= length(sd_q.digits) - 1 THEN sd_q.digits || repeat('0', CAST(sd_q.e - length(sd_q.digits) + 1 AS INTEGER)) \
           ELSE substr(sd_q.digits, 1, sd_q.e + 1) || '.' || substr(sd_q.digits, sd_q.e + 2) END)[1] END)[1]",
        double_to_string(&format!("CAST({x} AS DOUBLE)"), "DOUBLE")
    )
}

fn year_unsupported(from: &DataType, to: &DataType) -> String {
    error_call(
        "SPARKDUCK_UNSUPPORTED",
        &format!("not supported yet by sparkduck: cast from {} to {} of a year outside 1..9999", from.spark_sql(), to.spark_sql()),
    )
}

/// A local date-time (DuckDB TIMESTAMP) as an instant in the session zone, as Spark's
/// `LocalDateTime.atZone(zone)`: a time in a gap moves forward (DuckDB agrees); in an overlap the EARLIER offset
/// wins (DuckDB picks the later one, so step back by the overlap when that still shows the same local time).
pub(crate) fn local_to_instant(x: &str) -> String {
    format!(
        "list_transform([CAST({x} AS TIMESTAMPTZ)], lambda sd_t: CASE \
         WHEN CAST(sd_t - INTERVAL 1 HOUR AS TIMESTAMP) = CAST(sd_t AS TIMESTAMP) THEN sd_t - INTERVAL 1 HOUR \
         WHEN CAST(sd_t - INTERVAL 30 MINUTE AS TIMESTAMP) = CAST(sd_t AS TIMESTAMP) THEN sd_t - INTERVAL 30 MINUTE \
         ELSE sd_t END)[1]"
    )
}

/// Spark's `stringToDate` after `trimAll`: `[+-]yyyy[y..]` (4 to 7 digits), `yyyy-[m]m`, `yyyy-[m]m-[d]d`, the
/// last optionally followed by ' ' or 'T' and anything; the fields must form a valid proleptic Gregorian date.
fn string_to_date(x: &str, mode: CastMode) -> String {
    let trimmed = format!("regexp_replace({x}, {}, '', 'g')", quote_str(TRIM_RE));
    let valid = format!(
        "regexp_full_match({trimmed}, {})",
        quote_str(r"(?s)[+-]?[0-9]{4,7}(-[0-9]{1,2}(-[0-9]{1,2}([ T].*)?)?)?")
    );
    let date = format!(
        "list_transform([regexp_extract({trimmed}, '^([+-]?)([0-9]+)(?:-([0-9]+))?(?:-([0-9]+))?', ['s', 'y', 'm', 'd'])], \
         lambda sd_p: TRY(make_date(CAST(sd_p.s || sd_p.y AS BIGINT), CAST(coalesce(nullif(sd_p.m, ''), '1') AS BIGINT), \
         CAST(coalesce(nullif(sd_p.d, ''), '1') AS BIGINT))))[1]"
    );
    match mode {
        CastMode::Ansi => format!(
            "CASE WHEN {x} IS NULL THEN NULL WHEN {valid} THEN coalesce({date}, {err}) ELSE {err} END",
            err = invalid_input(x, &DataType::Date)
        ),
        _ => format!("CASE WHEN {valid} THEN {date} END"),
    }
}

/// Spark's `stringToTimestamp` (after `trimAll`), for the forms without a zone: `yyyy`, `yyyy-[m]m`,
/// `yyyy-[m]m-[d]d`, then optionally ' ' or 'T' and `[h]h:[m]m[:[s]s[.fraction]]` (fraction digits beyond
/// microseconds are dropped, as Spark keeps microseconds). A local date-time; for TIMESTAMP it is taken in the
/// session zone. Text Spark would parse otherwise (a zone suffix or id, a time without a date, a signed or
/// longer year) raises SPARKDUCK_UNSUPPORTED at run time in every mode, never a guessed value; text that cannot
/// be a timestamp at all (empty, or not starting with a digit, a sign or 'T') is malformed as in Spark.
fn string_to_timestamp(x: &str, to: &DataType, mode: CastMode) -> String {
    let trimmed = format!("regexp_replace({x}, {}, '', 'g')", quote_str(TRIM_RE));
    let supported = format!(
        "regexp_full_match({trimmed}, {})",
        quote_str(r"[0-9]{4}(-[0-9]{1,2}(-[0-9]{1,2}([ T]([0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2}(\.[0-9]{1,9})?)?)?)?)?)?")
    );
    let malformed = format!("NOT regexp_matches({trimmed}, '^[0-9+T-]')");
    let local = format!(
        "list_transform([regexp_extract({trimmed}, \
         '^([0-9]{{4}})(?:-([0-9]+))?(?:-([0-9]+))?(?:[ T](?:([0-9]+):([0-9]+)(?::([0-9]+)(?:\\.([0-9]+))?)?)?)?$', \
         ['y', 'mo', 'd', 'h', 'mi', 's', 'f'])], lambda sd_p: CASE \
         WHEN CAST(coalesce(nullif(sd_p.h, ''), '0') AS INTEGER) > 23 OR CAST(coalesce(nullif(sd_p.mi, ''), '0') AS INTEGER) > 59 \
           OR CAST(coalesce(nullif(sd_p.s, ''), '0') AS INTEGER) > 59 THEN NULL \
         ELSE TRY(make_date(CAST(sd_p.y AS BIGINT), CAST(coalesce(nullif(sd_p.mo, ''), '1') AS BIGINT), \
           CAST(coalesce(nullif(sd_p.d, ''), '1') AS BIGINT))) \
           + to_hours(CAST(coalesce(nullif(sd_p.h, ''), '0') AS BIGINT)) \
           + to_minutes(CAST(coalesce(nullif(sd_p.mi, ''), '0') AS BIGINT)) \
           + to_seconds(CAST(coalesce(nullif(sd_p.s, ''), '0') AS BIGINT)) \
           + to_microseconds(CAST(rpad(left(sd_p.f, 6), 6, '0') AS BIGINT)) END)[1]"
    );
    let value = if *to == DataType::Timestamp { local_to_instant(&local) } else { local };
    let unsupported = error_call(
        "SPARKDUCK_UNSUPPORTED",
        &format!(
            "not supported yet by sparkduck: cast from STRING to {} of this form (zone suffixes, time-only text, signed or long years)",
            to.spark_sql()
        ),
    );
    let invalid = match mode {
        CastMode::Ansi => invalid_input(x, to),
        _ => "NULL".to_string(),
    };
    format!(
        "CASE WHEN {x} IS NULL THEN NULL WHEN {supported} THEN coalesce({value}, {invalid}) \
         WHEN {trimmed} = '' OR {malformed} THEN {invalid} ELSE {unsupported} END"
    )
}
