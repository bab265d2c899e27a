package org.apache.spark.sql.duckdb

import java.util.concurrent.ConcurrentHashMap

import scala.jdk.CollectionConverters._

import org.apache.spark.internal.config.{ConfigEntry, OptionalConfigEntry}
import org.apache.spark.sql

/**
 * The session's configuration: the builder's options plus `set` calls. `spark.sql.*` options reach the native
 * session (`NativeSession.setOption`); the defaults below are Spark's for the options sparkduck honours.
 */
class RuntimeConfig private[duckdb] (session: SparkSession, initial: Map[String, String]) extends sql.RuntimeConfig {
  import RuntimeConfig._

  private val settings = new ConcurrentHashMap[String, String]((defaults ++ initial).asJava)

  /** @inheritdoc */
  override def set(key: String, value: String): Unit = {
    require(key != null, "key cannot be null")
    require(value != null, s"value cannot be null for key: $key")
    settings.put(key, value)
    session.onConfSet(key, value)
  }

  /** @inheritdoc */
  override def set[T](entry: ConfigEntry[T], value: T): Unit =
    NotSupportedYet("RuntimeConfig.set(ConfigEntry)")

  /** @inheritdoc */
  @throws[NoSuchElementException]
  override def get(key: String): String =
    getOption(key).getOrElse(throw new NoSuchElementException(s"[SQL_CONF_NOT_FOUND] The SQL config \"$key\" cannot be found."))

  /** @inheritdoc */
  override def get(key: String, default: String): String = getOption(key).getOrElse(default)

  /** @inheritdoc */
  override def get[T](entry: ConfigEntry[T]): T = NotSupportedYet("RuntimeConfig.get(ConfigEntry)")

  /** @inheritdoc */
  override def get[T](entry: OptionalConfigEntry[T]): Option[T] =
    NotSupportedYet("RuntimeConfig.get(OptionalConfigEntry)")

  /** @inheritdoc */
  override def get[T](entry: ConfigEntry[T], default: T): T =
    NotSupportedYet("RuntimeConfig.get(ConfigEntry, default)")

  /** @inheritdoc */
  override def contains(key: String): Boolean = settings.containsKey(key)

  /** @inheritdoc */
  override def getAll: Map[String, String] = settings.asScala.toMap

  /** @inheritdoc */
  override def getOption(key: String): Option[String] = Option(settings.get(key))

  /** @inheritdoc Back to Spark's default where sparkduck knows it, otherwise removed. */
  override def unset(key: String): Unit = defaults.get(key) match {
    case Some(default) => set(key, default)
    case None => settings.remove(key)
  }

  /** @inheritdoc */
  override def isModifiable(key: String): Boolean = NotSupportedYet("RuntimeConfig.isModifiable")
}

private[duckdb] object RuntimeConfig {
  val SessionTimeZoneKey = "spark.sql.session.timeZone"
  val AnsiEnabledKey = "spark.sql.ansi.enabled"
  val CaseSensitiveKey = "spark.sql.caseSensitive"

  /** Spark's defaults for the options sparkduck honours (the time zone: the JVM's, as Spark). */
  def defaults: Map[String, String] = Map(
    SessionTimeZoneKey -> java.util.TimeZone.getDefault.getID,
    AnsiEnabledKey -> "true",
    CaseSensitiveKey -> "false",
    internal.DataFrameRowEncoder.Java8DateTimeKey -> "false")
}
