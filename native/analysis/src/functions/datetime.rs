//! Date and time functions. Timestamps are DuckDB TIMESTAMPTZ and the DuckDB session zone is Spark's session
//! zone, so field extraction and date casts happen in the session zone as in Spark.

use super::helpers::{check_arity, coerce_arg, emit_template, literal_string, sig, In, DATE, INT, LONG, TIMESTAMP};
use super::{call, no_distinct, CallContext, FunctionDef};
use crate::logical::Expr;
use crate::types::DataType;
use crate::{Result, SparkError};

pub(crate) static FUNCTIONS: &[FunctionDef] = &[
    def!("add_months", Scalar, "CAST({0} + to_months({1}) AS DATE)", "date (clamped to the month's end)", r_date_int_date, emit_template),
    def!("curdate", Scalar, "current_date (session zone)", "date; printed current_date()", r_current, emit_current),
    def!("current_date", Scalar, "current_date (session zone)", "date", r_current, emit_current),
    def!("current_timestamp", Scalar, "current_timestamp", "timestamp", r_current, emit_current),
    def!("current_timezone", Scalar, "current_setting('TimeZone') (DuckDB's zone is the session zone)", "string", r_current, emit_current),
    def!("date_add", Scalar, "CAST({0} + {1} AS DATE)", "date", r_date_int_date, emit_template),
    def!("date_diff", Scalar, "CAST({0} - {1} AS INTEGER)", "int (end - start, in days)", r_date_date_int, emit_template),
    def!("date_format", Scalar, "strftime(ts, pattern) in the session zone; Java pattern letters with an exact strftime form only", "string", resolve_date_format, emit_date_format),
    def!("date_from_unix_date", Scalar, "CAST(DATE '1970-01-01' + {0} AS DATE)", "date", r_int_date, emit_template),
    def!("date_part", Scalar, "as extract", "int; SECOND: decimal(8,6)", resolve_extract, emit_extract),
    def!("date_sub", Scalar, "CAST({0} - {1} AS DATE)", "date", r_date_int_date, emit_template),
    def!("date_trunc", Scalar, "date_trunc(unit, ts); unknown unit → NULL", "timestamp", resolve_date_trunc, emit_date_trunc),
    def!("dateadd", Scalar, "CAST({0} + {1} AS DATE)", "date; printed date_add", r_dateadd, emit_template),
    def!("datediff", Scalar, "CAST({0} - {1} AS INTEGER)", "int (end - start, in days)", r_date_date_int, emit_template),
    def!("datepart", Scalar, "as extract", "int; SECOND: decimal(8,6)", resolve_extract, emit_extract),
    def!("day", Scalar, "CAST(day({0}) AS INTEGER)", "int", r_date_int, emit_template),
    def!("dayname", Scalar, "left(dayname({0}), 3)", "string: Mon .. Sun", r_date_str, emit_template),
    def!("dayofmonth", Scalar, "CAST(day({0}) AS INTEGER)", "int", r_date_int, emit_template),
    def!("dayofweek", Scalar, "CAST(dayofweek({0}) + 1 AS INTEGER)", "int: 1 = Sunday .. 7 = Saturday", r_date_int, emit_template),
    def!("dayofyear", Scalar, "CAST(dayofyear({0}) AS INTEGER)", "int", r_date_int, emit_template),
    def!("extract", Scalar, "per field: CAST(year(x) AS INTEGER), ...; SECOND: microseconds as decimal(8,6)", "int; SECOND: decimal(8,6)", resolve_extract, emit_extract),
    def!("from_unixtime", Scalar, "strftime(to_timestamp(seconds), pattern) in the session zone; default yyyy-MM-dd HH:mm:ss", "string", resolve_from_unixtime, emit_from_unixtime),
    def!("hour", Scalar, "CAST(hour({0}) AS INTEGER)", "int (session zone)", r_ts_int, emit_template),
    def!("last_day", Scalar, "last_day({0})", "date", r_date_date, emit_template),
    def!("make_date", Scalar, "make_date(y, m, d); invalid fields: DATETIME_FIELD_OUT_OF_BOUNDS (ANSI) or NULL", "date", resolve_make_date, emit_make_date),
    def!("minute", Scalar, "CAST(minute({0}) AS INTEGER)", "int", r_ts_int, emit_template),
    def!("month", Scalar, "CAST(month({0}) AS INTEGER)", "int", r_date_int, emit_template),
    def!("monthname", Scalar, "left(monthname({0}), 3)", "string: Jan .. Dec", r_date_str, emit_template),
    def!("months_between", Scalar, "whole months when same day or both month ends, else + seconds / 2678400 rounded HALF_UP to 8 digits", "double", resolve_months_between, emit_months_between),
    def!("next_day", Scalar, "d + ((target - isodow(d) + 6) % 7 + 1); the day name must be a literal", "date", resolve_next_day, emit_next_day),
    def!("now", Scalar, "current_timestamp", "timestamp", r_current, emit_current),
    def!("quarter", Scalar, "CAST(quarter({0}) AS INTEGER)", "int", r_date_int, emit_template),
    def!("second", Scalar, "CAST(second({0}) AS INTEGER)", "int", r_ts_int, emit_template),
    def!("timestamp_micros", Scalar, "to_timestamp(0) + to_microseconds({0})", "timestamp", r_long_ts, emit_template),
    def!("timestamp_millis", Scalar, "to_timestamp(0) + to_microseconds({0} * 1000)", "timestamp", r_long_ts, emit_template),
    def!("timestamp_seconds", Scalar, "to_timestamp(0) + to_microseconds({0} * 1000000) (integral seconds only)", "timestamp", r_long_ts, emit_timestamp_seconds),
    def!("to_date", Scalar, "CAST(s AS DATE) with Spark's cast rules; with a pattern: strict strptime (see to_timestamp)", "date", resolve_to_date, emit_to_date),
    def!("to_timestamp", Scalar, "CAST(s AS TIMESTAMP) with Spark's cast rules; with a pattern: strptime after a strict width check, local time → instant as Spark; failure: CANNOT_PARSE_TIMESTAMP (ANSI) or NULL", "timestamp", resolve_to_timestamp, emit_to_date),
    def!("to_unix_timestamp", Scalar, "as unix_timestamp", "bigint", resolve_parse, emit_parse),
    def!("trunc", Scalar, "CAST(date_trunc(unit, d) AS DATE); unknown unit → NULL", "date", resolve_trunc, emit_trunc),
    def!("try_to_date", Scalar, "as to_date with a pattern, NULL on failure", "date", resolve_parse, emit_parse),
    def!("try_to_timestamp", Scalar, "as to_timestamp with a pattern, NULL on failure", "timestamp", resolve_parse, emit_parse),
    def!("unix_date", Scalar, "CAST({0} - DATE '1970-01-01' AS INTEGER)", "int", r_date_int, emit_template),
    def!("unix_micros", Scalar, "epoch_us({0})", "bigint", r_ts_long, emit_template),
    def!("unix_millis", Scalar, "floor division of epoch_us by 1000", "bigint", r_ts_long, emit_unix_millis),
    def!("unix_seconds", Scalar, "floor division of epoch_us by 1000000", "bigint", r_ts_long, emit_unix_seconds),
    def!("unix_timestamp", Scalar, "seconds of the parsed string (default yyyy-MM-dd HH:mm:ss) or of the date/timestamp, truncated", "bigint", resolve_parse, emit_parse),
    def!("weekday", Scalar, "CAST(isodow({0}) - 1 AS INTEGER)", "int: 0 = Monday .. 6 = Sunday", r_date_int, emit_template),
    def!("weekofyear", Scalar, "CAST(weekofyear({0}) AS INTEGER)", "int (ISO week)", r_date_int, emit_template),
    def!("year", Scalar, "CAST(year({0}) AS INTEGER)", "int", r_date_int, emit_template),
];

