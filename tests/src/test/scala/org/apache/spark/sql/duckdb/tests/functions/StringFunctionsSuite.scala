package org.apache.spark.sql.duckdb.tests.functions

import org.junit.jupiter.api.Test

import org.apache.spark.sql.functions._

/** String functions on empty strings, nulls, unicode beyond the BMP, negative and zero positions. */
class StringFunctionsSuite extends FunctionSuiteBase {
  @Test def substringPositions(): Unit = checkSame("substring with positive, zero and negative positions") { spark =>
    strings(spark).select(col("id"), substring(col("s"), 1, 3), substring(col("s"), 0, 3), substring(col("s"), -3, 2),
      substring(col("s"), 2, 100), substring(col("s"), -100, 3), substring(col("s"), 3, 0), substring(col("s"), 2, -1))
  }

  @Test def substrColumn(): Unit = checkSame("Column.substr") { spark =>
    strings(spark).select(col("id"), col("s").substr(2, 3), col("s").substr(lit(-2), lit(5)))
  }

  @Test def substringColumnPositions(): Unit = checkSame("substring with column positions") { spark =>
    strings(spark).select(col("id"), substring(col("s"), col("id") - 3, col("id")))
  }

  @Test def substringOnTypes(): Unit = checkSame("substring of a non-string (implicit cast)") { spark =>
    types(spark).select(col("id"), substring(col("i"), 1, 2), substring(col("dt"), 1, 4))
  }

  @Test def likePatterns(): Unit = checkSame("like with % and _ and escapes") { spark =>
    strings(spark).select(col("id"), col("s").like("%a%"), col("s").like("_"), col("s").like(""),
      col("s").like("%\\%%"), col("s").like("a_b%"), col("s").like("%\\_%"), col("s").like("it's%"),
      col("s").like("%\\\\%"))
  }

  @Test def likeComputedPattern(): Unit = checkSame("like with a pattern that is not a literal") { spark =>
    strings(spark).select(col("id"), like(col("s"), concat(lit("%"), lit("a"), lit("%"))),
      like(col("s"), concat(lit("%"), lit("\\"), lit("%%"))))
  }

  @Test def likeInFilter(): Unit = checkSame("like in a filter") { spark =>
    strings(spark).where(col("s").like("%e%")).select(col("id"), col("s"))
  }

  @Test def likeNewline(): Unit = checkSame("like % spans newlines") { spark =>
    strings(spark).select(col("id"), col("s").like("tab%nl"))
  }

  @Test def likeBadEscape(): Unit = checkSameError("like with an escape before a letter") { spark =>
    strings(spark).select(col("s").like("a\\b"))
  }

  @Test def ilikePatterns(): Unit = checkSame("ilike") { spark =>
    strings(spark).select(col("id"), col("s").ilike("%SPARK%"), col("s").ilike("m%"))
  }

  @Test def startsEndsContains(): Unit = checkSame("startsWith, endsWith, contains") { spark =>
    strings(spark).select(col("id"), col("s").startsWith("Sp"), col("s").endsWith(","), col("s").contains("o"),
      col("s").startsWith(""), col("s").contains(lit(null).cast("string")))
  }

  @Test def startsWithColumn(): Unit = checkSame("startsWith a column, in a filter") { spark =>
    strings(spark).where(col("s").startsWith(substring(col("s"), 1, 1))).select(col("id"))
  }

  @Test def lengths(): Unit = checkSame("length, char_length, octet_length, bit_length") { spark =>
    strings(spark).select(col("id"), length(col("s")), char_length(col("s")), character_length(col("s")),
      octet_length(col("s")), bit_length(col("s")))
  }

  @Test def trims(): Unit = checkSame("trim, ltrim, rtrim") { spark =>
    strings(spark).select(col("id"), trim(col("s")), ltrim(col("s")), rtrim(col("s")))
  }

