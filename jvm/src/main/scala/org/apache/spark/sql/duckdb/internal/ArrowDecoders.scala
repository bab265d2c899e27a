package org.apache.spark.sql.duckdb.internal

import java.lang.reflect.{Array => JArray, Constructor, Modifier}
import java.math.{BigDecimal => JBigDecimal}
import java.nio.charset.StandardCharsets.UTF_8
import java.time.{Duration, LocalTime, Period}
import java.time.temporal.ChronoUnit

import scala.collection.{mutable, immutable}
import scala.reflect.ClassTag

import org.apache.arrow.vector._
import org.apache.arrow.vector.complex.{ListVector, MapVector, StructVector}
import org.apache.arrow.vector.types.TimeUnit
import org.apache.arrow.vector.types.pojo.ArrowType

import org.apache.spark.sql.catalyst.encoders.AgnosticEncoder
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoders._
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema
import org.apache.spark.sql.catalyst.util.SparkDateTimeUtils
import org.apache.spark.sql.types._

/** Reads the value at a row index of the vectors it was built for (vectors are reloaded batch by batch). */
private[internal] abstract class Decoder {
  def isNull(i: Int): Boolean
  /** The value; only called when `isNull(i)` is false. */
  def value(i: Int): Any
  /** What a null becomes (null, or an error for primitives). */
  def nullValue: Any = null
  final def get(i: Int): Any = if (isNull(i)) nullValue else value(i)
}

/**
 * Arrow vectors → objects for an `AgnosticEncoder`. The Spark type of every vector comes from the schema the
 * native side computed (by position); the Arrow type is checked against it so that a broken contract fails
 * instead of decoding wrong values.
 */
