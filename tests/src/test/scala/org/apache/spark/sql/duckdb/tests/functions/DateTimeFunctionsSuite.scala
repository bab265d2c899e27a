package org.apache.spark.sql.duckdb.tests.functions

import org.junit.jupiter.api.Test

import org.apache.spark.sql.functions._

/** Date/time functions in the session zone America/Los_Angeles: DST days, month ends, leap days, pre-1970. */
class DateTimeFunctionsSuite extends FunctionSuiteBase {
  @Test def dateFields(): Unit = checkSame("year, quarter, month, dayofmonth, dayofyear of dates") { spark =>
    dates(spark).select(col("id"), year(col("dt")), quarter(col("dt")), month(col("dt")), dayofmonth(col("dt")),
      dayofyear(col("dt")))
  }

  @Test def weekFields(): Unit = checkSame("dayofweek, weekday, weekofyear") { spark =>
    dates(spark).select(col("id"), dayofweek(col("dt")), weekday(col("dt")), weekofyear(col("dt")))
  }

  @Test def timestampDateFields(): Unit = checkSame("year, month, day of timestamps (session zone)") { spark =>
    dates(spark).select(col("id"), year(col("ts")), month(col("ts")), dayofmonth(col("ts")), day(col("ts")))
  }

  @Test def timeFields(): Unit = checkSame("hour, minute, second across DST") { spark =>
    dates(spark).select(col("id"), hour(col("ts")), minute(col("ts")), second(col("ts")))
  }

  @Test def timeFieldsOfDates(): Unit = checkSame("hour of a date is 0") { spark =>
    dates(spark).select(col("id"), hour(col("dt")))
  }

  @Test def extractFields(): Unit = checkSame("extract YEAR, MONTH, DAY, DOW, DOY, WEEK, QUARTER") { spark =>
    dates(spark).select(col("id"), extract(lit("YEAR"), col("dt")), extract(lit("month"), col("dt")),
      extract(lit("DAY"), col("dt")), extract(lit("DOW"), col("dt")), extract(lit("DOY"), col("dt")),
      extract(lit("WEEK"), col("dt")), extract(lit("QUARTER"), col("dt")), extract(lit("DOW_ISO"), col("dt")))
  }

  @Test def extractTimeFields(): Unit = checkSame("extract HOUR, MINUTE, SECOND (decimal with fraction)") { spark =>
    dates(spark).select(col("id"), extract(lit("HOUR"), col("ts")), extract(lit("MINUTE"), col("ts")),
      extract(lit("SECOND"), col("ts")), extract(lit("YEAROFWEEK"), col("ts")))
  }

  @Test def datePart(): Unit = checkSame("date_part") { spark =>
    dates(spark).select(col("id"), date_part(lit("YEAR"), col("dt")), date_part(lit("SECOND"), col("ts")))
  }

  @Test def dateAddSub(): Unit = checkSame("date_add, date_sub incl. negative days and leap years") { spark =>
    dates(spark).select(col("id"), date_add(col("dt"), 1), date_sub(col("dt"), 1), date_add(col("dt"), -366),
      date_add(col("dt"), col("id")), date_sub(col("dt"), lit(0)))
  }

  @Test def dateAddOfTimestamp(): Unit = checkSame("date_add of a timestamp is a date") { spark =>
    dates(spark).select(col("id"), date_add(col("ts"), 1), date_sub(col("ts"), 1))
  }

  @Test def dateAddOfString(): Unit = checkSame("date_add of a date string") { spark =>
    spark.range(1).select(date_add(lit("2024-02-28"), 1), date_sub(lit("2024-03-01"), 1))
  }

  @Test def addMonths(): Unit = checkSame("add_months clamps to month end") { spark =>
    dates(spark).select(col("id"), add_months(col("dt"), 1), add_months(col("dt"), -1), add_months(col("dt"), 12),
      add_months(col("dt"), col("id")))
  }

  @Test def dateDiff(): Unit = checkSame("datediff") { spark =>
    dates(spark).select(col("id"), datediff(col("dt"), lit("2024-01-01")), datediff(col("ts"), col("dt")))
  }

