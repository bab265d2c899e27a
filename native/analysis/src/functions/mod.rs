//! The function registry: each Spark function name → how it resolves (argument coercion, Spark's result type,
//! nullability, printed name) and how it is emitted as DuckDB SQL (ANSI behaviour included).
//!
//! The registry is split by family: this file holds the core table (operators, logic, the first aggregates) and
//! the shared helpers; each family module (`functions/<family>.rs`) has its own sorted `FUNCTIONS` table, listed in
//! `FAMILIES`. Adding a function = one `FunctionDef` in its family's table (plus its resolve/emit functions when no
//! existing pair fits). `docs/functions.md` is generated from all tables (test `functions_doc_is_current`).

use crate::coercion::{
    comparison_type, decimal_of_integral, divide_decimal_type, is_literal, numeric_binary_type, require_args,
};
use crate::literal::Literal;
use crate::logical::{Expr, ExprKind};
use crate::sql::error_call;
use crate::types::{DataType, MAX_DECIMAL_PRECISION};
use crate::{Result, SparkError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FunctionKind {
    /// Row-wise function or operator.
    Scalar,
    Aggregate,
    /// Ranking and offset functions: only inside a window (`functions/window.rs`).
    Window,
    /// Table-generating (`explode`, ...): only at the top level of a projection (`functions/generator.rs`).
    Generator,
}

/// How a call was written, for resolution.
pub struct CallContext<'a> {
    /// The name as the plan spells it (Spark prints some functions with the alias used).
    pub name: &'a str,
    pub distinct: bool,
    pub ansi: bool,
}

pub type ResolveFn = fn(&'static FunctionDef, Vec<Expr>, &CallContext) -> Result<Expr>;
/// Emits the call's DuckDB SQL from the call, its (resolved, coerced) arguments and their SQL.
pub type EmitFn = fn(&Expr, &[Expr], &[String]) -> Result<String>;

pub struct FunctionDef {
    /// Spark's name (lower case; lookup is case-insensitive).
    pub name: &'static str,
    pub kind: FunctionKind,
    /// For the coverage table: the DuckDB form.
    pub duckdb: &'static str,
    /// For the coverage table: Spark's result type rule.
    pub result: &'static str,
    pub resolve: ResolveFn,
    pub emit: EmitFn,
}

impl std::fmt::Debug for FunctionDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FunctionDef({})", self.name)
    }
}

/// One registry entry. Family modules (declared below the macro, so it is in scope there) use it too.
macro_rules! def {
    ($name:expr, $kind:ident, $duckdb:expr, $result:expr, $resolve:expr, $emit:expr) => {
        $crate::functions::FunctionDef {
            name: $name,
            kind: $crate::functions::FunctionKind::$kind,
            duckdb: $duckdb,
            result: $result,
            resolve: $resolve,
            emit: $emit,
        }
    };
}

// Family modules: each has a sorted `pub(crate) static FUNCTIONS: &[FunctionDef]`, listed in `FAMILIES`.
// (Declared after `def!` so that the macro is in scope in them.)
pub(crate) mod window;
mod helpers;
mod higher_order;
mod map;
mod aggregate;
pub(crate) mod collection;
mod conditional;
mod datetime;
pub(crate) mod generator;
mod math;
mod regex;
mod misc;
mod string;

/// The core functions, sorted by name.
pub static REGISTRY: &[FunctionDef] = &[
    def!("!", Scalar, "NOT a", "boolean (Column `!`; printed `(NOT a)`)", resolve_logical, emit_logical),
    def!("!=", Scalar, "a <> b", "boolean; operands coerced to their common type", resolve_comparison, emit_comparison),
    def!("%", Scalar, "CAST(a % b AS t), DIVIDE_BY_ZERO guard", "wider numeric type; decimal: (min(p1-s1,p2-s2)+max(s1,s2), max(s1,s2))", resolve_arithmetic, emit_arithmetic),
    def!("*", Scalar, "CAST(a * b AS t)", "wider numeric type; decimal: (p1+p2+1, s1+s2) adjusted", resolve_arithmetic, emit_arithmetic),
    def!("+", Scalar, "CAST(a + b AS t)", "wider numeric type; decimal: (max(s1,s2)+max(p1-s1,p2-s2)+1, max(s1,s2)) adjusted", resolve_arithmetic, emit_arithmetic),
    def!("-", Scalar, "CAST(a - b AS t)", "as +", resolve_arithmetic, emit_arithmetic),
    def!("/", Scalar, "double: a / b; decimal: exact HUGEINT division, HALF_UP; DIVIDE_BY_ZERO guard", "double; decimal: (p1-s1+s2+max(6,s1+p2+1), max(6,s1+p2+1)) adjusted", resolve_arithmetic, emit_arithmetic),
    def!("<", Scalar, "a < b", "boolean", resolve_comparison, emit_comparison),
    def!("<=", Scalar, "a <= b", "boolean", resolve_comparison, emit_comparison),
    def!("<=>", Scalar, "a IS NOT DISTINCT FROM b", "boolean, never null", resolve_comparison, emit_comparison),
    def!("<>", Scalar, "a <> b", "boolean; printed `(NOT (a = b))`", resolve_comparison, emit_comparison),
    def!("=", Scalar, "a = b", "boolean", resolve_comparison, emit_comparison),
    def!("==", Scalar, "a = b", "boolean", resolve_comparison, emit_comparison),
    def!(">", Scalar, "a > b", "boolean", resolve_comparison, emit_comparison),
    def!(">=", Scalar, "a >= b", "boolean", resolve_comparison, emit_comparison),
    def!("and", Scalar, "a AND b", "boolean", resolve_logical, emit_logical),
    def!("avg", Aggregate, "double: avg(CAST(x AS DOUBLE)); decimal: exact sum/count, HALF_UP", "double; decimal(p,s): decimal(min(38,p+4), min(38,s+4))", resolve_avg, emit_avg),
    def!("between", Scalar, "a >= lo AND a <= hi", "boolean (Spark's Between: its replacement, each side coerced alone)", resolve_between, emit_replaced),
    def!("coalesce", Scalar, "coalesce(a, ...)", "wider common type of the arguments; nullable only if all are", resolve_coalesce, emit_coalesce),
    def!("count", Aggregate, "count(x) / count(*); several arguments: rows where all are non-null", "bigint, never null", resolve_count, emit_count),
    def!("in", Scalar, "a IN (b, ...)", "boolean; values coerced to the common type", resolve_in, emit_in),
    def!("isnan", Scalar, "coalesce(isnan(CAST(a AS DOUBLE)), false)", "boolean, never null (NULL is not NaN)", resolve_isnan, emit_isnan),
    def!("isnotnull", Scalar, "a IS NOT NULL", "boolean, never null", resolve_null_test, emit_null_test),
    def!("isnull", Scalar, "a IS NULL", "boolean, never null", resolve_null_test, emit_null_test),
    def!("lower", Scalar, "lower(s); İ and Σ (Java maps them by context) → not supported", "string", resolve_case_change, emit_case_change),
    def!("max", Aggregate, "max(x)", "input type", resolve_min_max, emit_min_max),
    def!("mean", Aggregate, "as avg", "as avg", resolve_avg, emit_avg),
    def!("min", Aggregate, "min(x)", "input type", resolve_min_max, emit_min_max),
    def!("negative", Scalar, "CAST(-a AS t)", "input type", resolve_negative, emit_negative),
    def!("not", Scalar, "NOT a", "boolean", resolve_logical, emit_logical),
    def!("or", Scalar, "a OR b", "boolean", resolve_logical, emit_logical),
    def!("sum", Aggregate, "CAST(sum(x) AS t); bigint: ARITHMETIC_OVERFLOW guard (ANSI) or wrap-around", "integral: bigint; float/double: double; decimal(p,s): decimal(min(38,p+10), s)", resolve_sum, emit_sum),
    def!("upper", Scalar, "upper(s); Java's multi-character mappings (ß → SS, ...) → not supported", "string", resolve_case_change, emit_case_change),
];

