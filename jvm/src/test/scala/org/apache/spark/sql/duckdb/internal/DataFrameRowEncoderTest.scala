package org.apache.spark.sql.duckdb.internal

import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.Test

import org.apache.spark.sql.catalyst.encoders.{AgnosticEncoder, RowEncoder => SparkRowEncoder}
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoders._
import org.apache.spark.sql.types._

/** DataFrameRowEncoder builds what Spark's RowEncoder builds (Spark's default conf: java.sql dates/timestamps).
 *  CHAR/VARCHAR are not here: Spark has no encoder for them by default (they go to Spark's, failing the same way). */
class DataFrameRowEncoderTest {
  private val metadata = new MetadataBuilder().putString("comment", "kept").build()
  private val every = StructType(Seq(
    StructField("n", NullType), StructField("b", BooleanType, nullable = false), StructField("by", ByteType),
    StructField("sh", ShortType), StructField("i", IntegerType), StructField("l", LongType),
    StructField("f", FloatType), StructField("d", DoubleType), StructField("dec", DecimalType(38, 18)),
    StructField("bin", BinaryType), StructField("s", StringType, nullable = true, metadata),
    StructField("ts", TimestampType), StructField("ntz", TimestampNTZType), StructField("dt", DateType),
    StructField("ci", CalendarIntervalType), StructField("dti", DayTimeIntervalType(0, 3)),
    StructField("ymi", YearMonthIntervalType(0, 1)), StructField("lcase", StringType("UTF8_LCASE")),
    StructField("arr", ArrayType(DateType, containsNull = false)),
    StructField("m", MapType(StringType, ArrayType(TimestampType), valueContainsNull = false)),
    StructField("st", StructType(Seq(StructField("x", DecimalType(5, 2)), StructField("y", DateType)))),
    StructField("empty", StructType(Nil))))

  @Test def sameAsSparkWithItsDefaults(): Unit = {
    assertEquals(SparkRowEncoder.encoderFor(every), DataFrameRowEncoder.forSchema(every, java8DateTimes = false))
    assertEquals(SparkRowEncoder.encoderFor(StructType(Nil)), DataFrameRowEncoder.forSchema(StructType(Nil), false))
  }

  @Test def java8DateTimesEverywhere(): Unit = {
    val RowEncoder(fields) = DataFrameRowEncoder.forSchema(every, java8DateTimes = true)
    def field(name: String): AgnosticEncoder[_] = fields.find(_.name == name).get.enc
    assertEquals(InstantEncoder(false), field("ts"))
    assertEquals(LocalDateEncoder(false), field("dt"))
    assertEquals(LocalDateTimeEncoder, field("ntz"))
    assertEquals(LocalDateEncoder(false), field("arr").asInstanceOf[IterableEncoder[_, _]].element)
    assertEquals(InstantEncoder(false),
      field("m").asInstanceOf[MapEncoder[_, _, _]].valueEncoder.asInstanceOf[IterableEncoder[_, _]].element)
    val RowEncoder(nested) = field("st")
    assertEquals(LocalDateEncoder(false), nested(1).enc)
    assertEquals(Some(metadata), fields.find(_.name == "s").map(_.metadata))
  }
}
