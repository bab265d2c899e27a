//! Sub-queries: `WithRelations` (the plans a query's sub-query expressions refer to, by plan id) and scalar,
//! EXISTS and IN sub-query expressions, correlated or not.
//!
//! Spark's semantics, as its optimizer rewrites them (`RewritePredicateSubquery`, after `BooleanSimplification`):
//! - a scalar sub-query is always nullable (no row → NULL); more than one row → `SCALAR_SUBQUERY_TOO_MANY_ROWS`
//!   (DuckDB raises its own error for it, which the engine maps to that class);
//! - `x IN (sub-query)` is two-valued: true when some row equals, else false — never NULL, even with NULLs on
//!   either side (an existence join), unlike SQL's IN;
//! - `NOT (x IN (sub-query))` (NOT pushed through AND/OR as Spark's simplification does) is null-aware: false as
//!   soon as some row equals or compares as unknown, else true;
//! - correlated sub-queries see the columns of the query immediately around them (one level, as Spark), and only
//!   in filters (`UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_REFERENCE` elsewhere).
//!
//! Emission: the sub-query's plan becomes a nested SELECT whose aliases are tagged with the sub-query's id; the
//! enclosing query's columns keep their unique `"c<id>"` names, so an outer reference is visible there as is.

use crate::analyzer::{column_expr, missing_input, Analyzer};
use crate::logical::{ColumnId, Expr, ExprKind, Node, Plan};
use crate::types::DataType;
use crate::{Result, SparkError};
use sparkduck_plan::proto;
use std::collections::HashMap;

/// A sub-query expression.
#[derive(Debug, Clone)]
pub struct SubqueryExpr {
    /// Unique in the query: tags the sub-query's relation aliases in SQL.
    pub tag: ColumnId,
    pub plan: Plan,
    pub kind: SubqueryKind,
    /// The enclosing query's columns the sub-query refers to, in order (Spark's outer attributes, printed in the
    /// name: `scalarsubquery(a)`).
    pub outer_refs: Vec<Expr>,
}

#[derive(Debug, Clone)]
pub enum SubqueryKind {
    Scalar,
    Exists,
    /// `values` already cast to `column_types`, the types the sub-query's columns are cast to.
    In { values: Vec<Expr>, column_types: Vec<DataType> },
}

impl SubqueryExpr {
    pub fn children(&self) -> Vec<&Expr> {
        let mut out: Vec<&Expr> = match &self.kind {
            SubqueryKind::In { values, .. } => values.iter().collect(),
            _ => vec![],
        };
        out.extend(self.outer_refs.iter());
        out
    }
}

/// The query around a sub-query being resolved, and the columns of it the sub-query used.
#[derive(Debug, Clone)]
pub struct OuterScope {
    pub plan: Plan,
    pub used: Vec<Expr>,
}

fn outer_names(refs: &[Expr]) -> Option<String> {
    let names: Option<Vec<String>> = refs.iter().map(|e| e.pretty.clone()).collect();
    names.map(|n| n.join(", "))
}

impl<'a> Analyzer<'a> {
    /// `WithRelations`: the root, with the references in scope for its sub-query expressions. Spark keeps the root
    /// under a projection of all its columns that carries the WithRelations' plan id.
    pub(crate) fn resolve_with_relations(&mut self, w: &proto::WithRelations) -> Result<Plan> {
        let mut references = HashMap::with_capacity(w.references.len());
        for r in &w.references {
            let id = r
                .common
                .as_ref()
                .and_then(|c| c.plan_id)
                .ok_or_else(|| SparkError::internal("a WithRelations reference without a plan id"))?;
            references.insert(id, r.clone());
        }
        let root = w.root.as_deref().ok_or_else(|| missing_input("WithRelations"))?;
        self.relation_scopes.push(references);
        let resolved = self.resolve_relation(root);
        self.relation_scopes.pop();
        let root = resolved?;
        let items = root.output.iter().map(|c| (column_expr(c, &c.name), c.name.clone(), false)).collect();
        self.project_items(root, items)
    }

    /// A name that does not resolve inside a sub-query, resolved against the query immediately around it.
    pub(crate) fn resolve_outer_attribute(&mut self, parts: &[String], plan_id: Option<i64>) -> Result<Option<Expr>> {
        let Some(scope) = self.outer_scopes.last() else {
            return Ok(None);
        };
        let columns = match plan_id {
            Some(pid) => match scope.plan.find_plan_id(pid) {
                Some(target) => &target.output,
                None => return Ok(None),
            },
            None => &scope.plan.output,
        };
        let Some((col, nested)) = self.lookup_column(parts, columns)? else {
            return Ok(None);
        };
        let Some(present) = scope.plan.output.iter().find(|c| c.id == col.id).cloned() else {
            return Ok(None);
        };
        let nested = nested.to_vec();
        let written = parts[parts.len() - nested.len() - 1].clone();
        let reference = column_expr(&present, &written);
        let outer = Expr { kind: ExprKind::OuterColumn(present.id), ..reference.clone() };
        if let Some(scope) = self.outer_scopes.last_mut() {
            scope.used.push(reference);
        }
        self.extract_fields(outer, &nested).map(Some)
    }

