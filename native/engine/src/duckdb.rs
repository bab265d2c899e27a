//! Thin owning wrappers over DuckDB's C API (libduckdb-sys): database, connection, prepared statement, streaming
//! result. Each wrapper frees its handle on drop; nothing here knows Spark.

use libduckdb_sys as ffi;
use std::ffi::{c_char, CStr, CString};
use std::ptr;
use std::sync::Arc;

/// An error reported by DuckDB: its error type (`ffi::duckdb_error_type_*`) and message as DuckDB formats it
/// (usually with a prefix such as `Invalid Input Error: `).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuckDbError {
    pub error_type: ffi::duckdb_error_type,
    pub message: String,
}

impl DuckDbError {
    pub fn new(error_type: ffi::duckdb_error_type, message: impl Into<String>) -> Self {
        DuckDbError {
            error_type,
            message: message.into(),
        }
    }
    fn invalid(message: impl Into<String>) -> Self {
        DuckDbError::new(ffi::duckdb_error_type_DUCKDB_ERROR_INVALID, message)
    }
}

pub type DuckResult<T> = std::result::Result<T, DuckDbError>;

/// SQL text as a C string; DuckDB cannot take interior NUL bytes (they cannot come from a valid plan either).
pub(crate) fn c_string(text: &str) -> DuckResult<CString> {
    CString::new(text).map_err(|_| DuckDbError::invalid("SQL text contains a NUL byte"))
}

unsafe fn string_from_c(text: *const c_char) -> String {
    if text.is_null() {
        String::new()
    } else {
        CStr::from_ptr(text).to_string_lossy().into_owned()
    }
}

/// Consumes a `duckdb_error_data` (always destroyed) and returns its error, if it holds one.
unsafe fn take_error_data(mut data: ffi::duckdb_error_data) -> DuckResult<()> {
    if data.is_null() {
        return Ok(());
    }
    let outcome = if ffi::duckdb_error_data_has_error(data) {
        Err(DuckDbError::new(
            ffi::duckdb_error_data_error_type(data),
            string_from_c(ffi::duckdb_error_data_message(data)),
        ))
    } else {
        Ok(())
    };
    ffi::duckdb_destroy_error_data(&mut data);
    outcome
}

/// An open DuckDB database. DuckDB databases are thread-safe; connections are not shared across threads here.
pub struct Database {
    raw: ffi::duckdb_database,
}

// SAFETY: a DuckDB database handle may be used from any thread (DuckDB synchronizes internally).
unsafe impl Send for Database {}
unsafe impl Sync for Database {}

impl Database {
    /// Opens an in-memory database with the given `(name, value)` configuration options.
    pub fn open_in_memory(options: &[(&str, String)]) -> DuckResult<Arc<Database>> {
        unsafe {
            let mut config: ffi::duckdb_config = ptr::null_mut();
            if ffi::duckdb_create_config(&mut config) != ffi::duckdb_state_DuckDBSuccess {
                return Err(DuckDbError::invalid(
                    "could not create a DuckDB configuration",
                ));
            }
            let configured = (|| {
                for (name, value) in options {
                    let c_name = c_string(name)?;
                    let c_value = c_string(value)?;
                    if ffi::duckdb_set_config(config, c_name.as_ptr(), c_value.as_ptr())
                        != ffi::duckdb_state_DuckDBSuccess
                    {
                        return Err(DuckDbError::new(
                            ffi::duckdb_error_type_DUCKDB_ERROR_SETTINGS,
                            format!("invalid DuckDB setting {name} = '{value}'"),
                        ));
                    }
                }
                Ok(())
            })();
            if let Err(e) = configured {
                ffi::duckdb_destroy_config(&mut config);
                return Err(e);
            }
            let mut raw: ffi::duckdb_database = ptr::null_mut();
            let mut error: *mut c_char = ptr::null_mut();
            let state = ffi::duckdb_open_ext(ptr::null(), &mut raw, config, &mut error);
            ffi::duckdb_destroy_config(&mut config);
            if state != ffi::duckdb_state_DuckDBSuccess {
                let message = string_from_c(error);
                if !error.is_null() {
                    ffi::duckdb_free(error.cast());
                }
                return Err(DuckDbError::new(
                    ffi::duckdb_error_type_DUCKDB_ERROR_SETTINGS,
                    message,
                ));
            }
            Ok(Arc::new(Database { raw }))
        }
    }

