package org.apache.spark.sql.duckdb.tests.io

import java.math.{BigDecimal => JBigDecimal}
import java.sql.{Date, Timestamp}

import scala.jdk.CollectionConverters._

import org.junit.jupiter.api.Test

import org.apache.spark.sql.{Row, SparkSession}
import org.apache.spark.sql.functions._
import org.apache.spark.sql.types._

/** CSV reads (Spark's options, Spark's schema inference) and writes. */
class CsvSuite extends IoSuite {
  private lazy val people = textFile("people.csv", Seq(
    "name,age,score,born,seen,active",
    "ann,30,1.5,2000-01-15,2024-01-15 10:11:12,true",
    "bob,41,,1999-12-31,2024-03-10 02:30:00,false",
    "\"carl, jr\",,2.25,,2024-11-03 01:30:00.123456,TRUE",
    "\"dq \\\"x\\\"\",7,-0.0,2024-02-29,,",
    "été 漢字,0,1e3,1969-12-31,1970-01-01 00:00:00,false").mkString("", "\n", "\n"))

  private def csv(text: String): String = textFile("data.csv", text)

  private def readAll(path: String, options: (String, String)*)(s: SparkSession) =
    s.read.options(options.toMap).csv(path)

  @Test def headerInferSchema(): Unit =
    checkSame("header + inferSchema")(readAll(people, "header" -> "true", "inferSchema" -> "true"))

  @Test def headerInferSchemaTypes(): Unit = checkSameResult("inferred schema") { s =>
    s.read.option("header", "true").option("inferSchema", "true").csv(people).schema.toString
  }

  @Test def headerStrings(): Unit = checkSame("header, no inference: strings")(readAll(people, "header" -> "true"))

  @Test def noHeader(): Unit = checkSame("no header: _c0.. and the header line as data")(readAll(people))

  @Test def noHeaderInfer(): Unit = checkSame("no header, inferSchema")(readAll(people, "inferSchema" -> "true"))

  @Test def formatLoad(): Unit = checkSame("format(csv).load") { s =>
    s.read.format("csv").option("header", "true").load(people)
  }

  @Test def inferInts(): Unit = checkSame("ints")(readAll(csv("a\n1\n-2\n+3\n007\n"), "header" -> "true", "inferSchema" -> "true"))

  @Test def inferLongs(): Unit =
    checkSame("longs")(readAll(csv("a\n1\n3000000000\n"), "header" -> "true", "inferSchema" -> "true"))

  @Test def inferDecimals(): Unit = checkSame("integers beyond long are decimals") {
    readAll(csv("a\n1\n12345678901234567890\n"), "header" -> "true", "inferSchema" -> "true")
  }

  @Test def inferDoubles(): Unit = checkSame("doubles")(readAll(csv("a\n1\n2.5\n-1e-3\nNaN\nInf\n-Inf\n1d\n"), "header" -> "true", "inferSchema" -> "true"))

  @Test def inferBooleans(): Unit =
    checkSame("booleans")(readAll(csv("a\ntrue\nFALSE\nTrue\n"), "header" -> "true", "inferSchema" -> "true"))

  @Test def inferIntAndBoolean(): Unit =
    checkSame("int and boolean give string")(readAll(csv("a\n1\ntrue\n"), "header" -> "true", "inferSchema" -> "true"))

  @Test def inferDates(): Unit =
    checkSame("dates")(readAll(csv("a\n2024-01-15\n1900-02-28\n"), "header" -> "true", "inferSchema" -> "true"))

  @Test def inferTimestamps(): Unit = checkSame("timestamps") {
    readAll(csv("a\n2024-01-15 10:11:12\n2024-01-15T10:11:12.5\n2024-03-10 02:30:00\n"), "header" -> "true", "inferSchema" -> "true")
  }

  @Test def inferTimestampWithZone(): Unit = checkSame("timestamps with zones") {
    readAll(csv("a\n2024-01-15T10:11:12Z\n2024-01-15T10:11:12+05:30\n"), "header" -> "true", "inferSchema" -> "true")
  }

  @Test def inferDateThenTimestamp(): Unit = checkSame("date then timestamp: string") {
    readAll(csv("a\n2024-01-15\n2024-01-15 10:11:12\n"), "header" -> "true", "inferSchema" -> "true")
  }

  @Test def inferTimestampThenDate(): Unit = checkSame("timestamp then date: timestamp") {
    readAll(csv("a\n2024-01-15 10:11:12\n2024-01-16\n"), "header" -> "true", "inferSchema" -> "true")
  }

  @Test def inferAllNull(): Unit =
    checkSame("all-null column is string")(readAll(csv("a,b\n,1\n,2\n"), "header" -> "true", "inferSchema" -> "true"))

  @Test def inferSpaces(): Unit =
    checkSame("values with spaces")(readAll(csv("a,b\n 1,x \n2 , y\n"), "header" -> "true", "inferSchema" -> "true"))

  @Test def separatorSemicolon(): Unit = checkSame("sep ;")(readAll(csv("a;b\n1;x,y\n2;z\n"), "header" -> "true", "sep" -> ";"))

