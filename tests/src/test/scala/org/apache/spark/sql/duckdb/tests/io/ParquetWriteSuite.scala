package org.apache.spark.sql.duckdb.tests.io

import java.io.File
import java.math.{BigDecimal => JBigDecimal}
import java.sql.{Date, Timestamp}
import java.time.LocalDateTime

import scala.jdk.CollectionConverters._

import org.junit.jupiter.api.Assertions.{assertEquals, assertTrue}
import org.junit.jupiter.api.Test

import org.apache.spark.sql.{Row, SaveMode, SparkSession}
import org.apache.spark.sql.duckdb.tests.SharedTestData
import org.apache.spark.sql.functions._
import org.apache.spark.sql.types._

/** `df.write` to Parquet: each engine writes, Spark classic reads both outputs back. */
class ParquetWriteSuite extends IoSuite {
  private val everyTypeSchema = StructType(Seq(
    StructField("by", ByteType), StructField("sh", ShortType), StructField("i", IntegerType),
    StructField("l", LongType), StructField("f", FloatType), StructField("d", DoubleType),
    StructField("dec", DecimalType(12, 2)), StructField("bigdec", DecimalType(38, 10)),
    StructField("s", StringType), StructField("b", BooleanType), StructField("bin", BinaryType),
    StructField("dt", DateType), StructField("ts", TimestampType)))

  private val everyTypeRows = Seq(
    Row(1.toByte, 2.toShort, 3, 4L, 5.5f, 6.25, new JBigDecimal("7.89"), new JBigDecimal("1234567890123456789012345678.0123456789"),
      "text", true, Array[Byte](0, 1, -1), Date.valueOf("2024-02-29"), Timestamp.valueOf("2024-07-01 00:00:00")),
    Row(null, null, null, null, null, null, null, null, null, null, null, null, null),
    Row(Byte.MinValue, Short.MinValue, Int.MinValue, Long.MinValue, Float.NaN, Double.NegativeInfinity,
      new JBigDecimal("-9999999999.99"), new JBigDecimal("-0.0000000001"), "", false, Array.emptyByteArray,
      Date.valueOf("0001-01-01"), Timestamp.valueOf("1969-12-31 23:59:59.999999")),
    Row(Byte.MaxValue, Short.MaxValue, Int.MaxValue, Long.MaxValue, -0.0f, -0.0, new JBigDecimal("0.00"),
      new JBigDecimal("0E-10"), "unicode é 漢字 😀 \"q\" 'a' \\ ,;\n", null, Array[Byte](127), Date.valueOf("9999-12-31"),
      Timestamp.valueOf("2024-11-03 01:30:00")))

  private def everyType(s: SparkSession) = s.createDataFrame(everyTypeRows.asJava, everyTypeSchema)

  private val kvSchema = StructType(Seq(StructField("k", StringType), StructField("n", IntegerType), StructField("v", DoubleType)))
  private val kvRows = Seq(Row("a", 1, 1.5), Row("a", 2, 2.5), Row("b c", 1, null), Row("x/y:z=%#", 3, -1.0),
    Row(null, 4, 0.0), Row("", 5, 9.0), Row("été", 6, 7.0))
  private def kv(s: SparkSession) = s.createDataFrame(kvRows.asJava, kvSchema)

  @Test def everyTypeRoundTrip(): Unit = checkSameWrite("every type")((s, p) => everyType(s).write.parquet(p))

  @Test def rangeRoundTrip(): Unit = checkSameWrite("range")((s, p) => s.range(1000).write.parquet(p))

  @Test def emptyRoundTrip(): Unit = checkSameWrite("no rows", compareLayout = false) { (s, p) =>
    everyType(s).where(lit(false)).write.parquet(p)
  }

  @Test def saveWithFormat(): Unit = checkSameWrite("format(parquet).save")((s, p) => kv(s).write.format("parquet").save(p))

  @Test def defaultFormatSave(): Unit = checkSameWrite("save without format")((s, p) => kv(s).write.save(p))

  @Test def gzip(): Unit = checkSameWrite("compression gzip")((s, p) => kv(s).write.option("compression", "gzip").parquet(p))

