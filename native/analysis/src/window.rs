//! Window expressions (`f OVER (PARTITION BY .. ORDER BY .. frame)`): resolution with Spark's rules (required
//! frames of ranking and offset functions, default frames, frame checks, printed names) and their DuckDB SQL.
//!
//! A window expression stays inline in the projection (or aggregation) that holds it: DuckDB evaluates window
//! functions in a SELECT list over the rows of its FROM clause, as Spark's Window operator does over its child.

use crate::analyzer::Analyzer;
use crate::functions::{self, window as wf, FunctionKind};
use crate::literal::Literal;
use crate::logical::{Expr, ExprKind, Plan, SortKey};
use crate::types::DataType;
use crate::{Result, SparkError};
use sparkduck_plan::proto;
use sparkduck_plan::proto::expression::ExprType;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameType {
    Rows,
    Range,
}

#[derive(Debug, Clone)]
pub enum Bound {
    UnboundedPreceding,
    UnboundedFollowing,
    CurrentRow,
    /// An offset from the current row: rows for ROWS frames, the order key's units for RANGE frames (a literal of
    /// the order key's type). Negative = preceding.
    Value(Expr),
}

#[derive(Debug, Clone)]
pub struct Frame {
    pub frame_type: FrameType,
    pub lower: Bound,
    pub upper: Bound,
}

#[derive(Debug, Clone)]
pub struct WindowExpr {
    /// A registry call: a window function (ranking, offset) or an aggregate.
    pub function: Expr,
    pub partition: Vec<Expr>,
    pub order: Vec<SortKey>,
    pub frame: Frame,
}

impl WindowExpr {
    pub fn children(&self) -> Vec<&Expr> {
        let mut out: Vec<&Expr> = self.function.children();
        out.extend(self.partition.iter());
        out.extend(self.order.iter().map(|k| &k.expr));
        out
    }
}

/// Aggregates sparkduck evaluates over a window: their emitted SQL is made only of DuckDB aggregate calls (listed
/// in `DUCKDB_AGGREGATES`) over row expressions, so that each call gets the OVER clause.
const WINDOW_AGGREGATES: &[&str] = &["avg", "count", "max", "mean", "min", "sum"];

/// DuckDB aggregate functions that the emitters of `WINDOW_AGGREGATES` use.
const DUCKDB_AGGREGATES: &[&str] = &["avg", "count", "max", "min", "sum"];

fn literal_value(e: &Expr) -> Option<f64> {
    match &e.kind {
        ExprKind::Literal(Literal::Byte(v)) => Some(*v as f64),
        ExprKind::Literal(Literal::Short(v)) => Some(*v as f64),
        ExprKind::Literal(Literal::Integer(v)) => Some(*v as f64),
        ExprKind::Literal(Literal::Long(v)) => Some(*v as f64),
        ExprKind::Literal(Literal::Float(v)) => Some(*v as f64),
        ExprKind::Literal(Literal::Double(v)) => Some(*v),
        ExprKind::Literal(Literal::Decimal { unscaled, scale, .. }) => Some(*unscaled as f64 / 10f64.powi(*scale as i32)),
        ExprKind::Cast { child, .. } => literal_value(child),
        _ => None,
    }
}

/// `-e` of a numeric literal (under implicit casts).
fn negate_literal(e: &Expr) -> Option<Expr> {
    let kind = match &e.kind {
        ExprKind::Literal(l) => ExprKind::Literal(match l {
            Literal::Byte(v) => Literal::Byte(v.checked_neg()?),
            Literal::Short(v) => Literal::Short(v.checked_neg()?),
            Literal::Integer(v) => Literal::Integer(v.checked_neg()?),
            Literal::Long(v) => Literal::Long(v.checked_neg()?),
            Literal::Float(v) => Literal::Float(-v),
            Literal::Double(v) => Literal::Double(-v),
            Literal::Decimal { unscaled, precision, scale } => Literal::Decimal { unscaled: -unscaled, precision: *precision, scale: *scale },
            _ => return None,
        }),
        ExprKind::Cast { child, mode, implicit } => ExprKind::Cast { child: Box::new(negate_literal(child)?), mode: *mode, implicit: *implicit },
        _ => return None,
    };
    Some(Expr { kind, data_type: e.data_type.clone(), nullable: e.nullable, pretty: None })
}

