//! JVM UDFs as DuckDB vectorized scalar functions. For each UDF signature a query calls (`UdfUse`, from analysis)
//! the session registers one DuckDB scalar function; DuckDB calls it with a whole chunk, which is converted to Arrow
//! arrays and handed to a [`UdfCallback`] (the JVM, through the ffi crate) in one call; the Arrow array it returns
//! is copied into DuckDB's result vector. The conversions are written for the Spark types a UDF may take or return
//! (each DuckDB vector's layout follows from the Spark type that analysis gave it), so that nothing depends on a
//! connection inside DuckDB's worker threads.

use crate::duckdb::{c_string, Connection, LogicalType};
use arrow::array::{
    Array, ArrayRef, BinaryArray, BinaryBuilder, BooleanArray, Date32Array, Decimal128Array, Float32Array,
    Float64Array, Int16Array, Int32Array, Int64Array, Int8Array, ListArray, MapArray, NullArray, PrimitiveArray,
    StringArray, StringBuilder, StructArray, TimestampMicrosecondArray,
};
use arrow::buffer::{BooleanBuffer, Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow::datatypes::{ArrowPrimitiveType, DataType as ArrowType, Field as ArrowField, Fields, TimeUnit};
use libduckdb_sys as ffi;
use sparkduck_analysis::udf::UdfUse;
use sparkduck_analysis::{DataType, SparkError};
use std::collections::HashMap;
use std::ffi::{c_void, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, RwLock};

/// Runs JVM closures on Arrow data. Implementations must be callable from any thread (DuckDB's workers).
pub trait UdfCallback: Send + Sync {
    /// Applies closure `udf_id` to every row of `args` (one child per argument, `args.len()` rows; a UDF without
    /// arguments gets a struct without children). Returns `args.len()` values in the Arrow form of the UDF's
    /// Spark result type (docs/contracts.md), or the Spark error that fails the query (e.g. FAILED_EXECUTE_UDF).
    fn invoke(&self, udf_id: i64, args: &StructArray) -> Result<ArrayRef, SparkError>;
}

/// The session's UDF state: the callback, the DuckDB functions registered so far, and the UDFs registered by name
/// (`spark.udf.register`) as Spark Connect messages without arguments.
#[derive(Default)]
pub struct SessionUdfs {
    callback: RwLock<Option<Arc<dyn UdfCallback>>>,
    registered: Mutex<std::collections::HashSet<String>>,
    by_name: RwLock<HashMap<String, sparkduck_plan::proto::CommonInlineUserDefinedFunction>>,
}

impl SessionUdfs {
    pub fn set_callback(&self, callback: Arc<dyn UdfCallback>) {
        *self.callback.write().unwrap_or_else(|p| p.into_inner()) = Some(callback);
    }

    /// Registers (or replaces) a UDF under a name (case-insensitive, as Spark's function names).
    pub fn register_name(&self, name: &str, udf: sparkduck_plan::proto::CommonInlineUserDefinedFunction) {
        self.by_name.write().unwrap_or_else(|p| p.into_inner()).insert(name.to_lowercase(), udf);
    }

    pub fn lookup_name(&self, name: &str) -> Option<sparkduck_plan::proto::CommonInlineUserDefinedFunction> {
        self.by_name.read().unwrap_or_else(|p| p.into_inner()).get(&name.to_lowercase()).cloned()
    }

    /// Registers the DuckDB functions of `uses` not registered yet. Functions live in DuckDB's system catalog: every
    /// connection of the database sees them.
    pub(crate) fn ensure_registered(&self, connection: &Connection, uses: &[UdfUse]) -> Result<(), SparkError> {
        if uses.is_empty() {
            return Ok(());
        }
        let callback = self
            .callback
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| SparkError::unsupported("UDFs in a session without a JVM (no UDF callback)"))?;
        let mut registered = self.registered.lock().unwrap_or_else(|p| p.into_inner());
        for usage in uses {
            if registered.contains(&usage.function_name) {
                continue;
            }
            register_function(connection, usage, Arc::clone(&callback))?;
            registered.insert(usage.function_name.clone());
        }
        Ok(())
    }
}

/// What DuckDB keeps with a registered function (its extra info, freed by DuckDB through `drop_binding`).
struct UdfBinding {
    udf_id: i64,
    arg_types: Vec<DataType>,
    return_type: DataType,
    callback: Arc<dyn UdfCallback>,
}

fn unsupported_type(t: &DataType) -> SparkError {
    SparkError::unsupported(format!("UDF arguments or results of type {}", t.spark_sql()))
}

