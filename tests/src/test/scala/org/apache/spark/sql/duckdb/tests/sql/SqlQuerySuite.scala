package org.apache.spark.sql.duckdb.tests.sql

import org.junit.jupiter.api.Test

import org.apache.spark.sql.functions.lit

/**
 * `spark.sql` queries over temporary views: SELECT, FROM (joins, subqueries, VALUES), WHERE, GROUP BY (ordinals,
 * aliases, ROLLUP/CUBE/GROUPING SETS, ALL), HAVING, ORDER BY (ordinals, aggregates, hidden columns), LIMIT/OFFSET,
 * DISTINCT, set operations, CTEs, named windows, hints and parameters.
 */
class SqlQuerySuite extends SqlSuiteBase {
  // ---- SELECT / FROM / WHERE ----

  @Test def selectStar(): Unit = checkSql("SELECT *", "SELECT * FROM people")
  @Test def selectColumns(): Unit = checkSql("SELECT columns and expressions", "SELECT id, name, age + 1 FROM people")
  @Test def selectAliases(): Unit = checkSql("aliases with and without AS",
    "SELECT id AS ident, name n, salary * 2 AS `double pay` FROM people")
  @Test def selectWithoutFrom(): Unit = checkSql("SELECT without FROM", "SELECT 1, 'a' AS s, 1 + 2L, 2.5")
  @Test def whereClause(): Unit = checkSql("WHERE", "SELECT name FROM people WHERE age > 30 AND dept IS NOT NULL")
  @Test def whereOnAlias(): Unit = checkSql("WHERE on a table alias",
    "SELECT p.name FROM people AS p WHERE p.age < 40")
  @Test def tableAliasColumns(): Unit = checkSql("table alias with column aliases",
    "SELECT a, b FROM depts AS d(a, b, c) WHERE b > 1")
  @Test def qualifiedByViewName(): Unit = checkSql("columns qualified by the view name",
    "SELECT people.id, people.name FROM people")
  @Test def qualifiedStar(): Unit = checkSql("t.* in the select list", "SELECT p.*, 1 AS one FROM people p")
  @Test def tableKeyword(): Unit = checkSql("TABLE t", "TABLE depts")
  @Test def caseInsensitiveView(): Unit = checkSql("view names are case-insensitive", "SELECT * FROM PEOPLE")
  @Test def keywordsCaseInsensitive(): Unit = checkSql("keywords in any case", "select ID from people where AGE > 30")
  @Test def trailingSemicolon(): Unit = checkSql("a trailing semicolon", "SELECT id FROM people;")
  @Test def commentsInQuery(): Unit = checkSql("comments", "SELECT /* c */ id -- line\nFROM people")

  // ---- joins ----