sig!(r_date_int, [Date], 1, INT);
sig!(r_date_str, [Date], 1, super::helpers::STRING);
sig!(r_date_date, [Date], 1, DATE);
sig!(r_ts_int, [Timestamp], 1, INT);
sig!(r_ts_long, [Timestamp], 1, LONG);
sig!(r_long_ts, [Long], 1, TIMESTAMP);
sig!(r_int_date, [Int], 1, DATE);
sig!(r_date_int_date, [Date, Int], 2, DATE);

fn r_dateadd(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    // Spark prints dateadd as date_add.
    let pretty = super::helpers::fn_pretty("date_add", &args);
    let e = r_date_int_date(def, args, ctx)?;
    Ok(Expr { pretty, ..e })
}
sig!(r_date_date_int, [Date, Date], 2, INT);

/// x / d rounded toward negative infinity (Math.floorDiv), on HUGEINT.
fn floor_div(x: &str, d: u64) -> String {
    format!("CAST((CAST({x} AS HUGEINT) - (((CAST({x} AS HUGEINT) % {d}) + {d}) % {d})) // {d} AS BIGINT)")
}

fn emit_unix_millis(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    Ok(floor_div(&format!("epoch_us({})", sql[0]), 1000))
}

fn emit_unix_seconds(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    Ok(floor_div(&format!("epoch_us({})", sql[0]), 1_000_000))
}

