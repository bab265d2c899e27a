//! Hashes (md5, sha1, sha2-256) and session/type functions (typeof, current_database, ...).

use super::helpers::{check_arity, fn_pretty, literal_int};
use super::{call, no_distinct, CallContext, FunctionDef};
use crate::logical::Expr;
use crate::sql::quote_str;
use crate::types::DataType;
use crate::{Result, SparkError};

pub(crate) static FUNCTIONS: &[FunctionDef] = &[
    def!("crc32", Scalar, "bitwise CRC-32 (IEEE) of the UTF-8 bytes in UBIGINT arithmetic", "bigint", resolve_crc32, emit_crc32),
    def!("current_catalog", Scalar, "'spark_catalog'", "string", resolve_constant, emit_constant),
    def!("current_database", Scalar, "'default'", "string", resolve_constant, emit_constant),
    def!("current_schema", Scalar, "'default'", "string", resolve_constant, emit_constant),
    def!("hash", Scalar, "Murmur3_x86_32 seed 42 chained over the arguments (NULLs skipped) in UBIGINT arithmetic: ints/dates/booleans hashInt, longs/timestamps hashLong, strings Spark's hashUnsafeBytes of the UTF-8 bytes", "int, never null", resolve_murmur_hash, emit_murmur_hash),
    def!("md5", Scalar, "md5(x) of the UTF-8 bytes", "string (hex)", resolve_hash, emit_hash),
    def!("sha", Scalar, "sha1(x)", "string (hex)", resolve_hash, emit_hash),
    def!("sha1", Scalar, "sha1(x)", "string (hex)", resolve_hash, emit_hash),
    def!("sha2", Scalar, "sha256(x) for 0 and 256; other bit lengths: not supported (224/384/512) or NULL (invalid)", "string (hex)", resolve_hash, emit_hash),
    def!("typeof", Scalar, "the Spark type name as a constant", "string, never null", resolve_typeof, emit_typeof),
    def!("uuid", Scalar, "CAST(uuid() AS VARCHAR) (random version 4; Spark's seeded sequence is not reproduced)", "string, never null", resolve_uuid, emit_uuid),
];

fn resolve_constant(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 0, 0)?;
    // Spark prints current_database() as current_schema().
    let printed = if def.name == "current_database" { "current_schema" } else { def.name };
    Ok(call(def, vec![], ctx, DataType::String, false, Some(format!("{printed}()"))))
}

fn emit_constant(c: &Expr, _a: &[Expr], _s: &[String]) -> Result<String> {
    let v = if super::helpers::func_name(c) == "current_catalog" { "spark_catalog" } else { "default" };
    Ok(format!("CAST({} AS VARCHAR)", quote_str(v)))
}

fn resolve_hash(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    let arity = if def.name == "sha2" { 2 } else { 1 };
    check_arity(ctx.name, &args, arity, arity)?;
    let pretty = fn_pretty(def.name, &args);
    let sql = pretty.clone().unwrap_or_else(|| def.name.to_string());
    let nullable = args[0].nullable;
    if def.name == "sha2" {
        match literal_int(&args[1]) {
            Some(0) | Some(256) => {}
            Some(224) | Some(384) | Some(512) => return Err(SparkError::unsupported("sha2 with 224, 384 or 512 bits")),
            // Spark rejects other bit lengths when it builds the expression (IllegalArgumentException).
            Some(bits) => return Err(SparkError::unsupported(format!("sha2 with {bits} bits (Spark rejects it)"))),
            None => return Err(SparkError::unsupported("sha2 with a non-literal bit length")),
        }
    }
    let mut it = args.into_iter();
    let a = it.next().unwrap();
    let a = match a.data_type {
        DataType::String | DataType::Binary => a,
        DataType::Null => a.implicit_cast(&DataType::String),
        _ => return Err(crate::coercion::unexpected_input_type(&sql, 1, "\"BINARY\"", &a)),
    };
    let mut out = vec![a];
    out.extend(it);
    Ok(call(def, out, ctx, DataType::String, nullable, pretty))
}

fn emit_hash(c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let x = &sql[0];
    Ok(match super::helpers::func_name(c) {
        "md5" => format!("md5({x})"),
        "sha" | "sha1" => format!("sha1({x})"),
        _ => match literal_int(&args[1]) {
            Some(0) | Some(256) => format!("sha256({x})"),
            _ => "CAST(NULL AS VARCHAR)".to_string(),
        },
    })
}

fn resolve_typeof(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 1)?;
    let pretty = fn_pretty("typeof", &args);
    Ok(call(def, args, ctx, DataType::String, false, pretty))
}

