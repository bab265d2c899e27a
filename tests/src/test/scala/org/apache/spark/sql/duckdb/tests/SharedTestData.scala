package org.apache.spark.sql.duckdb.tests

import java.io.File
import java.math.{BigDecimal => JBigDecimal}
import java.nio.file.Files
import java.sql.{Date, Timestamp}

import scala.jdk.CollectionConverters._

import org.apache.spark.sql.Row
import org.apache.spark.sql.types._

/**
 * Parquet files written once per test JVM by Spark classic into a temporary directory, read by both engines with
 * `spark.read.parquet(path)`. The values are inputs only: expected results always come from Spark classic.
 */
object SharedTestData {
  lazy val directory: File = {
    val dir = Files.createTempDirectory("sparkduck-tests-").toFile
    sys.addShutdownHook(deleteRecursively(dir))
    dir
  }

  private def deleteRecursively(f: File): Unit = {
    Option(f.listFiles()).foreach(_.foreach(deleteRecursively))
    f.delete()
  }

  private def write(name: String, rows: Seq[Row], schema: StructType): String = {
    val path = new File(directory, name).getAbsolutePath
    TestSessions.classic.createDataFrame(rows.asJava, schema).coalesce(2).write.parquet(path)
    path
  }

  /** One column per common type; every column but `id` has nulls; doubles have NaN, -0.0 and infinities. */
  val typesSchema: StructType = StructType(Seq(
    StructField("id", IntegerType, nullable = false),
    StructField("by", ByteType),
    StructField("sh", ShortType),
    StructField("i", IntegerType),
    StructField("l", LongType),
    StructField("f", FloatType),
    StructField("d", DoubleType),
    StructField("dec", DecimalType(12, 2)),
    StructField("s", StringType),
    StructField("b", BooleanType),
    StructField("dt", DateType),
    StructField("ts", TimestampType)))

  private def dec(text: String) = new JBigDecimal(text)

  val typesRows: Seq[Row] = Seq(
    Row(0, 1.toByte, 10.toShort, 1, 10L, 1.5f, 1.5, dec("12.34"), "alpha", true,
      Date.valueOf("2024-01-15"), Timestamp.valueOf("2024-01-15 10:11:12.123456")),
    Row(1, -1.toByte, -10.toShort, -7, -3000000000L, -0.0f, -0.0, dec("-0.50"), "quote's \"dq\" back\\slash", false,
      Date.valueOf("1969-12-31"), Timestamp.valueOf("1969-12-31 23:59:59.5")),
    Row(2, null, null, null, null, null, null, null, null, null, null, null),
    Row(3, Byte.MaxValue, Short.MaxValue, Int.MaxValue, Long.MaxValue, Float.NaN, Double.NaN, dec("9999999999.99"),
      "unicode: é 漢字 😀", true, Date.valueOf("2000-02-29"), Timestamp.valueOf("2024-11-03 01:30:00")),
    Row(4, Byte.MinValue, Short.MinValue, Int.MinValue, Long.MinValue, Float.NegativeInfinity, Double.NegativeInfinity,
      dec("-9999999999.99"), "", false, Date.valueOf("1900-01-01"), Timestamp.valueOf("2024-03-10 03:30:00")),
    Row(5, 0.toByte, 0.toShort, 0, 0L, 0.0f, 0.0, dec("0.00"), "  padded  ", null,
      Date.valueOf("2024-02-29"), Timestamp.valueOf("2000-01-01 00:00:00")),
    Row(6, 42.toByte, 42.toShort, 42, 42L, Float.PositiveInfinity, Double.PositiveInfinity, dec("42.00"),
      "tab\there\nnewline", true, Date.valueOf("2038-01-19"), Timestamp.valueOf("2038-01-19 03:14:07")),
    Row(7, 7.toByte, null, 3, 3L, 2.5f, 1e300, dec("0.01"), "x'; DROP TABLE t; --", null, null,
      Timestamp.valueOf("1970-01-01 00:00:00.000001")),
    Row(8, null, 8.toShort, 3, null, 1e-10f, 1e-10, null, "alpha", false, Date.valueOf("2024-01-15"), null),
    Row(9, 9.toByte, 9.toShort, null, 9L, -2.5f, -2.5, dec("-2.50"), null, true, null,
      Timestamp.valueOf("2024-01-15 10:11:12.123456")))