  @Test def lastDayNextDay(): Unit = checkSame("last_day, next_day") { spark =>
    dates(spark).select(col("id"), last_day(col("dt")), next_day(col("dt"), "Mon"), next_day(col("dt"), "friday"),
      next_day(col("dt"), "SU"))
  }

  @Test def truncDates(): Unit = checkSame("trunc of dates incl. invalid formats") { spark =>
    dates(spark).select(col("id"), trunc(col("dt"), "year"), trunc(col("dt"), "MM"), trunc(col("dt"), "quarter"),
      trunc(col("dt"), "week"), trunc(col("dt"), "Q"), trunc(col("dt"), "dd"))
  }

  @Test def dateTruncTimestamps(): Unit = checkSame("date_trunc of timestamps across DST") { spark =>
    dates(spark).select(col("id"), date_trunc("year", col("ts")), date_trunc("month", col("ts")),
      date_trunc("day", col("ts")), date_trunc("hour", col("ts")), date_trunc("minute", col("ts")),
      date_trunc("second", col("ts")), date_trunc("week", col("ts")), date_trunc("bogus", col("ts")))
  }

  @Test def unixDates(): Unit = checkSame("unix_date, date_from_unix_date") { spark =>
    dates(spark).select(col("id"), unix_date(col("dt")), date_from_unix_date(col("id") * 1000 - 3000))
  }

  @Test def unixTimes(): Unit = checkSame("unix_seconds, unix_millis, unix_micros (floor for pre-1970)") { spark =>
    dates(spark).select(col("id"), unix_seconds(col("ts")), unix_millis(col("ts")), unix_micros(col("ts")))
  }

  @Test def timestampFromNumbers(): Unit = checkSame("timestamp_millis, timestamp_micros") { spark =>
    spark.range(-2, 3).select(col("id"), timestamp_millis(col("id") * 86400000L + 1),
      timestamp_micros(col("id") * 1234567L))
  }

  @Test def toDateOfStrings(): Unit = checkSame("to_date of strings") { spark =>
    import spark.implicits._
    Seq("2024-02-29", "2024-1-5", " 2024-03-10 ", "2024-03-10T10:00:00", null).toDF("s").select(col("s"), to_date(col("s")))
  }

  @Test def toDateInvalidAnsi(): Unit = checkSameError("to_date of an invalid string under ANSI") { spark =>
    import spark.implicits._
    Seq("2024-02-30").toDF("s").select(to_date(col("s")))
  }

  @Test def toDateInvalidLegacy(): Unit = withAnsi(false) {
    checkSame("to_date of an invalid string is null without ANSI") { spark =>
      import spark.implicits._
      Seq("2024-02-30", "x", "2024-02-01").toDF("s").select(col("s"), to_date(col("s")))
    }
  }

  @Test def currentDateNotNull(): Unit = checkSame("current_date and current_timestamp are not null") { spark =>
    spark.range(2).select(col("id"), current_date().isNotNull, current_timestamp().isNotNull)
  }

  @Test def dateFilterWithStrings(): Unit = checkSame("TPC-H style date range filter with date_add and strings") { spark =>
    dates(spark).where(col("dt") >= lit("2000-01-01") && col("dt") < add_months(lit("2024-01-01").cast("date"), 3))
      .select(col("id"), year(col("dt")).as("y"))
  }

  @Test def makeDate(): Unit = checkSame("make_date of valid fields") { spark =>
    spark.range(1, 5).select(col("id"), make_date(lit(2024), col("id").cast("int"), lit(29)))
  }

  @Test def makeDateInvalidAnsi(): Unit = checkSameError("make_date of Feb 30 under ANSI") { spark =>
    spark.range(1).select(make_date(lit(2023), lit(2), lit(30) + col("id").cast("int")))
  }

  @Test def makeDateInvalidLegacy(): Unit = withAnsi(false) {
    checkSame("make_date of invalid fields is null without ANSI") { spark =>
      spark.range(1).select(make_date(lit(2023), lit(2), lit(29) + col("id").cast("int")),
        make_date(lit(2023), lit(13), lit(1) + col("id").cast("int")))
    }
  }

