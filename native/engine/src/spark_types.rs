//! Spark types as the engine needs them: from DuckDB logical types (file schemas), to Spark's JSON schema form, and
//! the check that a result batch's Arrow types are the ones docs/contracts.md promises for the Spark schema.

use crate::duckdb::LogicalType;
use arrow::datatypes::{DataType as ArrowType, TimeUnit};
use libduckdb_sys as ffi;
use sparkduck_analysis::{DataType, Field, SparkError};
use std::ffi::CStr;

/// The Spark type Spark's Parquet reader gives a column that DuckDB reads as `logical` (Spark's
/// `ParquetToSparkSchemaConverter` rules: unsigned widen, UBIGINT → decimal(20,0), non-UTC-adjusted timestamps →
/// timestamp_ntz). Types Spark cannot read are an error, never a guess.
pub fn spark_type_of_duckdb_type(
    logical: &LogicalType,
    column: &str,
) -> Result<DataType, SparkError> {
    let raw = logical.raw();
    let type_id = unsafe { ffi::duckdb_get_type_id(raw) };
    let unsupported =
        |what: &str| SparkError::unsupported(format!("Parquet column `{column}` of type {what}"));
    Ok(match type_id {
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_BOOLEAN => DataType::Boolean,
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_TINYINT => DataType::Byte,
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_SMALLINT => DataType::Short,
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_INTEGER => DataType::Integer,
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_BIGINT => DataType::Long,
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_UTINYINT => DataType::Short,
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_USMALLINT => DataType::Integer,
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_UINTEGER => DataType::Long,
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_UBIGINT => DataType::Decimal {
            precision: 20,
            scale: 0,
        },
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_FLOAT => DataType::Float,
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_DOUBLE => DataType::Double,
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_VARCHAR => DataType::String,
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_BLOB => DataType::Binary,
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_DATE => DataType::Date,
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_TIMESTAMP_TZ => DataType::Timestamp,
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_TIMESTAMP | ffi::DUCKDB_TYPE_DUCKDB_TYPE_TIMESTAMP_MS => {
            DataType::TimestampNtz
        }
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_DECIMAL => {
            let precision = unsafe { ffi::duckdb_decimal_width(raw) };
            let scale = unsafe { ffi::duckdb_decimal_scale(raw) };
            if precision > 38 {
                return Err(unsupported(&format!("DECIMAL({precision},{scale})")));
            }
            DataType::Decimal {
                precision,
                scale: scale as i8,
            }
        }
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_LIST | ffi::DUCKDB_TYPE_DUCKDB_TYPE_ARRAY => {
            let child = LogicalType::from_raw(unsafe {
                if type_id == ffi::DUCKDB_TYPE_DUCKDB_TYPE_LIST {
                    ffi::duckdb_list_type_child_type(raw)
                } else {
                    ffi::duckdb_array_type_child_type(raw)
                }
            });
            DataType::Array {
                element: Box::new(spark_type_of_duckdb_type(&child, column)?),
                contains_null: true,
            }
        }
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_MAP => {
            let key = LogicalType::from_raw(unsafe { ffi::duckdb_map_type_key_type(raw) });
            let value = LogicalType::from_raw(unsafe { ffi::duckdb_map_type_value_type(raw) });
            DataType::Map {
                key: Box::new(spark_type_of_duckdb_type(&key, column)?),
                value: Box::new(spark_type_of_duckdb_type(&value, column)?),
                value_contains_null: true,
            }
        }
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_STRUCT => {
            let count = unsafe { ffi::duckdb_struct_type_child_count(raw) };
            let mut fields = Vec::with_capacity(count as usize);
            for i in 0..count {
                let name = unsafe {
                    let c_name = ffi::duckdb_struct_type_child_name(raw, i);
                    let name = CStr::from_ptr(c_name).to_string_lossy().into_owned();
                    ffi::duckdb_free(c_name.cast());
                    name
                };
                let child =
                    LogicalType::from_raw(unsafe { ffi::duckdb_struct_type_child_type(raw, i) });
                fields.push(Field::new(
                    name,
                    spark_type_of_duckdb_type(&child, column)?,
                    true,
                ));
            }
            DataType::Struct(fields)
        }
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_TIMESTAMP_NS => return Err(unsupported("TIMESTAMP(NANOS)")),
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_TIMESTAMP_S => DataType::TimestampNtz,
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_UUID => return Err(unsupported("UUID")),
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_TIME | ffi::DUCKDB_TYPE_DUCKDB_TYPE_TIME_TZ => {
            return Err(unsupported("TIME"))
        }
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_HUGEINT => return Err(unsupported("HUGEINT")),
        ffi::DUCKDB_TYPE_DUCKDB_TYPE_INTERVAL => return Err(unsupported("INTERVAL")),
        other => return Err(unsupported(&format!("DuckDB type id {other}"))),
    })
}

