# Sourced by every project script: where the pinned third-party pieces and the build caches live.
# Caches stay outside the clone so that CI and later sessions reuse them.
SPARKDUCK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SPARKDUCK_ROOT
export SPARKDUCK_CACHE="${SPARKDUCK_CACHE:-$HOME/.cache/sparkduck}"

# Pinned versions. The Spark version is read from the root pom (one property, one place).
export DUCKDB_VERSION=1.5.5
export DUCKDB_NPM_VERSION=1.5.5-r.5
export DUCKDB_EXTENSIONS="delta iceberg ducklake httpfs tpch tpcds"
SPARK_VERSION="$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$SPARKDUCK_ROOT/pom.xml" | head -n1)"
export SPARK_VERSION

export DUCKDB_LIB_DIR="$SPARKDUCK_CACHE/duckdb-$DUCKDB_VERSION/lib"
export DUCKDB_EXTENSION_DIR="$SPARKDUCK_CACHE/duckdb-$DUCKDB_VERSION/extensions"
export SPARK_CONNECT_PROTO_DIR="$SPARKDUCK_CACHE/spark-$SPARK_VERSION/proto"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$SPARKDUCK_CACHE/cargo-target}"
export MAVEN_REPO="${MAVEN_REPO:-$SPARKDUCK_CACHE/m2}"
# Tests and tools that run Rust binaries linked against libduckdb.so find it here.
export LD_LIBRARY_PATH="$DUCKDB_LIB_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

mvn_() { mvn -B -q -Dmaven.repo.local="$MAVEN_REPO" "$@"; }
