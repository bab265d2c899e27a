package org.apache.spark.sql.duckdb.tests.sql

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{DataFrame, SparkSession}
import org.apache.spark.sql.functions._

/**
 * Expression strings (`selectExpr`, `expr`, `filter(String)`, `where(String)`): Spark SQL operators, literals,
 * predicates, CASE, CAST, function calls and windows, parsed in the JVM into the DataFrame API's form. Output
 * names must be Spark's (an unaliased expression is named as Spark names it).
 */
class SqlExpressionSuite extends SqlSuiteBase {
  private def onNums(name: String)(exprs: String*): Unit =
    checkSame(name)(spark => nums(spark).selectExpr(exprs: _*))
  private def onPeople(name: String)(exprs: String*): Unit =
    checkSame(name)(spark => people(spark).selectExpr(exprs: _*))
  private def constant(name: String)(exprs: String*): Unit =
    checkSame(name)(spark => spark.range(1).selectExpr(exprs: _*))

  // ---- arithmetic and operators ----

  @Test def plusMinusTimes(): Unit = onNums("+ - * on ints and longs")("i + 1", "l - i", "i * 2", "k", "i + l")
  @Test def divide(): Unit = onNums("/ is a double division")("k / 2", "d / 2", "i / 4")
  @Test def modulo(): Unit = onNums("% with negatives")("i % 3", "l % 4", "k % 2")
  @Test def unaryMinusPlus(): Unit = onNums("unary - and +")("-i", "- i", "+l", "-(k + 1)")
  @Test def concatPipes(): Unit = onPeople("|| concatenates strings")("name || '-' || dept", "dept || id")
  @Test def comparisonOperators(): Unit =
    onNums("= == <> != < <= > >=")("i = 7", "i == 7", "i <> 7", "i != 7", "i < 3", "i <= 3", "i > 3", "i >= 3")
  @Test def nullSafeEquality(): Unit = onNums("<=> with nulls")("i <=> 7", "i <=> null", "null <=> null")
  @Test def logicalOperators(): Unit =
    onNums("AND OR NOT ! with nulls")("i > 0 AND k > 1", "i > 0 OR k > 1", "NOT (i > 0)", "!(k = 1)", "i > 0 and null")
  @Test def operatorPrecedence(): Unit = onNums("precedence of * over +, AND over OR")(
    "k + i * 2", "(k + i) * 2", "k = 1 OR k = 2 AND i > 0", "k - 1 - 1")
  @Test def arithmeticOnDoubles(): Unit = onNums("doubles: NaN, -0.0")("d * 2", "d + 1", "-d")
  @Test def mixedTypeArithmetic(): Unit = onNums("int + double, long * decimal")("i + d", "l * 1.5", "k + 2.25")

  // ---- literals ----

  @Test def integerLiterals(): Unit = constant("integer literals: int, long beyond int, decimal beyond long")(
    "1", "-1", "2147483648", "-2147483649", "9223372036854775808")
  @Test def typedIntegerLiterals(): Unit = constant("1L, 1S, 1Y")("1L", "-3L", "7S", "2Y", "-128Y")
  @Test def decimalLiterals(): Unit = constant("1.5, .5, 1.50BD")("1.5", ".5", "1.50BD", "-0.001", "123.456BD")
  @Test def doubleLiterals(): Unit = constant("1D, 1.5D, 1e3, 2E-2")("1D", "1.5D", "1e3", "2E-2", "1.5F")
  @Test def stringLiterals(): Unit = constant("single, double quotes, escapes, adjacent")(
    "'abc'", "\"dq\"", "'it''s'", "'a\\tb'", "'con' 'cat'", "'漢字 😀'")
  @Test def booleanAndNullLiterals(): Unit = constant("TRUE FALSE NULL")("true", "FALSE", "null", "NULL IS NULL")
  @Test def dateLiteral(): Unit = constant("DATE literal")("DATE '2024-02-29'", "date '1969-12-31'")
  @Test def timestampLiteral(): Unit = constant("TIMESTAMP literal in the session time zone")(
    "TIMESTAMP '2024-03-10 02:30:00' AS t1", "timestamp '2024-01-15 10:11:12.123456' AS t2",
    "TIMESTAMP '2024-11-03 01:30:00' AS t3")
  @Test def timestampNtzLiteral(): Unit = constant("TIMESTAMP_NTZ literal")("TIMESTAMP_NTZ '2024-03-10 02:30:00' AS t")
  @Test def binaryLiteral(): Unit = constant("X'..' binary literal")("X'0aFF' AS b1", "x'' AS b2", "X'ABC' AS b3")
  @Test def literalArithmetic(): Unit = constant("literal arithmetic keeps Spark's types")(
    "1 + 1L", "1Y + 1Y", "10 / 4", "2.5")
  @Test def integerOverflowError(): Unit = checkSameError("int overflow in an expression string fails under ANSI") {
    spark => spark.range(1).selectExpr("2147483647 + id::int + 1")
  }
  @Test def castNaNToIntError(): Unit = checkSameError("CAST(NaN AS int) fails under ANSI") { spark =>
    nums(spark).selectExpr("CAST(d AS int)")
  }

