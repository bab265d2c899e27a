package org.apache.spark.sql.duckdb

import java.lang.reflect.{InvocationTargetException, Method, Modifier}
import java.nio.charset.StandardCharsets
import java.nio.file.{Files, Path, Paths}

import org.apache.spark.sql
import org.apache.spark.sql.{functions => F, Encoders}
import org.apache.spark.sql.types.StructType
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/**
 * Generates docs/api-coverage.md from the code and fails when the checked-in file is stale.
 *
 * Every abstract member of Spark's sql-api classes is called on sparkduck's implementation with placeholder
 * arguments (plan-only session: nothing runs natively). A member that throws NotSupportedYetException is "not
 * supported yet"; any other outcome (a result, or an error about the placeholder arguments or the absent native
 * session) means it is implemented.
 *
 * Regenerate: `mvn_ -pl jvm test -Dtest=ApiCoverageTest -Dsparkduck.coverage.write=true`
 */
class ApiCoverageTest {
  import ApiCoverageTest._

  @Test def coverageTableIsUpToDate(): Unit = {
    val generated = render()
    val file = docPath
    if (sys.props.get("sparkduck.coverage.write").contains("true")) {
      Files.write(file, generated.getBytes(StandardCharsets.UTF_8))
    }
    val checkedIn = if (Files.exists(file)) new String(Files.readAllBytes(file), StandardCharsets.UTF_8) else ""
    assertEquals(generated, checkedIn,
      s"$file is stale; regenerate: mvn_ -pl jvm test -Dtest=ApiCoverageTest -Dsparkduck.coverage.write=true")
  }

  /** The classifier itself must tell the two outcomes apart (else the table could say anything). */
  @Test def classifierSeesBothOutcomes(): Unit = {
    val ds = classOf[sql.Dataset[_]]
    val rows = classify(ds, instances(classOf[sql.Dataset[_]]))
    assertEquals(NotSupported, rows.find(_._1 == "rdd()").get._2)
    assertEquals(Implemented, rows.find(_._1 == "limit(int)").get._2)
    assertEquals(Implemented, rows.find(_._1 == "collect()").get._2) // fails only for want of a native session
  }
}

object ApiCoverageTest {
  val Implemented = "implemented"
  val NotSupported = "not supported yet"

  private def docPath: Path =
    Paths.get(sys.props.getOrElse("basedir", ".")).toAbsolutePath.resolve("../docs/api-coverage.md").normalize()

  private lazy val session = TestSessions.planOnly()
  private lazy val ds = session.range(3)

  /** sql-api abstract class → a sparkduck instance of it. */
  private lazy val instances: Map[Class[_], AnyRef] = Map(
    classOf[sql.SparkSession] -> session,
    classOf[sql.SparkSessionBuilder] -> new SparkSession.Builder {
      override private[duckdb] def openNative = _ => throw new IllegalStateException("no native session in tests")
    },
    classOf[sql.Dataset[_]] -> ds,
    classOf[sql.DataFrameReader] -> session.read,
    classOf[sql.RelationalGroupedDataset] -> ds.groupBy(),
    classOf[sql.DataFrameNaFunctions] -> ds.na,
    classOf[sql.DataFrameStatFunctions] -> ds.stat,
    classOf[sql.RuntimeConfig] -> session.conf,
    classOf[sql.catalog.Catalog] -> session.catalog,
    classOf[sql.UDFRegistration] -> session.udf,
    classOf[sql.SQLImplicits] -> session.implicits,
    classOf[sql.DatasetHolder[_]] -> new DatasetHolder(ds),
    classOf[sql.TableValuedFunction] -> session.tvf)

  /** sql-api abstract classes sparkduck has no subclass of yet: whatever returns one throws NotSupportedYetException. */
  private val notImplementedClasses: Seq[Class[_]] = Seq(
    classOf[sql.DataFrameWriter[_]], classOf[sql.DataFrameWriterV2[_]], classOf[sql.MergeIntoWriter[_]],
    classOf[sql.KeyValueGroupedDataset[_, _]], classOf[sql.SQLContext],
    classOf[sql.streaming.DataStreamReader], classOf[sql.streaming.DataStreamWriter[_]],
    classOf[sql.streaming.StreamingQueryManager])

  private def displayName(cls: Class[_]): String = cls.getName.stripPrefix("org.apache.spark.sql.")

  /** Abstract members of `cls`, inherited ones included, as (signature, method). */
  def abstractMembers(cls: Class[_]): Seq[(String, Method)] = {
    val types = Iterator.iterate[Class[_]](cls)(_.getSuperclass).takeWhile(c => c != null && c != classOf[Object])
      .flatMap(c => c +: c.getInterfaces.toSeq).filter(_.getName.startsWith("org.apache.spark.")).toSeq.distinct
    types.flatMap(_.getDeclaredMethods)
      .filter(m => Modifier.isAbstract(m.getModifiers) && !m.isSynthetic && !m.isBridge)
      .map(m => signature(m) -> m)
      .groupBy(_._1).map(_._2.head).toSeq.sortBy(_._1)
  }

