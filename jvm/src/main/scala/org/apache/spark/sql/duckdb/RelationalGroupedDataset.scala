package org.apache.spark.sql.duckdb

import scala.jdk.CollectionConverters._

import org.apache.spark.connect.proto
import org.apache.spark.sql
import org.apache.spark.sql.{Column, Encoder, Row}
import org.apache.spark.sql.types.NumericType

/**
 * `groupBy`/`rollup`/`cube`/`groupingSets` (and `pivot`) of a DataFrame: `agg` and friends (implemented in
 * sql-api on top of `toDF`) become one Aggregate relation.
 */
class RelationalGroupedDataset private[duckdb] (
    override val df: Dataset[Row],
    groupingExprs: Seq[Column],
    groupType: proto.Aggregate.GroupType,
    pivot: Option[proto.Aggregate.Pivot] = None,
    groupingSets: Seq[Seq[Column]] = Nil)
    extends sql.RelationalGroupedDataset {

  /** @inheritdoc */
  override protected def toDF(aggExprs: Seq[Column]): Dataset[Row] =
    df.sparkSession.newDataFrame(groupingExprs ++ aggExprs ++ groupingSets.flatten) { b =>
      val ab = b.getAggregateBuilder
        .setInput(df.relation)
        .setGroupType(groupType)
        .addAllGroupingExpressions(groupingExprs.map(ColumnNodeToProto(_)).asJava)
        .addAllAggregateExpressions(aggExprs.map(ColumnNodeToProto(_)).asJava)
      pivot.foreach(ab.setPivot)
      groupingSets.foreach { set =>
        ab.addGroupingSets(proto.Aggregate.GroupingSets.newBuilder().addAllGroupingSet(set.map(ColumnNodeToProto(_)).asJava))
      }
    }

  /** @inheritdoc Named columns as given (their types are checked natively); none: every numeric column, as Spark. */
  override protected def selectNumericColumns(colNames: Seq[String]): Seq[Column] =
    if (colNames.nonEmpty) colNames.map(df.col)
    else df.schema.fields.toSeq.collect { case f if f.dataType.isInstanceOf[NumericType] => df.col(f.name) }

  /** @inheritdoc */
  override def as[K: Encoder, T: Encoder]: sql.KeyValueGroupedDataset[K, T] =
    NotSupportedYet("RelationalGroupedDataset.as")

  /** @inheritdoc Without values the pivot values are computed natively, as Spark does. */
  override def pivot(pivotColumn: Column): RelationalGroupedDataset = pivotOn(pivotColumn, None)

  /** @inheritdoc */
  override def pivot(pivotColumn: Column, values: Seq[Any]): RelationalGroupedDataset =
    pivotOn(pivotColumn, Some(values))

  private def pivotOn(pivotColumn: Column, values: Option[Seq[Any]]): RelationalGroupedDataset = {
    if (groupType != proto.Aggregate.GroupType.GROUP_TYPE_GROUPBY) {
      throw new UnsupportedOperationException("pivot is only supported after a groupBy")
    }
    val pb = proto.Aggregate.Pivot.newBuilder().setCol(ColumnNodeToProto(pivotColumn))
    values.foreach(_.foreach {
      case c: Column => pb.addValues(ColumnNodeToProto(c).getLiteral)
      case v => pb.addValues(LiteralToProto(v))
    })
    new RelationalGroupedDataset(df, groupingExprs, proto.Aggregate.GroupType.GROUP_TYPE_PIVOT, Some(pb.build()))
  }
}