/// The DuckDB logical type of a Spark type (the same mapping as `DataType::to_duckdb_sql`).
fn logical_type(t: &DataType) -> Result<LogicalType, SparkError> {
    use ffi::*;
    let id = match t {
        DataType::Null | DataType::Integer => DUCKDB_TYPE_DUCKDB_TYPE_INTEGER,
        DataType::Boolean => DUCKDB_TYPE_DUCKDB_TYPE_BOOLEAN,
        DataType::Byte => DUCKDB_TYPE_DUCKDB_TYPE_TINYINT,
        DataType::Short => DUCKDB_TYPE_DUCKDB_TYPE_SMALLINT,
        DataType::Long => DUCKDB_TYPE_DUCKDB_TYPE_BIGINT,
        DataType::Float => DUCKDB_TYPE_DUCKDB_TYPE_FLOAT,
        DataType::Double => DUCKDB_TYPE_DUCKDB_TYPE_DOUBLE,
        DataType::String => DUCKDB_TYPE_DUCKDB_TYPE_VARCHAR,
        DataType::Binary => DUCKDB_TYPE_DUCKDB_TYPE_BLOB,
        DataType::Date => DUCKDB_TYPE_DUCKDB_TYPE_DATE,
        DataType::Timestamp => DUCKDB_TYPE_DUCKDB_TYPE_TIMESTAMP_TZ,
        DataType::TimestampNtz => DUCKDB_TYPE_DUCKDB_TYPE_TIMESTAMP,
        DataType::Decimal { precision, scale } => {
            let scale = u8::try_from(*scale).map_err(|_| unsupported_type(t))?;
            return Ok(LogicalType::from_raw(unsafe { duckdb_create_decimal_type(*precision, scale) }));
        }
        DataType::Array { element, .. } => {
            let child = logical_type(element)?;
            return Ok(LogicalType::from_raw(unsafe { duckdb_create_list_type(child.raw()) }));
        }
        DataType::Map { key, value, .. } => {
            let (key, value) = (logical_type(key)?, logical_type(value)?);
            return Ok(LogicalType::from_raw(unsafe { duckdb_create_map_type(key.raw(), value.raw()) }));
        }
        DataType::Struct(fields) => {
            let types = fields.iter().map(|f| logical_type(&f.data_type)).collect::<Result<Vec<_>, _>>()?;
            let names = fields
                .iter()
                .map(|f| CString::new(f.name.as_str()).map_err(|_| unsupported_type(t)))
                .collect::<Result<Vec<_>, _>>()?;
            let mut raw_types: Vec<duckdb_logical_type> = types.iter().map(|t| t.raw()).collect();
            let mut raw_names: Vec<*const std::ffi::c_char> = names.iter().map(|n| n.as_ptr()).collect();
            return Ok(LogicalType::from_raw(unsafe {
                duckdb_create_struct_type(raw_types.as_mut_ptr(), raw_names.as_mut_ptr(), fields.len() as u64)
            }));
        }
    };
    Ok(LogicalType::from_raw(unsafe { duckdb_create_logical_type(id) }))
}

fn register_function(connection: &Connection, usage: &UdfUse, callback: Arc<dyn UdfCallback>) -> Result<(), SparkError> {
    if matches!(usage.return_type, DataType::Null) {
        return Err(unsupported_type(&usage.return_type));
    }
    let name = c_string(&usage.function_name).map_err(|e| SparkError::internal(e.message))?;
    let param_types = usage.arg_types.iter().map(logical_type).collect::<Result<Vec<_>, _>>()?;
    let return_type = logical_type(&usage.return_type)?;
    let binding = Box::new(UdfBinding {
        udf_id: usage.udf_id,
        arg_types: usage.arg_types.clone(),
        return_type: usage.return_type.clone(),
        callback,
    });
    unsafe {
        let mut function = ffi::duckdb_create_scalar_function();
        ffi::duckdb_scalar_function_set_name(function, name.as_ptr());
        for t in &param_types {
            ffi::duckdb_scalar_function_add_parameter(function, t.raw());
        }
        ffi::duckdb_scalar_function_set_return_type(function, return_type.raw());
        // Nulls reach the closure: Spark calls a UDF with null for boxed/String/Option parameters; the JVM applies
        // Spark's rule for primitive parameters itself.
        ffi::duckdb_scalar_function_set_special_handling(function);
        if !usage.deterministic {
            ffi::duckdb_scalar_function_set_volatile(function);
        }
        ffi::duckdb_scalar_function_set_function(function, Some(invoke_udf));
        ffi::duckdb_scalar_function_set_extra_info(function, Box::into_raw(binding).cast(), Some(drop_binding));
        let state = ffi::duckdb_register_scalar_function(connection.raw(), function);
        ffi::duckdb_destroy_scalar_function(&mut function);
        if state != ffi::duckdb_state_DuckDBSuccess {
            return Err(SparkError::internal(format!("could not register the DuckDB function of a UDF ({})", usage.function_name)));
        }
    }
    Ok(())
}