  @Test def innerJoin(): Unit = checkSql("JOIN ... ON",
    "SELECT p.name, d.floor FROM people p JOIN depts d ON p.dept = d.dept")
  @Test def innerJoinKeyword(): Unit = checkSql("INNER JOIN",
    "SELECT p.id, d.head FROM people p INNER JOIN depts d ON p.dept = d.dept AND d.floor > 1")
  @Test def leftJoin(): Unit = checkSql("LEFT [OUTER] JOIN",
    "SELECT p.id, d.floor FROM people p LEFT OUTER JOIN depts d ON p.dept = d.dept")
  @Test def rightJoin(): Unit = checkSql("RIGHT JOIN", "SELECT p.id, d.dept FROM people p RIGHT JOIN depts d ON p.dept = d.dept")
  @Test def fullJoin(): Unit = checkSql("FULL OUTER JOIN",
    "SELECT p.id, d.dept FROM people p FULL OUTER JOIN depts d ON p.dept = d.dept")
  @Test def leftSemiJoin(): Unit = checkSql("LEFT SEMI JOIN", "SELECT * FROM people p LEFT SEMI JOIN depts d ON p.dept = d.dept")
  @Test def semiJoin(): Unit = checkSql("SEMI JOIN", "SELECT id FROM people p SEMI JOIN depts d ON p.dept = d.dept")
  @Test def leftAntiJoin(): Unit = checkSql("LEFT ANTI JOIN", "SELECT * FROM people p LEFT ANTI JOIN depts d ON p.dept = d.dept")
  @Test def antiJoin(): Unit = checkSql("ANTI JOIN", "SELECT id FROM people p ANTI JOIN depts d ON p.dept = d.dept")
  @Test def crossJoin(): Unit = checkSql("CROSS JOIN", "SELECT p.id, d.dept FROM people p CROSS JOIN depts d")
  @Test def commaJoin(): Unit = checkSql("FROM a, b WHERE ...",
    "SELECT p.id, d.floor FROM people p, depts d WHERE p.dept = d.dept")
  @Test def joinUsing(): Unit = checkSql("JOIN ... USING", "SELECT * FROM people JOIN depts USING (dept)")
  @Test def leftJoinUsing(): Unit = checkSql("LEFT JOIN ... USING", "SELECT * FROM people LEFT JOIN depts USING (dept)")
  @Test def naturalJoin(): Unit = checkSql("NATURAL JOIN", "SELECT * FROM people NATURAL JOIN depts")
  @Test def naturalLeftJoin(): Unit = checkSql("NATURAL LEFT JOIN", "SELECT * FROM people NATURAL LEFT JOIN depts")
  @Test def threeWayJoin(): Unit = checkSql("three tables",
    "SELECT o.o_orderkey, count(*) AS n FROM orders o JOIN lineitem l ON o.o_orderkey = l.l_orderkey " +
      "JOIN people p ON p.id = o.o_custkey % 7 GROUP BY o.o_orderkey")
  @Test def selfJoin(): Unit = checkSql("self-join of a view with aliases",
    "SELECT a.id, b.id FROM people a JOIN people b ON a.age = b.age AND a.id < b.id")
  @Test def parenthesizedJoin(): Unit = checkSql("a parenthesized relation",
    "SELECT * FROM (people p JOIN depts d ON p.dept = d.dept)")

  // ---- subqueries in FROM, VALUES ----

  @Test def subqueryInFrom(): Unit = checkSql("subquery in FROM with alias",
    "SELECT t.n FROM (SELECT name AS n, age FROM people WHERE age > 20) t WHERE t.age < 40")
  @Test def subqueryColumnAliases(): Unit = checkSql("subquery with column aliases",
    "SELECT x + y FROM (SELECT id, age FROM people) AS t(x, y)")
  @Test def nestedSubqueries(): Unit = checkSql("nested subqueries",
    "SELECT * FROM (SELECT * FROM (SELECT id, dept FROM people) a WHERE id > 2) b WHERE dept = 'eng'")
  @Test def valuesTable(): Unit = checkSql("VALUES as a table", "SELECT * FROM VALUES (1, 'a'), (2, 'b'), (3, null)")
  @Test def valuesWithAlias(): Unit = checkSql("VALUES with alias and column names",
    "SELECT x, y FROM VALUES (1, 'a'), (2, 'b') AS t(x, y) WHERE x > 1")
  @Test def valuesStatement(): Unit = checkSql("VALUES as a query", "VALUES (1, 2.5), (3, 4.25)")
  @Test def valuesSingleColumn(): Unit = checkSql("VALUES of single values", "SELECT * FROM VALUES 1, 2, 3 AS t(v)")
  @Test def valuesTypeWidening(): Unit = checkSql("VALUES rows of different types",
    "SELECT * FROM VALUES (1, 1.5), (2L, 2) AS t(a, b)")
  @Test def rangeFunction(): Unit = checkSql("range() table function", "SELECT id * 2 FROM range(5)")
  @Test def rangeFunctionStep(): Unit = checkSql("range(start, end, step)", "SELECT * FROM range(1, 10, 3) r")

  // ---- aggregation ----

