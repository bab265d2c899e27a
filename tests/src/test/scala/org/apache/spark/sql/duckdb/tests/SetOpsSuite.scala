package org.apache.spark.sql.duckdb.tests

import java.math.{BigDecimal => JBigDecimal}
import java.sql.Date

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{DataFrame, Row, SparkSession}
import org.apache.spark.sql.functions._
import org.apache.spark.sql.types.StructType

/**
 * union/unionAll (by position: type widening, names from the left, nullability), unionByName (missing columns),
 * intersect(All) and except(All) with NULLs equal, NaN and -0.0, duplicates, and Spark's errors.
 */
class SetOpsSuite extends DifferentialSuite {
  private def table(spark: SparkSession, ddl: String, rows: Row*): DataFrame =
    spark.createDataFrame(java.util.Arrays.asList(rows: _*), StructType.fromDDL(ddl))

  /** Duplicates (1,a twice), a null row part, unicode. */
  private def a(spark: SparkSession): DataFrame = table(spark, "x int, s string",
    Row(1, "a"), Row(1, "a"), Row(2, "b"), Row(null, "n"), Row(null, null), Row(3, "é漢"), Row(3, "é漢"), Row(3, "é漢"))

  private def b(spark: SparkSession): DataFrame = table(spark, "y int, t string",
    Row(1, "a"), Row(null, null), Row(null, null), Row(3, "é漢"), Row(3, "é漢"), Row(4, "d"))

  private def types(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.typesPath)

  // ---- union by position ----

  @Test def unionKeepsDuplicates(): Unit = checkSame("union keeps duplicates, names from the left") { spark =>
    a(spark).union(b(spark))
  }

  @Test def unionAll(): Unit = checkSame("unionAll is union") { spark => a(spark).unionAll(b(spark)) }

  @Test def unionThenDistinct(): Unit = checkSame("union then distinct") { spark =>
    a(spark).union(b(spark)).distinct()
  }

  @Test def unionWithItself(): Unit = checkSame("df.union(df)") { spark =>
    val df = a(spark)
    df.union(df)
  }

  @Test def unionThree(): Unit = checkSame("a.union(b).union(a)") { spark =>
    a(spark).union(b(spark)).union(a(spark))
  }

  @Test def unionEmpty(): Unit = checkSame("union with an empty side") { spark =>
    a(spark).union(b(spark).limit(0)).union(a(spark).where(lit(false)))
  }

  @Test def unionIntLong(): Unit = checkSame("union int and long widens to long") { spark =>
    spark.range(3).select(col("id").cast("int").as("v")).union(spark.range(3000000000L, 3000000002L).toDF())
  }

  @Test def unionByteShort(): Unit = checkSame("union byte and short widens to short") { spark =>
    types(spark).select("by").union(types(spark).select("sh"))
  }

  @Test def unionIntDouble(): Unit = checkSame("union int and double widens to double") { spark =>
    types(spark).select("i").union(types(spark).select("d"))
  }

  @Test def unionLongFloat(): Unit = checkSame("union long and float widens to float") { spark =>
    types(spark).select("l").union(types(spark).select("f"))
  }

  @Test def unionIntDecimal(): Unit = checkSame("union int and decimal(12,2) widens to decimal(12,2)") { spark =>
    types(spark).select("i").union(types(spark).select("dec"))
  }

  @Test def unionLongDecimal(): Unit = checkSame("union long and decimal(12,2) widens to decimal(22,2)") { spark =>
    types(spark).select("l").union(types(spark).select("dec"))
  }

  @Test def unionDecimalScales(): Unit = checkSame("union decimal(5,1) and decimal(10,4)") { spark =>
    table(spark, "d decimal(5,1)", Row(new JBigDecimal("1234.5")), Row(null))
      .union(table(spark, "d decimal(10,4)", Row(new JBigDecimal("123456.7891"))))
  }

  @Test def unionDecimalDouble(): Unit = checkSame("union decimal and double widens to double") { spark =>
    types(spark).select("dec").union(types(spark).select("d"))
  }

  @Test def unionDateTimestamp(): Unit = checkSame("union date and timestamp widens to timestamp") { spark =>
    types(spark).select("dt").union(types(spark).select("ts"))
  }

  @Test def unionStringInt(): Unit = checkSame("union string and int widens to long (numeric strings)") { spark =>
    table(spark, "s string", Row("1"), Row(" 2 "), Row(null)).union(table(spark, "i int", Row(3)))
  }

  @Test def unionStringIntBadValue(): Unit = checkSameError("union string and int with a non-numeric string") { spark =>
    table(spark, "s string", Row("x")).union(table(spark, "i int", Row(3))).collect()
  }

  @Test def unionIntString(): Unit = checkSame("union int and string (int first)") { spark =>
    table(spark, "i int", Row(3), Row(null)).union(table(spark, "s string", Row("-4")))
  }

  @Test def unionStringDouble(): Unit = checkSame("union string and double widens to double") { spark =>
    table(spark, "s string", Row("1.5"), Row("NaN")).union(table(spark, "d double", Row(-0.0)))
  }