fn emit_typeof(_c: &Expr, args: &[Expr], _s: &[String]) -> Result<String> {
    Ok(format!("CAST({} AS VARCHAR)", quote_str(&args[0].data_type.simple_string())))
}

fn resolve_uuid(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    // The Scala API passes a random seed; the values are random on both engines (properties only).
    check_arity(ctx.name, &args, 0, 1)?;
    Ok(call(def, vec![], ctx, DataType::String, false, Some("uuid()".to_string())))
}

fn emit_uuid(_c: &Expr, _a: &[Expr], _s: &[String]) -> Result<String> {
    Ok("CAST(uuid() AS VARCHAR)".to_string())
}

// ---------------------------------------------------------------------------------------------------------
// Spark's `hash`: Murmur3_x86_32 (seed 42), reproduced on 32-bit values held in UBIGINT. Each intermediate is
// bound once with `list_transform([v], lambda p: ...)[1]` so that the SQL stays linear in the number of steps.

const M32: &str = "CAST(4294967295 AS UBIGINT)";

fn ub(v: u64) -> String {
    format!("CAST({v} AS UBIGINT)")
}

/// `f(p)` of the value `v`, with `v` evaluated once.
fn bind(v: &str, f: impl Fn(&str) -> String) -> String {
    format!("list_transform([{v}], lambda sd_p: {})[1]", f("sd_p"))
}

fn rotl32(x: &str, r: u32) -> String {
    bind(x, |p| format!("((({p} << {r}) | ({p} >> {})) & {M32})", 32 - r))
}

fn mix_k1(k: &str) -> String {
    let k = format!("(({k} * {}) & {M32})", ub(0xcc9e2d51));
    format!("(({} * {}) & {M32})", rotl32(&k, 15), ub(0x1b873593))
}

fn mix_h1(h: &str, k: &str) -> String {
    let h = rotl32(&format!("xor({h}, {k})"), 13);
    format!("((({h} * {}) + {}) & {M32})", ub(5), ub(0xe6546b64))
}

fn xor_shift(h: &str, s: u32) -> String {
    bind(h, |p| format!("xor({p}, {p} >> {s})"))
}

fn fmix(h: &str, len: &str) -> String {
    let h = xor_shift(&format!("xor({h}, CAST({len} AS UBIGINT))"), 16);
    let h = xor_shift(&format!("(({h} * {}) & {M32})", ub(0x85ebca6b)), 13);
    xor_shift(&format!("(({h} * {}) & {M32})", ub(0xc2b2ae35)), 16)
}

/// The low 32 bits of a signed integer expression, as UBIGINT.
fn u32_of(v: &str) -> String {
    format!("CAST(CAST({v} AS BIGINT) & 4294967295 AS UBIGINT)")
}

/// A UBIGINT holding 32 bits as Java's int (BIGINT).
fn s32_of(u: &str) -> String {
    bind(u, |p| format!("(CASE WHEN {p} >= 2147483648 THEN CAST({p} AS BIGINT) - 4294967296 ELSE CAST({p} AS BIGINT) END)"))
}

fn hash_int(v: &str, seed: &str) -> String {
    fmix(&mix_h1(seed, &mix_k1(&u32_of(v))), "4")
}

fn hash_long(v: &str, seed: &str) -> String {
    let low = u32_of(v);
    let high = u32_of(&format!("(CAST({v} AS BIGINT) >> 32)"));
    fmix(&mix_h1(&mix_h1(seed, &mix_k1(&low)), &mix_k1(&high)), "8")
}

/// The bytes of a hex string (`hex(...)`: two upper-case digits per byte) as a list of UBIGINT. Built without
/// lambdas that capture columns: DuckDB's list_reduce mis-evaluated such captures (observed).
fn hex_bytes(hex: &str) -> String {
    format!("list_transform(regexp_extract_all({hex}, '[0-9A-F]{{2}}'), lambda sd_b: CAST('0x' || sd_b AS UBIGINT))")
}

/// Spark's `hashUnsafeBytes` of the UTF-8 bytes of `s`: little-endian 4-byte words, then each remaining byte
/// sign-extended and mixed on its own, then fmix with the byte length.
fn hash_string(s: &str, seed: &str) -> String {
    let hex = format!("hex(encode({s}))");
    let byte = |pos: u32| format!("CAST('0x' || substr(sd_w, {pos}, 2) AS UBIGINT)");
    let words = format!(
        "list_transform(regexp_extract_all({hex}, '[0-9A-F]{{8}}'), lambda sd_w: ({} | ({} << 8) | ({} << 16) | ({} << 24)))",
        byte(1),
        byte(3),
        byte(5),
        byte(7)
    );
    let tail_bytes = hex_bytes(&format!("substr({hex}, (length({hex}) // 8) * 8 + 1)"));
    let len = format!("octet_length(encode({s}))");
    let hashed_words = format!("list_reduce({words}, lambda sd_h, sd_k: {}, {seed})", mix_h1("sd_h", &mix_k1("sd_k")));
    let signed = |b: &str| format!("(CASE WHEN {b} >= 128 THEN {b} + {} ELSE {b} END)", ub(0xFFFFFF00));
    let tail = format!(
        "list_reduce({tail_bytes}, lambda sd_h, sd_t: {}, {hashed_words})",
        mix_h1("sd_h", &mix_k1(&signed("sd_t")))
    );
    fmix(&tail, &len)
}

