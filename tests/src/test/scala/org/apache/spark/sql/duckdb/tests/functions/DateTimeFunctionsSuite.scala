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
}
