package org.apache.spark.sql.duckdb

import scala.jdk.CollectionConverters._

import org.apache.spark.connect.proto
import org.apache.spark.sql.{functions => F, Column}
import org.apache.spark.sql.expressions.Window
import org.apache.spark.sql.types._
import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.Test

/** One test per ColumnNode kind: the Spark Connect expression it becomes. */
class ColumnNodeToProtoTest {
  private def toProto(c: Column): proto.Expression = ColumnNodeToProto(c)
  private def lit(v: Any): proto.Expression.Literal = toProto(F.lit(v)).getLiteral

  @Test def primitiveLiterals(): Unit = {
    assertEquals(1, lit(1).getInteger)
    assertEquals(7L, lit(7L).getLong)
    assertEquals(2.5, lit(2.5).getDouble)
    assertEquals(1.5f, lit(1.5f).getFloat)
    assertEquals(3, lit(3.toShort).getShort)
    assertEquals(4, lit(4.toByte).getByte)
    assertTrue(lit(true).getBoolean)
    assertEquals("it's", lit("it's").getString)
    assertEquals(proto.Expression.Literal.LiteralTypeCase.NULL, lit(null).getLiteralTypeCase)
    assertTrue(lit(null).getNull.hasNull)
    assertArrayEquals(Array[Byte](1, 2), lit(Array[Byte](1, 2)).getBinary.toByteArray)
  }

  @Test def decimalLiteralKeepsPrecisionAndScale(): Unit = {
    val d = lit(new java.math.BigDecimal("-12.340"))
    assertEquals("-12.340", d.getDecimal.getValue)
    assertEquals(5, d.getDecimal.getPrecision)
    assertEquals(3, d.getDecimal.getScale)
    val small = lit(BigDecimal("0.001"))
    assertEquals(3, small.getDecimal.getPrecision) // precision >= scale, as Spark's DecimalType
    assertEquals(3, small.getDecimal.getScale)
  }

  @Test def dateAndTimeLiterals(): Unit = {
    assertEquals(19723, lit(java.time.LocalDate.of(2024, 1, 1)).getDate)
    assertEquals(1704067200000000L + 1, lit(java.time.Instant.parse("2024-01-01T00:00:00.000001Z")).getTimestamp)
    assertEquals(1704067200000000L, lit(java.time.LocalDateTime.of(2024, 1, 1, 0, 0)).getTimestampNtz)
    assertEquals(86400000000L, lit(java.time.Duration.ofDays(1)).getDayTimeInterval)
    assertEquals(14, lit(java.time.Period.of(1, 2, 0)).getYearMonthInterval)
  }

  @Test def complexTypedLiterals(): Unit = {
    val arr = toProto(F.typedLit(Seq(1, 2, 3))).getLiteral
    assertEquals(Seq(1, 2, 3), arr.getArray.getElementsList.asScala.map(_.getInteger).toSeq)
    assertTrue(arr.getDataType.hasArray)
    assertTrue(arr.getDataType.getArray.getElementType.hasInteger)

    val map = toProto(F.typedLit(Map("a" -> 1L))).getLiteral
    assertEquals("a", map.getMap.getKeys(0).getString)
    assertEquals(1L, map.getMap.getValues(0).getLong)
    assertTrue(map.getDataType.getMap.getValueType.hasLong)

    val struct = toProto(F.typedLit(("x", 2))).getLiteral
    assertEquals(Seq("_1", "_2"), struct.getDataType.getStruct.getFieldsList.asScala.map(_.getName).toSeq)
    assertEquals("x", struct.getStruct.getElements(0).getString)
    assertEquals(2, struct.getStruct.getElements(1).getInteger)

    val intArray = lit(Array(1, 2))
    assertTrue(intArray.getDataType.getArray.getElementType.hasInteger)
  }

  @Test def unsupportedLiteralTypeFails(): Unit = {
    assertThrows(classOf[IllegalArgumentException], () => lit(new Object))
  }

