//! Plans in, DuckDB SQL out, run on DuckDB: values, DuckDB types, names, Spark schemas and errors.

mod common;

use common::*;
use sparkduck_analysis::{schema_to_json, AnalysisConfig, DataType, Field};
use sparkduck_plan::proto;
use std::collections::BTreeMap;

fn field(name: &str, t: DataType, nullable: bool) -> Field {
    Field::new(name, t, nullable)
}

#[test]
fn range_is_bigint_not_null_named_id() {
    let t = translate(&range(0, 3, 1)).unwrap();
    assert_eq!(t.schema, vec![field("id", DataType::Long, false)]);
    assert_eq!(rows_of(&range(0, 3, 1)), rows(&[&["BigInt(0)"], &["BigInt(1)"], &["BigInt(2)"]]));
    assert_eq!(rows_of(&range(10, 0, -4)), rows(&[&["BigInt(10)"], &["BigInt(6)"], &["BigInt(2)"]]));
    assert!(translate(&range(0, 3, 0)).is_err());
}

#[test]
fn project_arithmetic_names_types_and_nullability() {
    // spark.range(3).select($"id" + 1, $"id" / 2, $"id" * 2.5, lit(1) + $"ID", -$"id", $"id" % 2)
    let plan = project(
        range(0, 3, 1),
        vec![
            bin("+", col("id"), int(1)),
            bin("/", col("id"), int(2)),
            bin("*", col("id"), decimal("2.5", 2, 1)),
            bin("+", int(1), col("ID")),
            func("negative", vec![col("id")]),
            bin("%", col("id"), int(2)),
        ],
    );
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), ["(id + 1)", "(id / 2)", "(id * 2.5)", "(1 + ID)", "negative(id)", "(id % 2)"]);
    assert_eq!(
        t.schema.iter().map(|f| (f.data_type.clone(), f.nullable)).collect::<Vec<_>>(),
        vec![
            (DataType::Long, false),
            (DataType::Double, true),
            // bigint → decimal(20,0); (20,0) * (2,1) → decimal(23,1)
            (DataType::decimal(23, 1), false),
            (DataType::Long, false),
            (DataType::Long, false),
            (DataType::Long, true),
        ]
    );
    assert_eq!(
        rows_of(&plan)[2],
        ["BigInt(3)", "Double(1.0)", "Decimal(23,1 5.0)", "BigInt(3)", "BigInt(-2)", "BigInt(0)"]
    );
}

#[test]
fn divide_by_zero_raises_under_ansi_and_is_null_otherwise() {
    let plan = project(range(0, 2, 1), vec![bin("/", int(1), col("id"))]);
    let t = translate(&plan).unwrap();
    let err = run_on(&connection(), &t.sql).unwrap_err();
    assert!(err.contains("[DIVIDE_BY_ZERO] Division by zero"), "{err}");

    let legacy = AnalysisConfig { ansi: false, ..Default::default() };
    let t = translate_with(&plan, &MockCatalog::default(), &legacy).unwrap();
    let (_, r) = run_on(&connection(), &t.sql).unwrap();
    assert_eq!(r, rows(&[&["Null"], &["Double(1.0)"]]));

    // Spark 4 raises REMAINDER_BY_ZERO for `%`.
    let rem = project(range(0, 2, 1), vec![bin("%", int(1), col("id"))]);
    let err = run_on(&connection(), &translate(&rem).unwrap().sql).unwrap_err();
    assert!(err.contains("[REMAINDER_BY_ZERO]"), "{err}");
}

#[test]
fn decimal_arithmetic_follows_spark_precision_rules() {
    // dec(3,1) + dec(4,2) → decimal(5,2); * → decimal(8,3); / → decimal(10,6) = 0.990991 (HALF_UP)
    let a = decimal("1.1", 3, 1);
    let b = decimal("1.11", 4, 2);
    let plan = project(
        range(0, 1, 1),
        vec![bin("+", a.clone(), b.clone()), bin("*", a.clone(), b.clone()), bin("/", a, b)],
    );
    let t = translate(&plan).unwrap();
    assert_eq!(
        t.schema.iter().map(|f| f.data_type.clone()).collect::<Vec<_>>(),
        vec![DataType::decimal(5, 2), DataType::decimal(8, 3), DataType::decimal(10, 6)]
    );
    assert_eq!(names(&t), ["(1.1 + 1.11)", "(1.1 * 1.11)", "(1.1 / 1.11)"]);
    assert_eq!(rows_of(&plan), rows(&[&["Decimal(5,2 2.21)", "Decimal(8,3 1.221)", "Decimal(10,6 0.990991)"]]));

    // Verified Spark values: -2.5 / 0.03 = -83.333333, 0.5 / -0.07 = -7.142857
    let plan = project(
        range(0, 1, 1),
        vec![bin("/", decimal("-2.5", 2, 1), decimal("0.03", 3, 2)), bin("/", decimal("0.5", 2, 1), decimal("-0.07", 3, 2))],
    );
    assert_eq!(rows_of(&plan), rows(&[&["Decimal(9,6 -83.333333)", "Decimal(9,6 -7.142857)"]]));
}