fn r_current(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 0, 0)?;
    let (t, printed) = match def.name {
        "current_date" | "curdate" => (DataType::Date, "current_date"),
        "current_timezone" => (DataType::String, "current_timezone"),
        name => (DataType::Timestamp, name),
    };
    Ok(call(def, vec![], ctx, t, false, Some(format!("{printed}()"))))
}

fn emit_current(call_expr: &Expr, _a: &[Expr], _sql: &[String]) -> Result<String> {
    if call_expr.data_type == DataType::String {
        return Ok("CAST(current_setting('TimeZone') AS VARCHAR)".into());
    }
    Ok(if call_expr.data_type == DataType::Date { "CAST(current_timestamp AS DATE)".into() } else { "CAST(current_timestamp AS TIMESTAMPTZ)".into() })
}

fn resolve_to_date(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    if args.len() == 2 {
        return resolve_parse(def, args, ctx);
    }
    super::helpers::resolve_sig(def, args, ctx, &[In::Date], 1, DATE)
}

fn emit_to_date(c: &Expr, a: &[Expr], sql: &[String]) -> Result<String> {
    if a.len() == 2 {
        return emit_parse(c, a, sql);
    }
    Ok(sql[0].clone())
}

/// A field of `extract`/`date_part`: (DuckDB function over a DATE or TIMESTAMPTZ, needs a timestamp).
fn extract_field(field: &str) -> Option<(&'static str, bool)> {
    Some(match field.to_ascii_uppercase().as_str() {
        "YEAR" | "Y" | "YEARS" | "YR" | "YRS" => ("year", false),
        "YEAROFWEEK" => ("isoyear", false),
        "QUARTER" | "QTR" => ("quarter", false),
        "MONTH" | "MON" | "MONS" | "MONTHS" => ("month", false),
        "WEEK" | "W" | "WEEKS" => ("weekofyear", false),
        "DAY" | "D" | "DAYS" => ("day", false),
        "DAYOFWEEK" | "DOW" => ("dow", false),
        "DAYOFWEEK_ISO" | "DOW_ISO" => ("isodow", false),
        "DOY" => ("dayofyear", false),
        "HOUR" | "H" | "HOURS" | "HR" | "HRS" => ("hour", true),
        "MINUTE" | "M" | "MIN" | "MINS" | "MINUTES" => ("minute", true),
        "SECOND" | "S" | "SEC" | "SECONDS" | "SECS" => ("second", true),
        _ => return None,
    })
}

fn resolve_extract(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 2)?;
    let field = literal_string(&args[0]).ok_or_else(|| SparkError::unsupported(format!("{} with a non-literal field", def.name)))?;
    let source_pretty = args[1].pretty.clone();
    let pretty = source_pretty.as_ref().map(|s| {
        if def.name == "extract" {
            format!("extract({field} FROM {s})")
        } else {
            match ctx.name.to_ascii_lowercase().as_str() {
                "datepart" => format!("datepart({field} FROM {s})"),
                _ => format!("date_part({field}, {s})"),
            }
        }
    });
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let Some((_, needs_time)) = extract_field(&field) else {
        return Err(SparkError::new(
            "INVALID_EXTRACT_FIELD",
            format!("Cannot extract {field} from {}.", args[1].pretty.clone().unwrap_or_default()),
        )
        .with_sql_state("42601"));
    };
    let mut it = args.into_iter();
    let (f, source) = (it.next().unwrap(), it.next().unwrap());
    let source = match (&source.data_type, needs_time) {
        (DataType::Date, false) | (DataType::Timestamp, _) | (DataType::TimestampNtz, _) => source,
        (DataType::Date, true) => coerce_arg(In::Timestamp, source, 1, &sql, ctx.ansi)?,
        (DataType::String | DataType::Null, _) => coerce_arg(In::Timestamp, source, 1, &sql, ctx.ansi)?,
        _ => {
            return Err(SparkError::new(
                "INVALID_EXTRACT_FIELD",
                format!("Cannot extract {field} from {}.", source.pretty.clone().unwrap_or_default()),
            )
            .with_sql_state("42601"))
        }
    };
    let t = if extract_field(&field).map(|f| f.0) == Some("second") { DataType::decimal(8, 6) } else { DataType::Integer };
    let nullable = source.nullable;
    Ok(call(def, vec![f, source], ctx, t, nullable, pretty))
}

