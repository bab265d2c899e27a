//! Shared machinery of the family modules: argument coercion by declared input kinds (Spark's
//! `ImplicitCastInputTypes`), the generic resolver behind `sig!`, and SQL templates (`FunctionDef::duckdb` doubles
//! as the emitted SQL for template functions, so the coverage table shows exactly what runs).

use super::{call, no_distinct, CallContext, FunctionDef};
use crate::literal::Literal;
use crate::logical::{CastMode, Expr, ExprKind};
use crate::types::DataType;
use crate::{Result, SparkError};

/// What a parameter accepts, and what it is implicitly cast to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum In {
    /// STRING; numbers, booleans, dates and timestamps are cast to STRING (ANSI store assignment).
    Str,
    /// INT; other integral types are cast.
    Int,
    /// BIGINT; other integral types are cast.
    Long,
    /// DOUBLE; every numeric type is cast.
    Double,
    /// DATE; timestamps and strings are cast.
    Date,
    /// TIMESTAMP; dates and strings are cast.
    Timestamp,
    Bool,
    /// Any type, unchanged.
    Any,
}

/// The result type of a `sig!` function.
#[derive(Debug, Clone, Copy)]
#[allow(dead_code)]
pub(crate) enum Ret {
    Fixed(&'static DataType),
    /// The (coerced) type of argument i.
    Arg(usize),
}

pub(crate) const INT: Ret = Ret::Fixed(&DataType::Integer);
pub(crate) const LONG: Ret = Ret::Fixed(&DataType::Long);
#[allow(dead_code)]
pub(crate) const DOUBLE: Ret = Ret::Fixed(&DataType::Double);
pub(crate) const STRING: Ret = Ret::Fixed(&DataType::String);
pub(crate) const BOOL: Ret = Ret::Fixed(&DataType::Boolean);
pub(crate) const DATE: Ret = Ret::Fixed(&DataType::Date);
pub(crate) const TIMESTAMP: Ret = Ret::Fixed(&DataType::Timestamp);

/// A cast inserted by type coercion: invisible in names, ANSI or legacy as the session is.
pub(crate) fn coerce(e: Expr, to: &DataType, ansi: bool) -> Expr {
    if &e.data_type == to {
        return e;
    }
    let pretty = e.pretty.clone();
    // Spark's implicit string → date/timestamp casts are nullable (observed: `date_add('2024-02-28', 1)`).
    let nullable = e.nullable
        || (e.data_type == DataType::String && (!ansi || matches!(to, DataType::Date | DataType::Timestamp | DataType::TimestampNtz)));
    Expr {
        kind: ExprKind::Cast { child: Box::new(e), mode: if ansi { CastMode::Ansi } else { CastMode::Legacy }, implicit: true },
        data_type: to.clone(),
        nullable,
        pretty,
    }
}

fn is_datetime(t: &DataType) -> bool {
    matches!(t, DataType::Date | DataType::Timestamp | DataType::TimestampNtz)
}

/// Coerces argument `index` (0-based) of `sql` to the kind `kind`, or fails as Spark does.
pub(crate) fn coerce_arg(kind: In, e: Expr, index: usize, sql: &str, ansi: bool) -> Result<Expr> {
    let t = e.data_type.clone();
    let bad = |required: &str, e: &Expr| crate::coercion::unexpected_input_type(sql, index + 1, required, e);
    let implicit_string = || SparkError::unsupported(format!("implicit cast of a string argument in \"{sql}\""));
    Ok(match kind {
        In::Any => e,
        In::Str => match t {
            DataType::String => e,
            DataType::Null | DataType::Boolean => coerce(e, &DataType::String, ansi),
            t if t.is_numeric() || is_datetime(&t) => coerce(e, &DataType::String, ansi),
            DataType::Binary => return Err(SparkError::unsupported(format!("a binary argument in \"{sql}\""))),
            _ => return Err(bad("\"STRING\"", &e)),
        },
        In::Int | In::Long => {
            let to = if kind == In::Int { DataType::Integer } else { DataType::Long };
            match t {
                DataType::Null => coerce(e, &to, ansi),
                t if t.is_integral() => coerce(e, &to, ansi),
                DataType::String => return Err(implicit_string()),
                t if t.is_numeric() => return Err(SparkError::unsupported(format!("a fractional argument where \"{sql}\" takes an integer"))),
                _ => return Err(bad(if kind == In::Int { "\"INT\"" } else { "\"BIGINT\"" }, &e)),
            }
        }
        In::Double => match t {
            DataType::Null => coerce(e, &DataType::Double, ansi),
            t if t.is_numeric() => coerce(e, &DataType::Double, ansi),
            DataType::String => return Err(implicit_string()),
            _ => return Err(bad("\"DOUBLE\"", &e)),
        },
        In::Date => match t {
            DataType::Date => e,
            DataType::Null | DataType::Timestamp | DataType::TimestampNtz | DataType::String => coerce(e, &DataType::Date, ansi),
            _ => return Err(bad("\"DATE\"", &e)),
        },
        In::Timestamp => match t {
            DataType::Timestamp => e,
            DataType::Null | DataType::Date | DataType::TimestampNtz | DataType::String => coerce(e, &DataType::Timestamp, ansi),
            _ => return Err(bad("\"TIMESTAMP\"", &e)),
        },
        In::Bool => match t {
            DataType::Boolean => e,
            DataType::Null => coerce(e, &DataType::Boolean, ansi),
            _ => return Err(bad("\"BOOLEAN\"", &e)),
        },
    })
}

/// `name(a, b, ...)` from the arguments' printed forms.
pub(crate) fn fn_pretty(name: &str, args: &[Expr]) -> Option<String> {
    super::pretty_args(args).map(|a| format!("{name}({a})"))
}

/// Arity check with Spark's error.
pub(crate) fn check_arity(name: &str, args: &[Expr], min: usize, max: usize) -> Result<()> {
    if args.len() < min || args.len() > max {
        return Err(crate::coercion::wrong_num_args(name, if args.len() < min { min } else { max }, args.len()));
    }
    Ok(())
}

/// Resolves a function of fixed parameter kinds (the first `min` required), printed `name(args)`, nullable when
/// an argument is.
pub(crate) fn resolve_sig(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext, kinds: &[In], min: usize, ret: Ret) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, min, kinds.len())?;
    let name = ctx.name.to_ascii_lowercase();
    let pretty = fn_pretty(&name, &args);
    let sql = pretty.clone().unwrap_or_else(|| name.clone());
    let mut coerced = Vec::with_capacity(args.len());
    for (i, a) in args.into_iter().enumerate() {
        coerced.push(coerce_arg(kinds[i], a, i, &sql, ctx.ansi)?);
    }
    let t = match ret {
        Ret::Fixed(t) => t.clone(),
        Ret::Arg(i) => coerced[i].data_type.clone(),
    };
    let nullable = coerced.iter().any(|a| a.nullable);
    Ok(call(def, coerced, ctx, t, nullable, pretty))
}

