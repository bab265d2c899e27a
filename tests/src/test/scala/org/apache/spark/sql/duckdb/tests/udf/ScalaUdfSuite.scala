package org.apache.spark.sql.duckdb.tests.udf

import java.math.{BigDecimal => JBigDecimal}
import java.sql.{Date, Timestamp}

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{DataFrame, SparkSession}
import org.apache.spark.sql.duckdb.tests.{DifferentialSuite, SharedTestData}
import org.apache.spark.sql.functions._

/**
 * Scala UDFs (`functions.udf`) run in the JVM on Arrow batches: argument and result types, Spark's null rule for
 * primitive parameters, names, nullability, and UDFs in every place of a query. The UDF objects are shared by both
 * engines (they are plain sql-api values).
 */
class ScalaUdfSuite extends DifferentialSuite {
  private def types(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.typesPath)

  private val plusOne = udf((x: Int) => x + 1)
  private val plusOneLong = udf((x: Long) => x + 1)
  private val twice = udf((x: Double) => x * 2)
  private val discount = udf((x: Double, y: Double) => x * (1 - y))
  private val shout = udf((s: String) => if (s == null) "<null>" else s.toUpperCase + "!")
  private val boxedInc = udf((x: java.lang.Integer) => if (x == null) -1 else x + 1)
  private val length = udf((s: String) => s.length)

  @Test def intUdf(): Unit = checkSame("udf(Int => Int) over an int column with nulls") { spark =>
    types(spark).select(col("id"), plusOne(col("i")))
  }

  @Test def longUdf(): Unit = checkSame("udf(Long => Long) at the long range") { spark =>
    types(spark).where(col("l") =!= Long.MaxValue || col("l").isNull).select(col("id"), plusOneLong(col("l")))
  }

  @Test def doubleUdf(): Unit = checkSame("udf(Double => Double): NaN, infinities, -0.0") { spark =>
    types(spark).select(col("id"), twice(col("d")))
  }

  @Test def twoArgumentUdf(): Unit = checkSame("udf((Double, Double) => Double)") { spark =>
    types(spark).select(col("id"), discount(col("d"), col("f")))
  }

  @Test def stringUdfGetsNulls(): Unit = checkSame("udf(String => String) is called with null") { spark =>
    types(spark).select(col("id"), shout(col("s")))
  }

  @Test def boxedIntegerGetsNulls(): Unit = checkSame("udf(java.lang.Integer => Int) is called with null") { spark =>
    types(spark).select(col("id"), boxedInc(col("i")))
  }

  @Test def primitiveNullGivesNull(): Unit = checkSame("a null primitive argument gives null, no call") { spark =>
    val failsOnCall = udf((x: Int) => { if (x == Int.MinValue) throw new IllegalStateException("min"); x * 2 })
    types(spark).where(col("i").isNull || col("i") =!= Int.MinValue).select(col("id"), failsOnCall(col("i")))
  }

  @Test def primitiveNullOnlyForPrimitiveArguments(): Unit =
    checkSame("mixed primitive and String arguments: null only when the primitive one is null") { spark =>
      val f = udf((x: Int, s: String) => s"$x:$s")
      types(spark).select(col("id"), f(col("i"), col("s")))
    }

  @Test def stringLength(): Unit = checkSame("udf(String => Int) over unicode") { spark =>
    types(spark).where(col("s").isNotNull).select(col("id"), length(col("s")))
  }

  @Test def generatedName(): Unit = checkSame("an unnamed UDF column is UDF(args)") { spark =>
    types(spark).select(plusOne(col("i")), discount(col("d"), col("d")))
  }

  @Test def givenName(): Unit = checkSame("withName names the column") { spark =>
    types(spark).select(plusOne.withName("inc")(col("i")), discount.withName("disc")(col("d"), col("f")))
  }

  @Test def aliasedUdf(): Unit = checkSame("an aliased UDF") { spark =>
    types(spark).select(plusOne(col("i")).as("next"))
  }

  @Test def nullabilityOfPrimitiveResult(): Unit =
    checkSame("nullability: primitive result over a non-nullable input") { spark =>
      types(spark).select(plusOne(col("id")), twice(col("id").cast("double")))
    }

  @Test def asNonNullable(): Unit = checkSame("asNonNullable over a non-nullable input") { spark =>
    types(spark).select(plusOne.asNonNullable()(col("id")), shout.asNonNullable()(col("s")))
  }

