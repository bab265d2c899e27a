package org.sparkduck.launcher

import java.io.{ByteArrayOutputStream, File, PrintStream}
import java.nio.charset.StandardCharsets
import java.nio.file.{Files, Path}
import java.util.concurrent.TimeUnit

import scala.jdk.CollectionConverters._

import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.Test

import org.apache.spark.sql.SparkSession

/**
 * bin/sparkduck-submit end to end: the example jobs (compiled against plain Spark, module examples-spark) run
 * through the launcher in a child JVM, and their output is compared with the same main class run in this JVM on
 * Spark classic (what `spark-submit --master local[*]` runs). Needs sparkduck installed where the launcher looks
 * ($SPARKDUCK_CACHE/dist, done by scripts/build.sh).
 */
class LauncherSuite {
  import LauncherSuite._

  @Test def salesPipelineSameOutputAsSpark(): Unit = {
    val tmp = Files.createTempDirectory("sparkduck-launcher")
    val expected = onSparkClassic("org.sparkduck.examples.SalesPipeline", data, tmp.resolve("classic").toString)
    val run = submit(Seq("--master", "local[2]", "--class", "org.sparkduck.examples.SalesPipeline", examplesJar,
      data, tmp.resolve("sparkduck").toString))
    assertEquals(0, run.exit, s"sparkduck-submit failed:\n${run.err}")
    assertTrue(expected.contains("|country|"), s"the job printed no table on Spark classic:\n$expected")
    assertEquals(expected, run.out)
    // The Parquet output of sparkduck is readable by Spark and holds the same rows.
    val classic = classicSession()
    val a = classic.read.parquet(tmp.resolve("classic").toString).collect().map(_.toString).sorted.toSeq
    val b = classic.read.parquet(tmp.resolve("sparkduck").toString).collect().map(_.toString).sorted.toSeq
    assertEquals(a, b)
  }

  @Test def unmodifiedJobSameOutputAsSpark(): Unit = {
    // Its input, written by Spark classic: a `lineitem` table with nulls, ties and decimals.
    val dir = Files.createTempDirectory("sparkduck-launcher-lineitem")
    val classic = classicSession()
    classic.range(0, 200).selectExpr(
      "CASE WHEN id % 7 = 0 THEN NULL ELSE substr('ANR', CAST(id % 3 AS INT) + 1, 1) END AS l_returnflag",
      "CAST(id % 50 AS DECIMAL(15,2)) AS l_quantity").write.parquet(dir.resolve("lineitem").toString)
    val expected = onSparkClassic("org.sparkduck.examples.UnmodifiedJob", dir.toString)
    val run = submit(Seq("--class", "org.sparkduck.examples.UnmodifiedJob", examplesJar, dir.toString))
    assertEquals(0, run.exit, s"sparkduck-submit failed:\n${run.err}")
    assertTrue(run.err.contains("session: org.apache.spark.sql.duckdb.SparkSession"), run.err)
    assertTrue(expected.contains("|l_returnflag|"), expected)
    assertEquals(expected, run.out)
  }

  @Test def confOptionsReachTheSession(): Unit = {
    val props = Files.createTempFile("sparkduck", ".conf")
    Files.write(props, Seq("# a comment", "spark.sql.shuffle.partitions 7", "spark.custom.b=from file").asJava)
    val run = submit(Seq("--name", "echo job", "--conf", "spark.custom.a=x=y", "--driver-memory", "1g",
      "--properties-file", props.toString, "--class", "org.sparkduck.examples.ConfEcho", examplesJar,
      "spark.app.name", "spark.custom.a", "spark.custom.b", "spark.sql.shuffle.partitions", "spark.driver.memory",
      "spark.custom.none"))
    assertEquals(0, run.exit, run.err)
    assertEquals(Seq("spark.app.name=echo job", "spark.custom.a=x=y", "spark.custom.b=from file",
      "spark.sql.shuffle.partitions=7", "spark.driver.memory=1g", "spark.custom.none=<unset>", "count=5"),
      run.out.linesIterator.toSeq)
  }

  @Test def mainClassFromManifestOrErrorLikeSparkSubmit(): Unit = {
    // The examples jar has no Main-Class: spark-submit also refuses a jar without --class and without one.
    val run = submit(Seq(examplesJar))
    assertNotEquals(0, run.exit)
    assertTrue(run.err.contains("Main-Class"), run.err)
  }

