//! Sub-query expressions (scalar, EXISTS, IN; correlated by plain names as the SQL parser sends them) and nested
//! value access: plans built by hand, translated, run on DuckDB.

mod common;

use common::*;
use sparkduck_analysis::AnalysisConfig;
use sparkduck_plan::proto;
use sparkduck_plan::proto::expression::ExprType;
use sparkduck_plan::proto::relation::RelType;
use sparkduck_plan::proto::subquery_expression::SubqueryType;

fn with_relations(root: proto::Relation, references: Vec<proto::Relation>) -> proto::Relation {
    with_plan_id(rel(RelType::WithRelations(Box::new(proto::WithRelations { root: Some(Box::new(root)), references }))), 9000)
}

fn subquery(plan_id: i64, t: SubqueryType, values: Vec<proto::Expression>) -> proto::Expression {
    expr(ExprType::SubqueryExpression(proto::SubqueryExpression {
        plan_id,
        subquery_type: t as i32,
        table_arg_options: None,
        in_subquery_values: values,
    }))
}

fn scalar(plan_id: i64) -> proto::Expression {
    subquery(plan_id, SubqueryType::Scalar, vec![])
}

fn exists(plan_id: i64) -> proto::Expression {
    subquery(plan_id, SubqueryType::Exists, vec![])
}

fn in_sub(plan_id: i64, values: Vec<proto::Expression>) -> proto::Expression {
    subquery(plan_id, SubqueryType::In, values)
}

fn not(e: proto::Expression) -> proto::Expression {
    func("not", vec![e])
}

fn extract(child: proto::Expression, key: proto::Expression) -> proto::Expression {
    expr(ExprType::UnresolvedExtractValue(Box::new(proto::expression::UnresolvedExtractValue {
        child: Some(Box::new(child)),
        extraction: Some(Box::new(key)),
    })))
}

/// `id` 0..n named `name` (aliased relation so that names differ between inner and outer queries).
fn numbers(n: i64, name: &str) -> proto::Relation {
    project(range(0, n, 1), vec![alias(col("id"), name)])
}

/// x: 1, NULL, 3
fn with_null(name: &str) -> proto::Relation {
    let one = project(range(0, 1, 1), vec![alias(cast(col("id"), "int"), name)]);
    let vals = project(range(0, 3, 1), vec![alias(func("when", vec![bin("==", col("id"), long(1)), null_of(proto::data_type::Kind::Integer(Default::default())), bin("+", cast(col("id"), "int"), int(1))]), name)]);
    let _ = one;
    vals
}

fn sorted(mut r: Vec<Vec<String>>) -> Vec<Vec<String>> {
    r.sort();
    r
}

#[test]
fn uncorrelated_scalar_is_named_scalarsubquery_and_nullable() {
    let sub = with_plan_id(group_by(numbers(3, "x"), vec![], vec![func("max", vec![col("x")])]), 1);
    let plan = with_relations(project(numbers(2, "v"), vec![col("v"), scalar(1)]), vec![sub]);
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), vec!["v", "scalarsubquery()"]);
    assert!(t.schema[1].nullable);
    assert_eq!(sorted(rows_of(&plan)), rows(&[&["BigInt(0)", "BigInt(2)"], &["BigInt(1)", "BigInt(2)"]]));
}

#[test]
fn scalar_of_no_rows_is_null_and_of_two_rows_fails() {
    let empty = with_plan_id(filter(numbers(3, "x"), bin(">", col("x"), long(5))), 1);
    let plan = with_relations(project(numbers(1, "v"), vec![scalar(1)]), vec![empty]);
    assert_eq!(rows_of(&plan), rows(&[&["Null"]]));
    let two = with_plan_id(numbers(2, "x"), 1);
    let plan = with_relations(project(numbers(1, "v"), vec![scalar(1)]), vec![two]);
    let t = translate(&plan).unwrap();
    let err = run_on(&connection(), &t.sql).unwrap_err();
    assert!(err.contains("More than one row returned by a subquery"), "{err}");
}

#[test]
fn scalar_with_two_columns_is_an_analysis_error() {
    let sub = with_plan_id(project(range(0, 1, 1), vec![col("id"), alias(col("id"), "y")]), 1);
    let plan = with_relations(project(numbers(1, "v"), vec![scalar(1)]), vec![sub]);
    let e = translate(&plan).unwrap_err();
    assert_eq!(e.error_class, "INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN");
}

