package org.apache.spark.sql.duckdb.internal

import org.apache.spark.connect.proto
import org.apache.spark.sql.Row
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoder
import org.apache.spark.sql.types.StructType

object LocalData {
  /** Local data as a LocalRelation: Arrow IPC stream bytes + the Spark schema as JSON. */
  def fromObjects[T](data: Seq[T], encoder: AgnosticEncoder[T]): proto.LocalRelation = NotYet("LocalData.fromObjects")
  def fromRows(rows: java.util.List[Row], schema: StructType): proto.LocalRelation = NotYet("LocalData.fromRows")
}
