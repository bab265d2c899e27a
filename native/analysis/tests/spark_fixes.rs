//! Functions and relations the differential suite needs: names, types, nullability, values and errors as Spark's.

mod common;

use common::*;
use sparkduck_analysis::{AnalysisConfig, DataType};

fn types_of(t: &sparkduck_analysis::Translated) -> Vec<(DataType, bool)> {
    t.schema.iter().map(|f| (f.data_type.clone(), f.nullable)).collect()
}

#[test]
fn equality_negation_and_null_functions() {
    // spark.range(3).select($"id" === 1, !($"id" === 1), $"id" =!= 1 (Column builds NOT(=)), isnan(...),
    //   coalesce($"id", lit(0)), upper(lit("aB")), lower(lit("aB")), isnull($"id"))
    let plan = project(
        range(0, 3, 1),
        vec![
            bin("=", col("id"), int(1)),
            func("!", vec![bin("=", col("id"), int(1))]),
            bin("<>", col("id"), int(1)),
            func("isnan", vec![cast(string("NaN"), "double")]),
            func("isnan", vec![col("id")]),
            func("coalesce", vec![col("id"), int(0)]),
            func("upper", vec![string("aB")]),
            func("lower", vec![string("aB")]),
            func("isnull", vec![col("id")]),
        ],
    );
    let t = translate(&plan).unwrap();
    assert_eq!(
        names(&t),
        [
            "(id = 1)",
            "(NOT (id = 1))",
            "(NOT (id = 1))",
            "isnan(CAST(NaN AS DOUBLE))",
            "isnan(id)",
            "coalesce(id, 0)",
            "upper(aB)",
            "lower(aB)",
            "(id IS NULL)"
        ]
    );
    assert_eq!(
        types_of(&t),
        vec![
            (DataType::Boolean, false),
            (DataType::Boolean, false),
            (DataType::Boolean, false),
            (DataType::Boolean, false),
            (DataType::Boolean, false),
            (DataType::Long, false),
            (DataType::String, false),
            (DataType::String, false),
            (DataType::Boolean, false),
        ]
    );
    assert_eq!(
        rows_of(&plan)[1],
        [
            "Boolean(true)",
            "Boolean(false)",
            "Boolean(false)",
            "Boolean(true)",
            "Boolean(false)",
            "BigInt(1)",
            "Text(\"AB\")",
            "Text(\"ab\")",
            "Boolean(false)"
        ]
    );
}

#[test]
fn isnan_of_null_is_false_and_coalesce_widens() {
    use sparkduck_plan::proto::data_type::{Double, Integer, Kind};
    let plan = project(
        range(0, 1, 1),
        vec![
            func("isnan", vec![null_of(Kind::Double(Double::default()))]),
            func("coalesce", vec![null_of(Kind::Integer(Integer::default())), decimal("1.5", 2, 1)]),
            func("coalesce", vec![null_of(Kind::Integer(Integer::default())), null_of(Kind::Integer(Integer::default()))]),
        ],
    );
    let t = translate(&plan).unwrap();
    // int with decimal(2,1) → decimal(11,1); not nullable: one argument is not.
    assert_eq!(
        types_of(&t),
        vec![(DataType::Boolean, false), (DataType::decimal(11, 1), false), (DataType::Integer, true)]
    );
    assert_eq!(rows_of(&plan), rows(&[&["Boolean(false)", "Decimal(11,1 1.5)", "Null"]]));
    let bad = project(range(0, 1, 1), vec![func("coalesce", vec![col("id"), lit(sparkduck_plan::proto::expression::literal::LiteralType::Boolean(true))])]);
    assert_eq!(translate(&bad).unwrap_err().error_class, "DATATYPE_MISMATCH.DATA_DIFF_TYPES");
}

#[test]
fn empty_output_name_runs_on_duckdb() {
    // spark.range(1).select(lit(""), lit("x").as(""))
    let plan = project(range(0, 1, 1), vec![string(""), alias(string("x"), "")]);
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), ["", ""]);
    let (_, r) = run_on(&connection(), &t.sql).unwrap_or_else(|e| panic!("{e}\n{}", t.sql));
    assert_eq!(r, rows(&[&["Text(\"\")", "Text(\"x\")"]]));
}

