package org.apache.spark.sql.duckdb.internal

import org.apache.spark.sql.classic

/** One Spark classic session per test JVM: the oracle the data path is compared against (~25 s to start). */
object ClassicSpark {
  val TimeZone = "America/Los_Angeles"

  lazy val session: classic.SparkSession = classic.SparkSession.builder()
    .master("local[1]")
    .appName("sparkduck-jvm-unit-tests")
    .config("spark.ui.enabled", "false")
    .config("spark.sql.shuffle.partitions", "1")
    .config("spark.sql.session.timeZone", TimeZone)
    .getOrCreate()
}
