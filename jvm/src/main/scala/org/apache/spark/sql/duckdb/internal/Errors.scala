package org.apache.spark.sql.duckdb.internal

import java.io.IOException

import org.apache.spark.{QueryContext, SparkThrowableHelper, SparkArithmeticException, SparkArrayIndexOutOfBoundsException, SparkIllegalArgumentException, SparkDateTimeException, SparkNumberFormatException, SparkRuntimeException}
import org.apache.spark.sql.AnalysisException

/** Native errors as the exception types Spark throws for the same error class. */
object Errors {
  /** `[ERROR_CLASS] message` anywhere in a string (Arrow's stream error text wraps it). */
  private val Bracketed = """(?s).*?\[([A-Z][A-Z0-9_]*(?:\.[A-Z][A-Z0-9_]*)*)\] (.*)""".r

  /** Error classes Spark reports at analysis time (checked as prefixes of the full class). */
  private val AnalysisPrefixes = Seq(
    "UNRESOLVED_", "AMBIGUOUS_", "PATH_NOT_FOUND", "DATATYPE_MISMATCH", "SPARKDUCK_UNSUPPORTED",
    "TABLE_OR_VIEW_NOT_FOUND", "TABLE_OR_VIEW_ALREADY_EXISTS", "SCHEMA_NOT_FOUND", "FIELD_NOT_FOUND",
    "COLUMN_ALREADY_EXISTS", "COLUMN_NOT_FOUND", "PARSE_SYNTAX_ERROR", "PARSE_", "MISSING_AGGREGATION",
    "MISSING_GROUP_BY", "GROUP_BY_", "INVALID_", "NUM_COLUMNS_MISMATCH", "INCOMPATIBLE_",
    "WRONG_NUM_ARGS", "UNSUPPORTED_", "NOT_SUPPORTED_", "CANNOT_", "NON_", "ROUTINE_NOT_FOUND",
    "VIEW_NOT_FOUND", "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", "DUPLICATE_", "MULTI_", "NESTED_AGGREGATE_FUNCTION",
    "AGGREGATE_", "WINDOW_", "STAR_", "EXPECT_", "REQUIRES_", "UNABLE_TO_INFER_SCHEMA", "_LEGACY_ERROR_TEMP_")

  /** Execution error classes that Spark raises as a specific exception type. */
  private val ArithmeticClasses = Set("DIVIDE_BY_ZERO", "ARITHMETIC_OVERFLOW", "NUMERIC_VALUE_OUT_OF_RANGE",
    "INTERVAL_DIVIDED_BY_ZERO", "BINARY_ARITHMETIC_OVERFLOW", "INTERVAL_ARITHMETIC_OVERFLOW",
    "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", "CAST_OVERFLOW", "CAST_OVERFLOW_IN_TABLE_INSERT")
  private val NumberFormatClasses = Set("CAST_INVALID_INPUT")
  private val ArrayIndexClasses = Set("INVALID_ARRAY_INDEX", "INVALID_ARRAY_INDEX_IN_ELEMENT_AT")
  private val IllegalArgumentClasses = Set("INVALID_CONF_VALUE")
  /** Execution-time classes whose names look like analysis ones (checked before the analysis prefixes). */
  private val RuntimeClasses = Set("INVALID_INDEX_OF_ZERO", "INVALID_FRACTION_OF_SECOND", "INVALID_URL",
    "INVALID_UTF8_STRING", "INVALID_PARAMETER_VALUE", "INVALID_REGEXP_REPLACE", "INVALID_BITMAP_POSITION")
  private val DateTimeClasses = Set("DATETIME_OVERFLOW", "DATETIME_FIELD_OUT_OF_BOUNDS", "CANNOT_PARSE_TIMESTAMP",
    "INVALID_DATETIME_PATTERN")

  /** A NativeException (or a stream error string `[CLASS] message`) as the Spark exception type Spark throws. */
  def toSpark(e: Throwable): Throwable = e match {
    case n: NativeException => fromClass(n.errorClass, n.getMessage, Option(n.sqlState), udfCause(n.errorClass, n.getMessage, n))
    case io: IOException => io.getMessage match {
      case Bracketed(errorClass, text) => fromClass(errorClass, s"[$errorClass] $text", None, udfCause(errorClass, text, io))
      case _ => e
    }
    case _ => e
  }

  /** A failed UDF's exception carries the closure's own exception as its cause, as Spark's does. */
  private def udfCause(errorClass: String, text: String, fallback: Throwable): Throwable =
    if (errorClass == "FAILED_EXECUTE_UDF") UdfRuntime.takeFailureCause(text).getOrElse(fallback) else fallback

