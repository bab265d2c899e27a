//! Joins: plans in, DuckDB SQL out, run on DuckDB.

mod common;

use common::*;
use sparkduck_plan::proto;
use sparkduck_plan::proto::relation::RelType;

fn join(left: proto::Relation, right: proto::Relation, jt: proto::join::JoinType, cond: Option<proto::Expression>, using: &[&str]) -> proto::Relation {
    rel(RelType::Join(Box::new(proto::Join {
        left: Some(Box::new(left)),
        right: Some(Box::new(right)),
        join_condition: cond,
        join_type: jt as i32,
        using_columns: using.iter().map(|s| s.to_string()).collect(),
        join_data_type: None,
    })))
}

#[test]
fn self_join_on_the_same_reference_joins_left_to_right() {
    let r = with_plan_id(range(0, 3, 1), 7);
    let plan = join(r.clone(), r, proto::join::JoinType::Inner, Some(bin("==", df_col("id", 7), df_col("id", 7))), &[]);
    let t = translate(&plan).unwrap();
    assert!(!t.sql.contains("(\"c1\" = \"c1\")"), "{}", t.sql);
    assert_eq!(rows_of(&plan).len(), 3);
}

#[test]
fn semi_join_condition_sees_the_right_side() {
    let l = with_plan_id(range(0, 3, 1), 1);
    let r = with_plan_id(range(1, 5, 1), 2);
    let plan = join(l, r, proto::join::JoinType::LeftSemi, Some(bin("==", df_col("id", 1), df_col("id", 2))), &[]);
    assert_eq!(rows_of(&plan).len(), 2);
}

fn explain(plan: &proto::Relation) -> String {
    let t = translate(plan).unwrap();
    let conn = connection();
    let (_, rows) = run_on(&conn, &format!("EXPLAIN {}", t.sql)).unwrap();
    rows.iter().map(|r| r.join(" ")).collect::<Vec<_>>().join("\n")
}

fn and(l: proto::Expression, r: proto::Expression) -> proto::Expression {
    bin("and", l, r)
}

/// TPC-H style: `a.join(b, cond).join(c, cond).where(filter)` and `a.crossJoin(b).crossJoin(c).where(all)` both
/// plan as hash joins (DuckDB reorders and pushes the filters), never as a cross product.
#[test]
fn multi_way_joins_with_filters_plan_as_hash_joins() {
    let a = with_plan_id(range(0, 100000, 1), 1);
    let b = with_plan_id(range(0, 100000, 1), 2);
    let c = with_plan_id(range(0, 100000, 1), 3);
    let chained = filter(
        join(
            join(a.clone(), b.clone(), proto::join::JoinType::Inner, Some(bin("==", df_col("id", 1), df_col("id", 2))), &[]),
            c.clone(),
            proto::join::JoinType::Inner,
            Some(bin("==", df_col("id", 2), df_col("id", 3))),
            &[],
        ),
        bin("<", df_col("id", 1), long(10)),
    );
    let crossed = filter(
        join(join(a, b, proto::join::JoinType::Cross, None, &[]), c, proto::join::JoinType::Cross, None, &[]),
        and(
            and(bin("==", df_col("id", 1), df_col("id", 2)), bin("==", df_col("id", 2), df_col("id", 3))),
            bin("<", df_col("id", 1), long(10)),
        ),
    );
    for plan in [chained, crossed] {
        let text = explain(&plan);
        assert!(text.contains("HASH_JOIN"), "{text}");
        assert!(!text.contains("CROSS_PRODUCT") && !text.contains("NESTED_LOOP") && !text.contains("BLOCKWISE_NL"), "{text}");
        assert_eq!(rows_of(&plan).len(), 10);
        println!("{text}");
    }
}