  @Test def attributesStarsAndRegex(): Unit = {
    val a = toProto(F.col("a.b")).getUnresolvedAttribute
    assertEquals("a.b", a.getUnparsedIdentifier)
    assertFalse(a.hasPlanId)
    assertEquals("`we.ird`", toProto(F.col("`we.ird`")).getUnresolvedAttribute.getUnparsedIdentifier)
    assertTrue(toProto(F.col("*")).hasUnresolvedStar)
    assertEquals("t.*", toProto(F.col("t.*")).getUnresolvedStar.getUnparsedTarget)
    val df = TestSessions.planOnly().range(3)
    assertEquals("`a.*`", toProto(df.colRegex("`a.*`")).getUnresolvedRegex.getColName)
    assertEquals(df.planId, toProto(df.colRegex("`a.*`")).getUnresolvedRegex.getPlanId)
  }

  @Test def functionsAndOperators(): Unit = {
    val plus = toProto(F.col("a") + 1).getUnresolvedFunction
    assertEquals("+", plus.getFunctionName)
    assertEquals(2, plus.getArgumentsCount)
    assertEquals("a", plus.getArguments(0).getUnresolvedAttribute.getUnparsedIdentifier)
    assertEquals(1, plus.getArguments(1).getLiteral.getInteger)
    assertEquals("=", toProto(F.col("a") === F.col("b")).getUnresolvedFunction.getFunctionName)
    val distinct = toProto(F.countDistinct(F.col("a"))).getUnresolvedFunction
    assertEquals("count", distinct.getFunctionName)
    assertTrue(distinct.getIsDistinct)
  }

  @Test def sqlExpressionAliasCast(): Unit = {
    // SQL text is parsed in the JVM into the DataFrame API's form (parser package).
    assertEquals("+", toProto(F.expr("a + 1")).getUnresolvedFunction.getFunctionName)
    val alias = toProto(F.col("a").as("b")).getAlias
    assertEquals(Seq("b"), alias.getNameList.asScala.toSeq)
    assertEquals("a", alias.getExpr.getUnresolvedAttribute.getUnparsedIdentifier)
    val withMeta = toProto(F.col("a").as("b", new MetadataBuilder().putString("k", "v").build())).getAlias
    assertEquals("{\"k\":\"v\"}", withMeta.getMetadata)
    val cast = toProto(F.col("a").cast(DecimalType(10, 2))).getCast
    assertEquals(10, cast.getType.getDecimal.getPrecision)
    assertEquals(2, cast.getType.getDecimal.getScale)
    assertEquals(proto.Expression.Cast.EvalMode.EVAL_MODE_TRY,
      toProto(F.col("a").try_cast(IntegerType)).getCast.getEvalMode)
  }

  @Test def sortOrdersUseSparkDefaultNullOrdering(): Unit = {
    val asc = toProto(F.col("a").asc).getSortOrder
    assertEquals(proto.Expression.SortOrder.SortDirection.SORT_DIRECTION_ASCENDING, asc.getDirection)
    assertEquals(proto.Expression.SortOrder.NullOrdering.SORT_NULLS_FIRST, asc.getNullOrdering)
    val desc = toProto(F.col("a").desc).getSortOrder
    assertEquals(proto.Expression.SortOrder.SortDirection.SORT_DIRECTION_DESCENDING, desc.getDirection)
    assertEquals(proto.Expression.SortOrder.NullOrdering.SORT_NULLS_LAST, desc.getNullOrdering)
    assertEquals(proto.Expression.SortOrder.NullOrdering.SORT_NULLS_LAST,
      toProto(F.col("a").asc_nulls_last).getSortOrder.getNullOrdering)
  }

  @Test def windows(): Unit = {
    val spec = Window.partitionBy("k").orderBy(F.col("v").desc).rowsBetween(Window.unboundedPreceding, 1)
    val w = toProto(F.row_number().over(spec)).getWindow
    assertEquals("row_number", w.getWindowFunction.getUnresolvedFunction.getFunctionName)
    assertEquals("k", w.getPartitionSpec(0).getUnresolvedAttribute.getUnparsedIdentifier)
    assertEquals(proto.Expression.SortOrder.SortDirection.SORT_DIRECTION_DESCENDING, w.getOrderSpec(0).getDirection)
    assertEquals(proto.Expression.Window.WindowFrame.FrameType.FRAME_TYPE_ROW, w.getFrameSpec.getFrameType)
    assertTrue(w.getFrameSpec.getLower.getUnbounded)
    assertEquals(1, w.getFrameSpec.getUpper.getValue.getLiteral.getInteger)
  }

