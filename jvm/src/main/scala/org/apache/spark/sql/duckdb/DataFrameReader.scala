package org.apache.spark.sql.duckdb

import java.util.Properties

import scala.jdk.CollectionConverters._

import org.apache.spark.api.java.JavaRDD
import org.apache.spark.rdd.RDD
import org.apache.spark.sql
import org.apache.spark.sql.Row

/**
 * `spark.read`: format, options, schema and paths become a Read/DataSource relation; the native side decides which
 * formats and options it supports (and fails with Spark's error otherwise).
 */
class DataFrameReader private[duckdb] (session: SparkSession) extends sql.DataFrameReader {

  /** @inheritdoc */
  override def load(): Dataset[Row] = load(Nil: _*)

  /** @inheritdoc */
  override def load(path: String): Dataset[Row] = load(Seq(path): _*)

  /** @inheritdoc */
  override def load(paths: String*): Dataset[Row] = session.newDataFrame() { b =>
    val ds = b.getReadBuilder.getDataSourceBuilder
      // No format(): Spark's default source (spark.sql.sources.default, parquet).
      .setFormat(Option(source).filter(_.nonEmpty).getOrElse(session.conf.get("spark.sql.sources.default", "parquet")))
      .putAllOptions(extraOptions.toMap.asJava)
      .addAllPaths(paths.asJava)
    // Spark's JSON form of the schema, as everywhere else on the seam (docs/contracts.md).
    userSpecifiedSchema.foreach(s => ds.setSchema(s.json))
  }

  /** @inheritdoc */
  override def jdbc(url: String, table: String, predicates: Array[String], connectionProperties: Properties): Dataset[Row] =
    NotSupportedYet("DataFrameReader.jdbc")

  /** @inheritdoc */
  override def json(jsonDataset: sql.Dataset[String]): Dataset[Row] = NotSupportedYet("DataFrameReader.json(Dataset)")

  /** @inheritdoc */
  override def json(jsonRDD: JavaRDD[String]): Dataset[Row] = NotSupportedYet("DataFrameReader.json(JavaRDD)")

  /** @inheritdoc */
  override def json(jsonRDD: RDD[String]): Dataset[Row] = NotSupportedYet("DataFrameReader.json(RDD)")

  /** @inheritdoc */
  override def csv(csvDataset: sql.Dataset[String]): Dataset[Row] = NotSupportedYet("DataFrameReader.csv(Dataset)")

  /** @inheritdoc */
  override def xml(xmlDataset: sql.Dataset[String]): Dataset[Row] = NotSupportedYet("DataFrameReader.xml(Dataset)")

  /** @inheritdoc A temporary view (global ones as `global_temp.name`), else a table of the native catalog. */
  override def table(tableName: String): Dataset[Row] = {
    val parts = session.sessionSql.nameParts(tableName)
    session.newDataFrame() { b =>
      session.sessionSql.view(parts) match {
        case Some(view) => b.mergeFrom(view)
        case None =>
          b.getReadBuilder.getNamedTableBuilder
            .setUnparsedIdentifier(tableName)
            .putAllOptions(extraOptions.toMap.asJava)
      }
    }
  }

  /** @inheritdoc */
  override def changes(tableName: String): Dataset[Row] = NotSupportedYet("DataFrameReader.changes")
}
