package org.apache.spark.sql.duckdb.tests.functions

import org.junit.jupiter.api.Test

import org.apache.spark.sql.functions._

/** Math functions: rounding modes on doubles and decimals, overflow under ANSI and not, domains, NaN, -0.0. */
class MathFunctionsSuite extends FunctionSuiteBase {
  @Test def absValues(): Unit = checkSame("abs of int, long, double, decimal") { spark =>
    types(spark).where(col("id") =!= 4).select(col("id"), abs(col("by")), abs(col("i")), abs(col("l")), abs(col("d")),
      abs(col("dec")), abs(col("f")))
  }

  @Test def absOverflowAnsi(): Unit = checkSameError("abs of Int.MinValue under ANSI") { spark =>
    numbers(spark).where(col("id") === 5).select(abs(col("i")))
  }

  @Test def absOverflowLegacy(): Unit = withAnsi(false) {
    checkSame("abs of Int.MinValue without ANSI") { spark => numbers(spark).select(col("id"), abs(col("i")), abs(col("l"))) }
  }

  @Test def roundDoubles(): Unit = checkSame("round of doubles HALF_UP on the decimal form") { spark =>
    numbers(spark).select(col("id"), round(col("d")), round(col("d"), 2), round(col("d"), 1), round(col("d"), -1))
  }

  @Test def broundDoubles(): Unit = checkSame("bround of doubles HALF_EVEN") { spark =>
    numbers(spark).select(col("id"), bround(col("d")), bround(col("d"), 2))
  }

  @Test def roundIntegral(): Unit = checkSame("round of ints with negative scales") { spark =>
    numbers(spark).where(col("id") =!= 4 && col("id") =!= 5).select(col("id"), round(col("i")), round(col("i"), -1),
      round(col("l"), -2), bround(col("i"), -1))
  }

  @Test def roundDecimals(): Unit = checkSame("round of decimal(12,2) changes the type") { spark =>
    types(spark).select(col("id"), round(col("dec")), round(col("dec"), 1), round(col("dec"), 3), round(col("dec"), -2),
      bround(col("dec"), 1))
  }

  @Test def roundFloats(): Unit = checkSame("round of floats") { spark =>
    types(spark).select(col("id"), round(col("f"), 1), round(col("f")))
  }

  @Test def ceilFloor(): Unit = checkSame("ceil, floor of doubles, ints, decimals") { spark =>
    types(spark).select(col("id"), ceil(col("d")), floor(col("d")), ceil(col("i")), floor(col("dec")), ceil(col("dec")))
  }

  @Test def sqrtExpLogs(): Unit = checkSame("sqrt, exp, ln/log, log10, log2 incl. domains") { spark =>
    numbers(spark).select(col("id"), sqrt(col("d")), exp(col("i")), log(col("d")), log10(col("d")), log2(col("d")),
      log(2.0, col("d")))
  }

  @Test def powers(): Unit = checkSame("pow/power") { spark =>
    numbers(spark).select(col("id"), pow(col("d"), 2), pow(col("i"), col("d")), pow(lit(0), lit(-1)))
  }

  @Test def signs(): Unit = checkSame("signum/sign incl. -0.0 and NaN") { spark =>
    numbers(spark).select(col("id"), signum(col("d")), sign(col("i")))
  }

  @Test def trigonometry(): Unit = checkSame("sin, cos, tan, asin, acos, atan, atan2") { spark =>
    numbers(spark).select(col("id"), sin(col("d")), cos(col("d")), tan(col("d")), asin(col("d")), acos(col("d")),
      atan(col("d")), atan2(col("d"), col("i")))
  }

  @Test def hyperbolic(): Unit = checkSame("sinh, cosh, tanh, asinh, acosh, atanh") { spark =>
    numbers(spark).select(col("id"), sinh(col("d")), cosh(col("d")), tanh(col("d")), asinh(col("d")), acosh(col("d")),
      atanh(col("d")))
  }

  @Test def reciprocalTrig(): Unit = checkSame("cot, sec, csc, degrees, radians") { spark =>
    numbers(spark).where(col("d") =!= 0).select(col("id"), cot(col("d")), sec(col("d")), csc(col("d")),
      degrees(col("d")), radians(col("d")))
  }

  @Test def constants(): Unit = checkSame("e(), pi()") { spark => spark.range(1).select(e(), pi()) }

  @Test def pmodValues(): Unit = checkSame("pmod of ints, longs, doubles") { spark =>
    numbers(spark).where(col("i") =!= 0).select(col("id"), pmod(col("l"), lit(3)), pmod(lit(-7), col("i")),
      pmod(col("d"), lit(2.0)))
  }

  @Test def pmodByZeroLegacy(): Unit = withAnsi(false) {
    checkSame("pmod by zero is null without ANSI") { spark => numbers(spark).select(col("id"), pmod(col("i"), lit(0))) }
  }

  @Test def pmodByZeroAnsi(): Unit = checkSameError("pmod by zero under ANSI") { spark =>
    numbers(spark).select(pmod(col("i"), lit(0)))
  }

