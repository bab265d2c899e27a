package org.apache.spark.sql.duckdb.tests

import scala.collection.mutable.ArrayBuffer
import scala.jdk.CollectionConverters._

import org.apache.spark.sql.Row
import org.apache.spark.sql.types.{ArrayType, DataType, MapType, StructField, StructType}

/**
 * How two engines' results are compared. Pure functions, checked on their own by HarnessSelfTestSuite.
 *
 * Values: the same Java class on both sides (an Integer never equals a Long); doubles equal when both are NaN, or both
 * are zeros of the same sign, or they differ by at most DoubleRelativeTolerance relative to the larger magnitude
 * (floats: FloatRelativeTolerance); decimals exactly, scale included (1.50 is not 1.5); binary by content; rows,
 * sequences, maps and products element by element.
 */
object ResultComparison {
  val DoubleRelativeTolerance: Double = 1e-12
  val FloatRelativeTolerance: Double = 1e-6

  def sameValue(expected: Any, actual: Any): Boolean = (expected, actual) match {
    case (null, null) => true
    case (null, _) | (_, null) => false
    case (e: java.lang.Double, a: java.lang.Double) => sameFloating(e, a, DoubleRelativeTolerance)
    case (e: java.lang.Float, a: java.lang.Float) => sameFloating(e.toDouble, a.toDouble, FloatRelativeTolerance)
    case (e: java.math.BigDecimal, a: java.math.BigDecimal) => e.equals(a)
    case (e: scala.math.BigDecimal, a: scala.math.BigDecimal) => e.bigDecimal.equals(a.bigDecimal)
    case (e: Array[Byte], a: Array[Byte]) => java.util.Arrays.equals(e, a)
    case (e: Row, a: Row) =>
      e.length == a.length && (0 until e.length).forall(i => sameValue(e.get(i), a.get(i)))
    case (e: scala.collection.Map[_, _], a: scala.collection.Map[_, _]) =>
      val actualMap = a.asInstanceOf[scala.collection.Map[Any, Any]]
      e.size == a.size && e.forall { case (k, v) => actualMap.contains(k) && sameValue(v, actualMap(k)) }
    case (e: java.util.Map[_, _], a: java.util.Map[_, _]) => sameValue(e.asScala, a.asScala)
    case (e: scala.collection.Seq[_], a: scala.collection.Seq[_]) => sameSeq(e, a)
    case (e: java.util.List[_], a: java.util.List[_]) => sameSeq(e.asScala, a.asScala)
    case (e: Array[_], a: Array[_]) => sameSeq(e.toSeq, a.toSeq)
    case (e: Product, a: Product) if e.getClass == a.getClass =>
      sameSeq(e.productIterator.toSeq, a.productIterator.toSeq)
    case (e, a) => e.getClass == a.getClass && e == a
  }

  private def sameSeq(e: scala.collection.Seq[_], a: scala.collection.Seq[_]): Boolean =
    e.length == a.length && e.iterator.zip(a.iterator).forall { case (x, y) => sameValue(x, y) }

  private def sameFloating(e: Double, a: Double, relativeTolerance: Double): Boolean =
    if (e.isNaN || a.isNaN) e.isNaN && a.isNaN
    else if (e.isInfinite || a.isInfinite) e == a
    else if (e == 0.0 || a == 0.0) e == a && (1.0 / e) == (1.0 / a) // zeros must share their sign
    else math.abs(e - a) <= relativeTolerance * math.max(math.abs(e), math.abs(a))

  /** Field names, data types and nullability, recursively; metadata is not compared. */
  def withoutMetadata(dataType: DataType): DataType = dataType match {
    case s: StructType => StructType(s.fields.map(f => StructField(f.name, withoutMetadata(f.dataType), f.nullable)))
    case a: ArrayType => ArrayType(withoutMetadata(a.elementType), a.containsNull)
    case m: MapType => MapType(withoutMetadata(m.keyType), withoutMetadata(m.valueType), m.valueContainsNull)
    case other => other
  }

  /** None when the schemas are the same; otherwise a readable explanation. */
  def schemaDifference(expected: StructType, actual: StructType): Option[String] =
    if (withoutMetadata(expected) == withoutMetadata(actual)) None
    else Some(
      s"""schemas differ
         |Spark classic: ${expected.fields.map(describeField).mkString(", ")}
         |candidate:     ${actual.fields.map(describeField).mkString(", ")}""".stripMargin)

  private def describeField(f: StructField): String =
    s"${f.name}: ${f.dataType.simpleString}${if (f.nullable) "" else " NOT NULL"}"

  /** None when the row collections are the same (as multisets unless `ordered`); otherwise a readable diff. */
  def rowsDifference(expected: Seq[Any], actual: Seq[Any], ordered: Boolean): Option[String] =
    if (ordered) orderedDifference(expected, actual) else unorderedDifference(expected, actual)

