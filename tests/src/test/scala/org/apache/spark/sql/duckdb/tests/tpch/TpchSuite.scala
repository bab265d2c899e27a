package org.apache.spark.sql.duckdb.tests.tpch

import org.junit.jupiter.api.Test

import org.apache.spark.sql.duckdb.tests.{DifferentialSuite, TpcData}

/**
 * The 22 TPC-H queries (TpchQueries, plain DataFrame code) at scale factor 0.1 on Spark classic and on sparkduck:
 * same schema and same rows, decimals compared exactly (scale included), in order where the query sorts.
 */
class TpchSuite extends DifferentialSuite {
  private lazy val data: String = TpcData.directory("tpch", TpchSuite.ScaleFactor)

  private def checkQuery(number: Int): Unit =
    checkSame(s"TPC-H Q$number at SF ${TpchSuite.ScaleFactor}")(spark => TpchQueries.query(number, spark, data))
  @Test def q01(): Unit = checkQuery(1)
  @Test def q02(): Unit = checkQuery(2)
  @Test def q03(): Unit = checkQuery(3)
  @Test def q04(): Unit = checkQuery(4)
  @Test def q05(): Unit = checkQuery(5)
  @Test def q06(): Unit = checkQuery(6)
  @Test def q07(): Unit = checkQuery(7)
  @Test def q08(): Unit = checkQuery(8)
  @Test def q09(): Unit = checkQuery(9)
  @Test def q10(): Unit = checkQuery(10)
  @Test def q11(): Unit = checkQuery(11)
  @Test def q12(): Unit = checkQuery(12)
  @Test def q13(): Unit = checkQuery(13)
  @Test def q14(): Unit = checkQuery(14)
  @Test def q15(): Unit = checkQuery(15)
  @Test def q16(): Unit = checkQuery(16)
  @Test def q17(): Unit = checkQuery(17)
  @Test def q18(): Unit = checkQuery(18)
  @Test def q19(): Unit = checkQuery(19)
  @Test def q20(): Unit = checkQuery(20)
  @Test def q21(): Unit = checkQuery(21)
  @Test def q22(): Unit = checkQuery(22)
}

object TpchSuite {
  val ScaleFactor = "0.1"
}