#[test]
fn comparisons_logic_and_null_tests() {
    let plan = project(
        range(0, 3, 1),
        vec![
            bin("==", col("id"), int(1)),
            bin("!=", col("id"), int(1)),
            bin("<=>", col("id"), null_of(proto::data_type::Kind::Null(Default::default()))),
            bin("and", bin(">", col("id"), int(0)), bin("<", col("id"), long(5))),
            func("not", vec![bin(">=", col("id"), int(2))]),
            func("isnull", vec![col("id")]),
            func("isnotnull", vec![col("id")]),
            func("in", vec![col("id"), int(1), int(2)]),
        ],
    );
    let t = translate(&plan).unwrap();
    assert_eq!(
        names(&t),
        [
            "(id = 1)",
            "(NOT (id = 1))",
            "(id <=> NULL)",
            "((id > 0) AND (id < 5))",
            "(NOT (id >= 2))",
            "(id IS NULL)",
            "(id IS NOT NULL)",
            "(id IN (1, 2))"
        ]
    );
    assert!(t.schema.iter().all(|f| f.data_type == DataType::Boolean && !f.nullable));
    assert_eq!(
        rows_of(&plan)[1],
        ["Boolean(true)", "Boolean(false)", "Boolean(false)", "Boolean(true)", "Boolean(true)", "Boolean(false)", "Boolean(true)", "Boolean(true)"]
    );
}

#[test]
fn filter_sort_limit_offset() {
    let plan = limit(
        offset(
            sort(filter(range(0, 10, 1), bin(">", col("id"), int(2))), vec![order(bin("%", col("id"), int(3)), true, None), order(col("id"), false, None)]),
            1,
        ),
        3,
    );
    let t = translate(&plan).unwrap();
    assert!(t.sql.contains("ASC NULLS FIRST") && t.sql.contains("DESC NULLS LAST"), "{}", t.sql);
    // ids 3..9 ordered by (id % 3) asc, id desc: 9 6 3 | 7 4 | 8 5 → skip 1, take 3
    assert_eq!(rows_of(&plan), rows(&[&["BigInt(6)"], &["BigInt(3)"], &["BigInt(7)"]]));
    assert!(translate(&limit(range(0, 1, 1), -1)).unwrap_err().message.contains("must be equal to or greater than 0"));
}

