package org.apache.spark.sql.duckdb.tests.sql

import scala.jdk.CollectionConverters._

import org.apache.spark.sql.{DataFrame, Row, SparkSession}
import org.apache.spark.sql.catalyst.parser.ParseException
import org.apache.spark.sql.duckdb.tests.{DifferentialSuite, SharedTestData}
import org.apache.spark.sql.types.StructType

/**
 * Shared inputs of the SQL suites, registered as temporary views on each session inside the test body:
 * `people` (duplicates, nulls, unicode), `depts`, `nums` (numeric edge cases), `types` (every common type),
 * `orders` and `lineitem` (TPC-H-like).
 */
abstract class SqlSuiteBase extends DifferentialSuite {
  private def table(spark: SparkSession, ddl: String, rows: Row*): DataFrame =
    spark.createDataFrame(rows.asJava, StructType.fromDDL(ddl))

  def people(spark: SparkSession): DataFrame = table(spark, "id int, name string, age int, dept string, salary double",
    Row(1, "Alice", 34, "eng", 120.5), Row(2, "Bob", 28, "eng", 99.0), Row(3, "Carol", null, "ops", 80.0),
    Row(4, "Dan", 45, null, null), Row(5, "Élodie 漢", 28, "ops", 80.0), Row(6, "Bob", 51, "sales", 70.25),
    Row(7, null, 19, "eng", 65.0))

  def depts(spark: SparkSession): DataFrame = table(spark, "dept string, floor int, head string",
    Row("eng", 3, "Alice"), Row("ops", 1, "Carol"), Row("hr", 2, null), Row(null, 9, "nobody"))

  def nums(spark: SparkSession): DataFrame = table(spark, "k int, i int, l bigint, d double, s string",
    Row(0, 7, 7L, 2.5, "7"), Row(1, -7, -7L, -2.5, "-7"), Row(2, 0, 0L, 0.0, "x"), Row(3, null, null, null, null),
    Row(4, 1000000, 4000000000L, Double.NaN, "2147483647"), Row(5, 3, 3L, -0.0, " 3 "))

  /** Registers the shared views on `spark` and returns it. */
  def views(spark: SparkSession): SparkSession = {
    people(spark).createOrReplaceTempView("people")
    depts(spark).createOrReplaceTempView("depts")
    nums(spark).createOrReplaceTempView("nums")
    spark.read.parquet(SharedTestData.typesPath).createOrReplaceTempView("types")
    spark.read.parquet(SharedTestData.ordersPath).createOrReplaceTempView("orders")
    spark.read.parquet(SharedTestData.lineitemPath).createOrReplaceTempView("lineitem")
    spark
  }

  /** The same SQL query on both engines (schema and rows; ordered when Spark's plan ends in a sort). */
  def checkSql(name: String, text: String): Unit = checkSame(name)(spark => views(spark).sql(text))

  /** The same SQL error condition on both engines. */
  def checkSqlError(name: String, text: String): Unit = checkSameError(name)(spark => views(spark).sql(text))

  /** Both engines fail to parse with Spark's ParseException: same condition and same message (position, caret). */
  def checkParseError(name: String)(body: SparkSession => Any): Unit = {
    def run(spark: SparkSession): ParseException = {
      SparkSession.setActiveSession(spark)
      val failure = scala.util.Try(body(spark) match {
        case ds: org.apache.spark.sql.Dataset[_] => ds.collect()
        case other => other
      }).failed.toOption
      failure.flatMap(e => causeChain(e).collectFirst { case p: ParseException => p }).getOrElse(
        throw new AssertionError(s"[$name] ${spark.getClass.getName} did not fail with a ParseException: $failure"))
    }
    val expected = run(classic)
    val actual = run(candidate)
    if (expected.getCondition != actual.getCondition || expected.getMessage != actual.getMessage) {
      throw new AssertionError(s"[$name] parse errors differ\nSpark classic: [${expected.getCondition}] " +
        s"${expected.getMessage}\ncandidate:     [${actual.getCondition}] ${actual.getMessage}")
    }
  }
}
