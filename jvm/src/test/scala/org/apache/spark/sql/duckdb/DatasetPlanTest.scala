package org.apache.spark.sql.duckdb

import scala.jdk.CollectionConverters._

import org.apache.spark.connect.proto
import org.apache.spark.sql.{functions => F, Row}
import org.apache.spark.sql.types.{LongType, StructField, StructType}
import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.Test

/** The relation each transformation builds, plan ids, and members that must fail clearly. No native library. */
class DatasetPlanTest {
  private val spark = TestSessions.planOnly()
  private val people = spark.read.parquet("/data/people.parquet")

  private def rel(ds: org.apache.spark.sql.Dataset[_]): proto.Relation = Dataset.relationOf(ds)

  @Test def everyNewRelationGetsAFreshPlanId(): Unit = {
    val a = people.filter(F.col("age") > 1)
    val b = a.select("name")
    val ids = Seq(people, a, b).map(rel(_).getCommon.getPlanId)
    assertEquals(3, ids.distinct.size)
    assertEquals(rel(people).getCommon.getPlanId, rel(a).getFilter.getInput.getCommon.getPlanId)
  }

  @Test def datasetColumnsCarryThePlanId(): Unit = {
    val attr = ColumnNodeToProto(people("age")).getUnresolvedAttribute
    assertEquals("age", attr.getUnparsedIdentifier)
    assertEquals(rel(people).getCommon.getPlanId, attr.getPlanId)
    assertEquals(rel(people).getCommon.getPlanId, ColumnNodeToProto(people.col("*")).getUnresolvedStar.getPlanId)
    assertTrue(ColumnNodeToProto(people.metadataColumn("_metadata")).getUnresolvedAttribute.getIsMetadataColumn)
  }

  @Test def readParquet(): Unit = {
    val ds = rel(spark.read.option("mergeSchema", "true")
      .schema(StructType(Seq(StructField("id", LongType)))).parquet("/a", "/b")).getRead.getDataSource
    assertEquals("parquet", ds.getFormat)
    assertEquals(Seq("/a", "/b"), ds.getPathsList.asScala.toSeq)
    assertEquals("true", ds.getOptionsMap.get("mergeSchema"))
    assertEquals(StructType(Seq(StructField("id", LongType))),
      org.apache.spark.sql.types.DataType.fromJson(ds.getSchema))
    assertEquals("csv", rel(spark.read.csv("/c")).getRead.getDataSource.getFormat)
    assertEquals("parquet", rel(spark.read.load("/d")).getRead.getDataSource.getFormat) // Spark's default source
    assertEquals("db.t", rel(spark.table("db.t")).getRead.getNamedTable.getUnparsedIdentifier)
  }

  @Test def projectionsAndFilters(): Unit = {
    val p = rel(people.select(F.col("name"), F.col("age") + 1)).getProject
    assertEquals(2, p.getExpressionsCount)
    assertEquals("name", p.getExpressions(0).getUnresolvedAttribute.getUnparsedIdentifier)
    assertEquals(">", rel(people.where(F.col("age") > 3)).getFilter.getCondition.getUnresolvedFunction.getFunctionName)
    // selectExpr / filter(String) are parsed in the JVM into the DataFrame API's form.
    assertEquals("+", rel(people.selectExpr("age + 1")).getProject.getExpressions(0).getUnresolvedFunction.getFunctionName)
    assertEquals(">", rel(people.filter("age > 1")).getFilter.getCondition.getUnresolvedFunction.getFunctionName)
  }

  @Test def columnsAddedRenamedDropped(): Unit = {
    val w = rel(people.withColumn("x", F.lit(1))).getWithColumns
    assertEquals(Seq("x"), w.getAliases(0).getNameList.asScala.toSeq)
    val r = rel(people.withColumnRenamed("name", "n")).getWithColumnsRenamed.getRenames(0)
    assertEquals(("name", "n"), (r.getColName, r.getNewColName))
    assertEquals(Seq("name", "age"), rel(people.drop("name", "age")).getDrop.getColumnNamesList.asScala.toSeq)
    assertEquals(1, rel(people.drop(people("name"))).getDrop.getColumnsCount)
    assertEquals(Seq("a", "b"), rel(people.toDF("a", "b")).getToDf.getColumnNamesList.asScala.toSeq)
    assertEquals("p", rel(people.as("p")).getSubqueryAlias.getAlias)
    assertEquals("{\"k\":1}",
      rel(people.withMetadata("age", new org.apache.spark.sql.types.MetadataBuilder().putLong("k", 1).build()))
        .getWithColumns.getAliases(0).getMetadata)
  }

