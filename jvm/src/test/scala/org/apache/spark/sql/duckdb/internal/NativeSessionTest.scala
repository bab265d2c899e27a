package org.apache.spark.sql.duckdb.internal

import java.nio.file.{Files, Path, Paths}

import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.{Assumptions, Test}

import org.apache.spark.{SparkArithmeticException, SparkThrowable}
import org.apache.spark.connect.proto
import org.apache.spark.sql.{AnalysisException, Row}
import org.apache.spark.sql.catalyst.ScalaReflection
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoders._
import org.apache.spark.sql.catalyst.encoders.RowEncoder
import org.apache.spark.sql.types._

case class Person(name: String, age: Int, score: Option[Double], born: java.sql.Date, tags: Seq[String])

/**
 * The data path against the real native library (skipped when it is not built: set sparkduck.native.dir, or
 * have $CARGO_TARGET_DIR/{release,debug}/libsparkduck.so and $DUCKDB_LIB_DIR/libduckdb.so). Every session is closed
 * at the end of its test; closing fails if any Arrow buffer is still allocated.
 */
class NativeSessionTest {
  private def nativeAvailable(): Boolean = {
    if (sys.props.contains("sparkduck.native.dir")) return true
    if (getClass.getClassLoader.getResource("sparkduck/native/linux-x86_64/libsparkduck.so") != null) return true
    val built = for {
      target <- sys.env.get("CARGO_TARGET_DIR").toSeq.flatMap(t => Seq("release", "debug").map(Paths.get(t, _, "libsparkduck.so")))
        .find(Files.exists(_))
      duckdb <- sys.env.get("DUCKDB_LIB_DIR").map(Paths.get(_, "libduckdb.so")).filter(Files.exists(_))
    } yield (target, duckdb)
    built.exists { case (sparkduck, duckdb) =>
      val dir: Path = Files.createTempDirectory("sparkduck-native")
      Files.createSymbolicLink(dir.resolve("libsparkduck.so"), sparkduck)
      Files.createSymbolicLink(dir.resolve("libduckdb.so"), duckdb)
      System.setProperty("sparkduck.native.dir", dir.toString)
      true
    }
  }

  private def withSession[T](body: NativeSession => T): T = {
    Assumptions.assumeTrue(nativeAvailable(), "native library not built")
    val session = NativeSession.open(Map("spark.master" -> "local[2]", "spark.sql.session.timeZone" -> "UTC"))
    try body(session) finally session.close()
  }

  private[internal] def withSessionForOtherTests[T](body: NativeSession => T): T = withSession(body)
  private[internal] def rangePlan(end: Long): proto.Relation = range(end)

  private def relation(f: proto.Relation.Builder => proto.Relation.Builder): proto.Relation =
    f(proto.Relation.newBuilder()).build()
  private def range(end: Long): proto.Relation =
    relation(_.setRange(proto.Range.newBuilder().setStart(0).setEnd(end).setStep(1)))
  private def column(name: String): proto.Expression = proto.Expression.newBuilder()
    .setUnresolvedAttribute(proto.Expression.UnresolvedAttribute.newBuilder().setUnparsedIdentifier(name)).build()
  private def call(name: String, args: proto.Expression*): proto.Expression = {
    val f = proto.Expression.UnresolvedFunction.newBuilder().setFunctionName(name)
    args.foreach(f.addArguments)
    proto.Expression.newBuilder().setUnresolvedFunction(f).build()
  }
  private def long(v: Long): proto.Expression = proto.Expression.newBuilder()
    .setLiteral(proto.Expression.Literal.newBuilder().setLong(v)).build()
  private def project(input: proto.Relation, exprs: proto.Expression*): proto.Relation =
    relation(_.setProject(proto.Project.newBuilder().setInput(input).addAllExpressions(java.util.Arrays.asList(exprs: _*))))

  @Test def rangeCollectsAsRowsAndLongs(): Unit = withSession { s =>
    val schema = s.analyze(range(5))
    assertEquals(StructType(Seq(StructField("id", LongType, nullable = false))), schema)
    val rows = s.collect(range(5), RowEncoder.encoderFor(schema))
    assertEquals((0L until 5L).map(Row(_)), rows.toSeq)
    assertEquals(schema, rows.head.schema)
    assertEquals(3L, rows(3).getAs[Long]("id"))
    assertArrayEquals((0L until 5L).toArray, s.collect(range(5), PrimitiveLongEncoder))
    assertTrue(s.explain(range(5)).nonEmpty)
  }

  @Test def localObjectsRoundTripThroughDuckDB(): Unit = withSession { s =>
    val people = Seq(
      Person("ann", 31, Some(1.5), java.sql.Date.valueOf("1990-01-31"), Seq("a", "b")),
      Person(null, -1, None, null, Seq.empty),
      Person("数据", Int.MaxValue, Some(Double.NaN), java.sql.Date.valueOf("1582-10-04"), null))
    val encoder = ScalaReflection.encoderFor[Person]
    val local = relation(_.setLocalRelation(LocalData.fromObjects(people, encoder)))
    assertEquals(encoder.schema, s.analyze(local))
    val back = s.collect(local, encoder)
    assertEquals(people.map(_.copy(score = None)), back.toSeq.map(_.copy(score = None)))
    assertEquals(Some(1.5), back(0).score)
    assertTrue(back(2).score.get.isNaN)
  }

