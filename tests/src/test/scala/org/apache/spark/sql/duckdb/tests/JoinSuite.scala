package org.apache.spark.sql.duckdb.tests

import java.math.{BigDecimal => JBigDecimal}
import java.sql.{Date, Timestamp}

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{DataFrame, Row, SparkSession}
import org.apache.spark.sql.functions._
import org.apache.spark.sql.types.StructType

/**
 * Joins: every join type on conditions and on `usingColumns` (Spark's column order, key values and nullability),
 * null-safe equality, keys of mixed types, NaN and -0.0 keys, empty sides, and how references resolve in and above
 * joins (plan ids, aliases, self-joins, ambiguity, case-insensitivity).
 */
class JoinSuite extends DifferentialSuite {
  private def table(spark: SparkSession, ddl: String, rows: Row*): DataFrame =
    spark.createDataFrame(java.util.Arrays.asList(rows: _*), StructType.fromDDL(ddl))

  /** Duplicate keys (2), a null key, a key only on the left (5, 7), unicode and null values. */
  private def left(spark: SparkSession): DataFrame = table(spark, "id int, k int, v string",
    Row(1, 1, "a"), Row(2, 2, "b"), Row(3, 2, "c"), Row(4, null, "d"), Row(5, 5, "é漢😀"), Row(6, 7, null))

  /** Duplicate keys (2), a null key, a key only on the right (9). */
  private def right(spark: SparkSession): DataFrame = table(spark, "id int, k int, w string",
    Row(10, 1, "x"), Row(11, 2, "y"), Row(12, 2, "z"), Row(13, null, "n"), Row(14, 9, "q"))

  private def emptyRight(spark: SparkSession): DataFrame = right(spark).where(lit(false))

  private def types(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.typesPath)
  private def orders(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.ordersPath)
  private def lineitem(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.lineitemPath)

  private def onK(spark: SparkSession, joinType: String): DataFrame = {
    val (l, r) = (left(spark), right(spark))
    l.join(r, l("k") === r("k"), joinType)
  }

  // ---- join types on a condition ----

  @Test def innerOnCondition(): Unit = checkSame("inner join on l.k = r.k: duplicates multiply, null keys drop") {
    spark => onK(spark, "inner")
  }

  @Test def leftOuterOnCondition(): Unit = checkSame("left outer: unmatched and null-key left rows kept") {
    spark => onK(spark, "left")
  }

  @Test def rightOuterOnCondition(): Unit = checkSame("right outer: unmatched right rows kept") {
    spark => onK(spark, "right")
  }

  @Test def fullOuterOnCondition(): Unit = checkSame("full outer: both sides' unmatched rows") {
    spark => onK(spark, "full")
  }

  @Test def leftSemiOnCondition(): Unit = checkSame("left semi: left rows with a match, once each") {
    spark => onK(spark, "left_semi")
  }

  @Test def leftAntiOnCondition(): Unit = checkSame("left anti: left rows without match, null key included") {
    spark => onK(spark, "left_anti")
  }

  @Test def joinTypeOuter(): Unit = checkSame("join type \"outer\"") { spark => onK(spark, "outer") }

  @Test def joinTypeLeftOuterSpelled(): Unit = checkSame("join type \"leftouter\"") { spark => onK(spark, "leftouter") }

  @Test def joinTypeRightOuterSpelled(): Unit = checkSame("join type \"right_outer\"") { spark => onK(spark, "right_outer") }

  @Test def joinTypeSemi(): Unit = checkSame("join type \"semi\"") { spark => onK(spark, "semi") }

  @Test def joinTypeAnti(): Unit = checkSame("join type \"anti\"") { spark => onK(spark, "anti") }

  @Test def crossTypeWithCondition(): Unit = checkSame("join type cross with a condition is an inner join") {
    spark => onK(spark, "cross")
  }

  @Test def crossJoin(): Unit = checkSame("crossJoin: every pair") { spark => left(spark).crossJoin(right(spark)) }