fn int_literal(v: i64) -> Expr {
    Expr { kind: ExprKind::Literal(Literal::Integer(v as i32)), data_type: DataType::Integer, nullable: false, pretty: Some(v.to_string()) }
}

fn bound_pretty(b: &Bound) -> Option<String> {
    Some(match b {
        Bound::UnboundedPreceding => "UNBOUNDED PRECEDING".into(),
        Bound::UnboundedFollowing => "UNBOUNDED FOLLOWING".into(),
        Bound::CurrentRow => "CURRENT ROW".into(),
        // Spark prints a value bound as `<value> FOLLOWING`, negative values included.
        Bound::Value(e) => format!("{} FOLLOWING", e.pretty.as_ref()?),
    })
}

fn frame_pretty(f: &Frame) -> Option<String> {
    let t = match f.frame_type {
        FrameType::Rows => "ROWS",
        FrameType::Range => "RANGE",
    };
    Some(format!("{t} BETWEEN {} AND {}", bound_pretty(&f.lower)?, bound_pretty(&f.upper)?))
}

fn frame_sql(f: &Frame, sub: &dyn Fn(&Expr) -> Result<String>) -> Result<String> {
    let bound = |b: &Bound| -> Result<String> {
        Ok(match b {
            Bound::UnboundedPreceding => "UNBOUNDED PRECEDING".into(),
            Bound::UnboundedFollowing => "UNBOUNDED FOLLOWING".into(),
            Bound::CurrentRow => "CURRENT ROW".into(),
            Bound::Value(e) => {
                let v = literal_value(e).ok_or_else(|| SparkError::internal("a window frame bound that is not a literal"))?;
                // DuckDB takes non-negative offsets: a negative one is its magnitude PRECEDING.
                if v < 0.0 {
                    let magnitude = negate_literal(e).ok_or_else(|| SparkError::internal("a window frame bound that is not a literal"))?;
                    format!("{} PRECEDING", sub(&magnitude)?)
                } else {
                    format!("{} FOLLOWING", sub(e)?)
                }
            }
        })
    };
    let t = match f.frame_type {
        FrameType::Rows => "ROWS",
        FrameType::Range => "RANGE",
    };
    // DuckDB rejects `CURRENT ROW AND n PRECEDING` (and `n FOLLOWING AND CURRENT ROW`), frames Spark takes as
    // empty: the same frame written with a zero offset.
    let lower = match (&f.lower, &f.upper) {
        (Bound::CurrentRow, Bound::Value(u)) if literal_value(u).is_some_and(|v| v < 0.0) => "0 PRECEDING".to_string(),
        _ => bound(&f.lower)?,
    };
    let upper = match (&f.lower, &f.upper) {
        (Bound::Value(l), Bound::CurrentRow) if literal_value(l).is_some_and(|v| v > 0.0) => "0 FOLLOWING".to_string(),
        _ => bound(&f.upper)?,
    };
    Ok(format!("{t} BETWEEN {lower} AND {upper}"))
}

fn same_frame(a: &Frame, b: &Frame) -> bool {
    fn same_bound(a: &Bound, b: &Bound) -> bool {
        match (a, b) {
            (Bound::UnboundedPreceding, Bound::UnboundedPreceding)
            | (Bound::UnboundedFollowing, Bound::UnboundedFollowing)
            | (Bound::CurrentRow, Bound::CurrentRow) => true,
            (Bound::Value(x), Bound::Value(y)) => literal_value(x) == literal_value(y) && x.data_type == y.data_type,
            _ => false,
        }
    }
    a.frame_type == b.frame_type && same_bound(&a.lower, &b.lower) && same_bound(&a.upper, &b.upper)
}

