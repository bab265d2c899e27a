package org.apache.spark.sql.duckdb

import scala.jdk.CollectionConverters._

import org.apache.spark.connect.proto
import org.apache.spark.sql
import org.apache.spark.sql.{Column, Row}
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoders.{ArrayEncoder, PrimitiveDoubleEncoder}

/** `df.stat`: Stat* relations (Spark Connect's forms; the native side resolves them). */
class DataFrameStatFunctions private[duckdb] (override val df: Dataset[Row]) extends sql.DataFrameStatFunctions {

  private def session = df.sparkSession

  /** @inheritdoc */
  override def approxQuantile(cols: Array[String], probabilities: Array[Double],
      relativeError: Double): Array[Array[Double]] = {
    require(relativeError >= 0, s"Relative Error must be non-negative but got $relativeError")
    val encoder = ArrayEncoder(ArrayEncoder(PrimitiveDoubleEncoder, containsNull = false), containsNull = false)
    session.newDataset(encoder) { b =>
      b.getApproxQuantileBuilder.setInput(df.relation)
        .addAllCols(cols.toSeq.asJava)
        .addAllProbabilities(probabilities.toSeq.map(Double.box).asJava)
        .setRelativeError(relativeError)
    }.collect().head
  }

  /** @inheritdoc */
  override def cov(col1: String, col2: String): Double =
    internal.StatFunctions.cov(df, col1, col2).head().getDouble(0)

  /** @inheritdoc */
  override def corr(col1: String, col2: String, method: String): Double = {
    require(method == "pearson", "Currently only the calculation of the Pearson Correlation coefficient is supported.")
    internal.StatFunctions.corr(df, col1, col2).head().getDouble(0)
  }

  /** @inheritdoc */
  override def crosstab(col1: String, col2: String): Dataset[Row] = internal.StatFunctions.crosstab(df, col1, col2)

  /** @inheritdoc */
  override def freqItems(cols: Seq[String], support: Double): Dataset[Row] = session.newDataFrame() { b =>
    b.getFreqItemsBuilder.setInput(df.relation).addAllCols(cols.asJava).setSupport(support)
  }

  /** @inheritdoc */
  override def sampleBy[T](col: Column, fractions: Map[T, Double], seed: Long): Dataset[Row] = {
    fractions.values.foreach(f => require(f >= 0.0 && f <= 1.0, s"Fractions must be in [0, 1], but got $f."))
    session.newDataFrame(Seq(col)) { b =>
      val sb = b.getSampleByBuilder.setInput(df.relation).setCol(ColumnNodeToProto(col)).setSeed(seed)
      fractions.foreach { case (stratum, fraction) =>
        sb.addFractions(proto.StatSampleBy.Fraction.newBuilder().setStratum(LiteralToProto(stratum)).setFraction(fraction))
      }
    }
  }
}