  @Test def joinWithoutCondition(): Unit = checkSame("join(right) without condition: every pair") { spark =>
    left(spark).join(right(spark))
  }

  @Test def leftJoinWithoutCondition(): Unit = checkSame("left join on no columns: every pair") { spark =>
    left(spark).join(right(spark), Seq.empty[String], "left")
  }

  @Test def leftJoinWithoutConditionEmptyRight(): Unit = checkSame("left join on no columns, empty right") { spark =>
    left(spark).join(emptyRight(spark), Seq.empty[String], "left")
  }

  @Test def semiJoinWithoutCondition(): Unit = checkSame("semi join on no columns: all left rows") { spark =>
    left(spark).join(right(spark), Seq.empty[String], "left_semi")
  }

  @Test def antiJoinWithoutConditionEmptyRight(): Unit = checkSame("anti join on no columns, empty right") { spark =>
    left(spark).join(emptyRight(spark), Seq.empty[String], "left_anti")
  }

  @Test def crossJoinEmpty(): Unit = checkSame("crossJoin with an empty side") { spark =>
    left(spark).crossJoin(emptyRight(spark))
  }

  @Test def nonEquiCondition(): Unit = checkSame("join on l.k < r.k") { spark =>
    val (l, r) = (left(spark), right(spark))
    l.join(r, l("k") < r("k"))
  }

  @Test def orCondition(): Unit = checkSame("join on an OR of equalities") { spark =>
    val (l, r) = (left(spark), right(spark))
    l.join(r, l("k") === r("k") || l("id") + 9 === r("id"), "left")
  }

  @Test def conditionOnOneSide(): Unit = checkSame("left join on a condition over the left side only") { spark =>
    val (l, r) = (left(spark), right(spark))
    l.join(r, l("id") > 4, "left")
  }

  @Test def literalFalseCondition(): Unit = checkSame("full join on false") { spark =>
    left(spark).join(right(spark), lit(false), "full")
  }

  @Test def literalTrueCondition(): Unit = checkSame("anti join on true") { spark =>
    left(spark).join(right(spark), lit(true), "left_anti")
  }

  @Test def expressionKeys(): Unit = checkSame("join on computed keys: l.k + 1 = r.k") { spark =>
    val (l, r) = (left(spark), right(spark))
    l.join(r, l("k") + 1 === r("k"), "inner")
  }

  @Test def multiColumnCondition(): Unit = checkSame("join on two equalities") { spark =>
    val (l, r) = (left(spark), right(spark))
    l.join(r, l("k") === r("k") && l("id") < 3, "right")
  }

  @Test def conditionNotBoolean(): Unit = checkSameError("join condition of type int") { spark =>
    left(spark).join(right(spark), lit(1)).collect()
  }

  @Test def conditionUnresolved(): Unit = checkSameError("join condition with an unknown column") { spark =>
    left(spark).join(right(spark), col("nope") === 1).collect()
  }

  // ---- null-safe equality ----

  @Test def nullSafeInner(): Unit = checkSame("inner join on <=>: null keys match") { spark =>
    val (l, r) = (left(spark), right(spark))
    l.join(r, l("k") <=> r("k"))
  }

  @Test def nullSafeFull(): Unit = checkSame("full join on <=>") { spark =>
    val (l, r) = (left(spark), right(spark))
    l.join(r, l("k") <=> r("k"), "full")
  }

  @Test def nullSafeAnti(): Unit = checkSame("anti join on <=>: null key matched by right null") { spark =>
    val (l, r) = (left(spark), right(spark))
    l.join(r, l("k") <=> r("k"), "left_anti")
  }

  @Test def nullSafeSemi(): Unit = checkSame("semi join on <=>") { spark =>
    val (l, r) = (left(spark), right(spark))
    l.join(r, l("k") <=> r("k"), "left_semi")
  }

  // ---- keys of mixed types and special values ----

