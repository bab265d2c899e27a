package org.apache.spark.sql.duckdb.internal

import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicBoolean

import scala.collection.mutable

import org.apache.arrow.c.{ArrowArrayStream, Data}
import org.apache.arrow.memory.{BufferAllocator, RootAllocator}
import org.apache.arrow.vector.ipc.ArrowReader

import org.apache.spark.connect.proto
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoder
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoders.UnboundRowEncoder
import org.apache.spark.sql.types.{DataType, StructType}

/** One native session; thread-safe. Every Arrow buffer it hands out is released by `close` at the latest. */
final class NativeSession private (handle: Long, configJson: String, initialJava8DateTimes: Boolean)
    extends AutoCloseable {
  private val allocator: BufferAllocator = new RootAllocator(Long.MaxValue)
  private val openStreams = ConcurrentHashMap.newKeySet[ResultIterator[_]]()
  private val closed = new AtomicBoolean(false)

  private def checkOpen(): Unit = if (closed.get) throw new IllegalStateException("sparkduck session is closed")

  /** The settings the DuckDB session was opened with (threads, memory_limit, temp_directory, ...), as JSON. */
  def settings: String = configJson

  /** `spark.sql.datetime.java8API.enabled`: dates and timestamps of DataFrame rows as java.time values. */
  @volatile private var java8DateTimes = initialJava8DateTimes

  def setOption(key: String, value: String): Unit = {
    checkOpen()
    native(NativeBridge.setOption(handle, key, value))
    if (key == DataFrameRowEncoder.Java8DateTimeKey) java8DateTimes = NativeSession.parseBoolean(key, value)
  }

  /** Spark's output schema of the plan; never runs the query. */
  def analyze(plan: proto.Relation): StructType = {
    checkOpen()
    parseSchema(native(NativeBridge.analyze(handle, plan.toByteArray)))
  }

  /** The DuckDB SQL the plan translates to. */
  def explain(plan: proto.Relation): String = {
    checkOpen()
    native(NativeBridge.explain(handle, plan.toByteArray))
  }

  /** `Dataset.persist`: the plan's result is computed now and read by later plans that contain the plan. */
  def persist(plan: proto.Relation): Unit = {
    checkOpen()
    native(NativeBridge.persist(handle, plan.toByteArray))
  }

  /** `Dataset.unpersist`: true when the plan was persisted. */
  def unpersist(plan: proto.Relation): Boolean = {
    checkOpen()
    native(NativeBridge.unpersist(handle, plan.toByteArray))
  }

  /** `spark.catalog.clearCache`. */
  def clearCache(): Unit = {
    checkOpen()
    native(NativeBridge.clearCache(handle))
  }

  /** Runs a command (`WriteOperation`): nothing to return, errors are thrown. */
  def executeCommand(command: proto.Command): Unit = {
    checkOpen()
    native(NativeBridge.executeCommand(handle, command.toByteArray))
  }

  /** Registers a UDF by name (`spark.udf.register`) for calls by name in later plans. */
  def registerFunction(name: String, udf: proto.CommonInlineUserDefinedFunction): Unit = {
    checkOpen()
    native(NativeBridge.registerFunction(handle, name, udf.toByteArray))
  }

  /** Runs the plan and decodes every row with `encoder`. */
  def collect[T](plan: proto.Relation, encoder: AgnosticEncoder[T]): Array[T] = {
    val it = openResult(plan, encoder)
    try {
      val builder = mutable.ArrayBuilder.make[T](encoder.clsTag)
      it.drain(value => builder += value)
      builder.result()
    } finally it.close()
  }

  /** Streams batch by batch (bounded memory); closing releases the native stream. */
  def iterator[T](plan: proto.Relation, encoder: AgnosticEncoder[T]): java.util.Iterator[T] with AutoCloseable =
    openResult(plan, encoder)

  private def openResult[T](plan: proto.Relation, encoder: AgnosticEncoder[T]): ResultIterator[T] = {
    checkOpen()
    val streamAllocator = allocator.newChildAllocator("result", 0, Long.MaxValue)
    var reader: ArrowReader = null
    try {
      val stream = ArrowArrayStream.allocateNew(streamAllocator)
      val schemaJson =
        try {
          val json = native(NativeBridge.execute(handle, plan.toByteArray, stream.memoryAddress()))
          reader = Data.importArrayStream(streamAllocator, stream)
          json
        } finally stream.close() // the reader owns the moved stream; this frees only the C struct
      val schema = parseSchema(schemaJson)
      val rowEncoder = if (encoder eq UnboundRowEncoder) {
        DataFrameRowEncoder.forSchema(schema, java8DateTimes).asInstanceOf[AgnosticEncoder[T]]
      } else encoder
      val it = new ResultIterator[T](reader, streamAllocator, rowEncoder, schema, openStreams.remove(_))
      openStreams.add(it)
      it
    } catch {
      case e: Throwable =>
        try if (reader != null) reader.close() finally streamAllocator.close()
        throw Errors.toSpark(e)
    }
  }

  /**
   * Development only (the TPC-H benchmark's native DuckDB baseline): runs DuckDB SQL text as it is, without Spark
   * analysis, and streams the Arrow result into `onBatch` (the root holds one batch at a time; no rows are built).
   */
  private[duckdb] def runSql(sql: String)(onBatch: org.apache.arrow.vector.VectorSchemaRoot => Unit): StructType = {
    checkOpen()
    val streamAllocator = allocator.newChildAllocator("sql", 0, Long.MaxValue)
    try {
      val stream = ArrowArrayStream.allocateNew(streamAllocator)
      var reader: ArrowReader = null
      try {
        val json = try {
          val json = native(NativeBridge.executeSql(handle, sql, stream.memoryAddress()))
          reader = Data.importArrayStream(streamAllocator, stream)
          json
        } finally stream.close()
        while (reader.loadNextBatch()) onBatch(reader.getVectorSchemaRoot)
        parseSchema(json)
      } finally if (reader != null) reader.close()
    } catch {
      case e: Throwable => throw Errors.toSpark(e)
    } finally streamAllocator.close()
  }

  def close(): Unit = if (closed.compareAndSet(false, true)) {
    try {
      openStreams.forEach(_.close())
      native(NativeBridge.closeSession(handle))
    } finally allocator.close()
  }

  private def parseSchema(json: String): StructType = DataType.fromJson(json) match {
    case s: StructType => s
    case other => throw Errors.internal(s"native schema is not a struct: ${other.json}")
  }

  private def native[R](call: => R): R =
    try call catch { case e: NativeException => throw Errors.toSpark(e) }
}

