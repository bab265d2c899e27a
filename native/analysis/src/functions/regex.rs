//! Regular-expression functions. Spark uses java.util.regex, DuckDB RE2: a literal Java pattern is translated
//! at analysis time when it uses only constructs with the same meaning in both (allow-list), and refused
//! otherwise (lookaround, backreferences, possessive quantifiers, inline flags, Unicode classes, `\b`, ...).
//! `.` and `\s` are rewritten to Java's definitions; `$` is only accepted where a match/no-match answer is
//! asked (rlike). Functions that collect every match (replace, extract_all, split) refuse patterns that can
//! match the empty string, where the two engines step over empty matches differently.

use super::helpers::{check_arity, coerce_arg, fn_pretty, literal_int, literal_string, In};
use super::{call, no_distinct, CallContext, FunctionDef};
use crate::logical::Expr;
use crate::sql::quote_str;
use crate::types::DataType;
use crate::{Result, SparkError};

pub(crate) static FUNCTIONS: &[FunctionDef] = &[
    def!("regexp", Scalar, "regexp_matches(s, re) (Java pattern translated to RE2)", "boolean", resolve_rlike, emit_rlike),
    def!("regexp_extract", Scalar, "regexp_extract(s, re, idx) ('' when no match)", "string", resolve_extract, emit_extract),
    def!("regexp_extract_all", Scalar, "regexp_extract_all(s, re, idx) (patterns matching '' refused)", "array<string>", resolve_extract, emit_extract),
    def!("regexp_like", Scalar, "regexp_matches(s, re)", "boolean", resolve_rlike, emit_rlike),
    def!("regexp_replace", Scalar, "regexp_replace(s, re, rewrite, 'g') ($n → \\n; patterns matching '' refused)", "string", resolve_replace, emit_replace),
    def!("rlike", Scalar, "regexp_matches(s, re)", "boolean", resolve_rlike, emit_rlike),
    def!("split", Scalar, "regexp_split_to_array(s, re) (limit <= 0 only; patterns matching '' refused)", "array<string>", resolve_split, emit_split),
];

/// A Java pattern translated to RE2.
pub(crate) struct Translated {
    pub re2: String,
    /// Whether the whole pattern can match the empty string.
    pub nullable: bool,
    pub groups: usize,
}

fn refuse(pattern: &str, what: &str) -> SparkError {
    SparkError::unsupported(format!("the Java regular expression {pattern:?} ({what})"))
}

/// Java `\s` (without UNICODE_CHARACTER_CLASS).
const JAVA_SPACE: &str = r"\t\n\x0B\f\r ";
/// Java's `.` without DOTALL: anything but a line terminator.
const JAVA_DOT: &str = r"[^\n\r\x{85}\x{2028}\x{2029}]";

struct Level {
    /// Every atom of the current branch so far can match empty.
    branch_nullable: bool,
    any_branch_nullable: bool,
}