#[test]
fn in_is_two_valued_and_not_in_is_null_aware() {
    let sub = with_plan_id(with_null("x"), 1);
    // v: 0, 1, NULL
    let outer = project(range(0, 3, 1), vec![alias(func("when", vec![bin("==", col("id"), long(2)), null_of(proto::data_type::Kind::Integer(Default::default())), cast(col("id"), "int")]), "v")]);
    let plan = with_relations(
        project(outer, vec![col("v"), alias(in_sub(1, vec![col("v")]), "a"), alias(not(in_sub(1, vec![col("v")])), "b")]),
        vec![sub],
    );
    let t = translate(&plan).unwrap();
    assert!(t.schema[1].nullable && t.schema[2].nullable);
    assert_eq!(
        sorted(rows_of(&plan)),
        rows(&[&["Int(0)", "Boolean(false)", "Boolean(false)"], &["Int(1)", "Boolean(true)", "Boolean(false)"], &["Null", "Boolean(false)", "Boolean(false)"]])
    );
}

#[test]
fn not_is_pushed_through_and_or_to_the_in_subquery() {
    let sub = with_plan_id(with_null("x"), 1);
    // NOT (v > 5 OR v IN S) = v <= 5 AND NOT-IN(null-aware): false for every v as S holds a NULL.
    let plan = with_relations(
        project(numbers(3, "v"), vec![alias(not(bin("or", bin(">", col("v"), long(5)), in_sub(1, vec![col("v")]))), "n")]),
        vec![sub],
    );
    assert_eq!(rows_of(&plan), rows(&[&["Boolean(false)"], &["Boolean(false)"], &["Boolean(false)"]]));
}

#[test]
fn multi_column_in_and_not_in() {
    let sub = with_plan_id(project(with_null("x"), vec![alias(col("x"), "p"), alias(lit(proto::expression::literal::LiteralType::Integer(1)), "q")]), 1);
    let values = || vec![cast(col("v"), "int"), int(1)];
    let plan = with_relations(
        project(numbers(4, "v"), vec![col("v"), alias(in_sub(1, values()), "a"), alias(not(in_sub(1, values())), "b")]),
        vec![sub],
    );
    // rows (1,1), (NULL,1), (3,1): v=1 and v=3 match; others compare unknown with (NULL, 1).
    assert_eq!(
        sorted(rows_of(&plan)),
        rows(&[
            &["BigInt(0)", "Boolean(false)", "Boolean(false)"],
            &["BigInt(1)", "Boolean(true)", "Boolean(false)"],
            &["BigInt(2)", "Boolean(false)", "Boolean(false)"],
            &["BigInt(3)", "Boolean(true)", "Boolean(false)"]
        ])
    );
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t)[1], "a");
}

#[test]
fn in_length_mismatch_is_sparks_error() {
    let sub = with_plan_id(project(range(0, 1, 1), vec![col("id"), alias(col("id"), "y")]), 1);
    let plan = with_relations(project(numbers(1, "v"), vec![in_sub(1, vec![col("v")])]), vec![sub]);
    assert_eq!(translate(&plan).unwrap_err().error_class, "DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH");
}

#[test]
fn in_values_are_coerced_with_the_subquery_column() {
    // int value IN (bigint column): both compared as bigint.
    let sub = with_plan_id(numbers(2, "x"), 1);
    let plan = with_relations(project(range(0, 3, 1), vec![in_sub(1, vec![cast(col("id"), "int")])]), vec![sub]);
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), vec!["(CAST(id AS INT) IN (listquery()))"]);
    assert!(!t.schema[0].nullable);
    assert_eq!(rows_of(&plan), rows(&[&["Boolean(true)"], &["Boolean(true)"], &["Boolean(false)"]]));
}

#[test]
fn exists_in_a_filter() {
    let empty = with_plan_id(filter(numbers(3, "x"), bin(">", col("x"), long(5))), 1);
    let plan = with_relations(filter(numbers(3, "v"), not(exists(1))), vec![empty.clone()]);
    assert_eq!(rows_of(&plan).len(), 3);
    let plan = with_relations(filter(numbers(3, "v"), exists(1)), vec![empty]);
    assert_eq!(rows_of(&plan).len(), 0);
}

