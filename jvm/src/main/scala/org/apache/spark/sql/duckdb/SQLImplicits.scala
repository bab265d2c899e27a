package org.apache.spark.sql.duckdb

import org.apache.spark.rdd.RDD
import org.apache.spark.sql
import org.apache.spark.sql.Encoder

/** `import spark.implicits._`: encoders, `$"col"`, `Seq(...).toDF/toDS` (all but two members live in sql-api). */
class SQLImplicits private[duckdb] (override val session: SparkSession) extends sql.SQLImplicits {

  /** @inheritdoc */
  implicit override def localSeqToDatasetHolder[T: Encoder](s: Seq[T]): DatasetHolder[T] =
    new DatasetHolder(session.createDataset(s))

  /** @inheritdoc */
  override def rddToDatasetHolder[T: Encoder](rdd: RDD[T]): DatasetHolder[T] =
    NotSupportedYet("SQLImplicits.rddToDatasetHolder")
}
