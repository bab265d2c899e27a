package org.apache.spark.sql.duckdb

import scala.jdk.CollectionConverters._

import org.apache.spark.connect.proto
import org.apache.spark.sql
import org.apache.spark.sql.SaveMode

/**
 * `df.write`: format, mode, options, partitioning and the target become a Spark Connect `WriteOperation` command,
 * run by the native session (which decides which formats and options it supports).
 */
final class DataFrameWriter[T] private[duckdb] (ds: Dataset[T]) extends sql.DataFrameWriter[T] {

  /** @inheritdoc */
  override def save(path: String): Unit = run(_.setPath(path))

  /** @inheritdoc */
  override def save(): Unit = run(_ => ())

  /** @inheritdoc */
  override def insertInto(tableName: String): Unit =
    run(_.getTableBuilder.setTableName(tableName)
      .setSaveMethod(proto.WriteOperation.SaveTable.TableSaveMethod.TABLE_SAVE_METHOD_INSERT_INTO))

  /** @inheritdoc */
  override def saveAsTable(tableName: String): Unit =
    run(_.getTableBuilder.setTableName(tableName)
      .setSaveMethod(proto.WriteOperation.SaveTable.TableSaveMethod.TABLE_SAVE_METHOD_SAVE_AS_TABLE))

  private def run(target: proto.WriteOperation.Builder => Unit): Unit = {
    validatePartitioning()
    val write = proto.WriteOperation.newBuilder().setInput(ds.relation)
    // No format(): Spark's default source (spark.sql.sources.default, parquet).
    write.setSource(Option(source).filter(_.nonEmpty).getOrElse(ds.sparkSession.conf.get("spark.sql.sources.default", "parquet")))
    write.setMode(curmode match {
      case SaveMode.Append => proto.WriteOperation.SaveMode.SAVE_MODE_APPEND
      case SaveMode.Overwrite => proto.WriteOperation.SaveMode.SAVE_MODE_OVERWRITE
      case SaveMode.ErrorIfExists => proto.WriteOperation.SaveMode.SAVE_MODE_ERROR_IF_EXISTS
      case SaveMode.Ignore => proto.WriteOperation.SaveMode.SAVE_MODE_IGNORE
    })
    extraOptions.foreach { case (k, v) => write.putOptions(k, v) }
    partitioningColumns.foreach(cols => write.addAllPartitioningColumns(cols.asJava))
    sortColumnNames.foreach(cols => write.addAllSortColumnNames(cols.asJava))
    bucketColumnNames.foreach { cols =>
      write.getBucketByBuilder.addAllBucketColumnNames(cols.asJava).setNumBuckets(numBuckets.getOrElse(0))
    }
    clusteringColumns.foreach(cols => write.addAllClusteringColumns(cols.asJava))
    target(write)
    ds.sparkSession.native.executeCommand(proto.Command.newBuilder().setWriteOperation(write).build())
  }
}
