//! Quoting for the little SQL the engine writes itself (temp tables, settings, file reads): the same functions that
//! quote every identifier and literal the translator emits, so there is one implementation to get right.

pub use sparkduck_analysis::sql::{quote_ident as quote_identifier, quote_str as quote_literal};

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
