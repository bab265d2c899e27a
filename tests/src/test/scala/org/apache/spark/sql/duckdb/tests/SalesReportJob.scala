package org.apache.spark.sql.duckdb.tests

import org.apache.spark.sql.SparkSession
import org.apache.spark.sql.functions._

/**
 * A plain Spark 4 job: nothing in it knows about sparkduck. It reads Parquet, filters, projects, aggregates, sorts,
 * shows and collects, printing everything it computes. Its two launchers differ only in the session builder line:
 * SalesReportOnSpark below and sparkduckonly.SalesReportOnSparkduck.
 */
object SalesReportJob {
  def run(spark: SparkSession, lineitemPath: String): Unit = {
    import spark.implicits._
    val lineitem = spark.read.parquet(lineitemPath)
    val report = lineitem
      .where($"l_shipdate" >= lit("1994-01-01").cast("date") && $"l_discount".between(0.02, 0.09))
      .select($"l_returnflag", $"l_linestatus", $"l_quantity",
        ($"l_extendedprice" * (lit(1) - $"l_discount")).as("revenue"))
      .groupBy("l_returnflag", "l_linestatus")
      .agg(sum("revenue").as("total_revenue"), avg("l_quantity").as("avg_quantity"), count("*").as("line_count"))
      .orderBy($"total_revenue".desc, $"l_returnflag", $"l_linestatus")

    report.printSchema()
    report.show(truncate = false)
    val rows = report.collect()
    rows.foreach(row => println(row.mkString(" | ")))
    println(s"groups: ${rows.length}, lines: ${lineitem.count()}")
  }
}

object SalesReportOnSpark {
  def main(args: Array[String]): Unit = {
    val spark = SparkSession.builder().master("local[2]").config("spark.sql.session.timeZone", "America/Los_Angeles").getOrCreate()
    SalesReportJob.run(spark, args(0))
  }
}