fn emit_extract(_c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let field = literal_string(&args[0]).unwrap_or_default();
    let (f, _) = extract_field(&field).ok_or_else(|| SparkError::internal("extract field"))?;
    let x = &sql[1];
    Ok(match f {
        // Spark: seconds with the fraction, decimal(8,6); DuckDB microsecond() includes the seconds.
        "second" => format!("CAST(CAST(microsecond({x}) AS DECIMAL(18,0)) * CAST('0.000001' AS DECIMAL(7,6)) AS DECIMAL(8,6))"),
        // Spark's DAYOFWEEK: 1 = Sunday.
        "dow" => format!("CAST(dayofweek({x}) + 1 AS INTEGER)"),
        other => format!("CAST({other}({x}) AS INTEGER)"),
    })
}

/// `trunc(date, fmt)` units → DuckDB `date_trunc` parts (Spark returns NULL for any other format).
fn trunc_unit(fmt: &str) -> Option<&'static str> {
    Some(match fmt.to_ascii_uppercase().as_str() {
        "YEAR" | "YYYY" | "YY" => "year",
        "QUARTER" => "quarter",
        "MONTH" | "MM" | "MON" => "month",
        "WEEK" => "week",
        _ => return None,
    })
}

fn date_trunc_unit(fmt: &str) -> Option<&'static str> {
    Some(match fmt.to_ascii_uppercase().as_str() {
        "DAY" | "DD" => "day",
        "HOUR" => "hour",
        "MINUTE" => "minute",
        "SECOND" => "second",
        "MILLISECOND" => "millisecond",
        "MICROSECOND" => "microsecond",
        other => return trunc_unit(other),
    })
}

fn resolve_trunc(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    let e = super::helpers::resolve_sig(def, args, ctx, &[In::Date, In::Str], 2, DATE)?;
    let crate::logical::ExprKind::Call { args: a, .. } = &e.kind else { unreachable!() };
    if literal_string(&a[1]).is_none() && !super::helpers::is_null_literal(&a[1]) {
        return Err(SparkError::unsupported("trunc with a non-literal format"));
    }
    Ok(Expr { nullable: true, ..e })
}

fn emit_trunc(c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    Ok(match literal_string(&args[1]).as_deref().and_then(trunc_unit) {
        Some(unit) => format!("CAST(date_trunc('{unit}', {}) AS DATE)", sql[0]),
        None => super::helpers::null_of(&c.data_type),
    })
}

fn resolve_date_trunc(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    let e = super::helpers::resolve_sig(def, args, ctx, &[In::Str, In::Timestamp], 2, TIMESTAMP)?;
    let crate::logical::ExprKind::Call { args: a, .. } = &e.kind else { unreachable!() };
    if literal_string(&a[0]).is_none() && !super::helpers::is_null_literal(&a[0]) {
        return Err(SparkError::unsupported("date_trunc with a non-literal format"));
    }
    Ok(Expr { nullable: true, ..e })
}

fn emit_date_trunc(c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    Ok(match literal_string(&args[0]).as_deref().and_then(date_trunc_unit) {
        Some(unit) => format!("CAST(date_trunc('{unit}', {}) AS TIMESTAMPTZ)", sql[1]),
        None => super::helpers::null_of(&c.data_type),
    })
}

/// Spark's `DateTimeUtils.getDayOfWeekFromString`: ISO day number (Monday = 1).
fn day_of_week(name: &str) -> Option<u8> {
    Some(match name.to_ascii_uppercase().as_str() {
        "MO" | "MON" | "MONDAY" => 1,
        "TU" | "TUE" | "TUESDAY" => 2,
        "WE" | "WED" | "WEDNESDAY" => 3,
        "TH" | "THU" | "THURSDAY" => 4,
        "FR" | "FRI" | "FRIDAY" => 5,
        "SA" | "SAT" | "SATURDAY" => 6,
        "SU" | "SUN" | "SUNDAY" => 7,
        _ => return None,
    })
}

