package org.apache.spark.sql.duckdb

import scala.jdk.CollectionConverters._

import org.apache.spark.connect.proto
import org.apache.spark.sql.Column
import org.apache.spark.sql.duckdb.internal.UdfRuntime
import org.apache.spark.sql.expressions.SparkUserDefinedFunction
import org.apache.spark.sql.internal._

/**
 * sql-api's `ColumnNode` tree (what a `Column` is) → Spark Connect `proto.Expression`. One recursive match, one
 * case per node kind; names, functions and types stay unresolved: the native analyzer resolves them.
 */
private[duckdb] object ColumnNodeToProto {

  def apply(column: Column): proto.Expression = convert(column.node)

  def convert(node: ColumnNode): proto.Expression = {
    val b = proto.Expression.newBuilder()
    node match {
      case Literal(value, dataType, _) =>
        b.setLiteral(LiteralToProto(value, dataType))

      case u @ UnresolvedAttribute(_, planId, isMetadataColumn, _) =>
        // `u.sql` is the name parts joined with dots, each back-quoted when needed: Spark's identifier syntax.
        val ab = b.getUnresolvedAttributeBuilder.setUnparsedIdentifier(u.sql)
        planId.foreach(ab.setPlanId)
        if (isMetadataColumn) ab.setIsMetadataColumn(true)

      case UnresolvedStar(target, planId, _) =>
        val sb = b.getUnresolvedStarBuilder
        target.foreach(sb.setUnparsedTarget)
        planId.foreach(sb.setPlanId)

      case UnresolvedRegex(regex, planId, _) =>
        val rb = b.getUnresolvedRegexBuilder.setColName(regex)
        planId.foreach(rb.setPlanId)

      case UnresolvedFunction(name, arguments, isDistinct, isUserDefinedFunction, isInternal, _) =>
        b.getUnresolvedFunctionBuilder
          .setFunctionName(name)
          .addAllArguments(arguments.map(convert).asJava)
          .setIsDistinct(isDistinct)
          .setIsUserDefinedFunction(isUserDefinedFunction)
          .setIsInternal(isInternal)

      case SqlExpression(expression, _) =>
        // Spark SQL text, parsed here into the form the DataFrame API builds (parser package).
        b.mergeFrom(SessionSql.expressionOfText(expression))

      case Alias(child, names, metadata, _) =>
        val ab = b.getAliasBuilder.setExpr(convert(child)).addAllName(names.asJava)
        metadata.foreach(m => ab.setMetadata(m.json))

      case Cast(child, dataType, evalMode, _) =>
        val cb = b.getCastBuilder.setExpr(convert(child)).setType(DataTypeToProto(dataType))
        evalMode.foreach {
          case Cast.Legacy => cb.setEvalMode(proto.Expression.Cast.EvalMode.EVAL_MODE_LEGACY)
          case Cast.Ansi => cb.setEvalMode(proto.Expression.Cast.EvalMode.EVAL_MODE_ANSI)
          case Cast.Try => cb.setEvalMode(proto.Expression.Cast.EvalMode.EVAL_MODE_TRY)
        }

      case s: SortOrder =>
        b.setSortOrder(sortOrder(s))

      case Window(function, spec, _) =>
        val wb = b.getWindowBuilder
          .setWindowFunction(convert(function))
          .addAllPartitionSpec(spec.partitionColumns.map(convert).asJava)
          .addAllOrderSpec(spec.sortColumns.map(sortOrder).asJava)
        spec.frame.foreach { frame =>
          wb.getFrameSpecBuilder
            .setFrameType(frame.frameType match {
              case WindowFrame.Row => proto.Expression.Window.WindowFrame.FrameType.FRAME_TYPE_ROW
              case WindowFrame.Range => proto.Expression.Window.WindowFrame.FrameType.FRAME_TYPE_RANGE
            })
            .setLower(frameBoundary(frame.lower))
            .setUpper(frameBoundary(frame.upper))
        }

      case UnresolvedExtractValue(child, extraction, _) =>
        b.getUnresolvedExtractValueBuilder.setChild(convert(child)).setExtraction(convert(extraction))

      case UpdateFields(struct, fieldName, value, _) =>
        val ub = b.getUpdateFieldsBuilder.setStructExpression(convert(struct)).setFieldName(fieldName)
        value.foreach(v => ub.setValueExpression(convert(v)))

      case v: UnresolvedNamedLambdaVariable =>
        b.setUnresolvedNamedLambdaVariable(lambdaVariable(v))

      case LambdaFunction(function, arguments, _) =>
        b.getLambdaFunctionBuilder
          .setFunction(convert(function))
          .addAllArguments(arguments.map(lambdaVariable).asJava)

      case CaseWhenOtherwise(branches, otherwise, _) =>
        // Spark Connect's form: when(c1, v1, c2, v2, ..., [else]).
        val fb = b.getUnresolvedFunctionBuilder.setFunctionName("when")
        branches.foreach { case (condition, value) =>
          fb.addArguments(convert(condition)).addArguments(convert(value))
        }
        otherwise.foreach(o => fb.addArguments(convert(o)))

      case _: LazyExpression =>
        // Column.outer(): Spark 4.2's Connect protocol has no form for it either.
        NotSupportedYet("Column.outer (outer references in sub-queries)")

      case SubqueryExpression(ds, subqueryType, _) =>
        // The subquery's plan travels once in a WithRelations root (Dataset.newDataset); here only its id.
        val sb = b.getSubqueryExpressionBuilder.setPlanId(Dataset.planIdOf(ds))
        subqueryType match {
          case SubqueryType.SCALAR => sb.setSubqueryType(proto.SubqueryExpression.SubqueryType.SUBQUERY_TYPE_SCALAR)
          case SubqueryType.EXISTS => sb.setSubqueryType(proto.SubqueryExpression.SubqueryType.SUBQUERY_TYPE_EXISTS)
          case SubqueryType.IN(values) =>
            sb.setSubqueryType(proto.SubqueryExpression.SubqueryType.SUBQUERY_TYPE_IN)
              .addAllInSubqueryValues(values.map(convert).asJava)
        }

      case InvokeInlineUserDefinedFunction(udf: SparkUserDefinedFunction, arguments, false, _) =>
        // The closure stays in this JVM: the plan names it by its registry id (internal/UdfRuntime.scala).
        b.setCommonInlineUserDefinedFunction(UdfRuntime.toProto(udf, arguments.map(convert)))

      case _: InvokeInlineUserDefinedFunction =>
        NotSupportedYet("user-defined functions (Column of a UDAF or Aggregator, or DISTINCT on a UDF)")

      case other =>
        NotSupportedYet(s"column expression ${other.getClass.getSimpleName}")
    }
    b.build()
  }

  /** Sub-queries referenced by a column tree, in order of appearance (they become WithRelations references). */
  def subqueries(node: Any): Seq[org.apache.spark.sql.Dataset[_]] = node match {
    case SubqueryExpression(ds, subqueryType, _) =>
      ds +: (subqueryType match {
        case SubqueryType.IN(values) => values.flatMap(subqueries)
        case _ => Nil
      })
    case _: Literal => Nil
    case InvokeInlineUserDefinedFunction(_, arguments, _, _) => arguments.flatMap(subqueries)
    // Node fields: child nodes, sequences/options/pairs of them, window specs; origins and names hold none.
    case p: ColumnNodeLike with Product => p.productIterator.flatMap(subqueries).toSeq
    case s: Iterable[_] => s.flatMap(subqueries).toSeq
    case Some(x) => subqueries(x)
    case (a, b) => subqueries(a) ++ subqueries(b)
    case _ => Nil
  }

  def sortOrder(s: SortOrder): proto.Expression.SortOrder =
    proto.Expression.SortOrder.newBuilder()
      .setChild(convert(s.child))
      .setDirection(s.sortDirection match {
        case SortOrder.Ascending => proto.Expression.SortOrder.SortDirection.SORT_DIRECTION_ASCENDING
        case SortOrder.Descending => proto.Expression.SortOrder.SortDirection.SORT_DIRECTION_DESCENDING
      })
      .setNullOrdering(s.nullOrdering match {
        case SortOrder.NullsFirst => proto.Expression.SortOrder.NullOrdering.SORT_NULLS_FIRST
        case SortOrder.NullsLast => proto.Expression.SortOrder.NullOrdering.SORT_NULLS_LAST
      })
      .build()

  private def frameBoundary(boundary: WindowFrame.FrameBoundary): proto.Expression.Window.WindowFrame.FrameBoundary = {
    val fb = proto.Expression.Window.WindowFrame.FrameBoundary.newBuilder()
    boundary match {
      case WindowFrame.UnboundedPreceding | WindowFrame.UnboundedFollowing => fb.setUnbounded(true)
      case WindowFrame.CurrentRow => fb.setCurrentRow(true)
      case WindowFrame.Value(value) => fb.setValue(convert(value))
    }
    fb.build()
  }

  private def lambdaVariable(v: UnresolvedNamedLambdaVariable): proto.Expression.UnresolvedNamedLambdaVariable =
    proto.Expression.UnresolvedNamedLambdaVariable.newBuilder().addNameParts(v.name).build()
}