  @Test def intLongKeys(): Unit = checkSame("int key = long key") { spark =>
    val l = left(spark)
    val r = table(spark, "k long, w string", Row(1L, "one"), Row(2L, "two"), Row(3000000000L, "big"), Row(null, "n"))
    l.join(r, l("k") === r("k"), "full")
  }

  @Test def intDecimalKeys(): Unit = checkSame("int key = decimal key") { spark =>
    val l = left(spark)
    val r = table(spark, "k decimal(10,2), w string",
      Row(new JBigDecimal("1.00"), "one"), Row(new JBigDecimal("2.50"), "two.5"), Row(new JBigDecimal("5.00"), "five"))
    l.join(r, l("k") === r("k"))
  }

  @Test def decimalScaleKeys(): Unit = checkSame("decimal(10,2) = decimal(12,4)") { spark =>
    val l = table(spark, "k decimal(10,2)", Row(new JBigDecimal("1.10")), Row(new JBigDecimal("-0.50")), Row(null))
    val r = table(spark, "k decimal(12,4), w string",
      Row(new JBigDecimal("1.1000"), "a"), Row(new JBigDecimal("-0.5000"), "b"), Row(new JBigDecimal("1.1001"), "c"))
    l.join(r, l("k") === r("k"), "left")
  }

  @Test def doubleDecimalKeys(): Unit = checkSame("double = decimal") { spark =>
    val l = table(spark, "k double", Row(0.1), Row(2.5), Row(Double.NaN), Row(null))
    val r = table(spark, "k decimal(5,2)", Row(new JBigDecimal("0.10")), Row(new JBigDecimal("2.50")))
    l.join(r, l("k") === r("k"), "full")
  }

  @Test def nanAndNegativeZeroKeys(): Unit = checkSame("double keys: NaN = NaN, -0.0 = 0.0, originals kept") { spark =>
    val l = table(spark, "k double, v string", Row(Double.NaN, "nan"), Row(-0.0, "neg0"), Row(0.0, "pos0"),
      Row(Double.PositiveInfinity, "inf"), Row(null, "null"))
    val r = table(spark, "k double, w string", Row(Double.NaN, "NaN"), Row(0.0, "zero"), Row(-0.0, "negzero"),
      Row(Double.NegativeInfinity, "-inf"))
    l.join(r, l("k") === r("k"), "full")
  }

  @Test def nanAndNegativeZeroSemi(): Unit = checkSame("semi/anti with NaN and -0.0 keys") { spark =>
    val l = table(spark, "k double", Row(Double.NaN), Row(-0.0), Row(1.0), Row(null))
    val r = table(spark, "k double", Row(Double.NaN), Row(0.0))
    l.join(r, l("k") === r("k"), "left_semi")
  }

  @Test def nanAndNegativeZeroAnti(): Unit = checkSame("anti with NaN and -0.0 keys") { spark =>
    val l = table(spark, "k double", Row(Double.NaN), Row(-0.0), Row(1.0), Row(null))
    val r = table(spark, "k double", Row(Double.NaN), Row(0.0))
    l.join(r, l("k") === r("k"), "left_anti")
  }

  @Test def floatDoubleKeys(): Unit = checkSame("float key = double key") { spark =>
    val l = table(spark, "k float", Row(Float.NaN), Row(-0.0f), Row(1.5f), Row(0.1f))
    val r = table(spark, "k double", Row(Double.NaN), Row(0.0), Row(1.5), Row(0.1))
    l.join(r, l("k") === r("k"), "left")
  }

  @Test def nanKeysUsing(): Unit = checkSame("using join on double keys with NaN and -0.0") { spark =>
    val l = table(spark, "k double, v int", Row(Double.NaN, 1), Row(-0.0, 2), Row(null, 3))
    val r = table(spark, "k double, w int", Row(Double.NaN, 10), Row(0.0, 20), Row(null, 30))
    l.join(r, Seq("k"), "full")
  }

