package org.apache.spark.sql.duckdb.tests.corpus

import java.nio.charset.StandardCharsets
import java.nio.file.{Files, Path, Paths}
import java.util.IdentityHashMap

import scala.collection.mutable
import scala.jdk.CollectionConverters._

import org.junit.jupiter.api.{AfterAll, DynamicTest, TestFactory, TestInstance}

import org.apache.spark.sql.{DataFrame, SparkSession}
import org.apache.spark.sql.duckdb.tests.{Comparison, DifferentialSuite, TpcData}

/**
 * The TPC-H (22) and TPC-DS (99) query texts, as DuckDB's `tpch`/`tpcds` extensions generate them, run through
 * `spark.sql` on Spark classic and on sparkduck over the same generated Parquet tables (temp views), results compared
 * exactly as checkSame does. Every query's outcome is recorded in docs/sql-corpus.md:
 *  - `identical`: same schema and rows; a query recorded so must stay so (a regression fails the test);
 *  - `unsupported`: sparkduck fails with an error (the detail names it) where Spark succeeds;
 *  - `differs`: sparkduck returns a different result: a known bug, listed until fixed; a new one fails the test;
 *  - `spark-fails`: Spark classic itself rejects the text (DuckDB dialect), so there is no oracle.
 * An improvement (a query now identical) only prints a reminder, so that work elsewhere never fails here.
 *
 * Regenerate the record: `mvn_ -pl tests test -Dtest=SqlCorpusSuite -Dsparkduck.corpus.write=true`.
 * The only change made to the texts: DuckDB's double-quoted identifiers become Spark's backquoted ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlCorpusSuite extends DifferentialSuite {
  import SqlCorpusSuite._

  private val outcomes = mutable.LinkedHashMap.empty[(String, Int), (String, String)]

  @TestFactory def tpch(): java.util.stream.Stream[DynamicTest] = corpus("tpch", "0.1")

  @TestFactory def tpcds(): java.util.stream.Stream[DynamicTest] = corpus("tpcds", "0.1")

  private def corpus(benchmark: String, sf: String): java.util.stream.Stream[DynamicTest] = {
    val data = TpcData.directory(benchmark, sf)
    val tables = TpcData.tables(data)
    val recorded = Recorded.read()
    // One DataFrame per table and session, re-registered as views before each query: TPC-H and TPC-DS share names.
    val frames = new IdentityHashMap[SparkSession, Map[String, DataFrame]]()
    def withViews(spark: SparkSession): Unit = {
      val byTable = frames.computeIfAbsent(spark, s => tables.map(t => t -> s.read.parquet(s"$data/$t")).toMap)
      byTable.foreach { case (table, frame) => frame.createOrReplaceTempView(table) }
    }
    // -Dsparkduck.corpus.only=tpcds:36,70 runs those queries only (the record keeps the others' lines).
    val only = sys.props.get("sparkduck.corpus.only").map(_.split(",").toSeq.flatMap { item =>
      item.split(":") match {
        case Array(b, n) => Seq((b.trim, n.trim.toInt))
        case Array(n) => Seq((benchmark, n.trim.toInt))
      }
    }.toSet)
    TpcData.queries(data).toSeq.sortBy(_._1).filter { case (n, _) => only.forall(_.contains((benchmark, n))) }
      .map { case (number, text) =>
      DynamicTest.dynamicTest(s"$benchmark Q$number", () => {
        val sql = backquoteIdentifiers(text)
        // -Dsparkduck.corpus.explain=true prints the DuckDB SQL sparkduck runs for each query (with `only`).
        if (sys.props.get("sparkduck.corpus.explain").contains("true")) {
          withViews(candidate)
          candidate.sql(sql).explain()
        }
        val comparison = compareBetween(classic, candidate, ordered = false) { spark =>
          withViews(spark)
          spark.sql(sql)
        }
        // The record keeps the first line of the detail; a failure message carries all of it.
        val (status, fullDetail) = comparison match {
          case Comparison.Same => ("identical", "")
          case Comparison.ActualFailed(e) => ("unsupported", describe(e))
          case Comparison.Different(d) => ("differs", d)
          case Comparison.ExpectedFailed(e) => ("spark-fails", describe(e))
        }
        val outcome = (status, firstLine(fullDetail))
        outcomes((benchmark, number)) = outcome
        // scalastyle:off println
        if (status == "differs") System.err.println(s"sql corpus: $benchmark Q$number differs: $fullDetail")
        // scalastyle:on println
        val before = recorded.get((benchmark, number)).map(_._1)
        (before, outcome._1) match {
          case (Some(b), now) if b == now => ()
          case (Some("identical"), now) =>
            throw new AssertionError(s"[$benchmark Q$number] was identical, now $now: $fullDetail")
          case (_, "differs") =>
            throw new AssertionError(s"[$benchmark Q$number] sparkduck returns a different result: $fullDetail")
          case (b, now) =>
            // scalastyle:off println
            System.err.println(s"sql corpus: $benchmark Q$number is now $now (recorded: ${b.getOrElse("nothing")}); " +
              "regenerate docs/sql-corpus.md")
            // scalastyle:on println
        }
      })
    }.asJava.stream()
  }

  @AfterAll def writeRecord(): Unit =
    if (sys.props.get("sparkduck.corpus.write").contains("true") && outcomes.nonEmpty) {
      // A partial run (one factory) keeps the other benchmark's recorded lines.
      val merged = Recorded.read() ++ outcomes
      Files.write(Recorded.path, Recorded.render(merged.toMap).getBytes(StandardCharsets.UTF_8))
    }
}

object SqlCorpusSuite {
  /** DuckDB's `"name"` identifiers as Spark's `` `name` `` (the texts hold no double-quoted strings). */
  def backquoteIdentifiers(text: String): String = "\"([^\"`]*)\"".r.replaceAllIn(text, m =>
    java.util.regex.Matcher.quoteReplacement("`" + m.group(1) + "`"))

  private def firstLine(s: String): String =
    s.linesIterator.map(_.trim).find(_.nonEmpty).getOrElse("").replace("|", "\\|").take(240)

  /** docs/sql-corpus.md: the recorded outcome of every query. */
  object Recorded {
    // Surefire runs in the tests module directory.
    def path: Path = Paths.get("..", "docs", "sql-corpus.md")

    private val Row = """\| (tpch|tpcds) \| (\d+) \| ([a-z-]+) \| (.*) \|""".r

    def read(): Map[(String, Int), (String, String)] =
      if (!Files.exists(path)) Map.empty
      else Files.readAllLines(path, StandardCharsets.UTF_8).asScala.collect {
        case Row(benchmark, number, status, detail) => (benchmark, number.toInt) -> (status, detail)
      }.toMap

    def render(outcomes: Map[(String, Int), (String, String)]): String = {
      val sb = new StringBuilder
      sb ++= "# SQL corpus: TPC-H and TPC-DS through spark.sql\n\n"
      sb ++= "Generated by `SqlCorpusSuite` (`mvn_ -pl tests test -Dtest=SqlCorpusSuite " +
        "-Dsparkduck.corpus.write=true`); do not edit by hand. The query texts and data (scale factor 0.1) come from " +
        "DuckDB's `tpch`/`tpcds` extensions at run time; each query runs through `spark.sql` on Spark classic and on " +
        "sparkduck over the same Parquet files, results compared exactly. Statuses: `identical`; `unsupported` " +
        "(sparkduck raises an error, detail below); `differs` (a wrong result: a bug); `spark-fails` (Spark itself " +
        "rejects the text).\n\n"
      Seq("tpch", "tpcds").foreach { b =>
        val mine = outcomes.filter(_._1._1 == b)
        if (mine.nonEmpty) {
          val counts = mine.values.groupBy(_._1).map { case (s, v) => s"$s ${v.size}" }.toSeq.sorted.mkString(", ")
          sb ++= s"## ${if (b == "tpch") "TPC-H" else "TPC-DS"} (${mine.size} queries: $counts)\n\n"
          sb ++= "| benchmark | query | status | detail |\n|---|---:|---|---|\n"
          mine.toSeq.sortBy(_._1._2).foreach { case ((_, n), (status, detail)) =>
            sb ++= s"| $b | $n | $status | $detail |\n"
          }
          sb ++= "\n"
        }
      }
      sb.toString
    }
  }
}
