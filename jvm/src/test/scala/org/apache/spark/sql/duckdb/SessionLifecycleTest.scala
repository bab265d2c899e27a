package org.apache.spark.sql.duckdb

import java.io.{ByteArrayOutputStream, PrintStream}
import java.nio.charset.StandardCharsets
import java.nio.file.{Files, Paths}

import scala.jdk.CollectionConverters._

import org.apache.spark.sql.{functions => F}
import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.{Assumptions, Test}

/**
 * The builder line and a session's life against the real native library (skipped when it is not built: set
 * sparkduck.native.dir, or have $CARGO_TARGET_DIR/release/libsparkduck.so and $DUCKDB_LIB_DIR/libduckdb.so).
 * Results against Spark itself are the differential suites' job (tests/); this checks sparkduck-only behaviour.
 */
class SessionLifecycleTest {
  private def assumeNative(): Unit = {
    val available = sys.props.contains("sparkduck.native.dir") || {
      val built = for {
        lib <- sys.env.get("CARGO_TARGET_DIR").map(Paths.get(_, "release", "libsparkduck.so")).filter(Files.exists(_))
        duckdb <- sys.env.get("DUCKDB_LIB_DIR").map(Paths.get(_, "libduckdb.so")).filter(Files.exists(_))
      } yield (lib, duckdb)
      built.exists { case (lib, duckdb) =>
        val dir = Files.createTempDirectory("sparkduck-native")
        Files.createSymbolicLink(dir.resolve("libsparkduck.so"), lib)
        Files.createSymbolicLink(dir.resolve("libduckdb.so"), duckdb)
        System.setProperty("sparkduck.native.dir", dir.toString)
        true
      }
    }
    Assumptions.assumeTrue(available, "native library not built")
  }

  private def printed(body: => Unit): String = {
    val bytes = new ByteArrayOutputStream()
    Console.withOut(new PrintStream(bytes, true, StandardCharsets.UTF_8))(body)
    bytes.toString(StandardCharsets.UTF_8)
  }

  @Test def builderReturnsTheLiveSessionUntilItStops(): Unit = {
    assumeNative()
    val spark: org.apache.spark.sql.SparkSession =
      SparkSession.builder().master("local[2]").appName("lifecycle").config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    try {
      assertSame(spark, SparkSession.builder().getOrCreate())
      assertSame(spark, org.apache.spark.sql.SparkSession.active)
      assertEquals("UTC", spark.conf.get("spark.sql.session.timeZone"))
      // Options of a later builder reach the live session, as in Spark.
      SparkSession.builder().config("spark.sql.ansi.enabled", "false").getOrCreate()
      assertEquals("false", spark.conf.get("spark.sql.ansi.enabled"))
    } finally spark.stop()

    assertThrows(classOf[Exception], () => spark.range(1).collect())
    val next = SparkSession.builder().master("local[1]").getOrCreate()
    try assertNotSame(spark, next) finally next.stop()
  }

  @Test def actionsOnLocalDataAndRanges(): Unit = {
    assumeNative()
    val spark = SparkSession.builder().master("local[2]").getOrCreate()
    try {
      import spark.implicits._
      assertEquals((0L until 5L).sum, spark.range(5).collect().map(_.longValue).sum)
      assertEquals((0L until 5L).toList, spark.range(5).toLocalIterator().asScala.map(_.longValue).toList)
      val df = Seq(("a", 1), ("b", 2), ("c", 3)).toDF("k", "v")
      assertEquals(Seq("b", "c"), df.filter($"v" > 1).orderBy($"k").collect().map(_.getString(0)).toSeq)
      assertEquals(3L, df.count())
      assertFalse(df.isEmpty)
      assertTrue(df.limit(0).isEmpty)
      assertEquals(Seq("k", "v"), df.columns.toSeq)
      val explained = printed(df.select(F.col("v") + 1).explain())
      assertTrue(explained.startsWith("== Physical Plan =="), explained)
      // Extended explain also shows the DuckDB settings the session runs with (threads from local[2]).
      val extended = printed(df.explain(extended = true))
      assertTrue(extended.contains("DuckDB session: {\"threads\":2,\"memory_limit\":"), extended)
    } finally spark.stop()
  }
}
