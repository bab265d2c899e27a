package org.apache.spark.sql.duckdb.tests.io

import java.sql.{Date, Timestamp}

import scala.jdk.CollectionConverters._

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{Row, SparkSession}
import org.apache.spark.sql.functions._
import org.apache.spark.sql.types._

/** JSON (JSON Lines and multiLine, Spark's schema inference) and text sources, reads and writes. */
class JsonTextSuite extends IoSuite {
  private def json(text: String): String = textFile("data.json", text)

  @Test def jsonLines(): Unit = checkSame("JSON lines")(_.read.json(json("{\"b\":1,\"a\":\"x\"}\n{\"a\":\"y\",\"b\":2}\n")))

  @Test def jsonFieldsSorted(): Unit = checkSameResult("JSON fields sorted by name") { s =>
    s.read.json(json("{\"z\":1,\"a\":2,\"m\":3}\n")).columns.toSeq
  }

  @Test def jsonLongAndDouble(): Unit = checkSame("long then double: double")(_.read.json(json("{\"a\":1}\n{\"a\":2.5}\n")))

  @Test def jsonConflict(): Unit = checkSame("number and string: string")(_.read.json(json("{\"a\":1}\n{\"a\":\"x\"}\n")))

  @Test def jsonBooleans(): Unit = checkSame("booleans")(_.read.json(json("{\"a\":true}\n{\"a\":false}\n{\"a\":null}\n")))

  @Test def jsonMissingFields(): Unit = checkSame("missing fields are null")(_.read.json(json("{\"a\":1}\n{\"b\":\"x\"}\n{}\n")))

  @Test def jsonAllNull(): Unit = checkSame("all-null field is string")(_.read.json(json("{\"a\":null,\"b\":1}\n")))

  @Test def jsonNested(): Unit = checkSame("nested struct") { s =>
    s.read.json(json("{\"s\":{\"y\":1,\"x\":\"a\"}}\n{\"s\":{\"x\":\"b\",\"z\":true}}\n"))
  }

  @Test def jsonArrays(): Unit = checkSame("arrays")(_.read.json(json("{\"a\":[1,2,3]}\n{\"a\":[]}\n{\"a\":null}\n")))

  @Test def jsonArrayOfStructs(): Unit =
    checkSame("array of structs")(_.read.json(json("{\"a\":[{\"x\":1},{\"y\":\"z\"}]}\n")))

  @Test def jsonBigLong(): Unit = checkSame("longs near the limits") { s =>
    s.read.json(json("{\"a\":9223372036854775807}\n{\"a\":-9223372036854775808}\n"))
  }

  @Test def jsonDoubles(): Unit = checkSame("doubles")(_.read.json(json("{\"a\":1.5e300}\n{\"a\":-0.0}\n{\"a\":0.1}\n")))

  @Test def jsonUnicode(): Unit = checkSame("unicode and escapes") { s =>
    s.read.json(json("{\"a\":\"été 漢字 😀\",\"b\":\"tab\\tquote\\\"\\u00e9\"}\n"))
  }

  @Test def jsonEmptyLines(): Unit = checkSame("empty lines are skipped")(_.read.json(json("{\"a\":1}\n\n{\"a\":2}\n\n")))

  @Test def jsonCrlf(): Unit = checkSame("CRLF lines")(_.read.json(json("{\"a\":1}\r\n{\"a\":2}\r\n")))

  @Test def jsonMultiLine(): Unit = checkSame("multiLine array of objects") { s =>
    s.read.option("multiLine", "true").json(json("[\n  {\"a\": 1,\n   \"b\": \"x\"},\n  {\"a\": 2}\n]\n"))
  }

  @Test def jsonMultiLineObject(): Unit = checkSame("multiLine single object") { s =>
    s.read.option("multiLine", "true").json(json("{\n \"a\": {\"b\": [1, 2]}\n}\n"))
  }

  @Test def jsonPrimitivesAsString(): Unit = checkSame("primitivesAsString") { s =>
    s.read.option("primitivesAsString", "true").json(json("{\"a\":1,\"b\":true,\"c\":\"x\",\"d\":1.5}\n"))
  }

  @Test def jsonSeveralFiles(): Unit = checkSame("several JSON files") { s =>
    val dir = freshDir()
    writeFile(dir, "a.json", "{\"a\":1}\n")
    writeFile(dir, "b.json", "{\"a\":2.5,\"b\":\"x\"}\n")
    s.read.json(dir.getAbsolutePath)
  }

  @Test def jsonPartitioned(): Unit = checkSame("partitioned JSON") { s =>
    val dir = freshDir()
    writeFile(dir, "p=x/a.json", "{\"a\":1}\n")
    writeFile(dir, "p=y/b.json", "{\"a\":2}\n")
    s.read.json(dir.getAbsolutePath)
  }

  @Test def jsonUserSchema(): Unit = checkSame("JSON user schema") { s =>
    s.read.schema("b STRING, a LONG").json(json("{\"a\":1,\"b\":\"x\",\"c\":true}\n"))
  }

  @Test def jsonFormatLoad(): Unit = checkSame("format(json).load")(_.read.format("json").load(json("{\"a\":1}\n")))

