package org.apache.spark.sql.duckdb.tests

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{DataFrame, Row, SparkSession}
import org.apache.spark.sql.functions._
import org.apache.spark.sql.types.StructType

/**
 * DataFrame sub-queries (Spark 4's `Dataset.scalar()`, `Dataset.exists()`, `Column.isin(Dataset)`): values, names,
 * types and nullability, empty sub-queries, NULLs on either side of IN / NOT IN (Spark's IN is two-valued, its NOT
 * IN null-aware), multi-column IN, sub-queries in projections, filters, aggregations and sorts, and Spark's errors.
 */
class SubquerySuite extends DifferentialSuite {
  private def table(spark: SparkSession, ddl: String, rows: Row*): DataFrame =
    spark.createDataFrame(java.util.Arrays.asList(rows: _*), StructType.fromDDL(ddl))

  /** v: 0, 1, 2, NULL, 5 (with duplicates in w). */
  private def outer(spark: SparkSession): DataFrame = table(spark, "v int, w string",
    Row(0, "a"), Row(1, "b"), Row(2, "b"), Row(null, "c"), Row(5, "é漢"))

  /** x: 1, NULL, 3. */
  private def withNull(spark: SparkSession): DataFrame = table(spark, "x int", Row(1), Row(null), Row(3))

  /** x: 1, 3 (no NULL). */
  private def noNull(spark: SparkSession): DataFrame = table(spark, "x int", Row(1), Row(3))

  private def empty(spark: SparkSession): DataFrame = noNull(spark).where(lit(false))

  private def types(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.typesPath)

  // ---- scalar ----

  @Test def scalarInProjection(): Unit = checkSame("scalar sub-query in a projection: named scalarsubquery(), nullable") {
    spark => outer(spark).select(col("v"), noNull(spark).select(max("x")).scalar())
  }

  @Test def scalarInArithmetic(): Unit = checkSame("v + scalar sub-query") {
    spark => outer(spark).select(col("v") + noNull(spark).select(min("x")).scalar())
  }

  @Test def scalarAliased(): Unit = checkSame("scalar sub-query aliased") {
    spark => outer(spark).select(noNull(spark).select(sum("x")).scalar().as("total"))
  }

  @Test def scalarOfEmptyIsNull(): Unit = checkSame("scalar sub-query of no rows is NULL") {
    spark => outer(spark).select(col("v"), empty(spark).select(col("x")).scalar())
  }

  @Test def scalarOfEmptyAggregate(): Unit = checkSame("scalar sub-query: max of no rows is NULL, count is 0") {
    spark => outer(spark).select(empty(spark).select(max("x")).scalar(), empty(spark).select(count("*")).scalar())
  }

  @Test def scalarOfNullValue(): Unit = checkSame("scalar sub-query whose value is NULL") {
    spark => outer(spark).select(withNull(spark).where(col("x").isNull).scalar())
  }

  @Test def scalarString(): Unit = checkSame("scalar sub-query of a string") {
    spark => outer(spark).select(col("w"), outer(spark).select(max("w")).scalar())
  }

  @Test def scalarDecimal(): Unit = checkSame("scalar sub-query of a decimal sum: Spark's decimal type") {
    spark => types(spark).select(col("id"), types(spark).select(sum("dec")).scalar())
  }

  @Test def scalarTimestamp(): Unit = checkSame("scalar sub-query of a timestamp") {
    spark => types(spark).select(col("id"), types(spark).select(max("ts")).scalar())
  }

  @Test def scalarInFilter(): Unit = checkSame("filter on a column above the average (scalar sub-query)") {
    spark => types(spark).where(col("i") > types(spark).select(avg("i")).scalar()).select("id", "i")
  }

  @Test def scalarInFilterEmpty(): Unit = checkSame("filter against a NULL scalar sub-query keeps nothing") {
    spark => outer(spark).where(col("v") > empty(spark).select(max("x")).scalar())
  }

  @Test def scalarInWithColumn(): Unit = checkSame("withColumn of a scalar sub-query") {
    spark => outer(spark).withColumn("m", noNull(spark).select(max("x")).scalar())
  }

  @Test def scalarInAggregation(): Unit = checkSame("sum(v) + scalar sub-query per group") {
    spark => outer(spark).groupBy("w").agg(sum("v") + noNull(spark).select(max("x")).scalar())
  }

  @Test def scalarInsideAggregate(): Unit = checkSame("sum(v * scalar sub-query)") {
    spark => outer(spark).agg(sum(col("v") * noNull(spark).select(max("x")).scalar()))
  }

  @Test def scalarInSort(): Unit = checkSame("sort by v - scalar sub-query") {
    spark => outer(spark).orderBy((col("v") - noNull(spark).select(max("x")).scalar()).desc_nulls_first)
  }

