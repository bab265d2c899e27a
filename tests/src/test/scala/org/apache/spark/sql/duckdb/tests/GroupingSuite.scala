package org.apache.spark.sql.duckdb.tests

import java.math.{BigDecimal => JBigDecimal}
import java.sql.Date

import scala.jdk.CollectionConverters._

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{DataFrame, Row, SparkSession}
import org.apache.spark.sql.functions._
import org.apache.spark.sql.types._

/** rollup, cube, grouping sets, grouping()/grouping_id(), pivot, unpivot and the aggregation shortcuts. */
class GroupingSuite extends DifferentialSuite {
  private val schema = StructType(Seq(
    StructField("id", IntegerType, nullable = false),
    StructField("g", StringType),
    StructField("o", IntegerType),
    StructField("d", DoubleType),
    StructField("v", IntegerType),
    StructField("dec", DecimalType(10, 2)),
    StructField("dt", DateType),
    StructField("b", BooleanType),
    StructField("l", LongType)))

  private def dec(s: String) = new JBigDecimal(s)
  private def date(s: String) = Date.valueOf(s)

  private val rows: Seq[Row] = Seq(
    Row(1, "a", 1, 1.0, 10, dec("1.50"), date("2024-01-01"), true, 10L),
    Row(2, "a", 1, 2.0, 20, dec("2.50"), date("2024-01-02"), false, 20L),
    Row(3, "a", 2, -0.0, null, null, date("2024-01-03"), null, null),
    Row(4, "a", 3, 0.0, 30, dec("-1.25"), null, true, 30L),
    Row(5, "a", null, Double.NaN, 40, dec("3.00"), date("2024-01-01"), false, 40L),
    Row(6, "b", 2, Double.NaN, 5, dec("0.00"), date("2023-12-31"), true, 5L),
    Row(7, "b", 2, null, 6, dec("10.10"), date("2024-03-10"), true, 6L),
    Row(8, "b", 3, 1.5, null, dec("7.77"), date("2024-03-11"), null, 7L),
    Row(9, null, 1, 3.0, 100, dec("1.00"), date("2024-11-03"), false, 100L),
    Row(10, null, null, null, null, null, null, null, null),
    Row(11, "c", 1, Double.PositiveInfinity, 1, dec("1.00"), date("2024-01-01"), true, 1L))

  private def df(spark: SparkSession): DataFrame = spark.createDataFrame(rows.asJava, schema)
  private def empty(spark: SparkSession): DataFrame = df(spark).where(col("id") < 0)

  // ----------------------------------------------------------------------------------------------------
  // rollup / cube / grouping sets

  @Test def rollupTwoColumns(): Unit = checkSame("rollup(g, o): sum and count") { spark =>
    df(spark).rollup("g", "o").agg(sum("v"), count("*"))
  }

  @Test def rollupWithGroupingFunctions(): Unit = checkSame("rollup with grouping(g), grouping(o), grouping_id()") { spark =>
    df(spark).rollup("g", "o").agg(sum("v"), grouping("g"), grouping("o"), grouping_id())
  }

  @Test def rollupNullKeyVersusRolledUp(): Unit = checkSame("rollup(g): a null key and the total row told apart") { spark =>
    df(spark).rollup("g").agg(count("*").as("n"), grouping("g").as("gg"))
  }

  @Test def rollupCount(): Unit = checkSame("rollup(..).count()") { spark =>
    df(spark).rollup(col("g"), col("b")).count()
  }

  @Test def rollupSortedByGroupingId(): Unit = checkSame("rollup sorted by grouping_id", ordered = true) { spark =>
    df(spark).rollup("g").agg(sum("v").as("s"), grouping_id().as("gid")).orderBy(col("gid"), col("g"))
  }

  @Test def rollupOfExpression(): Unit = checkSame("rollup of an expression") { spark =>
    df(spark).rollup(col("o") % 2).agg(sum("v"), grouping_id())
  }

  @Test def rollupOfDoubleKey(): Unit = checkSame("rollup of a double key: -0.0 with 0.0, NaN with NaN") { spark =>
    df(spark).rollup("d").agg(count("*"), grouping("d"))
  }

  @Test def rollupOfDecimalAndDateKeys(): Unit = checkSame("rollup of decimal and date keys") { spark =>
    df(spark).rollup("dec", "dt").agg(count("*"), sum("v"))
  }

  @Test def rollupAggregatingAKey(): Unit = checkSame("rollup(g, o) aggregating o itself (original values)") { spark =>
    df(spark).rollup("g", "o").agg(sum("o"), max("g"), count("o"))
  }

