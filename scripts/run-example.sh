#!/usr/bin/env bash
# Runs the example job on sparkduck, the embedded default: SalesPipeline (examples-spark/), a job compiled against
# plain Spark only (read CSV, clean, join, aggregate, rank with a window, write Parquet, read it back and print it),
# through bin/sparkduck-submit exactly as spark-submit would run it. Input: examples/data; output: a Parquet
# directory under ~/.cache/sparkduck/out. Needs scripts/setup.sh and scripts/build.sh first.
# `scripts/run-example.sh q1` runs the other example instead: TPC-H Q1 (examples/, sparkduck's builder in code)
# on generated SF 0.01 data.
set -euo pipefail
source "$(dirname "$0")/env.sh"
if [ "${1:-}" = "q1" ]; then
  data="$SPARKDUCK_CACHE/data/tpch-sf0.01"
  if [ ! -d "$data/lineitem" ]; then
    "$CARGO_TARGET_DIR/release/tpch-gen" 0.01 "$data" >/dev/null
  fi
  cp_file="$SPARKDUCK_ROOT/examples/target/runtime-classpath.txt"
  [ -f "$cp_file" ] || { echo "run-example: build first: scripts/build.sh" >&2; exit 1; }
  opens="$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' "$SPARKDUCK_ROOT/pom.xml")"
  # shellcheck disable=SC2086
  exec java $opens -cp "$SPARKDUCK_ROOT/examples/target/classes:$(cat "$cp_file")" \
    org.sparkduck.examples.PricingSummary "$data"
fi
jar="$(ls "$SPARKDUCK_ROOT"/examples-spark/target/sparkduck-examples-spark_2.13-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -1 || true)"
[ -n "$jar" ] || { echo "run-example: build first: scripts/build.sh" >&2; exit 1; }
exec "$SPARKDUCK_ROOT/bin/sparkduck-submit" --master 'local[*]' --class org.sparkduck.examples.SalesPipeline "$jar" \
  "$SPARKDUCK_ROOT/examples/data" "$SPARKDUCK_CACHE/out/sales-pipeline"