#[test]
fn sorting_doubles_keeps_negative_zero() {
    // select(-0.0 for id 0, 0.0 for id 1, ...) orderBy(d, id): -0.0 and 0.0 tie, -0.0 stays -0.0.
    let d = cast(func("coalesce", vec![cast(string("-0.0"), "double")]), "double");
    let plan = sort(
        project(range(0, 3, 1), vec![col("id"), alias(bin("*", d, cast(bin("-", int(1), col("id")), "double")), "d")]),
        vec![order(col("d"), true, None), order(col("id"), false, None)],
    );
    // d: id 0 → -0.0 * 1 = -0.0; id 1 → -0.0 * 0 = -0.0; id 2 → -0.0 * -1 = 0.0. Ordered by d (all equal), id desc.
    assert_eq!(
        rows_of(&plan),
        rows(&[&["BigInt(2)", "Double(0.0)"], &["BigInt(1)", "Double(-0.0)"], &["BigInt(0)", "Double(-0.0)"]])
    );
}

#[test]
fn decimal_multiplication_at_spark_precision() {
    let a = decimal("12345678901.25", 13, 2);
    let plan = project(range(0, 1, 1), vec![alias(bin("*", a.clone(), a), "p")]);
    let t = translate(&plan).unwrap();
    assert_eq!(t.schema[0].data_type, DataType::decimal(27, 4));
    assert_eq!(rows_of(&plan), rows(&[&["Decimal(27,4 152415787532769407251.5625)"]]));
    let c = cast(decimal("9999999999.99", 12, 2), "decimal(12,2)");
    let plan = project(range(0, 1, 1), vec![alias(bin("*", c.clone(), c), "p")]);
    assert_eq!(translate(&plan).unwrap().schema[0].data_type, DataType::decimal(25, 4));
    assert_eq!(rows_of(&plan), rows(&[&["Decimal(25,4 99999999999800000000.0001)"]]));
}

#[test]
fn remainder_by_zero_and_long_sum_overflow_error_classes() {
    let rem = project(range(0, 2, 1), vec![bin("%", long(1), col("id"))]);
    let err = run_on(&connection(), &translate(&rem).unwrap().sql).unwrap_err();
    assert!(err.contains("[REMAINDER_BY_ZERO] Remainder by zero. Use `try_mod`"), "{err}");

    let sum = project(range(0, 2, 1), vec![func("sum", vec![long(i64::MAX)])]);
    let err = run_on(&connection(), &translate(&sum).unwrap().sql).unwrap_err();
    assert!(err.contains("[ARITHMETIC_OVERFLOW] long overflow. Use 'try_add'"), "{err}");

    let ok = project(range(0, 2, 1), vec![func("sum", vec![long(i64::MAX / 2)])]);
    assert_eq!(rows_of(&ok), rows(&[&["BigInt(9223372036854775806)"]]));

    let legacy = AnalysisConfig { ansi: false, ..Default::default() };
    let t = translate_with(&sum, &MockCatalog::default(), &legacy).unwrap();
    let (_, r) = run_on(&connection(), &t.sql).unwrap();
    assert_eq!(r, rows(&[&["BigInt(-2)"]]));
}

#[test]
fn dataframe_reference_to_a_dropped_column_in_where() {
    // val df = spark.range(5).select($"id", ($"id" * 2).as("i")); df.select(df("i")).where(df("id") > 2)
    let df = with_plan_id(project(range(0, 5, 1), vec![col("id"), alias(bin("*", col("id"), int(2)), "i")]), 1);
    let plan = filter(project(df, vec![df_col("i", 1)]), bin(">", df_col("id", 1), int(2)));
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), ["i"]);
    assert_eq!(rows_of(&plan), rows(&[&["BigInt(6)"], &["BigInt(8)"]]));
}

fn deduplicate(input: sparkduck_plan::proto::Relation, names: &[&str], all: bool) -> sparkduck_plan::proto::Relation {
    use sparkduck_plan::proto;
    rel(proto::relation::RelType::Deduplicate(Box::new(proto::Deduplicate {
        input: Some(Box::new(input)),
        column_names: names.iter().map(|n| n.to_string()).collect(),
        all_columns_as_keys: if all { Some(true) } else { None },
        within_watermark: None,
    })))
}

/// d: id 0 → -0.0, id 1 → -0.0, id 2 → 0.0, id 3 → NaN (as a string cast), k = id % 2.
fn signed_zeros() -> sparkduck_plan::proto::Relation {
    let neg_zero = cast(string("-0.0"), "double");
    let d = bin("*", neg_zero, cast(bin("-", int(1), col("id")), "double"));
    project(range(0, 3, 1), vec![alias(d, "d"), alias(bin("%", col("id"), long(2)), "k"), col("id")])
}