  @Test def rollupKeyExpressionInOutput(): Unit = checkSame("rollup output computed from a key") { spark =>
    df(spark).rollup("o").agg(sum("v")).select((col("o") + 1).as("o1"), col("sum(v)"))
  }

  @Test def rollupFilterOnGroupingId(): Unit = checkSame("filter on grouping_id after rollup") { spark =>
    df(spark).rollup("g", "o").agg(sum("v").as("s"), grouping_id().as("gid")).where(col("gid") === 1)
  }

  @Test def rollupDecimalAvg(): Unit = checkSame("rollup avg/sum of a decimal") { spark =>
    df(spark).rollup("g").agg(avg("dec"), sum("dec"), min("dt"))
  }

  @Test def rollupOnEmptyInput(): Unit = checkSame("rollup on empty input") { spark =>
    empty(spark).rollup("g").agg(count("*"), sum("v"))
  }

  @Test def rollupThreeColumns(): Unit = checkSame("rollup(g, o, b)") { spark =>
    df(spark).rollup("g", "o", "b").agg(count("*"), grouping_id())
  }

  @Test def cubeCount(): Unit = checkSame("cube(g, o).count()") { spark =>
    df(spark).cube(col("g"), col("o")).count()
  }

  @Test def cubeGroupingId(): Unit = checkSame("cube with grouping_id(g, o): Spark's bit order") { spark =>
    df(spark).cube("g", "o").agg(sum("v"), grouping_id(col("g"), col("o")), grouping("o"))
  }

  @Test def cubeThreeColumns(): Unit = checkSame("cube(g, o, b)") { spark =>
    df(spark).cube("g", "o", "b").agg(count("*"), sum("l"), grouping_id())
  }

  @Test def cubeCountDistinct(): Unit = checkSame("cube with countDistinct") { spark =>
    df(spark).cube("g").agg(countDistinct("o"), count_distinct(col("o"), col("v")))
  }

  @Test def cubeOnEmptyInput(): Unit = checkSame("cube on empty input") { spark =>
    empty(spark).cube("g", "o").count()
  }

  @Test def groupingSetsBasic(): Unit = checkSame("groupingSets((g), (o), ())") { spark =>
    df(spark).groupingSets(Seq(Seq(col("g")), Seq(col("o")), Seq()), col("g"), col("o")).agg(sum("v"), grouping_id(col("g"), col("o")))
  }

  @Test def groupingSetsDuplicateSets(): Unit = checkSame("groupingSets with a repeated set") { spark =>
    df(spark).groupingSets(Seq(Seq(col("g")), Seq(col("g"))), col("g")).agg(count("*"))
  }

  @Test def groupingSetsBothKeys(): Unit = checkSame("groupingSets((g, o), (g))") { spark =>
    df(spark).groupingSets(Seq(Seq(col("g"), col("o")), Seq(col("g"))), col("g"), col("o")).agg(max("v"), grouping("o"))
  }

  @Test def groupingInGroupByFails(): Unit = checkSameError("grouping() in a plain groupBy") { spark =>
    df(spark).groupBy("g").agg(grouping("g"))
  }

  @Test def groupingInSelectFails(): Unit = checkSameError("grouping_id() in a select") { spark =>
    df(spark).select(grouping_id())
  }

  @Test def groupingOfOtherColumnFails(): Unit = checkSameError("grouping(o) after rollup(g)") { spark =>
    df(spark).rollup("g").agg(grouping("o"))
  }

  @Test def groupingIdWrongOrderFails(): Unit = checkSameError("grouping_id(o, g) after rollup(g, o)") { spark =>
    df(spark).rollup("g", "o").agg(grouping_id(col("o"), col("g")))
  }

  @Test def rollupMissingAggregationFails(): Unit = checkSameError("rollup with a non-grouped column") { spark =>
    df(spark).rollup("g").agg(col("v"))
  }

  // ----------------------------------------------------------------------------------------------------
  // pivot

  @Test def pivotWithoutValues(): Unit = checkSame("pivot(o) without values: sorted distinct values, null first") { spark =>
    df(spark).groupBy("g").pivot("o").sum("v")
  }

  @Test def pivotWithValues(): Unit = checkSame("pivot(o, values) with a value absent from the data") { spark =>
    df(spark).groupBy("g").pivot("o", Seq(1, 2, 9)).sum("v")
  }

  @Test def pivotSeveralAggregates(): Unit = checkSame("pivot with two aggregates: value_aggregate names") { spark =>
    df(spark).groupBy("g").pivot("o", Seq(1, 2, 3)).agg(sum("v"), count("v"))
  }