  @Test def stringKeysCaseAndUnicode(): Unit = checkSame("string keys compare exactly: case, unicode, spaces") { spark =>
    val l = table(spark, "s string", Row("a"), Row("A"), Row("é"), Row("e\u0301"), Row(" a"), Row(""), Row(null))
    val r = table(spark, "s string", Row("a"), Row("é"), Row(""), Row("漢字"))
    l.join(r, l("s") === r("s"), "full")
  }

  @Test def stringIntKeys(): Unit = checkSame("string key = int key (numeric strings)") { spark =>
    val l = table(spark, "s string", Row("1"), Row("2"), Row(" 3 "), Row(null))
    val r = table(spark, "k int", Row(1), Row(3), Row(4))
    l.join(r, l("s") === r("k"), "full")
  }

  @Test def dateTimestampKeys(): Unit = checkSame("date key cast to timestamp = timestamp key") { spark =>
    val l = table(spark, "d date", Row(Date.valueOf("2024-03-10")), Row(Date.valueOf("2024-11-03")), Row(null))
    val r = table(spark, "t timestamp", Row(Timestamp.valueOf("2024-03-10 00:00:00")),
      Row(Timestamp.valueOf("2024-11-03 00:00:01")))
    l.join(r, l("d").cast("timestamp") === r("t"), "left")
  }

  @Test def booleanKeys(): Unit = checkSame("boolean keys") { spark =>
    val l = table(spark, "b boolean, v int", Row(true, 1), Row(false, 2), Row(null, 3))
    val r = table(spark, "b boolean, w int", Row(true, 10), Row(true, 11), Row(null, 12))
    l.join(r, Seq("b"), "full")
  }

  @Test def typesTableSelfJoin(): Unit = checkSame("self-join of the types table on every column type") { spark =>
    val a = types(spark).as("a")
    val b = types(spark).as("b")
    a.join(b, col("a.d") === col("b.d") && col("a.s") <=> col("b.s") && col("a.dec") <=> col("b.dec"))
      .select(col("a.id"), col("b.id"), col("a.d"), col("b.s"))
  }

  @Test def typesTableKeysAcrossTypes(): Unit = checkSame("types table: byte key = long key, float = double") { spark =>
    val a = types(spark).as("a")
    val b = types(spark).as("b")
    a.join(b, col("a.by") === col("b.l") || col("a.f") === col("b.d"), "full").select(col("a.id"), col("b.id"))
  }

  // ---- using columns ----

  @Test def usingInner(): Unit = checkSame("using k: key first, then left, then right columns") { spark =>
    left(spark).drop("id").join(right(spark).drop("id"), "k")
  }

  @Test def usingKeyInTheMiddle(): Unit = checkSame("using: the key moves first") { spark =>
    val l = left(spark).select("v", "k", "id")
    val r = right(spark).select("w", "k").withColumnRenamed("w", "rw")
    l.join(r, Seq("k"))
  }

  @Test def usingLeft(): Unit = checkSame("using k, left: key from the left") { spark =>
    left(spark).drop("id").join(right(spark).drop("id"), Seq("k"), "left")
  }

  @Test def usingRight(): Unit = checkSame("using k, right: key from the right") { spark =>
    left(spark).drop("id").join(right(spark).drop("id"), Seq("k"), "right")
  }

  @Test def usingFull(): Unit = checkSame("using k, full: key is coalesce(l.k, r.k)") { spark =>
    left(spark).drop("id").join(right(spark).drop("id"), Seq("k"), "full")
  }

  @Test def usingSemi(): Unit = checkSame("using k, semi") { spark =>
    left(spark).join(right(spark).drop("id"), Seq("k"), "left_semi")
  }

  @Test def usingAnti(): Unit = checkSame("using k, anti") { spark =>
    left(spark).join(right(spark).drop("id"), Seq("k"), "left_anti")
  }

