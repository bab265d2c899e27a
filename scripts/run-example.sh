#!/usr/bin/env bash
# Runs the example job SalesPipeline (read CSV, clean, join, aggregate, window, write Parquet, print the result) on
# sparkduck, the embedded default, through bin/sparkduck-submit: the job's jar is compiled against plain Spark only.
# Needs scripts/setup.sh and scripts/build.sh first. Output Parquet goes to a temporary directory (or $1).
set -euo pipefail
source "$(dirname "$0")/env.sh"
jar="$SPARKDUCK_ROOT/examples-spark/target/sparkduck-examples-spark_2.13-0.1.0-SNAPSHOT.jar"
[ -f "$jar" ] || { echo "run-example: build first: scripts/build.sh" >&2; exit 1; }
out="${1:-$(mktemp -d)/sales-by-customer}"
echo "run-example: SalesPipeline on examples/data, Parquet output in $out" >&2
exec "$SPARKDUCK_ROOT/bin/sparkduck-submit" --master 'local[2]' --class org.sparkduck.examples.SalesPipeline \
  "$jar" "$SPARKDUCK_ROOT/examples/data" "$out"
