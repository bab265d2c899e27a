package org.apache.spark.sql.duckdb.tests.sql

import org.junit.jupiter.api.Test

import org.apache.spark.sql.functions.expr

/** Errors of SQL text: parse errors exactly as Spark reports them (class, message, position), analysis errors
 *  with Spark's class, and unsupported statements failing clearly. */
class SqlErrorSuite extends SqlSuiteBase {
  @Test def syntaxErrorSelect(): Unit = checkParseError("SELECT ... WHERE with nothing after") { spark =>
    spark.sql("SELECT * FROM people WHERE id =")
  }
  @Test def syntaxErrorMissingParen(): Unit = checkParseError("a missing parenthesis") { spark =>
    spark.sql("SELECT count(* FROM people")
  }
  @Test def syntaxErrorSecondLine(): Unit = checkParseError("an error on the second line") { spark =>
    spark.sql("SELECT id\nFROM people WHERE (")
  }
  @Test def syntaxErrorTrailing(): Unit = checkParseError("trailing garbage") { spark => spark.sql("SELECT 1 garbage garbage") }
  @Test def emptyStatement(): Unit = checkParseError("an empty statement") { spark => spark.sql("   ") }
  @Test def unclosedString(): Unit = checkParseError("an unclosed string") { spark => spark.sql("SELECT 'abc") }
  @Test def unclosedComment(): Unit = checkParseError("an unclosed comment") { spark => spark.sql("SELECT 1 /* no end") }
  @Test def invalidIdentifier(): Unit = checkParseError("an identifier with a dash") { spark =>
    spark.sql("SELECT * FROM my-table")
  }
  @Test def exprSyntaxError(): Unit = checkParseError("expr() with a syntax error") { spark =>
    people(spark).select(expr("age +"))
  }
  @Test def selectExprSyntaxError(): Unit = checkParseError("selectExpr with a syntax error") { spark =>
    people(spark).selectExpr("id", "CASE WHEN age")
  }
  @Test def filterSyntaxError(): Unit = checkParseError("filter(String) with a syntax error") { spark =>
    people(spark).filter("age >> > 1")
  }
  @Test def tinyintOutOfRange(): Unit = checkParseError("1000Y is out of range") { spark => spark.sql("SELECT 1000Y") }
  @Test def bigintOutOfRange(): Unit = checkParseError("a bigint literal out of range") { spark =>
    spark.sql("SELECT 99999999999999999999L")
  }
  @Test def invalidDateLiteral(): Unit = checkParseError("DATE '2024-13-45'") { spark => spark.sql("SELECT DATE '2024-13-45'") }
  @Test def invalidTimestampLiteral(): Unit = checkParseError("TIMESTAMP 'nope'") { spark => spark.sql("SELECT TIMESTAMP 'nope'") }
  @Test def unsupportedTypedLiteral(): Unit = checkParseError("an unknown typed literal") { spark =>
    spark.sql("SELECT GEOMETRY 'x'")
  }
  @Test def likeEscapeTooLong(): Unit = checkParseError("LIKE ... ESCAPE of two characters") { spark =>
    spark.sql("SELECT 'a' LIKE 'a' ESCAPE 'xy'")
  }
  @Test def unknownColumn(): Unit = checkSqlError("an unknown column", "SELECT nosuch FROM people")
  @Test def unknownFunction(): Unit = checkSqlError("an unknown function", "SELECT no_such_fn(id) FROM people")
  @Test def ambiguousColumn(): Unit = checkSqlError("an ambiguous column",
    "SELECT dept FROM people p JOIN depts d ON p.dept = d.dept")
  @Test def missingAggregation(): Unit = checkSqlError("a column neither grouped nor aggregated",
    "SELECT name, count(*) FROM people GROUP BY dept")
  @Test def groupByOrdinalOutOfRange(): Unit = checkSqlError("GROUP BY 5 of two items",
    "SELECT dept, count(*) FROM people GROUP BY 5")
  @Test def orderByOrdinalStarOutOfRange(): Unit = checkSqlError("ORDER BY past the columns of *",
    "SELECT * FROM depts ORDER BY 4")
  @Test def orderByOrdinalOutOfRange(): Unit = checkSqlError("ORDER BY 3 of one item", "SELECT id FROM people ORDER BY 3")
  @Test def whereNotBoolean(): Unit = checkSqlError("a WHERE that is not boolean", "SELECT id FROM people WHERE name")
  @Test def aggregateInWhere(): Unit = checkSqlError("an aggregate in WHERE", "SELECT id FROM people WHERE count(*) > 1")
  @Test def unionArity(): Unit = checkSqlError("UNION of different widths", "SELECT id, name FROM people UNION SELECT dept FROM depts")
  @Test def unboundParameter(): Unit = checkSameError("an unbound named parameter") { spark =>
    views(spark).sql("SELECT :missing", Map("other" -> 1))
  }
  @Test def unknownWindow(): Unit = checkSqlError("a reference to an undefined window",
    "SELECT rank() OVER nowin FROM people")
  @Test def unsupportedStatementFailsClearly(): Unit =
    checkUnsupported("EXPLAIN is not supported yet", "statement Explain") { spark => spark.sql("EXPLAIN SELECT 1") }
  @Test def lateralViewFailsClearly(): Unit = checkUnsupported("LATERAL VIEW is not supported yet", "LATERAL VIEW") { spark =>
    views(spark).sql("SELECT id, x FROM people LATERAL VIEW explode(array(1, 2)) t AS x")
  }
  @Test def pivotFailsClearly(): Unit = checkUnsupported("PIVOT is not supported yet", "PIVOT") { spark =>
    views(spark).sql("SELECT * FROM (SELECT dept, age FROM people) PIVOT (count(*) FOR dept IN ('eng', 'ops'))")
  }
  @Test def filterClauseFailsClearly(): Unit = checkUnsupported("FILTER (WHERE) is not supported yet", "FILTER") { spark =>
    views(spark).sql("SELECT count(*) FILTER (WHERE age > 30) FROM people")
  }
}
