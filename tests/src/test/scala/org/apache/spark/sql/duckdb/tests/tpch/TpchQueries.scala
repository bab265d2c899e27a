package org.apache.spark.sql.duckdb.tests.tpch

import java.math.{BigDecimal => JBigDecimal}
import java.sql.Date

import org.apache.spark.sql.{Column, DataFrame, SparkSession}
import org.apache.spark.sql.functions._

/** The TPC-H tables of one data directory (one Parquet directory per table, as native/tools' tpch-gen writes them). */
final class TpchTables(spark: SparkSession, directory: String) {
  private def table(name: String): DataFrame = spark.read.parquet(s"$directory/$name")
  def lineitem: DataFrame = table("lineitem")
  def orders: DataFrame = table("orders")
  def customer: DataFrame = table("customer")
  def part: DataFrame = table("part")
  def partsupp: DataFrame = table("partsupp")
  def supplier: DataFrame = table("supplier")
  def nation: DataFrame = table("nation")
  def region: DataFrame = table("region")
}

/**
 * The 22 TPC-H queries written as a Spark user writes them with the DataFrame API: filters, joins, groupBy.agg,
 * orderBy, when, substring, like, date arithmetic; correlated and IN/EXISTS subqueries as joins, semi/anti joins and
 * aggregates. Plain Spark code (no sparkduck API): the differential suite (TpchSuite) and the benchmark
 * (TpchBenchmark) run this same code on Spark classic and on sparkduck.
 *
 * Substitution parameters are the validation values of the TPC-H specification (the ones in DuckDB's `tpch`
 * extension query texts). Numeric constants that are decimals in the SQL text are BigDecimal literals, so that the
 * arithmetic stays decimal, as in the SQL. Where the specification's ORDER BY is not a total order, a key column is
 * appended as a last tie-breaker (marked below): the differential test compares rows in order.
 */
object TpchQueries {
  val numbers: Seq[Int] = 1 to 22

  def query(number: Int, spark: SparkSession, directory: String): DataFrame = {
    val t = new TpchTables(spark, directory)
    number match {
      case 1 => q1(t)
      case 2 => q2(t)
      case 3 => q3(t)
      case 4 => q4(t)
      case 5 => q5(t)
      case 6 => q6(t)
      case 7 => q7(t)
      case 8 => q8(t)
      case 9 => q9(t)
      case 10 => q10(t)
      case 11 => q11(t)
      case 12 => q12(t)
      case 13 => q13(t)
      case 14 => q14(t)
      case 15 => q15(t)
      case 16 => q16(t)
      case 17 => q17(t)
      case 18 => q18(t)
      case 19 => q19(t)
      case 20 => q20(t)
      case 21 => q21(t)
      case 22 => q22(t)
      case other => throw new IllegalArgumentException(s"TPC-H has queries 1 to 22, not $other")
    }
  }

  private def date(text: String): Column = lit(Date.valueOf(text))
  private def decimal(text: String): Column = lit(new JBigDecimal(text))

  /** l_extendedprice * (1 - l_discount), the discounted price most queries sum. */
  private def discountedPrice: Column = col("l_extendedprice") * (lit(1) - col("l_discount"))

  /** Pricing summary report. */
  def q1(t: TpchTables): DataFrame =
    t.lineitem
      .filter(col("l_shipdate") <= date_sub(date("1998-12-01"), 90))
      .groupBy("l_returnflag", "l_linestatus")
      .agg(
        sum("l_quantity").as("sum_qty"),
        sum("l_extendedprice").as("sum_base_price"),
        sum(discountedPrice).as("sum_disc_price"),
        sum(discountedPrice * (lit(1) + col("l_tax"))).as("sum_charge"),
        avg("l_quantity").as("avg_qty"),
        avg("l_extendedprice").as("avg_price"),
        avg("l_discount").as("avg_disc"),
        count(lit(1)).as("count_order"))
      .orderBy("l_returnflag", "l_linestatus")