  @Test def separatorTab(): Unit = checkSame("sep \\t")(readAll(csv("a\tb\n1\tx\n"), "header" -> "true", "sep" -> "\t", "inferSchema" -> "true"))

  @Test def delimiterOption(): Unit = checkSame("delimiter |")(readAll(csv("a|b\n1|x\n"), "header" -> "true", "delimiter" -> "|"))

  @Test def quoteOption(): Unit = checkSame("quote '")(readAll(csv("a,b\n'x,y',1\n"), "header" -> "true", "quote" -> "'"))

  @Test def escapeBackslash(): Unit = checkSame("escaped quotes")(readAll(csv("a,b\n\"say \\\"hi\\\"\",1\n"), "header" -> "true"))

  @Test def nullValue(): Unit = checkSame("nullValue NA") {
    readAll(csv("a,b\nNA,1\nx,NA\n\"NA\",2\n"), "header" -> "true", "nullValue" -> "NA", "inferSchema" -> "true")
  }

  @Test def emptyAndQuotedEmpty(): Unit = checkSame("empty and quoted empty values")(readAll(csv("a,b\n,\"\"\nx,y\n"), "header" -> "true"))

  @Test def comment(): Unit = checkSame("comment #")(readAll(csv("a,b\n#skip,me\n1,2\n"), "header" -> "true", "comment" -> "#"))

  @Test def multiLine(): Unit =
    checkSame("multiLine quoted line breaks")(readAll(csv("a,b\n\"line1\nline2\",1\n"), "header" -> "true", "multiLine" -> "true"))

  @Test def crlf(): Unit = checkSame("CRLF line ends")(readAll(csv("a,b\r\n1,x\r\n2,y\r\n"), "header" -> "true", "inferSchema" -> "true"))

  @Test def fewerColumns(): Unit = checkSame("short rows are padded with nulls")(readAll(csv("a,b,c\n1,2\n3\n"), "header" -> "true"))

  @Test def duplicateHeader(): Unit = checkSame("duplicate header names")(readAll(csv("a,A,b\n1,2,3\n"), "header" -> "true"))

  @Test def emptyHeaderName(): Unit = checkSame("empty header name")(readAll(csv("a,,b\n1,2,3\n"), "header" -> "true"))

  @Test def unicodeValues(): Unit = checkSame("unicode")(readAll(csv("名前,v\n漢字,😀\n"), "header" -> "true"))

  @Test def userSchema(): Unit = checkSame("user schema") { s =>
    s.read.schema(StructType(Seq(StructField("name", StringType), StructField("age", IntegerType), StructField("score", DoubleType),
      StructField("born", DateType), StructField("seen", TimestampType), StructField("active", BooleanType))))
      .option("header", "true").csv(people)
  }

  @Test def ddlSchema(): Unit = checkSame("DDL schema") { s =>
    s.read.schema("name STRING, age LONG, score DECIMAL(10,2)").option("header", "true").csv(people)
  }

  @Test def permissiveBadValues(): Unit = checkSame("PERMISSIVE: unparsable values are null") { s =>
    s.read.schema("a INT, b DOUBLE").option("header", "true").csv(csv("a,b\n1,2.5\nx,3\n4,y\n"))
  }

  @Test def dropMalformed(): Unit = checkSame("DROPMALFORMED drops bad rows") { s =>
    s.read.schema("a INT, b DOUBLE").option("header", "true").option("mode", "DROPMALFORMED").csv(csv("a,b\n1,2.5\nx,3\n4,y\n5,6\n"))
  }

  @Test def failFast(): Unit = checkSameError("FAILFAST fails on a bad row") { s =>
    s.read.schema("a INT").option("header", "true").option("mode", "FAILFAST").csv(csv("a\n1\nx\n"))
  }

  @Test def failFastGood(): Unit = checkSame("FAILFAST on good rows") { s =>
    s.read.schema("a INT").option("header", "true").option("mode", "FAILFAST").csv(csv("a\n1\n2\n"))
  }

  @Test def severalFiles(): Unit = checkSame("directory of CSV files, header in each") { s =>
    val dir = freshDir()
    writeFile(dir, "a.csv", "x,y\n1,a\n2,b\n")
    writeFile(dir, "b.csv", "x,y\n3,c\n")
    s.read.option("header", "true").option("inferSchema", "true").csv(dir.getAbsolutePath)
  }

  @Test def partitionedCsv(): Unit = checkSame("partitioned CSV directory") { s =>
    val dir = freshDir()
    writeFile(dir, "g=1/a.csv", "x\n1\n2\n")
    writeFile(dir, "g=2/b.csv", "x\n3\n")
    s.read.option("header", "true").option("inferSchema", "true").csv(dir.getAbsolutePath)
  }

  @Test def globCsv(): Unit = checkSame("glob of CSV files") { s =>
    val dir = freshDir()
    writeFile(dir, "a.csv", "1\n")
    writeFile(dir, "b.csv", "2\n")
    writeFile(dir, "c.txt", "3\n")
    s.read.csv(dir.getAbsolutePath + "/*.csv")
  }

