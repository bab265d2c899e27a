//! Nested value access, Spark's `ExtractValue` (`col("a")(0)`, `getItem`, `getField`, `col("m")("k")`): struct
//! fields, array items (0-based in Spark, 1-based in DuckDB), map values and fields of arrays of structs.

use crate::analyzer::{to_sql_id, Analyzer};
use crate::literal::Literal;
use crate::logical::{Expr, ExprKind, Plan};
use crate::sql::quote_str;
use crate::types::{DataType, Field};
use crate::{Result, SparkError};
use sparkduck_plan::proto;

fn string_literal(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Literal(Literal::String(s)) => Some(s.clone()),
        _ => None,
    }
}

fn literal_index(e: &Expr) -> Option<i64> {
    match &e.kind {
        ExprKind::Literal(Literal::Byte(v)) => Some(*v as i64),
        ExprKind::Literal(Literal::Short(v)) => Some(*v as i64),
        ExprKind::Literal(Literal::Integer(v)) => Some(*v as i64),
        ExprKind::Literal(Literal::Long(v)) => Some(*v),
        _ => None,
    }
}

fn invalid_field_name(key: &Expr) -> SparkError {
    SparkError::new(
        "INVALID_EXTRACT_FIELD_TYPE",
        format!("Field name should be a non-null string literal, but it's {}.", key.pretty.clone().unwrap_or_default()),
    )
    .with_sql_state("42000")
}

impl<'a> Analyzer<'a> {
    pub(crate) fn resolve_extract_value(&mut self, x: &proto::expression::UnresolvedExtractValue, input: &Plan) -> Result<Expr> {
        let child = x.child.as_deref().ok_or_else(|| SparkError::internal("UnresolvedExtractValue without child"))?;
        let extraction =
            x.extraction.as_deref().ok_or_else(|| SparkError::internal("UnresolvedExtractValue without extraction"))?;
        let child = self.resolve_expr(child, input)?;
        let key = self.resolve_expr(extraction, input)?;
        let pretty = match (&child.pretty, &key.pretty) {
            (Some(c), Some(k)) => Some(format!("{c}[{k}]")),
            _ => None,
        };
        match child.data_type.clone() {
            DataType::Struct(_) => {
                let name = string_literal(&key).ok_or_else(|| invalid_field_name(&key))?;
                let mut e = self.extract_fields(child, std::slice::from_ref(&name))?;
                if let ExprKind::GetField { by_path, .. } = &mut e.kind {
                    *by_path = false;
                }
                Ok(e)
            }
            DataType::Array { element, contains_null } => {
                if let (DataType::Struct(fields), Some(name)) = (element.as_ref(), string_literal(&key)) {
                    let field = self.struct_field(fields, &name)?;
                    return Ok(Expr {
                        data_type: DataType::Array { element: Box::new(field.data_type.clone()), contains_null: contains_null || field.nullable },
                        nullable: child.nullable,
                        pretty: child.pretty.as_ref().map(|c| format!("{c}.{name}")),
                        kind: ExprKind::ArrayFields { child: Box::new(child), field: field.name.clone(), written: name },
                    });
                }
                let key = match key.data_type {
                    ref t if t.is_integral() => key,
                    DataType::Null => key.implicit_cast(&DataType::Integer),
                    _ => {
                        let shown = pretty.clone().unwrap_or_default();
                        return Err(crate::coercion::unexpected_input_type(&shown, 2, "\"INTEGRAL\"", &key));
                    }
                };
                let ansi = self.config.ansi;
                // Spark's GetArrayItem.nullable.
                let nullable = if !ansi {
                    true
                } else if key.is_foldable() && !key.nullable {
                    match (&child.kind, literal_index(&key)) {
                        (ExprKind::Call { func, args, .. }, Some(i)) if func.name == "array" && i >= 0 && (i as usize) < args.len() => {
                            args[i as usize].nullable
                        }
                        _ => true,
                    }
                } else {
                    contains_null
                };
                Ok(Expr {
                    data_type: *element,
                    nullable,
                    pretty,
                    kind: ExprKind::ArrayItem { child: Box::new(child), index: Box::new(key), ansi },
                })
            }
            DataType::Map { key: key_type, value, .. } => {
                let key = if key.data_type == *key_type {
                    key
                } else if key.data_type == DataType::Null || (key.data_type.is_numeric() && key_type.is_numeric()) {
                    key.implicit_cast(&key_type)
                } else {
                    return Err(SparkError::unsupported(format!(
                        "looking up a {} key in a map with {} keys",
                        key.data_type.simple_string(),
                        key_type.simple_string()
                    )));
                };
                if matches!(*key_type, DataType::Float | DataType::Double | DataType::Struct(_) | DataType::Array { .. } | DataType::Map { .. }) {
                    // NaN, -0.0 and nested keys: DuckDB's key equality is not verified against Spark's.
                    return Err(SparkError::unsupported(format!("map lookups with {} keys", key_type.simple_string())));
                }
                Ok(Expr { data_type: *value, nullable: true, pretty, kind: ExprKind::MapValue { child: Box::new(child), key: Box::new(key) } })
            }
            _ => Err(SparkError::new(
                "INVALID_EXTRACT_BASE_FIELD_TYPE",
                format!(
                    "Can't extract a value from \"{}\". Need a complex type [STRUCT, ARRAY, MAP] but got \"{}\".",
                    child.pretty.clone().unwrap_or_default(),
                    child.data_type.spark_sql()
                ),
            )
            .with_sql_state("42000")),
        }
    }

