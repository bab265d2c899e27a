//! SQL emission: the resolved logical form → one DuckDB query. Every relation becomes a `SELECT` whose columns
//! are named `"c<id>"` after the column ids (unique, so duplicate Spark names never collide); the outermost
//! `SELECT` restores Spark's names by position. Subqueries are nested freely: DuckDB's optimizer flattens them.

use crate::cast::cast_sql;
use crate::literal::Literal;
use crate::logical::{ColumnId, Expr, ExprKind, JoinType, Node, Plan};
use crate::sql::{quote_ident, quote_str};
use crate::types::DataType;
use crate::{Result, SparkError};
use std::collections::HashMap;

pub fn column_ref(id: ColumnId) -> String {
    format!("\"c{id}\"")
}

/// Whether `e` is an integral literal whose value fits `to`, a decimal type (at most precision - scale digits).
fn integral_literal_fits(e: &Expr, to: &crate::types::DataType) -> bool {
    let crate::types::DataType::Decimal { precision, scale } = to else { return false };
    let Some(value) = e.integral_literal() else { return false };
    let digits = value.unsigned_abs().checked_ilog10().map_or(1, |d| d + 1) as i32;
    digits <= *precision as i32 - *scale as i32
}

/// The DuckDB SQL of a resolved expression.
pub fn expr_sql(e: &Expr) -> Result<String> {
    expr_sql_with(e, None)
}

/// With `grouped`, sub-expressions equal to a grouping key are emitted as that key's (normalized) SQL.
fn expr_sql_with(e: &Expr, grouped: Option<&HashMap<String, String>>) -> Result<String> {
    let sql = match &e.kind {
        ExprKind::Column(id) => column_ref(*id),
        ExprKind::Literal(l) => l.to_sql(),
        ExprKind::Cast { child, mode, .. } => {
            let inner = expr_sql_with(child, grouped)?;
            if matches!(child.kind, ExprKind::Literal(Literal::Null(_))) {
                format!("CAST(NULL AS {})", e.data_type.to_duckdb_sql())
            } else if integral_literal_fits(child, &e.data_type) {
                // The range check of the general cast calls error(), which DuckDB never folds: a literal that fits
                // is cast plainly (folded to a constant) instead of being checked on every row.
                format!("CAST({inner} AS {})", e.data_type.to_duckdb_sql())
            } else {
                cast_sql(&inner, &child.data_type, &e.data_type, *mode)?
            }
        }
        ExprKind::GetField { child, field, .. } => {
            format!("struct_extract({}, {})", expr_sql_with(child, grouped)?, quote_str(field))
        }
        ExprKind::OuterColumn(id) => column_ref(*id),
        ExprKind::ArrayItem { .. } | ExprKind::MapValue { .. } | ExprKind::ArrayFields { .. } | ExprKind::UpdateFields { .. } => {
            crate::extract::extract_sql(e, &|x| expr_sql_with(x, grouped))?
        }
        ExprKind::Subquery(s) => crate::subquery::subquery_sql(s, false, &|x| expr_sql_with(x, grouped))?,
        // Spark's NOT IN (sub-query) is null-aware, unlike IN (`subquery.rs`).
        ExprKind::Call { func, args, .. }
            if matches!(func.name, "not" | "!") && args.len() == 1 && crate::subquery::negation_reaches_in(&args[0]) =>
        {
            crate::subquery::negation_sql(&args[0], &|x| expr_sql_with(x, grouped))?
        }
        ExprKind::Call { func, args, .. } => {
            // Arguments of aggregates are evaluated per input row: no grouping substitution inside.
            let inner_grouped = if func.kind == crate::functions::FunctionKind::Aggregate { None } else { grouped };
            let arg_sql: Vec<String> = args.iter().map(|a| expr_sql_with(a, inner_grouped)).collect::<Result<_>>()?;
            (func.emit)(e, args, &arg_sql)?
        }
        ExprKind::Window(w) => crate::window::window_sql(w, &|x| expr_sql_with(x, grouped))?,
        ExprKind::Udf(u) => {
            let arg_sql: Vec<String> = u.args.iter().map(|a| expr_sql_with(a, grouped)).collect::<Result<_>>()?;
            crate::udf::udf_sql(u, &arg_sql)
        }
        // The higher-order function's emit writes the `lambda params:` head (functions/higher_order.rs).
        ExprKind::Lambda { body, .. } => expr_sql_with(body, grouped)?,
        ExprKind::LambdaVariable { sql, element_of: None, .. } => sql.clone(),
        ExprKind::LambdaVariable { sql, element_of: Some(array), .. } => format!("({})[{sql}]", expr_sql_with(array, grouped)?),
    };
    if let Some(map) = grouped {
        if let Some(key) = map.get(&sql) {
            return Ok(key.clone());
        }
    }
    Ok(sql)
}

