//! Nested value access, Spark's `ExtractValue` (`col("a")(0)`, `getItem`, `getField`, `col("m")("k")`): struct
//! fields, array items (0-based in Spark, 1-based in DuckDB), map values and fields of arrays of structs.

use crate::analyzer::{to_sql_id, Analyzer};
use crate::literal::Literal;
use crate::logical::{Expr, ExprKind, FieldValue, Plan};
use crate::sql::{quote_ident, quote_str};
use crate::types::{DataType, Field};
use crate::{Result, SparkError};
use sparkduck_plan::proto;

fn string_literal(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Literal(Literal::String(s)) => Some(s.clone()),
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
                        kind: ExprKind::ArrayFields { child: Box::new(child), field: field.name.clone(), written: name, by_path: false },
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
                    match (&child.kind, key.integral_literal()) {
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

    /// `withField(name, value)` / `dropFields(name)`; a dotted name updates a nested struct.
    pub(crate) fn resolve_update_fields(&mut self, u: &proto::expression::UpdateFields, input: &Plan) -> Result<Expr> {
        let child = u.struct_expression.as_deref().ok_or_else(|| SparkError::internal("UpdateFields without a struct"))?;
        let child = self.resolve_expr(child, input)?;
        let value = match u.value_expression.as_deref() {
            Some(v) => Some(self.resolve_expr(v, input)?),
            None => None,
        };
        let parts = crate::analyzer::parse_attribute_name(&u.field_name)?;
        self.update_fields(child, &parts, value)
    }

    fn update_fields(&mut self, child: Expr, parts: &[String], value: Option<Expr>) -> Result<Expr> {
        let value = if parts.len() > 1 {
            // Spark: the nested struct, extracted and updated, replaces its field.
            let mut nested = self.extract_fields(child.clone(), &parts[..1])?;
            if let ExprKind::GetField { by_path, .. } = &mut nested.kind {
                *by_path = false;
            }
            Some(self.update_fields(nested, &parts[1..], value)?)
        } else {
            value
        };
        let name = &parts[0];
        let op = match &value {
            Some(v) => v.pretty.as_ref().map(|p| format!("WithField({p})")),
            None => Some("dropfield()".to_string()),
        };
        // Consecutive updates of one struct are one UpdateFields in Spark (one name: `update_fields(s, op, op)`).
        let (base, mut fields, mut ops) = match child.kind {
            ExprKind::UpdateFields { child: base, fields, ops } => {
                let DataType::Struct(types) = &child.data_type else { return Err(SparkError::internal("UpdateFields type")) };
                (*base, fields.into_iter().zip(types.clone()).collect::<Vec<_>>(), Some(ops))
            }
            kind => {
                let base = Expr { kind, ..child };
                let DataType::Struct(types) = &base.data_type else {
                    let shown = format!("update_fields({}, {})", base.pretty.clone().unwrap_or_default(), op.clone().unwrap_or_default());
                    return Err(crate::coercion::unexpected_input_type(&shown, 1, "\"STRUCT\"", &base));
                };
                let fields = types.iter().map(|f| (FieldValue::Existing(f.name.clone()), f.clone())).collect();
                (base, fields, Some(vec![]))
            }
        };
        match value {
            Some(v) => {
                let field = Field::new(name.clone(), v.data_type.clone(), v.nullable);
                let mut replaced = false;
                for slot in fields.iter_mut() {
                    if self.names_equal(&slot.1.name, name) {
                        *slot = (FieldValue::New(v.clone()), field.clone());
                        replaced = true;
                    }
                }
                if !replaced {
                    fields.push((FieldValue::New(v), field));
                }
            }
            None => fields.retain(|(_, f)| !self.names_equal(&f.name, name)),
        }
        if let (Some(list), Some(op)) = (ops.as_mut(), op) {
            list.push(op);
        } else {
            ops = None;
        }
        let pretty = match (&base.pretty, &ops) {
            (Some(b), Some(list)) => Some(format!("update_fields({b}, {})", list.join(", "))),
            _ => None,
        };
        if fields.is_empty() {
            return Err(SparkError::new(
                "DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS",
                format!("Cannot resolve \"{}\" due to data type mismatch: Cannot drop all fields in struct.", pretty.clone().unwrap_or_default()),
            )
            .with_sql_state("42K09"));
        }
        let (values, types): (Vec<FieldValue>, Vec<Field>) = fields.into_iter().unzip();
        Ok(Expr {
            data_type: DataType::Struct(types),
            nullable: base.nullable,
            pretty,
            kind: ExprKind::UpdateFields { child: Box::new(base), fields: values, ops: ops.unwrap_or_default() },
        })
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
        ExprKind::UpdateFields { child, fields, .. } => {
            let DataType::Struct(types) = &e.data_type else { return Err(SparkError::internal("UpdateFields type")) };
            let c = emit(child)?;
            let mut parts = Vec::with_capacity(fields.len());
            for (value, field) in fields.iter().zip(types) {
                let v = match value {
                    FieldValue::Existing(name) => format!("struct_extract({c}, {})", quote_str(name)),
                    FieldValue::New(x) => emit(x)?,
                };
                parts.push(format!("{} := {v}", quote_ident(&field.name)));
            }
            let packed = format!("struct_pack({})", parts.join(", "));
            if child.nullable {
                format!("CASE WHEN {c} IS NULL THEN NULL ELSE {packed} END")
            } else {
                packed
            }
        }
        _ => return Err(SparkError::internal("not a value extraction")),
    })
}