  @Test def failingJobExitsNonZeroWithItsException(): Unit = {
    val run = submit(Seq("--class", "org.sparkduck.examples.SalesPipeline", examplesJar, "only-one-argument"))
    assertEquals(1, run.exit)
    assertTrue(run.err.contains("IllegalArgumentException") && run.err.contains("usage: SalesPipeline"), run.err)
  }

  @Test def unknownOptionAndMissingJarAreErrors(): Unit = {
    val unknown = submit(Seq("--no-such-option", "x"))
    assertNotEquals(0, unknown.exit)
    assertTrue(unknown.err.contains("unknown option --no-such-option"), unknown.err)
    val missing = submit(Seq("--class", "A", "/no/such/app.jar"))
    assertNotEquals(0, missing.exit)
    assertTrue(missing.err.contains("application jar not found: /no/such/app.jar"), missing.err)
  }

  @Test def clusterMasterNeedsSparkHome(): Unit = {
    val run = submit(Seq("--master", "spark://host:7077", "--class", "A", examplesJar), env = Map("SPARK_HOME" -> ""))
    assertNotEquals(0, run.exit)
    assertTrue(run.err.contains("set SPARK_HOME"), run.err)
  }

  @Test def clusterMasterHandsTheSameArgumentsToSparkSubmit(): Unit = {
    // A stand-in spark-submit that prints its arguments, one a line.
    val home = Files.createTempDirectory("fake-spark-home")
    Files.createDirectories(home.resolve("bin"))
    val fake = home.resolve("bin/spark-submit")
    Files.write(fake, Seq("#!/usr/bin/env bash", "printf '%s\\n' \"$@\"").asJava)
    fake.toFile.setExecutable(true)
    for (master <- Seq("spark://host:7077", "yarn", "k8s://https://k:443")) {
      val args = Seq("--master", master, "--conf", "spark.a=b c", "--class", "Main", examplesJar, "arg 1", "--x")
      val run = submit(args, env = Map("SPARK_HOME" -> home.toString))
      assertEquals(0, run.exit, run.err)
      assertEquals(args, run.out.linesIterator.toSeq)
    }
  }

  @Test def unsupportedLocalMasterIsAnError(): Unit = {
    val run = submit(Seq("--master", "local-cluster[2,1,1024]", "--class", "A", examplesJar))
    assertNotEquals(0, run.exit)
    assertTrue(run.err.contains("unsupported master"), run.err)
  }
}

object LauncherSuite {
  case class Run(exit: Int, out: String, err: String)

  private def prop(name: String): String =
    Option(System.getProperty(name)).getOrElse(throw new IllegalStateException(s"system property $name is not set"))

  private val launcher = prop("sparkduck.submit")
  val examplesJar: String = {
    val f = new File(prop("sparkduck.examples.jar"))
    assertTrue(f.isFile, s"examples jar not built: $f")
    f.getPath
  }
  val data: String = prop("sparkduck.examples.data")

  /** The Spark classic session, created again after a job stopped it (a warm JVM restarts it in seconds). */
  def classicSession(): SparkSession = SparkSession.builder().master("local[2]").appName("launcher-oracle")
    .config("spark.ui.enabled", "false").getOrCreate()

  /** Runs `main` on Spark classic in this JVM, as spark-submit --master local[2] would; its standard output. The job's
   *  own `SparkSession.builder().getOrCreate()` gets the session made here (its master set). */
  def onSparkClassic(mainClass: String, args: String*): String = synchronized {
    classicSession()
    val buffer = new ByteArrayOutputStream()
    val out = new PrintStream(buffer, true, StandardCharsets.UTF_8)
    val method = Class.forName(mainClass).getMethod("main", classOf[Array[String]])
    Console.withOut(out)(method.invoke(null, args.toArray))
    out.flush()
    buffer.toString(StandardCharsets.UTF_8)
  }

  def submit(args: Seq[String], env: Map[String, String] = Map.empty): Run = {
    val pb = new ProcessBuilder((launcher +: args).asJava)
    env.foreach { case (k, v) => if (v.isEmpty) pb.environment().remove(k) else pb.environment().put(k, v) }
    val outFile = Files.createTempFile("submit", ".out")
    val errFile = Files.createTempFile("submit", ".err")
    pb.redirectOutput(outFile.toFile).redirectError(errFile.toFile)
    val p = pb.start()
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly()
      fail(s"sparkduck-submit did not finish in 5 minutes: ${args.mkString(" ")}")
    }
    def read(f: Path) = new String(Files.readAllBytes(f), StandardCharsets.UTF_8)
    Run(p.exitValue(), read(outFile), read(errFile))
  }
}