/// The frame a window function requires (Spark's `WindowFunction.frame`), `None` when it takes any frame.
fn required_frame(function: &Expr) -> Option<Frame> {
    let ExprKind::Call { func, .. } = &function.kind else { return None };
    let running = |t| Frame { frame_type: t, lower: Bound::UnboundedPreceding, upper: Bound::CurrentRow };
    match func.name {
        "row_number" | "rank" | "dense_rank" | "percent_rank" | "ntile" => Some(running(FrameType::Rows)),
        "cume_dist" => Some(running(FrameType::Range)),
        "lag" | "lead" => {
            let n = wf::offset_of(function);
            Some(Frame { frame_type: FrameType::Rows, lower: Bound::Value(int_literal(n)), upper: Bound::Value(int_literal(n)) })
        }
        _ => None,
    }
}

fn datatype_mismatch(sub_class: &str, sql: &str, detail: &str) -> SparkError {
    SparkError::new(
        format!("DATATYPE_MISMATCH.{sub_class}"),
        format!("Cannot resolve \"{sql}\" due to data type mismatch: {detail}"),
    )
    .with_sql_state("42K09")
}

impl Analyzer<'_> {
    pub(crate) fn resolve_window(&mut self, w: &proto::expression::Window, input: &Plan) -> Result<Expr> {
        use proto::expression::window::window_frame::{frame_boundary::Boundary, FrameType as ProtoFrameType};
        let f = w.window_function.as_ref().ok_or_else(|| SparkError::internal("Window without a function"))?;
        let function = match f.expr_type.as_ref() {
            Some(ExprType::UnresolvedFunction(uf)) if !uf.is_user_defined_function => {
                let def = functions::lookup(&uf.function_name)?;
                if def.kind == FunctionKind::Window {
                    let mut args = Vec::with_capacity(uf.arguments.len());
                    for a in &uf.arguments {
                        args.push(self.resolve_expr(a, input)?);
                    }
                    let ctx = functions::CallContext { name: &uf.function_name, distinct: uf.is_distinct, ansi: self.config.ansi };
                    (def.resolve)(def, args, &ctx)?
                } else if def.kind == FunctionKind::Aggregate {
                    // An aggregate over a window may take aggregates as arguments (`sum(sum(v)) OVER ()` in an
                    // aggregation): no nested-aggregate check here, unlike resolve_function.
                    let mut args = Vec::with_capacity(uf.arguments.len());
                    for a in &uf.arguments {
                        match a.expr_type.as_ref() {
                            Some(ExprType::UnresolvedStar(st))
                                if def.name == "count" && uf.arguments.len() == 1 && st.unparsed_target.is_none() =>
                            {
                                args.push(Expr { kind: ExprKind::Literal(Literal::Integer(1)), data_type: DataType::Integer, nullable: false, pretty: Some("1".into()) });
                            }
                            _ => args.push(self.resolve_expr(a, input)?),
                        }
                    }
                    if args.iter().any(Expr::contains_window) {
                        return Err(SparkError::unsupported("a window expression nested in another window expression"));
                    }
                    let ctx = functions::CallContext { name: &uf.function_name, distinct: uf.is_distinct, ansi: self.config.ansi };
                    (def.resolve)(def, args, &ctx)?
                } else {
                    self.resolve_function(&uf.function_name, &uf.arguments, uf.is_distinct, input)?
                }
            }
            _ => self.resolve_expr(f, input)?,
        };
        let ExprKind::Call { func, distinct, .. } = &function.kind else {
            return Err(SparkError::new(
                "UNSUPPORTED_EXPR_FOR_WINDOW",
                format!("Expression \"{}\" not supported within a window function.", function.pretty.clone().unwrap_or_default()),
            )
            .with_sql_state("42P20"));
        };
        let func = *func;
        if func.kind == FunctionKind::Scalar {
            return Err(SparkError::new(
                "UNSUPPORTED_EXPR_FOR_WINDOW",
                format!("Expression \"{}\" not supported within a window function.", function.pretty.clone().unwrap_or_default()),
            )
            .with_sql_state("42P20"));
        }
        let mut partition = Vec::with_capacity(w.partition_spec.len());
        for p in &w.partition_spec {
            partition.push(self.resolve_expr(p, input)?);
        }
        let order = self.resolve_window_order(&w.order_spec, input)?;
        if partition.iter().chain(order.iter().map(|k| &k.expr)).any(|e| e.contains_window()) || function.children().iter().any(|c| c.contains_window()) {
            return Err(SparkError::unsupported("a window expression nested in another window expression"));
        }
        let spec_pretty = |frame: &Frame| -> Option<String> {
            let mut parts = Vec::new();
            if !partition.is_empty() {
                let p: Option<Vec<String>> = partition.iter().map(|e| e.pretty.clone()).collect();
                parts.push(format!("PARTITION BY {}", p?.join(", ")));
            }
            if !order.is_empty() {
                let o: Option<Vec<String>> = order
                    .iter()
                    .map(|k| {
                        k.expr.pretty.as_ref().map(|p| {
                            format!(
                                "{p} {} {}",
                                if k.ascending { "ASC" } else { "DESC" },
                                if k.nulls_first { "NULLS FIRST" } else { "NULLS LAST" }
                            )
                        })
                    })
                    .collect();
                parts.push(format!("ORDER BY {}", o?.join(", ")));
            }
            parts.push(frame_pretty(frame)?);
            Some(format!("({})", parts.join(" ")))
        };
        let pretty_now = |frame: &Frame| -> String {
            match (&function.pretty, spec_pretty(frame)) {
                (Some(f), Some(s)) => format!("{f} OVER {s}"),
                _ => String::new(),
            }
        };

        // The user's frame, checked as Spark's SpecifiedWindowFrame does.
        let user_frame = match &w.frame_spec {
            None => None,
            Some(fs) => {
                let frame_type = match fs.frame_type() {
                    ProtoFrameType::Row => FrameType::Rows,
                    ProtoFrameType::Range => FrameType::Range,
                    ProtoFrameType::Undefined => return Err(SparkError::internal("window frame without a type")),
                };
                let mut bound = |b: Option<&proto::expression::window::window_frame::FrameBoundary>, lower: bool| -> Result<Bound> {
                    let b = b.and_then(|b| b.boundary.as_ref()).ok_or_else(|| SparkError::internal("window frame without a bound"))?;
                    Ok(match b {
                        Boundary::CurrentRow(_) => Bound::CurrentRow,
                        Boundary::Unbounded(_) if lower => Bound::UnboundedPreceding,
                        Boundary::Unbounded(_) => Bound::UnboundedFollowing,
                        Boundary::Value(v) => {
                            let e = self.resolve_expr(v, input)?;
                            if !crate::coercion::is_literal(&e) || literal_value(&e).is_none() {
                                return Err(SparkError::unsupported("a window frame bound that is not a numeric literal"));
                            }
                            Bound::Value(e)
                        }
                    })
                };
                let lower = bound(fs.lower.as_deref(), true)?;
                let upper = bound(fs.upper.as_deref(), false)?;
                Some(Frame { frame_type, lower, upper })
            }
        };
        let user_frame = match user_frame {
            Some(frame) => Some(self.check_frame(frame, &order, &pretty_now)?),
            None => None,
        };

        if *distinct {
            return Err(SparkError::new(
                "DISTINCT_WINDOW_FUNCTION_UNSUPPORTED",
                format!("Distinct window functions are not supported: {}.", function.pretty.clone().unwrap_or_default()),
            )
            .with_sql_state("0A000"));
        }
        if func.kind == FunctionKind::Window && order.is_empty() {
            return Err(SparkError::new(
                "WINDOW_FUNCTION_FRAME_NOT_ORDERED",
                format!(
                    "Window function {} requires the window to be ordered. You need to add an ORDER BY clause. For example: SELECT {} OVER (PARTITION BY window_partition ORDER BY window_ordering) FROM table.",
                    function.pretty.clone().unwrap_or_default(),
                    function.pretty.clone().unwrap_or_default()
                ),
            )
            .with_sql_state("42601"));
        }
        let required = required_frame(&function);
        let frame = match (user_frame, required) {
            (Some(user), Some(req)) => {
                if !same_frame(&user, &req) {
                    if matches!(func.name, "lag" | "lead") {
                        return Err(SparkError::new(
                            "_LEGACY_ERROR_TEMP_1035",
                            format!("Cannot specify window frame for {} function.", func.name),
                        ));
                    }
                    return Err(SparkError::new(
                        "_LEGACY_ERROR_TEMP_1036",
                        format!(
                            "Window Frame {} must match the required frame {}.",
                            frame_pretty(&user).unwrap_or_default(),
                            frame_pretty(&req).unwrap_or_default()
                        ),
                    ));
                }
                req
            }
            (Some(user), None) => user,
            (None, Some(req)) => req,
            (None, None) if order.is_empty() => {
                Frame { frame_type: FrameType::Rows, lower: Bound::UnboundedPreceding, upper: Bound::UnboundedFollowing }
            }
            (None, None) => Frame { frame_type: FrameType::Range, lower: Bound::UnboundedPreceding, upper: Bound::CurrentRow },
        };
        if func.kind == FunctionKind::Aggregate && !WINDOW_AGGREGATES.contains(&func.name) && !matches!(func.name, "first" | "last" | "first_value" | "last_value") {
            return Err(SparkError::unsupported(format!("{} over a window", func.name)));
        }
        let pretty = match (&function.pretty, spec_pretty(&frame)) {
            (Some(f), Some(s)) => Some(format!("{f} OVER {s}")),
            _ => None,
        };
        let data_type = function.data_type.clone();
        let nullable = function.nullable;
        Ok(Expr {
            kind: ExprKind::Window(Box::new(WindowExpr { function, partition, order, frame })),
            data_type,
            nullable,
            pretty,
        })
    }

    fn resolve_window_order(&mut self, order: &[proto::expression::SortOrder], input: &Plan) -> Result<Vec<SortKey>> {
        use proto::expression::sort_order::{NullOrdering, SortDirection};
        let mut keys = Vec::with_capacity(order.len());
        for o in order {
            let child = o.child.as_deref().ok_or_else(|| SparkError::internal("SortOrder without child"))?;
            let expr = self.resolve_expr(child, input)?;
            if matches!(expr.data_type, DataType::Map { .. }) {
                return Err(SparkError::unsupported("a window ordered by a map"));
            }
            let ascending = o.direction() != SortDirection::Descending;
            // Spark's defaults: ASC NULLS FIRST, DESC NULLS LAST.
            let nulls_first = match o.null_ordering() {
                NullOrdering::SortNullsFirst => true,
                NullOrdering::SortNullsLast => false,
                NullOrdering::SortNullsUnspecified => ascending,
            };
            keys.push(SortKey { expr, ascending, nulls_first });
        }
        Ok(keys)
    }

    /// Spark's checks of a specified frame (`SpecifiedWindowFrame.checkInputDataTypes`, `WindowSpecDefinition`),
    /// and the RANGE bounds cast to the order key's type.
    fn check_frame(&self, frame: Frame, order: &[SortKey], pretty: &dyn Fn(&Frame) -> String) -> Result<Frame> {
        let sql = pretty(&frame);
        let is_value = |b: &Bound| matches!(b, Bound::Value(_));
        // Spark compares two value bounds only (`CURRENT ROW AND -1 FOLLOWING` is a valid, empty frame).
        if let (Bound::Value(l), Bound::Value(u)) = (&frame.lower, &frame.upper) {
            if literal_value(l) > literal_value(u) {
                let t = match frame.frame_type {
                    FrameType::Rows => "ROWS",
                    FrameType::Range => "RANGE",
                };
                return Err(datatype_mismatch(
                    "SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON",
                    &format!("{t} BETWEEN {} AND {}", bound_pretty(&frame.lower).unwrap_or_default(), bound_pretty(&frame.upper).unwrap_or_default()),
                    "The lower bound of a window frame must be less than or equal to the upper bound.",
                ));
            }
        }
        if frame.frame_type == FrameType::Rows || !(is_value(&frame.lower) || is_value(&frame.upper)) {
            return Ok(frame);
        }
        // A RANGE frame with a value bound needs exactly one order key, of a type the bounds fit.
        if order.is_empty() {
            return Err(datatype_mismatch("RANGE_FRAME_WITHOUT_ORDER", &sql, "A range window frame cannot be used in an unordered window specification."));
        }
        if order.len() > 1 {
            return Err(datatype_mismatch("RANGE_FRAME_MULTI_ORDER", &sql, "A range window frame with value boundaries cannot be used in a window specification with multiple order by expressions."));
        }
        let key_type = order[0].expr.data_type.clone();
        let cast_bound = |b: Bound| -> Result<Bound> {
            match b {
                Bound::Value(e) => {
                    if !key_type.is_numeric() && !matches!(key_type, DataType::Date | DataType::Timestamp | DataType::TimestampNtz) {
                        return Err(datatype_mismatch(
                            "SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE",
                            &sql,
                            &format!("The data type of the bound \"{}\" does not match the expected data type (\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\" or \"INTERVAL\").", key_type.spark_sql()),
                        ));
                    }
                    let ok = key_type.is_numeric() && e.data_type.is_numeric();
                    if !ok {
                        return Err(datatype_mismatch(
                            "RANGE_FRAME_INVALID_TYPE",
                            &sql,
                            &format!("The data type \"{}\" used in the order specification does not support the data type \"{}\" which is used in the range frame.", key_type.spark_sql(), e.data_type.spark_sql()),
                        ));
                    }
                    if e.data_type != key_type {
                        // The bound's value must fit the key's type exactly (Spark casts it; a lossy cast would
                        // change the frame).
                        let v = literal_value(&e).unwrap_or(f64::NAN);
                        let exact = match &key_type {
                            DataType::Byte => v.fract() == 0.0 && v.abs() <= i8::MAX as f64,
                            DataType::Short => v.fract() == 0.0 && v.abs() <= i16::MAX as f64,
                            DataType::Integer => v.fract() == 0.0 && v.abs() <= i32::MAX as f64,
                            DataType::Long | DataType::Double => v.fract() == 0.0 && v.abs() < 9.0e15,
                            DataType::Float => v.fract() == 0.0 && v.abs() < 1.0e7,
                            DataType::Decimal { precision, scale } => {
                                v.fract() == 0.0 && v.abs() < 10f64.powi((*precision as i32 - *scale as i32).min(15))
                            }
                            _ => false,
                        };
                        if !exact {
                            return Err(SparkError::unsupported(format!("a range frame bound that does not fit the order key's type {}", key_type.spark_sql())));
                        }
                        Ok(Bound::Value(e.implicit_cast(&key_type)))
                    } else {
                        Ok(Bound::Value(e))
                    }
                }
                other => Ok(other),
            }
        };
        Ok(Frame { frame_type: frame.frame_type, lower: cast_bound(frame.lower)?, upper: cast_bound(frame.upper)? })
    }
}

