//! Spark literal values: decoding from the plan, their DuckDB SQL, and Spark's printed form (output names).

use crate::sql::{quote_str, varchar_literal};
use crate::types::DataType;
use crate::{Result, SparkError};
use sparkduck_plan::proto;
use std::fmt::Write;

/// A literal value with its Spark type.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// A typed NULL (`DataType::Null` for Spark's untyped `lit(null)`).
    Null(DataType),
    Boolean(bool),
    Byte(i8),
    Short(i16),
    Integer(i32),
    Long(i64),
    Float(f32),
    Double(f64),
    Decimal { unscaled: i128, precision: u8, scale: i8 },
    String(String),
    Binary(Vec<u8>),
    /// Days since 1970-01-01.
    Date(i32),
    /// Microseconds since the epoch (an instant).
    Timestamp(i64),
    /// Microseconds since 1970-01-01 00:00:00, local.
    TimestampNtz(i64),
}

impl Literal {
    /// The value of a byte, short, int or long literal.
    pub fn integral(&self) -> Option<i64> {
        match self {
            Literal::Byte(v) => Some(*v as i64),
            Literal::Short(v) => Some(*v as i64),
            Literal::Integer(v) => Some(*v as i64),
            Literal::Long(v) => Some(*v),
            _ => None,
        }
    }

    pub fn data_type(&self) -> DataType {
        match self {
            Literal::Null(t) => t.clone(),
            Literal::Boolean(_) => DataType::Boolean,
            Literal::Byte(_) => DataType::Byte,
            Literal::Short(_) => DataType::Short,
            Literal::Integer(_) => DataType::Integer,
            Literal::Long(_) => DataType::Long,
            Literal::Float(_) => DataType::Float,
            Literal::Double(_) => DataType::Double,
            Literal::Decimal { precision, scale, .. } => DataType::decimal(*precision, *scale),
            Literal::String(_) => DataType::String,
            Literal::Binary(_) => DataType::Binary,
            Literal::Date(_) => DataType::Date,
            Literal::Timestamp(_) => DataType::Timestamp,
            Literal::TimestampNtz(_) => DataType::TimestampNtz,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Literal::Null(_))
    }

    pub fn from_proto(lit: &proto::expression::Literal) -> Result<Literal> {
        use proto::expression::literal::LiteralType as L;
        let v = lit.literal_type.as_ref().ok_or_else(|| SparkError::internal("literal without a value"))?;
        Ok(match v {
            L::Null(t) => Literal::Null(DataType::from_proto(t)?),
            L::Binary(b) => Literal::Binary(b.clone()),
            L::Boolean(b) => Literal::Boolean(*b),
            L::Byte(b) => Literal::Byte(i8::try_from(*b).map_err(|_| SparkError::internal("byte literal out of range"))?),
            L::Short(s) => Literal::Short(i16::try_from(*s).map_err(|_| SparkError::internal("short literal out of range"))?),
            L::Integer(i) => Literal::Integer(*i),
            L::Long(l) => Literal::Long(*l),
            L::Float(f) => Literal::Float(*f),
            L::Double(d) => Literal::Double(*d),
            L::Decimal(d) => parse_decimal_literal(&d.value, d.precision, d.scale)?,
            L::String(s) => Literal::String(s.clone()),
            L::Date(d) => Literal::Date(*d),
            L::Timestamp(t) => Literal::Timestamp(*t),
            L::TimestampNtz(t) => Literal::TimestampNtz(*t),
            L::CalendarInterval(_) | L::YearMonthInterval(_) | L::DayTimeInterval(_) => {
                return Err(SparkError::unsupported("interval literals"))
            }
            L::Array(_) | L::SpecializedArray(_) => return Err(SparkError::unsupported("array literals")),
            L::Map(_) => return Err(SparkError::unsupported("map literals")),
            L::Struct(_) => return Err(SparkError::unsupported("struct literals")),
            L::Time(_) => return Err(SparkError::unsupported("time literals")),
        })
    }

