package org.apache.spark.sql.duckdb.tests.sql

import org.junit.jupiter.api.{Assumptions, BeforeEach, Test}

/**
 * Sub-query expressions in SQL: scalar, IN, EXISTS, correlated. The JVM builds Spark Connect's
 * SubqueryExpression with the plans in a WithRelations root; outer references are plain attributes.
 */
class SqlSubquerySuite extends SqlSuiteBase {
  /** The native side resolves sub-query plans (WithRelations) only once that support lands; until then these
   *  tests are skipped, not failed. */
  @BeforeEach def nativeSupportsSubqueries(): Unit = {
    val supported = scala.util.Try {
      val s = candidate
      val df = s.range(3)
      df.filter(df("id") > s.range(1).select(org.apache.spark.sql.functions.max("id")).scalar()).collect()
    }
    Assumptions.assumeFalse(supported.failed.toOption.exists(e => causeChain(e).exists(t =>
      Option(t.getMessage).exists(_.contains("relation WithRelations")))), "native WithRelations not supported yet")
  }

  @Test def scalarSubquery(): Unit = checkSql("scalar subquery in SELECT", "SELECT id, (SELECT max(age) FROM people) AS m FROM people")
  @Test def scalarSubqueryInWhere(): Unit = checkSql("scalar subquery in WHERE",
    "SELECT name FROM people WHERE age > (SELECT avg(age) FROM people)")
  @Test def inSubquery(): Unit = checkSql("IN (subquery)", "SELECT id FROM people WHERE dept IN (SELECT dept FROM depts)")
  @Test def notInSubquery(): Unit = checkSql("NOT IN (subquery) with nulls",
    "SELECT id FROM people WHERE dept NOT IN (SELECT dept FROM depts WHERE dept IS NOT NULL)")
  @Test def existsUncorrelated(): Unit = checkSql("EXISTS uncorrelated",
    "SELECT id FROM people WHERE EXISTS (SELECT 1 FROM depts WHERE floor > 2)")
  @Test def existsCorrelated(): Unit = checkSql("EXISTS correlated",
    "SELECT id FROM people p WHERE EXISTS (SELECT 1 FROM depts d WHERE d.dept = p.dept)")
  @Test def notExistsCorrelated(): Unit = checkSql("NOT EXISTS correlated",
    "SELECT id FROM people p WHERE NOT EXISTS (SELECT 1 FROM depts d WHERE d.dept = p.dept)")
  @Test def correlatedScalar(): Unit = checkSql("correlated scalar subquery",
    "SELECT id, (SELECT max(floor) FROM depts d WHERE d.dept = p.dept) AS f FROM people p")
  @Test def correlatedScalarInWhere(): Unit = checkSql("correlated scalar subquery in WHERE",
    "SELECT id FROM people p WHERE salary >= (SELECT avg(salary) FROM people q WHERE q.dept = p.dept)")
  @Test def inSubqueryCorrelated(): Unit = checkSql("correlated IN",
    "SELECT id FROM people p WHERE age IN (SELECT age FROM people q WHERE q.dept = p.dept AND q.id <> p.id)")
  @Test def subqueryInHaving(): Unit = checkSql("subquery in HAVING",
    "SELECT dept, count(*) FROM people GROUP BY dept HAVING count(*) > (SELECT count(*) FROM depts) / 4")
  @Test def nestedSubquery(): Unit = checkSql("nested subqueries",
    "SELECT id FROM people WHERE dept IN (SELECT dept FROM depts WHERE floor > (SELECT min(floor) FROM depts))")
  @Test def subqueryInCte(): Unit = checkSql("subquery inside a CTE",
    "WITH t AS (SELECT * FROM people WHERE age > (SELECT avg(age) FROM people)) SELECT count(*) FROM t")
  @Test def multiColumnIn(): Unit = checkSql("(a, b) IN (subquery)",
    "SELECT id FROM people WHERE (dept, name) IN (SELECT dept, head FROM depts)")
}