/// A grouping key as emitted in GROUP BY and SELECT: Spark groups -0.0 with 0.0 and outputs 0.0.
fn group_key_sql(e: &Expr, raw: &str) -> String {
    match e.data_type {
        DataType::Float | DataType::Double => {
            format!("CASE WHEN {raw} = 0 THEN CAST(0 AS {t}) ELSE {raw} END", t = e.data_type.to_duckdb_sql())
        }
        _ => raw.to_string(),
    }
}

pub struct Emitter {
    next_alias: usize,
    /// Distinguishes the aliases of a sub-query's relations from those of the query around it.
    prefix: String,
}

impl Default for Emitter {
    fn default() -> Self {
        Self::new()
    }
}

impl Emitter {
    pub fn new() -> Self {
        Emitter { next_alias: 0, prefix: String::new() }
    }

    /// The emitter of a sub-query expression's plan; `tag` is unique in the query.
    pub fn nested(tag: usize) -> Self {
        Emitter { next_alias: 0, prefix: format!("{tag}_") }
    }

    fn alias(&mut self) -> String {
        self.next_alias += 1;
        format!("\"q{}{}\"", self.prefix, self.next_alias)
    }

    /// The final query: Spark's names, in Spark's order.
    pub fn emit_root(&mut self, plan: &Plan) -> Result<String> {
        if plan.output.is_empty() {
            return Err(SparkError::unsupported("a result without columns"));
        }
        let inner = self.emit_plan(plan)?;
        // DuckDB rejects the empty identifier (`AS ""`, also in `RENAME`): a column Spark names "" (e.g. `lit("")`)
        // keeps its internal name. Results cross by position with Spark's schema, so DuckDB's names are cosmetic.
        let cols: Vec<String> = plan
            .output
            .iter()
            .map(|c| if c.name.is_empty() { column_ref(c.id) } else { format!("{} AS {}", column_ref(c.id), quote_ident(&c.name)) })
            .collect();
        Ok(format!("SELECT {} FROM ({inner}) AS {}", cols.join(", "), self.alias()))
    }

    /// The FROM clause of a join. A chain of inner and cross joins on the left (`FROM a, b, c WHERE ...`) is
    /// emitted as one flat FROM clause, without a sub-query per join: DuckDB's join order optimizer does not reorder
    /// across projections, and a chain of nested sub-queries would keep the text's order, with cross products where
    /// a join condition only links tables further on (TPC-DS Q64).
    fn join_from(&mut self, plan: &Plan) -> Result<String> {
        let Node::Join { left, right, join_type, condition } = &plan.node else {
            return Err(SparkError::internal("join_from on a plan that is not a join"));
        };
        let inner_chain = |p: &Plan| match &p.node {
            Node::Join { left, right, join_type: JoinType::Inner | JoinType::Cross, .. } => {
                // The flat FROM clause exposes both sides' columns: only when the join outputs exactly those.
                p.output.len() == left.output.len() + right.output.len()
                    && p.output.iter().zip(left.output.iter().chain(right.output.iter())).all(|(a, b)| a.id == b.id)
            }
            _ => false,
        };
        let l = if matches!(join_type, JoinType::Inner | JoinType::Cross) && inner_chain(left) {
            self.join_from(left)?
        } else {
            let sql = self.emit_plan(left)?;
            format!("({sql}) AS {}", self.alias())
        };
        let r = self.emit_plan(right)?;
        let ra = self.alias();
        let on = match (condition, join_type) {
            (Some(c), _) => format!(" ON {}", expr_sql(c)?),
            (None, JoinType::Inner | JoinType::Cross) => String::new(),
            // Outer, semi and anti joins without a condition match every pair.
            (None, _) => " ON TRUE".to_string(),
        };
        let keyword = match (condition, join_type) {
            (None, JoinType::Inner) => JoinType::Cross.sql(),
            (Some(_), JoinType::Cross) => JoinType::Inner.sql(),
            _ => join_type.sql(),
        };
        Ok(format!("{l} {keyword} ({r}) AS {ra}{on}"))
    }

