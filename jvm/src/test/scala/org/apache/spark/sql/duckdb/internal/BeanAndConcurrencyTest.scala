package org.apache.spark.sql.duckdb.internal

import java.io.ByteArrayInputStream

import scala.beans.BeanProperty

import org.apache.arrow.memory.RootAllocator
import org.apache.arrow.vector.ipc.ArrowStreamReader
import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.Test

import org.apache.spark.sql.catalyst.JavaTypeInference
import org.apache.spark.sql.types.{DataType, StructType}

class PersonBean {
  @BeanProperty var name: String = _
  @BeanProperty var age: Int = _
  @BeanProperty var tags: java.util.List[String] = _
  @BeanProperty var scores: java.util.Map[String, java.lang.Double] = _
}

class BeanAndConcurrencyTest {
  private def bean(name: String, age: Int, tags: java.util.List[String],
                   scores: java.util.Map[String, java.lang.Double]): PersonBean = {
    val b = new PersonBean
    b.setName(name); b.setAge(age); b.setTags(tags); b.setScores(scores)
    b
  }

  @Test def javaBeansRoundTrip(): Unit = {
    val encoder = JavaTypeInference.encoderFor(classOf[PersonBean])
    val scores = new java.util.HashMap[String, java.lang.Double]()
    scores.put("x", 1.5); scores.put("y", null)
    val beans = Seq(bean("ann", 3, java.util.Arrays.asList("a", null), scores), bean(null, 0, null, null))
    val relation = LocalData.fromObjects(beans, encoder)
    val schema = DataType.fromJson(relation.getSchema).asInstanceOf[StructType]
    val allocator = new RootAllocator(Long.MaxValue)
    try {
      val reader = new ArrowStreamReader(new ByteArrayInputStream(relation.getData.toByteArray), allocator)
      try {
        assertTrue(reader.loadNextBatch())
        val d = ArrowDecoders.forRoot(encoder, reader.getVectorSchemaRoot, schema)
        val back = (0 until 2).map(i => d.get(i).asInstanceOf[PersonBean])
        beans.zip(back).foreach { case (e, a) =>
          assertEquals(e.getName(), a.getName())
          assertEquals(e.getAge(), a.getAge())
          assertEquals(e.getTags(), a.getTags())
          assertEquals(e.getScores(), a.getScores())
        }
      } finally reader.close()
    } finally allocator.close()
  }

  @Test def oneSessionServesConcurrentQueries(): Unit = {
    val native = new NativeSessionTest
    native.withSessionForOtherTests { s =>
      val threads = (1 to 4).map { k =>
        val result = new java.util.concurrent.atomic.AtomicReference[Any]()
        val t = new Thread(() => {
          result.set(try s.collect(native.rangePlan(1000L * k),
            org.apache.spark.sql.catalyst.encoders.AgnosticEncoders.PrimitiveLongEncoder).sum
          catch { case e: Throwable => e })
        })
        t.start()
        (k, t, result)
      }
      threads.foreach { case (k, t, result) =>
        t.join(60000)
        val n = 1000L * k
        assertEquals(n * (n - 1) / 2, result.get, s"thread $k")
      }
    }
  }
}
