package org.apache.spark.sql.duckdb.tests.sparkduckonly

import java.io.{ByteArrayOutputStream, PrintStream}
import java.nio.charset.StandardCharsets

import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

import org.apache.spark.sql.duckdb.tests.{ResultComparison, SalesReportOnSpark, SharedTestData, TestSessions}

/** The plain job, launched once with Spark's builder line and once with sparkduck's: byte-identical output. */
class SparkJobSuite {
  private def printedBy(main: Array[String] => Unit): String = {
    val bytes = new ByteArrayOutputStream()
    val out = new PrintStream(bytes, true, StandardCharsets.UTF_8)
    Console.withOut(out)(main(Array(SharedTestData.lineitemPath)))
    bytes.toString(StandardCharsets.UTF_8)
  }

  @Test def salesReportJobPrintsTheSameOnBothEngines(): Unit = {
    TestSessions.classic // the shared classic session exists first, as in every other suite
    val onSpark = printedBy(SalesReportOnSpark.main)
    assertTrue(onSpark.contains("total_revenue"), "the job printed its report on Spark classic")
    val onSparkduck = printedBy(SalesReportOnSparkduck.main)
    ResultComparison.outputDifference(onSpark, onSparkduck).foreach(d => throw new AssertionError(d))
  }
}
