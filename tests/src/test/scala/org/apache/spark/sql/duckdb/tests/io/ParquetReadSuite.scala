package org.apache.spark.sql.duckdb.tests.io

import java.io.File
import java.math.{BigDecimal => JBigDecimal}
import java.sql.{Date, Timestamp}

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

import org.apache.spark.sql.Row
import org.apache.spark.sql.duckdb.tests.SharedTestData
import org.apache.spark.sql.functions._
import org.apache.spark.sql.types._

/** Parquet reads: directories, globs, several paths, hive-style partitions (typed as Spark infers them), options. */
class ParquetReadSuite extends IoSuite {
  private val kv = StructType(Seq(StructField("k", StringType), StructField("v", IntegerType)))

  private lazy val byString: String = classicWrite(
    Seq(Row("a", 1), Row("a", 2), Row("b c", 3), Row("x/y:z=%", 4), Row(null, 5), Row("", 6), Row("été 漢字", 7),
      Row("007", 8), Row("1.5", 9)), kv, partitionBy = Seq("k"))

  private def partitionedBy(values: Seq[Any], t: DataType): String = classicWrite(
    values.zipWithIndex.map { case (v, i) => Row(v, i) },
    StructType(Seq(StructField("p", t), StructField("i", IntegerType))), partitionBy = Seq("p"))

  @Test def directoryOfParts(): Unit = checkSame("a directory of part files")(_.read.parquet(SharedTestData.typesPath))

  @Test def twoPaths(): Unit = checkSame("two paths")(s => s.read.parquet(SharedTestData.typesPath, SharedTestData.typesPath))

  @Test def loadWithFormat(): Unit = checkSame("format(parquet).load")(_.read.format("parquet").load(SharedTestData.typesPath))

  @Test def loadDefaultFormat(): Unit = checkSame("load without format")(_.read.load(SharedTestData.typesPath))

  @Test def globOfFiles(): Unit = checkSame("glob of part files")(_.read.parquet(SharedTestData.typesPath + "/part-*.parquet"))

  // types (INT96 timestamps) and types_micros (TIMESTAMP_MICROS): both must exist before the glob is listed.
  @Test def globOfDirectories(): Unit = {
    val micros = SharedTestData.typesMicrosPath
    assertEquals(new File(SharedTestData.typesPath).getParent, new File(micros).getParent)
    checkSame("glob of directories mixing INT96 and micros timestamps") { s =>
      s.read.parquet(new File(SharedTestData.typesPath).getParent + "/type{s,s_micros}")
    }
  }

  @Test def singleFile(): Unit = checkSame("one part file") { s =>
    val file = new File(SharedTestData.typesPath).listFiles().filter(_.getName.endsWith(".parquet")).minBy(_.getName)
    s.read.parquet(file.getAbsolutePath)
  }

  @Test def fileUri(): Unit = checkSame("file: URI")(_.read.parquet("file:" + SharedTestData.typesPath))

  @Test def partitionedByString(): Unit = checkSame("partitioned by strings with escapes, null and empty")(_.read.parquet(byString))

  @Test def partitionColumnSchema(): Unit = checkSameResult("partition column types") { s =>
    s.read.parquet(byString).schema.toString
  }

  @Test def partitionedFilterOnPartition(): Unit = checkSame("filter on the partition column") { s =>
    s.read.parquet(byString).where(col("k") === "a").select("v")
  }

  @Test def partitionedNullPartition(): Unit = checkSame("default partition is null") { s =>
    s.read.parquet(byString).where(col("k").isNull)
  }

  @Test def partitionedByInt(): Unit = checkSame("partitioned by ints")(_.read.parquet(partitionedBy(Seq(1, 2, -3, null), IntegerType)))

  @Test def partitionedByLong(): Unit =
    checkSame("partitioned by longs")(_.read.parquet(partitionedBy(Seq(3000000000L, -1L), LongType)))

  @Test def partitionedByDouble(): Unit =
    checkSame("partitioned by doubles")(_.read.parquet(partitionedBy(Seq(1.5, -0.25, 1e10), DoubleType)))

  @Test def partitionedByDate(): Unit = checkSame("partitioned by dates") { s =>
    s.read.parquet(partitionedBy(Seq(Date.valueOf("2024-01-15"), Date.valueOf("1969-12-31"), null), DateType))
  }

  @Test def partitionedByTimestamp(): Unit = checkSame("partitioned by timestamps") { s =>
    s.read.parquet(partitionedBy(Seq(Timestamp.valueOf("2024-01-15 10:11:12"), Timestamp.valueOf("2024-03-10 01:30:00")),
      TimestampType))
  }

  @Test def partitionedByBoolean(): Unit =
    checkSame("partitioned by booleans")(_.read.parquet(partitionedBy(Seq(true, false, null), BooleanType)))