  @Test def factorialValues(): Unit = checkSame("factorial incl. out of range") { spark =>
    spark.range(-1, 23).select(col("id"), factorial(col("id").cast("int")))
  }

  @Test def decimalArithmeticInProjections(): Unit = checkSame("TPC-H style decimal expressions") { spark =>
    types(spark).select(col("id"), round(col("dec") * (lit(1) - col("dec") / 100), 2), abs(col("dec") - 1))
  }

  @Test def hexBin(): Unit = checkSame("hex and bin of longs (two's complement) and strings") { spark =>
    numbers(spark).select(col("id"), hex(col("l")), bin(col("l")), hex(col("i")), hex(col("i").cast("string")))
  }

  @Test def bitwise(): Unit = checkSame("shiftleft, shiftright, shiftrightunsigned") { spark =>
    numbers(spark).select(col("id"), shiftleft(col("i"), 3), shiftright(col("i"), 2),
      shiftrightunsigned(col("i"), 28), shiftleft(col("l"), 65), shiftright(col("l"), 63))
  }

  @Test def rintValues(): Unit = checkSame("rint is HALF_EVEN to an integral double") { spark =>
    numbers(spark).select(col("id"), rint(col("d")), rint(col("d") * 10))
  }

  @Test def zeroNull(): Unit = checkSame("nullifzero, zeroifnull") { spark =>
    numbers(spark).select(col("id"), nullifzero(col("i")), zeroifnull(col("l")))
  }

  @Test def tryArithmetic(): Unit = checkSame("try_add, try_subtract, try_multiply: null on overflow") { spark =>
    numbers(spark).select(col("id"), try_add(col("i"), lit(1)), try_subtract(col("i"), lit(1)), try_multiply(col("i"), lit(2)),
      try_add(col("l"), col("l")), try_multiply(col("l"), lit(-1L)), try_subtract(col("d"), lit(1.5)), try_add(col("i"), col("d")))
  }

  @Test def tryDivideMod(): Unit = checkSame("try_divide, try_mod: null on zero divisors") { spark =>
    numbers(spark).where(!col("id").isin(4, 5)).select(col("id"), try_divide(col("i"), col("l") - 7), try_divide(col("d"), lit(0)),
      try_mod(col("i"), lit(4)), try_mod(col("l"), col("i") - 7), try_mod(col("d"), lit(2.0)))
  }

  @Test def bitCounts(): Unit = checkSame("bit_count of negatives counts 64 bits; booleans") { spark =>
    numbers(spark).where(!col("id").isin(4, 5)).select(col("id"), bit_count(col("i")), bit_count(col("l")), bit_count(col("i").cast("byte")),
      bit_count(col("i") > 0))
  }

  @Test def bitGets(): Unit = checkSame("bit_get, getbit") { spark =>
    numbers(spark).where(!col("id").isin(4, 5)).select(col("id"), bit_get(col("i"), lit(0)), getbit(col("l"), lit(63)), bit_get(col("i").cast("byte"), lit(7)))
  }

  @Test def bitGetOutOfRange(): Unit = checkSameError("bit_get beyond the width") { spark =>
    numbers(spark).select(bit_get(col("i"), lit(32)))
  }

  @Test def bitwiseNot(): Unit = checkSame("bitwise_not, bitwiseNOT") { spark =>
    numbers(spark).where(!col("id").isin(4, 5)).select(col("id"), bitwise_not(col("i")), bitwiseNOT(col("l")), bitwise_not(col("i").cast("short")))
  }

  @Test def positiveNegate(): Unit = checkSame("positive, negate") { spark =>
    numbers(spark).where(col("id") =!= 5).select(col("id"), positive(col("i")), negate(col("d")), positive(col("d")), negate(col("l")))
  }

  @Test def cubeRoots(): Unit = checkSame("cbrt") { spark =>
    numbers(spark).select(col("id"), cbrt(col("d")), cbrt(col("i")), cbrt(lit(27.0)), cbrt(lit(-8)))
  }

  @Test def widthBuckets(): Unit = checkSame("width_bucket ascending, descending, out of range, invalid") { spark =>
    numbers(spark).select(col("id"), width_bucket(col("d"), lit(0.0), lit(3.0), lit(5L)), width_bucket(col("i"), lit(200), lit(-200), lit(7L)),
      width_bucket(col("d"), lit(1.0), lit(1.0), lit(3L)), width_bucket(col("d"), lit(0.0), lit(1.0), col("l")))
  }

  @Test def bitmapPositions(): Unit = checkSame("bitmap_bucket_number, bitmap_bit_position incl. negatives and extremes") { spark =>
    numbers(spark).select(col("id"), bitmap_bucket_number(col("l")), bitmap_bit_position(col("l")),
      bitmap_bucket_number(col("i").cast("long") * 1000), bitmap_bit_position(col("i").cast("long") * 32768 + 1))
  }
}
