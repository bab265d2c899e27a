package org.apache.spark.sql.duckdb.tests

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{DataFrame, SparkSession}
import org.apache.spark.sql.functions._

/** Actions and metadata: count/first/head/take/isEmpty/collectAsList, schema, columns, dtypes, show, printSchema. */
class ActionsSuite extends DifferentialSuite {
  private def types(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.typesPath)
  private def sortedTypes(spark: SparkSession): DataFrame = types(spark).orderBy("id")
  private def lineitem(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.lineitemPath)

  @Test def count(): Unit = checkSameResult("count")(spark => lineitem(spark).count())

  @Test def countAfterFilter(): Unit =
    checkSameResult("filter(..).count")(spark => types(spark).where(col("d").isNaN || col("s").isNull).count())

  @Test def first(): Unit = checkSameResult("first of sorted")(spark => sortedTypes(spark).first())

  @Test def headN(): Unit = checkSameResult("head(3) of sorted")(spark => sortedTypes(spark).head(3))

  @Test def take(): Unit = checkSameResult("take(4) of sorted")(spark => sortedTypes(spark).take(4))

  @Test def takeMoreThanExists(): Unit = checkSameResult("take(100) of 10 rows")(spark => sortedTypes(spark).take(100))

  @Test def isEmptyFalse(): Unit = checkSameResult("isEmpty on rows")(spark => types(spark).isEmpty)

  @Test def isEmptyTrue(): Unit = checkSameResult("isEmpty on no rows")(spark => types(spark).where(col("id") < 0).isEmpty)

  @Test def collectAsList(): Unit = checkSameResult("collectAsList of sorted")(spark => sortedTypes(spark).collectAsList())

  @Test def typedCollectOfRange(): Unit = checkSameResult("range(..).collect() as Longs")(spark => spark.range(-2, 5).collect())

  @Test def typedCaseClassCollect(): Unit = checkSameResult("as[Person].collect") { spark =>
    import spark.implicits._
    Seq(Person("ann", 30, Some(1.5)), Person("bob", 41, None)).toDF().orderBy("name").as[Person].collect()
  }

  @Test def columns(): Unit = checkSameResult("columns")(spark => types(spark).select(col("id"), col("i") + 1, col("s").as("t")).columns)

  @Test def dtypes(): Unit = checkSameResult("dtypes")(spark => types(spark).withColumn("x", col("dec") * col("i")).dtypes)

  @Test def schema(): Unit = checkSameResult("schema with nullability of computed columns") { spark =>
    spark.range(3).select(col("id"), col("id") + 1, lit(1), lit(null), col("id").cast("string"),
      (col("id") / 2).as("half"), coalesce(col("id"), lit(0))).schema
  }

  @Test def printSchema(): Unit = checkSameShow("printSchema")(spark => types(spark).printSchema())

  @Test def printSchemaLevel(): Unit = checkSameShow("printSchema(1) of a computed frame") { spark =>
    types(spark).select(col("id"), (col("dec") / 3).as("third"), col("s").isNull).printSchema(1)
  }

  @Test def showDefault(): Unit = checkSameShow("show()")(spark => sortedTypes(spark).show())

  @Test def showNumRows(): Unit = checkSameShow("show(3)")(spark => sortedTypes(spark).show(3))

  @Test def showNoTruncate(): Unit = checkSameShow("show(20, false)")(spark => sortedTypes(spark).show(20, truncate = false))

  @Test def showTruncateWidth(): Unit = checkSameShow("show(20, 5)")(spark => sortedTypes(spark).show(20, 5))

  @Test def showVertical(): Unit = checkSameShow("show(4, 0, true)")(spark => sortedTypes(spark).show(4, 0, vertical = true))

  @Test def showVerticalTruncated(): Unit = checkSameShow("show(2, 3, true)")(spark => sortedTypes(spark).show(2, 3, vertical = true))

  @Test def showWideUnicode(): Unit = checkSameShow("show of wide unicode and long strings") { spark =>
    import spark.implicits._
    Seq(("漢字漢字漢字", "😀😀"), ("a very long string that exceeds twenty characters", "é"), ("", null))
      .toDF("wide", "emoji").orderBy("wide").show()
  }

  @Test def showEmpty(): Unit = checkSameShow("show of no rows")(spark => types(spark).where(col("id") < 0).show())

  @Test def showNumbers(): Unit = checkSameShow("show of doubles, floats and decimals") { spark =>
    types(spark).select(col("id"), col("d"), col("f"), col("dec"), col("d") * 3, col("dec") / 7).orderBy("id").show()
  }

  @Test def takeZero(): Unit = checkSameResult("take(0)")(spark => sortedTypes(spark).take(0))

  @Test def showZeroRows(): Unit = checkSameShow("show(0)")(spark => sortedTypes(spark).show(0))

  @Test def showHostileNames(): Unit = checkSameShow("show with hostile column names") { spark =>
    types(spark).orderBy("id").select(col("id").as("a\"b"), col("s").as("x'; DROP"), col("dec").as("ünï 名")).show()
  }

  /** Dates and timestamps, top level and nested, collected with `spark.sql.datetime.java8API.enabled` = `value`. */
  private def collectDateTimes(spark: SparkSession, value: String): Array[org.apache.spark.sql.Row] = {
    val key = "spark.sql.datetime.java8API.enabled"
    spark.conf.set(key, value)
    try sortedTypes(spark).where(col("s").isNotNull)
      .select(col("id"), col("dt"), col("ts"), array(col("dt"), col("dt")).as("dates"),
        struct(col("ts"), col("dt")).as("pair"))
      .collect()
    finally spark.conf.unset(key)
  }

  @Test def collectJava8DateTimes(): Unit =
    checkSameResult("collect with spark.sql.datetime.java8API.enabled=true")(spark => collectDateTimes(spark, "true"))

  @Test def collectJavaSqlDateTimes(): Unit =
    checkSameResult("collect with spark.sql.datetime.java8API.enabled=false")(spark => collectDateTimes(spark, "false"))

  @Test def java8DateTimesUnsetGoesBackToJavaSql(): Unit = checkSameResult("java8API set then unset") { spark =>
    val key = "spark.sql.datetime.java8API.enabled"
    spark.conf.set(key, "true")
    spark.conf.unset(key)
    sortedTypes(spark).select("dt", "ts").collect()
  }
}