  @Test def groupBy(): Unit = checkSql("GROUP BY", "SELECT dept, count(*), avg(salary) FROM people GROUP BY dept")
  @Test def groupByKeyNotSelected(): Unit = checkSql("GROUP BY a key not in the select list",
    "SELECT count(*) AS n FROM people GROUP BY dept")
  @Test def groupByKeyLast(): Unit = checkSql("the key after the aggregates in the select list",
    "SELECT sum(age), dept FROM people GROUP BY dept")
  @Test def groupByExpression(): Unit = checkSql("GROUP BY an expression",
    "SELECT age % 2 AS parity, count(*) FROM people GROUP BY age % 2")
  @Test def groupByOrdinal(): Unit = checkSql("GROUP BY ordinal", "SELECT dept, max(age) FROM people GROUP BY 1")
  @Test def groupByAlias(): Unit = checkSql("GROUP BY a select alias",
    "SELECT upper(dept) AS d, count(*) FROM people GROUP BY d")
  @Test def groupByAll(): Unit = checkSql("GROUP BY ALL", "SELECT dept, age > 30 AS old, count(*) FROM people GROUP BY ALL")
  @Test def groupByMultiple(): Unit = checkSql("GROUP BY two keys",
    "SELECT dept, age, count(*) FROM people GROUP BY dept, age")
  @Test def globalAggregate(): Unit = checkSql("aggregate without GROUP BY",
    "SELECT count(*), sum(salary), min(name) FROM people")
  @Test def aggregateOfEmpty(): Unit = checkSql("aggregate of an empty input",
    "SELECT count(*), sum(age) FROM people WHERE id > 100")
  @Test def countDistinct(): Unit = checkSql("count(DISTINCT)", "SELECT dept, count(DISTINCT age) FROM people GROUP BY dept")
  @Test def having(): Unit = checkSql("HAVING on a select aggregate",
    "SELECT dept, count(*) AS n FROM people GROUP BY dept HAVING n > 1")
  @Test def havingOnHiddenAggregate(): Unit = checkSql("HAVING on an aggregate not in the select list",
    "SELECT dept FROM people GROUP BY dept HAVING max(age) > 40")
  @Test def havingOnKey(): Unit = checkSql("HAVING on a grouping key",
    "SELECT count(*) FROM people GROUP BY dept HAVING dept IS NOT NULL")
  @Test def havingWithoutGroupBy(): Unit = checkSql("HAVING without GROUP BY", "SELECT sum(age) FROM people HAVING count(*) > 3")
  @Test def rollup(): Unit = checkSql("GROUP BY ROLLUP",
    "SELECT dept, age, count(*) FROM people GROUP BY ROLLUP(dept, age)")
  @Test def withRollup(): Unit = checkSql("GROUP BY ... WITH ROLLUP", "SELECT dept, sum(salary) FROM people GROUP BY dept WITH ROLLUP")
  @Test def cube(): Unit = checkSql("GROUP BY CUBE", "SELECT dept, age > 30 AS old, count(*) FROM people GROUP BY CUBE(dept, age > 30)")
  @Test def groupingSets(): Unit = checkSql("GROUPING SETS",
    "SELECT dept, age, count(*) FROM people GROUP BY GROUPING SETS ((dept), (age), ())")
  @Test def groupingFunction(): Unit = checkSql("grouping() with ROLLUP",
    "SELECT dept, grouping(dept), count(*) FROM people GROUP BY ROLLUP(dept)")
  @Test def tpchLikeAggregation(): Unit = checkSql("a TPC-H Q1-like aggregation",
    "SELECT l_returnflag, l_linestatus, sum(l_quantity) AS sum_qty, sum(l_extendedprice * (1 - l_discount)) AS rev, " +
      "avg(l_discount) AS avg_disc, count(*) AS count_order FROM lineitem WHERE l_shipdate <= DATE '1998-09-02' " +
      "GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus")

  // ---- ORDER BY, LIMIT, OFFSET, DISTINCT ----

