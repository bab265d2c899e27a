package org.apache.spark.sql.duckdb.parser

import scala.jdk.CollectionConverters._

import org.apache.spark.connect.proto
import org.apache.spark.sql.catalyst.parser.ParseException
import org.apache.spark.sql.types.StructType
import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.Test

/** SQL text → Spark Connect protos, without a session: the forms the native analyzer receives. */
class SqlParserTest {
  private object Env extends SqlEnvironment {
    override def tableRelation(nameParts: Seq[String]): proto.Relation =
      Protos.relation(_.getReadBuilder.getNamedTableBuilder.setUnparsedIdentifier(Protos.quoted(nameParts)))
    override def schemaOf(relation: proto.Relation): StructType = fail("no schema lookups expected")
    override def timeZone: String = "UTC"
    override def nextPlanId(): Long = 42L
  }

  private def expr(text: String): proto.Expression = new SqlParser(Env).parseExpression(text)
  private def query(text: String): proto.Relation = new SqlParser(Env).parseStatement(text) match {
    case Statement.Query(r) => r
    case other => fail(s"not a query: $other")
  }

  @Test def operatorsAreDataFrameFunctions(): Unit = {
    val plus = expr("a + 1").getUnresolvedFunction
    assertEquals("+", plus.getFunctionName)
    assertEquals("a", plus.getArguments(0).getUnresolvedAttribute.getUnparsedIdentifier)
    assertEquals(1, plus.getArguments(1).getLiteral.getInteger)
    assertEquals("not", expr("a <> b").getUnresolvedFunction.getFunctionName)
    assertEquals("<=>", expr("a <=> b").getUnresolvedFunction.getFunctionName)
    assertEquals("concat", expr("a || b").getUnresolvedFunction.getFunctionName)
  }

  @Test def typedLiterals(): Unit = {
    assertEquals(3L, expr("3L").getLiteral.getLong)
    assertEquals(2, expr("2Y").getLiteral.getByte)
    assertEquals("1.50", expr("1.50BD").getLiteral.getDecimal.getValue)
    assertEquals(19782, expr("DATE '2024-02-29'").getLiteral.getDate)
    assertEquals(2147483648L, expr("2147483648").getLiteral.getLong)
  }

  @Test def countStarIsCountOne(): Unit =
    assertEquals(1, expr("count(*)").getUnresolvedFunction.getArguments(0).getLiteral.getInteger)

  @Test def lambdaVariables(): Unit = {
    val lambda = expr("transform(xs, x -> x + 1)").getUnresolvedFunction.getArguments(1).getLambdaFunction
    assertEquals(Seq("x"), lambda.getArgumentsList.asScala.map(_.getNamePartsList.asScala.mkString(".")).toSeq)
    assertTrue(lambda.getFunction.getUnresolvedFunction.getArguments(0).hasUnresolvedNamedLambdaVariable)
  }

  @Test def multiPartNamesAreQuoted(): Unit =
    assertEquals("t.`a b`", expr("t.`a b`").getUnresolvedAttribute.getUnparsedIdentifier)

  @Test def groupByKeepsSelectOrder(): Unit = {
    val root = query("SELECT sum(v), k FROM t GROUP BY k")
    assertTrue(root.hasDrop, "hidden grouping keys are dropped")
    val aggregate = root.getDrop.getInput.getAggregate
    assertEquals(2, aggregate.getAggregateExpressionsCount)
    assertEquals(s"${AstBuilder.HiddenPrefix}key_0", aggregate.getGroupingExpressions(0).getAlias.getName(0))
  }

  @Test def syntaxErrorIsSparksParseException(): Unit = {
    val e = assertThrows(classOf[ParseException], () => query("SELECT * FROM t WHERE a ="))
    assertEquals("PARSE_SYNTAX_ERROR", e.getCondition)
    assertTrue(e.getMessage.contains("== SQL =="), e.getMessage)
  }
}
