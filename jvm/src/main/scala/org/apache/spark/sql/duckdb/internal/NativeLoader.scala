package org.apache.spark.sql.duckdb.internal

import java.io.{File, IOException, InputStream}
import java.net.JarURLConnection
import java.nio.file.{FileSystemException, Files, Path, Paths, StandardCopyOption}
import java.security.{DigestInputStream, MessageDigest}
import java.util.{Comparator, Locale, UUID}

import scala.jdk.CollectionConverters._

/**
 * Loads libduckdb.so and libsparkduck.so once per JVM. They travel in the jar as resources and are extracted once
 * into `$HOME/.cache/sparkduck/lib/<version>-<content hash>/` (written to a temporary directory and renamed, so
 * JVMs starting together never see a half-written copy). System properties `sparkduck.native.dir` (a directory
 * holding both libraries) and `sparkduck.extension.dir` override the jar's copies for development.
 */
object NativeLoader {
  private val ResourceRoot = "sparkduck"
  private val Libraries = Seq("libduckdb.so", "libsparkduck.so")
  private val ExtensionSuffix = ".duckdb_extension"

  /** Where DuckDB's extensions are read from (local files only), once loaded. */
  @volatile private var extensionDirectory: Option[Path] = None
  @volatile private var loaded = false

  def extensionDir: Option[Path] = { ensureLoaded(); extensionDirectory }

  def ensureLoaded(): Unit = if (!loaded) synchronized {
    if (!loaded) {
      val nativeDir = sys.props.get("sparkduck.native.dir") match {
        case Some(dir) => Paths.get(dir)
        case None =>
          val loader = Option(getClass.getClassLoader).getOrElse(ClassLoader.getSystemClassLoader)
          extract(loader, Paths.get(System.getProperty("user.home"), ".cache", "sparkduck", "lib"))
      }
      Libraries.foreach { name =>
        val lib = nativeDir.resolve(name)
        if (!Files.isRegularFile(lib)) {
          throw new UnsatisfiedLinkError(s"sparkduck: $name not found in $nativeDir")
        }
        System.load(lib.toAbsolutePath.toString)
      }
      extensionDirectory = sys.props.get("sparkduck.extension.dir").map(Paths.get(_))
        .orElse(Some(nativeDir.resolve("extensions")).filter(Files.isDirectory(_)))
      loaded = true
    }
  }

  private def platform: String = {
    val os = System.getProperty("os.name").toLowerCase(Locale.ROOT)
    val arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT)
    if (os.startsWith("linux") && (arch == "amd64" || arch == "x86_64")) "linux-x86_64"
    else throw Errors.unsupported(s"platform $os/$arch (native library built for linux-x86_64 only)")
  }

  private def libraryResource(name: String) = s"$ResourceRoot/native/$platform/$name"

  /** Extracts the libraries and extensions found by `loader` into `cacheRoot/<version>-<hash>` (once). */
  private[internal] def extract(loader: ClassLoader, cacheRoot: Path): Path = {
    Libraries.foreach { name =>
      if (loader.getResource(libraryResource(name)) == null) {
        throw new UnsatisfiedLinkError(
          s"sparkduck: native library not in jar (${libraryResource(name)}); run scripts/build.sh")
      }
    }
    val extensions = extensionResources(loader)
    val resources = Libraries.map(n => libraryResource(n) -> n) ++
      extensions.map(r => r -> s"extensions/${r.substring(r.lastIndexOf('/') + 1)}")
    val version = Option(getClass.getPackage).flatMap(p => Option(p.getImplementationVersion)).getOrElse("dev")
    val hash = contentHash(loader, resources.map(_._1))
    val target = cacheRoot.resolve(s"$version-$hash")
    if (isComplete(target, resources.map(_._2))) return target

    Files.createDirectories(cacheRoot)
    val temp = cacheRoot.resolve(s".tmp-${UUID.randomUUID()}")
    try {
      Files.createDirectories(temp.resolve("extensions"))
      resources.foreach { case (resource, relative) =>
        val in = loader.getResourceAsStream(resource)
        try Files.copy(in, temp.resolve(relative)) finally in.close()
      }
      try Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE)
      catch {
        // Another JVM extracted the same content first: use its copy.
        // (rename(2) reports ENOTEMPTY as a plain FileSystemException.)
        case _: FileSystemException if isComplete(target, resources.map(_._2)) =>
      }
    } finally deleteRecursively(temp)
    if (!isComplete(target, resources.map(_._2))) {
      throw new UnsatisfiedLinkError(s"sparkduck: could not extract the native library into $target")
    }
    target
  }

  private def isComplete(dir: Path, relatives: Seq[String]): Boolean =
    Files.isDirectory(dir) && relatives.forall(r => Files.isRegularFile(dir.resolve(r)))

  /** The `.duckdb_extension` resources, from the jar's listing or the classes directory (development). */
  private def extensionResources(loader: ClassLoader): Seq[String] = {
    val dirName = s"$ResourceRoot/extensions"
    val anchor = loader.getResource(libraryResource("libsparkduck.so"))
    anchor.getProtocol match {
      case "jar" =>
        val jar = anchor.openConnection().asInstanceOf[JarURLConnection].getJarFile
        jar.entries().asScala.map(_.getName)
          .filter(n => n.startsWith(dirName + "/") && n.endsWith(ExtensionSuffix)).toSeq.sorted
      case "file" =>
        val dir = Option(loader.getResource(dirName)).map(u => new File(u.toURI))
        dir.flatMap(d => Option(d.listFiles())).getOrElse(Array.empty[File])
          .map(_.getName).filter(_.endsWith(ExtensionSuffix)).sorted.map(n => s"$dirName/$n").toSeq
      case _ => Seq.empty
    }
  }

  /** A fingerprint of the resources' contents. From a jar: the CRC-32 and size of each entry, read from the jar's
   *  directory (the ~300 MB are not read at every start); otherwise (classes directory) the bytes themselves. */
  private def contentHash(loader: ClassLoader, resources: Seq[String]): String = {
    val digest = MessageDigest.getInstance("SHA-256")
    val buffer = new Array[Byte](1 << 16)
    resources.foreach { r =>
      digest.update(r.getBytes("UTF-8"))
      val url = loader.getResource(r)
      url.openConnection() match {
        case jar: JarURLConnection if jar.getJarEntry.getCrc != -1 =>
          val entry = jar.getJarEntry
          digest.update(s":${entry.getSize}:${entry.getCrc};".getBytes("UTF-8"))
        case connection =>
          val in: InputStream = new DigestInputStream(connection.getInputStream, digest)
          try { while (in.read(buffer) >= 0) () } finally in.close()
      }
    }
    digest.digest().take(8).map(b => f"${b & 0xff}%02x").mkString
  }

  private def deleteRecursively(path: Path): Unit = {
    if (Files.exists(path)) {
      val stream = Files.walk(path)
      try stream.sorted(Comparator.reverseOrder[Path]()).forEach { p =>
        try Files.deleteIfExists(p) catch { case _: IOException => () }
      } finally stream.close()
    }
  }
}