/// The Spark type of a result column of DuckDB SQL run as it is (`Session::execute_sql` without a schema: benchmarks,
/// tests). As for files, plus HUGEINT — what DuckDB's `sum` of integers returns — as decimal(38,0), the type DuckDB's
/// Arrow export gives it (the stream rejects a value beyond 38 digits instead of passing it on).
pub fn spark_type_of_result_type(
    logical: &LogicalType,
    column: &str,
) -> Result<DataType, SparkError> {
    if is_hugeint(logical) {
        return Ok(DataType::Decimal {
            precision: 38,
            scale: 0,
        });
    }
    spark_type_of_duckdb_type(logical, column)
}

pub(crate) fn is_hugeint(logical: &LogicalType) -> bool {
    unsafe { ffi::duckdb_get_type_id(logical.raw()) == ffi::DUCKDB_TYPE_DUCKDB_TYPE_HUGEINT }
}

/// Spark's JSON form of a schema, as analysis writes it (one implementation for the whole workspace).
pub use sparkduck_analysis::schema_to_json;

/// Whether `arrow` is a form docs/contracts.md allows for `spark` (strings may be Utf8/LargeUtf8/Utf8View).
pub fn arrow_type_matches(spark: &DataType, arrow: &ArrowType) -> bool {
    match (spark, arrow) {
        (DataType::Null, ArrowType::Null) => true,
        (DataType::Boolean, ArrowType::Boolean) => true,
        (DataType::Byte, ArrowType::Int8) => true,
        (DataType::Short, ArrowType::Int16) => true,
        (DataType::Integer, ArrowType::Int32) => true,
        (DataType::Long, ArrowType::Int64) => true,
        (DataType::Float, ArrowType::Float32) => true,
        (DataType::Double, ArrowType::Float64) => true,
        (DataType::Decimal { precision, scale }, ArrowType::Decimal128(p, s)) => {
            p == precision && s == scale
        }
        (DataType::String, ArrowType::Utf8 | ArrowType::LargeUtf8 | ArrowType::Utf8View) => true,
        (DataType::Binary, ArrowType::Binary) => true,
        (DataType::Date, ArrowType::Date32) => true,
        (DataType::Timestamp, ArrowType::Timestamp(TimeUnit::Microsecond, Some(_))) => true,
        (DataType::TimestampNtz, ArrowType::Timestamp(TimeUnit::Microsecond, None)) => true,
        (DataType::Array { element, .. }, ArrowType::List(child)) => {
            arrow_type_matches(element, child.data_type())
        }
        (DataType::Map { key, value, .. }, ArrowType::Map(entries, _)) => match entries.data_type()
        {
            ArrowType::Struct(kv) if kv.len() == 2 => {
                arrow_type_matches(key, kv[0].data_type())
                    && arrow_type_matches(value, kv[1].data_type())
            }
            _ => false,
        },
        (DataType::Struct(fields), ArrowType::Struct(children)) => {
            fields.len() == children.len()
                && fields
                    .iter()
                    .zip(children.iter())
                    .all(|(f, c)| arrow_type_matches(&f.data_type, c.data_type()))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::datatypes::Field as ArrowField;
    use std::sync::Arc;

    #[test]
    fn arrow_types_are_checked_against_the_contract() {
        assert!(arrow_type_matches(
            &DataType::Decimal {
                precision: 10,
                scale: 2
            },
            &ArrowType::Decimal128(10, 2)
        ));
        assert!(!arrow_type_matches(
            &DataType::Decimal {
                precision: 10,
                scale: 2
            },
            &ArrowType::Decimal128(12, 2)
        ));
        assert!(!arrow_type_matches(&DataType::Integer, &ArrowType::Int64));
        assert!(!arrow_type_matches(
            &DataType::Timestamp,
            &ArrowType::Timestamp(TimeUnit::Microsecond, None)
        ));
        assert!(!arrow_type_matches(
            &DataType::Timestamp,
            &ArrowType::Timestamp(TimeUnit::Nanosecond, Some("UTC".into()))
        ));
        let list = ArrowType::List(Arc::new(ArrowField::new("l", ArrowType::Int32, true)));
        assert!(arrow_type_matches(
            &DataType::Array {
                element: Box::new(DataType::Integer),
                contains_null: true
            },
            &list
        ));
        assert!(!arrow_type_matches(
            &DataType::Array {
                element: Box::new(DataType::Long),
                contains_null: true
            },
            &list
        ));
    }
}