/// Every family's table. A name is defined in exactly one table (test `registry_is_sorted_and_unique`).
pub static FAMILIES: &[&[FunctionDef]] =
    &[REGISTRY, conditional::FUNCTIONS, math::FUNCTIONS, string::FUNCTIONS, datetime::FUNCTIONS, aggregate::FUNCTIONS, collection::FUNCTIONS, misc::FUNCTIONS, regex::FUNCTIONS, window::FUNCTIONS, generator::FUNCTIONS, higher_order::FUNCTIONS, map::FUNCTIONS];

/// Every supported function, sorted by name.
pub fn all_functions() -> Vec<&'static FunctionDef> {
    let mut all: Vec<&'static FunctionDef> = FAMILIES.iter().flat_map(|f| f.iter()).collect();
    all.sort_by_key(|f| f.name);
    all
}

/// Every method name of Spark's `org.apache.spark.sql.functions` (lower case), enumerated by reflection on the
/// JVM (test `SparkFunctionNamesTest`).
pub static SPARK_FUNCTION_NAMES: &str = include_str!("../../../../docs/spark-function-names.txt");

/// Looks a function up by Spark name (case-insensitive). A Spark function sparkduck does not implement fails as
/// not supported, naming it; any other name is unknown to Spark too.
pub fn lookup(name: &str) -> Result<&'static FunctionDef> {
    let lower = name.to_ascii_lowercase();
    FAMILIES.iter().flat_map(|f| f.iter()).find(|f| f.name == lower).ok_or_else(|| {
        if SPARK_FUNCTION_NAMES.lines().any(|n| n == lower) {
            SparkError::unsupported(format!("the function {name}"))
        } else {
            unresolved_routine(name)
        }
    })
}

/// Spark's `UNRESOLVED_ROUTINE` error for a function it cannot find.
pub fn unresolved_routine(name: &str) -> SparkError {
    SparkError::new(
        "UNRESOLVED_ROUTINE",
        format!(
            "Cannot resolve routine `{}` on search path [`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`].",
            name.replace('`', "``")
        ),
    )
    .with_sql_state("42883")
}

pub(crate) fn call(func: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext, data_type: DataType, nullable: bool, pretty: Option<String>) -> Expr {
    Expr {
        kind: ExprKind::Call { func, args, distinct: ctx.distinct, ansi: ctx.ansi },
        data_type,
        nullable,
        pretty,
    }
}

pub(crate) fn pretty_args(args: &[Expr]) -> Option<String> {
    let parts: Option<Vec<String>> = args.iter().map(|a| a.pretty.clone()).collect();
    parts.map(|p| p.join(", "))
}

pub(crate) fn infix_pretty(l: &Expr, op: &str, r: &Expr) -> Option<String> {
    Some(format!("({} {op} {})", l.pretty.as_ref()?, r.pretty.as_ref()?))
}

pub(crate) fn no_distinct(ctx: &CallContext) -> Result<()> {
    if ctx.distinct {
        return Err(SparkError::new(
            "INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX",
            format!("Invalid SQL syntax: The function `{}` does not support DISTINCT.", ctx.name),
        )
        .with_sql_state("42000"));
    }
    Ok(())
}

pub(crate) fn divide_by_zero(ansi: bool) -> String {
    if ansi {
        error_call(
            "DIVIDE_BY_ZERO",
            "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
        )
    } else {
        "NULL".to_string()
    }
}

pub(crate) fn remainder_by_zero(ansi: bool) -> String {
    if ansi {
        error_call(
            "REMAINDER_BY_ZERO",
            "Remainder by zero. Use `try_mod` to tolerate divisor being 0 and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
        )
    } else {
        "NULL".to_string()
    }
}

// ---------------------------------------------------------------------------------------------------------
// Arithmetic

fn operator_symbol(name: &str) -> &'static str {
    match name {
        "+" => "+",
        "-" => "-",
        "*" => "*",
        "/" => "/",
        "%" => "%",
        "==" | "=" => "=",
        "!=" => "!=",
        "<" => "<",
        "<=" => "<=",
        ">" => ">",
        ">=" => ">=",
        "<=>" => "<=>",
        "and" => "AND",
        "or" => "OR",
        _ => "?",
    }
}

fn resolve_arithmetic(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    if def.name == "-" && args.len() == 1 {
        return resolve_negative(lookup("negative")?, args, ctx);
    }
    let [l, r] = require_args::<2>(ctx.name, args)?;
    // Spark turns `date + n`, `n + date` and `date - n` (n a byte, short or int) into date_add / date_sub.
    let small_int = |e: &Expr| matches!(e.data_type, DataType::Byte | DataType::Short | DataType::Integer);
    let date_shift = match (def.name, &l.data_type, &r.data_type) {
        ("+", DataType::Date, _) if small_int(&r) => Some(("date_add", false)),
        ("+", _, DataType::Date) if small_int(&l) => Some(("date_add", true)),
        ("-", DataType::Date, _) if small_int(&r) => Some(("date_sub", false)),
        _ => None,
    };
    if let Some((name, swap)) = date_shift {
        let f = lookup(name)?;
        let args = if swap { vec![r, l] } else { vec![l, r] };
        let pretty = helpers::fn_pretty(name, &args);
        let e = (f.resolve)(f, args, ctx)?;
        return Ok(Expr { pretty, ..e });
    }
    let op = operator_symbol(def.name);
    let pretty = infix_pretty(&l, op, &r);
    let (operand_type, result_type) = numeric_binary_type(def.name, &l, &r, pretty.as_deref().unwrap_or(op))?;
    // Spark's DivModLike is always nullable (division by zero gives NULL outside ANSI mode).
    let nullable = l.nullable || r.nullable || def.name == "/" || def.name == "%";
    let (l, r) = match &operand_type {
        // Decimal operands keep their own (p, s); integral operands become decimals (literals as narrow as they fit).
        DataType::Decimal { .. } => (decimal_operand(l), decimal_operand(r)),
        t => (l.implicit_cast(t), r.implicit_cast(t)),
    };
    Ok(call(def, vec![l, r], ctx, result_type, nullable, pretty))
}

