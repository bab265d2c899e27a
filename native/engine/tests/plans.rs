//! The engine driven by serialized Spark Connect plans (`Session::execute/analyze/explain`) and the DuckDB-backed
//! catalog. The plan tests need `sparkduck_analysis::translate` to support Range, LocalRelation and Read.

use arrow::array::*;
use arrow::datatypes::{DataType as ArrowType, Field as ArrowField, Int64Type, Schema};
use arrow::ipc::writer::StreamWriter;
use prost::Message;
use sparkduck_engine::{DataType, Field, Session};
use sparkduck_plan::proto;
use std::collections::BTreeMap;
use std::sync::Arc;

fn relation(plan_id: i64, rel_type: proto::relation::RelType) -> proto::Relation {
    proto::Relation {
        common: Some(proto::RelationCommon {
            plan_id: Some(plan_id),
            ..Default::default()
        }),
        rel_type: Some(rel_type),
    }
}

fn range_plan(start: i64, end: i64) -> Vec<u8> {
    relation(
        1,
        proto::relation::RelType::Range(proto::Range {
            start: Some(start),
            end,
            step: 1,
            num_partitions: None,
        }),
    )
    .encode_to_vec()
}

fn read_parquet_plan(paths: Vec<String>) -> Vec<u8> {
    relation(
        1,
        proto::relation::RelType::Read(proto::Read {
            is_streaming: false,
            read_type: Some(proto::read::ReadType::DataSource(proto::read::DataSource {
                format: Some("parquet".into()),
                paths,
                ..Default::default()
            })),
        }),
    )
    .encode_to_vec()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("sparkduck-engine-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes a Parquet file with DuckDB (COPY through the SQL entry point).
fn write_parquet(session: &Session, path: &str, select: &str) {
    let literal = format!("'{}'", path.replace('\'', "''"));
    let result = session
        .execute_sql(
            &format!("COPY ({select}) TO {literal} (FORMAT parquet)"),
            vec![],
            None,
        )
        .unwrap();
    for batch in result.reader {
        batch.unwrap();
    }
}

#[test]
fn an_undecodable_plan_is_an_error() {
    let s = Session::open_json("").unwrap();
    let e = s.execute(&[0xff, 0xff, 0xff]).err().unwrap();
    assert_eq!(e.error_class, "SPARKDUCK_INVALID_PLAN");
}

#[test]
fn catalog_reads_parquet_schemas_with_sparks_types() {
    let s = Session::open_json("").unwrap();
    let dir = temp_dir("catalog");
    // Hostile file name: both quote kinds and a bracket-free glob-free name.
    let path = dir
        .join("it's \"q\" x.parquet")
        .to_string_lossy()
        .into_owned();
    write_parquet(
        &s,
        &path,
        "SELECT 1::INTEGER AS i, 'a' AS s, 1.5::DECIMAL(9,2) AS d, DATE '2024-01-01' AS dt, \
         TIMESTAMPTZ '2024-01-01 00:00:00+00' AS ts, [1,2] AS l, {'x': 1} AS \"st \"\"q\"\"\", 3::UTINYINT AS u",
    );
    let schema = s
        .file_schema("parquet", &[path.clone()], &BTreeMap::new())
        .unwrap();
    let expected = vec![
        Field::new("i", DataType::Integer, true),
        Field::new("s", DataType::String, true),
        Field::new(
            "d",
            DataType::Decimal {
                precision: 9,
                scale: 2,
            },
            true,
        ),
        Field::new("dt", DataType::Date, true),
        Field::new("ts", DataType::Timestamp, true),
        Field::new(
            "l",
            DataType::Array {
                element: Box::new(DataType::Integer),
                contains_null: true,
            },
            true,
        ),
        Field::new(
            "st \"q\"",
            DataType::Struct(vec![Field::new("x", DataType::Integer, true)]),
            true,
        ),
        Field::new("u", DataType::Short, true),
    ];
    assert_eq!(schema, expected);
    // The directory holding it reads the same way; a file: URI too.
    let dir_text = dir.to_string_lossy().into_owned();
    assert_eq!(
        s.file_schema("parquet", &[dir_text.clone()], &BTreeMap::new())
            .unwrap(),
        expected
    );
    assert_eq!(
        s.file_schema("parquet", &[format!("file:{path}")], &BTreeMap::new())
            .unwrap(),
        expected
    );

    let missing = format!("{dir_text}/no such 'file'.parquet");
    let e = s
        .file_schema("parquet", &[missing.clone()], &BTreeMap::new())
        .unwrap_err();
    assert_eq!(e.error_class, "PATH_NOT_FOUND");
    assert_eq!(e.message, format!("Path does not exist: file:{missing}."));
    let e = s
        .file_schema(
            "parquet",
            &[format!("{dir_text}/*.nothing")],
            &BTreeMap::new(),
        )
        .unwrap_err();
    assert_eq!(e.error_class, "PATH_NOT_FOUND", "{e}");
    assert_eq!(
        s.file_schema("orc", &[path], &BTreeMap::new())
            .unwrap_err()
            .error_class,
        "SPARKDUCK_UNSUPPORTED"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

// ---- Plans: these pass once sparkduck-analysis translates Range, LocalRelation and Read. ----

#[test]
fn plan_range_streams_ids() {
    let s = Session::open_json("").unwrap();
    let plan = range_plan(0, 100_000);
    assert_eq!(
        s.analyze(&plan).unwrap(),
        vec![Field::new("id", DataType::Long, false)]
    );
    assert!(!s.explain(&plan).unwrap().is_empty());
    let result = s.execute(&plan).unwrap();
    let mut next = 0i64;
    for batch in result.reader {
        for v in batch
            .unwrap()
            .column(0)
            .as_primitive::<Int64Type>()
            .values()
        {
            assert_eq!(*v, next);
            next += 1;
        }
    }
    assert_eq!(next, 100_000);
}

#[test]
fn plan_local_relation_rows_come_back() {
    let schema = Arc::new(Schema::new(vec![
        ArrowField::new("k", ArrowType::Int64, false),
        ArrowField::new("v", ArrowType::Utf8, true),
    ]));
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![
            Arc::new(Int64Array::from(vec![1, 2])),
            Arc::new(StringArray::from(vec![Some("x"), None])),
        ],
    )
    .unwrap();
    let mut ipc = Vec::new();
    let mut writer = StreamWriter::try_new(&mut ipc, &schema).unwrap();
    writer.write(&batch).unwrap();
    writer.finish().unwrap();
    drop(writer);
    let plan = relation(
        1,
        proto::relation::RelType::LocalRelation(proto::LocalRelation {
            data: Some(ipc),
            schema: Some(
                r#"{"type":"struct","fields":[{"name":"k","type":"long","nullable":false,"metadata":{}},{"name":"v","type":"string","nullable":true,"metadata":{}}]}"#.into(),
            ),
        }),
    )
    .encode_to_vec();
    let result = s_exec(&plan);
    assert_eq!(
        result.0,
        vec![
            Field::new("k", DataType::Long, false),
            Field::new("v", DataType::String, true)
        ]
    );
    let out = result.1;
    assert_eq!(out.column(0).as_primitive::<Int64Type>().values(), &[1, 2]);
    let v = out.column(1).as_string::<i32>();
    assert_eq!((v.value(0), v.is_null(1)), ("x", true));
}

fn s_exec(plan: &[u8]) -> (Vec<Field>, RecordBatch) {
    let s = Session::open_json("").unwrap();
    let result = s.execute(plan).unwrap();
    let schema = result.reader.schema();
    let batches: Vec<RecordBatch> = result.reader.collect::<Result<_, _>>().unwrap();
    (
        result.schema,
        arrow::compute::concat_batches(&schema, &batches).unwrap(),
    )
}

#[test]
fn plan_read_of_a_missing_parquet_path_is_path_not_found() {
    let s = Session::open_json("").unwrap();
    let e = s
        .analyze(&read_parquet_plan(vec!["/no/such/dir/x.parquet".into()]))
        .unwrap_err();
    assert_eq!(e.error_class, "PATH_NOT_FOUND", "{e}");
    assert_eq!(
        e.message,
        "Path does not exist: file:/no/such/dir/x.parquet."
    );
}

#[test]
fn plan_read_parquet_file_and_directory() {
    let s = Session::open_json("").unwrap();
    let dir = temp_dir("read");
    let file = dir
        .join("part-0 'q'.parquet")
        .to_string_lossy()
        .into_owned();
    write_parquet(
        &s,
        &file,
        "SELECT range::BIGINT AS n, 'v' || range AS s FROM range(5)",
    );
    // Spark writes marker files next to the data; they are not data.
    std::fs::write(dir.join("_SUCCESS"), b"").unwrap();
    for path in [file.clone(), dir.to_string_lossy().into_owned()] {
        let result = s.execute(&read_parquet_plan(vec![path.clone()])).unwrap();
        assert_eq!(
            result.schema,
            vec![
                Field::new("n", DataType::Long, true),
                Field::new("s", DataType::String, true)
            ],
            "{path}"
        );
        let rows: usize = result.reader.map(|b| b.unwrap().num_rows()).sum();
        assert_eq!(rows, 5, "{path}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// Writes Parquet files with INT96 timestamps, as Spark classic writes them by default (DuckDB cannot write INT96):
/// with pyarrow, through `python3`. `flat`: `id INT32, ts INT96` (rows 2020-01-01 00:00:00 UTC, NULL,
/// 1969-12-31 23:59:59.123456 UTC); `nested`: `id INT32, st STRUCT<t: INT96>`.
fn write_int96_parquet(flat: &str, nested: &str) {
    let script = r#"
import sys, datetime
try:
    import pyarrow as pa, pyarrow.parquet as pq
except ImportError:
    sys.exit("pyarrow is missing")
utc = datetime.timezone.utc
ts = [datetime.datetime(2020, 1, 1, 0, 0, 0, tzinfo=utc), None,
      datetime.datetime(1969, 12, 31, 23, 59, 59, 123456, tzinfo=utc)]
flat = pa.table({"id": pa.array([1, 2, 3], pa.int32()), "ts": pa.array(ts, pa.timestamp("us"))})
pq.write_table(flat, sys.argv[1], use_deprecated_int96_timestamps=True)
nested = pa.table({"id": pa.array([1], pa.int32()),
                   "st": pa.array([{"t": ts[0]}], pa.struct([("t", pa.timestamp("us"))]))})
pq.write_table(nested, sys.argv[2], use_deprecated_int96_timestamps=True)
"#;
    let status = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(flat)
        .arg(nested)
        .status()
        .expect("INT96 test files are written by python3 with pyarrow: python3 is not on the PATH");
    assert!(
        status.success(),
        "INT96 test files are written by python3 with pyarrow (`pip install --user pyarrow`): {status}"
    );
}

fn collect_rows(result: sparkduck_engine::QueryResult) -> Vec<arrow::record_batch::RecordBatch> {
    result.reader.map(|b| b.unwrap()).collect()
}

#[test]
fn int96_parquet_timestamps_are_instants() {
    // A session zone other than UTC: INT96 values are UTC instants whatever the zone.
    let s = Session::open_json(r#"{"time_zone":"America/Los_Angeles"}"#).unwrap();
    let dir = temp_dir("int96");
    let flat = dir
        .join("it's int96.parquet")
        .to_string_lossy()
        .into_owned();
    let nested_dir = temp_dir("int96-nested");
    let nested = nested_dir
        .join("nested.parquet")
        .to_string_lossy()
        .into_owned();
    write_int96_parquet(&flat, &nested);
    let expected = vec![
        Field::new("id", DataType::Integer, true),
        Field::new("ts", DataType::Timestamp, true),
    ];
    let options = BTreeMap::new();
    for path in [
        flat.clone(),
        format!("file:{flat}"),
        dir.to_string_lossy().into_owned(),
    ] {
        assert_eq!(
            s.file_schema("parquet", &[path.clone()], &options).unwrap(),
            expected,
            "{path}"
        );
        let sql = s
            .file_scan_sql("parquet", &[path.clone()], &options)
            .unwrap()
            .expect("the engine supplies Parquet scans");
        assert!(sql.contains("timezone('UTC', \"ts\") AS \"ts\""), "{sql}");
        assert!(
            sql.contains("it''s int96.parquet") || !path.ends_with(".parquet"),
            "{sql}"
        );
        let result = s.execute_sql(&sql, vec![], Some(expected.clone())).unwrap();
        let batches = collect_rows(result);
        let values: Vec<Option<i64>> = batches
            .iter()
            .flat_map(|b| {
                let ts = b
                    .column(1)
                    .as_any()
                    .downcast_ref::<TimestampMicrosecondArray>()
                    .unwrap_or_else(|| panic!("{:?}", b.column(1).data_type()));
                ts.iter().collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(
            values,
            vec![Some(1_577_836_800_000_000), None, Some(-876_544)],
            "{sql}"
        );
    }
    // Non-Parquet formats are left to analysis (whose file_schema refuses them).
    assert_eq!(
        s.file_scan_sql("orc", &[flat.clone()], &options).unwrap(),
        None
    );

    // INT96 nested in a struct: refused rather than read with the wrong type.
    let e = s
        .file_schema("parquet", &[nested.clone()], &options)
        .unwrap_err();
    assert_eq!(e.error_class, "SPARKDUCK_UNSUPPORTED", "{e}");

    // Plain Parquet timestamps keep DuckDB's reading: adjusted to UTC → timestamp, not adjusted → timestamp_ntz.
    let plain = dir.join("plain.parquet").to_string_lossy().into_owned();
    write_parquet(
        &s,
        &plain,
        "SELECT TIMESTAMPTZ '2020-01-01 00:00:00+00' AS tz, TIMESTAMP '2020-01-01 00:00:00' AS ntz",
    );
    assert_eq!(
        s.file_schema("parquet", &[plain.clone()], &options)
            .unwrap(),
        vec![
            Field::new("tz", DataType::Timestamp, true),
            Field::new("ntz", DataType::TimestampNtz, true)
        ]
    );
    let sql = s
        .file_scan_sql("parquet", &[plain.clone()], &options)
        .unwrap()
        .unwrap();
    assert!(!sql.contains("timezone("), "{sql}");
    std::fs::remove_dir_all(dir).unwrap();
    std::fs::remove_dir_all(nested_dir).unwrap();
}

/// End to end through a plan: analysis reads Parquet through `Catalog::file_scan_sql`.
#[test]
fn plan_read_of_int96_parquet_gives_instants() {
    let s = Session::open_json(r#"{"time_zone":"Asia/Tokyo"}"#).unwrap();
    let dir = temp_dir("int96-plan");
    let flat = dir.join("part-0.parquet").to_string_lossy().into_owned();
    let nested_dir = temp_dir("int96-plan-nested");
    let nested = nested_dir
        .join("nested.parquet")
        .to_string_lossy()
        .into_owned();
    write_int96_parquet(&flat, &nested);
    for path in [flat.clone(), dir.to_string_lossy().into_owned()] {
        let result = s.execute(&read_parquet_plan(vec![path.clone()])).unwrap();
        assert_eq!(
            result.schema,
            vec![
                Field::new("id", DataType::Integer, true),
                Field::new("ts", DataType::Timestamp, true)
            ],
            "{path}"
        );
        let values: Vec<Option<i64>> = collect_rows(result)
            .iter()
            .flat_map(|b| {
                b.column(1)
                    .as_any()
                    .downcast_ref::<TimestampMicrosecondArray>()
                    .unwrap()
                    .iter()
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(
            values,
            vec![Some(1_577_836_800_000_000), None, Some(-876_544)],
            "{path}"
        );
    }
    std::fs::remove_dir_all(dir).unwrap();
    std::fs::remove_dir_all(nested_dir).unwrap();
}

/// `lit(null)` is Spark type `void`; DuckDB types a NULL literal INTEGER, the stream must carry Arrow Null.
#[test]
fn plan_null_literal_streams_as_arrow_null() {
    let range = relation(1, proto::relation::RelType::Range(proto::Range {
        start: Some(0),
        end: 3,
        step: 1,
        num_partitions: None,
    }));
    let null_literal = proto::Expression {
        expr_type: Some(proto::expression::ExprType::Literal(proto::expression::Literal {
            literal_type: Some(proto::expression::literal::LiteralType::Null(proto::DataType {
                kind: Some(proto::data_type::Kind::Null(proto::data_type::Null::default())),
            })),
            ..Default::default()
        })),
        ..Default::default()
    };
    let plan = relation(2, proto::relation::RelType::Project(Box::new(proto::Project {
        input: Some(Box::new(range)),
        expressions: vec![null_literal],
    })))
    .encode_to_vec();
    let (schema, batch) = s_exec(&plan);
    assert_eq!(schema, vec![Field::new("NULL", DataType::Null, true)]);
    assert_eq!(batch.num_rows(), 3);
    assert_eq!(batch.column(0).data_type(), &ArrowType::Null);
}
