package org.apache.spark.sql.duckdb.tests.sparkduckonly

import java.io.{File, FileWriter, PrintWriter}
import java.nio.charset.StandardCharsets
import java.nio.file.Files

import scala.collection.mutable
import scala.jdk.CollectionConverters._
import scala.util.control.NonFatal

import org.apache.arrow.vector.VarCharVector

import org.apache.spark.sql.SparkSession
import org.apache.spark.sql.duckdb.tests.tpch.TpchQueries

/**
 * TPC-H benchmark (scripts/bench-tpch.sh drives it; not run in CI). One JVM per engine, so that start-up and peak
 * RSS are each engine's own:
 *
 *  - `sparkduck`: TpchQueries (plain DataFrame code) on a sparkduck session, master local[*];
 *  - `spark`: the same code on Spark classic, master local[*];
 *  - `duckdb`: native DuckDB, the `tpch` extension's SQL texts (`tpch_queries()`) over views of the same Parquet
 *    files, run through the same library and session settings with no Spark analysis, Arrow batches counted but
 *    no rows built (a development-only entry point, NativeSession.runSql).
 *
 * usage:
 *   run <engine> <data dir> <scale factor> <runs> <raw csv> [query numbers, comma-separated]
 *   report <raw csv> <result csv> <result markdown>
 *
 * `run` appends measurements to the raw CSV (engine,scale_factor,measure,query,run,value); each query runs once to
 * warm up, then `runs` times. `report` writes per query and in total the median wall times, the ratios
 * sparkduck/Spark and sparkduck/native DuckDB, start-up (builder to first result) and peak RSS.
 */
object TpchBenchmark {
  def main(args: Array[String]): Unit = args.toList match {
    case "run" :: engine :: data :: sf :: runs :: raw :: rest =>
      val queries = rest.headOption.map(_.split(",").map(_.trim.toInt).toSeq).getOrElse(TpchQueries.numbers)
      run(engine, new File(data).getAbsolutePath, sf, runs.toInt, new File(raw), queries)
    case "sql" :: data :: numbers :: Nil =>
      // The DuckDB SQL sparkduck emits for each query: to compare it with the tpch extension's text.
      val spark = builder("sparkduck").getOrCreate()
      numbers.split(",").map(_.trim.toInt).foreach { n =>
        // scalastyle:off println
        val ds = TpchQueries.query(n, spark, new File(data).getAbsolutePath).asInstanceOf[org.apache.spark.sql.duckdb.Dataset[_]]
        println(s"-- Q$n\n${spark.asInstanceOf[org.apache.spark.sql.duckdb.SparkSession].native.explain(ds.relation)};\n")
        // scalastyle:on println
      }
    case "report" :: raw :: csv :: markdown :: Nil => Report.write(new File(raw), new File(csv), new File(markdown))
    case _ =>
      System.err.println("usage: TpchBenchmark run <sparkduck|spark|duckdb|translated> <data dir> <sf> <runs> <raw csv> [1,2,..]\n" +
        "       TpchBenchmark sql <data dir> <1,2,..>\n" +
        "       TpchBenchmark report <raw csv> <result csv> <result markdown>")
      sys.exit(2)
  }

  private val master = "local[*]"

  private def builder(engine: String) = {
    val b = engine match {
      case "spark" => org.apache.spark.sql.classic.SparkSession.builder()
      case "sparkduck" | "duckdb" | "translated" => org.apache.spark.sql.duckdb.SparkSession.builder()
      case other => throw new IllegalArgumentException(s"engine $other: use sparkduck, spark, duckdb or translated")
    }
    // Only what a local job sets anyway: no UI, loopback networking (Spark classic's driver).
    b.master(master).appName(s"tpch-$engine")
      .config("spark.ui.enabled", "false")
      .config("spark.driver.bindAddress", "127.0.0.1")
      .config("spark.driver.host", "127.0.0.1")
  }

