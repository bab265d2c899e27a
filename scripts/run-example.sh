#!/usr/bin/env bash
# Runs the example job (TPC-H Q1 written in Spark's DataFrame API) on sparkduck, the embedded default.
# Generates TPC-H data at scale factor 0.01 on first use. Needs scripts/setup.sh and scripts/build.sh first.
set -euo pipefail
source "$(dirname "$0")/env.sh"
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
