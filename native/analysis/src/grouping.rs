//! Aggregation breadth: rollup, cube and grouping sets (with `grouping()`/`grouping_id()`), pivot, unpivot.

use crate::analyzer::{column_expr, Analyzer};
use crate::functions::{window::contains_grouping_call, FunctionDef, FunctionKind};
use crate::literal::{format_date, java_float_to_string, plain_decimal, Literal};
use crate::logical::{Column, Expr, ExprKind, NamedExpr, Node, Plan};
use crate::types::DataType;
use crate::{Result, SparkError};
use sparkduck_plan::proto;

/// grouping()/grouping_id() outside rollup/cube/grouping sets.
pub(crate) fn check_no_grouping_functions(items: &[(Expr, String, bool)]) -> Result<()> {
    if items.iter().any(|(e, _, _)| contains_grouping_call(e)) {
        return Err(SparkError::new(
            "UNSUPPORTED_GROUPING_EXPRESSION",
            "grouping()/grouping_id() can only be used with GroupingSets/Cube/Rollup.",
        )
        .with_sql_state("42K0E"));
    }
    Ok(())
}

fn sql_of(e: &Expr) -> Result<String> {
    crate::emit::expr_sql(e)
}

/// Whether `e` reads a grouping key outside aggregate functions (its value is then NULL in the rows of the sets
/// without that key).
fn reads_key_outside_aggregate(e: &Expr, keys: &[String]) -> Result<bool> {
    if e.is_aggregate() {
        return Ok(false);
    }
    if let ExprKind::Call { func, .. } = &e.kind {
        if func.name == "grouping" || func.name == "grouping_id" {
            return Ok(false);
        }
    }
    if !e.is_foldable() && keys.contains(&sql_of(e)?) {
        return Ok(true);
    }
    // A window function reading keys in its partition or order spec is not made nullable by them (rank() stays
    // non-null): only its arguments count.
    let children = match &e.kind {
        ExprKind::Window(w) => w.function.children(),
        _ => e.children(),
    };
    for c in children {
        if reads_key_outside_aggregate(c, keys)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Checks grouping()/grouping_id() arguments against the grouping keys; `grouping_id()` gets all keys.
fn bind_grouping_calls(e: Expr, keys: &[Expr], key_sql: &[String]) -> Result<Expr> {
    let Expr { kind, data_type, nullable, pretty } = e;
    let kind = match kind {
        ExprKind::Call { func, args, distinct, ansi } if func.name == "grouping" || func.name == "grouping_id" => {
            let arg_sql: Vec<String> = args.iter().map(sql_of).collect::<Result<_>>()?;
            if func.name == "grouping" {
                if !key_sql.contains(&arg_sql[0]) {
                    return Err(SparkError::new(
                        "GROUPING_COLUMN_MISMATCH",
                        format!(
                            "Column of grouping ({}) can't be found in grouping columns {}.",
                            args[0].pretty.clone().unwrap_or_default(),
                            keys.iter().map(|k| k.pretty.clone().unwrap_or_default()).collect::<Vec<_>>().join(",")
                        ),
                    )
                    .with_sql_state("42803"));
                }
                ExprKind::Call { func, args, distinct, ansi }
            } else if args.is_empty() {
                ExprKind::Call { func, args: keys.to_vec(), distinct, ansi }
            } else {
                if arg_sql != key_sql {
                    return Err(SparkError::new(
                        "GROUPING_ID_COLUMN_MISMATCH",
                        format!(
                            "Columns of grouping_id ({}) does not match grouping columns ({}).",
                            args.iter().map(|k| k.pretty.clone().unwrap_or_default()).collect::<Vec<_>>().join(","),
                            keys.iter().map(|k| k.pretty.clone().unwrap_or_default()).collect::<Vec<_>>().join(",")
                        ),
                    )
                    .with_sql_state("42803"));
                }
                ExprKind::Call { func, args, distinct, ansi }
            }
        }
        ExprKind::Call { func, args, distinct, ansi } => {
            let args = args.into_iter().map(|a| bind_grouping_calls(a, keys, key_sql)).collect::<Result<_>>()?;
            ExprKind::Call { func, args, distinct, ansi }
        }
        ExprKind::Cast { child, mode, implicit } => {
            ExprKind::Cast { child: Box::new(bind_grouping_calls(*child, keys, key_sql)?), mode, implicit }
        }
        ExprKind::Udf(mut u) => {
            u.args = std::mem::take(&mut u.args).into_iter().map(|a| bind_grouping_calls(a, keys, key_sql)).collect::<Result<_>>()?;
            ExprKind::Udf(u)
        }
        other => other,
    };
    Ok(Expr { kind, data_type, nullable, pretty })
}

impl Analyzer<'_> {
    /// rollup / cube / groupingSets: one aggregation over `GROUP BY GROUPING SETS (...)`.
    pub(crate) fn resolve_grouping_sets(&mut self, input: Plan, a: &proto::Aggregate) -> Result<Plan> {
        use proto::aggregate::GroupType;
        let mut groups = Vec::new();
        for g in &a.grouping_expressions {
            groups.extend(self.resolve_named(g, &input)?);
        }
        let mut aggs = Vec::new();
        for e in &a.aggregate_expressions {
            aggs.extend(self.resolve_named(e, &input)?);
        }
        let mut keys: Vec<Expr> = groups.iter().map(|(e, _, _)| e.clone()).collect();
        let mut key_sql: Vec<String> = keys.iter().map(sql_of).collect::<Result<_>>()?;
        let n = keys.len();
        let sets: Vec<Vec<usize>> = match a.group_type() {
            GroupType::Rollup => (0..=n).rev().map(|k| (0..k).collect()).collect(),
            // Spark's cube order: the full set first, then subsets (bit i set = key i dropped).
            GroupType::Cube => {
                if n > 12 {
                    return Err(SparkError::unsupported("cube of more than 12 columns"));
                }
                (0..(1usize << n)).map(|mask| (0..n).filter(|i| mask & (1 << (n - 1 - i)) == 0).collect()).collect()
            }
            _ => {
                let mut sets = Vec::with_capacity(a.grouping_sets.len());
                for set in &a.grouping_sets {
                    let mut indices = Vec::with_capacity(set.grouping_set.len());
                    for e in &set.grouping_set {
                        let expr = self.resolve_expr(e, &input)?;
                        let sql = sql_of(&expr)?;
                        let i = match key_sql.iter().position(|k| *k == sql) {
                            Some(i) => i,
                            None => {
                                key_sql.push(sql);
                                keys.push(expr);
                                keys.len() - 1
                            }
                        };
                        indices.push(i);
                    }
                    sets.push(indices);
                }
                sets
            }
        };
        let mut items = groups.clone();
        items.extend(aggs);
        let mut bound = Vec::with_capacity(items.len());
        for (e, name, aliased) in items {
            bound.push((bind_grouping_calls(e, &keys, &key_sql)?, name, aliased));
        }
        let mut nullable_items = Vec::with_capacity(bound.len());
        for (e, _, _) in &bound {
            nullable_items.push(reads_key_outside_aggregate(e, &key_sql)?);
        }
        let group_items: Vec<(Expr, String, bool)> = keys.iter().map(|k| (k.clone(), String::new(), false)).collect();
        let mut plan = self.build_aggregate_with_sets(input, group_items, bound, Some(sets))?;
        // Keys are NULL in the rows of the sets without them; the columns become new attributes (Spark's Expand).
        if let Node::Aggregate { aggregates, .. } = &mut plan.node {
            for (i, make_nullable) in nullable_items.into_iter().enumerate() {
                if make_nullable {
                    plan.output[i].nullable = true;
                    if matches!(aggregates[i].expr.kind, ExprKind::Column(_)) {
                        let id = self.new_id();
                        aggregates[i].id = id;
                        plan.output[i].id = id;
                        plan.output[i].qualifier = vec![];
                    }
                    aggregates[i].expr.nullable = true;
                }
            }
        }
        Ok(plan)
    }

    /// `groupBy(..).pivot(col, values).agg(..)`: one column per (value, aggregate), each aggregate restricted to
    /// the rows whose pivot column is the value.
    pub(crate) fn resolve_pivot(&mut self, input: Plan, a: &proto::Aggregate) -> Result<Plan> {
        let pivot = a.pivot.as_ref().ok_or_else(|| SparkError::internal("Aggregate with GROUP_TYPE_PIVOT without a Pivot"))?;
        let col_proto = pivot.col.as_ref().ok_or_else(|| SparkError::internal("Pivot without a column"))?;
        let pivot_col = self.resolve_expr(col_proto, &input)?;
        if pivot.values.is_empty() {
            return Err(SparkError::unsupported("pivot without values"));
        }
        if !matches!(
            pivot_col.data_type,
            DataType::Boolean | DataType::Byte | DataType::Short | DataType::Integer | DataType::Long | DataType::Float
                | DataType::Double | DataType::Decimal { .. } | DataType::String | DataType::Date
        ) {
            return Err(SparkError::unsupported(format!("pivot on a {} column", pivot_col.data_type.spark_sql())));
        }
        let mut groups = Vec::new();
        for g in &a.grouping_expressions {
            groups.extend(self.resolve_named(g, &input)?);
        }
        let mut aggs = Vec::new();
        for e in &a.aggregate_expressions {
            aggs.extend(self.resolve_named(e, &input)?);
        }
        for (e, _, _) in &aggs {
            if !e.contains_aggregate() {
                return Err(SparkError::new(
                    "_LEGACY_ERROR_TEMP_1006",
                    format!("Aggregate expression required for pivot, but '{}' did not appear in any aggregate function.", e.pretty.clone().unwrap_or_default()),
                ));
            }
            if e.contains_window() {
                return Err(SparkError::unsupported("a window expression in a pivot"));
            }
        }
        // Spark's PivotFirst (two-phase) path, taken when every aggregate's type is atomic numeric or boolean: a
        // cell without rows is NULL (also for count).
        let two_phase = aggs.iter().all(|(e, _, _)| {
            matches!(
                e.data_type,
                DataType::Boolean | DataType::Byte | DataType::Short | DataType::Integer | DataType::Long | DataType::Float
                    | DataType::Double | DataType::Decimal { .. }
            )
        });
        let single = aggs.len() == 1;
        let mut items = groups.clone();
        for v in &pivot.values {
            let lit = Literal::from_proto(v)?;
            let value_name = pivot_value_name(&lit)?;
            let value = Expr {
                data_type: lit.data_type(),
                nullable: lit.is_null(),
                pretty: None,
                kind: ExprKind::Literal(lit.clone()),
            };
            let value = if value.data_type == pivot_col.data_type || matches!(value.data_type, DataType::Null) {
                value.implicit_cast(&pivot_col.data_type)
            } else if value.data_type.is_integral() && pivot_col.data_type.is_integral() {
                let v = crate::functions::literal_integral_value(&value).unwrap_or(0);
                let fits = match pivot_col.data_type {
                    DataType::Byte => i8::try_from(v).is_ok(),
                    DataType::Short => i16::try_from(v).is_ok(),
                    DataType::Integer => i32::try_from(v).is_ok(),
                    _ => i64::try_from(v).is_ok(),
                };
                if !fits {
                    return Err(SparkError::unsupported("a pivot value out of the pivot column's range"));
                }
                value.implicit_cast(&pivot_col.data_type)
            } else if matches!(value.data_type, DataType::String) && pivot_col.data_type.is_integral() {
                // Spark casts the value to the column's type (ANSI: a malformed number fails).
                let ExprKind::Literal(Literal::String(text)) = &value.kind else { unreachable!() };
                let Ok(v) = text.trim().parse::<i64>() else {
                    return Err(SparkError::new(
                        "CAST_INVALID_INPUT",
                        format!(
                            "The value '{text}' of the type \"STRING\" cannot be cast to \"{}\" because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead.",
                            pivot_col.data_type.spark_sql()
                        ),
                    )
                    .with_sql_state("22018"));
                };
                let _ = v;
                return Err(SparkError::unsupported("string pivot values for a numeric pivot column"));
            } else if value.data_type.is_numeric() && pivot_col.data_type.is_numeric() {
                return Err(SparkError::unsupported("pivot values of another numeric type than the pivot column"));
            } else {
                return Err(SparkError::new(
                    "PIVOT_VALUE_DATA_TYPE_MISMATCH",
                    format!(
                        "Invalid pivot value '{value_name}': value data type {} does not match pivot column data type {}.",
                        value.data_type.spark_sql(),
                        pivot_col.data_type.spark_sql()
                    ),
                )
                .with_sql_state("42K09"));
            };
            for (agg, agg_name, _) in &aggs {
                let filtered = restrict_aggregates(agg.clone(), &pivot_col, &value);
                let cell = if two_phase {
                    Expr {
                        data_type: filtered.data_type.clone(),
                        nullable: true,
                        pretty: None,
                        kind: ExprKind::Call { func: &PIVOT_CELL, args: vec![pivot_col.clone(), value.clone(), filtered], distinct: false, ansi: self.config.ansi },
                    }
                } else {
                    filtered
                };
                let name = if single { value_name.clone() } else { format!("{value_name}_{agg_name}") };
                items.push((cell, name, true));
            }
        }
        self.build_aggregate(input, groups, items)
    }

    pub(crate) fn resolve_unpivot(&mut self, input: Plan, u: &proto::Unpivot) -> Result<Plan> {
        let mut ids = Vec::new();
        for e in &u.ids {
            ids.extend(self.resolve_named(e, &input)?);
        }
        let values: Vec<(Expr, String, bool)> = match &u.values {
            Some(v) => {
                let mut out = Vec::new();
                for e in &v.values {
                    out.extend(self.resolve_named(e, &input)?);
                }
                out
            }
            None => {
                if let Some((e, _, _)) = ids.iter().find(|(e, _, _)| !e.is_column()) {
                    return Err(SparkError::new(
                        "UNPIVOT_REQUIRES_ATTRIBUTES",
                        format!(
                            "UNPIVOT requires all given ids expressions to be columns when no values expressions are given. These are not columns: [{}].",
                            e.pretty.clone().unwrap_or_default()
                        ),
                    )
                    .with_sql_state("42K0A"));
                }
                let id_cols: Vec<usize> =
                    ids.iter().filter_map(|(e, _, _)| if let ExprKind::Column(id) = e.kind { Some(id) } else { None }).collect();
                input.output.iter().filter(|c| !id_cols.contains(&c.id)).map(|c| (column_expr(c, &c.name), c.name.clone(), false)).collect()
            }
        };
        if values.is_empty() {
            return Err(SparkError::new(
                "UNPIVOT_REQUIRES_VALUE_COLUMNS",
                "At least one value column needs to be specified for UNPIVOT, all columns specified as ids.",
            )
            .with_sql_state("42K0A"));
        }
        let mut value_type = values[0].0.data_type.clone();
        for (e, _, _) in &values[1..] {
            match crate::functions::wider_common_type(&value_type, &e.data_type) {
                Some(t) => value_type = t,
                None => {
                    let mut types: Vec<String> = values.iter().map(|(e, _, _)| format!("\"{}\"", e.data_type.spark_sql())).collect();
                    types.dedup();
                    return Err(SparkError::new(
                        "UNPIVOT_VALUE_DATA_TYPE_MISMATCH",
                        format!("Unpivot value columns must share a least common type, some types do not: [{}].", types.join(", ")),
                    )
                    .with_sql_state("42K09"));
                }
            }
        }
        if matches!(value_type, DataType::String) && values.iter().any(|(e, _, _)| e.data_type != DataType::String) {
            return Err(SparkError::unsupported("unpivot of string and non-string value columns (implicit cast)"));
        }
        let mut exprs = Vec::with_capacity(ids.len());
        let mut output = Vec::with_capacity(ids.len() + 2);
        for (e, name, aliased) in ids {
            let (id, qualifier) = match &e.kind {
                ExprKind::Column(id) if !aliased => (*id, input.output.iter().find(|c| c.id == *id).map(|c| c.qualifier.clone()).unwrap_or_default()),
                _ => (self.new_id(), vec![]),
            };
            output.push(Column { id, name, qualifier, data_type: e.data_type.clone(), nullable: e.nullable });
            exprs.push(NamedExpr { expr: e, id });
        }
        let value_nullable = values.iter().any(|(e, _, _)| e.nullable);
        let unpivoted: Vec<(String, Expr)> = values.into_iter().map(|(e, name, _)| (name, e.implicit_cast(&value_type))).collect();
        let variable_id = self.new_id();
        let value_id = self.new_id();
        output.push(Column { id: variable_id, name: u.variable_column_name.clone(), qualifier: vec![], data_type: DataType::String, nullable: false });
        output.push(Column { id: value_id, name: u.value_column_name.clone(), qualifier: vec![], data_type: value_type, nullable: value_nullable });
        Ok(Plan {
            node: Node::Unpivot { input: Box::new(input), ids: exprs, values: unpivoted, variable_id, value_id },
            output,
            plan_id: None,
        })
    }
}

/// Spark's pivot column name of a value: `CAST(value AS STRING)`, "null" for NULL.
fn pivot_value_name(l: &Literal) -> Result<String> {
    Ok(match l {
        Literal::Null(_) => "null".into(),
        Literal::Boolean(b) => b.to_string(),
        Literal::Byte(v) => v.to_string(),
        Literal::Short(v) => v.to_string(),
        Literal::Integer(v) => v.to_string(),
        Literal::Long(v) => v.to_string(),
        Literal::Float(v) => java_float_to_string(*v as f64, format!("{v:e}")),
        Literal::Double(v) => java_float_to_string(*v, format!("{v:e}")),
        Literal::Decimal { unscaled, scale, .. } => plain_decimal(*unscaled, *scale),
        Literal::String(s) => s.clone(),
        Literal::Date(d) => format_date(*d),
        _ => return Err(SparkError::unsupported(format!("pivot values of type {}", l.data_type().spark_sql()))),
    })
}

/// Every aggregate call's arguments become `CASE WHEN pivot <=> value THEN arg END` (Spark's pivot rewrite).
fn restrict_aggregates(e: Expr, pivot: &Expr, value: &Expr) -> Expr {
    let Expr { kind, data_type, nullable, pretty } = e;
    let kind = match kind {
        ExprKind::Call { func, args, distinct, ansi } if func.kind == FunctionKind::Aggregate => {
            let args = args
                .into_iter()
                .map(|a| Expr {
                    data_type: a.data_type.clone(),
                    nullable: true,
                    pretty: a.pretty.clone(),
                    kind: ExprKind::Call { func: &PIVOT_IF, args: vec![pivot.clone(), value.clone(), a], distinct: false, ansi },
                })
                .collect();
            ExprKind::Call { func, args, distinct, ansi }
        }
        ExprKind::Call { func, args, distinct, ansi } => {
            let args = args.into_iter().map(|a| restrict_aggregates(a, pivot, value)).collect();
            ExprKind::Call { func, args, distinct, ansi }
        }
        ExprKind::Cast { child, mode, implicit } => ExprKind::Cast { child: Box::new(restrict_aggregates(*child, pivot, value)), mode, implicit },
        ExprKind::Udf(mut u) => {
            u.args = std::mem::take(&mut u.args).into_iter().map(|a| restrict_aggregates(a, pivot, value)).collect();
            ExprKind::Udf(u)
        }
        other => other,
    };
    Expr { kind, data_type, nullable, pretty }
}

fn no_resolve(_: &'static FunctionDef, _: Vec<Expr>, _: &crate::functions::CallContext) -> Result<Expr> {
    Err(SparkError::internal("an internal function resolved by name"))
}

/// `CASE WHEN pivot <=> value THEN arg END` (internal, not in the registry).
static PIVOT_IF: FunctionDef =
    FunctionDef { name: "pivot_if", kind: FunctionKind::Scalar, duckdb: "", result: "", resolve: no_resolve, emit: emit_pivot_if };

fn emit_pivot_if(_call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    Ok(format!("CASE WHEN {} IS NOT DISTINCT FROM {} THEN {} END", sql[0], sql[1], sql[2]))
}

/// A pivot cell of Spark's two-phase pivot: NULL when no row has the value (internal, not in the registry).
static PIVOT_CELL: FunctionDef =
    FunctionDef { name: "pivot_cell", kind: FunctionKind::Aggregate, duckdb: "", result: "", resolve: no_resolve, emit: emit_pivot_cell };

fn emit_pivot_cell(_call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    Ok(format!("CASE WHEN count(CASE WHEN {} IS NOT DISTINCT FROM {} THEN 1 END) = 0 THEN NULL ELSE {} END", sql[0], sql[1], sql[2]))
}