/// The DuckDB SQL of a window expression; `sub` emits sub-expressions (with the enclosing aggregation's grouping
/// substitutions).
pub fn window_sql(w: &WindowExpr, sub: &dyn Fn(&Expr) -> Result<String>) -> Result<String> {
    let mut spec = Vec::new();
    if !w.partition.is_empty() {
        let mut p = Vec::with_capacity(w.partition.len());
        for e in &w.partition {
            let key = sub(e)?;
            // Spark partitions -0.0 with 0.0 (NormalizeFloatingNumbers).
            p.push(match e.data_type {
                DataType::Float | DataType::Double => {
                    format!("CASE WHEN {key} = 0 THEN CAST(0 AS {t}) ELSE {key} END", t = e.data_type.to_duckdb_sql())
                }
                _ => key,
            });
        }
        spec.push(format!("PARTITION BY {}", p.join(", ")));
    }
    if !w.order.is_empty() {
        let mut o = Vec::with_capacity(w.order.len());
        for k in &w.order {
            o.push(format!(
                "{} {} {}",
                sub(&k.expr)?,
                if k.ascending { "ASC" } else { "DESC" },
                if k.nulls_first { "NULLS FIRST" } else { "NULLS LAST" }
            ));
        }
        spec.push(format!("ORDER BY {}", o.join(", ")));
    }
    let ExprKind::Call { func, args, .. } = &w.function.kind else {
        return Err(SparkError::internal("a window expression without a function call"));
    };
    let arg_sql: Vec<String> = args.iter().map(sub).collect::<Result<_>>()?;
    let is_ranking = matches!(func.name, "row_number" | "rank" | "dense_rank" | "percent_rank" | "cume_dist" | "ntile");
    let is_offset = matches!(func.name, "lag" | "lead");
    // DuckDB ignores the frame of ranking and offset functions (as Spark, whose frame for them is fixed).
    if !is_ranking && !is_offset {
        spec.push(frame_sql(&w.frame, sub)?);
    }
    let over = format!("OVER ({})", spec.join(" "));
    Ok(match func.name {
        "first" | "last" | "first_value" | "last_value" => {
            format!("{} {over}", wf::first_last_window_sql(&w.function, &arg_sql))
        }
        _ if func.kind == FunctionKind::Window => {
            let call = format!("{} {over}", (func.emit)(&w.function, args, &arg_sql)?);
            match func.name {
                // DuckDB's ranks are BIGINT, Spark's INT.
                "row_number" | "rank" | "dense_rank" | "ntile" => format!("CAST({call} AS INTEGER)"),
                _ => call,
            }
        }
        _ => {
            let sql = (func.emit)(&w.function, args, &arg_sql)?;
            attach_over(&sql, &over)?
        }
    })
}

