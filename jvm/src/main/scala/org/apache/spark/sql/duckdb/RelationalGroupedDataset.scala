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

  /** @inheritdoc Named columns must be numeric (checked as Spark does, before the plan is built); none: every numeric
   * column. */
  override protected def selectNumericColumns(colNames: Seq[String]): Seq[Column] =
    if (colNames.nonEmpty) {
      colNames.map { colName =>
        val column = df.col(colName)
        if (!df.select(column).schema.fields.head.dataType.isInstanceOf[NumericType]) {
          throw new org.apache.spark.sql.AnalysisException(
            errorClass = "_LEGACY_ERROR_TEMP_1323", messageParameters = Map("colName" -> colName))
        }
        column
      }
    } else df.schema.fields.toSeq.collect { case f if f.dataType.isInstanceOf[NumericType] => df.col(f.name) }

  /** @inheritdoc */
  override def as[K: Encoder, T: Encoder]: sql.KeyValueGroupedDataset[K, T] =
    NotSupportedYet("RelationalGroupedDataset.as")

  /**
   * @inheritdoc Without values, as Spark classic: the column's distinct values, sorted, are collected first (at most
   * `spark.sql.pivotMaxValues`, 10000), each as a literal of the column's type.
   */
  override def pivot(pivotColumn: Column): RelationalGroupedDataset = {
    val maxValues = 10000
    // Sorted by the selected column under a plain name (Spark sorts by the pivot expression: the same values).
    val selected = df.select(pivotColumn.as("__sd_pivot"))
    val columnType = selected.schema.fields.head.dataType
    val values = selected.distinct().limit(maxValues + 1).sort(org.apache.spark.sql.functions.col("__sd_pivot"))
      .collect().map(_.get(0)).toSeq
    if (values.length > maxValues) {
      throw new org.apache.spark.sql.AnalysisException(
        errorClass = "_LEGACY_ERROR_TEMP_1324",
        messageParameters = Map("pivotColumn" -> pivotColumn.toString, "maxValues" -> maxValues.toString,
          "config" -> "spark.sql.pivotMaxValues"))
    }
    if (groupType != proto.Aggregate.GroupType.GROUP_TYPE_GROUPBY) {
      throw new UnsupportedOperationException("pivot is only supported after a groupBy")
    }
    val pb = proto.Aggregate.Pivot.newBuilder().setCol(ColumnNodeToProto(pivotColumn))
    values.foreach(v => pb.addValues(LiteralToProto(v, Some(columnType))))
    new RelationalGroupedDataset(df, groupingExprs, proto.Aggregate.GroupType.GROUP_TYPE_PIVOT, Some(pb.build()))
  }

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
