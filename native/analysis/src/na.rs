//! `df.na.drop` (`NADrop`) and `df.na.fill` (`NAFill`) as Spark Connect's planner runs them (classic
//! `DataFrameNaFunctions`): drop keeps rows with at least `minNonNulls` values that are neither NULL nor NaN; fill
//! replaces NULL (and NaN in float columns) with the value cast to the column type, in the columns whose type
//! matches the value (numeric for numbers, string, boolean), or in the named columns for the per-column form.

use crate::analyzer::{column_expr, missing_input, Analyzer};
use crate::functions::{self, CallContext, FunctionDef, FunctionKind};
use crate::literal::Literal;
use crate::logical::{CastMode, Column, Expr, ExprKind, Plan};
use crate::types::DataType;
use crate::{Result, SparkError};
use sparkduck_plan::proto;

/// `AtLeastNNonNulls(n, cols)`: args are `n` (an int literal) then the columns. Not user-callable.
static AT_LEAST_N_NON_NULLS: FunctionDef = FunctionDef {
    name: "atleastnnonnulls",
    kind: FunctionKind::Scalar,
    duckdb: "sum of CASE WHEN c IS NOT NULL AND NOT isnan(c) THEN 1 ELSE 0 END >= n",
    result: "boolean, never null",
    resolve: |_, _, _| Err(SparkError::internal("atleastnnonnulls is not callable")),
    emit: |_, args, sql| {
        let counted: Vec<String> = args[1..]
            .iter()
            .zip(&sql[1..])
            .map(|(a, s)| match a.data_type {
                DataType::Float | DataType::Double => format!("CASE WHEN {s} IS NOT NULL AND NOT isnan({s}) THEN 1 ELSE 0 END"),
                _ => format!("CASE WHEN {s} IS NOT NULL THEN 1 ELSE 0 END"),
            })
            .collect();
        if counted.is_empty() {
            return Ok(format!("(0 >= {})", sql[0]));
        }
        Ok(format!("(({}) >= {})", counted.join(" + "), sql[0]))
    },
};

/// `coalesce(nanvl(c, NULL), value)` for floats, `coalesce(c, value)` otherwise: args are the column then the value
/// (already of the column's type). Not user-callable.
static FILL_NULL: FunctionDef = FunctionDef {
    name: "na_fill",
    kind: FunctionKind::Scalar,
    duckdb: "coalesce(CASE WHEN isnan(c) THEN NULL ELSE c END, value)",
    result: "the column's type, never null",
    resolve: |_, _, _| Err(SparkError::internal("na_fill is not callable")),
    emit: |_, args, sql| {
        Ok(match args[0].data_type {
            DataType::Float | DataType::Double => {
                format!("coalesce(CASE WHEN isnan({c}) THEN NULL ELSE {c} END, {v})", c = sql[0], v = sql[1])
            }
            _ => format!("coalesce({}, {})", sql[0], sql[1]),
        })
    },
};