pub(crate) fn decimal_operand(e: Expr) -> Expr {
    match &e.data_type {
        DataType::Decimal { .. } => e,
        t => {
            let d = decimal_of_integral(t, if is_literal(&e) { literal_integral_value(&e) } else { None });
            e.implicit_cast(&d)
        }
    }
}

pub(crate) fn literal_integral_value(e: &Expr) -> Option<i128> {
    e.integral_literal().map(i128::from)
}

fn emit_arithmetic(call: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let ExprKind::Call { func, ansi, .. } = &call.kind else { unreachable!() };
    let (a, b) = (&sql[0], &sql[1]);
    let t = call.data_type.to_duckdb_sql();
    Ok(match (func.name, &call.data_type) {
        ("/", DataType::Decimal { precision, scale }) => {
            let (DataType::Decimal { scale: s1, .. }, DataType::Decimal { scale: s2, .. }) = (&args[0].data_type, &args[1].data_type)
            else {
                return Err(SparkError::internal("decimal division of non-decimal operands"));
            };
            let n = unscaled(a, *s1);
            let d = unscaled(b, *s2);
            let k = *scale as i32 - *s1 as i32 + *s2 as i32;
            let q = if k >= 0 {
                round_half_up_div(&format!("({n} * {})", pow10(k as u32)), &d)
            } else {
                round_half_up_div(&n, &format!("({d} * {})", pow10((-k) as u32)))
            };
            format!(
                "CASE WHEN {b} = 0 THEN {} ELSE {} END",
                divide_by_zero(*ansi),
                from_unscaled(&q, *precision, *scale)
            )
        }
        ("/", _) => format!("CASE WHEN {b} = 0 THEN {} ELSE ({a} / {b}) END", divide_by_zero(*ansi)),
        ("%", _) => format!("CASE WHEN {b} = 0 THEN {} ELSE CAST(({a} % {b}) AS {t}) END", remainder_by_zero(*ansi)),
        // DuckDB types DECIMAL(p1,s1) * DECIMAL(p2,s2) as DECIMAL(max(p1,p2) widened to its storage width, s1+s2) and
        // overflows where Spark's decimal(p1+p2+1, s1+s2) does not: multiply at 38 digits, then cast to Spark's type.
        ("*", DataType::Decimal { .. }) => {
            let (DataType::Decimal { scale: s1, .. }, DataType::Decimal { scale: s2, .. }) = (&args[0].data_type, &args[1].data_type)
            else {
                return Err(SparkError::internal("decimal multiplication of non-decimal operands"));
            };
            match split_product(call, args, a, b)? {
                // 64-bit when the product fits 18 digits; TRY turns an overflow (or an operand that does not fit
                // 18 digits) into NULL, and only those rows (and NULL products) take the exact 38-digit product.
                Some(SplitProduct { narrow, wide }) => format!("CAST(coalesce(TRY({narrow}), {wide}) AS {t})"),
                None => format!("CAST(({}) AS {t})", wide_product(a, *s1, b, *s2)),
            }
        }
        (op, _) => format!("CAST(({a} {op} {b}) AS {t})"),
    })
}

/// DuckDB types DECIMAL(p1,s1) * DECIMAL(p2,s2) as DECIMAL(max(p1,p2) widened to its storage width, s1+s2) and
/// overflows where Spark's decimal(p1+p2+1, s1+s2) does not: the exact product, at 38 digits.
fn wide_product(a: &str, s1: i8, b: &str, s2: i8) -> String {
    format!("CAST({a} AS DECIMAL(38,{s1})) * CAST({b} AS DECIMAL(38,{s2}))")
}

/// The operands and their scales when `e` is a decimal product whose Spark type keeps the exact scale s1+s2 (no
/// rounding): its value is then the mathematical product, whatever width computes it.
fn exact_decimal_product(e: &Expr) -> Option<(&[Expr], i8, i8)> {
    let ExprKind::Call { func, args, .. } = &e.kind else { return None };
    match (func.name, &e.data_type, args.as_slice()) {
        ("*", DataType::Decimal { scale, .. }, [x, y]) => match (&x.data_type, &y.data_type) {
            (DataType::Decimal { scale: s1, .. }, DataType::Decimal { scale: s2, .. }) if *s1 as i32 + *s2 as i32 == *scale as i32 => {
                Some((args.as_slice(), *s1, *s2))
            }
            _ => None,
        },
        _ => None,
    }
}

/// A decimal product in two exact forms: `narrow` on 64 bits (DuckDB multiplies DECIMAL(18,s1) * DECIMAL(18,s2) on
/// 64-bit integers with an overflow check, several times faster than at 128 bits; the caller wraps it in TRY, which
/// turns an overflow into NULL) and `wide`, the 38-digit product for the rows where `narrow` fails.
struct SplitProduct {
    narrow: String,
    wide: String,
}