  @Test def zstd(): Unit = checkSameWrite("compression zstd")((s, p) => kv(s).write.option("compression", "zstd").parquet(p))

  @Test def uncompressed(): Unit = checkSameWrite("compression none")((s, p) => kv(s).write.option("compression", "none").parquet(p))

  @Test def snappyExplicit(): Unit = checkSameWrite("compression snappy")((s, p) => kv(s).write.option("compression", "snappy").parquet(p))

  @Test def uncompressedName(): Unit =
    checkSameWrite("compression uncompressed")((s, p) => kv(s).write.option("compression", "uncompressed").parquet(p))

  @Test def partitionByString(): Unit = checkSameWrite("partitionBy a string with escapes, null, empty") { (s, p) =>
    kv(s).write.partitionBy("k").parquet(p)
  }

  @Test def partitionByInt(): Unit = checkSameWrite("partitionBy an int")((s, p) => kv(s).write.partitionBy("n").parquet(p))

  @Test def partitionByTwo(): Unit = checkSameWrite("partitionBy two columns")((s, p) => kv(s).write.partitionBy("n", "k").parquet(p))

  @Test def partitionByDate(): Unit = checkSameWrite("partitionBy a date") { (s, p) =>
    everyType(s).select("dt", "i").write.partitionBy("dt").parquet(p)
  }

  @Test def partitionByBoolean(): Unit = checkSameWrite("partitionBy a boolean") { (s, p) =>
    everyType(s).select("b", "s").write.partitionBy("b").parquet(p)
  }

  @Test def partitionByLong(): Unit = checkSameWrite("partitionBy a long") { (s, p) =>
    s.range(10).select((col("id") % 3 * 3000000000L).as("g"), col("id")).write.partitionBy("g").parquet(p)
  }

  @Test def nestedTypes(): Unit = checkSameWrite("arrays, maps and structs") { (s, p) =>
    s.range(5).select(col("id"), array(col("id"), lit(null).cast("long")).as("arr"),
      struct(col("id").as("x"), lit("y").as("y")).as("st")).write.parquet(p)
  }

  @Test def mapsFromLocalData(): Unit = checkSameWrite("maps") { (s, p) =>
    import s.implicits._
    Seq((1L, Map("a" -> 1L, "b" -> 2L)), (2L, Map.empty[String, Long]), (3L, null)).toDF("id", "m").write.parquet(p)
  }

  @Test def timestampNtz(): Unit = checkSameWrite("timestamp_ntz") { (s, p) =>
    import s.implicits._
    Seq(LocalDateTime.parse("2024-03-10T02:30:00"), LocalDateTime.parse("1900-01-01T00:00:00.000001")).toDF("t").write.parquet(p)
  }

  @Test def unicodeAndSpacedNames(): Unit = checkSameWrite("column names with spaces and unicode") { (s, p) =>
    s.range(3).select(col("id").as("with space"), col("id").cast("string").as("名前")).write.parquet(p)
  }

  @Test def maxRecordsPerFile(): Unit = checkSameWrite("maxRecordsPerFile", compareLayout = false) { (s, p) =>
    s.range(10).write.option("maxRecordsPerFile", "3").parquet(p)
  }

  @Test def maxRecordsPerFileSplits(): Unit = {
    val path = freshPath()
    candidate.range(10).write.option("maxRecordsPerFile", "3").parquet(path)
    val parts = new File(path).listFiles().count(_.getName.startsWith("part-"))
    assertEquals(4, parts, "10 rows at 3 per file")
    checkSame("read maxRecordsPerFile output")(_.read.parquet(path))
  }

  @Test def fromParquetQuery(): Unit = checkSameWrite("read, filter, aggregate, write") { (s, p) =>
    s.read.parquet(SharedTestData.lineitemPath).where(col("l_quantity") > 10)
      .groupBy("l_returnflag", "l_linestatus").agg(sum("l_extendedprice").as("total"), count(lit(1)).as("n"))
      .write.parquet(p)
  }

