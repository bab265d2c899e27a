package org.apache.spark.sql.duckdb.tests.sparkduckonly

import org.apache.spark.sql.duckdb.tests.SalesReportJob

/** The same job with sparkduck's builder line: the only line that differs from SalesReportOnSpark. */
object SalesReportOnSparkduck {
  def main(args: Array[String]): Unit = {
    val spark = org.apache.spark.sql.duckdb.SparkSession.builder().master("local[2]").config("spark.sql.session.timeZone", "America/Los_Angeles").getOrCreate()
    SalesReportJob.run(spark, args(0))
  }
}
