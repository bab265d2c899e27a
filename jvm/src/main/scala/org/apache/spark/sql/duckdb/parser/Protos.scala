package org.apache.spark.sql.duckdb.parser

import scala.jdk.CollectionConverters._

import org.apache.spark.connect.proto
import org.apache.spark.sql.duckdb.LiteralToProto
import org.apache.spark.sql.types.DataType

/** Small builders of Spark Connect protos: the SQL AST builder produces exactly what the DataFrame API produces. */
private[duckdb] object Protos {
  type Expr = proto.Expression

  def fn(name: String, args: Expr*): Expr = call(name, args, distinct = false)

  def call(name: String, args: Seq[Expr], distinct: Boolean): Expr =
    proto.Expression.newBuilder().setUnresolvedFunction(
      proto.Expression.UnresolvedFunction.newBuilder().setFunctionName(name).addAllArguments(args.asJava)
        .setIsDistinct(distinct)).build()

  def not(e: Expr): Expr = fn("not", e)

  /** Spark's identifier syntax for a multi-part name: parts joined by dots, back-quoted when not plain. */
  def quoted(parts: Seq[String]): String = parts.map(quotedPart).mkString(".")

  def quotedPart(part: String): String =
    if (part.nonEmpty && part.forall(c => c.isLetterOrDigit && c < 128 || c == '_') && !part.head.isDigit) part
    else "`" + part.replace("`", "``") + "`"

  def attr(parts: Seq[String]): Expr =
    proto.Expression.newBuilder().setUnresolvedAttribute(
      proto.Expression.UnresolvedAttribute.newBuilder().setUnparsedIdentifier(quoted(parts))).build()

  def attr(name: String): Expr = attr(Seq(name))

  def star(target: Option[Seq[String]]): Expr = {
    val sb = proto.Expression.UnresolvedStar.newBuilder()
    target.foreach(t => sb.setUnparsedTarget(quoted(t) + ".*"))
    proto.Expression.newBuilder().setUnresolvedStar(sb).build()
  }

  def lit(value: Any): Expr = proto.Expression.newBuilder().setLiteral(LiteralToProto(value)).build()

  def lit(value: Any, dataType: DataType): Expr =
    proto.Expression.newBuilder().setLiteral(LiteralToProto(value, Some(dataType))).build()

  def alias(e: Expr, names: Seq[String]): Expr =
    proto.Expression.newBuilder().setAlias(proto.Expression.Alias.newBuilder().setExpr(e).addAllName(names.asJava)).build()

  def extractValue(child: Expr, extraction: Expr): Expr =
    proto.Expression.newBuilder().setUnresolvedExtractValue(
      proto.Expression.UnresolvedExtractValue.newBuilder().setChild(child).setExtraction(extraction)).build()

  def lambdaVariable(name: String): proto.Expression.UnresolvedNamedLambdaVariable =
    proto.Expression.UnresolvedNamedLambdaVariable.newBuilder().addNameParts(name).build()

  def relation(f: proto.Relation.Builder => Unit): proto.Relation = {
    val b = proto.Relation.newBuilder()
    f(b)
    b.build()
  }

  def subqueryAlias(input: proto.Relation, alias: String, qualifier: Seq[String] = Nil): proto.Relation =
    relation(_.getSubqueryAliasBuilder.setInput(input).setAlias(alias).addAllQualifier(qualifier.asJava))

  def toDF(input: proto.Relation, names: Seq[String]): proto.Relation =
    relation(_.getToDfBuilder.setInput(input).addAllColumnNames(names.asJava))

  /** The name of an unaliased reference (`a`, `t.a` → `a`), or the alias of an aliased expression. */
  def outputName(e: Expr): Option[String] =
    if (e.hasAlias && e.getAlias.getNameCount == 1) Some(e.getAlias.getName(0))
    else if (e.hasUnresolvedAttribute) Some(lastPart(e.getUnresolvedAttribute.getUnparsedIdentifier))
    else None

  /** The last part of an unparsed identifier (back-quotes removed). */
  def lastPart(identifier: String): String = splitIdentifier(identifier).last

  def splitIdentifier(identifier: String): Seq[String] = {
    val parts = Seq.newBuilder[String]
    val current = new StringBuilder
    var inQuotes = false
    var i = 0
    while (i < identifier.length) {
      val c = identifier.charAt(i)
      if (inQuotes) {
        if (c == '`' && i + 1 < identifier.length && identifier.charAt(i + 1) == '`') { current += '`'; i += 1 }
        else if (c == '`') inQuotes = false
        else current += c
      } else if (c == '`') inQuotes = true
      else if (c == '.') { parts += current.toString; current.clear() }
      else current += c
      i += 1
    }
    parts += current.toString
    parts.result()
  }

  def unaliased(e: Expr): Expr = if (e.hasAlias) e.getAlias.getExpr else e
}
