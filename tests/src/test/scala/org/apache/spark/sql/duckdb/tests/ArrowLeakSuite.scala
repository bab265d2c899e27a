package org.apache.spark.sql.duckdb.tests

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.{Order, Test}

import org.apache.arrow.memory.BufferAllocator

/**
 * Runs last (ClassOrderer.OrderAnnotation, see junit-platform.properties): after every suite has run its queries,
 * sparkduck's Arrow allocator holds no memory, so every result stream was closed.
 *
 * sparkduck exposes no accessor yet; the allocator is reached reflectively: SparkSession.native (NativeSession) and
 * its field `allocator`. A public accessor (e.g. NativeSession.allocatedBytes) would make this less brittle.
 */
@Order(Int.MaxValue)
class ArrowLeakSuite extends DifferentialSuite {

  private def sparkduckAllocator(): BufferAllocator = {
    val nativeSession = candidate.getClass.getMethod("native").invoke(candidate)
    val field = nativeSession.getClass.getDeclaredField("allocator")
    field.setAccessible(true)
    field.get(nativeSession).asInstanceOf[BufferAllocator]
  }

  @Test def noArrowMemoryOutstandingAfterAllSuites(): Unit = {
    val allocator = sparkduckAllocator()
    assertEquals(0L, allocator.getAllocatedMemory, s"outstanding Arrow memory:\n${allocator.toVerboseString}")
  }

  @Test def noArrowMemoryOutstandingAfterPartialConsumption(): Unit = {
    val session = candidate
    session.range(100000).head(3)
    session.range(5).isEmpty
    val allocator = sparkduckAllocator()
    assertEquals(0L, allocator.getAllocatedMemory, s"outstanding Arrow memory:\n${allocator.toVerboseString}")
  }
}
