package org.apache.spark.sql.duckdb.tests

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{DataFrame, Row, SparkSession}
import org.apache.spark.sql.functions._
import org.apache.spark.sql.types.StructType

/**
 * Nested value access (`col("a")(0)`, `getItem`, `getField`, `col("s.f")`, map lookups): Spark's 0-based array
 * indexes (INVALID_ARRAY_INDEX out of range, ANSI being Spark 4's default), NULL for absent map keys, case-insensitive
 * field names, output names (`a[0]`, `m[k]`, `s.f`), types and nullability.
 */
class NestedAccessSuite extends DifferentialSuite {
  private def table(spark: SparkSession, ddl: String, rows: Row*): DataFrame =
    spark.createDataFrame(java.util.Arrays.asList(rows: _*), StructType.fromDDL(ddl))

  private val ddl = "id int, a array<int>, an array<int>, s struct<Fa: int, b: string, inner: struct<x: double>>, " +
    "m map<string, int>, mi map<int, string>, arrs array<struct<f: int, g: string>>, i int"

  private def nested(spark: SparkSession): DataFrame = table(spark, ddl,
    Row(1, Seq(1, 2, 3), Seq(1, null), Row(1, "x", Row(1.5)), Map("k" -> 1, "z" -> null), Map(1 -> "one", 2 -> "two"),
      Seq(Row(1, "p"), Row(2, "q")), 0),
    Row(2, Seq(10), Seq(), Row(null, "é漢", null), Map("k" -> 2), Map(3 -> "three"), Seq(Row(3, null), null), 1),
    Row(3, null, null, null, null, null, null, null),
    Row(4, Seq(7, 8), Seq(null, null), Row(4, null, Row(-0.0)), Map.empty[String, Int], Map.empty[Int, String],
      Seq(), 2))

  /** Rows whose arrays are long enough for index 0 (row 3 has NULLs). */
  private def nonEmpty(spark: SparkSession): DataFrame = nested(spark).where(col("id") =!= 2 || col("id").isNull)

  // ---- arrays ----

  @Test def arrayItem(): Unit = checkSame("a(0), a.getItem(1) on rows with two or more items: a[0], a[1]") {
    spark => nested(spark).where(col("id").isin(1, 3, 4)).select(col("id"), col("a")(0), col("a").getItem(1))
  }

  @Test def arrayItemOfNullArray(): Unit = checkSame("an item of a NULL array is NULL") {
    spark => nested(spark).where(col("id") === 3).select(col("a")(5))
  }

  @Test def arrayItemNullElement(): Unit = checkSame("a NULL element") {
    spark => nested(spark).where(col("id") === 1).select(col("an")(1))
  }

  @Test def arrayIndexOutOfRange(): Unit = checkSameError("index past the end: INVALID_ARRAY_INDEX") {
    spark => nested(spark).select(col("a")(2))
  }

  @Test def arrayNegativeIndex(): Unit = checkSameError("negative index: INVALID_ARRAY_INDEX") {
    spark => nested(spark).select(col("a")(-1))
  }

  @Test def arrayItemOfEmpty(): Unit = checkSameError("index 0 of an empty array: INVALID_ARRAY_INDEX") {
    spark => nested(spark).where(col("id") === 2).select(col("an")(0))
  }

  @Test def arrayItemByColumn(): Unit = checkSame("a(i) with an index column") {
    spark => nested(spark).where(col("id").isin(1, 3)).select(col("id"), col("a")(col("i")))
  }

  @Test def arrayItemByLong(): Unit = checkSame("a(1L): a bigint index") {
    spark => nested(spark).where(col("id") === 1).select(col("a")(lit(1L)))
  }

  @Test def arrayItemByNull(): Unit = checkSame("a(NULL) is NULL") {
    spark => nested(spark).select(col("a")(lit(null).cast("int")))
  }

  @Test def arrayItemByString(): Unit = checkSameError("a(\"x\"): a string index is a type error") {
    spark => nested(spark).select(col("a")("x"))
  }

  @Test def literalArrayItem(): Unit = checkSame("array(1, 2)(1): nullability from the array's elements") {
    spark => nested(spark).select(array(lit(1), lit(2))(1), array(lit(1), lit(null))(0))
  }

  @Test def arrayItemInFilter(): Unit = checkSame("filter on a(0)") {
    spark => nonEmpty(spark).where(col("a")(0) > 1).select("id")
  }

  @Test def arrayItemGroupBy(): Unit = checkSame("group by arrs(0)") {
    spark => nested(spark).where(col("id") =!= 4).groupBy(col("arrs")(0)).count()
  }

  // ---- structs ----

  @Test def structGetField(): Unit = checkSame("s.getField(\"b\"), s(\"b\"): named s.b") {
    spark => nested(spark).select(col("s").getField("b"), col("s")("b"))
  }

  @Test def structFieldCaseInsensitive(): Unit = checkSame("s.getField(\"fa\") and col(\"s.FA\"): names as written") {
    spark => nested(spark).select(col("s").getField("fa"), col("s.FA"), col("s").getItem("FA"))
  }

