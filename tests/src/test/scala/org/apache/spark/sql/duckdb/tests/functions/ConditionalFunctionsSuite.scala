package org.apache.spark.sql.duckdb.tests.functions

import org.junit.jupiter.api.Test

import org.apache.spark.sql.functions._

/** when/otherwise (CASE WHEN), coalesce, nvl family, nullif, greatest/least, nanvl, equal_null. */
class ConditionalFunctionsSuite extends FunctionSuiteBase {
  @Test def whenOtherwise(): Unit = checkSame("when/otherwise") { spark =>
    numbers(spark).select(col("id"), when(col("i") > 0, "pos").when(col("i") < 0, "neg").otherwise("zero"))
  }

  @Test def whenWithoutOtherwise(): Unit = checkSame("when without otherwise is null elsewhere") { spark =>
    numbers(spark).select(col("id"), when(col("i") > 100, col("l")))
  }

  @Test def whenNullCondition(): Unit = checkSame("when on a null condition takes the else branch") { spark =>
    numbers(spark).select(col("id"), when(col("i") === 7, lit(1)).otherwise(lit(2)))
  }

  @Test def whenWidensValues(): Unit = checkSame("when widens int and long and double values") { spark =>
    numbers(spark).select(col("id"), when(col("i") > 0, col("i")).when(col("i") < 0, col("l")).otherwise(col("d")))
  }

  @Test def whenAliasedAndNested(): Unit = checkSame("nested when in a filter and aliased") { spark =>
    numbers(spark).where(when(col("d").isNaN, false).otherwise(col("d") > 0))
      .select(col("id"), when(col("i") % 2 === 0, when(col("i") > 0, "even+").otherwise("even-")).as("parity"))
  }

  @Test def whenInAggregate(): Unit = checkSame("sum of when (conditional aggregation)") { spark =>
    numbers(spark).agg(sum(when(col("i") > 0, col("i")).otherwise(0)).as("pos"),
      count(when(col("d") > 1, 1)).as("big"))
  }

  @Test def coalesceMixed(): Unit = checkSame("coalesce widening") { spark =>
    numbers(spark).select(col("id"), coalesce(col("i"), col("l")), coalesce(col("d"), lit(-1)))
  }

  @Test def nvlFamily(): Unit = checkSame("nvl, ifnull, nvl2") { spark =>
    numbers(spark).select(col("id"), nvl(col("i"), lit(0)), ifnull(col("l"), col("i")),
      nvl2(col("i"), lit("has"), lit("none")))
  }

  @Test def nullifValues(): Unit = checkSame("nullif") { spark =>
    numbers(spark).select(col("id"), nullif(col("i"), lit(0)), nullif(col("l"), col("i")))
  }

  @Test def greatestLeast(): Unit = checkSame("greatest/least skip nulls, NaN is largest") { spark =>
    numbers(spark).select(col("id"), greatest(col("i"), col("l")), least(col("i"), col("l")),
      greatest(col("d"), lit(0.5)), least(col("d"), lit(0.5)))
  }

  @Test def greatestStrings(): Unit = checkSame("greatest/least of strings") { spark =>
    strings(spark).select(col("id"), greatest(col("s"), lit("M")), least(col("s"), lit("M")))
  }

  @Test def greatestAllNull(): Unit = checkSame("greatest of nulls") { spark =>
    numbers(spark).select(col("id"), greatest(col("i"), lit(null).cast("int")))
  }

  @Test def nanvlValues(): Unit = checkSame("nanvl") { spark =>
    numbers(spark).select(col("id"), nanvl(col("d"), lit(-1.0)), nanvl(col("d"), col("i").cast("double")))
  }

  @Test def equalNull(): Unit = checkSame("equal_null") { spark =>
    numbers(spark).select(col("id"), equal_null(col("i"), col("l")), equal_null(col("i"), lit(null).cast("int")))
  }

  @Test def greatestMixedTypesFails(): Unit = checkSameError("greatest of int and boolean") { spark =>
    numbers(spark).select(greatest(col("i"), lit(true)))
  }

  @Test def whenNonBooleanConditionFails(): Unit = checkSameError("when with an int condition") { spark =>
    numbers(spark).select(when(col("i"), 1))
  }

  @Test def isnullIsnan(): Unit = checkSame("isnull, isnotnull, isnan") { spark =>
    numbers(spark).select(col("id"), isnull(col("i")), isnotnull(col("d")), isnan(col("d")))
  }

  @Test def unknownFunctionNamed(): Unit = checkSameError("an unknown function") { spark =>
    numbers(spark).select(call_function("no_such_function_xyz", col("i")))
  }
}
