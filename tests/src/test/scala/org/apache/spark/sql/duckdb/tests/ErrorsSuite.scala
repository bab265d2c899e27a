package org.apache.spark.sql.duckdb.tests

import org.junit.jupiter.api.Test

import org.apache.spark.sql.functions._

/** ANSI runtime errors and analysis errors carry Spark's error condition on both engines. */
class ErrorsSuite extends DifferentialSuite {

  @Test def intDivideByZero(): Unit = checkSameError("int / 0") { spark =>
    spark.range(3).select((col("id").cast("int") / lit(0)).as("q"))
  }

  @Test def doubleDivideByZero(): Unit = checkSameError("double / 0.0 fails under ANSI") { spark =>
    spark.range(3).select((col("id").cast("double") / lit(0.0)).as("q"))
  }

  @Test def moduloByZero(): Unit = checkSameError("long % 0") { spark =>
    spark.range(3).select((col("id") % lit(0L)).as("r"))
  }

  @Test def intAdditionOverflow(): Unit = checkSameError("Int.MaxValue + 1") { spark =>
    import spark.implicits._
    Seq(Int.MaxValue).toDF("i").select(col("i") + 1)
  }

  @Test def longMultiplicationOverflow(): Unit = checkSameError("Long.MaxValue * 2") { spark =>
    spark.range(Long.MaxValue - 1, Long.MaxValue).select(col("id") * 2)
  }

  @Test def sumOverflow(): Unit = checkSameError("sum of longs overflows") { spark =>
    import spark.implicits._
    Seq(Long.MaxValue, 1L).toDF("l").agg(sum("l"))
  }

  @Test def invalidStringToIntCast(): Unit = checkSameError("cast('4.7' as int)") { spark =>
    import spark.implicits._
    Seq("1", "4.7").toDF("s").select(col("s").cast("int"))
  }

  @Test def invalidStringToDateCast(): Unit = checkSameError("cast('2024-02-30' as date)") { spark =>
    import spark.implicits._
    Seq("2024-02-30").toDF("s").select(col("s").cast("date"))
  }

  @Test def castOverflow(): Unit = checkSameError("cast(1e10 as int)") { spark =>
    import spark.implicits._
    Seq(1e10).toDF("d").select(col("d").cast("int"))
  }

  @Test def decimalCastOverflow(): Unit = checkSameError("cast decimal(12,2) to decimal(4,2) overflows") { spark =>
    spark.read.parquet(SharedTestData.typesPath).select(col("dec").cast("decimal(4,2)"))
  }

  @Test def unresolvedColumn(): Unit = checkSameError("select a missing column") { spark =>
    spark.range(3).select(col("no_such_column"))
  }

  @Test def missingParquetPath(): Unit = checkSameError("read.parquet of a missing path") { spark =>
    spark.read.parquet(SharedTestData.directory.getAbsolutePath + "/no_such_table")
  }
}
