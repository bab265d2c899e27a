package org.apache.spark.sql.duckdb.internal

import java.io.ByteArrayInputStream

import scala.collection.mutable.ArrayBuffer
import scala.jdk.CollectionConverters._
import scala.reflect.runtime.universe.TypeTag

import org.apache.arrow.memory.{BufferAllocator, RootAllocator}
import org.apache.arrow.vector.{DecimalVector, IntVector, VectorSchemaRoot}
import org.apache.arrow.vector.ipc.ArrowStreamReader
import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.Test

import org.apache.spark.sql.{Encoders, Row}
import org.apache.spark.sql.catalyst.ScalaReflection
import org.apache.spark.sql.catalyst.encoders.{AgnosticEncoder, RowEncoder}
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoders._
import org.apache.spark.sql.types._

case class Inner(label: String, weight: Option[Double])
case class Everything(
    i: Int, l: Long, s: Short, b: Byte, f: Float, d: Double, flag: Boolean, text: String,
    boxed: java.lang.Integer, dec: BigDecimal, jdec: java.math.BigDecimal, date: java.sql.Date,
    ts: java.sql.Timestamp, localDate: java.time.LocalDate, instant: java.time.Instant,
    ntz: java.time.LocalDateTime, bytes: Array[Byte], opt: Option[Int], seq: Seq[Int], list: List[String],
    arr: Array[Long], map: Map[String, Int], inner: Inner, inners: Seq[Inner], maybeInner: Option[Inner])
case class DecimalHolder(x: java.math.BigDecimal)
case class LongHolder(value: Long)
case class IntHolder(value: Int)

/**
 * Objects → LocalData's Arrow IPC → ArrowDecoders → objects, with Spark classic's own decoding of the same data as
 * the oracle for Rows. Every test checks that no Arrow memory is left allocated.
 */
class ArrowRoundTripTest {
  private def spark = ClassicSpark.session

  /** Decodes every row of an IPC stream with `encoder`; the allocator must end empty. */
  private def decodeIpc[T](bytes: Array[Byte], encoder: AgnosticEncoder[T], schema: StructType): Seq[T] = {
    val allocator = new RootAllocator(Long.MaxValue)
    try {
      val reader = new ArrowStreamReader(new ByteArrayInputStream(bytes), allocator)
      val out = ArrayBuffer.empty[T]
      try {
        val decoder = ArrowDecoders.forRoot(encoder, reader.getVectorSchemaRoot, schema)
        while (reader.loadNextBatch()) {
          (0 until reader.getVectorSchemaRoot.getRowCount).foreach(i => out += decoder.get(i).asInstanceOf[T])
        }
      } finally reader.close()
      assertEquals(0L, allocator.getAllocatedMemory, "Arrow memory leaked")
      out.toSeq
    } finally allocator.close()
  }

  private def roundTrip[T: TypeTag](data: Seq[T]): (Seq[T], StructType, Array[Byte]) = {
    val encoder = ScalaReflection.encoderFor[T]
    val relation = LocalData.fromObjects(data, encoder)
    val schema = DataType.fromJson(relation.getSchema).asInstanceOf[StructType]
    val bytes = relation.getData.toByteArray
    (decodeIpc(bytes, encoder, schema), schema, bytes)
  }

