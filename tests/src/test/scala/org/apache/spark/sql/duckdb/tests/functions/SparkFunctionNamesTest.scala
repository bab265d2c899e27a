package org.apache.spark.sql.duckdb.tests.functions

import java.lang.reflect.Modifier
import java.nio.charset.StandardCharsets
import java.nio.file.{Files, Path, Paths}

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/**
 * `docs/spark-function-names.txt`: every public method name of Spark's `org.apache.spark.sql.functions` object,
 * enumerated by reflection (one per line, sorted, lower case). The native registry's coverage table
 * (`docs/functions.md`) is generated from it; this test fails when the checked-in list drifts from the Spark on
 * the class path. Regenerate: `mvn_ -o -pl tests test -Dtest=SparkFunctionNamesTest -Dsparkduck.names.write=true`.
 */
class SparkFunctionNamesTest {
  private def path: Path =
    Paths.get(sys.props.getOrElse("basedir", ".")).toAbsolutePath.resolve("../docs/spark-function-names.txt").normalize()

  private def names: Seq[String] = Class.forName("org.apache.spark.sql.functions").getMethods.toSeq
    .filter(m => Modifier.isStatic(m.getModifiers) && Modifier.isPublic(m.getModifiers))
    .map(_.getName)
    .filterNot(_.contains("$"))
    .map(_.toLowerCase(java.util.Locale.ROOT))
    .distinct
    .sorted

  @Test def nameListIsUpToDate(): Unit = {
    val generated = names.mkString("", "\n", "\n")
    if (sys.props.get("sparkduck.names.write").contains("true"))
      Files.write(path, generated.getBytes(StandardCharsets.UTF_8))
    val checkedIn = if (Files.exists(path)) new String(Files.readAllBytes(path), StandardCharsets.UTF_8) else ""
    assertEquals(generated, checkedIn, s"$path is stale; regenerate with -Dsparkduck.names.write=true")
  }
}