#[test]
fn with_relations_keeps_plan_ids_for_references_above() {
    let sub = with_plan_id(numbers(1, "x"), 1);
    let inner = with_relations(with_plan_id(project(numbers(3, "v"), vec![col("v"), alias(scalar(1), "s")]), 5), vec![sub]);
    let plan = filter(inner, bin("==", df_col("v", 9000), df_col("s", 9000)));
    assert_eq!(rows_of(&plan), rows(&[&["BigInt(0)", "BigInt(0)"]]));
}

// ---- correlated sub-queries: outer references as plain names ----

#[test]
fn correlated_scalar_aggregate_in_a_projection() {
    // SELECT v, (SELECT count(*) FROM x WHERE x > v) FROM v
    let sub = with_plan_id(group_by(filter(numbers(3, "x"), bin(">", col("x"), col("v"))), vec![], vec![func("count", vec![int(1)])]), 1);
    let plan = with_relations(project(numbers(4, "v"), vec![col("v"), scalar(1)]), vec![sub]);
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), vec!["v", "scalarsubquery(v)"]);
    assert_eq!(
        sorted(rows_of(&plan)),
        rows(&[&["BigInt(0)", "BigInt(2)"], &["BigInt(1)", "BigInt(1)"], &["BigInt(2)", "BigInt(0)"], &["BigInt(3)", "BigInt(0)"]])
    );
}

#[test]
fn outer_references_are_listed_in_the_name_as_often_as_used() {
    let cond = bin("and", bin(">", col("x"), col("v")), bin("<", col("x"), bin("+", col("v"), long(5))));
    let sub = with_plan_id(group_by(filter(numbers(3, "x"), cond), vec![], vec![func("max", vec![col("x")])]), 1);
    let plan = with_relations(project(numbers(4, "v"), vec![scalar(1)]), vec![sub]);
    assert_eq!(names(&translate(&plan).unwrap()), vec!["scalarsubquery(v, v)"]);
}

#[test]
fn inner_names_win_over_outer_ones() {
    // Both queries have `id`: inside the sub-query it is the sub-query's own (uncorrelated).
    let sub = with_plan_id(group_by(filter(range(0, 3, 1), bin(">", col("id"), long(0))), vec![], vec![func("count", vec![int(1)])]), 1);
    let plan = with_relations(project(range(0, 2, 1), vec![scalar(1)]), vec![sub]);
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), vec!["scalarsubquery()"]);
    assert_eq!(rows_of(&plan), rows(&[&["BigInt(2)"], &["BigInt(2)"]]));
}

#[test]
fn correlated_exists_and_in_in_filters() {
    let sub = with_plan_id(filter(numbers(3, "x"), bin("==", col("x"), col("v"))), 1);
    let plan = with_relations(filter(numbers(5, "v"), exists(1)), vec![sub.clone()]);
    assert_eq!(sorted(rows_of(&plan)), rows(&[&["BigInt(0)"], &["BigInt(1)"], &["BigInt(2)"]]));
    let plan = with_relations(filter(numbers(5, "v"), not(exists(1))), vec![sub.clone()]);
    assert_eq!(sorted(rows_of(&plan)), rows(&[&["BigInt(3)"], &["BigInt(4)"]]));
    let plan = with_relations(project(numbers(5, "v"), vec![in_sub(1, vec![col("v")])]), vec![sub]);
    assert_eq!(names(&translate(&plan).unwrap()), vec!["(v IN (listquery(v)))"]);
    assert_eq!(rows_of(&plan).iter().filter(|r| r[0] == "Boolean(true)").count(), 3);
}

#[test]
fn correlated_reference_through_an_alias_qualifier() {
    // SELECT * FROM t AS o WHERE EXISTS (SELECT 1 FROM r WHERE r.id = o.id + 1)
    let sub = with_plan_id(filter(alias_rel(range(0, 3, 1), "r"), bin("==", col("r.id"), bin("+", col("o.id"), long(1)))), 1);
    let plan = with_relations(filter(alias_rel(range(0, 5, 1), "o"), exists(1)), vec![sub]);
    assert_eq!(sorted(rows_of(&plan)), rows(&[&["BigInt(0)"], &["BigInt(1)"]]));
}