    pub(crate) fn resolve_subquery_expression(&mut self, s: &proto::SubqueryExpression, input: &Plan) -> Result<Expr> {
        use proto::subquery_expression::SubqueryType;
        if s.table_arg_options.is_some() {
            return Err(SparkError::unsupported("table arguments"));
        }
        let kind = s.subquery_type();
        // IN values belong to the enclosing query: resolved before the sub-query's scope opens.
        let mut values = Vec::with_capacity(s.in_subquery_values.len());
        for v in &s.in_subquery_values {
            values.push(self.resolve_expr(v, input)?);
        }
        let relation = self
            .relation_scopes
            .iter()
            .rev()
            .find_map(|scope| scope.get(&s.plan_id))
            .cloned()
            .ok_or_else(|| SparkError::internal(format!("sub-query plan {} is not among the WithRelations references", s.plan_id)))?;
        self.outer_scopes.push(OuterScope { plan: input.clone(), used: vec![] });
        let resolved = self.resolve_relation(&relation);
        let scope = self.outer_scopes.pop().ok_or_else(|| SparkError::internal("sub-query scope"))?;
        let plan = resolved?;
        check_correlation(&plan)?;
        let outer_refs = scope.used;
        let outer = outer_names(&outer_refs);
        let tag = self.new_id();
        match kind {
            SubqueryType::Scalar => {
                if plan.output.len() != 1 {
                    return Err(SparkError::new(
                        "INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN",
                        format!("Invalid subquery: Scalar subquery must return only one column, but got {}.", plan.output.len()),
                    )
                    .with_sql_state("42823"));
                }
                let data_type = plan.output[0].data_type.clone();
                Ok(Expr {
                    data_type,
                    nullable: true,
                    pretty: outer.map(|o| format!("scalarsubquery({o})")),
                    kind: ExprKind::Subquery(Box::new(SubqueryExpr { tag, plan, kind: SubqueryKind::Scalar, outer_refs })),
                })
            }
            SubqueryType::Exists => Ok(Expr {
                data_type: DataType::Boolean,
                nullable: false,
                pretty: outer.map(|o| format!("exists({o})")),
                kind: ExprKind::Subquery(Box::new(SubqueryExpr { tag, plan, kind: SubqueryKind::Exists, outer_refs })),
            }),
            SubqueryType::In => {
                if values.is_empty() {
                    return Err(SparkError::internal("an IN sub-query without values"));
                }
                let values = unpack_struct_value(values);
                let value_sql = if values.len() == 1 { values[0].pretty.clone() } else { named_struct_pretty(&values) };
                let pretty = match (value_sql, outer) {
                    (Some(v), Some(o)) => Some(format!("({v} IN (listquery({o})))")),
                    _ => None,
                };
                let shown = pretty.clone().unwrap_or_else(|| "IN (listquery())".to_string());
                if values.len() != plan.output.len() {
                    let left: Vec<String> = values.iter().map(|v| format!("\"{}\"", v.pretty.clone().unwrap_or_default())).collect();
                    let right: Vec<String> = plan.output.iter().map(|c| format!("\"{}\"", c.name)).collect();
                    return Err(SparkError::new(
                        "DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH",
                        format!(
                            "Cannot resolve \"{shown}\" due to data type mismatch: The number of columns in the left hand side of an IN subquery does not match the number of columns in the output of subquery. Left hand side columns(length: {}): [{}], right hand side columns(length: {}): [{}].",
                            values.len(),
                            left.join(", "),
                            right.len(),
                            right.join(", ")
                        ),
                    )
                    .with_sql_state("42K09"));
                }
                let mut coerced = Vec::with_capacity(values.len());
                let mut column_types = Vec::with_capacity(values.len());
                for (v, c) in values.into_iter().zip(&plan.output) {
                    let t = in_common_type(&v, &c.data_type, &shown)?;
                    coerced.push(v.implicit_cast(&t));
                    column_types.push(t);
                }
                let nullable = coerced.iter().any(|v| v.nullable) || plan.output.iter().any(|c| c.nullable);
                Ok(Expr {
                    data_type: DataType::Boolean,
                    nullable,
                    pretty,
                    kind: ExprKind::Subquery(Box::new(SubqueryExpr {
                        tag,
                        plan,
                        kind: SubqueryKind::In { values: coerced, column_types },
                        outer_refs,
                    })),
                })
            }
            SubqueryType::TableArg => Err(SparkError::unsupported("table arguments")),
            SubqueryType::Unknown => Err(SparkError::internal("a sub-query expression without a type")),
        }
    }
}

