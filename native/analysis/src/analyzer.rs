//! Resolution of Spark Connect relations and expressions into the logical form, with Spark's analyzer rules:
//! name resolution (case sensitivity, qualifiers, plan ids), star expansion, type coercion (through the function
//! registry), aggregation checks and Spark's output names.

use crate::cast::{cast_nullable, check_cast};
use crate::functions::{self, CallContext};
use crate::literal::Literal;
use crate::logical::{CastMode, Column, ColumnId, Expr, ExprKind, NamedExpr, Node, Plan, SortKey};
use crate::translate::LocalTable;
use crate::types::{parse_type_string, schema_from_json, DataType, Field};
use crate::{AnalysisConfig, Catalog, Result, SparkError};
use sparkduck_plan::proto;
use sparkduck_plan::proto::expression::ExprType;
use sparkduck_plan::proto::relation::RelType;

pub struct Analyzer<'a> {
    pub(crate) catalog: &'a dyn Catalog,
    pub(crate) config: &'a AnalysisConfig,
    pub(crate) next_id: ColumnId,
    pub local_tables: Vec<LocalTable>,
    /// The names of a multi-name alias on a generator (`posexplode(a).as(Seq("p", "v"))`), from `resolve_named`
    /// to the `project_items` that plans the generator (`generate.rs`).
    pub(crate) generator_aliases: Option<Vec<String>>,
    /// UDFs called so far (`udf.rs`).
    pub udfs: Vec<crate::udf::UdfUse>,
    /// Relations of the enclosing `WithRelations`, innermost last, by plan id (`subquery.rs`).
    pub(crate) relation_scopes: Vec<std::collections::HashMap<i64, proto::Relation>>,
    /// The queries enclosing the sub-query being resolved, innermost last (`subquery.rs`).
    pub(crate) outer_scopes: Vec<crate::subquery::OuterScope>,
    /// Lambda variables in scope, innermost last (`lambda.rs`).
    pub(crate) lambda_scope: Vec<crate::lambda::LambdaBinding>,
}

/// Spark's `toSQLId`: every part back-quoted.
pub fn to_sql_id(parts: &[String]) -> String {
    parts.iter().map(|p| format!("`{}`", p.replace('`', "``"))).collect::<Vec<_>>().join(".")
}

pub(crate) fn column_sql_id(c: &Column) -> String {
    let mut parts = c.qualifier.clone();
    parts.push(c.name.clone());
    to_sql_id(&parts)
}

/// Splits a Spark attribute name into parts: dots separate, back-quotes quote (`` `a.b`.c ``, ``` `` ``` escapes).
pub fn parse_attribute_name(name: &str) -> Result<Vec<String>> {
    let err = || {
        SparkError::new(
            "INVALID_ATTRIBUTE_NAME_SYNTAX",
            format!(
                "Syntax error in the attribute name: {name}. Check that backticks appear in pairs, a quoted string is a complete name part and use a backtick only inside quoted name parts."
            ),
        )
        .with_sql_state("42601")
    };
    let chars: Vec<char> = name.chars().collect();
    let (mut parts, mut current, mut in_quotes, mut quoted_part) = (Vec::new(), String::new(), false, false);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if in_quotes {
            if c == '`' {
                if i + 1 < chars.len() && chars[i + 1] == '`' {
                    current.push('`');
                    i += 1;
                } else {
                    in_quotes = false;
                    if i + 1 < chars.len() && chars[i + 1] != '.' {
                        return Err(err());
                    }
                }
            } else {
                current.push(c);
            }
        } else if c == '`' {
            if !current.is_empty() {
                return Err(err());
            }
            in_quotes = true;
            quoted_part = true;
        } else if c == '.' {
            if current.is_empty() && !quoted_part {
                return Err(err());
            }
            parts.push(std::mem::take(&mut current));
            quoted_part = false;
        } else {
            current.push(c);
        }
        i += 1;
    }
    if in_quotes || (current.is_empty() && !quoted_part && !parts.is_empty()) {
        return Err(err());
    }
    parts.push(current);
    Ok(parts)
}

pub(crate) fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

pub(crate) fn unresolved_column(parts: &[String], input: &[Column]) -> SparkError {
    let name = to_sql_id(parts);
    if input.is_empty() {
        return SparkError::new(
            "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION",
            format!("A column, variable, or function parameter with name {name} cannot be resolved."),
        )
        .with_sql_state("42703");
    }
    // Spark orders the candidates by similarity to the unresolved name and shows the closest five.
    let mut candidates: Vec<String> = input.iter().map(column_sql_id).collect();
    candidates.dedup();
    candidates.sort_by_key(|c| levenshtein(&name, c));
    candidates.truncate(5);
    SparkError::new(
        "UNRESOLVED_COLUMN.WITH_SUGGESTION",
        format!(
            "A column, variable, or function parameter with name {name} cannot be resolved. Did you mean one of the following? [{}].",
            candidates.join(", ")
        ),
    )
    .with_sql_state("42703")
}

pub(crate) fn cannot_resolve_dataframe_column(parts: &[String]) -> SparkError {
    SparkError::new(
        "CANNOT_RESOLVE_DATAFRAME_COLUMN",
        format!(
            "Cannot resolve dataframe column {}. It's probably because of illegal references like `df1.select(df2.col(\"a\"))`.",
            to_sql_id(parts)
        ),
    )
    .with_sql_state("42704")
}

pub(crate) fn column_expr(c: &Column, shown_name: &str) -> Expr {
    Expr {
        kind: ExprKind::Column(c.id),
        data_type: c.data_type.clone(),
        nullable: c.nullable,
        pretty: Some(shown_name.to_string()),
    }
}

pub(crate) fn limit_error(kind: &str, value: i64) -> SparkError {
    SparkError::new(
        "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE",
        format!("The {kind} expression \"{value}\" is invalid. The {kind} expression must be equal to or greater than 0, but got {value}."),
    )
    .with_sql_state("42K0E")
}

/// Spark's error for an unknown table or view name.
pub(crate) fn table_not_found(identifier: &str) -> SparkError {
    let name = parse_attribute_name(identifier).map(|parts| to_sql_id(&parts)).unwrap_or_else(|_| identifier.to_string());
    SparkError::new(
        "TABLE_OR_VIEW_NOT_FOUND",
        format!("The table or view {name} cannot be found. Verify the spelling and correctness of the schema and catalog.\nSearch path: [`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`].\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS."),
    )
    .with_sql_state("42P01")
}

pub(crate) fn missing_input(what: &str) -> SparkError {
    SparkError::internal(format!("{what} without its input relation"))
}

impl<'a> Analyzer<'a> {
    pub fn new(catalog: &'a dyn Catalog, config: &'a AnalysisConfig) -> Self {
        Analyzer {
            catalog,
            config,
            next_id: 0,
            local_tables: Vec::new(),
            generator_aliases: None,
            udfs: Vec::new(),
            relation_scopes: Vec::new(),
            outer_scopes: Vec::new(),
            lambda_scope: Vec::new(),
        }
    }

    pub(crate) fn new_id(&mut self) -> ColumnId {
        self.next_id += 1;
        self.next_id
    }

