//! A running query as an Arrow `RecordBatchReader`: DuckDB produces chunks on demand (streaming execution), DuckDB's
//! own Arrow conversion turns each chunk into an Arrow C array, and arrow-rs imports it without copying.

use crate::duckdb::{ArrowOptions, Connection, LogicalType, PreparedStatement, StreamingResult};
use crate::errors::map_duckdb_error;
use crate::spark_types::{arrow_type_matches, is_hugeint};
use arrow::array::{Array, ArrayRef, Decimal128Array, NullArray, RecordBatch, RecordBatchReader, StructArray};
use arrow::datatypes::Field as ArrowField;
use arrow::datatypes::{DataType as ArrowType, Schema, SchemaRef};
use arrow::error::ArrowError;
use arrow::ffi::{from_ffi_and_data_type, FFI_ArrowArray, FFI_ArrowSchema};
use sparkduck_analysis::{Field, SparkError};
use std::ffi::CString;
use std::sync::Arc;

/// Streaming errors travel inside `ArrowError::ExternalError` so that the C stream can report `[CLASS] message`.
pub fn arrow_error(error: SparkError) -> ArrowError {
    ArrowError::ExternalError(Box::new(error))
}

/// The Spark error inside an `ArrowError` produced by this crate, or an internal error describing a foreign one.
pub fn spark_error_of(error: &ArrowError) -> SparkError {
    if let ArrowError::ExternalError(source) = error {
        if let Some(spark) = source.downcast_ref::<SparkError>() {
            return spark.clone();
        }
    }
    SparkError::internal(error.to_string())
}

/// A query's result batches. Owns everything DuckDB needs until it is dropped: the result, its prepared
/// statement and its connection (and through the connection, the temp tables of the query's local data).
pub struct ResultStream {
    // Field order is drop order: the result goes before its statement, the statement before its connection.
    result: StreamingResult,
    options: ArrowOptions,
    _prepared: PreparedStatement,
    _connection: Connection,
    schema: SchemaRef,
    /// Arrow struct type of one DuckDB chunk (the columns of `schema`).
    chunk_type: ArrowType,
    /// Columns of Spark type `void` (e.g. `lit(null)`): DuckDB types them INTEGER, the contract sends Arrow Null.
    void_columns: Vec<usize>,
    /// HUGEINT columns (DuckDB SQL run as it is), exported as decimal(38,0): each value is checked to fit.
    hugeint_columns: Vec<usize>,
    finished: bool,
}