fn resolve_next_day(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    let e = super::helpers::resolve_sig(def, args, ctx, &[In::Date, In::Str], 2, DATE)?;
    let crate::logical::ExprKind::Call { args: a, .. } = &e.kind else { unreachable!() };
    match literal_string(&a[1]) {
        Some(d) if day_of_week(&d).is_some() => Ok(e),
        _ => Err(SparkError::unsupported("next_day with a non-literal or invalid day of week")),
    }
}

fn emit_next_day(_c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let target = literal_string(&args[1]).as_deref().and_then(day_of_week).unwrap_or(1);
    Ok(format!("CAST({0} + CAST((({target} - isodow({0}) + 6) % 7) + 1 AS INTEGER) AS DATE)", sql[0]))
}

fn resolve_to_timestamp(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    if args.len() == 2 {
        return resolve_parse(def, args, ctx);
    }
    super::helpers::resolve_sig(def, args, ctx, &[In::Timestamp], 1, TIMESTAMP)
}

fn resolve_make_date(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    let e = super::helpers::resolve_sig(def, args, ctx, &[In::Int, In::Int, In::Int], 3, DATE)?;
    let nullable = e.nullable || !ctx.ansi;
    Ok(Expr { nullable, ..e })
}

fn emit_make_date(c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    let (y, m, d) = (&sql[0], &sql[1], &sql[2]);
    let invalid = if super::helpers::ansi_of(c) {
        crate::sql::error_call("DATETIME_FIELD_OUT_OF_BOUNDS.WITH_SUGGESTION", "Invalid value for a date field. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.")
    } else {
        "CAST(NULL AS DATE)".to_string()
    };
    // CASE evaluates a branch only for the rows reaching it: make_date never sees an invalid month.
    Ok(format!(
        "CASE WHEN {y} IS NULL OR {m} IS NULL OR {d} IS NULL THEN NULL \
         WHEN {y} < 1 OR {y} > 9999 THEN {} \
         WHEN {m} < 1 OR {m} > 12 OR {d} < 1 OR {d} > 31 THEN {invalid} \
         WHEN {d} > day(last_day(make_date({y}, {m}, 1))) THEN {invalid} ELSE make_date({y}, {m}, {d}) END",
        super::helpers::unsupported_at_runtime("make_date of a year outside 1..9999")
    ))
}

fn resolve_months_between(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 3)?;
    if args.len() == 3 && super::helpers::literal_bool(&args[2]).is_none() {
        return Err(SparkError::unsupported("months_between with a non-literal roundOff"));
    }
    // Spark prints the default roundOff.
    let pretty = super::pretty_args(&args).map(|a| if args.len() == 2 { format!("months_between({a}, true)") } else { format!("months_between({a})") });
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let mut out = vec![];
    for (i, a) in args.into_iter().enumerate() {
        out.push(if i < 2 { coerce_arg(In::Timestamp, a, i, &sql, ctx.ansi)? } else { a });
    }
    let nullable = out.iter().any(|a| a.nullable);
    Ok(call(def, out, ctx, DataType::Double, nullable, pretty))
}

fn emit_months_between(_c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let (t1, t2) = (&sql[0], &sql[1]);
    let round_off = args.get(2).and_then(super::helpers::literal_bool).unwrap_or(true);
    let months = format!("CAST((year({t1}) * 12 + month({t1})) - (year({t2}) * 12 + month({t2})) AS DOUBLE)");
    let secs = |t: &str| format!("(hour({t}) * 3600 + minute({t}) * 60 + second({t}))");
    let diff = format!(
        "({months} + CAST((day({t1}) - day({t2})) * 86400 + {} - {} AS DOUBLE) / 2678400.0)",
        secs(t1),
        secs(t2)
    );
    let value = if round_off { format!("CAST(round(CAST(CAST({diff} AS VARCHAR) AS DECIMAL(38,18)), 8) AS DOUBLE)") } else { diff };
    Ok(format!(
        "CASE WHEN day({t1}) = day({t2}) OR (CAST({t1} AS DATE) = last_day(CAST({t1} AS DATE)) AND CAST({t2} AS DATE) = last_day(CAST({t2} AS DATE))) \
         THEN {months} ELSE {value} END"
    ))
}

