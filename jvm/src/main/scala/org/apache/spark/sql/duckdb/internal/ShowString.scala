package org.apache.spark.sql.duckdb.internal

import java.time.ZoneOffset

import scala.jdk.CollectionConverters._

import org.apache.spark.sql.Row
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoder
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoders._
import org.apache.spark.sql.catalyst.util.{DateFormatter, SparkDateTimeUtils, SparkIntervalUtils, TimestampFormatter}
import org.apache.spark.sql.catalyst.util.IntervalStringStyles.ANSI_STYLE
import org.apache.spark.sql.types._
import org.apache.spark.util.{SparkSchemaUtils, SparkStringUtils}

/** Spark's `Dataset.showString` (classic), computed from collected rows. */
object ShowString {
  private val MinimumColumnWidth = 3

  /** The Row encoder to collect rows for `format` with: dates as LocalDate and timestamps as Instant, since
   *  java.sql.Date/Timestamp (hybrid Julian calendar) cannot represent every Spark value (1582-10-05..14). */
  def rowEncoder(schema: StructType): AgnosticEncoder[Row] =
    withJava8DateTimes(DataFrameRowEncoder.forSchema(schema, java8DateTimes = true)).asInstanceOf[AgnosticEncoder[Row]]

  private def withJava8DateTimes(encoder: AgnosticEncoder[_]): AgnosticEncoder[_] = encoder match {
    case _: DateEncoder => STRICT_LOCAL_DATE_ENCODER
    case _: TimestampEncoder => STRICT_INSTANT_ENCODER
    case RowEncoder(fields) => RowEncoder(fields.map(f => f.copy(enc = withJava8DateTimes(f.enc))))
    case e: IterableEncoder[_, _] => e.copy(element = withJava8DateTimes(e.element))
    case e: ArrayEncoder[_] => e.copy(element = withJava8DateTimes(e.element))
    case e: MapEncoder[_, _, _] =>
      e.copy(keyEncoder = withJava8DateTimes(e.keyEncoder), valueEncoder = withJava8DateTimes(e.valueEncoder))
    case e: OptionEncoder[_] => e.copy(elementEncoder = withJava8DateTimes(e.elementEncoder))
    case other => other
  }

  /** Spark's `Dataset.showString` output, byte for byte, from the collected rows (`numRows + 1` rows tell whether
   *  there are more). Values are formatted by Spark's `ToPrettyString` rules in `timeZone`. */
  def format(schema: StructType, rows: Array[Row], numRows: Int, truncate: Int, vertical: Boolean,
             timeZone: String): String = {
    val shown = math.max(numRows, 0)
    val hasMoreData = rows.length > shown
    val formatter = new PrettyValues(timeZone)
    // Spark truncates cells, never the column names.
    val header = schema.fieldNames.toSeq.map(SparkSchemaUtils.escapeMetaCharacters)
    val data = rows.take(shown).toSeq.map { row =>
      schema.fields.indices.map { k =>
        val cell = if (row.isNullAt(k)) "NULL" else formatter.format(row.get(k), schema(k).dataType)
        truncated(SparkSchemaUtils.escapeMetaCharacters(cell), truncate)
      }
    }
    val sb = new StringBuilder
    if (!vertical) {
      val widths = Array.fill(schema.length)(MinimumColumnWidth)
      (header +: data).foreach(_.zipWithIndex.foreach { case (cell, k) =>
        widths(k) = math.max(widths(k), halfWidth(cell))
      })
      def line(cells: Seq[String]): Unit = {
        cells.zipWithIndex.foreach { case (cell, k) =>
          val pad = " " * (widths(k) - halfWidth(cell))
          sb.append('|').append(if (truncate > 0) pad + cell else cell + pad)
        }
        sb.append("|\n")
      }
      val separator = widths.map("-" * _).mkString("+", "+", "+\n")
      sb.append(separator)
      line(header)
      sb.append(separator)
      data.foreach(line)
      sb.append(separator)
    } else {
      val nameWidth = header.foldLeft(MinimumColumnWidth)((w, n) => math.max(w, halfWidth(n)))
      val dataWidth = data.foldLeft(MinimumColumnWidth)((w, row) =>
        math.max(w, if (row.isEmpty) 0 else row.map(halfWidth).max))
      data.zipWithIndex.foreach { case (row, i) =>
        sb.append(rightPad(s"-RECORD $i", nameWidth + dataWidth + 5, '-')).append('\n')
        row.zipWithIndex.foreach { case (cell, j) =>
          val name = header(j) + " " * (nameWidth - halfWidth(header(j)))
          val value = cell + " " * (dataWidth - halfWidth(cell))
          sb.append(' ').append(name).append(" | ").append(value).append(" \n")
        }
      }
    }
    if (vertical && data.isEmpty) {
      sb.append("(0 rows)") // no newline: Spark's exact output
    } else if (hasMoreData) {
      sb.append(s"only showing top $shown ${if (shown == 1) "row" else "rows"}") // no newline, as Spark
    }
    sb.toString
  }

