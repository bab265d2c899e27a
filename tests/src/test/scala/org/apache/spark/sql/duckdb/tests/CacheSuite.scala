package org.apache.spark.sql.duckdb.tests

import java.nio.file.Files

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{DataFrame, SparkSession}
import org.apache.spark.sql.functions._
import org.apache.spark.storage.StorageLevel

/**
 * `persist`/`cache`/`unpersist`: a persisted Dataset is computed once (an unseeded `rand()` column keeps its values
 * from one action to the next), and, as Spark's CacheManager does, recomputed when the session writes to a path
 * its plan reads.
 */
class CacheSuite extends DifferentialSuite {
  private def types(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.typesPath)
  private def lineitem(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.lineitemPath)

  /** A Parquet directory with `n` rows (`id`, `v`), rewritten in place by `overwrite`. */
  private def writeNumbers(spark: SparkSession, path: String, n: Int): Unit =
    spark.range(n).select(col("id"), (col("id") * 10).as("v")).write.mode("overwrite").parquet(path)

  private def freshDir(): String = Files.createTempDirectory("sparkduck-cache").resolve("t").toString

  private def afterOverwrite(spark: SparkSession)(use: DataFrame => DataFrame): DataFrame = {
    val path = freshDir()
    writeNumbers(spark, path, 5)
    val df = spark.read.parquet(path).cache()
    df.count() // Spark fills its cache at the first action
    writeNumbers(spark, path, 8)
    use(df)
  }

  @Test def recachedAfterWrite(): Unit = checkSame("a cached Dataset is recomputed after the session overwrites its files") {
    spark => afterOverwrite(spark)(identity)
  }
  /** A nondeterministic UDF numbering its calls: a column that differs each time the plan is computed. */
  private def calls(spark: SparkSession): DataFrame = {
    val counter = new java.util.concurrent.atomic.AtomicLong()
    val next = udf(() => counter.incrementAndGet()).asNondeterministic()
    spark.range(40).select(col("id"), next().as("call"))
  }

  @Test def computedOnce(): Unit = checkSameResult("a cached nondeterministic column keeps its values") { spark =>
    val df = calls(spark).cache()
    val first = df.orderBy("id").collect().map(_.getLong(1)).toSeq
    val second = df.orderBy("id").collect().map(_.getLong(1)).toSeq
    val total = df.agg(sum("call")).head().getLong(0)
    (first == second, total == first.sum)
  }
  @Test def derivedFromCached(): Unit = checkSame("Datasets built on a cached one read the cached data") { spark =>
    afterOverwrite(spark)(df => df.where(col("id") > 1).groupBy((col("id") % 2).as("odd")).agg(sum("v"), count(lit(1))))
  }
  @Test def cachedSelfJoin(): Unit = checkSame("a cached Dataset joined with itself") { spark =>
    afterOverwrite(spark)(df => df.as("a").join(df.as("b"), col("a.id") === col("b.id") + 1).select("a.id", "b.v"))
  }
  @Test def unpersistThenUse(): Unit = checkSame("a Dataset used after unpersist") { spark =>
    val df = lineitem(spark).groupBy("l_linenumber").agg(max("l_quantity").as("m")).cache()
    df.count()
    df.unpersist()
    df.where(col("m") > 1)
  }
  @Test def storageLevels(): Unit = checkSameResult("storageLevel before, during and after persist") { spark =>
    val df = spark.range(3).toDF("id")
    val before = df.storageLevel
    df.persist(StorageLevel.MEMORY_ONLY)
    val during = df.storageLevel
    df.persist(StorageLevel.DISK_ONLY) // already persisted: the first level stays
    val again = df.storageLevel
    df.unpersist()
    val after = df.storageLevel
    val other = spark.range(4).toDF("n").cache()
    val otherCached = other.storageLevel
    spark.catalog.clearCache()
    Seq(before, during, again, after, otherCached, other.storageLevel).map(_.toString)
  }
  @Test def cachedTypesAndNulls(): Unit = checkSame("a cached Dataset keeps types, nulls and nullability") { spark =>
    types(spark).cache()
  }
  @Test def cachedDuplicateNames(): Unit = checkSame("a cached join output with duplicate column names") { spark =>
    val t = types(spark)
    t.join(t.select(col("id"), col("s")), Seq("id")).cache().where(col("id") < 5)
  }
  @Test def cachedColumnReference(): Unit = checkSame("df(\"x\") of a cached Dataset in a later plan") { spark =>
    val l = lineitem(spark).select("l_orderkey", "l_quantity", "l_returnflag").cache()
    l.where(l("l_quantity") > 10).groupBy(l("l_returnflag")).agg(sum(l("l_quantity")))
  }
  @Test def cachedAggregate(): Unit = checkSame("a cached aggregation used twice") { spark =>
    val agg = lineitem(spark).groupBy("l_returnflag").agg(sum("l_extendedprice").as("total")).cache()
    agg.join(agg.select(col("l_returnflag"), (col("total") * 2).as("twice")), "l_returnflag")
  }
  @Test def cacheTwiceIsHarmless(): Unit = checkSame("cache() twice, then use") { spark =>
    val df = lineitem(spark).select("l_orderkey").distinct()
    df.cache(); df.cache()
    df.orderBy("l_orderkey").limit(5)
  }
}