  /** Minimum cost supplier: the correlated MIN subquery is an aggregate joined back. */
  def q2(t: TpchTables): DataFrame = {
    val europeanOffers = t.region.filter(col("r_name") === "EUROPE")
      .join(t.nation, col("r_regionkey") === col("n_regionkey"))
      .join(t.supplier, col("n_nationkey") === col("s_nationkey"))
      .join(t.partsupp, col("s_suppkey") === col("ps_suppkey"))
    val brassOffers = t.part.filter(col("p_size") === 15 && col("p_type").like("%BRASS"))
      .join(europeanOffers, col("p_partkey") === col("ps_partkey"))
    val minimumCost = brassOffers.groupBy(col("ps_partkey").as("min_partkey"))
      .agg(min("ps_supplycost").as("min_supplycost"))
    brassOffers
      .join(minimumCost, col("ps_partkey") === col("min_partkey") && col("ps_supplycost") === col("min_supplycost"))
      .select("s_acctbal", "s_name", "n_name", "p_partkey", "p_mfgr", "s_address", "s_phone", "s_comment")
      .orderBy(col("s_acctbal").desc, col("n_name"), col("s_name"), col("p_partkey"))
      .limit(100)
  }

  /** Shipping priority. */
  def q3(t: TpchTables): DataFrame =
    t.customer.filter(col("c_mktsegment") === "BUILDING")
      .join(t.orders.filter(col("o_orderdate") < date("1995-03-15")), col("c_custkey") === col("o_custkey"))
      .join(t.lineitem.filter(col("l_shipdate") > date("1995-03-15")), col("l_orderkey") === col("o_orderkey"))
      .groupBy("l_orderkey", "o_orderdate", "o_shippriority")
      .agg(sum(discountedPrice).as("revenue"))
      .select("l_orderkey", "revenue", "o_orderdate", "o_shippriority")
      .orderBy(col("revenue").desc, col("o_orderdate"), col("l_orderkey") /* tie-breaker */)
      .limit(10)

  /** Order priority checking: EXISTS is a left semi join. */
  def q4(t: TpchTables): DataFrame = {
    val start = date("1993-07-01")
    t.orders.filter(col("o_orderdate") >= start && col("o_orderdate") < add_months(start, 3))
      .join(t.lineitem.filter(col("l_commitdate") < col("l_receiptdate")),
        col("o_orderkey") === col("l_orderkey"), "left_semi")
      .groupBy("o_orderpriority")
      .agg(count(lit(1)).as("order_count"))
      .orderBy("o_orderpriority")
  }

  /** Local supplier volume. */
  def q5(t: TpchTables): DataFrame = {
    val start = date("1994-01-01")
    t.region.filter(col("r_name") === "ASIA")
      .join(t.nation, col("r_regionkey") === col("n_regionkey"))
      .join(t.supplier, col("n_nationkey") === col("s_nationkey"))
      .join(t.lineitem, col("s_suppkey") === col("l_suppkey"))
      .join(t.orders.filter(col("o_orderdate") >= start && col("o_orderdate") < add_months(start, 12)),
        col("l_orderkey") === col("o_orderkey"))
      .join(t.customer, col("o_custkey") === col("c_custkey") && col("c_nationkey") === col("s_nationkey"))
      .groupBy("n_name")
      .agg(sum(discountedPrice).as("revenue"))
      .orderBy(col("revenue").desc)
  }

  /** Forecasting revenue change. The discount bounds are doubles, as a Spark user types them. */
  def q6(t: TpchTables): DataFrame = {
    val start = date("1994-01-01")
    t.lineitem
      .filter(col("l_shipdate") >= start && col("l_shipdate") < add_months(start, 12) &&
        col("l_discount").between(0.05, 0.07) && col("l_quantity") < 24)
      .agg(sum(col("l_extendedprice") * col("l_discount")).as("revenue"))
  }

