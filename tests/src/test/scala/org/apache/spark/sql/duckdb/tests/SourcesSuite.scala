package org.apache.spark.sql.duckdb.tests

import java.math.{BigDecimal => JBigDecimal}
import java.sql.{Date, Timestamp}

import scala.jdk.CollectionConverters._

import org.junit.jupiter.api.Test

import org.apache.spark.sql.Row
import org.apache.spark.sql.functions._
import org.apache.spark.sql.types._

case class Person(name: String, age: Int, score: Option[Double])

/** Where data comes from: range, local data of every type, Parquet. */
class SourcesSuite extends DifferentialSuite {

  @Test def rangeEnd(): Unit = checkSame("range(10)")(_.range(10))

  @Test def rangeStartEndStep(): Unit = checkSame("range(3, 40, 7)")(_.range(3, 40, 7))

  @Test def rangeNegativeStep(): Unit = checkSame("range(10, -10, -3)")(_.range(10, -10, -3))

  @Test def rangeEmpty(): Unit = checkSame("range(5, 5)")(_.range(5, 5))

  @Test def rangeWithPartitions(): Unit = checkSame("range(0, 100, 1, 4)")(_.range(0, 100, 1, 4))

  @Test def rangeNearLongLimits(): Unit =
    checkSame("range near Long.MaxValue")(_.range(Long.MaxValue - 3, Long.MaxValue))

  @Test def tuplesToDF(): Unit = checkSame("Seq of tuples toDF") { spark =>
    import spark.implicits._
    Seq((1, "a", 1.5, true), (2, "b", -0.0, false), (3, null, Double.NaN, true)).toDF("i", "s", "d", "b")
  }

  @Test def tuplesToDFDefaultNames(): Unit = checkSame("Seq of tuples toDF without names") { spark =>
    import spark.implicits._
    Seq((1L, 2.toShort, 3.toByte, 4.5f)).toDF()
  }

  @Test def caseClassesToDF(): Unit = checkSame("case classes toDF with Option") { spark =>
    import spark.implicits._
    Seq(Person("ann", 30, Some(1.5)), Person("bob", 41, None), Person("été 😀", 0, Some(Double.NaN))).toDF()
  }

  @Test def primitivesToDS(): Unit = checkSame("Seq[Int].toDS") { spark =>
    import spark.implicits._
    Seq(3, 1, 2, Int.MinValue, Int.MaxValue).toDS()
  }

  private val everyTypeSchema = StructType(Seq(
    StructField("by", ByteType), StructField("sh", ShortType), StructField("i", IntegerType),
    StructField("l", LongType), StructField("f", FloatType), StructField("d", DoubleType),
    StructField("dec", DecimalType(12, 2)), StructField("bigdec", DecimalType(38, 10)),
    StructField("s", StringType), StructField("b", BooleanType), StructField("bin", BinaryType),
    StructField("dt", DateType), StructField("ts", TimestampType), StructField("nn", IntegerType, nullable = false)))

  private val everyTypeRows = Seq(
    Row(1.toByte, 2.toShort, 3, 4L, 5.5f, 6.25, new JBigDecimal("7.89"), new JBigDecimal("1234567890123456789012345678.0123456789"),
      "text", true, Array[Byte](0, 1, -1), Date.valueOf("2024-02-29"), Timestamp.valueOf("2024-07-01 00:00:00"), 1),
    Row(null, null, null, null, null, null, null, null, null, null, null, null, null, 2),
    Row(Byte.MinValue, Short.MinValue, Int.MinValue, Long.MinValue, Float.MinValue, Double.MinValue,
      new JBigDecimal("-9999999999.99"), new JBigDecimal("-0.0000000001"), "", false, Array.emptyByteArray,
      Date.valueOf("0001-01-01"), Timestamp.valueOf("1969-12-31 23:59:59.999999"), 3))

  @Test def createDataFrameEveryType(): Unit = checkSame("createDataFrame(rows, schema) of every type") { spark =>
    spark.createDataFrame(everyTypeRows.asJava, everyTypeSchema)
  }

  @Test def createDataFrameEmpty(): Unit = checkSame("createDataFrame of no rows") { spark =>
    spark.createDataFrame(Seq.empty[Row].asJava, everyTypeSchema)
  }

  @Test def localUnicodeAndQuotes(): Unit = checkSame("local strings with unicode and quotes") { spark =>
    import spark.implicits._
    Seq("it's", "say \"hi\"", "back\\slash", "漢字", "😀 emoji", "", " ", "\u0000nul", "line\nbreak").toDF("s")
  }

  @Test def parquetTypes(): Unit = checkSame("read.parquet of every type")(_.read.parquet(SharedTestData.typesPath))

  @Test def parquetTimestampMicros(): Unit =
    checkSame("read.parquet with TIMESTAMP_MICROS timestamps")(_.read.parquet(SharedTestData.typesMicrosPath))

  @Test def parquetTimestampMicrosFieldsInSessionZone(): Unit = checkSame("TIMESTAMP_MICROS timestamps cast to string") { spark =>
    spark.read.parquet(SharedTestData.typesMicrosPath).select(col("id"), col("ts").cast("string"), col("ts").cast("date"))
  }

  @Test def parquetColumnSubsetAndOrder(): Unit = checkSame("select parquet columns in a different order") { spark =>
    spark.read.parquet(SharedTestData.typesPath).select("s", "id", "dec", "b")
  }

  @Test def parquetOrders(): Unit = checkSame("read.parquet orders sorted by key") { spark =>
    spark.read.parquet(SharedTestData.ordersPath).orderBy("o_orderkey")
  }

  @Test def parquetLineitem(): Unit = checkSame("read.parquet lineitem")(_.read.parquet(SharedTestData.lineitemPath))

  @Test def parquetSelectFilter(): Unit = checkSame("parquet select + filter") { spark =>
    spark.read.parquet(SharedTestData.lineitemPath)
      .where(col("l_quantity") > 25 && col("l_returnflag") === "R")
      .select("l_orderkey", "l_linenumber", "l_extendedprice", "l_shipdate")
  }

  @Test def parquetTimestampsAsStrings(): Unit = checkSame("parquet timestamps and dates cast to string") { spark =>
    spark.read.parquet(SharedTestData.typesPath)
      .select(col("id"), col("ts").cast("string").as("ts_text"), col("dt").cast("string").as("dt_text"))
  }
}
