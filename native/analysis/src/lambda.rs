//! Lambda functions of higher-order functions (`transform(a, x -> x + 1)`): the JVM sends Connect
//! `LambdaFunction`s whose variables are `UnresolvedNamedLambdaVariable`s. A lambda is resolved where its
//! higher-order function knows the variables' types (the element type of the array argument, ...); each variable
//! gets a fresh DuckDB lambda parameter name. The calls themselves are in `functions/higher_order.rs`.

use crate::analyzer::Analyzer;
use crate::logical::{Expr, ExprKind, Plan};
use crate::types::DataType;
use crate::{Result, SparkError};
use sparkduck_plan::proto;

/// A lambda variable in scope: its Spark name and the expression it resolves to.
pub(crate) struct LambdaBinding {
    name: String,
    value: Expr,
}

/// How a Spark lambda variable maps onto the DuckDB lambda.
enum Param {
    /// The DuckDB parameter itself.
    Value(DataType, bool),
    /// Spark's 0-based element index (DuckDB's index parameter is 1-based).
    ZeroBasedIndex,
    /// Element `i` of an array, `i` being the DuckDB lambda's only (1-based) parameter (zip_with).
    ElementOf(Expr),
    /// A field (`key`, `value`) of the map entry that is the DuckDB lambda's only parameter.
    EntryField(&'static str, DataType, bool),
}

fn num_args_mismatch(expected: usize, actual: usize) -> SparkError {
    SparkError::new(
        "INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH",
        format!("Invalid lambda function call. A higher order function expects {expected} arguments, but got {actual}."),
    )
    .with_sql_state("42K0D")
}

fn array_element(function: &str, e: Option<&Expr>) -> Result<(DataType, bool)> {
    match e.map(|e| &e.data_type) {
        Some(DataType::Array { element, contains_null }) => Ok(((**element).clone(), *contains_null)),
        _ => Err(SparkError::new(
            "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
            format!("Cannot resolve \"{function}\" due to data type mismatch: its first parameter requires the \"ARRAY\" type."),
        )
        .with_sql_state("42K09")),
    }
}

impl Analyzer<'_> {
    /// Resolves the lambda argument of `function` that follows the already resolved `previous` arguments.
    pub(crate) fn resolve_lambda(&mut self, function: &str, previous: &[Expr], l: &proto::expression::LambdaFunction, input: &Plan) -> Result<Expr> {
        let given = l.arguments.len();
        let params: Vec<Param> = match (function, previous.len()) {
            ("transform" | "filter", 1) => {
                let (element, contains_null) = array_element(function, previous.first())?;
                match given {
                    1 => vec![Param::Value(element, contains_null)],
                    2 => vec![Param::Value(element, contains_null), Param::ZeroBasedIndex],
                    _ => return Err(num_args_mismatch(2, given)),
                }
            }
            ("exists" | "forall", 1) => {
                let (element, contains_null) = array_element(function, previous.first())?;
                vec![Param::Value(element, contains_null)]
            }
            // Spark binds the accumulator as nullable, of the start value's type.
            ("aggregate" | "reduce", 2) => {
                let (element, contains_null) = array_element(function, previous.first())?;
                vec![Param::Value(previous[1].data_type.clone(), true), Param::Value(element, contains_null)]
            }
            ("aggregate" | "reduce", 3) => vec![Param::Value(previous[1].data_type.clone(), true)],
            ("zip_with", 2) => {
                array_element(function, previous.first())?;
                array_element(function, previous.get(1))?;
                vec![Param::ElementOf(previous[0].clone()), Param::ElementOf(previous[1].clone())]
            }
            ("map_filter" | "transform_keys" | "transform_values", 1) => match previous.first().map(|m| &m.data_type) {
                Some(DataType::Map { key, value, value_contains_null }) => vec![
                    Param::EntryField("key", (**key).clone(), false),
                    Param::EntryField("value", (**value).clone(), *value_contains_null),
                ],
                _ => {
                    return Err(SparkError::new(
                        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                        format!("Cannot resolve \"{function}\" due to data type mismatch: its first parameter requires the \"MAP\" type."),
                    )
                    .with_sql_state("42K09"))
                }
            },
            _ => return Err(SparkError::unsupported(format!("a lambda function as argument {} of {function}", previous.len() + 1))),
        };
        if params.len() != given {
            return Err(num_args_mismatch(params.len(), given));
        }
        let mut duckdb_params: Vec<String> = Vec::new();
        let mut bindings: Vec<LambdaBinding> = Vec::new();
        let shared_index = if matches!(params.first(), Some(Param::ElementOf(_) | Param::EntryField(..))) { Some(self.fresh_lambda_name()) } else { None };
        if let Some(i) = &shared_index {
            duckdb_params.push(i.clone());
        }
        for (param, var) in params.into_iter().zip(&l.arguments) {
            let name = var.name_parts.join(".");
            let (kind, data_type, nullable) = match param {
                Param::Value(t, nullable) => {
                    let p = self.fresh_lambda_name();
                    duckdb_params.push(p.clone());
                    (ExprKind::LambdaVariable { name: name.clone(), sql: p, element_of: None }, t, nullable)
                }
                Param::ZeroBasedIndex => {
                    let p = self.fresh_lambda_name();
                    duckdb_params.push(p.clone());
                    (ExprKind::LambdaVariable { name: name.clone(), sql: format!("CAST(({p} - 1) AS INTEGER)"), element_of: None }, DataType::Integer, false)
                }
                Param::ElementOf(array) => {
                    let (t, _) = array_element(function, Some(&array))?;
                    let i = shared_index.clone().unwrap_or_default();
                    // Shorter arrays read as NULL past their end.
                    (ExprKind::LambdaVariable { name: name.clone(), sql: i, element_of: Some(Box::new(array)) }, t, true)
                }
                Param::EntryField(field, t, nullable) => {
                    let e = shared_index.clone().unwrap_or_default();
                    (ExprKind::LambdaVariable { name: name.clone(), sql: format!("struct_extract({e}, '{field}')"), element_of: None }, t, nullable)
                }
            };
            let value = Expr { kind, data_type, nullable, pretty: Some("namedlambdavariable()".to_string()) };
            bindings.push(LambdaBinding { name, value });
        }
        let pretty_vars = vec!["namedlambdavariable()"; bindings.len()].join(", ");
        let depth = self.lambda_scope.len();
        self.lambda_scope.extend(bindings);
        let body = l
            .function
            .as_deref()
            .ok_or_else(|| SparkError::internal("LambdaFunction without a body"))
            .and_then(|b| self.resolve_expr(b, input));
        self.lambda_scope.truncate(depth);
        let body = body?;
        if body.contains_aggregate() || body.contains_window() {
            return Err(SparkError::unsupported("an aggregate or window function inside a lambda function"));
        }
        let pretty = body.pretty.as_ref().map(|b| format!("lambdafunction({b}, {pretty_vars})"));
        Ok(Expr {
            data_type: body.data_type.clone(),
            nullable: body.nullable,
            pretty,
            kind: ExprKind::Lambda { params: duckdb_params, body: Box::new(body) },
        })
    }

    /// A lambda variable (`x`, or a field path `x.a.b`) of the innermost lambda that binds the name.
    pub(crate) fn resolve_lambda_variable(&mut self, parts: &[String]) -> Result<Expr> {
        let first = parts.first().ok_or_else(|| SparkError::internal("lambda variable without a name"))?;
        let found = self.lambda_scope.iter().rev().find(|b| self.names_equal(&b.name, first)).map(|b| b.value.clone());
        let value = found.ok_or_else(|| SparkError::unsupported(format!("the lambda variable {first} outside of its lambda function")))?;
        self.extract_fields(value, &parts[1..])
    }

    fn fresh_lambda_name(&mut self) -> String {
        self.next_id += 1;
        format!("sd_l{}", self.next_id)
    }
}
