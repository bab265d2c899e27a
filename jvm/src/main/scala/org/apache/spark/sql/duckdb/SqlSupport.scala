package org.apache.spark.sql.duckdb

import java.util.Locale

import scala.jdk.CollectionConverters._

import org.apache.spark.connect.proto
import org.apache.spark.sql.{AnalysisException, Column, Row}
import org.apache.spark.sql.duckdb.parser.{AstBuilder, Protos, SqlEnvironment, SqlParser, Statement}
import org.apache.spark.sql.types.{BooleanType, StringType, StructField, StructType}

/**
 * Temporary views by name: a session's own, or the global ones (`global_temp.<name>`, shared by every session of
 * the JVM as Spark shares them within an application). A view is the Spark Connect plan it was created from.
 * Names are case-insensitive (stored lower-cased) unless `spark.sql.caseSensitive`, as Spark's session catalog.
 */
private[duckdb] final class TempViewCatalog {
  private val views = new java.util.concurrent.ConcurrentHashMap[String, proto.Relation]()

  def get(name: String): Option[proto.Relation] = Option(views.get(name))
  def names: Seq[String] = views.keySet().asScala.toSeq.sorted

  /** Registers `plan` as `name`; false when the name is taken and `replace` is not set. */
  def create(name: String, plan: proto.Relation, replace: Boolean): Boolean =
    if (replace) { views.put(name, plan); true }
    else views.putIfAbsent(name, plan) == null

  def drop(name: String): Boolean = views.remove(name) != null
}

private[duckdb] object TempViewCatalog {
  val global = new TempViewCatalog
  val GlobalDatabaseKey = "spark.sql.globalTempDatabase"
}

/**
 * SQL text in a session: `spark.sql`, expression strings, temporary views and the statements sparkduck runs itself
 * (CREATE/DROP TEMPORARY VIEW, SHOW TABLES, SET, DESCRIBE). The text is parsed in the JVM (parser package) into
 * the same Spark Connect plans the DataFrame API builds.
 */