  // ---- predicates ----

  @Test def isNull(): Unit = onPeople("IS [NOT] NULL")("age IS NULL", "dept IS NOT NULL", "name is null")
  @Test def isTrueFalse(): Unit = onPeople("IS [NOT] TRUE/FALSE/UNKNOWN")(
    "age > 30 IS TRUE", "age > 30 IS NOT TRUE", "age > 30 IS FALSE", "age > 30 IS NOT FALSE",
    "age > 30 IS UNKNOWN", "age > 30 IS NOT UNKNOWN")
  @Test def isDistinctFrom(): Unit = onPeople("IS [NOT] DISTINCT FROM")(
    "age IS DISTINCT FROM 28", "age IS NOT DISTINCT FROM 28", "dept IS DISTINCT FROM null")
  @Test def inList(): Unit = onPeople("IN / NOT IN lists with nulls")(
    "age IN (28, 34)", "age NOT IN (28, 34)", "dept IN ('eng', null)", "id in (1)")
  @Test def between(): Unit = onPeople("BETWEEN / NOT BETWEEN")("age BETWEEN 28 AND 40", "age NOT BETWEEN 28 AND 40")
  @Test def like(): Unit = onPeople("LIKE / NOT LIKE")("name LIKE 'B%'", "name NOT LIKE '%o%'", "name like '_ob'")
  @Test def likeEscape(): Unit = checkSame("LIKE ... ESCAPE '\\'") { spark =>
    import spark.implicits._
    Seq("100%", "100x", "a_b", "ab").toDF("s").selectExpr("s LIKE '100\\\\%' ESCAPE '\\\\'", "s LIKE 'a\\\\_b'")
  }
  @Test def likeOtherEscape(): Unit =
    checkUnsupported("LIKE with another escape character", "like with an escape character") { spark =>
      import spark.implicits._
      Seq("100%", "100x").toDF("s").selectExpr("s LIKE '100!%' ESCAPE '!'")
    }
  @Test def ilike(): Unit = onPeople("ILIKE")("name ILIKE 'b%'", "name NOT ILIKE '%O%'")
  @Test def rlike(): Unit = onPeople("RLIKE / REGEXP")("name RLIKE '^[AB]'", "name NOT RLIKE 'o'")

  // ---- CASE, CAST, functions ----

