package org.apache.spark.sql.duckdb.internal

import java.io.ByteArrayOutputStream
import java.math.{BigDecimal => JBigDecimal, RoundingMode}
import java.nio.channels.Channels
import java.nio.charset.StandardCharsets.UTF_8

import scala.jdk.CollectionConverters._

import com.google.protobuf.ByteString
import org.apache.arrow.memory.RootAllocator
import org.apache.arrow.vector._
import org.apache.arrow.vector.complex.{ListVector, MapVector, StructVector}
import org.apache.arrow.vector.ipc.ArrowStreamWriter

import org.apache.spark.connect.proto
import org.apache.spark.sql.Row
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoder
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoders._
import org.apache.spark.sql.catalyst.util.{SparkDateTimeUtils, SparkIntervalUtils}
import org.apache.spark.sql.types._
import org.apache.spark.sql.util.ArrowUtils

object LocalData {
  /** Local data as a LocalRelation: Arrow IPC stream bytes + the Spark schema as JSON. */
  def fromObjects[T](data: Seq[T], encoder: AgnosticEncoder[T]): proto.LocalRelation = {
    if (encoder.isStruct) {
      fromRowIterator(data.iterator.map(v => ObjectsToRows.toRow(encoder, v)), encoder.schema)
    } else {
      // A non-struct value becomes one column named "value" (Spark's rule for Seq[Int].toDF etc.).
      fromRowIterator(data.iterator.map(v => Row(ObjectsToRows.toGeneric(encoder, v))), encoder.schema)
    }
  }

  def fromRows(rows: java.util.List[Row], schema: StructType): proto.LocalRelation =
    fromRowIterator(rows.iterator().asScala, schema)

  private def fromRowIterator(rows: Iterator[Row], schema: StructType): proto.LocalRelation = {
    val bytes = toArrowIpc(rows, schema)
    proto.LocalRelation.newBuilder()
      .setData(ByteString.copyFrom(bytes))
      .setSchema(schema.json)
      .build()
  }

  /** Rows (external values, Spark's lenient forms accepted) as one Arrow IPC stream with one batch. */
  private[internal] def toArrowIpc(rows: Iterator[Row], schema: StructType): Array[Byte] = {
    // Time zone only annotates TIMESTAMP fields; the values are UTC microseconds.
    // Duplicate names are legal in Spark rows (createDataFrame); columns are bound by position.
    val arrowSchema = ArrowUtils.toArrowSchema(schema, "UTC", false, false)
    val allocator = new RootAllocator(Long.MaxValue)
    try {
      val root = VectorSchemaRoot.create(arrowSchema, allocator)
      try {
        val writers = schema.fields.indices.map(k => RowWriter.forVector(schema(k).dataType, root.getVector(k))).toArray
        var n = 0
        rows.foreach { row =>
          if (row == null) throw new NullPointerException("a local row is null")
          if (row.length != writers.length) {
            throw new IllegalArgumentException(
              s"a local row has ${row.length} values but the schema has ${writers.length} fields: $row")
          }
          var k = 0
          while (k < writers.length) { writers(k)(n, row.get(k)); k += 1 }
          n += 1
        }
        root.setRowCount(n)
        val out = new ByteArrayOutputStream()
        val writer = new ArrowStreamWriter(root, null, Channels.newChannel(out))
        try {
          writer.start()
          writer.writeBatch()
          writer.end()
        } finally writer.close()
        out.toByteArray
      } finally root.close()
    } finally allocator.close()
  }
}

