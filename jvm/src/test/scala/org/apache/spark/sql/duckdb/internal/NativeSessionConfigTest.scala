package org.apache.spark.sql.duckdb.internal

import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.Test

class NativeSessionConfigTest {
  @Test def sparkConfMapsToNativeConfig(): Unit = {
    val json = NativeSession.configJson(Map(
      "spark.master" -> "local[3]", "spark.driver.memory" -> "4g", "spark.sql.session.timeZone" -> "UTC",
      "spark.sql.ansi.enabled" -> "false", "spark.sql.caseSensitive" -> "TRUE",
      "spark.local.dir" -> "/tmp/a \"q\",/tmp/b", "spark.app.name" -> "ignored"), Some("/ext"))
    assertEquals("""{"threads":3,"memory_limit":"4GiB","time_zone":"UTC","ansi":false,"case_sensitive":true,""" +
      """"temp_directory":"/tmp/a \"q\"","extension_dir":"/ext"}""", json)
  }

  @Test def masterForms(): Unit = {
    assertTrue(NativeSession.configJson(Map("spark.master" -> "local"), None).contains("\"threads\":1"))
    val cores = Runtime.getRuntime.availableProcessors()
    assertTrue(NativeSession.configJson(Map("spark.master" -> "local[*]"), None).contains(s"\"threads\":$cores"))
    assertFalse(NativeSession.configJson(Map("spark.master" -> "yarn"), None).contains("threads"))
    assertTrue(NativeSession.configJson(Map("spark.driver.memory" -> "512m"), None).contains("\"512MiB\""))
    assertThrows(classOf[IllegalArgumentException], () => NativeSession.configJson(Map("spark.driver.memory" -> "lots"), None))
  }
}