  @Test def monthsBetween(): Unit = checkSame("months_between incl. month ends and roundOff") { spark =>
    dates(spark).select(col("id"), months_between(col("ts"), col("dt")), months_between(col("dt"), lit("2024-02-29")),
      months_between(col("ts"), col("dt"), false))
  }

  @Test def dayMonthNames(): Unit = checkSame("dayname, monthname") { spark =>
    dates(spark).select(col("id"), dayname(col("dt")), monthname(col("dt")))
  }

  @Test def toTimestampOfStrings(): Unit = checkSame("to_timestamp of strings in the session zone") { spark =>
    import spark.implicits._
    Seq("2024-03-10 02:30:00", "2024-11-03 01:30:00", "2024-01-15", null).toDF("s").select(col("s"), to_timestamp(col("s")))
  }

  @Test def aliasesOfDateFunctions(): Unit = checkSame("dateadd, date_diff, datepart") { spark =>
    dates(spark).select(col("id"), dateadd(col("dt"), lit(3)), date_diff(col("dt"), lit("2024-01-01")),
      datepart(lit("YEAR"), col("ts")), datepart(lit("SECOND"), col("ts")))
  }

  @Test def curdateIsToday(): Unit = checkSame("curdate() equals current_date()") { spark =>
    spark.range(1).select(curdate() === current_date())
  }

  @Test def currentTimezone(): Unit = checkSame("current_timezone is the session zone") { spark =>
    spark.range(1).select(current_timezone())
  }

  @Test def timestampSeconds(): Unit = checkSame("timestamp_seconds of integral seconds") { spark =>
    numbers(spark).where(col("id") =!= 4 && col("id") =!= 5).select(col("id"), timestamp_seconds(col("l")),
      timestamp_seconds(col("i") * 100000))
  }

  @Test def dateFormats(): Unit = checkSame("date_format with Java patterns in the session zone (DST)") { spark =>
    dates(spark).select(col("id"), date_format(col("ts"), "yyyy-MM-dd HH:mm:ss"), date_format(col("ts"), "yy/M/d h:m:s a"),
      date_format(col("ts"), "EEE EEEE MMM MMMM D DDD"), date_format(col("ts"), "HH:mm:ss.SSS SSSSSS"),
      date_format(col("dt"), "dd.MM.yyyy 'at' hh 'o''clock' %"))
  }

  @Test def dateFormatOfStrings(): Unit = checkSame("date_format of a string column") { spark =>
    import spark.implicits._
    Seq("2024-03-10 02:30:00", "2024-01-15", null).toDF("s").select(col("s"), date_format(col("s"), "yyyyMMdd HH"))
  }

  @Test def dateFormatUnsupportedPattern(): Unit = checkUnsupported("date_format of zone letters", "VV") { spark =>
    dates(spark).select(date_format(col("ts"), "yyyy VV"))
  }

  @Test def fromUnixtimes(): Unit = checkSame("from_unixtime with the default and explicit patterns") { spark =>
    numbers(spark).where(col("id") =!= 4 && col("id") =!= 5).select(col("id"), from_unixtime(col("l") * 86400 + 1710063000),
      from_unixtime(col("i"), "yyyy-MM-dd'T'HH:mm"), from_unixtime(lit(1730622600L), "HH:mm a"))
  }

  /** Strings to parse: valid, DST gap and overlap in America/Los_Angeles, invalid dates, wrong widths, trailing text. */
  private def parseInputs(spark: org.apache.spark.sql.SparkSession) = {
    import spark.implicits._
    Seq[(Int, String)]((0, "2024-01-05 13:04:05"), (1, "2024-03-10 02:30:00"), (2, "2024-11-03 01:30:00"), (3, null),
      (4, "1969-12-31 23:59:59"), (5, "2024-02-29 00:00:00"), (6, "2000-01-01 00:00:00"))
      .toDF("id", "s")
  }

  private def badInputs(spark: org.apache.spark.sql.SparkSession) = {
    import spark.implicits._
    Seq[(Int, String)]((0, "2023-02-29 00:00:00"), (1, "2024-1-05 00:00:00"), (2, "2024-01-05 00:00:00 extra"),
      (3, "2024-13-01 00:00:00"), (4, ""), (5, "2024-01-05T00:00:00"), (6, "2024-01-05 24:00:00"))
      .toDF("id", "s")
  }