unsafe extern "C" fn drop_binding(data: *mut c_void) {
    if !data.is_null() {
        // A panic must not unwind into DuckDB.
        let _ = catch_unwind(AssertUnwindSafe(|| drop(Box::from_raw(data.cast::<UdfBinding>()))));
    }
}

/// DuckDB's entry point for every chunk: never unwinds; errors become DuckDB errors carrying `[CLASS] message`,
/// which the engine maps back to the Spark error.
unsafe extern "C" fn invoke_udf(info: ffi::duckdb_function_info, input: ffi::duckdb_data_chunk, output: ffi::duckdb_vector) {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let binding = ffi::duckdb_scalar_function_get_extra_info(info).cast::<UdfBinding>();
        if binding.is_null() {
            return Err(SparkError::internal("UDF function without its binding"));
        }
        run_chunk(&*binding, input, output)
    }));
    let error = match outcome {
        Ok(Ok(())) => return,
        Ok(Err(e)) => e,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "non-string panic payload".into());
            std::mem::forget(payload);
            SparkError::internal(format!("sparkduck native panic in a UDF: {message}"))
        }
    };
    let mut text = format!("[{}] {}", error.error_class, error.message);
    if let Some(state) = &error.sql_state {
        text.push_str(&format!(" SQLSTATE: {state}"));
    }
    let text = CString::new(text.replace('\0', " ")).unwrap_or_default();
    ffi::duckdb_scalar_function_set_error(info, text.as_ptr());
}

unsafe fn run_chunk(binding: &UdfBinding, input: ffi::duckdb_data_chunk, output: ffi::duckdb_vector) -> Result<(), SparkError> {
    let rows = ffi::duckdb_data_chunk_get_size(input) as usize;
    if rows == 0 {
        return Ok(());
    }
    let columns = ffi::duckdb_data_chunk_get_column_count(input) as usize;
    if columns != binding.arg_types.len() {
        return Err(SparkError::internal(format!("UDF called with {columns} arguments, registered with {}", binding.arg_types.len())));
    }
    let mut fields = Vec::with_capacity(columns);
    let mut arrays = Vec::with_capacity(columns);
    for (i, t) in binding.arg_types.iter().enumerate() {
        let vector = ffi::duckdb_data_chunk_get_vector(input, i as u64);
        let array = vector_to_arrow(vector, t, rows)?;
        fields.push(ArrowField::new(format!("_{i}"), array.data_type().clone(), true));
        arrays.push(array);
    }
    let args = if arrays.is_empty() {
        StructArray::new_empty_fields(rows, None)
    } else {
        StructArray::try_new(Fields::from(fields), arrays, None).map_err(|e| SparkError::internal(e.to_string()))?
    };
    let result = binding.callback.invoke(binding.udf_id, &args)?;
    if result.len() != rows {
        return Err(SparkError::internal(format!("UDF returned {} values for {rows} rows", result.len())));
    }
    arrow_to_vector(&result, &binding.return_type, output)
}

/// The validity of a flat DuckDB vector as an Arrow null buffer (both are LSB-first bitmaps in 64-bit words).
unsafe fn nulls_of(vector: ffi::duckdb_vector, rows: usize) -> Option<NullBuffer> {
    let validity = ffi::duckdb_vector_get_validity(vector);
    if validity.is_null() {
        return None;
    }
    let words = std::slice::from_raw_parts(validity as *const u64, rows.div_ceil(64));
    let buffer = Buffer::from_slice_ref(words);
    let nulls = NullBuffer::new(BooleanBuffer::new(buffer, 0, rows));
    (nulls.null_count() > 0).then_some(nulls)
}

unsafe fn primitive<T: ArrowPrimitiveType>(vector: ffi::duckdb_vector, rows: usize) -> PrimitiveArray<T> {
    let data = ffi::duckdb_vector_get_data(vector) as *const T::Native;
    let values = std::slice::from_raw_parts(data, rows);
    PrimitiveArray::<T>::new(ScalarBuffer::from(values.to_vec()), nulls_of(vector, rows))
}

