package org.apache.spark.sql.duckdb.tests.sql

import org.junit.jupiter.api.Test

import org.apache.spark.sql.SparkSession

/** Temporary views (session and global), `spark.table`, the catalog, and the SQL statements about them. */
class TempViewSuite extends SqlSuiteBase {
  private def fresh(spark: SparkSession, name: String): SparkSession = {
    spark.catalog.dropTempView(name)
    spark
  }

  @Test def createTempViewAndTable(): Unit = checkSame("createTempView then spark.table") { spark =>
    people(fresh(spark, "tv1")).createTempView("tv1")
    spark.table("tv1")
  }
  @Test def createTempViewTwiceFails(): Unit = checkSameError("createTempView of an existing name") { spark =>
    people(fresh(spark, "tv2")).createTempView("tv2")
    people(spark).createTempView("tv2")
  }
  @Test def createTempViewCaseInsensitive(): Unit = checkSameError("view names are case-insensitive") { spark =>
    people(fresh(spark, "tv3")).createTempView("tv3")
    people(spark).createTempView("TV3")
  }
  @Test def createOrReplaceTempView(): Unit = checkSame("createOrReplaceTempView replaces") { spark =>
    people(spark).createOrReplaceTempView("tv4")
    depts(spark).createOrReplaceTempView("tv4")
    spark.table("tv4")
  }
  @Test def readTable(): Unit = checkSame("spark.read.table") { spark =>
    depts(spark).createOrReplaceTempView("tv5")
    spark.read.table("tv5").filter("floor > 1")
  }
  @Test def tableUpperCase(): Unit = checkSame("spark.table with a different case") { spark =>
    depts(spark).createOrReplaceTempView("tv6")
    spark.table("TV6")
  }
  @Test def tableBackquoted(): Unit = checkSame("spark.table of a back-quoted name") { spark =>
    depts(spark).createOrReplaceTempView("my_view")
    spark.table("`my_view`")
  }
  @Test def unknownTable(): Unit = checkSameError("spark.table of an unknown name") { spark => spark.table("no_such_view") }
  @Test def unknownTableInSql(): Unit = checkSameError("SELECT FROM an unknown name") { spark =>
    spark.sql("SELECT * FROM no_such_view")
  }
  @Test def tooManyNameParts(): Unit = checkSameError("createTempView of a.b") { spark =>
    people(spark).createTempView("a.b")
  }
  @Test def globalTempView(): Unit = checkSame("createOrReplaceGlobalTempView and global_temp.x") { spark =>
    depts(spark).createOrReplaceGlobalTempView("gtv1")
    spark.table("global_temp.gtv1")
  }
  @Test def globalTempViewInSql(): Unit = checkSame("global_temp views in SQL") { spark =>
    depts(spark).createOrReplaceGlobalTempView("gtv2")
    spark.sql("SELECT g.dept, g.floor FROM global_temp.gtv2 g WHERE floor < 5")
  }
  @Test def globalTempViewNotLocal(): Unit = checkSameError("a global view is not a local one") { spark =>
    depts(spark).createOrReplaceGlobalTempView("gtv3")
    spark.catalog.dropTempView("gtv3")
    spark.table("gtv3")
  }
  @Test def globalTempViewTwice(): Unit = checkSameError("createGlobalTempView of an existing name") { spark =>
    spark.catalog.dropGlobalTempView("gtv4")
    depts(spark).createGlobalTempView("gtv4")
    depts(spark).createGlobalTempView("gtv4")
  }
  @Test def globalTempViewNewSession(): Unit = checkSame("global views are shared with new sessions") { spark =>
    depts(spark).createOrReplaceGlobalTempView("gtv5")
    spark.newSession().table("global_temp.gtv5")
  }
  @Test def localViewNotInNewSession(): Unit = checkSameError("local views are not shared with new sessions") { spark =>
    depts(spark).createOrReplaceTempView("tv7")
    spark.newSession().table("tv7")
  }
  @Test def viewOfView(): Unit = checkSame("a view over a view") { spark =>
    people(spark).createOrReplaceTempView("tv8")
    spark.sql("SELECT id, age FROM tv8 WHERE age > 20").createOrReplaceTempView("tv9")
    spark.sql("SELECT sum(age) FROM tv9")
  }
  @Test def viewOfDataFrameCapturesPlan(): Unit = checkSame("a DataFrame's view keeps its plan") { spark =>
    people(spark).createOrReplaceTempView("tv10")
    spark.table("tv10").filter("age > 30").createOrReplaceTempView("tv11")
    people(spark).filter("id > 3").createOrReplaceTempView("tv10")
    spark.table("tv11")
  }

  // ---- SQL statements ----