  @Test def trimsWithChars(): Unit = checkSame("trim with a character set") { spark =>
    strings(spark).select(col("id"), trim(col("s"), " ,a"), ltrim(col("s"), "Sa "), rtrim(col("s"), "ld,"))
  }

  @Test def btrimValues(): Unit = checkSame("btrim") { spark =>
    strings(spark).select(col("id"), btrim(col("s")), btrim(col("s"), lit("ab ")))
  }

  @Test def pads(): Unit = checkSame("lpad, rpad incl. truncation, empty pad, zero length") { spark =>
    strings(spark).select(col("id"), lpad(col("s"), 5, "*"), rpad(col("s"), 5, "xy"), lpad(col("s"), 0, "*"),
      rpad(col("s"), 3, ""), lpad(col("s"), 12, "😀"))
  }

  @Test def instrLocate(): Unit = checkSame("instr, locate, position") { spark =>
    strings(spark).select(col("id"), instr(col("s"), "l"), instr(col("s"), ""), locate("l", col("s")),
      locate("l", col("s"), 4), locate("", col("s"), 0), locate("b", col("s"), -1))
  }

  @Test def concatValues(): Unit = checkSame("concat is null when any argument is") { spark =>
    strings(spark).select(col("id"), concat(col("s"), lit("!")), concat(col("s"), col("id")), concat(lit("a"), lit(null)))
  }

  @Test def concatWs(): Unit = checkSame("concat_ws skips nulls") { spark =>
    strings(spark).select(col("id"), concat_ws("-", col("s"), lit(null), col("id")), concat_ws("", col("s"), col("s")))
  }

  @Test def concatWsNullSeparator(): Unit = checkSame("concat_ws with a null separator") { spark =>
    strings(spark).select(col("id"), concat_ws(null, col("s")))
  }

  @Test def leftRight(): Unit = checkSame("left and right incl. zero and negative lengths") { spark =>
    strings(spark).select(col("id"), left(col("s"), lit(2)), right(col("s"), lit(3)), left(col("s"), lit(0)),
      right(col("s"), lit(-1)), left(col("s"), lit(100)))
  }

  @Test def repeatValues(): Unit = checkSame("repeat") { spark =>
    strings(spark).select(col("id"), repeat(col("s"), 2), repeat(col("s"), 0), repeat(col("s"), -1))
  }

  @Test def translateValues(): Unit = checkSame("translate deletes unmatched characters") { spark =>
    strings(spark).select(col("id"), translate(col("s"), "ael", "AE"), translate(col("s"), "", "x"))
  }

  @Test def replaceValues(): Unit = checkSame("replace") { spark =>
    strings(spark).select(col("id"), replace(col("s"), lit("l"), lit("L")), replace(col("s"), lit(""), lit("x")))
  }

  @Test def asciiValues(): Unit = checkSame("ascii") { spark =>
    strings(spark).select(col("id"), ascii(col("s")))
  }

  @Test def initcapValues(): Unit = checkSame("initcap") { spark =>
    strings(spark).where(col("id") =!= 4).select(col("id"), initcap(col("s")))
  }

  @Test def ucaseLcase(): Unit = checkSame("ucase, lcase") { spark =>
    strings(spark).where(col("id") =!= 4).select(col("id"), ucase(col("s")), lcase(col("s")))
  }

  @Test def stringComparedWithDate(): Unit = checkSame("a date compared with a string literal") { spark =>
    dates(spark).where(col("dt") <= "2024-01-31" && col("dt") > lit("1969-12-31")).select(col("id"))
  }

  @Test def stringComparedWithTimestamp(): Unit = checkSame("a timestamp compared with a string literal") { spark =>
    dates(spark).select(col("id"), col("ts") < "2024-03-10 03:00:00", lit("2000-01-01") === col("ts"))
  }

  @Test def base64Values(): Unit = checkSame("base64 of UTF-8 strings") { spark =>
    strings(spark).select(col("id"), base64(col("s")))
  }