  @Test def toTimestampWithPattern(): Unit = checkSame("to_timestamp(s, pattern) in the session zone incl. DST") { spark =>
    parseInputs(spark).select(col("id"), to_timestamp(col("s"), "yyyy-MM-dd HH:mm:ss"),
      to_timestamp(concat(lit("["), col("s"), lit("]")), "'['yyyy-MM-dd HH:mm:ss']'"))
  }

  @Test def toDateWithPattern(): Unit = checkSame("to_date(s, pattern)") { spark =>
    parseInputs(spark).select(col("id"), to_date(substring(col("s"), 1, 10), "yyyy-MM-dd"),
      to_date(concat(substring(col("s"), 9, 2), lit("/"), substring(col("s"), 6, 2), lit("/"), substring(col("s"), 1, 4)), "dd/MM/yyyy"))
  }

  @Test def unixTimestamps(): Unit = checkSame("unix_timestamp, to_unix_timestamp of strings, dates, timestamps") { spark =>
    parseInputs(spark).select(col("id"), unix_timestamp(col("s")), unix_timestamp(substring(col("s"), 1, 10), "yyyy-MM-dd"),
      to_unix_timestamp(col("s"), lit("yyyy-MM-dd HH:mm:ss")))
  }

  @Test def unixTimestampOfDatetimes(): Unit = checkSame("unix_timestamp of dates and timestamps truncates") { spark =>
    dates(spark).select(col("id"), unix_timestamp(col("ts")), unix_timestamp(col("dt")))
  }

  @Test def tryToTimestamp(): Unit = checkSame("try_to_timestamp, try_to_date are null on invalid input") { spark =>
    badInputs(spark).select(col("id"), try_to_timestamp(col("s"), lit("yyyy-MM-dd HH:mm:ss")),
      try_to_date(col("s"), "yyyy-MM-dd HH:mm:ss"))
  }

  @Test def toTimestampInvalidAnsi(): Unit = checkSameError("to_timestamp of an invalid date under ANSI") { spark =>
    badInputs(spark).where(col("id") === 0).select(to_timestamp(col("s"), "yyyy-MM-dd HH:mm:ss"))
  }

  @Test def toTimestampWrongWidthAnsi(): Unit = checkSameError("to_timestamp of a one-digit month under ANSI") { spark =>
    badInputs(spark).where(col("id") === 1).select(to_timestamp(col("s"), "yyyy-MM-dd HH:mm:ss"))
  }

  @Test def toDateTrailingTextAnsi(): Unit = checkSameError("to_date with trailing text under ANSI") { spark =>
    badInputs(spark).where(col("id") === 2).select(to_date(col("s"), "yyyy-MM-dd HH:mm:ss"))
  }

  @Test def unixTimestampInvalidAnsi(): Unit = checkSameError("unix_timestamp of an invalid string under ANSI") { spark =>
    badInputs(spark).where(col("id") === 3).select(unix_timestamp(col("s"), "yyyy-MM-dd HH:mm:ss"))
  }

  @Test def parsingLegacyIsNull(): Unit = withAnsi(false) {
    checkSame("to_timestamp, to_date, unix_timestamp of invalid strings are null without ANSI") { spark =>
      badInputs(spark).select(col("id"), to_timestamp(col("s"), "yyyy-MM-dd HH:mm:ss"), to_date(col("s"), "yyyy-MM-dd HH:mm:ss"),
        unix_timestamp(col("s")))
    }
  }

  @Test def parsingUnsupportedPattern(): Unit = checkUnsupported("to_timestamp with a fraction pattern", "SSS") { spark =>
    parseInputs(spark).select(to_timestamp(concat(col("s"), lit(".123")), "yyyy-MM-dd HH:mm:ss.SSS"))
  }

  @Test def wideYearRefused(): Unit = checkUnsupported("to_date of a five-digit year", "parsing a year wider") { spark =>
    import spark.implicits._
    Seq("12024-01-05").toDF("s").select(try_to_date(col("s"), "yyyy-MM-dd"))
  }
}
