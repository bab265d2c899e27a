package org.apache.spark.sql.duckdb.internal

import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicLong

import scala.jdk.CollectionConverters._

import com.google.protobuf.ByteString
import org.apache.arrow.c.{ArrowArray, ArrowSchema, Data}
import org.apache.arrow.memory.{BufferAllocator, RootAllocator}
import org.apache.arrow.vector.{FieldVector, ValueVector}
import org.apache.arrow.vector.complex.StructVector

import org.apache.spark.SparkThrowable
import org.apache.spark.connect.proto
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoder
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoders.RowEncoder
import org.apache.spark.sql.duckdb.DataTypeToProto
import org.apache.spark.sql.expressions.SparkUserDefinedFunction
import org.apache.spark.sql.types.{DataType, NullType, StructField, StructType}
import org.apache.spark.sql.util.ArrowUtils

/**
 * Scala/Java UDFs run in this JVM. The closure never leaves it: plans carry a registry id (the `ScalarScalaUDF`
 * payload `sparkduck-udf:<id>:<flags>`), and DuckDB calls [[UdfCallbacks.invoke]] once per chunk with the arguments
 * as Arrow C data; the results go back the same way. Ids are per JVM: a UDF object keeps its id, so repeated queries
 * reuse the DuckDB function registered for it. The registry holds every UDF object a plan referenced (closures are
 * small; a job makes few).
 */
