package org.apache.spark.sql.duckdb

import scala.jdk.CollectionConverters._

import org.apache.spark.sql
import org.apache.spark.sql.{Column, Row}

/** `spark.tvf`: `range` as a Range relation, the generators as UnresolvedTableValuedFunction (native decides). */
class TableValuedFunction private[duckdb] (session: SparkSession) extends sql.TableValuedFunction {

  /** @inheritdoc */
  override def range(end: Long): Dataset[java.lang.Long] = session.range(end)

  /** @inheritdoc */
  override def range(start: Long, end: Long): Dataset[java.lang.Long] = session.range(start, end)

  /** @inheritdoc */
  override def range(start: Long, end: Long, step: Long): Dataset[java.lang.Long] = session.range(start, end, step)

  /** @inheritdoc */
  override def range(start: Long, end: Long, step: Long, numPartitions: Int): Dataset[java.lang.Long] =
    session.range(start, end, step, numPartitions)

  private def fn(name: String, args: Column*): Dataset[Row] = session.newDataFrame(args) { b =>
    b.getUnresolvedTableValuedFunctionBuilder.setFunctionName(name)
      .addAllArguments(args.map(ColumnNodeToProto(_)).asJava)
  }

  /** @inheritdoc */
  override def explode(collection: Column): Dataset[Row] = fn("explode", collection)

  /** @inheritdoc */
  override def explode_outer(collection: Column): Dataset[Row] = fn("explode_outer", collection)

  /** @inheritdoc */
  override def inline(input: Column): Dataset[Row] = fn("inline", input)

  /** @inheritdoc */
  override def inline_outer(input: Column): Dataset[Row] = fn("inline_outer", input)

  /** @inheritdoc */
  override def json_tuple(input: Column, fields: Column*): Dataset[Row] = fn("json_tuple", input +: fields: _*)

  /** @inheritdoc */
  override def posexplode(collection: Column): Dataset[Row] = fn("posexplode", collection)

  /** @inheritdoc */
  override def posexplode_outer(collection: Column): Dataset[Row] = fn("posexplode_outer", collection)

  /** @inheritdoc */
  override def stack(n: Column, fields: Column*): Dataset[Row] = fn("stack", n +: fields: _*)

  /** @inheritdoc */
  override def collations(): Dataset[Row] = fn("collations")

  /** @inheritdoc */
  override def sql_keywords(): Dataset[Row] = fn("sql_keywords")

  /** @inheritdoc */
  override def variant_explode(input: Column): Dataset[Row] = fn("variant_explode", input)

  /** @inheritdoc */
  override def variant_explode_outer(input: Column): Dataset[Row] = fn("variant_explode_outer", input)

  /** @inheritdoc */
  override def python_worker_logs(): Dataset[Row] = NotSupportedYet("TableValuedFunction.python_worker_logs")
}