  @Test def lambdasExtractionAndFieldUpdates(): Unit = {
    val transform = toProto(F.transform(F.col("xs"), x => x + 1)).getUnresolvedFunction
    assertEquals("transform", transform.getFunctionName)
    val lambda = transform.getArguments(1).getLambdaFunction
    val variable = lambda.getArguments(0).getNamePartsList.asScala.head
    assertEquals(variable,
      lambda.getFunction.getUnresolvedFunction.getArguments(0).getUnresolvedNamedLambdaVariable.getNameParts(0))

    val extract = toProto(F.col("m")("key")).getUnresolvedExtractValue
    assertEquals("m", extract.getChild.getUnresolvedAttribute.getUnparsedIdentifier)
    assertEquals("key", extract.getExtraction.getLiteral.getString)

    val update = toProto(F.col("s").withField("f", F.lit(1))).getUpdateFields
    assertEquals("f", update.getFieldName)
    assertEquals(1, update.getValueExpression.getLiteral.getInteger)
    assertFalse(toProto(F.col("s").dropFields("f")).getUpdateFields.hasValueExpression)
  }

  @Test def caseWhenIsSparkConnectsWhenFunction(): Unit = {
    val w = toProto(F.when(F.col("a") > 1, "big").when(F.col("a") > 0, "small").otherwise("none"))
      .getUnresolvedFunction
    assertEquals("when", w.getFunctionName)
    assertEquals(5, w.getArgumentsCount)
    assertEquals("none", w.getArguments(4).getLiteral.getString)
    assertEquals(4, toProto(F.when(F.col("a") > 1, 1).when(F.col("a") > 0, 2)).getUnresolvedFunction.getArgumentsCount)
  }

  @Test def scalarSubqueryReferencesItsPlan(): Unit = {
    val session = TestSessions.planOnly()
    val sub = session.range(5).agg(F.max("id"))
    val outer = session.range(10).filter(F.col("id") < sub.scalar())
    val root = Dataset.relationOf(outer)
    assertTrue(root.hasWithRelations)
    assertEquals(Dataset.relationOf(sub), root.getWithRelations.getReferences(0))
    val condition = root.getWithRelations.getRoot.getFilter.getCondition.getUnresolvedFunction
    val subquery = condition.getArguments(1).getSubqueryExpression
    assertEquals(Dataset.planIdOf(sub), subquery.getPlanId)
    assertEquals(proto.SubqueryExpression.SubqueryType.SUBQUERY_TYPE_SCALAR, subquery.getSubqueryType)
  }

  @Test def userDefinedFunctionsTravelAsInlineUdfs(): Unit = {
    // The closure stays in the JVM: the proto carries the UDF, its arguments and a registry reference.
    val f = F.udf((x: Int) => x + 1)
    val p = toProto(f(F.col("a")))
    assertTrue(p.hasCommonInlineUserDefinedFunction)
    assertEquals("a", p.getCommonInlineUserDefinedFunction.getArguments(0).getUnresolvedAttribute.getUnparsedIdentifier)
  }

  @Test def dataTypes(): Unit = {
    val t = DataTypeToProto(StructType(Seq(
      StructField("a", ArrayType(MapType(StringType, TimestampType, valueContainsNull = false)), nullable = false),
      StructField("b", VarcharType(5)))))
    val a = t.getStruct.getFields(0)
    assertFalse(a.getNullable)
    assertFalse(a.getDataType.getArray.getElementType.getMap.getValueContainsNull)
    assertTrue(a.getDataType.getArray.getElementType.getMap.getValueType.hasTimestamp)
    assertEquals(5, t.getStruct.getFields(1).getDataType.getVarChar.getLength)
    assertEquals(DayTimeIntervalType.HOUR,
      DataTypeToProto(DayTimeIntervalType(DayTimeIntervalType.HOUR)).getDayTimeInterval.getStartField)
  }
}
