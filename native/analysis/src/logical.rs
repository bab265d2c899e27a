//! The resolved logical form: relations with their output columns (ids, names, qualifiers, types, nullability)
//! and resolved expressions (types, nullability, Spark's printed form). SQL emission (`emit.rs`) reads only this.

use crate::functions::{FunctionDef, FunctionKind};
use crate::literal::Literal;
use crate::types::DataType;

/// Identity of an output column through the plan (Spark's `exprId`). SQL refers to it as `"c<id>"`.
pub type ColumnId = usize;

/// One output column of a relation.
#[derive(Debug, Clone)]
pub struct Column {
    pub id: ColumnId,
    /// Spark's name, as the user spelled it.
    pub name: String,
    /// Qualifier (`t` after `df.as("t")`), empty when none.
    pub qualifier: Vec<String>,
    pub data_type: DataType,
    pub nullable: bool,
}

/// How a cast behaves on invalid input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CastMode {
    /// ANSI: invalid input raises.
    Ansi,
    /// Non-ANSI (legacy): invalid input gives NULL or wraps.
    Legacy,
    /// `try_cast`: invalid input gives NULL.
    Try,
}

/// A resolved expression.
#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub data_type: DataType,
    pub nullable: bool,
    /// Spark's `toPrettySQL` of this expression: the auto-generated output name when it is projected.
    /// `None` when sparkduck cannot print it exactly yet (an error only if the name is actually needed).
    pub pretty: Option<String>,
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    /// A reference to an input column.
    Column(ColumnId),
    Literal(Literal),
    /// A cast to `Expr::data_type`. Implicit casts (inserted by type coercion) do not show in names.
    Cast { child: Box<Expr>, mode: CastMode, implicit: bool },
    /// A struct field (`s.a`): `field` as the struct spells it, `written` as the user did. `by_path`: written as a
    /// name path (`col("s.a")`, named `a`), else an extraction (`col("s")("a")`, named `s.a`).
    GetField { child: Box<Expr>, field: String, written: String, by_path: bool },
    /// `a[i]`, Spark's GetArrayItem (`extract.rs`): 0-based; out of range raises INVALID_ARRAY_INDEX when `ansi`,
    /// else gives NULL.
    ArrayItem { child: Box<Expr>, index: Box<Expr>, ansi: bool },
    /// `m[k]`, Spark's GetMapValue: the value, NULL when the key is absent.
    MapValue { child: Box<Expr>, key: Box<Expr> },
    /// `arr.f` on an array of structs, Spark's GetArrayStructFields: the field of every element. `by_path` as in
    /// `GetField`.
    ArrayFields { child: Box<Expr>, field: String, written: String, by_path: bool },
    /// `withField` / `dropFields` (Spark's UpdateFields, `extract.rs`): the struct `child` rebuilt with `fields` (the
    /// output type's fields in order); NULL when `child` is. `ops`: Spark's printed operations, for merging.
    UpdateFields { child: Box<Expr>, fields: Vec<FieldValue>, ops: Vec<String> },
    /// A function of the registry (operators and aggregates included).
    Call { func: &'static FunctionDef, args: Vec<Expr>, distinct: bool, ansi: bool },
    /// A window expression (`f OVER (...)`, `window.rs`).
    Window(Box<crate::window::WindowExpr>),
    /// A Scala/Java UDF run in the JVM (`udf.rs`).
    Udf(Box<crate::udf::UdfCall>),
    /// A scalar, EXISTS or IN sub-query (`subquery.rs`).
    Subquery(Box<crate::subquery::SubqueryExpr>),
    /// A column of the enclosing query, referenced inside a correlated sub-query.
    OuterColumn(ColumnId),
    /// A lambda function argument of a higher-order function (`lambda.rs`): `params` are the DuckDB lambda
    /// parameter names; the call's emit function writes `lambda p, ...: body` around the body's SQL.
    Lambda { params: Vec<String>, body: Box<Expr> },
    /// A lambda variable: `name` is Spark's (struct fields are named after it), `sql` its DuckDB form (e.g. a
    /// 0-based index from DuckDB's 1-based one); with `element_of`, the variable is `(array)[sql]` (zip_with reads
    /// both arrays by index).
    LambdaVariable { name: String, sql: String, element_of: Option<Box<Expr>> },
}

impl Expr {
    pub fn is_column(&self) -> bool {
        matches!(self.kind, ExprKind::Column(_))
    }

    pub fn is_aggregate(&self) -> bool {
        matches!(&self.kind, ExprKind::Call { func, .. } if func.kind == FunctionKind::Aggregate)
    }

    pub fn contains_aggregate(&self) -> bool {
        self.is_aggregate() || self.children().iter().any(|c| c.contains_aggregate())
    }

