//! Scala/Java scalar UDFs (`CommonInlineUserDefinedFunction` with a `ScalarScalaUDF`). The closure never leaves
//! the JVM: the payload names it by a registry id (`sparkduck-udf:<id>:<flags>`, one flag per input: `p` a Scala
//! primitive parameter, `o` another typed one, `a` an untyped one (Java UDFs: no implicit cast, its entry in
//! `inputTypes` is ignored); no flags at all: an untyped UDF of any arity). The analyzer applies Spark's ScalaUDF rules (result type and
//! nullability, implicit casts to the input types, output name) and emits a call to a DuckDB scalar function that
//! the engine registers for the query (`UdfUse`) and that hands whole chunks to the JVM.

use crate::analyzer::Analyzer;
use crate::logical::{CastMode, Expr, ExprKind, Plan};
use crate::types::DataType;
use crate::{Result, SparkError};
use sparkduck_plan::proto;
use sparkduck_plan::proto::common_inline_user_defined_function::Function as UdfFunction;

/// Payload prefix of sparkduck's own Scala UDF references (the Spark Connect client's Java-serialized closures are
/// not accepted).
pub const PAYLOAD_PREFIX: &str = "sparkduck-udf:";

/// A UDF call in a resolved expression.
#[derive(Debug, Clone)]
pub struct UdfCall {
    /// The DuckDB function the engine registers for this id and signature.
    pub function_name: String,
    pub args: Vec<Expr>,
}

/// A DuckDB scalar function the query calls: the engine registers it (once per session) before running the SQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UdfUse {
    pub function_name: String,
    /// The JVM registry id of the closure.
    pub udf_id: i64,
    /// Spark types of the arguments as DuckDB passes them (after implicit casts).
    pub arg_types: Vec<DataType>,
    pub return_type: DataType,
    pub deterministic: bool,
}

/// How one UDF input is handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Input {
    /// A Scala primitive parameter: implicit cast to the input type; a null input gives null without a call.
    Primitive,
    /// A typed parameter: implicit cast to the input type.
    Typed,
    /// An untyped parameter: passed as it is.
    Any,
}

/// `sparkduck-udf:<id>:<flags>` → (id, inputs).
fn parse_payload(payload: &[u8]) -> Result<(i64, Vec<Input>)> {
    let text = std::str::from_utf8(payload).ok().and_then(|t| t.strip_prefix(PAYLOAD_PREFIX));
    let invalid = || SparkError::unsupported("a Scala UDF not created by sparkduck (serialized closure payload)");
    let text = text.ok_or_else(invalid)?;
    let (id, flags) = text.split_once(':').ok_or_else(invalid)?;
    let id: i64 = id.parse().map_err(|_| invalid())?;
    let flags = flags
        .chars()
        .map(|c| match c {
            'p' => Ok(Input::Primitive),
            'o' => Ok(Input::Typed),
            'a' => Ok(Input::Any),
            _ => Err(invalid()),
        })
        .collect::<Result<Vec<Input>>>()?;
    Ok((id, flags))
}

/// Spark's error when a UDF argument cannot become its parameter's type (the encoder cannot up-cast it).
fn cannot_up_cast(from: &DataType, to: &DataType, primitive: bool) -> SparkError {
    let root = match (to, primitive) {
        (DataType::Boolean, true) => "boolean",
        (DataType::Byte, true) => "byte",
        (DataType::Short, true) => "short",
        (DataType::Integer, true) => "int",
        (DataType::Long, true) => "long",
        (DataType::Float, true) => "float",
        (DataType::Double, true) => "double",
        (DataType::Boolean, false) => "java.lang.Boolean",
        (DataType::Byte, false) => "java.lang.Byte",
        (DataType::Short, false) => "java.lang.Short",
        (DataType::Integer, false) => "java.lang.Integer",
        (DataType::Long, false) => "java.lang.Long",
        (DataType::Float, false) => "java.lang.Float",
        (DataType::Double, false) => "java.lang.Double",
        (DataType::String, _) => "java.lang.String",
        _ => return SparkError::unsupported(format!("a UDF argument of type {} for a parameter of type {}", from.spark_sql(), to.spark_sql())),
    };
    SparkError::new(
        "CANNOT_UP_CAST_DATATYPE",
        format!(
            "Cannot up cast input from \"{}\" to \"{}\".\nThe type path of the target object is:\n- root class: \"{root}\"\nYou can either add an explicit cast to the input data or choose a higher precision type of the field in the target object",
            from.spark_sql(),
            to.spark_sql()
        ),
    )
    .with_sql_state("42846")
}