private[duckdb] final class SessionSql(session: SparkSession) {
  val localViews = new TempViewCatalog

  def caseSensitive: Boolean = session.conf.get(RuntimeConfig.CaseSensitiveKey, "false").toBoolean
  def globalDatabase: String = session.conf.get(TempViewCatalog.GlobalDatabaseKey, "global_temp")
  def viewKey(name: String): String = if (caseSensitive) name else name.toLowerCase(Locale.ROOT)

  private def isGlobal(parts: Seq[String]): Boolean =
    parts.length == 2 && parts.head.equalsIgnoreCase(globalDatabase)

  /** The temporary view a name refers to, as the plan a query reads (qualified by the view's name). */
  def view(parts: Seq[String]): Option[proto.Relation] = parts match {
    case Seq(name) => localViews.get(viewKey(name)).map(v => Protos.subqueryAlias(v, name))
    case Seq(_, name) if isGlobal(parts) =>
      TempViewCatalog.global.get(viewKey(name)).map(v => Protos.subqueryAlias(v, name, Seq(globalDatabase)))
    case _ => None
  }

  private val fileFormats = Set("parquet", "csv", "json", "orc", "text", "avro")

  /** A table name: a temporary view, a file read as Spark reads `format.\`path\``, else the native catalog's. */
  def tableRelation(parts: Seq[String]): proto.Relation = view(parts).getOrElse {
    if (parts.length == 2 && fileFormats.contains(parts.head.toLowerCase(Locale.ROOT)) && parts(1).contains("/")) {
      Protos.relation(_.getReadBuilder.getDataSourceBuilder.setFormat(parts.head.toLowerCase(Locale.ROOT))
        .addPaths(parts(1)))
    } else {
      Protos.relation(_.getReadBuilder.getNamedTableBuilder.setUnparsedIdentifier(Protos.quoted(parts)))
    }
  }

  private class Environment(named: Map[String, Any], positional: Seq[Any]) extends SqlEnvironment {
    override def tableRelation(nameParts: Seq[String]): proto.Relation = SessionSql.this.tableRelation(nameParts)
    override def schemaOf(relation: proto.Relation): StructType = session.native.analyze(relation)
    override def timeZone: String = session.timeZone
    override def namedParameter(name: String): Option[proto.Expression] = named.get(name).map(SessionSql.argument)
    override def positionalParameter(index: Int): Option[proto.Expression] =
      positional.lift(index).map(SessionSql.argument)
    override def nextPlanId(): Long = SparkSession.nextPlanId()
  }

  /** A table or view name as Spark reads it (`a.b`, back-quoted parts). */
  def nameParts(name: String): Seq[String] = new SqlParser(new Environment(Map.empty, Nil)).parseMultipartIdentifier(name)

  /** `functions.expr` text: one expression. Sub-queries need `spark.sql` (their plans travel with the query). */
  def expression(text: String): proto.Expression = {
    val parser = new SqlParser(new Environment(Map.empty, Nil))
    val e = parser.parseExpression(text)
    if (parser.subqueryPlans.nonEmpty) NotSupportedYet("sub-queries in expression strings (use spark.sql)")
    e
  }

  def sql(text: String, named: Map[String, Any], positional: Seq[Any]): Dataset[Row] = {
    val parser = new SqlParser(new Environment(named, positional))
    parser.parseStatement(text) match {
      case Statement.Query(plan) => queryDataFrame(plan, parser.subqueryPlans)
      case Statement.CreateView(nameParts, columns, query, replace, global, ifNotExists) =>
        if (parser.subqueryPlans.nonEmpty) NotSupportedYet("sub-queries in CREATE TEMPORARY VIEW")
        val name = if (global) {
          if (nameParts.length == 2 && !isGlobal(nameParts) || nameParts.length > 2) {
            throw new AnalysisException(errorClass = "INVALID_SCHEMA_OR_RELATION_NAME",
              messageParameters = Map("name" -> Protos.quoted(nameParts)))
          }
          nameParts.last
        } else {
          if (nameParts.length > 1) {
            throw new AnalysisException(errorClass = "TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS",
              messageParameters = Map("actualName" -> nameParts.map(p => s"`$p`").mkString(".")))
          }
          nameParts.head
        }
        val schema = session.native.analyze(query)
        val plan = if (columns.isEmpty) query else {
          if (columns.length != schema.length) {
            val errorClass = if (columns.length > schema.length) "CREATE_VIEW_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS"
              else "CREATE_VIEW_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS"
            throw new AnalysisException(errorClass = errorClass, messageParameters = Map(
              "viewName" -> viewName(name, global), "viewColumns" -> columns.map(c => s"`$c`").mkString(", "),
              "dataColumns" -> schema.fieldNames.map(c => s"`$c`").mkString(", ")))
          }
          Protos.toDF(query, columns)
        }
        if (!(ifNotExists && viewExists(name, global))) createView(name, plan, replace, global)
        emptyResult
      case Statement.DropView(nameParts, ifExists) =>
        val dropped = nameParts match {
          case Seq(name) => localViews.drop(viewKey(name))
          case Seq(_, name) if isGlobal(nameParts) => TempViewCatalog.global.drop(viewKey(name))
          case _ => false
        }
        if (!dropped && !ifExists) {
          throw new AnalysisException(errorClass = "TABLE_OR_VIEW_NOT_FOUND",
            messageParameters = Map("relationName" -> nameParts.map(p => s"`$p`").mkString("."),
              "searchPath" -> SessionSql.searchPath))
        }
        emptyResult
      case Statement.ShowTables(namespace, pattern) =>
        val globalRows = namespace match {
          case None => Nil
          case Some(ns) if isGlobal(ns :+ "") && ns.length == 1 =>
            TempViewCatalog.global.names.map(n => Row(globalDatabase, n, true))
          case Some(ns) if ns.length == 1 && ns.head.equalsIgnoreCase("default") => Nil
          case Some(ns) =>
            throw new AnalysisException(errorClass = "SCHEMA_NOT_FOUND",
              messageParameters = Map("schemaName" -> ns.map(p => s"`$p`").mkString(".")))
        }
        val rows = (globalRows ++ localViews.names.map(n => Row("", n, true)))
          .filter(r => pattern.forall(p => SessionSql.matchesPattern(r.getString(1), p)))
        rowsResult(rows, StructType(Seq(StructField("namespace", StringType, nullable = false),
          StructField("tableName", StringType, nullable = false),
          StructField("isTemporary", BooleanType, nullable = false))))
      case Statement.SetConfig(Some(key), Some(value)) =>
        session.conf.set(key, value)
        rowsResult(Seq(Row(key, value)), SessionSql.keyValueSchema)
      case Statement.SetConfig(Some(key), None) =>
        rowsResult(Seq(Row(key, session.conf.get(key, "<undefined>"))), SessionSql.keyValueSchema)
      case Statement.SetConfig(None, _) => NotSupportedYet("SQL statement SET (listing every option)")
      case Statement.DescribeQuery(query) =>
        if (parser.subqueryPlans.nonEmpty) NotSupportedYet("sub-queries in DESCRIBE QUERY")
        describe(session.native.analyze(query))
      case Statement.DescribeRelation(nameParts) =>
        describe(session.native.analyze(tableRelation(nameParts)))
    }
  }

  private def viewName(name: String, global: Boolean): String =
    if (global) s"`$globalDatabase`.`$name`" else s"`$name`"

  private def viewExists(name: String, global: Boolean): Boolean =
    (if (global) TempViewCatalog.global else localViews).get(viewKey(name)).isDefined

  /** Dataset.createTempView & co. and CREATE TEMPORARY VIEW: Spark's error when the name is taken. */
  def createView(name: String, plan: proto.Relation, replace: Boolean, global: Boolean): Unit = {
    val catalog = if (global) TempViewCatalog.global else localViews
    if (!catalog.create(viewKey(name), plan, replace)) {
      throw new AnalysisException(errorClass = "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS",
        messageParameters = Map("relationName" -> viewName(name, global)))
    }
  }

  private def queryDataFrame(plan: proto.Relation, subqueries: Seq[proto.Relation]): Dataset[Row] =
    session.newDataFrame() { b =>
      if (subqueries.isEmpty) b.mergeFrom(plan)
      else b.getWithRelationsBuilder.setRoot(plan).addAllReferences(subqueries.asJava)
    }

  private def emptyResult: Dataset[Row] =
    session.newDataFrame()(_.getLocalRelationBuilder.setSchema(new StructType().json))

  private def rowsResult(rows: Seq[Row], schema: StructType): Dataset[Row] =
    session.createDataFrame(rows.asJava, schema)

  private def describe(schema: StructType): Dataset[Row] =
    rowsResult(schema.fields.toSeq.map(f => Row(f.name, f.dataType.simpleString, null)),
      StructType(Seq(StructField("col_name", StringType, nullable = false),
        StructField("data_type", StringType, nullable = false), StructField("comment", StringType))))
}

