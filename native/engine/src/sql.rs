//! Quoting for the little SQL the engine writes itself (temp tables, settings, file reads).

/// A DuckDB identifier, always quoted: `"` doubled inside.
pub fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A DuckDB string literal: `'` doubled inside (DuckDB does not treat backslashes specially).
pub fn quote_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_doubled() {
        assert_eq!(quote_identifier(r#"a"b"#), r#""a""b""#);
        assert_eq!(quote_literal("it's"), "'it''s'");
        assert_eq!(quote_literal(r"a\'"), r"'a\'''");
    }
}
