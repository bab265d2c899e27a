package org.apache.spark.sql.duckdb.tests

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{DataFrame, Row, SparkSession}
import org.apache.spark.sql.functions._
import org.apache.spark.sql.types.StructType

/** groupBy + agg and global aggregates, with Spark's result types and names. */
class AggregationSuite extends DifferentialSuite {
  private def types(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.typesPath)
  private def lineitem(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.lineitemPath)

  @Test def groupByCount(): Unit = checkSame("groupBy(..).count()") { spark =>
    lineitem(spark).groupBy("l_returnflag", "l_linestatus").count()
  }

  @Test def groupByAggFunctions(): Unit = checkSame("sum avg min max count on decimals and ints") { spark =>
    lineitem(spark).groupBy("l_returnflag").agg(sum("l_quantity"), avg("l_extendedprice"), min("l_discount"),
      max("l_tax"), count("l_comment"), count(lit(1)), sum("l_linenumber"), avg("l_linenumber"))
  }

  @Test def countDistinctAggregates(): Unit = checkSame("countDistinct and count_distinct") { spark =>
    lineitem(spark).groupBy("l_linestatus").agg(countDistinct("l_returnflag"), count_distinct(col("l_partkey")),
      countDistinct("l_returnflag", "l_linenumber"))
  }

  @Test def tpchQ1Like(): Unit = checkSame("TPC-H Q1-like aggregate, sorted") { spark =>
    lineitem(spark).where(col("l_shipdate") <= lit("1998-09-02").cast("date"))
      .groupBy("l_returnflag", "l_linestatus")
      .agg(sum("l_quantity").as("sum_qty"), sum("l_extendedprice").as("sum_base_price"),
        sum(col("l_extendedprice") * (lit(1) - col("l_discount"))).as("sum_disc_price"),
        avg("l_quantity").as("avg_qty"), avg("l_discount").as("avg_disc"), count("*").as("count_order"))
      .orderBy("l_returnflag", "l_linestatus")
  }

  @Test def aggregatesOfDoublesWithNaN(): Unit = checkSame("sum/avg/min/max of doubles with NaN and infinities") { spark =>
    types(spark).groupBy(col("b")).agg(sum("d"), avg("d"), min("d"), max("d"), sum("f"), max("f"))
  }

  @Test def aggregatesOfFiniteDoubles(): Unit = checkSame("sum/avg of finite doubles (tolerance)") { spark =>
    lineitem(spark).groupBy("l_linestatus").agg(sum(col("l_extendedprice").cast("double")),
      avg(col("l_discount").cast("double")))
  }

  @Test def groupByNullKey(): Unit = checkSame("null is a group key") { spark =>
    types(spark).groupBy("b").agg(count("*"), sum("i"), min("s"), max("dt"), min("ts"))
  }

  @Test def groupByNegativeZeroAndNaN(): Unit = checkSame("-0.0 groups with 0.0, NaN with NaN") { spark =>
    import spark.implicits._
    Seq(0.0, -0.0, Double.NaN, Double.NaN, 1.0).toDF("d").groupBy("d").count()
  }

  @Test def sumOfIntsIsLong(): Unit = checkSame("sum(int) is bigint, avg(int) is double") { spark =>
    types(spark).agg(sum("i"), avg("i"), sum("by"), sum("sh"), min("by"), max("sh"))
  }

  @Test def globalAggNonEmpty(): Unit = checkSame("agg without groupBy") { spark =>
    lineitem(spark).agg(count("*"), sum("l_quantity"), avg("l_quantity"), min("l_shipdate"), max("l_comment"))
  }

  @Test def globalAggOnEmptyInput(): Unit = checkSame("agg without groupBy on empty input: one row") { spark =>
    lineitem(spark).where(col("l_orderkey") < 0).agg(count("*"), sum("l_quantity"), avg("l_quantity"),
      min("l_shipdate"), countDistinct("l_partkey"))
  }

  @Test def groupByOnEmptyInput(): Unit = checkSame("groupBy on empty input: no rows") { spark =>
    lineitem(spark).where(col("l_orderkey") < 0).groupBy("l_returnflag").agg(sum("l_quantity"))
  }

  @Test def groupedShortcuts(): Unit = checkSame("groupBy(..).sum/avg/max/min(cols)") { spark =>
    lineitem(spark).select("l_linestatus", "l_linenumber", "l_partkey").groupBy("l_linestatus")
      .sum("l_linenumber", "l_partkey")
  }

  @Test def groupedAvgShortcut(): Unit = checkSame("groupBy(..).avg and max") { spark =>
    lineitem(spark).groupBy("l_returnflag").avg("l_linenumber")
  }

  @Test def aggWithMapSyntax(): Unit = checkSame("agg(Map(col -> fn))") { spark =>
    lineitem(spark).groupBy("l_returnflag").agg(Map("l_quantity" -> "max", "l_partkey" -> "avg"))
  }

  @Test def groupByExpression(): Unit = checkSame("groupBy an expression, having-style filter") { spark =>
    lineitem(spark).groupBy((col("l_orderkey") % 10).as("bucket")).agg(sum("l_quantity").as("q"))
      .where(col("q") > 100).orderBy("bucket")
  }

  @Test def decimalSumAvgTypes(): Unit = checkSame("sum(decimal(12,2)) is decimal(22,2), avg decimal(16,6)") { spark =>
    types(spark).agg(sum("dec"), avg("dec"))
  }

  @Test def countOnEmptyLocalData(): Unit = checkSame("count of empty local relation") { spark =>
    spark.createDataFrame(java.util.Collections.emptyList[Row](), StructType.fromDDL("a int, b string"))
      .groupBy().agg(count("a"), max("b"))
  }

  @Test def distinctNormalizesNegativeZero(): Unit = checkSame("distinct doubles: -0.0 and 0.0 are one value") { spark =>
    types(spark).select("d").distinct()
  }

  @Test def countDistinctDoubles(): Unit = checkSame("countDistinct over NaN, -0.0, 0.0, null") { spark =>
    types(spark).agg(countDistinct("d"), countDistinct("f"), count("d"))
  }

  @Test def groupByCaseInsensitiveNames(): Unit = checkSame("groupBy/agg with names in other case") { spark =>
    lineitem(spark).groupBy("L_RETURNFLAG").agg(sum("L_QUANTITY").as("Total Qty"), max(col("l_ShipDate")))
  }
}
