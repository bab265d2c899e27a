//! The engine's `UdfCallback` implemented with JNI: one call of the static
//! `org.apache.spark.sql.duckdb.internal.UdfCallbacks.invoke(udfId, argsArray, argsSchema, outArray, outSchema)`
//! per DuckDB chunk, the data crossing as Arrow C data interface structs (no copy, no per-row call). DuckDB's worker
//! threads are attached to the JVM once, as daemon threads (an attached non-daemon thread would keep the JVM from
//! exiting), and detached when they end.

use arrow::array::{make_array, Array, ArrayRef, StructArray};
use arrow::ffi::{from_ffi, FFI_ArrowArray, FFI_ArrowSchema};
use jni::objects::{JClass, JString, JValue};
use jni::refs::Global;
use jni::{jni_sig, jni_str, sys, Env, JavaVM};
use sparkduck_engine::udf::UdfCallback;
use sparkduck_engine::SparkError;
use std::cell::RefCell;

pub struct JvmUdfCallback {
    vm: JavaVM,
    callbacks_class: Global<JClass<'static>>,
}

impl JvmUdfCallback {
    /// Resolves the JVM entry point on a JVM thread (a native method's), whose class loader sees sparkduck's classes;
    /// DuckDB's threads could not find them with `FindClass`.
    pub fn new(env: &mut Env<'_>) -> jni::errors::Result<JvmUdfCallback> {
        let class = env.find_class(jni_str!("org/apache/spark/sql/duckdb/internal/UdfCallbacks"))?;
        let callbacks_class = env.new_global_ref(class)?;
        Ok(JvmUdfCallback { vm: env.get_java_vm()?, callbacks_class })
    }
}

/// Detaches a thread this module attached, when the thread ends.
struct DaemonAttachment {
    vm: *mut sys::JavaVM,
}

impl Drop for DaemonAttachment {
    fn drop(&mut self) {
        // SAFETY: the thread was attached by `attach_as_daemon` through this VM and is ending.
        unsafe {
            ((**self.vm).v1_1.DetachCurrentThread)(self.vm);
        }
    }
}

thread_local! {
    static ATTACHMENT: RefCell<Option<DaemonAttachment>> = const { RefCell::new(None) };
}

/// Attaches the current thread as a daemon thread unless it is attached already (JVM threads, or earlier calls).
fn attach_as_daemon(vm: &JavaVM) -> Result<(), SparkError> {
    let raw = vm.get_raw();
    let mut env: *mut std::ffi::c_void = std::ptr::null_mut();
    // SAFETY: `raw` is the live JavaVM the library was loaded into; GetEnv and AttachCurrentThreadAsDaemon may be
    // called from any thread.
    unsafe {
        let state = ((**raw).v1_2.GetEnv)(raw, &mut env, sys::JNI_VERSION_1_8);
        if state == sys::JNI_OK {
            return Ok(());
        }
        if state != sys::JNI_EDETACHED {
            return Err(SparkError::internal(format!("JNI GetEnv failed ({state})")));
        }
        let state = ((**raw).v1_4.AttachCurrentThreadAsDaemon)(raw, &mut env, std::ptr::null_mut());
        if state != sys::JNI_OK {
            return Err(SparkError::internal(format!("could not attach a DuckDB thread to the JVM ({state})")));
        }
    }
    ATTACHMENT.with(|a| *a.borrow_mut() = Some(DaemonAttachment { vm: raw }));
    Ok(())
}

impl UdfCallback for JvmUdfCallback {
    fn invoke(&self, udf_id: i64, args: &StructArray) -> Result<ArrayRef, SparkError> {
        attach_as_daemon(&self.vm)?;
        let mut args_array = FFI_ArrowArray::new(&args.to_data());
        let mut args_schema = FFI_ArrowSchema::try_from(args.data_type())
            .map_err(|e| SparkError::internal(format!("UDF arguments' Arrow schema: {e}")))?;
        let mut out_array = FFI_ArrowArray::empty();
        let mut out_schema = FFI_ArrowSchema::empty();
        let address = |p: *mut std::ffi::c_void| JValue::Long(p as usize as i64);
        let error: Option<String> = self
            .vm
            .attach_current_thread(|env| -> jni::errors::Result<Option<String>> {
                let result = env.call_static_method(
                    &self.callbacks_class,
                    jni_str!("invoke"),
                    jni_sig!("(JJJJJ)Ljava/lang/String;"),
                    &[
                        JValue::Long(udf_id),
                        address((&mut args_array as *mut FFI_ArrowArray).cast()),
                        address((&mut args_schema as *mut FFI_ArrowSchema).cast()),
                        address((&mut out_array as *mut FFI_ArrowArray).cast()),
                        address((&mut out_schema as *mut FFI_ArrowSchema).cast()),
                    ],
                );
                let value = match result {
                    Ok(value) => value.l()?,
                    Err(jni::errors::Error::JavaException) => {
                        // The entry point catches everything; whatever escaped it (e.g. a StackOverflowError) is
                        // reported, never left pending on a DuckDB thread.
                        env.exception_clear();
                        return Ok(Some("[INTERNAL_ERROR] the JVM UDF entry point threw".to_string()));
                    }
                    Err(e) => return Err(e),
                };
                if value.is_null() {
                    return Ok(None);
                }
                let text = env.cast_local::<JString>(value)?;
                Ok(Some(text.try_to_string(env)?))
            })
            .map_err(|e| SparkError::internal(format!("JNI call of the UDF entry point failed: {e}")))?;
        if let Some(message) = error {
            return Err(parse_error(&message));
        }
        // SAFETY: on success the JVM exported one array and its schema into the structs it was given.
        let data = unsafe { from_ffi(out_array, &out_schema) }
            .map_err(|e| SparkError::internal(format!("UDF result is not a valid Arrow array: {e}")))?;
        Ok(make_array(data))
    }
}

/// `[CLASS] message[ SQLSTATE: xxxxx]` from the JVM entry point.
fn parse_error(text: &str) -> SparkError {
    let parsed = text.strip_prefix('[').and_then(|rest| {
        let end = rest.find(']')?;
        Some((&rest[..end], rest[end + 1..].trim_start()))
    });
    match parsed {
        Some((class, message)) if !class.is_empty() => {
            let (message, state) = match message.rfind(" SQLSTATE: ") {
                Some(pos) => (&message[..pos], Some(message[pos + " SQLSTATE: ".len()..].to_string())),
                None => (message, None),
            };
            let mut error = SparkError::new(class, message);
            error.sql_state = state;
            error
        }
        _ => SparkError::internal(text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jvm_errors_keep_class_message_and_state() {
        let e = parse_error("[FAILED_EXECUTE_UDF] User defined function failed due to: boom. SQLSTATE: 39000");
        assert_eq!(e.error_class, "FAILED_EXECUTE_UDF");
        assert_eq!(e.message, "User defined function failed due to: boom.");
        assert_eq!(e.sql_state.as_deref(), Some("39000"));
        let e = parse_error("no class");
        assert_eq!(e.error_class, "INTERNAL_ERROR");
    }
}
