#!/usr/bin/env bash
# TPC-H benchmark: sparkduck vs Spark classic local[*] (the same DataFrame code) vs native DuckDB (the tpch
# extension's SQL on the same files, same library). Not run in CI. Needs scripts/setup.sh and scripts/build.sh.
#
# usage: scripts/bench-tpch.sh [scale factor ...]        (default: 1)
# environment: RUNS (timed runs per query, default 5), QUERIES (e.g. 1,3,6; default all 22),
#              ENGINES (default "sparkduck spark duckdb"), HEAP (JVM -Xmx, default 8g), JAVA_OPTS (extra JVM flags)
# Writes docs/benchmark-tpch.md and docs/benchmark-tpch.csv; raw measurements go to $SPARKDUCK_CACHE/bench/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$SPARKDUCK_ROOT"
scale_factors=("${@:-1}")
runs="${RUNS:-5}"
engines="${ENGINES:-sparkduck spark duckdb}"

echo "bench-tpch: compiling the benchmark (tests module)"
mvn_ -pl tests test-compile
mvn_ -pl tests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
classpath="tests/target/test-classes:$(cat tests/target/test-classpath.txt)"
opens="$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' pom.xml)"

raw="$SPARKDUCK_CACHE/bench/tpch-$(date -u +%Y%m%dT%H%M%SZ).csv"
mkdir -p "$(dirname "$raw")"
for sf in "${scale_factors[@]}"; do
  data="$SPARKDUCK_CACHE/data/tpch-sf$sf"
  if [ ! -d "$data/lineitem" ]; then
    echo "bench-tpch: generating TPC-H SF $sf into $data"
    rm -rf "$data.tmp"
    "$CARGO_TARGET_DIR/release/tpch-gen" "$sf" "$data.tmp" >/dev/null
    mv "$data.tmp" "$data"
  fi
  for engine in $engines; do
    echo "bench-tpch: SF $sf on $engine ($runs runs per query)"
    # shellcheck disable=SC2086
    java $opens "-Xmx${HEAP:-8g}" ${JAVA_OPTS:-} -cp "$classpath" \
      org.apache.spark.sql.duckdb.tests.sparkduckonly.TpchBenchmark run "$engine" "$data" "$sf" "$runs" "$raw" \
      ${QUERIES:-}
  done
done
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -cp "$classpath" org.apache.spark.sql.duckdb.tests.sparkduckonly.TpchBenchmark report "$raw" \
  docs/benchmark-tpch.csv docs/benchmark-tpch.md
cat docs/benchmark-tpch.md
echo "bench-tpch: raw measurements in $raw; results in docs/benchmark-tpch.md and docs/benchmark-tpch.csv"
