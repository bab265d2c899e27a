package org.apache.spark.sql.duckdb

import java.net.URI
import java.util.concurrent.atomic.{AtomicBoolean, AtomicLong}

import scala.jdk.CollectionConverters._
import scala.reflect.runtime.universe.TypeTag

import org.apache.spark.SparkContext
import org.apache.spark.api.java.JavaRDD
import org.apache.spark.connect.proto
import org.apache.spark.rdd.RDD
import org.apache.spark.sql
import org.apache.spark.sql.{Column, Encoder, ExperimentalMethods, Row, SparkSessionBuilder, SparkSessionCompanion, SparkSessionExtensions}
import org.apache.spark.sql.catalyst.{JavaTypeInference, ScalaReflection}
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoder
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoders.{agnosticEncoderFor, BoxedLongEncoder, UnboundRowEncoder}
import org.apache.spark.sql.duckdb.internal.{LocalData, NativeSession}
import org.apache.spark.sql.internal.{SessionState, SharedState}
import org.apache.spark.sql.sources.BaseRelation
import org.apache.spark.sql.streaming.{DataStreamReader, StreamingQueryManager}
import org.apache.spark.sql.types.StructType
import org.apache.spark.sql.util.ExecutionListenerManager

/**
 * A Spark session that runs in-process on DuckDB. Datasets build Spark Connect plans; the native session (opened
 * on first use, released by `close()`/`stop()`) resolves them with Spark's semantics and runs them.
 *
 * `initialConf` holds the builder's options (`spark.master`, `spark.sql.*`, ...); `conf` starts from it.
 * `openNative` opens the native session (replaced in plan-building tests, which never run anything).
 */
