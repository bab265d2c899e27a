package org.apache.spark.sql.duckdb.parser

import org.apache.spark.connect.proto
import org.apache.spark.sql.catalyst.parser.{AbstractParser, DataTypeAstBuilder, SqlBaseParser}
import org.apache.spark.sql.catalyst.trees.{CurrentOrigin, Origin}

/**
 * Spark SQL text → Spark Connect protos, with Spark's own ANTLR grammar and error handling (`AbstractParser`):
 * a syntax error is Spark's `ParseException` (`[PARSE_SYNTAX_ERROR]`, line and position, the SQL with a caret).
 * One parser per text: the AST builder keeps the text's CTEs, named windows and sub-query plans.
 */
private[duckdb] final class SqlParser(env: SqlEnvironment) extends AbstractParser {
  private val builder = new AstBuilder(env)

  override protected def astBuilder: DataTypeAstBuilder = builder

  /** Parses with the text as the current origin, so that errors raised while building show Spark's query context. */
  private def parseText[T](text: String)(toResult: SqlBaseParser => T): T =
    CurrentOrigin.withOrigin(Origin(sqlText = Some(text)))(parse(text)(toResult))

  /** Sub-query plans the parsed text refers to by plan id (to travel as WithRelations references). */
  def subqueryPlans: Seq[proto.Relation] = builder.subqueryPlans.toSeq

  /** One expression, optionally aliased (`expr`, `selectExpr`, `filter(String)`). */
  def parseExpression(text: String): proto.Expression =
    parseText(text) { parser: SqlBaseParser => builder.namedExpression(parser.singleExpression().namedExpression()) }

  /** A multi-part name (`spark.table`, `createTempView`). */
  def parseMultipartIdentifier(text: String): Seq[String] =
    parseText(text) { parser: SqlBaseParser =>
      builder.multipartIdentifierOf(parser.singleMultipartIdentifier().multipartIdentifier())
    }

  /** One statement (`spark.sql`). */
  def parseStatement(text: String): Statement =
    parseText(text) { parser: SqlBaseParser => builder.statement(parser.singleStatement()) }
}
