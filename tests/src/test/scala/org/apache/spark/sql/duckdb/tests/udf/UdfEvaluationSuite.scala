package org.apache.spark.sql.duckdb.tests.udf

import java.util.concurrent.atomic.AtomicLong

import org.junit.jupiter.api.Test

import org.apache.spark.sql.duckdb.tests.DifferentialSuite
import org.apache.spark.sql.functions._

/**
 * When and how often a closure runs. Spark never constant-folds a UDF (ScalaUDF is not foldable) even when it is
 * declared deterministic, and it evaluates a filter's AND left to right; an impure or throwing closure must behave the
 * same here (DuckDB would otherwise fold a "consistent" function over constants at planning time).
 */
class UdfEvaluationSuite extends DifferentialSuite {
  /** Impure but left deterministic, as users write them: every call returns a new value. */
  private val nextNumber = udf((x: Int) => x + UdfEvaluationSuite.calls.incrementAndGet())
  private val newId = udf(() => java.util.UUID.randomUUID().toString)
  private val inverse = udf((x: Long) => { if (x == 0) throw new ArithmeticException("zero"); 100 / x })
  private val alwaysFails = udf((x: Int) => { if (x >= 0) throw new IllegalStateException("called"); x })

  @Test def impureUdfOverALiteralRunsPerRow(): Unit =
    checkSame("a deterministic-declared impure UDF over a literal is called once per row") { spark =>
      spark.range(20).select(nextNumber(lit(1)).as("n")).agg(countDistinct(col("n")).as("distinct"))
    }

  @Test def zeroArgumentUdfRunsPerRow(): Unit =
    checkSame("a zero-argument UDF gives a fresh value per row") { spark =>
      spark.range(50).select(newId().as("u")).agg(countDistinct(col("u")).as("distinct"))
    }

  @Test def throwingUdfOverLiteralOnEmptyInput(): Unit =
    checkSame("a throwing UDF over a literal on an empty input is never called") { spark =>
      spark.range(0).select(col("id"), alwaysFails(lit(1)).as("v"))
    }

  @Test def throwingUdfOverLiteralAfterEmptyFilter(): Unit =
    checkSame("a throwing UDF over a literal after a filter that keeps nothing") { spark =>
      spark.range(10).where(col("id") > 100).select(col("id"), alwaysFails(lit(1)).as("v"))
    }

  @Test def throwingUdfOverLiteralInUntakenCaseBranch(): Unit =
    checkSame("a throwing UDF over a literal in a CASE branch no row takes") { spark =>
      spark.range(5).select(col("id"), when(col("id") < 0, alwaysFails(lit(1))).otherwise(lit(-1)).as("v"))
    }

  @Test def andGuardsAThrowingUdf(): Unit =
    checkSame("a filter's AND guards a throwing UDF: the left condition runs first") { spark =>
      spark.range(-3, 4).where(col("id") =!= 0 && inverse(col("id")) > 30).select(col("id"))
    }

  @Test def andGuardsAThrowingUdfAfterSelect(): Unit =
    checkSame("a guarded throwing UDF keeps its guard through a projection") { spark =>
      spark.range(-3, 4).select((col("id") * 2).as("x"))
        .where(col("x") =!= 0 && inverse(col("x")) < 0).select(col("x"))
    }

  @Test def caseGuardsAThrowingUdf(): Unit =
    checkSame("CASE WHEN guards a throwing UDF") { spark =>
      spark.range(-2, 3).select(col("id"), when(col("id") =!= 0, inverse(col("id"))).as("v"))
    }

  @Test def udfOverConstantExpression(): Unit =
    checkSame("a pure UDF over a constant expression gives its value on every row") { spark =>
      spark.range(4).select(col("id"), inverse(lit(4L) + lit(1L)).as("v"))
    }
  @Test def nondeterministicUdfOverALiteral(): Unit =
    checkSame("asNondeterministic over a literal is called once per row") { spark =>
      spark.range(15).select(nextNumber.asNondeterministic()(lit(2)).as("n")).agg(countDistinct(col("n")).as("d"))
    }

  @Test def impureUdfOverAFoldedCast(): Unit =
    checkSame("an impure UDF over a constant cast expression runs per row") { spark =>
      spark.range(12).select(nextNumber(lit("3").cast("int")).as("n")).agg(countDistinct(col("n")).as("d"))
    }

  @Test def impureUdfOverALiteralPerGroup(): Unit =
    checkSame("an impure UDF over a literal inside an aggregate runs per row of each group") { spark =>
      spark.range(12).groupBy((col("id") % 3).as("k")).agg(countDistinct(nextNumber(lit(1))).as("d")).orderBy("k")
    }

  @Test def orGuardsAThrowingUdf(): Unit =
    checkSame("a filter's OR guards a throwing UDF") { spark =>
      spark.range(-3, 4).where(col("id") === 0 || inverse(col("id")) > 30).select(col("id"))
    }

  @Test def throwingUdfOverLiteralOnEmptyAggregate(): Unit =
    checkSame("a throwing UDF over a literal inside an aggregate of no rows") { spark =>
      spark.range(0).agg(max(alwaysFails(lit(1))).as("m"))
    }
}

object UdfEvaluationSuite {
  /** In an object so that Spark classic can serialize the closure (a field of the suite would capture the suite). */
  val calls = new AtomicLong()
}
