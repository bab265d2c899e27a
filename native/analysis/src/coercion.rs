//! Spark's type coercion (ANSI mode, Spark 4 defaults) and decimal precision rules, plus the argument-check
//! errors Spark reports when they fail.

use crate::logical::{Expr, ExprKind};
use crate::types::{DataType, MAX_DECIMAL_PRECISION};
use crate::{Result, SparkError};

pub fn is_literal(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Literal(_))
}

/// Exactly N arguments, or Spark's WRONG_NUM_ARGS.
pub fn require_args<const N: usize>(name: &str, args: Vec<Expr>) -> Result<[Expr; N]> {
    let n = args.len();
    args.try_into().map_err(|_| wrong_num_args(name, N, n))
}

pub fn wrong_num_args(name: &str, expected: usize, actual: usize) -> SparkError {
    SparkError::new(
        "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
        format!(
            "The `{name}` requires {expected} parameters but the actual number is {actual}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix."
        ),
    )
    .with_sql_state("42605")
}

pub fn mismatch(sql: &str, l: &DataType, r: &DataType) -> SparkError {
    SparkError::new(
        "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
        format!(
            "Cannot resolve \"{sql}\" due to data type mismatch: the left and right operands of the binary operator have incompatible types (\"{}\" and \"{}\").",
            l.spark_sql(),
            r.spark_sql()
        ),
    )
    .with_sql_state("42K09")
}

pub fn unexpected_input_type(sql: &str, param_index: usize, required: &str, actual: &Expr) -> SparkError {
    let ordinal = match param_index {
        1 => "first",
        2 => "second",
        3 => "third",
        _ => "later",
    };
    SparkError::new(
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        format!(
            "Cannot resolve \"{sql}\" due to data type mismatch: The {ordinal} parameter requires the {required} type, however \"{}\" has the type \"{}\".",
            actual.pretty.clone().unwrap_or_default(),
            actual.data_type.spark_sql()
        ),
    )
    .with_sql_state("42K09")
}

/// Rank in ANSI numeric precedence (byte < short < int < long < float < double).
fn numeric_rank(t: &DataType) -> Option<u8> {
    Some(match t {
        DataType::Byte => 0,
        DataType::Short => 1,
        DataType::Integer => 2,
        DataType::Long => 3,
        DataType::Float => 4,
        DataType::Double => 5,
        _ => return None,
    })
}

/// ANSI wider type of two non-decimal numeric types. Spark's ANSI coercion widens int/long with float to double
/// (a float cannot hold every int).
fn wider_non_decimal(a: &DataType, b: &DataType) -> DataType {
    let (ra, rb) = (numeric_rank(a).unwrap(), numeric_rank(b).unwrap());
    let (lo, hi) = if ra <= rb { (a, b) } else { (b, a) };
    if *hi == DataType::Float && matches!(lo, DataType::Integer | DataType::Long) {
        return DataType::Double;
    }
    hi.clone()
}

/// Spark's decimal form of an integral type; a literal takes only the digits it needs (`DecimalType.fromLiteral`).
pub fn decimal_of_integral(t: &DataType, literal: Option<i128>) -> DataType {
    if let Some(v) = literal {
        let digits = if v == 0 { 1 } else { v.unsigned_abs().to_string().len() as u8 };
        return DataType::decimal(digits, 0);
    }
    match t {
        DataType::Byte => DataType::decimal(3, 0),
        DataType::Short => DataType::decimal(5, 0),
        DataType::Integer => DataType::decimal(10, 0),
        DataType::Long => DataType::decimal(20, 0),
        other => other.clone(),
    }
}

/// `DecimalType.adjustPrecisionScale` (allowPrecisionLoss = true).
pub fn adjust_precision_scale(p: i32, s: i32) -> DataType {
    if p <= MAX_DECIMAL_PRECISION as i32 {
        return DataType::decimal(p as u8, s as i8);
    }
    let int_digits = p - s;
    let min_scale = s.min(6);
    let scale = (MAX_DECIMAL_PRECISION as i32 - int_digits).max(min_scale);
    DataType::decimal(MAX_DECIMAL_PRECISION, scale as i8)
}