private[internal] object ArrowDecoders {

  /** The decoder of one result row: struct encoders bind to all columns, others to the first one. */
  def forRoot(encoder: AgnosticEncoder[_], root: VectorSchemaRoot, schema: StructType): Decoder = {
    val vectors = (0 until root.getFieldVectors.size()).map(root.getVector)
    if (vectors.size != schema.length) {
      throw Errors.internal(s"result has ${vectors.size} columns but its schema has ${schema.length}")
    }
    if (encoder eq UnboundRowEncoder) {
      // Rows whose schema is only known from the result (NativeSession resolves them with the session's conf first).
      struct(DataFrameRowEncoder.forSchema(schema, java8DateTimes = false), schema, vectors, structNull = _ => false)
    } else if (encoder.isStruct) {
      struct(encoder, schema, vectors, structNull = _ => false)
    } else {
      if (vectors.isEmpty) throw Errors.internal("result has no columns")
      forVector(encoder, schema.head.dataType, vectors.head)
    }
  }

  private def mismatch(encoder: AgnosticEncoder[_], dataType: DataType, vector: ValueVector): Nothing =
    throw Errors.unsupported(s"reading ${dataType.sql} as $encoder from Arrow ${vector.getField.getType}")

  def forVector(encoder: AgnosticEncoder[_], dataType: DataType, vector: ValueVector): Decoder = {
    def leaf(read: Int => Any): Decoder = new Decoder {
      def isNull(i: Int): Boolean = vector.isNull(i)
      def value(i: Int): Any = read(i)
    }
    def primitive(read: Int => Any): Decoder = new Decoder {
      def isNull(i: Int): Boolean = vector.isNull(i)
      def value(i: Int): Any = read(i)
      override def nullValue: Any = throw new NullPointerException(
        s"Null value appeared in non-nullable field of type ${encoder.clsTag.runtimeClass.getName}: " +
          "use Option or a boxed type for nullable columns")
    }
    def bad = mismatch(encoder, dataType, vector)

    encoder match {
      case PrimitiveBooleanEncoder | BoxedBooleanEncoder => vector match {
        case v: BitVector => (if (encoder.isPrimitive) primitive _ else leaf _)(i => v.get(i) != 0)
        case _ => bad
      }
      case PrimitiveByteEncoder | BoxedByteEncoder =>
        val read = Numbers.long(vector, maxBytes = 1).getOrElse(bad)
        (if (encoder.isPrimitive) primitive _ else leaf _)(i => read(i).toByte)
      case PrimitiveShortEncoder | BoxedShortEncoder =>
        val read = Numbers.long(vector, maxBytes = 2).getOrElse(bad)
        (if (encoder.isPrimitive) primitive _ else leaf _)(i => read(i).toShort)
      case PrimitiveIntEncoder | BoxedIntEncoder =>
        val read = Numbers.long(vector, maxBytes = 4).getOrElse(bad)
        (if (encoder.isPrimitive) primitive _ else leaf _)(i => read(i).toInt)
      case PrimitiveLongEncoder | BoxedLongEncoder =>
        val read = Numbers.long(vector, maxBytes = 8).getOrElse(bad)
        (if (encoder.isPrimitive) primitive _ else leaf _)(i => read(i))
      case PrimitiveFloatEncoder | BoxedFloatEncoder =>
        val read: Int => Float = vector match {
          case v: Float4Vector => i => v.get(i)
          case _ => Numbers.long(vector, maxBytes = 2).map(r => (i: Int) => r(i).toFloat).getOrElse(bad)
        }
        (if (encoder.isPrimitive) primitive _ else leaf _)(i => read(i))
      case PrimitiveDoubleEncoder | BoxedDoubleEncoder =>
        val read: Int => Double = vector match {
          case v: Float8Vector => i => v.get(i)
          case v: Float4Vector => i => v.get(i).toDouble
          case _ => Numbers.long(vector, maxBytes = 4).map(r => (i: Int) => r(i).toDouble).getOrElse(bad)
        }
        (if (encoder.isPrimitive) primitive _ else leaf _)(i => read(i))

      case NullEncoder => new Decoder {
        def isNull(i: Int): Boolean = true
        def value(i: Int): Any = null
      }
      case StringEncoder | _: CharEncoder | _: VarcharEncoder => leaf(Strings.reader(vector).getOrElse(bad))
      case JavaEnumEncoder(tag) =>
        val read = Strings.reader(vector).getOrElse(bad)
        val valueOf = tag.runtimeClass.getMethod("valueOf", classOf[String])
        leaf(i => valueOf.invoke(null, read(i)))
      case ScalaEnumEncoder(parent, _) =>
        val read = Strings.reader(vector).getOrElse(bad)
        val enumeration = parent.getField("MODULE$").get(null).asInstanceOf[Enumeration]
        leaf(i => enumeration.withName(read(i)))
      case BinaryEncoder => vector match {
        case v: VarBinaryVector => leaf(i => v.get(i))
        case v: LargeVarBinaryVector => leaf(i => v.get(i))
        case v: ViewVarBinaryVector => leaf(i => v.get(i))
        case _ => bad
      }

      case SparkDecimalEncoder(dt) =>
        val read = Numbers.decimal(vector, dt).getOrElse(bad)
        leaf(i => Decimal(read(i), dt.precision, dt.scale))
      case ScalaDecimalEncoder(dt) =>
        val read = Numbers.decimal(vector, dt).getOrElse(bad)
        leaf(i => BigDecimal(read(i)))
      case JavaDecimalEncoder(dt, _) => leaf(Numbers.decimal(vector, dt).getOrElse(bad))
      case ScalaBigIntEncoder =>
        val read = Numbers.decimal(vector, DecimalType(38, 0)).getOrElse(bad)
        leaf(i => BigInt(read(i).toBigIntegerExact))
      case JavaBigIntEncoder =>
        val read = Numbers.decimal(vector, DecimalType(38, 0)).getOrElse(bad)
        leaf(i => read(i).toBigIntegerExact)

      case DateEncoder(_) => leaf { val days = Times.days(vector).getOrElse(bad); i => Times.toJavaDate(days(i)) }
      case LocalDateEncoder(_) =>
        leaf { val days = Times.days(vector).getOrElse(bad); i => Times.toLocalDate(days(i)) }
      case TimestampEncoder(_) =>
        leaf { val micros = Times.micros(vector, zoned = true).getOrElse(bad); i => Times.toJavaTimestamp(micros(i)) }
      case InstantEncoder(_) =>
        leaf { val micros = Times.micros(vector, zoned = true).getOrElse(bad); i => Times.toInstant(micros(i)) }
      case LocalDateTimeEncoder =>
        leaf { val micros = Times.micros(vector, zoned = false).getOrElse(bad); i => Times.toLocalDateTime(micros(i)) }
      case LocalTimeEncoder => vector match {
        case v: TimeMicroVector => leaf(i => LocalTime.ofNanoOfDay(v.get(i) * 1000L))
        case v: TimeNanoVector => leaf(i => LocalTime.ofNanoOfDay(v.get(i)))
        case _ => bad
      }
      case DayTimeIntervalEncoder => vector match {
        case v: DurationVector if v.getUnit == TimeUnit.MICROSECOND =>
          leaf(i => Duration.of(DurationVector.get(v.getDataBuffer, i), ChronoUnit.MICROS))
        case _ => bad
      }
      case YearMonthIntervalEncoder => vector match {
        case v: IntervalYearVector => leaf(i => Period.ofMonths(v.get(i)).normalized())
        case _ => bad
      }

      case OptionEncoder(element) =>
        val inner = forVector(element, dataType, vector)
        new Decoder {
          def isNull(i: Int): Boolean = false
          def value(i: Int): Any = if (inner.isNull(i)) None else Some(inner.value(i))
        }

      case ArrayEncoder(element, _) => (vector, dataType) match {
        case (v: ListVector, ArrayType(elementType, _)) =>
          val elements = forVector(element, elementType, v.getDataVector)
          val elementClass = element.clsTag.runtimeClass
          leaf { i =>
            val start = v.getElementStartIndex(i)
            val n = v.getElementEndIndex(i) - start
            val array = JArray.newInstance(elementClass, n)
            var j = 0
            while (j < n) { scala.runtime.ScalaRunTime.array_update(array, j, elements.get(start + j)); j += 1 }
            array
          }
        case _ => bad
      }

      case IterableEncoder(tag, element, _, _) => (vector, dataType) match {
        case (v: ListVector, ArrayType(elementType, _)) =>
          val elements = forVector(element, elementType, v.getDataVector)
          val build = Collections.seqBuilder(tag, element.clsTag)
          leaf { i =>
            val start = v.getElementStartIndex(i)
            build(v.getElementEndIndex(i) - start, j => elements.get(start + j))
          }
        case _ => bad
      }

      case MapEncoder(tag, keyEncoder, valueEncoder, _) => (vector, dataType) match {
        case (v: MapVector, MapType(keyType, valueType, _)) =>
          val entries = v.getDataVector.asInstanceOf[StructVector]
          val keys = forVector(keyEncoder, keyType, entries.getChildByOrdinal(0))
          val values = forVector(valueEncoder, valueType, entries.getChildByOrdinal(1))
          val build = Collections.mapBuilder(tag)
          leaf { i =>
            val start = v.getElementStartIndex(i)
            build(v.getElementEndIndex(i) - start, j => (keys.get(start + j), values.get(start + j)))
          }
        case _ => bad
      }

      case _: RowEncoder | _: ProductEncoder[_] | _: JavaBeanEncoder[_] => (vector, dataType) match {
        case (v: StructVector, st: StructType) =>
          val children = (0 until v.size()).map(k => v.getChildByOrdinal(k).asInstanceOf[ValueVector])
          if (children.size != st.length) bad
          struct(encoder, st, children, structNull = i => v.isNull(i))
        case _ => bad
      }

      case TransformingEncoder(_, transformed, codecProvider, _) =>
        val inner = forVector(transformed, dataType, vector)
        val codec = codecProvider().asInstanceOf[org.apache.spark.sql.catalyst.encoders.Codec[Any, Any]]
        new Decoder {
          def isNull(i: Int): Boolean = false
          def value(i: Int): Any = codec.decode(inner.get(i))
        }

      case other => throw Errors.unsupported(s"decoding values with $other")
    }
  }

  /** A struct-like encoder over child vectors whose Spark types are `schema`'s fields, by position. */
  private def struct(encoder: AgnosticEncoder[_], schema: StructType, vectors: Seq[ValueVector],
                     structNull: Int => Boolean): Decoder = encoder match {
    case RowEncoder(fields) =>
      // Rows bind by position: Spark's own rows may carry duplicate names (joins).
      if (fields.size != schema.length) {
        throw Errors.internal(s"row encoder has ${fields.size} fields but the data has ${schema.length}")
      }
      val rowSchema = encoder.schema
      val decoders = fields.indices.map(k => forVector(fields(k).enc, schema(k).dataType, vectors(k))).toArray
      new Decoder {
        def isNull(i: Int): Boolean = structNull(i)
        def value(i: Int): Any = {
          val values = new Array[Any](decoders.length)
          var k = 0
          while (k < decoders.length) { values(k) = decoders(k).get(i); k += 1 }
          new GenericRowWithSchema(values, rowSchema)
        }
      }
    case p @ ProductEncoder(tag, fields, outerPointerGetter) =>
      // Tuples bind by position, other products by name (case-insensitively), like Spark's `as[T]`.
      val positions =
        if (ProductEncoder.isTuple(tag)) {
          if (fields.size != schema.length) {
            throw Errors.fromClass("UNSUPPORTED_DESERIALIZER.FIELD_NUMBER_MISMATCH",
              "[UNSUPPORTED_DESERIALIZER.FIELD_NUMBER_MISMATCH] The deserializer is not supported: try to map " +
                s"\"${schema.sql}\" to Tuple${fields.size}, but failed as the number of fields does not line up.",
              Some("0A000"), null)
          }
          fields.indices
        } else fields.map(f => fieldIndex(schema, f.name))
      val decoders = fields.zip(positions).map { case (f, k) => forVector(f.enc, schema(k).dataType, vectors(k)) }.toArray
      val outer = outerPointerGetter.map(_.apply()).toSeq
      val constructor = Constructors.find(tag.runtimeClass, outer.size + fields.size, p)
      new Decoder {
        def isNull(i: Int): Boolean = structNull(i)
        def value(i: Int): Any = {
          val args = new Array[AnyRef](outer.size + decoders.length)
          outer.indices.foreach(k => args(k) = outer(k))
          var k = 0
          while (k < decoders.length) { args(outer.size + k) = decoders(k).get(i).asInstanceOf[AnyRef]; k += 1 }
          constructor.newInstance(args: _*)
        }
      }
    case JavaBeanEncoder(tag, fields) =>
      val constructor = tag.runtimeClass.getConstructor()
      val setters = fields.filter(_.writeMethod.isDefined).map { f =>
        val k = fieldIndex(schema, f.name)
        val setter = tag.runtimeClass.getMethod(f.writeMethod.get, f.enc.clsTag.runtimeClass)
        (setter, forVector(f.enc, schema(k).dataType, vectors(k)))
      }.toArray
      new Decoder {
        def isNull(i: Int): Boolean = structNull(i)
        def value(i: Int): Any = {
          val bean = constructor.newInstance()
          setters.foreach { case (setter, decoder) => setter.invoke(bean, decoder.get(i).asInstanceOf[AnyRef]) }
          bean
        }
      }
    case other => throw Errors.unsupported(s"decoding rows with $other")
  }

  private def fieldIndex(schema: StructType, name: String): Int = {
    val matches = schema.fields.indices.filter(k => schema(k).name.equalsIgnoreCase(name))
    matches match {
      case Seq(k) => k
      case Seq() => throw Errors.fromClass("UNRESOLVED_COLUMN.WITH_SUGGESTION",
        s"[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `$name` cannot " +
          s"be resolved. Did you mean one of the following? [${schema.fieldNames.map(n => s"`$n`").mkString(", ")}].",
        Some("42703"), null)
      case _ => throw Errors.fromClass("AMBIGUOUS_REFERENCE",
        s"[AMBIGUOUS_REFERENCE] Reference `$name` is ambiguous, could be: " +
          s"[${matches.map(k => s"`${schema(k).name}`").mkString(", ")}].", Some("42704"), null)
    }
  }

  /** Integer and floating vectors. */
  private object Numbers {
    /** Integral vectors of at most `maxBytes` bytes, widened to Long (Spark's up-cast rules). */
    def long(vector: ValueVector, maxBytes: Int): Option[Int => Long] = vector match {
      case v: TinyIntVector => Some(i => v.get(i).toLong)
      case v: SmallIntVector if maxBytes >= 2 => Some(i => v.get(i).toLong)
      case v: IntVector if maxBytes >= 4 => Some(i => v.get(i).toLong)
      case v: BigIntVector if maxBytes >= 8 => Some(i => v.get(i))
      case _ => None
    }

    /** Decimal values as stored (Spark keeps the column's scale, also for a wider encoder type); only up-casts
     *  (no lost integral digits or fraction) are accepted. */
    def decimal(vector: ValueVector, target: DecimalType): Option[Int => JBigDecimal] = vector match {
      case v: DecimalVector =>
        val scale = v.getScale
        if (scale > target.scale || v.getPrecision - scale > target.precision - target.scale) None
        else Some(i => v.getObject(i))
      case _ => long(vector, 8).flatMap { read =>
        val digits = vector match {
          case _: TinyIntVector => 3; case _: SmallIntVector => 5; case _: IntVector => 10; case _ => 20
        }
        if (target.precision - target.scale >= digits) Some(i => JBigDecimal.valueOf(read(i))) else None
      }
    }
  }

  private object Strings {
    def reader(vector: ValueVector): Option[Int => String] = vector match {
      case v: VarCharVector =>
        // Decode straight from the data buffer into a reused scratch array (one copy, no Text object).
        var scratch = new Array[Byte](64)
        Some { i =>
          val start = v.getStartOffset(i)
          val length = v.getEndOffset(i) - start
          if (scratch.length < length) scratch = new Array[Byte](math.max(length, scratch.length * 2))
          v.getDataBuffer.getBytes(start.toLong, scratch, 0, length)
          new String(scratch, 0, length, UTF_8)
        }
      case v: LargeVarCharVector => Some(i => new String(v.get(i), UTF_8))
      case v: ViewVarCharVector => Some(i => new String(v.get(i), UTF_8))
      case _ => None
    }
  }

  private[internal] object Times {
    private val utils = SparkDateTimeUtils
    def days(vector: ValueVector): Option[Int => Int] = vector match {
      case v: DateDayVector => Some(i => v.get(i))
      case v: DateMilliVector => Some(i => Math.floorDiv(v.get(i), 86400000L).toInt)
      case _ => None
    }
    /** Microseconds since the epoch; `zoned` says whether a time zone must be (Spark TIMESTAMP) or not be (NTZ). */
    def micros(vector: ValueVector, zoned: Boolean): Option[Int => Long] = vector.getField.getType match {
      case t: ArrowType.Timestamp if (t.getTimezone != null) == zoned =>
        val factor = t.getUnit match {
          case TimeUnit.MICROSECOND => 1L
          case TimeUnit.MILLISECOND => 1000L
          case TimeUnit.SECOND => 1000000L
          case TimeUnit.NANOSECOND => return None // would lose precision silently
        }
        val v = vector.asInstanceOf[TimeStampVector]
        Some(i => Math.multiplyExact(v.get(i), factor))
      case _ => None
    }
    def toJavaDate(days: Int): java.sql.Date = utils.toJavaDate(days)
    def toLocalDate(days: Int): java.time.LocalDate = utils.daysToLocalDate(days)
    def toJavaTimestamp(micros: Long): java.sql.Timestamp = utils.toJavaTimestamp(micros)
    def toInstant(micros: Long): java.time.Instant = utils.microsToInstant(micros)
    def toLocalDateTime(micros: Long): java.time.LocalDateTime = utils.microsToLocalDateTime(micros)
  }

  private object Constructors {
    def find(cls: Class[_], arity: Int, encoder: AgnosticEncoder[_]): Constructor[_] = {
      val candidates = cls.getConstructors.filter(_.getParameterCount == arity)
      candidates match {
        case Array(c) => c
        case Array() => throw Errors.unsupported(s"decoding ${cls.getName}: no public constructor with $arity " +
          s"parameters (encoder $encoder)")
        case many => many.head
      }
    }
  }

  /** Scala and Java collections from the encoder's class tag. */
  private object Collections {
    def seqBuilder(tag: ClassTag[_], elementTag: ClassTag[_]): (Int, Int => Any) => Any = {
      val cls = tag.runtimeClass
      def array(n: Int, get: Int => Any): AnyRef = {
        val a = JArray.newInstance(elementTag.runtimeClass, n)
        var j = 0
        while (j < n) { scala.runtime.ScalaRunTime.array_update(a, j, get(j)); j += 1 }
        a
      }
      if (cls.isAssignableFrom(classOf[mutable.ArraySeq[_]]) && !cls.isAssignableFrom(classOf[List[_]])) {
        (n, get) => mutable.ArraySeq.make(array(n, get).asInstanceOf[Array[Any]])
      } else if (cls.isAssignableFrom(classOf[immutable.ArraySeq[_]]) && !cls.isAssignableFrom(classOf[List[_]])) {
        (n, get) => immutable.ArraySeq.unsafeWrapArray(array(n, get).asInstanceOf[Array[Any]])
      } else if (classOf[java.util.List[_]].isAssignableFrom(cls) || cls == classOf[java.util.Collection[_]]) {
        val create: Int => java.util.List[Any] =
          if (cls.isInterface || Modifier.isAbstract(cls.getModifiers)) n => new java.util.ArrayList[Any](n)
          else { val c = cls.getConstructor(); _ => c.newInstance().asInstanceOf[java.util.List[Any]] }
        (n, get) => { val l = create(n); var j = 0; while (j < n) { l.add(get(j)); j += 1 }; l }
      } else if (classOf[scala.collection.Iterable[_]].isAssignableFrom(cls)) {
        val factory = companion(cls) match {
          case f: scala.collection.IterableFactory[_] => f.asInstanceOf[scala.collection.IterableFactory[Iterable]]
          case _ => throw Errors.unsupported(s"decoding arrays as ${cls.getName}")
        }
        (n, get) => {
          val b = factory.newBuilder[Any]
          b.sizeHint(n)
          var j = 0
          while (j < n) { b += get(j); j += 1 }
          b.result()
        }
      } else throw Errors.unsupported(s"decoding arrays as ${cls.getName}")
    }

    def mapBuilder(tag: ClassTag[_]): (Int, Int => (Any, Any)) => Any = {
      val cls = tag.runtimeClass
      if (classOf[java.util.Map[_, _]].isAssignableFrom(cls)) {
        val create: () => java.util.Map[Any, Any] =
          if (cls.isInterface || Modifier.isAbstract(cls.getModifiers)) () => new java.util.HashMap[Any, Any]()
          else { val c = cls.getConstructor(); () => c.newInstance().asInstanceOf[java.util.Map[Any, Any]] }
        (n, get) => { val m = create(); var j = 0; while (j < n) { val (k, v) = get(j); m.put(k, v); j += 1 }; m }
      } else if (classOf[scala.collection.Map[_, _]].isAssignableFrom(cls)) {
        val factory = companion(cls) match {
          case f: scala.collection.MapFactory[_] => f.asInstanceOf[scala.collection.MapFactory[scala.collection.Map]]
          case _ => throw Errors.unsupported(s"decoding maps as ${cls.getName}")
        }
        (n, get) => {
          val b = factory.newBuilder[Any, Any]
          b.sizeHint(n)
          var j = 0
          while (j < n) { b += get(j); j += 1 }
          b.result()
        }
      } else throw Errors.unsupported(s"decoding maps as ${cls.getName}")
    }

    private def companion(cls: Class[_]): AnyRef = {
      try Class.forName(cls.getName + "$", true, cls.getClassLoader).getField("MODULE$").get(null)
      catch { case _: ReflectiveOperationException => throw Errors.unsupported(s"collections of type ${cls.getName}") }
    }
  }
}
