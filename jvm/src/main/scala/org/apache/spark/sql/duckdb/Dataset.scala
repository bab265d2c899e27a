package org.apache.spark.sql.duckdb

import java.util.Locale

import scala.jdk.CollectionConverters._
import scala.reflect.runtime.universe.TypeTag

import org.apache.spark.api.java.JavaRDD
import org.apache.spark.api.java.function.{FilterFunction, MapFunction}
import org.apache.spark.connect.proto
import org.apache.spark.rdd.RDD
import org.apache.spark.sql
import org.apache.spark.sql.{functions, Column, Encoder, Observation, Row, TypedColumn}
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoder
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoders.{agnosticEncoderFor, PrimitiveLongEncoder, ProductEncoder, StringEncoder, UnboundRowEncoder}
import org.apache.spark.sql.execution.QueryExecution
import org.apache.spark.sql.internal.{UnresolvedAttribute, UnresolvedRegex}
import org.apache.spark.sql.streaming.DataStreamWriter
import org.apache.spark.sql.types.{Metadata, StructType}
import org.apache.spark.storage.StorageLevel

/**
 * A Dataset: an unresolved Spark Connect plan (`relation`, whose root carries a fresh plan id) and the encoder of
 * its rows. Transformations build new relations on top; actions hand the plan to the native session.
 */