    pub(crate) fn names_equal(&self, a: &str, b: &str) -> bool {
        if self.config.case_sensitive {
            a == b
        } else {
            a.eq_ignore_ascii_case(b) || (!a.is_ascii() || !b.is_ascii()) && a.to_lowercase() == b.to_lowercase()
        }
    }

    // -----------------------------------------------------------------------------------------------------
    // Relations

    /// A persisted relation read from its table: fresh column ids, Spark's names, types and nullability.
    fn cached_plan(&mut self, cached: crate::CachedRelation, plan_id: Option<i64>) -> Plan {
        let output: Vec<Column> = cached
            .fields
            .iter()
            .map(|f| Column { id: self.new_id(), name: f.name.clone(), qualifier: vec![], data_type: f.data_type.clone(), nullable: f.nullable })
            .collect();
        let source_columns = (0..output.len()).map(|i| format!("col{i}")).collect();
        let source_types = cached.fields.iter().map(|f| f.data_type.clone()).collect();
        Plan { node: Node::LocalTable { name: cached.table, source_columns, source_types }, output, plan_id }
    }

    pub fn resolve_relation(&mut self, rel: &proto::Relation) -> Result<Plan> {
        let plan_id = rel.common.as_ref().and_then(|c| c.plan_id);
        if let Some(cached) = self.catalog.cached_relation(rel) {
            return Ok(self.cached_plan(cached, plan_id));
        }
        let rel_type = rel.rel_type.as_ref().ok_or_else(|| SparkError::internal("relation without a type"))?;
        let mut plan = match rel_type {
            RelType::Range(r) => self.resolve_range(r)?,
            RelType::LocalRelation(l) => self.resolve_local_relation(l)?,
            RelType::Read(r) => self.resolve_read(r)?,
            RelType::Project(p) => {
                let input = match &p.input {
                    Some(i) => self.resolve_relation(i)?,
                    None => Plan { node: Node::OneRow, output: vec![], plan_id: None },
                };
                self.resolve_project(input, &p.expressions)?
            }
            RelType::Filter(f) => {
                let input = self.resolve_relation(f.input.as_deref().ok_or_else(|| missing_input("Filter"))?)?;
                let cond = f.condition.as_ref().ok_or_else(|| SparkError::internal("Filter without condition"))?;
                self.resolve_filter(input, cond)?
            }
            RelType::Sort(s) => {
                let input = self.resolve_relation(s.input.as_deref().ok_or_else(|| missing_input("Sort"))?)?;
                self.resolve_sort(input, &s.order)?
            }
            RelType::Limit(l) => {
                let input = self.resolve_relation(l.input.as_deref().ok_or_else(|| missing_input("Limit"))?)?;
                if l.limit < 0 {
                    return Err(limit_error("limit", l.limit as i64));
                }
                let output = input.output.clone();
                Plan { node: Node::Limit { input: Box::new(input), limit: l.limit as i64 }, output, plan_id: None }
            }
            RelType::Offset(o) => {
                let input = self.resolve_relation(o.input.as_deref().ok_or_else(|| missing_input("Offset"))?)?;
                if o.offset < 0 {
                    return Err(limit_error("offset", o.offset as i64));
                }
                let output = input.output.clone();
                Plan { node: Node::Offset { input: Box::new(input), offset: o.offset as i64 }, output, plan_id: None }
            }
            RelType::Aggregate(a) => {
                let input = self.resolve_relation(a.input.as_deref().ok_or_else(|| missing_input("Aggregate"))?)?;
                self.resolve_aggregate(input, a)?
            }
            RelType::SubqueryAlias(s) => {
                let input = self.resolve_relation(s.input.as_deref().ok_or_else(|| missing_input("SubqueryAlias"))?)?;
                let mut qualifier = s.qualifier.clone();
                qualifier.push(s.alias.clone());
                let output = input
                    .output
                    .iter()
                    .map(|c| Column { qualifier: qualifier.clone(), ..c.clone() })
                    .collect();
                Plan { node: Node::SubqueryAlias { input: Box::new(input) }, output, plan_id: None }
            }
            RelType::WithColumns(w) => {
                let input = self.resolve_relation(w.input.as_deref().ok_or_else(|| missing_input("WithColumns"))?)?;
                self.resolve_with_columns(input, &w.aliases)?
            }
            RelType::Drop(d) => {
                let input = self.resolve_relation(d.input.as_deref().ok_or_else(|| missing_input("Drop"))?)?;
                self.resolve_drop(input, d)?
            }
            RelType::ToDf(t) => {
                let input = self.resolve_relation(t.input.as_deref().ok_or_else(|| missing_input("ToDF"))?)?;
                self.resolve_to_df(input, &t.column_names)?
            }
            RelType::WithColumnsRenamed(w) => {
                let input = self.resolve_relation(w.input.as_deref().ok_or_else(|| missing_input("WithColumnsRenamed"))?)?;
                let mut renames: Vec<(String, String)> =
                    w.renames.iter().map(|r| (r.col_name.clone(), r.new_col_name.clone())).collect();
                if renames.is_empty() {
                    let mut legacy: Vec<(String, String)> =
                        w.rename_columns_map.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                    legacy.sort();
                    renames = legacy;
                }
                self.resolve_renames(input, &renames)?
            }
            RelType::Unpivot(u) => {
                let input = self.resolve_relation(u.input.as_deref().ok_or_else(|| missing_input("Unpivot"))?)?;
                self.resolve_unpivot(input, u)?
            }
            RelType::Deduplicate(d) => {
                let input = self.resolve_relation(d.input.as_deref().ok_or_else(|| missing_input("Deduplicate"))?)?;
                self.resolve_deduplicate(input, d)?
            }
            RelType::Join(j) => self.resolve_join(j)?,
            RelType::SetOp(s) => self.resolve_set_operation(s)?,
            RelType::Hint(h) => self.resolve_hint(h)?,
            RelType::Tail(t) => self.resolve_tail(t)?,
            RelType::Sample(s) => self.resolve_sample(s)?,
            RelType::DropNa(d) => self.resolve_na_drop(d)?,
            RelType::FillNa(f) => self.resolve_na_fill(f)?,
            RelType::Repartition(r) => self.resolve_repartition(r)?,
            RelType::RepartitionByExpression(r) => self.resolve_repartition_by_expression(r)?,
            RelType::WithRelations(w) => self.resolve_with_relations(w)?,
            other => return Err(SparkError::unsupported(format!("relation {}", relation_name(other)))),
        };
        plan.plan_id = plan_id;
        Ok(plan)
    }

    pub(crate) fn resolve_range(&mut self, r: &proto::Range) -> Result<Plan> {
        if r.step == 0 {
            return Err(SparkError::new("INTERNAL_ERROR", "requirement failed: step (0) cannot be 0").with_sql_state("XX000"));
        }
        let id = self.new_id();
        let output = vec![Column { id, name: "id".into(), qualifier: vec![], data_type: DataType::Long, nullable: false }];
        Ok(Plan { node: Node::Range { start: r.start.unwrap_or(0), end: r.end, step: r.step }, output, plan_id: None })
    }