  @Test def pivotAliasedAggregates(): Unit = checkSame("pivot with an aliased aggregate") { spark =>
    df(spark).groupBy("g").pivot("o", Seq(1, 2)).agg(sum("v").as("s"), max("v"))
  }

  @Test def pivotCountOfMissingCellIsNull(): Unit = checkSame("pivot count: a cell without rows is null") { spark =>
    df(spark).groupBy("g").pivot("o", Seq(1, 3)).count()
  }

  @Test def pivotNonNumericAggregate(): Unit = checkSame("pivot with a string aggregate: count of a missing cell is 0") { spark =>
    df(spark).groupBy("g").pivot("o", Seq(1, 3)).agg(max("dt"), count("v"))
  }

  @Test def pivotStringColumnWithNulls(): Unit = checkSame("pivot on a string column with null values") { spark =>
    df(spark).groupBy("o").pivot("g").agg(sum("v"))
  }

  @Test def pivotNullValue(): Unit = checkSame("pivot with null among the values") { spark =>
    df(spark).groupBy("o").pivot("g", Seq("a", null)).agg(sum("v"))
  }

  @Test def pivotWithoutGroupBy(): Unit = checkSame("groupBy().pivot") { spark =>
    df(spark).groupBy().pivot("o", Seq(1, 2)).sum("v")
  }

  @Test def pivotBooleanColumn(): Unit = checkSame("pivot on a boolean column") { spark =>
    df(spark).groupBy("g").pivot("b").agg(count(lit(1)))
  }

  @Test def pivotDateColumn(): Unit = checkSame("pivot on a date column") { spark =>
    df(spark).groupBy("g").pivot("dt", Seq(date("2024-01-01"), date("2024-03-10"))).agg(sum("v"))
  }

  @Test def pivotDecimalColumn(): Unit = checkSame("pivot on a decimal column without values") { spark =>
    df(spark).where(col("id") < 5).groupBy("g").pivot("dec").agg(sum("v"))
  }

  @Test def pivotDecimalAverage(): Unit = checkSame("pivot avg of a decimal") { spark =>
    df(spark).groupBy("g").pivot("o", Seq(1, 2)).avg("dec")
  }

  @Test def pivotLongValuesOnIntColumn(): Unit = checkSame("pivot values of another integral type") { spark =>
    df(spark).groupBy("g").pivot("o", Seq(1L, 2L)).sum("v")
  }

  @Test def pivotSeveralGroupingColumns(): Unit = checkSame("pivot after groupBy(g, b)") { spark =>
    df(spark).groupBy("g", "b").pivot("o", Seq(1, 2)).agg(min("v"))
  }

  @Test def pivotOnEmptyInput(): Unit = checkSame("pivot with values on empty input") { spark =>
    empty(spark).groupBy("g").pivot("o", Seq(1, 2)).sum("v")
  }

  @Test def pivotMalformedValueFails(): Unit = checkSameError("pivot value 'a' for an int column") { spark =>
    df(spark).groupBy("g").pivot("o", Seq("a")).sum("v")
  }

  @Test def pivotColumnExpression(): Unit = checkSame("pivot on a Column") { spark =>
    df(spark).groupBy(col("g")).pivot(col("o"), Seq(1, 2)).agg(sum(col("v") * 2))
  }

  // ----------------------------------------------------------------------------------------------------
  // unpivot / melt

  @Test def unpivotSameTypes(): Unit = checkSame("unpivot of int columns") { spark =>
    df(spark).unpivot(Array(col("id")), Array(col("o"), col("v")), "var", "val")
  }

  @Test def unpivotWidensTypes(): Unit = checkSame("unpivot of int, long and double: double") { spark =>
    df(spark).unpivot(Array(col("id")), Array(col("o"), col("l"), col("d")), "var", "val")
  }

  @Test def unpivotWithoutValues(): Unit = checkSame("unpivot without values: every non-id column") { spark =>
    df(spark).select("id", "o", "v", "l").unpivot(Array(col("id")), "var", "val")
  }

  @Test def unpivotKeepsNulls(): Unit = checkSame("unpivot keeps null values; value nullable") { spark =>
    df(spark).unpivot(Array(col("id"), col("g")), Array(col("v")), "k", "x")
  }

  @Test def unpivotOrdered(): Unit = checkSame("unpivot row order: input row by row, values in order") { spark =>
    df(spark).orderBy("id").unpivot(Array(col("id")), Array(col("v"), col("o")), "var", "val").limit(8)
  }

  @Test def meltAlias(): Unit = checkSame("melt is unpivot") { spark =>
    df(spark).melt(Array(col("id")), Array(col("o"), col("v")), "variable", "value")
  }