class Dataset[T] private[duckdb] (
    val sparkSession: SparkSession,
    private[duckdb] val relation: proto.Relation,
    private[duckdb] val agnosticEncoder: AgnosticEncoder[T])
    extends sql.Dataset[T] {

  private[duckdb] def planId: Long = relation.getCommon.getPlanId

  private def newDataset[U](encoder: AgnosticEncoder[U], cols: Seq[Column] = Nil)(
      f: proto.Relation.Builder => Unit): Dataset[U] = sparkSession.newDataset(encoder, cols)(f)

  private def newDataFrame(cols: Seq[Column] = Nil)(f: proto.Relation.Builder => Unit): Dataset[Row] =
    sparkSession.newDataFrame(cols)(f)

  private def sameTyped(cols: Seq[Column] = Nil)(f: proto.Relation.Builder => Unit): Dataset[T] =
    newDataset(agnosticEncoder, cols)(f)

  private def expr(c: Column): proto.Expression = ColumnNodeToProto(c)

  private def native = sparkSession.native

  override def toString: String =
    try {
      val fields = schema.fields
      val shown = fields.take(2).map(f => s"${f.name}: ${f.dataType.simpleString(2)}")
      val more = fields.length - shown.length match {
        case 0 => ""
        case 1 => " ... 1 more field"
        case n => s" ... $n more fields"
      }
      shown.mkString("[", ", ", more + "]")
    } catch {
      case scala.util.control.NonFatal(e) => s"Invalid Dataframe; ${e.getMessage}"
    }

  // ---- Basic ----

  /** @inheritdoc */
  override val encoder: Encoder[T] = agnosticEncoder

  /** @inheritdoc */
  override def queryExecution: QueryExecution = NotSupportedYet("Dataset.queryExecution")

  /** @inheritdoc */
  override def toDF(): Dataset[Row] = new Dataset[Row](sparkSession, relation, UnboundRowEncoder)

  /** @inheritdoc */
  override def as[U: Encoder]: Dataset[U] = new Dataset[U](sparkSession, relation, agnosticEncoderFor[U])

  /** @inheritdoc */
  override def to(schema: StructType): Dataset[Row] = newDataFrame() { b =>
    b.getToSchemaBuilder.setInput(relation).setSchema(DataTypeToProto(schema))
  }

  /** @inheritdoc */
  override def toDF(colNames: String*): Dataset[Row] = newDataFrame() { b =>
    b.getToDfBuilder.setInput(relation).addAllColumnNames(colNames.asJava)
  }

  /** @inheritdoc Analyzed natively (never runs the query) and cached. */
  override def schema: StructType = cachedSchema

  private lazy val cachedSchema: StructType = native.analyze(relation)

  /** @inheritdoc Prints the DuckDB SQL the plan translates to, under Spark's physical-plan heading. */
  override def explain(mode: String): Unit = {
    mode.trim.toLowerCase(Locale.ROOT) match {
      case "simple" | "extended" | "codegen" | "cost" | "formatted" =>
      case _ => throw new IllegalArgumentException("Unsupported explain mode: " + mode)
    }
    // scalastyle:off println
    val settings = if (mode.trim.equalsIgnoreCase("simple")) "" else s"DuckDB session: ${native.settings}\n"
    println(s"== Physical Plan ==\nDuckDB SQL:\n${native.explain(relation)}\n$settings")
    // scalastyle:on println
  }

  /** @inheritdoc */
  override def isLocal: Boolean = NotSupportedYet("Dataset.isLocal")

  /** @inheritdoc */
  override def isEmpty: Boolean = limit(1).count() == 0L

  /** @inheritdoc sparkduck runs batch queries only. */
  override def isStreaming: Boolean = false

  /** @inheritdoc */
  override protected def checkpoint(eager: Boolean, reliableCheckpoint: Boolean,
      storageLevel: Option[StorageLevel]): Dataset[T] = NotSupportedYet("Dataset.checkpoint")

  /** @inheritdoc */
  override def withWatermark(eventTime: String, delayThreshold: String): Dataset[T] =
    NotSupportedYet("Dataset.withWatermark")

  /** @inheritdoc */
  override def show(numRows: Int, truncate: Boolean): Unit = show(numRows, if (truncate) 20 else 0, vertical = false)

  /** @inheritdoc Spark's format, from the first `numRows + 1` rows (the extra one tells whether there are more). */
  override def show(numRows: Int, truncate: Int, vertical: Boolean): Unit = {
    // Spark's bound (ByteArrayMethods.MAX_ROUNDED_ARRAY_LENGTH - 1), so that numRows + 1 cannot overflow.
    val rowsToShow = numRows.max(0).min(Int.MaxValue - 16)
    val shown = toDF().limit(rowsToShow + 1)
    val shownSchema = shown.schema
    val rows = native.collect(shown.relation, internal.ShowString.rowEncoder(shownSchema))
    // scalastyle:off println
    println(internal.ShowString.format(shownSchema, rows, rowsToShow, truncate, vertical, sparkSession.timeZone))
    // scalastyle:on println
  }

  /** @inheritdoc */
  override def na: DataFrameNaFunctions = new DataFrameNaFunctions(sparkSession, relation)

  /** @inheritdoc */
  override def stat: DataFrameStatFunctions = new DataFrameStatFunctions(toDF())

  // ---- Joins ----

  private def join(right: sql.Dataset[_], cols: Seq[Column])(f: proto.Join.Builder => Unit): Dataset[Row] = {
    val other = sameSession(right)
    newDataFrame(cols) { b =>
      f(b.getJoinBuilder.setLeft(relation).setRight(other.relation))
    }
  }

  /** @inheritdoc */
  override def join(right: sql.Dataset[_]): Dataset[Row] =
    join(right, Nil)(_.setJoinType(proto.Join.JoinType.JOIN_TYPE_INNER))

  /** @inheritdoc */
  override def join(right: sql.Dataset[_], usingColumns: Seq[String], joinType: String): Dataset[Row] =
    join(right, Nil)(_.setJoinType(Dataset.joinType(joinType)).addAllUsingColumns(usingColumns.asJava))

  /** @inheritdoc */
  override def join(right: sql.Dataset[_], joinExprs: Column, joinType: String): Dataset[Row] =
    join(right, Seq(joinExprs))(_.setJoinType(Dataset.joinType(joinType)).setJoinCondition(expr(joinExprs)))

  /** @inheritdoc */
  override def crossJoin(right: sql.Dataset[_]): Dataset[Row] =
    join(right, Nil)(_.setJoinType(proto.Join.JoinType.JOIN_TYPE_CROSS))

  /** @inheritdoc */
  override def joinWith[U](other: sql.Dataset[U], condition: Column, joinType: String): Dataset[(T, U)] = {
    val jt = Dataset.joinType(joinType)
    if (jt == proto.Join.JoinType.JOIN_TYPE_LEFT_SEMI || jt == proto.Join.JoinType.JOIN_TYPE_LEFT_ANTI) {
      throw new IllegalArgumentException(s"Invalid join type in joinWith: $joinType")
    }
    val right = sameSession(other)
    // Each side is one tuple field (a struct when its encoder is one); outer joins may null either side.
    val outer = jt != proto.Join.JoinType.JOIN_TYPE_INNER && jt != proto.Join.JoinType.JOIN_TYPE_CROSS
    val encoder = ProductEncoder.tuple(Seq(agnosticEncoder, right.agnosticEncoder), outer)
      .asInstanceOf[AgnosticEncoder[(T, U)]]
    newDataset(encoder, Seq(condition)) { b =>
      b.getJoinBuilder.setLeft(relation).setRight(right.relation).setJoinType(jt).setJoinCondition(expr(condition))
        .setJoinDataType(proto.Join.JoinDataType.newBuilder()
          .setIsLeftStruct(agnosticEncoder.isStruct).setIsRightStruct(right.agnosticEncoder.isStruct))
    }
  }

  private def lateralJoin(right: sql.Dataset[_], condition: Option[Column], joinType: String): Dataset[Row] = {
    val jt = Dataset.joinType(joinType)
    jt match {
      case proto.Join.JoinType.JOIN_TYPE_INNER | proto.Join.JoinType.JOIN_TYPE_LEFT_OUTER |
          proto.Join.JoinType.JOIN_TYPE_CROSS =>
      case _ => throw new IllegalArgumentException(s"Unsupported lateral join type $joinType")
    }
    val other = sameSession(right)
    newDataFrame(condition.toSeq) { b =>
      val lb = b.getLateralJoinBuilder.setLeft(relation).setRight(other.relation).setJoinType(jt)
      condition.foreach(c => lb.setJoinCondition(expr(c)))
    }
  }

  /** @inheritdoc */
  override def lateralJoin(right: sql.Dataset[_]): Dataset[Row] = lateralJoin(right, None, "inner")

  /** @inheritdoc */
  override def lateralJoin(right: sql.Dataset[_], joinExprs: Column): Dataset[Row] =
    lateralJoin(right, Some(joinExprs), "inner")

  /** @inheritdoc */
  override def lateralJoin(right: sql.Dataset[_], joinType: String): Dataset[Row] = lateralJoin(right, None, joinType)

  /** @inheritdoc */
  override def lateralJoin(right: sql.Dataset[_], joinExprs: Column, joinType: String): Dataset[Row] =
    lateralJoin(right, Some(joinExprs), joinType)

  /** @inheritdoc */
  override def nearestByJoin(right: sql.Dataset[_], rankExpression: Column, numResults: Int, joinType: String,
      direction: String): Dataset[Row] = NotSupportedYet("Dataset.nearestByJoin")

  /** @inheritdoc */
  override def nearestByJoin(right: sql.Dataset[_], rankExpression: Column, numResults: Int, mode: String,
      joinType: String, direction: String): Dataset[Row] = NotSupportedYet("Dataset.nearestByJoin")

  // ---- Sorting, hints, columns ----

  /** @inheritdoc Spark's default null ordering comes with `Column.sortOrder` (asc: nulls first, desc: last). */
  override protected def sortInternal(global: Boolean, sortCols: Seq[Column]): Dataset[T] = sameTyped(sortCols) { b =>
    b.getSortBuilder.setInput(relation).setIsGlobal(global)
      .addAllOrder(sortCols.map(c => ColumnNodeToProto.sortOrder(c.sortOrder)).asJava)
  }

  /** @inheritdoc */
  override def hint(name: String, parameters: Any*): Dataset[T] = sameTyped() { b =>
    val hb = b.getHintBuilder.setInput(relation).setName(name)
    parameters.foreach {
      case c: Column => hb.addParameters(expr(c))
      case v => hb.addParameters(proto.Expression.newBuilder().setLiteral(LiteralToProto(v)))
    }
  }

  /** @inheritdoc */
  override def col(colName: String): Column = new Column(colName, Some(planId))

  /** @inheritdoc */
  override def metadataColumn(colName: String): Column =
    new Column(UnresolvedAttribute(colName, Some(planId), isMetadataColumn = true))

  /** @inheritdoc */
  override def colRegex(colName: String): Column = new Column(UnresolvedRegex(colName, Some(planId)))

  /** @inheritdoc */
  override def as(alias: String): Dataset[T] = sameTyped() { b =>
    b.getSubqueryAliasBuilder.setInput(relation).setAlias(alias)
  }

  // ---- Projections and filters ----

  /** @inheritdoc */
  override def select(cols: Column*): Dataset[Row] = project(UnboundRowEncoder, cols)

  private def project[U](encoder: AgnosticEncoder[U], cols: Seq[Column]): Dataset[U] = newDataset(encoder, cols) { b =>
    b.getProjectBuilder.setInput(relation).addAllExpressions(cols.map(expr).asJava)
  }

  /** @inheritdoc */
  override def select[U1](c1: TypedColumn[T, U1]): Dataset[U1] = {
    val encoder = agnosticEncoderFor(c1.encoder)
    // A struct-valued typed column becomes the row itself (its fields are the columns), as in Spark.
    val col = if (encoder.isStruct) functions.inline(functions.array(c1)) else c1
    project(encoder, Seq(col))
  }

  /** @inheritdoc */
  override protected def selectUntyped(columns: TypedColumn[_, _]*): Dataset[_] =
    project(ProductEncoder.tuple(columns.map(c => agnosticEncoderFor(c.encoder))), columns)

  /** @inheritdoc */
  override def filter(condition: Column): Dataset[T] = sameTyped(Seq(condition)) { b =>
    b.getFilterBuilder.setInput(relation).setCondition(expr(condition))
  }

  /** @inheritdoc */
  override def filter(func: T => Boolean): Dataset[T] = NotSupportedYet("Dataset.filter(function)")

  /** @inheritdoc */
  override def filter(func: FilterFunction[T]): Dataset[T] = NotSupportedYet("Dataset.filter(FilterFunction)")

  // ---- Aggregation ----

  /** @inheritdoc */
  override def groupBy(cols: Column*): RelationalGroupedDataset =
    new RelationalGroupedDataset(toDF(), cols, proto.Aggregate.GroupType.GROUP_TYPE_GROUPBY)

  /** @inheritdoc */
  override def rollup(cols: Column*): RelationalGroupedDataset =
    new RelationalGroupedDataset(toDF(), cols, proto.Aggregate.GroupType.GROUP_TYPE_ROLLUP)

  /** @inheritdoc */
  override def cube(cols: Column*): RelationalGroupedDataset =
    new RelationalGroupedDataset(toDF(), cols, proto.Aggregate.GroupType.GROUP_TYPE_CUBE)

  /** @inheritdoc */
  override def groupingSets(groupingSets: Seq[Seq[Column]], cols: Column*): RelationalGroupedDataset =
    new RelationalGroupedDataset(toDF(), cols, proto.Aggregate.GroupType.GROUP_TYPE_GROUPING_SETS,
      groupingSets = groupingSets)

  /** @inheritdoc */
  override def reduce(func: (T, T) => T): T = NotSupportedYet("Dataset.reduce")

  /** @inheritdoc */
  override def groupByKey[K: Encoder](func: T => K): sql.KeyValueGroupedDataset[K, T] =
    NotSupportedYet("Dataset.groupByKey")

  private def unpivot(ids: Array[Column], values: Option[Array[Column]], variableColumnName: String,
      valueColumnName: String): Dataset[Row] = newDataFrame(ids.toSeq ++ values.toSeq.flatten) { b =>
    val ub = b.getUnpivotBuilder.setInput(relation)
      .addAllIds(ids.toSeq.map(expr).asJava)
      .setVariableColumnName(variableColumnName)
      .setValueColumnName(valueColumnName)
    values.foreach(v => ub.getValuesBuilder.addAllValues(v.toSeq.map(expr).asJava))
  }

  /** @inheritdoc */
  override def unpivot(ids: Array[Column], values: Array[Column], variableColumnName: String,
      valueColumnName: String): Dataset[Row] = unpivot(ids, Some(values), variableColumnName, valueColumnName)

  /** @inheritdoc */
  override def unpivot(ids: Array[Column], variableColumnName: String, valueColumnName: String): Dataset[Row] =
    unpivot(ids, None, variableColumnName, valueColumnName)

  private def transpose(indices: Seq[Column]): Dataset[Row] = newDataFrame(indices) { b =>
    b.getTransposeBuilder.setInput(relation).addAllIndexColumns(indices.map(expr).asJava)
  }

  /** @inheritdoc */
  override def transpose(indexColumn: Column): Dataset[Row] = transpose(Seq(indexColumn))

  /** @inheritdoc */
  override def transpose(): Dataset[Row] = transpose(Nil)

  /** @inheritdoc */
  override def observe(name: String, expr: Column, exprs: Column*): Dataset[T] = NotSupportedYet("Dataset.observe")

  /** @inheritdoc */
  override def observe(observation: Observation, expr: Column, exprs: Column*): Dataset[T] =
    NotSupportedYet("Dataset.observe")

  // ---- Limits and set operations ----

  /** @inheritdoc */
  override def limit(n: Int): Dataset[T] = sameTyped() { b => b.getLimitBuilder.setInput(relation).setLimit(n) }

  /** @inheritdoc */
  override def offset(n: Int): Dataset[T] = sameTyped() { b => b.getOffsetBuilder.setInput(relation).setOffset(n) }

  private def setOp(other: sql.Dataset[T], opType: proto.SetOperation.SetOpType)(
      f: proto.SetOperation.Builder => Unit): Dataset[T] = {
    val right = sameSession(other)
    sameTyped() { b =>
      f(b.getSetOpBuilder.setSetOpType(opType).setLeftInput(relation).setRightInput(right.relation))
    }
  }

  /** @inheritdoc */
  override def union(other: sql.Dataset[T]): Dataset[T] =
    setOp(other, proto.SetOperation.SetOpType.SET_OP_TYPE_UNION)(_.setIsAll(true))

  /** @inheritdoc */
  override def unionByName(other: sql.Dataset[T], allowMissingColumns: Boolean): Dataset[T] =
    setOp(other, proto.SetOperation.SetOpType.SET_OP_TYPE_UNION)(
      _.setIsAll(true).setByName(true).setAllowMissingColumns(allowMissingColumns))

  /** @inheritdoc */
  override def intersect(other: sql.Dataset[T]): Dataset[T] =
    setOp(other, proto.SetOperation.SetOpType.SET_OP_TYPE_INTERSECT)(_.setIsAll(false))

  /** @inheritdoc */
  override def intersectAll(other: sql.Dataset[T]): Dataset[T] =
    setOp(other, proto.SetOperation.SetOpType.SET_OP_TYPE_INTERSECT)(_.setIsAll(true))

  /** @inheritdoc */
  override def except(other: sql.Dataset[T]): Dataset[T] =
    setOp(other, proto.SetOperation.SetOpType.SET_OP_TYPE_EXCEPT)(_.setIsAll(false))

  /** @inheritdoc */
  override def exceptAll(other: sql.Dataset[T]): Dataset[T] =
    setOp(other, proto.SetOperation.SetOpType.SET_OP_TYPE_EXCEPT)(_.setIsAll(true))

  /** @inheritdoc */
  override def sample(withReplacement: Boolean, fraction: Double, seed: Long): Dataset[T] = sameTyped() { b =>
    b.getSampleBuilder.setInput(relation).setWithReplacement(withReplacement)
      .setLowerBound(0.0d).setUpperBound(fraction).setSeed(seed)
  }

  /** @inheritdoc Samples of adjacent bounds with one seed: disjoint splits holding every row (the rows chosen
   * differ from Spark's; see native/analysis/src/sample.rs). */
  override def randomSplit(weights: Array[Double], seed: Long): Array[sql.Dataset[T]] = {
    require(weights.forall(_ >= 0), s"Weights must be nonnegative, but got ${weights.mkString("[", ",", "]")}")
    require(weights.sum > 0, s"Sum of weights must be positive, but got ${weights.mkString("[", ",", "]")}")
    val bounds = weights.map(_ / weights.sum).scanLeft(0.0d)(_ + _)
    bounds.sliding(2).map { case Array(low, high) =>
      sameTyped() { b =>
        b.getSampleBuilder.setInput(relation).setWithReplacement(false)
          .setLowerBound(low).setUpperBound(high).setSeed(seed).setDeterministicOrder(true)
      }: sql.Dataset[T]
    }.toArray
  }

  /** @inheritdoc */
  override def randomSplitAsList(weights: Array[Double], seed: Long): java.util.List[sql.Dataset[T]] =
    randomSplit(weights, seed).toList.asJava

  /** @inheritdoc */
  override def randomSplit(weights: Array[Double]): Array[sql.Dataset[T]] =
    randomSplit(weights, scala.util.Random.nextLong())

  /** @inheritdoc */
  override def explode[A <: Product: TypeTag](input: Column*)(f: Row => IterableOnce[A]): Dataset[Row] =
    NotSupportedYet("Dataset.explode(function)")

  /** @inheritdoc */
  override def explode[A, B: TypeTag](inputColumn: String, outputColumn: String)(
      f: A => IterableOnce[B]): Dataset[Row] = NotSupportedYet("Dataset.explode(function)")

  // ---- Columns ----

  /** @inheritdoc */
  override def withColumns(colNames: Seq[String], cols: Seq[Column]): Dataset[Row] = {
    require(colNames.size == cols.size,
      s"The size of column names: ${colNames.size} isn't equal to the size of columns: ${cols.size}")
    newDataFrame(cols) { b =>
      b.getWithColumnsBuilder.setInput(relation)
        .addAllAliases(colNames.zip(cols).map { case (n, c) => expr(c.name(n)).getAlias }.asJava)
    }
  }

  /** @inheritdoc */
  override protected[spark] def withColumnsRenamed(colNames: Seq[String], newColNames: Seq[String]): Dataset[Row] = {
    require(colNames.size == newColNames.size,
      s"The size of existing column names: ${colNames.size} isn't equal to the size of new column names: " +
        s"${newColNames.size}")
    newDataFrame() { b =>
      val rb = b.getWithColumnsRenamedBuilder.setInput(relation)
      colNames.zip(newColNames).foreach { case (from, to) =>
        rb.addRenames(proto.WithColumnsRenamed.Rename.newBuilder().setColName(from).setNewColName(to))
      }
    }
  }

  /** @inheritdoc */
  override def withMetadata(columnName: String, metadata: Metadata): Dataset[Row] = newDataFrame() { b =>
    b.getWithColumnsBuilder.setInput(relation).addAliases(
      proto.Expression.Alias.newBuilder().setExpr(expr(col(columnName))).addName(columnName).setMetadata(metadata.json))
  }

  /** @inheritdoc */
  override def drop(colNames: String*): Dataset[Row] = newDataFrame() { b =>
    b.getDropBuilder.setInput(relation).addAllColumnNames(colNames.asJava)
  }

  /** @inheritdoc */
  override def drop(col: Column, cols: Column*): Dataset[Row] = newDataFrame(col +: cols) { b =>
    b.getDropBuilder.setInput(relation).addAllColumns((col +: cols).map(expr).asJava)
  }

  private def deduplicate(columns: Option[Seq[String]], withinWatermark: Boolean): Dataset[T] = sameTyped() { b =>
    val db = b.getDeduplicateBuilder.setInput(relation).setWithinWatermark(withinWatermark)
    columns match {
      case Some(names) => db.addAllColumnNames(names.asJava)
      case None => db.setAllColumnsAsKeys(true)
    }
  }

  /** @inheritdoc */
  override def dropDuplicates(): Dataset[T] = deduplicate(None, withinWatermark = false)

  /** @inheritdoc */
  override def dropDuplicates(colNames: Seq[String]): Dataset[T] = deduplicate(Some(colNames), withinWatermark = false)

  /** @inheritdoc */
  override def dropDuplicatesWithinWatermark(): Dataset[T] = NotSupportedYet("Dataset.dropDuplicatesWithinWatermark")

  /** @inheritdoc */
  override def dropDuplicatesWithinWatermark(colNames: Seq[String]): Dataset[T] =
    NotSupportedYet("Dataset.dropDuplicatesWithinWatermark")

  /** @inheritdoc */
  override def describe(cols: String*): Dataset[Row] = internal.StatFunctions.describe(this, cols)

  /** @inheritdoc */
  override def summary(statistics: String*): Dataset[Row] = internal.StatFunctions.summary(this, statistics)

  // ---- Typed functional operations: closures are not supported yet ----

  /** @inheritdoc */
  override def map[U: Encoder](func: T => U): Dataset[U] = NotSupportedYet("Dataset.map")

  /** @inheritdoc */
  override def map[U](func: MapFunction[T, U], encoder: Encoder[U]): Dataset[U] = NotSupportedYet("Dataset.map")

  /** @inheritdoc */
  override def mapPartitions[U: Encoder](func: Iterator[T] => Iterator[U]): Dataset[U] =
    NotSupportedYet("Dataset.mapPartitions")

  /** @inheritdoc */
  override def foreachPartition(f: Iterator[T] => Unit): Unit = NotSupportedYet("Dataset.foreachPartition")

  // ---- Actions ----

  /** @inheritdoc */
  override def head(n: Int): Array[T] = limit(n).collect()

  /** @inheritdoc The native side checks the Tail (Spark's error for a negative n) and returns every row in the
   * plan's order; the last n are kept here. */
  override def tail(n: Int): Array[T] =
    sameTyped() { b => b.getTailBuilder.setInput(relation).setLimit(n) }.collect().takeRight(n)

  /** @inheritdoc A DataFrame's rows (UnboundRowEncoder) take the result's schema, decoded by the data path. */
  override def collect(): Array[T] = native.collect(relation, agnosticEncoder)

  /** @inheritdoc */
  override def collectAsList(): java.util.List[T] = java.util.Arrays.asList(collect(): _*)

  /** @inheritdoc Streams batch by batch; the native stream is released when the iterator is exhausted or closed. */
  override def toLocalIterator(): java.util.Iterator[T] = native.iterator(relation, agnosticEncoder)

  /** @inheritdoc */
  override def count(): Long = {
    val counted = newDataset(PrimitiveLongEncoder, Nil) { b =>
      b.getAggregateBuilder.setInput(relation).setGroupType(proto.Aggregate.GroupType.GROUP_TYPE_GROUPBY)
        .addAggregateExpressions(expr(functions.count(functions.lit(1)).as("count")))
    }
    counted.collect().head
  }

  // ---- Partitioning: DuckDB has no partitions; the relations keep Spark's plan shape, the native side decides ----

  private def repartition(numPartitions: Int, shuffle: Boolean): Dataset[T] = sameTyped() { b =>
    b.getRepartitionBuilder.setInput(relation).setNumPartitions(numPartitions).setShuffle(shuffle)
  }

  private def repartitionBy(numPartitions: Option[Int], partitionExprs: Seq[Column]): Dataset[T] =
    sameTyped(partitionExprs) { b =>
      val rb = b.getRepartitionByExpressionBuilder.setInput(relation)
        .addAllPartitionExprs(partitionExprs.map(expr).asJava)
      numPartitions.foreach(rb.setNumPartitions)
    }

  /** @inheritdoc */
  override def repartition(numPartitions: Int): Dataset[T] = repartition(numPartitions, shuffle = true)

  /** @inheritdoc */
  override protected def repartitionByExpression(numPartitions: Option[Int],
      partitionExprs: Seq[Column]): Dataset[T] = {
    val sortOrders = partitionExprs.filter(e => expr(e).hasSortOrder)
    if (sortOrders.nonEmpty) {
      throw new IllegalArgumentException(
        s"Invalid partitionExprs specified: $sortOrders\nFor range partitioning use repartitionByRange(...) instead.")
    }
    repartitionBy(numPartitions, partitionExprs)
  }

  /** @inheritdoc */
  override protected def repartitionByRange(numPartitions: Option[Int], partitionExprs: Seq[Column]): Dataset[T] = {
    require(partitionExprs.nonEmpty, "At least one partition-by expression must be specified.")
    repartitionBy(numPartitions, partitionExprs.map(e => if (expr(e).hasSortOrder) e else e.asc))
  }

  /** @inheritdoc */
  override def repartitionById(numPartitions: Int, partitionIdExpr: Column): Dataset[T] =
    NotSupportedYet("Dataset.repartitionById")

  /** @inheritdoc */
  override def coalesce(numPartitions: Int): Dataset[T] = repartition(numPartitions, shuffle = false)

  // ---- Caching: the result is materialized in DuckDB; plans built on this Dataset read it ----

  /**
   * @inheritdoc The result is computed now into a table of the session's DuckDB database (Spark fills its cache at
   * the first action; the results are the same unless the sources change in between), and every plan built on
   * this Dataset reads that table. The storage level is remembered; DuckDB decides memory or disk.
   */
  override def persist(): this.type = persist(StorageLevel.MEMORY_AND_DISK)

  /** @inheritdoc See `persist()`. */
  override def cache(): this.type = persist()

  /** @inheritdoc See `persist()`. Persisting again keeps the first level, as Spark does. */
  override def persist(newLevel: StorageLevel): this.type = {
    val persisted = sparkSession.persistedRelations
    persisted.synchronized {
      if (newLevel != StorageLevel.NONE && !persisted.containsKey(relation)) {
        sparkSession.native.persist(relation)
        persisted.put(relation, newLevel)
      }
    }
    this
  }

  /** @inheritdoc */
  override def storageLevel: StorageLevel =
    Option(sparkSession.persistedRelations.get(relation)).getOrElse(StorageLevel.NONE)

  /** @inheritdoc */
  override def unpersist(blocking: Boolean): this.type = {
    val persisted = sparkSession.persistedRelations
    persisted.synchronized {
      if (persisted.remove(relation) != null) sparkSession.native.unpersist(relation)
    }
    this
  }

  /** @inheritdoc */
  override def unpersist(): this.type = unpersist(blocking = false)

  // ---- Views, writers, misc ----

  /** @inheritdoc The view is this Dataset's plan, checked (analyzed) now as Spark checks it. */
  override protected def createTempView(viewName: String, replace: Boolean, global: Boolean): Unit = {
    val parts = sparkSession.sessionSql.nameParts(viewName)
    val name = parts match {
      case Seq(n) => n
      case Seq(db, n) if global && db.equalsIgnoreCase(sparkSession.sessionSql.globalDatabase) => n
      case _ if global => throw new org.apache.spark.sql.AnalysisException(
        errorClass = "INVALID_SCHEMA_OR_RELATION_NAME", messageParameters = Map("name" -> viewName))
      case _ => throw new org.apache.spark.sql.AnalysisException(errorClass = "TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS",
        messageParameters = Map("actualName" -> parts.map(p => s"`$p`").mkString(".")))
    }
    schema
    sparkSession.sessionSql.createView(name, relation, replace, global)
  }

  /** @inheritdoc */
  override def mergeInto(table: String, condition: Column): sql.MergeIntoWriter[T] = NotSupportedYet("Dataset.mergeInto")

  /** @inheritdoc */
  override def writeStream: DataStreamWriter[T] = NotSupportedYet("Dataset.writeStream")

  /** @inheritdoc */
  override def writeTo(table: String): sql.DataFrameWriterV2[T] = NotSupportedYet("Dataset.writeTo")

  /** @inheritdoc */
  override def toJSON: Dataset[String] =
    select(functions.to_json(functions.struct(col("*")))).as(StringEncoder)

  /** @inheritdoc */
  override def inputFiles: Array[String] = NotSupportedYet("Dataset.inputFiles")

  /** @inheritdoc */
  override def sameSemantics(other: sql.Dataset[T]): Boolean = NotSupportedYet("Dataset.sameSemantics")

  /** @inheritdoc */
  override def semanticHash(): Int = NotSupportedYet("Dataset.semanticHash")

  /** @inheritdoc */
  override def write: DataFrameWriter[T] = new DataFrameWriter[T](this)

  /** @inheritdoc */
  override def rdd: RDD[T] = NotSupportedYet("Dataset.rdd")

  /** @inheritdoc */
  override def toJavaRDD: JavaRDD[T] = NotSupportedYet("Dataset.toJavaRDD")

  private def sameSession[U](other: sql.Dataset[U]): Dataset[U] = other match {
    case d: Dataset[U] if d.sparkSession eq sparkSession => d
    case _: Dataset[_] =>
      throw new IllegalArgumentException("Both Datasets must belong to the same sparkduck SparkSession.")
    case _ =>
      throw new IllegalArgumentException(s"Not a sparkduck Dataset: ${other.getClass.getName}")
  }
}

