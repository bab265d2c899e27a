package org.sparkduck.examples

import org.apache.spark.sql.SparkSession
import org.apache.spark.sql.expressions.Window
import org.apache.spark.sql.functions._

/** A small multi-step job as written for Spark, naming no sparkduck class: read CSV, clean, join, aggregate, rank
 *  with a window, write Parquet, read the result back and print it. `bin/sparkduck-submit` runs it on embedded
 *  DuckDB; `spark-submit` runs the same jar on Spark, with the same output.
 *
 *  usage: SalesPipeline <input directory holding customers.csv and orders.csv> <output directory> */
object SalesPipeline {
  def main(args: Array[String]): Unit = {
    require(args.length == 2, "usage: SalesPipeline <input directory> <output directory>")
    val Array(input, output) = args
    val spark = SparkSession.builder().appName("sales-pipeline").getOrCreate()
    try {
      val csv = spark.read.option("header", "true").option("inferSchema", "true")
      val customers = csv.csv(s"$input/customers.csv")
        .select(col("id").as("customer_id"), trim(col("name")).as("name"), upper(col("country")).as("country"))
      // Orders: drop duplicates and rows without a positive amount, normalize the status, amounts as decimals.
      val orders = csv.csv(s"$input/orders.csv")
        .dropDuplicates("order_id")
        .withColumn("amount", col("amount").cast("decimal(10,2)"))
        .filter(col("amount").isNotNull && col("amount") > 0)
        .withColumn("status", lower(trim(col("status"))))

      val shipped = orders.filter(col("status") === "shipped")
        .join(customers, Seq("customer_id"), "inner")
      val perCustomer = shipped.groupBy("country", "name")
        .agg(sum("amount").as("total"), count(lit(1)).as("orders"))
      val byCountry = Window.partitionBy("country").orderBy(col("total").desc, col("name"))
      val ranked = perCustomer
        .withColumn("rank", rank().over(byCountry))
        .withColumn("country_total", sum("total").over(Window.partitionBy("country")))

      ranked.write.mode("overwrite").parquet(output)
      spark.read.parquet(output).orderBy("country", "rank").show(50, truncate = false)
    } finally {
      spark.stop()
    }
  }
}