    /// A new connection; it keeps the database alive.
    pub fn connect(self: &Arc<Self>) -> DuckResult<Connection> {
        let mut raw: ffi::duckdb_connection = ptr::null_mut();
        let state = unsafe { ffi::duckdb_connect(self.raw, &mut raw) };
        if state != ffi::duckdb_state_DuckDBSuccess {
            return Err(DuckDbError::new(
                ffi::duckdb_error_type_DUCKDB_ERROR_CONNECTION,
                "could not connect to DuckDB",
            ));
        }
        Ok(Connection {
            raw,
            _database: Arc::clone(self),
        })
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        unsafe { ffi::duckdb_close(&mut self.raw) }
    }
}

/// One DuckDB connection: its own transaction state, temp tables and session settings (e.g. `TimeZone`).
pub struct Connection {
    raw: ffi::duckdb_connection,
    _database: Arc<Database>,
}

// SAFETY: a connection is used by one thread at a time (it is owned, never shared); DuckDB allows moving it.
unsafe impl Send for Connection {}

impl Connection {
    pub(crate) fn raw(&self) -> ffi::duckdb_connection {
        self.raw
    }

    /// Runs a statement and discards its (materialized) result.
    pub fn execute_batch(&self, sql: &str) -> DuckResult<()> {
        let result = self.query(sql)?;
        drop(result);
        Ok(())
    }

    fn query(&self, sql: &str) -> DuckResult<MaterializedResult> {
        let c_sql = c_string(sql)?;
        let mut raw: ffi::duckdb_result = unsafe { std::mem::zeroed() };
        let state = unsafe { ffi::duckdb_query(self.raw, c_sql.as_ptr(), &mut raw) };
        let result = MaterializedResult { raw };
        if state != ffi::duckdb_state_DuckDBSuccess {
            return Err(result.error());
        }
        Ok(result)
    }

    /// Runs a (small) query and returns every value as text (`None` for NULL), row by row. For metadata queries
    /// the engine makes itself (e.g. `parquet_schema`), never for user data.
    pub fn query_text(&self, sql: &str) -> DuckResult<Vec<Vec<Option<String>>>> {
        let mut result = self.query(sql)?;
        let raw = &mut result.raw;
        let (columns, rows) =
            unsafe { (ffi::duckdb_column_count(raw), ffi::duckdb_row_count(raw)) };
        let mut out = Vec::with_capacity(rows as usize);
        for row in 0..rows {
            let mut values = Vec::with_capacity(columns as usize);
            for col in 0..columns {
                values.push(unsafe {
                    if ffi::duckdb_value_is_null(raw, col, row) {
                        None
                    } else {
                        let text = ffi::duckdb_value_varchar(raw, col, row);
                        let owned = string_from_c(text);
                        if !text.is_null() {
                            ffi::duckdb_free(text.cast());
                        }
                        Some(owned)
                    }
                });
            }
            out.push(values);
        }
        Ok(out)
    }

    /// Prepares one statement.
    pub fn prepare(&self, sql: &str) -> DuckResult<PreparedStatement> {
        let c_sql = c_string(sql)?;
        let mut raw: ffi::duckdb_prepared_statement = ptr::null_mut();
        let state = unsafe { ffi::duckdb_prepare(self.raw, c_sql.as_ptr(), &mut raw) };
        let prepared = PreparedStatement { raw };
        if state != ffi::duckdb_state_DuckDBSuccess {
            let message = unsafe { string_from_c(ffi::duckdb_prepare_error(raw)) };
            return Err(DuckDbError::new(error_type_from_message(&message), message));
        }
        Ok(prepared)
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        unsafe { ffi::duckdb_disconnect(&mut self.raw) }
    }
}