/** Decodes a native Arrow stream row by row; the current batch stays in Arrow memory until the next one. */
private[internal] final class ResultIterator[T](
    reader: ArrowReader,
    streamAllocator: BufferAllocator,
    encoder: AgnosticEncoder[T],
    schema: StructType,
    onClose: ResultIterator[T] => Unit) extends java.util.Iterator[T] with AutoCloseable {
  private var closed = false
  private var row = 0
  private var rowsInBatch = 0
  private val decoder = ArrowDecoders.forRoot(encoder, reader.getVectorSchemaRoot, schema)

  override def hasNext: Boolean = synchronized {
    while (!closed && row >= rowsInBatch) {
      val more =
        try reader.loadNextBatch()
        catch { case e: Throwable => close(); throw Errors.toSpark(e) }
      if (!more) close()
      else { row = 0; rowsInBatch = reader.getVectorSchemaRoot.getRowCount }
    }
    !closed
  }

  override def next(): T = synchronized {
    if (!hasNext) throw new NoSuchElementException("no more rows")
    val value =
      try decoder.get(row)
      catch { case e: Throwable => close(); throw e }
    row += 1
    value.asInstanceOf[T]
  }

  /** Decodes every remaining row into `sink`: one lock and one check per batch instead of per row. */
  def drain(sink: T => Unit): Unit = synchronized {
    while (hasNext) {
      try {
        while (row < rowsInBatch) {
          sink(decoder.get(row).asInstanceOf[T])
          row += 1
        }
      } catch { case e: Throwable => close(); throw e }
    }
  }

  override def close(): Unit = synchronized {
    if (!closed) {
      closed = true
      try reader.close() finally {
        streamAllocator.close()
        onClose(this)
      }
    }
  }
}

object NativeSession {
  private val log = org.slf4j.LoggerFactory.getLogger(classOf[NativeSession])

  /** conf: Spark conf keys (spark.master local[N] → threads, spark.driver.memory → memory_limit,
   *  spark.sql.session.timeZone, spark.sql.ansi.enabled, spark.sql.caseSensitive, spark.local.dir). */
  def open(conf: Map[String, String]): NativeSession = {
    NativeLoader.ensureLoaded()
    val json = configJson(conf, NativeLoader.extensionDir.map(_.toAbsolutePath.toString))
    log.debug(s"sparkduck: opening a DuckDB session with $json")
    val handle = try NativeBridge.openSession(json) catch { case e: NativeException => throw Errors.toSpark(e) }
    new NativeSession(handle, json,
      conf.get(DataFrameRowEncoder.Java8DateTimeKey).exists(parseBoolean(DataFrameRowEncoder.Java8DateTimeKey, _)))
  }