  @Test def partitionedFromQuery(): Unit = checkSameWrite("partitioned output of a query") { (s, p) =>
    s.read.parquet(SharedTestData.ordersPath).select("o_orderkey", "o_orderstatus", "o_totalprice")
      .write.partitionBy("o_orderstatus").parquet(p)
  }

  @Test def overwriteReplaces(): Unit = checkSameWrite("overwrite replaces the previous output") { (s, p) =>
    kv(s).write.parquet(p)
    s.range(3).write.mode("overwrite").parquet(p)
  }

  @Test def overwriteEnum(): Unit = checkSameWrite("mode(SaveMode.Overwrite)") { (s, p) =>
    s.range(7).write.parquet(p)
    kv(s).write.mode(SaveMode.Overwrite).parquet(p)
  }

  @Test def appendAdds(): Unit = checkSameWrite("append adds files") { (s, p) =>
    kv(s).write.parquet(p)
    kv(s).where(col("n") > 2).write.mode("append").parquet(p)
  }

  @Test def appendToMissing(): Unit = checkSameWrite("append to a missing path creates it")((s, p) => kv(s).write.mode("append").parquet(p))

  @Test def appendPartitioned(): Unit = checkSameWrite("append to a partitioned output") { (s, p) =>
    kv(s).write.partitionBy("n").parquet(p)
    kv(s).write.mode("append").partitionBy("n").parquet(p)
  }

  @Test def ignoreKeepsExisting(): Unit = checkSameWrite("ignore keeps the existing output") { (s, p) =>
    kv(s).write.parquet(p)
    s.range(3).write.mode("ignore").parquet(p)
  }

  @Test def ignoreWritesMissing(): Unit = checkSameWrite("ignore writes a missing path")((s, p) => kv(s).write.mode("ignore").parquet(p))

  @Test def errorIfExists(): Unit = {
    val path = freshPath()
    classic.range(1).write.parquet(path)
    checkSameError("default mode on an existing path")(_.range(3).write.parquet(path))
  }

  @Test def errorIfExistsExplicit(): Unit = {
    val path = freshPath()
    classic.range(1).write.parquet(path)
    checkSameError("mode error on an existing path")(_.range(3).write.mode("error").parquet(path))
  }

  @Test def duplicateColumns(): Unit = checkSameError("duplicate column names") { s =>
    s.range(2).select(col("id").as("a"), col("id").as("A")).write.parquet(freshPath())
  }

  @Test def unknownWriteFormat(): Unit = checkSameError("unknown write format")(_.range(2).write.format("nosuchformat").save(freshPath()))

  @Test def writtenOutputReadBySparkduck(): Unit = {
    val path = freshPath()
    candidate.range(20).select(col("id"), (col("id") % 3).as("g")).write.partitionBy("g").parquet(path)
    checkSame("both engines read sparkduck's partitioned output")(_.read.parquet(path))
  }

  @Test def failedOverwriteKeepsPreviousData(): Unit = {
    val path = freshPath()
    candidate.range(5).write.parquet(path)
    val before = layout(path)
    // The query fails while it runs (ANSI division by zero): nothing of it may reach the target.
    val failed = scala.util.Try(candidate.range(100).select((lit(1) / (col("id") - 50)).as("x")).write.mode("overwrite").parquet(path))
    assertTrue(failed.isFailure, "the write must fail")
    assertEquals(before, layout(path))
    checkSame("previous data intact after a failed overwrite")(_.read.parquet(path))
    val name = new File(path).getName
    val leftovers = new File(path).getParentFile.listFiles().map(_.getName)
      .filter(n => n.startsWith(s".sparkduck-staging-$name-") || n.startsWith(s".sparkduck-trash-$name-"))
    assertEquals(Seq.empty[String], leftovers.toSeq, "no staging directories left behind")
  }

  @Test def failedWriteLeavesNothing(): Unit = {
    val path = freshPath()
    val failed = scala.util.Try(candidate.range(100).select((lit(1) / (col("id") - 50)).as("x")).write.parquet(path))
    assertTrue(failed.isFailure, "the write must fail")
    assertTrue(!new File(path).exists(), "no output at the target after a failed write")
  }
}
