package org.apache.spark.sql.duckdb.tests.tpch

import org.apache.spark.sql.{Column, DataFrame}
import org.apache.spark.sql.expressions.UserDefinedFunction
import org.apache.spark.sql.functions._

/**
 * TPC-H queries written as a widely used public Spark Scala TPC-H implementation writes them: the price arithmetic
 * in Scala UDFs over doubles (`udf { (x: Double, y: Double) => x * (1 - y) }`), plus the same queries with the same
 * double arithmetic as built-in expressions (the benchmark's baseline for UDF overhead). Plain Spark code: the
 * differential suite (udf/TpchUdfSuite) and the benchmark (sparkduckonly/UdfBenchmark) run it on both engines.
 */
object TpchUdfQueries {
  val decrease: UserDefinedFunction = udf { (x: Double, y: Double) => x * (1 - y) }
  val increase: UserDefinedFunction = udf { (x: Double, y: Double) => x * (1 + y) }

  /** The arithmetic of the queries, as UDFs or as built-in expressions over the same doubles. */
  final case class Arithmetic(decrease: (Column, Column) => Column, increase: (Column, Column) => Column)

  val udfs: Arithmetic = Arithmetic((x, y) => decrease(x, y), (x, y) => increase(x, y))
  val builtins: Arithmetic = Arithmetic(
    (x, y) => x.cast("double") * (lit(1.0) - y.cast("double")),
    (x, y) => x.cast("double") * (lit(1.0) + y.cast("double")))

  val numbers: Seq[Int] = Seq(1, 3, 5, 6, 10)

  def query(number: Int, t: TpchTables, a: Arithmetic): DataFrame = number match {
    case 1 => q1(t, a)
    case 3 => q3(t, a)
    case 5 => q5(t, a)
    case 6 => q6(t, a)
    case 10 => q10(t, a)
    case other => throw new IllegalArgumentException(s"no UDF variant of TPC-H Q$other")
  }

  /** Pricing summary report. */
  def q1(t: TpchTables, a: Arithmetic): DataFrame =
    t.lineitem
      .filter(col("l_shipdate") <= "1998-09-02")
      .groupBy(col("l_returnflag"), col("l_linestatus"))
      .agg(
        sum(col("l_quantity")),
        sum(col("l_extendedprice")),
        sum(a.decrease(col("l_extendedprice"), col("l_discount"))),
        sum(a.increase(a.decrease(col("l_extendedprice"), col("l_discount")), col("l_tax"))),
        avg(col("l_quantity")),
        avg(col("l_extendedprice")),
        avg(col("l_discount")),
        count(col("l_quantity")))
      .sort(col("l_returnflag"), col("l_linestatus"))

  /** Shipping priority. */
  def q3(t: TpchTables, a: Arithmetic): DataFrame = {
    val customers = t.customer.filter(col("c_mktsegment") === "BUILDING")
    val orders = t.orders.filter(col("o_orderdate") < "1995-03-15")
    val items = t.lineitem.filter(col("l_shipdate") > "1995-03-15")
    customers.join(orders, col("c_custkey") === col("o_custkey"))
      .select(col("o_orderkey"), col("o_orderdate"), col("o_shippriority"))
      .join(items, col("o_orderkey") === col("l_orderkey"))
      .select(col("l_orderkey"), a.decrease(col("l_extendedprice"), col("l_discount")).as("volume"),
        col("o_orderdate"), col("o_shippriority"))
      .groupBy(col("l_orderkey"), col("o_orderdate"), col("o_shippriority"))
      .agg(sum(col("volume")).as("revenue"))
      .sort(col("revenue").desc, col("o_orderdate"), col("l_orderkey"))
      .limit(10)
  }

  /** Local supplier volume. */
  def q5(t: TpchTables, a: Arithmetic): DataFrame = {
    val orders = t.orders.filter(col("o_orderdate") < "1995-01-01" && col("o_orderdate") >= "1994-01-01")
    t.region.filter(col("r_name") === "ASIA")
      .join(t.nation, col("r_regionkey") === col("n_regionkey"))
      .join(t.supplier, col("n_nationkey") === col("s_nationkey"))
      .join(t.lineitem, col("s_suppkey") === col("l_suppkey"))
      .select(col("n_name"), col("l_extendedprice"), col("l_discount"), col("l_orderkey"), col("s_nationkey"))
      .join(orders, col("l_orderkey") === col("o_orderkey"))
      .join(t.customer, col("o_custkey") === col("c_custkey") && col("s_nationkey") === col("c_nationkey"))
      .select(col("n_name"), a.decrease(col("l_extendedprice"), col("l_discount")).as("value"))
      .groupBy(col("n_name"))
      .agg(sum(col("value")).as("revenue"))
      .sort(col("revenue").desc, col("n_name"))
  }

  /** Forecasting revenue change (Spark's TPC-H writes this one without a UDF: a plain product). */
  def q6(t: TpchTables, a: Arithmetic): DataFrame =
    t.lineitem
      .filter(col("l_shipdate") >= "1994-01-01" && col("l_shipdate") < "1995-01-01" &&
        col("l_discount") >= 0.05 && col("l_discount") <= 0.07 && col("l_quantity") < 24)
      .agg(sum(a.decrease(col("l_extendedprice"), lit(0.0)) * col("l_discount").cast("double")))

  /** Returned item reporting. */
  def q10(t: TpchTables, a: Arithmetic): DataFrame = {
    val orders = t.orders.filter(col("o_orderdate") < "1994-01-01" && col("o_orderdate") >= "1993-10-01")
    val returned = t.lineitem.filter(col("l_returnflag") === "R")
    orders.join(t.customer, col("o_custkey") === col("c_custkey"))
      .join(t.nation, col("c_nationkey") === col("n_nationkey"))
      .join(returned, col("o_orderkey") === col("l_orderkey"))
      .select(col("c_custkey"), col("c_name"), a.decrease(col("l_extendedprice"), col("l_discount")).as("volume"),
        col("c_acctbal"), col("n_name"), col("c_address"), col("c_phone"), col("c_comment"))
      .groupBy(col("c_custkey"), col("c_name"), col("c_acctbal"), col("c_phone"), col("n_name"), col("c_address"),
        col("c_comment"))
      .agg(sum(col("volume")).as("revenue"))
      .sort(col("revenue").desc, col("c_custkey"))
      .limit(20)
  }
}
