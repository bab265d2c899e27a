package org.apache.spark.sql.duckdb.tests.udf

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{DataFrame, Row, SparkSession}
import org.apache.spark.sql.duckdb.tests.DifferentialSuite
import org.apache.spark.sql.functions._

/** UDF case classes used as arguments and results (top level: Spark's encoders need a static class). */
case class UdfPoint(x: Long, y: Long)
case class UdfLabel(name: String, size: Int)

/** UDFs over Seq, Map, case classes and Row, encoded as Spark encodes them. */
class ComplexUdfSuite extends DifferentialSuite {
  private def data(spark: SparkSession): DataFrame =
    spark.range(6).select(
      col("id"),
      when(col("id") === 2, lit(null)).otherwise(array(col("id"), col("id") * 10, lit(null).cast("long"))).as("xs"),
      when(col("id") === 4, lit(null)).otherwise(struct(col("id").as("x"), (col("id") * 2).as("y"))).as("p"),
      when(col("id") === 5, lit(null)).otherwise(concat(lit("n"), col("id").cast("string"))).as("s"))

  @Test def seqArgument(): Unit = checkSame("udf(Seq[java.lang.Long] => Long) over arrays with nulls") { spark =>
    val total = udf((xs: Seq[java.lang.Long]) => if (xs == null) -1L else xs.filter(_ != null).map(_.longValue).sum)
    data(spark).select(col("id"), total(col("xs")))
  }

  @Test def seqResult(): Unit = checkSame("udf(Long => Seq[Long])") { spark =>
    val range = udf((n: Long) => (0L until n).toSeq)
    data(spark).select(col("id"), range(col("id")))
  }

  @Test def seqOfStringsResult(): Unit = checkSame("udf(String => Seq[String]) with a null element") { spark =>
    val split = udf((s: String) => if (s == null) null else Seq(s, null, s.reverse))
    data(spark).select(col("id"), split(col("s")))
  }

  @Test def mapArgument(): Unit = checkSame("udf(Map[String, Long] => String) over a UDF's maps") { spark =>
    val toMap = udf((n: Long) => if (n == 3) null else Map("k" -> n, "k2" -> (n + 1)))
    val keys = udf((m: Map[String, Long]) => if (m == null) "none" else m.toSeq.sortBy(_._1).mkString(";"))
    data(spark).select(col("id"), keys(toMap(col("id"))))
  }

  @Test def mapResult(): Unit = checkSame("udf(Long => Map[String, Long])") { spark =>
    val toMap = udf((n: Long) => Map("n" -> n, "sq" -> n * n))
    data(spark).select(col("id"), toMap(col("id")))
  }

  @Test def caseClassArgument(): Unit = checkSame("udf(case class => Long)") { spark =>
    val sum = udf((p: UdfPoint) => p.x + p.y)
    data(spark).where(col("p").isNotNull).select(col("id"), sum(col("p")))
  }

  @Test def caseClassResult(): Unit = checkSame("udf(Long => case class)") { spark =>
    val label = udf((n: Long) => UdfLabel(s"item-$n", n.toInt * 3))
    data(spark).select(col("id"), label(col("id")))
  }

  @Test def caseClassResultFields(): Unit = checkSame("fields of a case class result") { spark =>
    val label = udf((n: Long) => UdfLabel(s"item-$n", n.toInt * 3))
    data(spark).select(col("id"), label(col("id")).as("l")).select(col("id"), col("l.name"), col("l.size"))
  }

  @Test def rowArgument(): Unit = checkSame("udf(Row => String)") { spark =>
    val show = udf((r: Row) => if (r == null) "null" else s"${r.getLong(0)}/${r.getAs[Long]("y")}")
    data(spark).select(col("id"), show(col("p")))
  }

  @Test def tupleResult(): Unit = checkSame("udf(Long => (String, Long))") { spark =>
    val pair = udf((n: Long) => (s"v$n", n + 1))
    data(spark).select(col("id"), pair(col("id")))
  }

  @Test def optionOfSeqResult(): Unit = checkSame("udf(Long => Option[Seq[Int]])") { spark =>
    val maybe = udf((n: Long) => if (n % 2 == 0) Some(Seq(n.toInt, 1)) else None)
    data(spark).select(col("id"), maybe(col("id")))
  }

  @Test def arrayOfStructs(): Unit = checkSame("udf(Long => Seq[case class])") { spark =>
    val points = udf((n: Long) => (0L until n).map(i => UdfPoint(i, n - i)))
    data(spark).select(col("id"), points(col("id")))
  }

  @Test def explodeUdfArray(): Unit = checkSame("explode of a UDF's array") { spark =>
    val range = udf((n: Long) => (0L until n).toSeq)
    spark.range(5).select(col("id"), explode(range(col("id"))).as("v"))
  }
}
