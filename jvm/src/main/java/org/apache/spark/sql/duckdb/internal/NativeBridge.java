package org.apache.spark.sql.duckdb.internal;

/**
 * The JNI entry points of the native library (crate native/ffi, library libsparkduck.so). Thin by design: every
 * call takes a session handle and plan bytes and returns strings or fills an Arrow C stream; all logic is native.
 *
 * <p>Errors are thrown as {@link NativeException} (error class, SQLSTATE, message). Errors raised while a result
 * stream is read surface through Arrow's stream error string, formatted {@code [ERROR_CLASS] message}.
 */
public final class NativeBridge {
  private NativeBridge() {}

  /** Native library and DuckDB versions, e.g. "sparkduck 0.1.0, DuckDB v1.5.5". */
  public static native String version();

  /**
   * Opens a native session. {@code configJson}: {"threads":2,"memory_limit":"4GB","temp_directory":"/tmp/x",
   * "time_zone":"UTC","ansi":true,"case_sensitive":false,"extension_dir":"/path"} (every key optional).
   */
  public static native long openSession(String configJson);

  /** Releases the session; running streams keep what they need alive until they are released. */
  public static native void closeSession(long session);

  /** Changes a session setting for later calls: spark.sql.ansi.enabled, spark.sql.caseSensitive,
   *  spark.sql.session.timeZone. Unknown keys are ignored by the native side. */
  public static native void setOption(long session, String key, String value);

  /**
   * Runs a serialized {@code spark.connect.Relation}; fills the {@code ArrowArrayStream} at
   * {@code streamAddress} (allocated by the caller, e.g. Arrow Java's {@code ArrowArrayStream.allocateNew})
   * and returns Spark's output schema as Spark JSON ({@code DataType.fromJson}).
   */
  public static native String execute(long session, byte[] plan, long streamAddress);

  /**
   * Development only (the TPC-H benchmark's native DuckDB baseline): runs DuckDB SQL text as it is, without Spark
   * analysis, and fills the stream like {@link #execute}. Not reachable from the Spark API.
   */
  public static native String executeSql(long session, String sql, long streamAddress);

  /**
   * Runs a serialized {@code spark.connect.Command} to completion (supported: {@code write_operation} to file
   * sources). Returns nothing; failures are thrown as {@link NativeException}.
   */
  public static native void executeCommand(long session, byte[] command);

  /**
   * Registers a UDF under {@code name} for calls by name ({@code call_function}, {@code callUDF}, SQL text):
   * {@code udf} is a serialized {@code spark.connect.CommonInlineUserDefinedFunction} without arguments.
   */
  public static native void registerFunction(long session, String name, byte[] udf);

  /** Spark's output schema (Spark JSON) of a serialized Relation, without running it. */
  public static native String analyze(long session, byte[] plan);

  /** The DuckDB SQL a serialized Relation translates to, without running it. */
  public static native String explain(long session, byte[] plan);

  /** Materializes a serialized Relation; later plans containing it read the result ({@code Dataset.persist}). */
  public static native void persist(long session, byte[] plan);

  /** Forgets a persisted Relation; true when it was persisted ({@code Dataset.unpersist}). */
  public static native boolean unpersist(long session, byte[] plan);

  /** Forgets every persisted Relation ({@code spark.catalog.clearCache}). */
  public static native void clearCache(long session);
}
