//! Compiles Spark Connect's .proto files with prost. The files are not in this repository: scripts/setup.sh
//! extracts them from the published Spark jar of the pinned version into $SPARK_CONNECT_PROTO_DIR.
//! protox parses them in pure Rust, so no protoc binary is needed.
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=SPARK_CONNECT_PROTO_DIR");
    let dir = std::env::var("SPARK_CONNECT_PROTO_DIR").map(PathBuf::from).unwrap_or_else(|_| {
        let home = std::env::var("HOME").expect("HOME");
        let pom = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../pom.xml")).expect("root pom.xml");
        let version = pom
            .split("<spark.version>")
            .nth(1)
            .and_then(|s| s.split("</spark.version>").next())
            .expect("spark.version in pom.xml");
        PathBuf::from(home).join(format!(".cache/sparkduck/spark-{version}/proto"))
    });
    // commands.proto: `Command`/`WriteOperation` (writes are commands, see docs/contracts.md).
    let files = [
        "spark/connect/relations.proto",
        "spark/connect/expressions.proto",
        "spark/connect/types.proto",
        "spark/connect/commands.proto",
    ];
    for f in &files {
        let p = dir.join(f);
        if !p.exists() {
            panic!("{} not found: run scripts/setup.sh (or set SPARK_CONNECT_PROTO_DIR)", p.display());
        }
        println!("cargo:rerun-if-changed={}", p.display());
    }
    let fds = protox::compile(files, [&dir]).expect("compile Spark Connect protos");
    prost_build::Config::new()
        .compile_fds(fds)
        .expect("generate Rust for Spark Connect protos");
}