    /// DuckDB SQL producing exactly this value with the DuckDB form of its Spark type.
    pub fn to_sql(&self) -> String {
        match self {
            Literal::Null(DataType::Null) => "NULL".to_string(),
            Literal::Null(t) => format!("CAST(NULL AS {})", t.to_duckdb_sql()),
            Literal::Boolean(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Literal::Byte(v) => format!("CAST({v} AS TINYINT)"),
            Literal::Short(v) => format!("CAST({v} AS SMALLINT)"),
            Literal::Integer(v) => format!("CAST({v} AS INTEGER)"),
            Literal::Long(v) => format!("CAST({v} AS BIGINT)"),
            // Rust prints the shortest text that round-trips; DuckDB parses it exactly.
            Literal::Float(v) => format!("CAST('{}' AS FLOAT)", float_text(*v as f64, v.to_string())),
            Literal::Double(v) => format!("CAST('{}' AS DOUBLE)", float_text(*v, v.to_string())),
            Literal::Decimal { unscaled, precision, scale } => {
                format!("CAST('{}' AS DECIMAL({precision},{scale}))", plain_decimal(*unscaled, *scale))
            }
            Literal::String(s) => varchar_literal(s),
            Literal::Binary(b) => {
                let mut hex = String::with_capacity(b.len() * 2);
                for byte in b {
                    let _ = write!(hex, "{byte:02X}");
                }
                format!("from_hex({})", quote_str(&hex))
            }
            Literal::Date(d) => format!("CAST({} AS DATE)", quote_str(&format_date(*d))),
            Literal::Timestamp(us) => format!("CAST({} AS TIMESTAMPTZ)", quote_str(&format!("{}+00", format_timestamp(*us)))),
            Literal::TimestampNtz(us) => format!("CAST({} AS TIMESTAMP)", quote_str(&format_timestamp(*us))),
        }
    }

    /// Spark's printed form in auto-generated names (`toPrettySQL`): strings raw, numbers via `toString`,
    /// dates and timestamps as typed literals. `None` when this cannot be printed exactly (yet).
    pub fn pretty(&self, session_time_zone: &str) -> Option<String> {
        Some(match self {
            Literal::Null(_) => "NULL".to_string(),
            Literal::Boolean(b) => b.to_string(),
            Literal::Byte(v) => v.to_string(),
            Literal::Short(v) => v.to_string(),
            Literal::Integer(v) => v.to_string(),
            Literal::Long(v) => v.to_string(),
            Literal::Float(v) => java_float_to_string(*v as f64, format!("{v:e}")),
            Literal::Double(v) => java_float_to_string(*v, format!("{v:e}")),
            Literal::Decimal { unscaled, scale, .. } => java_big_decimal_to_string(*unscaled, *scale),
            Literal::String(s) => s.clone(),
            Literal::Binary(_) => return None,
            Literal::Date(d) => format!("DATE '{}'", format_date(*d)),
            Literal::Timestamp(us) => {
                if !is_utc(session_time_zone) {
                    return None;
                }
                format!("TIMESTAMP '{}'", format_timestamp(*us))
            }
            Literal::TimestampNtz(us) => format!("TIMESTAMP_NTZ '{}'", format_timestamp(*us)),
        })
    }
}

fn is_utc(tz: &str) -> bool {
    matches!(tz.to_ascii_uppercase().as_str(), "UTC" | "Z" | "GMT" | "+00:00" | "ETC/UTC" | "UTC+00:00" | "GMT+00:00")
}

fn float_text(v: f64, shortest: String) -> String {
    if v.is_nan() {
        "NaN".to_string()
    } else if v.is_infinite() {
        if v > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
    } else {
        shortest
    }
}

/// Java's `Double.toString` / `Float.toString` layout applied to the shortest round-trip digits
/// (`sci` is Rust's `{:e}` form, e.g. `1.5e10`): plain for 1e-3 <= |x| < 1e7, else `d.dddE±n`.
pub fn java_float_to_string(v: f64, sci: String) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    if v == 0.0 {
        return if v.is_sign_negative() { "-0.0" } else { "0.0" }.to_string();
    }
    let (mantissa, exp) = sci.split_once('e').expect("{:e} has an exponent");
    let exp: i32 = exp.parse().expect("exponent");
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    let abs = v.abs();
    if (1e-3..1e7).contains(&abs) {
        if exp >= 0 {
            let int_len = exp as usize + 1;
            let int_part: String = digits.chars().chain(std::iter::repeat('0')).take(int_len).collect();
            let frac: String = digits.chars().skip(int_len).collect();
            out.push_str(&int_part);
            out.push('.');
            out.push_str(if frac.is_empty() { "0" } else { &frac });
        } else {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        out.push('.');
        out.push_str(if digits.len() > 1 { &digits[1..] } else { "0" });
        let _ = write!(out, "E{exp}");
    }
    out
}

/// `unscaled × 10^-scale` in plain notation.
pub fn plain_decimal(unscaled: i128, scale: i8) -> String {
    let negative = unscaled < 0;
    let digits = unscaled.unsigned_abs().to_string();
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if scale <= 0 {
        out.push_str(&digits);
        for _ in 0..(-scale) {
            out.push('0');
        }
        return out;
    }
    let scale = scale as usize;
    if digits.len() > scale {
        out.push_str(&digits[..digits.len() - scale]);
        out.push('.');
        out.push_str(&digits[digits.len() - scale..]);
    } else {
        out.push_str("0.");
        for _ in 0..(scale - digits.len()) {
            out.push('0');
        }
        out.push_str(&digits);
    }
    out
}

/// Java's `BigDecimal.toString` (scientific notation when the adjusted exponent is below -6).
pub fn java_big_decimal_to_string(unscaled: i128, scale: i8) -> String {
    let digits = unscaled.unsigned_abs().to_string();
    let adjusted = -(scale as i64) + (digits.len() as i64 - 1);
    if scale >= 0 && adjusted >= -6 {
        return plain_decimal(unscaled, scale);
    }
    let mut out = String::new();
    if unscaled < 0 {
        out.push('-');
    }
    out.push_str(&digits[..1]);
    if digits.len() > 1 {
        out.push('.');
        out.push_str(&digits[1..]);
    }
    out.push('E');
    if adjusted >= 0 {
        out.push('+');
    }
    let _ = write!(out, "{adjusted}");
    out
}

/// Parses a decimal literal's text (`-12.50`, `1E+3`) into Spark's `Decimal`, at the given precision and scale
/// when the plan gives them (Spark's `DecimalType.forLiteral`-like inference otherwise).
pub fn parse_decimal_literal(text: &str, precision: Option<i32>, scale: Option<i32>) -> Result<Literal> {
    let bad = || {
        SparkError::new("INVALID_TYPED_LITERAL", format!("The value of the typed literal \"DECIMAL\" is invalid: '{text}'."))
            .with_sql_state("42604")
    };
    let t = text.trim();
    let (mantissa, exp) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], t[i + 1..].parse::<i32>().map_err(|_| bad())?),
        None => (t, 0),
    };
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa.strip_prefix('+').unwrap_or(mantissa)),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if (int_part.is_empty() && frac_part.is_empty())
        || !int_part.chars().all(|c| c.is_ascii_digit())
        || !frac_part.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    let all_digits = format!("{int_part}{frac_part}");
    let trimmed = all_digits.trim_start_matches('0');
    if trimmed.len() > 38 {
        return Err(bad());
    }
    let mut unscaled: i128 = if trimmed.is_empty() { 0 } else { trimmed.parse().map_err(|_| bad())? };
    let mut s: i32 = frac_part.len() as i32 - exp;
    if s < 0 {
        // Spark keeps no negative scales: 1E+3 is decimal(4,0).
        for _ in 0..(-s) {
            unscaled = unscaled.checked_mul(10).ok_or_else(bad)?;
        }
        s = 0;
    }
    if negative {
        unscaled = -unscaled;
    }
    let digits_len = |u: i128| if u == 0 { 1 } else { u.unsigned_abs().to_string().len() as i32 };
    let (p, s) = match (precision, scale) {
        (Some(p), Some(target)) => {
            unscaled = rescale(unscaled, s, target).ok_or_else(bad)?;
            (p, target)
        }
        _ => (digits_len(unscaled).max(s).max(1), s),
    };
    if p > 38 || s > p || digits_len(unscaled) > p && unscaled != 0 {
        return Err(bad());
    }
    Ok(Literal::Decimal { unscaled, precision: p as u8, scale: s as i8 })
}

