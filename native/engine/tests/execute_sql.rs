//! The engine driven through `Session::execute_sql` (SQL + local tables, no plan translation).

use arrow::array::*;
use arrow::datatypes::{DataType as ArrowType, Field as ArrowField, Schema, TimeUnit};
use arrow::ipc::writer::StreamWriter;
use sparkduck_engine::{
    spark_error_of, DataType, Field, LocalTable, Session, SessionConfig, SparkError,
};
use std::sync::Arc;

fn session() -> Session {
    Session::open_json(r#"{"threads":2}"#).unwrap()
}

fn collect(session: &Session, sql: &str) -> Vec<RecordBatch> {
    let result = session.execute_sql(sql, vec![], None).unwrap();
    result.reader.collect::<Result<Vec<_>, _>>().unwrap()
}

fn run_error(session: &Session, sql: &str) -> SparkError {
    match session.execute_sql(sql, vec![], None) {
        Err(e) => e,
        Ok(result) => {
            for batch in result.reader {
                if let Err(e) = batch {
                    return spark_error_of(&e);
                }
            }
            panic!("{sql} did not fail")
        }
    }
}

fn ipc(batch: &RecordBatch) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut writer = StreamWriter::try_new(&mut bytes, &batch.schema()).unwrap();
    writer.write(batch).unwrap();
    writer.finish().unwrap();
    drop(writer);
    bytes
}