  private def truncated(s: String, truncate: Int): String =
    if (truncate > 0 && s.length > truncate) {
      // Spark shows no ellipsis when truncating to fewer than 4 characters.
      if (truncate < 4) s.substring(0, truncate) else s.substring(0, truncate - 3) + "..."
    } else s

  private def rightPad(s: String, width: Int, c: Char): String =
    if (s.length >= width) s else s + c.toString * (width - s.length)

  /** Display width in half-width units: East Asian full-width characters count twice (Spark's rule). */
  private[internal] def halfWidth(s: String): Int = {
    var extra = 0
    var i = 0
    while (i < s.length) {
      if (isFullWidth(s.charAt(i))) extra += 1
      i += 1
    }
    s.length + extra
  }

  private def isFullWidth(c: Char): Boolean =
    (c >= '\u1100' && c <= '\u115F') || (c >= '\u2E80' && c <= '\uA4CF') || (c >= '\uAC00' && c <= '\uD7A3') ||
      (c >= '\uF900' && c <= '\uFAFF') || (c >= '\uFE10' && c <= '\uFE19') || (c >= '\uFE30' && c <= '\uFE6F') ||
      (c >= '\uFF00' && c <= '\uFF60') || (c >= '\uFFE0' && c <= '\uFFE6')
}

/** Spark's `ToPrettyString` rules for external (Row) values: NULL for nulls at any depth, decimals in plain
 *  notation, binary as hex, dates and timestamps with Spark's formatters in the session time zone. */
private[internal] final class PrettyValues(timeZone: String) {
  private val dt = SparkDateTimeUtils
  private lazy val dateFormatter = DateFormatter()
  private lazy val timestampFormatter = TimestampFormatter.getFractionFormatter(dt.getZoneId(timeZone))
  private lazy val timestampNtzFormatter = TimestampFormatter.getFractionFormatter(ZoneOffset.UTC)
  private val NullString = "NULL"

  def format(value: Any, dataType: DataType): String = if (value == null) NullString else (dataType, value) match {
    case (BinaryType, b: Array[Byte]) => SparkStringUtils.getHexString(b)
    case (DateType, d: java.sql.Date) => dateFormatter.format(dt.fromJavaDate(d))
    case (DateType, d: java.time.LocalDate) => dateFormatter.format(dt.localDateToDays(d))
    case (TimestampType, t: java.sql.Timestamp) => timestampFormatter.format(dt.fromJavaTimestamp(t))
    case (TimestampType, t: java.time.Instant) => timestampFormatter.format(dt.instantToMicros(t))
    case (TimestampNTZType, t: java.time.LocalDateTime) => timestampNtzFormatter.format(dt.localDateTimeToMicros(t))
    case (_: DecimalType, d: java.math.BigDecimal) => d.toPlainString
    case (_: DecimalType, d: scala.math.BigDecimal) => d.bigDecimal.toPlainString
    case (_: DecimalType, d: Decimal) => d.toPlainString
    case (ArrayType(elementType, _), values) =>
      elements(values).map(format(_, elementType)).mkString("[", ", ", "]")
    case (MapType(keyType, valueType, _), m) =>
      val pairs = m match {
        case m: scala.collection.Map[_, _] => m.toSeq
        case m: java.util.Map[_, _] => m.asScala.toSeq
        case other => throw Errors.internal(s"not a map value: ${other.getClass.getName}")
      }
      pairs.map { case (k, v) => s"${format(k, keyType)} -> ${format(v, valueType)}" }.mkString("{", ", ", "}")
    case (st: StructType, row: Row) =>
      st.fields.indices.map(k => format(row.get(k), st(k).dataType)).mkString("{", ", ", "}")
    case (_: StringType | _: CharType | _: VarcharType, s) => s.toString
    case (BooleanType | ByteType | ShortType | IntegerType | LongType | FloatType | DoubleType, v) => v.toString
    case (t: DayTimeIntervalType, d: java.time.Duration) =>
      SparkIntervalUtils.toDayTimeIntervalString(SparkIntervalUtils.durationToMicros(d), ANSI_STYLE, t.startField,
        t.endField)
    case (t: YearMonthIntervalType, p: java.time.Period) =>
      SparkIntervalUtils.toYearMonthIntervalString(SparkIntervalUtils.periodToMonths(p), ANSI_STYLE, t.startField,
        t.endField)
    case (NullType, _) => NullString
    case (t, v) => throw Errors.unsupported(s"show() of ${t.sql} values (${v.getClass.getName})")
  }

  private def elements(values: Any): Seq[Any] = values match {
    case s: scala.collection.Seq[_] => s.toSeq
    case a: Array[_] => a.toSeq
    case l: java.util.List[_] => l.asScala.toSeq
    case other => throw Errors.internal(s"not an array value: ${other.getClass.getName}")
  }
}