  @Test def unionNullLiteral(): Unit = checkSame("union with a null literal column") { spark =>
    a(spark).select(col("x"), lit(null).as("n")).union(b(spark).select(col("y"), col("t")))
  }

  @Test def unionNullability(): Unit = checkSame("union: nullable if either side is") { spark =>
    spark.range(2).select(col("id"), lit(1).as("one"))
      .union(spark.range(2).select(col("id"), lit(null).cast("int").as("one")))
  }

  @Test def unionNonNullableBoth(): Unit = checkSame("union of non-nullable columns stays non-nullable") { spark =>
    spark.range(2).toDF().union(spark.range(5, 7).toDF())
  }

  @Test def unionNamesFromLeft(): Unit = checkSame("union output names and case from the left") { spark =>
    a(spark).select(col("x").as("First"), col("s")).union(b(spark))
  }

  @Test def unionThenFilterAndReference(): Unit = checkSame("union then filter and select by left name") { spark =>
    val l = a(spark)
    l.union(b(spark)).where(col("x") > 1).select(l("s"))
  }

  @Test def unionThenAggregate(): Unit = checkSame("union then groupBy count") { spark =>
    a(spark).union(b(spark)).groupBy("x").count()
  }

  @Test def unionThenOrder(): Unit = checkSame("union then orderBy", ordered = true) { spark =>
    a(spark).union(b(spark)).orderBy(col("x").desc_nulls_first, col("s"))
  }

  @Test def unionTypesTable(): Unit = checkSame("types table union itself: every type") { spark =>
    types(spark).union(types(spark))
  }

  @Test def unionColumnCountMismatch(): Unit = checkSameError("union of 2 and 1 columns") { spark =>
    a(spark).union(b(spark).select("y")).collect()
  }

  @Test def unionIncompatibleTypes(): Unit = checkSameError("union of int and date") { spark =>
    types(spark).select("i").union(types(spark).select("dt")).collect()
  }

  @Test def unionIncompatibleBoolean(): Unit = checkSameError("union of boolean and int") { spark =>
    types(spark).select("b").union(types(spark).select("i")).collect()
  }

  @Test def unionNaNAndNegativeZeroKept(): Unit = checkSame("union keeps -0.0 and NaN as they are") { spark =>
    table(spark, "d double", Row(-0.0), Row(Double.NaN)).union(table(spark, "d double", Row(0.0), Row(Double.NaN)))
  }

  // ---- unionByName ----

  @Test def unionByNameReorders(): Unit = checkSame("unionByName matches by name") { spark =>
    a(spark).unionByName(b(spark).select(col("t").as("s"), col("y").as("x")))
  }

  @Test def unionByNameCaseInsensitive(): Unit = checkSame("unionByName is case-insensitive, left names") { spark =>
    a(spark).unionByName(b(spark).select(col("t").as("S"), col("y").as("X")))
  }

  @Test def unionByNameWidens(): Unit = checkSame("unionByName widens int and long") { spark =>
    a(spark).unionByName(b(spark).select(col("t").as("s"), col("y").cast("long").as("x")))
  }

  @Test def unionByNameMissingError(): Unit = checkSameError("unionByName with a column missing on the right") {
    spark => a(spark).unionByName(b(spark).select(col("y").as("x"), col("t").as("q"))).collect()
  }

  @Test def unionByNameExtraRightError(): Unit = checkSameError("unionByName with an extra right column") { spark =>
    a(spark).unionByName(b(spark).select(col("y").as("x"), col("t").as("s"), lit(1).as("z"))).collect()
  }

  @Test def unionByNameAllowMissing(): Unit = checkSame("unionByName allowMissingColumns fills NULLs") { spark =>
    a(spark).unionByName(b(spark).select(col("t").as("s"), col("y").as("z")), allowMissingColumns = true)
  }

  @Test def unionByNameAllowMissingDisjoint(): Unit = checkSame("unionByName allowMissing with no common column") {
    spark => a(spark).unionByName(b(spark), allowMissingColumns = true)
  }

  @Test def unionByNameAllowMissingRightSubset(): Unit = checkSame("unionByName allowMissing, right is a subset") {
    spark => a(spark).unionByName(b(spark).select(col("y").as("X")), allowMissingColumns = true)
  }

  @Test def unionByNameDuplicateError(): Unit = checkSameError("unionByName with duplicate names on the left") {
    spark => a(spark).select(col("x"), col("s"), col("x").as("X")).unionByName(b(spark)).collect()
  }

  // ---- intersect / except ----

  @Test def intersectDistinct(): Unit = checkSame("intersect: distinct, NULLs equal") { spark =>
    a(spark).intersect(b(spark))
  }

  @Test def intersectAll(): Unit = checkSame("intersectAll: min of counts") { spark =>
    a(spark).intersectAll(b(spark))
  }

  @Test def exceptDistinct(): Unit = checkSame("except: distinct, NULLs equal") { spark =>
    a(spark).except(b(spark))
  }