/// `duckdb_prepare_error` carries only a message; recover the error type from DuckDB's message prefix so that the
/// mapping to Spark's classes sees the same thing as for execution errors.
fn error_type_from_message(message: &str) -> ffi::duckdb_error_type {
    const PREFIXES: &[(&str, ffi::duckdb_error_type)] = &[
        (
            "Out of Range Error",
            ffi::duckdb_error_type_DUCKDB_ERROR_OUT_OF_RANGE,
        ),
        (
            "Conversion Error",
            ffi::duckdb_error_type_DUCKDB_ERROR_CONVERSION,
        ),
        (
            "Invalid Input Error",
            ffi::duckdb_error_type_DUCKDB_ERROR_INVALID_INPUT,
        ),
        ("Binder Error", ffi::duckdb_error_type_DUCKDB_ERROR_BINDER),
        ("Catalog Error", ffi::duckdb_error_type_DUCKDB_ERROR_CATALOG),
        ("Parser Error", ffi::duckdb_error_type_DUCKDB_ERROR_PARSER),
        ("IO Error", ffi::duckdb_error_type_DUCKDB_ERROR_IO),
        (
            "Missing Extension Error",
            ffi::duckdb_error_type_DUCKDB_ERROR_MISSING_EXTENSION,
        ),
        (
            "Not implemented Error",
            ffi::duckdb_error_type_DUCKDB_ERROR_NOT_IMPLEMENTED,
        ),
        (
            "Out of Memory Error",
            ffi::duckdb_error_type_DUCKDB_ERROR_OUT_OF_MEMORY,
        ),
        (
            "INTERNAL Error",
            ffi::duckdb_error_type_DUCKDB_ERROR_INTERNAL,
        ),
    ];
    PREFIXES
        .iter()
        .find(|(prefix, _)| message.starts_with(prefix))
        .map(|(_, t)| *t)
        .unwrap_or(ffi::duckdb_error_type_DUCKDB_ERROR_INVALID)
}

/// A prepared statement; it must not outlive its connection (callers keep both together).
pub struct PreparedStatement {
    raw: ffi::duckdb_prepared_statement,
}

unsafe impl Send for PreparedStatement {}

impl PreparedStatement {
    /// Starts executing in streaming mode: chunks are produced as they are fetched.
    pub fn execute_streaming(&self) -> DuckResult<StreamingResult> {
        let mut raw: ffi::duckdb_result = unsafe { std::mem::zeroed() };
        let state = unsafe { ffi::duckdb_execute_prepared_streaming(self.raw, &mut raw) };
        let result = StreamingResult { raw };
        if state != ffi::duckdb_state_DuckDBSuccess {
            return Err(result.error());
        }
        Ok(result)
    }

    /// Result column names and logical types, known after preparing (nothing runs).
    pub fn column_count(&self) -> u64 {
        unsafe { ffi::duckdb_prepared_statement_column_count(self.raw) }
    }

    pub fn column_logical_type(&self, index: u64) -> LogicalType {
        LogicalType {
            raw: unsafe { ffi::duckdb_prepared_statement_column_logical_type(self.raw, index) },
        }
    }

    pub fn column_name(&self, index: u64) -> String {
        unsafe {
            let name = ffi::duckdb_prepared_statement_column_name(self.raw, index);
            let owned = string_from_c(name);
            if !name.is_null() {
                ffi::duckdb_free(name as *mut _);
            }
            owned
        }
    }
}

impl Drop for PreparedStatement {
    fn drop(&mut self) {
        unsafe { ffi::duckdb_destroy_prepare(&mut self.raw) }
    }
}

/// The error held by a failed `duckdb_result`.
unsafe fn result_error(raw: &mut ffi::duckdb_result) -> DuckDbError {
    let message = string_from_c(ffi::duckdb_result_error(raw));
    DuckDbError::new(ffi::duckdb_result_error_type(raw), message)
}

struct MaterializedResult {
    raw: ffi::duckdb_result,
}

impl MaterializedResult {
    fn error(mut self) -> DuckDbError {
        unsafe { result_error(&mut self.raw) }
    }
}

impl Drop for MaterializedResult {
    fn drop(&mut self) {
        unsafe { ffi::duckdb_destroy_result(&mut self.raw) }
    }
}

/// A result being produced chunk by chunk. It must not outlive its prepared statement and connection.
pub struct StreamingResult {
    raw: ffi::duckdb_result,
}

unsafe impl Send for StreamingResult {}

