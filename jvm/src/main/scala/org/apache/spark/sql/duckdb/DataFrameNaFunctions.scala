package org.apache.spark.sql.duckdb

import scala.jdk.CollectionConverters._

import org.apache.spark.connect.proto
import org.apache.spark.sql
import org.apache.spark.sql.Row

/** `df.na`: NADrop / NAFill / NAReplace relations (Spark Connect's forms; the native side resolves them). */
class DataFrameNaFunctions private[duckdb] (session: SparkSession, input: proto.Relation)
    extends sql.DataFrameNaFunctions {

  /** @inheritdoc */
  override protected def drop(minNonNulls: Option[Int]): Dataset[Row] = buildDrop(None, minNonNulls)

  /** @inheritdoc */
  override protected def drop(minNonNulls: Option[Int], cols: Seq[String]): Dataset[Row] =
    buildDrop(Some(cols), minNonNulls)

  private def buildDrop(cols: Option[Seq[String]], minNonNulls: Option[Int]): Dataset[Row] =
    session.newDataFrame() { b =>
      val db = b.getDropNaBuilder.setInput(input)
      cols.foreach(c => db.addAllCols(c.asJava))
      minNonNulls.foreach(db.setMinNonNulls)
    }

  private def buildFill(cols: Seq[String], values: Seq[Any]): Dataset[Row] = session.newDataFrame() { b =>
    b.getFillNaBuilder.setInput(input)
      .addAllCols(cols.asJava)
      .addAllValues(values.map(v => LiteralToProto(v)).asJava)
  }

  /** @inheritdoc */
  override def fill(value: Long): Dataset[Row] = buildFill(Nil, Seq(value))

  /** @inheritdoc */
  override def fill(value: Double): Dataset[Row] = buildFill(Nil, Seq(value))

  /** @inheritdoc */
  override def fill(value: String): Dataset[Row] = buildFill(Nil, Seq(value))

  /** @inheritdoc */
  override def fill(value: Long, cols: Seq[String]): Dataset[Row] = buildFill(cols, Seq(value))

  /** @inheritdoc */
  override def fill(value: Double, cols: Seq[String]): Dataset[Row] = buildFill(cols, Seq(value))

  /** @inheritdoc */
  override def fill(value: String, cols: Seq[String]): Dataset[Row] = buildFill(cols, Seq(value))

  /** @inheritdoc */
  override def fill(value: Boolean): Dataset[Row] = buildFill(Nil, Seq(value))

  /** @inheritdoc */
  override def fill(value: Boolean, cols: Seq[String]): Dataset[Row] = buildFill(cols, Seq(value))

  /** @inheritdoc */
  override protected def fillMap(values: Seq[(String, Any)]): Dataset[Row] =
    buildFill(values.map(_._1), values.map(_._2))

  /** @inheritdoc */
  override def replace[T](col: String, replacement: Map[T, T]): Dataset[Row] =
    replace(if (col == "*") Nil else Seq(col), replacement)

  /** @inheritdoc */
  override def replace[T](cols: Seq[String], replacement: Map[T, T]): Dataset[Row] = session.newDataFrame() { b =>
    val rb = b.getReplaceBuilder.setInput(input).addAllCols(cols.asJava)
    replacement.foreach { case (from, to) =>
      rb.addReplacements(proto.NAReplace.Replacement.newBuilder()
        .setOldValue(LiteralToProto(from)).setNewValue(LiteralToProto(to)))
    }
  }
}