  @Test def usingTwoColumns(): Unit = checkSame("using (id, k) with duplicate names elsewhere") { spark =>
    val l = table(spark, "a int, b string, x int", Row(1, "p", 10), Row(1, "q", 11), Row(2, "p", 12), Row(null, "p", 13))
    val r = table(spark, "b string, a int, x int", Row("p", 1, 20), Row("q", 2, 21), Row("p", null, 22))
    l.join(r, Seq("a", "b"), "full")
  }

  @Test def usingCaseInsensitive(): Unit = checkSame("using \"K\" resolves k on both sides, named as the left's") {
    spark =>
      val r = right(spark).withColumnRenamed("k", "K")
      left(spark).drop("id").join(r.drop("id"), Seq("K"), "outer")
  }

  @Test def usingIntLongKeysInner(): Unit = checkSame("using int = long: inner keeps the left int") { spark =>
    val r = table(spark, "k long, w string", Row(1L, "one"), Row(2L, "two"), Row(9L, "nine"))
    left(spark).join(r, Seq("k"))
  }

  @Test def usingIntLongKeysRight(): Unit = checkSame("using int = long: right keeps the right long") { spark =>
    val r = table(spark, "k long, w string", Row(1L, "one"), Row(2L, "two"), Row(9L, "nine"))
    left(spark).join(r, Seq("k"), "right")
  }

  @Test def usingIntLongKeysFull(): Unit = checkSame("using int = long: full widens to long") { spark =>
    val r = table(spark, "k long, w string", Row(1L, "one"), Row(2L, "two"), Row(9L, "nine"), Row(null, "n"))
    left(spark).join(r, Seq("k"), "full")
  }

  @Test def usingDecimalDoubleFull(): Unit = checkSame("using decimal = double: full widens to double") { spark =>
    val l = table(spark, "k decimal(6,2), v int", Row(new JBigDecimal("1.50"), 1), Row(new JBigDecimal("2.00"), 2))
    val r = table(spark, "k double, w int", Row(1.5, 10), Row(3.0, 30))
    l.join(r, Seq("k"), "full")
  }

  @Test def usingUnknownLeft(): Unit = checkSameError("using a column missing on the left") { spark =>
    left(spark).join(right(spark).withColumnRenamed("k", "rk"), Seq("rk")).collect()
  }

  @Test def usingUnknownRight(): Unit = checkSameError("using a column missing on the right") { spark =>
    left(spark).join(right(spark), Seq("v")).collect()
  }

  @Test def usingNonNullableFull(): Unit = checkSame("using full over non-nullable keys: schema nullability") { spark =>
    spark.range(0, 5).join(spark.range(3, 8), Seq("id"), "full")
  }

  @Test def usingNonNullableRight(): Unit = checkSame("using right over non-nullable keys") { spark =>
    spark.range(0, 5).withColumn("a", col("id") * 2).join(spark.range(3, 8).withColumn("b", col("id")), Seq("id"), "right")
  }

  @Test def usingSelfJoin(): Unit = checkSame("df.join(df, \"k\")") { spark =>
    val l = left(spark)
    l.join(l, "k")
  }

  @Test def usingThenSelectByName(): Unit = checkSame("using join then select the key and a side column") { spark =>
    left(spark).join(right(spark).drop("id"), Seq("k"), "full").select("k", "w").where(col("k") > 1)
  }

  @Test def usingThenSelectLeftPlanId(): Unit = checkSame("using join then df1(\"k\") and df2(\"w\")") { spark =>
    val (l, r) = (left(spark), right(spark).drop("id"))
    l.join(r, Seq("k")).select(l("k"), l("id"), r("w"))
  }

  // ---- nullability of outer sides ----

  @Test def leftOuterNullability(): Unit = checkSame("left outer: right columns become nullable") { spark =>
    val (a, b) = (spark.range(0, 5), spark.range(3, 8).withColumn("x", lit(1)))
    a.join(b, a("id") === b("id"), "left")
  }