    pub(crate) fn resolve_local_relation(&mut self, l: &proto::LocalRelation) -> Result<Plan> {
        let declared = match &l.schema {
            Some(s) => Some(schema_from_json(s)?),
            None => None,
        };
        let Some(data) = &l.data else {
            let fields = declared.ok_or_else(|| SparkError::internal("LocalRelation without data and schema"))?;
            let output = fields.iter().map(|f| self.field_column(f)).collect();
            return Ok(Plan { node: Node::Empty, output, plan_id: None });
        };
        let reader = arrow::ipc::reader::StreamReader::try_new(std::io::Cursor::new(data.as_slice()), None)
            .map_err(|e| SparkError::internal(format!("cannot read the Arrow IPC schema of local data: {e}")))?;
        let arrow_schema = reader.schema();
        let mut source_columns = Vec::with_capacity(arrow_schema.fields().len());
        let mut source_types = Vec::with_capacity(arrow_schema.fields().len());
        let mut arrow_fields = Vec::with_capacity(arrow_schema.fields().len());
        for f in arrow_schema.fields() {
            let t = DataType::from_arrow(f.data_type())?;
            source_columns.push(f.name().clone());
            source_types.push(t.clone());
            arrow_fields.push(Field::new(f.name().clone(), t, f.is_nullable()));
        }
        let fields = match declared {
            Some(fields) => {
                if fields.len() != arrow_fields.len() {
                    return Err(SparkError::internal(format!(
                        "local data has {} columns but its schema {}",
                        arrow_fields.len(),
                        fields.len()
                    )));
                }
                fields
            }
            None => arrow_fields,
        };
        let output = fields.iter().map(|f| self.field_column(f)).collect();
        let name = format!("__sparkduck_local_{}", self.local_tables.len());
        self.local_tables.push(LocalTable { name: name.clone(), ipc: data.clone() });
        Ok(Plan { node: Node::LocalTable { name, source_columns, source_types }, output, plan_id: None })
    }

    pub(crate) fn field_column(&mut self, f: &Field) -> Column {
        Column { id: self.new_id(), name: f.name.clone(), qualifier: vec![], data_type: f.data_type.clone(), nullable: f.nullable }
    }

