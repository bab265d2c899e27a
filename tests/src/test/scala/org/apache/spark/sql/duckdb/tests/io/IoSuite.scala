package org.apache.spark.sql.duckdb.tests.io

import java.io.File
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.util.concurrent.atomic.AtomicInteger

import scala.jdk.CollectionConverters._
import scala.util.{Failure, Success, Try}

import org.apache.spark.sql.{Dataset, Row, SparkSession}
import org.apache.spark.sql.duckdb.tests.{DifferentialSuite, ResultComparison, SharedTestData, TestSessions}
import org.apache.spark.sql.types.StructType

/**
 * Base of the I/O suites: input files are written by Spark classic or plain Java into fresh directories and both
 * engines read them (`checkSame`); for writes each engine writes into its own directory and Spark classic reads both
 * outputs back (`checkSameWrite`), which must hold the same rows with the same schema and the same file layout
 * (part files named as Spark names them, `_SUCCESS`, partition directories).
 */
abstract class IoSuite extends DifferentialSuite {
  /** A fresh, not yet existing path under the shared temporary directory. */
  def freshPath(prefix: String = "io"): String =
    new File(SharedTestData.directory, s"$prefix-${getClass.getSimpleName}-${IoSuite.counter.incrementAndGet()}").getAbsolutePath

  /** A fresh directory that exists. */
  def freshDir(): File = {
    val dir = new File(freshPath())
    dir.mkdirs()
    dir
  }

  /** Writes `text` (UTF-8) to `relative` under `dir`, creating parent directories; returns the file's path. */
  def writeFile(dir: File, relative: String, text: String): String = {
    val file = new File(dir, relative)
    file.getParentFile.mkdirs()
    Files.write(file.toPath, text.getBytes(StandardCharsets.UTF_8))
    file.getAbsolutePath
  }

  /** A directory with one file of `text`; returns the file's path. */
  def textFile(name: String, text: String): String = writeFile(freshDir(), name, text)

  /** Rows written by Spark classic as `format` (partitioned by `partitionBy`) to a fresh path; returns the path. */
  def classicWrite(rows: Seq[Row], schema: StructType, format: String = "parquet", partitionBy: Seq[String] = Nil,
      options: Map[String, String] = Map.empty, partitions: Int = 2): String = {
    val path = freshPath()
    SparkSession.setActiveSession(classic)
    classic.createDataFrame(rows.asJava, schema).repartition(partitions).write.format(format).options(options)
      .partitionBy(partitionBy: _*).save(path)
    path
  }

  /** The layout of a written directory: relative paths without hidden files (`.crc`), part file numbers and
   *  UUIDs replaced, as a set (engines split data into a different number of files). */
  def layout(path: String): Set[String] = {
    val root = new File(path).toPath
    if (!Files.exists(root)) return Set("<missing>")
    val walk = Files.walk(root)
    try walk.iterator().asScala
      .filter(p => Files.isRegularFile(p))
      .map(p => root.relativize(p).toString)
      .filterNot(_.split('/').exists(_.startsWith(".")))
      .map(_.replaceAll("part-\\d{5}-[0-9a-f-]{36}([-.])c\\d{3}", "part-N-UUID$1cN"))
      .toSet
    finally walk.close()
  }

  /**
   * Each engine runs `write(session, path)` into a fresh path; Spark classic reads both outputs with `read`: same
   * schema, same rows, same layout.
   */
  def checkSameWrite(name: String, read: (SparkSession, String) => Dataset[Row] = (s, p) => s.read.parquet(p),
      compareLayout: Boolean = true)(write: (SparkSession, String) => Unit): Unit = {
    val expectedPath = freshPath("expected")
    val actualPath = freshPath("actual")
    SparkSession.setActiveSession(classic)
    Try(write(classic, expectedPath)).failed.foreach(e =>
      throw new AssertionError(s"[$name] Spark classic itself failed to write, the test is wrong: $e", e))
    SparkSession.setActiveSession(candidate)
    Try(write(candidate, actualPath)).failed.foreach(e =>
      throw new AssertionError(s"[$name] candidate failed to write where Spark classic succeeded: ${describe(e)}", e))
    SparkSession.setActiveSession(classic)
    val expected = read(classic, expectedPath)
    val actual = Try(read(classic, actualPath)) match {
      case Success(ds) => ds
      case Failure(e) => throw new AssertionError(s"[$name] Spark classic cannot read the candidate's output: $e", e)
    }
    val differences = ResultComparison.schemaDifference(expected.schema, actual.schema).toSeq ++
      ResultComparison.rowsDifference(expected.collect().toSeq, actual.collect().toSeq, ordered = false).toSeq ++
      (if (compareLayout && layout(expectedPath) != layout(actualPath))
        Seq(s"layouts differ\nSpark classic: ${layout(expectedPath).toSeq.sorted}\ncandidate:     ${layout(actualPath).toSeq.sorted}")
      else Nil)
    if (differences.nonEmpty) throw new AssertionError(s"[$name] ${differences.mkString("\n")}")
  }

  def isSparkduck: Boolean = TestSessions.isSparkduck(candidate)
}

object IoSuite {
  /** One counter per JVM: JUnit makes a suite instance per test. */
  val counter = new AtomicInteger()
}
