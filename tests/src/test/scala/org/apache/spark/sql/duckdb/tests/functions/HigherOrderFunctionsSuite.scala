package org.apache.spark.sql.duckdb.tests.functions

import org.junit.jupiter.api.Test

import org.apache.spark.sql.SparkSession
import org.apache.spark.sql.functions._

/** Higher-order array functions with lambdas: transform, filter, exists, forall, aggregate/reduce, zip_with. */
class HigherOrderFunctionsSuite extends FunctionSuiteBase {
  /** Arrays with nulls (as elements and as arrays), an empty array, strings and doubles with NaN / -0.0. */
  private def arrays(spark: SparkSession) = {
    import spark.implicits._
    Seq[(Int, Seq[Integer], Seq[Integer], Seq[String], Seq[java.lang.Double])](
      (0, Seq(1, 2, 2, 3), Seq(3, 4), Seq("a", "b", "a"), Seq(1.5, -0.0)),
      (1, Seq(null, 1, null, 1), Seq(1, null), Seq("x", null), Seq(Double.NaN, null)),
      (2, Seq(), Seq(1), Seq(), Seq()),
      (3, null, Seq(5), null, null),
      (4, Seq(5, 4, 3, 2, 1), Seq(), Seq("é", "😀", "é"), Seq(Double.PositiveInfinity)),
      (5, Seq(7), Seq(null), Seq(""), Seq(2.0)))
      .toDF("id", "a", "b", "s", "d")
  }

  @Test def transformPlusOne(): Unit = checkSame("transform x + 1 with nulls, empty and null arrays") { spark =>
    arrays(spark).select(col("id"), transform(col("a"), x => x + 1))
  }

  @Test def transformWithIndex(): Unit = checkSame("transform's index is 0-based") { spark =>
    arrays(spark).select(col("id"), transform(col("a"), (x, i) => x * i), transform(col("s"), (x, i) => i))
  }

  @Test def transformCapturesColumn(): Unit = checkSame("transform reading a column of the row") { spark =>
    arrays(spark).select(col("id"), transform(col("a"), x => x + col("id")))
  }

  @Test def transformStrings(): Unit = checkSame("transform of strings to their lengths and concatenations") { spark =>
    arrays(spark).select(col("id"), transform(col("s"), x => length(x)), transform(col("s"), x => concat(x, lit("!"))))
  }

  @Test def transformToStruct(): Unit = checkSame("transform to a struct and a nested array") { spark =>
    arrays(spark).select(col("id"), transform(col("a"), (x, i) => struct(x.as("v"), i.as("p"))),
      transform(col("a"), x => array(x, x)))
  }

  @Test def transformNested(): Unit = checkSame("nested transforms see the outer variable") { spark =>
    arrays(spark).select(col("id"), transform(col("a"), x => transform(col("b"), y => x * 10 + y)))
  }

  @Test def transformDoubles(): Unit = checkSame("transform of doubles with NaN and -0.0") { spark =>
    arrays(spark).select(col("id"), transform(col("d"), x => x * 2), transform(col("d"), x => isnan(x)))
  }

  @Test def transformNullResult(): Unit = checkSame("transform to a null literal and coalesce") { spark =>
    arrays(spark).select(col("id"), transform(col("a"), x => coalesce(x, lit(-1))), transform(col("a"), x => when(x > 1, x)))
  }

  @Test def transformSchema(): Unit = checkSameResult("transform's schema") { spark =>
    arrays(spark).select(transform(col("a"), x => x + 1), transform(col("a"), x => coalesce(x, lit(0)))).schema.toString
  }

  @Test def filterValues(): Unit = checkSame("filter drops false and null predicates") { spark =>
    arrays(spark).select(col("id"), filter(col("a"), x => x > 1), filter(col("s"), x => x =!= "a"))
  }

  @Test def filterWithIndex(): Unit = checkSame("filter with the 0-based index") { spark =>
    arrays(spark).select(col("id"), filter(col("a"), (x, i) => i % 2 === 0), filter(col("a"), (x, i) => x > i))
  }

  @Test def filterNulls(): Unit = checkSame("filter of nulls") { spark =>
    arrays(spark).select(col("id"), filter(col("a"), x => x.isNull), filter(col("a"), x => x.isNotNull))
  }

  @Test def filterDoubles(): Unit = checkSame("filter of doubles with NaN") { spark =>
    arrays(spark).select(col("id"), filter(col("d"), x => x > 0), filter(col("d"), x => !isnan(x)))
  }

  @Test def existsThreeValued(): Unit = checkSame("exists is null when no element matches and one is null") { spark =>
    arrays(spark).select(col("id"), exists(col("a"), x => x > 2), exists(col("a"), x => x === 1), exists(col("b"), x => x > 3))
  }

  @Test def existsStrings(): Unit = checkSame("exists on strings") { spark =>
    arrays(spark).select(col("id"), exists(col("s"), x => x === "é"), exists(col("s"), x => length(x) === 0))
  }

