package org.apache.spark.sql.duckdb.tests.functions

import org.junit.jupiter.api.Test

import org.apache.spark.sql.functions._

/** Arrays and structs built with array()/struct()/named_struct(): size, sorting, membership, joins. */
class CollectionFunctionsSuite extends FunctionSuiteBase {
  private def arrays(spark: org.apache.spark.sql.SparkSession) =
    numbers(spark).where(col("id") =!= 4 && col("id") =!= 5).select(col("id"), array(col("i"), lit(3), col("i") * 2).as("a"), array(lit("x"), col("i").cast("string")).as("sa"))

  @Test def arrayConstructor(): Unit = checkSame("array of columns and literals") { spark =>
    numbers(spark).select(col("id"), array(col("i"), col("l")), array(lit(1), lit(2)), array(col("d")))
  }

  @Test def sizes(): Unit = checkSame("size, cardinality, array_size") { spark =>
    arrays(spark).select(col("id"), size(col("a")), cardinality(col("sa")), array_size(col("a")))
  }

  @Test def sizeOfNullLegacy(): Unit = withAnsi(false) {
    checkSame("size of a null array is -1 without ANSI") { spark =>
      arrays(spark).select(col("id"), size(when(col("id") > 5, col("a"))))
    }
  }

  @Test def sizeOfNullAnsi(): Unit = checkSame("size of a null array is null under ANSI") { spark =>
    arrays(spark).select(col("id"), size(when(col("id") > 5, col("a"))))
  }

  @Test def sortArrays(): Unit = checkSame("sort_array asc/desc, array_sort (nulls placement)") { spark =>
    arrays(spark).select(col("id"), sort_array(col("a")), sort_array(col("a"), asc = false))
  }

  @Test def contains(): Unit = checkSame("array_contains with nulls in the array") { spark =>
    arrays(spark).select(col("id"), array_contains(col("a"), 3), array_contains(col("a"), 14), array_contains(col("sa"), "x"))
  }

  @Test def positions(): Unit = checkSame("array_position") { spark =>
    arrays(spark).select(col("id"), array_position(col("a"), 3), array_position(col("a"), 99))
  }

  @Test def minMax(): Unit = checkSame("array_min, array_max") { spark =>
    arrays(spark).select(col("id"), array_min(col("a")), array_max(col("a")), array_max(array(lit(1.0), lit(Double.NaN))))
  }

  @Test def joins(): Unit = checkSame("array_join with and without null replacement") { spark =>
    arrays(spark).select(col("id"), array_join(col("sa"), ","), array_join(col("sa"), "-", "?"))
  }

  @Test def structs(): Unit = checkSame("struct names fields after columns") { spark =>
    numbers(spark).select(col("id"), struct(col("i"), col("d")), struct(col("l"), lit(1)))
  }

  @Test def structsWithAliases(): Unit = checkSame("struct fields named by aliases, and the column's name") { spark =>
    numbers(spark).select(col("id"), struct(col("i").as("x"), col("d"), lit("k").as("y")))
  }

  @Test def namedStructs(): Unit = checkSame("named_struct") { spark =>
    numbers(spark).select(col("id"), named_struct(lit("a"), col("i"), lit("b"), col("d")))
  }

  @Test def structFieldAccess(): Unit = checkSame("field of a struct()") { spark =>
    numbers(spark).select(col("id"), struct(col("i"), col("d")).as("s")).select(col("id"), col("s.i"), col("s.d"))
  }
}
