package org.apache.spark.sql.duckdb.tests

import java.math.{BigDecimal => JBigDecimal}
import java.sql.Date

import scala.jdk.CollectionConverters._

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{DataFrame, Row, SparkSession}
import org.apache.spark.sql.expressions.Window
import org.apache.spark.sql.functions._
import org.apache.spark.sql.types._

/**
 * Window expressions: ranking, offset and aggregate functions over windows, Spark's default and required frames,
 * ROWS/RANGE frames, output names, types and nullability, and Spark's errors.
 */
class WindowSuite extends DifferentialSuite {
  private val schema = StructType(Seq(
    StructField("id", IntegerType, nullable = false),
    StructField("g", StringType),
    StructField("o", IntegerType),
    StructField("d", DoubleType),
    StructField("v", IntegerType),
    StructField("dec", DecimalType(10, 2)),
    StructField("dt", DateType),
    StructField("s", StringType),
    StructField("l", LongType)))

  private def dec(s: String) = new JBigDecimal(s)
  private def date(s: String) = Date.valueOf(s)

  // Partition keys with a null group, ties on o, nulls in every other column, NaN/-0.0/infinities in d, a
  // single-row partition ("c") and a longer one ("d") for ntile.
  private val rows: Seq[Row] = Seq(
    Row(1, "a", 1, 1.0, 10, dec("1.50"), date("2024-01-01"), "x", 10L),
    Row(2, "a", 1, 2.0, 20, dec("2.50"), date("2024-01-02"), "y", 20L),
    Row(3, "a", 2, -0.0, null, null, date("2024-01-03"), null, null),
    Row(4, "a", 3, 0.0, 30, dec("-1.25"), null, "z", 30L),
    Row(5, "a", null, Double.NaN, 40, dec("3.00"), date("2024-01-01"), "x", 40L),
    Row(6, "b", 5, Double.NaN, 5, dec("0.00"), date("2023-12-31"), "w", 5L),
    Row(7, "b", 5, null, 6, dec("10.10"), date("2024-03-10"), "w", 6L),
    Row(8, "b", 7, 1.5, null, dec("7.77"), date("2024-03-11"), null, Long.MaxValue),
    Row(9, null, 1, 3.0, 100, dec("1.00"), date("2024-11-03"), "n", 100L),
    Row(10, null, null, null, null, null, null, null, null),
    Row(11, "c", 9, Double.PositiveInfinity, 1, dec("1.00"), date("2024-01-01"), "c", 1L),
    Row(12, "d", 1, Double.NegativeInfinity, 2, dec("2.00"), date("2024-02-28"), "d1", 2L),
    Row(13, "d", 2, 0.5, 3, dec("2.01"), date("2024-02-29"), "d2", 3L),
    Row(14, "d", 3, -1.5, 4, dec("2.02"), date("2024-03-01"), "d3", Long.MaxValue),
    Row(15, "d", 4, 2.5, null, dec("2.03"), date("2024-03-02"), "d4", 1L),
    Row(16, "d", 6, 3.5, 6, dec("-2.04"), date("2024-03-03"), "d5", -1L),
    Row(17, "d", 8, 4.5, 7, dec("2.05"), date("2024-03-04"), "d6", -9L))

  private def df(spark: SparkSession): DataFrame = spark.createDataFrame(rows.asJava, schema)
  private def empty(spark: SparkSession): DataFrame = df(spark).where(col("id") < 0)

  /** A total order inside each partition (row_number, lag, lead, ROWS frames need one to be deterministic). */
  private val byG = Window.partitionBy("g").orderBy(col("o"), col("id"))
  private val byGo = Window.partitionBy("g").orderBy("o")
  private val byGid = Window.partitionBy("g").orderBy("id")

  // ----------------------------------------------------------------------------------------------------
  // Ranking functions

  @Test def rowNumber(): Unit = checkSame("row_number over partition, total order") { spark =>
    df(spark).select(col("id"), row_number().over(byG))
  }

  @Test def rowNumberNoPartition(): Unit = checkSame("row_number without partition") { spark =>
    df(spark).select(col("id"), row_number().over(Window.orderBy("id")))
  }

