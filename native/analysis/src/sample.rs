//! `sample(fraction, seed)` and the splits of `randomSplit` (`Sample` relation, without replacement).
//!
//! Spark's row choice (a per-partition XORShift random stream) cannot be reproduced: the rows chosen differ from
//! Spark's. What holds: each row is kept when a value in [0, 1) derived from a hash of the whole row and the seed
//! falls in [lower, upper), so the same seed gives the same rows, the splits of `randomSplit` (same seed, adjacent
//! bounds) are disjoint and together hold every row, and about `fraction` of distinct rows are kept. Identical
//! rows are all kept or all dropped. Sampling with replacement is refused.

use crate::analyzer::{column_expr, missing_input, Analyzer};
use crate::functions::{self, CallContext, FunctionDef, FunctionKind};
use crate::literal::Literal;
use crate::logical::{Expr, ExprKind, Node, Plan};
use crate::types::DataType;
use crate::{Result, SparkError};
use sparkduck_plan::proto;

/// Args: lower, upper (double literals), seed (long literal), then the row's columns. Not user-callable.
static ROW_IN_SAMPLE: FunctionDef = FunctionDef {
    name: "row_in_sample",
    kind: FunctionKind::Scalar,
    duckdb: "hash(columns..., seed) / 2^64 in [lower, upper)",
    result: "boolean, never null",
    resolve: |_, _, _| Err(SparkError::internal("row_in_sample is not callable")),
    emit: |_, _, sql| {
        let mut hashed: Vec<String> = sql[3..].to_vec();
        hashed.push(sql[2].clone());
        let u = format!("(CAST(hash({}) AS DOUBLE) / 18446744073709551616.0)", hashed.join(", "));
        Ok(format!("({u} >= {} AND {u} < {})", sql[0], sql[1]))
    },
};

fn double(v: f64) -> Expr {
    Expr { kind: ExprKind::Literal(Literal::Double(v)), data_type: DataType::Double, nullable: false, pretty: None }
}

impl<'a> Analyzer<'a> {
    pub(crate) fn resolve_sample(&mut self, s: &proto::Sample) -> Result<Plan> {
        let input = self.resolve_relation(s.input.as_deref().ok_or_else(|| missing_input("Sample"))?)?;
        if s.with_replacement == Some(true) {
            return Err(SparkError::unsupported("sample with replacement"));
        }
        let (lower, upper) = (s.lower_bound, s.upper_bound);
        // Spark's checks (Sample's requirements), as IllegalArgumentException messages.
        if !(lower.is_finite() && upper.is_finite()) || lower > upper || lower < -1e-6 || upper > 1.0 + 1e-6 {
            return Err(SparkError::new(
                "ILLEGAL_ARGUMENT",
                format!("requirement failed: Sampling fraction ({}) must be on interval [0, 1] without replacement", upper - lower),
            ));
        }
        let seed = s.seed.unwrap_or(0);
        let mut args = vec![
            double(lower),
            // The last split's bound (a sum of normalized weights: 1.0 give or take rounding) keeps every row.
            double(if upper >= 1.0 - 1e-9 { 2.0 } else { upper }),
            Expr { kind: ExprKind::Literal(Literal::Long(seed)), data_type: DataType::Long, nullable: false, pretty: None },
        ];
        args.extend(input.output.iter().map(|c| column_expr(c, &c.name)));
        let ctx = CallContext { name: "", distinct: false, ansi: self.config.ansi };
        let cond = functions::call(&ROW_IN_SAMPLE, args, &ctx, DataType::Boolean, false, None);
        let output = input.output.clone();
        Ok(Plan { node: Node::Filter { input: Box::new(input), condition: cond }, output, plan_id: None })
    }
}
