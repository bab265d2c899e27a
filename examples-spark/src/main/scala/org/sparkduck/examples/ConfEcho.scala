package org.sparkduck.examples

import org.apache.spark.sql.SparkSession

/** Prints `key=value` for each conf key given as an argument (`<unset>` when absent), then a tiny query's result:
 *  shows which settings a launcher handed to the session.
 *
 *  usage: ConfEcho key... */
object ConfEcho {
  def main(args: Array[String]): Unit = {
    val spark = SparkSession.builder().getOrCreate()
    try {
      args.foreach(k => println(s"$k=${spark.conf.getOption(k).getOrElse("<unset>")}"))
      println(s"count=${spark.range(5).count()}")
    } finally {
      spark.stop()
    }
  }
}