/// Changes the scale with HALF_UP rounding.
fn rescale(unscaled: i128, from: i32, to: i32) -> Option<i128> {
    if to >= from {
        let mut u = unscaled;
        for _ in 0..(to - from) {
            u = u.checked_mul(10)?;
        }
        Some(u)
    } else {
        let div = 10i128.checked_pow((from - to) as u32)?;
        let q = unscaled / div;
        let r = unscaled % div;
        Some(if 2 * r.abs() >= div { q + unscaled.signum() } else { q })
    }
}

/// Proleptic Gregorian `yyyy-mm-dd` for days since the epoch.
pub fn format_date(days: i32) -> String {
    let (y, m, d) = civil_from_days(days as i64);
    if (0..=9999).contains(&y) {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!("{y}-{m:02}-{d:02}")
    }
}

/// `yyyy-mm-dd hh:mm:ss[.ffffff]` (fraction without trailing zeros, as Spark prints it).
pub fn format_timestamp(micros: i64) -> String {
    let days = micros.div_euclid(86_400_000_000);
    let rem = micros.rem_euclid(86_400_000_000);
    let (h, mi, s, us) = (rem / 3_600_000_000, rem / 60_000_000 % 60, rem / 1_000_000 % 60, rem % 1_000_000);
    let mut out = format!("{} {h:02}:{mi:02}:{s:02}", format_date(days as i32));
    if us != 0 {
        let frac = format!("{us:06}");
        out.push('.');
        out.push_str(frac.trim_end_matches('0'));
    }
    out
}

