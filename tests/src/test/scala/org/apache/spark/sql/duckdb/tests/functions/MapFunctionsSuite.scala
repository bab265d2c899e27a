package org.apache.spark.sql.duckdb.tests.functions

import org.junit.jupiter.api.Test

import org.apache.spark.sql.SparkSession
import org.apache.spark.sql.functions._

/** Map functions: constructors with Spark's key checks, accessors, and the lambda ones. */
class MapFunctionsSuite extends FunctionSuiteBase {
  /** Maps with null values, an empty map, a null map, unicode keys; arrays to build maps from. */
  private def maps(spark: SparkSession) = {
    import spark.implicits._
    Seq[(Int, Map[String, Integer], Map[Int, String], Seq[String], Seq[Integer], String)](
      (0, Map("a" -> 1, "b" -> 2), Map(1 -> "x", 2 -> "y"), Seq("k1", "k2"), Seq(10, 20), "a:1,b:2"),
      (1, Map("c" -> null, "é" -> 3), Map(3 -> null), Seq("k"), Seq(null), "x:,y,z:1:2"),
      (2, Map(), Map(), Seq(), Seq(), ""),
      (3, null, null, null, Seq(1), null),
      (4, Map("😀" -> 5), Map(4 -> "w", 5 -> ""), Seq("p", "q", "r"), Seq(1, 2, 3), "héllo:wörld,😀:x"))
      .toDF("id", "m", "n", "ks", "vs", "t")
  }

  @Test def mapKeysValues(): Unit = checkSame("map_keys, map_values incl. null values, empty and null maps") { spark =>
    maps(spark).select(col("id"), map_keys(col("m")), map_values(col("m")), map_keys(col("n")), map_values(col("n")))
  }

  @Test def mapEntries(): Unit = checkSame("map_entries") { spark =>
    maps(spark).select(col("id"), map_entries(col("m")), map_entries(col("n")))
  }

  @Test def mapAccessorSchema(): Unit = checkSameResult("map_keys, map_values, map_entries schema") { spark =>
    maps(spark).select(map_keys(col("m")), map_values(col("m")), map_entries(col("n"))).schema.toString
  }

  @Test def mapContainsKey(): Unit = checkSame("map_contains_key, incl. null maps and keys") { spark =>
    maps(spark).select(col("id"), map_contains_key(col("m"), "a"), map_contains_key(col("m"), "é"),
      map_contains_key(col("n"), 3), map_contains_key(col("n"), col("id")), map_contains_key(col("m"), lit(null).cast("string")))
  }

  @Test def mapConstructor(): Unit = checkSame("map of columns and literals") { spark =>
    maps(spark).select(col("id"), map(lit("id"), col("id"), lit("twice"), col("id") * 2), map(col("id"), col("t")))
  }

  @Test def mapConstructorCoercion(): Unit = checkSame("map coerces keys and values to common types") { spark =>
    maps(spark).select(col("id"), map(lit(1), lit(1.5), lit(2L), col("id")), map(lit("k"), lit(null).cast("int")))
  }

  @Test def mapConstructorSchema(): Unit = checkSameResult("map's value nullability") { spark =>
    maps(spark).select(map(lit("a"), col("id")), map(lit("a"), col("t")), map(col("id"), col("id"))).schema.toString
  }

  @Test def mapDuplicateKey(): Unit = checkSameError("map with a duplicate key fails (EXCEPTION policy)") { spark =>
    maps(spark).select(map(lit("a"), col("id"), lit("a"), col("id")))
  }

  @Test def mapNullKey(): Unit = checkSameError("map with a null key fails") { spark =>
    maps(spark).select(map(col("t"), col("id")))
  }

  @Test def mapFromArrays(): Unit = checkSame("map_from_arrays incl. null arrays") { spark =>
    maps(spark).where(col("id") =!= 4).select(col("id"), map_from_arrays(col("ks"), col("vs")))
  }

  @Test def mapFromArraysLengths(): Unit = checkSameError("map_from_arrays of different lengths fails") { spark =>
    maps(spark).select(map_from_arrays(col("ks"), array(lit(1))))
  }

  @Test def mapFromArraysDuplicate(): Unit = checkSameError("map_from_arrays with a repeated key fails") { spark =>
    maps(spark).select(map_from_arrays(array(lit(1), col("id"), lit(1)), array(lit(1), lit(2), lit(3))))
  }

  @Test def mapFromArraysNullKey(): Unit = checkSameError("map_from_arrays with a null key fails") { spark =>
    maps(spark).select(map_from_arrays(array(lit("a"), lit(null).cast("string")), array(lit(1), lit(2))))
  }

