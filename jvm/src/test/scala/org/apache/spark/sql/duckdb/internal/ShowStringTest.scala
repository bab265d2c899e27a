package org.apache.spark.sql.duckdb.internal

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

import java.io.ByteArrayInputStream

import org.apache.arrow.memory.RootAllocator
import org.apache.arrow.vector.ipc.ArrowStreamReader
import org.junit.jupiter.api.Assertions.assertTrue

import org.apache.spark.sql.Row
import org.apache.spark.sql.classic.DataFrame

/** ShowString.format against Spark classic's own `Dataset.showString` on the same data. */
class ShowStringTest {
  private def spark = ClassicSpark.session

  private def assertSameAsSpark(df: DataFrame, numRows: Int = 20, truncate: Int = 20,
                                vertical: Boolean = false): Unit = {
    val expected = df.showString(numRows, truncate, vertical)
    val rows = df.take(numRows + 1)
    val actual = ShowString.format(df.schema, rows, numRows, truncate, vertical, ClassicSpark.TimeZone)
    assertEquals(expected, actual, s"numRows=$numRows truncate=$truncate vertical=$vertical\n$expected\n$actual")
  }

  private def allLayouts(df: DataFrame): Unit = {
    for (truncate <- Seq(20, 0, 3, 5); vertical <- Seq(false, true); numRows <- Seq(20, 1, 2)) {
      assertSameAsSpark(df, numRows, truncate, vertical)
    }
  }

  @Test def numbersAndNulls(): Unit = allLayouts(spark.sql(
    """SELECT * FROM VALUES
      |  (1, CAST(2 AS BIGINT), CAST(1.5 AS DOUBLE), CAST(0.1 AS FLOAT), true, CAST(3 AS TINYINT), CAST(4 AS SMALLINT)),
      |  (NULL, NULL, NULL, NULL, NULL, NULL, NULL),
      |  (-7, 9223372036854775807, 1.0E10, CAST('NaN' AS FLOAT), false, CAST(-128 AS TINYINT), CAST(0 AS SMALLINT)),
      |  (0, 0, -0.0, CAST(1.0E-5 AS FLOAT), false, NULL, NULL),
      |  (1, 1, CAST('Infinity' AS DOUBLE), CAST(123456789.0 AS FLOAT), true, 1, 1),
      |  (2, 2, 1.0E-7, CAST(3.4028235E38 AS FLOAT), true, 1, 1),
      |  (3, 3, 123456.789, CAST(-2.5 AS FLOAT), true, 1, 1)
      |  AS t(an_int, a_long, a_double, a_float, a_bool, a_byte, a_short)""".stripMargin))

  @Test def decimals(): Unit = allLayouts(spark.sql(
    """SELECT CAST(0 AS DECIMAL(38,18)) AS zero, CAST(1.5 AS DECIMAL(10,2)) AS d, CAST(-1E-10 AS DECIMAL(20,12)) AS e,
      |  CAST(12345678901234567890 AS DECIMAL(38,0)) AS big, CAST(NULL AS DECIMAL(5,1)) AS n""".stripMargin))

  @Test def stringsWideCharactersAndEscapes(): Unit = allLayouts(spark.sql(
    """SELECT * FROM VALUES
      |  ('short', '数据砖头'), ('a somewhat longer string that needs truncation', 'ｈｅｌｌｏ全角'),
      |  ('line\nbreak\tand tab', ''), (NULL, 'x'), ('ab', '한국어 텍스트 데이터')
      |  AS t(a_column_name_longer_than_twenty, `wide 名前`)""".stripMargin))

  /** Spark's output against rows that went through LocalData and the decoders with ShowString.rowEncoder. */
  private def assertSameAsSparkThroughArrow(df: DataFrame): Unit = {
    spark.conf.set("spark.sql.datetime.java8API.enabled", "true")
    val java8Rows = try df.collect() finally spark.conf.set("spark.sql.datetime.java8API.enabled", "false")
    val allocator = new RootAllocator(Long.MaxValue)
    try {
      val reader = new ArrowStreamReader(
        new ByteArrayInputStream(LocalData.toArrowIpc(java8Rows.iterator, df.schema)), allocator)
      try {
        assertTrue(reader.loadNextBatch())
        val decoder = ArrowDecoders.forRoot(ShowString.rowEncoder(df.schema), reader.getVectorSchemaRoot, df.schema)
        val rows = (0 until reader.getVectorSchemaRoot.getRowCount).map(i => decoder.get(i).asInstanceOf[Row])
        for (truncate <- Seq(20, 0); vertical <- Seq(false, true)) {
          assertEquals(df.showString(20, truncate, vertical),
            ShowString.format(df.schema, rows.toArray, 20, truncate, vertical, ClassicSpark.TimeZone))
        }
      } finally reader.close()
    } finally allocator.close()
  }

