#!/usr/bin/env bash
# Runs every test: Rust unit/integration tests (incl. the C header drift check), then the JVM unit tests and the
# differential suites against Spark classic. Builds first (scripts/build.sh).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$SPARKDUCK_ROOT"
"$SPARKDUCK_ROOT/scripts/build.sh"

echo "test: cargo test --workspace"
cargo test --workspace --release

echo "test: maven (jvm unit tests, differential suites)"
mvn -B -Dmaven.repo.local="$MAVEN_REPO" install
echo "test: all passed"
