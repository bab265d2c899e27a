#!/usr/bin/env bash
# Set-up step 2 of 2: build the native library (release) and the JVM jar, with libduckdb.so and DuckDB's
# extensions packed in. Needs scripts/setup.sh first. Build outputs stay in the cache, outside the clone.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$SPARKDUCK_ROOT"

echo "build: native (cargo, release)"
cargo build --release -p sparkduck-ffi -p sparkduck-tools

# Stage what the jar carries (layout in docs/contracts.md); Maven packs $SPARKDUCK_CACHE/stage as resources.
stage="$SPARKDUCK_CACHE/stage/sparkduck"
mkdir -p "$stage/native/linux-x86_64" "$stage/extensions"
cp -f "$CARGO_TARGET_DIR/release/libsparkduck.so" "$DUCKDB_LIB_DIR/libduckdb.so" "$stage/native/linux-x86_64/"
for ext in $DUCKDB_EXTENSIONS; do cp -f "$DUCKDB_EXTENSION_DIR/$ext.duckdb_extension" "$stage/extensions/"; done

echo "build: JVM (maven)"
mvn_ install -DskipTests

# Install the launcher's runtime beside bin/sparkduck-submit (outside the clone).
dist="$SPARKDUCK_CACHE/dist"
rm -rf "$dist.new" && mkdir -p "$dist.new/lib" "$dist.new/launcher"
cp "$SPARKDUCK_ROOT"/launcher/target/runtime-jars/*.jar "$dist.new/lib/"
cp "$SPARKDUCK_ROOT"/launcher/target/sparkduck-launcher_2.13-*.jar "$dist.new/launcher/"
sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' "$SPARKDUCK_ROOT/pom.xml" > "$dist.new/jvm-options"
rm -rf "$dist" && mv "$dist.new" "$dist"
echo "build: done (launcher: $SPARKDUCK_ROOT/bin/sparkduck-submit)"