/// Spark's implicit cast of a UDF argument to its declared input type (ScalaUDF is `ImplicitCastInputTypes`):
/// only widenings are done here; any other difference is refused rather than guessed.
fn cast_argument(arg: Expr, to: &DataType, sql: &str, index: usize, primitive: bool) -> Result<Expr> {
    if &arg.data_type == to || same_shape(&arg.data_type, to) {
        return Ok(arg);
    }
    // A decimal parameter takes any decimal as it is (Spark keeps the argument's precision and scale), and an
    // integral argument as the decimal of its own digits.
    if let DataType::Decimal { .. } = to {
        if arg.data_type.is_decimal() {
            return Ok(arg);
        }
        if arg.data_type.is_integral() {
            let target = crate::coercion::decimal_of_integral(&arg.data_type, None);
            return cast_argument(arg, &target, sql, index, primitive);
        }
    }
    let from = arg.data_type.clone();
    let widening = match (&from, to) {
        (DataType::Null, _) => true,
        (f, t) if f.is_integral() && t.is_integral() => integral_rank(f) < integral_rank(t),
        (f, DataType::Float | DataType::Double) if f.is_integral() => true,
        (DataType::Float, DataType::Double) => true,
        (DataType::Decimal { .. }, DataType::Double) => true,
        (f, DataType::Decimal { precision, scale }) if f.is_integral() => {
            i32::from(*precision) - i32::from(*scale) >= integral_digits(f)
        }
        (DataType::Decimal { precision: p1, scale: s1 }, DataType::Decimal { precision: p2, scale: s2 }) => {
            s1 <= s2 && i32::from(*p1) - i32::from(*s1) <= i32::from(*p2) - i32::from(*s2)
        }
        (DataType::Date, DataType::Timestamp) => true,
        _ => false,
    };
    if !widening {
        let complex = |t: &DataType| matches!(t, DataType::Array { .. } | DataType::Map { .. } | DataType::Struct(_));
        if !complex(&from) && !complex(to) && (from.is_numeric() && to.is_numeric() || from == DataType::String || *to == DataType::String) {
            return Err(SparkError::unsupported(format!(
                "implicit cast of UDF argument {} from {} to {} in \"{sql}\"",
                index + 1,
                from.spark_sql(),
                to.spark_sql()
            )));
        }
        return Err(cannot_up_cast(&from, to, primitive));
    }
    let pretty = arg.pretty.clone();
    let nullable = arg.nullable;
    Ok(Expr {
        kind: ExprKind::Cast { child: Box::new(arg), mode: CastMode::Ansi, implicit: true },
        data_type: to.clone(),
        nullable,
        pretty,
    })
}

/// Equal types up to nullability (of array elements, map values, struct fields): the encoder takes such an
/// argument as it is.
fn same_shape(a: &DataType, b: &DataType) -> bool {
    match (a, b) {
        (DataType::Array { element: x, .. }, DataType::Array { element: y, .. }) => same_shape(x, y),
        (DataType::Map { key: k1, value: v1, .. }, DataType::Map { key: k2, value: v2, .. }) => {
            same_shape(k1, k2) && same_shape(v1, v2)
        }
        (DataType::Struct(f), DataType::Struct(g)) => {
            f.len() == g.len()
                && f.iter().zip(g).all(|(x, y)| x.name.eq_ignore_ascii_case(&y.name) && same_shape(&x.data_type, &y.data_type))
        }
        _ => a == b,
    }
}

fn integral_rank(t: &DataType) -> u8 {
    match t {
        DataType::Byte => 0,
        DataType::Short => 1,
        DataType::Integer => 2,
        _ => 3,
    }
}

fn integral_digits(t: &DataType) -> i32 {
    match t {
        DataType::Byte => 3,
        DataType::Short => 5,
        DataType::Integer => 10,
        _ => 20,
    }
}

/// The DuckDB function name of a UDF id and signature: a signature hash keeps untyped UDFs (no declared input
/// types) called with different argument types apart.
fn function_name(id: i64, arg_types: &[DataType], return_type: &DataType, deterministic: bool) -> String {
    // FNV-1a over the DuckDB spellings: stable across runs and processes.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |s: &str| {
        for b in s.bytes().chain(std::iter::once(0u8)) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    arg_types.iter().for_each(|t| feed(&t.to_duckdb_sql()));
    feed(&return_type.to_duckdb_sql());
    feed(if deterministic { "d" } else { "n" });
    format!("sparkduck_udf_{id}_{hash:016x}")
}