private[duckdb] object UdfRuntime {
  private val nextId = new AtomicLong(1)
  private val byId = new ConcurrentHashMap[java.lang.Long, Binding]()
  private val idOf = new ConcurrentHashMap[SparkUserDefinedFunction, java.lang.Long]()
  private lazy val allocator: BufferAllocator = new RootAllocator(Long.MaxValue)

  /** One registered UDF and what applying it needs. */
  private final class Binding(val udf: SparkUserDefinedFunction) {
    val inputEncoders: IndexedSeq[Option[AgnosticEncoder[_]]] = udf.inputEncoders.map(typed).toIndexedSeq
    /** Spark's rule (ScalaUDF.inputPrimitives): a null for a primitive parameter gives null without a call. */
    val primitive: Array[Boolean] = inputEncoders.map(_.exists(e => e.isPrimitive && !e.isStruct)).toArray
    val outputEncoder: Option[AgnosticEncoder[_]] = udf.outputEncoder.map(_.asInstanceOf[AgnosticEncoder[_]])
    val functionName: String = {
      val cls = udf.f.getClass
      val simple = try cls.getSimpleName catch { case _: InternalError => cls.getName.split('.').last }
      udf.givenName.map(n => s"$n ($simple)").getOrElse(simple)
    }
  }

  /** A parameter's encoder; a `Row` parameter takes any struct as Row-style values, like an untyped one. */
  private def typed(encoder: Option[org.apache.spark.sql.Encoder[_]]): Option[AgnosticEncoder[_]] =
    encoder.map(_.asInstanceOf[AgnosticEncoder[_]])
      .filterNot(e => classOf[org.apache.spark.sql.Row].isAssignableFrom(e.clsTag.runtimeClass))

  /** The id of a UDF object (registering it on first use). */
  def idFor(udf: SparkUserDefinedFunction): Long =
    idOf.computeIfAbsent(udf, { u =>
      val id = nextId.getAndIncrement()
      byId.put(id, new Binding(u))
      java.lang.Long.valueOf(id)
    }).longValue

  /** The Spark Connect form of a call of `udf` (its name: the given one, else empty). */
  def toProto(udf: SparkUserDefinedFunction, arguments: Seq[proto.Expression], name: Option[String] = None)
      : proto.CommonInlineUserDefinedFunction = {
    val id = idFor(udf)
    val encoders = udf.inputEncoders.map(typed)
    val flags = encoders.map {
      case Some(e) if e.isPrimitive && !e.isStruct => 'p'
      case Some(_) => 'o'
      case None => 'a'
    }.mkString
    val scala = proto.ScalarScalaUDF.newBuilder()
      .setPayload(ByteString.copyFromUtf8(s"sparkduck-udf:$id:$flags"))
      .addAllInputTypes(encoders.map(e => DataTypeToProto(e.map(_.dataType).getOrElse(NullType))).asJava)
      .setOutputType(DataTypeToProto(udf.dataType))
      .setNullable(udf.nullable)
      .setAggregate(false)
    proto.CommonInlineUserDefinedFunction.newBuilder()
      .setFunctionName(name.orElse(udf.givenName).getOrElse(""))
      .setDeterministic(udf.deterministic)
      .addAllArguments(arguments.asJava)
      .setScalarScalaUdf(scala)
      .build()
  }

  /** A closure's failure, as Spark reports it (FAILED_EXECUTE_UDF, with the original exception's text). */
  private final class ClosureFailure(val message: String, cause: Throwable) extends RuntimeException(message, cause)

  /** Failures by message, so that the JVM exception raised for the query can carry the original as its cause. */
  private val recentFailures = new ConcurrentHashMap[String, Throwable]()

  /** The original exception of a FAILED_EXECUTE_UDF message, if this JVM raised it (taken once). */
  def takeFailureCause(message: String): Option[Throwable] =
    recentFailures.keySet().asScala.find(m => message.contains(m)).flatMap(m => Option(recentFailures.remove(m)))

  /**
   * One chunk: imports the arguments (a struct array, one child per argument), applies the closure row by row through
   * the encoders, exports the results. Returns null, or the error as `[CLASS] message` (never throws).
   */
  def invoke(udfId: Long, argsArray: Long, argsSchema: Long, outArray: Long, outSchema: Long): String = {
    try {
      val binding = byId.get(udfId)
      if (binding == null) return s"[INTERNAL_ERROR] sparkduck: unknown UDF id $udfId"
      val args = Data.importVector(allocator, ArrowArray.wrap(argsArray), ArrowSchema.wrap(argsSchema), null)
      try {
        val struct = args.asInstanceOf[StructVector]
        val result = run(binding, struct)
        try Data.exportVector(allocator, result, null, ArrowArray.wrap(outArray), ArrowSchema.wrap(outSchema))
        finally result.close()
      } finally args.close()
      null
    } catch {
      case f: ClosureFailure =>
        recentFailures.put(f.message, f.getCause)
        if (recentFailures.size > 64) recentFailures.clear()
        s"[FAILED_EXECUTE_UDF] ${f.message} SQLSTATE: 39000"
      case t: SparkThrowable if t.getCondition != null =>
        val text = Option(t.asInstanceOf[Throwable].getMessage).getOrElse("")
        if (text.startsWith("[")) text else s"[${t.getCondition}] $text"
      case t: Throwable => s"[INTERNAL_ERROR] sparkduck: UDF call failed: $t"
    }
  }

  private def run(binding: Binding, struct: StructVector): FieldVector = {
    val rows = struct.getValueCount
    val arity = struct.size()
    val vectors = (0 until arity).map(k => struct.getChildByOrdinal(k).asInstanceOf[ValueVector])
    val argTypes = vectors.map(v => ArrowUtils.fromArrowField(v.getField))
    val primitiveResult =
      try PrimitiveLoops.run(binding.udf, binding.inputEncoders, binding.outputEncoder, vectors, rows, allocator)
      catch { case e: Exception => throw failure(binding, argTypes, e) }
    primitiveResult match {
      case Some(out) => return out
      case None =>
    }
    val decoders = vectors.indices.map { k =>
      val encoder = binding.inputEncoders.lift(k).flatten.getOrElse(externalEncoder(argTypes(k)))
      ArrowDecoders.forVector(encoder, argTypes(k), vectors(k))
    }.toArray
    val dataType = binding.udf.dataType
    val out = ArrowUtils.toArrowField("udf", dataType, true, "UTC", false, org.apache.spark.sql.types.Metadata.empty)
      .createVector(allocator)
    try {
      out.setInitialCapacity(rows)
      out.allocateNew()
      val write = RowWriter.forVector(dataType, out)
      val toExternal: Any => Any = binding.outputEncoder match {
        case Some(e) => v => ObjectsToRows.toGeneric(e, v)
        case None => v => v
      }
      val primitive = binding.primitive
      val f = binding.udf.f
      val values = new Array[Any](arity)
      var i = 0
      while (i < rows) {
        var nullPrimitive = false
        var k = 0
        while (k < arity) {
          if (k < primitive.length && primitive(k) && decoders(k).isNull(i)) nullPrimitive = true
          k += 1
        }
        if (nullPrimitive) write(i, null)
        else {
          k = 0
          while (k < arity) { values(k) = decoders(k).get(i); k += 1 }
          val result =
            try call(f, values)
            catch { case e: Exception => throw failure(binding, argTypes, e) }
          write(i, toExternal(result))
        }
        i += 1
      }
      out.setValueCount(rows)
      out
    } catch {
      case t: Throwable => out.close(); throw t
    }
  }

  /**
   * Closures over primitive numbers (the common `udf { (x: Double, y: Double) => x * (1 - y) }`): one loop per
   * shape, the closure called through its specialized `apply` (no boxing), vectors read and written directly.
   */
  private object PrimitiveLoops {
    import org.apache.arrow.vector.{BigIntVector, Float8Vector, IntVector}
    import org.apache.spark.sql.catalyst.encoders.AgnosticEncoders.{PrimitiveDoubleEncoder, PrimitiveIntEncoder, PrimitiveLongEncoder}

    def run(udf: SparkUserDefinedFunction, inputs: IndexedSeq[Option[AgnosticEncoder[_]]],
        output: Option[AgnosticEncoder[_]], vectors: Seq[ValueVector], rows: Int, allocator: BufferAllocator)
        : Option[FieldVector] = {
      def loop[V <: FieldVector](out: V)(body: V => Unit): Option[FieldVector] = {
        try {
          out.setInitialCapacity(rows)
          out.allocateNew()
          body(out)
          out.setValueCount(rows)
          Some(out)
        } catch { case t: Throwable => out.close(); throw t }
      }
      val f = udf.f
      (inputs.map(_.orNull), output.orNull, vectors) match {
        case (Seq(PrimitiveDoubleEncoder, PrimitiveDoubleEncoder), PrimitiveDoubleEncoder,
              Seq(a: Float8Vector, b: Float8Vector)) =>
          val g = f.asInstanceOf[(Double, Double) => Double]
          loop(new Float8Vector("udf", allocator)) { out =>
            var i = 0
            while (i < rows) {
              if (a.isNull(i) || b.isNull(i)) out.setNull(i) else out.set(i, g(a.get(i), b.get(i)))
              i += 1
            }
          }
        case (Seq(PrimitiveDoubleEncoder), PrimitiveDoubleEncoder, Seq(a: Float8Vector)) =>
          val g = f.asInstanceOf[Double => Double]
          loop(new Float8Vector("udf", allocator)) { out =>
            var i = 0
            while (i < rows) { if (a.isNull(i)) out.setNull(i) else out.set(i, g(a.get(i))); i += 1 }
          }
        case (Seq(PrimitiveLongEncoder), PrimitiveLongEncoder, Seq(a: BigIntVector)) =>
          val g = f.asInstanceOf[Long => Long]
          loop(new BigIntVector("udf", allocator)) { out =>
            var i = 0
            while (i < rows) { if (a.isNull(i)) out.setNull(i) else out.set(i, g(a.get(i))); i += 1 }
          }
        case (Seq(PrimitiveIntEncoder), PrimitiveIntEncoder, Seq(a: IntVector)) =>
          val g = f.asInstanceOf[Int => Int]
          loop(new IntVector("udf", allocator)) { out =>
            var i = 0
            while (i < rows) { if (a.isNull(i)) out.setNull(i) else out.set(i, g(a.get(i))); i += 1 }
          }
        case (Seq(PrimitiveLongEncoder, PrimitiveLongEncoder), PrimitiveLongEncoder,
              Seq(a: BigIntVector, b: BigIntVector)) =>
          val g = f.asInstanceOf[(Long, Long) => Long]
          loop(new BigIntVector("udf", allocator)) { out =>
            var i = 0
            while (i < rows) {
              if (a.isNull(i) || b.isNull(i)) out.setNull(i) else out.set(i, g(a.get(i), b.get(i)))
              i += 1
            }
          }
        case _ => None
      }
    }
  }

  private def failure(binding: Binding, argTypes: Seq[DataType], e: Exception): ClosureFailure = {
    val signature = argTypes.map(_.catalogString).mkString(", ")
    new ClosureFailure(s"User defined function (`${binding.functionName.replace("`", "``")}`: ($signature) => " +
      s"${binding.udf.dataType.catalogString}) failed due to: $e.", e)
  }

  /** The encoder Spark's CatalystTypeConverters would give an untyped (Java UDF) argument: Row-style values. */
  private def externalEncoder(dataType: DataType): AgnosticEncoder[_] =
    DataFrameRowEncoder.forSchema(StructType(Seq(StructField("v", dataType))), java8DateTimes = false) match {
      case RowEncoder(fields) => fields.head.enc
      case other => throw Errors.internal(s"unexpected row encoder $other")
    }

  // scalastyle:off
  private def call(f: AnyRef, a: Array[Any]): Any = a.length match {
    case 0 => f.asInstanceOf[() => Any]()
    case 1 => f.asInstanceOf[Any => Any](a(0))
    case 2 => f.asInstanceOf[(Any, Any) => Any](a(0), a(1))
    case 3 => f.asInstanceOf[(Any, Any, Any) => Any](a(0), a(1), a(2))
    case 4 => f.asInstanceOf[(Any, Any, Any, Any) => Any](a(0), a(1), a(2), a(3))
    case 5 => f.asInstanceOf[(Any, Any, Any, Any, Any) => Any](a(0), a(1), a(2), a(3), a(4))
    case 6 => f.asInstanceOf[(Any, Any, Any, Any, Any, Any) => Any](a(0), a(1), a(2), a(3), a(4), a(5))
    case 7 => f.asInstanceOf[(Any, Any, Any, Any, Any, Any, Any) => Any](a(0), a(1), a(2), a(3), a(4), a(5), a(6))
    case 8 => f.asInstanceOf[(Any, Any, Any, Any, Any, Any, Any, Any) => Any](a(0), a(1), a(2), a(3), a(4), a(5), a(6), a(7))
    case 9 => f.asInstanceOf[(Any, Any, Any, Any, Any, Any, Any, Any, Any) => Any](a(0), a(1), a(2), a(3), a(4), a(5), a(6), a(7), a(8))
    case 10 => f.asInstanceOf[(Any, Any, Any, Any, Any, Any, Any, Any, Any, Any) => Any](a(0), a(1), a(2), a(3), a(4), a(5), a(6), a(7), a(8), a(9))
    case 11 => f.asInstanceOf[(Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any) => Any](a(0), a(1), a(2), a(3), a(4), a(5), a(6), a(7), a(8), a(9), a(10))
    case 12 => f.asInstanceOf[(Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any) => Any](a(0), a(1), a(2), a(3), a(4), a(5), a(6), a(7), a(8), a(9), a(10), a(11))
    case 13 => f.asInstanceOf[(Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any) => Any](a(0), a(1), a(2), a(3), a(4), a(5), a(6), a(7), a(8), a(9), a(10), a(11), a(12))
    case 14 => f.asInstanceOf[(Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any) => Any](a(0), a(1), a(2), a(3), a(4), a(5), a(6), a(7), a(8), a(9), a(10), a(11), a(12), a(13))
    case 15 => f.asInstanceOf[(Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any) => Any](a(0), a(1), a(2), a(3), a(4), a(5), a(6), a(7), a(8), a(9), a(10), a(11), a(12), a(13), a(14))
    case 16 => f.asInstanceOf[(Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any) => Any](a(0), a(1), a(2), a(3), a(4), a(5), a(6), a(7), a(8), a(9), a(10), a(11), a(12), a(13), a(14), a(15))
    case 17 => f.asInstanceOf[(Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any) => Any](a(0), a(1), a(2), a(3), a(4), a(5), a(6), a(7), a(8), a(9), a(10), a(11), a(12), a(13), a(14), a(15), a(16))
    case 18 => f.asInstanceOf[(Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any) => Any](a(0), a(1), a(2), a(3), a(4), a(5), a(6), a(7), a(8), a(9), a(10), a(11), a(12), a(13), a(14), a(15), a(16), a(17))
    case 19 => f.asInstanceOf[(Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any) => Any](a(0), a(1), a(2), a(3), a(4), a(5), a(6), a(7), a(8), a(9), a(10), a(11), a(12), a(13), a(14), a(15), a(16), a(17), a(18))
    case 20 => f.asInstanceOf[(Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any) => Any](a(0), a(1), a(2), a(3), a(4), a(5), a(6), a(7), a(8), a(9), a(10), a(11), a(12), a(13), a(14), a(15), a(16), a(17), a(18), a(19))
    case 21 => f.asInstanceOf[(Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any) => Any](a(0), a(1), a(2), a(3), a(4), a(5), a(6), a(7), a(8), a(9), a(10), a(11), a(12), a(13), a(14), a(15), a(16), a(17), a(18), a(19), a(20))
    case 22 => f.asInstanceOf[(Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any) => Any](a(0), a(1), a(2), a(3), a(4), a(5), a(6), a(7), a(8), a(9), a(10), a(11), a(12), a(13), a(14), a(15), a(16), a(17), a(18), a(19), a(20), a(21))
    case n => throw Errors.unsupported(s"UDFs with $n arguments")
  }
  // scalastyle:on
}

/** The JVM entry point DuckDB's UDF functions call (through libsparkduck's JNI glue); a static method for JNI. */
object UdfCallbacks {
  def invoke(udfId: Long, argsArray: Long, argsSchema: Long, outArray: Long, outSchema: Long): String =
    UdfRuntime.invoke(udfId, argsArray, argsSchema, outArray, outSchema)
}
