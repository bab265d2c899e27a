package org.apache.spark.sql.connect

import org.apache.spark.sql.{SparkSessionBuilder, SparkSessionCompanion, SparkSession => ApiSparkSession}
import org.apache.spark.sql.duckdb.{SparkSession => DuckSession}

/** Spark's `org.apache.spark.sql.SparkSession.builder()` looks up its implementation by class name: classic
 *  first, then this one. On bin/sparkduck-submit's classpath (no classic Spark there) it finds this companion and
 *  so hands unmodified jobs a sparkduck session. Everything delegates to sparkduck's own companion. */
object SparkSession extends SparkSessionCompanion {
  override private[sql] type Session = DuckSession

  override def builder(): SparkSessionBuilder = DuckSession.builder()

  override protected def tryCastToImplementation(session: ApiSparkSession): Option[DuckSession] = session match {
    case s: DuckSession => Some(s)
    case _ => None
  }
}