  @Test def orderBy(): Unit = checkSql("ORDER BY", "SELECT id, age FROM people ORDER BY age, id")
  @Test def orderByDescNulls(): Unit = checkSql("ORDER BY DESC NULLS FIRST",
    "SELECT id, age FROM people ORDER BY age DESC NULLS FIRST, id")
  @Test def orderByOrdinal(): Unit = checkSql("ORDER BY ordinal", "SELECT name, id FROM people ORDER BY 2 DESC")
  @Test def orderByAlias(): Unit = checkSql("ORDER BY a select alias", "SELECT id, age * 2 AS a2 FROM people ORDER BY a2, id")
  @Test def orderByColumnNotSelected(): Unit = checkSql("ORDER BY a column not in the select list",
    "SELECT name FROM people ORDER BY id DESC")
  @Test def orderByExpression(): Unit = checkSql("ORDER BY an expression", "SELECT id FROM people ORDER BY -id")
  @Test def orderByAggregate(): Unit = checkSql("ORDER BY an aggregate in the select list",
    "SELECT dept, sum(salary) FROM people GROUP BY dept ORDER BY sum(salary) DESC")
  @Test def orderByHiddenAggregate(): Unit = checkSql("ORDER BY an aggregate not in the select list",
    "SELECT dept FROM people GROUP BY dept ORDER BY count(*), dept")
  @Test def orderByAggregateAlias(): Unit = checkSql("ORDER BY an aggregate's alias",
    "SELECT dept, count(*) AS n FROM people GROUP BY dept ORDER BY n DESC, dept")
  @Test def orderByAggregateOrdinal(): Unit = checkSql("ORDER BY ordinal of an aggregate",
    "SELECT dept, max(age) FROM people GROUP BY dept ORDER BY 2, 1")
  @Test def limit(): Unit = checkSql("LIMIT", "SELECT id FROM people ORDER BY id LIMIT 3")
  @Test def limitAll(): Unit = checkSql("LIMIT ALL", "SELECT id FROM people ORDER BY id LIMIT ALL")
  @Test def offset(): Unit = checkSql("LIMIT ... OFFSET", "SELECT id FROM people ORDER BY id LIMIT 2 OFFSET 3")
  @Test def offsetOnly(): Unit = checkSql("OFFSET", "SELECT id FROM people ORDER BY id OFFSET 5")
  @Test def distinct(): Unit = checkSql("SELECT DISTINCT", "SELECT DISTINCT dept FROM people")
  @Test def distinctMultiple(): Unit = checkSql("SELECT DISTINCT of two columns", "SELECT DISTINCT age, dept FROM people")
  @Test def distinctOrderBy(): Unit = checkSql("SELECT DISTINCT ... ORDER BY", "SELECT DISTINCT age FROM people ORDER BY age")
  @Test def selectAll(): Unit = checkSql("SELECT ALL", "SELECT ALL dept FROM people")
  @Test def sortBy(): Unit = checkSql("SORT BY", "SELECT id FROM people SORT BY id")
  @Test def distributeBy(): Unit = checkSql("DISTRIBUTE BY", "SELECT id, dept FROM people DISTRIBUTE BY dept")

  // ---- set operations ----

  @Test def unionAll(): Unit = checkSql("UNION ALL", "SELECT dept FROM people UNION ALL SELECT dept FROM depts")
  @Test def unionDistinct(): Unit = checkSql("UNION (distinct)", "SELECT dept FROM people UNION SELECT dept FROM depts")
  @Test def intersect(): Unit = checkSql("INTERSECT", "SELECT dept FROM people INTERSECT SELECT dept FROM depts")
  @Test def intersectAll(): Unit = checkSql("INTERSECT ALL", "SELECT age FROM people INTERSECT ALL SELECT age FROM people WHERE id > 1")
  @Test def except(): Unit = checkSql("EXCEPT", "SELECT dept FROM people EXCEPT SELECT dept FROM depts")
  @Test def exceptAll(): Unit = checkSql("EXCEPT ALL", "SELECT age FROM people EXCEPT ALL SELECT age FROM people WHERE id = 2")
  @Test def minus(): Unit = checkSql("MINUS", "SELECT dept FROM depts MINUS SELECT dept FROM people")
  @Test def setOpPrecedence(): Unit = checkSql("INTERSECT binds tighter than UNION",
    "SELECT 1 AS x UNION ALL SELECT 2 INTERSECT SELECT 2")
  @Test def setOpOrderLimit(): Unit = checkSql("ORDER BY and LIMIT after a UNION",
    "SELECT id FROM people UNION ALL SELECT floor FROM depts ORDER BY id DESC LIMIT 4")
  @Test def unionWidening(): Unit = checkSql("UNION of int and double", "SELECT age FROM people UNION ALL SELECT salary FROM people")

