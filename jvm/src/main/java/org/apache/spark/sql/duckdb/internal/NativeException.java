package org.apache.spark.sql.duckdb.internal;

/** An error raised by the native core, carrying Spark's error class (constructed from JNI: keep the signature). */
public final class NativeException extends RuntimeException {
  private final String errorClass;
  private final String sqlState;

  public NativeException(String errorClass, String sqlState, String message) {
    super("[" + errorClass + "] " + message);
    this.errorClass = errorClass;
    this.sqlState = sqlState;
  }

  public String errorClass() { return errorClass; }

  /** May be null. */
  public String sqlState() { return sqlState; }
}
