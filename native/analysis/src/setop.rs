//! Set operations (`SetOperation` relation): `union`/`unionAll` by position, `unionByName` (with
//! `allowMissingColumns`), `intersect`, `intersectAll`, `except`, `exceptAll`, with Spark's type widening across
//! the two sides (`WidenSetOperationTypes`), output names and qualifiers from the left, and output nullability.

use crate::analyzer::{column_expr, missing_input, Analyzer};
use crate::functions::wider_common_type;
use crate::literal::Literal;
use crate::logical::{Column, ColumnId, Expr, ExprKind, Node, Plan, SetOpKind};
use crate::types::DataType;
use crate::{Result, SparkError};
use sparkduck_plan::proto;

impl SetOpKind {
    /// Spark's operator name in errors (`toSQLStmt(nodeName)`).
    fn spark_name(self) -> &'static str {
        match self {
            SetOpKind::Union => "UNION",
            SetOpKind::Intersect => "INTERSECT",
            SetOpKind::Except => "EXCEPT",
        }
    }

    pub fn sql(self, all: bool) -> &'static str {
        match (self, all) {
            (SetOpKind::Union, _) => "UNION ALL",
            (SetOpKind::Intersect, false) => "INTERSECT",
            (SetOpKind::Intersect, true) => "INTERSECT ALL",
            (SetOpKind::Except, false) => "EXCEPT",
            (SetOpKind::Except, true) => "EXCEPT ALL",
        }
    }
}

/// Spark's `ordinalNumber`.
fn ordinal(i: usize) -> String {
    match i {
        0 => "first".into(),
        1 => "second".into(),
        2 => "third".into(),
        _ => format!("{}th", i + 1),
    }
}

/// Spark's (ANSI) `findWiderTypeForTwo` for set operations: numeric and date/time widening, and a string with a
/// number becomes the number's wider type (a string that is not a number then fails the cast, as in Spark).
fn set_op_wider_type(a: &DataType, b: &DataType) -> Result<Option<DataType>> {
    if let Some(t) = wider_common_type(a, b) {
        return Ok(Some(t));
    }
    let (string, other) = match (a, b) {
        (DataType::String, o) | (o, DataType::String) => (true, o),
        _ => (false, a),
    };
    if string {
        if other.is_integral() {
            return Ok(Some(DataType::Long));
        }
        if matches!(other, DataType::Double) || other.is_decimal() {
            return Ok(Some(DataType::Double));
        }
        if other.is_numeric() || matches!(other, DataType::Date | DataType::Timestamp | DataType::TimestampNtz | DataType::Boolean) {
            return Err(SparkError::unsupported(format!(
                "set operations between STRING and {} columns",
                other.spark_sql()
            )));
        }
        return Ok(None);
    }
    let complex = |t: &DataType| matches!(t, DataType::Array { .. } | DataType::Map { .. } | DataType::Struct(_));
    if complex(a) && complex(b) {
        return Err(SparkError::unsupported(format!(
            "set operations between different nested types {} and {}",
            a.spark_sql(),
            b.spark_sql()
        )));
    }
    Ok(None)
}

impl<'a> Analyzer<'a> {
    pub(crate) fn resolve_set_operation(&mut self, s: &proto::SetOperation) -> Result<Plan> {
        use proto::set_operation::SetOpType;
        let kind = match s.set_op_type() {
            SetOpType::Union => SetOpKind::Union,
            SetOpType::Intersect => SetOpKind::Intersect,
            SetOpType::Except => SetOpKind::Except,
            SetOpType::Unspecified => return Err(SparkError::internal("SetOperation without type")),
        };
        let all = s.is_all.unwrap_or(false);
        let left = self.resolve_relation(s.left_input.as_deref().ok_or_else(|| missing_input("SetOperation"))?)?;
        let right = self.resolve_relation(s.right_input.as_deref().ok_or_else(|| missing_input("SetOperation"))?)?;
        if s.by_name.unwrap_or(false) {
            if kind != SetOpKind::Union {
                return Err(SparkError::unsupported("by-name intersect/except"));
            }
            return self.resolve_union_by_name(left, right, all, s.allow_missing_columns.unwrap_or(false));
        }
        let left_exprs = left.output.iter().map(|c| column_expr(c, &c.name)).collect();
        let right_exprs = right.output.iter().map(|c| column_expr(c, &c.name)).collect();
        self.set_op_plan(kind, all, left, right, left_exprs, right_exprs)
    }