#[test]
fn distinct_normalizes_negative_zero() {
    let plan = deduplicate(project(signed_zeros(), vec![col("d")]), &[], true);
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), ["d"]);
    assert_eq!(rows_of(&plan), rows(&[&["Double(0.0)"]]));
    let plan = sort(deduplicate(project(signed_zeros(), vec![col("d"), col("k")]), &[], true), vec![order(col("k"), true, None)]);
    assert_eq!(rows_of(&plan), rows(&[&["Double(0.0)", "BigInt(0)"], &["Double(0.0)", "BigInt(1)"]]));
}

#[test]
fn drop_duplicates_by_names_keeps_one_whole_row_per_key() {
    let plan = sort(deduplicate(signed_zeros(), &["K"], false), vec![order(col("k"), true, None)]);
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), ["d", "k", "id"]);
    let r = rows_of(&plan);
    assert_eq!(r.len(), 2);
    // A whole input row: k = id % 2.
    assert!(r[0] == ["Double(-0.0)", "BigInt(0)", "BigInt(0)"] || r[0] == ["Double(0.0)", "BigInt(0)", "BigInt(2)"], "{r:?}");
    assert_eq!(r[1], ["Double(-0.0)", "BigInt(1)", "BigInt(1)"]);
    let plan = deduplicate(signed_zeros(), &["d"], false);
    assert_eq!(rows_of(&plan).len(), 1);
    let err = translate(&deduplicate(signed_zeros(), &["nope"], false)).unwrap_err();
    assert_eq!(err.error_class, "UNRESOLVED_COLUMN_AMONG_FIELD_NAMES");
    assert_eq!(err.message, "Cannot resolve column name \"nope\" among (d, k, id).");
}

struct ScanCatalog;

impl sparkduck_analysis::Catalog for ScanCatalog {
    fn file_schema(
        &self,
        _format: &str,
        _paths: &[String],
        _options: &std::collections::BTreeMap<String, String>,
    ) -> sparkduck_analysis::Result<Vec<sparkduck_analysis::Field>> {
        Ok(vec![sparkduck_analysis::Field::new("A b", DataType::Integer, true)])
    }

    fn file_scan_sql(
        &self,
        _format: &str,
        _paths: &[String],
        _options: &std::collections::BTreeMap<String, String>,
    ) -> sparkduck_analysis::Result<Option<String>> {
        Ok(Some("SELECT 41 + i AS \"A b\" FROM range(2) AS r(i)".to_string()))
    }
}

#[test]
fn parquet_read_uses_the_catalog_scan_when_given() {
    let plan = read_parquet(&["/nonexistent/x.parquet"]);
    let t = translate_with(&plan, &ScanCatalog, &AnalysisConfig::default()).unwrap();
    assert!(t.sql.contains("SELECT 41 + i"), "{}", t.sql);
    assert!(!t.sql.contains("read_parquet"), "{}", t.sql);
    let (names, r) = run_on(&connection(), &t.sql).unwrap_or_else(|e| panic!("{e}\n{}", t.sql));
    assert_eq!(names, ["A b"]);
    assert_eq!(r, rows(&[&["BigInt(41)"], &["BigInt(42)"]]));
}

#[test]
fn dataframe_references_are_named_as_written() {
    // Dataset.groupBy("ID") is groupBy(df.col("ID")): Spark names the key `ID`, as written.
    let df = with_plan_id(range(0, 3, 1), 5);
    let plan = group_by(df, vec![df_col("ID", 5)], vec![func("count", vec![int(1)])]);
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), ["ID", "count(1)"]);
    assert_eq!(rows_of(&plan).len(), 3);
}

#[test]
fn upper_and_lower_refuse_javas_special_case_mappings() {
    // Java (Spark) maps ß to "SS" and İ to "i̇"; DuckDB maps them one to one: not supported, never different.
    for (f, text) in [("upper", "straße"), ("lower", "İstanbul"), ("lower", "ΑΣ")] {
        let plan = project(range(0, 1, 1), vec![func(f, vec![string(text)])]);
        let t = translate(&plan).unwrap();
        let err = run_on(&connection(), &t.sql).expect_err(text);
        assert!(err.to_string().contains("[SPARKDUCK_UNSUPPORTED]"), "{f}({text}): {err}");
    }
    // Where Java and DuckDB agree (ASCII, é, Greek without final sigma) the value comes back.
    let plan = project(range(0, 1, 1), vec![func("upper", vec![string("héllo")]), func("lower", vec![string("ÉΑΒ")])]);
    assert_eq!(rows_of(&plan), [["Text(\"HÉLLO\")", "Text(\"éαβ\")"]]);
}