    /// A struct field by name (case-insensitive unless case-sensitive analysis), with Spark's errors.
    pub(crate) fn struct_field(&self, fields: &[Field], name: &str) -> Result<Field> {
        let matching: Vec<&Field> = fields.iter().filter(|f| self.names_equal(&f.name, name)).collect();
        match matching.as_slice() {
            [one] => Ok((*one).clone()),
            [] => {
                let names: Vec<String> = fields.iter().map(|f| to_sql_id(std::slice::from_ref(&f.name))).collect();
                Err(SparkError::new(
                    "FIELD_NOT_FOUND",
                    format!("No such struct field {} in {}.", to_sql_id(&[name.to_string()]), names.join(", ")),
                )
                .with_sql_state("42704"))
            }
            _ => Err(SparkError::new(
                "AMBIGUOUS_REFERENCE_TO_FIELDS",
                format!("Ambiguous reference to the field {}. It appears {} times in the schema.", to_sql_id(&[name.to_string()]), matching.len()),
            )
            .with_sql_state("42000")),
        }
    }
}

/// The SQL of an array item, map value or array-of-structs field access.
pub fn extract_sql(e: &Expr, emit: &dyn Fn(&Expr) -> Result<String>) -> Result<String> {
    Ok(match &e.kind {
        ExprKind::ArrayItem { child, index, ansi } => {
            let (a, i) = (emit(child)?, emit(index)?);
            let out_of_range = if *ansi {
                format!(
                    "error(concat('[INVALID_ARRAY_INDEX] The index ', CAST({i} AS VARCHAR), ' is out of bounds. The array has ', CAST(len({a}) AS VARCHAR), ' elements. Use the SQL function `get()` to tolerate accessing element at invalid index and return NULL instead.'))"
                )
            } else {
                "NULL".to_string()
            };
            format!(
                "CASE WHEN {a} IS NULL OR {i} IS NULL THEN NULL WHEN {i} < 0 OR {i} >= len({a}) THEN {out_of_range} ELSE {a}[CAST({i} AS BIGINT) + 1] END"
            )
        }
        ExprKind::MapValue { child, key } => format!("{}[{}]", emit(child)?, emit(key)?),
        ExprKind::ArrayFields { child, field, .. } => {
            format!("list_transform({}, lambda sd_x: struct_extract(sd_x, {}))", emit(child)?, quote_str(field))
        }
        _ => return Err(SparkError::internal("not a value extraction")),
    })
}