class SparkSession private[duckdb] (
    initialConf: Map[String, String],
    openNative: Map[String, String] => NativeSession = NativeSession.open)
    extends sql.SparkSession {

  /** @inheritdoc */
  val conf: RuntimeConfig = new RuntimeConfig(this, initialConf)

  private val closed = new AtomicBoolean(false)
  @volatile private var nativeOpened = false

  /** The native session. Lazy so that plan building (and its tests) never needs the native library. */
  /** Persisted plans and their storage levels (Spark's CacheManager, keyed by plan as Spark's is). */
  private[duckdb] val persistedRelations =
    new java.util.concurrent.ConcurrentHashMap[org.apache.spark.connect.proto.Relation, org.apache.spark.storage.StorageLevel]()

  private[duckdb] lazy val native: NativeSession = {
    val session = openNative(conf.getAll)
    nativeOpened = true
    session
  }

  /** Called by `conf.set`: session options reach an already opened native session at once. */
  private[duckdb] def onConfSet(key: String, value: String): Unit =
    if (nativeOpened && key.startsWith("spark.sql.")) native.setOption(key, value)

  private[duckdb] def timeZone: String = conf.get(RuntimeConfig.SessionTimeZoneKey)

  // ---- Plans ----

  /** A new Dataset whose root relation is built by `f`; it gets a fresh plan id. Sub-queries used by `cols` travel
   *  once, as references of a WithRelations root (Spark Connect's form). */
  private[duckdb] def newDataset[T](encoder: AgnosticEncoder[T], cols: Seq[Column] = Nil)(
      f: proto.Relation.Builder => Unit): Dataset[T] = {
    val builder = proto.Relation.newBuilder()
    f(builder)
    builder.getCommonBuilder.setPlanId(SparkSession.nextPlanId())
    val references = cols.flatMap(c => ColumnNodeToProto.subqueries(c.node)).map(Dataset.relationOf).distinct
    val root = if (references.isEmpty) {
      builder.build()
    } else {
      val wb = proto.Relation.newBuilder()
      wb.getWithRelationsBuilder.setRoot(builder).addAllReferences(references.asJava)
      wb.getCommonBuilder.setPlanId(SparkSession.nextPlanId())
      wb.build()
    }
    new Dataset[T](this, root, encoder)
  }

  private[duckdb] def newDataFrame(cols: Seq[Column] = Nil)(f: proto.Relation.Builder => Unit): Dataset[Row] =
    newDataset(UnboundRowEncoder, cols)(f)

  private def localDataset[T](encoder: AgnosticEncoder[T], data: Seq[T]): Dataset[T] =
    newDataset(encoder) { b =>
      // Empty data: the schema alone (no Arrow stream to write), as Spark Connect does.
      if (data.isEmpty) b.getLocalRelationBuilder.setSchema(encoder.schema.json)
      else b.setLocalRelation(LocalData.fromObjects(data, encoder))
    }

  // ---- Members of sql.SparkSession ----

  /** @inheritdoc */
  lazy val version: String = org.apache.spark.SparkBuildInfo.spark_version

  /** @inheritdoc */
  override def sparkContext: SparkContext = NotSupportedYet("SparkSession.sparkContext")

  /** @inheritdoc */
  override def sharedState: SharedState = NotSupportedYet("SparkSession.sharedState")

  /** @inheritdoc */
  override def sessionState: SessionState = NotSupportedYet("SparkSession.sessionState")

  /** @inheritdoc */
  override def sqlContext: org.apache.spark.sql.SQLContext = NotSupportedYet("SparkSession.sqlContext")

  /** @inheritdoc */
  override def listenerManager: ExecutionListenerManager = NotSupportedYet("SparkSession.listenerManager")

  /** @inheritdoc */
  override def experimental: ExperimentalMethods = NotSupportedYet("SparkSession.experimental")

  /** @inheritdoc */
  lazy val udf: UDFRegistration = new UDFRegistration(this)

  /** @inheritdoc */
  override def streams: StreamingQueryManager = NotSupportedYet("SparkSession.streams")

  /** @inheritdoc A new session: its own native session, SQL options and temporary views; the builder's options. */
  override def newSession(): SparkSession = new SparkSession(initialConf, openNative)

  /** @inheritdoc */
  @transient lazy val emptyDataFrame: Dataset[Row] = localDataset(UnboundRowEncoder, Nil)

  /** @inheritdoc */
  override def createDataFrame[A <: Product: TypeTag](data: Seq[A]): Dataset[Row] =
    localDataset(ScalaReflection.encoderFor[A], data).toDF()

  /** @inheritdoc */
  override def createDataFrame(rows: java.util.List[Row], schema: StructType): Dataset[Row] =
    newDataset(UnboundRowEncoder) { b =>
      if (rows.isEmpty) b.getLocalRelationBuilder.setSchema(schema.json)
      else b.setLocalRelation(LocalData.fromRows(rows, schema))
    }

  /** @inheritdoc */
  override def createDataFrame(data: java.util.List[_], beanClass: Class[_]): Dataset[Row] = {
    val encoder = JavaTypeInference.encoderFor(beanClass.asInstanceOf[Class[Any]])
    localDataset(encoder, data.asScala.toSeq.asInstanceOf[Seq[Any]]).toDF()
  }

  /** @inheritdoc */
  override def createDataFrame[A <: Product: TypeTag](rdd: RDD[A]): Dataset[Row] =
    NotSupportedYet("SparkSession.createDataFrame(RDD)")

  /** @inheritdoc */
  override def createDataFrame(rowRDD: RDD[Row], schema: StructType): Dataset[Row] =
    NotSupportedYet("SparkSession.createDataFrame(RDD)")

  /** @inheritdoc */
  override def createDataFrame(rowRDD: JavaRDD[Row], schema: StructType): Dataset[Row] =
    NotSupportedYet("SparkSession.createDataFrame(JavaRDD)")

  /** @inheritdoc */
  override def createDataFrame(rdd: RDD[_], beanClass: Class[_]): Dataset[Row] =
    NotSupportedYet("SparkSession.createDataFrame(RDD)")

  /** @inheritdoc */
  override def createDataFrame(rdd: JavaRDD[_], beanClass: Class[_]): Dataset[Row] =
    NotSupportedYet("SparkSession.createDataFrame(JavaRDD)")

  /** @inheritdoc */
  override def baseRelationToDataFrame(baseRelation: BaseRelation): Dataset[Row] =
    NotSupportedYet("SparkSession.baseRelationToDataFrame")

  /** @inheritdoc */
  override def emptyDataset[T: Encoder]: Dataset[T] = localDataset(agnosticEncoderFor[T], Nil)

  /** @inheritdoc */
  override def createDataset[T: Encoder](data: Seq[T]): Dataset[T] = localDataset(agnosticEncoderFor[T], data)

  /** @inheritdoc */
  override def createDataset[T: Encoder](data: java.util.List[T]): Dataset[T] = createDataset(data.asScala.toSeq)

  /** @inheritdoc */
  override def createDataset[T: Encoder](data: RDD[T]): Dataset[T] = NotSupportedYet("SparkSession.createDataset(RDD)")

  /** @inheritdoc */
  override def range(end: Long): Dataset[java.lang.Long] = range(0L, end)

  /** @inheritdoc */
  override def range(start: Long, end: Long): Dataset[java.lang.Long] = range(start, end, 1L)

  /** @inheritdoc */
  override def range(start: Long, end: Long, step: Long): Dataset[java.lang.Long] = rangeOf(start, end, step, None)

  /** @inheritdoc */
  override def range(start: Long, end: Long, step: Long, numPartitions: Int): Dataset[java.lang.Long] =
    rangeOf(start, end, step, Some(numPartitions))

  private[duckdb] def rangeOf(start: Long, end: Long, step: Long, numPartitions: Option[Int]): Dataset[java.lang.Long] =
    newDataset(BoxedLongEncoder) { b =>
      val rb = b.getRangeBuilder.setStart(start).setEnd(end).setStep(step)
      numPartitions.foreach(rb.setNumPartitions)
    }

  /** @inheritdoc */
  lazy val catalog: Catalog = new Catalog(this)

  /** @inheritdoc */
  override def table(tableName: String): Dataset[Row] = read.table(tableName)

  /** SQL text, temporary views and SQL statements of this session (SqlSupport.scala). */
  private[duckdb] lazy val sessionSql: SessionSql = new SessionSql(this)

  /** @inheritdoc Parsed in the JVM with Spark's grammar into the plan the DataFrame API would build. */
  override def sql(sqlText: String, args: Array[_]): Dataset[Row] = sessionSql.sql(sqlText, Map.empty, args.toSeq)

  /** @inheritdoc Parsed in the JVM with Spark's grammar into the plan the DataFrame API would build. */
  override def sql(sqlText: String, args: Map[String, Any]): Dataset[Row] = sessionSql.sql(sqlText, args, Nil)

  /** @inheritdoc */
  override def executeCommand(runner: String, command: String, options: Map[String, String]): Dataset[Row] =
    NotSupportedYet("SparkSession.executeCommand")

  /** @inheritdoc */
  override def addArtifact(path: String): Unit = NotSupportedYet("SparkSession.addArtifact")

  /** @inheritdoc */
  override def addArtifact(uri: URI): Unit = NotSupportedYet("SparkSession.addArtifact")

  /** @inheritdoc */
  override def addArtifact(bytes: Array[Byte], target: String): Unit = NotSupportedYet("SparkSession.addArtifact")

  /** @inheritdoc */
  override def addArtifact(source: String, target: String): Unit = NotSupportedYet("SparkSession.addArtifact")

  /** @inheritdoc */
  override def addArtifacts(uri: URI*): Unit = NotSupportedYet("SparkSession.addArtifacts")

  // Tags only label operations for interruptTag, which is not supported yet: keeping them would suggest otherwise.
  /** @inheritdoc */
  override def addTag(tag: String): Unit = NotSupportedYet("SparkSession.addTag")

  /** @inheritdoc */
  override def removeTag(tag: String): Unit = NotSupportedYet("SparkSession.removeTag")

  /** @inheritdoc */
  override def getTags(): Set[String] = NotSupportedYet("SparkSession.getTags")

  /** @inheritdoc */
  override def clearTags(): Unit = NotSupportedYet("SparkSession.clearTags")

  /** @inheritdoc */
  override def interruptAll(): Seq[String] = NotSupportedYet("SparkSession.interruptAll")

  /** @inheritdoc */
  override def interruptTag(tag: String): Seq[String] = NotSupportedYet("SparkSession.interruptTag")

  /** @inheritdoc */
  override def interruptOperation(operationId: String): Seq[String] =
    NotSupportedYet("SparkSession.interruptOperation")

  /** @inheritdoc */
  override def read: DataFrameReader = new DataFrameReader(this)

  /** @inheritdoc */
  override def readStream: DataStreamReader = NotSupportedYet("SparkSession.readStream")

  /** @inheritdoc */
  override def tvf: TableValuedFunction = new TableValuedFunction(this)

  /** @inheritdoc */
  object implicits extends SQLImplicits(this)

  /** @inheritdoc Releases the native session; later actions on this session's Datasets fail. */
  override def close(): Unit = if (closed.compareAndSet(false, true)) {
    try { if (nativeOpened) native.close() }
    finally SparkSession.onSessionClose(this)
  }

  override private[sql] def isUsable: Boolean = !closed.get()

  override def toString: String = s"sparkduck SparkSession(${conf.getOption("spark.app.name").getOrElse("")})"
}