impl StreamingResult {
    fn error(mut self) -> DuckDbError {
        unsafe { result_error(&mut self.raw) }
    }

    /// The Arrow options of this result (derived from the connection's settings when the query started).
    pub fn arrow_options(&mut self) -> ArrowOptions {
        ArrowOptions {
            raw: unsafe { ffi::duckdb_result_get_arrow_options(&mut self.raw) },
        }
    }

    pub fn column_count(&mut self) -> u64 {
        unsafe { ffi::duckdb_column_count(&mut self.raw) }
    }

    pub fn column_name(&mut self, col: u64) -> String {
        unsafe { string_from_c(ffi::duckdb_column_name(&mut self.raw, col)) }
    }

    pub fn column_logical_type(&mut self, col: u64) -> LogicalType {
        LogicalType {
            raw: unsafe { ffi::duckdb_column_logical_type(&mut self.raw, col) },
        }
    }

    /// The next chunk, `None` at the end. Errors raised while the query runs (e.g. `error()` in SQL, overflow)
    /// surface here.
    pub fn next_chunk(&mut self) -> DuckResult<Option<DataChunk>> {
        let raw = unsafe { ffi::duckdb_fetch_chunk(self.raw) };
        if raw.is_null() {
            if unsafe { ffi::duckdb_result_error(&mut self.raw) }.is_null() {
                return Ok(None);
            }
            return Err(unsafe { result_error(&mut self.raw) });
        }
        let chunk = DataChunk { raw };
        if unsafe { ffi::duckdb_data_chunk_get_size(raw) } == 0 {
            return Ok(None);
        }
        Ok(Some(chunk))
    }
}

impl Drop for StreamingResult {
    fn drop(&mut self) {
        unsafe { ffi::duckdb_destroy_result(&mut self.raw) }
    }
}

pub struct LogicalType {
    raw: ffi::duckdb_logical_type,
}

impl LogicalType {
    /// Takes ownership of a logical type returned by the C API.
    pub(crate) fn from_raw(raw: ffi::duckdb_logical_type) -> Self {
        LogicalType { raw }
    }

    pub(crate) fn raw(&self) -> ffi::duckdb_logical_type {
        self.raw
    }
}

impl Drop for LogicalType {
    fn drop(&mut self) {
        unsafe { ffi::duckdb_destroy_logical_type(&mut self.raw) }
    }
}

pub struct ArrowOptions {
    raw: ffi::duckdb_arrow_options,
}

unsafe impl Send for ArrowOptions {}

impl ArrowOptions {
    /// The Arrow schema (C data interface) of columns with these types and names.
    pub fn to_arrow_schema(
        &self,
        types: &[LogicalType],
        names: &[CString],
        out: *mut ffi::ArrowSchema,
    ) -> DuckResult<()> {
        let mut raw_types: Vec<ffi::duckdb_logical_type> = types.iter().map(|t| t.raw()).collect();
        let mut raw_names: Vec<*const c_char> = names.iter().map(|n| n.as_ptr()).collect();
        unsafe {
            take_error_data(ffi::duckdb_to_arrow_schema(
                self.raw,
                raw_types.as_mut_ptr(),
                raw_names.as_mut_ptr(),
                types.len() as u64,
                out,
            ))
        }
    }

    /// Converts one chunk to an Arrow struct array (C data interface) with DuckDB's own Arrow conversion.
    pub fn chunk_to_arrow(&self, chunk: &DataChunk, out: *mut ffi::ArrowArray) -> DuckResult<()> {
        unsafe { take_error_data(ffi::duckdb_data_chunk_to_arrow(self.raw, chunk.raw, out)) }
    }
}

impl Drop for ArrowOptions {
    fn drop(&mut self) {
        unsafe { ffi::duckdb_destroy_arrow_options(&mut self.raw) }
    }
}

pub struct DataChunk {
    raw: ffi::duckdb_data_chunk,
}

impl Drop for DataChunk {
    fn drop(&mut self) {
        unsafe { ffi::duckdb_destroy_data_chunk(&mut self.raw) }
    }
}

/// DuckDB's version string, e.g. `v1.5.5`.
pub fn library_version() -> String {
    unsafe { string_from_c(ffi::duckdb_library_version()) }
}
