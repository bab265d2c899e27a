package org.apache.spark.sql.duckdb.tests.functions

import org.junit.jupiter.api.Test

import org.apache.spark.sql.functions._

/** Hashes of strings (UTF-8 bytes) and typeof / session functions. */
class MiscFunctionsSuite extends FunctionSuiteBase {
  @Test def md5Sha(): Unit = checkSame("md5, sha1, sha2 of strings incl. unicode and empty") { spark =>
    strings(spark).select(col("id"), md5(col("s")), sha1(col("s")), sha2(col("s"), 256), sha2(col("s"), 0))
  }

  @Test def sha2OtherBitsUnsupported(): Unit = checkUnsupported("sha2 with 512 bits", "sha2") { spark =>
    strings(spark).select(col("id"), sha2(col("s"), 512))
  }

  @Test def typeofValues(): Unit = checkSame("typeof") { spark =>
    types(spark).select(typeof(col("i")), typeof(col("dec")), typeof(col("ts")), typeof(col("s")), typeof(col("dt")),
      typeof(col("by")), typeof(col("b"))).limit(1)
  }

  @Test def sessionNames(): Unit = checkSame("current_database, current_catalog, current_schema") { spark =>
    spark.range(1).select(current_database(), current_catalog(), current_schema())
  }

  @Test def unsupportedFunctionNamed(): Unit = checkUnsupported("soundex is refused by name", "soundex") { spark =>
    strings(spark).select(soundex(col("s")))
  }

  @Test def approxCountDistinctNamed(): Unit = checkUnsupported("approx_count_distinct is refused by name",
    "approx_count_distinct") { spark =>
    strings(spark).agg(approx_count_distinct(col("s")))
  }
}