#[test]
fn correlated_non_aggregated_scalar_with_several_rows_fails_at_run_time() {
    let sub = with_plan_id(project(filter(numbers(3, "x"), bin(">=", col("x"), col("v"))), vec![col("x")]), 1);
    let plan = with_relations(project(numbers(3, "v"), vec![scalar(1)]), vec![sub]);
    let t = translate(&plan).unwrap();
    let err = run_on(&connection(), &t.sql).unwrap_err();
    assert!(err.contains("More than one row"), "{err}");
}

#[test]
fn outer_reference_in_a_subquery_projection_is_refused_as_spark() {
    // SELECT (SELECT max(x) + v FROM x) FROM v
    let sub = with_plan_id(project(group_by(numbers(3, "x"), vec![], vec![alias(func("max", vec![col("x")]), "m")]), vec![bin("+", col("m"), col("v"))]), 1);
    let plan = with_relations(project(numbers(2, "v"), vec![scalar(1)]), vec![sub]);
    assert_eq!(translate(&plan).unwrap_err().error_class, "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_REFERENCE");
}

#[test]
fn outer_references_reach_one_level_only() {
    // SELECT (SELECT (SELECT max(x) FROM x WHERE x = v) FROM range(1)) FROM v: `v` is two levels up.
    let innermost = with_plan_id(group_by(filter(numbers(3, "x"), bin("==", col("x"), col("v"))), vec![], vec![func("max", vec![col("x")])]), 2);
    let middle = with_plan_id(project(range(0, 1, 1), vec![scalar(2)]), 1);
    let plan = with_relations(project(numbers(2, "v"), vec![scalar(1)]), vec![middle, innermost]);
    assert!(translate(&plan).unwrap_err().error_class.starts_with("UNRESOLVED_COLUMN"));
}

#[test]
fn unresolved_name_in_a_subquery_suggests_its_own_columns() {
    let sub = with_plan_id(filter(numbers(3, "x"), bin("==", col("x"), col("nope"))), 1);
    let plan = with_relations(filter(numbers(2, "v"), exists(1)), vec![sub]);
    let e = translate(&plan).unwrap_err();
    assert_eq!(e.error_class, "UNRESOLVED_COLUMN.WITH_SUGGESTION");
    assert!(e.message.contains("`x`") && !e.message.contains("`v`"), "{}", e.message);
}

#[test]
fn correlated_scalar_in_an_aggregation_must_be_grouped() {
    let sub = with_plan_id(group_by(filter(numbers(3, "x"), bin("==", col("x"), col("v"))), vec![], vec![func("max", vec![col("x")])]), 1);
    let plan = with_relations(group_by(numbers(3, "v"), vec![col("v")], vec![scalar(1)]), vec![sub]);
    assert_eq!(translate(&plan).unwrap_err().error_class, "SCALAR_SUBQUERY_IS_IN_GROUP_BY_OR_AGGREGATE_FUNCTION");
}

#[test]
fn correlated_subquery_in_a_having_filter_sees_the_grouping_key() {
    // SELECT v, count(*) FROM v GROUP BY v HAVING EXISTS (SELECT 1 FROM x WHERE x = v)
    let sub = with_plan_id(filter(numbers(2, "x"), bin("==", col("x"), col("v"))), 1);
    let agg = group_by(numbers(4, "v"), vec![col("v")], vec![alias(func("count", vec![int(1)]), "n")]);
    let plan = with_relations(filter(agg, exists(1)), vec![sub]);
    assert_eq!(sorted(rows_of(&plan)), rows(&[&["BigInt(0)", "BigInt(1)"], &["BigInt(1)", "BigInt(1)"]]));
}

#[test]
fn subquery_aliases_do_not_collide_with_the_outer_query() {
    let sub = with_plan_id(filter(alias_rel(numbers(3, "x"), "t"), bin("==", col("t.x"), col("v"))), 1);
    let plan = with_relations(filter(filter(numbers(3, "v"), bin(">", col("v"), long(0))), exists(1)), vec![sub]);
    let t = translate(&plan).unwrap();
    assert!(t.sql.contains("\"q"), "{}", t.sql);
    assert_eq!(sorted(rows_of(&plan)), rows(&[&["BigInt(1)"], &["BigInt(2)"]]));
}