  @Test def asNondeterministic(): Unit = checkSame("asNondeterministic gives the same values") { spark =>
    types(spark).select(col("id"), plusOne.asNondeterministic()(col("i")))
  }

  @Test def implicitWidening(): Unit = checkSame("int and short arguments widen to a Double parameter") { spark =>
    types(spark).select(col("id"), twice(col("i")), twice(col("sh")), twice(col("by")))
  }

  @Test def intToLongParameter(): Unit = checkSame("int argument to a Long parameter") { spark =>
    types(spark).select(col("id"), plusOneLong(col("i")))
  }

  @Test def literalArguments(): Unit = checkSame("literal arguments") { spark =>
    spark.range(3).select(col("id"), plusOne(lit(41)), discount(lit(10.0), lit(0.25)), shout(lit("abc")))
  }

  @Test def nullLiteralArgument(): Unit = checkSame("a null literal argument") { spark =>
    spark.range(2).select(col("id"), plusOne(lit(null).cast("int")), shout(lit(null).cast("string")))
  }

  @Test def zeroArguments(): Unit = checkSame("a UDF without arguments") { spark =>
    val answer = udf(() => 42)
    spark.range(4).select(col("id"), answer())
  }

  @Test def udfInFilter(): Unit = checkSame("a UDF in a filter") { spark =>
    types(spark).where(plusOne(col("i")) > 4).select(col("id"))
  }

  @Test def booleanUdfAsFilter(): Unit = checkSame("a Boolean UDF as the filter") { spark =>
    val isEven = udf((x: Long) => x % 2 == 0)
    spark.range(20).where(isEven(col("id")))
  }

  @Test def udfInAggregate(): Unit = checkSame("sum over a UDF") { spark =>
    types(spark).agg(sum(twice(col("i"))), count(plusOne(col("i"))))
  }

  @Test def udfAsGroupKey(): Unit = checkSame("a UDF as the grouping key") { spark =>
    val bucket = udf((x: Long) => x % 3)
    spark.range(30).groupBy(bucket(col("id")).as("b")).agg(count(lit(1)).as("n"), sum(col("id")).as("s"))
  }

  @Test def udfOverAggregate(): Unit = checkSame("a UDF over an aggregate result") { spark =>
    spark.range(30).groupBy((col("id") % 4).as("k")).agg(twice(sum(col("id")).cast("double")).as("t"))
  }

  @Test def nestedUdfs(): Unit = checkSame("a UDF of a UDF") { spark =>
    types(spark).select(col("id"), plusOne(plusOne(col("i"))), twice(twice(col("d"))))
  }

  @Test def udfInOrderBy(): Unit = checkSame("order by a UDF", ordered = true) { spark =>
    val negate = udf((x: Long) => -x)
    spark.range(10).orderBy(negate(col("id")))
  }

  @Test def udfWithBuiltins(): Unit = checkSame("UDF arguments are built-in expressions") { spark =>
    types(spark).select(col("id"), plusOne(col("id") * 2), shout(concat(col("s"), lit("-x"))), abs(twice(col("d"))))
  }

  @Test def manyRowsAcrossChunks(): Unit = checkSame("100k rows cross many DuckDB chunks") { spark =>
    val mix = udf((x: Long) => (x * 2654435761L) % 1000)
    spark.range(100000).select(sum(mix(col("id"))).as("s"), count(mix(col("id"))).as("n"))
  }

  @Test def decimalUdf(): Unit = checkSame("udf(BigDecimal => BigDecimal)") { spark =>
    val addCent = udf((x: BigDecimal) => if (x == null) null else x + BigDecimal("0.01"))
    types(spark).select(col("id"), addCent(col("dec")))
  }

  @Test def javaDecimalUdf(): Unit = checkSame("udf(java.math.BigDecimal => String)") { spark =>
    val show = udf((x: JBigDecimal) => if (x == null) "none" else x.toPlainString)
    types(spark).select(col("id"), show(col("dec")))
  }

  @Test def dateUdf(): Unit = checkSame("udf(Date => Date) and udf(Date => String)") { spark =>
    val nextDay = udf((d: Date) => if (d == null) null else Date.valueOf(d.toLocalDate.plusDays(1)))
    val render = udf((d: Date) => String.valueOf(d))
    types(spark).select(col("id"), nextDay(col("dt")), render(col("dt")))
  }

