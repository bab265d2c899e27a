package org.apache.spark.sql.duckdb.tests.functions

import org.junit.jupiter.api.Test

import org.apache.spark.sql.functions._

/** Aggregate functions: nulls, empty groups, distinct. Order-dependent ones are tested where the order cannot matter. */
class AggregateFunctionsSuite extends FunctionSuiteBase {
  @Test def countDistinctValues(): Unit = checkSame("count(distinct) and countDistinct of several columns") { spark =>
    types(spark).agg(countDistinct(col("s")), count_distinct(col("i"), col("s")), countDistinct(col("d")))
  }

  @Test def countDistinctPerGroup(): Unit = checkSame("count(distinct) per group") { spark =>
    types(spark).groupBy(col("b")).agg(countDistinct(col("s")).as("n"), count(col("i")))
  }

  @Test def countIf(): Unit = checkSame("count_if") { spark =>
    types(spark).groupBy(col("b")).agg(count_if(col("i") > 0))
  }

  @Test def boolAggregates(): Unit = checkSame("bool_and, bool_or, every, some") { spark =>
    types(spark).groupBy(col("i") > 0).agg(bool_and(col("b")), bool_or(col("b")), every(col("b")), some(col("b")))
  }

  @Test def statistics(): Unit = checkSame("stddev, variance family") { spark =>
    types(spark).where(!isnan(col("d")) && col("d").between(-100, 100)).agg(stddev(col("d")), stddev_samp(col("i")),
      stddev_pop(col("d")), variance(col("d")), var_samp(col("sh")), var_pop(col("d")), std(col("i")))
  }

  @Test def statisticsSingleRow(): Unit = checkSame("sample statistics of one row are null") { spark =>
    types(spark).where(col("id") === 0).agg(stddev(col("d")), variance(col("d")), stddev_pop(col("d")))
  }

  @Test def covariance(): Unit = checkSame("corr, covar_samp, covar_pop") { spark =>
    numbers(spark).where(col("id") < 4).agg(corr(col("i"), col("d")), covar_samp(col("i"), col("d")),
      covar_pop(col("l"), col("d")))
  }

  @Test def maxByMinBy(): Unit = checkSame("max_by, min_by") { spark =>
    types(spark).agg(max_by(col("s"), col("id")), min_by(col("s"), col("id")), max_by(col("id"), col("i")))
  }

  @Test def medianValue(): Unit = checkSame("median") { spark =>
    types(spark).agg(median(col("i")), median(col("dec").cast("double")))
  }

  @Test def collectListSorted(): Unit = checkSame("collect_list skips nulls (sorted)") { spark =>
    types(spark).groupBy(col("b")).agg(sort_array(collect_list(col("i"))).as("l"))
  }

  @Test def arrayAggSorted(): Unit = checkSame("array_agg skips nulls, printed collect_list(i)") { spark =>
    types(spark).groupBy(col("b")).agg(sort_array(array_agg(col("i"))), array_agg(col("s")).isNotNull)
  }

  @Test def arrayAggEmptyAndAllNull(): Unit = checkSame("array_agg of empty input and of all-null groups") { spark =>
    types(spark).where(col("id") < 0).agg(array_agg(col("i")))
      .union(types(spark).where(col("i").isNull).agg(array_agg(col("i"))))
  }

  @Test def arrayAggDistinct(): Unit = checkSame("array_agg(DISTINCT) through expr") { spark =>
    types(spark).groupBy(col("b")).agg(size(expr("array_agg(DISTINCT s)")).as("n"), sort_array(expr("array_agg(id)")))
  }

  @Test def collectSetSorted(): Unit = checkSame("collect_set (sorted)") { spark =>
    types(spark).groupBy(col("b")).agg(size(collect_set(col("s"))).as("n"))
  }

  // first/last as plain aggregates are refused (functions/window.rs: DuckDB does not keep Spark's input order).
  @Test def anyValueSingle(): Unit = checkSame("any_value on single-row groups") { spark =>
    types(spark).groupBy(col("id")).agg(any_value(col("d")), any_value(col("s"), lit(true)))
  }

  @Test def bitAggregates(): Unit = checkSame("bit_and, bit_or, bit_xor") { spark =>
    types(spark).where(col("id") =!= 4).groupBy(col("b")).agg(bit_and(col("i")), bit_or(col("i")), bit_xor(col("l")))
  }

  @Test def emptyInput(): Unit = checkSame("aggregates of empty input") { spark =>
    types(spark).where(col("id") < 0).agg(count_if(col("b")), bool_and(col("b")), stddev(col("d")),
      collect_list(col("i")), max_by(col("s"), col("i")))
  }

  @Test def products(): Unit = checkSame("product of ints and doubles") { spark =>
    types(spark).where(col("id") < 4).groupBy(col("b")).agg(product(col("i")), product(col("id") + 1))
  }

  @Test def regressionCounts(): Unit = checkSame("regr_count, regr_avgx, regr_avgy skip rows with a null side") { spark =>
    import spark.implicits._
    Seq[(Int, Integer, java.lang.Double)]((1, 1, 2.0), (1, null, 3.0), (1, 3, null), (1, 5, 6.5), (2, null, null), (3, 4, 8.0))
      .toDF("g", "x", "y")
      .groupBy(col("g")).agg(regr_count(col("y"), col("x")), regr_avgx(col("y"), col("x")), regr_avgy(col("y"), col("x")))
  }

  @Test def trySums(): Unit = checkSame("try_sum null on long overflow; try_avg") { spark =>
    types(spark).groupBy(col("b")).agg(try_sum(col("l")), try_sum(col("i")), try_sum(col("d")), try_avg(col("i")), try_avg(col("f")))
  }

  @Test def percentiles(): Unit = checkSame("percentile exact interpolation") { spark =>
    types(spark).groupBy(col("b")).agg(percentile(col("i"), lit(0.5)), percentile(col("l"), lit(0.25)),
      percentile(col("id"), lit(1.0)), percentile(col("id"), lit(0.0)), percentile(col("sh"), lit(0.9)))
  }
}