  @Test def createViewSql(): Unit = checkSame("CREATE TEMPORARY VIEW AS") { spark =>
    views(spark).sql("CREATE OR REPLACE TEMPORARY VIEW sv1 AS SELECT name, age FROM people WHERE age > 30")
    spark.sql("SELECT * FROM sv1")
  }
  @Test def createViewSqlIsEager(): Unit = checkSameResult("CREATE TEMPORARY VIEW runs when spark.sql is called") {
    spark =>
      spark.catalog.dropTempView("sv2")
      views(spark).sql("CREATE TEMP VIEW sv2 AS SELECT 1 AS x")
      spark.catalog.tableExists("sv2")
  }
  @Test def createViewColumns(): Unit = checkSame("CREATE TEMPORARY VIEW v(cols)") { spark =>
    views(spark).sql("CREATE OR REPLACE TEMPORARY VIEW sv3 (a, b) AS SELECT id, name FROM people")
    spark.table("sv3")
  }
  @Test def createViewColumnsMismatch(): Unit = checkSameError("CREATE VIEW v(cols) of the wrong arity") { spark =>
    views(spark).sql("CREATE OR REPLACE TEMPORARY VIEW sv4 (a) AS SELECT id, name FROM people")
  }
  @Test def createViewExists(): Unit = checkSameError("CREATE TEMPORARY VIEW of an existing name") { spark =>
    views(spark).sql("CREATE OR REPLACE TEMPORARY VIEW sv5 AS SELECT 1 AS x")
    spark.sql("CREATE TEMPORARY VIEW sv5 AS SELECT 2 AS x")
  }
  @Test def createViewBadQuery(): Unit = checkSameError("CREATE TEMPORARY VIEW of a query that does not resolve") { spark =>
    views(spark).sql("CREATE OR REPLACE TEMPORARY VIEW sv6 AS SELECT nosuch FROM people")
  }
  @Test def createGlobalViewSql(): Unit = checkSame("CREATE GLOBAL TEMPORARY VIEW") { spark =>
    views(spark).sql("CREATE OR REPLACE GLOBAL TEMPORARY VIEW sgv1 AS SELECT dept, floor FROM depts")
    spark.sql("SELECT * FROM global_temp.sgv1")
  }
  @Test def dropView(): Unit = checkSameError("DROP VIEW then a query of it") { spark =>
    views(spark).sql("CREATE OR REPLACE TEMPORARY VIEW sv7 AS SELECT 1 AS x")
    spark.sql("DROP VIEW sv7")
    spark.sql("SELECT * FROM sv7")
  }
  @Test def dropViewIfExists(): Unit = checkSameResult("DROP VIEW IF EXISTS of an unknown view") { spark =>
    spark.sql("DROP VIEW IF EXISTS no_such_view_at_all")
    spark.catalog.tableExists("no_such_view_at_all")
  }
  @Test def dropViewUnknown(): Unit = checkSameError("DROP VIEW of an unknown view") { spark =>
    spark.sql("DROP VIEW no_such_view_at_all")
  }
  @Test def showTables(): Unit = checkSame("SHOW TABLES lists the temporary views") { spark =>
    val s = spark.newSession()
    people(s).createOrReplaceTempView("st_b")
    people(s).createOrReplaceTempView("st_A")
    s.sql("SHOW TABLES")
  }
  @Test def showTablesLike(): Unit = checkSame("SHOW TABLES LIKE") { spark =>
    val s = spark.newSession()
    people(s).createOrReplaceTempView("st_x1")
    people(s).createOrReplaceTempView("st_y1")
    s.sql("SHOW TABLES LIKE 'st_x*|nothing'")
  }
  @Test def setConfig(): Unit = checkSame("SET key=value") { spark =>
    spark.newSession().sql("SET spark.sql.shuffle.partitions=7")
  }
  @Test def setThenGet(): Unit = checkSameResult("SET then conf.get") { spark =>
    val s = spark.newSession()
    s.sql("SET spark.sql.session.timeZone=UTC")
    s.conf.get("spark.sql.session.timeZone")
  }
  @Test def setAffectsQueries(): Unit = checkSame("SET spark.sql.ansi.enabled=false changes a cast") { spark =>
    val s = spark.newSession()
    s.sql("SET spark.sql.ansi.enabled=false")
    s.sql("SELECT CAST('x' AS int) AS v, 1 / 0 AS w")
  }
  @Test def describeQuery(): Unit = checkSame("DESCRIBE QUERY") { spark =>
    views(spark).sql("DESCRIBE QUERY SELECT id, name, salary * 2 AS pay FROM people")
  }
  @Test def describeView(): Unit = checkSame("DESCRIBE of a view") { spark => views(spark).sql("DESCRIBE depts") }

  // ---- catalog ----

  @Test def tableExists(): Unit = checkSameResult("catalog.tableExists") { spark =>
    people(spark).createOrReplaceTempView("ct1")
    (spark.catalog.tableExists("ct1"), spark.catalog.tableExists("CT1"), spark.catalog.tableExists("no_such_ct"))
  }
  @Test def dropTempView(): Unit = checkSameResult("catalog.dropTempView") { spark =>
    people(spark).createOrReplaceTempView("ct2")
    (spark.catalog.dropTempView("ct2"), spark.catalog.dropTempView("ct2"), spark.catalog.tableExists("ct2"))
  }
  @Test def dropGlobalTempView(): Unit = checkSameResult("catalog.dropGlobalTempView") { spark =>
    people(spark).createOrReplaceGlobalTempView("cgt1")
    (spark.catalog.tableExists("global_temp.cgt1"), spark.catalog.dropGlobalTempView("cgt1"),
      spark.catalog.tableExists("global_temp.cgt1"))
  }
  @Test def listTables(): Unit = checkSameResult("catalog.listTables") { spark =>
    val s = spark.newSession()
    people(s).createOrReplaceTempView("lt_b")
    people(s).createOrReplaceTempView("lt_a")
    s.catalog.listTables().collect().map(t => (t.name, t.tableType, t.isTemporary)).toSeq
  }
  @Test def listColumns(): Unit = checkSameResult("catalog.listColumns") { spark =>
    people(spark).createOrReplaceTempView("lc1")
    spark.catalog.listColumns("lc1").collect().map(c => (c.name, c.dataType, c.nullable, c.isPartition)).toSeq
  }
  @Test def currentDatabase(): Unit = checkSameResult("catalog.currentDatabase") { spark => spark.catalog.currentDatabase }
}