  @Test def twoScalars(): Unit = checkSame("two different scalar sub-queries in one projection") {
    spark => outer(spark).select(noNull(spark).select(min("x")).scalar(), noNull(spark).select(max("x")).scalar())
  }

  @Test def sameScalarTwice(): Unit = checkSame("the same scalar sub-query twice") {
    spark =>
      val s = noNull(spark).select(max("x")).scalar()
      outer(spark).select(s.as("a"), (s + 1).as("b"))
  }

  @Test def scalarOverSameDataFrame(): Unit = checkSame("a scalar sub-query over the outer DataFrame itself") {
    spark =>
      val t = outer(spark)
      t.select(col("v"), t.select(max("v")).scalar())
  }

  @Test def nestedScalar(): Unit = checkSame("a scalar sub-query whose plan has a scalar sub-query") {
    spark =>
      val inner = noNull(spark).select(min("x")).scalar()
      outer(spark).select(col("v"), outer(spark).where(col("v") > inner).select(count("*")).scalar())
  }

  @Test def scalarOnRange(): Unit = checkSame("scalar sub-query over range") {
    spark => spark.range(5).select(col("id"), spark.range(3).select(max("id")).scalar())
  }

  @Test def scalarAboveFilter(): Unit = checkSame("a filter above a projection with a scalar sub-query") {
    spark => outer(spark).select(col("v"), noNull(spark).select(max("x")).scalar().as("m")).where(col("v") < col("m"))
  }

  @Test def scalarTooManyRows(): Unit = checkSameError("scalar sub-query with two rows: SCALAR_SUBQUERY_TOO_MANY_ROWS") {
    spark => outer(spark).select(noNull(spark).scalar())
  }

  @Test def scalarTwoColumns(): Unit = checkSameError("scalar sub-query with two columns") {
    spark => outer(spark).select(noNull(spark).select(col("x"), col("x")).scalar())
  }

  @Test def scalarShow(): Unit = checkSameShow("show() of a scalar sub-query column") {
    spark => outer(spark).select(col("v"), noNull(spark).select(max("x")).scalar()).orderBy("v").show()
  }

  // ---- EXISTS ----

  @Test def existsInProjection(): Unit = checkSame("exists() in a projection: named exists(), not nullable") {
    spark => outer(spark).select(col("v"), noNull(spark).exists())
  }

  @Test def existsOfEmpty(): Unit = checkSame("exists() of no rows is false") {
    spark => outer(spark).select(col("v"), empty(spark).exists())
  }

  @Test def notExists(): Unit = checkSame("NOT exists()") {
    spark => outer(spark).select(not(empty(spark).exists()), !noNull(spark).exists())
  }

  @Test def existsInFilter(): Unit = checkSame("filter on exists() of a non-empty sub-query keeps all") {
    spark => outer(spark).where(noNull(spark).where(col("x") > 2).exists())
  }

  @Test def existsInFilterEmpty(): Unit = checkSame("filter on exists() of an empty sub-query keeps nothing") {
    spark => outer(spark).where(noNull(spark).where(col("x") > 10).exists())
  }

  @Test def existsCombined(): Unit = checkSame("exists() OR a predicate") {
    spark => outer(spark).where(empty(spark).exists() || col("v") > 1)
  }

  // ---- IN / NOT IN ----

  @Test def isinProjection(): Unit = checkSame("v IN (sub-query): named (v IN (listquery()))") {
    spark => outer(spark).select(col("v"), col("v").isin(noNull(spark)))
  }

  @Test def isinWithNullInSubquery(): Unit = checkSame("IN a sub-query holding NULL: false, not NULL, when absent") {
    spark => outer(spark).select(col("v"), col("v").isin(withNull(spark)))
  }

  @Test def notIsinWithNullInSubquery(): Unit = checkSame("NOT IN a sub-query holding NULL: false for every row") {
    spark => outer(spark).select(col("v"), not(col("v").isin(withNull(spark))))
  }

  @Test def notIsinWithoutNull(): Unit = checkSame("NOT IN a sub-query without NULL: NULL value gives false") {
    spark => outer(spark).select(col("v"), !col("v").isin(noNull(spark)))
  }

  @Test def isinEmpty(): Unit = checkSame("IN / NOT IN an empty sub-query: false / true, also for NULL") {
    spark => outer(spark).select(col("v"), col("v").isin(empty(spark)).as("in"), (!col("v").isin(empty(spark))).as("notIn"))
  }

  @Test def isinFilter(): Unit = checkSame("filter v IN (sub-query)") {
    spark => outer(spark).where(col("v").isin(withNull(spark)))
  }

  @Test def notIsinFilterWithNull(): Unit = checkSame("filter v NOT IN (sub-query with NULL) keeps nothing") {
    spark => outer(spark).where(!col("v").isin(withNull(spark)))
  }