/// Howard Hinnant's days-from-civil inverse.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_double_strings() {
        let j = |v: f64| java_float_to_string(v, format!("{v:e}"));
        assert_eq!(j(1e10), "1.0E10");
        assert_eq!(j(1.5), "1.5");
        assert_eq!(j(100.0), "100.0");
        assert_eq!(j(0.001), "0.001");
        assert_eq!(j(1.0e-4), "1.0E-4");
        assert_eq!(j(1.23456789e-5), "1.23456789E-5");
        assert_eq!(j(12345678.0), "1.2345678E7");
        assert_eq!(j(-0.0), "-0.0");
        assert_eq!(j(f64::NAN), "NaN");
        assert_eq!(j(1234567.5), "1234567.5");
        let f = |v: f32| java_float_to_string(v as f64, format!("{v:e}"));
        assert_eq!(f(1.1), "1.1");
    }

    #[test]
    fn decimals() {
        assert_eq!(
            parse_decimal_literal("1.5", None, None).unwrap(),
            Literal::Decimal { unscaled: 15, precision: 2, scale: 1 }
        );
        assert_eq!(
            parse_decimal_literal("1E+3", None, None).unwrap(),
            Literal::Decimal { unscaled: 1000, precision: 4, scale: 0 }
        );
        assert_eq!(
            parse_decimal_literal(".5", None, None).unwrap(),
            Literal::Decimal { unscaled: 5, precision: 1, scale: 1 }
        );
        assert_eq!(
            parse_decimal_literal("-12.5", Some(10), Some(2)).unwrap(),
            Literal::Decimal { unscaled: -1250, precision: 10, scale: 2 }
        );
        assert!(parse_decimal_literal("1'; DROP", None, None).is_err());
        assert_eq!(java_big_decimal_to_string(1, 7), "1E-7");
        assert_eq!(java_big_decimal_to_string(150, 2), "1.50");
    }

    #[test]
    fn dates() {
        assert_eq!(format_date(0), "1970-01-01");
        assert_eq!(format_date(19723), "2024-01-01");
        assert_eq!(format_date(-1), "1969-12-31");
        assert_eq!(format_timestamp(1_704_070_923_500_000), "2024-01-01 01:02:03.5");
        assert_eq!(format_timestamp(-500_000), "1969-12-31 23:59:59.5");
    }
}
