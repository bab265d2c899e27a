package org.apache.spark.sql.duckdb.tests

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{DataFrame, SparkSession}
import org.apache.spark.sql.functions._

/** filter, withColumn, renames, drop, sorting with nulls, limit, offset, and how column references resolve. */
class RelationalSuite extends DifferentialSuite {
  private def types(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.typesPath)
  private def lineitem(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.lineitemPath)

  @Test def filterWithNullsInPredicate(): Unit = checkSame("filter drops null and false") { spark =>
    types(spark).filter(col("i") > 0)
  }

  @Test def whereOnNaNAndNegativeZero(): Unit = checkSame("where d = 0 matches -0.0, d > 1e100 matches NaN") { spark =>
    types(spark).where(col("d") === 0 || col("d") > 1e100).select("id", "d")
  }

  @Test def whereOnStringsAndDates(): Unit = checkSame("where on strings, dates and timestamps") { spark =>
    types(spark).where(col("s") === "alpha" || col("dt") < lit("2000-01-01").cast("date") ||
      col("ts") >= lit("2038-01-01 00:00:00").cast("timestamp")).select("id", "s", "dt", "ts")
  }

  @Test def chainedFilters(): Unit = checkSame("filter after filter after select") { spark =>
    lineitem(spark).select("l_orderkey", "l_quantity", "l_discount").filter(col("l_quantity") < 10)
      .filter(col("l_discount") > 0.05)
  }

  @Test def withColumnAdds(): Unit = checkSame("withColumn adds a column at the end") { spark =>
    types(spark).select("id", "i", "d").withColumn("i_plus", col("i").cast("long") + 1)
  }

  @Test def withColumnReplaces(): Unit = checkSame("withColumn replaces in place, case-insensitively") { spark =>
    types(spark).select("id", "i", "s").withColumn("I", col("i") % 10).withColumn("s", upper(col("s")))
  }

  @Test def withColumnRenamed(): Unit = checkSame("withColumnRenamed, missing name ignored") { spark =>
    types(spark).select("id", "i").withColumnRenamed("i", "renamed").withColumnRenamed("no_such", "x")
  }

  @Test def dropColumns(): Unit = checkSame("drop by name, by column, missing name ignored") { spark =>
    types(spark).drop("ts", "no_such").drop(col("b")).drop("DT")
  }

  @Test def orderByAscNullsFirstByDefault(): Unit = checkSame("orderBy asc puts nulls first") { spark =>
    types(spark).select("id", "i").orderBy(col("i"), col("id"))
  }

  @Test def orderByDescNullsLastByDefault(): Unit = checkSame("orderBy desc puts nulls last") { spark =>
    types(spark).select("id", "i").orderBy(col("i").desc, col("id"))
  }

  @Test def orderByExplicitNulls(): Unit = checkSame("asc_nulls_last and desc_nulls_first") { spark =>
    types(spark).select("id", "s", "dec").orderBy(col("s").asc_nulls_last, col("dec").desc_nulls_first, col("id"))
  }

  @Test def orderByDoublesWithNaN(): Unit = checkSame("sort doubles: NaN largest, -0.0 and 0.0") { spark =>
    types(spark).select("id", "d").orderBy(col("d"), col("id"))
  }

  @Test def sortByStringsWithUnicode(): Unit = checkSame("sort strings by code point") { spark =>
    types(spark).select("id", "s").sort(col("s").desc, col("id"))
  }

  @Test def limitAfterSort(): Unit = checkSame("orderBy then limit") { spark =>
    lineitem(spark).orderBy(col("l_extendedprice").desc, col("l_orderkey"), col("l_linenumber")).limit(7)
  }

  @Test def limitCount(): Unit = checkSameResult("limit(n).count()")(spark => lineitem(spark).limit(13).count())

  @Test def limitZero(): Unit = checkSame("limit(0)")(spark => types(spark).limit(0))

  @Test def offsetAfterSort(): Unit = checkSame("orderBy, offset, limit") { spark =>
    types(spark).select("id", "s").orderBy(col("id")).offset(3).limit(4)
  }

  @Test def planIdReferences(): Unit = checkSame("df(\"col\") resolves to that Dataset's column") { spark =>
    val df = types(spark).select("id", "i", "s")
    df.select(df("s"), df("i").cast("long") + df("id")).where(df("id") > 2)
  }

  @Test def subqueryAliasReferences(): Unit = checkSame("alias(\"t\") and col(\"t.a\")") { spark =>
    types(spark).alias("t").select(col("t.id"), col("t.s")).where(col("t.i").isNotNull)
  }

  @Test def caseInsensitiveResolution(): Unit = checkSame("column names resolve case-insensitively, output spelled as written") { spark =>
    types(spark).select(col("ID"), col("S"), col("Dec") * 2).where(col("I") > 0)
  }

  @Test def hostileColumnNames(): Unit = checkSame("column names with quotes, spaces, unicode") { spark =>
    import spark.implicits._
    Seq((1, "a", 2.0, true), (2, "b", 3.5, false)).toDF("a\"b", "x'; DROP", "with space", "ünï 名")
      .select(col("`a\"b`") + 1, col("`x'; DROP`"), col("`with space`") * 2, col("`ünï 名`"))
  }

  @Test def hostileNamesThroughRenameAndAlias(): Unit = checkSame("withColumnRenamed/alias to hostile names") { spark =>
    types(spark).select(col("id").as("a`b"), col("s").as("x\"; --")).withColumnRenamed("a`b", "c d.e")
  }

  @Test def distinctRows(): Unit = checkSame("distinct") { spark =>
    lineitem(spark).select("l_returnflag", "l_linestatus").distinct()
  }

  @Test def withColumnsAddsSeveral(): Unit = checkSame("withColumns(Map) adds and replaces") { spark =>
    types(spark).select("id", "i", "d").withColumns(Map("d" -> (col("d") * 2), "k" -> (col("id") % 3)))
  }

  @Test def sortLimitWithNullsAndTies(): Unit = checkSame("sort by a column with nulls and ties, unique tiebreak, limit") { spark =>
    lineitem(spark).orderBy(col("l_shipdate").desc_nulls_first, col("l_orderkey"), col("l_linenumber")).limit(12)
  }
}