  @Test def mapFromEntries(): Unit = checkSame("map_from_entries of map_entries, and of structs") { spark =>
    maps(spark).select(col("id"), map_from_entries(map_entries(col("m"))),
      map_from_entries(array(struct(col("id").as("k"), col("t").as("v")), struct((col("id") + 100).as("k"), col("t").as("v")))))
  }

  @Test def mapFromEntriesNullEntry(): Unit = checkSame("map_from_entries with a null entry is null") { spark =>
    maps(spark).select(col("id"), map_from_entries(array(struct(col("id").as("k"), col("t").as("v")),
      when(col("id") > 2, struct((col("id") + 7).as("k"), col("t").as("v"))))))
  }

  @Test def mapFromEntriesDuplicate(): Unit = checkSameError("map_from_entries with a repeated key fails") { spark =>
    maps(spark).select(map_from_entries(array(struct(lit(1), col("t")), struct(lit(1), col("t")))))
  }

  @Test def mapConcatValues(): Unit = checkSame("map_concat of disjoint maps, null maps make null") { spark =>
    maps(spark).select(col("id"), map_concat(col("m"), map(lit("zz"), col("id"))), map_concat(col("n")),
      map_concat(col("n"), map(col("id") + 100, col("t")), map(lit(-1), lit("neg"))))
  }

  @Test def mapConcatDuplicate(): Unit = checkSameError("map_concat with a repeated key fails") { spark =>
    maps(spark).select(map_concat(col("m"), col("m")))
  }

  @Test def strToMapDefaults(): Unit = checkSame("str_to_map with the default delimiters") { spark =>
    maps(spark).where(col("id") =!= 1).select(col("id"), str_to_map(col("t")))
  }

  @Test def strToMapMissingValues(): Unit = checkSame("str_to_map: a pair without a value, a value with the delimiter") { spark =>
    maps(spark).where(col("id") === 1).select(col("id"), str_to_map(col("t")))
  }

  @Test def strToMapDelimiters(): Unit = checkSame("str_to_map with other delimiters") { spark =>
    maps(spark).select(col("id"), str_to_map(lit("a=1;b=2;c"), lit(";"), lit("=")),
      str_to_map(concat(lit("k"), col("id"), lit("->v")), lit(","), lit("->")))
  }

  @Test def strToMapDuplicate(): Unit = checkSameError("str_to_map with a repeated key fails") { spark =>
    maps(spark).select(str_to_map(lit("a:1,a:2")))
  }

  @Test def mapFilterValues(): Unit = checkSame("map_filter on keys and values") { spark =>
    maps(spark).select(col("id"), map_filter(col("m"), (k, v) => v > 1), map_filter(col("n"), (k, v) => k % 2 === 1),
      map_filter(col("m"), (k, v) => v.isNull))
  }

  @Test def transformValues(): Unit = checkSame("transform_values") { spark =>
    maps(spark).select(col("id"), transform_values(col("m"), (k, v) => v * 10),
      transform_values(col("n"), (k, v) => concat(v, k.cast("string"))), transform_values(col("m"), (k, v) => k))
  }

  @Test def transformKeys(): Unit = checkSame("transform_keys") { spark =>
    maps(spark).select(col("id"), transform_keys(col("m"), (k, v) => upper(k)), transform_keys(col("n"), (k, v) => k + col("id")))
  }

  @Test def transformKeysDuplicate(): Unit = checkSameError("transform_keys to a repeated key fails") { spark =>
    maps(spark).select(transform_keys(col("n"), (k, v) => lit(1)))
  }

  @Test def transformKeysNull(): Unit = checkSameError("transform_keys to a null key fails") { spark =>
    maps(spark).select(transform_keys(col("m"), (k, v) => lit(null).cast("string")))
  }

  @Test def mapSize(): Unit = checkSame("size and cardinality of maps") { spark =>
    maps(spark).select(col("id"), size(col("m")), cardinality(col("n")))
  }

  @Test def mapFunctionsComposed(): Unit = checkSame("maps built then read back") { spark =>
    maps(spark).select(col("id"), map_keys(map_from_arrays(col("ks"), col("vs"))).as("k"),
      transform(map_values(col("m")), x => x + 1), exists(map_keys(col("n")), k => k > 2))
  }

  @Test def mapFloatKeysRefused(): Unit = checkUnsupported("map with double keys", "map with DOUBLE keys") { spark =>
    maps(spark).select(map(lit(1.5), col("id")))
  }
}