  @Test def timestampUdf(): Unit = checkSame("udf(Timestamp => Long) and udf(Timestamp => Timestamp)") { spark =>
    val millis = udf((t: Timestamp) => if (t == null) -1L else t.getTime)
    val later = udf((t: Timestamp) => if (t == null) null else new Timestamp(t.getTime + 3600000L))
    types(spark).select(col("id"), millis(col("ts")), later(col("ts")))
  }

  @Test def localDateUdf(): Unit = checkSame("udf(LocalDate => Int)") { spark =>
    val dayOfYear = udf((d: java.time.LocalDate) => if (d == null) 0 else d.getDayOfYear)
    types(spark).select(col("id"), dayOfYear(col("dt")))
  }

  @Test def booleanUdf(): Unit = checkSame("udf(Boolean => Boolean) over nulls") { spark =>
    val not = udf((b: Boolean) => !b)
    types(spark).select(col("id"), not(col("b")))
  }

  @Test def floatByteShortUdfs(): Unit = checkSame("Float, Byte and Short parameters and results") { spark =>
    val half = udf((x: Float) => x / 2)
    val incByte = udf((x: Byte) => (x + 1).toByte)
    val incShort = udf((x: Short) => (x + 1).toShort)
    types(spark).select(col("id"), half(col("f")), incByte(col("by")), incShort(col("sh")))
  }

  @Test def binaryUdf(): Unit = checkSame("udf(String => Array[Byte]) and udf(Array[Byte] => Int)") { spark =>
    val bytes = udf((s: String) => if (s == null) null else s.getBytes("UTF-8"))
    val size = udf((b: Array[Byte]) => if (b == null) -1 else b.length)
    types(spark).select(col("id"), bytes(col("s")), size(bytes(col("s"))))
  }

  @Test def optionResult(): Unit = checkSame("udf(Int => Option[Int])") { spark =>
    val positive = udf((x: Int) => if (x > 0) Some(x) else None)
    types(spark).select(col("id"), positive(col("i")))
  }

  @Test def optionArgument(): Unit = checkSame("udf(Option[Int] => Int)") { spark =>
    val orZero = udf((x: Option[Int]) => x.getOrElse(0))
    types(spark).select(col("id"), orZero(col("i")))
  }

  @Test def stringResultOfNumbers(): Unit = checkSame("three arguments of different types") { spark =>
    val fmt = udf((i: Int, d: Double, s: String) => s"$i|$d|$s")
    types(spark).select(col("id"), fmt(col("id"), col("d"), col("s")))
  }

  @Test def tenArguments(): Unit = checkSame("a UDF of 10 arguments") { spark =>
    val sum10 = udf((a: Int, b: Int, c: Int, d: Int, e: Int, f: Int, g: Int, h: Int, i: Int, j: Int) =>
      a + b + c + d + e + f + g + h + i + j)
    val x = col("id").cast("int")
    spark.range(5).select(sum10(x, x, x, x, x, x, x, x, x, lit(1)))
  }

  @Test def emptyInput(): Unit = checkSame("a UDF over no rows") { spark =>
    spark.range(0).select(plusOneLong(col("id")))
  }

  @Test def withColumnUdf(): Unit = checkSame("withColumn with a UDF") { spark =>
    types(spark).withColumn("next", plusOne(col("i"))).select(col("id"), col("next"))
  }

  @Test def udfInJoinCondition(): Unit = checkSame("a UDF in a join condition") { spark =>
    val a = spark.range(10).toDF("a")
    val b = spark.range(20).toDF("b")
    a.join(b, plusOneLong(col("a")) === col("b"))
  }

  @Test def udfInCaseWhen(): Unit = checkSame("a UDF in when/otherwise") { spark =>
    types(spark).select(col("id"), when(col("i") > 0, plusOne(col("i"))).otherwise(lit(0)))
  }

  @Test def sameUdfTwice(): Unit = checkSame("the same UDF twice in one projection") { spark =>
    types(spark).select(col("id"), plusOne(col("i")).as("a"), plusOne(col("i")).as("b"))
  }

  @Test def schemaOfUdf(): Unit = checkSameResult("the schema of a projection with UDFs") { spark =>
    types(spark).select(plusOne(col("i")), shout(col("s")), twice(col("d")), plusOne(col("id"))).schema
  }
}