  @Test def sortLimitOffset(): Unit = {
    val s = rel(people.orderBy(F.col("age").desc, F.col("name"))).getSort
    assertTrue(s.getIsGlobal)
    assertEquals(proto.Expression.SortOrder.NullOrdering.SORT_NULLS_LAST, s.getOrder(0).getNullOrdering)
    assertEquals(proto.Expression.SortOrder.NullOrdering.SORT_NULLS_FIRST, s.getOrder(1).getNullOrdering)
    assertFalse(rel(people.sortWithinPartitions("age")).getSort.getIsGlobal)
    assertEquals(5, rel(people.limit(5)).getLimit.getLimit)
    assertEquals(2, rel(people.offset(2)).getOffset.getOffset)
    assertEquals(3, rel(spark.range(1, 10, 2, 3)).getRange.getNumPartitions)
    assertFalse(rel(spark.range(4)).getRange.hasNumPartitions)
  }

  @Test def aggregates(): Unit = {
    val a = rel(people.groupBy("name").agg(F.sum("age").as("s"), F.count("*"))).getAggregate
    assertEquals(proto.Aggregate.GroupType.GROUP_TYPE_GROUPBY, a.getGroupType)
    assertEquals("name", a.getGroupingExpressions(0).getUnresolvedAttribute.getUnparsedIdentifier)
    assertEquals(2, a.getAggregateExpressionsCount)
    assertEquals("count", rel(people.groupBy().count()).getAggregate.getAggregateExpressions(0).getAlias.getName(0))
    assertEquals(proto.Aggregate.GroupType.GROUP_TYPE_ROLLUP, rel(people.rollup("name").count()).getAggregate.getGroupType)
    assertEquals(proto.Aggregate.GroupType.GROUP_TYPE_CUBE, rel(people.cube("name").count()).getAggregate.getGroupType)
    val pivot = rel(people.groupBy("name").pivot("age", Seq(1, 2)).count()).getAggregate
    assertEquals(proto.Aggregate.GroupType.GROUP_TYPE_PIVOT, pivot.getGroupType)
    assertEquals(Seq(1, 2), pivot.getPivot.getValuesList.asScala.map(_.getInteger).toSeq)
    val sets = rel(people.groupingSets(Seq(Seq(F.col("name")), Seq()), F.col("name")).count()).getAggregate
    assertEquals(2, sets.getGroupingSetsCount)
    // groupBy(..).mean("age") checks that the named column is numeric, as Spark does, so it needs the schema (a
    // native session): covered by the differential GroupingSuite, not here.
  }

  @Test def distinctSetOperationsJoins(): Unit = {
    assertTrue(rel(people.distinct()).getDeduplicate.getAllColumnsAsKeys)
    assertEquals(Seq("name"), rel(people.dropDuplicates("name")).getDeduplicate.getColumnNamesList.asScala.toSeq)
    val other = spark.read.parquet("/data/other.parquet")
    val u = rel(people.union(other)).getSetOp
    assertEquals(proto.SetOperation.SetOpType.SET_OP_TYPE_UNION, u.getSetOpType)
    assertTrue(u.getIsAll)
    val ubn = rel(people.unionByName(other, allowMissingColumns = true)).getSetOp
    assertTrue(ubn.getByName && ubn.getAllowMissingColumns)
    assertFalse(rel(people.intersect(other)).getSetOp.getIsAll)
    assertTrue(rel(people.exceptAll(other)).getSetOp.getIsAll)

    val using = rel(people.join(other, Seq("id"), "left_outer")).getJoin
    assertEquals(proto.Join.JoinType.JOIN_TYPE_LEFT_OUTER, using.getJoinType)
    assertEquals(Seq("id"), using.getUsingColumnsList.asScala.toSeq)
    val on = rel(people.join(other, people("id") === other("id"), "leftanti")).getJoin
    assertEquals(proto.Join.JoinType.JOIN_TYPE_LEFT_ANTI, on.getJoinType)
    assertEquals(rel(other).getCommon.getPlanId,
      on.getJoinCondition.getUnresolvedFunction.getArguments(1).getUnresolvedAttribute.getPlanId)
    assertEquals(proto.Join.JoinType.JOIN_TYPE_CROSS, rel(people.crossJoin(other)).getJoin.getJoinType)
    assertThrows(classOf[IllegalArgumentException], () => people.join(other, Seq("id"), "sideways"))

    val joinWith = rel(people.joinWith(other, people("id") === other("id"), "left")).getJoin
    assertEquals(proto.Join.JoinType.JOIN_TYPE_LEFT_OUTER, joinWith.getJoinType)
    assertTrue(joinWith.getJoinDataType.getIsLeftStruct && joinWith.getJoinDataType.getIsRightStruct)
    assertFalse(rel(spark.range(3).joinWith(spark.range(2), F.lit(true), "inner")).getJoin.getJoinDataType.getIsLeftStruct)
    assertThrows(classOf[IllegalArgumentException], () => people.joinWith(other, F.lit(true), "left_semi"))
  }

