package org.apache.spark.sql.duckdb

import org.apache.spark.sql.{catalog, Row}
import org.apache.spark.sql.catalog.{CatalogMetadata, Column, Database, Function, Table}
import org.apache.spark.sql.types.StructType
import org.apache.spark.storage.StorageLevel

/** `spark.catalog`: not supported yet (tables and views are a later issue), except what holds trivially. */
class Catalog private[duckdb] (session: SparkSession) extends catalog.Catalog {
  private def no(member: String): Nothing = NotSupportedYet(s"Catalog.$member")

  override def currentDatabase: String = no("currentDatabase")
  override def setCurrentDatabase(dbName: String): Unit = no("setCurrentDatabase")
  override def listDatabases(): Dataset[Database] = no("listDatabases")
  override def listDatabases(pattern: String): Dataset[Database] = no("listDatabases")
  override def listTables(): Dataset[Table] = no("listTables")
  override def listTables(dbName: String): Dataset[Table] = no("listTables")
  override def listTables(dbName: String, pattern: String): Dataset[Table] = no("listTables")
  override def listFunctions(): Dataset[Function] = no("listFunctions")
  override def listFunctions(dbName: String): Dataset[Function] = no("listFunctions")
  override def listFunctions(dbName: String, pattern: String): Dataset[Function] = no("listFunctions")
  override def listColumns(tableName: String): Dataset[Column] = no("listColumns")
  override def listColumns(dbName: String, tableName: String): Dataset[Column] = no("listColumns")
  override def getDatabase(dbName: String): Database = no("getDatabase")
  override def getTable(tableName: String): Table = no("getTable")
  override def getTable(dbName: String, tableName: String): Table = no("getTable")
  override def getFunction(functionName: String): Function = no("getFunction")
  override def getFunction(dbName: String, functionName: String): Function = no("getFunction")
  override def databaseExists(dbName: String): Boolean = no("databaseExists")
  override def tableExists(tableName: String): Boolean = no("tableExists")
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
  override def dropTempView(viewName: String): Boolean = no("dropTempView")
  override def dropGlobalTempView(viewName: String): Boolean = no("dropGlobalTempView")
  override def recoverPartitions(tableName: String): Unit = no("recoverPartitions")
  override def isCached(tableName: String): Boolean = no("isCached")
  override def cacheTable(tableName: String): Unit = no("cacheTable")
  override def cacheTable(tableName: String, storageLevel: StorageLevel): Unit = no("cacheTable")
  override def uncacheTable(tableName: String): Unit = no("uncacheTable")
  /** Nothing is ever cached (Dataset.persist is a no-op), so there is nothing to clear. */
  override def clearCache(): Unit = ()
  override def refreshTable(tableName: String): Unit = no("refreshTable")
  override def refreshByPath(path: String): Unit = no("refreshByPath")
  override def currentCatalog(): String = no("currentCatalog")
  override def setCurrentCatalog(catalogName: String): Unit = no("setCurrentCatalog")
  override def listCatalogs(): Dataset[CatalogMetadata] = no("listCatalogs")
  override def listCatalogs(pattern: String): Dataset[CatalogMetadata] = no("listCatalogs")
}