    pub fn is_generator(&self) -> bool {
        matches!(&self.kind, ExprKind::Call { func, .. } if func.kind == FunctionKind::Generator)
    }

    /// The first generator call in this expression (itself included), if any.
    pub fn find_generator(&self) -> Option<&Expr> {
        if self.is_generator() {
            return Some(self);
        }
        self.children().into_iter().find_map(Expr::find_generator)
    }

    pub fn children(&self) -> Vec<&Expr> {
        match &self.kind {
            ExprKind::Column(_) | ExprKind::Literal(_) | ExprKind::OuterColumn(_) => vec![],
            // The sub-query's plan is not a child: its IN values and the outer columns it references are.
            ExprKind::Subquery(s) => s.children(),
            ExprKind::Cast { child, .. } | ExprKind::GetField { child, .. } | ExprKind::ArrayFields { child, .. } => vec![child],
            ExprKind::ArrayItem { child, index: key, .. } | ExprKind::MapValue { child, key } => vec![child, key],
            ExprKind::UpdateFields { child, fields, .. } => {
                let mut out: Vec<&Expr> = vec![child];
                out.extend(fields.iter().filter_map(|f| match f {
                    FieldValue::New(e) => Some(e),
                    FieldValue::Existing(_) => None,
                }));
                out
            }
            ExprKind::Call { args, .. } => args.iter().collect(),
            // The window function itself is not a child: an aggregate over a window does not make the
            // projection an aggregation. Its arguments and the spec are.
            ExprKind::Window(w) => w.children(),
            ExprKind::Udf(u) => u.args.iter().collect(),
            ExprKind::Lambda { body, .. } => vec![body],
            ExprKind::LambdaVariable { element_of, .. } => element_of.iter().map(|e| e.as_ref()).collect(),
        }
    }

    /// Whether a window expression occurs in this expression.
    pub fn contains_window(&self) -> bool {
        matches!(self.kind, ExprKind::Window(_)) || self.children().iter().any(|c| c.contains_window())
    }

    /// The value of this expression when it is a byte, short, int or long literal (not through casts).
    pub fn integral_literal(&self) -> Option<i64> {
        match &self.kind {
            ExprKind::Literal(l) => l.integral(),
            _ => None,
        }
    }

    /// Whether this expression is foldable to a constant (no column references).
    pub fn is_foldable(&self) -> bool {
        match &self.kind {
            ExprKind::Column(_) => false,
            ExprKind::Literal(_) => true,
            ExprKind::Cast { child, .. } | ExprKind::GetField { child, .. } | ExprKind::ArrayFields { child, .. } => child.is_foldable(),
            ExprKind::ArrayItem { child, index: key, .. } | ExprKind::MapValue { child, key } => child.is_foldable() && key.is_foldable(),
            ExprKind::UpdateFields { .. } => self.children().iter().all(|c| c.is_foldable()),
            ExprKind::Call { func, args, .. } => func.kind == FunctionKind::Scalar && args.iter().all(Expr::is_foldable),
            // Spark never folds a UDF (ScalaUDF is not foldable).
            ExprKind::Window(_) | ExprKind::Udf(_) | ExprKind::Subquery(_) | ExprKind::OuterColumn(_) => false,
            // A lambda is evaluated per element, never folded on its own.
            ExprKind::Lambda { .. } | ExprKind::LambdaVariable { .. } => false,
        }
    }

    /// A non-literal placeholder of a type (for type rules that look at expressions).
    pub fn typed_null(t: &DataType) -> Expr {
        Expr { kind: ExprKind::Column(0), data_type: t.clone(), nullable: true, pretty: None }
    }

    /// A type-coercion cast (invisible in names). No-op when the type already matches.
    pub fn implicit_cast(self, to: &DataType) -> Expr {
        if &self.data_type == to {
            return self;
        }
        let pretty = self.pretty.clone();
        let nullable = self.nullable;
        Expr {
            kind: ExprKind::Cast { child: Box::new(self), mode: CastMode::Ansi, implicit: true },
            data_type: to.clone(),
            nullable,
            pretty,
        }
    }
}

/// A field of a rebuilt struct: one of the original struct's (by its name there) or a new value.
#[derive(Debug, Clone)]
pub enum FieldValue {
    Existing(String),
    New(Expr),
}

/// A resolved relation: its operator, its output columns and the Spark Connect plan id it was built from.
#[derive(Debug, Clone)]
pub struct Plan {
    pub node: Node,
    pub output: Vec<Column>,
    pub plan_id: Option<i64>,
}

/// One projected expression and the column it defines.
#[derive(Debug, Clone)]
pub struct NamedExpr {
    pub expr: Expr,
    pub id: ColumnId,
}