unsafe fn string_bytes(data: *mut ffi::duckdb_string_t, i: usize) -> &'static [u8] {
    let s = data.add(i);
    let len = ffi::duckdb_string_t_length(*s) as usize;
    let ptr = ffi::duckdb_string_t_data(s) as *const u8;
    if len == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(ptr, len)
    }
}

/// A flat DuckDB vector of Spark type `t` as an Arrow array (copied: the chunk is only valid during the call).
unsafe fn vector_to_arrow(vector: ffi::duckdb_vector, t: &DataType, rows: usize) -> Result<ArrayRef, SparkError> {
    use arrow::datatypes::{
        Date32Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, TimestampMicrosecondType,
    };
    Ok(match t {
        DataType::Null => Arc::new(NullArray::new(rows)),
        DataType::Boolean => {
            let data = ffi::duckdb_vector_get_data(vector) as *const u8;
            let values = std::slice::from_raw_parts(data, rows);
            let bits = BooleanBuffer::from_iter(values.iter().map(|v| *v != 0));
            Arc::new(BooleanArray::new(bits, nulls_of(vector, rows)))
        }
        DataType::Byte => Arc::new(primitive::<Int8Type>(vector, rows)),
        DataType::Short => Arc::new(primitive::<Int16Type>(vector, rows)),
        DataType::Integer => Arc::new(primitive::<Int32Type>(vector, rows)),
        DataType::Long => Arc::new(primitive::<Int64Type>(vector, rows)),
        DataType::Float => Arc::new(primitive::<Float32Type>(vector, rows)),
        DataType::Double => Arc::new(primitive::<Float64Type>(vector, rows)),
        DataType::Date => Arc::new(primitive::<Date32Type>(vector, rows)),
        DataType::Timestamp => Arc::new(primitive::<TimestampMicrosecondType>(vector, rows).with_timezone("UTC")),
        DataType::TimestampNtz => Arc::new(primitive::<TimestampMicrosecondType>(vector, rows)),
        DataType::Decimal { precision, scale } => {
            let data = ffi::duckdb_vector_get_data(vector);
            let values: Vec<i128> = match precision {
                0..=4 => std::slice::from_raw_parts(data as *const i16, rows).iter().map(|v| i128::from(*v)).collect(),
                5..=9 => std::slice::from_raw_parts(data as *const i32, rows).iter().map(|v| i128::from(*v)).collect(),
                10..=18 => std::slice::from_raw_parts(data as *const i64, rows).iter().map(|v| i128::from(*v)).collect(),
                _ => std::slice::from_raw_parts(data as *const i128, rows).to_vec(),
            };
            let array = Decimal128Array::new(ScalarBuffer::from(values), nulls_of(vector, rows))
                .with_precision_and_scale(*precision, *scale)
                .map_err(|e| SparkError::internal(e.to_string()))?;
            Arc::new(array)
        }
        DataType::String => {
            let data = ffi::duckdb_vector_get_data(vector) as *mut ffi::duckdb_string_t;
            let nulls = nulls_of(vector, rows);
            let mut builder = StringBuilder::with_capacity(rows, rows * 8);
            for i in 0..rows {
                if nulls.as_ref().is_some_and(|n| n.is_null(i)) {
                    builder.append_null();
                } else {
                    let text = std::str::from_utf8(string_bytes(data, i))
                        .map_err(|_| SparkError::internal("a VARCHAR value is not UTF-8"))?;
                    builder.append_value(text);
                }
            }
            Arc::new(builder.finish())
        }
        DataType::Binary => {
            let data = ffi::duckdb_vector_get_data(vector) as *mut ffi::duckdb_string_t;
            let nulls = nulls_of(vector, rows);
            let mut builder = BinaryBuilder::with_capacity(rows, rows * 8);
            for i in 0..rows {
                if nulls.as_ref().is_some_and(|n| n.is_null(i)) {
                    builder.append_null();
                } else {
                    builder.append_value(string_bytes(data, i));
                }
            }
            Arc::new(builder.finish())
        }
        DataType::Array { element, .. } => {
            let (offsets, values, nulls) = list_parts(vector, element, rows)?;
            let field = Arc::new(ArrowField::new("element", values.data_type().clone(), true));
            Arc::new(ListArray::try_new(field, offsets, values, nulls).map_err(|e| SparkError::internal(e.to_string()))?)
        }
        DataType::Map { key, value, .. } => {
            let entry_type = DataType::Struct(vec![
                sparkduck_analysis::Field::new("key", (**key).clone(), false),
                sparkduck_analysis::Field::new("value", (**value).clone(), true),
            ]);
            let (offsets, entries, nulls) = list_parts(vector, &entry_type, rows)?;
            let entries = entries.as_any().downcast_ref::<StructArray>().cloned().ok_or_else(|| SparkError::internal("map entries"))?;
            // Arrow map entries: non-null keys (Spark's map keys are never null).
            let (entry_fields, columns, _) = entries.into_parts();
            let fields = Fields::from(vec![
                entry_fields[0].as_ref().clone().with_nullable(false),
                entry_fields[1].as_ref().clone(),
            ]);
            let entries = StructArray::try_new(fields.clone(), columns, None).map_err(|e| SparkError::internal(e.to_string()))?;
            let field = Arc::new(ArrowField::new("entries", ArrowType::Struct(fields), false));
            Arc::new(MapArray::try_new(field, offsets, entries, nulls, false).map_err(|e| SparkError::internal(e.to_string()))?)
        }
        DataType::Struct(fields) => {
            let mut arrow_fields = Vec::with_capacity(fields.len());
            let mut columns = Vec::with_capacity(fields.len());
            for (i, f) in fields.iter().enumerate() {
                let child = vector_to_arrow(ffi::duckdb_struct_vector_get_child(vector, i as u64), &f.data_type, rows)?;
                arrow_fields.push(ArrowField::new(f.name.as_str(), child.data_type().clone(), true));
                columns.push(child);
            }
            let nulls = nulls_of(vector, rows);
            if fields.is_empty() {
                Arc::new(StructArray::new_empty_fields(rows, nulls))
            } else {
                Arc::new(StructArray::try_new(Fields::from(arrow_fields), columns, nulls).map_err(|e| SparkError::internal(e.to_string()))?)
            }
        }
    })
}