  @Test def rightOuterNullability(): Unit = checkSame("right outer: left columns become nullable") { spark =>
    val (a, b) = (spark.range(0, 5).withColumn("x", lit("s")), spark.range(3, 8))
    a.join(b, a("id") === b("id"), "right")
  }

  @Test def fullOuterNullability(): Unit = checkSame("full outer: both sides nullable") { spark =>
    val (a, b) = (spark.range(0, 5), spark.range(3, 8))
    a.join(b, a("id") === b("id"), "full")
  }

  @Test def innerAndSemiKeepNullability(): Unit = checkSame("inner and semi keep nullability") { spark =>
    val (a, b) = (spark.range(0, 5), spark.range(3, 8))
    a.join(b, a("id") === b("id"), "left_semi")
  }

  // ---- empty sides ----

  @Test def emptyRightInner(): Unit = checkSame("inner join with an empty right") { spark =>
    val (l, r) = (left(spark), emptyRight(spark))
    l.join(r, l("k") === r("k"))
  }

  @Test def emptyRightLeft(): Unit = checkSame("left join with an empty right") { spark =>
    val (l, r) = (left(spark), emptyRight(spark))
    l.join(r, l("k") === r("k"), "left")
  }

  @Test def emptyRightAnti(): Unit = checkSame("anti join with an empty right keeps every left row") { spark =>
    val (l, r) = (left(spark), emptyRight(spark))
    l.join(r, l("k") === r("k"), "left_anti")
  }

  @Test def emptyLeftFull(): Unit = checkSame("full join with an empty left") { spark =>
    val (l, r) = (left(spark).limit(0), right(spark))
    l.join(r, l("k") === r("k"), "full")
  }

  @Test def emptyBothUsing(): Unit = checkSame("using full join of two empty sides") { spark =>
    left(spark).limit(0).join(emptyRight(spark), Seq("k"), "full")
  }

  // ---- resolution ----

  @Test def planIdReferencesAfterJoin(): Unit = checkSame("select l(\"id\"), r(\"id\") after a join") { spark =>
    val (l, r) = (left(spark), right(spark))
    l.join(r, l("k") === r("k"), "full").select(l("id"), r("id"), l("k").as("lk"), r("k").as("rk"))
  }

  @Test def ambiguousUnqualified(): Unit = checkSameError("unqualified duplicate name above a join") { spark =>
    val (l, r) = (left(spark), right(spark))
    l.join(r, l("k") === r("k")).select("id").collect()
  }

  @Test def ambiguousInCondition(): Unit = checkSameError("unqualified duplicate name in the condition") { spark =>
    left(spark).join(right(spark), col("k") === 1).collect()
  }

  @Test def uniqueNameUnqualified(): Unit = checkSame("unqualified unique names above a join") { spark =>
    val (l, r) = (left(spark), right(spark))
    l.join(r, l("k") === r("k")).select("v", "w").where(col("W") =!= "y")
  }

  @Test def aliasQualifiers(): Unit = checkSame("col(\"a.k\") after .as(\"a\")") { spark =>
    left(spark).as("a").join(right(spark).as("b"), col("a.k") === col("b.k"), "left")
      .select(col("a.id"), col("b.id"), col("b.w"))
  }

  @Test def aliasQualifiersCaseInsensitive(): Unit = checkSame("qualifiers and names case-insensitive") { spark =>
    left(spark).as("Left").join(right(spark).as("r"), col("LEFT.K") === col("R.k"))
      .select(col("left.ID"), col("R.Id"))
  }

  @Test def selfJoinWithAliases(): Unit = checkSame("self-join with aliases: parent/child") { spark =>
    val l = left(spark)
    l.as("x").join(l.as("y"), col("x.k") === col("y.id"), "left").select(col("x.id"), col("y.id"), col("y.v"))
  }

