//! Spark's CAST semantics for the pairs of `cast.rs`, run on DuckDB with session time zone America/Los_Angeles
//! (as the differential suite). Expected values are Spark 4's.

use sparkduck_analysis::cast::cast_sql;
use sparkduck_analysis::logical::CastMode;
use sparkduck_analysis::DataType;
use CastMode::{Ansi, Legacy, Try};

fn conn() -> duckdb::Connection {
    let c = duckdb::Connection::open_in_memory().expect("duckdb");
    c.execute_batch("SET TimeZone = 'America/Los_Angeles'").expect("tz");
    c
}

/// CAST(`value` AS `to`) with Spark's semantics, the result as DuckDB's VARCHAR of it (Err: the error message).
fn run(value: &str, from: &DataType, to: &DataType, mode: CastMode) -> Result<Option<String>, String> {
    // The value through a subquery column, so that DuckDB cannot fold the cast as a constant.
    let x = cast_sql("\"v\"", from, to, mode).map_err(|e| format!("{e:?}"))?;
    let sql = format!("SELECT CAST(({x}) AS VARCHAR) FROM (SELECT {value} AS \"v\")");
    conn().query_row(&sql, [], |r| r.get::<_, Option<String>>(0)).map_err(|e| e.to_string())
}

fn ok(value: &str, from: &DataType, to: &DataType, mode: CastMode) -> Option<String> {
    run(value, from, to, mode).unwrap_or_else(|e| panic!("{value}: {e}"))
}

fn err(value: &str, from: &DataType, to: &DataType, mode: CastMode) -> String {
    match run(value, from, to, mode) {
        Ok(v) => panic!("{value}: expected an error, got {v:?}"),
        Err(e) => e,
    }
}

fn s(v: &str) -> String {
    format!("CAST('{}' AS VARCHAR)", v.replace('\'', "''"))
}

const D: DataType = DataType::Date;

#[test]
fn string_to_date_accepts_spark_forms() {
    let st = DataType::String;
    for (input, want) in [
        ("2024-01-15", "2024-01-15"),
        ("2024", "2024-01-01"),
        ("2024-02", "2024-02-01"),
        ("2024-1-5", "2024-01-05"),
        (" 2024-01-15 ", "2024-01-15"),
        ("\t2024-01-15\n", "2024-01-15"),
        ("\u{7f}2024-01-15\u{1}", "2024-01-15"),
        ("2024-01-15 10:11:12", "2024-01-15"),
        ("2024-01-15T10:11:12Z", "2024-01-15"),
        ("2024-01-15 anything", "2024-01-15"),
        ("+2024-01-15", "2024-01-15"),
        ("2024-02-29", "2024-02-29"),
        ("0001-01-01", "0001-01-01"),
        ("12345-01-01", "12345-01-01"),
    ] {
        assert_eq!(ok(&s(input), &st, &D, Ansi).as_deref(), Some(want), "{input:?}");
        assert_eq!(ok(&s(input), &st, &D, Try).as_deref(), Some(want), "{input:?}");
        assert_eq!(ok(&s(input), &st, &D, Legacy).as_deref(), Some(want), "{input:?}");
    }
    assert_eq!(ok("CAST(NULL AS VARCHAR)", &st, &D, Ansi), None);
}

