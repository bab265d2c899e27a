package org.apache.spark.sql.duckdb.parser

import java.util.Locale

import scala.jdk.CollectionConverters._

import org.antlr.v4.runtime.ParserRuleContext

import org.apache.spark.connect.proto
import org.apache.spark.sql.AnalysisException
import org.apache.spark.sql.catalyst.parser.ParseException
import org.apache.spark.sql.catalyst.parser.SqlBaseParser
import org.apache.spark.sql.catalyst.parser.SqlBaseParser._
import org.apache.spark.sql.duckdb.parser.Protos._
import org.apache.spark.sql.types.StructType

/** A parsed SQL statement: a query, or one of the commands sparkduck runs itself. */
private[duckdb] sealed trait Statement
private[duckdb] object Statement {
  case class Query(relation: proto.Relation) extends Statement
  case class CreateView(nameParts: Seq[String], columns: Seq[String], query: proto.Relation, replace: Boolean,
      global: Boolean, ifNotExists: Boolean) extends Statement
  case class DropView(nameParts: Seq[String], ifExists: Boolean) extends Statement
  case class ShowTables(namespace: Option[Seq[String]], pattern: Option[String]) extends Statement
  /** `SET` (all), `SET key` (one), `SET key=value`. */
  case class SetConfig(key: Option[String], value: Option[String]) extends Statement
  case class DescribeQuery(query: proto.Relation) extends Statement
  case class DescribeRelation(nameParts: Seq[String]) extends Statement
}

/**
 * Spark SQL statements and queries → Spark Connect relations (the form the DataFrame API builds), with Spark's
 * rules for the parts Spark's analyzer resolves by position or by alias: GROUP BY ordinals and select aliases,
 * ORDER BY ordinals, HAVING and ORDER BY on aggregates (carried as hidden aggregate columns, dropped at the end),
 * CTEs (inlined at each reference), named windows.
 */
