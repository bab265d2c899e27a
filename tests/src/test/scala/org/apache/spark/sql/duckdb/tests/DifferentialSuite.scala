package org.apache.spark.sql.duckdb.tests

import java.io.{ByteArrayOutputStream, PrintStream}
import java.nio.charset.StandardCharsets

import scala.util.{Failure, Success, Try}

import org.apache.spark.SparkThrowable
import org.apache.spark.sql.{Dataset, SparkSession}
import org.apache.spark.sql.catalyst.plans.logical.{Filter, GlobalLimit, LocalLimit, LogicalPlan, Offset, Project, Sort, SubqueryAlias}
import org.apache.spark.sql.types.StructType

/**
 * Base of the differential suites: each check runs the same body on Spark classic (the oracle) and on the candidate
 * (sparkduck), and fails with a readable diff when they disagree. Expected values always come from Spark classic.
 *
 * The session is always passed explicitly; before each run it is also made the active session, because both
 * implementations share one active/default session slot in sql-api (SparkSessionCompanion) and classic code
 * reads SQLConf through it.
 */
abstract class DifferentialSuite {
  def classic: SparkSession = TestSessions.classic
  def candidate: SparkSession = TestSessions.candidateOrFail

  /** What one engine produced for a Dataset: its schema and its collected rows (or values). */
  case class EngineResult(schema: StructType, rows: Seq[Any])

  private def onSession[T](session: SparkSession)(body: SparkSession => T): T = {
    SparkSession.setActiveSession(session)
    body(session)
  }

  private def evaluate(session: SparkSession)(body: SparkSession => Dataset[_]): Try[EngineResult] =
    Try(onSession(session) { s =>
      val ds = body(s)
      EngineResult(ds.schema, ds.collect().toSeq)
    })

  /**
   * The same Dataset on both engines: same schema (names, types, nullability) and same rows. Order matters when
   * `ordered` is set or Spark classic's analyzed plan ends in a sort (below projections, filters and limits only).
   */
  def checkSame(name: String, ordered: Boolean = false)(body: SparkSession => Dataset[_]): Unit =
    checkSameBetween(classic, candidate, name, ordered)(body)

  /** checkSame between any two sessions: HarnessSelfTestSuite uses it with two classic sessions. */
  def checkSameBetween(expectedSession: SparkSession, actualSession: SparkSession, name: String, ordered: Boolean)(
      body: SparkSession => Dataset[_]): Unit =
    compareBetween(expectedSession, actualSession, ordered)(body) match {
      case Comparison.Same => ()
      case Comparison.ExpectedFailed(e) =>
        throw new AssertionError(s"[$name] Spark classic itself failed, the test is wrong: $e", e)
      case Comparison.ActualFailed(e) =>
        throw new AssertionError(s"[$name] candidate failed where Spark classic succeeded: ${describe(e)}", e)
      case Comparison.Different(differences) => throw new AssertionError(s"[$name] $differences")
    }

  /** What checkSame decides, as a value: corpus suites record it instead of failing at the first difference. */
  def compareBetween(expectedSession: SparkSession, actualSession: SparkSession, ordered: Boolean)(
      body: SparkSession => Dataset[_]): Comparison = {
    val isSorted = Try(onSession(expectedSession)(body)).map(sortedByPlan).getOrElse(false)
    evaluate(expectedSession)(body) match {
      case Failure(e) => Comparison.ExpectedFailed(e)
      case Success(expected) =>
        evaluate(actualSession)(body) match {
          case Failure(e) => Comparison.ActualFailed(e)
          case Success(actual) =>
            // Both differences are reported together: a schema difference often explains the row difference.
            val differences = ResultComparison.schemaDifference(expected.schema, actual.schema).toSeq ++
              ResultComparison.rowsDifference(expected.rows, actual.rows, ordered || isSorted).toSeq
            if (differences.isEmpty) Comparison.Same else Comparison.Different(differences.mkString("\n"))
        }
    }
  }

  /** Any value computed by an action (count, first, take, columns, ...): the same on both engines. */
  def checkSameResult(name: String)(body: SparkSession => Any): Unit = {
    val expected = Try(onSession(classic)(body)) match {
      case Success(v) => v
      case Failure(e) => throw new AssertionError(s"[$name] Spark classic itself failed, the test is wrong: $e", e)
    }
    val actual = Try(onSession(candidate)(body)) match {
      case Success(v) => v
      case Failure(e) =>
        throw new AssertionError(s"[$name] candidate failed where Spark classic succeeded: ${describe(e)}", e)
    }
    if (!ResultComparison.sameValue(expected, actual))
      throw new AssertionError(s"[$name] results differ\nSpark classic: ${ResultComparison.render(expected)}\n" +
        s"candidate:     ${ResultComparison.render(actual)}")
  }