/// The split form of the decimal product `call` (operands `args`, emitted as `a` and `b`), when it has one. An
/// operand that is itself an exact decimal product keeps its split form, so a chain such as
/// `price * (1 - discount) * (1 + tax)` stays on 64 bits; its 64-bit form is wrapped in its own TRY, because DuckDB's
/// common sub-expression elimination may hoist a product that appears twice in a projection out of an enclosing
/// TRY, and a product directly under its own TRY is hoisted together with it. An operand wider than 18 digits is
/// narrowed with TRY_CAST (TRY does not catch a cast that DuckDB moved into the scan).
fn split_product(call: &Expr, args: &[Expr], a: &str, b: &str) -> Result<Option<SplitProduct>> {
    let (DataType::Decimal { scale: s1, .. }, DataType::Decimal { scale: s2, .. }) = (&args[0].data_type, &args[1].data_type) else {
        return Ok(None);
    };
    let eligible = matches!(call.data_type, DataType::Decimal { .. })
        && *s1 as i32 + *s2 as i32 <= 18
        && args.iter().all(reevaluable)
        && a.len() + b.len() <= 4000
        // DuckDB refuses TRY around a volatile function, and error() (checked casts) is one.
        && !a.contains("error(")
        && !b.contains("error(");
    if !eligible {
        return Ok(None);
    }
    let operand = |e: &Expr, sql: &str, s: i8| -> Result<SplitProduct> {
        if let Some((inner, _, _)) = exact_decimal_product(e) {
            let (x, y) = (crate::emit::expr_sql(&inner[0])?, crate::emit::expr_sql(&inner[1])?);
            if let Some(split) = split_product(e, inner, &x, &y)? {
                return Ok(SplitProduct { narrow: format!("TRY({})", split.narrow), wide: format!("({})", split.wide) });
            }
        }
        let cast = if matches!(e.data_type, DataType::Decimal { precision, .. } if precision <= 18) { "CAST" } else { "TRY_CAST" };
        Ok(SplitProduct { narrow: format!("{cast}({sql} AS DECIMAL(18,{s}))"), wide: format!("CAST({sql} AS DECIMAL(38,{s}))") })
    };
    let (x, y) = (operand(&args[0], a, *s1)?, operand(&args[1], b, *s2)?);
    Ok(Some(SplitProduct { narrow: format!("{} * {}", x.narrow, y.narrow), wide: format!("{} * {}", x.wide, y.wide) }))
}

/// `sum` of an exact decimal product with a 64-bit form: the rows whose product fits 64 bits are summed from the
/// 64-bit products, the others from the 38-digit ones (summing `coalesce(narrow, wide)` would make every row
/// 128-bit). NULL when both partial sums are (no non-NULL product), as Spark's sum.
fn split_product_sum(product: &Expr) -> Result<Option<String>> {
    let Some((operands, _, _)) = exact_decimal_product(product) else { return Ok(None) };
    let (a, b) = (crate::emit::expr_sql(&operands[0])?, crate::emit::expr_sql(&operands[1])?);
    let Some(SplitProduct { narrow, wide }) = split_product(product, operands, &a, &b)? else { return Ok(None) };
    let fits = format!("sum(TRY({narrow}))");
    let overflows = format!("sum(CASE WHEN TRY({narrow}) IS NULL THEN {wide} END)");
    Ok(Some(format!("coalesce({fits} + {overflows}, {fits}, {overflows})")))
}

/// Whether an operand may be evaluated twice with the same result at a small cost: columns, literals, casts and
/// plain arithmetic (no function that is nondeterministic, throws on its own or is a UDF).
fn reevaluable(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Column(_) | ExprKind::Literal(_) => true,
        ExprKind::Cast { child, .. } => reevaluable(child),
        ExprKind::Call { func, args, .. } => {
            matches!(func.name, "+" | "-" | "*" | "negative" | "positive") && args.iter().all(reevaluable)
        }
        _ => false,
    }
}

/// 10^k as an integer literal (never `10 ** k`, which DuckDB computes as DOUBLE).
pub(crate) fn pow10(k: u32) -> String {
    format!("CAST(1{} AS HUGEINT)", "0".repeat(k as usize))
}

/// The unscaled integer of a decimal of scale `s`, as HUGEINT.
pub(crate) fn unscaled(decimal_sql: &str, s: i8) -> String {
    if s == 0 {
        format!("CAST({decimal_sql} AS HUGEINT)")
    } else {
        format!("CAST({decimal_sql} * {} AS HUGEINT)", pow10(s as u32))
    }
}

/// n / d rounded HALF_UP (away from zero), on HUGEINT; `//` truncates toward zero and `%` keeps the dividend's sign.
/// `abs(r) >= abs(d) - abs(r)` is `2|r| >= |d|` without overflow.
pub(crate) fn round_half_up_div(n: &str, d: &str) -> String {
    format!(
        "(({n}) // ({d}) + CASE WHEN abs(({n}) % ({d})) >= abs({d}) - abs(({n}) % ({d})) THEN sign({n}) * sign({d}) ELSE 0 END)"
    )
}

/// A HUGEINT unscaled value as DECIMAL(p, s).
pub(crate) fn from_unscaled(q: &str, p: u8, s: i8) -> String {
    if s == 0 {
        format!("CAST({q} AS DECIMAL({p},0))")
    } else {
        format!("CAST(CAST({q} AS DECIMAL(38,0)) * CAST('0.{}1' AS DECIMAL({s},{s})) AS DECIMAL({p},{s}))", "0".repeat(s as usize - 1))
    }
}

fn resolve_negative(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    let [a] = require_args::<1>(ctx.name, args)?;
    if !a.data_type.is_numeric() {
        return Err(crate::coercion::unexpected_input_type(&format!("negative({})", a.pretty.clone().unwrap_or_default()), 1, "NUMERIC", &a));
    }
    // SQL's `- x` (sent as the one-argument `-`) prints as Spark's UnaryMinus, `(- x)`; `negative(x)` as called.
    let pretty = a.pretty.as_ref().map(|p| if ctx.name == "-" { format!("(- {p})") } else { format!("negative({p})") });
    Ok(call(def, vec![a.clone()], ctx, a.data_type.clone(), a.nullable, pretty))
}

fn emit_negative(call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    Ok(format!("CAST((- {}) AS {})", sql[0], call.data_type.to_duckdb_sql()))
}

// ---------------------------------------------------------------------------------------------------------
// Comparisons and logic

/// SQL's `v BETWEEN lo AND hi`: Spark's `Between`, replaced by `v >= lo AND v <= hi` (each comparison coerced on its
/// own), printed `between(v, lo, hi)`.
fn resolve_between(_def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    let [v, lo, hi] = require_args::<3>(ctx.name, args)?;
    let pretty = match (&v.pretty, &lo.pretty, &hi.pretty) {
        (Some(a), Some(b), Some(c)) => Some(format!("between({a}, {b}, {c})")),
        _ => None,
    };
    let (ge, le, and) = (lookup(">=")?, lookup("<=")?, lookup("and")?);
    let context = |name| CallContext { name, distinct: false, ansi: ctx.ansi };
    let lower = (ge.resolve)(ge, vec![v.clone(), lo], &context(">="))?;
    let upper = (le.resolve)(le, vec![v, hi], &context("<="))?;
    let mut both = (and.resolve)(and, vec![lower, upper], &context("and"))?;
    both.pretty = pretty;
    Ok(both)
}

/// The emitter of functions that resolve into other calls (never reached: the resolved call emits itself).
fn emit_replaced(_call: &Expr, _args: &[Expr], _sql: &[String]) -> Result<String> {
    Err(SparkError::internal("a replaced function call reached SQL emission"))
}

