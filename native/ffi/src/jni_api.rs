//! JNI entry points of `org.apache.spark.sql.duckdb.internal.NativeBridge` (see NativeBridge.java). Each one upgrades
//! the caller's env (`with_env` also catches panics), forwards to the engine, and resolves errors and panics into a
//! thrown `NativeException(errorClass, sqlState, message)`.

use crate::guard::{guarded, panic_message};
use crate::handles::{self, SparkduckSession};
use crate::stream_export::export_stream;
use arrow::ffi_stream::FFI_ArrowArrayStream;
use jni::errors::ErrorPolicy;
use jni::objects::{JByteArray, JClass, JObject, JString, JThrowable, JValue};
use jni::sys::{jboolean, jlong};
use jni::{jni_sig, jni_str, Env, EnvUnowned};
use sparkduck_engine::spark_types::schema_to_json;
use sparkduck_engine::{Session, SparkError};

/// What can go wrong in an entry point: an engine error, or a JNI call failing.
#[derive(Debug)]
pub enum BridgeError {
    Spark(SparkError),
    Jni(jni::errors::Error),
}

impl From<SparkError> for BridgeError {
    fn from(error: SparkError) -> Self {
        BridgeError::Spark(error)
    }
}

impl From<jni::errors::Error> for BridgeError {
    fn from(error: jni::errors::Error) -> Self {
        BridgeError::Jni(error)
    }
}

fn throw_native_exception(env: &mut Env<'_>, error: &SparkError) -> jni::errors::Result<()> {
    let class = env.new_string(&error.error_class)?;
    let state = match &error.sql_state {
        Some(state) => JObject::from(env.new_string(state)?),
        None => JObject::null(),
    };
    let message = env.new_string(&error.message)?;
    let exception = env.new_object(
        jni_str!("org/apache/spark/sql/duckdb/internal/NativeException"),
        jni_sig!("(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)V"),
        &[
            JValue::Object(&class),
            JValue::Object(&state),
            JValue::Object(&message),
        ],
    )?;
    let throwable = env.cast_local::<JThrowable>(exception)?;
    env.throw(throwable)
}

/// Throws `NativeException` for errors (unless a Java exception is already pending) and panics, and returns the
/// type's default (null / 0) to the JVM, which then sees the exception.
pub struct ThrowNativeException;

impl<T: Default> ErrorPolicy<T, BridgeError> for ThrowNativeException {
    type Captures<'unowned_env_local: 'native_method, 'native_method> = ();

    fn on_error<'unowned_env_local: 'native_method, 'native_method>(
        env: &mut Env<'unowned_env_local>,
        _captures: &mut Self::Captures<'unowned_env_local, 'native_method>,
        error: BridgeError,
    ) -> jni::errors::Result<T> {
        if env.exception_check() {
            return Ok(T::default());
        }
        let error = match error {
            BridgeError::Spark(error) => error,
            BridgeError::Jni(error) => SparkError::internal(format!("JNI call failed: {error}")),
        };
        let _ = throw_native_exception(env, &error);
        Ok(T::default())
    }

    fn on_panic<'unowned_env_local: 'native_method, 'native_method>(
        env: &mut Env<'unowned_env_local>,
        _captures: &mut Self::Captures<'unowned_env_local, 'native_method>,
        payload: Box<dyn std::any::Any + Send + 'static>,
    ) -> jni::errors::Result<T> {
        let error = SparkError::internal(format!(
            "sparkduck native panic: {}",
            panic_message(payload.as_ref())
        ));
        if !env.exception_check() {
            let _ = throw_native_exception(env, &error);
        }
        Ok(T::default())
    }
}

fn session_of(handle: jlong) -> Result<std::sync::Arc<Session>, SparkError> {
    handles::lookup(handle as usize as *const SparkduckSession)
}

fn java_string(env: &Env<'_>, text: &JString<'_>, what: &str) -> Result<String, BridgeError> {
    if text.is_null() {
        return Err(
            SparkError::new("SPARKDUCK_INVALID_ARGUMENT", format!("{what} is null")).into(),
        );
    }
    Ok(text.try_to_string(env)?)
}

fn plan_bytes(env: &Env<'_>, plan: &JByteArray<'_>) -> Result<Vec<u8>, BridgeError> {
    if plan.is_null() {
        return Err(SparkError::new("SPARKDUCK_INVALID_ARGUMENT", "plan is null").into());
    }
    Ok(env.convert_byte_array(plan)?)
}

#[no_mangle]
pub extern "system" fn Java_org_apache_spark_sql_duckdb_internal_NativeBridge_version<'caller>(
    mut unowned_env: EnvUnowned<'caller>,
    _class: JClass<'caller>,
) -> JString<'caller> {
    unowned_env
        .with_env(|env| -> Result<_, BridgeError> {
            Ok(env.new_string(sparkduck_engine::version())?)
        })
        .resolve::<ThrowNativeException>()
}