  /** Values equal with the same classes (java BigDecimal scale included); arrays by content. */
  private def assertSameValue(expected: Any, actual: Any, path: String): Unit = (expected, actual) match {
    case (null, _) => assertNull(actual, path)
    case (e: Array[Byte], a: Array[Byte]) => assertArrayEquals(e, a, path)
    case (e: Row, a: Row) =>
      assertEquals(e.length, a.length, path)
      assertEquals(e.schema, a.schema, path)
      (0 until e.length).foreach(k => assertSameValue(e.get(k), a.get(k), s"$path.$k"))
    case (e: scala.collection.Seq[_], a: scala.collection.Seq[_]) =>
      assertEquals(e.getClass, a.getClass, path)
      assertEquals(e.length, a.length, path)
      e.zip(a).zipWithIndex.foreach { case ((x, y), k) => assertSameValue(x, y, s"$path[$k]") }
    case (e: scala.collection.Map[_, _], a: scala.collection.Map[_, _]) =>
      assertEquals(e.getClass, a.getClass, path)
      assertEquals(e.keySet, a.keySet, path)
      e.foreach { case (k, v) => assertSameValue(v, a.asInstanceOf[scala.collection.Map[Any, Any]](k), s"$path{$k}") }
    case _ =>
      assertNotNull(actual, path)
      assertEquals(expected.getClass, actual.getClass, path)
      assertEquals(expected, actual, path)
  }

  private def everything = ArrowRoundTripTest.everything
  @Test def productsRoundTrip(): Unit =
    ArrowRoundTripTest.assertSameEverything(everything, roundTrip(everything)._1)

  @Test def rowsDecodeLikeSparkClassic(): Unit = {
    val (_, schema, bytes) = roundTrip(everything)
    val classicDf = spark.createDataFrame(everything)
    assertEquals(classicDf.schema, schema)
    val expected = classicDf.collect().toSeq
    val actual = decodeIpc(bytes, RowEncoder.encoderFor(schema), schema)
    expected.zip(actual).zipWithIndex.foreach { case ((e, a), k) => assertSameValue(e, a, s"row $k") }
  }

  @Test def rowsWrittenFromRowsDecodeLikeSparkClassic(): Unit = {
    val df = spark.sql(
      """SELECT * FROM VALUES
        |  (1, 'a', CAST(1.5 AS DECIMAL(10,2)), DATE'2020-01-01', TIMESTAMP'2020-01-01 10:00:00', array(1, NULL),
        |   map('x', named_struct('p', 1.0D)), named_struct('q', array('s')), X'00', CAST(NULL AS STRING)),
        |  (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
        |  AS t(a, b, c, d, e, f, g, h, i, j)""".stripMargin)
    val rows = df.collect()
    val bytes = LocalData.toArrowIpc(rows.iterator, df.schema)
    val decoded = decodeIpc(bytes, RowEncoder.encoderFor(df.schema), df.schema)
    rows.zip(decoded).zipWithIndex.foreach { case ((e, a), k) => assertSameValue(e, a, s"row $k") }
    val relation = LocalData.fromRows(java.util.Arrays.asList(rows: _*), df.schema)
    assertEquals(df.schema, DataType.fromJson(relation.getSchema))
  }

  @Test def tuplesAndPrimitivesRoundTrip(): Unit = {
    val tuples = Seq((1, "a", Some(2L)), (2, null, None))
    assertEquals(tuples, roundTrip(tuples)._1)
    val ints = Seq(1, 2, 3)
    val (decodedInts, schema, _) = roundTrip(ints)
    assertEquals(ints, decodedInts)
    assertEquals("value", schema.head.name)
    val strings = Seq("x", null)
    assertEquals(strings, roundTrip(strings)._1)
  }

  /** A one-column root built by hand, as the native side would return it. */
  private def withColumn[T](fill: (BufferAllocator) => VectorSchemaRoot)(body: VectorSchemaRoot => T): T = {
    val allocator = new RootAllocator(Long.MaxValue)
    try {
      val root = fill(allocator)
      try body(root) finally root.close()
    } finally allocator.close()
  }

  private def intColumn(values: Integer*)(allocator: BufferAllocator): VectorSchemaRoot = {
    val v = new IntVector("value", allocator)
    v.allocateNew(values.size)
    values.zipWithIndex.foreach { case (x, i) => if (x == null) v.setNull(i) else v.set(i, x.intValue) }
    v.setValueCount(values.size)
    VectorSchemaRoot.of(v)
  }