  private def orderedDifference(expected: Seq[Any], actual: Seq[Any]): Option[String] = {
    val firstDifferent = expected.indices.find(i => i >= actual.length || !sameValue(expected(i), actual(i)))
      .orElse(if (actual.length > expected.length) Some(expected.length) else None)
    firstDifferent.map { i =>
      s"""ordered rows differ at position $i (Spark classic ${expected.length} rows, candidate ${actual.length} rows)
         |${sideBySide(expected, actual)}""".stripMargin
    }
  }

  private def unorderedDifference(expected: Seq[Any], actual: Seq[Any]): Option[String] = {
    val unmatchedActual = ArrayBuffer.from(actual)
    val unmatchedExpected = ArrayBuffer.empty[Any]
    expected.foreach { row =>
      val i = unmatchedActual.indexWhere(candidateRow => sameValue(row, candidateRow))
      if (i >= 0) unmatchedActual.remove(i) else unmatchedExpected += row
    }
    if (unmatchedExpected.isEmpty && unmatchedActual.isEmpty) None
    else Some(
      s"""rows differ, order ignored (Spark classic ${expected.length} rows, candidate ${actual.length} rows)
         |only in Spark classic (${unmatchedExpected.length}):
         |${limited(unmatchedExpected.toSeq).map("  " + _).mkString("\n")}
         |only in candidate (${unmatchedActual.length}):
         |${limited(unmatchedActual.toSeq).map("  " + _).mkString("\n")}""".stripMargin)
  }

  private val MaxRowsShown = 30

  private def limited(rows: Seq[Any]): Seq[String] =
    rows.take(MaxRowsShown).map(render) ++ (if (rows.length > MaxRowsShown) Seq(s"... ${rows.length - MaxRowsShown} more") else Nil)

  private def sideBySide(expected: Seq[Any], actual: Seq[Any]): String = {
    val n = math.min(math.max(expected.length, actual.length), MaxRowsShown)
    (0 until n).map { i =>
      val e = expected.lift(i).map(render).getOrElse("<none>")
      val a = actual.lift(i).map(render).getOrElse("<none>")
      val marker = if (expected.lift(i).isDefined && actual.lift(i).isDefined && sameValue(expected(i), actual(i))) " " else "!"
      s"$marker $i: classic $e | candidate $a"
    }.mkString("\n")
  }

  /** A value with its type visible: 1 (int), 1L, 1.0d, 1.0f, 1.50BD, "text". */
  def render(value: Any): String = value match {
    case null => "null"
    case s: String => "\"" + s.flatMap(escape) + "\""
    case l: java.lang.Long => s"${l}L"
    case d: java.lang.Double => s"${d}d"
    case f: java.lang.Float => s"${f}f"
    case s: java.lang.Short => s"${s}s"
    case b: java.lang.Byte => s"${b}y"
    case d: java.math.BigDecimal => s"${d.toPlainString}BD"
    case b: Array[Byte] => b.map("%02x".format(_)).mkString("X'", "", "'")
    case r: Row => (0 until r.length).map(i => render(r.get(i))).mkString("[", ", ", "]")
    case m: scala.collection.Map[_, _] => m.map { case (k, v) => s"${render(k)} -> ${render(v)}" }.mkString("Map(", ", ", ")")
    case s: scala.collection.Seq[_] => s.map(render).mkString("Seq(", ", ", ")")
    case a: Array[_] => a.map(render).mkString("Array(", ", ", ")")
    case l: java.util.List[_] => l.asScala.map(render).mkString("List(", ", ", ")")
    case d: java.sql.Date => s"DATE $d"
    case t: java.sql.Timestamp => s"TIMESTAMP $t"
    case p: Product if p.productArity > 0 => p.productIterator.map(render).mkString(p.productPrefix + "(", ", ", ")")
    case other => s"$other (${other.getClass.getSimpleName})"
  }

  private def escape(c: Char): String = c match {
    case '"' => "\\\""
    case '\\' => "\\\\"
    case '\n' => "\\n"
    case '\t' => "\\t"
    case '\r' => "\\r"
    case other => other.toString
  }

  /** Two printed outputs: None when byte-identical, else both with line numbers and the first differing line. */
  def outputDifference(expected: String, actual: String): Option[String] =
    if (expected == actual) None
    else {
      val e = expected.split("\n", -1)
      val a = actual.split("\n", -1)
      val firstDifferent = e.indices.find(i => i >= a.length || e(i) != a(i)).getOrElse(e.length)
      def numbered(lines: Array[String]) = lines.zipWithIndex.map { case (l, i) => f"$i%3d|$l|" }.mkString("\n")
      Some(s"""printed output differs, first at line $firstDifferent
              |Spark classic:
              |${numbered(e)}
              |candidate:
              |${numbered(a)}""".stripMargin)
    }
}