fn emit_timestamp_seconds(_c: &Expr, _a: &[Expr], sql: &[String]) -> Result<String> {
    // Spark multiplies exactly (Math.multiplyExact): an overflow is an error, as DuckDB's BIGINT product.
    Ok(format!("to_timestamp(0) + to_microseconds({} * CAST(1000000 AS BIGINT))", sql[0]))
}

/// Translates a Java `DateTimeFormatter` pattern (as Spark uses it for formatting) into a DuckDB `strftime`
/// format, letter by letter; a letter whose output strftime cannot reproduce exactly is refused, naming the pattern.
pub(crate) fn strftime_of_java_pattern(pattern: &str) -> Result<String> {
    let refuse = |what: &str| SparkError::unsupported(format!("the datetime pattern '{pattern}' ({what})"));
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            // Quoted literal text; '' is a quote.
            if chars.get(i + 1) == Some(&'\'') {
                out.push('\'');
                i += 2;
                continue;
            }
            let mut j = i + 1;
            loop {
                match chars.get(j) {
                    None => return Err(refuse("unterminated quote")),
                    Some('\'') if chars.get(j + 1) == Some(&'\'') => {
                        out.push('\'');
                        j += 2;
                    }
                    Some('\'') => break,
                    Some('%') => {
                        out.push_str("%%");
                        j += 1;
                    }
                    Some(ch) => {
                        out.push(*ch);
                        j += 1;
                    }
                }
            }
            i = j + 1;
            continue;
        }
        if !c.is_ascii_alphabetic() {
            if c == '[' || c == ']' || c == '#' || c == '{' || c == '}' {
                return Err(refuse(&format!("'{c}' is reserved")));
            }
            if c == '%' {
                out.push_str("%%");
            } else {
                out.push(c);
            }
            i += 1;
            continue;
        }
        let mut n = 1;
        while chars.get(i + n) == Some(&c) {
            n += 1;
        }
        let spec = match (c, n) {
            ('y', 4) => "%Y",
            ('y', 2) => "%y",
            ('M', 1) => "%-m",
            ('M', 2) => "%m",
            ('M', 3) => "%b",
            ('M', 4) => "%B",
            ('d', 1) => "%-d",
            ('d', 2) => "%d",
            ('D', 1) => "%-j",
            ('D', 3) => "%j",
            ('H', 1) => "%-H",
            ('H', 2) => "%H",
            ('h', 1) => "%-I",
            ('h', 2) => "%I",
            ('m', 1) => "%-M",
            ('m', 2) => "%M",
            ('s', 1) => "%-S",
            ('s', 2) => "%S",
            ('S', 3) => "%g",
            ('S', 6) => "%f",
            ('a', 1) => "%p",
            ('E', 1..=3) => "%a",
            ('E', 4) => "%A",
            _ => return Err(refuse(&format!("'{}' has no exact DuckDB equivalent", c.to_string().repeat(n)))),
        };
        out.push_str(spec);
        i += n;
    }
    Ok(out)
}

/// strftime of a TIMESTAMPTZ in the session zone, refusing years strftime pads differently from Java.
fn format_timestamp(ts: &str, fmt: &str) -> String {
    format!(
        "CASE WHEN {ts} IS NULL THEN NULL WHEN year({ts}) BETWEEN 1000 AND 9999 THEN strftime({ts}, {}) ELSE {} END",
        crate::sql::quote_str(fmt),
        super::helpers::unsupported_at_runtime("formatting a year outside 1000..9999")
    )
}

fn literal_pattern(e: &Expr, what: &str) -> Result<String> {
    let p = literal_string(e).ok_or_else(|| SparkError::unsupported(format!("{what} with a non-literal pattern")))?;
    strftime_of_java_pattern(&p)?;
    Ok(p)
}

fn resolve_date_format(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    let e = super::helpers::resolve_sig(def, args, ctx, &[In::Timestamp, In::Str], 2, super::helpers::STRING)?;
    let crate::logical::ExprKind::Call { args: a, .. } = &e.kind else { unreachable!() };
    literal_pattern(&a[1], "date_format")?;
    Ok(e)
}

fn emit_date_format(_c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let fmt = strftime_of_java_pattern(&literal_pattern(&args[1], "date_format")?)?;
    Ok(format_timestamp(&sql[0], &fmt))
}

const DEFAULT_TIMESTAMP_PATTERN: &str = "yyyy-MM-dd HH:mm:ss";