  @Test def missingCsv(): Unit = checkSameError("missing CSV path")(_.read.csv(freshPath()))

  @Test def unionAndAggregate(): Unit = checkSame("CSV reads, union, aggregate") { s =>
    val orders = s.read.option("header", "true").option("inferSchema", "true").csv(csv("id,cust,amount\n1,10,5.5\n2,10,4.5\n3,11,1\n"))
    val customers = s.read.option("header", "true").option("inferSchema", "true").csv(csv("cust,name\n10,ann\n11,bob\n"))
    orders.union(customers.select(col("cust").as("id"), col("cust"), lit(0.0).as("amount")))
      .groupBy("cust").agg(sum("amount").as("total"), count(lit(1)).as("n"))
  }

  // ---- writes ----

  private val rowsSchema = StructType(Seq(StructField("s", StringType), StructField("i", IntegerType), StructField("d", DoubleType),
    StructField("dec", DecimalType(10, 2)), StructField("b", BooleanType), StructField("dt", DateType), StructField("ts", TimestampType),
    StructField("l", LongType)))
  private val rows = Seq(
    Row("plain", 1, 1.5, new JBigDecimal("1.50"), true, Date.valueOf("2024-01-15"), Timestamp.valueOf("2024-01-15 10:11:12.123"), 1L),
    Row("with,comma", -2, -0.25, new JBigDecimal("-3.00"), false, Date.valueOf("1969-12-31"), Timestamp.valueOf("2024-07-01 00:00:00"), 3000000000L),
    Row("quote \"q\"", null, null, null, null, null, null, null),
    Row("", 0, 1e10, new JBigDecimal("0.01"), true, Date.valueOf("2000-02-29"), Timestamp.valueOf("1969-12-31 23:59:59"), -1L),
    Row("  padded  ", 5, Double.NaN, new JBigDecimal("99999999.99"), false, Date.valueOf("2024-02-29"), Timestamp.valueOf("2024-11-03 01:30:00"), 0L),
    Row("été 漢字", 6, Double.PositiveInfinity, new JBigDecimal("1.00"), true, Date.valueOf("2038-01-19"), Timestamp.valueOf("2038-01-19 03:14:07"), 7L))
  private def data(s: SparkSession) = s.createDataFrame(rows.asJava, rowsSchema)

  private def readBack(options: (String, String)*)(s: SparkSession, p: String) =
    s.read.options(options.toMap).schema(rowsSchema).csv(p)

  @Test def writeHeader(): Unit = checkSameWrite("write with header", readBack("header" -> "true")) { (s, p) =>
    data(s).write.option("header", "true").csv(p)
  }

  @Test def writeNoHeader(): Unit = checkSameWrite("write without header", readBack()) { (s, p) => data(s).write.csv(p) }

  @Test def writeInferredBack(): Unit = checkSameWrite("write, read back with inference",
    (s, p) => s.read.option("header", "true").option("inferSchema", "true").csv(p)) { (s, p) =>
    data(s).select("s", "i", "dec", "b", "dt", "l").write.option("header", "true").csv(p)
  }

  @Test def writeStringsAsText(): Unit = checkSameWrite("written CSV as text lines", (s, p) => s.read.text(p)) { (s, p) =>
    data(s).select("s", "i", "b", "dt", "l").write.csv(p)
  }

  @Test def writeTimestampsAsText(): Unit = checkSameWrite("written timestamps as text", (s, p) => s.read.text(p)) { (s, p) =>
    data(s).select("ts").write.csv(p)
  }

  @Test def writeSep(): Unit = checkSameWrite("write sep ;", readBack("sep" -> ";")) { (s, p) => data(s).write.option("sep", ";").csv(p) }

  @Test def writeNullValue(): Unit = checkSameWrite("write nullValue", readBack("nullValue" -> "NULL")) { (s, p) =>
    data(s).write.option("nullValue", "NULL").csv(p)
  }

  @Test def writeGzip(): Unit = checkSameWrite("write gzip", readBack()) { (s, p) => data(s).write.option("compression", "gzip").csv(p) }

  @Test def writePartitioned(): Unit = checkSameWrite("write partitioned CSV",
    (s, p) => s.read.option("header", "true").option("inferSchema", "true").csv(p)) { (s, p) =>
    data(s).select("b", "i", "s").write.option("header", "true").partitionBy("b").csv(p)
  }

  @Test def writeFormatCsv(): Unit = checkSameWrite("format(csv).save", readBack()) { (s, p) => data(s).write.format("csv").save(p) }

  @Test def writeArrayFails(): Unit = checkSameError("CSV cannot write arrays") { s =>
    import s.implicits._
    Seq(Seq(1L, 2L)).toDF("a").write.csv(freshPath())
  }

  @Test def writeOverwrite(): Unit = checkSameWrite("CSV overwrite", readBack()) { (s, p) =>
    data(s).write.csv(p)
    data(s).where(col("i") > 0).write.mode("overwrite").csv(p)
  }
}
