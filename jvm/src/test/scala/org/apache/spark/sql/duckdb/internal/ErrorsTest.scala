package org.apache.spark.sql.duckdb.internal

import java.io.IOException

import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.Test

import org.apache.spark.{SparkArithmeticException, SparkNumberFormatException, SparkRuntimeException, SparkThrowable}
import org.apache.spark.sql.AnalysisException

class ErrorsTest {
  private def condition(t: Throwable): String = t.asInstanceOf[SparkThrowable].getCondition

  @Test def analysisClassesBecomeAnalysisException(): Unit = {
    for (cls <- Seq("UNRESOLVED_COLUMN.WITH_SUGGESTION", "AMBIGUOUS_REFERENCE", "PATH_NOT_FOUND",
      "UNRESOLVED_ROUTINE", "SPARKDUCK_UNSUPPORTED", "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES")) {
      val e = Errors.toSpark(new NativeException(cls, "42000", s"message of $cls"))
      assertTrue(e.isInstanceOf[AnalysisException], s"$cls -> ${e.getClass}")
      assertEquals(s"[$cls] message of $cls SQLSTATE: 42000", e.getMessage)
      assertEquals(cls, condition(e))
    }
  }

  @Test def executionClassesBecomeSparksExecutionExceptions(): Unit = {
    val divide = Errors.toSpark(new NativeException("DIVIDE_BY_ZERO", "22012", "Division by zero."))
    assertTrue(divide.isInstanceOf[SparkArithmeticException], divide.getClass.toString)
    assertEquals("[DIVIDE_BY_ZERO] Division by zero. SQLSTATE: 22012", divide.getMessage)
    assertEquals("DIVIDE_BY_ZERO", condition(divide))
    assertEquals("22012", divide.asInstanceOf[SparkThrowable].getSqlState)

    val overflow = Errors.toSpark(new NativeException("ARITHMETIC_OVERFLOW", null, "long overflow."))
    assertTrue(overflow.isInstanceOf[SparkArithmeticException])

    val cast = Errors.toSpark(new NativeException("CAST_INVALID_INPUT", "22018", "The value 'x' ..."))
    assertTrue(cast.isInstanceOf[SparkNumberFormatException], cast.getClass.toString)
    assertEquals("CAST_INVALID_INPUT", condition(cast))

    val other = Errors.toSpark(new NativeException("SOME_ENGINE_FAILURE", null, "it broke"))
    assertTrue(other.isInstanceOf[SparkRuntimeException], other.getClass.toString)
    assertEquals("[SOME_ENGINE_FAILURE] it broke", other.getMessage)
    assertEquals("SOME_ENGINE_FAILURE", condition(other))
  }

  @Test def classesWithAnalysisLikeNamesKeepSparksRuntimeTypes(): Unit = {
    val index = Errors.toSpark(new NativeException("INVALID_ARRAY_INDEX", "22003", "The index 5 is out of bounds."))
    assertTrue(index.isInstanceOf[org.apache.spark.SparkArrayIndexOutOfBoundsException], index.getClass.toString)
    val conf = Errors.toSpark(new NativeException("INVALID_CONF_VALUE.TIME_ZONE", "22022", "bad zone"))
    assertTrue(conf.isInstanceOf[org.apache.spark.SparkIllegalArgumentException], conf.getClass.toString)
    assertEquals("INVALID_CONF_VALUE.TIME_ZONE", condition(conf))
    val zero = Errors.toSpark(new NativeException("INVALID_INDEX_OF_ZERO", "22003", "index 0"))
    assertTrue(zero.isInstanceOf[SparkRuntimeException], zero.getClass.toString)
    for (cls <- Seq("SPARKDUCK_INVALID_PLAN", "SPARKDUCK_EXECUTION_ERROR", "SPARKDUCK_OUT_OF_MEMORY")) {
      val e = Errors.toSpark(new NativeException(cls, null, "x"))
      assertTrue(e.isInstanceOf[SparkRuntimeException], s"$cls -> ${e.getClass}")
    }
    assertTrue(Errors.toSpark(new NativeException("UNABLE_TO_INFER_SCHEMA", "42KD9", "x")).isInstanceOf[AnalysisException])
  }

  @Test def streamErrorStringsAreParsed(): Unit = {
    val io = new IOException("Failed to load next batch: [DIVIDE_BY_ZERO] Division by zero. (errno 5)")
    val e = Errors.toSpark(io)
    assertTrue(e.isInstanceOf[SparkArithmeticException], e.getClass.toString)
    // No SQLSTATE in a stream error: Spark's own state for the class is used.
    assertEquals("[DIVIDE_BY_ZERO] Division by zero. (errno 5) SQLSTATE: 22012", e.getMessage)
    assertSame(io, e.getCause)

    val plain = new IOException("disk full")
    assertSame(plain, Errors.toSpark(plain))
  }
}
