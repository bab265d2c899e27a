//! The C ABI (`include/sparkduck.h`). Functions returning `int32_t` give 0 on success and -1 on failure, with
//! `*out_error` (when not NULL) set to `[ERROR_CLASS] message`. Strings returned are freed with
//! `sparkduck_string_free`.

use crate::guard::guarded;
use crate::handles::{self, SparkduckSession};
use crate::stream_export::export_stream;
use arrow::ffi_stream::FFI_ArrowArrayStream;
use sparkduck_engine::spark_types::schema_to_json;
use sparkduck_engine::{Session, SparkError};
use std::ffi::{c_char, CStr, CString};
use std::ptr;

fn to_c_string(text: &str) -> *mut c_char {
    CString::new(text.replace('\0', " "))
        .unwrap_or_default()
        .into_raw()
}

unsafe fn set_out(out: *mut *mut c_char, text: &str) {
    if !out.is_null() {
        *out = to_c_string(text);
    }
}

/// Runs an entry point's body under the panic guard and reports its error through `out_error`.
pub(crate) unsafe fn c_entry(
    out_error: *mut *mut c_char,
    body: impl FnOnce() -> Result<(), SparkError>,
) -> i32 {
    if !out_error.is_null() {
        *out_error = ptr::null_mut();
    }
    match guarded(body) {
        Ok(()) => 0,
        Err(error) => {
            set_out(
                out_error,
                &format!("[{}] {}", error.error_class, error.message),
            );
            -1
        }
    }
}

unsafe fn str_arg<'a>(text: *const c_char, what: &str) -> Result<&'a str, SparkError> {
    if text.is_null() {
        return Err(SparkError::new(
            "SPARKDUCK_INVALID_ARGUMENT",
            format!("{what} is NULL"),
        ));
    }
    CStr::from_ptr(text)
        .to_str()
        .map_err(|_| SparkError::new("SPARKDUCK_INVALID_ARGUMENT", format!("{what} is not UTF-8")))
}

unsafe fn bytes_arg<'a>(data: *const u8, len: usize) -> Result<&'a [u8], SparkError> {
    if len == 0 {
        return Ok(&[]);
    }
    if data.is_null() {
        return Err(SparkError::new(
            "SPARKDUCK_INVALID_ARGUMENT",
            "plan is NULL",
        ));
    }
    Ok(std::slice::from_raw_parts(data, len))
}

fn out_arg<T>(out: *mut T, what: &str) -> Result<(), SparkError> {
    if out.is_null() {
        return Err(SparkError::new(
            "SPARKDUCK_INVALID_ARGUMENT",
            format!("{what} is NULL"),
        ));
    }
    Ok(())
}

/// `sparkduck <version>, DuckDB <version>`; free with `sparkduck_string_free`.
#[no_mangle]
pub extern "C" fn sparkduck_version() -> *mut c_char {
    guarded(|| Ok(to_c_string(&sparkduck_engine::version()))).unwrap_or(ptr::null_mut())
}

/// Opens a session from its JSON configuration (NULL or "" for defaults). Returns NULL on failure.
///
/// # Safety
/// `config_json` is NULL or a NUL-terminated string; `out_error` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sparkduck_session_open(
    config_json: *const c_char,
    out_error: *mut *mut c_char,
) -> *mut SparkduckSession {
    let mut handle = ptr::null_mut();
    c_entry(out_error, || {
        let json = if config_json.is_null() {
            ""
        } else {
            str_arg(config_json, "config_json")?
        };
        handle = handles::register(Session::open_json(json)?);
        Ok(())
    });
    handle
}

/// Closes a session; NULL, unknown and already closed handles are ignored. Open streams stay valid.
///
/// # Safety
/// `session` is any pointer value (it is only used after it is found among live sessions).
#[no_mangle]
pub unsafe extern "C" fn sparkduck_session_close(session: *mut SparkduckSession) {
    let _ = guarded(|| {
        handles::release(session);
        Ok(())
    });
}