/// Translates a Java pattern; `allow_dollar`: `$` may be rewritten for a match/no-match question.
pub(crate) fn translate(pattern: &str, allow_dollar: bool) -> Result<Translated> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut groups = 0;
    let mut stack = vec![Level { branch_nullable: true, any_branch_nullable: false }];
    // Nullability of the atom just emitted (a following quantifier may change it).
    let mut pending: Option<bool> = None;
    let fold = |stack: &mut Vec<Level>, pending: &mut Option<bool>| {
        if let Some(n) = pending.take() {
            let top = stack.last_mut().unwrap();
            top.branch_nullable &= n;
        }
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                fold(&mut stack, &mut pending);
                let n = *chars.get(i + 1).ok_or_else(|| refuse(pattern, "a trailing backslash"))?;
                i += 2;
                match n {
                    'd' | 'D' | 'w' | 'W' | 't' | 'n' | 'r' | 'f' => out.push_str(&format!("\\{n}")),
                    's' => out.push_str(&format!("[{JAVA_SPACE}]")),
                    'S' => out.push_str(&format!("[^{JAVA_SPACE}]")),
                    'x' => {
                        let hex: String = chars.iter().skip(i).take(2).collect();
                        if hex.len() != 2 || !hex.chars().all(|h| h.is_ascii_hexdigit()) {
                            return Err(refuse(pattern, "\\x escape"));
                        }
                        out.push_str(&format!("\\x{{{hex}}}"));
                        i += 2;
                    }
                    'u' => {
                        let hex: String = chars.iter().skip(i).take(4).collect();
                        if hex.len() != 4 || !hex.chars().all(|h| h.is_ascii_hexdigit()) {
                            return Err(refuse(pattern, "\\u escape"));
                        }
                        out.push_str(&format!("\\x{{{hex}}}"));
                        i += 4;
                    }
                    p if p.is_ascii_punctuation() => {
                        out.push('\\');
                        out.push(p);
                    }
                    other => return Err(refuse(pattern, &format!("\\{other}"))),
                }
                pending = Some(false);
            }
            '.' => {
                fold(&mut stack, &mut pending);
                out.push_str(JAVA_DOT);
                pending = Some(false);
                i += 1;
            }
            '^' => {
                fold(&mut stack, &mut pending);
                out.push('^');
                pending = Some(true);
                i += 1;
            }
            '$' => {
                if !allow_dollar {
                    return Err(refuse(pattern, "$ matches before a final line terminator in Java"));
                }
                fold(&mut stack, &mut pending);
                out.push_str(r"(?:\r\n|[\n\r\x{85}\x{2028}\x{2029}])?\z");
                pending = Some(true);
                i += 1;
            }
            '(' => {
                fold(&mut stack, &mut pending);
                if chars.get(i + 1) == Some(&'?') {
                    if chars.get(i + 2) == Some(&':') {
                        out.push_str("(?:");
                        i += 3;
                    } else {
                        return Err(refuse(pattern, "lookaround, named groups or inline flags"));
                    }
                } else {
                    out.push('(');
                    groups += 1;
                    i += 1;
                }
                stack.push(Level { branch_nullable: true, any_branch_nullable: false });
            }
            ')' => {
                fold(&mut stack, &mut pending);
                if stack.len() < 2 {
                    return Err(refuse(pattern, "unbalanced parenthesis"));
                }
                let top = stack.pop().unwrap();
                out.push(')');
                pending = Some(top.any_branch_nullable || top.branch_nullable);
                i += 1;
            }
            '|' => {
                fold(&mut stack, &mut pending);
                let top = stack.last_mut().unwrap();
                top.any_branch_nullable |= top.branch_nullable;
                top.branch_nullable = true;
                out.push('|');
                i += 1;
            }
            '*' | '+' | '?' | '{' => {
                if pending.is_none() {
                    return Err(refuse(pattern, "a quantifier without an operand"));
                }
                let min_zero = match c {
                    '{' => {
                        let rest: String = chars[i..].iter().collect();
                        let end = rest.find('}').ok_or_else(|| refuse(pattern, "an unclosed {"))?;
                        let body = &rest[1..end];
                        let (lo, hi) = match body.split_once(',') {
                            Some((lo, hi)) => (lo, Some(hi)),
                            None => (body, None),
                        };
                        let valid = !lo.is_empty()
                            && lo.chars().all(|d| d.is_ascii_digit())
                            && hi.map(|h| h.chars().all(|d| d.is_ascii_digit())).unwrap_or(true);
                        if !valid || lo.len() > 3 || hi.map(|h| h.len() > 3).unwrap_or(false) {
                            return Err(refuse(pattern, "this repetition"));
                        }
                        out.push_str(&rest[..=end]);
                        i += rest[..=end].chars().count();
                        lo.parse::<u32>().unwrap_or(1) == 0
                    }
                    _ => {
                        out.push(c);
                        i += 1;
                        c != '+'
                    }
                };
                match chars.get(i) {
                    Some('+') => return Err(refuse(pattern, "possessive quantifiers")),
                    Some('?') => {
                        out.push('?');
                        i += 1;
                    }
                    _ => {}
                }
                if min_zero {
                    pending = Some(true);
                }
            }
            '[' => {
                fold(&mut stack, &mut pending);
                i = translate_class(pattern, &chars, i, &mut out)?;
                pending = Some(false);
            }
            other => {
                fold(&mut stack, &mut pending);
                out.push(other);
                pending = Some(false);
                i += 1;
            }
        }
    }
    fold(&mut stack, &mut pending);
    if stack.len() != 1 {
        return Err(refuse(pattern, "unbalanced parenthesis"));
    }
    let top = stack.pop().unwrap();
    Ok(Translated { re2: out, nullable: top.any_branch_nullable || top.branch_nullable, groups })
}

