//! Exports a result as an Arrow C stream (`struct ArrowArrayStream`). Written here rather than taken from arrow-rs
//! because the contract fixes the stream's error string to `[ERROR_CLASS] message` (arrow-rs prefixes its own
//! error kind), and because every callback must be panic-proof.

use crate::guard::panic_message;
use arrow::array::{Array, RecordBatchReader, StructArray};
use arrow::datatypes::{DataType, SchemaRef};
use arrow::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use arrow::ffi_stream::FFI_ArrowArrayStream;
use sparkduck_engine::{spark_error_of, SparkError};
use std::ffi::{c_char, c_int, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

/// errno values the C stream interface uses.
const EIO: c_int = 5;
const EINVAL: c_int = 22;

struct ExportedStream {
    reader: Box<dyn RecordBatchReader + Send>,
    schema: SchemaRef,
    last_error: Option<CString>,
}

/// `[CLASS] message` as a C string (NUL bytes in messages are replaced so the text survives).
fn error_string(error: &SparkError) -> CString {
    let text = format!("[{}] {}", error.error_class, error.message).replace('\0', " ");
    CString::new(text).unwrap_or_default()
}

/// Fills `out` (caller-allocated, contents ignored) with a stream that owns `reader`.
///
/// # Safety
/// `out` must be valid for writing one `ArrowArrayStream`.
pub unsafe fn export_stream(
    reader: Box<dyn RecordBatchReader + Send>,
    out: *mut FFI_ArrowArrayStream,
) {
    let schema = reader.schema();
    let private = Box::new(ExportedStream {
        reader,
        schema,
        last_error: None,
    });
    let stream = FFI_ArrowArrayStream {
        get_schema: Some(get_schema),
        get_next: Some(get_next),
        get_last_error: Some(get_last_error),
        release: Some(release),
        private_data: Box::into_raw(private).cast(),
    };
    ptr::write(out, stream);
}

/// Runs a callback body, recording errors and panics as the stream's last error.
unsafe fn with_private(
    stream: *mut FFI_ArrowArrayStream,
    body: impl FnOnce(&mut ExportedStream) -> Result<(), SparkError>,
) -> c_int {
    if stream.is_null() || (*stream).private_data.is_null() {
        return EINVAL;
    }
    let private = &mut *((*stream).private_data as *mut ExportedStream);
    let outcome = match catch_unwind(AssertUnwindSafe(|| body(private))) {
        Ok(outcome) => outcome,
        Err(payload) => Err(SparkError::internal(format!(
            "sparkduck native panic: {}",
            panic_message(payload.as_ref())
        ))),
    };
    match outcome {
        Ok(()) => 0,
        Err(error) => {
            private.last_error = Some(error_string(&error));
            EIO
        }
    }
}

unsafe extern "C" fn get_schema(
    stream: *mut FFI_ArrowArrayStream,
    out: *mut FFI_ArrowSchema,
) -> c_int {
    with_private(stream, |private| {
        let schema = FFI_ArrowSchema::try_from(private.schema.as_ref())
            .map_err(|e| SparkError::internal(format!("result schema export: {e}")))?;
        ptr::write(out, schema);
        Ok(())
    })
}

unsafe extern "C" fn get_next(
    stream: *mut FFI_ArrowArrayStream,
    out: *mut FFI_ArrowArray,
) -> c_int {
    with_private(stream, |private| {
        match private.reader.next() {
            // End of stream: a released (empty) array.
            None => ptr::write(out, FFI_ArrowArray::empty()),
            Some(Ok(batch)) => {
                let columns = StructArray::from(batch);
                let data = columns.into_data();
                debug_assert!(matches!(data.data_type(), DataType::Struct(_)));
                ptr::write(out, FFI_ArrowArray::new(&data));
            }
            Some(Err(error)) => return Err(spark_error_of(&error)),
        }
        Ok(())
    })
}

unsafe extern "C" fn get_last_error(stream: *mut FFI_ArrowArrayStream) -> *const c_char {
    if stream.is_null() || (*stream).private_data.is_null() {
        return ptr::null();
    }
    let private = &*((*stream).private_data as *const ExportedStream);
    private
        .last_error
        .as_ref()
        .map_or(ptr::null(), |e| e.as_ptr())
}

unsafe extern "C" fn release(stream: *mut FFI_ArrowArrayStream) {
    if stream.is_null() {
        return;
    }
    let private = (*stream).private_data as *mut ExportedStream;
    if !private.is_null() {
        // Dropping the reader ends the query (DuckDB result, statement, connection); never unwind out of it.
        let _ = catch_unwind(AssertUnwindSafe(|| drop(Box::from_raw(private))));
    }
    (*stream).private_data = ptr::null_mut();
    (*stream).get_schema = None;
    (*stream).get_next = None;
    (*stream).get_last_error = None;
    (*stream).release = None;
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::{Int32Array, RecordBatch, RecordBatchIterator};
    use arrow::datatypes::{Field, Schema};
    use arrow::error::ArrowError;
    use arrow::ffi_stream::ArrowArrayStreamReader;
    use std::sync::Arc;

    #[test]
    fn errors_read_back_as_class_and_message() {
        let schema = Arc::new(Schema::new(vec![Field::new("x", DataType::Int32, true)]));
        let batch =
            RecordBatch::try_new(schema.clone(), vec![Arc::new(Int32Array::from(vec![1, 2]))])
                .unwrap();
        let items: Vec<Result<RecordBatch, ArrowError>> = vec![
            Ok(batch),
            Err(sparkduck_engine::arrow_error(SparkError::new(
                "DIVIDE_BY_ZERO",
                "Division by zero.",
            ))),
        ];
        let reader = Box::new(RecordBatchIterator::new(items, schema));
        let mut stream = FFI_ArrowArrayStream::empty();
        unsafe { export_stream(reader, &mut stream) };
        let mut imported = ArrowArrayStreamReader::try_new(stream).unwrap();
        assert_eq!(imported.next().unwrap().unwrap().num_rows(), 2);
        let error = imported.next().unwrap().unwrap_err();
        // arrow-rs's importer wraps the C error string in its own kind; the string itself is Spark's form.
        assert_eq!(
            error.to_string(),
            "C Data interface error: [DIVIDE_BY_ZERO] Division by zero."
        );
    }
}