  private def run(engine: String, data: String, sf: String, runs: Int, raw: File, queries: Seq[Int]): Unit = {
    raw.getAbsoluteFile.getParentFile.mkdirs()
    val out = new PrintWriter(new FileWriter(raw, StandardCharsets.UTF_8, true), true)
    def record(measure: String, query: String, run: String, value: Any): Unit =
      out.println(Seq(engine, sf, measure, query, run, Csv.field(value.toString)).mkString(","))

    record("load_average", "", "", Files.readString(new File("/proc/loadavg").toPath).trim.split(" ").take(3).mkString(" "))
    val startNanos = System.nanoTime()
    val spark = builder(engine).getOrCreate()
    // First result: a small real read, as a job's first action.
    spark.read.parquet(s"$data/region").collect()
    record("startup_ms", "", "", millisSince(startNanos))
    // The process's CPU time so far (JVM start included): on a loaded machine wall time mostly measures waiting.
    record("startup_cpu_ms", "", "", processCpuNanos / 1000000)

    val execute: Int => Long = engine match {
      case "duckdb" =>
        val native = spark.asInstanceOf[org.apache.spark.sql.duckdb.SparkSession].native
        record("version", "", "", org.apache.spark.sql.duckdb.internal.NativeBridge.version())
        Seq("lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region").foreach { table =>
          val files = s"$data/$table/*.parquet".replace("'", "''")
          native.runSql(s"CREATE OR REPLACE VIEW \"$table\" AS SELECT * FROM read_parquet(['$files'])")(_ => ())
        }
        val texts = mutable.Map.empty[Int, String]
        native.runSql("SELECT query_nr, query FROM tpch_queries()") { root =>
          val numbers = root.getVector("query_nr")
          val sql = root.getVector("query").asInstanceOf[VarCharVector]
          (0 until root.getRowCount).foreach { i =>
            texts(numbers.getObject(i).toString.toInt) = new String(sql.get(i), StandardCharsets.UTF_8)
          }
        }
        number => {
          var rows = 0L
          native.runSql(texts(number))(root => rows += root.getRowCount)
          rows
        }
      case "translated" =>
        // The SQL sparkduck emits, run directly: sparkduck minus this is JNI, Arrow import and row building;
        // this minus "duckdb" is the cost of the DataFrame formulation and of the translation.
        val native = spark.asInstanceOf[org.apache.spark.sql.duckdb.SparkSession].native
        record("version", "", "", org.apache.spark.sql.duckdb.internal.NativeBridge.version())
        number => {
          val ds = TpchQueries.query(number, spark, data).asInstanceOf[org.apache.spark.sql.duckdb.Dataset[_]]
          var rows = 0L
          native.runSql(native.explain(ds.relation))(root => rows += root.getRowCount)
          rows
        }
      case _ =>
        record("version", "", "", spark.version)
        number => TpchQueries.query(number, spark, data).collect().length.toLong
    }

    queries.foreach { number =>
      try {
        val rows = execute(number) // warm-up
        record("rows", number.toString, "", rows)
        (1 to runs).foreach { i =>
          val start = System.nanoTime()
          execute(number)
          record("time_ms", number.toString, i.toString, millisSince(start))
        }
        System.err.println(s"tpch $engine sf$sf q$number done")
      } catch {
        case NonFatal(e) =>
          record("error", number.toString, "", s"${e.getClass.getSimpleName}: ${e.getMessage}".take(300))
          System.err.println(s"tpch $engine sf$sf q$number failed: $e")
      }
    }
    record("peak_rss_mib", "", "", peakRssKib / 1024)
    out.close()
    spark.stop()
  }

  private def millisSince(startNanos: Long): String = f"${(System.nanoTime() - startNanos) / 1e6}%.1f"

  private def processCpuNanos: Long = java.lang.management.ManagementFactory.getOperatingSystemMXBean match {
    case os: com.sun.management.OperatingSystemMXBean => os.getProcessCpuTime
    case _ => -1L
  }

  /** VmHWM: the process's peak resident set size. */
  private def peakRssKib: Long =
    Files.readAllLines(new File("/proc/self/status").toPath).asScala
      .collectFirst { case l if l.startsWith("VmHWM:") => l.split("\\s+")(1).toLong }.getOrElse(-1L)
}

