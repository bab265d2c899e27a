package org.apache.spark.sql.duckdb.internal

object Errors {
  /** A NativeException (or a stream error string `[CLASS] message`) as the Spark exception type Spark throws. */
  def toSpark(e: Throwable): Throwable = e
}
