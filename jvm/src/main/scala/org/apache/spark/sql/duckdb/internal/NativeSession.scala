package org.apache.spark.sql.duckdb.internal

import org.apache.spark.connect.proto
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoder
import org.apache.spark.sql.types.StructType

/** One native session; thread-safe. */
final class NativeSession private (handle: Long) extends AutoCloseable {
  def setOption(key: String, value: String): Unit = NotYet("NativeSession.setOption")
  /** Spark's output schema of the plan; never runs the query. */
  def analyze(plan: proto.Relation): StructType = NotYet("NativeSession.analyze")
  /** The DuckDB SQL the plan translates to. */
  def explain(plan: proto.Relation): String = NotYet("NativeSession.explain")
  /** Runs the plan and decodes every row with `encoder`. */
  def collect[T](plan: proto.Relation, encoder: AgnosticEncoder[T]): Array[T] = NotYet("NativeSession.collect")
  /** Streams batch by batch (bounded memory); closing releases the native stream. */
  def iterator[T](plan: proto.Relation, encoder: AgnosticEncoder[T]): java.util.Iterator[T] with AutoCloseable =
    NotYet("NativeSession.iterator")
  def close(): Unit = NotYet("NativeSession.close")
}

object NativeSession {
  /** conf: Spark conf keys (spark.master local[N] → threads, spark.driver.memory → memory_limit,
   *  spark.sql.session.timeZone, spark.sql.ansi.enabled, spark.sql.caseSensitive, spark.local.dir). */
  def open(conf: Map[String, String]): NativeSession = NotYet("NativeSession.open")
}

/** Placeholder for data-path members still being written (removed once all are implemented). */
private[internal] object NotYet {
  def apply(what: String): Nothing =
    throw new UnsupportedOperationException(s"not supported yet by sparkduck: $what (data path in progress)")
}
