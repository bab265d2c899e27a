package org.apache.spark.sql.duckdb.tests.sparkduckonly

import java.io.File

import org.apache.spark.sql.SparkSession
import org.apache.spark.sql.duckdb.tests.tpch.{TpchTables, TpchUdfQueries}

/**
 * UDF benchmark (scripts/bench-udf.sh drives it; not run in CI): TPC-H queries whose arithmetic is in Scala UDFs
 * (TpchUdfQueries), on one engine (`sparkduck` or `spark`, master local[*]) and one form (`udf`, or `builtin`: the
 * same double arithmetic as built-in expressions). One JVM per engine and form. Each query runs once to warm up,
 * then `runs` times; prints `engine,form,query,median_ms,rows` lines.
 *
 * usage: UdfBenchmark <sparkduck|spark> <udf|builtin> <data dir> <runs> [query numbers, comma-separated]
 */
object UdfBenchmark {
  def main(args: Array[String]): Unit = args.toList match {
    case engine :: form :: data :: runs :: rest =>
      val queries = rest.headOption.map(_.split(",").map(_.trim.toInt).toSeq).getOrElse(TpchUdfQueries.numbers)
      run(engine, form, new File(data).getAbsolutePath, runs.toInt, queries)
    case _ =>
      System.err.println("usage: UdfBenchmark <sparkduck|spark> <udf|builtin> <data dir> <runs> [1,3,..]")
      sys.exit(2)
  }

  private def run(engine: String, form: String, data: String, runs: Int, queries: Seq[Int]): Unit = {
    val builder = engine match {
      case "spark" => org.apache.spark.sql.classic.SparkSession.builder()
      case "sparkduck" => org.apache.spark.sql.duckdb.SparkSession.builder()
      case other => throw new IllegalArgumentException(s"engine $other: use sparkduck or spark")
    }
    val arithmetic = form match {
      case "udf" => TpchUdfQueries.udfs
      case "builtin" => TpchUdfQueries.builtins
      case other => throw new IllegalArgumentException(s"form $other: use udf or builtin")
    }
    val spark: SparkSession = builder.master("local[*]").appName(s"udf-bench-$engine-$form")
      .config("spark.ui.enabled", "false")
      .config("spark.driver.bindAddress", "127.0.0.1")
      .config("spark.driver.host", "127.0.0.1")
      .getOrCreate()
    val tables = new TpchTables(spark, data)
    queries.foreach { number =>
      def once(): Int = TpchUdfQueries.query(number, tables, arithmetic).collect().length
      val rows = once() // warm-up
      val times = (1 to runs).map { _ =>
        val start = System.nanoTime()
        once()
        (System.nanoTime() - start) / 1e6
      }.sorted
      val median = if (times.size % 2 == 1) times(times.size / 2) else (times(times.size / 2 - 1) + times(times.size / 2)) / 2
      // scalastyle:off println
      println(f"$engine,$form,$number,$median%.1f,$rows")
      // scalastyle:on println
    }
    spark.stop()
  }
}