fn resolve_from_unixtime(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 2)?;
    let mut args = args;
    if args.len() == 1 {
        // Spark prints the default pattern.
        args.push(string_literal(DEFAULT_TIMESTAMP_PATTERN));
    }
    let e = super::helpers::resolve_sig(def, args, ctx, &[In::Long, In::Str], 2, super::helpers::STRING)?;
    let crate::logical::ExprKind::Call { args: a, .. } = &e.kind else { unreachable!() };
    literal_pattern(&a[1], "from_unixtime")?;
    // Spark's FromUnixTime is always nullable.
    Ok(Expr { nullable: true, ..e })
}

fn emit_from_unixtime(_c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let fmt = strftime_of_java_pattern(&literal_pattern(&args[1], "from_unixtime")?)?;
    let ts = format!("(to_timestamp(0) + to_microseconds({} * CAST(1000000 AS BIGINT)))", sql[0]);
    Ok(format_timestamp(&ts, &fmt))
}

fn string_literal(v: &str) -> Expr {
    Expr {
        kind: crate::logical::ExprKind::Literal(crate::literal::Literal::String(v.to_string())),
        data_type: DataType::String,
        nullable: false,
        pretty: Some(v.to_string()),
    }
}

/// A Java parsing pattern as (strict regex, lenient regex, strptime format). Only fixed-width numeric fields are
/// accepted (Spark's parser is strict about their widths; DuckDB's strptime is not, hence the regex check), and the
/// pattern must name the year, month and day.
fn parse_pattern(pattern: &str) -> Result<(String, String, String)> {
    let refuse = |what: &str| SparkError::unsupported(format!("the datetime parsing pattern '{pattern}' ({what})"));
    let chars: Vec<char> = pattern.chars().collect();
    let (mut strict, mut lenient, mut fmt) = (String::new(), String::new(), String::new());
    let mut seen = String::new();
    let literal = |ch: char, strict: &mut String, lenient: &mut String, fmt: &mut String| {
        let esc = regex_escape(ch);
        strict.push_str(&esc);
        lenient.push_str(&esc);
        if ch == '%' {
            fmt.push_str("%%");
        } else {
            fmt.push(ch);
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            if chars.get(i + 1) == Some(&'\'') {
                literal('\'', &mut strict, &mut lenient, &mut fmt);
                i += 2;
                continue;
            }
            let mut j = i + 1;
            loop {
                match chars.get(j) {
                    None => return Err(refuse("unterminated quote")),
                    Some('\'') if chars.get(j + 1) == Some(&'\'') => {
                        literal('\'', &mut strict, &mut lenient, &mut fmt);
                        j += 2;
                    }
                    Some('\'') => break,
                    Some(ch) => {
                        literal(*ch, &mut strict, &mut lenient, &mut fmt);
                        j += 1;
                    }
                }
            }
            i = j + 1;
            continue;
        }
        if !c.is_ascii_alphabetic() {
            if matches!(c, '[' | ']' | '#' | '{' | '}') {
                return Err(refuse(&format!("'{c}' is reserved")));
            }
            if c.is_whitespace() && c != ' ' {
                return Err(refuse("whitespace other than ' '"));
            }
            literal(c, &mut strict, &mut lenient, &mut fmt);
            i += 1;
            continue;
        }
        let mut n = 1;
        while chars.get(i + n) == Some(&c) {
            n += 1;
        }
        let (spec, width) = match (c, n) {
            ('y', 4) => ("%Y", 4),
            ('M', 2) => ("%m", 2),
            ('d', 2) => ("%d", 2),
            ('H', 2) => ("%H", 2),
            ('m', 2) => ("%M", 2),
            ('s', 2) => ("%S", 2),
            _ => return Err(refuse(&format!("'{}' is not supported for parsing", c.to_string().repeat(n)))),
        };
        if seen.contains(c) {
            return Err(refuse(&format!("'{c}' appears twice")));
        }
        seen.push(c);
        strict.push_str(&format!("[0-9]{{{width}}}"));
        // Spark's two-letter fields are fixed-width; whether a year wider than 4 digits parses is not reproduced.
        lenient.push_str(&if c == 'y' { "[0-9]{4,}".to_string() } else { format!("[0-9]{{{width}}}") });
        fmt.push_str(spec);
        i += n;
    }
    if !(seen.contains('y') && seen.contains('M') && seen.contains('d')) {
        return Err(refuse("patterns without yyyy, MM and dd"));
    }
    Ok((strict, lenient, fmt))
}