    pub(crate) fn resolve_read(&mut self, r: &proto::Read) -> Result<Plan> {
        use proto::read::ReadType;
        if r.is_streaming {
            return Err(SparkError::unsupported("streaming reads"));
        }
        let ds = match r.read_type.as_ref().ok_or_else(|| SparkError::internal("Read without a type"))? {
            // The native catalog has no tables yet (temporary views are resolved in the JVM): every name is unknown.
            ReadType::NamedTable(t) => return Err(table_not_found(&t.unparsed_identifier)),
            ReadType::DataSource(ds) => ds,
        };
        // spark.sql.sources.default is parquet. Which formats and options are supported is the catalog's call.
        let format = ds.format.clone().unwrap_or_else(|| "parquet".into()).to_ascii_lowercase();
        let schema = match &ds.schema {
            Some(json) => Some(parse_read_schema(json)?),
            None => None,
        };
        let options: std::collections::BTreeMap<String, String> =
            ds.options.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.clone())).collect();
        let source = crate::FileSource { format: &format, paths: &ds.paths, options: &options, schema: schema.as_deref() };
        let crate::FileScan { fields, scan } = self.catalog.file_source(&source)?;
        let source_columns = fields.iter().map(|f| f.name.clone()).collect();
        let output = fields.iter().map(|f| self.field_column(f)).collect();
        Ok(Plan { node: Node::ReadParquet { paths: ds.paths.clone(), source_columns, scan }, output, plan_id: None })
    }

    /// `distinct()` / `dropDuplicates()` (all columns) and `dropDuplicates(names)`: every column whose name matches
    /// a given name is a key (Dataset.dropDuplicates); a name matching none is an error.
    pub(crate) fn resolve_deduplicate(&mut self, input: Plan, d: &proto::Deduplicate) -> Result<Plan> {
        if d.within_watermark == Some(true) {
            return Err(SparkError::unsupported("dropDuplicatesWithinWatermark"));
        }
        let keys = if d.all_columns_as_keys == Some(true) || d.column_names.is_empty() {
            None
        } else {
            let mut keys: Vec<ColumnId> = Vec::new();
            for name in &d.column_names {
                let matching: Vec<ColumnId> =
                    input.output.iter().filter(|c| self.names_equal(&c.name, name)).map(|c| c.id).collect();
                if matching.is_empty() {
                    let fields: Vec<&str> = input.output.iter().map(|c| c.name.as_str()).collect();
                    return Err(SparkError::new(
                        "UNRESOLVED_COLUMN_AMONG_FIELD_NAMES",
                        format!("Cannot resolve column name \"{name}\" among ({}).", fields.join(", ")),
                    )
                    .with_sql_state("42703"));
                }
                for id in matching {
                    if !keys.contains(&id) {
                        keys.push(id);
                    }
                }
            }
            Some(keys)
        };
        let output = input.output.clone();
        Ok(Plan { node: Node::Deduplicate { input: Box::new(input), keys }, output, plan_id: None })
    }

    pub(crate) fn resolve_project(&mut self, input: Plan, exprs: &[proto::Expression]) -> Result<Plan> {
        let mut items = Vec::new();
        for e in exprs {
            items.extend(self.resolve_named(e, &input)?);
        }
        self.project_items(input, items)
    }

    /// Spark's `ResolveMissingReferences`: a Sort or Filter over a projection may refer to columns the projection
    /// dropped. They are added to the projection, and a projection on top restores its output.
    pub(crate) fn with_missing_references(
        &mut self,
        input: Plan,
        references: &[&proto::Expression],
        resolve: impl Fn(&mut Self, Plan) -> Result<Plan>,
    ) -> Result<Plan> {
        let first = match &input.node {
            Node::Project { input: grand, .. } if !matches!(grand.node, Node::OneRow) => None,
            _ => Some(()),
        };
        if first.is_some() {
            return resolve(self, input);
        }
        let snapshot = input.clone();
        match resolve(self, input) {
            Err(e) if e.error_class.starts_with("UNRESOLVED_COLUMN") || e.error_class == "CANNOT_RESOLVE_DATAFRAME_COLUMN" => {
                let Plan { node: Node::Project { input: grand, mut exprs }, mut output, plan_id } = snapshot else {
                    unreachable!()
                };
                let original = output.clone();
                // A dropped column named like an output column stays hidden (the output's name wins), unless the
                // expressions name it with its own qualifier (`ORDER BY b.age` under `SELECT a.age, ...`).
                let mut qualified = Vec::new();
                for e in references {
                    qualified_references(e, &mut qualified);
                }
                for c in &grand.output {
                    let named_by_qualifier = c.qualifier.last().is_some_and(|q| {
                        qualified.iter().any(|(rq, rn)| self.names_equal(rq, q) && self.names_equal(rn, &c.name))
                    });
                    let shadowed = output.iter().any(|o| {
                        o.id == c.id
                            || (self.names_equal(&o.name, &c.name)
                                && !(named_by_qualifier && o.qualifier.last().is_none_or(|oq| !self.names_equal(oq, &c.qualifier[c.qualifier.len() - 1]))))
                    });
                    if !shadowed {
                        exprs.push(NamedExpr { expr: column_expr(c, &c.name), id: c.id });
                        output.push(c.clone());
                    }
                }
                let extended = Plan { node: Node::Project { input: grand, exprs }, output, plan_id };
                let resolved = resolve(self, extended)?;
                let items = original.iter().map(|c| (column_expr(c, &c.name), c.name.clone(), false)).collect();
                self.project_items(resolved, items)
            }
            other => other,
        }
    }

    pub(crate) fn resolve_filter(&mut self, input: Plan, cond: &proto::Expression) -> Result<Plan> {
        self.with_missing_references(input, &[cond], |this, input| this.resolve_filter_on(input, cond))
    }

    pub(crate) fn resolve_filter_on(&mut self, input: Plan, cond: &proto::Expression) -> Result<Plan> {
        let c = match self.resolve_expr(cond, &input) {
            Ok(c) if !c.is_generator() => c,
            Ok(c) => return Err(crate::generate::generator_outside_select(&c.pretty.unwrap_or_default())),
            Err(e) if e.error_class == "UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS" => {
                return Err(crate::generate::generator_outside_select("Filter"))
            }
            Err(e) => return Err(e),
        };
        if c.contains_window() {
            return Err(SparkError::new("WINDOW_FUNCTION_NOT_ALLOWED_IN_CLAUSE", "It is not allowed to use window functions inside WHERE clause.")
                .with_sql_state("42601"));
        }
        if c.contains_aggregate() {
            return Err(SparkError::new(
                "INVALID_WHERE_CONDITION",
                format!("The WHERE condition {} contains invalid expressions. Rewrite the query to avoid window functions, aggregate functions, and generator functions in the WHERE clause.", c.pretty.clone().unwrap_or_default()),
            )
            .with_sql_state("42903"));
        }
        let c = match c.data_type {
            DataType::Boolean => c,
            DataType::Null => c.implicit_cast(&DataType::Boolean),
            _ => {
                return Err(SparkError::new(
                    "DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN",
                    format!(
                        "Cannot resolve \"{}\" due to data type mismatch: Filter expression \"{}\" of type \"{}\" is not a boolean.",
                        c.pretty.clone().unwrap_or_default(),
                        c.pretty.clone().unwrap_or_default(),
                        c.data_type.spark_sql()
                    ),
                )
                .with_sql_state("42K09"))
            }
        };
        let output = input.output.clone();
        Ok(Plan { node: Node::Filter { input: Box::new(input), condition: c }, output, plan_id: None })
    }

    pub(crate) fn resolve_sort(&mut self, input: Plan, order: &[proto::expression::SortOrder]) -> Result<Plan> {
        let keys: Vec<&proto::Expression> = order.iter().filter_map(|o| o.child.as_deref()).collect();
        self.with_missing_references(input, &keys, |this, input| this.resolve_sort_on(input, order))
    }

    pub(crate) fn resolve_sort_on(&mut self, input: Plan, order: &[proto::expression::SortOrder]) -> Result<Plan> {
        use proto::expression::sort_order::{NullOrdering, SortDirection};
        let mut keys = Vec::with_capacity(order.len());
        for o in order {
            let child = o.child.as_deref().ok_or_else(|| SparkError::internal("SortOrder without child"))?;
            let expr = self.resolve_expr(child, &input)?;
            if expr.contains_aggregate() {
                return Err(SparkError::unsupported("sorting by an aggregate function"));
            }
            if matches!(expr.data_type, DataType::Map { .. }) {
                return Err(SparkError::new(
                    "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE",
                    format!("Cannot resolve \"{}\" due to data type mismatch: The `sortorder` does not support ordering on type \"{}\".", expr.pretty.clone().unwrap_or_default(), expr.data_type.spark_sql()),
                )
                .with_sql_state("42K09"));
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
        let output = input.output.clone();
        Ok(Plan { node: Node::Sort { input: Box::new(input), keys }, output, plan_id: None })
    }

    pub(crate) fn resolve_aggregate(&mut self, input: Plan, a: &proto::Aggregate) -> Result<Plan> {
        use proto::aggregate::GroupType;
        match a.group_type() {
            GroupType::Groupby => {}
            GroupType::Rollup | GroupType::Cube | GroupType::GroupingSets => return self.resolve_grouping_sets(input, a),
            GroupType::Pivot => return self.resolve_pivot(input, a),
            GroupType::Unspecified => return Err(SparkError::internal("Aggregate without group type")),
        }
        let mut groups = Vec::new();
        for g in &a.grouping_expressions {
            groups.extend(self.resolve_named(g, &input)?);
        }
        let mut aggs = Vec::new();
        for e in &a.aggregate_expressions {
            aggs.extend(self.resolve_named(e, &input)?);
        }
        // Spark Connect's groupBy(...).agg(...) outputs the grouping columns first.
        let mut items = groups.clone();
        items.extend(aggs);
        self.build_aggregate(input, groups, items)
    }

    /// An Aggregate node: `groups` are the grouping keys, `items` the output (name, expression).
    pub(crate) fn build_aggregate(&mut self, input: Plan, groups: Vec<(Expr, String, bool)>, items: Vec<(Expr, String, bool)>) -> Result<Plan> {
        crate::grouping::check_no_grouping_functions(&items)?;
        self.build_aggregate_with_sets(input, groups, items, None)
    }

    /// `grouping_sets`: indices into `groups` (rollup, cube, grouping sets), grouping keys then nullable.
    pub(crate) fn build_aggregate_with_sets(
        &mut self,
        input: Plan,
        groups: Vec<(Expr, String, bool)>,
        items: Vec<(Expr, String, bool)>,
        grouping_sets: Option<Vec<Vec<usize>>>,
    ) -> Result<Plan> {
        let group_exprs: Vec<Expr> = groups.into_iter().map(|(e, _, _)| e).collect();
        let group_sql: Vec<String> = group_exprs.iter().map(crate::emit::expr_sql).collect::<Result<_>>()?;
        for g in &group_exprs {
            if g.contains_aggregate() {
                return Err(SparkError::new(
                    "GROUP_BY_AGGREGATE",
                    format!("Aggregate functions are not allowed in GROUP BY, but found {}.", g.pretty.clone().unwrap_or_default()),
                )
                .with_sql_state("42903"));
            }
        }
        let mut output = Vec::with_capacity(items.len());
        let mut named = Vec::with_capacity(items.len());
        for (expr, name, aliased) in items {
            check_grouped(&expr, &group_sql, false)?;
            let (id, qualifier) = match &expr.kind {
                ExprKind::Column(id) if !aliased => (*id, input.output.iter().find(|c| c.id == *id).map(|c| c.qualifier.clone()).unwrap_or_default()),
                _ => (self.new_id(), vec![]),
            };
            output.push(Column { id, name, qualifier, data_type: expr.data_type.clone(), nullable: expr.nullable });
            named.push(NamedExpr { expr, id });
        }
        Ok(Plan { node: Node::Aggregate { input: Box::new(input), groups: group_exprs, aggregates: named, grouping_sets }, output, plan_id: None })
    }

    pub(crate) fn resolve_with_columns(&mut self, input: Plan, aliases: &[proto::expression::Alias]) -> Result<Plan> {
        let mut new_cols: Vec<(String, Expr)> = Vec::with_capacity(aliases.len());
        for a in aliases {
            if a.name.len() != 1 {
                return Err(SparkError::unsupported("withColumns with a multi-part name"));
            }
            let name = a.name[0].clone();
            if new_cols.iter().any(|(n, _)| self.names_equal(n, &name)) {
                return Err(SparkError::new(
                    "COLUMN_ALREADY_EXISTS",
                    format!("The column {} already exists. Choose another name or rename the existing column.", to_sql_id(&[name.to_lowercase()])),
                )
                .with_sql_state("42711"));
            }
            let expr = self.resolve_expr(a.expr.as_deref().ok_or_else(|| SparkError::internal("Alias without expression"))?, &input)?;
            new_cols.push((name, expr));
        }
        let mut used = vec![false; new_cols.len()];
        let mut items: Vec<(Expr, String, bool)> = Vec::new();
        for c in &input.output {
            match new_cols.iter().position(|(n, _)| self.names_equal(n, &c.name)) {
                Some(i) => {
                    used[i] = true;
                    items.push((new_cols[i].1.clone(), new_cols[i].0.clone(), true));
                }
                None => items.push((column_expr(c, &c.name), c.name.clone(), false)),
            }
        }
        for (i, (name, expr)) in new_cols.into_iter().enumerate() {
            if !used[i] {
                items.push((expr, name, true));
            }
        }
        self.project_items(input, items)
    }

    pub(crate) fn project_items(&mut self, input: Plan, items: Vec<(Expr, String, bool)>) -> Result<Plan> {
        crate::grouping::check_no_grouping_functions(&items)?;
        let aliases = self.generator_aliases.take();
        let (input, items) = self.plan_generator(input, items, aliases)?;
        // Spark turns a projection with aggregate functions into a global aggregation.
        if items.iter().any(|(e, _, _)| e.contains_aggregate()) {
            return self.build_aggregate(input, vec![], items);
        }
        let mut output = Vec::with_capacity(items.len());
        let mut named = Vec::with_capacity(items.len());
        for (expr, name, aliased) in items {
            // An alias defines a new attribute (no qualifier); a bare reference keeps the input's.
            let (id, qualifier) = match &expr.kind {
                ExprKind::Column(id) if !aliased => (*id, input.output.iter().find(|c| c.id == *id).map(|c| c.qualifier.clone()).unwrap_or_default()),
                _ => (self.new_id(), vec![]),
            };
            output.push(Column { id, name, qualifier, data_type: expr.data_type.clone(), nullable: expr.nullable });
            named.push(NamedExpr { expr, id });
        }
        Ok(Plan { node: Node::Project { input: Box::new(input), exprs: named }, output, plan_id: None })
    }

    /// `toDF(names*)`: every column aliased to the new name, by position.
    pub(crate) fn resolve_to_df(&mut self, input: Plan, names: &[String]) -> Result<Plan> {
        if names.len() != input.output.len() {
            let old: Vec<&str> = input.output.iter().map(|c| c.name.as_str()).collect();
            return Err(SparkError::new(
                "ILLEGAL_ARGUMENT",
                format!(
                    "requirement failed: The number of columns doesn't match.\nOld column names ({}): {}\nNew column names ({}): {}",
                    old.len(),
                    old.join(", "),
                    names.len(),
                    names.join(", ")
                ),
            ));
        }
        let items = input.output.iter().zip(names).map(|(c, n)| (column_expr(c, &c.name), n.clone(), true)).collect();
        self.project_items(input, items)
    }

    /// `withColumnsRenamed`: each rename applies, in order, to every column whose name matches; a name that
    /// matches nothing is ignored.
    pub(crate) fn resolve_renames(&mut self, input: Plan, renames: &[(String, String)]) -> Result<Plan> {
        let mut items: Vec<(Expr, String, bool)> =
            input.output.iter().map(|c| (column_expr(c, &c.name), c.name.clone(), false)).collect();
        for (from, to) in renames {
            for item in items.iter_mut() {
                if self.names_equal(&item.1, from) {
                    item.1 = to.clone();
                    item.2 = true;
                }
            }
        }
        self.project_items(input, items)
    }

    pub(crate) fn resolve_drop(&mut self, input: Plan, d: &proto::Drop) -> Result<Plan> {
        let mut dropped: Vec<ColumnId> = Vec::new();
        for e in &d.columns {
            // Spark drops the columns a reference resolves to; a reference that does not resolve is ignored.
            match self.resolve_expr(e, &input) {
                Ok(Expr { kind: ExprKind::Column(id), .. }) => dropped.push(id),
                Ok(_) => {}
                Err(err) if err.error_class.starts_with("UNRESOLVED_COLUMN") => {}
                Err(err) => return Err(err),
            }
        }
        let items: Vec<(Expr, String, bool)> = input
            .output
            .iter()
            .filter(|c| !dropped.contains(&c.id) && !d.column_names.iter().any(|n| self.names_equal(n, &c.name)))
            .map(|c| (column_expr(c, &c.name), c.name.clone(), false))
            .collect();
        // Keep qualifiers: a Drop is a projection of existing attributes.
        self.project_items(input, items)
    }

    // -----------------------------------------------------------------------------------------------------
    // Expressions

    /// A projection item: expands stars, applies aliases and Spark's auto-generated names.
    pub(crate) fn resolve_named(&mut self, e: &proto::Expression, input: &Plan) -> Result<Vec<(Expr, String, bool)>> {
        match e.expr_type.as_ref() {
            Some(ExprType::UnresolvedStar(s)) => self.expand_star(s, input),
            Some(ExprType::Alias(a)) => {
                let child = a.expr.as_deref().ok_or_else(|| SparkError::internal("Alias without expression"))?;
                let expr = self.resolve_expr(child, input)?;
                match a.name.len() {
                    1 => Ok(vec![(expr, a.name[0].clone(), true)]),
                    n if n > 1 && expr.is_generator() => {
                        self.generator_aliases = Some(a.name.clone());
                        Ok(vec![(expr, a.name[0].clone(), true)])
                    }
                    _ => Err(SparkError::unsupported("an alias with several names")),
                }
            }
            _ => {
                let expr = self.resolve_expr(e, input)?;
                let name = auto_name(&expr)?;
                Ok(vec![(expr, name, false)])
            }
        }
    }

    pub(crate) fn expand_star(&mut self, s: &proto::expression::UnresolvedStar, input: &Plan) -> Result<Vec<(Expr, String, bool)>> {
        let columns: Vec<&Column> = if let Some(pid) = s.plan_id {
            let target = input.find_plan_id(pid).ok_or_else(|| cannot_resolve_dataframe_column(&["*".to_string()]))?;
            input.output.iter().filter(|c| target.output.iter().any(|t| t.id == c.id)).collect()
        } else if let Some(target) = &s.unparsed_target {
            let stripped = target.strip_suffix(".*").unwrap_or(target);
            let parts = parse_attribute_name(stripped)?;
            let matching: Vec<&Column> = input
                .output
                .iter()
                .filter(|c| {
                    c.qualifier.len() >= parts.len()
                        && c.qualifier[c.qualifier.len() - parts.len()..].iter().zip(&parts).all(|(q, p)| self.names_equal(q, p))
                })
                .collect();
            if matching.is_empty() {
                if parts.len() == 1 && input.output.iter().any(|c| self.names_equal(&c.name, &parts[0])) {
                    return Err(SparkError::unsupported("expanding a struct column with .*"));
                }
                let cols: Vec<String> = input.output.iter().map(|c| to_sql_id(std::slice::from_ref(&c.name))).collect();
                return Err(SparkError::new(
                    "CANNOT_RESOLVE_STAR_EXPAND",
                    format!(
                        "Cannot resolve {}.* given input columns {}. Please check that the specified table or struct exists and is accessible in the input columns.",
                        to_sql_id(&parts),
                        cols.join(", ")
                    ),
                )
                .with_sql_state("42704"));
            }
            matching
        } else {
            input.output.iter().collect()
        };
        Ok(columns.into_iter().map(|c| (column_expr(c, &c.name), c.name.clone(), false)).collect())
    }

    pub fn resolve_expr(&mut self, e: &proto::Expression, input: &Plan) -> Result<Expr> {
        let kind = e.expr_type.as_ref().ok_or_else(|| SparkError::internal("expression without a type"))?;
        match kind {
            ExprType::Literal(l) => {
                let lit = Literal::from_proto(l)?;
                Ok(Expr {
                    data_type: lit.data_type(),
                    nullable: lit.is_null(),
                    pretty: lit.pretty(&self.config.session_time_zone),
                    kind: ExprKind::Literal(lit),
                })
            }
            ExprType::UnresolvedAttribute(a) => {
                if a.is_metadata_column == Some(true) {
                    return Err(SparkError::unsupported("metadata columns"));
                }
                self.resolve_attribute(&a.unparsed_identifier, a.plan_id, input)
            }
            ExprType::UnresolvedFunction(f) => {
                // Built-ins come first on Spark's search path (`system.builtin`, then `system.session`).
                if functions::lookup(&f.function_name).is_err() {
                    if let Some(udf) = self.registered_udf(&f.function_name) {
                        return self.resolve_udf(&udf, &f.arguments, input);
                    }
                }
                // `call_function` marks calls as user-defined; a built-in name still resolves to the built-in, any
                // other name is unknown.
                if f.is_user_defined_function && functions::lookup(&f.function_name).is_err() {
                    return Err(functions::unresolved_routine(&f.function_name));
                }
                self.resolve_function(&f.function_name, &f.arguments, f.is_distinct, input)
            }
            ExprType::CallFunction(f) => self.resolve_function(&f.function_name, &f.arguments, false, input),
            ExprType::UnresolvedNamedLambdaVariable(v) => self.resolve_lambda_variable(&v.name_parts),
            ExprType::CommonInlineUserDefinedFunction(u) => self.resolve_udf(u, &u.arguments, input),
            ExprType::Alias(a) => {
                // A nested alias does not change the value (Spark trims it).
                let child = a.expr.as_deref().ok_or_else(|| SparkError::internal("Alias without expression"))?;
                self.resolve_expr(child, input)
            }
            ExprType::Cast(c) => self.resolve_cast(c, input),
            ExprType::Window(w) => self.resolve_window(w, input),
            ExprType::SubqueryExpression(s) => self.resolve_subquery_expression(s, input),
            ExprType::UnresolvedExtractValue(x) => self.resolve_extract_value(x, input),
            ExprType::UpdateFields(u) => self.resolve_update_fields(u, input),
            ExprType::UnresolvedStar(_) => Err(SparkError::new(
                "INVALID_USAGE_OF_STAR_OR_REGEX",
                "Invalid usage of '*' in expression.",
            )
            .with_sql_state("42000")),
            ExprType::SortOrder(_) => Err(SparkError::internal("a sort order outside of a sort")),
            ExprType::ExpressionString(s) => Err(SparkError::unsupported(format!("SQL expression strings (\"{}\")", s.expression))),
            other => Err(SparkError::unsupported(format!("expression {}", expression_name(other)))),
        }
    }

    pub(crate) fn resolve_attribute(&mut self, ident: &str, plan_id: Option<i64>, input: &Plan) -> Result<Expr> {
        let parts = parse_attribute_name(ident)?;
        if let Some(pid) = plan_id {
            if input.find_plan_id(pid).is_none() {
                if let Some(outer) = self.resolve_outer_attribute(&parts, plan_id)? {
                    return Ok(outer);
                }
            }
            let target = input.find_plan_id(pid).ok_or_else(|| cannot_resolve_dataframe_column(&parts))?;
            let (col, nested) = self
                .lookup_column(&parts, &target.output)?
                .ok_or_else(|| unresolved_column(&parts, &target.output))?;
            let present = input.output.iter().find(|c| c.id == col.id).ok_or_else(|| cannot_resolve_dataframe_column(&parts))?;
            // Spark resolves `df("x")` with the same `AttributeSeq.resolve` as `col("x")` (`a.withName(name)`): the
            // attribute spelled as written (`groupBy("L_RETURNFLAG")` outputs `L_RETURNFLAG`).
            let written = parts[parts.len() - nested.len() - 1].clone();
            return self.extract_fields(column_expr(present, &written), nested);
        }
        let Some((col, nested)) = self.lookup_column(&parts, &input.output)? else {
            // Inside a sub-query, a name the sub-query does not define may be a column of the enclosing query.
            return match self.resolve_outer_attribute(&parts, None)? {
                Some(outer) => Ok(outer),
                None => Err(unresolved_column(&parts, &input.output)),
            };
        };
        // Spark names a reference as the user spelled it.
        let written = &parts[parts.len() - nested.len() - 1];
        self.extract_fields(column_expr(col, written), nested)
    }

    /// `s.a.b`: struct field access, case-insensitive unless case-sensitive analysis.
    pub(crate) fn extract_fields(&self, mut e: Expr, fields: &[String]) -> Result<Expr> {
        for f in fields {
            // `col("arrs.f")` on an array of structs: the field of every element.
            if let DataType::Array { element, contains_null } = &e.data_type {
                if let DataType::Struct(struct_fields) = element.as_ref() {
                    let field = self.struct_field(struct_fields, f)?;
                    let pretty = e.pretty.as_ref().map(|p| format!("{p}.{f}"));
                    e = Expr {
                        data_type: DataType::Array { element: Box::new(field.data_type.clone()), contains_null: *contains_null || field.nullable },
                        nullable: e.nullable,
                        kind: ExprKind::ArrayFields { child: Box::new(e), field: field.name.clone(), written: f.clone(), by_path: true },
                        pretty,
                    };
                    continue;
                }
            }
            let DataType::Struct(struct_fields) = &e.data_type else {
                return Err(SparkError::new(
                    "INVALID_EXTRACT_BASE_FIELD_TYPE",
                    format!("Can't extract a value from \"{}\". Need a complex type [STRUCT, ARRAY, MAP] but got \"{}\".", e.pretty.clone().unwrap_or_default(), e.data_type.spark_sql()),
                )
                .with_sql_state("42000"));
            };
            let matching: Vec<&Field> = struct_fields.iter().filter(|sf| self.names_equal(&sf.name, f)).collect();
            let field = match matching.as_slice() {
                [one] => (*one).clone(),
                [] => {
                    let names: Vec<String> = struct_fields.iter().map(|sf| to_sql_id(std::slice::from_ref(&sf.name))).collect();
                    return Err(SparkError::new(
                        "FIELD_NOT_FOUND",
                        format!("No such struct field {} in {}.", to_sql_id(std::slice::from_ref(f)), names.join(", ")),
                    )
                    .with_sql_state("42704"));
                }
                _ => {
                    return Err(SparkError::new(
                        "AMBIGUOUS_REFERENCE_TO_FIELDS",
                        format!("Ambiguous reference to the field {}. It appears {} times in the schema.", to_sql_id(std::slice::from_ref(f)), matching.len()),
                    )
                    .with_sql_state("42000"))
                }
            };
            let pretty = e.pretty.as_ref().map(|p| format!("{p}.{f}"));
            e = Expr {
                nullable: e.nullable || field.nullable,
                data_type: field.data_type.clone(),
                kind: ExprKind::GetField { child: Box::new(e), field: field.name.clone(), written: f.clone(), by_path: true },
                pretty,
            };
        }
        Ok(e)
    }

    /// Spark's `AttributeSeq.resolve`: first `qualifier.name`, then `name`; several matches are ambiguous.
    pub(crate) fn lookup_column<'c, 'p>(&self, parts: &'p [String], columns: &'c [Column]) -> Result<Option<(&'c Column, &'p [String])>> {
        let mut matches: Vec<&Column> = Vec::new();
        let mut nested_len = 0;
        if parts.len() >= 2 {
            for c in columns {
                if let Some(q) = c.qualifier.last() {
                    if self.names_equal(q, &parts[0]) && self.names_equal(&c.name, &parts[1]) {
                        matches.push(c);
                    }
                }
            }
            nested_len = parts.len() - 2;
        }
        if matches.is_empty() {
            matches = columns.iter().filter(|c| self.names_equal(&c.name, &parts[0])).collect();
            nested_len = parts.len() - 1;
        }
        let mut unique: Vec<&Column> = Vec::new();
        for m in matches {
            if !unique.iter().any(|u| u.id == m.id) {
                unique.push(m);
            }
        }
        match unique.len() {
            0 => Ok(None),
            1 => Ok(Some((unique[0], &parts[parts.len() - nested_len..]))),
            _ => {
                let candidates: Vec<String> = unique.iter().map(|c| column_sql_id(c)).collect();
                Err(SparkError::new(
                    "AMBIGUOUS_REFERENCE",
                    format!("Reference {} is ambiguous, could be: [{}].", to_sql_id(parts), candidates.join(", ")),
                )
                .with_sql_state("42704"))
            }
        }
    }

    pub(crate) fn resolve_function(&mut self, name: &str, args: &[proto::Expression], distinct: bool, input: &Plan) -> Result<Expr> {
        let def = functions::lookup(name)?;
        let mut resolved = Vec::with_capacity(args.len());
        // struct(x AS name) names the field after the alias, which resolving the argument drops.
        let mut struct_aliases: Vec<Option<String>> = vec![];
        for a in args {
            match a.expr_type.as_ref() {
                Some(ExprType::Alias(alias)) if def.name == "struct" => {
                    if alias.name.len() != 1 {
                        return Err(SparkError::unsupported("an alias with several names"));
                    }
                    let child = alias.expr.as_deref().ok_or_else(|| SparkError::internal("Alias without expression"))?;
                    resolved.push(self.resolve_expr(child, input)?);
                    struct_aliases.resize(resolved.len() - 1, None);
                    struct_aliases.push(Some(alias.name[0].clone()));
                }
                // count(*) is count(1) in Spark (and named so).
                // `df("*")` (plan id set, e.g. from agg(Map("*" -> "count"))) too.
                Some(ExprType::UnresolvedStar(s)) if def.name == "count" && args.len() == 1 && s.unparsed_target.is_none() => {
                    resolved.push(Expr {
                        kind: ExprKind::Literal(Literal::Integer(1)),
                        data_type: DataType::Integer,
                        nullable: false,
                        pretty: Some("1".into()),
                    });
                }
                Some(ExprType::LambdaFunction(l)) => {
                    let lambda = self.resolve_lambda(def.name, &resolved, l, input)?;
                    resolved.push(lambda);
                }
                _ => resolved.push(self.resolve_expr(a, input)?),
            }
        }
        // Spark extracts generators before checking types: a generator argument is a nested generator.
        if let Some(g) = resolved.iter().find_map(Expr::find_generator) {
            return Err(functions::generator::nested_generator(g));
        }
        if def.kind == functions::FunctionKind::Window {
            return Err(SparkError::new("WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE", format!("Window function {} requires an OVER clause.", def.name))
                .with_sql_state("42601"));
        }
        if def.kind == functions::FunctionKind::Aggregate && resolved.iter().any(Expr::contains_window) {
            return Err(SparkError::new(
                "_LEGACY_ERROR_TEMP_1031",
                "It is not allowed to use a window function inside an aggregate function. Please use the inner window function in a sub-query.",
            ));
        }
        if def.kind == functions::FunctionKind::Aggregate {
            for r in &resolved {
                if r.contains_aggregate() {
                    return Err(SparkError::new(
                        "NESTED_AGGREGATE_FUNCTION",
                        "It is not allowed to use an aggregate function in the argument of another aggregate function. Please use the inner aggregate function in a sub-query.",
                    )
                    .with_sql_state("42607"));
                }
            }
        }
        let ctx = CallContext { name, distinct, ansi: self.config.ansi };
        if !struct_aliases.is_empty() {
            struct_aliases.resize(resolved.len(), None);
            return functions::collection::resolve_struct_aliased(def, resolved, struct_aliases, &ctx);
        }
        (def.resolve)(def, resolved, &ctx)
    }

    pub(crate) fn resolve_cast(&mut self, c: &proto::expression::Cast, input: &Plan) -> Result<Expr> {
        use proto::expression::cast::{CastToType, EvalMode};
        let child = self.resolve_expr(c.expr.as_deref().ok_or_else(|| SparkError::internal("Cast without expression"))?, input)?;
        let to = match c.cast_to_type.as_ref().ok_or_else(|| SparkError::internal("Cast without type"))? {
            CastToType::Type(t) => DataType::from_proto(t)?,
            CastToType::TypeStr(s) => parse_type_string(s)?,
        };
        let mode = match c.eval_mode() {
            EvalMode::Try => CastMode::Try,
            EvalMode::Legacy => CastMode::Legacy,
            EvalMode::Ansi => CastMode::Ansi,
            EvalMode::Unspecified => {
                if self.config.ansi {
                    CastMode::Ansi
                } else {
                    CastMode::Legacy
                }
            }
        };
        check_cast(&child.data_type, &to, mode)?;
        let keyword = if mode == CastMode::Try { "TRY_CAST" } else { "CAST" };
        let pretty = child.pretty.as_ref().map(|p| format!("{keyword}({p} AS {})", to.spark_sql()));
        let nullable = cast_nullable(child.nullable, &child.data_type, &to, mode);
        Ok(Expr { kind: ExprKind::Cast { child: Box::new(child), mode, implicit: false }, data_type: to, nullable, pretty })
    }
}

/// Spark's auto-generated name of an un-aliased projection item (section 15 of the reference).
pub(crate) fn auto_name(e: &Expr) -> Result<String> {
    let shown = match &e.kind {
        // A top-level cast of a column takes the column's name.
        ExprKind::Cast { child, implicit: false, .. } if child.is_column() => child.pretty.clone(),
        // A field access by path is named after the last field, as written.
        ExprKind::GetField { written, by_path: true, .. } | ExprKind::ArrayFields { written, by_path: true, .. } => {
            Some(written.clone())
        }
        _ => e.pretty.clone(),
    };
    shown.ok_or_else(|| SparkError::unsupported("the auto-generated name of this expression (alias it)"))
}

/// Every column reference outside an aggregate function must be (part of) a grouping key.
pub(crate) fn check_grouped(e: &Expr, group_sql: &[String], inside_aggregate: bool) -> Result<()> {
    if inside_aggregate || e.is_aggregate() {
        return Ok(());
    }
    if !e.is_foldable() && group_sql.contains(&crate::emit::expr_sql(e)?) {
        return Ok(());
    }
    crate::subquery::check_not_ungrouped_correlated_scalar(e)?;
    if let ExprKind::Column(_) = e.kind {
        let shown = e.pretty.clone().unwrap_or_default();
        return Err(SparkError::new(
            "MISSING_AGGREGATION",
            format!(
                "The non-aggregating expression \"{shown}\" is based on columns which are not participating in the GROUP BY clause. Add the columns or the expression to the GROUP BY, aggregate the expression, or use \"any_value({shown})\" if you do not care which of the values within a group is returned."
            ),
        )
        .with_sql_state("42803"));
    }
    for c in e.children() {
        check_grouped(c, group_sql, false)?;
    }
    Ok(())
}

pub(crate) fn relation_name(r: &RelType) -> &'static str {
    match r {
        RelType::Join(_) => "Join",
        RelType::SetOp(_) => "SetOperation",
        RelType::Sql(_) => "SQL",
        RelType::Sample(_) => "Sample",
        RelType::Deduplicate(_) => "Deduplicate",
        RelType::Repartition(_) => "Repartition",
        RelType::ShowString(_) => "ShowString",
        RelType::Tail(_) => "Tail",
        RelType::Hint(_) => "Hint",
        RelType::Unpivot(_) => "Unpivot",
        RelType::ToSchema(_) => "ToSchema",
        RelType::RepartitionByExpression(_) => "RepartitionByExpression",
        RelType::MapPartitions(_) => "MapPartitions",
        RelType::CollectMetrics(_) => "CollectMetrics",
        RelType::Parse(_) => "Parse",
        RelType::GroupMap(_) => "GroupMap",
        RelType::CoGroupMap(_) => "CoGroupMap",
        RelType::WithWatermark(_) => "WithWatermark",
        RelType::HtmlString(_) => "HtmlString",
        RelType::CachedLocalRelation(_) => "CachedLocalRelation",
        RelType::CachedRemoteRelation(_) => "CachedRemoteRelation",
        RelType::AsOfJoin(_) => "AsOfJoin",
        RelType::WithRelations(_) => "WithRelations",
        RelType::Transpose(_) => "Transpose",
        RelType::LateralJoin(_) => "LateralJoin",
        RelType::FillNa(_) => "NAFill",
        RelType::DropNa(_) => "NADrop",
        RelType::Replace(_) => "NAReplace",
        RelType::Summary(_) => "StatSummary",
        RelType::Crosstab(_) => "StatCrosstab",
        RelType::Describe(_) => "StatDescribe",
        RelType::Cov(_) => "StatCov",
        RelType::Corr(_) => "StatCorr",
        RelType::ApproxQuantile(_) => "StatApproxQuantile",
        RelType::FreqItems(_) => "StatFreqItems",
        RelType::SampleBy(_) => "StatSampleBy",
        RelType::Catalog(_) => "Catalog",
        _ => "(this relation type)",
    }
}