/** The builder entry point: `org.apache.spark.sql.duckdb.SparkSession.builder()...getOrCreate()`. */
object SparkSession extends SparkSessionCompanion {
  override private[sql] type Session = SparkSession

  // One generator for every session: plan ids stay unique when Datasets of two sessions meet (and fail clearly).
  private val planIdGenerator = new AtomicLong(0L)
  private[duckdb] def nextPlanId(): Long = planIdGenerator.getAndIncrement()

  // The last session a builder created. The active/default slots are shared by every Spark implementation in the
  // JVM (a classic session may hold them); this keeps getOrCreate returning the live sparkduck session then too.
  @volatile private var lastCreated: Option[SparkSession] = None

  /** @inheritdoc */
  override def builder(): Builder = new Builder

  override protected def tryCastToImplementation(session: sql.SparkSession): Option[SparkSession] = session match {
    case s: SparkSession => Some(s)
    case _ => None
  }

  class Builder extends SparkSessionBuilder {

    /** How sessions of this builder open their native session (replaced in tests). */
    private[duckdb] def openNative: Map[String, String] => NativeSession = NativeSession.open

    // Every option is kept (spark.master, spark.app.name, spark.sql.*): the native session reads what it needs.
    override protected def handleBuilderConfig(key: String, value: String): Boolean = false