#[test]
fn sort_null_ordering_defaults_follow_spark() {
    let t = translate(&sort(range(0, 1, 1), vec![order(col("id"), true, None), order(col("id"), false, None), order(col("id"), true, Some(false))]))
        .unwrap();
    assert!(t.sql.ends_with(r#"ORDER BY "c1" ASC NULLS FIRST, "c1" DESC NULLS LAST, "c1" ASC NULLS LAST) AS "q2""#), "{}", t.sql);
}

#[test]
fn order_survives_the_projections_above_a_sort() {
    // Enough rows for DuckDB to run the sort on several threads.
    let sorted = sort(range(0, 300_000, 1), vec![order(bin("%", col("id"), int(1000)), false, None), order(col("id"), true, None)]);
    let plan = project(filter(sorted, bin(">", col("id"), int(5))), vec![alias(bin("%", col("id"), int(1000)), "m"), col("id")]);
    let r = rows_of(&plan);
    assert_eq!(r.len(), 299_994);
    let key = |row: &Vec<String>| -> (i64, i64) {
        let n = |s: &str| s.trim_start_matches("BigInt(").trim_end_matches(')').parse::<i64>().unwrap();
        (-n(&row[0]), n(&row[1]))
    };
    assert!(r.windows(2).all(|w| key(&w[0]) < key(&w[1])));
}

#[test]
fn aggregate_types_names_and_values() {
    // spark.range(10).groupBy($"id" % 3 as "k").agg(count(*), sum, avg, min, max, countDistinct, sum(decimal), avg(decimal))
    let base = project(
        range(0, 10, 1),
        vec![col("id"), alias(cast(col("id"), "decimal(10,2)"), "d"), alias(bin("%", col("id"), int(3)), "k")],
    );
    let plan = sort(
        group_by(
            base,
            vec![col("k")],
            vec![
                func("count", vec![star()]),
                func("sum", vec![col("id")]),
                func("avg", vec![col("id")]),
                func("min", vec![col("id")]),
                func("max", vec![col("id")]),
                func_distinct("count", vec![col("id")]),
                func("sum", vec![col("d")]),
                func("avg", vec![col("d")]),
                alias(func("count", vec![col("id")]), "n"),
            ],
        ),
        vec![order(col("k"), true, None)],
    );
    let t = translate(&plan).unwrap();
    assert_eq!(
        names(&t),
        ["k", "count(1)", "sum(id)", "avg(id)", "min(id)", "max(id)", "count(DISTINCT id)", "sum(d)", "avg(d)", "n"]
    );
    assert_eq!(
        t.schema.iter().map(|f| (f.data_type.clone(), f.nullable)).collect::<Vec<_>>(),
        vec![
            (DataType::Long, true),
            (DataType::Long, false),
            (DataType::Long, true),
            (DataType::Double, true),
            (DataType::Long, true),
            (DataType::Long, true),
            (DataType::Long, false),
            (DataType::decimal(20, 2), true),
            (DataType::decimal(14, 6), true),
            (DataType::Long, false),
        ]
    );
    let r = rows_of(&plan);
    assert_eq!(
        r[1],
        ["BigInt(1)", "BigInt(3)", "BigInt(12)", "Double(4.0)", "BigInt(1)", "BigInt(7)", "BigInt(3)", "Decimal(20,2 12.00)", "Decimal(14,6 4.000000)", "BigInt(3)"]
    );
}

#[test]
fn avg_of_decimal_rounds_half_up_exactly() {
    // avg(1.00, 2.00, 2.00) = 1.6666666... → decimal(14,6) 1.666667; avg(-0.01, 0.00) = -0.005 → -0.005000
    let data = project(range(0, 3, 1), vec![alias(cast(func("negative", vec![func("%", vec![col("id"), int(2)])]), "decimal(10,2)"), "d")]);
    let plan = group_by(data, vec![], vec![func("avg", vec![col("d")]), func("sum", vec![col("d")])]);
    assert_eq!(rows_of(&plan), rows(&[&["Decimal(14,6 -0.333333)", "Decimal(20,2 -1.00)"]]));
    let empty = group_by(filter(project(range(0, 3, 1), vec![alias(cast(col("id"), "decimal(5,1)"), "d")]), bin("<", col("d"), int(0))), vec![], vec![func("avg", vec![col("d")])]);
    assert_eq!(rows_of(&empty), rows(&[&["Null"]]));
}

#[test]
fn select_with_aggregates_is_a_global_aggregation() {
    let plan = project(range(1, 5, 1), vec![func("sum", vec![col("id")]), func("count", vec![int(1)])]);
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), ["sum(id)", "count(1)"]);
    assert_eq!(rows_of(&plan), rows(&[&["BigInt(10)", "BigInt(4)"]]));
}

#[test]
fn missing_aggregation_is_an_error() {
    let plan = group_by(project(range(0, 3, 1), vec![col("id"), alias(col("id"), "v")]), vec![col("id")], vec![col("v")]);
    let e = translate(&plan).unwrap_err();
    assert_eq!(e.error_class, "MISSING_AGGREGATION");
    // ... but an expression of grouping keys is fine.
    let ok = group_by(range(0, 3, 1), vec![col("id")], vec![bin("+", col("id"), int(1))]);
    assert_eq!(translate(&ok).unwrap().schema.len(), 2);
}

#[test]
fn grouping_normalizes_negative_zero() {
    let plan = group_by(
        project(range(0, 2, 1), vec![alias(bin("*", cast(col("id"), "double"), double(-0.0)), "x")]),
        vec![col("x")],
        vec![func("count", vec![int(1)])],
    );
    assert_eq!(rows_of(&plan), rows(&[&["Double(0.0)", "BigInt(2)"]]));
}

#[test]
fn names_keep_the_users_spelling_and_casts_of_columns_take_the_column_name() {
    let plan = project(range(0, 1, 1), vec![col("ID"), cast(col("Id"), "string"), bin("+", cast(col("id"), "int"), int(1)), cast(int(4), "bigint")]);
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), ["ID", "Id", "(CAST(id AS INT) + 1)", "CAST(4 AS BIGINT)"]);
    assert_eq!(rows_of(&plan), rows(&[&["BigInt(0)", "Text(\"0\")", "Int(1)", "BigInt(4)"]]));
}