  /** The Spark exception for `errorClass` carrying `message` ("[CLASS] text") unchanged. */
  def fromClass(errorClass: String, text: String, sqlState: Option[String], cause: Throwable): Throwable = {
    val topClass = errorClass.takeWhile(_ != '.')
    // Spark's messages end with " SQLSTATE: <state>" when the class has one.
    val state = sqlState.filter(_.nonEmpty).orElse(knownSqlState(errorClass))
    val message = state match {
      case Some(st) if !text.contains(" SQLSTATE: ") => s"$text SQLSTATE: $st"
      case _ => text
    }
    val exception: Throwable =
      if (ArithmeticClasses(topClass)) {
        newPrivate(classOf[SparkArithmeticException], message, errorClass)
      } else if (NumberFormatClasses(topClass)) {
        newPrivate(classOf[SparkNumberFormatException], message, errorClass)
      } else if (ArrayIndexClasses(topClass)) {
        newPrivate(classOf[SparkArrayIndexOutOfBoundsException], message, errorClass)
      } else if (IllegalArgumentClasses(topClass)) {
        newIllegalArgument(message, errorClass)
      } else if (topClass == "FAILED_EXECUTE_UDF") {
        // Spark raises a plain SparkException for a failed UDF.
        new org.apache.spark.SparkException(message, cause, Some(errorClass), Map.empty[String, String],
          Array.empty[QueryContext])
      } else if (RuntimeClasses(topClass)) {
        newRuntime(message, errorClass, cause)
      } else if (DateTimeClasses(topClass) && !isAnalysis(errorClass)) {
        newDateTime(message, errorClass)
      } else if (isAnalysis(errorClass)) {
        new AnalysisException(message, None, None, Option(cause), Some(errorClass), Map.empty[String, String],
          Array.empty[QueryContext])
      } else {
        newRuntime(message, errorClass, cause)
      }
    if (exception.getCause == null && cause != null && (exception ne cause)) {
      try exception.initCause(cause) catch { case _: IllegalStateException => () }
    }
    exception
  }

  private def knownSqlState(errorClass: String): Option[String] =
    try Option(SparkThrowableHelper.getSqlState(errorClass)) catch { case _: RuntimeException => None }

  private def isAnalysis(errorClass: String): Boolean =
    AnalysisPrefixes.exists(p => errorClass.startsWith(p)) && !ArithmeticClasses(errorClass.takeWhile(_ != '.'))

  // Spark's public constructors render the message from error-conditions.json and need every message parameter;
  // the native side sends the rendered message, so the private (message, errorClass, ...) constructor is used.
  private def newPrivate(cls: Class[_ <: Throwable], message: String, errorClass: String): Throwable = {
    try {
      val c = cls.getDeclaredConstructor(classOf[String], classOf[Option[_]], classOf[Map[_, _]],
        classOf[Array[QueryContext]], classOf[Option[_]])
      c.setAccessible(true)
      c.newInstance(message, Some(errorClass), Map.empty[String, String], Array.empty[QueryContext], None)
    } catch {
      case _: ReflectiveOperationException | _: RuntimeException => newRuntime(message, errorClass, null)
    }
  }

  private def newDateTime(message: String, errorClass: String): Throwable = {
    try {
      val c = classOf[SparkDateTimeException].getDeclaredConstructor(classOf[String], classOf[Option[_]],
        classOf[Map[_, _]], classOf[Array[QueryContext]], classOf[Option[_]], classOf[Option[_]])
      c.setAccessible(true)
      c.newInstance(message, Some(errorClass), Map.empty[String, String], Array.empty[QueryContext], None, None)
    } catch {
      case _: ReflectiveOperationException | _: RuntimeException => newRuntime(message, errorClass, null)
    }
  }

  private def newIllegalArgument(message: String, errorClass: String): Throwable = {
    try {
      val c = classOf[SparkIllegalArgumentException].getDeclaredConstructor(classOf[String], classOf[Option[_]],
        classOf[Option[_]], classOf[Map[_, _]], classOf[Array[QueryContext]], classOf[Option[_]])
      c.setAccessible(true)
      c.newInstance(message, None, Some(errorClass), Map.empty[String, String], Array.empty[QueryContext], None)
    } catch {
      case _: ReflectiveOperationException | _: RuntimeException => newRuntime(message, errorClass, null)
    }
  }

  private def newRuntime(message: String, errorClass: String, cause: Throwable): Throwable = {
    try {
      val c = classOf[SparkRuntimeException].getDeclaredConstructor(classOf[String], classOf[Option[_]],
        classOf[Option[_]], classOf[Map[_, _]], classOf[Array[QueryContext]], classOf[Option[_]])
      c.setAccessible(true)
      c.newInstance(message, Option(cause), Some(errorClass), Map.empty[String, String], Array.empty[QueryContext],
        None)
    } catch {
      case _: ReflectiveOperationException => new RuntimeException(message, cause)
    }
  }

  /** Errors raised by the JVM data path itself (decoding, encoding, loading). */
  def unsupported(what: String): RuntimeException =
    newRuntime(s"[SPARKDUCK_UNSUPPORTED] not supported yet by sparkduck: $what", "SPARKDUCK_UNSUPPORTED", null)
      .asInstanceOf[RuntimeException]

  /** A failure of the data path that is a bug or a broken contract, not a user error. */
  def internal(message: String): RuntimeException =
    newRuntime(s"[INTERNAL_ERROR] sparkduck: $message", "INTERNAL_ERROR", null).asInstanceOf[RuntimeException]
}
