package org.apache.spark.sql.duckdb

import scala.jdk.CollectionConverters._

import org.apache.spark.connect.proto
import org.apache.spark.sql.Row
import org.apache.spark.sql.catalyst.util.{SparkDateTimeUtils, SparkIntervalUtils}
import org.apache.spark.sql.types._
import org.apache.spark.unsafe.types.CalendarInterval

/**
 * A literal value (from `lit`, `typedLit`, hints, `na.fill`, ...) → `proto.Expression.Literal`. With a known data
 * type the value is encoded as that type; otherwise the type is inferred from the value as Spark's `lit` does.
 * Complex literals (array, map, struct) and nulls carry their full `data_type`.
 */
private[duckdb] object LiteralToProto {

  def apply(value: Any, dataType: Option[DataType]): proto.Expression.Literal =
    encode(value, dataType.getOrElse(inferType(value)))

  def apply(value: Any): proto.Expression.Literal = apply(value, None)

  /** Spark `lit`'s type inference for a value without a declared type. */
  def inferType(value: Any): DataType = value match {
    case null => NullType
    case _: Boolean => BooleanType
    case _: Byte => ByteType
    case _: Short => ShortType
    case _: Int => IntegerType
    case _: Long => LongType
    case _: Float => FloatType
    case _: Double => DoubleType
    case _: String | _: Char => StringType
    case d: java.math.BigDecimal => decimalTypeOf(Decimal(d))
    case d: scala.math.BigDecimal => decimalTypeOf(Decimal(d))
    case d: Decimal => decimalTypeOf(d)
    case _: Array[Byte] => BinaryType
    case _: java.sql.Date | _: java.time.LocalDate => DateType
    case _: java.sql.Timestamp | _: java.time.Instant => TimestampType
    case _: java.time.LocalDateTime => TimestampNTZType
    case _: java.time.Duration => DayTimeIntervalType()
    case _: java.time.Period => YearMonthIntervalType()
    case _: CalendarInterval => CalendarIntervalType
    case a: Array[_] => ArrayType(componentType(a.getClass.getComponentType))
    case other =>
      throw new IllegalArgumentException(
        s"[UNSUPPORTED_FEATURE.LITERAL_TYPE] The feature is not supported: Literal for '$other' of ${other.getClass}.")
  }

  private def decimalTypeOf(d: Decimal): DecimalType =
    DecimalType(math.max(d.precision, d.scale), d.scale)

  private def componentType(cls: Class[_]): DataType = cls match {
    case java.lang.Boolean.TYPE => BooleanType
    case _ if cls == classOf[java.lang.Boolean] => BooleanType
    case java.lang.Byte.TYPE => ByteType
    case java.lang.Short.TYPE => ShortType
    case java.lang.Integer.TYPE => IntegerType
    case java.lang.Long.TYPE => LongType
    case java.lang.Float.TYPE => FloatType
    case java.lang.Double.TYPE => DoubleType
    case _ if cls == classOf[java.lang.Byte] => ByteType
    case _ if cls == classOf[java.lang.Short] => ShortType
    case _ if cls == classOf[java.lang.Integer] => IntegerType
    case _ if cls == classOf[java.lang.Long] => LongType
    case _ if cls == classOf[java.lang.Float] => FloatType
    case _ if cls == classOf[java.lang.Double] => DoubleType
    case _ if cls == classOf[String] => StringType
    case _ if cls == classOf[java.math.BigDecimal] => DecimalType.SYSTEM_DEFAULT
    case _ if cls == classOf[java.sql.Date] || cls == classOf[java.time.LocalDate] => DateType
    case _ if cls == classOf[java.sql.Timestamp] || cls == classOf[java.time.Instant] => TimestampType
    case _ if cls == classOf[java.time.LocalDateTime] => TimestampNTZType
    case _ if cls == classOf[Array[Byte]] => BinaryType
    case _ if cls.isArray => ArrayType(componentType(cls.getComponentType))
    case _ =>
      throw new IllegalArgumentException(
        s"[UNSUPPORTED_FEATURE.LITERAL_TYPE] The feature is not supported: Literal for array of $cls.")
  }

  /** `value` as a literal of `dataType`. */
  def encode(value: Any, dataType: DataType): proto.Expression.Literal = {
    val b = proto.Expression.Literal.newBuilder()
    if (value == null || dataType == NullType) {
      return b.setNull(DataTypeToProto(dataType)).setDataType(DataTypeToProto(dataType)).build()
    }
    (dataType, value) match {
      case (BooleanType, v: Boolean) => b.setBoolean(v)
      case (ByteType, v: Byte) => b.setByte(v.toInt)
      case (ShortType, v: Short) => b.setShort(v.toInt)
      case (IntegerType, v: Int) => b.setInteger(v)
      case (LongType, v: Long) => b.setLong(v)
      case (FloatType, v: Float) => b.setFloat(v)
      case (DoubleType, v: Double) => b.setDouble(v)
      case (d: DecimalType, v) =>
        val decimal = v match {
          case x: java.math.BigDecimal => Decimal(x)
          case x: scala.math.BigDecimal => Decimal(x)
          case x: Decimal => x
          case x: java.math.BigInteger => Decimal(x)
          case x: scala.math.BigInt => Decimal(x)
          case x: Long => Decimal(x)
          case x: Int => Decimal(x.toLong)
          case other => mismatch(other, dataType)
        }
        b.getDecimalBuilder.setValue(decimal.toJavaBigDecimal.toPlainString)
          .setPrecision(d.precision).setScale(d.scale)
      case (_: StringType, v) => b.setString(v.toString)
      case (BinaryType, v: Array[Byte]) => b.setBinary(com.google.protobuf.ByteString.copyFrom(v))
      case (DateType, v: java.sql.Date) => b.setDate(SparkDateTimeUtils.fromJavaDate(v))
      case (DateType, v: java.time.LocalDate) => b.setDate(SparkDateTimeUtils.localDateToDays(v))
      case (TimestampType, v: java.sql.Timestamp) => b.setTimestamp(SparkDateTimeUtils.fromJavaTimestamp(v))
      case (TimestampType, v: java.time.Instant) => b.setTimestamp(SparkDateTimeUtils.instantToMicros(v))
      case (TimestampNTZType, v: java.time.LocalDateTime) =>
        b.setTimestampNtz(SparkDateTimeUtils.localDateTimeToMicros(v))
      case (_: DayTimeIntervalType, v: java.time.Duration) =>
        b.setDayTimeInterval(SparkIntervalUtils.durationToMicros(v))
      case (_: YearMonthIntervalType, v: java.time.Period) =>
        b.setYearMonthInterval(SparkIntervalUtils.periodToMonths(v))
      case (CalendarIntervalType, v: CalendarInterval) =>
        b.getCalendarIntervalBuilder.setMonths(v.months).setDays(v.days).setMicroseconds(v.microseconds)
      case (ArrayType(elementType, _), v) =>
        val ab = b.getArrayBuilder
        elements(v).foreach(e => ab.addElements(encode(e, elementType)))
        b.setDataType(DataTypeToProto(dataType))
      case (MapType(keyType, valueType, _), v) =>
        val entries: Iterable[(Any, Any)] = v match {
          case m: scala.collection.Map[_, _] => m.asInstanceOf[scala.collection.Map[Any, Any]]
          case m: java.util.Map[_, _] => m.asInstanceOf[java.util.Map[Any, Any]].asScala
          case other => mismatch(other, dataType)
        }
        val mb = b.getMapBuilder
        entries.foreach { case (k, x) =>
          mb.addKeys(encode(k, keyType))
          mb.addValues(encode(x, valueType))
        }
        b.setDataType(DataTypeToProto(dataType))
      case (StructType(fields), v) =>
        val values: Seq[Any] = v match {
          case r: Row => r.toSeq
          case p: Product => p.productIterator.toSeq
          case other => mismatch(other, dataType)
        }
        if (values.length != fields.length) mismatch(v, dataType)
        val sb = b.getStructBuilder
        fields.zip(values).foreach { case (f, x) => sb.addElements(encode(x, f.dataType)) }
        b.setDataType(DataTypeToProto(dataType))
      case _ => mismatch(value, dataType)
    }
    b.build()
  }

  private def elements(v: Any): Iterable[Any] = v match {
    case a: Array[_] => a.toSeq
    case s: scala.collection.Iterable[_] => s
    case l: java.util.List[_] => l.asScala
    case other => throw new IllegalArgumentException(s"Not an array value: $other")
  }

  private def mismatch(value: Any, dataType: DataType): Nothing =
    throw new IllegalArgumentException(
      s"[UNSUPPORTED_FEATURE.LITERAL_TYPE] The feature is not supported: Literal for '$value' of " +
        s"${value.getClass} as ${dataType.sql}.")
}
