package org.apache.spark.sql.duckdb.internal

import org.apache.spark.sql.Row
import org.apache.spark.sql.types.StructType

object ShowString {
  /** Spark's `Dataset.showString` output, byte for byte, from the collected rows. */
  def format(schema: StructType, rows: Array[Row], numRows: Int, truncate: Int, vertical: Boolean,
             timeZone: String): String = NotYet("ShowString.format")
}