    /// `unionByName`: the right side's columns are matched to the left's by name; with `allow_missing`, columns
    /// missing on one side are NULL there and the right's extra columns come last.
    fn resolve_union_by_name(&mut self, left: Plan, right: Plan, all: bool, allow_missing: bool) -> Result<Plan> {
        for side in [&left, &right] {
            for (i, c) in side.output.iter().enumerate() {
                if side.output[..i].iter().any(|p| self.names_equal(&p.name, &c.name)) {
                    return Err(SparkError::new(
                        "COLUMN_ALREADY_EXISTS",
                        format!(
                            "The column {} already exists. Choose another name or rename the existing column.",
                            crate::analyzer::to_sql_id(&[c.name.to_lowercase()])
                        ),
                    )
                    .with_sql_state("42711"));
                }
            }
        }
        let mut left_exprs: Vec<Expr> = left.output.iter().map(|c| column_expr(c, &c.name)).collect();
        let mut right_exprs: Vec<Expr> = Vec::with_capacity(left.output.len());
        for l in &left.output {
            match right.output.iter().find(|r| self.names_equal(&r.name, &l.name)) {
                Some(r) => right_exprs.push(column_expr(r, &r.name)),
                None if allow_missing => right_exprs.push(null_of(&l.data_type)),
                None => {
                    let names: Vec<&str> = right.output.iter().map(|c| c.name.as_str()).collect();
                    return Err(SparkError::new(
                        "UNRESOLVED_COLUMN_AMONG_FIELD_NAMES",
                        format!("Cannot resolve column name \"{}\" among ({}).", l.name, names.join(", ")),
                    )
                    .with_sql_state("42703"));
                }
            }
        }
        let extra: Vec<&Column> =
            right.output.iter().filter(|r| !left.output.iter().any(|l| self.names_equal(&l.name, &r.name))).collect();
        if !extra.is_empty() {
            if !allow_missing {
                return Err(num_columns_mismatch(SetOpKind::Union, left.output.len(), right.output.len()));
            }
            // The left side gets the right's extra columns as NULLs, named as the right names them.
            let mut items: Vec<(Expr, String, bool)> =
                left.output.iter().map(|c| (column_expr(c, &c.name), c.name.clone(), false)).collect();
            for r in &extra {
                items.push((null_of(&r.data_type), r.name.clone(), true));
                right_exprs.push(column_expr(r, &r.name));
            }
            let left = self.project_items(left, items)?;
            left_exprs = left.output.iter().map(|c| column_expr(c, &c.name)).collect();
            return self.set_op_plan(SetOpKind::Union, all, left, right, left_exprs, right_exprs);
        }
        self.set_op_plan(SetOpKind::Union, all, left, right, left_exprs, right_exprs)
    }

    /// The SetOp node: positional columns `left_exprs[i]` / `right_exprs[i]`, widened to a common type.
    fn set_op_plan(
        &mut self,
        kind: SetOpKind,
        all: bool,
        left: Plan,
        right: Plan,
        left_exprs: Vec<Expr>,
        right_exprs: Vec<Expr>,
    ) -> Result<Plan> {
        if left_exprs.len() != right_exprs.len() {
            return Err(num_columns_mismatch(kind, left_exprs.len(), right_exprs.len()));
        }
        let mut output = Vec::with_capacity(left_exprs.len());
        let (mut lx, mut rx) = (Vec::with_capacity(left_exprs.len()), Vec::with_capacity(right_exprs.len()));
        let mut used: Vec<ColumnId> = Vec::new();
        for (i, (l, r)) in left_exprs.into_iter().zip(right_exprs).enumerate() {
            let t = set_op_wider_type(&l.data_type, &r.data_type)?.ok_or_else(|| {
                SparkError::new(
                    "INCOMPATIBLE_COLUMN_TYPE",
                    format!(
                        "{} can only be performed on tables with compatible column types. The {} column of the second table is \"{}\" type which is not compatible with \"{}\" at the same column of the first table.",
                        kind.spark_name(),
                        ordinal(i),
                        r.data_type.spark_sql(),
                        l.data_type.spark_sql()
                    ),
                )
                .with_sql_state("42825")
            })?;
            let nullable = match kind {
                SetOpKind::Union => l.nullable || r.nullable,
                SetOpKind::Intersect => l.nullable && r.nullable,
                SetOpKind::Except => l.nullable,
            };
            // The left column keeps its identity (so `df1("a")` resolves above the union) unless it is cast.
            let left_col = match &l.kind {
                ExprKind::Column(id) => left.output.iter().find(|c| c.id == *id),
                _ => None,
            };
            let (id, name, qualifier) = match left_col {
                Some(c) if l.data_type == t && !used.contains(&c.id) => (c.id, c.name.clone(), c.qualifier.clone()),
                Some(c) => (self.new_id(), c.name.clone(), vec![]),
                None => (self.new_id(), l.pretty.clone().unwrap_or_default(), vec![]),
            };
            used.push(id);
            output.push(Column { id, name, qualifier, data_type: t.clone(), nullable });
            lx.push(l.implicit_cast(&t));
            rx.push(r.implicit_cast(&t));
        }
        // Spark's intersect and except compare floats as its joins and aggregates do: -0.0 is 0.0.
        let normalize_floats = kind != SetOpKind::Union;
        Ok(Plan {
            node: Node::SetOp { left: Box::new(left), right: Box::new(right), kind, all, left_exprs: lx, right_exprs: rx, normalize_floats },
            output,
            plan_id: None,
        })
    }
}

fn null_of(t: &DataType) -> Expr {
    Expr {
        kind: ExprKind::Literal(Literal::Null(t.clone())),
        data_type: t.clone(),
        nullable: true,
        pretty: Some("NULL".into()),
    }
}

fn num_columns_mismatch(kind: SetOpKind, first: usize, second: usize) -> SparkError {
    SparkError::new(
        "NUM_COLUMNS_MISMATCH",
        format!(
            "{} can only be performed on inputs with the same number of columns, but the first input has {first} columns and the second input has {second} columns.",
            kind.spark_name()
        ),
    )
    .with_sql_state("42826")
}