  @Test def searchedCase(): Unit = onPeople("CASE WHEN ... ELSE ... END")(
    "CASE WHEN age < 30 THEN 'young' WHEN age < 50 THEN 'mid' ELSE 'old' END",
    "CASE WHEN age > 40 THEN salary END")
  @Test def simpleCase(): Unit = onPeople("CASE x WHEN v THEN ... END")(
    "CASE dept WHEN 'eng' THEN 1 WHEN 'ops' THEN 2 ELSE 0 END", "case id when 1 then 'one' end")
  @Test def castFunction(): Unit = onNums("CAST(x AS type)")(
    "CAST(i AS bigint)", "CAST(k AS string)", "CAST(k AS int)", "CAST(i AS decimal(12, 2))", "CAST(k AS double)")
  @Test def castVarcharIsString(): Unit = onNums("CAST AS VARCHAR(n) / CHAR(n) is a cast to string")(
    "CAST(k AS varchar(3))", "CAST(k AS char(2))")
  @Test def castColons(): Unit = onNums(":: casts")("k::string", "i::bigint", "i::double")
  @Test def tryCast(): Unit = onNums("TRY_CAST")("TRY_CAST(s AS int)", "try_cast(s AS double)")
  @Test def castStringToNumbersAnsiError(): Unit = checkSameError("CAST of a bad string fails under ANSI") { spark =>
    nums(spark).selectExpr("CAST(s AS int)")
  }
  @Test def functionCalls(): Unit = onPeople("function calls, case-insensitive names")(
    "upper(name)", "LOWER(dept)", "coalesce(age, 0)", "length(name)", "abs(-id)", "Concat(name, dept)")
  @Test def nestedFunctions(): Unit = onPeople("nested calls")("upper(substring(name, 1, 2))", "round(salary / 3, 2)")
  @Test def substringFromFor(): Unit = onPeople("SUBSTRING(s FROM p FOR n)")(
    "substring(name FROM 2 FOR 3)", "substr(name FROM 2)", "substring(name, 2)")
  @Test def trimForms(): Unit = checkSame("TRIM(BOTH/LEADING/TRAILING x FROM s)") { spark =>
    import spark.implicits._
    Seq("xxabcxx", "  pad  ", "x").toDF("s").selectExpr("trim(s)", "trim(BOTH 'x' FROM s)",
      "trim(LEADING 'x' FROM s)", "trim(TRAILING 'x' FROM s)", "trim(BOTH FROM s)")
  }
  @Test def positionIn(): Unit = onPeople("POSITION(a IN b)")("position('o' IN name)", "position('b' in 'abc')")
  @Test def extractField(): Unit = checkSame("EXTRACT(field FROM d)") { spark =>
    spark.read.parquet(org.apache.spark.sql.duckdb.tests.SharedTestData.typesPath)
      .selectExpr("extract(YEAR FROM dt)", "EXTRACT(month FROM dt)", "extract(day from dt)")
  }
  @Test def currentDate(): Unit = checkSame("CURRENT_DATE without parentheses") { spark =>
    spark.range(1).selectExpr("current_date() = current_date", "current_date IS NOT NULL")
  }
  @Test def structConstructor(): Unit = onPeople("struct(a, b AS c) and (a, b) row constructors")(
    "struct(id, name AS n)", "(id, name)")
  @Test def firstIgnoreNulls(): Unit = checkSame("first/last(x IGNORE NULLS) over windows") { spark =>
    people(spark).selectExpr("id", "first_value(age) IGNORE NULLS OVER (ORDER BY id) AS f",
      "last_value(dept) IGNORE NULLS OVER (ORDER BY id) AS l")
  }
  @Test def countStar(): Unit = onPeople("count(*), count(1), count(col), count(DISTINCT col)")(
    "count(*)", "count(1)", "count(age)", "count(DISTINCT age)")
  @Test def aggregatesInSelectExpr(): Unit = onPeople("aggregates in selectExpr: a global aggregation")(
    "sum(age)", "avg(salary)", "max(name)", "min(age)", "sum(DISTINCT age)")
  @Test def windowOverPartitionOrder(): Unit = onPeople("window functions with OVER(...)")(
    "id", "row_number() OVER (PARTITION BY dept ORDER BY id)", "rank() OVER (ORDER BY age DESC NULLS LAST)",
    "sum(salary) OVER (PARTITION BY dept)")
  @Test def windowFrames(): Unit = onPeople("ROWS / RANGE frames")(
    "id", "sum(id) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS around",
    "sum(id) OVER (ORDER BY id ROWS UNBOUNDED PRECEDING)",
    "count(id) OVER (ORDER BY id RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)")
  @Test def windowLagLead(): Unit = onPeople("lag/lead with offsets and defaults")(
    "id", "lag(age, 1) OVER (ORDER BY id)", "lead(name, 2, 'none') OVER (ORDER BY id)")
  @Test def aliasesInSelectExpr(): Unit = onPeople("aliases: AS name, bare name, back-quoted")(
    "id AS ident", "age years", "name AS `the name`", "salary * 2 AS `double pay`")
  @Test def backquotedColumns(): Unit = checkSame("back-quoted column names with spaces and dots") { spark =>
    people(spark).toDF("the id", "a.b", "age", "dept", "salary").selectExpr("`the id` + 1", "`a.b`", "`age`")
  }
  @Test def starSelect(): Unit = onPeople("* and qualified *")("*")
  @Test def starWithExpressions(): Unit = checkSame("selectExpr('*', expression)") { spark =>
    people(spark).as("p").selectExpr("p.*", "age + 1")
  }
  @Test def structFieldAccess(): Unit = checkSame("struct field access a.b") { spark =>
    people(spark).selectExpr("struct(id, name) AS s").selectExpr("s.id", "s.name", "s")
  }
  @Test def qualifiedColumns(): Unit = checkSame("qualified column names t.col") { spark =>
    people(spark).as("t").selectExpr("t.id", "t.name")
  }
  @Test def caseInsensitiveColumns(): Unit = onPeople("column names are case-insensitive")("ID", "Name", "aGe + 1")
  @Test def commentsInExpression(): Unit = onPeople("comments inside an expression string")(
    "id /* a comment */ + 1", "age -- trailing comment\n + 2")

