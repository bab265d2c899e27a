package org.apache.spark.sql.duckdb.tests

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{DataFrame, Row, SparkSession}
import org.apache.spark.sql.functions._
import org.apache.spark.sql.types._

/**
 * `describe`, `summary` and `df.stat` (cov, corr, crosstab): statistics as Spark computes and formats them. The last
 * digits of a standard deviation depend on the order values are summed in (in Spark too, between partitionings), so
 * the `stddev` row is compared as doubles (ResultComparison's tolerance) and every other row as text.
 */
class StatSuite extends DifferentialSuite {
  private def checkStatistics(name: String)(body: SparkSession => DataFrame): Unit = {
    checkSame(s"$name (text rows)", ordered = true)(spark => body(spark).where(col("summary") =!= "stddev"))
    checkSame(s"$name (stddev as double)") { spark =>
      val stats = body(spark)
      stats.where(col("summary") === "stddev")
        .select(stats.columns.filter(_ != "summary").map(c => col(s"`$c`").cast("double").as(c)).toSeq: _*)
    }
  }

  private def types(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.typesPath)
  private def lineitem(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.lineitemPath)

  private def pairs(spark: SparkSession): DataFrame = spark.createDataFrame(
    java.util.Arrays.asList(Row(1, 2.0, "a", "x"), Row(2, 4.5, "b", "y"), Row(3, null, "a", "x"),
      Row(null, 1.0, null, "y"), Row(5, -3.25, "a`b", null), Row(6, 7.0, "b", "x")),
    StructType(Seq(StructField("i", IntegerType), StructField("d", DoubleType), StructField("s", StringType),
      StructField("t", StringType))))

  // ---- describe ----

  @Test def describeAll(): Unit = checkStatistics("describe() of every numeric and string column") {
    spark => types(spark).describe()
  }
  @Test def describeColumns(): Unit = checkStatistics("describe(cols) of chosen columns") { spark =>
    types(spark).describe("i", "d", "s")
  }
  @Test def describeDecimal(): Unit = checkStatistics("describe of a decimal column") { spark =>
    lineitem(spark).describe("l_quantity", "l_extendedprice")
  }
  @Test def describeStringNumbers(): Unit = checkStatistics("describe of strings holding numbers") {
    spark => spark.range(5).select(col("id").cast("string").as("n"), lit("x").as("x")).describe()
  }
  @Test def describeEmpty(): Unit = checkStatistics("describe of no rows") { spark =>
    types(spark).where(col("id") < 0).describe("i", "s", "dec")
  }
  @Test def describeNoNumericColumns(): Unit = checkSame("describe of date columns only", ordered = true) { spark =>
    types(spark).select("dt", "ts").describe()
  }
  @Test def describeNaN(): Unit = checkStatistics("describe of floats with NaN and infinities") { spark =>
    types(spark).select("f", "d").describe()
  }
  @Test def describeUnknownColumn(): Unit = checkSameError("describe of an unknown column") { spark =>
    types(spark).describe("nope")
  }

  // ---- summary ----

  @Test def summaryChosen(): Unit = checkStatistics("summary(count, min, max)") { spark =>
    pairs(spark).summary("count", "min", "max")
  }
  @Test def summaryCountDistinct(): Unit = checkStatistics("summary(count_distinct, mean, stddev)") {
    spark => pairs(spark).summary("count_distinct", "mean", "stddev")
  }
  @Test def summaryCaseInsensitive(): Unit = checkStatistics("summary statistics in any case") { spark =>
    lineitem(spark).select("l_quantity", "l_returnflag").summary("COUNT", "Max")
  }
  @Test def summaryDefaultPercentiles(): Unit = checkUnsupported("summary() with percentiles", "percentile") {
    spark => pairs(spark).summary()
  }
  @Test def summaryAfterFilter(): Unit = checkStatistics("summary of a filtered, projected DataFrame") {
    spark => lineitem(spark).where(col("l_linenumber") > 2).select(col("l_discount") * 2, col("l_comment"))
      .summary("count", "mean", "min")
  }

  // ---- cov, corr ----

  @Test def covariance(): Unit = checkSameResult("stat.cov of int and double with nulls") { spark =>
    pairs(spark).stat.cov("i", "d")
  }
  @Test def covarianceDecimal(): Unit = checkSameResult("stat.cov of decimals") { spark =>
    lineitem(spark).stat.cov("l_quantity", "l_extendedprice")
  }
  @Test def covarianceOneRow(): Unit = checkSameResult("stat.cov of one row (undefined: 0.0)") { spark =>
    pairs(spark).limit(1).stat.cov("i", "d")
  }
  @Test def correlation(): Unit = checkSameResult("stat.corr with nulls") { spark =>
    pairs(spark).stat.corr("i", "d")
  }
  @Test def correlationConstant(): Unit = checkSameError("stat.corr of a constant column (ANSI division by zero)") { spark =>
    pairs(spark).withColumn("k", lit(3)).stat.corr("i", "k")
  }
  @Test def correlationLineitem(): Unit = checkSameResult("stat.corr of decimals") { spark =>
    lineitem(spark).stat.corr("l_quantity", "l_discount", "pearson")
  }

  // ---- the aggregates behind them ----

  @Test def corrFunctionConstant(): Unit = checkSameError("corr() with a constant side (ANSI division by zero)") {
    spark => pairs(spark).agg(corr(col("i"), lit(3.0)))
  }
  @Test def corrFunctionFewRows(): Unit = checkSame("corr() of zero and one pair (NULL)") { spark =>
    pairs(spark).where(col("i") === 1).agg(corr(col("i"), col("d")).as("one"))
      .crossJoin(pairs(spark).where(col("i") > 100).agg(corr(col("i"), col("d")).as("none")))
  }
  @Test def momentsWithInfinities(): Unit = checkSame("stddev and variance over NaN and infinities (NaN)") { spark =>
    types(spark).agg(stddev("d"), stddev_pop("f"), variance("d"), var_pop("f"), stddev("l"))
  }
  @Test def momentsByGroupWithInfinities(): Unit = checkSame("stddev per group, some groups with infinities") {
    spark => types(spark).where(col("id") =!= 7).groupBy(col("b")).agg(stddev("d"), var_samp("f"), count(lit(1)))
  }
  @Test def momentsOfHugeValues(): Unit = checkUnsupported("stddev of 1e300 (Spark: Infinity)", "stddev") { spark =>
    types(spark).where(col("id") === 7 || col("id") === 5).agg(stddev("d"))
  }

  // ---- crosstab ----

  @Test def crosstab(): Unit = checkSame("stat.crosstab with nulls and a backquote") { spark =>
    pairs(spark).stat.crosstab("s", "t")
  }
  @Test def crosstabNumbers(): Unit = checkSame("stat.crosstab of numbers") { spark =>
    lineitem(spark).stat.crosstab("l_linenumber", "l_returnflag")
  }
}