#[no_mangle]
pub extern "system" fn Java_org_apache_spark_sql_duckdb_internal_NativeBridge_openSession<
    'caller,
>(
    mut unowned_env: EnvUnowned<'caller>,
    _class: JClass<'caller>,
    config_json: JString<'caller>,
) -> jlong {
    unowned_env
        .with_env(|env| -> Result<_, BridgeError> {
            let json = if config_json.is_null() {
                String::new()
            } else {
                config_json.try_to_string(env)?
            };
            let session = guarded(|| Session::open_json(&json))?;
            // UDFs call back into the JVM; without the entry point class they fail when used, sessions still open.
            match crate::udf_bridge::JvmUdfCallback::new(env) {
                Ok(callback) => session.udfs().set_callback(std::sync::Arc::new(callback)),
                Err(_) => env.exception_clear(),
            }
            Ok(handles::register(session) as usize as jlong)
        })
        .resolve::<ThrowNativeException>()
}

#[no_mangle]
pub extern "system" fn Java_org_apache_spark_sql_duckdb_internal_NativeBridge_closeSession<
    'caller,
>(
    mut unowned_env: EnvUnowned<'caller>,
    _class: JClass<'caller>,
    session: jlong,
) {
    unowned_env
        .with_env(|_env| -> Result<_, BridgeError> {
            guarded(|| {
                handles::release(session as usize as *mut SparkduckSession);
                Ok(())
            })?;
            Ok(())
        })
        .resolve::<ThrowNativeException>()
}

#[no_mangle]
pub extern "system" fn Java_org_apache_spark_sql_duckdb_internal_NativeBridge_setOption<'caller>(
    mut unowned_env: EnvUnowned<'caller>,
    _class: JClass<'caller>,
    session: jlong,
    key: JString<'caller>,
    value: JString<'caller>,
) {
    unowned_env
        .with_env(|env| -> Result<_, BridgeError> {
            let key = java_string(env, &key, "key")?;
            let value = java_string(env, &value, "value")?;
            guarded(|| session_of(session)?.set_option(&key, &value))?;
            Ok(())
        })
        .resolve::<ThrowNativeException>()
}

#[no_mangle]
pub extern "system" fn Java_org_apache_spark_sql_duckdb_internal_NativeBridge_execute<'caller>(
    mut unowned_env: EnvUnowned<'caller>,
    _class: JClass<'caller>,
    session: jlong,
    plan: JByteArray<'caller>,
    stream_address: jlong,
) -> JString<'caller> {
    unowned_env
        .with_env(|env| -> Result<_, BridgeError> {
            if stream_address == 0 {
                return Err(
                    SparkError::new("SPARKDUCK_INVALID_ARGUMENT", "streamAddress is 0").into(),
                );
            }
            let plan = plan_bytes(env, &plan)?;
            let schema_json = guarded(|| {
                let result = session_of(session)?.execute(&plan)?;
                // SAFETY: the caller passes the address of an allocated ArrowArrayStream it owns.
                unsafe {
                    export_stream(
                        result.reader,
                        stream_address as usize as *mut FFI_ArrowArrayStream,
                    )
                };
                Ok(schema_to_json(&result.schema))
            })?;
            Ok(env.new_string(schema_json)?)
        })
        .resolve::<ThrowNativeException>()
}

/// Development only (benchmarks): runs DuckDB SQL text as it is, with no Spark analysis, through the same session
/// and library, and fills the stream like `execute`. Returns the schema DuckDB's result types map to.
#[no_mangle]
pub extern "system" fn Java_org_apache_spark_sql_duckdb_internal_NativeBridge_executeSql<'caller>(
    mut unowned_env: EnvUnowned<'caller>,
    _class: JClass<'caller>,
    session: jlong,
    sql: JString<'caller>,
    stream_address: jlong,
) -> JString<'caller> {
    unowned_env
        .with_env(|env| -> Result<_, BridgeError> {
            if stream_address == 0 {
                return Err(
                    SparkError::new("SPARKDUCK_INVALID_ARGUMENT", "streamAddress is 0").into(),
                );
            }
            let sql = java_string(env, &sql, "sql")?;
            let schema_json = guarded(|| {
                let result = session_of(session)?.execute_sql(&sql, Vec::new(), None)?;
                // SAFETY: the caller passes the address of an allocated ArrowArrayStream it owns.
                unsafe {
                    export_stream(
                        result.reader,
                        stream_address as usize as *mut FFI_ArrowArrayStream,
                    )
                };
                Ok(schema_to_json(&result.schema))
            })?;
            Ok(env.new_string(schema_json)?)
        })
        .resolve::<ThrowNativeException>()
}

