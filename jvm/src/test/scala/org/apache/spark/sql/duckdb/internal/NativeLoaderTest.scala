package org.apache.spark.sql.duckdb.internal

import java.net.URLClassLoader
import java.nio.file.{Files, Path}
import java.util.concurrent.{Callable, Executors, TimeUnit}
import java.util.jar.{JarEntry, JarOutputStream}

import scala.jdk.CollectionConverters._

import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.Test

class NativeLoaderTest {
  private def resources(files: (String, String)*): ClassLoader = {
    val root = Files.createTempDirectory("sparkduck-res")
    files.foreach { case (path, content) =>
      val file = root.resolve(path)
      Files.createDirectories(file.getParent)
      Files.write(file, content.getBytes("UTF-8"))
    }
    new URLClassLoader(Array(root.toUri.toURL), null)
  }

  private val native = "sparkduck/native/linux-x86_64"

  @Test def extractsOnceAtomicallyEvenConcurrently(): Unit = {
    val loader = resources(s"$native/libduckdb.so" -> "duck", s"$native/libsparkduck.so" -> "spark",
      "sparkduck/extensions/tpch.duckdb_extension" -> "tpch")
    val cache: Path = Files.createTempDirectory("sparkduck-cache")
    val pool = Executors.newFixedThreadPool(4)
    val dirs = try {
      pool.invokeAll((1 to 8).map(_ => (() => NativeLoader.extract(loader, cache)): Callable[Path]).asJava)
        .asScala.map(_.get(60, TimeUnit.SECONDS)).toSet
    } finally pool.shutdown()
    assertEquals(1, dirs.size, s"one directory for one content: $dirs")
    val dir = dirs.head
    assertEquals("duck", Files.readString(dir.resolve("libduckdb.so")))
    assertEquals("spark", Files.readString(dir.resolve("libsparkduck.so")))
    assertEquals("tpch", Files.readString(dir.resolve("extensions/tpch.duckdb_extension")))
    val leftovers = Files.list(cache).iterator().asScala.filter(_.getFileName.toString.startsWith(".tmp")).toList
    assertEquals(Nil, leftovers, "temporary directories are removed")

    // Different content → a different directory (the hash is part of the name).
    val other = resources(s"$native/libduckdb.so" -> "duck2", s"$native/libsparkduck.so" -> "spark")
    assertNotEquals(dir, NativeLoader.extract(other, cache))
  }

  @Test def extractsFromAJar(): Unit = {
    val jar = Files.createTempFile("sparkduck-test", ".jar")
    val out = new JarOutputStream(Files.newOutputStream(jar))
    try {
      for ((name, content) <- Seq(s"$native/libduckdb.so" -> "d", s"$native/libsparkduck.so" -> "s",
        "sparkduck/extensions/delta.duckdb_extension" -> "x", "sparkduck/extensions/README" -> "not an extension")) {
        out.putNextEntry(new JarEntry(name))
        out.write(content.getBytes("UTF-8"))
        out.closeEntry()
      }
    } finally out.close()
    val loader = new URLClassLoader(Array(jar.toUri.toURL), null)
    val dir = NativeLoader.extract(loader, Files.createTempDirectory("sparkduck-cache"))
    assertEquals("s", Files.readString(dir.resolve("libsparkduck.so")))
    assertEquals(List("delta.duckdb_extension"),
      Files.list(dir.resolve("extensions")).iterator().asScala.map(_.getFileName.toString).toList)
  }

  @Test def jarContentChangeGivesANewDirectory(): Unit = {
    def jarWith(library: String): ClassLoader = {
      val jar = Files.createTempFile("sparkduck-test", ".jar")
      val out = new JarOutputStream(Files.newOutputStream(jar))
      try {
        for ((name, content) <- Seq(s"$native/libduckdb.so" -> "d", s"$native/libsparkduck.so" -> library)) {
          out.putNextEntry(new JarEntry(name)); out.write(content.getBytes("UTF-8")); out.closeEntry()
        }
      } finally out.close()
      new URLClassLoader(Array(jar.toUri.toURL), null)
    }
    val cache = Files.createTempDirectory("sparkduck-cache")
    val first = NativeLoader.extract(jarWith("one"), cache)
    assertEquals(first, NativeLoader.extract(jarWith("one"), cache), "same content, same directory")
    val second = NativeLoader.extract(jarWith("two"), cache)
    assertNotEquals(first, second)
    assertEquals("two", Files.readString(second.resolve("libsparkduck.so")))
  }

  @Test def missingLibraryFailsClearly(): Unit = {
    val loader = resources(s"$native/libduckdb.so" -> "duck")
    val e = assertThrows(classOf[UnsatisfiedLinkError],
      () => NativeLoader.extract(loader, Files.createTempDirectory("sparkduck-cache")))
    assertTrue(e.getMessage.contains("native library not in jar") && e.getMessage.contains("scripts/build.sh"),
      e.getMessage)
  }
}