fn ps(t: &DataType) -> (i32, i32) {
    match t {
        DataType::Decimal { precision, scale } => (*precision as i32, *scale as i32),
        _ => unreachable!("decimal expected"),
    }
}

/// Spark 4's `DecimalPrecision.widerDecimalType` (SPARK-45905): max scale and max integral digits; beyond 38 digits
/// the integral digits are kept and the scale gives way (`boundedPreferIntegralDigits`).
pub fn wider_decimal(p1: i32, s1: i32, p2: i32, s2: i32) -> DataType {
    let scale = s1.max(s2);
    let precision = scale + (p1 - s1).max(p2 - s2);
    let max = MAX_DECIMAL_PRECISION as i32;
    if precision <= max {
        DataType::decimal(precision as u8, scale as i8)
    } else {
        DataType::decimal(max as u8, (scale - (precision - max)).max(0) as i8)
    }
}

pub fn divide_decimal_type(a: &DataType, b: &DataType) -> DataType {
    let ((p1, s1), (p2, s2)) = (ps(a), ps(b));
    let scale = 6.max(s1 + p2 + 1);
    adjust_precision_scale(p1 - s1 + s2 + scale, scale)
}

fn decimal_result(op: &str, a: &DataType, b: &DataType) -> DataType {
    let ((p1, s1), (p2, s2)) = (ps(a), ps(b));
    match op {
        "+" | "-" => adjust_precision_scale(s1.max(s2) + (p1 - s1).max(p2 - s2) + 1, s1.max(s2)),
        "*" => adjust_precision_scale(p1 + p2 + 1, s1 + s2),
        "/" => divide_decimal_type(a, b),
        // Remainder: precision min(p1-s1, p2-s2) + max(s1, s2), then adjusted.
        _ => adjust_precision_scale((p1 - s1).min(p2 - s2) + s1.max(s2), s1.max(s2)),
    }
}

fn operand_decimal(e: &Expr) -> DataType {
    decimal_of_integral(&e.data_type, e.integral_literal().map(i128::from))
}

/// A string meeting an integral type: Spark 4 (ANSI) casts both to BIGINT (`'1' + 1` is bigint 2).
fn string_with_integral(a: &DataType, b: &DataType) -> Option<DataType> {
    match (a, b) {
        (DataType::String, t) | (t, DataType::String) if t.is_integral() => Some(DataType::Long),
        _ => None,
    }
}

/// For `+ - * / %`: (operand type, result type). A decimal operand type means "each operand as its own decimal".
pub fn numeric_binary_type(op: &str, l: &Expr, r: &Expr, sql: &str) -> Result<(DataType, DataType)> {
    let (lt, rt) = (&l.data_type, &r.data_type);
    let lt = if *lt == DataType::Null { rt } else { lt };
    let rt = if *rt == DataType::Null { lt } else { rt };
    if *lt == DataType::Null {
        // NULL op NULL: Spark types it as double.
        return Ok((DataType::Double, DataType::Double));
    }
    if let Some(t) = string_with_integral(lt, rt) {
        // Spark ANSI casts the string to BIGINT (malformed strings raise CAST_INVALID_INPUT); `/` is not covered.
        if op == "/" {
            return Err(SparkError::unsupported(format!("implicit cast of a string operand in \"{sql}\"")));
        }
        return Ok((t.clone(), t));
    }
    if matches!(lt, DataType::String) || matches!(rt, DataType::String) {
        return Err(SparkError::unsupported(format!("implicit cast of a string operand in \"{sql}\"")));
    }
    if !lt.is_numeric() || !rt.is_numeric() {
        if matches!(lt, DataType::Date | DataType::Timestamp | DataType::TimestampNtz)
            || matches!(rt, DataType::Date | DataType::Timestamp | DataType::TimestampNtz)
        {
            return Err(SparkError::unsupported(format!("date/time arithmetic \"{sql}\"")));
        }
        return Err(mismatch(sql, &l.data_type, &r.data_type));
    }
    if lt.is_floating() || rt.is_floating() {
        // A decimal mixed with float/double becomes double.
        let t = if lt.is_decimal() || rt.is_decimal() {
            DataType::Double
        } else {
            wider_non_decimal(lt, rt)
        };
        return Ok((t.clone(), t));
    }
    if lt.is_decimal() || rt.is_decimal() {
        let (ld, rd) = (
            if lt.is_decimal() { lt.clone() } else { operand_decimal(if l.data_type == DataType::Null { r } else { l }) },
            if rt.is_decimal() { rt.clone() } else { operand_decimal(if r.data_type == DataType::Null { l } else { r }) },
        );
        return Ok((DataType::decimal(38, 0), decimal_result(op, &ld, &rd)));
    }
    // Integral operands.
    if op == "/" {
        return Ok((DataType::Double, DataType::Double));
    }
    let t = wider_non_decimal(lt, rt);
    Ok((t.clone(), t))
}

