#!/usr/bin/env bash
# UDF benchmark: TPC-H queries with their arithmetic in Scala UDFs (udf { (x: Double, y: Double) => x * (1 - y) }),
# on sparkduck and on Spark classic local[*], and the same queries with built-in double arithmetic on sparkduck
# (the UDF overhead baseline). Not run in CI. Needs scripts/setup.sh and scripts/build.sh (native library and
# tpch-gen), like scripts/bench-tpch.sh.
#
# usage: scripts/bench-udf.sh [scale factor]            (default: 1)
# environment: RUNS (timed runs per query, default 5), QUERIES (default 1,3,5,6,10), HEAP (JVM -Xmx, default 8g),
#              JAVA_OPTS (extra JVM flags)
# Prints median wall times per query and the ratios Spark UDF / sparkduck UDF and sparkduck UDF / sparkduck built-in.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$SPARKDUCK_ROOT"
sf="${1:-1}"
runs="${RUNS:-5}"
queries="${QUERIES:-1,3,5,6,10}"

echo "bench-udf: compiling the benchmark (tests module)" >&2
mvn_ -pl tests test-compile
mvn_ -pl tests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
classpath="tests/target/test-classes:$(cat tests/target/test-classpath.txt)"
opens="$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' pom.xml)"

data="$SPARKDUCK_CACHE/data/tpch-sf$sf"
if [ ! -d "$data/lineitem" ]; then
  echo "bench-udf: generating TPC-H SF $sf into $data" >&2
  rm -rf "$data.tmp"
  "$CARGO_TARGET_DIR/release/tpch-gen" "$sf" "$data.tmp" >/dev/null
  mv "$data.tmp" "$data"
fi

results="$(mktemp)"
for run in "sparkduck udf" "spark udf" "sparkduck builtin"; do
  set -- $run
  echo "bench-udf: SF $sf, $1 with the $2 form ($runs runs per query)" >&2
  # shellcheck disable=SC2086
  java $opens "-Xmx${HEAP:-8g}" ${JAVA_OPTS:-} -cp "$classpath" \
    org.apache.spark.sql.duckdb.tests.sparkduckonly.UdfBenchmark "$1" "$2" "$data" "$runs" "$queries" \
    | grep -E '^[a-z]+,[a-z]+,[0-9]+,' >> "$results"
done

echo
echo "TPC-H with Scala UDFs at SF $sf, median of $runs runs (ms); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -F, '
  { t[$1 "," $2 "," $3] = $4; if (!($3 in seen)) { seen[$3] = 1; keys[++n] = $3 } }
  END {
    printf "%-6s %16s %16s %20s %18s %22s\n", "query", "sparkduck UDF", "Spark UDF", "sparkduck built-in", \
      "Spark/sparkduck", "UDF/built-in (sparkduck)"
    for (i = 1; i <= n; i++) {
      k = keys[i]; su = t["sparkduck,udf," k]; pu = t["spark,udf," k]; sb = t["sparkduck,builtin," k]
      printf "Q%-5s %16.1f %16.1f %20.1f %17.1fx %21.2fx\n", k, su, pu, sb, pu / su, su / sb
      tsu += su; tpu += pu; tsb += sb
    }
    printf "%-6s %16.1f %16.1f %20.1f %17.1fx %21.2fx\n", "total", tsu, tpu, tsb, tpu / tsu, tsu / tsb
  }' "$results"
echo
echo "raw lines (engine,form,query,median_ms,rows):"
cat "$results"
rm -f "$results"