#[test]
fn literal_names_and_values() {
    use proto::expression::literal::LiteralType as L;
    let plan = project(
        range(0, 1, 1),
        vec![
            string("it's"),
            double(1e10),
            double(1.5),
            lit(L::Float(f32::NAN)),
            double(f64::INFINITY),
            lit(L::Boolean(true)),
            lit(L::Date(19723)),
            lit(L::Timestamp(1_704_070_923_500_000)),
            lit(L::TimestampNtz(1_704_070_923_000_000)),
            lit(L::Byte(-5)),
            lit(L::Short(300)),
            decimal("-12.50", 4, 2),
            lit(L::Binary(vec![0, 255])),
            null_of(proto::data_type::Kind::Integer(Default::default())),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, e)| if i == 12 { alias(e, "bin") } else { e })
        .collect(),
    );
    let t = translate(&plan).unwrap();
    assert_eq!(
        names(&t),
        [
            "it's",
            "1.0E10",
            "1.5",
            "NaN",
            "Infinity",
            "true",
            "DATE '2024-01-01'",
            "TIMESTAMP '2024-01-01 01:02:03.5'",
            "TIMESTAMP_NTZ '2024-01-01 01:02:03'",
            "-5",
            "300",
            "-12.50",
            "bin",
            "NULL"
        ]
    );
    let r = &rows_of(&plan)[0];
    assert_eq!(r[0], "Text(\"it's\")");
    assert_eq!(r[1], "Double(10000000000.0)");
    assert_eq!(r[3], "Float(NaN)");
    assert_eq!(r[4], "Double(inf)");
    assert_eq!(r[9], "TinyInt(-5)");
    assert_eq!(r[10], "SmallInt(300)");
    assert_eq!(r[11], "Decimal(4,2 -12.50)");
    assert_eq!(r[12], "Blob([0, 255])");
    assert_eq!(r[13], "Null");
    assert!(t.schema[13].nullable && t.schema[13].data_type == DataType::Integer);
    assert!(!t.schema[0].nullable);
}

#[test]
fn casts_follow_spark() {
    let plan = project(
        range(0, 1, 1),
        vec![
            alias(cast(double(4.7), "int"), "a"),
            alias(cast(double(-4.7), "int"), "b"),
            alias(cast(decimal("4.5", 2, 1), "int"), "c"),
            alias(cast(string(" 42 "), "int"), "d"),
            alias(cast(string("1.5d"), "double"), "e"),
            alias(try_cast(string("4.7"), "int"), "f"),
            alias(cast(string(" YES "), "boolean"), "g"),
            alias(cast(decimal("1.235", 4, 3), "decimal(3,2)"), "h"),
            alias(cast(int(7), "string"), "i"),
            alias(cast(double(1e39), "float"), "j"),
            alias(cast(double(-3.4028235e38), "float"), "k"),
        ],
    );
    assert_eq!(
        rows_of(&plan),
        rows(&[&["Int(4)", "Int(-4)", "Int(4)", "Int(42)", "Double(1.5)", "Null", "Boolean(true)", "Decimal(3,2 1.24)", "Text(\"7\")", "Float(inf)", "Float(-3.4028235e38)"]])
    );
    for bad in ["4.7", "0x10", "", "1_000", "99999999999"] {
        let plan = project(range(0, 1, 1), vec![cast(string(bad), "int")]);
        let err = run_on(&connection(), &translate(&plan).unwrap().sql).unwrap_err();
        assert!(err.contains(&format!("[CAST_INVALID_INPUT] The value '{bad}' of the type \"STRING\" cannot be cast to \"INT\"")), "{bad}: {err}");
    }
    let e = translate(&project(range(0, 1, 1), vec![cast(double(1.5), "timestamp")])).unwrap_err();
    assert_eq!(e.error_class, "SPARKDUCK_UNSUPPORTED");
    assert!(e.message.contains("cast from DOUBLE to TIMESTAMP"), "{}", e.message);
}

#[test]
fn with_columns_replaces_case_insensitively_in_place_and_appends() {
    let base = project(range(0, 2, 1), vec![col("id"), alias(int(7), "v")]);
    let plan = with_columns(base, vec![("ID", bin("*", col("id"), int(10))), ("w", string("x"))]);
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), ["ID", "v", "w"]);
    assert_eq!(rows_of(&plan)[1], ["BigInt(10)", "Int(7)", "Text(\"x\")"]);
    let dup = with_columns(range(0, 1, 1), vec![("a", int(1)), ("A", int(2))]);
    assert_eq!(translate(&dup).unwrap_err().error_class, "COLUMN_ALREADY_EXISTS");
}

#[test]
fn drop_by_name_and_by_column() {
    let base = with_plan_id(project(range(0, 1, 1), vec![col("id"), alias(int(1), "a"), alias(int(2), "b")]), 7);
    let plan = drop_cols(base, vec![df_col("a", 7), col("nope")], vec!["B", "missing"]);
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), ["id"]);
    assert_eq!(rows_of(&plan), rows(&[&["BigInt(0)"]]));
}

