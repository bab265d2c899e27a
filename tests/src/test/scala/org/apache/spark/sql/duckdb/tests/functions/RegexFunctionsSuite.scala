package org.apache.spark.sql.duckdb.tests.functions

import org.junit.jupiter.api.Test

import org.apache.spark.sql.functions._

/** rlike, regexp_replace, regexp_extract(_all), split with Java patterns in the RE2-compatible subset. */
class RegexFunctionsSuite extends FunctionSuiteBase {
  @Test def rlikeBasics(): Unit = checkSame("rlike finds (not full match), classes, anchors") { spark =>
    strings(spark).select(col("id"), col("s").rlike("a"), col("s").rlike("^[A-Z]"), col("s").rlike("\\d+"),
      col("s").rlike("(?:ab|cd)e?"), col("s").rlike("[^a-z ]"))
  }

  @Test def rlikeDotAndDollar(): Unit = checkSame("rlike: . stops at line terminators, $ before a final newline") { spark =>
    import spark.implicits._
    Seq("ab\n", "a\nb", "ab", "a\rb", "").toDF("s").select(col("s"), col("s").rlike("a.b"), col("s").rlike("b$"),
      col("s").rlike("^$"))
  }

  @Test def rlikeWhitespace(): Unit = checkSame("rlike \\s is Java's (ASCII) whitespace") { spark =>
    import spark.implicits._
    Seq("a b", "a\u00a0b", "a\u000bb", "ab").toDF("s").select(col("s"), col("s").rlike("a\\sb"), col("s").rlike("a\\Sb"))
  }

  @Test def rlikeInFilter(): Unit = checkSame("rlike in a filter") { spark =>
    strings(spark).where(col("s").rlike("[,;]")).select(col("id"))
  }

  @Test def regexpReplace(): Unit = checkSame("regexp_replace replaces all matches, $n references") { spark =>
    strings(spark).select(col("id"), regexp_replace(col("s"), "[aeiou]", "_"), regexp_replace(col("s"), "(\\w)(\\w)", "$2$1"),
      regexp_replace(col("s"), ",+", ";"), regexp_replace(col("s"), "\\s+", " "))
  }

  @Test def regexpReplaceLiteralDollar(): Unit = checkSame("regexp_replace with escaped $ and backslash") { spark =>
    strings(spark).select(col("id"), regexp_replace(col("s"), "l", "\\$"), regexp_replace(col("s"), "o", "\\\\"))
  }

  @Test def regexpExtract(): Unit = checkSame("regexp_extract: '' without a match or group") { spark =>
    strings(spark).select(col("id"), regexp_extract(col("s"), "([a-z]+)\\s([a-z]+)", 2), regexp_extract(col("s"), "(\\d+)", 1),
      regexp_extract(col("s"), "(x)|(y)", 2), regexp_extract(col("s"), "[a-z]+", 0))
  }

  @Test def regexpExtractAll(): Unit = checkSame("regexp_extract_all") { spark =>
    strings(spark).select(col("id"), regexp_extract_all(col("s"), lit("([a-z])[a-z]"), lit(1)),
      regexp_extract_all(col("s"), lit("\\d"), lit(0)))
  }

  @Test def splitValues(): Unit = checkSame("split keeps trailing empty strings") { spark =>
    strings(spark).select(col("id"), split(col("s"), ","), split(col("s"), "\\s+"), split(col("s"), "[,l]", -1))
  }

  @Test def splitLiteralDot(): Unit = checkSame("split on an escaped dot") { spark =>
    import spark.implicits._
    Seq("a.b.c", ".a.", "", "abc").toDF("s").select(col("s"), split(col("s"), "\\."))
  }

  @Test def lookaheadUnsupported(): Unit = checkUnsupported("rlike with a lookahead", "regular expression") { spark =>
    strings(spark).select(col("s").rlike("a(?=b)"))
  }

  @Test def emptyMatchUnsupported(): Unit = checkUnsupported("regexp_replace with a pattern matching ''", "regular expression") { spark =>
    strings(spark).select(regexp_replace(col("s"), "a*", "X"))
  }

  @Test def extractGroupIndexError(): Unit = checkSameError("regexp_extract with a group index beyond the pattern") { spark =>
    strings(spark).select(regexp_extract(col("s"), "(a)", 2))
  }
}