pub(crate) fn expression_name(e: &ExprType) -> &'static str {
    match e {
        ExprType::UnresolvedRegex(_) => "colRegex",
        ExprType::LambdaFunction(_) => "lambda function",
        ExprType::Window(_) => "window",
        ExprType::UnresolvedExtractValue(_) => "extract value (getItem/getField)",
        ExprType::UpdateFields(_) => "withField/dropFields",
        ExprType::UnresolvedNamedLambdaVariable(_) => "lambda variable",
        ExprType::CommonInlineUserDefinedFunction(_) => "user-defined function",
        ExprType::NamedArgumentExpression(_) => "named argument",
        ExprType::MergeAction(_) => "merge action",
        ExprType::TypedAggregateExpression(_) => "typed aggregate",
        ExprType::SubqueryExpression(_) => "subquery expression",
        _ => "(this expression type)",
    }
}

/// `Read.DataSource.schema`: Spark's JSON form of a StructType (docs/contracts.md), or DDL text from other clients.
fn parse_read_schema(text: &str) -> Result<Vec<Field>> {
    if text.trim_start().starts_with('{') {
        return schema_from_json(text);
    }
    Err(SparkError::unsupported("a DDL schema string in Read.DataSource (sparkduck sends Spark JSON)"))
}

/// The `(qualifier, name)` pairs of the qualified column references (`b.age`) in an expression, for the common
/// expression forms (references nested in other forms are not seen: they then stay unresolved, never misresolved).
fn qualified_references(e: &proto::Expression, into: &mut Vec<(String, String)>) {
    use proto::expression::ExprType;
    match &e.expr_type {
        Some(ExprType::UnresolvedAttribute(a)) => {
            if let Ok(parts) = parse_attribute_name(&a.unparsed_identifier) {
                if parts.len() >= 2 {
                    into.push((parts[parts.len() - 2].clone(), parts[parts.len() - 1].clone()));
                    // `t.s.f` may also be column `s` of `t` with field `f`.
                    into.push((parts[0].clone(), parts[1].clone()));
                }
            }
        }
        Some(ExprType::UnresolvedFunction(f)) => f.arguments.iter().for_each(|a| qualified_references(a, into)),
        Some(ExprType::Alias(a)) => a.expr.iter().for_each(|x| qualified_references(x, into)),
        Some(ExprType::Cast(c)) => c.expr.iter().for_each(|x| qualified_references(x, into)),
        Some(ExprType::SortOrder(o)) => o.child.iter().for_each(|x| qualified_references(x, into)),
        Some(ExprType::UnresolvedExtractValue(x)) => x.child.iter().for_each(|c| qualified_references(c, into)),
        _ => {}
    }
}