  // ---- CTEs, windows, hints, parameters ----

  @Test def cte(): Unit = checkSql("WITH", "WITH old AS (SELECT * FROM people WHERE age > 30) SELECT name FROM old")
  @Test def cteChained(): Unit = checkSql("chained CTEs",
    "WITH a AS (SELECT id, age FROM people), b AS (SELECT id FROM a WHERE age > 25) SELECT * FROM b")
  @Test def cteColumns(): Unit = checkSql("CTE with column names", "WITH t(x, y) AS (SELECT id, name FROM people) SELECT y FROM t")
  @Test def cteTwice(): Unit = checkSql("a CTE referenced twice",
    "WITH t AS (SELECT id, dept FROM people) SELECT a.id, b.id FROM t a JOIN t b ON a.dept = b.dept")
  @Test def cteSelfJoinAggregated(): Unit = checkSql("an aggregated CTE joined with itself, ORDER BY qualified names",
    "WITH inv AS (SELECT dept, max(age) AS m, count(*) AS n FROM people GROUP BY dept) " +
      "SELECT a.dept, a.m, b.dept, b.n FROM inv a, inv b WHERE a.dept = b.dept AND a.m > 0 ORDER BY a.dept, b.n, a.m")
  @Test def cteSelfJoinSubqueryAlias(): Unit = checkSql("a CTE over an aliased sub-query joined with itself",
    "WITH t AS (SELECT dept, s FROM (SELECT dept, sum(salary) AS s FROM people GROUP BY dept) foo WHERE s > 0) " +
      "SELECT t1.dept, t1.s, t2.s FROM t t1 JOIN t t2 ON t1.dept = t2.dept ORDER BY t1.dept, t2.s")
  @Test def selfJoinOrderByQualified(): Unit = checkSql("ORDER BY a qualified name that appears twice in the output",
    "SELECT a.id, a.age, b.id, b.age FROM people a JOIN people b ON a.dept = b.dept ORDER BY a.id, b.id DESC")
  @Test def selfJoinOrderByDroppedQualified(): Unit = checkSql("ORDER BY a qualified column not in the select list",
    "SELECT a.id, b.id FROM people a JOIN people b ON a.dept = b.dept ORDER BY b.age, a.id, b.id")
  @Test def orderByOrdinalStar(): Unit = checkSql("ORDER BY ordinals with * (expanded columns)",
    "SELECT * FROM people ORDER BY 4, 1 DESC")
  @Test def orderByOrdinalAfterStar(): Unit = checkSql("ORDER BY an ordinal after a * counts the expanded columns",
    "SELECT *, age * 2 AS twice FROM people ORDER BY 6 DESC, 1")
  @Test def orderByOrdinalQualifiedStar(): Unit = checkSql("ORDER BY an ordinal with t.*",
    "SELECT d.floor, p.* FROM people p JOIN depts d ON p.dept = d.dept ORDER BY 3, 2")
  @Test def orderByOrdinalStarDistinct(): Unit = checkSql("SELECT DISTINCT * ... ORDER BY ordinal",
    "SELECT DISTINCT * FROM depts ORDER BY 2 DESC")
  @Test def cteShadowsView(): Unit = checkSql("a CTE shadows a view of the same name",
    "WITH people AS (SELECT 1 AS only) SELECT * FROM people")
  @Test def cteInSubquery(): Unit = checkSql("a CTE inside a subquery",
    "SELECT * FROM (WITH t AS (SELECT id FROM people) SELECT id FROM t WHERE id < 3) s")
  @Test def namedWindow(): Unit = checkSql("WINDOW clause",
    "SELECT id, rank() OVER w, sum(salary) OVER w FROM people WINDOW w AS (PARTITION BY dept ORDER BY id)")
  @Test def windowInQuery(): Unit = checkSql("window functions in a query",
    "SELECT id, dept, row_number() OVER (PARTITION BY dept ORDER BY salary DESC, id) AS rn FROM people")
  @Test def hintIgnored(): Unit = checkSql("a join hint", "SELECT /*+ BROADCAST(d) */ p.id FROM people p JOIN depts d ON p.dept = d.dept")
  @Test def namedParameters(): Unit = checkSame("named parameters :p") { spark =>
    views(spark).sql("SELECT id FROM people WHERE age > :minAge AND dept = :d", Map("minAge" -> 20, "d" -> "eng"))
  }
  @Test def positionalParameters(): Unit = checkSame("positional parameters ?") { spark =>
    views(spark).sql("SELECT id FROM people WHERE age > ? AND dept = ?", Array(20, "eng"))
  }
  @Test def parameterInSelect(): Unit = checkSame("a parameter in the select list") { spark =>
    views(spark).sql("SELECT :x + 1 AS y", Map("x" -> 41))
  }
  @Test def parameterColumnLiteral(): Unit = checkSame("a Column literal as parameter") { spark =>
    views(spark).sql("SELECT id FROM people WHERE id < :n", Map("n" -> lit(3)))
  }
  @Test def sqlThenDataFrame(): Unit = checkSame("a spark.sql result used by DataFrame methods") { spark =>
    views(spark).sql("SELECT dept, age FROM people").filter("age > 25").groupBy("dept").count()
  }
  @Test def dataFrameOfSqlJoin(): Unit = checkSame("two spark.sql results joined") { spark =>
    val a = views(spark).sql("SELECT id, dept FROM people")
    val b = spark.sql("SELECT dept, floor FROM depts")
    a.join(b, "dept")
  }
  @Test def fileQuery(): Unit = checkSame("SELECT FROM parquet.`path`") { spark =>
    spark.sql(s"SELECT count(*) FROM parquet.`${org.apache.spark.sql.duckdb.tests.SharedTestData.ordersPath}`")
  }