/// The type both sides of a comparison are cast to; `None` when they already have the same type.
pub fn comparison_type(l: &Expr, r: &Expr, sql: &str) -> Result<Option<DataType>> {
    let (lt, rt) = (&l.data_type, &r.data_type);
    if lt == rt {
        return Ok(None);
    }
    if *lt == DataType::Null {
        return Ok(Some(rt.clone()));
    }
    if *rt == DataType::Null {
        return Ok(Some(lt.clone()));
    }
    if lt.is_numeric() && rt.is_numeric() {
        if lt.is_floating() || rt.is_floating() {
            let t = if lt.is_decimal() || rt.is_decimal() { DataType::Double } else { wider_non_decimal(lt, rt) };
            return Ok(Some(t));
        }
        if lt.is_decimal() || rt.is_decimal() {
            // Spark casts both sides to the wider decimal; DuckDB then compares exactly.
            let (ld, rd) = (operand_decimal(l), operand_decimal(r));
            let ((p1, s1), (p2, s2)) = (ps(&ld), ps(&rd));
            return Ok(Some(wider_decimal(p1, s1, p2, s2)));
        }
        return Ok(Some(wider_non_decimal(lt, rt)));
    }
    if let Some(t) = string_with_integral(lt, rt) {
        return Ok(Some(t));
    }
    // Spark's comparison coercion casts a string meeting a date or timestamp to that type.
    match (lt, rt) {
        (DataType::String, t @ (DataType::Date | DataType::Timestamp | DataType::TimestampNtz))
        | (t @ (DataType::Date | DataType::Timestamp | DataType::TimestampNtz), DataType::String) => return Ok(Some(t.clone())),
        _ => {}
    }
    if matches!(lt, DataType::String) || matches!(rt, DataType::String) {
        return Err(SparkError::unsupported(format!("implicit cast of a string operand in \"{sql}\"")));
    }
    if matches!((lt, rt), (DataType::Date, DataType::Timestamp | DataType::TimestampNtz) | (DataType::Timestamp | DataType::TimestampNtz, DataType::Date) | (DataType::Timestamp, DataType::TimestampNtz) | (DataType::TimestampNtz, DataType::Timestamp)) {
        return Err(SparkError::unsupported(format!("comparison of different date/time types in \"{sql}\"")));
    }
    Err(mismatch(sql, lt, rt))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_rules() {
        let d = DataType::decimal;
        assert_eq!(decimal_result("+", &d(3, 1), &d(4, 2)), d(5, 2));
        assert_eq!(decimal_result("*", &d(3, 1), &d(4, 2)), d(8, 3));
        assert_eq!(decimal_result("/", &d(3, 1), &d(4, 2)), d(10, 6));
        assert_eq!(decimal_result("*", &d(38, 10), &d(38, 10)), d(38, 6));
        assert_eq!(decimal_result("*", &d(20, 10), &d(20, 10)), d(38, 17));
        assert_eq!(decimal_result("/", &d(38, 18), &d(38, 18)), d(38, 6));
        assert_eq!(decimal_result("+", &d(10, 2), &d(10, 0)), d(13, 2));
        assert_eq!(decimal_result("+", &d(10, 2), &d(20, 0)), d(23, 2));
        assert_eq!(decimal_result("+", &d(10, 2), &d(1, 0)), d(11, 2));
        assert_eq!(decimal_result("%", &d(10, 2), &d(5, 1)), d(6, 2));
        assert_eq!(decimal_result("/", &d(10, 2), &d(1, 0)), d(14, 6));
    }
}
