package org.apache.spark.sql.duckdb.tests.udf

import org.junit.jupiter.api.Test

import org.apache.spark.sql.duckdb.tests.{DifferentialSuite, TpcData}
import org.apache.spark.sql.duckdb.tests.tpch.{TpchSuite, TpchTables, TpchUdfQueries}

/** TPC-H queries with their arithmetic in Scala UDFs (TpchUdfQueries) at SF 0.1: same results as Spark classic. */
class TpchUdfSuite extends DifferentialSuite {
  private lazy val data: String = TpcData.directory("tpch", TpchSuite.ScaleFactor)

  private def checkQuery(number: Int): Unit =
    checkSame(s"TPC-H Q$number with UDFs at SF ${TpchSuite.ScaleFactor}") { spark =>
      TpchUdfQueries.query(number, new TpchTables(spark, data), TpchUdfQueries.udfs)
    }

  private def checkBuiltinForm(number: Int): Unit =
    checkSame(s"TPC-H Q$number with built-in double arithmetic at SF ${TpchSuite.ScaleFactor}") { spark =>
      TpchUdfQueries.query(number, new TpchTables(spark, data), TpchUdfQueries.builtins)
    }

  @Test def q01(): Unit = checkQuery(1)
  @Test def q03(): Unit = checkQuery(3)
  @Test def q05(): Unit = checkQuery(5)
  @Test def q06(): Unit = checkQuery(6)
  @Test def q10(): Unit = checkQuery(10)
  @Test def q01Builtin(): Unit = checkBuiltinForm(1)
}
