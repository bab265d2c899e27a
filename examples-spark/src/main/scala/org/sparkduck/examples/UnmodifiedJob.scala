package org.sparkduck.examples

import org.apache.spark.sql.SparkSession
import org.apache.spark.sql.functions._

/** A job exactly as written for Spark: it names no sparkduck class. Run by bin/sparkduck-submit it gets a sparkduck
 *  session (the launcher's classpath provides the implementation Spark's builder looks up); run by spark-submit it
 *  runs on Spark.
 *
 *  usage: UnmodifiedJob <directory holding lineitem/> */
object UnmodifiedJob {
  def main(args: Array[String]): Unit = {
    require(args.length == 1, "usage: UnmodifiedJob <tpch data directory>")
    val spark = SparkSession.builder().appName("unmodified-job").getOrCreate()
    try {
      // To stderr: the result on stdout is the same on every engine.
      System.err.println(s"session: ${spark.getClass.getName}")
      spark.read.parquet(s"${args(0)}/lineitem")
        .groupBy("l_returnflag")
        .agg(count(lit(1)).as("n"), max("l_quantity").as("max_qty"))
        .orderBy("l_returnflag")
        .show()
    } finally {
      spark.stop()
    }
  }
}