  /** Volume shipping: nation joined twice under different names. */
  def q7(t: TpchTables): DataFrame = {
    val supplierNation = t.nation.select(col("n_nationkey").as("supp_nationkey"), col("n_name").as("supp_nation"))
    val customerNation = t.nation.select(col("n_nationkey").as("cust_nationkey"), col("n_name").as("cust_nation"))
    t.supplier
      .join(supplierNation, col("s_nationkey") === col("supp_nationkey"))
      .join(t.lineitem.filter(col("l_shipdate").between(date("1995-01-01"), date("1996-12-31"))),
        col("s_suppkey") === col("l_suppkey"))
      .join(t.orders, col("o_orderkey") === col("l_orderkey"))
      .join(t.customer, col("c_custkey") === col("o_custkey"))
      .join(customerNation, col("c_nationkey") === col("cust_nationkey"))
      .filter((col("supp_nation") === "FRANCE" && col("cust_nation") === "GERMANY") ||
        (col("supp_nation") === "GERMANY" && col("cust_nation") === "FRANCE"))
      .select(col("supp_nation"), col("cust_nation"), year(col("l_shipdate")).as("l_year"),
        discountedPrice.as("volume"))
      .groupBy("supp_nation", "cust_nation", "l_year")
      .agg(sum("volume").as("revenue"))
      .orderBy("supp_nation", "cust_nation", "l_year")
  }

  /** National market share: CASE WHEN inside SUM, decimal division. */
  def q8(t: TpchTables): DataFrame = {
    val americanNations = t.region.filter(col("r_name") === "AMERICA")
      .join(t.nation, col("r_regionkey") === col("n_regionkey"))
      .select(col("n_nationkey").as("cust_nationkey"))
    val supplierNation = t.nation.select(col("n_nationkey").as("supp_nationkey"), col("n_name").as("supp_nation"))
    t.part.filter(col("p_type") === "ECONOMY ANODIZED STEEL")
      .join(t.lineitem, col("p_partkey") === col("l_partkey"))
      .join(t.supplier, col("s_suppkey") === col("l_suppkey"))
      .join(t.orders.filter(col("o_orderdate").between(date("1995-01-01"), date("1996-12-31"))),
        col("l_orderkey") === col("o_orderkey"))
      .join(t.customer, col("o_custkey") === col("c_custkey"))
      .join(americanNations, col("c_nationkey") === col("cust_nationkey"))
      .join(supplierNation, col("s_nationkey") === col("supp_nationkey"))
      .select(year(col("o_orderdate")).as("o_year"), discountedPrice.as("volume"), col("supp_nation").as("nation"))
      .groupBy("o_year")
      .agg((sum(when(col("nation") === "BRAZIL", col("volume")).otherwise(0)) / sum("volume")).as("mkt_share"))
      .orderBy("o_year")
  }

  /** Product type profit measure. */
  def q9(t: TpchTables): DataFrame =
    t.part.filter(col("p_name").like("%green%"))
      .join(t.lineitem, col("p_partkey") === col("l_partkey"))
      .join(t.supplier, col("s_suppkey") === col("l_suppkey"))
      .join(t.partsupp, col("ps_suppkey") === col("l_suppkey") && col("ps_partkey") === col("l_partkey"))
      .join(t.orders, col("o_orderkey") === col("l_orderkey"))
      .join(t.nation, col("s_nationkey") === col("n_nationkey"))
      .select(col("n_name").as("nation"), year(col("o_orderdate")).as("o_year"),
        (discountedPrice - col("ps_supplycost") * col("l_quantity")).as("amount"))
      .groupBy("nation", "o_year")
      .agg(sum("amount").as("sum_profit"))
      .orderBy(col("nation"), col("o_year").desc)