  @Test def unpivotStrings(): Unit = checkSame("unpivot of string columns") { spark =>
    df(spark).select(col("id"), col("g"), col("g").as("g2")).unpivot(Array(col("id")), "name", "text")
  }

  @Test def unpivotDates(): Unit = checkSame("unpivot of date columns") { spark =>
    df(spark).select(col("id"), col("dt"), col("dt").as("dt2")).unpivot(Array(col("id")), "name", "day")
  }

  @Test def unpivotAliasedValues(): Unit = checkSame("unpivot values named by their aliases") { spark =>
    df(spark).unpivot(Array(col("id")), Array(col("o").as("first"), (col("v") + 1).as("second")), "var", "val")
  }

  @Test def unpivotOnEmptyInput(): Unit = checkSame("unpivot of empty input") { spark =>
    empty(spark).unpivot(Array(col("id")), Array(col("o"), col("v")), "var", "val")
  }

  @Test def unpivotTypeMismatchFails(): Unit = checkSameError("unpivot of an int and a string") { spark =>
    df(spark).unpivot(Array(col("id")), Array(col("o"), col("g")), "var", "val")
  }

  @Test def unpivotAllIdsFails(): Unit = checkSameError("unpivot with every column an id") { spark =>
    df(spark).select("id", "o").unpivot(Array(col("id"), col("o")), "var", "val")
  }

  // ----------------------------------------------------------------------------------------------------
  // agg(Map), shortcuts, distinct aggregates, global aggregates

  @Test def aggMap(): Unit = checkSame("agg(Map(col -> fn))") { spark =>
    df(spark).groupBy("g").agg(Map("v" -> "max", "o" -> "avg"))
  }

  @Test def aggMapCountStar(): Unit = checkSame("agg(Map(* -> count))") { spark =>
    df(spark).groupBy("g").agg(Map("*" -> "count"))
  }

  @Test def aggMapWithoutGroupBy(): Unit = checkSame("df.agg(Map(..))") { spark =>
    df(spark).agg(Map("v" -> "sum", "dec" -> "min", "d" -> "mean"))
  }

  @Test def aggPairs(): Unit = checkSame("agg((col, fn) pairs)") { spark =>
    df(spark).groupBy("b").agg("v" -> "sum", "v" -> "count", "l" -> "max")
  }

  @Test def globalAggOnEmptyInput(): Unit = checkSame("agg without groupBy on empty input: one row") { spark =>
    empty(spark).agg(count("*"), sum("v"), max("g"), countDistinct("o"), avg("dec"))
  }

  @Test def countDistinctSeveralColumns(): Unit = checkSame("count(DISTINCT g, o): rows with a null are skipped") { spark =>
    df(spark).agg(countDistinct("g", "o"), count_distinct(col("o"), col("b")))
  }

  @Test def countDistinctPerGroup(): Unit = checkSame("countDistinct per group") { spark =>
    df(spark).groupBy("g").agg(countDistinct("o"), countDistinct("b"))
  }

  @Test def countDistinctDoubles(): Unit = checkSame("countDistinct of doubles: -0.0 = 0.0, NaN once") { spark =>
    df(spark).agg(countDistinct("d"))
  }

  @Test def sumDistinct(): Unit = checkSame("sum_distinct") { spark =>
    df(spark).groupBy("b").agg(sum_distinct(col("o")), sum_distinct(col("dec")))
  }

  @Test def groupedSumAllNumeric(): Unit = checkSame("groupBy(g).sum(): every numeric column") { spark =>
    df(spark).groupBy("g").sum()
  }

  @Test def groupedMean(): Unit = checkSame("groupBy(g).mean(v)") { spark =>
    df(spark).groupBy("g").mean("v", "dec")
  }

  @Test def groupedMaxOnly(): Unit = checkSame("groupBy(b).max(v, d)") { spark =>
    df(spark).groupBy("b").max("v", "d")
  }

  @Test def groupedMinOnly(): Unit = checkSame("groupBy(g).min(): every numeric column") { spark =>
    df(spark).groupBy("g").min()
  }

  @Test def groupedAvgAll(): Unit = checkSame("groupBy(b).avg()") { spark =>
    df(spark).groupBy("b").avg()
  }

  @Test def groupedCountNullKey(): Unit = checkSame("groupBy(g).count() with a null key") { spark =>
    df(spark).groupBy("g").count()
  }

  @Test def groupedShortcutNonNumericFails(): Unit = checkSameError("groupBy(g).sum(on a string column)") { spark =>
    df(spark).groupBy("b").sum("g")
  }
}
