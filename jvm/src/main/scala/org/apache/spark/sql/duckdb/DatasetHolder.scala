package org.apache.spark.sql.duckdb

import org.apache.spark.sql
import org.apache.spark.sql.Row

/** What `Seq(...)` becomes under `import spark.implicits._`, for `.toDS()` / `.toDF(...)`. */
class DatasetHolder[T] private[duckdb] (ds: Dataset[T]) extends sql.DatasetHolder[T] {

  /** @inheritdoc */
  override def toDS(): Dataset[T] = ds

  /** @inheritdoc */
  override def toDF(): Dataset[Row] = ds.toDF()

  /** @inheritdoc */
  override def toDF(colNames: String*): Dataset[Row] = ds.toDF(colNames: _*)
}