// ---- nested value access ----

fn arrays() -> proto::Relation {
    project(
        range(0, 1, 1),
        vec![
            alias(func("array", vec![int(1), int(2), int(3)]), "a"),
            alias(func("named_struct", vec![string("Fa"), int(1), string("b"), string("x")]), "s"),
            alias(func("array", vec![func("named_struct", vec![string("f"), int(1)]), func("named_struct", vec![string("f"), int(2)])]), "arrs"),
        ],
    )
}

#[test]
fn array_items_are_zero_based_and_named_as_spark() {
    let plan = project(arrays(), vec![extract(col("a"), int(0)), extract(col("a"), int(2))]);
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), vec!["a[0]", "a[2]"]);
    assert_eq!(rows_of(&plan), rows(&[&["Int(1)", "Int(3)"]]));
}

#[test]
fn array_index_out_of_range_raises_under_ansi_and_is_null_otherwise() {
    for idx in [3, -1] {
        let plan = project(arrays(), vec![extract(col("a"), int(idx))]);
        let t = translate(&plan).unwrap();
        let err = run_on(&connection(), &t.sql).unwrap_err();
        assert!(err.contains("[INVALID_ARRAY_INDEX] The index"), "{err}");
        let legacy = AnalysisConfig { ansi: false, ..Default::default() };
        let t = translate_with(&plan, &MockCatalog::default(), &legacy).unwrap();
        assert_eq!(run_on(&connection(), &t.sql).unwrap().1, rows(&[&["Null"]]));
    }
}

#[test]
fn struct_fields_by_extraction_are_named_with_the_path() {
    let plan = project(arrays(), vec![extract(col("s"), string("fa")), col("s.FA"), extract(col("arrs"), string("f")), extract(extract(col("arrs"), int(1)), string("f"))]);
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), vec!["s.fa", "FA", "arrs.f", "arrs[1].f"]);
    assert_eq!(rows_of(&plan)[0][3], "Int(2)");
    assert_eq!(rows_of(&plan)[0][2], "List([Int(1), Int(2)])");
}

#[test]
fn extraction_errors_are_sparks() {
    let e = translate(&project(arrays(), vec![extract(col("a"), string("x"))])).unwrap_err();
    assert_eq!(e.error_class, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    let e = translate(&project(arrays(), vec![extract(int(1), int(0))])).unwrap_err();
    assert_eq!(e.error_class, "INVALID_EXTRACT_BASE_FIELD_TYPE");
    let e = translate(&project(arrays(), vec![extract(col("s"), string("zz"))])).unwrap_err();
    assert_eq!(e.error_class, "FIELD_NOT_FOUND");
}

fn update_fields(s: proto::Expression, name: &str, value: Option<proto::Expression>) -> proto::Expression {
    expr(ExprType::UpdateFields(Box::new(proto::expression::UpdateFields {
        struct_expression: Some(Box::new(s)),
        field_name: name.into(),
        value_expression: value.map(Box::new),
    })))
}

#[test]
fn with_field_and_drop_fields_rebuild_the_struct() {
    let plan = project(
        arrays(),
        vec![
            update_fields(col("s"), "c", Some(int(2))),
            update_fields(update_fields(col("s"), "B", Some(int(3))), "fa", None),
        ],
    );
    let t = translate(&plan).unwrap();
    assert_eq!(names(&t), vec!["update_fields(s, WithField(2))", "update_fields(s, WithField(3), dropfield())"]);
    let r = rows_of(&plan);
    assert!(r[0][0].contains("\"c\"") && r[0][1].contains("Int(3)") && !r[0][1].contains("\"Fa\""), "{r:?}");
    let e = translate(&project(arrays(), vec![update_fields(update_fields(col("s"), "b", None), "FA", None)])).unwrap_err();
    assert_eq!(e.error_class, "DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS");
}

#[test]
fn array_of_structs_field_by_path_is_named_after_the_field() {
    let plan = project(arrays(), vec![col("arrs.f")]);
    assert_eq!(names(&translate(&plan).unwrap()), vec!["f"]);
}