  @Test def rankWithTies(): Unit = checkSame("rank with ties and a null order key") { spark =>
    df(spark).select(col("id"), rank().over(byGo))
  }

  @Test def denseRankWithTies(): Unit = checkSame("dense_rank with ties") { spark =>
    df(spark).select(col("id"), dense_rank().over(byGo))
  }

  @Test def percentRank(): Unit = checkSame("percent_rank (single-row partition gives 0)") { spark =>
    df(spark).select(col("id"), percent_rank().over(byGo))
  }

  @Test def cumeDist(): Unit = checkSame("cume_dist with ties") { spark =>
    df(spark).select(col("id"), cume_dist().over(byGo))
  }

  @Test def ntile2(): Unit = checkSame("ntile(2)") { spark =>
    df(spark).select(col("id"), ntile(2).over(byG))
  }

  @Test def ntile4OverUnevenPartitions(): Unit = checkSame("ntile(4) over partitions of 1 to 6 rows") { spark =>
    df(spark).select(col("id"), ntile(4).over(byG))
  }

  @Test def ntileMoreBucketsThanRows(): Unit = checkSame("ntile(100)") { spark =>
    df(spark).select(col("id"), ntile(100).over(byG))
  }

  @Test def rankDescNullsLast(): Unit = checkSame("rank over o DESC (nulls last)") { spark =>
    df(spark).select(col("id"), rank().over(Window.partitionBy("g").orderBy(col("o").desc)))
  }

  @Test def rankDescNullsFirst(): Unit = checkSame("rank over o DESC NULLS FIRST") { spark =>
    df(spark).select(col("id"), rank().over(Window.partitionBy("g").orderBy(col("o").desc_nulls_first)))
  }

  @Test def rankAscNullsLast(): Unit = checkSame("dense_rank over o ASC NULLS LAST") { spark =>
    df(spark).select(col("id"), dense_rank().over(Window.partitionBy("g").orderBy(col("o").asc_nulls_last)))
  }

  @Test def rankOverDoubleNaNAndNegativeZero(): Unit = checkSame("rank over doubles: NaN largest, -0.0 ties 0.0") { spark =>
    df(spark).select(col("id"), rank().over(Window.orderBy("d")), dense_rank().over(Window.orderBy(col("d").desc)))
  }

  @Test def rankOverSeveralKeys(): Unit = checkSame("rank over (o, s)") { spark =>
    df(spark).select(col("id"), rank().over(Window.partitionBy("g").orderBy(col("o"), col("s").desc)))
  }

  @Test def rankOverDecimalAndDate(): Unit = checkSame("rank over a decimal and a date") { spark =>
    df(spark).select(col("id"), rank().over(Window.orderBy("dec")), rank().over(Window.orderBy(col("dt").desc)))
  }

  @Test def rankingTypesAndNames(): Unit = checkSame("every ranking function: names, int/double types, not null") { spark =>
    df(spark).select(row_number().over(byG), rank().over(byG), dense_rank().over(byG), percent_rank().over(byG),
      cume_dist().over(byG), ntile(3).over(byG))
  }

  @Test def rankingOnEmptyInput(): Unit = checkSame("ranking functions on empty input") { spark =>
    empty(spark).select(row_number().over(byG), rank().over(byGo), ntile(2).over(byG))
  }

  @Test def partitionByExpression(): Unit = checkSame("partition by an expression") { spark =>
    df(spark).select(col("id"), row_number().over(Window.partitionBy(col("o") % 2).orderBy("id")))
  }

  @Test def partitionByNullKeyAndDouble(): Unit = checkSame("partition by a double with NaN and -0.0") { spark =>
    df(spark).select(col("id"), count(lit(1)).over(Window.partitionBy("d")), row_number().over(Window.partitionBy("d").orderBy("id")))
  }

  @Test def partitionBySeveralKeys(): Unit = checkSame("partition by (g, o)") { spark =>
    df(spark).select(col("id"), rank().over(Window.partitionBy("g", "o").orderBy("id")), sum("v").over(Window.partitionBy("g", "o")))
  }

  @Test def orderByExpression(): Unit = checkSame("order by an expression") { spark =>
    df(spark).select(col("id"), rank().over(Window.partitionBy("g").orderBy(col("v") * -1)))
  }