#[no_mangle]
pub extern "system" fn Java_org_apache_spark_sql_duckdb_internal_NativeBridge_analyze<'caller>(
    mut unowned_env: EnvUnowned<'caller>,
    _class: JClass<'caller>,
    session: jlong,
    plan: JByteArray<'caller>,
) -> JString<'caller> {
    unowned_env
        .with_env(|env| -> Result<_, BridgeError> {
            let plan = plan_bytes(env, &plan)?;
            let schema = guarded(|| session_of(session)?.analyze(&plan))?;
            Ok(env.new_string(schema_to_json(&schema))?)
        })
        .resolve::<ThrowNativeException>()
}

#[no_mangle]
pub extern "system" fn Java_org_apache_spark_sql_duckdb_internal_NativeBridge_explain<'caller>(
    mut unowned_env: EnvUnowned<'caller>,
    _class: JClass<'caller>,
    session: jlong,
    plan: JByteArray<'caller>,
) -> JString<'caller> {
    unowned_env
        .with_env(|env| -> Result<_, BridgeError> {
            let plan = plan_bytes(env, &plan)?;
            let sql = guarded(|| session_of(session)?.explain(&plan))?;
            Ok(env.new_string(sql)?)
        })
        .resolve::<ThrowNativeException>()
}

#[no_mangle]
pub extern "system" fn Java_org_apache_spark_sql_duckdb_internal_NativeBridge_executeCommand<
    'caller,
>(
    mut unowned_env: EnvUnowned<'caller>,
    _class: JClass<'caller>,
    session: jlong,
    command: JByteArray<'caller>,
) {
    unowned_env
        .with_env(|env| -> Result<_, BridgeError> {
            let command = plan_bytes(env, &command)?;
            guarded(|| session_of(session)?.execute_command(&command))?;
            Ok(())
        })
        .resolve::<ThrowNativeException>()
}

/// Registers a UDF under a name for `call_function`/`callUDF` and SQL text: `udf` is a serialized
/// `spark.connect.CommonInlineUserDefinedFunction` (its arguments are ignored).
#[no_mangle]
pub extern "system" fn Java_org_apache_spark_sql_duckdb_internal_NativeBridge_registerFunction<
    'caller,
>(
    mut unowned_env: EnvUnowned<'caller>,
    _class: JClass<'caller>,
    session: jlong,
    name: JString<'caller>,
    udf: JByteArray<'caller>,
) {
    unowned_env
        .with_env(|env| -> Result<_, BridgeError> {
            let name = java_string(env, &name, "name")?;
            let udf = plan_bytes(env, &udf)?;
            guarded(|| session_of(session)?.register_function(&name, &udf))?;
            Ok(())
        })
        .resolve::<ThrowNativeException>()
}

/// `Dataset.persist`: materializes a serialized Relation for later plans that contain it (`cache.rs`).
#[no_mangle]
pub extern "system" fn Java_org_apache_spark_sql_duckdb_internal_NativeBridge_persist<'caller>(
    mut unowned_env: EnvUnowned<'caller>,
    _class: JClass<'caller>,
    session: jlong,
    plan: JByteArray<'caller>,
) {
    unowned_env
        .with_env(|env| -> Result<_, BridgeError> {
            let plan = plan_bytes(env, &plan)?;
            guarded(|| session_of(session)?.persist(&plan))?;
            Ok(())
        })
        .resolve::<ThrowNativeException>()
}

/// `Dataset.unpersist`: true when the Relation was persisted.
#[no_mangle]
pub extern "system" fn Java_org_apache_spark_sql_duckdb_internal_NativeBridge_unpersist<'caller>(
    mut unowned_env: EnvUnowned<'caller>,
    _class: JClass<'caller>,
    session: jlong,
    plan: JByteArray<'caller>,
) -> jboolean {
    unowned_env
        .with_env(|env| -> Result<_, BridgeError> {
            let plan = plan_bytes(env, &plan)?;
            let removed = guarded(|| session_of(session)?.unpersist(&plan))?;
            Ok(removed as jboolean)
        })
        .resolve::<ThrowNativeException>()
}

/// `spark.catalog.clearCache`: forgets every persisted Relation.
#[no_mangle]
pub extern "system" fn Java_org_apache_spark_sql_duckdb_internal_NativeBridge_clearCache<'caller>(
    mut unowned_env: EnvUnowned<'caller>,
    _class: JClass<'caller>,
    session: jlong,
) {
    unowned_env
        .with_env(|_env| -> Result<_, BridgeError> {
            guarded(|| session_of(session)?.clear_cache())?;
            Ok(())
        })
        .resolve::<ThrowNativeException>()
}