    /** @inheritdoc */
    override def withExtensions(f: SparkSessionExtensions => Unit): this.type =
      NotSupportedYet("SparkSession.Builder.withExtensions")

    /** @inheritdoc */
    override private[spark] def sparkContext(sparkContext: SparkContext): this.type =
      NotSupportedYet("SparkSession.Builder.sparkContext")

    /** @inheritdoc The active, else the default sparkduck session, with this builder's `spark.sql.*` options set
     *  on it (as Spark does); otherwise a new one. */
    override def getOrCreate(): SparkSession = SparkSession.synchronized {
      getActiveSession.orElse(getDefaultSession).orElse(lastCreated.filter(_.isUsable)) match {
        case Some(existing) =>
          options.foreach { case (k, v) => if (k.startsWith("spark.sql.")) existing.conf.set(k, v) }
          existing
        case None => create()
      }
    }

    /** @inheritdoc */
    override def create(): SparkSession = SparkSession.synchronized {
      // As SparkConf(loadDefaults = true): `spark.*` system properties (set by spark-submit / sparkduck-submit
      // from --conf, --master, --name) are defaults that the builder's own options override.
      val systemConf = sys.props.toMap.filter { case (k, _) => k.startsWith("spark.") }
      val session = new SparkSession(systemConf ++ options.toMap, openNative)
      session.native // opens now: a missing native library or a bad option fails here, not at the first action
      setDefaultAndActiveSession(session)
      lastCreated = Some(session)
      session
    }
  }
}