  private val datesAndTimestampsQuery =
    """SELECT * FROM VALUES
      |  (DATE'2024-02-29', TIMESTAMP'2024-03-10 02:30:00.123456', TIMESTAMP_NTZ'2024-01-01 00:00:00'),
      |  (DATE'1582-10-10', TIMESTAMP'1582-10-10 00:00:00.1', TIMESTAMP_NTZ'1500-06-01 12:34:56.000001'),
      |  (DATE'9999-12-31', TIMESTAMP'1970-01-01 00:00:00', TIMESTAMP_NTZ'2024-11-03 01:30:00.5'),
      |  (NULL, NULL, NULL),
      |  (DATE'0001-01-01', TIMESTAMP'2024-11-03 01:30:00', TIMESTAMP_NTZ'0001-01-01 00:00:00')
      |  AS t(d, ts, ntz)""".stripMargin

  @Test def datesAndTimestampsThroughArrow(): Unit = {
    assertSameAsSparkThroughArrow(spark.sql(datesAndTimestampsQuery))
    assertSameAsSparkThroughArrow(spark.sql(
      "SELECT array(DATE'1582-10-12') AS a, map(1, TIMESTAMP'1000-01-01 00:00:00') AS m, named_struct('d', DATE'1200-03-01') AS s"))
  }

  @Test def intervalsThroughArrow(): Unit = {
    val df = spark.sql(
      """SELECT * FROM VALUES
        |  (INTERVAL '1 02:03:04.5' DAY TO SECOND, INTERVAL '1-2' YEAR TO MONTH, INTERVAL '3' HOUR, INTERVAL '7' MONTH),
        |  (INTERVAL '-0 00:00:00.000001' DAY TO SECOND, INTERVAL '-10-11' YEAR TO MONTH, INTERVAL '-25' HOUR,
        |   INTERVAL '0' MONTH),
        |  (NULL, NULL, NULL, NULL)
        |  AS t(dt, ym, h, m)""".stripMargin)
    allLayouts(df)
    assertSameAsSparkThroughArrow(df)
  }

  @Test def datesAndTimestamps(): Unit = allLayouts(spark.sql(
    """SELECT * FROM VALUES
      |  (DATE'2024-02-29', TIMESTAMP'2024-03-10 02:30:00.123456', TIMESTAMP_NTZ'2024-01-01 00:00:00'),
      |  (DATE'1582-10-04', TIMESTAMP'1900-01-01 00:00:00.1', TIMESTAMP_NTZ'1500-06-01 12:34:56.000001'),
      |  (DATE'9999-12-31', TIMESTAMP'1970-01-01 00:00:00', TIMESTAMP_NTZ'2024-11-03 01:30:00.5'),
      |  (NULL, NULL, NULL),
      |  (DATE'1000-01-01', TIMESTAMP'2024-11-03 01:30:00', TIMESTAMP_NTZ'0001-01-01 00:00:00')
      |  AS t(d, ts, ntz)""".stripMargin))

  @Test def binaryAndNestedValues(): Unit = allLayouts(spark.sql(
    """SELECT X'0102FF' AS bin, array(1, NULL, 3) AS arr, array() AS empty_arr,
      |  map('a', 1, 'b', NULL) AS m, named_struct('x', 1, 'y', CAST(NULL AS STRING), 'z', X'0A') AS s,
      |  array(named_struct('d', DATE'2020-01-01', 'm', map(1, array(1.5D, NULL)))) AS deep,
      |  CAST(NULL AS ARRAY<INT>) AS null_arr, array(CAST(NULL AS STRING)) AS arr_of_null,
      |  named_struct('a', CAST(NULL AS INT)) AS struct_of_null, array(array(1, 2), NULL) AS nested_arr,
      |  array(TIMESTAMP'2024-01-01 10:00:00.5') AS ts_arr, array(CAST(0.10 AS DECIMAL(4,2))) AS dec_arr
      |""".stripMargin))

  @Test def noColumnsOrNoRows(): Unit = {
    allLayouts(spark.sql("SELECT 1 AS a WHERE false"))
    allLayouts(spark.range(0, 30).toDF())
    allLayouts(spark.sql("SELECT NULL AS n"))
  }
}