#[test]
fn string_to_date_rejects_what_spark_rejects() {
    let st = DataType::String;
    for input in [
        "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024/01/15", "20240115", "", "abc", "202", "24-01-15",
        "2024-01-15x", "2024-01 10:00", "2024 10:00", "2024T", "2024-01T10", "2024-001-01", "2024-01-", "12345678-01-01",
    ] {
        let e = err(&s(input), &st, &D, Ansi);
        let want = format!(
            "[CAST_INVALID_INPUT] The value '{input}' of the type \"STRING\" cannot be cast to \"DATE\" because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead."
        );
        assert!(e.contains(&want), "{input:?}: {e}");
        assert_eq!(ok(&s(input), &st, &D, Try), None, "{input:?}");
        assert_eq!(ok(&s(input), &st, &D, Legacy), None, "{input:?}");
    }
    // Spark's toSQLValue escapes ' and \ in the message.
    let e = err(&s(r"it's\"), &st, &D, Ansi);
    assert!(e.contains(r"The value 'it\'s\\' of the type"), "{e}");
}

#[test]
fn datetime_to_string() {
    let st = DataType::String;
    assert_eq!(ok("DATE '2024-01-05'", &D, &st, Ansi).as_deref(), Some("2024-01-05"));
    let ts = DataType::Timestamp;
    // An instant shown in the session zone; fraction without trailing zeros.
    assert_eq!(ok("TIMESTAMPTZ '2024-07-01 00:00:00+00'", &ts, &st, Ansi).as_deref(), Some("2024-06-30 17:00:00"));
    assert_eq!(ok("TIMESTAMPTZ '2024-01-15 10:11:12.5-08'", &ts, &st, Ansi).as_deref(), Some("2024-01-15 10:11:12.5"));
    assert_eq!(
        ok("TIMESTAMPTZ '2024-01-15 10:11:12.00012-08'", &ts, &st, Ansi).as_deref(),
        Some("2024-01-15 10:11:12.00012")
    );
    let ntz = DataType::TimestampNtz;
    assert_eq!(ok("TIMESTAMP '2024-01-15 10:11:12.123'", &ntz, &st, Ansi).as_deref(), Some("2024-01-15 10:11:12.123"));
    assert_eq!(ok("TIMESTAMP '1969-12-31 23:59:59'", &ntz, &st, Ansi).as_deref(), Some("1969-12-31 23:59:59"));
    assert_eq!(ok("CAST(NULL AS DATE)", &D, &st, Ansi), None);
    assert_eq!(ok("CAST(NULL AS TIMESTAMPTZ)", &ts, &st, Ansi), None);
    // Years Spark prints differently stay unsupported.
    assert!(err("DATE '10000-01-01'", &D, &st, Ansi).contains("SPARKDUCK_UNSUPPORTED"));
}

#[test]
fn timestamps_dates_and_longs() {
    let (ts, ntz, long) = (DataType::Timestamp, DataType::TimestampNtz, DataType::Long);
    let epoch = |v: &str, from: &DataType, to: &DataType| {
        let x = cast_sql("\"v\"", from, to, Ansi).unwrap();
        conn()
            .query_row(&format!("SELECT CAST(epoch(({x})) AS VARCHAR) FROM (SELECT {v} AS \"v\")"), [], |r| r.get::<_, String>(0))
            .unwrap()
    };
    // TIMESTAMP → DATE in the session zone; NTZ → DATE by its fields.
    assert_eq!(ok("TIMESTAMPTZ '2024-07-01 03:00:00+00'", &ts, &D, Ansi).as_deref(), Some("2024-06-30"));
    assert_eq!(ok("TIMESTAMP '2024-07-01 03:00:00'", &ntz, &D, Ansi).as_deref(), Some("2024-07-01"));
    // DATE → TIMESTAMP: local midnight in the session zone; DATE → NTZ: midnight.
    assert_eq!(epoch("DATE '2024-07-01'", &D, &ts), "1719817200.0");
    assert_eq!(ok("DATE '2024-07-01'", &D, &ntz, Ansi).as_deref(), Some("2024-07-01 00:00:00"));
    // TIMESTAMP ↔ NTZ through the session zone; DST gap moves forward, overlap takes the earlier offset.
    assert_eq!(ok("TIMESTAMPTZ '2024-07-01 00:00:00+00'", &ts, &ntz, Ansi).as_deref(), Some("2024-06-30 17:00:00"));
    assert_eq!(epoch("TIMESTAMP '2024-07-01 00:00:00'", &ntz, &ts), "1719817200.0");
    assert_eq!(epoch("TIMESTAMP '2024-03-10 02:30:00'", &ntz, &ts), "1710066600.0");
    assert_eq!(epoch("TIMESTAMP '2024-11-03 01:30:00'", &ntz, &ts), "1730622600.0");
    assert_eq!(epoch("TIMESTAMP '2024-11-03 00:59:59'", &ntz, &ts), "1730620799.0");
    assert_eq!(epoch("TIMESTAMP '2024-11-03 02:00:00'", &ntz, &ts), "1730628000.0");
    // TIMESTAMP → LONG: floorDiv(micros, 1e6).
    assert_eq!(ok("TIMESTAMPTZ '1969-12-31 23:59:59.5+00'", &ts, &long, Ansi).as_deref(), Some("-1"));
    assert_eq!(ok("TIMESTAMPTZ '1970-01-01 00:00:00.7+00'", &ts, &long, Ansi).as_deref(), Some("0"));
    assert_eq!(ok("TIMESTAMPTZ '1969-12-31 23:59:59+00'", &ts, &long, Ansi).as_deref(), Some("-1"));
    assert_eq!(ok("TIMESTAMPTZ '2024-07-01 00:00:00+00'", &ts, &long, Ansi).as_deref(), Some("1719792000"));
    assert_eq!(ok("CAST(NULL AS TIMESTAMPTZ)", &ts, &long, Ansi), None);
}

#[test]
fn simple_types_to_string() {
    let st = DataType::String;
    assert_eq!(ok("TRUE", &DataType::Boolean, &st, Ansi).as_deref(), Some("true"));
    assert_eq!(ok("CAST(-1.500 AS DECIMAL(5,3))", &DataType::decimal(5, 3), &st, Ansi).as_deref(), Some("-1.500"));
    assert_eq!(
        ok("CAST(0.0000001 AS DECIMAL(20,15))", &DataType::decimal(20, 15), &st, Ansi).as_deref(),
        Some("0.000000100000000")
    );
    assert_eq!(ok("CAST(-42 AS BIGINT)", &DataType::Long, &st, Ansi).as_deref(), Some("-42"));
}

#[test]
fn double_and_float_to_string_as_java() {
    let st = DataType::String;
    for (v, want) in [
        ("1e10", "1.0E10"),
        ("1.23456789e-5", "1.23456789E-5"),
        ("12345678.0", "1.2345678E7"),
        ("1e-4", "1.0E-4"),
        ("1e21", "1.0E21"),
        ("0.001", "0.001"),
        ("1234567.0", "1234567.0"),
        ("-1.5", "-1.5"),
        ("100.0", "100.0"),
        ("0.1", "0.1"),
        ("'NaN'", "NaN"),
        ("'Infinity'", "Infinity"),
        ("'-Infinity'", "-Infinity"),
        ("'-0.0'", "-0.0"),
        ("0.0", "0.0"),
        ("1.7976931348623157e308", "1.7976931348623157E308"),
    ] {
        assert_eq!(ok(&format!("CAST({v} AS DOUBLE)"), &DataType::Double, &st, Ansi).as_deref(), Some(want), "{v}");
    }
    for (v, want) in [("1.1", "1.1"), ("1e10", "1.0E10"), ("1e-5", "1.0E-5"), ("'-0.0'", "-0.0"), ("'NaN'", "NaN"), ("3.4028235e38", "3.4028235E38")] {
        assert_eq!(ok(&format!("CAST({v} AS FLOAT)"), &DataType::Float, &st, Ansi).as_deref(), Some(want), "{v}");
    }
    assert_eq!(ok("CAST(NULL AS DOUBLE)", &DataType::Double, &st, Ansi), None);
}

#[test]
fn overflow_error_classes() {
    let (int, long, dbl) = (DataType::Integer, DataType::Long, DataType::Double);
    let msg = |v: &str, from: &str, to: &str| {
        format!("[CAST_OVERFLOW] The value {v} of the type \"{from}\" cannot be cast to \"{to}\" due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead.")
    };
    let e = err("CAST(1e10 AS DOUBLE)", &dbl, &int, Ansi);
    assert!(e.contains(&msg("1.0E10D", "DOUBLE", "INT")), "{e}");
    let e = err("CAST('NaN' AS DOUBLE)", &dbl, &int, Ansi);
    assert!(e.contains(&msg("CAST('NaN' AS DOUBLE)", "DOUBLE", "INT")), "{e}");
    let e = err("CAST(-3e9 AS FLOAT)", &DataType::Float, &int, Ansi);
    assert!(e.contains(&msg("CAST('-3.0E9' AS FLOAT)", "FLOAT", "INT")), "{e}");
    assert_eq!(run("CAST(1e10 AS DOUBLE)", &dbl, &int, Try), Ok(None));
    assert_eq!(ok("CAST(-4.7 AS DOUBLE)", &dbl, &int, Ansi).as_deref(), Some("-4"));
    assert_eq!(ok("CAST(2147483647.9 AS DOUBLE)", &dbl, &int, Ansi).as_deref(), Some("2147483647"));
    assert_eq!(ok("CAST(NULL AS DOUBLE)", &dbl, &int, Ansi), None);
    // 2^63 passes Spark's range check (Long.MaxValue as a double) and saturates.
    assert_eq!(ok("CAST(9223372036854775808.0 AS DOUBLE)", &dbl, &long, Ansi).as_deref(), Some("9223372036854775807"));
    let e = err("CAST(1e19 AS DOUBLE)", &dbl, &long, Ansi);
    assert!(e.contains(&msg("1.0E19D", "DOUBLE", "BIGINT")), "{e}");
    // long → int
    let e = err("CAST(10000000000 AS BIGINT)", &long, &int, Ansi);
    assert!(e.contains(&msg("10000000000L", "BIGINT", "INT")), "{e}");
    assert_eq!(run("CAST(10000000000 AS BIGINT)", &long, &int, Try), Ok(None));
    assert_eq!(ok("CAST(-7 AS BIGINT)", &long, &int, Ansi).as_deref(), Some("-7"));
    let e = err("CAST(300 AS SMALLINT)", &DataType::Short, &DataType::Byte, Ansi);
    assert!(e.contains(&msg("300S", "SMALLINT", "TINYINT")), "{e}");
    // decimal → int
    let dec = DataType::decimal(12, 2);
    let e = err("CAST(9999999999.99 AS DECIMAL(12,2))", &dec, &int, Ansi);
    assert!(e.contains(&msg("9999999999.99BD", "DECIMAL(12,2)", "INT")), "{e}");
    assert_eq!(ok("CAST(-4.50 AS DECIMAL(12,2))", &dec, &int, Ansi).as_deref(), Some("-4"));
    // decimal → narrower decimal
    let e = err("CAST(9999999999.99 AS DECIMAL(12,2))", &dec, &DataType::decimal(4, 2), Ansi);
    assert!(
        e.contains("[NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION]  9999999999.99 cannot be represented as Decimal(4, 2). If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error, and return NULL instead."),
        "{e}"
    );
    let e = err("CAST(99.995 AS DECIMAL(12,3))", &DataType::decimal(12, 3), &DataType::decimal(4, 2), Ansi);
    assert!(e.contains("]  99.995 cannot be represented as Decimal(4, 2)."), "{e}");
    assert_eq!(ok("CAST(12.345 AS DECIMAL(12,3))", &DataType::decimal(12, 3), &DataType::decimal(4, 2), Ansi).as_deref(), Some("12.35"));
    assert_eq!(run("CAST(9999999999.99 AS DECIMAL(12,2))", &dec, &DataType::decimal(4, 2), Try), Ok(None));
    let e = err("CAST(123 AS INTEGER)", &int, &DataType::decimal(4, 2), Ansi);
    assert!(e.contains("[NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION]  123 cannot be represented as Decimal(4, 2)."), "{e}");
}

#[test]
fn double_to_decimal_uses_java_shortest_digits() {
    let dec = DataType::decimal(30, 4);
    let dbl = DataType::Double;
    for (v, want) in [
        ("1e21", "1000000000000000000000.0000"),
        ("2.675", "2.6750"),
        ("-1.23456", "-1.2346"),
        ("1.00005", "1.0001"),
        ("-1.00005", "-1.0001"),
        ("1e-5", "0.0000"),
        ("123.0", "123.0000"),
    ] {
        assert_eq!(ok(&format!("CAST({v} AS DOUBLE)"), &dbl, &dec, Ansi).as_deref(), Some(want), "{v}");
        assert_eq!(ok(&format!("CAST({v} AS DOUBLE)"), &dbl, &dec, Try).as_deref(), Some(want), "{v}");
    }
    assert_eq!(ok("CAST(2.675 AS DOUBLE)", &dbl, &DataType::decimal(3, 2), Ansi).as_deref(), Some("2.68"));
    // A float is widened to double first: 1.1f is 1.100000023841858.
    assert_eq!(ok("CAST(1.1 AS FLOAT)", &DataType::Float, &DataType::decimal(10, 8), Ansi).as_deref(), Some("1.10000002"));
    assert_eq!(ok("CAST(NULL AS DOUBLE)", &dbl, &dec, Ansi), None);
    assert_eq!(run("CAST('NaN' AS DOUBLE)", &dbl, &dec, Try), Ok(None));
    assert_eq!(run("CAST(1e30 AS DOUBLE)", &dbl, &dec, Try), Ok(None));
    // ANSI overflow: the value as `BigDecimal(Double.toString(d)).toPlainString`.
    let oor = |v: &str, p: u8, sc: i8| {
        format!("[NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION]  {v} cannot be represented as Decimal({p}, {sc}). If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error, and return NULL instead.")
    };
    let e = err("CAST(1e30 AS DOUBLE)", &dbl, &dec, Ansi);
    assert!(e.contains(&oor("1000000000000000000000000000000", 30, 4)), "{e}");
    let e = err("CAST(-1.2345678912e10 AS DOUBLE)", &dbl, &DataType::decimal(10, 2), Ansi);
    assert!(e.contains(&oor("-12345678912", 10, 2)), "{e}");
    let e = err("CAST(12345678.9012345 AS DOUBLE)", &dbl, &DataType::decimal(10, 4), Ansi);
    assert!(e.contains(&oor("12345678.9012345", 10, 4)), "{e}");
    let e = err("CAST(100.0 AS DOUBLE)", &dbl, &DataType::decimal(3, 1), Ansi);
    assert!(e.contains(&oor("100.0", 3, 1)), "{e}");
    let e = err("CAST(99.995 AS DOUBLE)", &dbl, &DataType::decimal(4, 2), Ansi);
    assert!(e.contains(&oor("99.995", 4, 2)), "{e}");
    let e = err("CAST(1e10 AS FLOAT)", &DataType::Float, &DataType::decimal(5, 0), Ansi);
    assert!(e.contains(&oor("10000000000", 5, 0)), "{e}");
    assert!(err("CAST('NaN' AS DOUBLE)", &dbl, &dec, Ansi).contains("SPARKDUCK_UNSUPPORTED"));
}

#[test]
fn non_ansi_numeric_narrowing_as_java() {
    let (byte, short, int, long, dbl) = (DataType::Byte, DataType::Short, DataType::Integer, DataType::Long, DataType::Double);
    // Integral narrowing keeps the low-order bits.
    assert_eq!(ok("CAST(10000000000 AS BIGINT)", &long, &int, Legacy).as_deref(), Some("1410065408"));
    assert_eq!(ok("CAST(-10000000000 AS BIGINT)", &long, &int, Legacy).as_deref(), Some("-1410065408"));
    assert_eq!(ok("CAST(2147483648 AS BIGINT)", &long, &int, Legacy).as_deref(), Some("-2147483648"));
    assert_eq!(ok("CAST(300 AS INTEGER)", &int, &byte, Legacy).as_deref(), Some("44"));
    assert_eq!(ok("CAST(-129 AS SMALLINT)", &short, &byte, Legacy).as_deref(), Some("127"));
    assert_eq!(ok("CAST(-9223372036854775808 AS BIGINT)", &long, &short, Legacy).as_deref(), Some("0"));
    assert_eq!(ok("CAST(-5 AS BIGINT)", &long, &int, Legacy).as_deref(), Some("-5"));
    assert_eq!(ok("CAST(NULL AS BIGINT)", &long, &int, Legacy), None);
    // Double: Java's (int)/(long): truncation, NaN → 0, saturation; then low-order bits for byte/short.
    for (v, to, want) in [
        ("4.7", &int, "4"),
        ("-4.7", &int, "-4"),
        ("1e10", &int, "2147483647"),
        ("-1e10", &int, "-2147483648"),
        ("'NaN'", &int, "0"),
        ("'Infinity'", &long, "9223372036854775807"),
        ("1e19", &long, "9223372036854775807"),
        ("-1e19", &long, "-9223372036854775808"),
        ("300.5", &byte, "44"),
        ("1e10", &short, "-1"),
        ("-1e10", &byte, "0"),
    ] {
        assert_eq!(ok(&format!("CAST({v} AS DOUBLE)"), &dbl, to, Legacy).as_deref(), Some(want), "{v} to {to:?}");
    }
    // Decimal: truncation, then low-order bits.
    let dec = DataType::decimal(12, 2);
    assert_eq!(ok("CAST(9999999999.99 AS DECIMAL(12,2))", &dec, &int, Legacy).as_deref(), Some("1410065407"));
    assert_eq!(ok("CAST(-4.50 AS DECIMAL(12,2))", &dec, &int, Legacy).as_deref(), Some("-4"));
    assert_eq!(ok("CAST(300.99 AS DECIMAL(12,2))", &dec, &byte, Legacy).as_deref(), Some("44"));
}

#[test]
fn non_ansi_string_to_integral_truncates_decimals() {
    let (st, int, byte) = (DataType::String, DataType::Integer, DataType::Byte);
    for (v, want) in [
        ("4.7", Some("4")),
        ("-4.7", Some("-4")),
        (" 42 ", Some("42")),
        ("+7.", Some("7")),
        (".5", Some("0")),
        ("-.5", Some("0")),
        (".", Some("0")),
        ("1.2.3", None),
        ("1e3", None),
        ("0x10", None),
        ("", None),
        ("+", None),
        ("-", None),
        ("1 .5", None),
        ("99999999999", None),
        ("2147483647.99", Some("2147483647")),
    ] {
        assert_eq!(ok(&s(v), &st, &int, Legacy).as_deref(), want, "{v:?}");
    }
    assert_eq!(ok(&s("127.9"), &st, &byte, Legacy).as_deref(), Some("127"));
    assert_eq!(ok(&s("128"), &st, &byte, Legacy), None);
    // ANSI and try_cast still reject decimals.
    assert!(err(&s("4.7"), &st, &int, Ansi).contains("[CAST_INVALID_INPUT]"));
    assert_eq!(ok(&s("4.7"), &st, &int, Try), None);
}

#[test]
fn string_to_timestamp_local_forms() {
    let st = DataType::String;
    let ntz = DataType::TimestampNtz;
    for (input, want) in [
        ("2024-01-15 10:11:12", "2024-01-15 10:11:12"),
        (" 2024-01-15T10:11:12.123456789 ", "2024-01-15 10:11:12.123456"),
        ("2024-01-15 10:11:12.5", "2024-01-15 10:11:12.5"),
        ("2024-01-15 1:2", "2024-01-15 01:02:00"),
        ("2024-01-15", "2024-01-15 00:00:00"),
        ("2024", "2024-01-01 00:00:00"),
    ] {
        for mode in [Ansi, Try, Legacy] {
            assert_eq!(ok(&s(input), &st, &ntz, mode).as_deref(), Some(want), "{input:?}");
        }
    }
    // TIMESTAMP: the local time in the session zone (America/Los_Angeles), summer and winter offsets.
    let ts = DataType::Timestamp;
    assert_eq!(ok(&s("2024-07-01 00:00:00"), &st, &ts, Ansi).as_deref(), Some("2024-07-01 00:00:00-07"));
    assert_eq!(ok(&s("2024-01-01"), &st, &ts, Ansi).as_deref(), Some("2024-01-01 00:00:00-08"));
}

#[test]
fn string_to_timestamp_malformed_and_unsupported() {
    let st = DataType::String;
    let ntz = DataType::TimestampNtz;
    for input in ["2024-01-15 25:00:00", "2024-02-30 10:00:00", "abc", ""] {
        assert!(err(&s(input), &st, &ntz, Ansi).contains("[CAST_INVALID_INPUT]"), "{input:?}");
        assert_eq!(ok(&s(input), &st, &ntz, Try), None, "{input:?}");
    }
    // Forms Spark parses but sparkduck does not yet: an error in every mode, never NULL or a guessed value.
    for input in ["2024-01-15 10:11:12Z", "2024-01-15T10:11:12+02:00", "10:11:12", "+2024-01-15"] {
        for mode in [Ansi, Try, Legacy] {
            assert!(err(&s(input), &st, &ntz, mode).contains("[SPARKDUCK_UNSUPPORTED]"), "{input:?}");
        }
    }
}