/// A character class starting at `chars[start] == '['`; returns the index after its `]`.
fn translate_class(pattern: &str, chars: &[char], start: usize, out: &mut String) -> Result<usize> {
    let mut i = start + 1;
    out.push('[');
    if chars.get(i) == Some(&'^') {
        out.push('^');
        i += 1;
    }
    if matches!(chars.get(i), Some(']') | Some(':')) {
        return Err(refuse(pattern, "a class starting with ] or :"));
    }
    let mut empty = true;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ']' if !empty => {
                out.push(']');
                return Ok(i + 1);
            }
            '[' => return Err(refuse(pattern, "nested classes")),
            '&' if chars.get(i + 1) == Some(&'&') => return Err(refuse(pattern, "class intersection")),
            '\\' => {
                let n = *chars.get(i + 1).ok_or_else(|| refuse(pattern, "a trailing backslash"))?;
                i += 2;
                match n {
                    'd' | 'w' | 'W' | 'D' | 't' | 'n' | 'r' | 'f' => out.push_str(&format!("\\{n}")),
                    's' => out.push_str(JAVA_SPACE),
                    'u' => {
                        let hex: String = chars.iter().skip(i).take(4).collect();
                        if hex.len() != 4 || !hex.chars().all(|h| h.is_ascii_hexdigit()) {
                            return Err(refuse(pattern, "\\u escape"));
                        }
                        out.push_str(&format!("\\x{{{hex}}}"));
                        i += 4;
                    }
                    p if p.is_ascii_punctuation() => {
                        out.push('\\');
                        out.push(p);
                    }
                    other => return Err(refuse(pattern, &format!("\\{other} in a class"))),
                }
                empty = false;
                continue;
            }
            other => out.push(other),
        }
        empty = false;
        i += 1;
    }
    Err(refuse(pattern, "an unclosed class"))
}

fn pattern_arg(def: &FunctionDef, e: &Expr) -> Result<String> {
    literal_string(e).ok_or_else(|| SparkError::unsupported(format!("{} with a non-literal pattern", def.name)))
}

fn resolve_rlike(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 2)?;
    let printed = match def.name {
        "rlike" => "RLIKE",
        "regexp" => "REGEXP",
        other => other,
    };
    let pretty = fn_pretty(printed, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    translate(&pattern_arg(def, &args[1])?, true)?;
    let mut out = vec![];
    for (i, a) in args.into_iter().enumerate() {
        out.push(coerce_arg(In::Str, a, i, &sql, ctx.ansi)?);
    }
    let nullable = out.iter().any(|a| a.nullable);
    Ok(call(def, out, ctx, DataType::Boolean, nullable, pretty))
}

fn emit_rlike(_c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let t = translate(&literal_string(&args[1]).unwrap_or_default(), true)?;
    Ok(format!("regexp_matches({}, {})", sql[0], quote_str(&t.re2)))
}

fn resolve_extract(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 3)?;
    let idx = match args.get(2) {
        Some(e) => literal_int(e).ok_or_else(|| SparkError::unsupported(format!("{} with a non-literal group index", def.name)))?,
        None => 1,
    };
    let pretty = super::pretty_args(&args).map(|a| if args.len() == 2 { format!("{}({a}, 1)", def.name) } else { format!("{}({a})", def.name) });
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let t = translate(&pattern_arg(def, &args[1])?, false)?;
    if def.name == "regexp_extract_all" && t.nullable {
        return Err(refuse(&pattern_arg(def, &args[1])?, "it can match the empty string"));
    }
    if idx < 0 || idx as usize > t.groups {
        return Err(SparkError::new(
            "INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX",
            format!(
                "The value of parameter(s) `idx` in `{}` is invalid: Expects group index between 0 and {}, but got {idx}.",
                def.name, t.groups
            ),
        )
        .with_sql_state("22023"));
    }
    let mut out = vec![];
    for (i, a) in args.into_iter().enumerate().take(2) {
        out.push(coerce_arg(In::Str, a, i, &sql, ctx.ansi)?);
    }
    out.push(Expr {
        kind: crate::logical::ExprKind::Literal(crate::literal::Literal::Integer(idx as i32)),
        data_type: DataType::Integer,
        nullable: false,
        pretty: Some(idx.to_string()),
    });
    let nullable = out.iter().any(|a| a.nullable);
    let rt = if def.name == "regexp_extract" { DataType::String } else { DataType::Array { element: Box::new(DataType::String), contains_null: true } };
    Ok(call(def, out, ctx, rt, nullable, pretty))
}

