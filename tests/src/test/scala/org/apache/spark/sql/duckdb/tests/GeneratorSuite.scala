package org.apache.spark.sql.duckdb.tests

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{DataFrame, Row, SparkSession}
import org.apache.spark.sql.functions._
import org.apache.spark.sql.types.{ArrayType, IntegerType, MapType, StringType, StructField, StructType}

/** Generators in projections: explode, posexplode, inline and their _outer forms (Spark's Generate). */
class GeneratorSuite extends DifferentialSuite {
  private def table(spark: SparkSession, ddl: String, rows: Row*): DataFrame =
    spark.createDataFrame(java.util.Arrays.asList(rows: _*), StructType.fromDDL(ddl))

  /** Arrays and maps with nulls, empties and null elements. */
  private def nested(spark: SparkSession): DataFrame = table(spark,
    "id int, a array<int>, s array<string>, m map<string, int>, st array<struct<x: int, y: string>>",
    Row(1, Seq(1, 2, 3), Seq("a b", "c"), Map("k1" -> 1, "k2" -> 2), Seq(Row(1, "p"), Row(2, "q"))),
    Row(2, Seq(), Seq(), Map(), Seq()),
    Row(3, null, null, null, null),
    Row(4, Seq(null, 5), Seq(null, "z"), Map("k3" -> null), Seq(null, Row(null, "r"))),
    Row(5, Seq(7), Seq("only"), Map("k4" -> 4), Seq(Row(3, null))))

  /** Arrays whose elements can not be null (non-nullable outputs). */
  private def strict(spark: SparkSession): DataFrame = spark.createDataFrame(
    java.util.Arrays.asList(Row(1, Seq(1, 2), Map("a" -> 1)), Row(2, Seq(), Map()), Row(3, null, null)),
    StructType(Seq(StructField("id", IntegerType), StructField("a", ArrayType(IntegerType, containsNull = false)),
      StructField("m", MapType(StringType, IntegerType, valueContainsNull = false)))))

  // ---- explode ----

  @Test def explodeArray(): Unit = checkSame("explode(array) with other columns") { spark =>
    nested(spark).select(col("id"), explode(col("a")))
  }

  @Test def explodeArrayAliased(): Unit = checkSame("explode(array).as(name), generator first") { spark =>
    nested(spark).select(explode(col("s")).as("word"), col("id"))
  }

  @Test def explodeOuterArray(): Unit = checkSame("explode_outer keeps null and empty arrays as one null row") {
    spark => nested(spark).select(col("id"), explode_outer(col("a")).as("v"))
  }

  @Test def explodeMap(): Unit = checkSame("explode(map): key and value") { spark =>
    nested(spark).select(col("id"), explode(col("m")))
  }

  @Test def explodeOuterMap(): Unit = checkSame("explode_outer(map)") { spark =>
    nested(spark).select(col("id"), explode_outer(col("m")))
  }

  @Test def explodeMapMultiAlias(): Unit = checkSame("explode(map).as(Seq(k, v))") { spark =>
    nested(spark).select(explode(col("m")).as(Seq("k", "v")), col("id"))
  }

  @Test def explodeNonNullableElements(): Unit = checkSame("explode of non-null elements: non-nullable output") {
    spark => strict(spark).select(col("id"), explode(col("a")), col("m"))
  }

  @Test def explodeNonNullableMap(): Unit = checkSame("explode of a map with non-null values") { spark =>
    strict(spark).select(explode(col("m")))
  }

  @Test def explodeOuterNonNullable(): Unit = checkSame("explode_outer makes outputs nullable") { spark =>
    strict(spark).select(col("id"), explode_outer(col("a")))
  }

  @Test def explodeArrayOfStructs(): Unit = checkSame("explode of an array of structs") { spark =>
    nested(spark).select(col("id"), explode(col("st")).as("e"))
  }

  @Test def explodeNestedArray(): Unit = checkSame("explode of an array of arrays, then again") { spark =>
    val once = nested(spark).select(col("id"), explode(array(col("a"), col("a"))).as("inner"))
    once.select(col("id"), explode(col("inner")).as("v"))
  }

  @Test def explodeComputedArray(): Unit = checkSame("explode of an array built from columns") { spark =>
    spark.range(4).select(col("id"), explode(array(col("id"), col("id") * 10, lit(null).cast("long"))))
  }

  @Test def explodeSplitWordCount(): Unit = checkSame("word count: explode(split(...)) then groupBy") { spark =>
    table(spark, "line string", Row("the quick brown fox"), Row("the lazy dog"), Row(null), Row(""))
      .select(explode(split(col("line"), " ")).as("word"))
      .groupBy("word").count()
  }

  @Test def explodeWithStar(): Unit = checkSame("select(*, explode(...))") { spark =>
    nested(spark).select(col("*"), explode(col("a")).as("e")).drop("m", "st")
  }