fn resolve_comparison(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    let [l, r] = require_args::<2>(ctx.name, args)?;
    let pretty = if def.name == "!=" || def.name == "<>" {
        infix_pretty(&l, "=", &r).map(|p| format!("(NOT {p})"))
    } else {
        infix_pretty(&l, operator_symbol(def.name), &r)
    };
    let t = comparison_type(&l, &r, pretty.as_deref().unwrap_or(def.name))?;
    let nullable = def.name != "<=>" && (l.nullable || r.nullable);
    let (l, r) = match &t {
        Some(t) => (l.implicit_cast(t), r.implicit_cast(t)),
        None => (l, r),
    };
    Ok(call(def, vec![l, r], ctx, DataType::Boolean, nullable, pretty))
}

fn emit_comparison(call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    let ExprKind::Call { func, .. } = &call.kind else { unreachable!() };
    let op = match func.name {
        "==" | "=" => "=",
        "!=" | "<>" => "<>",
        "<=>" => "IS NOT DISTINCT FROM",
        other => other,
    };
    Ok(format!("({} {op} {})", sql[0], sql[1]))
}

fn resolve_logical(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    let negation = def.name == "not" || def.name == "!";
    let arity = if negation { 1 } else { 2 };
    if args.len() != arity {
        return Err(crate::coercion::wrong_num_args(ctx.name, arity, args.len()));
    }
    let pretty = if negation {
        args[0].pretty.as_ref().map(|p| format!("(NOT {p})"))
    } else {
        infix_pretty(&args[0], operator_symbol(def.name), &args[1])
    };
    let mut coerced = Vec::with_capacity(args.len());
    for (i, a) in args.into_iter().enumerate() {
        match a.data_type {
            DataType::Boolean => coerced.push(a),
            DataType::Null => coerced.push(a.implicit_cast(&DataType::Boolean)),
            _ => {
                return Err(crate::coercion::unexpected_input_type(pretty.as_deref().unwrap_or(def.name), i + 1, "\"BOOLEAN\"", &a))
            }
        }
    }
    let nullable = coerced.iter().any(|a| a.nullable);
    Ok(call(def, coerced, ctx, DataType::Boolean, nullable, pretty))
}

fn emit_logical(call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    let ExprKind::Call { func, .. } = &call.kind else { unreachable!() };
    Ok(match func.name {
        "not" | "!" => format!("(NOT {})", sql[0]),
        "and" => format!("({} AND {})", sql[0], sql[1]),
        _ => format!("({} OR {})", sql[0], sql[1]),
    })
}

fn resolve_null_test(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    let [a] = require_args::<1>(ctx.name, args)?;
    let test = if def.name == "isnull" { "IS NULL" } else { "IS NOT NULL" };
    let pretty = a.pretty.as_ref().map(|p| format!("({p} {test})"));
    Ok(call(def, vec![a], ctx, DataType::Boolean, false, pretty))
}

fn emit_null_test(call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    let ExprKind::Call { func, .. } = &call.kind else { unreachable!() };
    Ok(format!("({} {})", sql[0], if func.name == "isnull" { "IS NULL" } else { "IS NOT NULL" }))
}

fn resolve_in(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    if args.is_empty() {
        return Err(crate::coercion::wrong_num_args(ctx.name, 1, 0));
    }
    let pretty = match pretty_args(&args[1..]) {
        Some(list) => args[0].pretty.as_ref().map(|v| format!("({v} IN ({list}))")),
        None => None,
    };
    // Spark finds one type for the value and the list (pairwise, like a comparison) and casts every side to it.
    let mut common = args[0].clone();
    for a in &args[1..] {
        if let Some(t) = comparison_type(&common, a, pretty.as_deref().unwrap_or("in"))? {
            common = common.implicit_cast(&t);
        }
    }
    let common = common.data_type;
    let nullable = args.iter().any(|a| a.nullable);
    let coerced: Vec<Expr> = args.into_iter().map(|a| a.implicit_cast(&common)).collect();
    Ok(call(def, coerced, ctx, DataType::Boolean, nullable, pretty))
}

fn emit_in(_call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    if sql.len() == 1 {
        // Spark 4: `x IN ()` is false, even for a NULL x.
        return Ok("FALSE".to_string());
    }
    Ok(format!("({} IN ({}))", sql[0], sql[1..].join(", ")))
}

// ---------------------------------------------------------------------------------------------------------
// Null handling, NaN, strings

/// Spark's wider common type (`findWiderCommonType`, ANSI) of two types, for `coalesce` and the like.
pub(crate) fn wider_common_type(a: &DataType, b: &DataType) -> Option<DataType> {
    if a == b {
        return Some(a.clone());
    }
    match (a, b) {
        (DataType::Null, t) | (t, DataType::Null) => return Some(t.clone()),
        _ => {}
    }
    if a.is_numeric() && b.is_numeric() {
        if a.is_floating() || b.is_floating() {
            return Some(if a.is_decimal() || b.is_decimal() {
                DataType::Double
            } else {
                let (x, y) = (Expr::typed_null(a), Expr::typed_null(b));
                comparison_type(&x, &y, "").ok().flatten().unwrap_or(DataType::Double)
            });
        }
        let (da, db) = (decimal_of_integral(a, None), decimal_of_integral(b, None));
        match (&da, &db) {
            (DataType::Decimal { precision: p1, scale: s1 }, DataType::Decimal { precision: p2, scale: s2 }) => {
                if !a.is_decimal() && !b.is_decimal() {
                    let (x, y) = (Expr::typed_null(a), Expr::typed_null(b));
                    return comparison_type(&x, &y, "").ok().flatten();
                }
                return Some(crate::coercion::wider_decimal(*p1 as i32, *s1 as i32, *p2 as i32, *s2 as i32));
            }
            _ => return None,
        }
    }
    match (a, b) {
        (DataType::Date, DataType::Timestamp) | (DataType::Timestamp, DataType::Date) => Some(DataType::Timestamp),
        (DataType::Date, DataType::TimestampNtz) | (DataType::TimestampNtz, DataType::Date) => Some(DataType::TimestampNtz),
        (DataType::Timestamp, DataType::TimestampNtz) | (DataType::TimestampNtz, DataType::Timestamp) => Some(DataType::Timestamp),
        _ => None,
    }
}

