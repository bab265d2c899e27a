package org.apache.spark.sql.duckdb.tests

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{DataFrame, Row, SparkSession}
import org.apache.spark.sql.functions._
import org.apache.spark.sql.types.StructType

/**
 * Operations that do not change rows on one node (hints, repartition, coalesce, repartitionByRange,
 * sortWithinPartitions) and small actions/transformations: tail, isEmpty, transform.
 */
class ReshapingSuite extends DifferentialSuite {
  private def table(spark: SparkSession, ddl: String, rows: Row*): DataFrame =
    spark.createDataFrame(java.util.Arrays.asList(rows: _*), StructType.fromDDL(ddl))

  private def small(spark: SparkSession): DataFrame = table(spark, "x int, s string",
    Row(3, "c"), Row(1, "a"), Row(2, "b"), Row(null, "n"), Row(2, "é漢"), Row(5, null))

  private def lineitem(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.lineitemPath)

  // ---- hints ----

  @Test def broadcastHint(): Unit = checkSame("hint(\"broadcast\")") { spark => small(spark).hint("broadcast") }

  @Test def unknownHintIgnored(): Unit = checkSame("an unknown hint is ignored") { spark =>
    small(spark).hint("no_such_hint", 1, "a")
  }

  @Test def coalesceHint(): Unit = checkSame("hint(\"coalesce\", 2)") { spark => small(spark).hint("coalesce", 2) }

  @Test def repartitionHintWithColumn(): Unit = checkSame("hint(\"repartition\", 3, col)") { spark =>
    small(spark).hint("repartition", 3, col("x"))
  }

  @Test def joinHints(): Unit = checkSame("merge / shuffle_hash / shuffle_replicate_nl join hints") { spark =>
    val (l, r) = (small(spark), small(spark).hint("merge"))
    val r2 = small(spark).hint("shuffle_replicate_nl")
    l.hint("shuffle_hash").join(r, l("x") === r("x")).join(r2, l("s") === r2("s"), "left")
      .select(l("x"), r("s"), r2("x"))
  }

  @Test def hintThenReferences(): Unit = checkSame("df(\"x\") of the Dataset before and after a hint") { spark =>
    val df = small(spark)
    val hinted = df.hint("broadcast")
    hinted.where(df("x") > 1).select(hinted("s"), df("x"))
  }

  // ---- repartitioning ----

  @Test def repartitionN(): Unit = checkSame("repartition(4)") { spark => lineitem(spark).repartition(4) }

  @Test def repartitionByColumns(): Unit = checkSame("repartition(col)") { spark =>
    small(spark).repartition(col("x"))
  }

  @Test def repartitionNByColumns(): Unit = checkSame("repartition(3, cols)") { spark =>
    lineitem(spark).repartition(3, col("l_returnflag"), col("l_linestatus")).select("l_orderkey", "l_linenumber")
  }

  @Test def repartitionByRange(): Unit = checkSame("repartitionByRange(col)") { spark =>
    small(spark).repartitionByRange(col("x").desc, col("s"))
  }

  @Test def repartitionByRangeN(): Unit = checkSame("repartitionByRange(2, col)") { spark =>
    small(spark).repartitionByRange(2, col("x"))
  }

  @Test def repartitionByUnknownColumn(): Unit = checkSameError("repartition by an unknown column") { spark =>
    small(spark).repartition(col("nope")).collect()
  }

  @Test def coalesceN(): Unit = checkSame("coalesce(1)") { spark => lineitem(spark).coalesce(1) }

  @Test def coalesceThenAggregate(): Unit = checkSame("coalesce then groupBy") { spark =>
    lineitem(spark).coalesce(2).groupBy("l_returnflag").agg(sum("l_quantity"))
  }

  @Test def repartitionThenSort(): Unit = checkSame("repartition then orderBy keeps the order", ordered = true) { spark =>
    small(spark).repartition(3).orderBy(col("x").desc_nulls_last, col("s"))
  }