/// A DuckDB list vector's offsets, gathered values and nulls (entries may point anywhere in the child vector).
unsafe fn list_parts(
    vector: ffi::duckdb_vector,
    element: &DataType,
    rows: usize,
) -> Result<(OffsetBuffer<i32>, ArrayRef, Option<NullBuffer>), SparkError> {
    let entries = std::slice::from_raw_parts(ffi::duckdb_vector_get_data(vector) as *const ffi::duckdb_list_entry, rows);
    let nulls = nulls_of(vector, rows);
    let child_size = ffi::duckdb_list_vector_get_size(vector) as usize;
    let child = vector_to_arrow(ffi::duckdb_list_vector_get_child(vector), element, child_size)?;
    let mut offsets = Vec::with_capacity(rows + 1);
    let mut indices: Vec<u32> = Vec::new();
    offsets.push(0i32);
    for (i, entry) in entries.iter().enumerate() {
        if !nulls.as_ref().is_some_and(|n| n.is_null(i)) {
            indices.extend((entry.offset..entry.offset + entry.length).map(|k| k as u32));
        }
        offsets.push(i32::try_from(indices.len()).map_err(|_| SparkError::unsupported("UDF array arguments over 2^31 elements per chunk"))?);
    }
    let values = arrow::compute::take(child.as_ref(), &arrow::array::UInt32Array::from(indices), None)
        .map_err(|e| SparkError::internal(e.to_string()))?;
    Ok((OffsetBuffer::new(ScalarBuffer::from(offsets)), values, nulls))
}

fn wrong_result(t: &DataType, array: &dyn Array) -> SparkError {
    SparkError::internal(format!("UDF result for {} came as Arrow {}", t.spark_sql(), array.data_type()))
}

unsafe fn write_values<T: Copy>(output: ffi::duckdb_vector, values: &[T]) {
    let data = ffi::duckdb_vector_get_data(output) as *mut T;
    std::ptr::copy_nonoverlapping(values.as_ptr(), data, values.len());
}

/// Writes list entries and their values (a list or map result) into a DuckDB list vector.
unsafe fn write_list(
    output: ffi::duckdb_vector,
    offsets: &OffsetBuffer<i32>,
    values: &ArrayRef,
    element: &DataType,
    rows: usize,
) -> Result<(), SparkError> {
    let first = offsets[0] as usize;
    let total = offsets[rows] as usize - first;
    let values = values.slice(first, total);
    if ffi::duckdb_list_vector_reserve(output, total as u64) != ffi::duckdb_state_DuckDBSuccess
        || ffi::duckdb_list_vector_set_size(output, total as u64) != ffi::duckdb_state_DuckDBSuccess
    {
        return Err(SparkError::internal("could not size a UDF list result"));
    }
    let entries: Vec<ffi::duckdb_list_entry> = (0..rows)
        .map(|i| ffi::duckdb_list_entry { offset: (offsets[i] as usize - first) as u64, length: (offsets[i + 1] - offsets[i]) as u64 })
        .collect();
    write_values(output, &entries);
    arrow_to_vector(&values, element, ffi::duckdb_list_vector_get_child(output))
}