  @Test def forallThreeValued(): Unit = checkSame("forall is null when no element fails and one is null") { spark =>
    arrays(spark).select(col("id"), forall(col("a"), x => x > 0), forall(col("a"), x => x < 3), forall(col("b"), x => x > 0))
  }

  @Test def forallIsNull(): Unit = checkSame("forall with a predicate that is never null") { spark =>
    arrays(spark).select(col("id"), forall(col("a"), x => x.isNotNull), forall(col("s"), x => x.isNull))
  }

  @Test def existsInFilter(): Unit = checkSame("exists and forall as filters") { spark =>
    arrays(spark).where(exists(col("a"), x => x > 3)).select(col("id"))
      .union(arrays(spark).where(forall(col("b"), x => x > 2)).select(col("id")))
  }

  @Test def existsSchema(): Unit = checkSameResult("exists and forall nullability") { spark =>
    arrays(spark).select(exists(col("a"), x => x > 2), forall(col("a"), x => x.isNull)).schema.toString
  }

  @Test def aggregateSum(): Unit = checkSame("aggregate sums, null elements make null") { spark =>
    arrays(spark).select(col("id"), aggregate(col("a"), lit(0), (acc, x) => acc + x))
  }

  @Test def aggregateWithFinish(): Unit = checkSame("aggregate with a finish function") { spark =>
    arrays(spark).select(col("id"), aggregate(col("a"), lit(0L), (acc, x) => acc + coalesce(x, lit(0)), acc => acc * 10))
  }

  @Test def aggregateStrings(): Unit = checkSame("aggregate concatenating strings") { spark =>
    arrays(spark).select(col("id"), aggregate(col("s"), lit(""), (acc, x) => concat(acc, coalesce(x, lit("?")))))
  }

  @Test def aggregateCount(): Unit = checkSame("aggregate counting nulls and an empty array's start value") { spark =>
    arrays(spark).select(col("id"), aggregate(col("a"), lit(0), (acc, x) => when(x.isNull, acc + 1).otherwise(acc)))
  }

  @Test def aggregateDouble(): Unit = checkSame("aggregate of doubles with NaN, -0.0 and a finish") { spark =>
    arrays(spark).select(col("id"), aggregate(col("d"), lit(0.0), (acc, x) => acc + coalesce(x, lit(0.0)), acc => acc * 2),
      aggregate(col("d"), lit(-0.0), (acc, x) => greatest(acc, x)))
  }

  @Test def reduceValues(): Unit = checkSame("reduce is aggregate") { spark =>
    arrays(spark).select(col("id"), reduce(col("a"), lit(1), (acc, x) => acc * coalesce(x, lit(1))),
      reduce(col("a"), lit(0), (acc, x) => greatest(acc, x), acc => acc - 1))
  }

  @Test def aggregateTypeMismatch(): Unit = checkSameError("aggregate whose merge type differs from the start value") { spark =>
    arrays(spark).select(aggregate(col("a"), lit(0), (acc, x) => acc + x.cast("bigint")))
  }

  @Test def zipWithValues(): Unit = checkSame("zip_with pads the shorter array with nulls") { spark =>
    arrays(spark).select(col("id"), zip_with(col("a"), col("b"), (x, y) => x + y),
      zip_with(col("a"), col("b"), (x, y) => coalesce(x, y)))
  }

  @Test def zipWithStrings(): Unit = checkSame("zip_with of different element types") { spark =>
    arrays(spark).select(col("id"), zip_with(col("s"), col("a"), (x, y) => concat(x, y.cast("string"))),
      zip_with(col("a"), col("s"), (x, y) => struct(x.as("l"), y.as("r"))))
  }

  @Test def zipWithNullArray(): Unit = checkSame("zip_with with a null array is null") { spark =>
    arrays(spark).select(col("id"), zip_with(col("b"), col("a"), (x, y) => x.isNull && y.isNull))
  }

  @Test def higherOrderComposed(): Unit = checkSame("filter of transform, aggregate of filter") { spark =>
    arrays(spark).select(col("id"), filter(transform(col("a"), x => x * 2), x => x > 2),
      aggregate(filter(col("a"), x => x.isNotNull), lit(0), (acc, x) => acc + x), size(filter(col("s"), x => x === "a")))
  }

  @Test def higherOrderInAggregation(): Unit = checkSame("transform of collect_list and grouped arrays") { spark =>
    arrays(spark).groupBy(col("id") % 2).agg(transform(collect_list(col("id")), x => x * 2).as("t"))
      .select(col("*"), transform(sort_array(col("t")), x => x + 1))
  }

  @Test def higherOrderInWhereAndOrder(): Unit = checkSame("transform in where and orderBy", ordered = true) { spark =>
    arrays(spark).where(size(filter(col("a"), x => x > 1)) > 0).orderBy(transform(col("a"), x => -x)).select(col("id"))
  }

  @Test def lambdaTypeMismatch(): Unit = checkSameError("filter with a non-boolean lambda") { spark =>
    arrays(spark).select(filter(col("a"), x => x + 1))
  }
}