  @Test def sortWithinSinglePartition(): Unit = checkSame("coalesce(1).sortWithinPartitions", ordered = true) { spark =>
    small(spark).coalesce(1).sortWithinPartitions(col("x").desc, col("s"))
  }

  @Test def sortWithinPartitionsRows(): Unit = checkSame("sortWithinPartitions keeps the rows") { spark =>
    lineitem(spark).sortWithinPartitions("l_orderkey").select("l_orderkey", "l_linenumber")
  }

  // ---- tail, isEmpty, transform ----

  @Test def tailAfterSort(): Unit = checkSameResult("orderBy then tail(3)") { spark =>
    small(spark).orderBy(col("x").asc_nulls_first, col("s")).tail(3).toSeq
  }

  @Test def tailMoreThanRows(): Unit = checkSameResult("tail(n) with n above the row count") { spark =>
    small(spark).orderBy(col("x"), col("s")).tail(100).toSeq
  }

  @Test def tailZero(): Unit = checkSameResult("tail(0)") { spark => small(spark).tail(0).toSeq }

  @Test def tailEmpty(): Unit = checkSameResult("tail of an empty Dataset") { spark =>
    small(spark).where(lit(false)).tail(2).toSeq
  }

  @Test def tailNegative(): Unit = checkSameError("tail(-1)") { spark => small(spark).tail(-1) }

  @Test def isEmptyFalse(): Unit = checkSameResult("isEmpty on rows") { spark => small(spark).isEmpty }

  @Test def isEmptyTrue(): Unit = checkSameResult("isEmpty after a false filter") { spark =>
    small(spark).where(col("x") > 100).isEmpty
  }

  @Test def isEmptyAfterJoin(): Unit = checkSameResult("isEmpty of an anti join") { spark =>
    val (l, r) = (small(spark), small(spark))
    l.join(r, l("s") <=> r("s"), "left_anti").isEmpty
  }

  @Test def transformChains(): Unit = checkSame("transform applies a function") { spark =>
    def withDoubled(df: DataFrame): DataFrame = df.withColumn("x2", col("x") * 2)
    def onlyPositive(df: DataFrame): DataFrame = df.where(col("x") > 0)
    small(spark).transform(withDoubled).transform(onlyPositive)
  }

  // ---- na.drop / na.fill ----

  private def holes(spark: SparkSession): DataFrame = table(spark,
    "i int, l long, d double, f float, dec decimal(6,2), s string, b boolean",
    Row(1, 10L, 1.5, 1.5f, new java.math.BigDecimal("1.25"), "a", true),
    Row(null, null, null, null, null, null, null),
    Row(2, null, Double.NaN, Float.NaN, null, "", false),
    Row(null, 30L, -0.0, null, new java.math.BigDecimal("-3.00"), null, null),
    Row(4, 40L, 4.0, 4.0f, new java.math.BigDecimal("4.00"), "é漢", true))

  @Test def naDropAny(): Unit = checkSame("na.drop(): any NULL or NaN drops the row") { spark => holes(spark).na.drop() }

  @Test def naDropAll(): Unit = checkSame("na.drop(\"all\")") { spark => holes(spark).na.drop("all") }

  @Test def naDropColumns(): Unit = checkSame("na.drop(cols)") { spark => holes(spark).na.drop(Seq("i", "s")) }

  @Test def naDropNaNColumn(): Unit = checkSame("na.drop on a double column drops NaN") { spark =>
    holes(spark).na.drop(Seq("d"))
  }

  @Test def naDropMinNonNulls(): Unit = checkSame("na.drop(minNonNulls = 5)") { spark => holes(spark).na.drop(5) }

  @Test def naDropMinNonNullsColumns(): Unit = checkSame("na.drop(2, cols)") { spark =>
    holes(spark).na.drop(2, Seq("l", "d", "f"))
  }

  @Test def naDropHowAllColumns(): Unit = checkSame("na.drop(\"all\", cols)") { spark =>
    holes(spark).na.drop("all", Seq("f", "dec"))
  }

  @Test def naDropCaseInsensitive(): Unit = checkSame("na.drop with a differently cased name") { spark =>
    holes(spark).na.drop(Seq("S"))
  }