  @Test def explodeThenFilterAndSort(): Unit = checkSame("explode, filter on the output, sort") { spark =>
    nested(spark).select(col("id"), explode(col("a")).as("v")).filter(col("v") > 1).orderBy(col("v"), col("id"))
  }

  @Test def explodeExpressionOverInput(): Unit = checkSame("other items are expressions over the input") { spark =>
    nested(spark).select((col("id") * 2).as("twice"), explode(col("s")), upper(col("id").cast("string")))
  }

  @Test def explodeLiteralArray(): Unit = checkSame("explode of a literal array") { spark =>
    spark.range(2).select(col("id"), explode(array(lit("x"), lit("y"))))
  }

  @Test def explodeThenAggregate(): Unit = checkSame("sum of exploded values per id") { spark =>
    nested(spark).select(col("id"), explode(col("a")).as("v")).groupBy("id").agg(sum("v"), count(lit(1)))
  }

  // ---- posexplode ----

  @Test def posexplodeArray(): Unit = checkSame("posexplode(array): pos and col") { spark =>
    nested(spark).select(col("id"), posexplode(col("a")))
  }

  @Test def posexplodeAliases(): Unit = checkSame("posexplode(array).as(Seq(p, v))") { spark =>
    nested(spark).select(col("id"), posexplode(col("s")).as(Seq("p", "v")))
  }

  @Test def posexplodeOuter(): Unit = checkSame("posexplode_outer(array)") { spark =>
    nested(spark).select(col("id"), posexplode_outer(col("a")))
  }

  @Test def posexplodeMap(): Unit = checkSame("posexplode(map): pos, key, value") { spark =>
    nested(spark).select(col("id"), posexplode(col("m")))
  }

  @Test def posexplodeOuterMap(): Unit = checkSame("posexplode_outer(map)") { spark =>
    nested(spark).select(col("id"), posexplode_outer(col("m")))
  }

  @Test def posexplodeStrict(): Unit = checkSame("posexplode of non-null elements") { spark =>
    strict(spark).select(posexplode(col("a")), col("id"))
  }

  // ---- inline ----

  @Test def inlineStructs(): Unit = checkSame("inline(array<struct>): one column per field") { spark =>
    nested(spark).select(col("id"), inline(col("st")))
  }

  @Test def inlineOuterStructs(): Unit = checkSame("inline_outer") { spark =>
    nested(spark).select(col("id"), inline_outer(col("st")))
  }

  @Test def inlineAliases(): Unit = checkSame("inline(...).as(Seq(a, b))") { spark =>
    nested(spark).select(inline(col("st")).as(Seq("first", "second")))
  }

  @Test def inlineBuiltStructs(): Unit = checkSame("inline of an array of structs built from columns") { spark =>
    spark.range(3).select(inline(array(struct(col("id").as("a"), (col("id") + 1).as("b")),
      struct(lit(0L).as("a"), (col("id") * 2).as("b")))))
  }

  // ---- withColumn ----

  @Test def withColumnExplode(): Unit = checkSame("withColumn(new, explode(...))") { spark =>
    nested(spark).drop("m", "st").withColumn("v", explode(col("a")))
  }

  @Test def withColumnExplodeReplaces(): Unit = checkSame("withColumn(existing, explode(...)) replaces it in place") {
    spark => nested(spark).drop("m", "st").withColumn("a", explode(col("a")))
  }

  @Test def withColumnExplodeOuter(): Unit = checkSame("withColumn(new, explode_outer(...))") { spark =>
    nested(spark).select(col("id"), col("s")).withColumn("w", explode_outer(col("s")))
  }

  // ---- errors ----

  @Test def nestedGeneratorFails(): Unit = checkSameError("a generator inside an expression") { spark =>
    nested(spark).select(explode(col("a")) + 1)
  }

  @Test def twoGenerators(): Unit = checkSame("two generators in one select: every pair per row") { spark =>
    nested(spark).select(col("id"), explode(col("a")), posexplode(col("s")))
  }

  @Test def twoGeneratorsOuter(): Unit = checkSame("explode_outer twice") { spark =>
    nested(spark).select(col("id"), explode_outer(col("a")).as("x"), explode_outer(col("m")))
  }

  @Test def aliasCountMismatch(): Unit = checkSameError("one alias for a two-column generator") { spark =>
    nested(spark).select(explode(col("m")).as("x"))
  }

  @Test def withColumnOfMapExplodeFails(): Unit = checkSameError("withColumn of explode(map) (two columns)") { spark =>
    nested(spark).withColumn("x", explode(col("m")))
  }

  @Test def explodeOfScalarFails(): Unit = checkSameError("explode of an int") { spark =>
    nested(spark).select(explode(col("id")))
  }

  @Test def inlineOfIntArrayFails(): Unit = checkSameError("inline of an array of ints") { spark =>
    nested(spark).select(inline(col("a")))
  }

  @Test def generatorInFilterFails(): Unit = checkSameError("a generator in a filter") { spark =>
    nested(spark).filter(explode(col("a")) > 1)
  }
}
