package org.apache.spark.sql.duckdb

/** Sessions for plan-building tests: building plans must never need the native library. */
object TestSessions {
  def planOnly(conf: Map[String, String] = Map.empty): SparkSession =
    new SparkSession(conf, _ => throw new IllegalStateException("plan-building tests never open a native session"))
}