private[duckdb] class AstBuilder(env: SqlEnvironment) extends ExpressionBuilder(env) {
  import AstBuilder._

  /** CTEs in scope, innermost first, by lower-cased name. */
  private var ctes: List[Map[String, proto.Relation]] = Nil

  // ---- Statements ----

  def statement(ctx: SingleStatementContext): Statement = {
    if (ctx.setResetStatement() != null) return setStatement(ctx.setResetStatement())
    ctx.statement() match {
      case c: StatementDefaultContext => Statement.Query(query(c.query()))
      case c: CreateViewContext =>
        if (c.TEMPORARY() == null) unsupported("CREATE VIEW (persistent views; use CREATE TEMPORARY VIEW)")
        if (!c.identifierList().isEmpty) unsupported("CREATE VIEW ... PARTITIONED ON")
        if (!c.propertyList().isEmpty) unsupported("CREATE TEMPORARY VIEW ... TBLPROPERTIES")
        if (!c.schemaBinding().isEmpty) unsupported("CREATE VIEW ... WITH SCHEMA")
        val columns = Option(c.identifierCommentList()).toSeq
          .flatMap(_.identifierComment().asScala.map(i => identifierText(i.identifier())))
        Statement.CreateView(tableName(c.identifierReference()), columns, query(c.query()),
          replace = c.REPLACE() != null, global = c.GLOBAL() != null, ifNotExists = c.EXISTS() != null)
      case c: DropViewContext => Statement.DropView(tableName(c.identifierReference()), c.EXISTS() != null)
      case c: ShowTablesContext =>
        Statement.ShowTables(Option(c.identifierReference()).map(tableName), Option(c.pattern).map(stringValue))
      case c: DescribeQueryContext => Statement.DescribeQuery(query(c.query()))
      case c: DescribeRelationContext =>
        if (c.partitionSpec() != null || c.describeColName() != null || c.option != null || c.JSON() != null) {
          unsupported("DESCRIBE TABLE with options, partitions or columns")
        }
        Statement.DescribeRelation(tableName(c.identifierReference()))
      case other =>
        unsupported(s"statement ${other.getClass.getSimpleName.stripSuffix("Context")} " +
          s"(${org.apache.spark.sql.catalyst.util.SparkParserUtils.command(other).take(60)})")
    }
  }

  private def setStatement(ctx: SetResetStatementContext): Statement = ctx match {
    case c: SetQuotedConfigurationContext =>
      Statement.SetConfig(Some(c.configKey().getText), Some(c.configValue().getText))
    case c: SetConfigurationContext =>
      // `SET`, `SET key`, `SET key=value` (the value is the raw text after `=`, trimmed, as Spark reads it).
      val raw = org.apache.spark.sql.catalyst.util.SparkParserUtils.command(c)
      val text = raw.substring(c.getStart.getStartIndex, c.getStop.getStopIndex + 1).trim
      val rest = text.drop(3).trim.stripSuffix(";").trim
      if (rest.isEmpty) Statement.SetConfig(None, None)
      else rest.indexOf('=') match {
        case -1 => Statement.SetConfig(Some(rest), None)
        case i => Statement.SetConfig(Some(rest.substring(0, i).trim), Some(rest.substring(i + 1).trim))
      }
    case other => unsupported(s"statement ${other.getText.take(60)}")
  }

  private def tableName(ctx: IdentifierReferenceContext): Seq[String] = {
    if (ctx.multipartIdentifier() == null) unsupported("IDENTIFIER(...) table names")
    multipartIdentifier(ctx.multipartIdentifier())
  }

  // ---- Queries ----

  override def query(ctx: QueryContext): proto.Relation = {
    val outerCtes = ctes
    try {
      Option(ctx.ctes()).foreach { c =>
        ctes = Map.empty[String, proto.Relation] :: ctes
        withCtes(c)
      }
      val organization = ctx.queryOrganization()
      withWindows(Option(organization.windowClause())) {
        ctx.queryTerm() match {
          // ORDER BY directly on a SELECT may use its aggregates and ordinals: built with the SELECT.
          case t: QueryTermDefaultContext if t.queryPrimary().isInstanceOf[QueryPrimaryDefaultContext] &&
              !organization.order.isEmpty && t.queryPrimary().asInstanceOf[QueryPrimaryDefaultContext]
                .querySpecification().isInstanceOf[RegularQuerySpecificationContext] =>
            val spec = t.queryPrimary().asInstanceOf[QueryPrimaryDefaultContext].querySpecification()
              .asInstanceOf[RegularQuerySpecificationContext]
            organize(selectQuery(spec, organization.order.asScala.toSeq), organization, sorted = true)
          case term => organize(queryTerm(term), organization, sorted = false)
        }
      }
    } finally ctes = outerCtes
  }

  private def withCtes(ctx: CtesContext): Unit = {
    if (ctx.RECURSIVE() != null) unsupported("WITH RECURSIVE")
    ctx.namedQuery().asScala.foreach { q =>
      if (q.MAX() != null) unsupported("WITH ... MAX RECURSION LEVEL")
      val name = identifierText(q.name)
      val body = query(q.query())
      val named = Option(q.columnAliases).map(identifierList).map(cols => toDF(body, cols)).getOrElse(body)
      val cte = subqueryAlias(named, name)
      ctes = (ctes.head + (name.toLowerCase(Locale.ROOT) -> cte)) :: ctes.tail
    }
  }

  private def withWindows[T](clause: Option[WindowClauseContext])(body: => T): T = clause match {
    case None => body
    case Some(c) =>
      val defined = c.namedWindow().asScala.map(w => identifierText(w.name).toLowerCase(Locale.ROOT) -> w.windowSpec())
      val outer = namedWindows
      namedWindows = defined.toMap :: outer
      try body finally namedWindows = outer
  }

  private def organize(plan: proto.Relation, ctx: QueryOrganizationContext, sorted: Boolean): proto.Relation = {
    var result = plan
    val hasSortBy = !ctx.sort.isEmpty
    val hasDistribute = !ctx.distributeBy.isEmpty || !ctx.clusterBy.isEmpty
    if (!ctx.order.isEmpty && (hasSortBy || hasDistribute)) {
      throw new ParseException("UNSUPPORTED_FEATURE.COMBINATION_QUERY_RESULT_CLAUSES", ctx)
    }
    if (!ctx.order.isEmpty && !sorted) result = sort(result, ctx.order.asScala.map(sortOrder).toSeq, global = true)
    if (!ctx.clusterBy.isEmpty) {
      val keys = ctx.clusterBy.asScala.map(expression).toSeq
      result = relation(_.getRepartitionByExpressionBuilder.setInput(result).addAllPartitionExprs(keys.asJava))
      result = sort(result, keys.map(k => proto.Expression.SortOrder.newBuilder().setChild(k)
        .setDirection(proto.Expression.SortOrder.SortDirection.SORT_DIRECTION_ASCENDING)
        .setNullOrdering(proto.Expression.SortOrder.NullOrdering.SORT_NULLS_FIRST).build()), global = false)
    }
    if (!ctx.distributeBy.isEmpty) {
      val keys = ctx.distributeBy.asScala.map(expression).toSeq
      result = relation(_.getRepartitionByExpressionBuilder.setInput(result).addAllPartitionExprs(keys.asJava))
    }
    if (hasSortBy) result = sort(result, ctx.sort.asScala.map(sortOrder).toSeq, global = false)
    if (ctx.offset != null) {
      val n = integerValue(ctx.offset, "OFFSET")
      val input = result
      result = relation(_.getOffsetBuilder.setInput(input).setOffset(n))
    }
    if (ctx.limit != null) {
      val n = integerValue(ctx.limit, "LIMIT")
      val input = result
      result = relation(_.getLimitBuilder.setInput(input).setLimit(n))
    }
    result
  }

  private def sort(input: proto.Relation, order: Seq[proto.Expression.SortOrder], global: Boolean): proto.Relation =
    relation(_.getSortBuilder.setInput(input).addAllOrder(order.asJava).setIsGlobal(global))

  /** LIMIT/OFFSET take a constant integer (a literal or a parameter). */
  private def integerValue(ctx: ExpressionContext, clause: String): Int = {
    val e = expression(ctx)
    val literal = if (e.hasLiteral) Some(e.getLiteral)
      else if (e.hasUnresolvedFunction && e.getUnresolvedFunction.getFunctionName == "negative" &&
        e.getUnresolvedFunction.getArguments(0).hasLiteral) None
      else None
    literal match {
      case Some(l) if l.hasInteger => l.getInteger
      case Some(l) if l.hasLong && l.getLong.isValidInt => l.getLong.toInt
      case Some(l) if l.hasShort => l.getShort
      case Some(l) if l.hasByte => l.getByte
      case _ => unsupported(s"$clause with a non-integer-literal expression (${ctx.getText})")
    }
  }

  private def queryTerm(ctx: QueryTermContext): proto.Relation = ctx match {
    case t: QueryTermDefaultContext => queryPrimary(t.queryPrimary())
    case s: SetOperationContext =>
      val (left, right) = (queryTerm(s.left), queryTerm(s.right))
      val isAll = Option(s.setQuantifier()).exists(_.ALL() != null)
      val opType = s.operator.getType match {
        case SqlBaseParser.UNION => proto.SetOperation.SetOpType.SET_OP_TYPE_UNION
        case SqlBaseParser.INTERSECT => proto.SetOperation.SetOpType.SET_OP_TYPE_INTERSECT
        case _ => proto.SetOperation.SetOpType.SET_OP_TYPE_EXCEPT
      }
      // UNION [DISTINCT] is Spark's Distinct over the union of all rows.
      if (opType == proto.SetOperation.SetOpType.SET_OP_TYPE_UNION && !isAll) {
        deduplicate(relation(_.getSetOpBuilder.setSetOpType(opType).setLeftInput(left).setRightInput(right).setIsAll(true)))
      } else relation(_.getSetOpBuilder.setSetOpType(opType).setLeftInput(left).setRightInput(right).setIsAll(isAll))
    case other => unsupported(s"query ${other.getText.take(60)} (pipe syntax)")
  }

  private def queryPrimary(ctx: QueryPrimaryContext): proto.Relation = ctx match {
    case c: QueryPrimaryDefaultContext => c.querySpecification() match {
      case s: RegularQuerySpecificationContext => selectQuery(s, Nil)
      case _ => unsupported("SELECT TRANSFORM (scripts)")
    }
    case c: SubqueryContext => query(c.query())
    case c: TableContext => table(tableName(c.identifierReference()))
    case c: InlineTableDefault1Context => inlineTable(c.inlineTable())
    case _: FromStmtContext => unsupported("FROM ... SELECT (FROM first)")
    case other => unsupported(s"query ${other.getText.take(60)}")
  }

  // ---- SELECT ----

  /**
   * One SELECT: FROM, WHERE, GROUP BY / aggregates, HAVING, the projection, DISTINCT, and an ORDER BY written
   * directly on it (`order`, empty when none), in Spark's order of evaluation.
   */
  private def selectQuery(ctx: RegularQuerySpecificationContext, order: Seq[SortItemContext]): proto.Relation =
    withWindows(Option(ctx.windowClause())) {
      if (!ctx.lateralView().isEmpty) unsupported("LATERAL VIEW")
      if (ctx.qualifyClause() != null) unsupported("QUALIFY")
      val select = ctx.selectClause()
      var plan: Option[proto.Relation] = Option(ctx.fromClause()).map(from)
      Option(ctx.whereClause()).foreach { w =>
        val cond = expression(w.booleanExpression())
        val input = plan.getOrElse(unsupported("WHERE without FROM"))
        plan = Some(relation(_.getFilterBuilder.setInput(input).setCondition(cond)))
      }
      val items = select.namedExpressionSeq().namedExpression().asScala.map(namedExpression).toSeq
      val having = Option(ctx.havingClause()).map(h => expression(h.booleanExpression()))
      val aggregation = Option(ctx.aggregationClause())
      val isAggregate = aggregation.isDefined || having.isDefined || items.exists(containsAggregate)
      val distinct = Option(select.setQuantifier()).exists(_.DISTINCT() != null)

      // Without FROM: a projection without input (one row), as Spark's OneRowRelation.
      lazy val input = plan.getOrElse(unsupported("GROUP BY or aggregates without FROM"))
      var result =
        if (!isAggregate) {
          val projected = relation { b =>
            val pb = b.getProjectBuilder.addAllExpressions(items.asJava)
            plan.foreach(pb.setInput)
          }
          val withDistinct = if (distinct) deduplicate(projected) else projected
          if (order.isEmpty) withDistinct
          else {
            lazy val projectedSchema = env.schemaOf(projected)
            sort(withDistinct, order.map(o => sortOrder(orderExpression(o, items, Some(() => projectedSchema)), o)),
              global = true)
          }
        } else aggregate(input, items, aggregation, having, order, distinct)
      select.hints.asScala.foreach { h =>
        h.hintStatements.asScala.foreach { s =>
          val name = identifierText(s.hintName)
          val params = s.parameters.asScala.map(p => expression(p)).toSeq
          val inner = result
          result = relation(_.getHintBuilder.setInput(inner).setName(name).addAllParameters(params.asJava))
        }
      }
      result
    }

  private def deduplicate(input: proto.Relation): proto.Relation =
    relation(_.getDeduplicateBuilder.setInput(input).setAllColumnsAsKeys(true))

  /**
   * An ORDER BY key: an ordinal is the select item at that position (its alias or name when it has one). With a `*`
   * in the select list, ordinals count the expanded columns, so they are read from the projection's schema
   * (`projectedSchema`, None where the projection cannot be analyzed alone, as under aggregation).
   */
  private def orderExpression(ctx: SortItemContext, items: Seq[Expr],
      projectedSchema: Option[() => StructType]): Expr = {
    val e = expression(ctx.expression())
    def outOfRange(i: Int, size: Int) = new AnalysisException(errorClass = "ORDER_BY_POS_OUT_OF_RANGE",
      messageParameters = Map("index" -> i.toString, "size" -> size.toString))
    ordinal(e) match {
      case Some(i) if items.exists(_.hasUnresolvedStar) =>
        val schema = projectedSchema.map(_()).getOrElse(
          unsupported("ORDER BY an ordinal with * in the select list of an aggregation"))
        if (i < 1 || i > schema.length) throw outOfRange(i, schema.length)
        val name = schema(i - 1).name
        // The sort reads the projection's output by name: a duplicated name would be ambiguous.
        if (schema.fieldNames.count(_.equalsIgnoreCase(name)) > 1) {
          unsupported(s"ORDER BY ordinal $i with * in the select list when the column name $name is not unique")
        }
        attr(name)
      case Some(i) =>
        if (i < 1 || i > items.length) throw outOfRange(i, items.length)
        val item = items(i - 1)
        outputName(item).filter(_ => item.hasAlias).map(attr).getOrElse(unaliased(item))
      case None => e
    }
  }

  private def ordinal(e: Expr): Option[Int] =
    if (e.hasLiteral && e.getLiteral.hasInteger) Some(e.getLiteral.getInteger) else None

  /**
   * A SELECT with aggregation. The Aggregate keeps the select items in order; grouping keys travel aliased as
   * hidden columns (Spark Connect's Aggregate outputs its keys first), and so do the aggregates and keys that
   * HAVING and ORDER BY use beyond the select list; a Drop removes them at the end.
   */
  private def aggregate(input: proto.Relation, items: Seq[Expr], clause: Option[AggregationClauseContext],
      having: Option[Expr], order: Seq[SortItemContext], distinct: Boolean): proto.Relation = {
    val hidden = new HiddenColumns
    val (groupType, keys, sets) = clause match {
      case None => (proto.Aggregate.GroupType.GROUP_TYPE_GROUPBY, Nil, Nil)
      case Some(c) => groupBy(c, items, input)
    }
    val outputNames = items.flatMap(outputName).map(_.toLowerCase(Locale.ROOT)).toSet
    val condition = having.map(h => hidden.replace(h, outputNames, "having"))
    val sortKeys = order.map { o =>
      val e = orderExpression(o, items, None)
      val key = if (e.hasUnresolvedAttribute && outputNames.contains(lastPart(e.getUnresolvedAttribute
          .getUnparsedIdentifier).toLowerCase(Locale.ROOT))) e
        else hidden.replace(e, outputNames, "sort")
      sortOrder(key, o)
    }
    val keyAliases = keys.zipWithIndex.map { case (k, i) => alias(k, Seq(s"${HiddenPrefix}key_$i")) }
    val aggregateExpressions = items ++ hidden.columns
    var plan = relation { b =>
      val ab = b.getAggregateBuilder.setInput(input).setGroupType(groupType)
        .addAllGroupingExpressions(keyAliases.asJava).addAllAggregateExpressions(aggregateExpressions.asJava)
      sets.foreach(s => ab.addGroupingSets(proto.Aggregate.GroupingSets.newBuilder().addAllGroupingSet(s.asJava)))
    }
    condition.foreach { c =>
      val in = plan
      plan = relation(_.getFilterBuilder.setInput(in).setCondition(c))
    }
    val hiddenNames = keyAliases.map(_.getAlias.getName(0)) ++ hidden.names
    if (distinct) {
      if (hidden.names.nonEmpty) unsupported("SELECT DISTINCT with ORDER BY or HAVING on expressions outside the select list")
      plan = deduplicate(drop(plan, hiddenNames))
      if (sortKeys.nonEmpty) plan = sort(plan, sortKeys, global = true)
      plan
    } else {
      if (sortKeys.nonEmpty) plan = sort(plan, sortKeys, global = true)
      drop(plan, hiddenNames)
    }
  }

  private def drop(input: proto.Relation, names: Seq[String]): proto.Relation =
    if (names.isEmpty) input else relation(_.getDropBuilder.setInput(input).addAllColumnNames(names.asJava))

  /** GROUP BY: keys (ordinals and select aliases replaced), and rollup/cube/grouping sets. */
  private def groupBy(ctx: AggregationClauseContext, items: Seq[Expr], input: proto.Relation)
      : (proto.Aggregate.GroupType, Seq[Expr], Seq[Seq[Expr]]) = {
    lazy val inputColumns = env.schemaOf(input).fieldNames.map(_.toLowerCase(Locale.ROOT)).toSet
    val aliases = items.collect { case e if e.hasAlias && e.getAlias.getNameCount == 1 =>
      e.getAlias.getName(0).toLowerCase(Locale.ROOT) -> e.getAlias.getExpr }.toMap
    def key(e: Expr): Expr = ordinal(e) match {
      case Some(i) =>
        if (i < 1 || i > items.length) throw new AnalysisException(errorClass = "GROUP_BY_POS_OUT_OF_RANGE",
          messageParameters = Map("index" -> i.toString, "size" -> items.length.toString))
        val item = unaliased(items(i - 1))
        if (containsAggregate(item)) throw new AnalysisException(errorClass = "GROUP_BY_POS_AGGREGATE",
          messageParameters = Map("index" -> i.toString, "aggExpr" -> items(i - 1).toString.trim))
        item
      case None if e.hasUnresolvedAttribute =>
        val parts = splitIdentifier(e.getUnresolvedAttribute.getUnparsedIdentifier)
        val name = parts.head.toLowerCase(Locale.ROOT)
        if (parts.length == 1 && aliases.contains(name) && !inputColumns.contains(name)) aliases(name) else e
      case None => e
    }
    if (!ctx.groupingExpressionsWithGroupingAnalytics.isEmpty) {
      val clauses = ctx.groupingExpressionsWithGroupingAnalytics.asScala.toSeq
      val analytics = clauses.filter(_.groupingAnalytics() != null)
      val plain = clauses.filter(_.expression() != null).map(c => expression(c.expression()))
      if (analytics.isEmpty) {
        // GROUP BY ALL: the select items without aggregates (when no column is named `all`).
        if (plain.length == 1 && plain.head.hasUnresolvedAttribute &&
            plain.head.getUnresolvedAttribute.getUnparsedIdentifier.equalsIgnoreCase("all") &&
            !inputColumns.contains("all")) {
          return (proto.Aggregate.GroupType.GROUP_TYPE_GROUPBY, items.map(unaliased).filterNot(containsAggregate), Nil)
        }
        (proto.Aggregate.GroupType.GROUP_TYPE_GROUPBY, plain.map(key), Nil)
      } else {
        if (analytics.length > 1 || plain.nonEmpty) unsupported("GROUP BY mixing grouping analytics with other keys")
        val a = analytics.head.groupingAnalytics()
        def set(s: GroupingSetContext): Seq[Expr] = s.expression().asScala.map(e => key(expression(e))).toSeq
        if (a.ROLLUP() != null || a.CUBE() != null) {
          val sets = a.groupingSet().asScala.map(set).toSeq
          if (sets.exists(_.length != 1)) unsupported("ROLLUP/CUBE of composite columns")
          val kind = if (a.ROLLUP() != null) proto.Aggregate.GroupType.GROUP_TYPE_ROLLUP
            else proto.Aggregate.GroupType.GROUP_TYPE_CUBE
          (kind, sets.flatten, Nil)
        } else {
          val sets = a.groupingElement().asScala.map { el =>
            if (el.groupingAnalytics() != null) unsupported("nested grouping analytics in GROUPING SETS")
            set(el.groupingSet())
          }.toSeq
          (proto.Aggregate.GroupType.GROUP_TYPE_GROUPING_SETS, distinctKeys(sets.flatten), sets)
        }
      }
    } else {
      val keys = ctx.groupingExpressions.asScala.map(n => key(namedExpression(n))).toSeq
      ctx.kind match {
        case null => (proto.Aggregate.GroupType.GROUP_TYPE_GROUPBY, keys, Nil)
        case k if k.getType == SqlBaseParser.ROLLUP => (proto.Aggregate.GroupType.GROUP_TYPE_ROLLUP, keys, Nil)
        case k if k.getType == SqlBaseParser.CUBE => (proto.Aggregate.GroupType.GROUP_TYPE_CUBE, keys, Nil)
        case _ =>
          val sets = ctx.groupingSet().asScala.map(s => s.expression().asScala.map(e => key(expression(e))).toSeq).toSeq
          (proto.Aggregate.GroupType.GROUP_TYPE_GROUPING_SETS, keys, sets)
      }
    }
  }

  private def distinctKeys(keys: Seq[Expr]): Seq[Expr] = keys.foldLeft(Vector.empty[Expr]) { (acc, k) =>
    if (acc.contains(k)) acc else acc :+ k
  }

  /** Aggregates and grouping keys used by HAVING / ORDER BY but not in the select list, as hidden columns. */
  private class HiddenColumns {
    private val buffer = scala.collection.mutable.ArrayBuffer.empty[(String, Expr)]
    def columns: Seq[Expr] = buffer.map { case (n, e) => alias(e, Seq(n)) }.toSeq
    def names: Seq[String] = buffer.map(_._1).toSeq

    private def hide(e: Expr, kind: String): Expr = {
      val name = buffer.find(_._2 == e).map(_._1).getOrElse {
        val n = s"$HiddenPrefix${kind}_${buffer.length}"
        buffer += n -> e
        n
      }
      attr(name)
    }

    /** `e` with each aggregate call, and each reference that is not a select output name, made hidden. */
    def replace(e: Expr, outputNames: Set[String], kind: String): Expr = {
      if (isAggregateCall(e)) hide(e, kind)
      else if (e.hasUnresolvedAttribute) {
        val name = lastPart(e.getUnresolvedAttribute.getUnparsedIdentifier).toLowerCase(Locale.ROOT)
        if (outputNames.contains(name)) e else hide(e, kind)
      } else if (e.hasUnresolvedFunction) {
        val f = e.getUnresolvedFunction
        val args = f.getArgumentsList.asScala.map(a => replace(a, outputNames, kind))
        e.toBuilder.setUnresolvedFunction(f.toBuilder.clearArguments().addAllArguments(args.asJava)).build()
      } else if (e.hasCast) {
        e.toBuilder.setCast(e.getCast.toBuilder.setExpr(replace(e.getCast.getExpr, outputNames, kind))).build()
      } else if (e.hasAlias) {
        e.toBuilder.setAlias(e.getAlias.toBuilder.setExpr(replace(e.getAlias.getExpr, outputNames, kind))).build()
      } else if (e.hasLiteral) e
      else hide(e, kind)
    }
  }

  // ---- FROM ----

  private def from(ctx: FromClauseContext): proto.Relation = {
    if (!ctx.lateralView().isEmpty) unsupported("LATERAL VIEW")
    if (ctx.pivotClause() != null) unsupported("PIVOT")
    if (ctx.unpivotClause() != null) unsupported("UNPIVOT")
    ctx.relation().asScala.map(relationOf).reduceLeft { (left, right) =>
      // `FROM a, b`: an inner join without a condition.
      relation(_.getJoinBuilder.setLeft(left).setRight(right).setJoinType(proto.Join.JoinType.JOIN_TYPE_INNER))
    }
  }

  private def relationOf(ctx: RelationContext): proto.Relation = {
    if (ctx.LATERAL() != null) unsupported("LATERAL subqueries")
    ctx.relationExtension().asScala.foldLeft(relationPrimary(ctx.relationPrimary())) { (left, ext) =>
      if (ext.pivotClause() != null) unsupported("PIVOT")
      if (ext.unpivotClause() != null) unsupported("UNPIVOT")
      join(left, ext.joinRelation())
    }
  }

  private def join(left: proto.Relation, ctx: JoinRelationContext): proto.Relation = {
    if (ctx.LATERAL() != null) unsupported("LATERAL joins")
    if (ctx.nearestByClause() != null) unsupported("NEAREST BY joins")
    val right = relationPrimary(ctx.right)
    val t = ctx.joinType()
    val joinType =
      if (t.CROSS() != null) proto.Join.JoinType.JOIN_TYPE_CROSS
      else if (t.SEMI() != null) proto.Join.JoinType.JOIN_TYPE_LEFT_SEMI
      else if (t.ANTI() != null) proto.Join.JoinType.JOIN_TYPE_LEFT_ANTI
      else if (t.LEFT() != null) proto.Join.JoinType.JOIN_TYPE_LEFT_OUTER
      else if (t.RIGHT() != null) proto.Join.JoinType.JOIN_TYPE_RIGHT_OUTER
      else if (t.FULL() != null) proto.Join.JoinType.JOIN_TYPE_FULL_OUTER
      else proto.Join.JoinType.JOIN_TYPE_INNER
    relation { b =>
      val jb = b.getJoinBuilder.setLeft(left).setRight(right).setJoinType(joinType)
      if (ctx.NATURAL() != null) {
        // NATURAL: USING the columns both sides have, in the left side's order.
        val rightNames = env.schemaOf(right).fieldNames.map(_.toLowerCase(Locale.ROOT)).toSet
        val common = env.schemaOf(left).fieldNames.filter(n => rightNames.contains(n.toLowerCase(Locale.ROOT)))
        if (joinType == proto.Join.JoinType.JOIN_TYPE_CROSS) unsupported("NATURAL CROSS JOIN")
        jb.addAllUsingColumns(common.toSeq.asJava)
      }
      Option(ctx.joinCriteria()).foreach { c =>
        if (c.booleanExpression() != null) {
          jb.setJoinCondition(expression(c.booleanExpression()))
          if (joinType == proto.Join.JoinType.JOIN_TYPE_CROSS) jb.setJoinType(proto.Join.JoinType.JOIN_TYPE_INNER)
        } else jb.addAllUsingColumns(identifierList(c.identifierList()).asJava)
      }
    }
  }

  private def relationPrimary(ctx: RelationPrimaryContext): proto.Relation = ctx match {
    case c: TableNameContext =>
      if (c.temporalClause() != null) unsupported("time travel (VERSION/TIMESTAMP AS OF)")
      if (c.optionsClause() != null) unsupported("WITH (options) on a table")
      if (c.sample() != null) unsupported("TABLESAMPLE")
      if (c.watermarkClause() != null) unsupported("WATERMARK")
      aliased(table(tableName(c.identifierReference())), c.tableAlias())
    case c: AliasedQueryContext =>
      if (c.sample() != null) unsupported("TABLESAMPLE")
      if (c.watermarkClause() != null) unsupported("WATERMARK")
      aliased(query(c.query()), c.tableAlias())
    case c: AliasedRelationContext =>
      if (c.sample() != null) unsupported("TABLESAMPLE")
      if (c.watermarkClause() != null) unsupported("WATERMARK")
      aliased(relationOf(c.relation()), c.tableAlias())
    case c: InlineTableDefault2Context => inlineTable(c.inlineTable())
    case c: TableValuedFunctionContext => tableFunction(c.tableFunctionCallWithTrailingClauses())
    case other => unsupported(s"relation ${other.getText.take(60)}")
  }

  private def aliased(plan: proto.Relation, ctx: TableAliasContext): proto.Relation =
    if (ctx == null || ctx.strictIdentifier() == null) plan
    else {
      val name = ctx.strictIdentifier().getText
      val columns = Option(ctx.identifierList()).map(identifierList)
      subqueryAlias(columns.map(cols => toDF(plan, cols)).getOrElse(plan), name)
    }

  /** A table name: a CTE in scope, else the session's temporary views and catalog. */
  private def table(nameParts: Seq[String]): proto.Relation = {
    val cte = if (nameParts.length == 1) {
      ctes.iterator.flatMap(_.get(nameParts.head.toLowerCase(Locale.ROOT))).nextOption()
    } else None
    cte.getOrElse(env.tableRelation(nameParts))
  }

  /** `range(...)`, the one table-valued function built here. */
  private def tableFunction(ctx: TableFunctionCallWithTrailingClausesContext): proto.Relation = {
    if (ctx.identifiedByClause() != null || ctx.watermarkClause() != null) unsupported("table function clauses")
    val call = ctx.tableFunctionCall()
    val name = call.functionName().getText.toLowerCase(Locale.ROOT)
    val args = call.functionTableArgument().asScala.map { a =>
      if (a.functionArgument() == null || a.functionArgument().expression() == null) {
        unsupported(s"table argument of $name")
      }
      expression(a.functionArgument().expression())
    }.toSeq
    if (name != "range") unsupported(s"table-valued function $name")
    val values = args.map { e =>
      if (e.hasLiteral && e.getLiteral.hasInteger) e.getLiteral.getInteger.toLong
      else if (e.hasLiteral && e.getLiteral.hasLong) e.getLiteral.getLong
      else unsupported("range with non-literal arguments")
    }
    val range = values match {
      case Seq(end) => relation(_.getRangeBuilder.setStart(0).setEnd(end).setStep(1))
      case Seq(start, end) => relation(_.getRangeBuilder.setStart(start).setEnd(end).setStep(1))
      case Seq(start, end, step) => relation(_.getRangeBuilder.setStart(start).setEnd(end).setStep(step))
      case Seq(start, end, step, n) =>
        relation(_.getRangeBuilder.setStart(start).setEnd(end).setStep(step).setNumPartitions(n.toInt))
      case _ => unsupported(s"range with ${values.length} arguments")
    }
    aliased(range, ctx.tableAlias())
  }

  /**
   * `VALUES (1, 'a'), (2, 'b') [AS t(x, y)]`: one projection of literals per row, united by position (columns named
   * col1, col2, ... unless aliased), as a balanced tree of UNION ALL.
   */
  private def inlineTable(ctx: InlineTableContext): proto.Relation = {
    val rows = ctx.expression().asScala.map { e =>
      val rowCtx = e.booleanExpression() match {
        case p: PredicatedContext if p.predicate() == null => p.valueExpression() match {
          case d: ValueExpressionDefaultContext => d.primaryExpression() match {
            case r: RowConstructorContext => Some(r.namedExpression().asScala.map(namedExpression).toSeq)
            case _ => None
          }
          case _ => None
        }
        case _ => None
      }
      rowCtx.getOrElse(Seq(expression(e)))
    }.toSeq
    val width = rows.head.length
    if (rows.exists(_.length != width)) {
      throw new AnalysisException(errorClass = "INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH",
        messageParameters = Map("expectedNumCols" -> width.toString,
          "actualNumCols" -> rows.find(_.length != width).get.length.toString,
          "rowIndex" -> rows.indexWhere(_.length != width).toString))
    }
    val alias = Option(ctx.tableAlias())
    val columns = alias.flatMap(a => Option(a.identifierList())).map(identifierList)
      .getOrElse((1 to width).map(i => s"col$i"))
    if (columns.length != width) {
      throw new AnalysisException(errorClass = "ASSIGNMENT_ARITY_MISMATCH",
        messageParameters = Map("numTarget" -> columns.length.toString, "numExpr" -> width.toString))
    }
    val projections = rows.map { row =>
      relation(_.getProjectBuilder.addAllExpressions(row.zip(columns).map { case (v, n) =>
        Protos.alias(unaliased(v), Seq(n)) }.asJava))
    }
    def unite(parts: Seq[proto.Relation]): proto.Relation =
      if (parts.length == 1) parts.head
      else {
        val (l, r) = parts.splitAt(parts.length / 2)
        val (left, right) = (unite(l), unite(r))
        relation(_.getSetOpBuilder.setSetOpType(proto.SetOperation.SetOpType.SET_OP_TYPE_UNION)
          .setLeftInput(left).setRightInput(right).setIsAll(true))
      }
    val table = unite(projections)
    alias.flatMap(a => Option(a.strictIdentifier())).map(n => subqueryAlias(table, n.getText)).getOrElse(table)
  }
}

