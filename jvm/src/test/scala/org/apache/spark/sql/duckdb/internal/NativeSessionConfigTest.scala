package org.apache.spark.sql.duckdb.internal

import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.Test

class NativeSessionConfigTest {
  private val GiB = 1L << 30
  private val machine = NativeSession.Machine(cores = 6, physicalMemory = 16 * GiB, maxHeap = 4 * GiB,
    tmpDir = "/var/tmp", sessionId = "s1")

  private def json(conf: (String, String)*): String = NativeSession.configJson(conf.toMap, None, machine)

  @Test def sparkConfMapsToNativeConfig(): Unit = {
    val json = NativeSession.configJson(Map(
      "spark.master" -> "local[3]", "spark.driver.memory" -> "4g", "spark.sql.session.timeZone" -> "UTC",
      "spark.sql.ansi.enabled" -> "false", "spark.sql.caseSensitive" -> "TRUE",
      "spark.local.dir" -> "/tmp/a \"q\",/tmp/b", "spark.app.name" -> "ignored"), Some("/ext"), machine)
    assertEquals("""{"threads":3,"memory_limit":"4GiB","time_zone":"UTC","ansi":false,"case_sensitive":true,""" +
      """"temp_directory":"/tmp/a \"q\"/sparkduck-s1","extension_dir":"/ext"}""", json)
  }

  @Test def masterForms(): Unit = {
    assertTrue(json("spark.master" -> "local").contains("\"threads\":1,"))
    assertTrue(json("spark.master" -> "local[*]").contains("\"threads\":6,"))
    assertTrue(json("spark.master" -> "local[4, 2]").contains("\"threads\":4,"))
    assertTrue(json("spark.driver.memory" -> "512m").contains("\"512MiB\""))
    assertThrows(classOf[IllegalArgumentException], () => json("spark.driver.memory" -> "lots"))
  }

  @Test def hardwareAwareDefaults(): Unit = {
    val defaults = json()
    // No master, or one sparkduck does not run (yarn): the usable cores.
    assertTrue(defaults.startsWith("""{"threads":6,"""), defaults)
    assertTrue(json("spark.master" -> "yarn").startsWith("""{"threads":6,"""))
    // 80% of the 12 GiB beside the 4 GiB heap.
    assertTrue(defaults.contains(s""""memory_limit":"${(12 * GiB / 10 * 8) >> 20}MiB""""), defaults)
    assertTrue(defaults.contains(""""temp_directory":"/var/tmp/sparkduck-s1""""), defaults)
    // A heap larger than the machine leaves a floor, never a negative limit; unknown memory: DuckDB's default.
    assertTrue(NativeSession.configJson(Map.empty, None, machine.copy(maxHeap = 32 * GiB)).contains("\"256MiB\""))
    assertFalse(NativeSession.configJson(Map.empty, None, machine.copy(physicalMemory = 0)).contains("memory_limit"))
    // Each session its own spill directory.
    val other = NativeSession.configJson(Map.empty, None, machine.copy(sessionId = "s2"))
    assertTrue(other.contains("/var/tmp/sparkduck-s2"))
    assertTrue(NativeSession.configJson(Map.empty, None).contains(s""""threads":${Runtime.getRuntime.availableProcessors()},"""))
  }
}
