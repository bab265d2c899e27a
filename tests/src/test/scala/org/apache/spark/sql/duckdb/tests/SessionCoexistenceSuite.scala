package org.apache.spark.sql.duckdb.tests

import org.junit.jupiter.api.Assertions.{assertEquals, assertFalse, assertTrue}
import org.junit.jupiter.api.Test

import org.apache.spark.sql.SparkSession

/**
 * A Spark classic session and a sparkduck session live in one JVM. sql-api keeps ONE active and ONE default session
 * slot for all implementations (SparkSessionCompanion), so each builder must only take a session of its own kind.
 */
class SessionCoexistenceSuite extends DifferentialSuite {

  @Test def candidateIsSparkduck(): Unit = {
    assertEquals("sparkduck", TestSessions.candidateName, "run with -Dsparkduck.tests.candidate=classic only to check the harness")
    assertTrue(TestSessions.isSparkduck(candidate), s"candidate is ${candidate.getClass.getName}")
  }

  @Test def sparkduckBuilderNeverReturnsClassic(): Unit = {
    SparkSession.setActiveSession(classic)
    val fromBuilder = TestSessions.newSparkduckBuilder().getOrCreate()
    assertTrue(TestSessions.isSparkduck(fromBuilder), s"sparkduck's builder returned ${fromBuilder.getClass.getName}")
  }

  @Test def sparkduckBuilderReturnsTheActiveSparkduckSession(): Unit = {
    SparkSession.setActiveSession(candidate)
    assertTrue(TestSessions.newSparkduckBuilder().getOrCreate() eq candidate)
  }

  @Test def classicBuilderNeverReturnsSparkduck(): Unit = {
    candidate
    SparkSession.setActiveSession(candidate)
    val fromBuilder = org.apache.spark.sql.classic.SparkSession.builder().getOrCreate()
    assertFalse(TestSessions.isSparkduck(fromBuilder), s"classic's builder returned ${fromBuilder.getClass.getName}")
  }

  @Test def sessionsDoNotShareConfiguration(): Unit = {
    val key = "spark.sql.shuffle.partitions"
    val before = classic.conf.get(key)
    candidate.conf.set(key, "3")
    try assertEquals(before, classic.conf.get(key), "setting a conf on sparkduck changed Spark classic's conf")
    finally candidate.conf.set(key, before)
  }
}