fn resolve_coalesce(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    if args.is_empty() {
        return Err(crate::coercion::wrong_num_args(ctx.name, 1, 0));
    }
    let pretty = pretty_args(&args).map(|l| format!("coalesce({l})"));
    let mut t = args[0].data_type.clone();
    for a in &args[1..] {
        match wider_common_type(&t, &a.data_type) {
            Some(w) => t = w,
            None if matches!(t, DataType::String) || matches!(a.data_type, DataType::String) => {
                return Err(SparkError::unsupported(format!(
                    "implicit cast of a string argument in \"{}\"",
                    pretty.as_deref().unwrap_or("coalesce")
                )))
            }
            None => {
                let types: Vec<String> = args.iter().map(|a| format!("\"{}\"", a.data_type.spark_sql())).collect();
                return Err(SparkError::new(
                    "DATATYPE_MISMATCH.DATA_DIFF_TYPES",
                    format!(
                        "Cannot resolve \"{}\" due to data type mismatch: Input to `coalesce` should all be the same type, but it's [{}].",
                        pretty.as_deref().unwrap_or("coalesce"),
                        types.join(", ")
                    ),
                )
                .with_sql_state("42K09"));
            }
        }
    }
    let nullable = args.iter().all(|a| a.nullable);
    let coerced: Vec<Expr> = args.into_iter().map(|a| a.implicit_cast(&t)).collect();
    Ok(call(def, coerced, ctx, t, nullable, pretty))
}

fn emit_coalesce(_call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    Ok(format!("coalesce({})", sql.join(", ")))
}

fn resolve_isnan(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    let [a] = require_args::<1>(ctx.name, args)?;
    let pretty = a.pretty.as_ref().map(|p| format!("isnan({p})"));
    // Spark: inputs (double or float), other numeric types implicitly cast to double; never null.
    let a = match &a.data_type {
        DataType::Float | DataType::Double => a,
        t if t.is_numeric() || *t == DataType::Null => a.implicit_cast(&DataType::Double),
        DataType::String => return Err(SparkError::unsupported("isnan of a string (implicit cast)")),
        _ => {
            return Err(crate::coercion::unexpected_input_type(
                pretty.as_deref().unwrap_or("isnan"),
                1,
                "(\"DOUBLE\" or \"FLOAT\")",
                &a,
            ))
        }
    };
    Ok(call(def, vec![a], ctx, DataType::Boolean, false, pretty))
}

fn emit_isnan(_call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    Ok(format!("coalesce(isnan({}), false)", sql[0]))
}

fn resolve_case_change(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    let [a] = require_args::<1>(ctx.name, args)?;
    let pretty = a.pretty.as_ref().map(|p| format!("{}({p})", def.name));
    let a = match &a.data_type {
        DataType::String => a,
        DataType::Null => a.implicit_cast(&DataType::String),
        t if t.is_numeric() || matches!(t, DataType::Boolean | DataType::Date | DataType::Timestamp | DataType::TimestampNtz) => {
            a.implicit_cast(&DataType::String)
        }
        _ => {
            return Err(crate::coercion::unexpected_input_type(pretty.as_deref().unwrap_or(def.name), 1, "\"STRING\"", &a))
        }
    };
    let nullable = a.nullable;
    Ok(call(def, vec![a], ctx, DataType::String, nullable, pretty))
}

/// Characters whose case mapping differs between Java's `String.toUpperCase`/`toLowerCase` (Spark) and DuckDB:
/// Java's unconditional special casings that expand to several characters (ß → SS, ligatures, Greek with
/// ypogegrammeni...) for upper; İ (→ i̇) and Σ (final sigma, context-dependent) for lower. DuckDB maps these one to
/// one, so a string holding one fails as not supported instead of differing silently.
pub(crate) const UPPER_SPECIAL: &str = r"[\x{00DF}\x{0149}\x{01F0}\x{0390}\x{03B0}\x{0587}\x{1E96}-\x{1E9A}\x{1F50}\x{1F52}\x{1F54}\x{1F56}\x{1F80}-\x{1FAF}\x{1FB2}-\x{1FB4}\x{1FB6}\x{1FB7}\x{1FBC}\x{1FC2}-\x{1FC4}\x{1FC6}\x{1FC7}\x{1FCC}\x{1FD2}\x{1FD3}\x{1FD6}\x{1FD7}\x{1FE2}-\x{1FE4}\x{1FE6}\x{1FE7}\x{1FF2}-\x{1FF4}\x{1FF6}\x{1FF7}\x{1FFC}\x{FB00}-\x{FB06}\x{FB13}-\x{FB17}]";
pub(crate) const LOWER_SPECIAL: &str = r"[\x{0130}\x{03A3}]";

fn emit_case_change(call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    let ExprKind::Call { func, .. } = &call.kind else { unreachable!() };
    let special = if func.name == "upper" { UPPER_SPECIAL } else { LOWER_SPECIAL };
    let unsupported = crate::sql::error_call(
        "SPARKDUCK_UNSUPPORTED",
        &format!("not supported yet by sparkduck: {} of a string with a character Java case-maps specially", func.name),
    );
    Ok(format!(
        "list_transform([{}], lambda sd_s: CASE WHEN regexp_matches(sd_s, {}) THEN {unsupported} ELSE {}(sd_s) END)[1]",
        sql[0],
        crate::sql::quote_str(special),
        func.name
    ))
}

// ---------------------------------------------------------------------------------------------------------
// Aggregates

pub(crate) fn aggregate_pretty(name: &str, args: &[Expr], distinct: bool) -> Option<String> {
    let list = pretty_args(args)?;
    Some(if distinct { format!("{name}(DISTINCT {list})") } else { format!("{name}({list})") })
}

fn resolve_count(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    if args.is_empty() {
        return Err(crate::coercion::wrong_num_args(ctx.name, 1, 0));
    }
    let pretty = aggregate_pretty("count", &args, ctx.distinct);
    Ok(call(def, args, ctx, DataType::Long, false, pretty))
}

fn emit_count(call: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let ExprKind::Call { distinct, .. } = &call.kind else { unreachable!() };
    if args.len() == 1 {
        if !distinct && is_literal(&args[0]) && !matches!(args[0].kind, ExprKind::Literal(Literal::Null(_))) {
            return Ok("count(*)".to_string());
        }
        return Ok(format!("count({}{})", if *distinct { "DISTINCT " } else { "" }, sql[0]));
    }
    // Spark counts the rows (or distinct tuples) in which every argument is non-null.
    let all_present: Vec<String> = sql.iter().map(|s| format!("{s} IS NOT NULL")).collect();
    let cond = all_present.join(" AND ");
    Ok(if *distinct {
        format!("count(DISTINCT CASE WHEN {cond} THEN row({}) END)", sql.join(", "))
    } else {
        format!("count(CASE WHEN {cond} THEN 1 END)")
    })
}