/// Sets a Spark conf (`spark.sql.ansi.enabled`, `spark.sql.caseSensitive`, `spark.sql.session.timeZone`).
///
/// # Safety
/// `key` and `value` are NUL-terminated strings; `out_error` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sparkduck_session_set_option(
    session: *mut SparkduckSession,
    key: *const c_char,
    value: *const c_char,
    out_error: *mut *mut c_char,
) -> i32 {
    c_entry(out_error, || {
        handles::lookup(session)?.set_option(str_arg(key, "key")?, str_arg(value, "value")?)
    })
}

/// Runs a serialized `spark.connect.Relation`: fills `*out_stream` (caller-allocated) with the result stream and
/// `*out_schema_json` with Spark's schema JSON.
///
/// # Safety
/// `plan` points to `plan_len` readable bytes; `out_stream` is writable; the other out pointers are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sparkduck_session_execute(
    session: *mut SparkduckSession,
    plan: *const u8,
    plan_len: usize,
    out_stream: *mut FFI_ArrowArrayStream,
    out_schema_json: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> i32 {
    c_entry(out_error, || {
        out_arg(out_stream, "out_stream")?;
        let result = handles::lookup(session)?.execute(bytes_arg(plan, plan_len)?)?;
        set_out(out_schema_json, &schema_to_json(&result.schema));
        export_stream(result.reader, out_stream);
        Ok(())
    })
}

/// Runs DuckDB SQL directly (tests and benchmarks); the schema is derived from DuckDB's result types.
///
/// # Safety
/// As `sparkduck_session_execute`, with `sql` a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn sparkduck_session_execute_sql(
    session: *mut SparkduckSession,
    sql: *const c_char,
    out_stream: *mut FFI_ArrowArrayStream,
    out_schema_json: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> i32 {
    c_entry(out_error, || {
        out_arg(out_stream, "out_stream")?;
        let result = handles::lookup(session)?.execute_sql(str_arg(sql, "sql")?, vec![], None)?;
        set_out(out_schema_json, &schema_to_json(&result.schema));
        export_stream(result.reader, out_stream);
        Ok(())
    })
}

/// Spark's schema JSON of a serialized Relation, without running it.
///
/// # Safety
/// `plan` points to `plan_len` readable bytes; `out_schema_json` is writable; `out_error` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sparkduck_session_analyze(
    session: *mut SparkduckSession,
    plan: *const u8,
    plan_len: usize,
    out_schema_json: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> i32 {
    c_entry(out_error, || {
        out_arg(out_schema_json, "out_schema_json")?;
        let schema = handles::lookup(session)?.analyze(bytes_arg(plan, plan_len)?)?;
        set_out(out_schema_json, &schema_to_json(&schema));
        Ok(())
    })
}

/// The DuckDB SQL a serialized Relation translates to, without running it.
///
/// # Safety
/// `plan` points to `plan_len` readable bytes; `out_sql` is writable; `out_error` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sparkduck_session_explain(
    session: *mut SparkduckSession,
    plan: *const u8,
    plan_len: usize,
    out_sql: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> i32 {
    c_entry(out_error, || {
        out_arg(out_sql, "out_sql")?;
        let sql = handles::lookup(session)?.explain(bytes_arg(plan, plan_len)?)?;
        set_out(out_sql, &sql);
        Ok(())
    })
}

/// Frees a string returned by this library (NULL is ignored).
///
/// # Safety
/// `text` is NULL or a string returned by this library, not yet freed.
#[no_mangle]
pub unsafe extern "C" fn sparkduck_string_free(text: *mut c_char) {
    if !text.is_null() {
        drop(CString::from_raw(text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_an_entry_point_becomes_an_error_string() {
        let mut error: *mut c_char = ptr::null_mut();
        let code = unsafe { c_entry(&mut error, || panic!("kaboom")) };
        assert_eq!(code, -1);
        let text = unsafe { CStr::from_ptr(error) }
            .to_str()
            .unwrap()
            .to_string();
        unsafe { sparkduck_string_free(error) };
        assert_eq!(text, "[INTERNAL_ERROR] sparkduck native panic: kaboom");
    }
}