impl ResultStream {
    /// Starts the prepared query. The Arrow schema gets Spark's column names; each column's Arrow type must be the
    /// one docs/contracts.md gives for its Spark type (a mismatch is a translation bug: an error, never data).
    pub(crate) fn start(
        connection: Connection,
        prepared: PreparedStatement,
        spark_schema: &[Field],
    ) -> Result<ResultStream, SparkError> {
        let mut result = prepared
            .execute_streaming()
            .map_err(|e| map_duckdb_error(&e))?;
        let options = result.arrow_options();
        let column_count = result.column_count();
        if column_count as usize != spark_schema.len() {
            return Err(SparkError::internal(format!(
                "the SQL returns {column_count} columns but the Spark schema has {}",
                spark_schema.len()
            )));
        }
        let types: Vec<LogicalType> = (0..column_count)
            .map(|i| result.column_logical_type(i))
            .collect();
        let names: Vec<CString> = (0..column_count)
            .map(|i| {
                let name = &spark_schema[i as usize].name;
                CString::new(name.as_str())
                    .or_else(|_| CString::new(result.column_name(i).replace('\0', "")))
            })
            .collect::<Result<_, _>>()
            .map_err(|e| SparkError::internal(format!("column name: {e}")))?;
        let mut ffi_schema = FFI_ArrowSchema::empty();
        options
            .to_arrow_schema(
                &types,
                &names,
                (&mut ffi_schema as *mut FFI_ArrowSchema).cast(),
            )
            .map_err(|e| map_duckdb_error(&e))?;
        let arrow_schema = Schema::try_from(&ffi_schema).map_err(|e| {
            SparkError::internal(format!("DuckDB's Arrow schema could not be imported: {e}"))
        })?;
        for (spark, arrow) in spark_schema.iter().zip(arrow_schema.fields()) {
            let void = spark.data_type == sparkduck_analysis::DataType::Null; // checked per batch instead
            if !void && !arrow_type_matches(&spark.data_type, arrow.data_type()) {
                return Err(SparkError::internal(format!(
                    "result column `{}` has Arrow type {} but Spark type {:?}",
                    spark.name,
                    arrow.data_type(),
                    spark.data_type
                )));
            }
        }
        let chunk_type = ArrowType::Struct(arrow_schema.fields().clone());
        let hugeint_columns: Vec<usize> = (0..types.len()).filter(|&i| is_hugeint(&types[i])).collect();
        let void_columns: Vec<usize> = spark_schema
            .iter()
            .enumerate()
            .filter(|(_, f)| f.data_type == sparkduck_analysis::DataType::Null)
            .map(|(i, _)| i)
            .collect();
        let arrow_schema = if void_columns.is_empty() {
            arrow_schema
        } else {
            let fields: Vec<ArrowField> = arrow_schema
                .fields()
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    if void_columns.contains(&i) {
                        ArrowField::new(f.name(), ArrowType::Null, true)
                    } else {
                        f.as_ref().clone()
                    }
                })
                .collect();
            Schema::new(fields)
        };
        Ok(ResultStream {
            result,
            options,
            _prepared: prepared,
            _connection: connection,
            schema: Arc::new(arrow_schema),
            chunk_type,
            void_columns,
            hugeint_columns,
            finished: false,
        })
    }

    fn next_batch(&mut self) -> Result<Option<RecordBatch>, SparkError> {
        let Some(chunk) = self.result.next_chunk().map_err(|e| map_duckdb_error(&e))? else {
            return Ok(None);
        };
        let mut ffi_array = FFI_ArrowArray::empty();
        self.options
            .chunk_to_arrow(&chunk, (&mut ffi_array as *mut FFI_ArrowArray).cast())
            .map_err(|e| map_duckdb_error(&e))?;
        drop(chunk);
        // SAFETY: DuckDB filled `ffi_array` following the C data interface for `chunk_type` (the schema it produced
        // for the same result); the import takes ownership of the array's buffers without copying them.
        let data =
            unsafe { from_ffi_and_data_type(ffi_array, self.chunk_type.clone()) }.map_err(|e| {
                SparkError::internal(format!("DuckDB's Arrow array could not be imported: {e}"))
            })?;
        let columns = StructArray::from(data);
        let (_, mut arrays, _) = columns.into_parts();
        for &i in &self.void_columns {
            arrays[i] = void_column(&arrays[i])?;
        }
        for &i in &self.hugeint_columns {
            check_hugeint_fits_decimal(&arrays[i])?;
        }
        let batch = RecordBatch::try_new(self.schema.clone(), arrays)
            .map_err(|e| SparkError::internal(format!("result batch: {e}")))?;
        Ok(Some(batch))
    }
}

/// A `void` column as Arrow Null; it can only hold nulls (anything else is a translation bug, reported).
fn void_column(array: &ArrayRef) -> Result<ArrayRef, SparkError> {
    if array.null_count() != array.len() {
        return Err(SparkError::internal("a column of Spark type void holds a non-null value"));
    }
    Ok(Arc::new(NullArray::new(array.len())))
}

/// DuckDB's Arrow export writes a HUGEINT's 128 bits into decimal(38,0) as they are; a value of 39 digits would be an
/// invalid decimal downstream, so it is an error.
fn check_hugeint_fits_decimal(array: &ArrayRef) -> Result<(), SparkError> {
    let decimals = array
        .as_any()
        .downcast_ref::<Decimal128Array>()
        .ok_or_else(|| SparkError::internal("a HUGEINT column is not exported as decimal(38,0)"))?;
    decimals
        .validate_decimal_precision(38)
        .map_err(|_| SparkError::unsupported("a HUGEINT result value beyond decimal(38,0)"))
}

impl Iterator for ResultStream {
    type Item = Result<RecordBatch, ArrowError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        match self.next_batch() {
            Ok(Some(batch)) => Some(Ok(batch)),
            Ok(None) => {
                self.finished = true;
                None
            }
            Err(error) => {
                self.finished = true;
                Some(Err(arrow_error(error)))
            }
        }
    }
}

impl RecordBatchReader for ResultStream {
    fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }
}