#[derive(Debug, Clone)]
pub struct SortKey {
    pub expr: Expr,
    pub ascending: bool,
    pub nulls_first: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinType {
    Inner,
    Cross,
    LeftOuter,
    RightOuter,
    FullOuter,
    LeftSemi,
    LeftAnti,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetOpKind {
    Union,
    Intersect,
    Except,
}

#[derive(Debug, Clone)]
pub enum Node {
    /// One row, no columns (a Project without input: `SELECT 1`).
    OneRow,
    /// No rows (a LocalRelation with a schema but no data).
    Empty,
    Range { start: i64, end: i64, step: i64 },
    /// A local table registered by the engine; `source_columns[i]` is the table's column for `output[i]`,
    /// `source_types[i]` its Spark type as the Arrow data has it (cast when it differs from the output type).
    LocalTable { name: String, source_columns: Vec<String>, source_types: Vec<DataType> },
    /// Parquet files; `source_columns[i]` is the file column for `output[i]`. `scan`: the catalog's query reading
    /// them (`Catalog::file_scan_sql`), else `read_parquet` of the paths.
    ReadParquet { paths: Vec<String>, source_columns: Vec<String>, scan: Option<String> },
    Project { input: Box<Plan>, exprs: Vec<NamedExpr> },
    Filter { input: Box<Plan>, condition: Expr },
    Sort { input: Box<Plan>, keys: Vec<SortKey> },
    Limit { input: Box<Plan>, limit: i64 },
    Offset { input: Box<Plan>, offset: i64 },
    /// `groups` are the grouping keys; `aggregates` the output expressions (grouping columns included) in which
    /// every column reference outside an aggregate function is a grouping key.
    /// `grouping_sets` (rollup, cube, grouping sets): each set as indices into `groups`; keys outside a set are
    /// NULL in its rows.
    Aggregate { input: Box<Plan>, groups: Vec<Expr>, aggregates: Vec<NamedExpr>, grouping_sets: Option<Vec<Vec<usize>>> },
    /// Same rows and columns as the input, new qualifier.
    SubqueryAlias { input: Box<Plan> },
    /// One row per distinct key (`distinct()`, `dropDuplicates`): `keys` are the key columns, `None` all columns.
    /// Float keys are normalized as in grouping (-0.0 → 0.0).
    Deduplicate { input: Box<Plan>, keys: Option<Vec<ColumnId>> },
    /// Output: left then right columns (left only for semi/anti joins). No condition: every pair (`join.rs`).
    Join { left: Box<Plan>, right: Box<Plan>, join_type: JoinType, condition: Option<Expr> },
    /// `output[i]` is `left_exprs[i]` (over `left`) combined with `right_exprs[i]` (over `right`), both already
    /// of the output type. `all`: multiset semantics. `normalize_floats`: float columns compare -0.0 as 0.0
    /// and output 0.0 (`setop.rs`).
    SetOp { left: Box<Plan>, right: Box<Plan>, kind: SetOpKind, all: bool, left_exprs: Vec<Expr>, right_exprs: Vec<Expr>, normalize_floats: bool },
    /// `unpivot`: per input row, one row per value column (in order): the ids, the value column's name
    /// (`variable_id`) and its value cast to the common type (`value_id`).
    Unpivot { input: Box<Plan>, ids: Vec<NamedExpr>, values: Vec<(String, Expr)>, variable_id: ColumnId, value_id: ColumnId },
    /// A generator (`explode`, ...; `generate.rs`): per input row, one row per element of `generator`'s argument,
    /// carrying the input columns and `outputs` (in the generator's output order).
    Generate { input: Box<Plan>, generator: Expr, outputs: Vec<ColumnId> },
}

impl Plan {
    pub fn children(&self) -> Vec<&Plan> {
        match &self.node {
            Node::OneRow | Node::Empty | Node::Range { .. } | Node::LocalTable { .. } | Node::ReadParquet { .. } => vec![],
            Node::Project { input, .. }
            | Node::Filter { input, .. }
            | Node::Sort { input, .. }
            | Node::Limit { input, .. }
            | Node::Offset { input, .. }
            | Node::Aggregate { input, .. }
            | Node::SubqueryAlias { input }
            | Node::Deduplicate { input, .. }
            | Node::Unpivot { input, .. }
            | Node::Generate { input, .. } => vec![input],
            Node::Join { left, right, .. } | Node::SetOp { left, right, .. } => vec![left, right],
        }
    }

    /// The relation in this subtree built from the plan with `plan_id` (a `df("x")` reference's target).
    pub fn find_plan_id(&self, plan_id: i64) -> Option<&Plan> {
        if self.plan_id == Some(plan_id) {
            return Some(self);
        }
        self.children().into_iter().find_map(|c| c.find_plan_id(plan_id))
    }
}
