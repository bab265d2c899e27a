package org.apache.spark.sql.duckdb

import java.util.Locale
import java.util.concurrent.ConcurrentHashMap

import org.apache.spark.sql
import org.apache.spark.sql.duckdb.internal.UdfRuntime
import org.apache.spark.sql.expressions.{SparkUserDefinedFunction, UserDefinedAggregateFunction, UserDefinedFunction}
import org.apache.spark.sql.types.DataType

/** `spark.udf`: Scala and Java UDFs registered by name, run in this JVM on Arrow batches (internal/UdfRuntime). */
class UDFRegistration private[duckdb] (session: SparkSession) extends sql.UDFRegistration {
  private val registered = new ConcurrentHashMap[String, UserDefinedFunction]()

  /** The UDF registered under `name` (case-insensitive), for callers that resolve names in the JVM (SQL text). */
  private[duckdb] def lookup(name: String): Option[UserDefinedFunction] =
    Option(registered.get(name.toLowerCase(Locale.ROOT)))

  /** @inheritdoc */
  override def registerJava(name: String, className: String, returnDataType: DataType): Unit =
    NotSupportedYet("UDFRegistration.registerJava (UDFs by class name)")

  /** @inheritdoc */
  override def register(name: String, udaf: UserDefinedAggregateFunction): UserDefinedAggregateFunction =
    NotSupportedYet("UDFRegistration.register of a UserDefinedAggregateFunction")

  /** @inheritdoc */
  override protected def register(name: String, udf: UserDefinedFunction, source: String,
      validateParameterCount: Boolean): UserDefinedFunction = udf match {
    case s: SparkUserDefinedFunction =>
      // Spark names the registered function's column after the registration name.
      val named = s.withName(name)
      session.native.registerFunction(name, UdfRuntime.toProto(named, Nil))
      registered.put(name.toLowerCase(Locale.ROOT), named)
      named
    case other => NotSupportedYet(s"UDFRegistration.register of ${other.getClass.getSimpleName}")
  }
}
