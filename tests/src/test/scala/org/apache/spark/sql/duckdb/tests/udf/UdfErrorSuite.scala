package org.apache.spark.sql.duckdb.tests.udf

import scala.util.Try

import org.junit.jupiter.api.Test

import org.apache.spark.SparkThrowable
import org.apache.spark.sql.SparkSession
import org.apache.spark.sql.duckdb.tests.DifferentialSuite
import org.apache.spark.sql.functions._

/** A closure that throws fails the query as Spark's does: FAILED_EXECUTE_UDF carrying the original exception. */
class UdfErrorSuite extends DifferentialSuite {
  private val failing = udf((x: Long) => { if (x == 3) throw new IllegalStateException(s"bad row $x"); x })
  private val failingString = udf((s: String) => s.length) // NPE on null

  /** The FAILED_EXECUTE_UDF exception in a failure's cause chain. */
  private def udfFailure(e: Throwable): Throwable = causeChain(e).collectFirst {
    case t: SparkThrowable if t.getCondition == "FAILED_EXECUTE_UDF" => t.asInstanceOf[Throwable]
  }.getOrElse(throw new AssertionError(s"no FAILED_EXECUTE_UDF in ${describe(e)}", e))

  private def failureOf(session: SparkSession)(body: SparkSession => Any): Throwable = {
    SparkSession.setActiveSession(session)
    val outcome = Try(body(session) match {
      case ds: org.apache.spark.sql.Dataset[_] => ds.collect()
      case other => other
    })
    udfFailure(outcome.failed.getOrElse(throw new AssertionError("the query did not fail")))
  }

  /** Same condition, same message text, and the closure's own exception as the cause, on both engines. */
  private def checkSameUdfFailure(name: String)(body: SparkSession => Any): Unit = {
    val expected = failureOf(classic)(body)
    val actual = failureOf(candidate)(body)
    if (expected.getMessage != actual.getMessage)
      throw new AssertionError(s"[$name] messages differ\nSpark classic: ${expected.getMessage}\n" +
        s"candidate:     ${actual.getMessage}", actual)
    val (expectedCause, actualCause) = (expected.getCause, actual.getCause)
    // Spark classic's cause crossed a task boundary: a NullPointerException's computed message does not survive it.
    if (actualCause == null || expectedCause.getClass != actualCause.getClass ||
        (expectedCause.getMessage != null && expectedCause.getMessage != actualCause.getMessage))
      throw new AssertionError(s"[$name] causes differ\nSpark classic: $expectedCause\ncandidate:     $actualCause", actual)
    if (expected.getClass != actual.getClass)
      throw new AssertionError(s"[$name] exception types differ: ${expected.getClass} vs ${actual.getClass}")
  }

  @Test def throwingClosureCondition(): Unit = checkSameError("a throwing closure fails with FAILED_EXECUTE_UDF") {
    spark => spark.range(10).select(failing(col("id")))
  }

  @Test def throwingClosureMessage(): Unit = checkSameUdfFailure("message, cause and type of a failed UDF") {
    spark => spark.range(10).select(failing(col("id")))
  }

  @Test def namedClosureMessage(): Unit = checkSameUdfFailure("a named UDF's failure names it") {
    spark => spark.range(10).select(failing.withName("checker")(col("id")))
  }

  @Test def nullPointerInClosure(): Unit = checkSameUdfFailure("a NullPointerException in a String UDF") {
    spark => spark.range(3).select(failingString(when(col("id") === 1, lit(null).cast("string")).otherwise(lit("x"))))
  }

  @Test def failureInFilter(): Unit = checkSameError("a throwing UDF in a filter") { spark =>
    spark.range(10).where(failing(col("id")) > 0)
  }

  @Test def failureInAggregate(): Unit = checkSameError("a throwing UDF inside an aggregate") { spark =>
    spark.range(10).agg(sum(failing(col("id"))))
  }

  @Test def failureOnLargeInput(): Unit = checkSameError("a failure deep into a large input") { spark =>
    val failLate = udf((x: Long) => { if (x == 99999) throw new ArithmeticException("late"); x })
    spark.range(100000).select(sum(failLate(col("id"))))
  }

  @Test def sessionWorksAfterFailure(): Unit = checkSameResult("the session keeps working after a UDF failure") {
    spark =>
      val failed = Try(spark.range(10).select(failing(col("id"))).collect()).isFailure
      val plusOne = udf((x: Long) => x + 1)
      (failed, spark.range(5).select(plusOne(col("id"))).collect().toSeq)
  }

  @Test def failuresFromManyQueries(): Unit = checkSameResult("repeated failures leave nothing behind") { spark =>
    (1 to 5).map(_ => Try(spark.range(5000).select(failing(col("id"))).collect()).isFailure)
  }

  @Test def noFailureWhenFilteredOut(): Unit = checkSame("rows the failing input would need are filtered out") {
    spark => spark.range(10).where(col("id") =!= 3).select(failing(col("id")))
  }

  @Test def wrongArgumentType(): Unit = checkSameError("a UDF called with an argument it cannot take") { spark =>
    spark.range(3).select(failing(array(col("id"))))
  }

  @Test def wrongArgumentTypeMessage(): Unit = checkSameResult("the message of an argument it cannot take") { spark =>
    Try(spark.range(3).select(failing(array(col("id")))).collect()).failed.get.getMessage.linesIterator.take(3).toSeq
  }

  @Test def structArgumentToString(): Unit = checkSameError("a struct argument for a String parameter") { spark =>
    val identity = udf((s: String) => s)
    spark.range(3).select(identity(struct(col("id"))))
  }
}
