#!/usr/bin/env bash
# Set-up step 1 of 2: fetch every pinned third-party piece from the public registries into the cache
# ($SPARKDUCK_CACHE, default ~/.cache/sparkduck). Idempotent: what is already there is kept.
#   - libduckdb.so 1.5.5 (official build, from npm @duckdb/node-bindings-linux-x64)
#   - DuckDB's official extensions 1.5.5 (from the PyPI wheels duckdb-extension-*)
#   - Spark Connect .proto files of the pinned Spark release (from the published spark-connect jar)
#   - the Rust crates (Maven downloads its dependencies during scripts/build.sh)
set -euo pipefail
source "$(dirname "$0")/env.sh"
mkdir -p "$SPARKDUCK_CACHE"

fetch_duckdb_lib() {
  [ -f "$DUCKDB_LIB_DIR/libduckdb.so" ] && return 0
  local tmp; tmp="$(mktemp -d)"
  echo "setup: libduckdb.so $DUCKDB_NPM_VERSION from npm"
  curl -fsSL "https://registry.npmjs.org/@duckdb/node-bindings-linux-x64/-/node-bindings-linux-x64-$DUCKDB_NPM_VERSION.tgz" -o "$tmp/pkg.tgz"
  tar -xzf "$tmp/pkg.tgz" -C "$tmp"
  mkdir -p "$DUCKDB_LIB_DIR"
  cp "$tmp/package/libduckdb.so" "$DUCKDB_LIB_DIR/"
  # The C API header matching the library, for the bindings' reference (no bindgen at build time).
  find "$tmp/package" -name 'duckdb.h' -exec cp {} "$DUCKDB_LIB_DIR/" \; || true
  rm -rf "$tmp"
}

fetch_extensions() {
  mkdir -p "$DUCKDB_EXTENSION_DIR"
  local ext tmp
  for ext in $DUCKDB_EXTENSIONS; do
    [ -f "$DUCKDB_EXTENSION_DIR/$ext.duckdb_extension" ] && continue
    echo "setup: DuckDB extension $ext $DUCKDB_VERSION from PyPI"
    tmp="$(mktemp -d)"
    python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$tmp" "duckdb-extension-$ext==$DUCKDB_VERSION"
    (cd "$tmp" && python3 -m zipfile -e ./*.whl unpacked)
    cp "$(find "$tmp/unpacked" -name "$ext.duckdb_extension" | head -n1)" "$DUCKDB_EXTENSION_DIR/"
    rm -rf "$tmp"
  done
}

fetch_spark_protos() {
  [ -f "$SPARK_CONNECT_PROTO_DIR/spark/connect/relations.proto" ] && return 0
  echo "setup: Spark Connect protos of Spark $SPARK_VERSION from Maven Central"
  local tmp; tmp="$(mktemp -d)"
  curl -fsSL "https://repo1.maven.org/maven2/org/apache/spark/spark-connect_2.13/$SPARK_VERSION/spark-connect_2.13-$SPARK_VERSION.jar" -o "$tmp/connect.jar"
  mkdir -p "$SPARK_CONNECT_PROTO_DIR"
  (cd "$SPARK_CONNECT_PROTO_DIR" && unzip -o -q "$tmp/connect.jar" 'spark/connect/*.proto')
  rm -rf "$tmp"
}

# Test fixtures that DuckDB cannot write (Parquet INT96 timestamps, as Spark writes them) come from pyarrow.
install_test_tools() {
  python3 -c 'import pyarrow' 2>/dev/null && return 0
  echo "setup: pyarrow (test fixtures) from PyPI"
  python3 -m pip install --quiet --user "pyarrow==26.0.1"
}

fetch_duckdb_lib
fetch_extensions
install_test_tools
fetch_spark_protos
echo "setup: Rust crates"
(cd "$SPARKDUCK_ROOT" && cargo fetch --locked 2>/dev/null || cargo fetch)
echo "setup: done ($SPARKDUCK_CACHE)"