private[duckdb] object SessionSql {
  /** Spark's search path in TABLE_OR_VIEW_NOT_FOUND messages. */
  val searchPath = "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]"

  val keyValueSchema: StructType = StructType(Seq(StructField("key", StringType, nullable = false),
    StructField("value", StringType, nullable = false)))

  /** A query argument (`spark.sql(text, args)`): a literal value, or a Column (of a literal). */
  def argument(value: Any): proto.Expression = value match {
    case c: Column => ColumnNodeToProto(c)
    case v => Protos.lit(v)
  }

  /** Spark's SHOW TABLES pattern: `*` any characters, `|` alternatives, case-insensitive. */
  def matchesPattern(name: String, pattern: String): Boolean =
    pattern.trim.split("\\|").exists { p =>
      val regex = p.trim.toLowerCase(Locale.ROOT).split("\\*", -1).map(java.util.regex.Pattern.quote).mkString(".*")
      name.toLowerCase(Locale.ROOT).matches(regex)
    }

  /** The aggregate names the SQL builder knows (exposed for tests). */
  def aggregateFunctions: Set[String] = AstBuilder.AggregateFunctions

  /** An expression string of a Column (`functions.expr`, `selectExpr`, `filter(String)`), parsed in the active
   *  sparkduck session (its time zone, its views) or, without one, with the JVM's time zone and no views. */
  def expressionOfText(text: String): proto.Expression =
    SparkSession.getActiveSession.orElse(SparkSession.getDefaultSession) match {
      case Some(session) => session.sessionSql.expression(text)
      case None =>
        val parser = new SqlParser(new SqlEnvironment {
          override def tableRelation(nameParts: Seq[String]): proto.Relation =
            Protos.relation(_.getReadBuilder.getNamedTableBuilder.setUnparsedIdentifier(Protos.quoted(nameParts)))
          override def schemaOf(relation: proto.Relation): StructType =
            NotSupportedYet("expression strings outside a sparkduck session")
          override def timeZone: String = java.util.TimeZone.getDefault.getID
          override def nextPlanId(): Long = SparkSession.nextPlanId()
        })
        val e = parser.parseExpression(text)
        if (parser.subqueryPlans.nonEmpty) NotSupportedYet("sub-queries in expression strings (use spark.sql)")
        e
    }
}