/** Minimal CSV quoting: the raw file holds error messages. */
private object Csv {
  def field(value: String): String =
    if (value.exists(c => c == ',' || c == '"' || c == '\n')) "\"" + value.replace("\"", "\"\"").replace("\n", " ") + "\""
    else value

  def parseLine(line: String): Seq[String] = {
    val fields = mutable.ArrayBuffer.empty[String]
    val current = new StringBuilder
    var quoted = false
    var i = 0
    while (i < line.length) {
      val c = line(i)
      if (quoted) {
        if (c == '"' && i + 1 < line.length && line(i + 1) == '"') { current += '"'; i += 1 }
        else if (c == '"') quoted = false
        else current += c
      } else if (c == '"') quoted = true
      else if (c == ',') { fields += current.toString; current.clear() }
      else current += c
      i += 1
    }
    fields += current.toString
    fields.toSeq
  }
}

/** Medians, totals and ratios from the raw measurements, as CSV and Markdown. */
private object Report {
  private val Engines = Seq("sparkduck", "spark", "duckdb")

  private case class Measurement(engine: String, sf: String, measure: String, query: String, run: String, value: String)

  def write(raw: File, csv: File, markdown: File): Unit = {
    val measurements = Files.readAllLines(raw.toPath, StandardCharsets.UTF_8).asScala.filter(_.nonEmpty).map { l =>
      val f = Csv.parseLine(l)
      Measurement(f(0), f(1), f(2), f(3), f(4), f(5))
    }.toSeq
    // The last run of an engine at a scale factor wins (the raw file is appended to).
    def single(engine: String, sf: String, measure: String): Option[String] =
      measurements.filter(m => m.engine == engine && m.sf == sf && m.measure == measure).lastOption.map(_.value)
    def median(values: Seq[Double]): Option[Double] =
      if (values.isEmpty) None
      else {
        val s = values.sorted
        Some(if (s.length % 2 == 1) s(s.length / 2) else (s(s.length / 2 - 1) + s(s.length / 2)) / 2)
      }
    def medianMillis(engine: String, sf: String, query: Int): Option[Double] =
      median(measurements.filter(m => m.engine == engine && m.sf == sf && m.measure == "time_ms" &&
        m.query == query.toString).map(_.value.toDouble))
    def fmt(v: Option[Double]): String = v.fold("—")(x => f"$x%.1f")
    def ratio(a: Option[Double], b: Option[Double]): Option[Double] = for (x <- a; y <- b if y > 0) yield x / y
    def fmtRatio(v: Option[Double]): String = v.fold("—")(x => f"$x%.3f")

    val scaleFactors = measurements.map(_.sf).distinct
    val csvOut = new PrintWriter(csv, StandardCharsets.UTF_8)
    csvOut.println("scale_factor,query,sparkduck_ms,spark_ms,duckdb_ms,sparkduck_over_spark,sparkduck_over_duckdb,rows")
    val md = new StringBuilder
    md ++= "# TPC-H benchmark\n\n"
    md ++= "Generated by `scripts/bench-tpch.sh` (TpchBenchmark); do not edit by hand. Median wall time of the timed " +
      "runs (after one warm-up run) per query, in milliseconds, for\n" +
      "(a) **sparkduck** and (b) **Spark classic** `local[*]` running the same DataFrame code " +
      "(`tests/.../tpch/TpchQueries.scala`, action `collect()`), and (c) **native DuckDB** running the `tpch` " +
      "extension's SQL texts on the same Parquet files in-process, through the same DuckDB library and session " +
      "settings (result batches counted, no rows built). Ratios below 1 mean sparkduck is faster. " +
      "Totals are over the queries that ran on all three engines.\n\n"
    md ++= machine(measurements)
    scaleFactors.foreach { sf =>
      val runs = measurements.filter(m => m.sf == sf && m.measure == "time_ms").map(_.run).distinct.size
      md ++= s"\n## Scale factor $sf ($runs timed runs per query)\n\n"
      md ++= "| query | sparkduck ms | Spark ms | native DuckDB ms | sparkduck/Spark | sparkduck/native | rows |\n"
      md ++= "|---|---:|---:|---:|---:|---:|---:|\n"
      val totals = Array(0.0, 0.0, 0.0)
      var counted = 0 // queries that ran on all three engines
      val errors = mutable.ArrayBuffer.empty[String]
      TpchQueries.numbers.foreach { q =>
        val times = Engines.map(e => medianMillis(e, sf, q))
        val rows = Engines.flatMap(e => measurements.find(m => m.engine == e && m.sf == sf && m.measure == "rows" &&
          m.query == q.toString).map(_.value)).distinct
        Engines.foreach { e =>
          measurements.filter(m => m.engine == e && m.sf == sf && m.measure == "error" && m.query == q.toString)
            .lastOption.foreach(m => errors += s"Q$q on $e: ${m.value}")
        }
        if (times.forall(_.isDefined)) {
          counted += 1
          times.zipWithIndex.foreach { case (t, i) => totals(i) += t.get }
        }
        val rowText = if (rows.size <= 1) rows.mkString else rows.mkString(" / ") + " (differ)"
        md ++= s"| Q$q | ${times.map(fmt).mkString(" | ")} | ${fmtRatio(ratio(times(0), times(1)))} | " +
          s"${fmtRatio(ratio(times(0), times(2)))} | $rowText |\n"
        csvOut.println(Seq(sf, q.toString, fmt(times(0)), fmt(times(1)), fmt(times(2)),
          fmtRatio(ratio(times(0), times(1))), fmtRatio(ratio(times(0), times(2))), rows.mkString("/"))
          .map(v => if (v == "—") "" else v).mkString(","))
      }
      val t = totals.toSeq.map(Some(_).filter(_ => counted > 0))
      md ++= s"| **total** ($counted queries) | ${t.map(fmt).mkString(" | ")} | ${fmtRatio(ratio(t(0), t(1)))} | " +
        s"${fmtRatio(ratio(t(0), t(2)))} | |\n"
      csvOut.println(Seq(sf, "total", fmt(t(0)), fmt(t(1)), fmt(t(2)), fmtRatio(ratio(t(0), t(1))),
        fmtRatio(ratio(t(0), t(2))), "").mkString(","))
      md ++= "\n| engine | start-up ms (builder to first result) | process CPU ms at first result | peak RSS MiB | " +
        "load average at start |\n"
      md ++= "|---|---:|---:|---:|---|\n"
      Engines.foreach { e =>
        md ++= s"| $e | ${Seq("startup_ms", "startup_cpu_ms", "peak_rss_mib", "load_average")
          .map(single(e, sf, _).getOrElse("—")).mkString(" | ")} |\n"
      }
      if (errors.nonEmpty) {
        md ++= "\nFailed (not in the totals):\n\n"
        errors.foreach(e => md ++= s"- ${e.replace("\n", " ").replace("|", "\\|")}\n")
      }
    }
    csvOut.close()
    Files.writeString(markdown.toPath, md.toString, StandardCharsets.UTF_8)
  }

  private def machine(measurements: Seq[Measurement]): String = {
    def firstLine(file: String, prefix: String): String =
      scala.util.Try(Files.readAllLines(new File(file).toPath).asScala.find(_.startsWith(prefix))
        .map(_.split(":", 2)(1).trim).getOrElse("?")).getOrElse("?")
    val versions = measurements.filter(_.measure == "version").groupBy(_.engine).map { case (e, ms) => e -> ms.last.value }
    "Machine: " + Seq(
      s"CPU ${firstLine("/proc/cpuinfo", "model name")}",
      s"${Runtime.getRuntime.availableProcessors()} usable cores",
      s"RAM ${firstLine("/proc/meminfo", "MemTotal")}",
      s"${sys.props("os.name")} ${sys.props("os.version")}",
      s"JVM ${sys.props("java.vm.name")} ${sys.props("java.version")}",
      s"Spark ${versions.getOrElse("spark", "?")}",
      s"${versions.getOrElse("duckdb", "DuckDB ?")}").mkString(", ") + ".\n"
  }
}