  // ----------------------------------------------------------------------------------------------------
  // lag / lead

  @Test def lagDefault(): Unit = checkSame("lag(v, 1)") { spark =>
    df(spark).select(col("id"), lag("v", 1).over(byG))
  }

  @Test def leadDefault(): Unit = checkSame("lead(v, 1)") { spark =>
    df(spark).select(col("id"), lead("v", 1).over(byG))
  }

  @Test def lagOffset2WithDefault(): Unit = checkSame("lag(v, 2, 0): not nullable over a non-null default") { spark =>
    df(spark).select(col("id"), lag(col("id"), 2, 0).over(byG), lag(col("v"), 2, 0).over(byG))
  }

  @Test def leadWithLongDefaultOnInt(): Unit = checkSame("lead(id, 1, 7L): the default cast to int") { spark =>
    df(spark).select(col("id"), lead(col("id"), 1, 7L).over(byG))
  }

  @Test def lagWithDoubleDefaultOnInt(): Unit = checkSame("lag(id, 1, 2.5): the default cast to int, nullable") { spark =>
    df(spark).select(col("id"), lag(col("id"), 1, 2.5).over(byG))
  }

  @Test def lagOfString(): Unit = checkSame("lag of a string with a string default") { spark =>
    df(spark).select(col("id"), lag(col("s"), 1, "none").over(byG), lead(col("s"), 2).over(byG))
  }

  @Test def lagOfDecimalAndDate(): Unit = checkSame("lag of a decimal and a date") { spark =>
    df(spark).select(col("id"), lag("dec", 1).over(byG), lead("dt", 1).over(byG))
  }

  @Test def lagOfDouble(): Unit = checkSame("lag of a double with NaN and -0.0") { spark =>
    df(spark).select(col("id"), lag("d", 1).over(byGid), lead(col("d"), 1, 9.5).over(byGid))
  }

  @Test def lagZero(): Unit = checkSame("lag(v, 0) is the current value") { spark =>
    df(spark).select(col("id"), lag("v", 0).over(byG))
  }

  @Test def lagNegative(): Unit = checkSame("lag(v, -1) is lead(v, 1)") { spark =>
    df(spark).select(col("id"), lag("v", -1).over(byG), lead("v", -2).over(byG))
  }

  @Test def lagBeyondPartition(): Unit = checkSame("lag(v, 10) beyond every partition") { spark =>
    df(spark).select(col("id"), lag(col("v"), 10, -1).over(byG), lead(col("v"), 10).over(byG))
  }

  @Test def lagIgnoreNulls(): Unit = checkSame("lag(v, 1, null, ignoreNulls = true)") { spark =>
    df(spark).select(col("id"), lag(col("v"), 1, null, true).over(byGid))
  }

  @Test def leadIgnoreNulls(): Unit = checkSame("lead(v, 1, null, ignoreNulls = true)") { spark =>
    df(spark).select(col("id"), lead(col("v"), 1, null, true).over(byGid), lead(col("s"), 2, null, true).over(byGid))
  }

  @Test def lagWithoutPartition(): Unit = checkSame("lag over the whole input") { spark =>
    df(spark).select(col("id"), lag("v", 1).over(Window.orderBy("id")), lead("l", 3).over(Window.orderBy(col("id").desc)))
  }

  @Test def lagExplicitMatchingFrame(): Unit = checkSame("lag with its own frame rowsBetween(-1, -1)") { spark =>
    df(spark).select(col("id"), lag("v", 1).over(byG.rowsBetween(-1, -1)))
  }

  @Test def lagInExpression(): Unit = checkSame("v - lag(v): a window inside an expression") { spark =>
    df(spark).select(col("id"), (col("v") - lag("v", 1).over(byG)).as("delta"), (lead("v", 1).over(byG) + 1))
  }

  @Test def lagOnEmptyInput(): Unit = checkSame("lag on empty input") { spark =>
    empty(spark).select(lag("v", 1).over(byG), lead("s", 1, "x").over(byG))
  }

  // ----------------------------------------------------------------------------------------------------
  // nth_value, first, last

  @Test def nthValue(): Unit = checkSame("nth_value(v, 2) with the default (running) frame") { spark =>
    df(spark).select(col("id"), nth_value(col("v"), 2).over(byG))
  }