#[test]
fn types_follow_the_contract() {
    let s = Session::open_json(r#"{"time_zone":"America/Los_Angeles"}"#).unwrap();
    let batches = collect(
        &s,
        "SELECT true AS b, 1::TINYINT AS i8, 2::SMALLINT AS i16, 3 AS i32, 4::BIGINT AS i64, 1.5::FLOAT AS f32, \
         2.5::DOUBLE AS f64, 123.45::DECIMAL(10,2) AS d, 'héllo' AS s, '\\x01'::BLOB AS bin, DATE '2024-06-30' AS dt, \
         TIMESTAMPTZ '2024-07-01 00:30:00+00' AS ts, TIMESTAMP '2024-07-01 00:30:00' AS ntz, [1, NULL, 3] AS l, \
         {'x': 1, 'y': 'a'} AS st, MAP {'k': 1.5} AS m, NULL::INTEGER AS n",
    );
    assert_eq!(batches.len(), 1);
    let b = &batches[0];
    let types: Vec<ArrowType> = b
        .schema()
        .fields()
        .iter()
        .map(|f| f.data_type().clone())
        .collect();
    assert_eq!(types[0], ArrowType::Boolean);
    assert_eq!(
        types[1..7],
        [
            ArrowType::Int8,
            ArrowType::Int16,
            ArrowType::Int32,
            ArrowType::Int64,
            ArrowType::Float32,
            ArrowType::Float64
        ]
    );
    assert_eq!(types[7], ArrowType::Decimal128(10, 2));
    assert_eq!(types[8], ArrowType::Utf8);
    assert_eq!(types[9], ArrowType::Binary);
    assert_eq!(types[10], ArrowType::Date32);
    assert!(
        matches!(
            &types[11],
            ArrowType::Timestamp(TimeUnit::Microsecond, Some(_))
        ),
        "{:?}",
        types[11]
    );
    assert_eq!(types[12], ArrowType::Timestamp(TimeUnit::Microsecond, None));
    assert!(matches!(&types[13], ArrowType::List(f) if f.data_type() == &ArrowType::Int32));
    assert!(matches!(&types[14], ArrowType::Struct(_)));
    assert!(matches!(&types[15], ArrowType::Map(_, _)));

    assert_eq!(
        b.column(3)
            .as_primitive::<arrow::datatypes::Int32Type>()
            .value(0),
        3
    );
    assert_eq!(
        b.column(7)
            .as_primitive::<arrow::datatypes::Decimal128Type>()
            .value(0),
        12345
    );
    assert_eq!(b.column(8).as_string::<i32>().value(0), "héllo");
    assert_eq!(b.column(9).as_binary::<i32>().value(0), &[1u8]);
    assert_eq!(
        b.column(10)
            .as_primitive::<arrow::datatypes::Date32Type>()
            .value(0),
        19904
    );
    // An instant: 2024-07-01T00:30Z whatever the session zone.
    assert_eq!(
        b.column(11)
            .as_primitive::<arrow::datatypes::TimestampMicrosecondType>()
            .value(0),
        1_719_793_800_000_000
    );
    let list = b.column(13).as_list::<i32>().value(0);
    let list = list.as_primitive::<arrow::datatypes::Int32Type>();
    assert_eq!(
        (list.len(), list.value(0), list.is_null(1), list.value(2)),
        (3, 1, true, 3)
    );
    let st = b.column(14).as_struct();
    assert_eq!(st.column(1).as_string::<i32>().value(0), "a");
    assert!(b.column(16).is_null(0));
    let schema = s
        .execute_sql(
            "SELECT TIMESTAMPTZ '2024-07-01 00:30:00+00' AS ts",
            vec![],
            None,
        )
        .unwrap()
        .schema;
    assert_eq!(schema, vec![Field::new("ts", DataType::Timestamp, true)]);
}

#[test]
fn session_time_zone_changes_how_timestamps_are_shown() {
    let s = Session::open_json(r#"{"time_zone":"America/Los_Angeles"}"#).unwrap();
    let batches = collect(
        &s,
        "SELECT CAST(TIMESTAMPTZ '2024-07-01 00:30:00+00' AS VARCHAR) AS t",
    );
    assert_eq!(
        batches[0].column(0).as_string::<i32>().value(0),
        "2024-06-30 17:30:00-07"
    );
    s.set_option("spark.sql.session.timeZone", "Asia/Tokyo")
        .unwrap();
    let batches = collect(
        &s,
        "SELECT CAST(TIMESTAMPTZ '2024-07-01 00:30:00+00' AS VARCHAR) AS t",
    );
    assert_eq!(
        batches[0].column(0).as_string::<i32>().value(0),
        "2024-07-01 09:30:00+09"
    );
    // Spark also accepts offsets: whole hours work, others are refused rather than rounded.
    s.set_option("spark.sql.session.timeZone", "+08:00")
        .unwrap();
    let batches = collect(
        &s,
        "SELECT CAST(TIMESTAMPTZ '2024-07-01 00:30:00+00' AS VARCHAR) AS t",
    );
    assert_eq!(
        batches[0].column(0).as_string::<i32>().value(0),
        "2024-07-01 08:30:00+08"
    );
    assert_eq!(
        s.set_option("spark.sql.session.timeZone", "+05:30")
            .unwrap_err()
            .error_class,
        "SPARKDUCK_UNSUPPORTED"
    );
    s.set_option("spark.sql.session.timeZone", "Asia/Tokyo")
        .unwrap();
    let e = s
        .set_option("spark.sql.session.timeZone", "Mars/Olympus")
        .unwrap_err();
    assert_eq!(e.error_class, "INVALID_CONF_VALUE.TIME_ZONE");
    assert_eq!(s.config().time_zone, "Asia/Tokyo");
    s.set_option("spark.sql.ansi.enabled", "false").unwrap();
    assert!(!s.config().ansi);
    s.set_option("some.unknown.key", "x").unwrap();
}

#[test]
fn local_tables_round_trip_and_can_be_referenced_twice() {
    let schema = Arc::new(Schema::new(vec![
        ArrowField::new("id", ArrowType::Int64, false),
        ArrowField::new("name", ArrowType::Utf8, true),
        ArrowField::new("amount", ArrowType::Decimal128(12, 3), true),
    ]));
    let batch = RecordBatch::try_new(
        schema,
        vec![
            Arc::new(Int64Array::from(vec![1, 2, 3])),
            Arc::new(StringArray::from(vec![Some("a"), None, Some("it's \"q\"")])),
            Arc::new(
                Decimal128Array::from(vec![Some(1500), Some(-1), None])
                    .with_precision_and_scale(12, 3)
                    .unwrap(),
            ),
        ],
    )
    .unwrap();
    let s = session();
    // A hostile table name: quotes of both kinds.
    let name = "local \"t\" 'x'";
    let quoted = "\"local \"\"t\"\" 'x'\"";
    let sql = format!(
        "SELECT a.id, a.name, b.amount FROM {quoted} a JOIN {quoted} b ON a.id = b.id ORDER BY a.id"
    );
    let result = s
        .execute_sql(
            &sql,
            vec![LocalTable {
                name: name.into(),
                ipc: ipc(&batch),
            }],
            None,
        )
        .unwrap();
    let batches: Vec<RecordBatch> = result.reader.collect::<Result<_, _>>().unwrap();
    let out = arrow::compute::concat_batches(&batches[0].schema(), &batches).unwrap();
    assert_eq!(out.num_rows(), 3);
    assert_eq!(
        out.column(0)
            .as_primitive::<arrow::datatypes::Int64Type>()
            .values(),
        &[1, 2, 3]
    );
    let names = out.column(1).as_string::<i32>();
    assert_eq!(
        (names.value(0), names.is_null(1), names.value(2)),
        ("a", true, "it's \"q\"")
    );
    let amounts = out
        .column(2)
        .as_primitive::<arrow::datatypes::Decimal128Type>();
    assert_eq!(
        (amounts.value(0), amounts.value(1), amounts.is_null(2)),
        (1500, -1, true)
    );
    assert_eq!(
        out.schema().field(2).data_type(),
        &ArrowType::Decimal128(12, 3)
    );
}

#[test]
fn local_table_that_is_not_ipc_is_an_error() {
    let e = session()
        .execute_sql(
            "SELECT 1",
            vec![LocalTable {
                name: "t".into(),
                ipc: vec![1, 2, 3],
            }],
            None,
        )
        .err()
        .unwrap();
    assert_eq!(e.error_class, "SPARKDUCK_INVALID_PLAN");
}

#[test]
fn large_results_stream_in_vector_sized_batches() {
    let s = session();
    let result = s
        .execute_sql("SELECT range AS id FROM range(10000000)", vec![], None)
        .unwrap();
    let mut rows = 0usize;
    let mut sum = 0i128;
    let mut batches = 0usize;
    let mut max_batch = 0usize;
    for batch in result.reader {
        let batch = batch.unwrap();
        rows += batch.num_rows();
        max_batch = max_batch.max(batch.num_rows());
        batches += 1;
        sum += batch
            .column(0)
            .as_primitive::<arrow::datatypes::Int64Type>()
            .values()
            .iter()
            .map(|v| *v as i128)
            .sum::<i128>();
    }
    assert_eq!(rows, 10_000_000);
    assert_eq!(sum, 10_000_000i128 * 9_999_999 / 2);
    // Streaming: one batch per DuckDB vector, never the whole result at once.
    assert!(batches >= 10_000_000 / 2048, "{batches} batches");
    assert!(max_batch <= 2048, "{max_batch}");
}

#[test]
fn dropping_a_stream_early_stops_the_query() {
    let s = session();
    let mut result = s
        .execute_sql("SELECT range AS id FROM range(1000000000000)", vec![], None)
        .unwrap();
    let first = result.reader.next().unwrap().unwrap();
    assert!(first.num_rows() > 0);
    drop(result);
    // The session stays usable.
    assert_eq!(
        collect(&s, "SELECT 42 AS x")[0]
            .column(0)
            .as_primitive::<arrow::datatypes::Int32Type>()
            .value(0),
        42
    );
}

#[test]
fn errors_carry_sparks_classes() {
    let s = session();
    let e = run_error(&s, "SELECT error('[DIVIDE_BY_ZERO] Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. SQLSTATE: 22012') AS x");
    assert_eq!(e.error_class, "DIVIDE_BY_ZERO");
    assert_eq!(e.sql_state.as_deref(), Some("22012"));
    assert!(e.message.starts_with("Division by zero."), "{}", e.message);
    let e = run_error(
        &s,
        "SELECT 2147483647::INTEGER + x AS y FROM (VALUES (1::INTEGER)) t(x)",
    );
    assert_eq!(e.error_class, "ARITHMETIC_OVERFLOW", "{e}");
    let e = run_error(
        &s,
        "SELECT CAST(x AS INTEGER) AS y FROM (VALUES ('abc')) t(x)",
    );
    assert_eq!(e.error_class, "CAST_INVALID_INPUT", "{e}");
    let e = run_error(&s, "SELECT * FROM read_parquet('/no/such/file.parquet')");
    assert_eq!(e.error_class, "PATH_NOT_FOUND", "{e}");
    assert_eq!(
        e.message,
        "Path does not exist: file:/no/such/file.parquet."
    );
    let e = run_error(&s, "SELECT * FROM read_csv('/no/such/file.csv')");
    assert_eq!(e.error_class, "PATH_NOT_FOUND", "{e}");
    assert_eq!(e.message, "Path does not exist: file:/no/such/file.csv.");
    let e = run_error(&s, "SELECT nope FROM range(1)");
    assert_eq!(e.error_class, "SPARKDUCK_EXECUTION_ERROR");
    assert!(!e.message.starts_with("Binder Error"), "{}", e.message);
}

#[test]
fn errors_raised_mid_stream_arrive_in_the_stream() {
    let s = session();
    let result = s
        .execute_sql(
            "SELECT CASE WHEN range = 5000000 THEN error('[ARITHMETIC_OVERFLOW] late') ELSE range END AS v FROM range(10000000)",
            vec![],
            None,
        )
        .unwrap();
    let mut ok_batches = 0;
    let mut error = None;
    for batch in result.reader {
        match batch {
            Ok(_) => ok_batches += 1,
            Err(e) => {
                error = Some(spark_error_of(&e));
                break;
            }
        }
    }
    let error = error.expect("the stream must report the error");
    assert_eq!(error.error_class, "ARITHMETIC_OVERFLOW");
    assert_eq!(error.message, "late");
    // The first batches were delivered before the failure: the error came through the stream.
    assert!(ok_batches > 0);
}

#[test]
fn concurrent_queries_on_one_session() {
    let s = Arc::new(session());
    let threads: Vec<_> = (0..6)
        .map(|i| {
            let s = Arc::clone(&s);
            std::thread::spawn(move || {
                for round in 0..5 {
                    let n = 1000 * (i + 1) + round;
                    let sql = format!(
                        "SELECT count(*)::BIGINT AS c, sum(range)::BIGINT AS s FROM range({n})"
                    );
                    let batches = collect(&s, &sql);
                    let b = &batches[0];
                    assert_eq!(
                        b.column(0)
                            .as_primitive::<arrow::datatypes::Int64Type>()
                            .value(0),
                        n as i64
                    );
                    assert_eq!(
                        b.column(1)
                            .as_primitive::<arrow::datatypes::Int64Type>()
                            .value(0),
                        (n as i64) * (n as i64 - 1) / 2
                    );
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
}

#[test]
fn extensions_load_from_local_files_only() {
    let dir = std::env::var("DUCKDB_EXTENSION_DIR").expect("source scripts/env.sh");
    let s = Session::open(SessionConfig {
        extension_dir: Some(dir.into()),
        ..SessionConfig::default()
    })
    .unwrap();
    // tpch's table function is found after loading the local file on demand.
    let batches = collect(&s, "SELECT count(*)::BIGINT AS n FROM tpch_queries()");
    assert_eq!(
        batches[0]
            .column(0)
            .as_primitive::<arrow::datatypes::Int64Type>()
            .value(0),
        22
    );
    // Without an extension directory, nothing is downloaded: the query fails.
    let s = Session::open(SessionConfig {
        extension_dir: Some("/nonexistent".into()),
        ..SessionConfig::default()
    })
    .unwrap();
    assert!(s
        .execute_sql("SELECT count(*) AS n FROM tpch_queries()", vec![], None)
        .is_err());
    assert_eq!(
        s.load_extension("tpch").unwrap_err().error_class,
        "SPARKDUCK_EXTENSION_NOT_FOUND"
    );
    assert_eq!(
        s.load_extension("../x").unwrap_err().error_class,
        "SPARKDUCK_EXTENSION_NOT_FOUND"
    );
}

#[test]
fn declared_schema_must_match_the_result_types() {
    let s = session();
    let e = s
        .execute_sql(
            "SELECT 1::BIGINT AS x",
            vec![],
            Some(vec![Field::new("x", DataType::Integer, false)]),
        )
        .err()
        .unwrap();
    assert_eq!(e.error_class, "INTERNAL_ERROR");
    let ok = s
        .execute_sql(
            "SELECT 1::BIGINT AS x",
            vec![],
            Some(vec![Field::new("renamed", DataType::Long, false)]),
        )
        .unwrap();
    assert_eq!(ok.reader.schema().field(0).name(), "renamed");
}

#[test]
fn session_config_reaches_duckdb() {
    let dir = std::env::temp_dir().join(format!("sparkduck-spill-{}", std::process::id()));
    let config = format!(
        r#"{{"threads":3,"memory_limit":"1GB","temp_directory":"{}"}}"#,
        dir.display()
    );
    let s = Session::open_json(&config).unwrap();
    let b = &collect(
        &s,
        "SELECT current_setting('threads')::BIGINT AS t, current_setting('memory_limit') AS m, \
         current_setting('temp_directory') AS d, current_setting('autoinstall_known_extensions') AS ai, \
         current_setting('autoload_known_extensions') AS al",
    )[0];
    assert_eq!(
        b.column(0)
            .as_primitive::<arrow::datatypes::Int64Type>()
            .value(0),
        3
    );
    // DuckDB reports 1GB (10^9 bytes) in MiB.
    assert_eq!(b.column(1).as_string::<i32>().value(0), "953.6 MiB");
    assert_eq!(
        b.column(2).as_string::<i32>().value(0),
        dir.to_string_lossy()
    );
    assert!(!b.column(3).as_boolean().value(0));
    assert!(!b.column(4).as_boolean().value(0));
}

/// DuckDB's `sum` of integers is HUGEINT: native SQL results give it as decimal(38,0) (TPC-H Q12's text does this).
#[test]
fn hugeint_results_are_decimal_38_0() {
    let s = session();
    let result = s
        .execute_sql(
            "SELECT sum(CASE WHEN x % 2 = 0 THEN 1 ELSE 0 END) AS evens, \
             170141183460469231731687303715884105727::HUGEINT // 10 AS widest \
             FROM range(10) t(x)",
            vec![],
            None,
        )
        .unwrap();
    let decimal = DataType::Decimal {
        precision: 38,
        scale: 0,
    };
    assert_eq!(result.schema[0].data_type, decimal);
    assert_eq!(result.schema[1].data_type, decimal);
    let batches = result.reader.collect::<Result<Vec<_>, _>>().unwrap();
    let evens = batches[0].column(0).as_primitive::<arrow::datatypes::Decimal128Type>();
    assert_eq!(evens.data_type(), &ArrowType::Decimal128(38, 0));
    assert_eq!(evens.value(0), 5);
    let widest = batches[0].column(1).as_primitive::<arrow::datatypes::Decimal128Type>();
    assert_eq!(widest.value(0), i128::MAX / 10);
    // 39 digits do not fit decimal(38,0): an error, never an invalid decimal.
    let e = run_error(&s, "SELECT 170141183460469231731687303715884105727::HUGEINT AS h");
    assert_eq!(e.error_class, "SPARKDUCK_UNSUPPORTED", "{e:?}");
    // UHUGEINT has no Spark type.
    assert!(s.execute_sql("SELECT 1::UHUGEINT AS u", vec![], None).is_err());
}