#[test]
fn qualifiers_stars_and_plan_ids() {
    let t_alias = with_plan_id(alias_rel(project(range(0, 2, 1), vec![col("id"), alias(int(5), "v")]), "t"), 1);
    let plan = project(t_alias.clone(), vec![col("t.v"), star_of("t.*"), df_col("id", 1), star()]);
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), ["v", "id", "v", "id", "id", "v"]);
    assert_eq!(rows_of(&plan)[1], ["Int(5)", "BigInt(1)", "Int(5)", "BigInt(1)", "BigInt(1)", "Int(5)"]);

    let e = translate(&project(t_alias.clone(), vec![star_of("s.*")])).unwrap_err();
    assert_eq!(e.error_class, "CANNOT_RESOLVE_STAR_EXPAND");
    let e = translate(&project(t_alias, vec![df_col("id", 99)])).unwrap_err();
    assert_eq!(e.error_class, "CANNOT_RESOLVE_DATAFRAME_COLUMN");
}

#[test]
fn unresolved_and_ambiguous_columns_are_worded_as_spark() {
    let base = project(range(0, 1, 1), vec![col("id"), alias(int(1), "value"), alias(int(2), "Value")]);
    let e = translate(&project(base.clone(), vec![col("idd")])).unwrap_err();
    assert_eq!(e.error_class, "UNRESOLVED_COLUMN.WITH_SUGGESTION");
    assert_eq!(e.sql_state.as_deref(), Some("42703"));
    assert_eq!(
        e.message,
        "A column, variable, or function parameter with name `idd` cannot be resolved. Did you mean one of the following? [`id`, `value`, `Value`]."
    );
    let e = translate(&project(base.clone(), vec![col("VALUE")])).unwrap_err();
    assert_eq!(e.error_class, "AMBIGUOUS_REFERENCE");
    assert_eq!(e.message, "Reference `VALUE` is ambiguous, could be: [`value`, `Value`].");
    // Case-sensitive analysis tells them apart.
    let cs = AnalysisConfig { case_sensitive: true, ..Default::default() };
    let t = translate_with(&project(base, vec![col("Value")]), &MockCatalog::default(), &cs).unwrap();
    assert_eq!(names(&t), ["Value"]);
}

#[test]
fn duplicate_output_names_stay_distinct() {
    let plan = project(range(0, 1, 1), vec![alias(int(1), "a"), alias(int(2), "A"), alias(int(3), "a")]);
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), ["a", "A", "a"]);
    let conn = connection();
    let (n, r) = run_on(&conn, &t.sql).unwrap();
    assert_eq!(n, ["a", "A", "a"]);
    assert_eq!(r, rows(&[&["Int(1)", "Int(2)", "Int(3)"]]));
}

#[test]
fn hostile_identifiers_and_literals_are_data() {
    let nasty = "x'; DROP TABLE t; --";
    let plan = project(
        range(0, 1, 1),
        vec![alias(string(nasty), "a\"b"), alias(string("back\\slash"), nasty), alias(col("id"), "`q`.z")],
    );
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), ["a\"b", nasty, "`q`.z"]);
    let conn = connection();
    let (n, r) = run_on(&conn, &t.sql).unwrap();
    assert_eq!(n, ["a\"b", nasty, "`q`.z"]);
    assert_eq!(r, rows(&[&[&format!("Text({nasty:?})"), "Text(\"back\\\\slash\")", "BigInt(0)"]]));
    // A column whose name needs back-quotes in a reference.
    let quoted = project(project(range(0, 1, 1), vec![alias(int(3), "a.b")]), vec![col("`a.b`")]);
    assert_eq!(rows_of(&quoted), rows(&[&["Int(3)"]]));
    assert_eq!(translate(&project(range(0, 1, 1), vec![col("`id")])).unwrap_err().error_class, "INVALID_ATTRIBUTE_NAME_SYNTAX");
}

#[test]
fn unknown_function_and_unsupported_relation() {
    let e = translate(&project(range(0, 1, 1), vec![func("no_such_function", vec![col("id")])])).unwrap_err();
    assert_eq!(e.error_class, "UNRESOLVED_ROUTINE");
    assert!(e.message.contains("`no_such_function`"));
    let map_partitions = rel(proto::relation::RelType::MapPartitions(Box::new(proto::MapPartitions {
        input: Some(Box::new(range(0, 1, 1))),
        ..Default::default()
    })));
    let e = translate(&map_partitions).unwrap_err();
    assert_eq!(e.error_class, "SPARKDUCK_UNSUPPORTED");
    assert_eq!(e.message, "not supported yet by sparkduck: relation MapPartitions");
    let e = translate(&project(range(0, 1, 1), vec![bin("/", col("id"), string("1"))])).unwrap_err();
    assert_eq!(e.error_class, "SPARKDUCK_UNSUPPORTED");
    let e = translate(&project(range(0, 1, 1), vec![bin("+", col("id"), lit(proto::expression::literal::LiteralType::Boolean(true)))])).unwrap_err();
    assert_eq!(e.error_class, "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES");
}