/// `struct(a, b).isin(ds)`: Spark compares the struct's fields with the sub-query's columns.
fn unpack_struct_value(values: Vec<Expr>) -> Vec<Expr> {
    if values.len() == 1 {
        if let ExprKind::Call { func, args, .. } = &values[0].kind {
            if func.name == "struct" && !args.is_empty() {
                return args.clone();
            }
        }
    }
    values
}

/// Spark prints several IN values as `named_struct('a', a, '_1', x + 1)`: a named value (a column) by its name,
/// any other by its position.
fn named_struct_pretty(values: &[Expr]) -> Option<String> {
    let mut parts = Vec::with_capacity(values.len() * 2);
    for (i, v) in values.iter().enumerate() {
        let shown = v.pretty.clone()?;
        let name = match &v.kind {
            ExprKind::Column(_) | ExprKind::OuterColumn(_) => shown.clone(),
            ExprKind::GetField { written, by_path: true, .. } => written.clone(),
            _ => format!("_{i}"),
        };
        parts.push(format!("'{}'", name.replace('\\', "\\\\").replace('\'', "\\'")));
        parts.push(shown);
    }
    Some(format!("named_struct({})", parts.join(", ")))
}

/// The type an IN value and its sub-query column are compared in (Spark's `InConversion`: as a comparison).
fn in_common_type(value: &Expr, column: &DataType, shown: &str) -> Result<DataType> {
    // DuckDB's equality of nested values treats NULLs inside them differently from Spark's.
    for t in [&value.data_type, column] {
        if matches!(t, DataType::Struct(_) | DataType::Array { .. } | DataType::Map { .. }) {
            return Err(SparkError::unsupported(format!("IN sub-queries on {} values", t.simple_string())));
        }
    }
    match crate::coercion::comparison_type(value, &Expr::typed_null(column), shown) {
        Ok(t) => Ok(t.unwrap_or_else(|| column.clone())),
        Err(e) if e.error_class.starts_with("DATATYPE_MISMATCH") => Err(SparkError::new(
            "DATATYPE_MISMATCH.IN_SUBQUERY_DATA_TYPE_MISMATCH",
            format!(
                "Cannot resolve \"{shown}\" due to data type mismatch: The data type of one or more elements in the left hand side of an IN subquery is not compatible with the data type of the output of the subquery. Mismatched columns: [({}:{}, {})], Left side: [{}], Right side: [{}].",
                value.pretty.clone().unwrap_or_default(),
                value.data_type.spark_sql(),
                column.spark_sql(),
                value.data_type.spark_sql(),
                column.spark_sql()
            ),
        )
        .with_sql_state("42K09")),
        Err(e) => Err(e),
    }
}

fn contains_outer(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::OuterColumn(_)) || e.children().iter().any(|c| contains_outer(c))
}

/// Spark allows references to the enclosing query in filters only (WHERE/HAVING).
fn check_correlation(plan: &Plan) -> Result<()> {
    let exprs: Vec<&Expr> = match &plan.node {
        Node::Filter { .. } => vec![],
        Node::Project { exprs, .. } => exprs.iter().map(|n| &n.expr).collect(),
        Node::Aggregate { groups, aggregates, .. } => groups.iter().chain(aggregates.iter().map(|n| &n.expr)).collect(),
        Node::Sort { keys, .. } => {
            if keys.iter().any(|k| contains_outer(&k.expr)) {
                return Err(SparkError::unsupported("a reference to the outer query in a sub-query's sort"));
            }
            vec![]
        }
        Node::Join { condition, .. } => {
            if condition.as_ref().is_some_and(contains_outer) {
                return Err(SparkError::unsupported("a reference to the outer query in a sub-query's join condition"));
            }
            vec![]
        }
        Node::SetOp { left_exprs, right_exprs, .. } => left_exprs.iter().chain(right_exprs).collect(),
        Node::Unpivot { ids, values, .. } => ids.iter().map(|n| &n.expr).chain(values.iter().map(|(_, e)| e)).collect(),
        _ => vec![],
    };
    if let Some(e) = exprs.into_iter().find(|e| contains_outer(e)) {
        return Err(SparkError::new(
            "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_REFERENCE",
            format!(
                "Unsupported subquery expression: Expressions referencing the outer query are not supported outside of WHERE/HAVING clauses: \"{}\".",
                e.pretty.clone().unwrap_or_default()
            ),
        )
        .with_sql_state("0A000"));
    }
    for c in plan.children() {
        check_correlation(c)?;
    }
    Ok(())
}