  // ---- filter(String), where(String), expr() ----

  @Test def filterString(): Unit = checkSame("filter(String)") { spark => people(spark).filter("age > 30") }
  @Test def whereString(): Unit = checkSame("where(String) with AND/OR") { spark =>
    people(spark).where("dept = 'eng' OR age IS NULL")
  }
  @Test def filterStringWithLike(): Unit = checkSame("filter(String) with LIKE and IN") { spark =>
    people(spark).filter("name LIKE '%o%' AND dept IN ('eng', 'ops')")
  }
  @Test def exprInSelect(): Unit = checkSame("functions.expr in select, mixed with Columns") { spark =>
    people(spark).select(col("id"), expr("age * 2").as("twice"), expr("upper(name)"))
  }
  @Test def exprInWithColumn(): Unit = checkSame("expr in withColumn") { spark =>
    people(spark).withColumn("older", expr("age + 10")).withColumn("flag", expr("age > 30 AND dept = 'eng'"))
  }
  @Test def exprInGroupByAgg(): Unit = checkSame("expr in groupBy().agg()") { spark =>
    people(spark).groupBy(expr("dept")).agg(expr("sum(salary)"), expr("count(*) AS n"))
  }
  @Test def exprInSort(): Unit = checkSame("expr in orderBy") { spark =>
    people(spark).orderBy(expr("age % 10").desc_nulls_first, expr("id"))
  }
  @Test def aggMap(): Unit = checkSame("agg(Map(col -> fn))") { spark =>
    people(spark).groupBy("dept").agg(Map("salary" -> "max", "age" -> "avg", "*" -> "count"))
  }
  @Test def exprOnTypes(): Unit = checkSame("expression strings over every common type") { spark =>
    spark.read.parquet(org.apache.spark.sql.duckdb.tests.SharedTestData.typesPath)
      .selectExpr("id", "i + 1L", "by + 1", "sh * 2", "dec * 2", "upper(s)", "NOT b", "dt", "f + d")
  }
  @Test def dateArithmeticInExpr(): Unit = checkSame("date functions in expressions") { spark =>
    spark.read.parquet(org.apache.spark.sql.duckdb.tests.SharedTestData.typesPath)
      .selectExpr("date_add(dt, 1)", "datediff(dt, DATE '2000-01-01')", "dt > DATE '2000-01-01'")
  }
  @Test def parametersNotInExpr(): Unit = checkSameError("an unknown column in an expression string") { spark =>
    people(spark).selectExpr("nosuch + 1")
  }
  @Test def unknownFunctionInExpr(): Unit = checkSameError("an unknown function in an expression string") { spark =>
    people(spark).selectExpr("no_such_function(id)")
  }
  @Test def whereOnTypes(): Unit = checkSame("where(String) over every common type") { spark =>
    spark.read.parquet(org.apache.spark.sql.duckdb.tests.SharedTestData.typesPath)
      .where("i > 1 AND s IS NOT NULL").select("id", "i", "s")
  }
  @Test def selectExprCastAlias(): Unit = checkSame("selectExpr with arithmetic, cast and alias") { spark =>
    spark.read.parquet(org.apache.spark.sql.duckdb.tests.SharedTestData.typesPath)
      .selectExpr("id", "sh + 1", "CAST(by AS BIGINT)", "dec * 2 AS twice", "s")
  }

  @Test def dateArithmeticWithDays(): Unit = checkSql("date + int, int + date, date - int are date_add / date_sub",
    "SELECT id, dt + 5, 30 + dt, dt - 1, dt + by, dt - sh, dt - CAST(-2 AS SMALLINT) FROM types")

  @Test def dateArithmeticDataFrame(): Unit = checkSame("Column date + int and date - int") { spark =>
    spark.read.parquet(org.apache.spark.sql.duckdb.tests.SharedTestData.typesPath)
      .select(col("id"), col("dt") + 7, col("dt") - col("sh"), lit(3) + col("dt"), col("dt") + col("by"))
  }
}