/** Writes external values (as in a Row) into Arrow vectors. */
private[internal] object RowWriter {
  type Write = (Int, Any) => Unit
  private val dt = SparkDateTimeUtils

  def forVector(dataType: DataType, vector: ValueVector): Write = {
    def typed(write: (Int, Any) => Unit): Write = (i, v) => if (v == null) setNull(vector, i) else write(i, v)
    (dataType, vector) match {
      case (BooleanType, v: BitVector) => typed((i, x) => v.setSafe(i, if (x.asInstanceOf[Boolean]) 1 else 0))
      case (ByteType, v: TinyIntVector) => typed((i, x) => v.setSafe(i, x.asInstanceOf[Byte]))
      case (ShortType, v: SmallIntVector) => typed((i, x) => v.setSafe(i, x.asInstanceOf[Short]))
      case (IntegerType, v: IntVector) => typed((i, x) => v.setSafe(i, x.asInstanceOf[Int]))
      case (LongType, v: BigIntVector) => typed((i, x) => v.setSafe(i, x.asInstanceOf[Long]))
      case (FloatType, v: Float4Vector) => typed((i, x) => v.setSafe(i, x.asInstanceOf[Float]))
      case (DoubleType, v: Float8Vector) => typed((i, x) => v.setSafe(i, x.asInstanceOf[Double]))
      case (_: StringType | _: CharType | _: VarcharType, v: VarCharVector) =>
        typed((i, x) => v.setSafe(i, x.toString.getBytes(UTF_8)))
      case (BinaryType, v: VarBinaryVector) => typed((i, x) => v.setSafe(i, x.asInstanceOf[Array[Byte]]))
      case (t: DecimalType, v: DecimalVector) => typed((i, x) => v.setSafe(i, decimal(x, t)))
      case (DateType, v: DateDayVector) => typed((i, x) => v.setSafe(i, days(x)))
      case (TimestampType, v: TimeStampMicroTZVector) => typed((i, x) => v.setSafe(i, micros(x)))
      case (TimestampNTZType, v: TimeStampMicroVector) =>
        typed((i, x) => v.setSafe(i, dt.localDateTimeToMicros(x.asInstanceOf[java.time.LocalDateTime])))
      case (_: DayTimeIntervalType, v: DurationVector) =>
        typed((i, x) => v.setSafe(i, SparkIntervalUtils.durationToMicros(x.asInstanceOf[java.time.Duration])))
      case (_: YearMonthIntervalType, v: IntervalYearVector) =>
        typed((i, x) => v.setSafe(i, SparkIntervalUtils.periodToMonths(x.asInstanceOf[java.time.Period])))
      case (NullType, _: NullVector) => (_, v) =>
        if (v != null) throw new IllegalArgumentException(s"a value of NullType is not null: $v")
      case (ArrayType(elementType, _), v: ListVector) =>
        val elements = forVector(elementType, v.getDataVector)
        typed { (i, x) =>
          val values: Iterator[Any] = x match {
            case s: scala.collection.Iterable[_] => s.iterator
            case a: Array[_] => a.iterator
            case l: java.util.List[_] => l.asScala.iterator
            case other => throw new IllegalArgumentException(s"not an array value: ${other.getClass.getName}")
          }
          val start = v.startNewValue(i)
          var n = 0
          values.foreach { e => elements(start + n, e); n += 1 }
          v.endValue(i, n)
        }
      case (MapType(keyType, valueType, _), v: MapVector) =>
        val entries = v.getDataVector.asInstanceOf[StructVector]
        val keys = forVector(keyType, entries.getChildByOrdinal(0))
        val values = forVector(valueType, entries.getChildByOrdinal(1))
        typed { (i, x) =>
          val pairs: Iterator[(Any, Any)] = x match {
            case m: scala.collection.Map[_, _] => m.iterator.asInstanceOf[Iterator[(Any, Any)]]
            case m: java.util.Map[_, _] => m.asScala.iterator.asInstanceOf[Iterator[(Any, Any)]]
            case other => throw new IllegalArgumentException(s"not a map value: ${other.getClass.getName}")
          }
          val start = v.startNewValue(i)
          var n = 0
          pairs.foreach { case (key, value) =>
            if (key == null) throw new IllegalArgumentException("a map key is null")
            entries.setIndexDefined(start + n)
            keys(start + n, key)
            values(start + n, value)
            n += 1
          }
          v.endValue(i, n)
        }
      case (st: StructType, v: StructVector) =>
        val children = st.fields.indices.map(k => forVector(st(k).dataType, v.getChildByOrdinal(k))).toArray
        (i, x) =>
          if (x == null) {
            v.setNull(i)
            children.foreach(_(i, null))
          } else {
            val row = x.asInstanceOf[Row]
            v.setIndexDefined(i)
            var k = 0
            while (k < children.length) { children(k)(i, row.get(k)); k += 1 }
          }
      case (t, v) => throw Errors.unsupported(s"local data of type ${t.sql} (Arrow ${v.getField.getType})")
    }
  }

  private def setNull(vector: ValueVector, i: Int): Unit = vector match {
    case v: ListVector =>
      // Keep offsets monotonic: an empty entry, then mark it null.
      v.startNewValue(i); v.endValue(i, 0); v.setNull(i)
    case v: BaseFixedWidthVector => v.setNull(i)
    case v: BaseVariableWidthVector => v.setNull(i)
    case v: StructVector => v.setNull(i)
    case _: NullVector => ()
    case v => throw Errors.internal(s"cannot write null into ${v.getClass.getSimpleName}")
  }

  private def decimal(x: Any, t: DecimalType): JBigDecimal = {
    val value = x match {
      case d: JBigDecimal => d
      case d: BigDecimal => d.bigDecimal
      case d: Decimal => d.toJavaBigDecimal
      case d: java.math.BigInteger => new JBigDecimal(d)
      case d: BigInt => new JBigDecimal(d.bigInteger)
      case other => throw new IllegalArgumentException(s"not a decimal value: ${other.getClass.getName}")
    }
    // Spark rounds HALF_UP to the column's scale; a value that then needs more digits does not fit.
    val scaled = value.setScale(t.scale, RoundingMode.HALF_UP)
    if (scaled.precision > t.precision) {
      throw Errors.fromClass("NUMERIC_VALUE_OUT_OF_RANGE.WITHOUT_SUGGESTION",
        s"[NUMERIC_VALUE_OUT_OF_RANGE.WITHOUT_SUGGESTION] The $value rounded half up from ${value.scale} cannot be " +
          s"represented as Decimal(${t.precision}, ${t.scale}).", Some("22003"), null)
    }
    scaled
  }

  private def days(x: Any): Int = x match {
    case d: java.sql.Date => dt.fromJavaDate(d)
    case d: java.time.LocalDate => dt.localDateToDays(d)
    case other => throw new IllegalArgumentException(s"not a date value: ${other.getClass.getName}")
  }

  private def micros(x: Any): Long = x match {
    case t: java.sql.Timestamp => dt.fromJavaTimestamp(t)
    case t: java.time.Instant => dt.instantToMicros(t)
    case other => throw new IllegalArgumentException(s"not a timestamp value: ${other.getClass.getName}")
  }
}

