package org.apache.spark.sql.duckdb.tests

import java.io.File

import org.junit.jupiter.api.Test

import org.apache.spark.sql.functions._

/**
 * What sparkduck does not support yet fails loudly, naming the operation (contract: error class
 * SPARKDUCK_UNSUPPORTED, message "not supported yet by sparkduck: <operation>"), instead of computing something else.
 * Each body is valid Spark: it also runs on Spark classic, which must succeed.
 */
class UnsupportedSuite extends DifferentialSuite {

  @Test def writeOrc(): Unit = checkUnsupported("df.write.orc", "writing orc files") { spark =>
    val target = new File(SharedTestData.directory, s"written-${System.nanoTime()}").getAbsolutePath
    spark.range(3).write.orc(target)
  }

  @Test def typedAggregator(): Unit = checkUnsupported("a typed Aggregator as a UDAF", "user-defined functions") {
    spark =>
      val total = new org.apache.spark.sql.expressions.Aggregator[Long, Long, Long] {
        def zero: Long = 0L
        def reduce(b: Long, a: Long): Long = b + a
        def merge(a: Long, b: Long): Long = a + b
        def finish(r: Long): Long = r
        def bufferEncoder: org.apache.spark.sql.Encoder[Long] = org.apache.spark.sql.Encoders.scalaLong
        def outputEncoder: org.apache.spark.sql.Encoder[Long] = org.apache.spark.sql.Encoders.scalaLong
      }
      spark.range(3).select(udaf(total).apply(col("id")))
  }

  @Test def mapWithClosure(): Unit = checkUnsupported("Dataset.map with a closure", "Dataset.map") { spark =>
    import spark.implicits._
    spark.range(3).map(_ * 2)
  }

  @Test def filterWithClosure(): Unit = checkUnsupported("Dataset.filter with a closure", "Dataset.filter") { spark =>
    spark.range(3).filter((x: java.lang.Long) => x > 1)
  }

  // SQL expression strings need the Spark SQL parser (issue 6). When it lands, these become checkSame tests in
  // RelationalSuite with the same bodies.
  @Test def rdd(): Unit = checkUnsupported("Dataset.rdd", "Dataset.rdd")(spark => spark.range(3).rdd.count())

  @Test def sparkContext(): Unit = checkUnsupported("SparkSession.sparkContext", "SparkSession.sparkContext")(_.sparkContext.appName)
}
