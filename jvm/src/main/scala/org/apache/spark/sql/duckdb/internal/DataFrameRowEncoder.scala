package org.apache.spark.sql.duckdb.internal

import scala.collection.mutable
import scala.reflect.classTag

import org.apache.spark.sql.Row
import org.apache.spark.sql.catalyst.encoders.{AgnosticEncoder, RowEncoder => SparkRowEncoder}
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoders._
import org.apache.spark.sql.types._

/**
 * The encoder of a DataFrame's rows for a result schema: the mapping of Spark's `RowEncoder.encoderFor(schema)`,
 * made here because Spark's consults `SqlApiConf`, which initializes Spark classic's whole SQLConf (and spark-core,
 * with a host name lookup) whenever spark-sql is on the classpath: most of the time of a session's first action.
 * Dates and timestamps follow the sparkduck session's `spark.sql.datetime.java8API.enabled`, as Spark's follow its
 * session's. Leaf types whose encoder depends on more than that (char/varchar, collated strings, user-defined,
 * variant, time, spatial) take Spark's own.
 */
private[duckdb] object DataFrameRowEncoder {
  val Java8DateTimeKey = "spark.sql.datetime.java8API.enabled"

  def forSchema(schema: StructType, java8DateTimes: Boolean): AgnosticEncoder[Row] =
    forType(schema, java8DateTimes).asInstanceOf[AgnosticEncoder[Row]]

  private def forType(dataType: DataType, java8: Boolean): AgnosticEncoder[_] = dataType match {
    case NullType => NullEncoder
    case BooleanType => BoxedBooleanEncoder
    case ByteType => BoxedByteEncoder
    case ShortType => BoxedShortEncoder
    case IntegerType => BoxedIntEncoder
    case LongType => BoxedLongEncoder
    case FloatType => BoxedFloatEncoder
    case DoubleType => BoxedDoubleEncoder
    case d: DecimalType => JavaDecimalEncoder(d, lenientSerialization = true)
    case BinaryType => BinaryEncoder
    case s: StringType if s eq StringType => StringEncoder
    case TimestampType => if (java8) InstantEncoder(false) else TimestampEncoder(false)
    case TimestampNTZType => LocalDateTimeEncoder
    case DateType => if (java8) LocalDateEncoder(false) else DateEncoder(false)
    case CalendarIntervalType => CalendarIntervalEncoder
    case _: DayTimeIntervalType => DayTimeIntervalEncoder
    case _: YearMonthIntervalType => YearMonthIntervalEncoder
    case ArrayType(element, containsNull) =>
      IterableEncoder(classTag[mutable.ArraySeq[_]], forType(element, java8), containsNull,
        lenientSerialization = true)
    case MapType(key, value, valueContainsNull) =>
      MapEncoder(classTag[scala.collection.Map[_, _]], forType(key, java8), forType(value, java8), valueContainsNull)
    case StructType(fields) =>
      RowEncoder(fields.toSeq.map(f => EncoderField(f.name, forType(f.dataType, java8), f.nullable, f.metadata)))
    case other => SparkRowEncoder.encoderForDataType(other, false)
  }
}
