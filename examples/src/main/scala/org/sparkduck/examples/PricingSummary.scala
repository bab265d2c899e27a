package org.sparkduck.examples

import org.apache.spark.sql.functions._

/** TPC-H Q1 (pricing summary report) as a Spark user writes it. Plain Spark 4 code: on a cluster, replace the
 *  builder line with `org.apache.spark.sql.SparkSession.builder()`.
 *
 *  usage: PricingSummary <directory holding lineitem/> */
object PricingSummary {
  def main(args: Array[String]): Unit = {
    require(args.length == 1, "usage: PricingSummary <tpch data directory>")
    val spark = org.apache.spark.sql.duckdb.SparkSession.builder()
      .master("local[2]")
      .appName("pricing-summary")
      .getOrCreate()
    try {
      val lineitem = spark.read.parquet(s"${args(0)}/lineitem")
      val report = lineitem
        .filter(col("l_shipdate") <= lit(java.sql.Date.valueOf("1998-09-02")))
        .withColumn("disc_price", col("l_extendedprice") * (lit(1) - col("l_discount")))
        .withColumn("charge", col("disc_price") * (lit(1) + col("l_tax")))
        .groupBy("l_returnflag", "l_linestatus")
        .agg(
          sum("l_quantity").as("sum_qty"),
          sum("l_extendedprice").as("sum_base_price"),
          sum("disc_price").as("sum_disc_price"),
          sum("charge").as("sum_charge"),
          avg("l_quantity").as("avg_qty"),
          avg("l_extendedprice").as("avg_price"),
          avg("l_discount").as("avg_disc"),
          count(lit(1)).as("count_order"))
        .orderBy("l_returnflag", "l_linestatus")
      report.printSchema()
      report.show(truncate = false)
      println(s"groups: ${report.collect().length}")
    } finally {
      spark.stop()
    }
  }
}