  @Test def upCastsLikeSparkAs(): Unit = {
    val schema = StructType(Seq(StructField("value", IntegerType)))
    withColumn(intColumn(1, -2)) { root =>
      val d = ArrowDecoders.forRoot(ScalaReflection.encoderFor[LongHolder], root, schema)
      assertEquals(Seq(LongHolder(1), LongHolder(-2)), Seq(d.get(0), d.get(1)))
      // Narrowing is not an up-cast: fail instead of truncating.
      assertThrows(classOf[RuntimeException],
        () => ArrowDecoders.forRoot(PrimitiveShortEncoder, root, schema))
      val e = assertThrows(classOf[RuntimeException], () => ArrowDecoders.forRoot(StringEncoder, root, schema))
      assertTrue(e.getMessage.contains("not supported yet by sparkduck"), e.getMessage)
    }
  }

  @Test def tupleArityMismatchFailsLikeSparkClassic(): Unit = {
    val df = spark.sql("SELECT 1 AS a, 2 AS b, 3 AS c")
    val expected = assertThrows(classOf[org.apache.spark.sql.AnalysisException],
      () => df.as(Encoders.tuple(Encoders.scalaInt, Encoders.scalaInt)).collect())
    withColumn(intColumn(1)) { root =>
      val schema = df.schema
      val vectors = (0 until 3).map(_ => root.getVector(0))
      val threeColumns = new VectorSchemaRoot(vectors.map(_.getField).asJava, vectors.asJava, 1)
      val actual = assertThrows(classOf[org.apache.spark.sql.AnalysisException],
        () => ArrowDecoders.forRoot(ScalaReflection.encoderFor[(Int, Int)], threeColumns, schema))
      assertEquals(expected.getCondition, actual.getCondition)
      assertEquals(expected.getMessage, actual.getMessage)
    }
  }

  @Test def nullInPrimitiveFieldFails(): Unit = {
    val schema = StructType(Seq(StructField("value", IntegerType)))
    withColumn(intColumn(1, null)) { root =>
      val d = ArrowDecoders.forRoot(ScalaReflection.encoderFor[IntHolder], root, schema)
      assertEquals(IntHolder(1), d.get(0))
      assertThrows(classOf[NullPointerException], () => d.get(1))
      assertNull(ArrowDecoders.forRoot(BoxedIntEncoder, root, schema).get(1))
      assertEquals(None, ArrowDecoders.forRoot(OptionEncoder(PrimitiveIntEncoder), root, schema).get(1))
    }
  }

  @Test def decimalScaleFollowsTheEncoderLikeSparkClassic(): Unit = {
    val expected = spark.sql("SELECT CAST(1.5 AS DECIMAL(10,2)) AS x")
      .as(Encoders.product[DecimalHolder]).collect().head.x
    val schema = StructType(Seq(StructField("x", DecimalType(10, 2))))
    withColumn { allocator =>
      val v = new DecimalVector("x", allocator, 10, 2)
      v.allocateNew(1)
      v.set(0, new java.math.BigDecimal("1.50"))
      v.setValueCount(1)
      VectorSchemaRoot.of(v)
    } { root =>
      val actual = ArrowDecoders.forRoot(ScalaReflection.encoderFor[DecimalHolder], root, schema).get(0)
        .asInstanceOf[DecimalHolder].x
      assertEquals(expected, actual) // java BigDecimal equality includes the scale
      val asRow = ArrowDecoders.forRoot(RowEncoder.encoderFor(schema), root, schema).get(0).asInstanceOf[Row]
      assertEquals(new java.math.BigDecimal("1.50"), asRow.getDecimal(0))
      assertEquals(schema, asRow.schema)
      assertEquals(new java.math.BigDecimal("1.50"), asRow.getAs[java.math.BigDecimal]("x"))
    }
  }