  @Test def partitioningHintsSampling(): Unit = {
    val r = rel(people.repartition(4)).getRepartition
    assertTrue(r.getShuffle)
    assertEquals(4, r.getNumPartitions)
    assertFalse(rel(people.coalesce(1)).getRepartition.getShuffle)
    assertEquals(1, rel(people.repartition(F.col("name"))).getRepartitionByExpression.getPartitionExprsCount)
    assertTrue(rel(people.repartitionByRange(F.col("age"))).getRepartitionByExpression.getPartitionExprs(0).hasSortOrder)
    val h = rel(people.hint("broadcast")).getHint
    assertEquals("broadcast", h.getName)
    assertEquals(0.3, rel(people.sample(0.3, 7L)).getSample.getUpperBound)
  }

  @Test def naRelations(): Unit = {
    val fill = rel(people.na.fill(0L, Seq("age"))).getFillNa
    assertEquals(Seq("age"), fill.getColsList.asScala.toSeq)
    assertEquals(0L, fill.getValues(0).getLong)
    assertEquals(2, rel(people.na.drop(2)).getDropNa.getMinNonNulls)
    val replace = rel(people.na.replace("name", Map("a" -> "b"))).getReplace
    assertEquals("a", replace.getReplacements(0).getOldValue.getString)
    // describe, summary and stat.crosstab are built from ordinary relations after reading the schema (StatSuite).
  }

  @Test def typedViews(): Unit = {
    import spark.implicits._
    val projected = people.select($"age")
    val ds = projected.as[Long]
    // as[U] changes how rows decode, not the plan.
    assertEquals(rel(projected), rel(ds))
    assertEquals(org.apache.spark.sql.catalyst.encoders.AgnosticEncoders.PrimitiveLongEncoder, ds.encoder)
    val typed = people.select($"age".as[Long])
    assertEquals(org.apache.spark.sql.catalyst.encoders.AgnosticEncoders.PrimitiveLongEncoder, typed.encoder)
  }

  @Test def closuresAndMissingMembersFailClearly(): Unit = {
    import spark.implicits._
    val e = assertThrows(classOf[NotSupportedYetException], () => spark.range(3).map(_ + 1L))
    assertEquals("Dataset.map", e.member)
    assertEquals("[SPARKDUCK_UNSUPPORTED] not supported yet by sparkduck: Dataset.map", e.getMessage)
    assertThrows(classOf[NotSupportedYetException], () => spark.sql("EXPLAIN SELECT 1"))
    assertThrows(classOf[NotSupportedYetException], () => people.rdd)
    assertThrows(classOf[NotSupportedYetException], () => people.writeTo("t"))
  }

  @Test def runtimeConfigDefaultsAndOverrides(): Unit = {
    val s = TestSessions.planOnly(Map("spark.sql.ansi.enabled" -> "false", "spark.master" -> "local[2]"))
    assertEquals("false", s.conf.get("spark.sql.ansi.enabled"))
    assertEquals("false", s.conf.get("spark.sql.caseSensitive"))
    assertEquals(java.util.TimeZone.getDefault.getID, s.conf.get("spark.sql.session.timeZone"))
    assertEquals("local[2]", s.conf.get("spark.master"))
    s.conf.set("spark.sql.session.timeZone", "UTC") // native not opened: nothing to forward yet
    assertEquals("UTC", s.conf.get("spark.sql.session.timeZone"))
    assertThrows(classOf[NoSuchElementException], () => s.conf.get("spark.sql.no.such.option"))
    s.conf.unset("spark.sql.session.timeZone")
    assertEquals(java.util.TimeZone.getDefault.getID, s.conf.get("spark.sql.session.timeZone"))
  }

  @Test def localDataWithoutRowsIsASchemaOnlyLocalRelation(): Unit = {
    val schema = StructType(Seq(StructField("id", LongType)))
    val local = rel(spark.createDataFrame(new java.util.ArrayList[Row](), schema)).getLocalRelation
    assertFalse(local.hasData)
    assertEquals(schema, org.apache.spark.sql.types.DataType.fromJson(local.getSchema))
    assertEquals(new StructType(), org.apache.spark.sql.types.DataType.fromJson(rel(spark.emptyDataFrame).getLocalRelation.getSchema))
  }
}