  @Test def structNestedField(): Unit = checkSame("s(\"inner\")(\"x\") and col(\"s.inner.x\")") {
    spark => nested(spark).select(col("s")("inner")("x"), col("s.inner.x"), col("s.inner")("x"))
  }

  @Test def structMissingField(): Unit = checkSameError("a missing field: FIELD_NOT_FOUND") {
    spark => nested(spark).select(col("s").getField("nope"))
  }

  @Test def extractFromInt(): Unit = checkSameError("extracting from an int: INVALID_EXTRACT_BASE_FIELD_TYPE") {
    spark => nested(spark).select(col("id")(0))
  }

  @Test def structFieldInStruct(): Unit = checkSame("struct(s(\"b\")): the field keeps the extracted name") {
    spark => nested(spark).select(struct(col("s")("b"), col("s.Fa")))
  }

  // ---- arrays of structs ----

  @Test def arrayOfStructsField(): Unit = checkSame("arrs(\"f\") and col(\"arrs.g\"): the field of every element") {
    spark => nested(spark).select(col("arrs")("f"), col("arrs.g"))
  }

  @Test def arrayOfStructsItemField(): Unit = checkSame("arrs(0)(\"g\")") {
    spark => nested(spark).where(col("id") =!= 4).select(col("arrs")(0)("g"))
  }

  // ---- maps ----

  @Test def mapLookup(): Unit = checkSame("m(\"k\"), m.getItem(\"z\") (a NULL value), m(\"absent\"): named m[k]") {
    spark => nested(spark).select(col("id"), col("m")("k"), col("m").getItem("z"), col("m")("absent"))
  }

  @Test def mapIntKeys(): Unit = checkSame("mi(1), mi(3L): keys cast to the map's key type") {
    spark => nested(spark).select(col("mi")(1), col("mi")(lit(3L)))
  }

  @Test def mapNullKey(): Unit = checkSame("a NULL key finds nothing") {
    spark => nested(spark).select(col("m")(lit(null).cast("string")))
  }

  @Test def mapLookupByColumn(): Unit = checkSame("mi(i + 1): a key column") {
    spark => nested(spark).select(col("id"), col("mi")(col("i") + 1))
  }

  @Test def mapInFilter(): Unit = checkSame("filter on m(\"k\")") {
    spark => nested(spark).where(col("m")("k") === 2).select("id")
  }

  @Test def mapLookupInStruct(): Unit = checkSame("struct(m(\"k\")): the field is col1") {
    spark => nested(spark).select(struct(col("m")("k")))
  }

  // ---- withField / dropFields ----

  @Test def withFieldAdds(): Unit = checkSame("withField adds a field last: named update_fields(s, WithField(2))") {
    spark => nested(spark).select(col("id"), col("s").withField("c", lit(2)))
  }

  @Test def withFieldReplaces(): Unit = checkSame("withField replaces a field matched case-insensitively, in place") {
    spark => nested(spark).select(col("s").withField("B", col("id") * 10))
  }

  @Test def withFieldChained(): Unit = checkSame("two withField in a row print as one update_fields") {
    spark => nested(spark).select(col("s").withField("c", lit(1)).withField("d", lit("x")))
  }

  @Test def withFieldNested(): Unit = checkSame("withField(\"inner.y\", ...) updates the nested struct") {
    spark => nested(spark).select(col("s").withField("inner.y", col("id")))
  }

  @Test def dropFieldsOne(): Unit = checkSame("dropFields(\"b\")") {
    spark => nested(spark).select(col("s").dropFields("b"))
  }

  @Test def dropFieldsSeveral(): Unit = checkSame("dropFields(\"b\", \"FA\")") {
    spark => nested(spark).select(col("s").dropFields("b", "FA"))
  }

  @Test def dropFieldsMissing(): Unit = checkSame("dropFields of a missing field changes nothing") {
    spark => nested(spark).select(col("s").dropFields("nope"))
  }

  @Test def dropAllFields(): Unit = checkSameError("dropping every field: CANNOT_DROP_ALL_FIELDS") {
    spark => nested(spark).select(col("s").dropFields("b", "fa", "inner"))
  }

  @Test def withFieldOnInt(): Unit = checkSameError("withField on an int") {
    spark => nested(spark).select(col("id").withField("a", lit(1)))
  }

  @Test def withFieldMissingPath(): Unit = checkSameError("withField through a missing struct: FIELD_NOT_FOUND") {
    spark => nested(spark).select(col("s").withField("zz.y", lit(1)))
  }

  @Test def withFieldThenGet(): Unit = checkSame("withField then getField") {
    spark => nested(spark).select(col("s").withField("c", col("id")).getField("c").as("c"))
  }

  @Test def nestedShow(): Unit = checkSameShow("show() of nested values") {
    spark => nested(spark).select(col("id"), col("s")("b"), col("m")("k"), col("arrs")("f")).orderBy("id").show()
  }
}