fn resolve_sum(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    let [a] = require_args::<1>(ctx.name, args)?;
    let pretty = aggregate_pretty("sum", std::slice::from_ref(&a), ctx.distinct);
    let t = match &a.data_type {
        t if t.is_integral() => DataType::Long,
        DataType::Float | DataType::Double => DataType::Double,
        DataType::Decimal { precision, scale } => DataType::decimal((*precision + 10).min(MAX_DECIMAL_PRECISION), *scale),
        DataType::Null => DataType::Double,
        DataType::String => return Err(SparkError::unsupported("sum of a string column (implicit cast)")),
        _ => {
            return Err(crate::coercion::unexpected_input_type(
                pretty.as_deref().unwrap_or("sum"),
                1,
                "(\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\" or \"INTERVAL\")",
                &a,
            ))
        }
    };
    let a = match &a.data_type {
        DataType::Float | DataType::Null => a.implicit_cast(&DataType::Double),
        _ => a,
    };
    Ok(call(def, vec![a], ctx, t, true, pretty))
}

fn emit_sum(call: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let ExprKind::Call { distinct, ansi, .. } = &call.kind else { unreachable!() };
    if let (false, DataType::Decimal { .. }) = (*distinct, &call.data_type) {
        if let Some(split) = split_product_sum(&args[0])? {
            return Ok(format!("CAST({split} AS {})", call.data_type.to_duckdb_sql()));
        }
    }
    let sum = format!("sum({}{})", if *distinct { "DISTINCT " } else { "" }, sql[0]);
    if call.data_type == DataType::Long {
        // DuckDB sums integers into HUGEINT (no overflow on the way): out of BIGINT's range Spark's ANSI mode
        // raises ARITHMETIC_OVERFLOW, its legacy mode wraps around (two's complement).
        let h = format!("CAST({sum} AS HUGEINT)");
        return Ok(if *ansi {
            format!(
                "CASE WHEN {h} IS NULL OR {h} BETWEEN -9223372036854775808 AND 9223372036854775807 THEN CAST({h} AS BIGINT) ELSE {} END",
                error_call(
                    "ARITHMETIC_OVERFLOW",
                    "long overflow. Use 'try_add' to tolerate overflow and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
                )
            )
        } else {
            let m = "CAST(18446744073709551616 AS HUGEINT)";
            format!("CAST(((({h} % {m}) + {m} + CAST(9223372036854775808 AS HUGEINT)) % {m}) - CAST(9223372036854775808 AS HUGEINT) AS BIGINT)")
        });
    }
    // DuckDB sums decimals into DECIMAL(38,s): the cast restores Spark's type and raises on overflow.
    Ok(format!("CAST({sum} AS {})", call.data_type.to_duckdb_sql()))
}

fn resolve_avg(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    let [a] = require_args::<1>(ctx.name, args)?;
    // Spark prints `mean` as `avg`.
    let pretty = aggregate_pretty("avg", std::slice::from_ref(&a), ctx.distinct);
    let (input, t) = match &a.data_type {
        DataType::Decimal { precision, scale } => {
            let t = DataType::decimal((*precision + 4).min(MAX_DECIMAL_PRECISION), (*scale + 4).min(MAX_DECIMAL_PRECISION as i8));
            (a, t)
        }
        t if t.is_numeric() || *t == DataType::Null => (a.implicit_cast(&DataType::Double), DataType::Double),
        DataType::String => return Err(SparkError::unsupported("avg of a string column (implicit cast)")),
        _ => {
            return Err(crate::coercion::unexpected_input_type(
                pretty.as_deref().unwrap_or("avg"),
                1,
                "(\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\")",
                &a,
            ))
        }
    };
    Ok(call(def, vec![input], ctx, t, true, pretty))
}

fn emit_avg(call: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let ExprKind::Call { distinct, .. } = &call.kind else { unreachable!() };
    let d = if *distinct { "DISTINCT " } else { "" };
    let x = &sql[0];
    let DataType::Decimal { precision: p, scale: s } = args[0].data_type else {
        return Ok(format!("avg({d}{x})"));
    };
    let DataType::Decimal { precision: rp, scale: rs } = call.data_type else { unreachable!() };
    // Spark: Divide(sum as decimal(p+10,s), count as decimal(20,0)) at the division's own (precision, scale),
    // HALF_UP, then cast to decimal(p+4, s+4) (HALF_UP again). Reproduced on HUGEINT unscaled values.
    let sum_type = DataType::decimal((p + 10).min(MAX_DECIMAL_PRECISION), s);
    let DataType::Decimal { precision: dp, scale: ds } = divide_decimal_type(&sum_type, &DataType::decimal(20, 0)) else {
        unreachable!()
    };
    let n = unscaled(&format!("sum({d}{x})"), s);
    let k = ds as i32 - s as i32;
    let count = format!("NULLIF(count({d}{x}), 0)");
    let q = if k >= 0 {
        round_half_up_div(&format!("({n} * {})", pow10(k as u32)), &count)
    } else {
        round_half_up_div(&n, &format!("({count} * {})", pow10((-k) as u32)))
    };
    Ok(format!("CAST({} AS DECIMAL({rp},{rs}))", from_unscaled(&q, dp, ds)))
}

fn resolve_min_max(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    let [a] = require_args::<1>(ctx.name, args)?;
    let pretty = aggregate_pretty(def.name, std::slice::from_ref(&a), ctx.distinct);
    if matches!(a.data_type, DataType::Map { .. }) {
        return Err(crate::coercion::unexpected_input_type(pretty.as_deref().unwrap_or(def.name), 1, "orderable", &a));
    }
    if matches!(a.data_type, DataType::Array { .. } | DataType::Struct(_)) {
        return Err(SparkError::unsupported(format!("{} of arrays or structs", def.name)));
    }
    let t = a.data_type.clone();
    Ok(call(def, vec![a], ctx, t, true, pretty))
}

fn emit_min_max(call: &Expr, _args: &[Expr], sql: &[String]) -> Result<String> {
    let ExprKind::Call { func, .. } = &call.kind else { unreachable!() };
    Ok(format!("{}({})", func.name, sql[0]))
}

/// The coverage table `docs/functions.md`, generated from `REGISTRY`.
pub fn coverage_markdown() -> String {
    let mut out = String::from(
        "# Spark functions supported by sparkduck\n\n\
         Generated from the registry in `native/analysis/src/functions/` by the test `functions_doc_is_current` \
         (`UPDATE_DOCS=1 cargo test -p sparkduck-analysis functions_doc_is_current` rewrites it).\n\
         A function not listed fails with `[UNRESOLVED_ROUTINE]`.\n\n\
         | Spark function | kind | DuckDB form | Spark result type |\n|---|---|---|---|\n",
    );
    let all = all_functions();
    for f in &all {
        let kind = match f.kind {
            FunctionKind::Scalar => "scalar",
            FunctionKind::Aggregate => "aggregate",
            FunctionKind::Window => "window",
            FunctionKind::Generator => "generator",
        };
        let esc = |s: &str| s.replace('|', "\\|");
        out.push_str(&format!("| `{}` | {kind} | {} | {} |\n", esc(f.name), esc(f.duckdb), esc(f.result)));
    }
    out.push_str(&format!("\n{} functions.\n", all.len()));
    out.push_str(&spark_functions_coverage());
    out
}