  @Test def selfJoinSameColumn(): Unit = checkSame("df.join(df, df(\"k\") === df(\"k\")) joins left k to right k") {
    spark =>
      val l = left(spark)
      l.join(l, l("k") === l("k"))
  }

  @Test def selfJoinStar(): Unit = checkSame("self-join with aliases then a.* and b.v") { spark =>
    val l = left(spark)
    l.as("a").join(l.as("b"), col("a.id") === col("b.id") + 1).select(col("a.*"), col("b.v"))
  }

  @Test def filterAboveJoin(): Unit = checkSame("filter above a join referencing both sides") { spark =>
    val (l, r) = (left(spark), right(spark))
    l.join(r, l("k") === r("k"), "full").where(l("v").isNull || r("w") > "x")
  }

  @Test def derivedDatasetReference(): Unit = checkSame("reference through withColumn on the left") { spark =>
    val l = left(spark).withColumn("k2", col("k") * 2)
    val r = right(spark)
    l.join(r, l("k2") === r("k")).select(l("id"), l("k2"), r("w"))
  }

  @Test def threeWayJoin(): Unit = checkSame("three-way join with plan-id references") { spark =>
    val (a, b) = (left(spark), right(spark))
    val c = table(spark, "id int, z string", Row(10, "ten"), Row(11, "eleven"), Row(14, "fourteen"))
    a.join(b, a("k") === b("k")).join(c, b("id") === c("id"), "left").select(a("id"), b("id"), c("z"))
  }

  @Test def joinThenAggregate(): Unit = checkSame("join then groupBy and count") { spark =>
    val (l, r) = (left(spark), right(spark))
    l.join(r, l("k") === r("k"), "left").groupBy(l("k")).agg(count(r("id")).as("n"), max(r("w")).as("mw"))
  }

  @Test def joinThenOrderBy(): Unit = checkSame("join then orderBy", ordered = true) { spark =>
    val (l, r) = (left(spark), right(spark))
    l.join(r, l("k") === r("k"), "full").orderBy(l("id").desc_nulls_last, r("id"))
  }

  @Test def crossJoinThenFilter(): Unit = checkSame("crossJoin then filter on both sides") { spark =>
    val (l, r) = (left(spark), right(spark))
    l.crossJoin(r).where(l("k") === r("k") && r("w") =!= "z")
  }

  @Test def broadcastHint(): Unit = checkSame("broadcast(r) is a hint only") { spark =>
    val (l, r) = (left(spark), right(spark))
    l.join(broadcast(r), l("k") === r("k"), "left")
  }

  @Test def hintOnJoinedDataset(): Unit = checkSame("references through a hinted Dataset") { spark =>
    val l = left(spark)
    val r = right(spark).hint("shuffle_hash")
    l.join(r, l("k") === r("k")).select(l("v"), r("w"))
  }

  // ---- parquet inputs ----

  @Test def lineitemOrders(): Unit = checkSame("lineitem join orders on the order key") { spark =>
    val (l, o) = (lineitem(spark), orders(spark))
    l.join(o, l("l_orderkey") === o("o_orderkey")).where(col("o_orderstatus") === "F")
      .select("l_orderkey", "l_linenumber", "o_custkey", "l_extendedprice")
  }

  @Test def lineitemOrdersUsingRenamed(): Unit = checkSame("orders using join with a renamed key, then aggregate") {
    spark =>
      val o = orders(spark).withColumnRenamed("o_orderkey", "orderkey")
      val l = lineitem(spark).withColumnRenamed("l_orderkey", "orderkey")
      o.join(l, Seq("orderkey"), "left").groupBy("o_orderpriority").agg(sum("l_quantity"), count("l_linenumber"))
  }

  @Test def ordersAntiLineitem(): Unit = checkSame("orders without lineitems (anti)") { spark =>
    val (l, o) = (lineitem(spark), orders(spark))
    o.join(l, o("o_orderkey") === l("l_orderkey"), "left_anti")
  }
}