impl<'a> Analyzer<'a> {
    fn ctx(&self) -> CallContext<'static> {
        CallContext { name: "", distinct: false, ansi: self.config.ansi }
    }

    /// A column named by `df.resolve(name)`: a top-level column of the input.
    fn na_column(&mut self, name: &str, input: &Plan) -> Result<Column> {
        let e = self.resolve_attribute(name, None, input)?;
        match e.kind {
            ExprKind::Column(id) => input.output.iter().find(|c| c.id == id).cloned().ok_or_else(|| SparkError::internal("column")),
            _ => Err(SparkError::unsupported("df.na on a nested field")),
        }
    }

    pub(crate) fn resolve_na_drop(&mut self, d: &proto::NaDrop) -> Result<Plan> {
        let input = self.resolve_relation(d.input.as_deref().ok_or_else(|| missing_input("NADrop"))?)?;
        let cols: Vec<Column> = if d.cols.is_empty() {
            input.output.clone()
        } else {
            d.cols.iter().map(|n| self.na_column(n, &input)).collect::<Result<_>>()?
        };
        // "any" (no minimum given): every listed value must be present.
        let n = d.min_non_nulls.unwrap_or(cols.len() as i32);
        let mut args = vec![Expr { kind: ExprKind::Literal(Literal::Integer(n)), data_type: DataType::Integer, nullable: false, pretty: Some(n.to_string()) }];
        args.extend(cols.iter().map(|c| column_expr(c, &c.name)));
        let ctx = self.ctx();
        let cond = functions::call(&AT_LEAST_N_NON_NULLS, args, &ctx, DataType::Boolean, false, None);
        let output = input.output.clone();
        Ok(Plan { node: crate::logical::Node::Filter { input: Box::new(input), condition: cond }, output, plan_id: None })
    }

    pub(crate) fn resolve_na_fill(&mut self, f: &proto::NaFill) -> Result<Plan> {
        let input = self.resolve_relation(f.input.as_deref().ok_or_else(|| missing_input("NAFill"))?)?;
        let values: Vec<Literal> = f.values.iter().map(Literal::from_proto).collect::<Result<_>>()?;
        // (column, value, whether the column's type must match the value's kind)
        let mut fills: Vec<(Column, Literal, bool)> = Vec::new();
        if values.len() == 1 {
            let targets: Vec<Column> = if f.cols.is_empty() {
                input.output.clone()
            } else {
                f.cols.iter().map(|n| self.na_column(n, &input)).collect::<Result<_>>()?
            };
            for c in targets {
                fills.push((c, values[0].clone(), true));
            }
        } else {
            if values.len() != f.cols.len() {
                return Err(SparkError::internal("NAFill with different numbers of columns and values"));
            }
            for (n, v) in f.cols.iter().zip(values) {
                let c = self.na_column(n, &input)?;
                fills.push((c, v, false));
            }
        }
        let mut items = Vec::with_capacity(input.output.len());
        for c in &input.output {
            let fill = fills.iter().rev().find(|(t, v, typed)| t.id == c.id && (!typed || fill_type_matches(v, &c.data_type)));
            match fill {
                Some((_, value, _)) => {
                    let value_type = value.data_type();
                    if !matches!(value_type, DataType::Long | DataType::Integer | DataType::Double | DataType::Float | DataType::String | DataType::Boolean) {
                        return Err(SparkError::unsupported(format!("na.fill with a value of type {}", value_type.spark_sql())));
                    }
                    let mode = if self.config.ansi { CastMode::Ansi } else { CastMode::Legacy };
                    crate::cast::check_cast(&value_type, &c.data_type, mode)?;
                    let lit = Expr { kind: ExprKind::Literal(value.clone()), data_type: value_type.clone(), nullable: false, pretty: None };
                    // Spark 4's `Cast.forceNullable` decides the filled column's nullability (also under ANSI).
                    let nullable = cast_forced_nullable(&value_type, &c.data_type);
                    let cast = Expr {
                        kind: ExprKind::Cast { child: Box::new(lit), mode, implicit: false },
                        data_type: c.data_type.clone(),
                        nullable,
                        pretty: None,
                    };
                    let ctx = self.ctx();
                    let e = functions::call(&FILL_NULL, vec![column_expr(c, &c.name), cast], &ctx, c.data_type.clone(), nullable, None);
                    items.push((e, c.name.clone(), true));
                }
                None => items.push((column_expr(c, &c.name), c.name.clone(), false)),
            }
        }
        self.project_items(input, items)
    }
}

/// `fill(Long/Double)` fills numeric columns, `fill(String)` string columns, `fill(Boolean)` boolean columns.
fn fill_type_matches(value: &Literal, column: &DataType) -> bool {
    match value.data_type() {
        DataType::Long | DataType::Integer | DataType::Double | DataType::Float => column.is_numeric(),
        DataType::String => matches!(column, DataType::String),
        DataType::Boolean => matches!(column, DataType::Boolean),
        _ => false,
    }
}

/// Spark's `Cast.forceNullable` for the casts of fill values (numbers, strings, booleans to column types).
fn cast_forced_nullable(from: &DataType, to: &DataType) -> bool {
    if from == to {
        return false;
    }
    match (from, to) {
        (DataType::String, _) => true,
        (_, DataType::String) => false,
        (_, DataType::Decimal { precision, scale }) => {
            let integer_digits = match from {
                DataType::Byte => 3,
                DataType::Short => 5,
                DataType::Integer => 10,
                DataType::Long => 20,
                DataType::Decimal { precision: p, scale: s } => {
                    return (*p as i32 - *s as i32) > (*precision as i32 - *scale as i32) || s > scale;
                }
                _ => return true,
            };
            (*precision as i32 - *scale as i32) < integer_digits
        }
        (DataType::Float | DataType::Double, t) if t.is_integral() => true,
        _ => false,
    }
}