private[duckdb] object AstBuilder {
  /** Prefix of the hidden columns of aggregations (grouping keys, HAVING / ORDER BY aggregates). */
  val HiddenPrefix = "__sparkduck_"

  /** Spark's aggregate functions (names as registered), to tell an aggregation from a projection. */
  val AggregateFunctions: Set[String] = Set(
    "any", "any_value", "approx_count_distinct", "approx_percentile", "array_agg", "avg", "bit_and", "bit_or",
    "bit_xor", "bitmap_construct_agg", "bitmap_or_agg", "bool_and", "bool_or", "collect_list", "collect_set",
    "corr", "count", "count_if", "count_min_sketch", "covar_pop", "covar_samp", "every", "first", "first_value",
    "grouping", "grouping_id", "histogram_numeric", "hll_sketch_agg", "hll_union_agg", "kurtosis", "last",
    "last_value", "listagg", "max", "max_by", "mean", "median", "min", "min_by", "mode", "percentile",
    "percentile_approx", "percentile_cont", "percentile_disc", "product", "regr_avgx", "regr_avgy", "regr_count",
    "regr_intercept", "regr_r2", "regr_slope", "regr_sxx", "regr_sxy", "regr_syy", "skewness", "some", "std",
    "stddev", "stddev_pop", "stddev_samp", "string_agg", "sum", "try_avg", "try_sum", "var_pop", "var_samp",
    "variance")

  def isAggregateCall(e: proto.Expression): Boolean =
    e.hasUnresolvedFunction && AggregateFunctions.contains(e.getUnresolvedFunction.getFunctionName.toLowerCase(Locale.ROOT))

  /** An aggregate call anywhere in `e` outside window functions and sub-queries. */
  def containsAggregate(e: proto.Expression): Boolean =
    if (isAggregateCall(e)) true
    else if (e.hasWindow) false
    else if (e.hasUnresolvedFunction) e.getUnresolvedFunction.getArgumentsList.asScala.exists(containsAggregate)
    else if (e.hasAlias) containsAggregate(e.getAlias.getExpr)
    else if (e.hasCast) containsAggregate(e.getCast.getExpr)
    else if (e.hasUnresolvedExtractValue) containsAggregate(e.getUnresolvedExtractValue.getChild)
    else false
}