  /**
   * The native session's JSON configuration from Spark conf keys (unknown keys are not forwarded), with
   * hardware-aware defaults for what the conf leaves open: threads = the usable cores (the JVM's count, which
   * follows container limits); memory_limit = 80% of the physical memory left beside the JVM's maximum heap;
   * temp_directory = a directory of this session under the JVM's temporary directory (DuckDB's own default is
   * `.tmp` in the working directory).
   */
  private[internal] def configJson(
      conf: Map[String, String],
      extensionDir: Option[String],
      machine: Machine = Machine.current): String = {
    val entries = mutable.ArrayBuffer.empty[(String, String)] // key -> JSON value
    val threadCount = conf.get("spark.master").flatMap(threads(_, machine.cores)).getOrElse(machine.cores)
    entries += "threads" -> threadCount.toString
    conf.get("spark.driver.memory").map(memoryLimit).orElse(defaultMemoryLimit(machine))
      .foreach(m => entries += "memory_limit" -> quote(m))
    val timeZone = conf.getOrElse("spark.sql.session.timeZone", java.util.TimeZone.getDefault.getID)
    entries += "time_zone" -> quote(timeZone)
    conf.get("spark.sql.ansi.enabled").foreach(v => entries += "ansi" -> boolean("spark.sql.ansi.enabled", v))
    conf.get("spark.sql.caseSensitive").foreach(v => entries += "case_sensitive" -> boolean("spark.sql.caseSensitive", v))
    // Spark's own default for spark.local.dir is java.io.tmpdir. Each session spills into its own sub-directory:
    // DuckDB names its spill files by number, so two sessions sharing one directory would collide.
    val localDir = conf.get("spark.local.dir").map(_.split(",").head.trim).filter(_.nonEmpty)
      .getOrElse(machine.tmpDir)
    entries += "temp_directory" -> quote(s"${localDir.stripSuffix("/")}/sparkduck-${machine.sessionId}")
    extensionDir.foreach(d => entries += "extension_dir" -> quote(d))
    entries.map { case (k, v) => s"${quote(k)}:$v" }.mkString("{", ",", "}")
  }

  /** What the defaults depend on; tests pass fixed values. */
  private[internal] case class Machine(cores: Int, physicalMemory: Long, maxHeap: Long, tmpDir: String, sessionId: String)

  private[internal] object Machine {
    def current: Machine = Machine(
      Runtime.getRuntime.availableProcessors(),
      java.lang.management.ManagementFactory.getOperatingSystemMXBean match {
        case os: com.sun.management.OperatingSystemMXBean => os.getTotalMemorySize // follows container limits
        case _ => 0L
      },
      Runtime.getRuntime.maxMemory(),
      System.getProperty("java.io.tmpdir"),
      java.util.UUID.randomUUID().toString)
  }

  private val MinimumMemoryLimit = 256L << 20

  /** 80% of the physical memory beside the JVM's heap (DuckDB's own default, 80% of all of it, ignores the heap);
   *  None when the physical memory is unknown (DuckDB's default then applies). */
  private def defaultMemoryLimit(machine: Machine): Option[String] =
    Option.when(machine.physicalMemory > 0) {
      val beside = machine.physicalMemory - math.max(machine.maxHeap, 0L)
      s"${math.max(beside / 10 * 8, MinimumMemoryLimit) >> 20}MiB"
    }

  private val LocalMaster = """local\[(\d+|\*)(?:,\s*\d+)?\]""".r

  /** local → 1, local[N] → N, local[*] → the usable cores; other masters: None (the default applies). */
  private def threads(master: String, cores: Int): Option[Int] = master.trim match {
    case "local" => Some(1)
    case LocalMaster("*") => Some(cores)
    case LocalMaster(n) => Some(n.toInt)
    case _ => None
  }

  private val JvmMemory = """(?i)(\d+)([kmgt]?)b?""".r

  /** Spark's JVM memory string (binary units: 4g = 4 GiB) as DuckDB's memory_limit. */
  private def memoryLimit(value: String): String = value.trim match {
    case JvmMemory(n, unit) => unit.toLowerCase match {
      case "" => s"${n}B"
      case "k" => s"${n}KiB"
      case "m" => s"${n}MiB"
      case "g" => s"${n}GiB"
      case "t" => s"${n}TiB"
    }
    case other => throw new IllegalArgumentException(s"spark.driver.memory: cannot parse '$other'")
  }

  private[internal] def parseBoolean(key: String, value: String): Boolean = boolean(key, value) == "true"

  private def boolean(key: String, value: String): String = value.trim.toLowerCase match {
    case "true" => "true"
    case "false" => "false"
    case other => throw new IllegalArgumentException(s"$key: expected true or false, got '$other'")
  }

  private def quote(s: String): String = {
    val b = new StringBuilder("\"")
    s.foreach {
      case '"' => b ++= "\\\""
      case '\\' => b ++= "\\\\"
      case c if c < ' ' => b ++= f"\\u${c.toInt}%04x"
      case c => b += c
    }
    b += '"'
    b.toString
  }
}
