package org.apache.spark.sql.duckdb.tests.functions

import org.junit.jupiter.api.Test

import org.apache.spark.sql.SparkSession
import org.apache.spark.sql.functions._

/** Array and map functions beyond the constructors: element access, set operations, slicing, sequences, maps. */
class ArrayMapFunctionsSuite extends FunctionSuiteBase {
  /** Arrays with duplicates, nulls (as elements and as arrays) and an empty array. */
  private def arrays(spark: SparkSession) = {
    import spark.implicits._
    Seq[(Int, Seq[Integer], Seq[Integer], Seq[String])](
      (0, Seq(1, 2, 2, 3), Seq(3, 4), Seq("a", "b", "a")),
      (1, Seq(null, 1, null, 1), Seq(1, null), Seq("x", null)),
      (2, Seq(), Seq(1), Seq()),
      (3, null, Seq(5), null),
      (4, Seq(5, 4, 3, 2, 1), Seq(), Seq("é", "😀", "é")),
      (5, Seq(7), Seq(null), Seq("")))
      .toDF("id", "a", "b", "s")
  }

  @Test def elementAtValues(): Unit = checkSame("element_at positive and negative indexes") { spark =>
    arrays(spark).where(col("id").isin(0, 4)).select(col("id"), element_at(col("a"), 1), element_at(col("a"), -1),
      element_at(col("s"), 2), element_at(col("a"), 4))
  }

  @Test def elementAtOutOfRangeAnsi(): Unit = checkSameError("element_at out of range under ANSI") { spark =>
    arrays(spark).select(element_at(col("a"), 10))
  }

  @Test def elementAtZero(): Unit = checkSameError("element_at of index 0") { spark =>
    arrays(spark).select(element_at(col("a"), 0))
  }

  @Test def elementAtOutOfRangeLegacy(): Unit = withAnsi(false) {
    checkSame("element_at out of range is null without ANSI") { spark =>
      arrays(spark).select(col("id"), element_at(col("a"), 10), element_at(col("a"), -5), element_at(col("a"), 2))
    }
  }

  @Test def tryElementAtValues(): Unit = checkSame("try_element_at out of range is null") { spark =>
    arrays(spark).select(col("id"), try_element_at(col("a"), lit(10)), try_element_at(col("a"), lit(-2)),
      try_element_at(col("s"), col("id") + 1))
  }

  @Test def getValues(): Unit = checkSame("get is 0-based, null out of range") { spark =>
    arrays(spark).select(col("id"), get(col("a"), lit(0)), get(col("a"), lit(3)), get(col("a"), lit(-1)),
      get(col("s"), col("id")))
  }

  @Test def appendPrepend(): Unit = checkSame("array_append, array_prepend incl. null values and arrays") { spark =>
    arrays(spark).select(col("id"), array_append(col("a"), 9), array_prepend(col("a"), 0),
      array_append(col("s"), lit(null).cast("string")), array_prepend(col("s"), get(col("s"), lit(0))))
  }

  @Test def compactRemove(): Unit = checkSame("array_compact, array_remove") { spark =>
    arrays(spark).select(col("id"), array_compact(col("a")), array_remove(col("a"), 1), array_remove(col("s"), "a"),
      array_remove(col("a"), lit(null).cast("int")))
  }

  @Test def distinctValues(): Unit = checkSame("array_distinct keeps first occurrences and one null") { spark =>
    arrays(spark).select(col("id"), array_distinct(col("a")), array_distinct(col("s")))
  }

  @Test def setOperations(): Unit = checkSame("array_union, array_intersect, array_except") { spark =>
    arrays(spark).select(col("id"), array_union(col("a"), col("b")), array_intersect(col("a"), col("b")),
      array_except(col("a"), col("b")), array_except(col("b"), col("a")))
  }

  @Test def overlap(): Unit = checkSame("arrays_overlap three-valued") { spark =>
    arrays(spark).select(col("id"), arrays_overlap(col("a"), col("b")), arrays_overlap(col("b"), col("a")))
  }

  @Test def repeat(): Unit = checkSame("array_repeat of values and nulls, negative counts") { spark =>
    arrays(spark).select(col("id"), array_repeat(col("id"), 3), array_repeat(get(col("s"), lit(0)), col("id") - 2),
      array_repeat(lit("z"), 0))
  }

  @Test def flattenValues(): Unit = checkSame("flatten; a null inner array makes it null") { spark =>
    arrays(spark).select(col("id"), flatten(array(col("a"), col("b"))), flatten(array(col("b"), col("b"))))
  }

  @Test def sliceValues(): Unit = checkSame("slice positive and negative starts, long lengths") { spark =>
    arrays(spark).select(col("id"), slice(col("a"), 2, 2), slice(col("a"), -2, 5), slice(col("a"), 10, 1),
      slice(col("s"), -10, 2), slice(col("a"), 1, 0))
  }

  @Test def sliceZeroStart(): Unit = checkSameError("slice with start 0") { spark =>
    arrays(spark).select(slice(col("a"), 0, 1))
  }

  @Test def sliceNegativeLength(): Unit = checkSameError("slice with a negative length") { spark =>
    arrays(spark).select(slice(col("a"), 1, -1))
  }

  @Test def sequences(): Unit = checkSame("sequence up, down, with steps, single element") { spark =>
    numbers(spark).where(col("id") < 4 || col("id") > 7).select(col("id"), sequence(col("i"), lit(3)),
      sequence(lit(10), col("i"), lit(-4)), sequence(col("l"), col("l")), sequence(lit(1L), lit(5L), lit(2L)))
  }

  @Test def mapElementRefused(): Unit = checkUnsupported("element_at of a map", "element_at of a map") { spark =>
    import spark.implicits._
    Seq[(Int, Map[String, Integer])]((0, Map("a" -> 1))).toDF("id", "m").select(element_at(col("m"), "a"))
  }

  @Test def floatingDistinctRefused(): Unit = checkUnsupported("array_distinct of doubles", "array_distinct") { spark =>
    numbers(spark).select(array_distinct(array(col("d"), lit(0.0))))
  }
}