  @Test def everyContractTypeRoundTripsThroughDuckDB(): Unit = withSession { s =>
    val encoder = ScalaReflection.encoderFor[Everything]
    val local = relation(_.setLocalRelation(LocalData.fromObjects(ArrowRoundTripTest.everything, encoder)))
    val schema = s.analyze(local)
    assertEquals(encoder.schema, schema)
    ArrowRoundTripTest.assertSameEverything(ArrowRoundTripTest.everything, s.collect(local, encoder).toSeq)
    // And as Rows: the same values in Spark's Row classes.
    val rows = s.collect(local, RowEncoder.encoderFor(schema))
    assertEquals(java.sql.Date.valueOf("1582-10-05"), rows(0).getAs[java.sql.Date]("date"))
    assertEquals(Map("k" -> 1, "z" -> 2), rows(0).getAs[scala.collection.Map[String, Int]]("map"))
    assertEquals(Row("in", 0.5), rows(0).getAs[Row]("inner"))
    assertTrue(rows(1).isNullAt(rows(1).fieldIndex("inner")))
  }

  @Test def showThroughDuckDBMatchesSparkClassic(): Unit = withSession { s =>
    val spark = ClassicSpark.session
    val df = spark.sql(
      """SELECT * FROM VALUES
        |  (1, 'a', CAST(1.50 AS DECIMAL(10,2)), DATE'1582-10-10', TIMESTAMP'2024-03-10 02:30:00.123456',
        |   TIMESTAMP_NTZ'1500-01-01 00:00:00.5', X'01FF', array(1, NULL), map('k', named_struct('x', 1.0D)),
        |   named_struct('d', DATE'2000-02-29', 'b', CAST(NULL AS BOOLEAN)), 1.0E-7D, CAST('NaN' AS FLOAT)),
        |  (NULL, 'long text that is truncated by show', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
        |  AS t(i, s, dec, d, ts, ntz, bin, arr, m, st, dbl, flt)""".stripMargin)
    spark.conf.set("spark.sql.datetime.java8API.enabled", "true")
    val input = try df.collect() finally spark.conf.set("spark.sql.datetime.java8API.enabled", "false")
    val local = relation(_.setLocalRelation(LocalData.fromRows(java.util.Arrays.asList(input: _*), df.schema)))
    // Session time zone of the native session is UTC; classic's is ClassicSpark.TimeZone: format in classic's.
    val schema = s.analyze(local)
    assertEquals(df.schema, schema)
    val rows = s.collect(local, ShowString.rowEncoder(schema))
    for (truncate <- Seq(20, 0); vertical <- Seq(false, true)) {
      assertEquals(df.showString(20, truncate, vertical),
        ShowString.format(schema, rows, 20, truncate, vertical, ClassicSpark.TimeZone))
    }
  }

  @Test def sparkConfReachesTheNativeSession(): Unit = {
    Assumptions.assumeTrue(nativeAvailable(), "native library not built")
    val temp = Files.createTempDirectory("sparkduck-spill").toString
    val s = NativeSession.open(Map("spark.master" -> "local[1]", "spark.driver.memory" -> "1g",
      "spark.local.dir" -> temp, "spark.sql.ansi.enabled" -> "false", "spark.sql.caseSensitive" -> "true"))
    try {
      // Non-ANSI division by zero is NULL in Spark.
      val plan = project(range(4), call("/", long(1), call("-", column("id"), long(2))))
      val values = s.collect(plan, RowEncoder.encoderFor(s.analyze(plan))).map(r => if (r.isNullAt(0)) null else r.getDouble(0))
      assertEquals(Seq(-0.5, -1.0, null, 1.0), values.toSeq)
      s.setOption("spark.sql.ansi.enabled", "true")
      assertThrows(classOf[SparkArithmeticException], () => s.collect(plan, RowEncoder.encoderFor(s.analyze(plan))))
    } finally s.close()
  }

  @Test def earlyCloseReleasesTheStream(): Unit = withSession { s =>
    val it = s.iterator(range(5000000), PrimitiveLongEncoder)
    assertEquals(0L, it.next())
    assertEquals(1L, it.next())
    it.close()
    assertFalse(it.hasNext)
    // An iterator left open is released by the session's close (checked by the allocator in withSession).
    val open = s.iterator(range(10000), RowEncoder.encoderFor(s.analyze(range(1))))
    assertTrue(open.hasNext)
  }

  @Test def analysisErrorsAreAnalysisExceptions(): Unit = withSession { s =>
    val e = assertThrows(classOf[AnalysisException], () => s.analyze(project(range(3), column("nope"))))
    assertTrue(e.getCondition.startsWith("UNRESOLVED_COLUMN"), e.getCondition)
    assertThrows(classOf[AnalysisException], () => s.collect(project(range(3), column("nope")), PrimitiveLongEncoder))
  }

  @Test def executionErrorsSurfaceWithTheirClass(): Unit = withSession { s =>
    // 1 / (id - 2) divides by zero on the third row, while the stream is read (ANSI mode).
    val plan = project(range(5), call("/", long(1), call("-", column("id"), long(2))))
    val schema = s.analyze(plan)
    val e = assertThrows(classOf[Throwable], () => s.collect(plan, RowEncoder.encoderFor(schema)))
    assertTrue(e.isInstanceOf[SparkArithmeticException], s"${e.getClass}: ${e.getMessage}")
    assertEquals("DIVIDE_BY_ZERO", e.asInstanceOf[SparkThrowable].getCondition)
  }
}
