//! Joins (`Join` relation): inner, cross, outer, semi and anti joins on a condition or on `usingColumns`, with
//! Spark's output columns, nullability and resolution of references in the condition.
//!
//! A join is emitted as `FROM l JOIN r ON cond` so that DuckDB's optimizer can reorder joins and push filters.

use crate::analyzer::{column_expr, missing_input, parse_attribute_name, to_sql_id, Analyzer};
use crate::functions::{self, CallContext};
use crate::logical::{Column, ColumnId, Expr, ExprKind, JoinType, Node, Plan};
use crate::types::DataType;
use crate::{Result, SparkError};
use sparkduck_plan::proto;
use std::collections::HashSet;

impl JoinType {
    /// Whether the join outputs the right side's columns.
    pub fn outputs_right(self) -> bool {
        !matches!(self, JoinType::LeftSemi | JoinType::LeftAnti)
    }

    fn left_nullable(self) -> bool {
        matches!(self, JoinType::RightOuter | JoinType::FullOuter)
    }

    fn right_nullable(self) -> bool {
        matches!(self, JoinType::LeftOuter | JoinType::FullOuter)
    }

    /// DuckDB's join keyword.
    pub fn sql(self) -> &'static str {
        match self {
            JoinType::Inner => "INNER JOIN",
            JoinType::Cross => "CROSS JOIN",
            JoinType::LeftOuter => "LEFT JOIN",
            JoinType::RightOuter => "RIGHT JOIN",
            JoinType::FullOuter => "FULL JOIN",
            JoinType::LeftSemi => "SEMI JOIN",
            JoinType::LeftAnti => "ANTI JOIN",
        }
    }
}

fn plan_ids(plan: &Plan, into: &mut HashSet<i64>) {
    if let Some(id) = plan.plan_id {
        into.insert(id);
    }
    for c in plan.children() {
        plan_ids(c, into);
    }
}

impl<'a> Analyzer<'a> {
    pub(crate) fn resolve_join(&mut self, j: &proto::Join) -> Result<Plan> {
        use proto::join::JoinType as P;
        if j.join_data_type.is_some() {
            return Err(SparkError::unsupported("joinWith"));
        }
        let join_type = match j.join_type() {
            P::Inner => JoinType::Inner,
            P::Cross => JoinType::Cross,
            P::LeftOuter => JoinType::LeftOuter,
            P::RightOuter => JoinType::RightOuter,
            P::FullOuter => JoinType::FullOuter,
            P::LeftSemi => JoinType::LeftSemi,
            P::LeftAnti => JoinType::LeftAnti,
            P::Unspecified => return Err(SparkError::internal("Join without join type")),
        };
        let left = self.resolve_relation(j.left.as_deref().ok_or_else(|| missing_input("Join"))?)?;
        let right = self.resolve_relation(j.right.as_deref().ok_or_else(|| missing_input("Join"))?)?;
        if !j.using_columns.is_empty() {
            if j.join_condition.is_some() {
                return Err(SparkError::internal("Join with both a condition and using columns"));
            }
            return self.resolve_using_join(left, right, join_type, &j.using_columns);
        }
        let Some(cond) = &j.join_condition else {
            return Ok(join_plan(left, right, join_type, None));
        };
        // The condition sees both sides' columns, also for semi and anti joins (which output the left only).
        let both = join_plan(left, right, if join_type.outputs_right() { join_type } else { JoinType::Inner }, None);
        let resolved = self.resolve_expr(cond, &both)?;
        let resolved = self.resolve_self_join_condition(resolved, &both)?;
        let condition = check_condition(resolved)?;
        let Node::Join { left, right, .. } = both.node else { unreachable!() };
        Ok(join_plan(*left, *right, join_type, Some(condition)))
    }

    /// Spark's `Dataset.resolveSelfJoinCondition`: in a self-join (both sides built from the same Dataset),
    /// `df("a") === df("a")` names the left column twice; Spark reads it as left `a` = right `a`.
    fn resolve_self_join_condition(&mut self, cond: Expr, join: &Plan) -> Result<Expr> {
        let Node::Join { left, right, .. } = &join.node else { return Ok(cond) };
        let (mut left_ids, mut right_ids) = (HashSet::new(), HashSet::new());
        plan_ids(left, &mut left_ids);
        plan_ids(right, &mut right_ids);
        if left_ids.is_disjoint(&right_ids) {
            return Ok(cond);
        }
        self.rewrite_same_reference(cond, left, right)
    }

    fn rewrite_same_reference(&mut self, e: Expr, left: &Plan, right: &Plan) -> Result<Expr> {
        match e.kind {
            ExprKind::Call { func, args, distinct, ansi } => {
                if matches!(func.name, "=" | "==" | "<=>") && args.len() == 2 {
                    if let (ExprKind::Column(a), ExprKind::Column(b)) = (&args[0].kind, &args[1].kind) {
                        if a == b {
                            if let Some(l) = left.output.iter().find(|c| c.id == *a) {
                                let name = [l.name.clone()];
                                let (r, _) = self
                                    .lookup_column(&name, &right.output)?
                                    .ok_or_else(|| crate::analyzer::unresolved_column(&name, &right.output))?;
                                let (l_expr, r_expr) = (column_expr(l, &l.name), column_expr(r, &r.name));
                                return self.call_function(func.name, vec![l_expr, r_expr]);
                            }
                        }
                    }
                }
                let args = args.into_iter().map(|a| self.rewrite_same_reference(a, left, right)).collect::<Result<_>>()?;
                Ok(Expr { kind: ExprKind::Call { func, args, distinct, ansi }, ..e })
            }
            _ => Ok(e),
        }
    }