fn emit_extract(c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let t = translate(&literal_string(&args[1]).unwrap_or_default(), false)?;
    let idx = literal_int(&args[2]).unwrap_or(1);
    let f = super::helpers::func_name(c);
    // An unmatched group gives '' in both engines.
    Ok(if f == "regexp_extract" {
        format!("regexp_extract({}, {}, {idx})", sql[0], quote_str(&t.re2))
    } else {
        format!("regexp_extract_all({}, {}, {idx})", sql[0], quote_str(&t.re2))
    })
}

/// A Java replacement string (`$n`, `\x` escapes) as an RE2 rewrite (`\n`, `\\`).
fn rewrite(replacement: &str, groups: usize) -> Result<String> {
    let mut out = String::new();
    let mut it = replacement.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\\' => {
                let n = it.next().ok_or_else(|| SparkError::unsupported("a replacement ending with a backslash"))?;
                if n == '\\' {
                    out.push_str("\\\\");
                } else {
                    out.push(n);
                }
            }
            '$' => {
                let mut digits = String::new();
                while let Some(d) = it.peek().copied().filter(|d| d.is_ascii_digit()) {
                    // Java takes further digits only while the group number stays valid.
                    let candidate: usize = format!("{digits}{d}").parse().unwrap_or(usize::MAX);
                    if !digits.is_empty() && candidate > groups {
                        break;
                    }
                    digits.push(d);
                    it.next();
                }
                let g: usize = digits.parse().map_err(|_| SparkError::unsupported("a replacement with $ not followed by a group number"))?;
                if g > groups || g > 9 {
                    return Err(SparkError::unsupported(format!("a replacement referring to group {g}")));
                }
                out.push('\\');
                out.push_str(&g.to_string());
            }
            other => out.push(other),
        }
    }
    Ok(out)
}

fn resolve_replace(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 3, 4)?;
    if args.len() == 4 && literal_int(&args[3]) != Some(1) {
        return Err(SparkError::unsupported("regexp_replace with a position other than 1"));
    }
    let args: Vec<Expr> = args.into_iter().take(3).collect();
    let pretty = super::pretty_args(&args).map(|a| format!("regexp_replace({a}, 1)"));
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let p = pattern_arg(def, &args[1])?;
    let t = translate(&p, false)?;
    if t.nullable {
        return Err(refuse(&p, "it can match the empty string"));
    }
    let rep = literal_string(&args[2]).ok_or_else(|| SparkError::unsupported("regexp_replace with a non-literal replacement"))?;
    rewrite(&rep, t.groups)?;
    let mut out = vec![];
    for (i, a) in args.into_iter().enumerate() {
        out.push(coerce_arg(In::Str, a, i, &sql, ctx.ansi)?);
    }
    let nullable = out.iter().any(|a| a.nullable);
    Ok(call(def, out, ctx, DataType::String, nullable, pretty))
}

fn emit_replace(_c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let t = translate(&literal_string(&args[1]).unwrap_or_default(), false)?;
    let r = rewrite(&literal_string(&args[2]).unwrap_or_default(), t.groups)?;
    Ok(format!("regexp_replace({}, {}, {}, 'g')", sql[0], quote_str(&t.re2), quote_str(&r)))
}

fn resolve_split(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 2, 3)?;
    let limit = match args.get(2) {
        Some(e) => literal_int(e).ok_or_else(|| SparkError::unsupported("split with a non-literal limit"))?,
        None => -1,
    };
    if limit > 0 {
        return Err(SparkError::unsupported("split with a positive limit"));
    }
    let pretty = super::pretty_args(&args).map(|a| if args.len() == 2 { format!("split({a}, -1)") } else { format!("split({a})") });
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let p = pattern_arg(def, &args[1])?;
    let t = translate(&p, false)?;
    if t.nullable {
        return Err(refuse(&p, "it can match the empty string"));
    }
    let mut out = vec![];
    for (i, a) in args.into_iter().enumerate().take(2) {
        out.push(coerce_arg(In::Str, a, i, &sql, ctx.ansi)?);
    }
    let nullable = out.iter().any(|a| a.nullable);
    let rt = DataType::Array { element: Box::new(DataType::String), contains_null: false };
    Ok(call(def, out, ctx, rt, nullable, pretty))
}

fn emit_split(_c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let t = translate(&literal_string(&args[1]).unwrap_or_default(), false)?;
    Ok(format!("regexp_split_to_array({}, {})", sql[0], quote_str(&t.re2)))
}