  /** Returned item reporting. */
  def q10(t: TpchTables): DataFrame = {
    val start = date("1993-10-01")
    t.customer
      .join(t.orders.filter(col("o_orderdate") >= start && col("o_orderdate") < add_months(start, 3)),
        col("c_custkey") === col("o_custkey"))
      .join(t.lineitem.filter(col("l_returnflag") === "R"), col("l_orderkey") === col("o_orderkey"))
      .join(t.nation, col("c_nationkey") === col("n_nationkey"))
      .groupBy("c_custkey", "c_name", "c_acctbal", "c_phone", "n_name", "c_address", "c_comment")
      .agg(sum(discountedPrice).as("revenue"))
      .select("c_custkey", "c_name", "revenue", "c_acctbal", "n_name", "c_address", "c_phone", "c_comment")
      .orderBy(col("revenue").desc, col("c_custkey") /* tie-breaker */)
      .limit(20)
  }

  /** Important stock identification: the scalar subquery is a one-row aggregate cross-joined. */
  def q11(t: TpchTables): DataFrame = {
    val germanStock = t.partsupp
      .join(t.supplier, col("ps_suppkey") === col("s_suppkey"))
      .join(t.nation.filter(col("n_name") === "GERMANY"), col("s_nationkey") === col("n_nationkey"))
      .select(col("ps_partkey"), (col("ps_supplycost") * col("ps_availqty")).as("stock_value"))
    val threshold = germanStock.agg((sum("stock_value") * decimal("0.0001000000")).as("threshold"))
    germanStock.groupBy("ps_partkey")
      .agg(sum("stock_value").as("value"))
      .crossJoin(threshold)
      .filter(col("value") > col("threshold"))
      .select("ps_partkey", "value")
      .orderBy(col("value").desc, col("ps_partkey") /* tie-breaker */)
  }

  /** Shipping modes and order priority: IN lists, conditional counts. */
  def q12(t: TpchTables): DataFrame = {
    val start = date("1994-01-01")
    val highPriority = col("o_orderpriority") === "1-URGENT" || col("o_orderpriority") === "2-HIGH"
    t.orders
      .join(t.lineitem.filter(col("l_shipmode").isin("MAIL", "SHIP") &&
        col("l_commitdate") < col("l_receiptdate") && col("l_shipdate") < col("l_commitdate") &&
        col("l_receiptdate") >= start && col("l_receiptdate") < add_months(start, 12)),
        col("o_orderkey") === col("l_orderkey"))
      .groupBy("l_shipmode")
      .agg(
        sum(when(highPriority, 1).otherwise(0)).as("high_line_count"),
        sum(when(!highPriority, 1).otherwise(0)).as("low_line_count"))
      .orderBy("l_shipmode")
  }

  /** Customer distribution: left outer join, count of a nullable column, two levels of aggregation. */
  def q13(t: TpchTables): DataFrame =
    t.customer
      .join(t.orders.filter(!col("o_comment").like("%special%requests%")),
        col("c_custkey") === col("o_custkey"), "left_outer")
      .groupBy("c_custkey")
      .agg(count("o_orderkey").as("c_count"))
      .groupBy("c_count")
      .agg(count(lit(1)).as("custdist"))
      .orderBy(col("custdist").desc, col("c_count").desc)

  /** Promotion effect. */
  def q14(t: TpchTables): DataFrame = {
    val start = date("1995-09-01")
    t.lineitem.filter(col("l_shipdate") >= start && col("l_shipdate") < add_months(start, 1))
      .join(t.part, col("l_partkey") === col("p_partkey"))
      .agg((decimal("100.00") * sum(when(col("p_type").like("PROMO%"), discountedPrice).otherwise(0)) /
        sum(discountedPrice)).as("promo_revenue"))
  }

