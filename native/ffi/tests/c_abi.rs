//! The C ABI end to end: sessions, result streams exported as `struct ArrowArrayStream` and read back with arrow-rs's
//! C stream importer, errors as `[CLASS] message`.

use arrow::array::*;
use arrow::datatypes::{
    DataType as ArrowType, Date32Type, Decimal128Type, Int32Type, TimeUnit,
    TimestampMicrosecondType,
};
use arrow::ffi_stream::{ArrowArrayStreamReader, FFI_ArrowArrayStream};
use sparkduck::c_api::*;
use sparkduck::SparkduckSession;
use std::ffi::{c_char, CStr, CString};
use std::ptr;

fn take_string(text: *mut c_char) -> Option<String> {
    if text.is_null() {
        return None;
    }
    let owned = unsafe { CStr::from_ptr(text) }
        .to_str()
        .unwrap()
        .to_string();
    unsafe { sparkduck_string_free(text) };
    Some(owned)
}

fn open(config: &str) -> *mut SparkduckSession {
    let config = CString::new(config).unwrap();
    let mut error = ptr::null_mut();
    let session = unsafe { sparkduck_session_open(config.as_ptr(), &mut error) };
    assert!(!session.is_null(), "{:?}", take_string(error));
    session
}

/// Runs SQL; returns the schema JSON and the raw exported stream.
fn execute_sql(
    session: *mut SparkduckSession,
    sql: &str,
) -> Result<(String, FFI_ArrowArrayStream), String> {
    let sql = CString::new(sql).unwrap();
    let mut stream = FFI_ArrowArrayStream::empty();
    let mut schema = ptr::null_mut();
    let mut error = ptr::null_mut();
    let code = unsafe {
        sparkduck_session_execute_sql(session, sql.as_ptr(), &mut stream, &mut schema, &mut error)
    };
    if code != 0 {
        assert!(schema.is_null());
        return Err(take_string(error).unwrap());
    }
    assert!(error.is_null());
    Ok((take_string(schema).unwrap(), stream))
}