  @Test def partitionedByBigDecimalDigits(): Unit = checkSame("partition values beyond long are decimals") { s =>
    s.read.parquet(partitionedBy(Seq("12345678901234567890123", "1"), StringType))
  }

  @Test def partitionedLeadingZeros(): Unit = checkSame("007 is an int partition value") { s =>
    s.read.parquet(partitionedBy(Seq("007", "010"), StringType))
  }

  @Test def partitionedMixedIntAndString(): Unit = checkSame("int and string partition values give string") { s =>
    s.read.parquet(partitionedBy(Seq("1", "x"), StringType))
  }

  @Test def partitionedMixedIntAndDouble(): Unit = checkSame("int and double partition values give double") { s =>
    s.read.parquet(partitionedBy(Seq("1", "2.5"), StringType))
  }

  @Test def partitionedTwoLevels(): Unit = checkSame("two partition levels") { s =>
    val schema = StructType(Seq(StructField("year", IntegerType), StructField("month", StringType), StructField("n", LongType)))
    s.read.parquet(classicWrite(Seq(Row(2024, "01", 1L), Row(2024, "02", 2L), Row(2023, "12", 3L), Row(2023, null, 4L)),
      schema, partitionBy = Seq("year", "month")))
  }

  @Test def partitionSubdirectory(): Unit = checkSame("one partition directory: no partition column") { s =>
    s.read.parquet(byString + "/k=a")
  }

  @Test def basePath(): Unit = checkSame("basePath keeps the partition column") { s =>
    s.read.option("basePath", byString).parquet(byString + "/k=a")
  }

  @Test def basePathGlob(): Unit = checkSame("basePath with a glob of partitions") { s =>
    s.read.option("basePath", byString).parquet(byString + "/k=[ab]*")
  }

  @Test def recursiveFileLookup(): Unit = checkSame("recursiveFileLookup: no partition columns") { s =>
    s.read.option("recursiveFileLookup", "true").parquet(byString)
  }

  @Test def pathGlobFilter(): Unit = checkSame("pathGlobFilter") { s =>
    s.read.option("pathGlobFilter", "*.parquet").parquet(SharedTestData.typesPath)
  }

  @Test def mergeSchema(): Unit = checkSame("mergeSchema over files with different columns") { s =>
    val base = freshPath()
    SparkSessionHolder.write(classic, Seq(Row(1, "a")), StructType(Seq(StructField("id", IntegerType), StructField("s", StringType))), base + "/part=1")
    SparkSessionHolder.write(classic, Seq(Row(2, 2.5)), StructType(Seq(StructField("id", IntegerType), StructField("d", DoubleType))), base + "/part=2")
    s.read.option("mergeSchema", "true").parquet(base)
  }

  @Test def userSchemaSubset(): Unit = checkSame("user schema selects columns by name") { s =>
    s.read.schema(StructType(Seq(StructField("s", StringType), StructField("id", IntegerType)))).parquet(SharedTestData.typesPath)
  }

  @Test def userSchemaMissingColumn(): Unit = checkSame("user schema column missing from the files is null") { s =>
    s.read.schema("id INT, nope STRING").parquet(SharedTestData.typesPath)
  }

  @Test def pathNotFound(): Unit = checkSameError("missing path")(_.read.parquet(freshPath() + "/nothing"))

  @Test def globNotFound(): Unit = checkSameError("glob matching nothing")(_.read.parquet(freshPath() + "/*.parquet"))

  @Test def onePathOfTwoMissing(): Unit = checkSameError("one of two paths missing") { s =>
    s.read.parquet(SharedTestData.typesPath, freshPath())
  }

  @Test def unknownFormat(): Unit = checkSameError("unknown format")(_.read.format("nosuchformat").load(SharedTestData.typesPath))

  @Test def aggregateOverPartitions(): Unit = checkSame("aggregate over a partitioned source") { s =>
    s.read.parquet(byString).groupBy("k").agg(sum("v").as("total"), count(lit(1)).as("n"))
  }

  @Test def emptyStringPartitionIsNull(): Unit = checkSameResult("empty and null partition values count") { s =>
    s.read.parquet(byString).where(col("k").isNull).count()
  }

  @Test def decimalsAndDatesRoundTrip(): Unit = checkSame("decimal and date columns of a partitioned source") { s =>
    val schema = StructType(Seq(StructField("d", DecimalType(20, 4)), StructField("dt", DateType), StructField("g", IntegerType)))
    s.read.parquet(classicWrite(Seq(Row(new JBigDecimal("1.2345"), Date.valueOf("2000-02-29"), 1),
      Row(null, null, 2)), schema, partitionBy = Seq("g")))
  }
}

private object SparkSessionHolder {
  def write(session: org.apache.spark.sql.SparkSession, rows: Seq[Row], schema: StructType, path: String): Unit = {
    import scala.jdk.CollectionConverters._
    session.createDataFrame(rows.asJava, schema).write.parquet(path)
  }
}
