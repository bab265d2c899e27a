package org.apache.spark.sql.duckdb.tests

import scala.util.Try

import org.apache.spark.sql.{SparkSession, SparkSessionBuilder}

/**
 * The two sessions every differential suite shares, one of each per test JVM (Spark classic takes ~25 s to start).
 *
 *  - `classic`: the oracle, `org.apache.spark.sql.classic.SparkSession`.
 *  - `candidate`: the engine under test. By default sparkduck (`org.apache.spark.sql.duckdb.SparkSession`), reached
 *    reflectively so that the suites compile while the jvm module is unfinished. With the system property
 *    `sparkduck.tests.candidate=classic` it is a second classic session: the harness then checks itself, every
 *    differential check must pass except the sparkduck-only ones (checkUnsupported).
 *
 * Both get the same master and conf. The time zone is not the JVM's and has daylight saving, so zone bugs show.
 */
object TestSessions {
  val master: String = "local[2]"
  val conf: Seq[(String, String)] = Seq(
    "spark.sql.session.timeZone" -> "America/Los_Angeles",
    "spark.ui.enabled" -> "false",
    "spark.sql.shuffle.partitions" -> "2",
    "spark.driver.bindAddress" -> "127.0.0.1",
    "spark.driver.host" -> "127.0.0.1")

  lazy val classic: SparkSession = {
    val builder = org.apache.spark.sql.classic.SparkSession.builder().master(master).appName("sparkduck-tests")
    conf.foreach { case (key, value) => builder.config(key, value) }
    builder.getOrCreate()
  }

  val candidateName: String = sys.props.getOrElse("sparkduck.tests.candidate", "sparkduck")

  /** A failure here (no sparkduck on the class path, builder throws) fails each check with its reason. */
  lazy val candidate: Try[SparkSession] = Try {
    classic // the oracle first, so that sparkduck's builder meets an existing classic session
    candidateName match {
      case "classic" => classic.newSession()
      case "sparkduck" => newSparkduckBuilder().getOrCreate()
      case other => throw new IllegalArgumentException(s"sparkduck.tests.candidate=$other: use sparkduck or classic")
    }
  }

  val sparkduckCompanionClass = "org.apache.spark.sql.duckdb.SparkSession$"

  /** `org.apache.spark.sql.duckdb.SparkSession.builder().master(..).config(..)`, the job's one changed line. */
  def newSparkduckBuilder(): SparkSessionBuilder = {
    val companion = Class.forName(sparkduckCompanionClass).getField("MODULE$").get(null)
    val builder = companion.getClass.getMethod("builder").invoke(companion).asInstanceOf[SparkSessionBuilder]
    builder.master(master).appName("sparkduck-tests")
    conf.foreach { case (key, value) => builder.config(key, value) }
    builder
  }

  def candidateOrFail: SparkSession = candidate.fold(
    e => throw new AssertionError(s"the $candidateName session could not be created: $e", e),
    identity)

  def isSparkduck(session: SparkSession): Boolean = session.getClass.getName.startsWith("org.apache.spark.sql.duckdb.")
}
