package org.apache.spark.sql.duckdb.tests

import java.math.{BigDecimal => JBigDecimal}

import org.junit.jupiter.api.Assertions.{assertThrows, assertTrue}
import org.junit.jupiter.api.{Order, Test}

import org.apache.spark.sql.Row
import org.apache.spark.sql.types.{DecimalType, IntegerType, LongType, StructField, StructType}

/**
 * The harness must be able to fail: each comparison is shown a real difference and must report it, and the same
 * value twice and must accept it. The end-to-end cases use two Spark classic sessions, independent of sparkduck.
 */
@Order(0)
class HarnessSelfTestSuite extends DifferentialSuite {
  import ResultComparison._

  @Test def valueClassesMustMatch(): Unit = {
    assertTrue(sameValue(1, 1))
    assertTrue(!sameValue(1, 1L), "an Integer is not a Long")
    assertTrue(!sameValue(1.0f, 1.0), "a Float is not a Double")
  }

  @Test def doublesWithinStatedTolerance(): Unit = {
    assertTrue(sameValue(1.0, 1.0 + 1e-15))
    assertTrue(!sameValue(1.0, 1.0 + 1e-9))
    assertTrue(sameValue(Double.NaN, Double.NaN))
    assertTrue(!sameValue(Double.NaN, 1.0))
    assertTrue(!sameValue(0.0, -0.0), "zeros of different sign differ (show prints -0.0)")
    assertTrue(!sameValue(Double.PositiveInfinity, Double.MaxValue))
  }

  @Test def decimalsExactlyWithScale(): Unit = {
    assertTrue(sameValue(new JBigDecimal("1.50"), new JBigDecimal("1.50")))
    assertTrue(!sameValue(new JBigDecimal("1.50"), new JBigDecimal("1.5")))
  }

  @Test def rowsAndNestedValues(): Unit = {
    assertTrue(sameValue(Row(1, "a", Seq(1, 2)), Row(1, "a", Seq(1, 2))))
    assertTrue(!sameValue(Row(1, "a"), Row(1, "b")))
    assertTrue(!sameValue(Row(1, null), Row(1, "")))
    assertTrue(!sameValue(Row(Seq(1, 2)), Row(Seq(2, 1))))
    assertTrue(sameValue(Row(Map("k" -> 1.0)), Row(Map("k" -> 1.0))))
  }

  @Test def unorderedAndOrderedRowComparison(): Unit = {
    assertTrue(rowsDifference(Seq(Row(1), Row(2)), Seq(Row(2), Row(1)), ordered = false).isEmpty)
    assertTrue(rowsDifference(Seq(Row(1), Row(2)), Seq(Row(2), Row(1)), ordered = true).isDefined)
    assertTrue(rowsDifference(Seq(Row(1), Row(1)), Seq(Row(1)), ordered = false).isDefined, "multiset")
    assertTrue(rowsDifference(Seq(Row(1)), Seq(Row(1), Row(1)), ordered = true).isDefined)
  }

  @Test def schemaComparisonSeesNamesTypesNullability(): Unit = {
    val base = StructType(Seq(StructField("a", IntegerType, nullable = true)))
    assertTrue(schemaDifference(base, base).isEmpty)
    assertTrue(schemaDifference(base, StructType(Seq(StructField("A", IntegerType)))).isDefined)
    assertTrue(schemaDifference(base, StructType(Seq(StructField("a", LongType)))).isDefined)
    assertTrue(schemaDifference(base, StructType(Seq(StructField("a", IntegerType, nullable = false)))).isDefined)
    assertTrue(schemaDifference(StructType(Seq(StructField("d", DecimalType(12, 2)))),
      StructType(Seq(StructField("d", DecimalType(13, 2))))).isDefined)
  }

  @Test def printedOutputByteForByte(): Unit = {
    assertTrue(outputDifference("a\n", "a\n").isEmpty)
    assertTrue(outputDifference("a\n", "a \n").isDefined)
  }

  private lazy val otherClassic = classic.newSession()

  @Test def endToEndCheckSamePassesOnIdenticalEngines(): Unit =
    checkSameBetween(classic, otherClassic, "same body", ordered = false)(
      _.range(0, 20, 3).selectExpr("id", "id * 2 AS twice"))

  @Test def endToEndCheckSameFailsOnDifferentRows(): Unit = {
    val error = assertThrows(classOf[AssertionError], () =>
      checkSameBetween(classic, otherClassic, "different rows", ordered = false)(s =>
        if (s eq classic) s.range(3) else s.range(4)))
    assertTrue(error.getMessage.contains("only in candidate"), error.getMessage)
  }

  @Test def endToEndCheckSameFailsOnDifferentSchema(): Unit = {
    val error = assertThrows(classOf[AssertionError], () =>
      checkSameBetween(classic, otherClassic, "different schema", ordered = false)(s =>
        if (s eq classic) s.range(3).selectExpr("id") else s.range(3).selectExpr("CAST(id AS INT) AS id")))
    assertTrue(error.getMessage.contains("schemas differ"), error.getMessage)
  }

  @Test def endToEndSortedPlanIsComparedInOrder(): Unit = {
    val error = assertThrows(classOf[AssertionError], () =>
      checkSameBetween(classic, otherClassic, "order", ordered = false)(s =>
        if (s eq classic) s.range(5).orderBy("id") else s.range(5).orderBy(org.apache.spark.sql.functions.col("id").desc)))
    assertTrue(error.getMessage.contains("ordered rows differ"), error.getMessage)
  }
}
