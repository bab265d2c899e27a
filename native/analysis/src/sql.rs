//! Quoting for generated DuckDB SQL: every identifier and every string literal goes through here.

/// A DuckDB identifier: always double-quoted, embedded `"` doubled.
pub fn quote_ident(name: &str) -> String {
    let mut s = String::with_capacity(name.len() + 2);
    s.push('"');
    for c in name.chars() {
        if c == '"' {
            s.push('"');
        }
        s.push(c);
    }
    s.push('"');
    s
}

/// A DuckDB string literal: single-quoted, embedded `'` doubled (standard SQL: no backslash escapes).
pub fn quote_str(value: &str) -> String {
    let mut s = String::with_capacity(value.len() + 2);
    s.push('\'');
    for c in value.chars() {
        if c == '\'' {
            s.push('\'');
        }
        s.push(c);
    }
    s.push('\'');
    s
}

/// A string literal typed VARCHAR: DuckDB's bare literals are implicitly castable to any type, Spark's are not.
pub fn varchar_literal(value: &str) -> String {
    format!("CAST({} AS VARCHAR)", quote_str(value))
}

/// `error('<message>')` raising a Spark-classed error at run time (`[CLASS] message`).
pub fn error_call(error_class: &str, message: &str) -> String {
    format!("error({})", quote_str(&format!("[{error_class}] {message}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote_ident(r#"a"b"#), r#""a""b""#);
        assert_eq!(quote_str("x'; DROP TABLE t; --"), "'x''; DROP TABLE t; --'");
        assert_eq!(quote_str(r"a\'b"), r"'a\''b'");
    }
}