    /// A registry call on resolved arguments (Spark's coercion included).
    pub(crate) fn call_function(&self, name: &str, args: Vec<Expr>) -> Result<Expr> {
        let def = functions::lookup(name)?;
        let ctx = CallContext { name, distinct: false, ansi: self.config.ansi };
        (def.resolve)(def, args, &ctx)
    }

    /// `join(right, usingColumns, type)` (Spark's `commonNaturalJoinProcessing`): keys first, then the other left
    /// columns, then the other right columns. Inner/left/semi/anti keep the left key, right outer the right key,
    /// full outer `coalesce(left, right)`.
    fn resolve_using_join(&mut self, left: Plan, right: Plan, join_type: JoinType, names: &[String]) -> Result<Plan> {
        let mut pairs: Vec<(Column, Column)> = Vec::with_capacity(names.len());
        for name in names {
            let l = self.using_key(name, &left, "left")?;
            let r = self.using_key(name, &right, "right")?;
            pairs.push((l, r));
        }
        let mut condition: Option<Expr> = None;
        for (l, r) in &pairs {
            let eq = self.call_function("==", vec![column_expr(l, &l.name), column_expr(r, &r.name)])?;
            condition = Some(match condition {
                None => eq,
                Some(c) => self.call_function("and", vec![c, eq])?,
            });
        }
        let left_keys: Vec<ColumnId> = pairs.iter().map(|(l, _)| l.id).collect();
        let right_keys: Vec<ColumnId> = pairs.iter().map(|(_, r)| r.id).collect();
        let join = join_plan(left, right, join_type, condition);
        let Node::Join { left, right, .. } = &join.node else { unreachable!() };
        // Columns as the join outputs them (outer sides already nullable).
        let joined = |id: ColumnId| join.output.iter().find(|c| c.id == id).cloned();
        let mut items: Vec<(Expr, String, bool)> = Vec::new();
        for (l, r) in &pairs {
            match join_type {
                JoinType::RightOuter => {
                    let c = joined(r.id).unwrap_or_else(|| r.clone());
                    items.push((column_expr(&c, &c.name), c.name.clone(), false));
                }
                JoinType::FullOuter => {
                    let (lc, rc) = (joined(l.id).unwrap_or_else(|| l.clone()), joined(r.id).unwrap_or_else(|| r.clone()));
                    let key = self.call_function("coalesce", vec![column_expr(&lc, &lc.name), column_expr(&rc, &rc.name)])?;
                    items.push((key, l.name.clone(), true));
                }
                _ => {
                    let c = joined(l.id).unwrap_or_else(|| l.clone());
                    items.push((column_expr(&c, &c.name), c.name.clone(), false));
                }
            }
        }
        let left_ids: Vec<ColumnId> = left.output.iter().map(|c| c.id).collect();
        let right_ids: Vec<ColumnId> = right.output.iter().map(|c| c.id).collect();
        for c in &join.output {
            let is_key = (left_ids.contains(&c.id) && left_keys.contains(&c.id)) || (right_ids.contains(&c.id) && right_keys.contains(&c.id));
            if !is_key {
                items.push((column_expr(c, &c.name), c.name.clone(), false));
            }
        }
        self.project_items(join, items)
    }

    fn using_key(&self, name: &str, side: &Plan, side_name: &str) -> Result<Column> {
        side.output.iter().find(|c| self.names_equal(&c.name, name)).cloned().ok_or_else(|| {
            let mut names: Vec<&str> = side.output.iter().map(|c| c.name.as_str()).collect();
            names.sort();
            let shown: Vec<String> = names.iter().map(|n| sql_id_of_name(n)).collect();
            SparkError::new(
                "UNRESOLVED_USING_COLUMN_FOR_JOIN",
                format!(
                    "USING column {} cannot be resolved on the {side_name} side of the join. The {side_name}-side columns: [{}].",
                    sql_id_of_name(name),
                    shown.join(", ")
                ),
            )
            .with_sql_state("42703")
        })
    }
}

/// Spark's `toSQLId(name)`: the name parsed as a multi-part attribute name, each part back-quoted.
fn sql_id_of_name(name: &str) -> String {
    match parse_attribute_name(name) {
        Ok(parts) => to_sql_id(&parts),
        Err(_) => to_sql_id(&[name.to_string()]),
    }
}

/// The Join node with Spark's output: left then right columns (left only for semi/anti), outer sides nullable.
pub(crate) fn join_plan(left: Plan, right: Plan, join_type: JoinType, condition: Option<Expr>) -> Plan {
    let mut output: Vec<Column> = left
        .output
        .iter()
        .map(|c| Column { nullable: c.nullable || join_type.left_nullable(), ..c.clone() })
        .collect();
    if join_type.outputs_right() {
        output.extend(right.output.iter().map(|c| Column { nullable: c.nullable || join_type.right_nullable(), ..c.clone() }));
    }
    Plan { node: Node::Join { left: Box::new(left), right: Box::new(right), join_type, condition }, output, plan_id: None }
}

fn check_condition(c: Expr) -> Result<Expr> {
    if c.contains_aggregate() {
        return Err(SparkError::unsupported("an aggregate function in a join condition"));
    }
    match c.data_type {
        DataType::Boolean => Ok(c),
        DataType::Null => Ok(c.implicit_cast(&DataType::Boolean)),
        _ => Err(SparkError::new(
            "JOIN_CONDITION_IS_NOT_BOOLEAN_TYPE",
            format!(
                "The join condition {} has the invalid type \"{}\", expected \"BOOLEAN\".",
                c.pretty.clone().map(|p| format!("\"{p}\"")).unwrap_or_default(),
                c.data_type.spark_sql()
            ),
        )
        .with_sql_state("42K0I")),
    }
}