    pub fn emit_plan(&mut self, plan: &Plan) -> Result<String> {
        Ok(match &plan.node {
            Node::OneRow => "SELECT 1 AS \"c0\"".to_string(),
            Node::Empty => {
                let cols: Vec<String> = plan
                    .output
                    .iter()
                    .map(|c| format!("CAST(NULL AS {}) AS {}", c.data_type.to_duckdb_sql(), column_ref(c.id)))
                    .collect();
                if cols.is_empty() {
                    return Err(SparkError::unsupported("a relation without columns"));
                }
                format!("SELECT {} WHERE FALSE", cols.join(", "))
            }
            Node::Range { start, end, step } => {
                let id = plan.output[0].id;
                format!("SELECT \"range\" AS {} FROM range(CAST({start} AS BIGINT), CAST({end} AS BIGINT), CAST({step} AS BIGINT))", column_ref(id))
            }
            Node::LocalTable { name, source_columns, source_types } => {
                let mut cols = Vec::with_capacity(plan.output.len());
                for ((c, src), src_type) in plan.output.iter().zip(source_columns).zip(source_types) {
                    let v = quote_ident(src);
                    let v = if *src_type == c.data_type {
                        v
                    } else {
                        cast_sql(&v, src_type, &c.data_type, crate::logical::CastMode::Ansi)?
                    };
                    cols.push(format!("{v} AS {}", column_ref(c.id)));
                }
                if cols.is_empty() {
                    return Err(SparkError::unsupported("local data without columns"));
                }
                format!("SELECT {} FROM {}", cols.join(", "), quote_ident(name))
            }
            Node::ReadParquet { paths, source_columns, scan } => {
                let cols: Vec<String> = plan
                    .output
                    .iter()
                    .zip(source_columns)
                    .map(|(c, src)| format!("{} AS {}", quote_ident(src), column_ref(c.id)))
                    .collect();
                match scan {
                    // The catalog's scan: columns named by the Spark field names, values in Spark's types.
                    Some(scan) => format!("SELECT {} FROM ({scan}) AS {}", cols.join(", "), self.alias()),
                    None => {
                        let list: Vec<String> = paths.iter().map(|p| quote_str(p)).collect();
                        format!("SELECT {} FROM read_parquet([{}])", cols.join(", "), list.join(", "))
                    }
                }
            }
            Node::Deduplicate { input, keys } => {
                let child = self.emit_plan(input)?;
                let is_key = |id: ColumnId| keys.as_ref().map_or(true, |k| k.contains(&id));
                // Spark normalizes float keys (-0.0 → 0.0) before comparing them, and outputs the normalized value.
                let cols: Vec<String> = plan
                    .output
                    .iter()
                    .map(|c| {
                        let r = column_ref(c.id);
                        match c.data_type {
                            DataType::Float | DataType::Double if is_key(c.id) => {
                                let probe = Expr { kind: ExprKind::Column(c.id), data_type: c.data_type.clone(), nullable: c.nullable, pretty: None };
                                format!("{} AS {r}", group_key_sql(&probe, &r))
                            }
                            _ => r,
                        }
                    })
                    .collect();
                let normalized = format!("SELECT {} FROM ({child}) AS {}", cols.join(", "), self.alias());
                match keys {
                    None => format!("SELECT DISTINCT * FROM ({normalized}) AS {}", self.alias()),
                    // One whole row per key (Spark keeps an arbitrary one: the first of the group).
                    Some(keys) => {
                        let on: Vec<String> = keys.iter().map(|id| column_ref(*id)).collect();
                        format!("SELECT DISTINCT ON ({}) * FROM ({normalized}) AS {}", on.join(", "), self.alias())
                    }
                }
            }
            Node::Project { input, exprs } => {
                let mut cols = Vec::with_capacity(exprs.len());
                let mut seen = Vec::with_capacity(exprs.len());
                for ne in exprs {
                    if seen.contains(&ne.id) {
                        continue;
                    }
                    seen.push(ne.id);
                    match ne.expr.kind {
                        ExprKind::Column(id) if id == ne.id => cols.push(column_ref(id)),
                        _ => cols.push(format!("{} AS {}", expr_sql(&ne.expr)?, column_ref(ne.id))),
                    }
                }
                if cols.is_empty() {
                    return Err(SparkError::unsupported("a projection without columns"));
                }
                if let Node::OneRow = input.node {
                    format!("SELECT {}", cols.join(", "))
                } else {
                    let child = self.emit_plan(input)?;
                    format!("SELECT {} FROM ({child}) AS {}", cols.join(", "), self.alias())
                }
            }
            Node::Filter { input, condition } => {
                let child = self.emit_plan(input)?;
                format!("SELECT * FROM ({child}) AS {} WHERE {}", self.alias(), expr_sql(condition)?)
            }
            Node::Sort { input, keys } => {
                let child = self.emit_plan(input)?;
                let mut order = Vec::with_capacity(keys.len());
                for k in keys {
                    let key = expr_sql(&k.expr)?;
                    // DuckDB's sort hands back float keys rebuilt from its normalized sort key (-0.0 comes out as
                    // 0.0); Spark keeps the value. Sorting on `x + 0` (an expression, -0.0 + 0 = 0.0, NaN stays)
                    // leaves the column itself untouched, and -0.0 and 0.0 still tie as in Spark.
                    let key = match k.expr.data_type {
                        DataType::Float | DataType::Double => {
                            format!("({key} + CAST(0 AS {}))", k.expr.data_type.to_duckdb_sql())
                        }
                        _ => key,
                    };
                    order.push(format!(
                        "{} {} {}",
                        key,
                        if k.ascending { "ASC" } else { "DESC" },
                        if k.nulls_first { "NULLS FIRST" } else { "NULLS LAST" }
                    ));
                }
                format!("SELECT * FROM ({child}) AS {} ORDER BY {}", self.alias(), order.join(", "))
            }
            Node::Limit { input, limit } => {
                let child = self.emit_plan(input)?;
                format!("SELECT * FROM ({child}) AS {} LIMIT {limit}", self.alias())
            }
            Node::Offset { input, offset } => {
                let child = self.emit_plan(input)?;
                format!("SELECT * FROM ({child}) AS {} OFFSET {offset}", self.alias())
            }
            Node::SubqueryAlias { input } => self.emit_plan(input)?,
            Node::SetOp { left, right, kind, all, left_exprs, right_exprs, normalize_floats } => {
                let mut sides = Vec::with_capacity(2);
                for (input, exprs) in [(left, left_exprs), (right, right_exprs)] {
                    let mut cols = Vec::with_capacity(exprs.len());
                    for (c, e) in plan.output.iter().zip(exprs) {
                        let raw = expr_sql(e)?;
                        let v = if *normalize_floats { group_key_sql(e, &raw) } else { raw };
                        cols.push(format!("{v} AS {}", column_ref(c.id)));
                    }
                    let child = self.emit_plan(input)?;
                    sides.push(format!("SELECT {} FROM ({child}) AS {}", cols.join(", "), self.alias()));
                }
                format!("SELECT * FROM (({}) {} ({})) AS {}", sides[0], kind.sql(*all), sides[1], self.alias())
            }
            Node::Join { .. } => {
                // Column names are unique ids, so the select list needs no table qualifiers.
                let cols: Vec<String> = plan.output.iter().map(|c| column_ref(c.id)).collect();
                format!("SELECT {} FROM {}", cols.join(", "), self.join_from(plan)?)
            }
            Node::Unpivot { input, ids, values, variable_id, value_id } => {
                let child = self.emit_plan(input)?;
                // A list of structs per row, unnested in order: rows come out input row by input row, value columns
                // in the given order, as Spark's Expand.
                let mut entries = Vec::with_capacity(values.len());
                for (name, e) in values {
                    entries.push(format!("{{'n': {}, 'v': {}}}", quote_str(name), expr_sql(e)?));
                }
                let inner = self.alias();
                let mut cols: Vec<String> = Vec::with_capacity(ids.len() + 2);
                for ne in ids {
                    cols.push(format!("{} AS {}", expr_sql(&ne.expr)?, column_ref(ne.id)));
                }
                let with_list = format!("SELECT *, unnest([{}]) AS \"sd_unpivot\" FROM ({child}) AS {inner}", entries.join(", "));
                cols.push(format!("struct_extract(\"sd_unpivot\", 'n') AS {}", column_ref(*variable_id)));
                cols.push(format!("struct_extract(\"sd_unpivot\", 'v') AS {}", column_ref(*value_id)));
                format!("SELECT {} FROM ({with_list}) AS {}", cols.join(", "), self.alias())
            }
            Node::Generate { input, generator, outputs } => {
                let mut child = self.emit_plan(input)?;
                let ExprKind::Call { func, args, .. } = &generator.kind else {
                    return Err(SparkError::internal("a generator that is not a call"));
                };
                let outer = func.name.ends_with("_outer");
                let mut arg = expr_sql(&args[0])?;
                if outer {
                    // The `_outer` list below reads its argument three times: computed once, as a column.
                    child = format!("SELECT *, {arg} AS \"sd_gen_arg\" FROM ({child}) AS {}", self.alias());
                    arg = "\"sd_gen_arg\"".to_string();
                }
                let is_map = matches!(args[0].data_type, DataType::Map { .. });
                let position = func.name.starts_with("posexplode");
                // The list to unnest: the array, or the map's {key, value} entries; with the position, each element
                // as {'p': 0-based index, 'v': element}.
                let mut list = if is_map { format!("map_entries({arg})") } else { arg.clone() };
                if position {
                    list = format!("list_transform({list}, lambda sd_e, sd_i: {{'p': CAST(sd_i - 1 AS INTEGER), 'v': sd_e}})");
                }
                // `_outer`: a null or empty input yields one row of nulls.
                if outer {
                    let size = if is_map { "cardinality" } else { "len" };
                    list = format!("CASE WHEN {arg} IS NULL OR {size}({arg}) = 0 THEN [NULL] ELSE {list} END");
                }
                let element = if position { "struct_extract(\"sd_gen\", 'v')".to_string() } else { "\"sd_gen\"".to_string() };
                let mut values = Vec::with_capacity(outputs.len());
                if position {
                    values.push("struct_extract(\"sd_gen\", 'p')".to_string());
                }
                if is_map {
                    values.push(format!("struct_extract({element}, 'key')"));
                    values.push(format!("struct_extract({element}, 'value')"));
                } else if func.name.starts_with("inline") {
                    let n = outputs.len();
                    values.extend((1..=n).map(|i| format!("struct_extract_at({element}, {i})")));
                } else {
                    values.push(element);
                }
                let mut cols: Vec<String> = input.output.iter().map(|c| column_ref(c.id)).collect();
                for (value, id) in values.iter().zip(outputs) {
                    cols.push(format!("{value} AS {}", column_ref(*id)));
                }
                let inner = format!("SELECT *, unnest({list}) AS \"sd_gen\" FROM ({child}) AS {}", self.alias());
                format!("SELECT {} FROM ({inner}) AS {}", cols.join(", "), self.alias())
            }
            Node::Aggregate { input, groups, aggregates, grouping_sets } => {
                let mut keys = HashMap::with_capacity(groups.len());
                let mut group_by = Vec::with_capacity(groups.len());
                for g in groups {
                    let raw = expr_sql(g)?;
                    let key = group_key_sql(g, &raw);
                    if !group_by.contains(&key) {
                        group_by.push(key.clone());
                    }
                    keys.insert(raw, key);
                }
                let mut cols = Vec::with_capacity(aggregates.len());
                let mut seen = Vec::with_capacity(aggregates.len());
                for ne in aggregates {
                    if seen.contains(&ne.id) {
                        continue;
                    }
                    seen.push(ne.id);
                    cols.push(format!("{} AS {}", expr_sql_with(&ne.expr, Some(&keys))?, column_ref(ne.id)));
                }
                let child = self.emit_plan(input)?;
                let mut sql = format!("SELECT {} FROM ({child}) AS {}", cols.join(", "), self.alias());
                if let Some(sets) = grouping_sets {
                    // Each set lists indices into `groups`.
                    let mut rendered = Vec::with_capacity(sets.len());
                    for set in sets {
                        let mut keys_of_set: Vec<String> = Vec::with_capacity(set.len());
                        for &i in set {
                            let g = groups.get(i).ok_or_else(|| SparkError::internal("grouping set index out of range"))?;
                            let key = group_key_sql(g, &expr_sql(g)?);
                            if !keys_of_set.contains(&key) {
                                keys_of_set.push(key);
                            }
                        }
                        rendered.push(format!("({})", keys_of_set.join(", ")));
                    }
                    // Spark's Expand makes no row of an empty input, so not even the empty set's row.
                    sql.push_str(&format!(" GROUP BY GROUPING SETS ({}) HAVING count(*) > 0", rendered.join(", ")));
                } else if !group_by.is_empty() {
                    sql.push_str(" GROUP BY ");
                    sql.push_str(&group_by.join(", "));
                }
                sql
            }
        })
    }
}