/// Appends `over` to every outermost DuckDB aggregate call in `sql` (the SQL of an aggregate's emitter): the
/// emitters of `WINDOW_AGGREGATES` wrap their aggregate calls in row-wise expressions (casts, overflow checks).
fn attach_over(sql: &str, over: &str) -> Result<String> {
    let chars: Vec<char> = sql.chars().collect();
    let mut out = String::with_capacity(sql.len() + over.len() * 2);
    let mut i = 0;
    let mut attached = 0;
    // Index just past the quoted section starting at `i` (quote char doubled inside = escaped).
    let skip_quoted = |i: usize| -> usize {
        let q = chars[i];
        let mut j = i + 1;
        while j < chars.len() {
            if chars[j] == q {
                if j + 1 < chars.len() && chars[j + 1] == q {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j += 1;
        }
        chars.len()
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' || c == '"' {
            let end = skip_quoted(i);
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        let starts_word = c.is_ascii_alphabetic() && (i == 0 || !(chars[i - 1].is_ascii_alphanumeric() || chars[i - 1] == '_'));
        if !starts_word {
            out.push(c);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
            j += 1;
        }
        let word: String = chars[i..j].iter().collect::<String>().to_ascii_lowercase();
        if j < chars.len() && chars[j] == '(' && DUCKDB_AGGREGATES.contains(&word.as_str()) {
            // The matching parenthesis, skipping quoted text.
            let mut depth = 0;
            let mut k = j;
            while k < chars.len() {
                match chars[k] {
                    '\'' | '"' => {
                        k = skip_quoted(k);
                        continue;
                    }
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                k += 1;
            }
            if k >= chars.len() {
                return Err(SparkError::internal("unbalanced aggregate SQL"));
            }
            out.extend(&chars[i..=k]);
            out.push(' ');
            out.push_str(over);
            attached += 1;
            i = k + 1;
        } else {
            out.extend(&chars[i..j]);
            i = j;
        }
    }
    if attached == 0 {
        return Err(SparkError::internal(format!("no aggregate call to evaluate over a window in {sql}")));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::attach_over;

    #[test]
    fn over_goes_after_each_outermost_aggregate_call() {
        let sql = "CASE WHEN CAST(sum(\"c1\") AS HUGEINT) > 0 THEN error('sum(x) overflow''s') ELSE count(DISTINCT f(\"sum(\")) END";
        let out = attach_over(sql, "OVER (w)").unwrap();
        assert_eq!(
            out,
            "CASE WHEN CAST(sum(\"c1\") OVER (w) AS HUGEINT) > 0 THEN error('sum(x) overflow''s') ELSE count(DISTINCT f(\"sum(\")) OVER (w) END"
        );
        assert!(attach_over("abs(\"c1\")", "OVER ()").is_err());
        assert_eq!(attach_over("list_sum(x) + sum(y)", "OVER ()").unwrap(), "list_sum(x) + sum(y) OVER ()");
    }
}
