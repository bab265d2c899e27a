package org.apache.spark.sql.duckdb.parser

import java.util.Locale

import scala.jdk.CollectionConverters._

import org.antlr.v4.runtime.ParserRuleContext

import org.apache.spark.connect.proto
import org.apache.spark.sql.catalyst.parser.ParseException
import org.apache.spark.sql.catalyst.parser.SqlBaseParser._
import org.apache.spark.sql.duckdb.{DataTypeToProto, NotSupportedYet}
import org.apache.spark.sql.types.{DataType, DayTimeIntervalType, YearMonthIntervalType}

/**
 * `INTERVAL 3 DAYS 4 HOURS`, `INTERVAL '1-2' YEAR TO MONTH`, `INTERVAL '1 02:03:04' DAY TO SECOND`: Spark's ANSI
 * interval literals (year-month or day-time, with the start and end fields written), carried as a literal whose
 * `data_type` says the fields.
 */
private[parser] object IntervalLiterals {
  private val MicrosPerSecond = 1000000L
  private val unitMicros = Map(
    "WEEK" -> 7L * 86400L * MicrosPerSecond, "DAY" -> 86400L * MicrosPerSecond, "HOUR" -> 3600L * MicrosPerSecond,
    "MINUTE" -> 60L * MicrosPerSecond, "SECOND" -> MicrosPerSecond, "MILLISECOND" -> 1000L, "MICROSECOND" -> 1L)
  private val dayTimeField = Map("WEEK" -> DayTimeIntervalType.DAY, "DAY" -> DayTimeIntervalType.DAY,
    "HOUR" -> DayTimeIntervalType.HOUR, "MINUTE" -> DayTimeIntervalType.MINUTE,
    "SECOND" -> DayTimeIntervalType.SECOND, "MILLISECOND" -> DayTimeIntervalType.SECOND,
    "MICROSECOND" -> DayTimeIntervalType.SECOND)

  private def unsupported(what: String): Nothing = NotSupportedYet(s"SQL interval literal $what")

  private def singular(unit: String): String = {
    val u = unit.toUpperCase(Locale.ROOT)
    if (u.endsWith("S")) u.dropRight(1) else u
  }

  def apply(ctx: IntervalContext, builder: ExpressionBuilder): proto.Expression = {
    if (ctx.errorCapturingMultiUnitsInterval() != null) {
      val m = ctx.errorCapturingMultiUnitsInterval()
      if (m.unitToUnitInterval() != null) unsupported(ctx.getText)
      multiUnits(m.body, builder)
    } else {
      val u = ctx.errorCapturingUnitToUnitInterval()
      if (u.error1 != null || u.error2 != null) unsupported(ctx.getText)
      unitToUnit(u.body, builder)
    }
  }

  def fromString(value: String, ctx: ParserRuleContext, builder: ExpressionBuilder): proto.Expression =
    unsupported(s"INTERVAL '$value' (a unit must follow)")

  private def intervalValue(v: IntervalValueContext, builder: ExpressionBuilder): String = {
    val sign = if (v.MINUS() != null) "-" else ""
    val text = if (v.stringLit() != null) builder.literalString(v.stringLit()).trim else v.getText.stripPrefix("-")
      .stripPrefix("+")
    if (text.startsWith("-")) text.drop(1).prependedAll(if (sign == "-") "" else "-") else sign + text
  }

  private def multiUnits(ctx: MultiUnitsIntervalContext, builder: ExpressionBuilder): proto.Expression = {
    val values = ctx.intervalValue().asScala.map(v => intervalValue(v, builder))
    val units = ctx.unit.asScala.map(u => singular(u.getText))
    val pairs = values.zip(units).toSeq
    if (pairs.forall { case (_, u) => u == "YEAR" || u == "MONTH" }) {
      val months = pairs.map { case (v, u) =>
        val n = BigInt(parseInteger(v, ctx))
        if (u == "YEAR") n * 12 else n
      }.sum
      val start = if (units.contains("YEAR")) YearMonthIntervalType.YEAR else YearMonthIntervalType.MONTH
      val end = if (units.contains("MONTH")) YearMonthIntervalType.MONTH else YearMonthIntervalType.YEAR
      yearMonth(months, YearMonthIntervalType(start, end), ctx)
    } else if (pairs.forall { case (_, u) => unitMicros.contains(u) }) {
      val micros = pairs.map { case (v, u) =>
        val amount = BigDecimal(v)
        if (!amount.isWhole && u != "SECOND") unsupported(s"with a fractional $u")
        (amount * unitMicros(u)).toBigInt
      }.sum
      val fields = units.map(dayTimeField)
      dayTime(micros, DayTimeIntervalType(fields.min, fields.max), ctx)
    } else unsupported(s"mixing year-month and day-time units (${ctx.getText})")
  }

  private def parseInteger(v: String, ctx: ParserRuleContext): Long =
    try v.toLong catch { case _: NumberFormatException => unsupported(s"value '$v'") }

  private def unitToUnit(ctx: UnitToUnitIntervalContext, builder: ExpressionBuilder): proto.Expression = {
    val text = intervalValue(ctx.value, builder)
    val (from, to) = (ctx.from.getText.toUpperCase(Locale.ROOT), ctx.to.getText.toUpperCase(Locale.ROOT))
    val negative = text.startsWith("-")
    val body = text.stripPrefix("-").stripPrefix("+")
    val sign = if (negative) -1 else 1
    (from, to) match {
      case ("YEAR", "MONTH") =>
        body.split("-") match {
          case Array(y, m) if y.forall(_.isDigit) && m.forall(_.isDigit) && m.toInt < 12 =>
            yearMonth(BigInt(sign) * (BigInt(y) * 12 + BigInt(m)), YearMonthIntervalType(YearMonthIntervalType.YEAR,
              YearMonthIntervalType.MONTH), ctx)
          case _ => unsupported(s"'$text' YEAR TO MONTH")
        }
      case _ if dayTimeField.contains(from) && dayTimeField.contains(to) =>
        val pattern = (from, to) match {
          case ("DAY", "HOUR") => """(\d+) (\d{1,2})""".r
          case ("DAY", "MINUTE") => """(\d+) (\d{1,2}):(\d{1,2})""".r
          case ("DAY", "SECOND") => """(\d+) (\d{1,2}):(\d{1,2}):(\d{1,2}(?:\.\d{1,9})?)""".r
          case ("HOUR", "MINUTE") => """(\d+):(\d{1,2})""".r
          case ("HOUR", "SECOND") => """(\d+):(\d{1,2}):(\d{1,2}(?:\.\d{1,9})?)""".r
          case ("MINUTE", "SECOND") => """(\d+):(\d{1,2}(?:\.\d{1,9})?)""".r
          case _ => unsupported(s"'$text' $from TO $to")
        }
        val groups = pattern.unapplySeq(body).getOrElse(unsupported(s"'$text' $from TO $to"))
        val fieldUnits = Seq("DAY", "HOUR", "MINUTE", "SECOND").dropWhile(_ != from).take(groups.length)
        val micros = groups.zip(fieldUnits).map { case (g, u) => (BigDecimal(g) * unitMicros(u)).toBigInt }.sum
        dayTime(micros * sign, DayTimeIntervalType(dayTimeField(from), dayTimeField(to)), ctx)
      case _ => unsupported(s"'$text' $from TO $to")
    }
  }

  private def yearMonth(months: BigInt, dataType: DataType, ctx: ParserRuleContext): proto.Expression = {
    if (!months.isValidInt) throw new ParseException("INTERVAL_ARITHMETIC_OVERFLOW", Map("message" -> "integer overflow",
      "alternative" -> ""), ctx)
    literal(_.setYearMonthInterval(months.toInt), dataType)
  }

  private def dayTime(micros: BigInt, dataType: DataType, ctx: ParserRuleContext): proto.Expression = {
    if (!micros.isValidLong) throw new ParseException("INTERVAL_ARITHMETIC_OVERFLOW", Map("message" -> "long overflow",
      "alternative" -> ""), ctx)
    literal(_.setDayTimeInterval(micros.toLong), dataType)
  }

  private def literal(set: proto.Expression.Literal.Builder => Unit, dataType: DataType): proto.Expression = {
    val lb = proto.Expression.Literal.newBuilder()
    set(lb)
    lb.setDataType(DataTypeToProto(dataType))
    proto.Expression.newBuilder().setLiteral(lb).build()
  }
}
