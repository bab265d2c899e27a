//! libsparkduck.so: the JNI entry points of `org.apache.spark.sql.duckdb.internal.NativeBridge` and a small C ABI
//! (`include/sparkduck.h`). Both are thin: every call is guarded against panics and forwards to sparkduck-engine.

pub mod c_api;
pub mod guard;
pub mod handles;
pub mod jni_api;
pub mod stream_export;
pub mod udf_bridge;

pub use handles::SparkduckSession;