fn resolve_murmur_hash(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    if args.is_empty() {
        return Err(crate::coercion::wrong_num_args("hash", 1, 0));
    }
    let pretty = fn_pretty("hash", &args);
    for a in &args {
        let ok = a.data_type.is_integral()
            || matches!(a.data_type, DataType::Boolean | DataType::Date | DataType::Timestamp | DataType::String | DataType::Null);
        if !ok {
            return Err(SparkError::unsupported(format!("hash of {} values", a.data_type.simple_string())));
        }
    }
    Ok(call(def, args, ctx, DataType::Integer, false, pretty))
}

fn emit_murmur_hash(_c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    let mut seed = ub(42);
    for (a, x) in args.iter().zip(sql) {
        let h = match a.data_type {
            DataType::Null => continue,
            DataType::Boolean => hash_int(&format!("CASE WHEN {x} THEN 1 ELSE 0 END"), &seed),
            DataType::Date => hash_int(&format!("({x} - DATE '1970-01-01')"), &seed),
            DataType::Long => hash_long(x, &seed),
            DataType::Timestamp => hash_long(&format!("epoch_us({x})"), &seed),
            DataType::String => hash_string(x, &seed),
            _ => hash_int(x, &seed),
        };
        // A NULL argument leaves the running hash unchanged.
        seed = format!("(CASE WHEN {x} IS NULL THEN {seed} ELSE {h} END)");
    }
    Ok(format!("CAST({} AS INTEGER)", s32_of(&seed)))
}

fn resolve_crc32(def: &'static FunctionDef, args: Vec<Expr>, ctx: &CallContext) -> Result<Expr> {
    no_distinct(ctx)?;
    check_arity(ctx.name, &args, 1, 1)?;
    let pretty = fn_pretty("crc32", &args);
    let a = args.into_iter().next().unwrap();
    let a = match a.data_type {
        DataType::String | DataType::Binary => a,
        DataType::Null => a.implicit_cast(&DataType::String),
        _ => return Err(SparkError::unsupported(format!("crc32 of {} values", a.data_type.simple_string()))),
    };
    let nullable = a.nullable;
    Ok(call(def, vec![a], ctx, DataType::Long, nullable, pretty))
}

fn emit_crc32(_c: &Expr, args: &[Expr], sql: &[String]) -> Result<String> {
    // The bytes: a BLOB as it is, a string as its UTF-8 encoding.
    let s = &if args[0].data_type == DataType::Binary { sql[0].clone() } else { format!("encode({})", sql[0]) };
    // Reflected CRC-32: per bit, shift right and xor the polynomial 0xEDB88320 when the low bit was set.
    let bit_step = format!("CASE WHEN (sd_c2 & {one}) = {one} THEN xor(sd_c2 >> 1, {poly}) ELSE sd_c2 >> 1 END", one = ub(1), poly = ub(0xEDB88320));
    let crc = format!(
        "list_reduce({}, lambda sd_c, sd_b: list_reduce(range(8), lambda sd_c2, sd_k: {bit_step}, xor(sd_c, sd_b)), {})",
        hex_bytes(&format!("hex({s})")),
        ub(0xFFFFFFFF)
    );
    Ok(format!("CASE WHEN {s} IS NULL THEN NULL ELSE CAST(xor({crc}, {}) AS BIGINT) END", ub(0xFFFFFFFF)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn print_hash_sql() {
        if std::env::var_os("PRINT_HASH_SQL").is_none() {
            return;
        }
        let cases = [("1", "i"), ("0", "i"), ("-1", "i"), ("CAST(1 AS BIGINT)", "l"), ("'abc'", "s"), ("''", "s"), ("'abcdefgh'", "s"), ("'héllo wörld'", "s")];
        for (v, k) in cases {
            let h = match k {
                "i" => super::hash_int(v, &super::ub(42)),
                "l" => super::hash_long(v, &super::ub(42)),
                _ => super::hash_string(v, &super::ub(42)),
            };
            println!("SELECT CAST({} AS INTEGER) AS h", super::s32_of(&h));
        }
    }
}
