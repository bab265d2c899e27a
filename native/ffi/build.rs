// libsparkduck.so finds libduckdb.so in its own directory (both are extracted side by side from the jar).
fn main() {
    println!("cargo:rustc-link-arg-cdylib=-Wl,-rpath,$ORIGIN");
}