private[duckdb] object Dataset {

  def relationOf(ds: sql.Dataset[_]): proto.Relation = ds match {
    case d: Dataset[_] => d.relation
    case other => throw new IllegalArgumentException(s"Not a sparkduck Dataset: ${other.getClass.getName}")
  }

  def planIdOf(ds: sql.Dataset[_]): Long = relationOf(ds).getCommon.getPlanId

  /** Spark's join type names (case-insensitive, underscores optional). */
  def joinType(name: String): proto.Join.JoinType =
    name.trim.toLowerCase(Locale.ROOT).replace("_", "") match {
      case "inner" => proto.Join.JoinType.JOIN_TYPE_INNER
      case "cross" => proto.Join.JoinType.JOIN_TYPE_CROSS
      case "outer" | "full" | "fullouter" => proto.Join.JoinType.JOIN_TYPE_FULL_OUTER
      case "left" | "leftouter" => proto.Join.JoinType.JOIN_TYPE_LEFT_OUTER
      case "right" | "rightouter" => proto.Join.JoinType.JOIN_TYPE_RIGHT_OUTER
      case "semi" | "leftsemi" => proto.Join.JoinType.JOIN_TYPE_LEFT_SEMI
      case "anti" | "leftanti" => proto.Join.JoinType.JOIN_TYPE_LEFT_ANTI
      case _ =>
        throw new IllegalArgumentException(
          s"[UNSUPPORTED_JOIN_TYPE] Unsupported join type '$name'. Supported join types include: 'inner', " +
            "'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', " +
            "'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'.")
    }
}