  @Test def exceptAll(): Unit = checkSame("exceptAll: multiset difference") { spark =>
    a(spark).exceptAll(b(spark))
  }

  @Test def exceptAllReversed(): Unit = checkSame("b.exceptAll(a)") { spark => b(spark).exceptAll(a(spark)) }

  @Test def intersectAllReversed(): Unit = checkSame("b.intersectAll(a)") { spark => b(spark).intersectAll(a(spark)) }

  @Test def subtract(): Unit = checkSame("b.except(a)") { spark => b(spark).except(a(spark)) }

  @Test def intersectWithEmpty(): Unit = checkSame("intersect with an empty side") { spark =>
    a(spark).intersect(b(spark).limit(0))
  }

  @Test def exceptEmpty(): Unit = checkSame("except an empty side deduplicates") { spark =>
    a(spark).except(b(spark).where(lit(false)))
  }

  @Test def exceptAllEmpty(): Unit = checkSame("exceptAll an empty side keeps duplicates") { spark =>
    a(spark).exceptAll(b(spark).where(lit(false)))
  }

  @Test def exceptSelf(): Unit = checkSame("df.except(df) is empty") { spark =>
    val df = a(spark)
    df.except(df)
  }

  @Test def intersectNaNAndNegativeZero(): Unit = checkSame("intersect: NaN = NaN, -0.0 = 0.0") { spark =>
    table(spark, "d double", Row(-0.0), Row(Double.NaN), Row(1.0), Row(null))
      .intersect(table(spark, "d double", Row(0.0), Row(Double.NaN), Row(null)))
  }

  @Test def exceptNaNAndNegativeZero(): Unit = checkSame("except: -0.0 removed by 0.0, NaN by NaN") { spark =>
    table(spark, "d double", Row(-0.0), Row(Double.NaN), Row(1.0), Row(null), Row(-0.0))
      .except(table(spark, "d double", Row(0.0), Row(Double.NaN)))
  }

  @Test def exceptKeepsNegativeZeroDistinct(): Unit = checkSame("except: -0.0 and 0.0 are one row") { spark =>
    table(spark, "d double", Row(-0.0), Row(0.0), Row(2.0)).except(table(spark, "d double", Row(2.0)))
  }

  @Test def exceptAllFloats(): Unit = checkSame("exceptAll with -0.0 and 0.0") { spark =>
    table(spark, "d double", Row(-0.0), Row(0.0), Row(0.0), Row(Double.NaN))
      .exceptAll(table(spark, "d double", Row(0.0)))
  }

  @Test def intersectWidening(): Unit = checkSame("intersect int with long") { spark =>
    a(spark).select("x").intersect(b(spark).select(col("y").cast("long")))
  }

  @Test def exceptWideningDecimal(): Unit = checkSame("except int with decimal") { spark =>
    a(spark).select("x").except(table(spark, "d decimal(4,1)", Row(new JBigDecimal("1.0")), Row(new JBigDecimal("2.5"))))
  }

  @Test def intersectNullability(): Unit = checkSame("intersect: nullable only if both sides are") { spark =>
    spark.range(5).toDF().intersect(spark.range(3).select(col("id") + lit(null).cast("long")))
      .union(spark.range(5).toDF().intersect(spark.range(3, 9).toDF()))
  }

  @Test def exceptNullability(): Unit = checkSame("except: nullability of the left") { spark =>
    spark.range(5).toDF().except(spark.range(3).select(col("id") + lit(null).cast("long")))
  }

  @Test def intersectColumnCountMismatch(): Unit = checkSameError("intersect of 2 and 1 columns") { spark =>
    a(spark).intersect(b(spark).select("y")).collect()
  }

  @Test def exceptColumnCountMismatch(): Unit = checkSameError("except of 1 and 2 columns") { spark =>
    a(spark).select("x").except(b(spark)).collect()
  }

  @Test def exceptIncompatibleTypes(): Unit = checkSameError("except of date and int") { spark =>
    types(spark).select("dt").except(types(spark).select("i")).collect()
  }

  @Test def intersectStrings(): Unit = checkSame("intersect strings: case and unicode exact") { spark =>
    table(spark, "s string", Row("a"), Row("A"), Row("é"), Row(""), Row(null))
      .intersect(table(spark, "s string", Row("a"), Row("e\u0301"), Row(""), Row(null)))
  }

  @Test def intersectDates(): Unit = checkSame("intersect dates") { spark =>
    table(spark, "d date", Row(Date.valueOf("2024-02-29")), Row(Date.valueOf("1900-01-01")))
      .intersect(table(spark, "d date", Row(Date.valueOf("2024-02-29"))))
  }

  @Test def setOpsCombined(): Unit = checkSame("(a union b) except (a intersect b)") { spark =>
    a(spark).union(b(spark)).except(a(spark).intersect(b(spark)))
  }

  @Test def exceptAllThenCount(): Unit = checkSameResult("a.exceptAll(b).count()") { spark =>
    a(spark).exceptAll(b(spark)).count()
  }
}