  @Test def nthValueWholePartition(): Unit = checkSame("nth_value(v, 3) over the whole partition") { spark =>
    df(spark).select(col("id"), nth_value(col("v"), 3).over(byG.rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)))
  }

  @Test def nthValueIgnoreNulls(): Unit = checkSame("nth_value(v, 2, ignoreNulls = true)") { spark =>
    df(spark).select(col("id"), nth_value(col("v"), 2, true).over(byGid))
  }

  @Test def firstLast(): Unit = checkSame("first/last over the running frame") { spark =>
    df(spark).select(col("id"), first("v").over(byG), last("v").over(byG))
  }

  @Test def firstLastIgnoreNulls(): Unit = checkSame("first/last ignoreNulls") { spark =>
    df(spark).select(col("id"), first(col("v"), true).over(byGid), last(col("v"), true).over(byGid))
  }

  @Test def firstValueLastValue(): Unit = checkSame("first_value/last_value names") { spark =>
    df(spark).select(col("id"), first_value(col("s")).over(byG), last_value(col("s")).over(byG))
  }

  @Test def firstValueIgnoreNullsColumn(): Unit = checkSame("first_value(s, lit(true))") { spark =>
    df(spark).select(col("id"), first_value(col("s"), lit(true)).over(byGid), last_value(col("s"), lit(true)).over(byGid))
  }

  @Test def lastOverWholePartition(): Unit = checkSame("last over an unordered window (whole partition)") { spark =>
    df(spark).select(col("g"), last(col("v"), true).over(Window.partitionBy("g").orderBy("id")
      .rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)))
  }

  @Test def firstWithRangePeers(): Unit = checkSame("last over RANGE frame reaches the last peer") { spark =>
    df(spark).select(col("id"), last(col("o")).over(byGo), first(col("g")).over(Window.partitionBy("g").orderBy(col("o").desc)))
  }

  // ----------------------------------------------------------------------------------------------------
  // Aggregates over windows

  @Test def runningSum(): Unit = checkSame("sum over ORDER BY: RANGE running frame, peers included") { spark =>
    df(spark).select(col("id"), sum("v").over(byGo))
  }

  @Test def runningSumRows(): Unit = checkSame("sum over ROWS running frame") { spark =>
    df(spark).select(col("id"), sum("v").over(byG.rowsBetween(Window.unboundedPreceding, Window.currentRow)))
  }

  @Test def partitionTotal(): Unit = checkSame("sum/avg/min/max/count over the whole partition") { spark =>
    val w = Window.partitionBy("g")
    df(spark).select(col("id"), sum("v").over(w), avg("v").over(w), min("s").over(w), max("dt").over(w), count("v").over(w),
      count(lit(1)).over(w))
  }

  @Test def wholeInputWindow(): Unit = checkSame("aggregates over an empty window spec") { spark =>
    df(spark).select(col("id"), sum("v").over(), count("*").over(), max("d").over(), min("d").over())
  }

  @Test def slidingRows(): Unit = checkSame("rowsBetween(-1, 1)") { spark =>
    df(spark).select(col("id"), sum("v").over(byG.rowsBetween(-1, 1)), avg("v").over(byG.rowsBetween(-1, 1)))
  }

  @Test def slidingRowsAhead(): Unit = checkSame("rowsBetween(1, 2): a frame after the row") { spark =>
    df(spark).select(col("id"), sum("v").over(byG.rowsBetween(1, 2)), count("v").over(byG.rowsBetween(1, 2)))
  }

  @Test def slidingRowsBehind(): Unit = checkSame("rowsBetween(-3, -1)") { spark =>
    df(spark).select(col("id"), max("v").over(byG.rowsBetween(-3, -1)), min("s").over(byG.rowsBetween(-3, -1)))
  }

  @Test def emptyRowsFrame(): Unit = checkSame("rowsBetween(currentRow, -1): an empty frame") { spark =>
    df(spark).select(col("id"), sum("v").over(byG.rowsBetween(Window.currentRow, -1)), count("v").over(byG.rowsBetween(Window.currentRow, -1)))
  }

  @Test def rowsToUnboundedFollowing(): Unit = checkSame("rowsBetween(currentRow, unboundedFollowing)") { spark =>
    df(spark).select(col("id"), sum("v").over(byG.rowsBetween(Window.currentRow, Window.unboundedFollowing)))
  }

  @Test def rowsCurrentRowOnly(): Unit = checkSame("rowsBetween(0, 0)") { spark =>
    df(spark).select(col("id"), sum("v").over(byG.rowsBetween(0, 0)))
  }

  @Test def rangeNumeric(): Unit = checkSame("rangeBetween(-1, 1) over an int key") { spark =>
    df(spark).select(col("id"), sum("v").over(byGo.rangeBetween(-1, 1)), count(lit(1)).over(byGo.rangeBetween(-1, 1)))
  }

  @Test def rangeCurrentRowPeers(): Unit = checkSame("rangeBetween(currentRow, currentRow): the peers") { spark =>
    df(spark).select(col("id"), sum("v").over(byGo.rangeBetween(Window.currentRow, Window.currentRow)))
  }

  @Test def rangeToUnboundedFollowing(): Unit = checkSame("rangeBetween(-1, unboundedFollowing)") { spark =>
    df(spark).select(col("id"), max("v").over(byGo.rangeBetween(-1, Window.unboundedFollowing)))
  }

  @Test def rangeAhead(): Unit = checkSame("rangeBetween(0, 2)") { spark =>
    df(spark).select(col("id"), sum("v").over(byGo.rangeBetween(0, 2)))
  }

  @Test def rangeDescending(): Unit = checkSame("rangeBetween(-1, 1) over a descending key") { spark =>
    df(spark).select(col("id"), sum("v").over(Window.partitionBy("g").orderBy(col("o").desc).rangeBetween(-1, 1)))
  }

  @Test def rangeOverDecimal(): Unit = checkSame("rangeBetween(-1, 0) over a decimal key") { spark =>
    df(spark).select(col("id"), count(lit(1)).over(Window.orderBy("dec").rangeBetween(-1, 0)))
  }

  @Test def rangeOverDouble(): Unit = checkSame("rangeBetween(-1, 1) over a double key (NaN, infinities)") { spark =>
    df(spark).select(col("id"), count(lit(1)).over(Window.orderBy("d").rangeBetween(-1, 1)))
  }

  @Test def rangeOverLong(): Unit = checkSame("rangeBetween(-5, 5) over a long key") { spark =>
    df(spark).where(col("l") < 1000).select(col("id"), count(lit(1)).over(Window.orderBy("l").rangeBetween(-5, 5)))
  }

  @Test def rangeOverDateFails(): Unit = checkSameError("rangeBetween over a date key: bigint bounds rejected") { spark =>
    df(spark).select(sum("v").over(Window.orderBy("dt").rangeBetween(-1, 1)))
  }

  @Test def rangeOverStringFails(): Unit = checkSameError("rangeBetween over a string key") { spark =>
    df(spark).select(sum("v").over(Window.orderBy("s").rangeBetween(-1, 1)))
  }

  @Test def rangeWithSeveralOrderKeysFails(): Unit = checkSameError("rangeBetween with two order keys") { spark =>
    df(spark).select(sum("v").over(Window.orderBy("g", "o").rangeBetween(-1, 1)))
  }

  @Test def rangeWithoutOrderFails(): Unit = checkSameError("rangeBetween without order") { spark =>
    df(spark).select(sum("v").over(Window.partitionBy("g").rangeBetween(-1, 1)))
  }

  @Test def rangeUnboundedWithSeveralKeys(): Unit = checkSame("RANGE unbounded frame with two order keys is fine") { spark =>
    df(spark).select(col("id"), sum("v").over(Window.orderBy("g", "o").rangeBetween(Window.unboundedPreceding, Window.currentRow)))
  }

  @Test def rowsLowerAboveUpperFails(): Unit = checkSameError("rowsBetween(1, -1)") { spark =>
    df(spark).select(sum("v").over(byG.rowsBetween(1, -1)))
  }

  @Test def sumOfDecimalOverWindow(): Unit = checkSame("sum/avg of a decimal over windows: decimal(20,2)/(14,6)") { spark =>
    df(spark).select(col("id"), sum("dec").over(byGo), avg("dec").over(Window.partitionBy("g")), avg("dec").over(byG.rowsBetween(-1, 0)))
  }

  @Test def sumOfLongOverflowsOverWindow(): Unit = checkSameError("sum of longs overflowing in a window (ANSI)") { spark =>
    df(spark).select(sum("l").over(Window.partitionBy("g")))
  }

  @Test def sumOfDoubleOverWindow(): Unit = checkSame("sum/avg of doubles with NaN over windows") { spark =>
    df(spark).select(col("id"), sum("d").over(Window.partitionBy("g")), avg("d").over(byG.rowsBetween(-1, 1)))
  }

  @Test def countStarOverWindow(): Unit = checkSame("count(*) over a running window") { spark =>
    df(spark).select(col("id"), count("*").over(byGo), count("s").over(byGo))
  }

  @Test def meanOverWindow(): Unit = checkSame("mean prints as avg") { spark =>
    df(spark).select(col("id"), mean("v").over(byGo))
  }

  @Test def aggOfExpressionOverWindow(): Unit = checkSame("sum((v * 2)) over a window") { spark =>
    df(spark).select(col("id"), sum(col("v") * 2).over(Window.partitionBy("g")))
  }

  @Test def aggregatesOnEmptyInput(): Unit = checkSame("aggregates over windows on empty input") { spark =>
    empty(spark).select(sum("v").over(byGo), count("*").over())
  }

  @Test def minMaxOfStringsAndDates(): Unit = checkSame("min/max of strings and dates over a running frame") { spark =>
    df(spark).select(col("id"), min("s").over(byG), max("dt").over(byG.rowsBetween(-2, 0)))
  }

  // ----------------------------------------------------------------------------------------------------
  // Where windows go

  @Test def withColumnWindow(): Unit = checkSame("withColumn of a window") { spark =>
    df(spark).withColumn("rn", row_number().over(byG)).withColumn("running", sum("v").over(byGo))
  }

  @Test def filterOnWindowAfterProjection(): Unit = checkSame("top row per group: filter on a projected row_number") { spark =>
    df(spark).withColumn("rn", row_number().over(Window.partitionBy("g").orderBy(col("v").desc, col("id"))))
      .where(col("rn") === 1).drop("rn")
  }

  @Test def windowOverWindowResult(): Unit = checkSame("a window over a projected window result") { spark =>
    df(spark).withColumn("r", rank().over(byGo)).select(col("id"), sum("r").over(Window.partitionBy("g")))
  }

  @Test def severalSpecsInOneSelect(): Unit = checkSame("several window specs in one select") { spark =>
    df(spark).select(col("id"), row_number().over(byG), sum("v").over(Window.partitionBy("o")), max("v").over())
  }

  @Test def windowThenOrderBy(): Unit = checkSame("window then orderBy", ordered = true) { spark =>
    df(spark).select(col("id"), rank().over(byGo).as("r")).orderBy(col("r"), col("id"))
  }

  @Test def windowThenGroupBy(): Unit = checkSame("aggregation of a window column") { spark =>
    df(spark).withColumn("r", dense_rank().over(byGo)).groupBy("r").agg(count("*"), sum("v"))
  }

  @Test def windowOverAggregate(): Unit = checkSame("rank over sum(v) in groupBy.agg") { spark =>
    df(spark).groupBy("g").agg(sum("v"), rank().over(Window.orderBy(sum("v"))))
  }

  @Test def windowSumOverAggregate(): Unit = checkSame("sum(sum(v)) over () in groupBy.agg") { spark =>
    df(spark).groupBy("g").agg(sum("v").as("s"), sum(sum("v")).over().as("total"))
  }

  @Test def windowAliasedName(): Unit = checkSame("aliased window column") { spark =>
    df(spark).select(row_number().over(byG).as("rn"), col("id"))
  }

  @Test def windowOrderByExprName(): Unit = checkSame("printed name with expressions in the spec") { spark =>
    df(spark).select(sum("v").over(Window.partitionBy(col("o") + 1).orderBy(col("id").desc_nulls_first, (col("v") * 2).asc_nulls_last)))
  }

  @Test def windowOnAliasedInput(): Unit = checkSame("window over a qualified input") { spark =>
    val t = df(spark).as("t")
    t.select(col("t.id"), row_number().over(Window.partitionBy(col("t.g")).orderBy(col("t.id"))))
  }

  @Test def windowShow(): Unit = checkSameShow("show of window columns") { spark =>
    df(spark).select(col("id"), rank().over(byGo), lag("s", 1).over(byG)).orderBy("id").show(20, false)
  }

  // ----------------------------------------------------------------------------------------------------
  // Errors

  @Test def rankWithFrameFails(): Unit = checkSameError("rank with a frame other than its own") { spark =>
    df(spark).select(rank().over(byG.rowsBetween(-1, 1)))
  }

  @Test def rankWithItsOwnFrame(): Unit = checkSame("rank with its own frame given explicitly") { spark =>
    df(spark).select(col("id"), rank().over(byGo.rowsBetween(Window.unboundedPreceding, Window.currentRow)))
  }

  @Test def rowNumberWithRangeFrameFails(): Unit = checkSameError("row_number with a RANGE frame") { spark =>
    df(spark).select(row_number().over(byG.rangeBetween(Window.unboundedPreceding, Window.currentRow)))
  }

  @Test def cumeDistWithRowsFrameFails(): Unit = checkSameError("cume_dist with a ROWS frame") { spark =>
    df(spark).select(cume_dist().over(byG.rowsBetween(Window.unboundedPreceding, Window.currentRow)))
  }

  @Test def lagWithOtherFrameFails(): Unit = checkSameError("lag with a frame other than its own") { spark =>
    df(spark).select(lag("v", 1).over(byG.rowsBetween(-2, 0)))
  }

  @Test def rankWithoutOrderFails(): Unit = checkSameError("rank without ORDER BY") { spark =>
    df(spark).select(rank().over(Window.partitionBy("g")))
  }

  @Test def rowNumberWithoutOrderFails(): Unit = checkSameError("row_number without ORDER BY") { spark =>
    df(spark).select(row_number().over(Window.partitionBy("g")))
  }

  @Test def lagWithoutOrderFails(): Unit = checkSameError("lag without ORDER BY") { spark =>
    df(spark).select(lag("v", 1).over(Window.partitionBy("g")))
  }

  @Test def nthValueWithoutOrderFails(): Unit = checkSameError("nth_value without ORDER BY") { spark =>
    df(spark).select(nth_value(col("v"), 1).over(Window.partitionBy("g")))
  }

  @Test def nthValueZeroFails(): Unit = checkSameError("nth_value(v, 0)") { spark =>
    df(spark).select(nth_value(col("v"), 0).over(byG))
  }

  @Test def ntileZeroFails(): Unit = checkSameError("ntile(0)") { spark =>
    df(spark).select(ntile(0).over(byG))
  }

  @Test def rankingWithoutOverFails(): Unit = checkSameError("row_number() without OVER") { spark =>
    df(spark).select(row_number())
  }

  @Test def lagWithoutOverFails(): Unit = checkSameError("lag without OVER") { spark =>
    df(spark).select(lag("v", 1))
  }

  @Test def windowInsideAggregateFails(): Unit = checkSameError("sum(rank() OVER ...)") { spark =>
    df(spark).select(sum(rank().over(byGo)))
  }

  @Test def windowInFilterFails(): Unit = checkSameError("window function in a filter") { spark =>
    df(spark).filter(rank().over(byGo) === 1)
  }

  @Test def distinctWindowFails(): Unit = checkSameError("count(DISTINCT v) OVER") { spark =>
    df(spark).select(countDistinct("v").over(byGo))
  }

  @Test def windowOfNonAggregateFails(): Unit = checkSameError("(v + 1) OVER (...)") { spark =>
    df(spark).select((col("v") + 1).over(byGo))
  }

  @Test def windowUnknownColumnFails(): Unit = checkSameError("partition by an unknown column") { spark =>
    df(spark).select(rank().over(Window.partitionBy("nope").orderBy("id")))
  }

  @Test def windowMissingAggregationFails(): Unit = checkSameError("sum(v) over a window in groupBy.agg: v not grouped") { spark =>
    df(spark).groupBy("g").agg(sum("v").over(Window.orderBy("g")))
  }
}