/// A resolver of fixed parameter kinds: `sig!(fn_name, [Str, Int], min_args, RET)`.
macro_rules! sig {
    ($fn_name:ident, [$($kind:ident),*], $min:expr, $ret:expr) => {
        fn $fn_name(
            def: &'static $crate::functions::FunctionDef,
            args: Vec<$crate::logical::Expr>,
            ctx: &$crate::functions::CallContext,
        ) -> $crate::Result<$crate::logical::Expr> {
            $crate::functions::helpers::resolve_sig(def, args, ctx, &[$($crate::functions::helpers::In::$kind),*], $min, $ret)
        }
    };
}
pub(crate) use sig;

/// Fills a SQL template: `{0}`..`{9}` are the arguments' SQL, `{t}` the result's DuckDB type, `{*}` all arguments
/// joined by ", ".
pub(crate) fn fill(template: &str, sql: &[String], result: &DataType) -> Result<String> {
    let mut out = String::with_capacity(template.len() + 32);
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '{' {
            out.push(c);
            continue;
        }
        let mut key = String::new();
        for k in chars.by_ref() {
            if k == '}' {
                break;
            }
            key.push(k);
        }
        match key.as_str() {
            "t" => out.push_str(&result.to_duckdb_sql()),
            "*" => out.push_str(&sql.join(", ")),
            k => {
                let i: usize = k.parse().map_err(|_| SparkError::internal(format!("bad template key {{{k}}}")))?;
                out.push_str(sql.get(i).ok_or_else(|| SparkError::internal(format!("template argument {i} missing")))?);
            }
        }
    }
    Ok(out)
}

/// Emits `FunctionDef::duckdb` as a template over the arguments (the form with the call's arity: templates may
/// hold alternatives per arity separated by " ¦ ", in order of arity from the fewest arguments).
pub(crate) fn emit_template(call_expr: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let ExprKind::Call { func, .. } = &call_expr.kind else { unreachable!() };
    let forms: Vec<&str> = func.duckdb.split(" ¦ ").collect();
    let form = if forms.len() == 1 {
        forms[0]
    } else {
        let min_arity = forms.iter().map(|f| max_placeholder(f)).min().unwrap_or(0);
        let idx = args.len().saturating_sub(min_arity).min(forms.len() - 1);
        forms[idx]
    };
    fill(form, sql, &call_expr.data_type)
}

fn max_placeholder(form: &str) -> usize {
    (0..10).rev().find(|i| form.contains(&format!("{{{i}}}"))).map(|i| i + 1).unwrap_or(0)
}

/// The value of a foldable literal argument.
pub(crate) fn literal_of(e: &Expr) -> Option<&Literal> {
    match &e.kind {
        ExprKind::Literal(l) => Some(l),
        ExprKind::Cast { child, .. } => literal_of(child),
        _ => None,
    }
}

pub(crate) fn literal_string(e: &Expr) -> Option<String> {
    match literal_of(e)? {
        Literal::String(s) => Some(s.clone()),
        _ => None,
    }
}

pub(crate) fn literal_int(e: &Expr) -> Option<i64> {
    literal_of(e)?.integral()
}

pub(crate) fn literal_bool(e: &Expr) -> Option<bool> {
    match literal_of(e)? {
        Literal::Boolean(b) => Some(*b),
        _ => None,
    }
}

pub(crate) fn is_null_literal(e: &Expr) -> bool {
    matches!(literal_of(e), Some(Literal::Null(_)))
}

/// A NULL of `t` (for functions that fold to NULL).
pub(crate) fn null_of(t: &DataType) -> String {
    format!("CAST(NULL AS {})", t.to_duckdb_sql())
}

/// Runtime failure for input sparkduck does not reproduce (never a silently different value).
pub(crate) fn unsupported_at_runtime(what: &str) -> String {
    crate::sql::error_call("SPARKDUCK_UNSUPPORTED", &format!("not supported yet by sparkduck: {what}"))
}

/// The call's `ansi` flag.
pub(crate) fn ansi_of(call_expr: &Expr) -> bool {
    matches!(&call_expr.kind, ExprKind::Call { ansi: true, .. })
}

pub(crate) fn func_name(call_expr: &Expr) -> &'static str {
    match &call_expr.kind {
        ExprKind::Call { func, .. } => func.name,
        _ => "",
    }
}