  @Test def naDropUnknownColumn(): Unit = checkSameError("na.drop on an unknown column") { spark =>
    holes(spark).na.drop(Seq("nope")).collect()
  }

  @Test def naFillLong(): Unit = checkSame("na.fill(7L): numeric columns, NaN too, non-nullable") { spark =>
    holes(spark).na.fill(7L)
  }

  @Test def naFillDouble(): Unit = checkSame("na.fill(2.75): numeric columns, truncated for integers") { spark =>
    holes(spark).na.fill(2.75)
  }

  @Test def naFillString(): Unit = checkSame("na.fill(\"x\"): string columns only") { spark =>
    holes(spark).na.fill("x")
  }

  @Test def naFillBoolean(): Unit = checkSame("na.fill(true): boolean columns only") { spark =>
    holes(spark).na.fill(true)
  }

  @Test def naFillColumns(): Unit = checkSame("na.fill(0, cols): only listed columns of matching type") { spark =>
    holes(spark).na.fill(0, Seq("i", "d", "s"))
  }

  @Test def naFillStringColumns(): Unit = checkSame("na.fill(\"?\", cols)") { spark =>
    holes(spark).na.fill("?", Seq("s", "i"))
  }

  @Test def naFillMap(): Unit = checkSame("na.fill(Map) per column") { spark =>
    holes(spark).na.fill(Map("i" -> 0, "s" -> "none", "d" -> -1.0, "b" -> false))
  }

  @Test def naFillThenFilter(): Unit = checkSame("na.fill then filter on a filled column") { spark =>
    holes(spark).na.fill(0L).where(col("l") === 0)
  }

  @Test def naFillUnknownColumn(): Unit = checkSameError("na.fill on an unknown column") { spark =>
    holes(spark).na.fill(0L, Seq("nope")).collect()
  }

  // ---- sample / randomSplit: sparkduck cannot choose Spark's rows (see sample.rs); properties only ----

  @Test def sampleIsSubset(): Unit = checkSameResult("sample(0.3, seed) holds only input rows") { spark =>
    val df = spark.range(500).toDF()
    df.sample(0.3, 11L).except(df).count()
  }

  @Test def sampleZero(): Unit = checkSameResult("sample(0.0) is empty") { spark =>
    spark.range(300).sample(0.0, 3L).count()
  }

  @Test def sampleOne(): Unit = checkSameResult("sample(1.0) keeps every row") { spark =>
    lineitem(spark).sample(1.0, 3L).count()
  }

  @Test def sampleFractionRoughly(): Unit = checkSameResult("sample(0.5) of 2000 rows keeps 800 to 1200") { spark =>
    val n = spark.range(2000).sample(0.5, 42L).count()
    n > 800 && n < 1200
  }

  @Test def sampleSameSeedSameRows(): Unit = checkSameResult("the same seed samples the same rows") { spark =>
    val df = spark.range(1000).toDF()
    df.sample(0.2, 9L).exceptAll(df.sample(0.2, 9L)).count()
  }

  @Test def sampleWithReplacement(): Unit = checkUnsupported("sample with replacement", "sample with replacement") {
    spark => spark.range(10).sample(withReplacement = true, 0.5, 1L).count()
  }

  @Test def randomSplitCoversAndIsDisjoint(): Unit = checkSameResult("randomSplit: splits disjoint, all rows") { spark =>
    val df = spark.range(1000).toDF()
    val splits = df.randomSplit(Array(1.0, 2.0, 3.0), 5L)
    val total = splits.map(_.count()).sum
    val overlaps = for (i <- splits.indices; j <- splits.indices if i < j) yield splits(i).intersect(splits(j)).count()
    (splits.length, total, overlaps.sum, splits.forall(_.count() > 50))
  }

  @Test def randomSplitSchema(): Unit = checkSame("a randomSplit split keeps the schema") { spark =>
    lineitem(spark).randomSplit(Array(0.5, 0.5), 1L)(0).limit(0)
  }
}
