package org.apache.spark.sql.duckdb.tests.functions

import org.apache.spark.sql.{DataFrame, SparkSession}
import org.apache.spark.sql.duckdb.tests.{DifferentialSuite, SharedTestData}

/** Shared inputs of the function suites, and switching `spark.sql.ansi.enabled` on both engines. */
abstract class FunctionSuiteBase extends DifferentialSuite {
  /** One column per common type, nulls, NaN, -0.0, infinities, unicode, DST timestamps (SharedTestData). */
  def types(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.typesPath)

  /** Strings with edge cases: empty, spaces, unicode (code points beyond the BMP), null. */
  def strings(spark: SparkSession): DataFrame = {
    import spark.implicits._
    Seq[(Int, String)]((0, "Spark SQL"), (1, ""), (2, null), (3, "  two  spaces  "), (4, "héllo wörld"),
      (5, "a😀b漢字"), (6, "abc,def,,ghi,"), (7, "MiXeD cAsE"), (8, "100%_done\\x"), (9, "tab\there\nnl"))
      .toDF("id", "s")
  }

  /** Numbers with edge cases. */
  def numbers(spark: SparkSession): DataFrame = {
    import spark.implicits._
    Seq[(Int, Integer, java.lang.Long, java.lang.Double)](
      (0, 7, 7L, 2.5), (1, -7, -7L, -2.5), (2, 0, 0L, 0.0), (3, null, null, null), (4, Int.MaxValue, Long.MaxValue, 1.005),
      (5, Int.MinValue, Long.MinValue, -0.0), (6, 125, 125L, Double.NaN), (7, -125, -125L, Double.PositiveInfinity),
      (8, 3, 3L, 0.285), (9, 1, 1L, 2.675), (10, 2, -2L, 1e300), (11, -1, 15L, -1e-10))
      .toDF("id", "i", "l", "d")
  }

  /** Dates and timestamps around DST changes in America/Los_Angeles, month ends and leap days. */
  def dates(spark: SparkSession): DataFrame = {
    import spark.implicits._
    Seq[(Int, java.sql.Date, java.sql.Timestamp)](
      (0, java.sql.Date.valueOf("2024-01-31"), java.sql.Timestamp.valueOf("2024-03-10 01:30:00")),
      (1, java.sql.Date.valueOf("2024-02-29"), java.sql.Timestamp.valueOf("2024-03-10 03:30:00")),
      (2, java.sql.Date.valueOf("2023-12-31"), java.sql.Timestamp.valueOf("2024-11-03 01:30:00")),
      (3, null, null),
      (4, java.sql.Date.valueOf("1969-12-31"), java.sql.Timestamp.valueOf("1969-12-31 23:59:59.5")),
      (5, java.sql.Date.valueOf("2000-03-01"), java.sql.Timestamp.valueOf("2000-01-01 00:00:00")),
      (6, java.sql.Date.valueOf("1900-01-01"), java.sql.Timestamp.valueOf("2024-12-30 12:34:56.789012")),
      (7, java.sql.Date.valueOf("2024-12-30"), java.sql.Timestamp.valueOf("2023-01-01 23:59:59.999999")))
      .toDF("id", "dt", "ts")
  }

  private val AnsiKey = "spark.sql.ansi.enabled"

  /** Runs `body` with `spark.sql.ansi.enabled` set on both engines, then restores it. */
  def withAnsi[T](enabled: Boolean)(body: => T): T = {
    val sessions = Seq(classic, candidate)
    val before = sessions.map(_.conf.getOption(AnsiKey))
    sessions.foreach(_.conf.set(AnsiKey, enabled.toString))
    try body
    finally sessions.zip(before).foreach {
      case (s, Some(v)) => s.conf.set(AnsiKey, v)
      case (s, None) => s.conf.unset(AnsiKey)
    }
  }
}
