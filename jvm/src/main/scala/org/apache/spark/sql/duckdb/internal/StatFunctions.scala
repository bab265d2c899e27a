package org.apache.spark.sql.duckdb.internal

import java.util.Locale

import org.apache.spark.sql.{Column, DataFrame, Row}
import org.apache.spark.sql.duckdb.{Dataset, NotSupportedYet}
import org.apache.spark.sql.functions._
import org.apache.spark.sql.types.{DoubleType, NumericType, StringType, StructField, StructType}

/**
 * `describe`, `summary`, `stat.cov`, `stat.corr` and `stat.crosstab` built from ordinary DataFrame operations, the
 * way Spark's own `StatFunctions` builds them, so that the one analyzer and function registry compute them with
 * Spark's types, names and null handling.
 */
private[duckdb] object StatFunctions {

  private val DefaultStatistics = Seq("count", "mean", "stddev", "min", "25%", "50%", "75%", "max")

  /**
   * Spark's `summary`: one row per statistic (column `summary`), one string column per numeric or string column of
   * `ds`. Spark keeps a map per column and reads it with element_at; here the statistics of all columns come from
   * one aggregation row, and each output row picks its statistic by position.
   */
  def summary(ds: org.apache.spark.sql.Dataset[_], statistics: Seq[String]): Dataset[Row] = {
    val selected = if (statistics.nonEmpty) statistics else DefaultStatistics
    val percentiles = selected.filter(_.endsWith("%"))
    percentiles.foreach { p =>
      val value = try p.stripSuffix("%").toDouble / 100.0 catch {
        case e: NumberFormatException => throw new IllegalArgumentException(
          s"[_LEGACY_ERROR_TEMP_2114] Unable to parse $p as a percentile", e)
      }
      require(value >= 0 && value <= 1, "Percentiles must be in the range [0, 1]")
    }
    val columns = ds.schema.fields.toSeq.filter(f => f.dataType.isInstanceOf[NumericType] || f.dataType == StringType)
    if (columns.isEmpty) {
      val schema = StructType(Seq(StructField("summary", StringType)))
      val rows = selected.map(s => Row(s))
      return ds.sparkSession.createDataFrame(java.util.Arrays.asList(rows: _*), schema)
        .asInstanceOf[Dataset[Row]]
    }
    // Spark computes percentiles with percentile_approx (Greenwald-Khanna): its approximate answers are not
    // reproduced yet, so a summary that asks for one fails rather than answer differently.
    if (percentiles.nonEmpty) {
      NotSupportedYet(s"Dataset.summary with percentile statistics (${percentiles.mkString(", ")}: percentile_approx)")
    }
    def statistic(name: String, field: StructField): Column = {
      val column = col(quoted(field.name))
      val asDouble = if (field.dataType == StringType) column.try_cast(DoubleType) else column
      name.toLowerCase(Locale.ROOT) match {
        case "count" => count(column)
        case "count_distinct" => count_distinct(column)
        case "mean" => avg(asDouble)
        case "stddev" => stddev(asDouble)
        case "min" => min(column)
        case "max" => max(column)
        case "approx_count_distinct" => NotSupportedYet("Dataset.summary statistic approx_count_distinct")
        case _ => throw new IllegalArgumentException(s"[_LEGACY_ERROR_TEMP_2113] $name is not a recognised statistic")
      }
    }
    val statColumn = (i: Int, j: Int) => s"__sd_stat_${i}_$j"
    val aggregates = for {
      (field, i) <- columns.zipWithIndex
      (name, j) <- selected.zipWithIndex
    } yield statistic(name, field).cast(StringType).as(statColumn(i, j))
    val row = ds.toDF().agg(aggregates.head, aggregates.tail: _*)
    val exploded = row.select((posexplode(array(selected.map(lit): _*)).as(Seq("__sd_pos", "summary")) +:
      aggregates.indices.map(k => col(statColumn(k / selected.length, k % selected.length)))): _*)
    val values = columns.zipWithIndex.map { case (field, i) =>
      selected.indices.foldLeft(Option.empty[Column]) { (acc, j) =>
        val branch = col(statColumn(i, j))
        Some(acc.fold(when(col("__sd_pos") === j, branch))(_.when(col("__sd_pos") === j, branch)))
      }.get.as(field.name)
    }
    // Spark's `summary` column comes from a nullable array literal: nullable.
    val summaryColumn = when(col("__sd_pos") >= 0, col("summary")).as("summary")
    exploded.select((summaryColumn +: values): _*).asInstanceOf[Dataset[Row]]
  }

  /** Spark's `describe(cols)`: the summary of the selected columns (all by default) without percentiles. */
  def describe(ds: org.apache.spark.sql.Dataset[_], cols: Seq[String]): Dataset[Row] = {
    val selected = if (cols.isEmpty) ds else ds.select(cols.head, cols.tail: _*)
    summary(selected, Seq("count", "mean", "stddev", "min", "max"))
  }

  private def numericColumn(df: DataFrame, name: String, what: String): Column = {
    val dataType = df.select(col(name)).schema.fields.head.dataType
    require(dataType.isInstanceOf[NumericType],
      s"Currently $what calculation for columns with dataType ${dataType.catalogString} not supported.")
    // Spark counts a null as 0.0 in both statistics.
    when(isnull(col(name)), lit(0.0)).otherwise(col(name).cast(DoubleType))
  }

  /** Spark's `stat.cov`: the sample covariance, 0.0 when it is undefined. */
  def cov(df: Dataset[Row], col1: String, col2: String): Dataset[Row] = {
    val covariance = covar_samp(numericColumn(df, col1, "covariance"), numericColumn(df, col2, "covariance"))
    df.select(when(isnull(covariance), lit(0.0)).otherwise(covariance).as("cov")).asInstanceOf[Dataset[Row]]
  }

  /** Spark's `stat.corr` (Pearson): NaN when it is undefined. */
  def corr(df: Dataset[Row], col1: String, col2: String): Dataset[Row] = {
    val correlation = org.apache.spark.sql.functions.corr(
      numericColumn(df, col1, "correlation"), numericColumn(df, col2, "correlation"))
    df.select(when(isnull(correlation), lit(Double.NaN)).otherwise(correlation).as("corr")).asInstanceOf[Dataset[Row]]
  }

  /** Spark's `stat.crosstab`: counts per pair of values, one column per value of `col2` (as strings). */
  def crosstab(df: Dataset[Row], col1: String, col2: String): Dataset[Row] = {
    df.groupBy(when(isnull(col(col1)), "null").otherwise(col(col1).cast("string")).as(s"${col1}_$col2"))
      .pivot(when(isnull(col(col2)), "null").otherwise(regexp_replace(col(col2).cast("string"), "`", "")))
      .count().na.fill(0L).asInstanceOf[Dataset[Row]]
  }

  /** A column name as a reference (dots and backquotes in a schema's field name are part of the name). */
  private def quoted(name: String): String = "`" + name.replace("`", "``") + "`"
}
