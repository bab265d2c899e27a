//! The JNI entry points called from a real JVM: javac compiles NativeBridge/NativeException from jvm/ and a small
//! driver, which loads libsparkduck.so from the cargo target directory.

use prost::Message;
use sparkduck_plan::proto;
use std::path::{Path, PathBuf};
use std::process::Command;

const DRIVER: &str = r#"
import org.apache.spark.sql.duckdb.internal.NativeBridge;
import org.apache.spark.sql.duckdb.internal.NativeException;

public final class JniDriver {
  static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }

  static NativeException expectNative(Runnable body) {
    try { body.run(); } catch (NativeException e) { return e; }
    throw new AssertionError("no NativeException");
  }

  static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    return out;
  }

  public static void main(String[] args) throws Exception {
    System.loadLibrary("sparkduck");
    String version = NativeBridge.version();
    check(version.startsWith("sparkduck ") && version.contains("DuckDB v1.5.5"), version);

    NativeException bad = expectNative(() -> NativeBridge.openSession("{\"threads\":\"x\"}"));
    check(bad.errorClass().equals("SPARKDUCK_INVALID_CONFIG"), bad.errorClass());

    long session = NativeBridge.openSession("{\"threads\":1,\"time_zone\":\"UTC\"}");
    check(session != 0, "handle");
    NativeBridge.setOption(session, "spark.sql.ansi.enabled", "false");
    NativeException tz = expectNative(() -> NativeBridge.setOption(session, "spark.sql.session.timeZone", "Nope/Nope"));
    check(tz.errorClass().equals("INVALID_CONF_VALUE.TIME_ZONE"), tz.errorClass());
    check("22022".equals(tz.sqlState()), String.valueOf(tz.sqlState()));

    byte[] range = hex(args[0]);
    String schema = NativeBridge.analyze(session, range);
    check(schema.contains("\"name\":\"id\"") && schema.contains("\"type\":\"long\""), schema);
    String sql = NativeBridge.explain(session, range);
    check(sql.toLowerCase().contains("range"), sql);

    NativeException plan = expectNative(() -> NativeBridge.analyze(session, new byte[] {(byte) 0xff, (byte) 0xff}));
    check(plan.errorClass().equals("SPARKDUCK_INVALID_PLAN"), plan.errorClass());
    NativeException nullPlan = expectNative(() -> NativeBridge.explain(session, null));
    check(nullPlan.errorClass().equals("SPARKDUCK_INVALID_ARGUMENT"), nullPlan.errorClass());
    NativeException noStream = expectNative(() -> NativeBridge.execute(session, range, 0L));
    check(noStream.errorClass().equals("SPARKDUCK_INVALID_ARGUMENT"), noStream.errorClass());

    NativeBridge.closeSession(session);
    NativeBridge.closeSession(session);
    NativeException closed = expectNative(() -> NativeBridge.analyze(session, range));
    check(closed.errorClass().equals("SPARKDUCK_INVALID_SESSION"), closed.errorClass());
    System.out.println("JNI OK");
  }
}
"#;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The directory holding the libsparkduck.so built for this test run (`cargo test` leaves it in target/<profile>/deps,
/// next to the test binary; target/<profile>/libsparkduck.so is only refreshed by `cargo build`).
fn library_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().to_path_buf();
    assert!(
        dir.join("libsparkduck.so").is_file(),
        "no libsparkduck.so in {}",
        dir.display()
    );
    dir
}

fn range_plan_hex() -> String {
    let plan = proto::Relation {
        common: Some(proto::RelationCommon {
            plan_id: Some(1),
            ..Default::default()
        }),
        rel_type: Some(proto::relation::RelType::Range(proto::Range {
            start: Some(0),
            end: 10,
            step: 1,
            num_partitions: None,
        })),
    };
    plan.encode_to_vec()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn native_bridge_from_a_jvm() {
    let work = std::env::temp_dir().join(format!("sparkduck-jni-{}", std::process::id()));
    std::fs::create_dir_all(&work).unwrap();
    std::fs::write(work.join("JniDriver.java"), DRIVER).unwrap();
    let internal = repo_root().join("jvm/src/main/java/org/apache/spark/sql/duckdb/internal");
    let javac = Command::new("javac")
        .arg("-d")
        .arg(&work)
        .arg(internal.join("NativeBridge.java"))
        .arg(internal.join("NativeException.java"))
        .arg(work.join("JniDriver.java"))
        .output()
        .expect("javac must be installed to test the JNI layer");
    assert!(
        javac.status.success(),
        "javac: {}",
        String::from_utf8_lossy(&javac.stderr)
    );
    let lib_dir = library_dir();
    let duckdb_dir = std::env::var("DUCKDB_LIB_DIR").expect("source scripts/env.sh");
    let run = Command::new("java")
        .arg("-Xcheck:jni")
        .arg(format!("-Djava.library.path={}", lib_dir.display()))
        .arg("-cp")
        .arg(&work)
        .arg("JniDriver")
        .arg(range_plan_hex())
        .env("LD_LIBRARY_PATH", duckdb_dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success() && stdout.contains("JNI OK"),
        "java failed:\n{stdout}\n{stderr}"
    );
    std::fs::remove_dir_all(work).unwrap();
}