  @Test def productFieldsBindByNameCaseInsensitively(): Unit = {
    val schema = StructType(Seq(StructField("other", IntegerType), StructField("VALUE", IntegerType)))
    val allocator = new RootAllocator(Long.MaxValue)
    try {
      val a = new IntVector("other", allocator); a.allocateNew(1); a.set(0, 10); a.setValueCount(1)
      val b = new IntVector("VALUE", allocator); b.allocateNew(1); b.set(0, 20); b.setValueCount(1)
      val root = VectorSchemaRoot.of(a, b)
      try {
        assertEquals(IntHolder(20), ArrowDecoders.forRoot(ScalaReflection.encoderFor[IntHolder], root, schema).get(0))
        val missing = assertThrows(classOf[Exception],
          () => ArrowDecoders.forRoot(ScalaReflection.encoderFor[DecimalHolder], root, schema))
        assertTrue(missing.getMessage.contains("UNRESOLVED_COLUMN"), missing.getMessage)
      } finally root.close()
    } finally allocator.close()
  }
}

class ArrowRowShapesTest {
  @Test def duplicateNamesAndUnboundRowEncoder(): Unit = {
    val schema = StructType(Seq(StructField("a", IntegerType), StructField("a", StringType)))
    val rows = Seq(Row(1, "x"), Row(null, null))
    val bytes = LocalData.toArrowIpc(rows.iterator, schema)
    val allocator = new RootAllocator(Long.MaxValue)
    try {
      val reader = new ArrowStreamReader(new ByteArrayInputStream(bytes), allocator)
      try {
        assertTrue(reader.loadNextBatch())
        for (encoder <- Seq(RowEncoder.encoderFor(schema), UnboundRowEncoder)) {
          val d = ArrowDecoders.forRoot(encoder, reader.getVectorSchemaRoot, schema)
          val decoded = (0 until 2).map(i => d.get(i).asInstanceOf[Row])
          assertEquals(rows, decoded)
          assertEquals(schema, decoded.head.schema)
        }
      } finally reader.close()
    } finally allocator.close()
  }
}

object ArrowRoundTripTest {
  val everything: Seq[Everything] = Seq(
    Everything(1, 2L, 3, 4, 1.5f, 2.25, flag = true, "héllo 数据", 7, BigDecimal("12.5"),
      new java.math.BigDecimal("-0.000000000000000001"), java.sql.Date.valueOf("1582-10-05"),
      java.sql.Timestamp.valueOf("2024-03-10 02:30:00.123456"), java.time.LocalDate.of(1, 1, 1),
      java.time.Instant.parse("1969-12-31T23:59:59.999999Z"), java.time.LocalDateTime.of(2024, 2, 29, 23, 59, 59, 1000),
      Array[Byte](0, -1, 127), Some(5), Seq(1, 2, 3), List("a", null), Array(9L, 8L), Map("k" -> 1, "z" -> 2),
      Inner("in", Some(0.5)), Seq(Inner("x", None), null), Some(Inner("y", Some(1.0)))),
    Everything(-1, Long.MinValue, Short.MaxValue, Byte.MinValue, Float.NaN, -0.0, flag = false, "", null, null, null,
      null, null, null, null, null, null, None, Seq.empty, Nil, Array.empty, Map.empty, null, null, None))

  /** Field by field: same classes and values (arrays by content, NaN equal to NaN). */
  def assertSameEverything(expected: Seq[Everything], actual: Seq[Everything]): Unit = {
    assertEquals(expected.size, actual.size)
    expected.zip(actual).foreach { case (e, a) =>
      (0 until e.productArity).foreach { k =>
        val name = e.productElementName(k)
        (e.productElement(k), a.productElement(k)) match {
          case (x: Array[Long], y: Array[Long]) => assertArrayEquals(x, y, name)
          case (x: Array[Byte], y: Array[Byte]) => assertArrayEquals(x, y, name)
          case (x: Float, y: Float) => assertEquals(x, y, name)
          case (x: Double, y: Double) => assertEquals(x, y, name)
          case (x, y) =>
            if (x != null) assertEquals(x.getClass, y.getClass, name)
            assertEquals(x, y, name)
        }
      }
    }
  }
}