/// Copies an Arrow array of Spark type `t` into DuckDB's (flat) result vector.
unsafe fn arrow_to_vector(array: &ArrayRef, t: &DataType, output: ffi::duckdb_vector) -> Result<(), SparkError> {
    fn cast<'a, A: 'static>(array: &'a ArrayRef, t: &DataType) -> Result<&'a A, SparkError> {
        array.as_any().downcast_ref::<A>().ok_or_else(|| wrong_result(t, array.as_ref()))
    }
    let rows = array.len();
    match t {
        DataType::Boolean => {
            let a = cast::<BooleanArray>(array, t)?;
            let bytes: Vec<u8> = (0..rows).map(|i| u8::from(a.value(i))).collect();
            write_values(output, &bytes);
        }
        DataType::Byte => write_values(output, cast::<Int8Array>(array, t)?.values()),
        DataType::Short => write_values(output, cast::<Int16Array>(array, t)?.values()),
        DataType::Integer => write_values(output, cast::<Int32Array>(array, t)?.values()),
        DataType::Long => write_values(output, cast::<Int64Array>(array, t)?.values()),
        DataType::Float => write_values(output, cast::<Float32Array>(array, t)?.values()),
        DataType::Double => write_values(output, cast::<Float64Array>(array, t)?.values()),
        DataType::Date => write_values(output, cast::<Date32Array>(array, t)?.values()),
        DataType::Timestamp | DataType::TimestampNtz => {
            let a = cast::<TimestampMicrosecondArray>(array, t)?;
            let zoned = matches!(a.data_type(), ArrowType::Timestamp(TimeUnit::Microsecond, Some(_)));
            if zoned != (*t == DataType::Timestamp) {
                return Err(wrong_result(t, array.as_ref()));
            }
            write_values(output, a.values());
        }
        DataType::Decimal { precision, scale } => {
            let a = cast::<Decimal128Array>(array, t)?;
            if a.precision() != *precision || a.scale() != *scale {
                return Err(wrong_result(t, array.as_ref()));
            }
            let values = a.values();
            match precision {
                0..=4 => write_values(output, &values.iter().map(|v| *v as i16).collect::<Vec<_>>()),
                5..=9 => write_values(output, &values.iter().map(|v| *v as i32).collect::<Vec<_>>()),
                10..=18 => write_values(output, &values.iter().map(|v| *v as i64).collect::<Vec<_>>()),
                _ => write_values(output, values),
            }
        }
        DataType::String => {
            let a = cast::<StringArray>(array, t)?;
            for i in 0..rows {
                if a.is_valid(i) {
                    let v = a.value(i);
                    ffi::duckdb_vector_assign_string_element_len(output, i as u64, v.as_ptr().cast(), v.len() as u64);
                }
            }
        }
        DataType::Binary => {
            let a = cast::<BinaryArray>(array, t)?;
            for i in 0..rows {
                if a.is_valid(i) {
                    let v = a.value(i);
                    ffi::duckdb_vector_assign_string_element_len(output, i as u64, v.as_ptr().cast(), v.len() as u64);
                }
            }
        }
        DataType::Array { element, .. } => {
            let a = cast::<ListArray>(array, t)?;
            write_list(output, a.offsets(), a.values(), element, rows)?;
        }
        DataType::Map { key, value, .. } => {
            let a = cast::<MapArray>(array, t)?;
            let entry_type = DataType::Struct(vec![
                sparkduck_analysis::Field::new("key", (**key).clone(), false),
                sparkduck_analysis::Field::new("value", (**value).clone(), true),
            ]);
            let entries: ArrayRef = Arc::new(a.entries().clone());
            write_list(output, a.offsets(), &entries, &entry_type, rows)?;
        }
        DataType::Struct(fields) => {
            let a = cast::<StructArray>(array, t)?;
            if a.num_columns() != fields.len() {
                return Err(wrong_result(t, array.as_ref()));
            }
            for (i, f) in fields.iter().enumerate() {
                arrow_to_vector(a.column(i), &f.data_type, ffi::duckdb_struct_vector_get_child(output, i as u64))?;
            }
        }
        DataType::Null => return Err(unsupported_type(t)),
    }
    if array.null_count() > 0 {
        ffi::duckdb_vector_ensure_validity_writable(output);
        let validity = ffi::duckdb_vector_get_validity(output);
        for i in 0..rows {
            if array.is_null(i) {
                ffi::duckdb_validity_set_row_invalid(validity, i as u64);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Session;
    use arrow::array::AsArray;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A Rust stand-in for the JVM: udf 1 doubles a DOUBLE, udf 2 upper-cases a string, udf 3 fails, udf 4 counts
    /// its calls and returns the row count of each chunk.
    struct RustUdfs {
        calls: AtomicUsize,
    }

    impl UdfCallback for RustUdfs {
        fn invoke(&self, udf_id: i64, args: &StructArray) -> Result<ArrayRef, SparkError> {
            self.calls.fetch_add(1, Ordering::Relaxed);
            match udf_id {
                1 => {
                    let x = args.column(0).as_primitive::<arrow::datatypes::Float64Type>();
                    Ok(Arc::new(x.iter().map(|v| v.map(|v| v * 2.0)).collect::<Float64Array>()))
                }
                2 => {
                    let s = args.column(0).as_string::<i32>();
                    Ok(Arc::new(s.iter().map(|v| v.map(|v| v.to_uppercase())).collect::<StringArray>()))
                }
                3 => Err(SparkError::new("FAILED_EXECUTE_UDF", "boom").with_sql_state("39000")),
                4 => Ok(Arc::new(Int64Array::from(vec![args.len() as i64; args.len()]))),
                5 => Ok(Arc::new(Int32Array::from(vec![1, 2]))), // wrong length
                _ => Err(SparkError::internal("unknown udf")),
            }
        }
    }

    fn usage(id: i64, args: Vec<DataType>, ret: DataType) -> UdfUse {
        UdfUse { function_name: format!("test_udf_{id}"), udf_id: id, arg_types: args, return_type: ret, deterministic: true }
    }

    fn session_with_udfs() -> (Session, Arc<RustUdfs>) {
        let session = Session::open_json("{\"threads\":2}").unwrap();
        let udfs = Arc::new(RustUdfs { calls: AtomicUsize::new(0) });
        session.udfs().set_callback(udfs.clone());
        (session, udfs)
    }

    fn rows(session: &Session, sql: &str, uses: &[UdfUse]) -> Result<Vec<Vec<Option<String>>>, SparkError> {
        let connection = session.database_connection()?;
        session.udfs().ensure_registered(&connection, uses)?;
        connection.query_text(sql).map_err(|e| crate::errors::map_duckdb_error(&e))
    }

    #[test]
    fn chunks_go_through_the_callback_with_nulls() {
        let (session, udfs) = session_with_udfs();
        let uses = [usage(1, vec![DataType::Double], DataType::Double), usage(2, vec![DataType::String], DataType::String)];
        let out = rows(
            &session,
            "SELECT test_udf_1(x), test_udf_2(s) FROM (VALUES (1.5, 'ab'), (NULL, NULL), (-2.0, 'a long string over twelve')) t(x, s)",
            &uses,
        )
        .unwrap();
        assert_eq!(
            out,
            vec![
                vec![Some("3.0".into()), Some("AB".into())],
                vec![None, None],
                vec![Some("-4.0".into()), Some("A LONG STRING OVER TWELVE".into())],
            ]
        );
        assert!(udfs.calls.load(Ordering::Relaxed) >= 2);
    }

    #[test]
    fn many_rows_are_passed_a_chunk_at_a_time() {
        let (session, udfs) = session_with_udfs();
        let uses = [usage(4, vec![DataType::Long], DataType::Long)];
        let out = rows(&session, "SELECT max(test_udf_4(range)), count(*) FROM range(100000)", &uses).unwrap();
        assert_eq!(out[0][1].as_deref(), Some("100000"));
        let biggest: i64 = out[0][0].as_deref().unwrap().parse().unwrap();
        assert!(biggest > 1 && biggest <= 2048 * 64, "chunk size {biggest}");
        let calls = udfs.calls.load(Ordering::Relaxed);
        assert!(calls < 1000, "{calls} callback calls for 100000 rows: not vectorized");
    }

    #[test]
    fn callback_errors_fail_the_query_with_their_class() {
        let (session, _) = session_with_udfs();
        let e = rows(&session, "SELECT test_udf_3(x) FROM range(3) t(x)", &[usage(3, vec![DataType::Long], DataType::Long)]).unwrap_err();
        assert_eq!(e.error_class, "FAILED_EXECUTE_UDF");
        assert_eq!(e.message, "boom");
        assert_eq!(e.sql_state.as_deref(), Some("39000"));
        let e = rows(&session, "SELECT test_udf_5(x) FROM range(3) t(x)", &[usage(5, vec![DataType::Long], DataType::Integer)]).unwrap_err();
        assert_eq!(e.error_class, "INTERNAL_ERROR");
    }

    #[test]
    fn decimal_date_timestamp_and_binary_round_trip() {
        let session = identity_session();
        let cases = [
            (DataType::decimal(4, 2), "12.34"),
            (DataType::decimal(9, 3), "-123456.789"),
            (DataType::decimal(18, 0), "123456789012345678"),
            (DataType::decimal(38, 10), "-1234567890123456789012345678.0123456789"),
            (DataType::Date, "2024-02-29"),
            (DataType::TimestampNtz, "2024-02-29 12:34:56.789012"),
            (DataType::Boolean, "true"),
            (DataType::Byte, "-7"),
            (DataType::Short, "300"),
            (DataType::Integer, "70000"),
            (DataType::Float, "1.5"),
        ];
        for (i, (t, value)) in cases.iter().enumerate() {
            let u = UdfUse { function_name: format!("identity_{i}"), udf_id: i as i64, arg_types: vec![t.clone()], return_type: t.clone(), deterministic: false };
            let sql = format!("SELECT identity_{i}(CAST('{value}' AS {ty}))::VARCHAR, identity_{i}(CAST(NULL AS {ty}))", ty = t.to_duckdb_sql());
            let out = rows(&session, &sql, &[u]).unwrap();
            assert_eq!(out, vec![vec![Some(value.to_string()), None]], "{t:?}");
        }
    }

    #[test]
    fn nested_types_round_trip() {
        let session = identity_session();
        let ints = DataType::Array { element: Box::new(DataType::Integer), contains_null: true };
        let strings = DataType::Array { element: Box::new(DataType::String), contains_null: true };
        let map = DataType::Map { key: Box::new(DataType::String), value: Box::new(DataType::Long), value_contains_null: true };
        let record = DataType::Struct(vec![
            sparkduck_analysis::Field::new("a", DataType::Integer, true),
            sparkduck_analysis::Field::new("b", strings.clone(), true),
        ]);
        let nested = DataType::Array { element: Box::new(record.clone()), contains_null: true };
        let cases = [
            (ints, "[1, NULL, 3]"),
            (strings, "[a long string over twelve, NULL, b]"),
            (map, "{x=1, y=NULL}"),
            (record.clone(), "{'a': 7, 'b': [p, q]}"),
            (nested, "[{'a': 1, 'b': []}, NULL, {'a': NULL, 'b': NULL}]"),
        ];
        for (i, (t, value)) in cases.iter().enumerate() {
            let u = UdfUse { function_name: format!("nested_{i}"), udf_id: i as i64, arg_types: vec![t.clone()], return_type: t.clone(), deterministic: true };
            let sql = format!(
                "SELECT nested_{i}(v)::VARCHAR FROM (SELECT CAST({lit} AS {ty}) AS v FROM range(3) UNION ALL SELECT NULL) ORDER BY 1 NULLS LAST",
                lit = duck_literal(value),
                ty = t.to_duckdb_sql()
            );
            let out = rows(&session, &sql, &[u]).unwrap();
            assert_eq!(out.len(), 4, "{t:?}");
            assert_eq!(out[0][0].as_deref(), Some(*value), "{t:?}");
            assert_eq!(out[3][0], None, "{t:?}");
        }
    }

    /// A session whose UDF callback returns its first argument unchanged (type round trips).
    fn identity_session() -> Session {
        struct Identity;
        impl UdfCallback for Identity {
            fn invoke(&self, _: i64, args: &StructArray) -> Result<ArrayRef, SparkError> {
                Ok(args.column(0).clone())
            }
        }
        let session = Session::open_json("").unwrap();
        session.udfs().set_callback(Arc::new(Identity));
        session
    }

    /// The DuckDB literal of the printed forms above.
    fn duck_literal(printed: &str) -> String {
        match printed {
            "[1, NULL, 3]" => "[1, NULL, 3]".into(),
            "[a long string over twelve, NULL, b]" => "['a long string over twelve', NULL, 'b']".into(),
            "{x=1, y=NULL}" => "MAP {'x': 1, 'y': NULL}".into(),
            "{'a': 7, 'b': [p, q]}" => "{'a': 7, 'b': ['p', 'q']}".into(),
            _ => "[{'a': 1, 'b': []}, NULL, {'a': NULL, 'b': NULL}]".into(),
        }
    }
}
