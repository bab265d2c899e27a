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

  @Test def uuidProperties(): Unit = checkSame("uuid: version 4 form, distinct per row (values are random on both engines)") { spark =>
    spark.range(50).select(uuid().as("u")).agg(
      count_distinct(col("u")), min(col("u").rlike("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")))
  }

  @Test def hashOfStrings(): Unit = checkSame("hash of strings: unicode, empty, tails of 1-3 bytes, null") { spark =>
    strings(spark).select(col("id"), hash(col("s")), hash(col("s"), col("id")), hash(substring(col("s"), 1, 5)))
  }

  @Test def hashOfNumbers(): Unit = checkSame("hash of ints, longs, bytes, booleans, chained, nulls skipped") { spark =>
    types(spark).select(col("id"), hash(col("i")), hash(col("l")), hash(col("by")), hash(col("sh")), hash(col("b")),
      hash(col("i"), col("l"), col("s")), hash(lit(null).cast("int"), col("id")))
  }

  @Test def hashOfDatetimes(): Unit = checkSame("hash of dates and timestamps") { spark =>
    dates(spark).select(col("id"), hash(col("dt")), hash(col("ts")), hash(col("dt"), col("ts")))
  }

  @Test def hashOfDoublesRefused(): Unit = checkUnsupported("hash of doubles", "hash of double") { spark =>
    numbers(spark).select(hash(col("d")))
  }

  @Test def crc32OfStrings(): Unit = checkSame("crc32 of strings incl. unicode, empty, null") { spark =>
    strings(spark).select(col("id"), crc32(col("s")), crc32(lit("abc")))
  }
}