  /** Top supplier: the view is a DataFrame used twice, its maximum joined back. */
  def q15(t: TpchTables): DataFrame = {
    val start = date("1996-01-01")
    val revenue = t.lineitem.filter(col("l_shipdate") >= start && col("l_shipdate") < add_months(start, 3))
      .groupBy(col("l_suppkey").as("supplier_no"))
      .agg(sum(discountedPrice).as("total_revenue"))
    val maximum = revenue.agg(max("total_revenue").as("max_revenue"))
    t.supplier
      .join(revenue, col("s_suppkey") === col("supplier_no"))
      .join(maximum, col("total_revenue") === col("max_revenue"))
      .select("s_suppkey", "s_name", "s_address", "s_phone", "total_revenue")
      .orderBy("s_suppkey")
  }

  /** Parts/supplier relationship: NOT IN (non-null keys) is a left anti join; count distinct. */
  def q16(t: TpchTables): DataFrame = {
    val complaints = t.supplier.filter(col("s_comment").like("%Customer%Complaints%")).select("s_suppkey")
    t.partsupp
      .join(t.part, col("p_partkey") === col("ps_partkey"))
      .filter(col("p_brand") =!= "Brand#45" && !col("p_type").like("MEDIUM POLISHED%") &&
        col("p_size").isin(49, 14, 23, 45, 19, 3, 36, 9))
      .join(complaints, col("ps_suppkey") === col("s_suppkey"), "left_anti")
      .groupBy("p_brand", "p_type", "p_size")
      .agg(countDistinct("ps_suppkey").as("supplier_cnt"))
      .orderBy(col("supplier_cnt").desc, col("p_brand"), col("p_type"), col("p_size"))
  }

  /** Small-quantity-order revenue: the correlated AVG is a per-part aggregate joined back. */
  def q17(t: TpchTables): DataFrame = {
    val partLines = t.part.filter(col("p_brand") === "Brand#23" && col("p_container") === "MED BOX")
      .select("p_partkey")
      .join(t.lineitem, col("p_partkey") === col("l_partkey"))
    val smallQuantity = partLines.groupBy(col("l_partkey").as("avg_partkey"))
      .agg((decimal("0.2") * avg("l_quantity")).as("small_quantity"))
    partLines
      .join(smallQuantity, col("p_partkey") === col("avg_partkey"))
      .filter(col("l_quantity") < col("small_quantity"))
      .agg((sum("l_extendedprice") / decimal("7.0")).as("avg_yearly"))
  }

  /** Large volume customer: the IN subquery over a HAVING is a filtered aggregate joined. */
  def q18(t: TpchTables): DataFrame = {
    val largeOrders = t.lineitem.groupBy(col("l_orderkey").as("large_orderkey"))
      .agg(sum("l_quantity").as("sum_quantity"))
      .filter(col("sum_quantity") > 300)
    t.customer
      .join(t.orders, col("c_custkey") === col("o_custkey"))
      .join(largeOrders, col("o_orderkey") === col("large_orderkey"))
      .select("c_name", "c_custkey", "o_orderkey", "o_orderdate", "o_totalprice", "sum_quantity")
      .orderBy(col("o_totalprice").desc, col("o_orderdate"), col("o_orderkey") /* tie-breaker */)
      .limit(100)
  }

  /** Discounted revenue: a disjunction of three conjunctions. */
  def q19(t: TpchTables): DataFrame = {
    def kind(brand: String, containers: Seq[String], minQuantity: Int, maxSize: Int): Column =
      col("p_brand") === brand && col("p_container").isin(containers: _*) &&
        col("l_quantity") >= minQuantity && col("l_quantity") <= minQuantity + 10 &&
        col("p_size").between(1, maxSize)
    t.lineitem
      .filter(col("l_shipmode").isin("AIR", "AIR REG") && col("l_shipinstruct") === "DELIVER IN PERSON")
      .join(t.part, col("p_partkey") === col("l_partkey"))
      .filter(
        kind("Brand#12", Seq("SM CASE", "SM BOX", "SM PACK", "SM PKG"), 1, 5) ||
          kind("Brand#23", Seq("MED BAG", "MED BOX", "MED PKG", "MED PACK"), 10, 10) ||
          kind("Brand#34", Seq("LG CASE", "LG BOX", "LG PACK", "LG PKG"), 20, 15))
      .agg(sum(discountedPrice).as("revenue"))
  }

