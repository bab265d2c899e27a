package org.apache.spark.sql.duckdb

import org.apache.spark.connect.proto
import org.apache.spark.sql.types._

/** Spark `DataType` → Spark Connect `proto.DataType` (casts, null literals, `Dataset.to(schema)`). */
private[duckdb] object DataTypeToProto {

  def apply(dataType: DataType): proto.DataType = {
    val b = proto.DataType.newBuilder()
    dataType match {
      case NullType => b.setNull(proto.DataType.NULL.getDefaultInstance)
      case BooleanType => b.setBoolean(proto.DataType.Boolean.getDefaultInstance)
      case ByteType => b.setByte(proto.DataType.Byte.getDefaultInstance)
      case ShortType => b.setShort(proto.DataType.Short.getDefaultInstance)
      case IntegerType => b.setInteger(proto.DataType.Integer.getDefaultInstance)
      case LongType => b.setLong(proto.DataType.Long.getDefaultInstance)
      case FloatType => b.setFloat(proto.DataType.Float.getDefaultInstance)
      case DoubleType => b.setDouble(proto.DataType.Double.getDefaultInstance)
      case d: DecimalType =>
        b.setDecimal(proto.DataType.Decimal.newBuilder().setPrecision(d.precision).setScale(d.scale))
      // Char/varchar before string: they are StringType subclasses in Spark 4.
      case c: CharType => b.setChar(proto.DataType.Char.newBuilder().setLength(c.length))
      case v: VarcharType => b.setVarChar(proto.DataType.VarChar.newBuilder().setLength(v.length))
      case s: StringType =>
        val sb = proto.DataType.String.newBuilder()
        // Only a non-default collation travels, as Spark Connect does.
        if (s.collationId != StringType.collationId) sb.setCollation(s.typeName.stripPrefix("string collate "))
        b.setString(sb)
      case BinaryType => b.setBinary(proto.DataType.Binary.getDefaultInstance)
      case DateType => b.setDate(proto.DataType.Date.getDefaultInstance)
      case TimestampType => b.setTimestamp(proto.DataType.Timestamp.getDefaultInstance)
      case TimestampNTZType => b.setTimestampNtz(proto.DataType.TimestampNTZ.getDefaultInstance)
      case CalendarIntervalType => b.setCalendarInterval(proto.DataType.CalendarInterval.getDefaultInstance)
      case YearMonthIntervalType(start, end) =>
        b.setYearMonthInterval(proto.DataType.YearMonthInterval.newBuilder().setStartField(start).setEndField(end))
      case DayTimeIntervalType(start, end) =>
        b.setDayTimeInterval(proto.DataType.DayTimeInterval.newBuilder().setStartField(start).setEndField(end))
      case ArrayType(elementType, containsNull) =>
        b.setArray(proto.DataType.Array.newBuilder().setElementType(apply(elementType)).setContainsNull(containsNull))
      case MapType(keyType, valueType, valueContainsNull) =>
        b.setMap(proto.DataType.Map.newBuilder()
          .setKeyType(apply(keyType)).setValueType(apply(valueType)).setValueContainsNull(valueContainsNull))
      case StructType(fields) =>
        val sb = proto.DataType.Struct.newBuilder()
        fields.foreach { f =>
          val fb = proto.DataType.StructField.newBuilder()
            .setName(f.name).setDataType(apply(f.dataType)).setNullable(f.nullable)
          if (f.metadata != Metadata.empty) fb.setMetadata(f.metadata.json)
          sb.addFields(fb)
        }
        b.setStruct(sb)
      case VariantType => b.setVariant(proto.DataType.Variant.getDefaultInstance)
      case other => NotSupportedYet(s"data type ${other.sql}")
    }
    b.build()
  }
}
