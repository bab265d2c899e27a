//! Relations that change how Spark distributes or plans work but not the rows: hints (`hint("broadcast")`),
//! `repartition`, `coalesce`, `repartitionByRange`. On one DuckDB node they have no effect; each becomes an
//! identity projection, so that references to the Dataset before and after it both resolve.

use crate::analyzer::{column_expr, missing_input, Analyzer};
use crate::logical::Plan;
use crate::{Result, SparkError};
use sparkduck_plan::proto;
use sparkduck_plan::proto::expression::ExprType;

fn partitions_must_be_positive(n: i32) -> SparkError {
    SparkError::new("ILLEGAL_ARGUMENT", format!("requirement failed: Number of partitions ({n}) must be positive."))
}

impl<'a> Analyzer<'a> {
    fn unchanged(&mut self, input: Plan) -> Result<Plan> {
        let items = input.output.iter().map(|c| (column_expr(c, &c.name), c.name.clone(), false)).collect();
        self.project_items(input, items)
    }

    /// `tail(n)`: only built by the JVM's `Dataset.tail` action, which keeps the last n of the rows returned in
    /// the plan's order. Here: Spark's check of n, then every row (DuckDB cannot take the last rows of an
    /// unordered result).
    pub(crate) fn resolve_tail(&mut self, t: &proto::Tail) -> Result<Plan> {
        let input = self.resolve_relation(t.input.as_deref().ok_or_else(|| missing_input("Tail"))?)?;
        if t.limit < 0 {
            return Err(crate::analyzer::limit_error("tail", t.limit as i64));
        }
        self.unchanged(input)
    }

    /// Spark ignores hints it does not know (with a warning); the known ones only guide physical planning.
    pub(crate) fn resolve_hint(&mut self, h: &proto::Hint) -> Result<Plan> {
        let input = self.resolve_relation(h.input.as_deref().ok_or_else(|| missing_input("Hint"))?)?;
        self.unchanged(input)
    }

    pub(crate) fn resolve_repartition(&mut self, r: &proto::Repartition) -> Result<Plan> {
        let input = self.resolve_relation(r.input.as_deref().ok_or_else(|| missing_input("Repartition"))?)?;
        if r.num_partitions <= 0 {
            return Err(partitions_must_be_positive(r.num_partitions));
        }
        self.unchanged(input)
    }

    /// `repartition(cols)` / `repartitionByRange(cols)`: the expressions must resolve; they do not change rows.
    pub(crate) fn resolve_repartition_by_expression(&mut self, r: &proto::RepartitionByExpression) -> Result<Plan> {
        let input = self.resolve_relation(r.input.as_deref().ok_or_else(|| missing_input("RepartitionByExpression"))?)?;
        if let Some(n) = r.num_partitions {
            if n <= 0 {
                return Err(partitions_must_be_positive(n));
            }
        }
        for e in &r.partition_exprs {
            let e = match e.expr_type.as_ref() {
                Some(ExprType::SortOrder(s)) => s.child.as_deref().ok_or_else(|| SparkError::internal("SortOrder without child"))?,
                _ => e,
            };
            self.resolve_expr(e, &input)?;
        }
        self.unchanged(input)
    }
}
