package org.apache.spark.sql.duckdb.parser

import java.util.Locale

import scala.collection.mutable.ArrayBuffer
import scala.jdk.CollectionConverters._

import org.antlr.v4.runtime.ParserRuleContext

import org.apache.spark.connect.proto
import org.apache.spark.sql.catalyst.parser.{DataTypeAstBuilder, ParseException}
import org.apache.spark.sql.catalyst.parser.SqlBaseParser
import org.apache.spark.sql.catalyst.parser.SqlBaseParser._
import org.apache.spark.sql.catalyst.util.{SparkDateTimeUtils, SparkParserUtils}
import org.apache.spark.sql.duckdb.{DataTypeToProto, NotSupportedYet}
import org.apache.spark.sql.duckdb.parser.Protos._
import org.apache.spark.sql.types._
import org.apache.spark.unsafe.types.UTF8String

/**
 * Spark SQL expressions (parse trees of Spark's own grammar) → Spark Connect `proto.Expression`, in the form the
 * DataFrame API builds for the same expression (`a + 1` is the function `+` as `col("a") + 1` is), so that one
 * native analyzer names, types and resolves both alike. Types are read by Spark's own `DataTypeAstBuilder`.
 */
private[parser] abstract class ExpressionBuilder(env: SqlEnvironment) extends DataTypeAstBuilder {

  /** A query (sub-query expressions need it; built by the subclass). */
  def query(ctx: QueryContext): proto.Relation

  /** Plans of sub-query expressions, referenced by plan id; they travel in a WithRelations root. */
  val subqueryPlans: ArrayBuffer[proto.Relation] = ArrayBuffer.empty

  /** Named windows in scope (WINDOW clauses), innermost first; names are case-insensitive. */
  protected var namedWindows: List[Map[String, WindowSpecContext]] = Nil

  /** Lambda variables in scope (`x -> ...`), lower-cased. */
  private var lambdaVariables: Set[String] = Set.empty

  /** The index of the next positional parameter `?`. */
  private var nextPositional = 0

  protected def unsupported(what: String): Nothing = NotSupportedYet(s"SQL $what")

  protected def identifierText(ctx: ParserRuleContext): String = ctx match {
    case e: ErrorCapturingIdentifierContext => e.identifier().getText
    case other => other.getText
  }

  protected def multipartIdentifier(ctx: MultipartIdentifierContext): Seq[String] =
    ctx.parts.asScala.map(p => identifierText(p)).toSeq

  def multipartIdentifierOf(ctx: MultipartIdentifierContext): Seq[String] = multipartIdentifier(ctx)

  protected def stringValue(ctx: StringLitContext): String = SparkParserUtils.string(visitStringLit(ctx))

  // ---- Expressions ----

  def expression(ctx: ParserRuleContext): Expr = ctx match {
    case c: ExpressionContext => expression(c.booleanExpression())
    case c: NamedExpressionContext => namedExpression(c)
    case c: LogicalNotContext => not(expression(c.booleanExpression()))
    case c: ExistsContext => subquery(c.query(), proto.SubqueryExpression.SubqueryType.SUBQUERY_TYPE_EXISTS, Nil)
    case c: LogicalBinaryContext =>
      val name = if (c.operator.getType == SqlBaseParser.AND) "and" else "or"
      fn(name, expression(c.left), expression(c.right))
    case c: PredicatedContext =>
      val e = expression(c.valueExpression())
      if (c.predicate() == null) e else predicate(e, c.valueExpression(), c.predicate())
    case c: ValueExpressionDefaultContext => expression(c.primaryExpression())
    case c: ArithmeticUnaryContext =>
      val child = expression(c.valueExpression())
      c.operator.getType match {
        // The one-argument `-` is Spark's UnaryMinus as SQL writes it, printed `(- x)` (`negative(x)` prints so).
        case SqlBaseParser.MINUS => fn("-", child)
        case SqlBaseParser.PLUS => fn("positive", child)
        case _ => fn("~", child)
      }
    case c: ArithmeticBinaryContext =>
      val (l, r) = (expression(c.left), expression(c.right))
      c.operator.getType match {
        case SqlBaseParser.ASTERISK => fn("*", l, r)
        case SqlBaseParser.SLASH => fn("/", l, r)
        case SqlBaseParser.PERCENT => fn("%", l, r)
        case SqlBaseParser.DIV => fn("div", l, r)
        case SqlBaseParser.PLUS => fn("+", l, r)
        case SqlBaseParser.MINUS => fn("-", l, r)
        case SqlBaseParser.CONCAT_PIPE => fn("concat", l, r)
        case SqlBaseParser.AMPERSAND => fn("&", l, r)
        case SqlBaseParser.HAT => fn("^", l, r)
        case SqlBaseParser.PIPE => fn("|", l, r)
        case _ => unsupported(s"operator ${c.operator.getText}")
      }
    case c: ShiftExpressionContext =>
      val op = c.shiftOperator()
      val name = if (op.SHIFT_LEFT() != null) "shiftleft"
        else if (op.SHIFT_RIGHT() != null) "shiftright" else "shiftrightunsigned"
      fn(name, expression(c.left), expression(c.right))
    case c: ComparisonContext =>
      val (l, r) = (expression(c.left), expression(c.right))
      val op = c.comparisonOperator()
      if (op.EQ() != null) fn("=", l, r)
      else if (op.NSEQ() != null) fn("<=>", l, r)
      else if (op.NEQ() != null || op.NEQJ() != null) not(fn("=", l, r))
      else if (op.LT() != null) fn("<", l, r)
      else if (op.LTE() != null) fn("<=", l, r)
      else if (op.GT() != null) fn(">", l, r)
      else fn(">=", l, r)
    case c: PrimaryExpressionContext => primary(c)
    case c: ConstantContext => constant(c)
    case other => unsupported(s"expression ${other.getText}")
  }

  def namedExpression(ctx: NamedExpressionContext): Expr = {
    val e = expression(ctx.expression())
    if (ctx.name != null) alias(e, Seq(identifierText(ctx.name)))
    else if (ctx.identifierList() != null) alias(e, identifierList(ctx.identifierList()))
    else e
  }

  protected def identifierList(ctx: IdentifierListContext): Seq[String] =
    ctx.identifierSeq().ident.asScala.map(i => identifierText(i)).toSeq

  private def predicate(e: Expr, valueCtx: ValueExpressionContext, ctx: PredicateContext): Expr =
    withOrigin(ctx)(predicateAt(e, valueCtx, ctx))

  private def predicateAt(e: Expr, valueCtx: ValueExpressionContext, ctx: PredicateContext): Expr = {
    val negated = ctx.errorCapturingNot() != null
    def maybeNot(p: Expr) = if (negated) not(p) else p
    ctx.kind.getType match {
      case SqlBaseParser.BETWEEN =>
        maybeNot(fn("between", e, expression(ctx.lower), expression(ctx.upper)))
      case SqlBaseParser.IN if ctx.query() != null =>
        // `(a, b) IN (SELECT x, y ...)` compares each value of the row with a column of the sub-query.
        val values = rowValues(valueCtx).getOrElse(Seq(e))
        maybeNot(subquery(ctx.query(), proto.SubqueryExpression.SubqueryType.SUBQUERY_TYPE_IN, values))
      case SqlBaseParser.IN =>
        maybeNot(call("in", e +: ctx.expression().asScala.map(expression).toSeq, distinct = false))
      case SqlBaseParser.RLIKE => maybeNot(fn("rlike", e, expression(ctx.pattern)))
      case SqlBaseParser.LIKE | SqlBaseParser.ILIKE =>
        val name = if (ctx.kind.getType == SqlBaseParser.LIKE) "like" else "ilike"
        if (ctx.quantifier != null) unsupported(s"${name.toUpperCase(Locale.ROOT)} ${ctx.quantifier.getText}")
        val escape = Option(ctx.escapeChar).map(stringValue)
        escape.foreach { s =>
          if (s.length != 1) throw new ParseException("INVALID_ESC", Map("invalidEscape" -> s"'$s'"), ctx)
        }
        maybeNot(call(name, Seq(e, expression(ctx.pattern)) ++ escape.map(s => lit(s)), distinct = false))
      case SqlBaseParser.NULL => if (negated) fn("isnotnull", e) else fn("isnull", e)
      case SqlBaseParser.TRUE => maybeNot(fn("<=>", e, lit(true)))
      case SqlBaseParser.FALSE => maybeNot(fn("<=>", e, lit(false)))
      case SqlBaseParser.UNKNOWN => if (negated) fn("isnotnull", e) else fn("isnull", e)
      case SqlBaseParser.DISTINCT =>
        val same = fn("<=>", e, expression(ctx.right))
        if (negated) same else not(same)
      case _ => unsupported(s"predicate ${ctx.getText}")
    }
  }

  /** The values of a row constructor `(a, b)`, if the expression is one. */
  private def rowValues(ctx: ValueExpressionContext): Option[Seq[Expr]] = ctx match {
    case d: ValueExpressionDefaultContext => d.primaryExpression() match {
      case r: RowConstructorContext => Some(r.namedExpression().asScala.map(namedExpression).toSeq)
      case _ => None
    }
    case _ => None
  }

  protected def subquery(ctx: QueryContext, kind: proto.SubqueryExpression.SubqueryType, values: Seq[Expr]): Expr = {
    val plan = query(ctx)
    val planId = env.nextPlanId()
    val withId = plan.toBuilder
    withId.getCommonBuilder.setPlanId(planId)
    subqueryPlans += withId.build()
    val sb = proto.SubqueryExpression.newBuilder().setPlanId(planId).setSubqueryType(kind)
      .addAllInSubqueryValues(values.asJava)
    proto.Expression.newBuilder().setSubqueryExpression(sb).build()
  }

  private def primary(ctx: PrimaryExpressionContext): Expr = ctx match {
    case c: ColumnReferenceContext =>
      val name = identifierText(c.identifier())
      if (lambdaVariables.contains(name.toLowerCase(Locale.ROOT))) {
        proto.Expression.newBuilder().setUnresolvedNamedLambdaVariable(lambdaVariable(name)).build()
      } else attr(name)
    case c: DereferenceContext =>
      val base = expression(c.base)
      val field = identifierText(c.fieldName)
      if (base.hasUnresolvedAttribute && !base.getUnresolvedAttribute.hasPlanId) {
        attr(splitIdentifier(base.getUnresolvedAttribute.getUnparsedIdentifier) :+ field)
      } else extractValue(base, lit(field))
    case c: ConstantDefaultContext => constant(c.constant())
    case c: ParenthesizedExpressionContext => expression(c.expression())
    case c: FunctionCallContext => functionCall(c)
    case c: StarContext =>
      if (c.exceptClause() != null) unsupported("SELECT * EXCEPT")
      star(Option(c.qualifiedName()).map(q => q.identifier().asScala.map(i => identifierText(i)).toSeq))
    case c: SearchedCaseContext =>
      val branches = c.whenClause().asScala.flatMap(w => Seq(expression(w.condition), expression(w.result)))
      call("when", branches.toSeq ++ Option(c.elseExpression).map(expression), distinct = false)
    case c: SimpleCaseContext =>
      val value = expression(c.value)
      val branches = c.whenClause().asScala.flatMap(w => Seq(fn("=", value, expression(w.condition)),
        expression(w.result)))
      call("when", branches.toSeq ++ Option(c.elseExpression).map(expression), distinct = false)
    case c: CastContext =>
      cast(expression(c.expression()), c.dataType(), tryCast = c.TRY_CAST() != null)
    case c: CastByColonContext => cast(expression(c.primaryExpression()), c.dataType(), tryCast = false)
    case c: StructContext => call("struct", c.argument.asScala.map(namedExpression).toSeq, distinct = false)
    case c: RowConstructorContext =>
      // `(a, b)` is Spark's named_struct of the values, each named after its column or alias (else colN).
      val values = c.namedExpression().asScala.map(namedExpression).toSeq
      call("named_struct", values.zipWithIndex.flatMap { case (v, i) =>
        Seq(lit(outputName(v).getOrElse(s"col${i + 1}")), unaliased(v))
      }, distinct = false)
    case c: FirstContext => ignoreNullsCall("first", expression(c.expression()), c.IGNORE() != null)
    case c: LastContext => ignoreNullsCall("last", expression(c.expression()), c.IGNORE() != null)
    case c: Any_valueContext => ignoreNullsCall("any_value", expression(c.expression()), c.IGNORE() != null)
    case c: PositionContext => fn("locate", expression(c.substr), expression(c.str))
    case c: SubqueryExpressionContext =>
      subquery(c.query(), proto.SubqueryExpression.SubqueryType.SUBQUERY_TYPE_SCALAR, Nil)
    case c: SubscriptContext => extractValue(expression(c.value), expression(c.index))
    case c: LambdaContext =>
      val names = c.identifier().asScala.map(i => identifierText(i)).toSeq
      val outer = lambdaVariables
      lambdaVariables = outer ++ names.map(_.toLowerCase(Locale.ROOT))
      val body = try expression(c.expression()) finally lambdaVariables = outer
      proto.Expression.newBuilder().setLambdaFunction(proto.Expression.LambdaFunction.newBuilder()
        .setFunction(body).addAllArguments(names.map(lambdaVariable).asJava)).build()
    case c: ExtractContext =>
      fn("extract", lit(identifierText(c.field)), expression(c.source))
    case c: SubstringContext =>
      call("substring", Seq(expression(c.str), expression(c.pos)) ++ Option(c.len).map(expression), distinct = false)
    case c: TrimContext =>
      val name = Option(c.trimOption).map(_.getType) match {
        case Some(SqlBaseParser.LEADING) => "ltrim"
        case Some(SqlBaseParser.TRAILING) => "rtrim"
        case _ => "trim"
      }
      // Spark's two-argument trim functions take the characters first: trim(trimStr, str).
      call(name, Option(c.trimStr).map(expression).toSeq :+ expression(c.srcStr), distinct = false)
    case c: OverlayContext =>
      call("overlay", Seq(expression(c.input), expression(c.replace), expression(c.position)) ++
        Option(c.length).map(expression), distinct = false)
    case c: CurrentLikeContext => fn(c.name.getText.toLowerCase(Locale.ROOT))
    case c: TimestampaddContext =>
      if (c.invalidUnit != null) unsupported(s"${c.name.getText} with unit ${c.invalidUnit.getText}")
      fn("timestampadd", lit(c.unit.getText.toUpperCase(Locale.ROOT)), expression(c.unitsAmount), expression(c.timestamp))
    case c: TimestampdiffContext =>
      if (c.invalidUnit != null) unsupported(s"${c.name.getText} with unit ${c.invalidUnit.getText}")
      fn("timestampdiff", lit(c.unit.getText.toUpperCase(Locale.ROOT)), expression(c.startTimestamp),
        expression(c.endTimestamp))
    case _: CollateContext => unsupported("COLLATE")
    case _: SemiStructuredExtractContext => unsupported("semi-structured extraction (col:path)")
    case other => unsupported(s"expression ${other.getText}")
  }

  private def ignoreNullsCall(name: String, e: Expr, ignoreNulls: Boolean): Expr =
    if (ignoreNulls) fn(name, e, lit(true)) else fn(name, e)

  private def cast(e: Expr, typeCtx: DataTypeContext, tryCast: Boolean): Expr = {
    // CAST to CHAR/VARCHAR is a cast to STRING (Spark's replaceCharVarcharWithStringForCast).
    val dataType = replaceCharVarchar(typedVisit[DataType](typeCtx))
    val cb = proto.Expression.Cast.newBuilder().setExpr(e).setType(DataTypeToProto(dataType))
    if (tryCast) cb.setEvalMode(proto.Expression.Cast.EvalMode.EVAL_MODE_TRY)
    proto.Expression.newBuilder().setCast(cb).build()
  }

  private def replaceCharVarchar(dt: DataType): DataType = dt match {
    case _: CharType | _: VarcharType => StringType
    case ArrayType(e, n) => ArrayType(replaceCharVarchar(e), n)
    case MapType(k, v, n) => MapType(replaceCharVarchar(k), replaceCharVarchar(v), n)
    case StructType(fields) => StructType(fields.map(f => f.copy(dataType = replaceCharVarchar(f.dataType))))
    case other => other
  }

  /** Aggregate-capable functions whose IGNORE NULLS becomes their boolean argument, as in the DataFrame API. */
  private val ignoreNullsFunctions = Set("first", "last", "first_value", "last_value", "any_value")

  private def functionCall(c: FunctionCallContext): Expr = {
    val nameCtx = c.functionName()
    if (nameCtx.IDENTIFIER_KW() != null && nameCtx.expression() != null) unsupported("IDENTIFIER(...) function names")
    val nameParts =
      if (nameCtx.qualifiedName() != null) nameCtx.qualifiedName().identifier().asScala.map(i => identifierText(i)).toSeq
      else Seq(nameCtx.getText)
    val name = nameParts.mkString(".")
    if (c.where != null) unsupported("FILTER (WHERE ...) on an aggregate function")
    if (c.WITHIN() != null) unsupported("WITHIN GROUP (ORDER BY ...)")
    val distinct = Option(c.setQuantifier()).exists(_.DISTINCT() != null)
    var args = c.argument.asScala.map { a =>
      if (a.namedArgumentExpression() != null) {
        val n = a.namedArgumentExpression()
        proto.Expression.newBuilder().setNamedArgumentExpression(proto.NamedArgumentExpression.newBuilder()
          .setKey(identifierText(n.key)).setValue(expression(n.value))).build()
      } else expression(a.expression())
    }.toSeq
    // count(*) is count(1) in Spark's parser; so is the name of the result.
    if (name.equalsIgnoreCase("count") && args.length == 1 && args.head.hasUnresolvedStar &&
        !args.head.getUnresolvedStar.hasUnparsedTarget && !distinct) {
      args = Seq(lit(1))
    }
    if (c.nullsOption != null && c.nullsOption.getType == SqlBaseParser.IGNORE) {
      if (ignoreNullsFunctions.contains(name.toLowerCase(Locale.ROOT)) && args.length == 1) args = args :+ lit(true)
      else unsupported(s"IGNORE NULLS on $name")
    }
    val f = call(name, args, distinct)
    if (c.windowSpec() == null) f else window(f, c.windowSpec())
  }

  // ---- Windows ----

  private def window(function: Expr, spec: WindowSpecContext): Expr = {
    val definition = resolveWindow(spec)
    val wb = proto.Expression.Window.newBuilder().setWindowFunction(function)
    wb.addAllPartitionSpec(definition.partition.asScala.map(expression).asJava)
    wb.addAllOrderSpec(definition.sortItem().asScala.map(sortOrder).asJava)
    Option(definition.windowFrame()).foreach { frame =>
      val frameType =
        if (frame.frameType.getType == SqlBaseParser.RANGE) proto.Expression.Window.WindowFrame.FrameType.FRAME_TYPE_RANGE
        else proto.Expression.Window.WindowFrame.FrameType.FRAME_TYPE_ROW
      val fb = wb.getFrameSpecBuilder.setFrameType(frameType).setLower(frameBound(frame.start))
      // `ROWS x` alone is `ROWS BETWEEN x AND CURRENT ROW`.
      if (frame.end != null) fb.setUpper(frameBound(frame.end))
      else fb.setUpper(proto.Expression.Window.WindowFrame.FrameBoundary.newBuilder().setCurrentRow(true))
    }
    proto.Expression.newBuilder().setWindow(wb).build()
  }

  private def resolveWindow(spec: WindowSpecContext): WindowDefContext = spec match {
    case d: WindowDefContext => d
    case r: WindowRefContext =>
      val name = identifierText(r.name)
      namedWindows.iterator.flatMap(_.get(name.toLowerCase(Locale.ROOT))).nextOption() match {
        case Some(defined) => resolveWindow(defined)
        case None => throw new org.apache.spark.sql.AnalysisException(
          errorClass = "MISSING_WINDOW_SPECIFICATION",
          messageParameters = Map("windowName" -> name, "docroot" -> "https://spark.apache.org/docs/latest"))
      }
  }

  private def frameBound(ctx: FrameBoundContext): proto.Expression.Window.WindowFrame.FrameBoundary = {
    val b = proto.Expression.Window.WindowFrame.FrameBoundary.newBuilder()
    if (ctx.UNBOUNDED() != null) b.setUnbounded(true)
    else if (ctx.CURRENT() != null) b.setCurrentRow(true)
    else {
      val value = expression(ctx.expression())
      b.setValue(if (ctx.boundType.getType == SqlBaseParser.PRECEDING) negated(value) else value)
    }
    b.build()
  }

  /** `n PRECEDING` is the offset -n: a negated literal, as `rowsBetween(-n, ...)` sends it. */
  private def negated(e: Expr): Expr = if (!e.hasLiteral) fn("negative", e) else {
    val l = e.getLiteral
    val b = l.toBuilder
    if (l.hasInteger) b.setInteger(-l.getInteger)
    else if (l.hasLong) b.setLong(-l.getLong)
    else if (l.hasShort) b.setShort(-l.getShort)
    else if (l.hasByte) b.setByte(-l.getByte)
    else return fn("negative", e)
    proto.Expression.newBuilder().setLiteral(b).build()
  }

  def sortOrder(ctx: SortItemContext): proto.Expression.SortOrder = sortOrder(expression(ctx.expression()), ctx)

  def sortOrder(child: Expr, ctx: SortItemContext): proto.Expression.SortOrder = {
    val descending = ctx.DESC() != null
    val nullsFirst = if (ctx.nullOrder == null) !descending else ctx.nullOrder.getType == SqlBaseParser.FIRST
    proto.Expression.SortOrder.newBuilder().setChild(child)
      .setDirection(if (descending) proto.Expression.SortOrder.SortDirection.SORT_DIRECTION_DESCENDING
        else proto.Expression.SortOrder.SortDirection.SORT_DIRECTION_ASCENDING)
      .setNullOrdering(if (nullsFirst) proto.Expression.SortOrder.NullOrdering.SORT_NULLS_FIRST
        else proto.Expression.SortOrder.NullOrdering.SORT_NULLS_LAST)
      .build()
  }

  // ---- Literals ----

  def constant(ctx: ConstantContext): Expr = withOrigin(ctx)(constantAt(ctx))

  /** Errors raised while building carry the text and position of `ctx` (Spark's query context). */
  protected def withOrigin[T](ctx: ParserRuleContext)(body: => T): T =
    SparkParserUtils.withOrigin(ctx, None)(body)

  private def constantAt(ctx: ConstantContext): Expr = ctx match {
    case _: NullLiteralContext => lit(null)
    case c: BooleanLiteralContext => lit(c.booleanValue().TRUE() != null)
    case c: StringLiteralContext => lit(stringValue(c.stringLit()))
    case c: NumericLiteralContext => number(c.number())
    case c: TypeConstructorContext => typedLiteral(c)
    case c: IntervalLiteralContext => IntervalLiterals(c.interval(), this)
    case c: NamedParameterLiteralContext =>
      val name = identifierText(c.namedParameterMarker().simpleIdentifier())
      env.namedParameter(name).getOrElse(throw unboundParameter(name, c))
    case c: PosParameterLiteralContext =>
      val index = nextPositional
      nextPositional += 1
      env.positionalParameter(index).getOrElse(throw unboundParameter(s"_${c.getStart.getStartIndex}", c))
    case other => unsupported(s"literal ${other.getText}")
  }

  private def unboundParameter(name: String, ctx: ParserRuleContext): Throwable =
    new org.apache.spark.sql.AnalysisException(errorClass = "UNBOUND_SQL_PARAMETER",
      messageParameters = Map("name" -> name))

  private def number(ctx: NumberContext): Expr = {
    val raw = ctx.getText
    def body(suffixLength: Int) = raw.substring(0, raw.length - suffixLength)
    def ranged(rawStripped: String, min: BigDecimal, max: BigDecimal, typeName: String)(make: BigDecimal => Any): Expr = {
      val value = BigDecimal(rawStripped)
      if (value < min || value > max) {
        throw new ParseException("INVALID_NUMERIC_LITERAL_RANGE", Map("rawStrippedQualifier" -> rawStripped,
          "minValue" -> min.toString, "maxValue" -> max.toString, "typeName" -> typeName), ctx)
      }
      lit(make(value))
    }
    ctx match {
      case _: IntegerLiteralContext =>
        val value = BigDecimal(raw)
        if (value.isValidInt) lit(value.intValue)
        else if (value.isValidLong) lit(value.longValue)
        else lit(value.underlying())
      case _: BigIntLiteralContext =>
        ranged(body(1), BigDecimal(Long.MinValue), BigDecimal(Long.MaxValue), "bigint")(_.longValue)
      case _: SmallIntLiteralContext =>
        ranged(body(1), BigDecimal(Short.MinValue), BigDecimal(Short.MaxValue), "smallint")(_.shortValue)
      case _: TinyIntLiteralContext =>
        ranged(body(1), BigDecimal(Byte.MinValue), BigDecimal(Byte.MaxValue), "tinyint")(_.byteValue)
      case _: DoubleLiteralContext =>
        ranged(body(1), BigDecimal(-Double.MaxValue), BigDecimal(Double.MaxValue), "double")(_.doubleValue)
      case _: FloatLiteralContext =>
        ranged(body(1), BigDecimal(-Float.MaxValue.toDouble), BigDecimal(Float.MaxValue.toDouble), "float")(_.floatValue)
      case _: ExponentLiteralContext =>
        ranged(raw, BigDecimal(-Double.MaxValue), BigDecimal(Double.MaxValue), "double")(_.doubleValue)
      case _: DecimalLiteralContext | _: LegacyDecimalLiteralContext => decimal(raw, ctx)
      case _: BigDecimalLiteralContext => decimal(body(2), ctx)
      case other => unsupported(s"number ${other.getText}")
    }
  }

  private def decimal(raw: String, ctx: ParserRuleContext): Expr = {
    val value = new java.math.BigDecimal(raw)
    if (math.max(value.precision, value.scale) > DecimalType.MAX_PRECISION) {
      throw new ParseException("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
        Map("precision" -> math.max(value.precision, value.scale).toString,
          "maxPrecision" -> DecimalType.MAX_PRECISION.toString), ctx)
    }
    lit(value)
  }

  private val DateTime = SparkDateTimeUtils

  private def typedLiteral(ctx: TypeConstructorContext): Expr = {
    val value = SparkParserUtils.string(typedVisit[org.antlr.v4.runtime.Token](ctx.singleStringLitWithoutMarker()))
    val typeCtx = ctx.literalType()
    val valueType = typeCtx.getText.toUpperCase(Locale.ROOT)
    def invalid: Nothing = throw new ParseException("INVALID_TYPED_LITERAL",
      Map("valueType" -> toSQLType(valueType), "value" -> toSQLValue(value)), ctx)
    val utf8 = UTF8String.fromString(value)
    if (typeCtx.DATE() != null) {
      DateTime.stringToDate(utf8).map(d => lit(java.time.LocalDate.ofEpochDay(d.asInstanceOf[Int].toLong)))
        .getOrElse(invalid)
    } else if (typeCtx.TIMESTAMP() != null || typeCtx.TIMESTAMP_LTZ() != null) {
      DateTime.stringToTimestamp(utf8, DateTime.getZoneId(env.timeZone))
        .map(us => lit(DateTime.microsToInstant(us.asInstanceOf[Long]))).getOrElse(invalid)
    } else if (typeCtx.TIMESTAMP_NTZ() != null) {
      DateTime.stringToTimestampWithoutTimeZone(utf8, false)
        .map(us => lit(DateTime.microsToLocalDateTime(us.asInstanceOf[Long]))).getOrElse(invalid)
    } else if (typeCtx.BINARY_HEX() != null) {
      val padded = if (value.length % 2 == 1) "0" + value else value
      if (!padded.forall(c => Character.digit(c, 16) >= 0)) invalid
      lit(padded.grouped(2).map(h => Integer.parseInt(h, 16).toByte).toArray)
    } else if (typeCtx.INTERVAL() != null) {
      IntervalLiterals.fromString(value, ctx, this)
    } else {
      throw new ParseException("UNSUPPORTED_TYPED_LITERAL", Map("unsupportedType" -> toSQLType(valueType),
        "supportedTypes" -> Seq("DATE", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP", "INTERVAL", "X", "TIME")
          .map(toSQLType).mkString(", ")), ctx)
    }
  }

  private[parser] def literalString(ctx: StringLitContext): String = stringValue(ctx)
}
