package org.apache.spark.sql.duckdb.tests

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{DataFrame, SparkSession}
import org.apache.spark.sql.expressions.Window
import org.apache.spark.sql.functions._

/** Projections: arithmetic, comparisons, boolean logic, nulls, casts, and Spark's generated column names. */
class ExpressionsSuite extends DifferentialSuite {
  private def types(spark: SparkSession): DataFrame = spark.read.parquet(SharedTestData.typesPath)

  private def numbers(spark: SparkSession): DataFrame = {
    import spark.implicits._
    Seq[(Integer, java.lang.Long, java.lang.Double, Integer)](
      (7, 7L, 7.5, 2), (-7, -7L, -7.5, 3), (0, 0L, 0.0, 5), (null, null, null, 1), (100, 100L, 0.1, null))
      .toDF("i", "l", "d", "j")
  }

  @Test def intArithmetic(): Unit = checkSame("int + - * / % int") { spark =>
    numbers(spark).select(col("i") + col("j"), col("i") - col("j"), col("i") * col("j"), col("i") / col("j"),
      col("i") % col("j"))
  }

  @Test def intDivisionIsDouble(): Unit = checkSame("int / int is double") { spark =>
    spark.range(1, 8).select((col("id").cast("int") / lit(2)).as("half"), (lit(7) / lit(2)).as("lit_half"))
  }

  @Test def longArithmetic(): Unit = checkSame("long arithmetic with int literal") { spark =>
    numbers(spark).select(col("l") + 1, col("l") * 3000000000L, col("l") - col("i"), col("l") % 4, -col("l"))
  }

  @Test def doubleArithmetic(): Unit = checkSame("double arithmetic incl. NaN, -0.0, infinities") { spark =>
    types(spark).select(col("id"), col("d") + 1, col("d") * 2.5, col("d") - col("d"), col("d") / 4, col("d") % 2)
  }

  @Test def mixedIntDouble(): Unit = checkSame("int op double widens to double") { spark =>
    numbers(spark).select(col("i") + col("d"), col("i") * col("d"), col("j") - col("d"))
  }

  @Test def decimalArithmetic(): Unit = checkSame("decimal(12,2) + - * with decimal, int and long") { spark =>
    types(spark).select(col("id"), col("dec") + col("dec"), col("dec") - col("i"), col("dec") * col("dec"),
      col("dec") + col("l"), col("dec") * 2)
  }

  // Decimal products are computed on 64 bits when they fit and on 128 bits otherwise: rows of both kinds, nulls,
  // negative values, operands wider than 18 digits, nested products and literals that fit or not.
  private def wideDecimals(spark: SparkSession): DataFrame = {
    import spark.implicits._
    Seq[(String, String, String)](("1.25", "3.50", "7.125"),
      ("9999999999999.99", "99999999999999.99", "123456789012345678901234567.891"),
      ("-9999999999999.99", "12345.67", "-1.000"), (null, "1.00", null), ("0.01", null, "0.001"),
      ("-0.00", "-99999999999999.99", "-999999999999999999999999999.999"))
      .toDF("a", "b", "c")
      .select(col("a").cast("decimal(15,2)").as("a"), col("b").cast("decimal(16,2)").as("b"),
        col("c").cast("decimal(30,3)").as("c"))
  }

  @Test def decimalProductsNarrowAndWide(): Unit = checkSame("decimal * decimal beyond 18 digits, nested, nulls") {
    spark =>
      wideDecimals(spark).select(col("a") * col("b"), col("a") * (lit(1) - col("b")), col("a") * col("b") * lit(new java.math.BigDecimal("0.5")),
        -col("a") * col("a"), col("c") * lit(new java.math.BigDecimal("0.5")), col("c") * 2, (col("a") + col("b")) * (col("b") - col("a")))
  }

  @Test def decimalProductSums(): Unit = checkSame("sum of decimal products beyond 18 digits") { spark =>
    wideDecimals(spark).agg(sum(col("a") * col("b")), sum(col("a") * (lit(1) - col("b")) * 2),
      avg(col("a") * col("b")))
  }

