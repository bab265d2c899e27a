package org.apache.spark.sql.duckdb.parser

import org.apache.spark.connect.proto
import org.apache.spark.sql.types.StructType

/** What building plans from SQL text needs from the session: tables and views, schemas, settings, parameters. */
private[duckdb] trait SqlEnvironment {
  /** A table or view by name parts, as a relation (temporary views first, then the session's catalog). */
  def tableRelation(nameParts: Seq[String]): proto.Relation

  /** The output schema of a relation (analyzed natively; needed only by NATURAL joins and GROUP BY aliases). */
  def schemaOf(relation: proto.Relation): StructType

  /** `spark.sql.session.timeZone`: TIMESTAMP literals are read in it, as Spark does. */
  def timeZone: String

  /** The value of `:name` (`spark.sql(text, Map)`), or None when the query has no such named argument. */
  def namedParameter(name: String): Option[proto.Expression] = None

  /** The value of the n-th `?` (`spark.sql(text, Array)`). */
  def positionalParameter(index: Int): Option[proto.Expression] = None

  /** A fresh plan id, for sub-query plans referenced by SubqueryExpression. */
  def nextPlanId(): Long
}