#[test]
fn parquet_reads_through_the_catalog_with_escaped_paths() {
    let dir = std::env::temp_dir().join(format!("sparkduck-analysis-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("it's.parquet").to_string_lossy().to_string();
    let conn = connection();
    conn.execute_batch(&format!(
        "COPY (SELECT i::INTEGER AS \"a\"\"b\", (i * 1.5)::DECIMAL(10,2) AS price FROM range(4) t(i)) TO '{}' (FORMAT parquet)",
        path.replace('\'', "''")
    ))
    .unwrap();
    let mut catalog = MockCatalog::default();
    catalog.schemas.insert(
        path.clone(),
        vec![field("a\"b", DataType::Integer, true), field("price", DataType::decimal(10, 2), true)],
    );
    let plan = group_by(read_parquet(&[&path]), vec![], vec![func("sum", vec![col("price")]), func("max", vec![col("`a\"b`")])]);
    let t = translate_with(&plan, &catalog, &AnalysisConfig::default()).unwrap();
    assert_eq!(names(&t), ["sum(price)", "max(a\"b)"]);
    let (_, r) = run_on(&conn, &t.sql).unwrap();
    assert_eq!(r, rows(&[&["Decimal(20,2 9.00)", "Int(3)"]]));
    let e = translate_with(&read_parquet(&["/nope"]), &catalog, &AnalysisConfig::default()).unwrap_err();
    assert_eq!(e.error_class, "PATH_NOT_FOUND");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn local_relation_uses_the_declared_schema() {
    use arrow::array::{Int32Array, StringArray};
    use arrow::datatypes::{DataType as A, Field as AF, Schema};
    use arrow::record_batch::RecordBatch;
    use std::sync::Arc;
    let schema = Arc::new(Schema::new(vec![AF::new("_1", A::Int32, false), AF::new("_2", A::Utf8, true)]));
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![Arc::new(Int32Array::from(vec![1, 2])), Arc::new(StringArray::from(vec![Some("a"), None]))],
    )
    .unwrap();
    let mut ipc = Vec::new();
    {
        let mut w = arrow::ipc::writer::StreamWriter::try_new(&mut ipc, &schema).unwrap();
        w.write(&batch).unwrap();
        w.finish().unwrap();
    }
    let declared = schema_to_json(&[field("k", DataType::Integer, false), field("name", DataType::String, true)]);
    let plan = filter(local(ipc, Some(&declared)), func("isnotnull", vec![col("name")]));
    let t = translate(&plan).unwrap();
    assert_eq!(t.local_tables.len(), 1);
    assert_eq!(t.local_tables[0].name, "__sparkduck_local_0");
    assert_eq!(names(&t), ["k", "name"]);
    // The engine registers the IPC data; here an equivalent table stands in for it.
    let conn = connection();
    conn.execute_batch("CREATE TABLE \"__sparkduck_local_0\" AS SELECT * FROM (VALUES (1, 'a'), (2, NULL)) v(\"_1\", \"_2\")").unwrap();
    let (_, r) = run_on(&conn, &t.sql).unwrap();
    assert_eq!(r, rows(&[&["Int(1)", "Text(\"a\")"]]));
}

#[test]
fn schema_json_is_sparks() {
    let t = translate(&project(range(0, 1, 1), vec![alias(decimal("1.5", 2, 1), "d"), col("id")])).unwrap();
    assert_eq!(
        schema_to_json(&t.schema),
        r#"{"type":"struct","fields":[{"name":"d","type":"decimal(2,1)","nullable":false,"metadata":{}},{"name":"id","type":"long","nullable":false,"metadata":{}}]}"#
    );
}

#[test]
fn parquet_options_and_other_formats_are_unsupported() {
    let mut r = read_parquet(&["/x"]);
    if let Some(proto::relation::RelType::Read(read)) = &mut r.rel_type {
        if let Some(proto::read::ReadType::DataSource(ds)) = &mut read.read_type {
            ds.format = Some("csv".into());
        }
    }
    let e = translate(&r).unwrap_err();
    assert_eq!(e.message, "not supported yet by sparkduck: reading csv files");
    let _ = BTreeMap::<String, String>::new();
}

#[test]
fn tpch_q1_runs_on_parquet_with_exact_decimals() {
    let dir = std::env::temp_dir().join(format!("sparkduck-q1-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("lineitem.parquet").to_string_lossy().to_string();
    let conn = connection();
    conn.execute_batch(&format!(
        "COPY (SELECT i AS l_orderkey, i AS l_partkey, i AS l_suppkey, (i % 7)::INTEGER AS l_linenumber,
                ((i % 50) + 1)::DECIMAL(15,2) AS l_quantity,
                ((i * 37 % 100000) / 100 + 900.01)::DECIMAL(15,2) AS l_extendedprice,
                ((i % 11) / 100)::DECIMAL(15,2) AS l_discount, ((i % 9) / 100)::DECIMAL(15,2) AS l_tax,
                ['A','N','R'][i % 3 + 1] AS l_returnflag, ['F','O'][i % 2 + 1] AS l_linestatus,
                DATE '1992-01-01' + (i % 2700)::INTEGER AS l_shipdate, DATE '1992-01-01' AS l_commitdate,
                DATE '1992-01-01' AS l_receiptdate, 'x' AS l_shipinstruct, 'AIR' AS l_shipmode, 'c' AS l_comment
         FROM range(30000) t(i)) TO {} (FORMAT parquet)",
        sparkduck_analysis::sql::quote_str(&path)
    ))
    .unwrap();
    let t = translate_with(&q1::q1(&path), &q1::LineitemCatalog, &AnalysisConfig::default()).unwrap();
    assert_eq!(
        names(&t),
        ["l_returnflag", "l_linestatus", "sum_qty", "sum_base_price", "sum_disc_price", "sum_charge", "avg_qty", "avg_price", "avg_disc", "count_order"]
    );
    assert_eq!(
        t.schema.iter().map(|f| f.data_type.simple_string()).collect::<Vec<_>>(),
        ["string", "string", "decimal(25,2)", "decimal(25,2)", "decimal(38,4)", "decimal(38,6)", "decimal(19,6)", "decimal(19,6)", "decimal(19,6)", "bigint"]
    );
    let (_, ours) = run_on(&conn, &t.sql).unwrap();
    // The textbook Q1 on DuckDB: exact decimal sums, DOUBLE averages.
    let (_, reference) = run_on(
        &conn,
        &format!(
            "SELECT l_returnflag, l_linestatus, sum(l_quantity), sum(l_extendedprice), sum(l_extendedprice * (1 - l_discount)),
                    sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)), avg(l_quantity::DOUBLE), avg(l_extendedprice::DOUBLE),
                    avg(l_discount::DOUBLE), count(*)
             FROM read_parquet({}) WHERE l_shipdate <= DATE '1998-09-02' GROUP BY ALL ORDER BY ALL",
            sparkduck_analysis::sql::quote_str(&path)
        ),
    )
    .unwrap();
    assert_eq!(ours.len(), 6);
    assert_eq!(ours.len(), reference.len());
    let value = |s: &str| s.rsplit(' ').next().unwrap().trim_end_matches(')').trim_start_matches("Double(").to_string();
    for (o, r) in ours.iter().zip(&reference) {
        assert_eq!(o[..2], r[..2]);
        for i in 2..6 {
            assert_eq!(value(&o[i]), value(&r[i]), "column {i}");
        }
        for i in 6..9 {
            let (a, b): (f64, f64) = (value(&o[i]).parse().unwrap(), value(&r[i]).parse().unwrap());
            assert!((a - b).abs() <= 5e-7, "column {i}: {a} vs {b}");
        }
        assert_eq!(o[9], r[9]);
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn sort_and_filter_may_use_columns_the_projection_dropped() {
    let base = project(range(0, 4, 1), vec![col("id"), alias(bin("%", col("id"), int(2)), "m")]);
    let plan = sort(filter(project(base, vec![col("id")]), bin("==", col("m"), int(1))), vec![order(col("m"), true, None), order(col("id"), false, None)]);
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), ["id"]);
    assert_eq!(rows_of(&plan), rows(&[&["BigInt(3)"], &["BigInt(1)"]]));
}

#[test]
fn struct_fields_by_path() {
    let dir = std::env::temp_dir().join(format!("sparkduck-struct-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("s.parquet").to_string_lossy().to_string();
    let conn = connection();
    conn.execute_batch(&format!(
        "COPY (SELECT {{'a': 1, 'B.c': 'x'}} AS s) TO {} (FORMAT parquet)",
        sparkduck_analysis::sql::quote_str(&path)
    ))
    .unwrap();
    let mut catalog = MockCatalog::default();
    let st = DataType::Struct(vec![field("a", DataType::Integer, true), field("B.c", DataType::String, true)]);
    catalog.schemas.insert(path.clone(), vec![field("s", st, true)]);
    let plan = project(read_parquet(&[&path]), vec![col("S.A"), col("s.`b.c`"), func("max", vec![col("s.a")])]);
    let e = translate_with(&plan, &catalog, &AnalysisConfig::default()).unwrap_err();
    assert_eq!(e.error_class, "MISSING_AGGREGATION");
    let plan = project(read_parquet(&[&path]), vec![col("S.A"), col("s.`b.c`"), bin("+", col("s.a"), int(1))]);
    let t = translate_with(&plan, &catalog, &AnalysisConfig::default()).unwrap();
    assert_eq!(names(&t), ["A", "b.c", "(s.a + 1)"]);
    let (_, r) = run_on(&conn, &t.sql).unwrap();
    assert_eq!(r, rows(&[&["Int(1)", "Text(\"x\")", "Int(2)"]]));
    let e = translate_with(&project(read_parquet(&[&path]), vec![col("s.zz")]), &catalog, &AnalysisConfig::default()).unwrap_err();
    assert_eq!(e.error_class, "FIELD_NOT_FOUND");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn in_and_comparisons_with_decimals_use_the_wider_decimal() {
    let d = alias(cast(col("id"), "decimal(10,2)"), "d");
    let plan = project(
        project(range(0, 3, 1), vec![d]),
        vec![func("in", vec![col("d"), decimal("1.5", 2, 1), int(2)]), bin("<", col("d"), decimal("1.001", 4, 3))],
    );
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), ["(d IN (1.5, 2))", "(d < 1.001)"]);
    let r = rows_of(&plan);
    assert_eq!(r, rows(&[&["Boolean(false)", "Boolean(true)"], &["Boolean(false)", "Boolean(true)"], &["Boolean(true)", "Boolean(false)"]]));
}

#[test]
fn strings_meeting_integers_are_cast_to_bigint() {
    let plan = project(range(0, 3, 1), vec![bin("==", cast(col("id"), "int"), string(" 1 ")), bin("+", string("10"), cast(col("id"), "int"))]);
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), ["(CAST(id AS INT) =  1 )", "(10 + CAST(id AS INT))"]);
    assert_eq!(t.schema[1].data_type, DataType::Long);
    assert_eq!(rows_of(&plan)[1], ["Boolean(true)", "BigInt(11)"]);
    let bad = project(range(0, 1, 1), vec![bin("==", col("id"), string("1.5"))]);
    let err = run_on(&connection(), &translate(&bad).unwrap().sql).unwrap_err();
    assert!(err.contains("[CAST_INVALID_INPUT] The value '1.5' of the type \"STRING\" cannot be cast to \"BIGINT\""), "{err}");
}