  /**
   * Both engines fail, with the same Spark error condition (`SparkThrowable.getCondition` of the first SparkThrowable
   * in the cause chain that has one). A Dataset returned by the body is collected, so lazy and eager analysis both
   * count.
   */
  def checkSameError(name: String)(body: SparkSession => Any): Unit = {
    def run(session: SparkSession): Option[Throwable] = Try(onSession(session) { s =>
      body(s) match {
        case ds: Dataset[_] => ds.collect()
        case other => other
      }
    }).failed.toOption
    val expectedError = run(classic).getOrElse(
      throw new AssertionError(s"[$name] Spark classic did not fail, the test is wrong"))
    val expectedCondition = conditionOf(expectedError).getOrElse(
      throw new AssertionError(s"[$name] Spark classic failed without an error condition: ${describe(expectedError)}",
        expectedError))
    val actualError = run(candidate).getOrElse(
      throw new AssertionError(s"[$name] candidate did not fail; Spark classic fails with [$expectedCondition]"))
    val actualCondition = conditionOf(actualError)
    if (!actualCondition.contains(expectedCondition))
      throw new AssertionError(
        s"[$name] error conditions differ\nSpark classic: [$expectedCondition] ${describe(expectedError)}\n" +
          s"candidate:     [${actualCondition.getOrElse("no condition")}] ${describe(actualError)}", actualError)
  }

  /**
   * The candidate fails clearly for something it does not support: the error (or one in its cause chain) says "not
   * supported" and names `operation`. The body also runs on Spark classic, which must succeed: the body is valid Spark.
   */
  def checkUnsupported(name: String, operation: String)(body: SparkSession => Any): Unit = {
    def run(session: SparkSession): Try[Any] = Try(onSession(session) { s =>
      body(s) match {
        case ds: Dataset[_] => ds.collect()
        case other => other
      }
    })
    run(classic).failed.foreach(e =>
      throw new AssertionError(s"[$name] Spark classic itself failed, the test is wrong: $e", e))
    run(candidate) match {
      case Success(v) =>
        throw new AssertionError(s"[$name] candidate did not fail for $operation (returned ${ResultComparison.render(v)})")
      case Failure(e) =>
        val messages = causeChain(e).flatMap(t => Option(t.getMessage))
        val clear = messages.exists(m => m.toLowerCase.contains("not supported") && m.contains(operation))
        if (!clear)
          throw new AssertionError(s"[$name] candidate failed, but no error says 'not supported' and names " +
            s"'$operation': ${describe(e)}", e)
    }
  }

  /** What the body prints (`show`, `printSchema`) is byte-identical on both engines and not empty. */
  def checkSameShow(name: String)(body: SparkSession => Unit): Unit = {
    def printed(session: SparkSession): Try[String] = Try {
      val bytes = new ByteArrayOutputStream()
      val out = new PrintStream(bytes, true, StandardCharsets.UTF_8)
      Console.withOut(out)(onSession(session)(body))
      out.flush()
      bytes.toString(StandardCharsets.UTF_8)
    }
    val expected = printed(classic) match {
      case Success(text) if text.nonEmpty => text
      case Success(_) => throw new AssertionError(s"[$name] Spark classic printed nothing, the test is wrong")
      case Failure(e) => throw new AssertionError(s"[$name] Spark classic itself failed, the test is wrong: $e", e)
    }
    val actual = printed(candidate) match {
      case Success(text) => text
      case Failure(e) =>
        throw new AssertionError(s"[$name] candidate failed where Spark classic succeeded: ${describe(e)}", e)
    }
    ResultComparison.outputDifference(expected, actual).foreach(d => throw new AssertionError(s"[$name] $d"))
  }

  /** Spark's rule (QueryTest.checkAnswer): a result is ordered when the plan sorts it last; a sort within
   *  partitions (`global = false`) orders nothing across partitions, so its rows compare as a multiset. */
  private def sortedByPlan(ds: Dataset[_]): Boolean = ds match {
    case c: org.apache.spark.sql.classic.Dataset[_] => endsInSort(c.queryExecution.analyzed)
    case _ => false
  }

  private def endsInSort(plan: LogicalPlan): Boolean = plan match {
    case s: Sort => s.global
    case p @ (_: Project | _: Filter | _: GlobalLimit | _: LocalLimit | _: Offset | _: SubqueryAlias) =>
      endsInSort(p.children.head)
    case _ => false
  }

  def causeChain(e: Throwable): Seq[Throwable] =
    Iterator.iterate(e)(_.getCause).takeWhile(_ != null).take(20).toSeq

  def conditionOf(e: Throwable): Option[String] = causeChain(e).collectFirst {
    case t: SparkThrowable if t.getCondition != null => t.getCondition
  }

  def describe(e: Throwable): String =
    causeChain(e).map(t => s"${t.getClass.getName}: ${Option(t.getMessage).map(_.take(600)).orNull}").mkString(" <- ")
}

/** The outcome of running one Dataset on Spark classic (expected) and on the candidate. */
sealed trait Comparison
object Comparison {
  case object Same extends Comparison
  final case class ExpectedFailed(error: Throwable) extends Comparison
  final case class ActualFailed(error: Throwable) extends Comparison
  final case class Different(differences: String) extends Comparison
}