  @Test def jsonMissing(): Unit = checkSameError("missing JSON path")(_.read.json(freshPath()))

  @Test def jsonAggregate(): Unit = checkSame("JSON group by") { s =>
    s.read.json(json("{\"k\":\"a\",\"v\":1}\n{\"k\":\"a\",\"v\":2}\n{\"k\":\"b\",\"v\":3}\n")).groupBy("k").agg(sum("v").as("s"))
  }

  // ---- JSON writes ----

  private val schema = StructType(Seq(StructField("s", StringType), StructField("i", IntegerType), StructField("l", LongType),
    StructField("d", DoubleType), StructField("b", BooleanType), StructField("dt", DateType), StructField("ts", TimestampType)))
  private val rows = Seq(
    Row("x", 1, 3000000000L, 1.5, true, Date.valueOf("2024-01-15"), Timestamp.valueOf("2024-01-15 10:11:12.345")),
    Row("quote \" back\\ tab\t é", null, null, null, null, null, null),
    Row("", -1, -1L, -0.25, false, Date.valueOf("1969-12-31"), Timestamp.valueOf("1969-12-31 23:59:59")))
  private def data(s: SparkSession) = s.createDataFrame(rows.asJava, schema)

  @Test def jsonWriteInferred(): Unit = checkSameWrite("JSON write, read back inferred", (s, p) => s.read.json(p)) { (s, p) =>
    data(s).write.json(p)
  }

  @Test def jsonWriteWithSchema(): Unit = checkSameWrite("JSON write, read back with schema", (s, p) => s.read.schema(schema).json(p)) {
    (s, p) => data(s).write.json(p)
  }

  @Test def jsonWriteText(): Unit = checkSameWrite("JSON lines as text", (s, p) => s.read.text(p)) { (s, p) =>
    data(s).select("s", "i", "l", "b", "dt").write.json(p)
  }

  @Test def jsonWriteNullsOmitted(): Unit = checkSameWrite("null fields omitted", (s, p) => s.read.json(p)) { (s, p) =>
    data(s).where(col("i").isNull).write.json(p)
  }

  @Test def jsonWritePartitioned(): Unit = checkSameWrite("partitioned JSON write", (s, p) => s.read.json(p)) { (s, p) =>
    data(s).select("b", "s", "i").write.partitionBy("b").json(p)
  }

  @Test def jsonWriteFormat(): Unit = checkSameWrite("format(json).save", (s, p) => s.read.json(p)) { (s, p) =>
    data(s).write.format("json").save(p)
  }

  // ---- text ----

  private def text(content: String): String = textFile("lines.txt", content)

  @Test def textLines(): Unit = checkSame("text lines")(_.read.text(text("a\nb c\n\nlast")))

  @Test def textFinalNewline(): Unit = checkSame("final line break")(_.read.text(text("a\nb\n")))

  @Test def textCrlf(): Unit = checkSame("CRLF")(_.read.text(text("a\r\nb\r\n")))

  @Test def textEmptyFile(): Unit = checkSame("empty file")(_.read.text(text("")))

  @Test def textOnlyNewline(): Unit = checkSame("only a line break")(_.read.text(text("\n")))

  @Test def textUnicode(): Unit = checkSame("unicode lines")(_.read.text(text("été\n漢字 😀\n")))

  @Test def textSchema(): Unit = checkSameResult("text schema")(_.read.text(text("a\n")).schema.toString)

  @Test def textFileDataset(): Unit = checkSame("textFile: Dataset[String]")(_.read.textFile(text("x\ny\n")))

  @Test def textSeveralFiles(): Unit = checkSame("several text files") { s =>
    val dir = freshDir()
    writeFile(dir, "a.txt", "1\n2\n")
    writeFile(dir, "b.txt", "3\n")
    s.read.text(dir.getAbsolutePath)
  }

  @Test def textPartitioned(): Unit = checkSame("partitioned text") { s =>
    val dir = freshDir()
    writeFile(dir, "d=2024-01-15/a.txt", "1\n")
    writeFile(dir, "d=2024-01-16/b.txt", "2\n")
    s.read.text(dir.getAbsolutePath)
  }

  @Test def textWholetext(): Unit = checkSame("wholetext")(_.read.option("wholetext", "true").text(text("a\nb\n")))

  @Test def textFormatLoad(): Unit = checkSame("format(text).load")(_.read.format("text").load(text("q\n")))

  @Test def textMissing(): Unit = checkSameError("missing text path")(_.read.text(freshPath()))

  @Test def textLineCount(): Unit = checkSame("count of each line") { s =>
    s.read.text(text("a\nb\na\n\na\n")).groupBy("value").count()
  }

  @Test def textWrite(): Unit = checkSameWrite("text write", (s, p) => s.read.text(p)) { (s, p) =>
    import s.implicits._
    Seq("a", "", "été 漢字", "quote \" comma ,", null).toDF("value").write.text(p)
  }

  @Test def textWritePartitioned(): Unit = checkSameWrite("partitioned text write", (s, p) => s.read.text(p)) { (s, p) =>
    import s.implicits._
    Seq(("a", 1), ("b", 2), ("c", 1)).toDF("value", "g").write.partitionBy("g").text(p)
  }
}