/** Objects of an encoder's external type → Row-style generic values (Rows for structs). */
private[internal] object ObjectsToRows {
  def toRow(encoder: AgnosticEncoder[_], value: Any): Row = toGeneric(encoder, value) match {
    case r: Row => r
    case null => throw new NullPointerException("a top-level local object is null")
    case other => Row(other)
  }

  def toGeneric(encoder: AgnosticEncoder[_], value: Any): Any = if (value == null) null else encoder match {
    case _: RowEncoder => value
    case OptionEncoder(element) => value.asInstanceOf[Option[_]] match {
      case Some(v) => toGeneric(element, v)
      case None => null
    }
    case ProductEncoder(_, fields, _) =>
      val cls = value.getClass
      Row.fromSeq(fields.map { f =>
        val getter = cls.getMethod(scala.reflect.NameTransformer.encode(f.name))
        toGeneric(f.enc, getter.invoke(value))
      })
    case JavaBeanEncoder(_, fields) =>
      val cls = value.getClass
      Row.fromSeq(fields.map { f =>
        val getter = cls.getMethod(f.readMethod.getOrElse(throw Errors.unsupported(s"bean field ${f.name} without getter")))
        toGeneric(f.enc, getter.invoke(value))
      })
    case ArrayEncoder(element, _) =>
      (0 until java.lang.reflect.Array.getLength(value)).map(k => toGeneric(element, java.lang.reflect.Array.get(value, k)))
    case IterableEncoder(_, element, _, _) => value match {
      case s: scala.collection.Iterable[_] => s.map(toGeneric(element, _)).toSeq
      case l: java.util.List[_] => l.asScala.map(toGeneric(element, _)).toSeq
      case a: Array[_] => a.toSeq.map(toGeneric(element, _))
      case other => throw new IllegalArgumentException(s"not a collection: ${other.getClass.getName}")
    }
    case MapEncoder(_, k, v, _) => value match {
      case m: scala.collection.Map[_, _] => m.map { case (a, b) => toGeneric(k, a) -> toGeneric(v, b) }
      case m: java.util.Map[_, _] => m.asScala.map { case (a, b) => toGeneric(k, a) -> toGeneric(v, b) }
      case other => throw new IllegalArgumentException(s"not a map: ${other.getClass.getName}")
    }
    case JavaEnumEncoder(_) => value.asInstanceOf[Enum[_]].name()
    case ScalaEnumEncoder(_, _) => value.toString
    case TransformingEncoder(_, transformed, codecProvider, _) =>
      val codec = codecProvider().asInstanceOf[org.apache.spark.sql.catalyst.encoders.Codec[Any, Any]]
      toGeneric(transformed, codec.encode(value))
    case _: UDTEncoder[_] | CalendarIntervalEncoder | VariantEncoder =>
      throw Errors.unsupported(s"local data with $encoder")
    case _ => value // leaves: Row-compatible external values
  }
}
