package org.apache.spark.sql.duckdb

import org.apache.spark.sql.{catalog, Row}
import org.apache.spark.sql.catalog.{CatalogMetadata, Column, Database, Function, Table}
import org.apache.spark.sql.types.StructType
import org.apache.spark.storage.StorageLevel

/**
 * `spark.catalog`: temporary views (the session's and the global ones, SqlSupport.scala); the native catalog has
 * no tables or databases besides Spark's `default` yet.
 */
class Catalog private[duckdb] (session: SparkSession) extends catalog.Catalog {
  private def no(member: String): Nothing = NotSupportedYet(s"Catalog.$member")
  private def sql = session.sessionSql

  override def currentDatabase: String = "default"
  override def setCurrentDatabase(dbName: String): Unit = no("setCurrentDatabase")
  override def listDatabases(): Dataset[Database] = no("listDatabases")
  override def listDatabases(pattern: String): Dataset[Database] = no("listDatabases")
  /** @inheritdoc The temporary views (names lower-cased unless case-sensitive, as Spark). */
  override def listTables(): Dataset[Table] = {
    val tables = sql.localViews.names.map(n => new Table(n, null, Array.empty[String], null, "TEMPORARY", true))
    session.createDataset(tables)(Catalog.tableEncoder)
  }
  override def listTables(dbName: String): Dataset[Table] = no("listTables")
  override def listTables(dbName: String, pattern: String): Dataset[Table] = no("listTables")
  override def listFunctions(): Dataset[Function] = no("listFunctions")
  override def listFunctions(dbName: String): Dataset[Function] = no("listFunctions")
  override def listFunctions(dbName: String, pattern: String): Dataset[Function] = no("listFunctions")
  /** @inheritdoc The columns of a temporary view. */
  override def listColumns(tableName: String): Dataset[Column] = {
    val parts = sql.nameParts(tableName)
    val view = sql.view(parts).getOrElse(throw new org.apache.spark.sql.AnalysisException(
      errorClass = "TABLE_OR_VIEW_NOT_FOUND", messageParameters = Map("relationName" -> Catalog.sqlId(parts), "searchPath" -> SessionSql.searchPath)))
    val columns = session.native.analyze(view).fields.toSeq.map(f =>
      new Column(f.name, null, f.dataType.catalogString, f.nullable, false, false, false))
    session.createDataset(columns)(Catalog.columnEncoder)
  }
  override def listColumns(dbName: String, tableName: String): Dataset[Column] = no("listColumns")
  override def getDatabase(dbName: String): Database = no("getDatabase")
  override def getTable(tableName: String): Table = no("getTable")
  override def getTable(dbName: String, tableName: String): Table = no("getTable")
  override def getFunction(functionName: String): Function = no("getFunction")
  override def getFunction(dbName: String, functionName: String): Function = no("getFunction")
  override def databaseExists(dbName: String): Boolean = no("databaseExists")
  /** @inheritdoc Temporary views only: the native catalog has no tables yet. */
  override def tableExists(tableName: String): Boolean = sql.view(sql.nameParts(tableName)).isDefined
  override def tableExists(dbName: String, tableName: String): Boolean = no("tableExists")
  override def functionExists(functionName: String): Boolean = no("functionExists")
  override def functionExists(dbName: String, functionName: String): Boolean = no("functionExists")
  override def createTable(tableName: String, path: String): Dataset[Row] = no("createTable")
  override def createTable(tableName: String, path: String, source: String): Dataset[Row] = no("createTable")
  override def createTable(tableName: String, source: String, options: Map[String, String]): Dataset[Row] =
    no("createTable")
  override def createTable(tableName: String, source: String, description: String,
      options: Map[String, String]): Dataset[Row] = no("createTable")
  override def createTable(tableName: String, source: String, schema: StructType,
      options: Map[String, String]): Dataset[Row] = no("createTable")
  override def createTable(tableName: String, source: String, schema: StructType, description: String,
      options: Map[String, String]): Dataset[Row] = no("createTable")
  override def dropTempView(viewName: String): Boolean = sql.localViews.drop(sql.viewKey(viewName))
  override def dropGlobalTempView(viewName: String): Boolean = TempViewCatalog.global.drop(sql.viewKey(viewName))
  override def recoverPartitions(tableName: String): Unit = no("recoverPartitions")
  override def isCached(tableName: String): Boolean = no("isCached")
  override def cacheTable(tableName: String): Unit = no("cacheTable")
  override def cacheTable(tableName: String, storageLevel: StorageLevel): Unit = no("cacheTable")
  override def uncacheTable(tableName: String): Unit = no("uncacheTable")
  /** Forgets every persisted Dataset (their plans recompute from then on). */
  override def clearCache(): Unit = {
    val persisted = session.persistedRelations
    persisted.synchronized {
      if (!persisted.isEmpty) {
        persisted.clear()
        session.native.clearCache()
      }
    }
  }
  override def refreshTable(tableName: String): Unit = no("refreshTable")
  override def refreshByPath(path: String): Unit = no("refreshByPath")
  override def currentCatalog(): String = "spark_catalog"
  override def setCurrentCatalog(catalogName: String): Unit = no("setCurrentCatalog")
  override def listCatalogs(): Dataset[CatalogMetadata] = no("listCatalogs")
  override def listCatalogs(pattern: String): Dataset[CatalogMetadata] = no("listCatalogs")
}

private object Catalog {
  lazy val tableEncoder: org.apache.spark.sql.Encoder[Table] =
    org.apache.spark.sql.catalyst.ScalaReflection.encoderFor[Table]
  lazy val columnEncoder: org.apache.spark.sql.Encoder[Column] =
    org.apache.spark.sql.catalyst.ScalaReflection.encoderFor[Column]
  def sqlId(parts: Seq[String]): String = parts.map(p => s"`$p`").mkString(".")
}
