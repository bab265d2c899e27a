package org.apache.spark.sql.duckdb.tests.udf

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{DataFrame, SparkSession}
import org.apache.spark.sql.api.java.{UDF0, UDF1, UDF2, UDF3}
import org.apache.spark.sql.duckdb.tests.{DifferentialSuite, SharedTestData}
import org.apache.spark.sql.functions._
import org.apache.spark.sql.types._

/** `spark.udf.register` (Scala functions, UserDefinedFunctions, Java UDF1..UDF22) called by name. */
class RegisteredUdfSuite extends DifferentialSuite {
  private def types(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.typesPath)

  private def register(spark: SparkSession): Unit = {
    spark.udf.register("sd_inc", (x: Int) => x + 1)
    spark.udf.register("sd_concat", (a: String, b: String) => s"$a+$b")
    spark.udf.register("sd_twice", udf((x: Double) => x * 2))
    spark.udf.register("sd_java_len", new UDF1[String, Integer] {
      def call(s: String): Integer = if (s == null) null else s.length
    }, IntegerType)
    spark.udf.register("sd_java_add", new UDF2[Integer, Integer, Integer] {
      def call(a: Integer, b: Integer): Integer = if (a == null || b == null) null else a + b
    }, IntegerType)
    spark.udf.register("sd_java_mix", new UDF3[String, java.lang.Double, java.math.BigDecimal, String] {
      def call(s: String, d: java.lang.Double, dec: java.math.BigDecimal): String = s"$s/$d/$dec"
    }, StringType)
    spark.udf.register("sd_java_const", new UDF0[java.lang.Long] { def call(): java.lang.Long = 7L }, LongType)
    spark.udf.register("sd_java_date", new UDF1[java.sql.Date, String] {
      def call(d: java.sql.Date): String = String.valueOf(d)
    }, StringType)
  }

  @Test def scalaFunctionByName(): Unit = checkSame("spark.udf.register(name, f) via call_function") { spark =>
    register(spark)
    types(spark).select(col("id"), call_function("sd_inc", col("i")))
  }

  @Test def callUdfByName(): Unit = checkSame("callUDF of a registered Scala function") { spark =>
    register(spark)
    types(spark).select(col("id"), callUDF("sd_concat", col("s"), col("s")))
  }

  @Test def registeredUserDefinedFunction(): Unit = checkSame("a registered UserDefinedFunction") { spark =>
    register(spark)
    types(spark).select(col("id"), call_function("sd_twice", col("d")))
  }

  @Test def registrationReturnsUsableUdf(): Unit = checkSame("the UDF register returns is named after it") { spark =>
    val f = spark.udf.register("sd_neg", (x: Long) => -x)
    spark.range(3).select(f(col("id")))
  }

  @Test def namesAreCaseInsensitive(): Unit = checkSame("registered names are case-insensitive") { spark =>
    register(spark)
    types(spark).select(col("id"), call_function("SD_INC", col("i")))
  }

  @Test def javaUdf1(): Unit = checkSame("Java UDF1 with a declared return type") { spark =>
    register(spark)
    types(spark).select(col("id"), call_function("sd_java_len", col("s")))
  }

  @Test def javaUdf2(): Unit = checkSame("Java UDF2 gets nulls (boxed parameters)") { spark =>
    register(spark)
    types(spark).select(col("id"), call_function("sd_java_add", col("i"), col("id")))
  }

  @Test def javaUdf3MixedTypes(): Unit = checkSame("Java UDF3 over string, double and decimal") { spark =>
    register(spark)
    types(spark).select(col("id"), call_function("sd_java_mix", col("s"), col("d"), col("dec")))
  }

  @Test def javaUdf0(): Unit = checkSame("Java UDF0") { spark =>
    register(spark)
    spark.range(3).select(col("id"), call_function("sd_java_const"))
  }

  @Test def javaUdfDate(): Unit = checkSame("Java UDF1 over dates gets java.sql.Date") { spark =>
    register(spark)
    types(spark).select(col("id"), call_function("sd_java_date", col("dt")))
  }

  @Test def javaUdfViaFunctionsUdf(): Unit = checkSame("functions.udf(UDF1, DataType)") { spark =>
    val f = udf(new UDF1[java.lang.Long, String] { def call(x: java.lang.Long): String = s"<$x>" }, StringType)
    spark.range(4).select(col("id"), f(col("id")))
  }

  @Test def registeredUdfInFilterAndGroup(): Unit = checkSame("a registered UDF in filter and grouping") { spark =>
    register(spark)
    types(spark).where(call_function("sd_inc", col("i")) > 0)
      .groupBy(call_function("sd_java_len", col("s")).as("len")).agg(count(lit(1)).as("n"))
  }

  @Test def reRegistrationReplaces(): Unit = checkSame("registering a name again replaces the function") { spark =>
    spark.udf.register("sd_again", (x: Long) => x + 1)
    spark.udf.register("sd_again", (x: Long) => x + 100)
    spark.range(3).select(call_function("sd_again", col("id")))
  }

  @Test def unknownNameStillFails(): Unit = checkSameError("an unregistered name is UNRESOLVED_ROUTINE") { spark =>
    spark.range(3).select(call_function("sd_never_registered", col("id")))
  }

  @Test def builtinNameWins(): Unit = checkSame("call_function of a built-in name") { spark =>
    types(spark).select(col("id"), call_function("upper", col("s")))
  }
}