  // levenshtein stays unsupported: DuckDB's counts UTF-8 bytes, Spark's code points.
  @Test def levenshteinUnsupported(): Unit = checkUnsupported("levenshtein is refused by name", "levenshtein") { spark =>
    strings(spark).select(levenshtein(col("s"), lit("Spark")))
  }

  @Test def reverseValues(): Unit = checkSame("reverse of strings (code points) and arrays") { spark =>
    strings(spark).where(col("id") =!= 9).select(col("id"), reverse(col("s")), reverse(array(col("s"), lit("x"))))
  }

  @Test def substringIndex(): Unit = checkSame("substring_index positive, negative, zero counts") { spark =>
    strings(spark).select(col("id"), substring_index(col("s"), ",", 2), substring_index(col("s"), ",", -2),
      substring_index(col("s"), " ", 0), substring_index(col("s"), "l", 1))
  }

  @Test def chrValues(): Unit = checkSame("char/chr of code points mod 256, negative") { spark =>
    spark.range(-2, 3).select(col("id"), char(col("id") + 65), chr(col("id") * 100 + 321))
  }

  @Test def levenshteinValues(): Unit = checkSame("levenshtein of ASCII strings, with a threshold") { spark =>
    strings(spark).where(!col("id").isin(4, 5)).select(col("id"), levenshtein(col("s"), lit("Spark")),
      levenshtein(col("s"), lit(""), 3), levenshtein(lit("kitten"), lit("sitting")))
  }

  @Test def levenshteinUnicodeRefused(): Unit = checkUnsupported("levenshtein of non-ASCII strings", "levenshtein") { spark =>
    strings(spark).where(col("id") === 5).select(levenshtein(col("s"), lit("ab")))
  }

  @Test def splitParts(): Unit = checkSame("split_part positive, negative, out of range, empty delimiter") { spark =>
    strings(spark).select(col("id"), split_part(col("s"), lit(","), lit(2)), split_part(col("s"), lit(","), lit(-1)),
      split_part(col("s"), lit(","), lit(9)), split_part(col("s"), lit(""), lit(1)), split_part(col("s"), lit(""), lit(2)),
      split_part(col("s"), lit(" "), lit(-3)))
  }

  @Test def splitPartZero(): Unit = checkSameError("split_part of part 0") { spark =>
    strings(spark).select(split_part(col("s"), lit(","), lit(0)))
  }

  @Test def findInSet(): Unit = checkSame("find_in_set incl. commas and empty strings") { spark =>
    strings(spark).select(col("id"), find_in_set(lit("def"), col("s")), find_in_set(lit(""), col("s")),
      find_in_set(col("s"), lit("Spark SQL,,x")), find_in_set(lit("a,b"), lit("a,b")))
  }

  @Test def overlays(): Unit = checkSame("overlay with default and explicit lengths") { spark =>
    strings(spark).select(col("id"), overlay(col("s"), lit("_X_"), lit(2)), overlay(col("s"), lit(""), lit(1), lit(3)),
      overlay(col("s"), lit("😀"), lit(20), lit(0)), overlay(col("s"), lit("ab"), lit(3), lit(-5)))
  }

  @Test def eltValues(): Unit = checkSame("elt picks the n-th argument") { spark =>
    strings(spark).where(col("id") < 3).select(col("id"), elt(col("id") + 1, col("s"), lit("b"), lit(null).cast("string")),
      elt(lit(2), col("s"), lit("second")))
  }

  @Test def eltOutOfRangeAnsi(): Unit = checkSameError("elt out of range under ANSI") { spark =>
    strings(spark).select(elt(lit(3), col("s"), lit("b")))
  }

  @Test def eltOutOfRangeLegacy(): Unit = withAnsi(false) {
    checkSame("elt out of range is null without ANSI") { spark =>
      strings(spark).select(col("id"), elt(col("id") - 1, col("s"), lit("b")))
    }
  }
}