  /** Potential part promotion: nested IN subqueries are semi joins, the correlated SUM an aggregate. */
  def q20(t: TpchTables): DataFrame = {
    val start = date("1994-01-01")
    val forestParts = t.part.filter(col("p_name").like("forest%")).select("p_partkey")
    val shipped = t.lineitem.filter(col("l_shipdate") >= start && col("l_shipdate") < add_months(start, 12))
      .groupBy("l_partkey", "l_suppkey")
      .agg((decimal("0.5") * sum("l_quantity")).as("half_quantity"))
    val excessSuppliers = t.partsupp
      .join(forestParts, col("ps_partkey") === col("p_partkey"), "left_semi")
      .join(shipped, col("ps_partkey") === col("l_partkey") && col("ps_suppkey") === col("l_suppkey"))
      .filter(col("ps_availqty") > col("half_quantity"))
      .select("ps_suppkey")
    t.supplier
      .join(t.nation.filter(col("n_name") === "CANADA"), col("s_nationkey") === col("n_nationkey"))
      .join(excessSuppliers, col("s_suppkey") === col("ps_suppkey"), "left_semi")
      .select("s_name", "s_address")
      .orderBy("s_name")
  }

  /** Suppliers who kept orders waiting: EXISTS (another supplier) and NOT EXISTS (another late supplier) as
   *  distinct-supplier counts per order. */
  def q21(t: TpchTables): DataFrame = {
    val lateLines = t.lineitem.filter(col("l_receiptdate") > col("l_commitdate"))
    val suppliersPerOrder = t.lineitem.groupBy(col("l_orderkey").as("any_orderkey"))
      .agg(countDistinct("l_suppkey").as("suppliers"))
    val lateSuppliersPerOrder = lateLines.groupBy(col("l_orderkey").as("late_orderkey"))
      .agg(countDistinct("l_suppkey").as("late_suppliers"))
    t.supplier
      .join(t.nation.filter(col("n_name") === "SAUDI ARABIA"), col("s_nationkey") === col("n_nationkey"))
      .join(lateLines, col("s_suppkey") === col("l_suppkey"))
      .join(t.orders.filter(col("o_orderstatus") === "F"), col("o_orderkey") === col("l_orderkey"))
      .join(suppliersPerOrder.filter(col("suppliers") > 1), col("l_orderkey") === col("any_orderkey"))
      .join(lateSuppliersPerOrder.filter(col("late_suppliers") === 1), col("l_orderkey") === col("late_orderkey"))
      .groupBy("s_name")
      .agg(count(lit(1)).as("numwait"))
      .orderBy(col("numwait").desc, col("s_name"))
      .limit(100)
  }

  /** Global sales opportunity: substring, the scalar AVG cross-joined, NOT EXISTS as a left anti join. */
  def q22(t: TpchTables): DataFrame = {
    val codes = Seq("13", "31", "23", "29", "30", "18", "17")
    val customers = t.customer
      .select(substring(col("c_phone"), 1, 2).as("cntrycode"), col("c_acctbal"), col("c_custkey"))
      .filter(col("cntrycode").isin(codes: _*))
    val averageBalance = customers.filter(col("c_acctbal") > 0).agg(avg("c_acctbal").as("avg_acctbal"))
    customers
      .join(t.orders, col("c_custkey") === col("o_custkey"), "left_anti")
      .crossJoin(averageBalance)
      .filter(col("c_acctbal") > col("avg_acctbal"))
      .groupBy("cntrycode")
      .agg(count(lit(1)).as("numcust"), sum("c_acctbal").as("totacctbal"))
      .orderBy("cntrycode")
  }
}