  // A sum of products adds the 64-bit products and the 128-bit ones apart: groups with only narrow rows, only
  // wide rows, both, only nulls, and no rows; nested chains; a product whose Spark scale is reduced (not split).
  @Test def decimalProductSumsByGroup(): Unit = checkSame("sum of decimal products per group, narrow and wide rows") {
    spark =>
      val g = when(col("a").isNull || col("b").isNull, "nulls").when(abs(col("a")) > 1000, "wide").otherwise("narrow")
      wideDecimals(spark).union(wideDecimals(spark).limit(2)).groupBy(g.as("g"))
        .agg(sum(col("a") * col("b")), sum(col("a") * (lit(1) - col("b")) * lit(new java.math.BigDecimal("2.50"))),
          sum(col("a") * col("b") * lit(new java.math.BigDecimal("0.001"))), count(lit(1)))
        .orderBy("g")
  }

  @Test def decimalProductSumEmpty(): Unit = checkSame("sum of decimal products over no rows and over nulls") { spark =>
    val d = wideDecimals(spark)
    d.where(col("a") > 1e20).agg(sum(col("a") * col("b"))).crossJoin(
      d.where(col("a").isNull).agg(sum(col("a") * col("b")).as("nulls")))
  }

  @Test def decimalProductSumReducedScale(): Unit = checkSame("sum of a decimal(38,9) product (Spark rounds to scale 6)") {
    spark =>
      wideDecimals(spark).where(col("c").isNull || abs(col("c")) < 1000000).select(col("c").cast("decimal(38,9)").as("d"))
        .agg(sum(col("d") * col("d")), sum(col("d") * lit(new java.math.BigDecimal("1.5"))))
  }

  @Test def decimalProductWindowSum(): Unit = checkSame("sum of decimal products over a window") { spark =>
    wideDecimals(spark).select(col("a"), col("b"),
      sum(col("a") * col("b")).over(Window.orderBy(col("a").asc_nulls_first, col("b").asc_nulls_first)).as("running"))
      .orderBy(col("a").asc_nulls_first, col("b").asc_nulls_first)
  }

  @Test def decimalProductOverflow(): Unit = checkSameError("a decimal product beyond 38 digits") { spark =>
    wideDecimals(spark).select(col("a") * col("b") * col("b"))
  }

  @Test def integralLiteralsAsDecimals(): Unit = checkSame("int and long literals coerced to decimals") { spark =>
    wideDecimals(spark).select(col("a") + 1, col("a") - 123456789012L, col("b") * 99, lit(0) - col("a"),
      col("c") + 2147483647)
  }

  @Test def decimalDivisionAndModulo(): Unit = checkSame("decimal / and % keep Spark's precision") { spark =>
    types(spark).where(col("dec") =!= 0).select(col("id"), lit(1) / col("dec"), col("dec") / col("dec"),
      col("dec") % 3, col("dec") / 7)
  }

  @Test def decimalWithDouble(): Unit = checkSame("decimal op double is double") { spark =>
    types(spark).select(col("id"), col("dec") + col("d"), col("dec") * 1.5)
  }

  @Test def comparisons(): Unit = checkSame("= != < <= > >= on ints, doubles with NaN, strings") { spark =>
    types(spark).select(col("id"), col("i") === 3, col("i") =!= 3, col("i") < col("l"), col("d") <= 0,
      col("d") > 1.0, col("d") >= col("d"), col("s") < "b", col("s") === "alpha")
  }

  @Test def threeValuedLogic(): Unit = checkSame("AND OR NOT with nulls") { spark =>
    import spark.implicits._
    val values = Seq[java.lang.Boolean](true, false, null)
    values.flatMap(a => values.map(b => (a, b))).toDF("a", "b")
      .select(col("a"), col("b"), col("a") && col("b"), col("a") || col("b"), !col("a"))
  }

  @Test def nullPredicates(): Unit = checkSame("isNull isNotNull <=> isin between") { spark =>
    types(spark).select(col("id"), col("i").isNull, col("s").isNotNull, col("i") <=> col("by"), col("i") <=> 3,
      col("i").isin(3, 42, 7), col("d").between(-1, 2))
  }