  @Test def rankOverRollupStaysNonNull(): Unit = checkSql("rank() partitioned by rollup keys is never null",
    """SELECT dept, age, sum(salary) AS total, grouping(dept) + grouping(age) AS level,
      |  rank() OVER (PARTITION BY grouping(dept) + grouping(age), CASE WHEN grouping(age) = 0 THEN dept END
      |    ORDER BY sum(salary) DESC) AS r
      |FROM people GROUP BY ROLLUP(dept, age)""".stripMargin)

  @Test def unionWidensDecimalsKeepingIntegralDigits(): Unit = checkSql(
    "union of decimal(38,19) and decimal(38,9): Spark 4 keeps the integral digits (decimal(38,9))",
    """SELECT CAST(salary AS DECIMAL(38,19)) AS x FROM people
      |UNION ALL SELECT CAST(salary * 1000 AS DECIMAL(38,9)) FROM people""".stripMargin)

  @Test def compareDecimalsOfDifferentRanges(): Unit = checkSql(
    "comparison of decimal(38,19) with decimal(38,9) uses Spark 4's wider decimal",
    """SELECT id, CAST(salary AS DECIMAL(38,19)) = CAST(salary AS DECIMAL(38,9)) AS same,
      |  CAST(salary / 3 AS DECIMAL(38,19)) < CAST(salary / 3 AS DECIMAL(38,9)) AS less FROM people""".stripMargin)
}