/// A correlated scalar sub-query in an aggregation must be a grouping key or inside an aggregate function.
pub(crate) fn check_not_ungrouped_correlated_scalar(e: &Expr) -> Result<()> {
    if let ExprKind::Subquery(s) = &e.kind {
        if matches!(s.kind, SubqueryKind::Scalar) && !s.outer_refs.is_empty() {
            return Err(SparkError::new(
                "SCALAR_SUBQUERY_IS_IN_GROUP_BY_OR_AGGREGATE_FUNCTION",
                format!(
                    "The correlated scalar subquery '\"{}\"' is neither present in GROUP BY, nor in an aggregate function. Add it to GROUP BY using ordinal position or wrap it in `first()` (or `first_value`) if you don't care which value you get.",
                    e.pretty.clone().unwrap_or_default()
                ),
            )
            .with_sql_state("0A000"));
        }
    }
    Ok(())
}

/// Whether NOT of `e` reaches an IN sub-query through AND, OR and NOT (Spark pushes NOT down to it).
pub(crate) fn negation_reaches_in(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Subquery(s) => matches!(s.kind, SubqueryKind::In { .. }),
        ExprKind::Call { func, args, .. } if matches!(func.name, "and" | "or" | "not" | "!") => args.iter().any(negation_reaches_in),
        _ => false,
    }
}

/// The SQL of NOT `e` with NOT pushed through AND, OR and NOT as Spark's `BooleanSimplification` does before its
/// sub-query rewrite, so that every IN sub-query it reaches is negated null-aware.
pub(crate) fn negation_sql(e: &Expr, emit: &dyn Fn(&Expr) -> Result<String>) -> Result<String> {
    match &e.kind {
        ExprKind::Subquery(s) if matches!(s.kind, SubqueryKind::In { .. }) => subquery_sql(s, true, emit),
        ExprKind::Call { func, args, .. } if matches!(func.name, "and" | "or") && args.len() == 2 => {
            let (l, r) = (negation_sql(&args[0], emit)?, negation_sql(&args[1], emit)?);
            Ok(format!("({l} {} {r})", if func.name == "and" { "OR" } else { "AND" }))
        }
        ExprKind::Call { func, args, .. } if matches!(func.name, "not" | "!") && args.len() == 1 => emit(&args[0]),
        _ => Ok(format!("(NOT {})", emit(e)?)),
    }
}

/// The SQL of a sub-query expression; `negated`: NOT of an IN sub-query, null-aware.
pub fn subquery_sql(s: &SubqueryExpr, negated: bool, emit: &dyn Fn(&Expr) -> Result<String>) -> Result<String> {
    let inner = crate::emit::Emitter::nested(s.tag).emit_plan(&s.plan)?;
    let alias = format!("\"sq{}\"", s.tag);
    let column = |i: usize| crate::emit::column_ref(s.plan.output[i].id);
    Ok(match &s.kind {
        SubqueryKind::Scalar => format!("(SELECT {} FROM ({inner}) AS {alias})", column(0)),
        SubqueryKind::Exists => format!("EXISTS (SELECT 1 FROM ({inner}) AS {alias})"),
        SubqueryKind::In { values, column_types } => {
            let mut columns = Vec::with_capacity(values.len());
            for (i, t) in column_types.iter().enumerate() {
                let from = &s.plan.output[i].data_type;
                columns.push(if from == t {
                    column(i)
                } else {
                    crate::cast::cast_sql(&column(i), from, t, crate::logical::CastMode::Ansi)?
                });
            }
            let value_sql: Vec<String> = values.iter().map(emit).collect::<Result<_>>()?;
            if values.len() == 1 {
                let list = format!("SELECT {} FROM ({inner}) AS {alias}", columns[0]);
                // SQL's IN is TRUE (a row equals), NULL (none equals, some comparison unknown) or FALSE.
                if negated {
                    format!("(NOT coalesce(({} IN ({list})), TRUE))", value_sql[0])
                } else {
                    format!("coalesce(({} IN ({list})), FALSE)", value_sql[0])
                }
            } else {
                let conditions: Vec<String> = value_sql
                    .iter()
                    .zip(&columns)
                    .map(|(v, c)| if negated { format!("coalesce(({v} = {c}), TRUE)") } else { format!("({v} = {c})") })
                    .collect();
                let exists = format!("EXISTS (SELECT 1 FROM ({inner}) AS {alias} WHERE {})", conditions.join(" AND "));
                if negated {
                    format!("(NOT {exists})")
                } else {
                    exists
                }
            }
        }
    })
}