  @Test def nullPropagation(): Unit = checkSame("arithmetic and comparison with null literals") { spark =>
    numbers(spark).select(col("i") + lit(null).cast("int"), col("i") === lit(null), lit(null) <=> lit(null),
      coalesce(col("i"), col("j"), lit(-1)))
  }

  @Test def castsFromInt(): Unit = checkSame("cast int to long, double, string, boolean, decimal, short") { spark =>
    types(spark).select(col("id"), col("i").cast("long"), col("i").cast("double"), col("i").cast("string"),
      col("i").cast("boolean"), col("i").cast("decimal(20,3)"), col("by").cast("short"))
  }

  @Test def castsFromDouble(): Unit = checkSame("cast double to string, float, decimal") { spark =>
    spark.createDataFrame(java.util.Arrays.asList(
      Seq(1.5, -4.7, 1e10, 1.23456789e-5, 1e21, 0.1, 100.0, 1e7, -0.0).map(org.apache.spark.sql.Row(_)): _*),
      org.apache.spark.sql.types.StructType.fromDDL("d double"))
      .select(col("d"), col("d").cast("string"), col("d").cast("float"), col("d").cast("decimal(30,4)"))
  }

  @Test def castDoubleToIntTruncates(): Unit = checkSame("cast double to int truncates") { spark =>
    numbers(spark).select(col("d"), col("d").cast("int"), col("d").cast("long"))
  }

  @Test def castsFromString(): Unit = checkSame("cast valid strings to int, double, date, boolean, decimal") { spark =>
    import spark.implicits._
    Seq(("42", " 7 ", "1.5", "2024-02-29", "true", "12.345"), ("-3", "+8", "NaN", "2000-01-01", "FALSE", "0.005"))
      .toDF("a", "b", "c", "d", "e", "f")
      .select(col("a").cast("int"), col("b").cast("int"), col("c").cast("double"), col("d").cast("date"),
        col("e").cast("boolean"), col("f").cast("decimal(5,2)"))
  }

  @Test def castsToString(): Unit = checkSame("cast date, timestamp, boolean, decimal, long to string") { spark =>
    types(spark).select(col("id"), col("dt").cast("string"), col("ts").cast("string"), col("b").cast("string"),
      col("dec").cast("string"), col("l").cast("string"), col("f").cast("string"))
  }

  @Test def castTimestampToDateAndLong(): Unit = checkSame("cast timestamp to date and long in session zone") { spark =>
    types(spark).select(col("id"), col("ts").cast("date"), col("ts").cast("long"), col("dt").cast("timestamp"))
  }

  @Test def generatedColumnNames(): Unit = checkSame("generated names of expressions") { spark =>
    numbers(spark).select(col("i") + 1, lit(1) + col("i"), col("i").cast("long"), (col("i") + 1).cast("long"),
      -col("i"), !(col("i") === 1), col("i").isNull, lit("text"), lit(2.5), lit(null), col("i").isin(1, 2),
      col("d").between(0, 1), coalesce(col("i"), lit(0)))
  }

  @Test def generatedColumnNamesOnParquet(): Unit = checkSame("generated names over Parquet columns") { spark =>
    types(spark).select(col("sh") + 1, col("l").cast("bigint"), (col("by").cast("int") + col("sh")).cast("bigint"),
      col("d") / 4, col("dec") * col("by"), col("s") === "alpha", col("b") && col("b"), col("dt").isNull,
      lit(1), lit("x"), lit(true), col("l") % 3, -col("d"))
  }

  @Test def aliases(): Unit = checkSame("alias, as, name") { spark =>
    numbers(spark).select(col("i").as("x"), (col("i") * 2).alias("twice"), col("d").name("dd"), col("j").as("J J"))
  }

  @Test def selectExprStrings(): Unit = checkSame("select by name and with star") { spark =>
    numbers(spark).select(col("*"), col("i").as("i2")).select("i2", "d", "l")
  }

  @Test def hostileStringLiterals(): Unit = checkSame("string literals with quotes and unicode") { spark =>
    spark.range(1).select(lit("it's"), lit("a\"b"), lit("x'; DROP TABLE t; --"), lit("back\\slash"), lit("漢字😀"),
      lit("\n\t"), lit(""))
  }
}