  /** Written with Spark's default Parquet timestamp encoding (INT96). */
  lazy val typesPath: String = write("types", typesRows, typesSchema)

  /** The same rows with timestamps as Parquet TIMESTAMP(MICROS, adjusted to UTC). */
  lazy val typesMicrosPath: String = {
    val conf = TestSessions.classic.conf
    val key = "spark.sql.parquet.outputTimestampType"
    val before = conf.getOption(key)
    conf.set(key, "TIMESTAMP_MICROS")
    try write("types_micros", typesRows, typesSchema)
    finally before.fold(conf.unset(key))(conf.set(key, _))
  }

  val ordersSchema: StructType = StructType(Seq(
    StructField("o_orderkey", LongType, nullable = false),
    StructField("o_custkey", LongType),
    StructField("o_orderstatus", StringType),
    StructField("o_totalprice", DecimalType(12, 2)),
    StructField("o_orderdate", DateType),
    StructField("o_orderpriority", StringType)))

  val lineitemSchema: StructType = StructType(Seq(
    StructField("l_orderkey", LongType, nullable = false),
    StructField("l_partkey", LongType),
    StructField("l_linenumber", IntegerType),
    StructField("l_quantity", DecimalType(12, 2)),
    StructField("l_extendedprice", DecimalType(12, 2)),
    StructField("l_discount", DecimalType(12, 2)),
    StructField("l_tax", DecimalType(12, 2)),
    StructField("l_returnflag", StringType),
    StructField("l_linestatus", StringType),
    StructField("l_shipdate", DateType),
    StructField("l_comment", StringType)))

  private val orderCount = 150

  /** Deterministic (fixed seed) TPC-H-like rows; a few nulls in non-key columns. */
  lazy val ordersRows: Seq[Row] = {
    val random = new scala.util.Random(19)
    (1 to orderCount).map { key =>
      Row(key.toLong, (random.nextInt(40) + 1).toLong, Seq("O", "F", "P")(random.nextInt(3)),
        if (key % 37 == 0) null else JBigDecimal.valueOf(random.nextInt(50000000) + 100, 2),
        Date.valueOf(java.time.LocalDate.of(1992, 1, 1).plusDays(random.nextInt(2400))),
        Seq("1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW")(random.nextInt(5)))
    }
  }

  lazy val lineitemRows: Seq[Row] = {
    val random = new scala.util.Random(23)
    (1 to orderCount).flatMap { order =>
      (1 to (random.nextInt(7) + 1)).map { line =>
        val quantity = random.nextInt(50) + 1
        Row(order.toLong, (random.nextInt(200) + 1).toLong, line,
          JBigDecimal.valueOf(quantity * 100L, 2),
          JBigDecimal.valueOf(quantity.toLong * (random.nextInt(100000) + 90000), 2),
          JBigDecimal.valueOf(random.nextInt(11), 2),
          JBigDecimal.valueOf(random.nextInt(9), 2),
          Seq("A", "N", "R")(random.nextInt(3)), Seq("O", "F")(random.nextInt(2)),
          if ((order + line) % 41 == 0) null
          else Date.valueOf(java.time.LocalDate.of(1992, 1, 2).plusDays(random.nextInt(2500))),
          if (line % 5 == 0) null else s"comment ${random.alphanumeric.take(random.nextInt(20)).mkString}")
      }
    }
  }

  lazy val ordersPath: String = write("orders", ordersRows, ordersSchema)
  lazy val lineitemPath: String = write("lineitem", lineitemRows, lineitemSchema)
}