fn regex_escape(c: char) -> String {
    if c.is_ascii_alphanumeric() || c == ' ' || !c.is_ascii() {
        c.to_string()
    } else {
        format!("\\{c}")
    }
}

fn resolve_parse(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    let name = ctx.name.to_ascii_lowercase();
    let seconds = matches!(def.name, "unix_timestamp" | "to_unix_timestamp");
    if seconds {
        check_arity(&name, &args, 1, 2)?;
    } else {
        check_arity(&name, &args, 2, 2)?;
    }
    let mut args = args;
    if args.len() == 1 {
        // Spark prints the default pattern.
        args.push(string_literal(DEFAULT_TIMESTAMP_PATTERN));
    }
    let pretty = super::helpers::fn_pretty(&name, &args);
    let sql = pretty.clone().unwrap_or_else(|| name.clone());
    let mut it = args.into_iter();
    let (s, f) = (it.next().unwrap(), it.next().unwrap());
    let s = match (&s.data_type, seconds) {
        (DataType::String, _) => s,
        (DataType::Date | DataType::Timestamp, true) => s,
        (DataType::Null, _) => coerce_arg(In::Str, s, 0, &sql, ctx.ansi)?,
        (DataType::Date | DataType::Timestamp | DataType::TimestampNtz, false) => {
            return Err(SparkError::unsupported(format!("{name} of a {} with a pattern", s.data_type.simple_string())))
        }
        _ => return Err(crate::coercion::unexpected_input_type(&sql, 1, "(\"STRING\" or \"DATE\" or \"TIMESTAMP\")", &s)),
    };
    let f = coerce_arg(In::Str, f, 1, &sql, ctx.ansi)?;
    let pattern = literal_string(&f).ok_or_else(|| SparkError::unsupported(format!("{name} with a non-literal pattern")))?;
    if s.data_type == DataType::String {
        parse_pattern(&pattern)?;
    }
    let t = match def.name {
        "try_to_date" | "to_date" => DataType::Date,
        "try_to_timestamp" | "to_timestamp" => DataType::Timestamp,
        _ => DataType::Long,
    };
    // Spark's ToTimestamp family: nullable as its inputs when failing on error (ANSI), else always.
    let fails = ctx.ansi && !def.name.starts_with("try_");
    let nullable = if fails && s.data_type == DataType::String { s.nullable || f.nullable } else if fails { s.nullable } else { true };
    Ok(call(def, vec![s, f], ctx, t, nullable, pretty))
}

fn emit_parse(c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let name = super::helpers::func_name(c);
    let x = &sql[0];
    if args[0].data_type != DataType::String {
        // unix_timestamp of a date (local midnight in the session zone) or timestamp: micros / 10^6, truncated.
        return Ok(format!("(epoch_us(CAST({x} AS TIMESTAMPTZ)) // 1000000)"));
    }
    let pattern = literal_string(&args[1]).unwrap_or_default();
    let (strict, lenient, fmt) = parse_pattern(&pattern)?;
    let fails = super::helpers::ansi_of(c) && !name.starts_with("try_");
    let failure = if fails {
        crate::sql::error_call(
            "CANNOT_PARSE_TIMESTAMP",
            "Text could not be parsed with the pattern. Use `try_to_timestamp` to tolerate invalid input string and return NULL instead.",
        )
    } else {
        "NULL".to_string()
    };
    let local = format!("try_strptime({x}, {})", crate::sql::quote_str(&fmt));
    let value = match name {
        "to_date" | "try_to_date" => format!("CAST({local} AS DATE)"),
        "to_timestamp" | "try_to_timestamp" => crate::cast::local_to_instant(&local),
        _ => format!("(epoch_us({}) // 1000000)", crate::cast::local_to_instant(&local)),
    };
    Ok(format!(
        "CASE WHEN {x} IS NULL OR {f} IS NULL THEN NULL \
         WHEN regexp_full_match({x}, {strict}) THEN CASE WHEN {local} IS NULL THEN {failure} ELSE {value} END \
         WHEN regexp_full_match({x}, {lenient}) THEN {} ELSE {failure} END",
        super::helpers::unsupported_at_runtime(&format!("parsing a year wider than the pattern '{}' allows", pattern.replace('\'', "''"))),
        f = sql[1],
        strict = crate::sql::quote_str(&strict),
        lenient = crate::sql::quote_str(&lenient),
    ))
}