#[test]
fn every_contract_type_reads_back_through_the_c_stream() {
    let session = open(r#"{"time_zone":"America/Los_Angeles","threads":1}"#);
    let (schema_json, stream) = execute_sql(
        session,
        "SELECT * FROM (VALUES \
           (true, 7::TINYINT, 300::SMALLINT, 70000, 5000000000::BIGINT, 1.25::FLOAT, 2.5::DOUBLE, \
            -12345.678::DECIMAL(18,3), 'ünïcode', '\\xAB'::BLOB, DATE '1969-12-31', \
            TIMESTAMPTZ '2024-03-10 10:00:00+00', TIMESTAMP '2024-03-10 02:30:00', [[1], [2, NULL]], \
            {'a': 1, 'b': [1.5]}, MAP {'k1': 10, 'k2': NULL}), \
           (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)) \
         t(b, i8, i16, i32, i64, f32, f64, d, s, bin, dt, ts, ntz, l, st, m)",
    )
    .unwrap();
    let json: serde_json::Value = serde_json::from_str(&schema_json).unwrap();
    let types: Vec<&serde_json::Value> = json["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["type"])
        .collect();
    assert_eq!(types[7], "decimal(18,3)");
    assert_eq!(types[11], "timestamp");
    assert_eq!(types[12], "timestamp_ntz");
    assert_eq!(types[13]["elementType"]["type"], "array");
    assert_eq!(types[15]["type"], "map");

    let reader = ArrowArrayStreamReader::try_new(stream).unwrap();
    let batches: Vec<RecordBatch> = reader.collect::<Result<_, _>>().unwrap();
    let batch = arrow::compute::concat_batches(&batches[0].schema(), &batches).unwrap();
    assert_eq!(batch.num_rows(), 2);
    let field_types: Vec<ArrowType> = batch
        .schema()
        .fields()
        .iter()
        .map(|f| f.data_type().clone())
        .collect();
    assert_eq!(
        field_types[..11],
        [
            ArrowType::Boolean,
            ArrowType::Int8,
            ArrowType::Int16,
            ArrowType::Int32,
            ArrowType::Int64,
            ArrowType::Float32,
            ArrowType::Float64,
            ArrowType::Decimal128(18, 3),
            ArrowType::Utf8,
            ArrowType::Binary,
            ArrowType::Date32
        ]
    );
    assert!(matches!(
        &field_types[11],
        ArrowType::Timestamp(TimeUnit::Microsecond, Some(_))
    ));
    assert_eq!(
        field_types[12],
        ArrowType::Timestamp(TimeUnit::Microsecond, None)
    );
    assert!(matches!(&field_types[15], ArrowType::Map(_, _)));

    // Row 0 values.
    assert!(batch.column(0).as_boolean().value(0));
    assert_eq!(batch.column(3).as_primitive::<Int32Type>().value(0), 70000);
    assert_eq!(
        batch.column(7).as_primitive::<Decimal128Type>().value(0),
        -12_345_678
    );
    assert_eq!(batch.column(8).as_string::<i32>().value(0), "ünïcode");
    assert_eq!(batch.column(9).as_binary::<i32>().value(0), &[0xAB]);
    assert_eq!(batch.column(10).as_primitive::<Date32Type>().value(0), -1);
    assert_eq!(
        batch
            .column(11)
            .as_primitive::<TimestampMicrosecondType>()
            .value(0),
        1_710_064_800_000_000
    );
    assert_eq!(
        batch
            .column(12)
            .as_primitive::<TimestampMicrosecondType>()
            .value(0),
        1_710_037_800_000_000
    );
    let outer = batch.column(13).as_list::<i32>().value(0);
    let inner = outer.as_list::<i32>().value(1);
    let inner = inner.as_primitive::<Int32Type>();
    assert_eq!(
        (inner.len(), inner.value(0), inner.is_null(1)),
        (2, 2, true)
    );
    let st = batch.column(14).as_struct();
    assert_eq!(st.column(0).as_primitive::<Int32Type>().value(0), 1);
    let map = batch.column(15).as_map();
    let entries = map.value(0);
    assert_eq!(entries.column(0).as_string::<i32>().value(1), "k2");
    assert!(entries.column(1).is_null(1));
    // Row 1: all NULL.
    for column in batch.columns() {
        assert!(column.is_null(1));
    }
    unsafe { sparkduck_session_close(session) };
}

#[test]
fn stream_errors_are_class_and_message_in_last_error() {
    let session = open("");
    let (_, mut stream) = execute_sql(
        session,
        "SELECT CASE WHEN range = 3000000 THEN error('[DIVIDE_BY_ZERO] Division by zero.') ELSE range END AS v \
         FROM range(6000000)",
    )
    .unwrap();
    let mut failed = None;
    for _ in 0..10_000 {
        let mut array = arrow::ffi::FFI_ArrowArray::empty();
        let code = unsafe { (stream.get_next.unwrap())(&mut stream, &mut array) };
        if code != 0 {
            let text = unsafe { CStr::from_ptr((stream.get_last_error.unwrap())(&mut stream)) };
            failed = Some((code, text.to_str().unwrap().to_string()));
            break;
        }
        if array.is_released() {
            break;
        }
    }
    let (code, text) = failed.expect("the stream must fail");
    assert_ne!(code, 0);
    assert_eq!(text, "[DIVIDE_BY_ZERO] Division by zero.");
    drop(stream);
    unsafe { sparkduck_session_close(session) };
}

#[test]
fn failures_before_the_stream_are_error_strings() {
    let mut error = ptr::null_mut();
    let bad = CString::new("{\"threads\": \"many\"}").unwrap();
    let session = unsafe { sparkduck_session_open(bad.as_ptr(), &mut error) };
    assert!(session.is_null());
    assert!(take_string(error)
        .unwrap()
        .starts_with("[SPARKDUCK_INVALID_CONFIG] "));

    let session = open("");
    let e = execute_sql(session, "SELECT CAST('x' AS INTEGER) AS i").unwrap_err();
    assert!(e.starts_with("[CAST_INVALID_INPUT] "), "{e}");

    let mut stream = FFI_ArrowArrayStream::empty();
    let garbage = [0xffu8, 0xff, 0xff];
    let code = unsafe {
        sparkduck_session_execute(
            session,
            garbage.as_ptr(),
            garbage.len(),
            &mut stream,
            ptr::null_mut(),
            &mut error,
        )
    };
    assert_eq!(code, -1);
    assert!(take_string(error)
        .unwrap()
        .starts_with("[SPARKDUCK_INVALID_PLAN] "));

    let key = CString::new("spark.sql.session.timeZone").unwrap();
    let value = CString::new("No/Where").unwrap();
    let code =
        unsafe { sparkduck_session_set_option(session, key.as_ptr(), value.as_ptr(), &mut error) };
    assert_eq!(code, -1);
    assert!(take_string(error)
        .unwrap()
        .starts_with("[INVALID_CONF_VALUE.TIME_ZONE] "));
    let code =
        unsafe { sparkduck_session_set_option(session, key.as_ptr(), ptr::null(), &mut error) };
    assert_eq!(code, -1);
    assert!(take_string(error)
        .unwrap()
        .starts_with("[SPARKDUCK_INVALID_ARGUMENT] "));

    unsafe { sparkduck_session_close(session) };
    // Closed handles are errors, never crashes; closing twice is harmless.
    let e = execute_sql(session, "SELECT 1 AS x").unwrap_err();
    assert!(e.starts_with("[SPARKDUCK_INVALID_SESSION] "), "{e}");
    unsafe { sparkduck_session_close(session) };
    unsafe { sparkduck_session_close(ptr::null_mut()) };
}

#[test]
fn a_stream_outlives_its_session() {
    let session = open("");
    let (_, stream) = execute_sql(session, "SELECT range AS v FROM range(50000)").unwrap();
    unsafe { sparkduck_session_close(session) };
    let reader = ArrowArrayStreamReader::try_new(stream).unwrap();
    let rows: usize = reader.map(|b| b.unwrap().num_rows()).sum();
    assert_eq!(rows, 50000);
}

#[test]
fn version_names_duckdb() {
    let version = take_string(sparkduck_version()).unwrap();
    assert!(
        version.starts_with("sparkduck ") && version.contains("DuckDB v1.5.5"),
        "{version}"
    );
}