/// Names of Spark's `functions` object that are API helpers, not functions of the registry.
const API_HELPERS: &[&str] = &[
    "asc", "asc_nulls_first", "asc_nulls_last", "broadcast", "call_function", "call_udf", "calludf", "col", "column",
    "desc", "desc_nulls_first", "desc_nulls_last", "expr", "lit", "typedlit", "typedliteral", "udaf", "udf",
    "unwrap_udt",
];

/// Scala API names whose registry name differs.
const API_ALIASES: &[(&str, &str)] = &[
    ("approxcountdistinct", "approx_count_distinct"),
    ("bitwise_not", "~"),
    ("bitwisenot", "~"),
    ("negate", "negative"),
    ("count_distinct", "count"),
    ("countdistinct", "count"),
    ("sum_distinct", "sum"),
    ("sumdistinct", "sum"),
    ("todegrees", "degrees"),
    ("toradians", "radians"),
];

/// Supported functions with known limits (what differs or is refused).
const PARTIAL: &[(&str, &str)] = &[
    ("array_distinct", "floating-point and nested elements refused"),
    ("array_except", "floating-point and nested elements refused"),
    ("array_intersect", "floating-point and nested elements refused"),
    ("array_remove", "floating-point and nested elements refused"),
    ("array_union", "floating-point and nested elements refused"),
    ("arrays_overlap", "floating-point and nested elements refused"),
    ("collect_set", "floating-point and nested elements refused"),
    ("date_format", "pattern letters without an exact strftime form refused; years outside 1000..9999 refused"),
    ("element_at", "maps refused"),
    ("from_unixtime", "pattern letters without an exact strftime form refused; years outside 1000..9999 refused"),
    ("levenshtein", "non-ASCII strings refused"),
    ("overlay", "positions below 1 and binary arguments refused"),
    ("sequence", "integral bounds only (dates, timestamps refused)"),
    ("try_add", "decimal, date and interval operands refused"),
    ("try_divide", "decimal and interval operands refused"),
    ("try_element_at", "maps refused"),
    ("try_mod", "decimal operands refused"),
    ("try_multiply", "decimal and interval operands refused"),
    ("try_subtract", "decimal, date and interval operands refused"),
    ("hash", "floating-point, decimal, binary and nested arguments refused"),
    ("initcap", "strings with characters Java case-maps specially (ß, ǅ, ...) refused"),
    ("like", "escape characters other than `\\` refused"),
    ("lower", "İ and Σ refused"),
    ("regexp", "Java patterns outside the RE2-compatible subset refused"),
    ("regexp_extract", "Java patterns outside the RE2-compatible subset refused"),
    ("regexp_extract_all", "patterns outside the RE2-compatible subset or matching '' refused"),
    ("regexp_replace", "patterns outside the RE2-compatible subset or matching '' refused; position must be 1"),
    ("rlike", "Java patterns outside the RE2-compatible subset refused"),
    ("round", "doubles rounded to more than 15 decimals refused"),
    ("sha2", "224/384/512 bits refused"),
    ("split", "positive limits and patterns matching '' refused"),
    ("to_date", "parsing patterns: only yyyy MM dd HH mm ss and literals"),
    ("to_timestamp", "parsing patterns: only yyyy MM dd HH mm ss and literals"),
    ("to_unix_timestamp", "parsing patterns: only yyyy MM dd HH mm ss and literals"),
    ("try_avg", "decimal and interval input refused"),
    ("try_sum", "decimal and interval input refused"),
    ("try_to_date", "parsing patterns: only yyyy MM dd HH mm ss and literals"),
    ("try_to_timestamp", "parsing patterns only (yyyy MM dd HH mm ss and literals); the one-argument form refused"),
    ("unix_timestamp", "parsing patterns: only yyyy MM dd HH mm ss and literals; the no-argument form refused"),
    ("upper", "characters with multi-character Java mappings (ß, ligatures) refused"),
];

/// The coverage of every name in Spark's `functions` object.
fn spark_functions_coverage() -> String {
    let mut out = String::from(
        "\n## Spark's `functions` object\n\nEvery public method name of `org.apache.spark.sql.functions` \
         (`docs/spark-function-names.txt`, enumerated by reflection). An unsupported one fails with \
         `SPARKDUCK_UNSUPPORTED` naming it.\n\n| name | status |\n|---|---|\n",
    );
    let (mut supported, mut partial, mut unsupported) = (0, 0, 0);
    for name in SPARK_FUNCTION_NAMES.lines().filter(|l| !l.is_empty()) {
        let target = API_ALIASES.iter().find(|(a, _)| *a == name).map(|(_, t)| *t).unwrap_or(name);
        let registered = all_functions().iter().any(|f| f.name == target);
        let status = if API_HELPERS.contains(&name) {
            "API helper (not a function)".to_string()
        } else if let (true, Some((_, note))) = (registered, PARTIAL.iter().find(|(n, _)| *n == target)) {
            partial += 1;
            format!("partial: {note}")
        } else if registered {
            supported += 1;
            "supported".to_string()
        } else {
            unsupported += 1;
            "unsupported".to_string()
        };
        out.push_str(&format!("| `{name}` | {status} |\n"));
    }
    out.push_str(&format!("\n{supported} supported, {partial} partial, {unsupported} unsupported.\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_sorted_and_unique() {
        for family in FAMILIES {
            for w in family.windows(2) {
                assert!(w[0].name < w[1].name, "{} before {}", w[0].name, w[1].name);
            }
        }
        let all = all_functions();
        for w in all.windows(2) {
            assert!(w[0].name != w[1].name, "{} is defined twice", w[0].name);
        }
    }

    #[test]
    fn functions_doc_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/functions.md");
        let expected = coverage_markdown();
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(path, &expected).expect("write docs/functions.md");
        }
        let actual = std::fs::read_to_string(path).unwrap_or_default();
        assert!(actual == expected, "docs/functions.md is stale: run `UPDATE_DOCS=1 cargo test -p sparkduck-analysis functions_doc_is_current`");
    }

    #[test]
    fn unknown_function() {
        let e = lookup("no_such_fn").unwrap_err();
        assert_eq!(e.error_class, "UNRESOLVED_ROUTINE");
        assert!(e.message.contains("`no_such_fn`"));
    }
}