impl Analyzer<'_> {
    /// A `CommonInlineUserDefinedFunction` call. `args` override the expression's own arguments (a registered UDF
    /// called by name: `call_function`/`callUDF`).
    pub(crate) fn resolve_udf(
        &mut self,
        udf: &proto::CommonInlineUserDefinedFunction,
        args: &[proto::Expression],
        input: &Plan,
    ) -> Result<Expr> {
        let scala = match &udf.function {
            Some(UdfFunction::ScalarScalaUdf(s)) => s,
            Some(UdfFunction::PythonUdf(_)) => return Err(SparkError::unsupported("Python UDFs")),
            Some(UdfFunction::JavaUdf(_)) => return Err(SparkError::unsupported("Java UDFs registered by class name")),
            None => return Err(SparkError::internal("user-defined function without a function")),
        };
        if scala.aggregate {
            return Err(SparkError::unsupported("user-defined aggregate functions"));
        }
        if udf.is_distinct {
            return Err(SparkError::unsupported("DISTINCT on a user-defined function"));
        }
        let (udf_id, inputs) = parse_payload(&scala.payload)?;
        let input_types = scala.input_types.iter().map(DataType::from_proto).collect::<Result<Vec<_>>>()?;
        let return_type = DataType::from_proto(
            scala.output_type.as_ref().ok_or_else(|| SparkError::internal("Scala UDF without an output type"))?,
        )?;
        let mut resolved = Vec::with_capacity(args.len());
        for a in args {
            resolved.push(self.resolve_expr(a, input)?);
        }
        let shown_name = if udf.function_name.is_empty() { "UDF" } else { udf.function_name.as_str() };
        // ScalaUDF prints its children with `toString`, not `sql` (`cast(id as int)`).
        let pretty = resolved
            .iter()
            .map(to_string_form)
            .collect::<Option<Vec<_>>>()
            .map(|a| format!("{shown_name}({})", a.join(", ")));
        let sql = pretty.clone().unwrap_or_else(|| shown_name.to_string());
        if !inputs.is_empty() {
            if inputs.len() != resolved.len() || input_types.len() != inputs.len() {
                return Err(crate::coercion::wrong_num_args(shown_name, inputs.len(), resolved.len()));
            }
            resolved = resolved
                .into_iter()
                .zip(input_types.iter().zip(&inputs))
                .enumerate()
                .map(|(i, (a, (t, kind)))| match kind {
                    Input::Any => Ok(a),
                    _ => cast_argument(a, t, &sql, i, *kind == Input::Primitive),
                })
                .collect::<Result<_>>()?;
        }
        for a in &resolved {
            if a.contains_window() {
                return Err(SparkError::unsupported("a window function inside a UDF argument"));
            }
        }
        // Spark (HandleNullInputsForUDF) returns null for a null primitive input without calling the closure: the
        // result is then nullable whenever such an input is.
        let null_from_primitive = resolved.iter().zip(&inputs).any(|(a, kind)| *kind == Input::Primitive && a.nullable);
        let arg_types: Vec<DataType> = resolved.iter().map(|a| a.data_type.clone()).collect();
        // Spark never constant-folds a UDF (ScalaUDF is not foldable): over constants only (or no arguments) an impure
        // closure still runs once per row and a throwing one is not called on an empty input. DuckDB would fold a
        // consistent function there, so such a call is registered volatile.
        let deterministic = udf.deterministic && !resolved.iter().all(Expr::is_foldable);
        let function_name = function_name(udf_id, &arg_types, &return_type, deterministic);
        let usage = UdfUse { function_name: function_name.clone(), udf_id, arg_types, return_type: return_type.clone(), deterministic };
        if !self.udfs.contains(&usage) {
            self.udfs.push(usage);
        }
        Ok(Expr {
            kind: ExprKind::Udf(Box::new(UdfCall { function_name, args: resolved })),
            data_type: return_type,
            nullable: scala.nullable || null_from_primitive,
            pretty,
        })
    }

    /// A function called by name that the session registered (`spark.udf.register`), if any.
    pub(crate) fn registered_udf(&self, name: &str) -> Option<proto::CommonInlineUserDefinedFunction> {
        self.catalog.user_function(name)
    }
}

/// Catalyst's `toString` of a UDF argument: `pretty` except for explicit casts, which print in lower case with the
/// type's simple string.
fn to_string_form(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Cast { child, implicit: true, .. } => to_string_form(child),
        ExprKind::Cast { child, mode, implicit: false } => {
            let name = if *mode == CastMode::Try { "try_cast" } else { "cast" };
            Some(format!("{name}({} as {})", to_string_form(child)?, e.data_type.simple_string()))
        }
        _ => e.pretty.clone(),
    }
}

/// The DuckDB SQL of a UDF call.
pub(crate) fn udf_sql(call: &UdfCall, arg_sql: &[String]) -> String {
    format!("{}({})", call.function_name, arg_sql.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_names_the_closure_and_its_primitive_inputs() {
        assert_eq!(parse_payload(b"sparkduck-udf:42:poa").unwrap(), (42, vec![Input::Primitive, Input::Typed, Input::Any]));
        assert_eq!(parse_payload(b"sparkduck-udf:7:").unwrap(), (7, vec![]));
        for bad in [&b"rO0ABXNy"[..], b"sparkduck-udf:x:p", b"sparkduck-udf:1:q", b"sparkduck-udf:1"] {
            assert_eq!(parse_payload(bad).unwrap_err().error_class, "SPARKDUCK_UNSUPPORTED");
        }
    }

    #[test]
    fn function_names_differ_by_signature() {
        let a = function_name(1, &[DataType::Integer], &DataType::Integer, true);
        assert_eq!(a, function_name(1, &[DataType::Integer], &DataType::Integer, true));
        assert_ne!(a, function_name(1, &[DataType::Long], &DataType::Integer, true));
        assert_ne!(a, function_name(1, &[DataType::Integer], &DataType::Integer, false));
        assert_ne!(a, function_name(2, &[DataType::Integer], &DataType::Integer, true));
        assert!(a.starts_with("sparkduck_udf_1_"));
    }
}