  private def signature(m: Method): String = s"${m.getName}(${m.getParameterTypes.map(_.getSimpleName).mkString(", ")})"

  private def placeholder(t: Class[_]): AnyRef = t match {
    case java.lang.Boolean.TYPE => java.lang.Boolean.FALSE
    case java.lang.Integer.TYPE => Int.box(0)
    case java.lang.Long.TYPE => Long.box(0L)
    case java.lang.Double.TYPE => Double.box(0.0)
    case java.lang.Float.TYPE => Float.box(0f)
    case java.lang.Short.TYPE => Short.box(0.toShort)
    case java.lang.Byte.TYPE => Byte.box(0.toByte)
    case _ if t == classOf[String] => "x"
    case _ if t.isArray => java.lang.reflect.Array.newInstance(t.getComponentType, 0).asInstanceOf[AnyRef]
    case _ if t == classOf[scala.collection.immutable.Seq[_]] || t == classOf[scala.collection.Seq[_]] => Nil
    case _ if t.isAssignableFrom(classOf[scala.collection.immutable.Map[_, _]]) => Map.empty
    case _ if t == classOf[Option[_]] => None
    case _ if t == classOf[sql.Column] => F.col("x")
    case _ if t == classOf[sql.Dataset[_]] => ds
    case _ if t == classOf[sql.Encoder[_]] => Encoders.LONG
    case _ if t == classOf[StructType] => new StructType()
    case _ if t == classOf[Class[_]] => classOf[Object]
    case _ if t == classOf[java.util.List[_]] => new java.util.ArrayList[AnyRef]()
    case _ if t == classOf[java.util.Map[_, _]] => new java.util.HashMap[AnyRef, AnyRef]()
    case _ if t == classOf[java.util.Properties] => new java.util.Properties()
    case _ => null
  }

  private def isNotSupported(t: Throwable): Boolean = t match {
    case null => false
    case _: NotSupportedYetException => true
    case _ => isNotSupported(t.getCause)
  }

  def classify(cls: Class[_], instance: AnyRef): Seq[(String, String)] =
    abstractMembers(cls).map { case (sig, m) =>
      val impl = instance.getClass.getMethod(m.getName, m.getParameterTypes: _*)
      impl.setAccessible(true)
      val status =
        try { impl.invoke(instance, m.getParameterTypes.map(placeholder): _*); Implemented }
        catch { case e: InvocationTargetException => if (isNotSupported(e.getCause)) NotSupported else Implemented }
      sig -> status
    }

  def render(): String = {
    val sections = instances.toSeq.sortBy(e => displayName(e._1)).map { case (cls, inst) => cls -> classify(cls, inst) }
    val sb = new StringBuilder
    sb ++= "# Spark API coverage\n\n"
    sb ++= s"Generated from the code by `jvm/src/test/scala/org/apache/spark/sql/duckdb/ApiCoverageTest.scala` " +
      s"against spark-sql-api ${org.apache.spark.SparkBuildInfo.spark_version}; do not edit. A test fails when this " +
      "file is stale; regenerate it with\n`source scripts/env.sh && mvn_ -pl jvm test -Dtest=ApiCoverageTest " +
      "-Dsparkduck.coverage.write=true`.\n\n"
    sb ++= "Every abstract member of Spark's API classes is called on sparkduck's implementation: *not supported yet* " +
      "means it throws `NotSupportedYetException` (`[SPARKDUCK_UNSUPPORTED] not supported yet by sparkduck: ...`). " +
      "*implemented* means sparkduck builds the plan or runs it; the native engine may still reject a plan it " +
      "cannot translate yet, with Spark's error or the same `SPARKDUCK_UNSUPPORTED` class. Non-abstract members " +
      "(most of `Dataset`, `functions`, `Column`) are Spark's own code on top of these.\n\n"
    sb ++= "| Class | Abstract members | Implemented | Not supported yet |\n|---|---:|---:|---:|\n"
    sections.foreach { case (cls, rows) =>
      val impl = rows.count(_._2 == Implemented)
      sb ++= s"| `${displayName(cls)}` | ${rows.size} | $impl | ${rows.size - impl} |\n"
    }
    notImplementedClasses.foreach { cls =>
      val n = abstractMembers(cls).size
      sb ++= s"| `${displayName(cls)}` (no sparkduck class yet) | $n | 0 | $n |\n"
    }
    sections.foreach { case (cls, rows) =>
      sb ++= s"\n## ${displayName(cls)}\n\n| Member | Status |\n|---|---|\n"
      rows.foreach { case (sig, status) => sb ++= s"| `$sig` | $status |\n" }
    }
    sb.toString
  }
}