#[test]
fn to_df_and_with_columns_renamed() {
    let base = alias_rel(project(range(0, 1, 1), vec![col("id"), alias(int(1), "v")]), "t");
    let to_df = rel(proto::relation::RelType::ToDf(Box::new(proto::ToDf { input: Some(Box::new(base.clone())), column_names: vec!["a".into(), "b\"".into()] })));
    let t = translate(&to_df).unwrap();
    assert_eq!(names(&t), ["a", "b\""]);
    assert_eq!(rows_of(&to_df), rows(&[&["BigInt(0)", "Int(1)"]]));
    // A renamed column loses its qualifier, as an alias does.
    assert_eq!(translate(&project(to_df.clone(), vec![col("t.a")])).unwrap_err().error_class, "UNRESOLVED_COLUMN.WITH_SUGGESTION");
    let bad = rel(proto::relation::RelType::ToDf(Box::new(proto::ToDf { input: Some(Box::new(base.clone())), column_names: vec!["a".into()] })));
    assert!(translate(&bad).unwrap_err().message.contains("The number of columns doesn't match"));

    let renamed = rel(proto::relation::RelType::WithColumnsRenamed(Box::new(proto::WithColumnsRenamed {
        input: Some(Box::new(base)),
        rename_columns_map: Default::default(),
        renames: vec![
            proto::with_columns_renamed::Rename { col_name: "ID".into(), new_col_name: "x".into() },
            proto::with_columns_renamed::Rename { col_name: "x".into(), new_col_name: "y".into() },
            proto::with_columns_renamed::Rename { col_name: "nope".into(), new_col_name: "z".into() },
        ],
    })));
    let t = translate(&renamed).unwrap();
    assert_eq!(names(&t), ["y", "v"]);
    assert_eq!(rows_of(&project(renamed, vec![col("t.v"), col("y")])), rows(&[&["Int(1)", "BigInt(0)"]]));
}

#[test]
fn schema_only_local_relation_and_project_without_input() {
    let declared = schema_to_json(&[field("a", DataType::decimal(5, 2), true), field("b", DataType::Date, false)]);
    let empty = rel(proto::relation::RelType::LocalRelation(proto::LocalRelation { data: None, schema: Some(declared) }));
    let t = translate(&empty).unwrap();
    assert!(t.local_tables.is_empty());
    assert_eq!(t.schema, vec![field("a", DataType::decimal(5, 2), true), field("b", DataType::Date, false)]);
    assert!(run_on(&connection(), &t.sql).unwrap().1.is_empty());

    let one_row = rel(proto::relation::RelType::Project(Box::new(proto::Project { input: None, expressions: vec![bin("+", int(1), int(2))] })));
    let t = translate(&one_row).unwrap();
    assert_eq!(names(&t), ["(1 + 2)"]);
    assert_eq!(rows_of(&one_row), rows(&[&["Int(3)"]]));
}