  @Test def notIsinFilterWithoutNull(): Unit = checkSame("filter v NOT IN (sub-query without NULL) drops NULL v") {
    spark => outer(spark).where(!col("v").isin(noNull(spark)))
  }

  @Test def notPushedThroughOr(): Unit = checkSame("NOT (v > 4 OR v IN sub-query): NOT reaches the IN null-aware") {
    spark => outer(spark).select(col("v"), not(col("v") > 4 || col("v").isin(withNull(spark))).as("n"))
  }

  @Test def notPushedThroughAnd(): Unit = checkSame("NOT (v < 2 AND v IN sub-query)") {
    spark => outer(spark).select(col("v"), not(col("v") < 2 && col("v").isin(withNull(spark))).as("n"))
  }

  @Test def isinIsNull(): Unit = checkSame("(v IN sub-query) IS NULL is false: IN is two-valued") {
    spark => outer(spark).select(col("v"), col("v").isin(withNull(spark)).isNull)
  }

  @Test def isinCoercesIntToLong(): Unit = checkSame("int IN (bigint sub-query)") {
    spark => outer(spark).select(col("v"), col("v").isin(spark.range(2)))
  }

  @Test def isinLongToDecimal(): Unit = checkSame("decimal IN (int sub-query)") {
    spark => types(spark).select(col("id"), col("dec").isin(noNull(spark)))
  }

  @Test def isinDoubles(): Unit = checkSame("double IN (double sub-query): NaN matches NaN, -0.0 matches 0.0") {
    spark => types(spark).select(col("id"), col("d").isin(types(spark).where(col("id") === 3 || col("id") === 5).select("d")))
  }

  @Test def isinStrings(): Unit = checkSame("string IN (string sub-query) with unicode") {
    spark => outer(spark).select(col("w"), col("w").isin(outer(spark).where(col("v") > 1).select("w")))
  }

  @Test def isinDates(): Unit = checkSame("date IN (date sub-query)") {
    spark => types(spark).select(col("id"), col("dt").isin(types(spark).where(col("id") === 0).select("dt")))
  }

  @Test def isinStringAgainstLong(): Unit = checkSameError("string IN (bigint sub-query): the string is cast and fails") {
    spark => outer(spark).select(col("w").isin(spark.range(2)))
  }

  @Test def multiColumnIsin(): Unit = checkSame("struct(v, w) IN two-column sub-query") {
    spark => outer(spark).select(col("v"), struct(col("v"), col("w")).isin(outer(spark).where(col("v") =!= 1).select("v", "w")))
  }

  @Test def multiColumnNotIsinWithNull(): Unit = checkSame("struct(v, w) NOT IN a sub-query with a NULL field") {
    spark => outer(spark).select(col("v"), not(struct(col("v"), col("w")).isin(outer(spark).select(lit(1), col("w")))))
  }

  @Test def multiColumnFilter(): Unit = checkSame("filter struct(v, w) IN sub-query") {
    spark => outer(spark).where(struct(col("v"), col("w")).isin(outer(spark).where(col("v") > 0).select("v", "w")))
  }

  @Test def isinLengthMismatch(): Unit = checkSameError("v IN a two-column sub-query") {
    spark => outer(spark).select(col("v").isin(noNull(spark).select(col("x"), col("x"))))
  }

  @Test def isinInsideAggregate(): Unit = checkSame("count(when(v IN sub-query, 1))") {
    spark => outer(spark).agg(count(when(col("v").isin(noNull(spark)), 1)))
  }

  @Test def aggregateIsin(): Unit = checkSame("max(v) IN sub-query") {
    spark => outer(spark).agg(max("v").isin(spark.range(10).select(col("id").cast("int"))))
  }

  @Test def isinGroupingKey(): Unit = checkSame("group by v IN sub-query") {
    spark => outer(spark).groupBy(col("v").isin(noNull(spark)).as("k")).count()
  }

  @Test def isinInWhen(): Unit = checkSame("when(v IN sub-query, ...)") {
    spark => outer(spark).select(col("v"), when(col("v").isin(withNull(spark)), "in").otherwise("out"))
  }

  @Test def subqueriesTogether(): Unit = checkSame("scalar, exists and IN sub-queries in one projection") {
    spark =>
      outer(spark).select(col("v"), noNull(spark).select(max("x")).scalar(), noNull(spark).exists(),
        col("v").isin(noNull(spark)))
  }

  @Test def joinAboveSubquery(): Unit = checkSame("a join of a DataFrame holding a sub-query column") {
    spark =>
      val l = outer(spark).select(col("v"), noNull(spark).select(max("x")).scalar().as("m"))
      val r = noNull(spark)
      l.join(r, l("m") === r("x"))
  }
}
