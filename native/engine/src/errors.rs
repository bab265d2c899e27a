//! DuckDB errors → Spark's error classes.
//!
//! Translated SQL raises Spark's errors itself with `error('[CLASS] message')`; those come back as DuckDB
//! "Invalid Input Error"s and keep their class and message. DuckDB's own runtime errors are mapped by type.

use crate::duckdb::DuckDbError;
use libduckdb_sys as ffi;
use sparkduck_analysis::SparkError;

/// Class for DuckDB errors Spark has no class for; the message keeps DuckDB's text.
pub const EXECUTION_ERROR: &str = "SPARKDUCK_EXECUTION_ERROR";

/// DuckDB formats messages as `<Type> Error: <text>`; Spark users should see only the text.
fn strip_duckdb_prefix(message: &str) -> &str {
    match message.find(" Error: ") {
        Some(pos) if pos <= 40 && !message[..pos].contains('[') => {
            &message[pos + " Error: ".len()..]
        }
        _ => message,
    }
}

/// `[CLASS] message` at the start of a message raised by translated SQL (the class is upper case, dots and
/// underscores allowed). A trailing ` SQLSTATE: xxxxx` becomes the SQL state.
fn parse_spark_error(text: &str) -> Option<SparkError> {
    let rest = text.strip_prefix('[')?;
    let end = rest.find(']')?;
    let class = &rest[..end];
    let is_class = !class.is_empty()
        && class
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '.');
    if !is_class {
        return None;
    }
    let mut message = rest[end + 1..].trim_start();
    let mut sql_state = None;
    if let Some(pos) = message.rfind(" SQLSTATE: ") {
        let state = &message[pos + " SQLSTATE: ".len()..];
        if state.len() == 5 && state.chars().all(|c| c.is_ascii_alphanumeric()) {
            sql_state = Some(state.to_string());
            message = &message[..pos];
        }
    }
    let mut error = SparkError::new(class, message);
    error.sql_state = sql_state.or_else(|| default_sql_state(class).map(str::to_string));
    Some(error)
}

fn default_sql_state(class: &str) -> Option<&'static str> {
    Some(match class {
        "DIVIDE_BY_ZERO" => "22012",
        "ARITHMETIC_OVERFLOW" => "22003",
        "NUMERIC_VALUE_OUT_OF_RANGE" => "22003",
        "CAST_INVALID_INPUT" => "22018",
        "CAST_OVERFLOW" => "22003",
        "INVALID_ARRAY_INDEX" => "22003",
        "PATH_NOT_FOUND" => "42K03",
        _ => return None,
    })
}

/// Maps a DuckDB error to Spark's form.
pub fn map_duckdb_error(error: &DuckDbError) -> SparkError {
    let text = strip_duckdb_prefix(&error.message);
    if let Some(spark) = parse_spark_error(text) {
        return spark;
    }
    // DuckDB's check of a scalar sub-query's rows (`scalar_subquery_error_on_multiple_rows`, on by default).
    if text.starts_with("More than one row returned by a subquery used as an expression") {
        return SparkError::new(
            "SCALAR_SUBQUERY_TOO_MANY_ROWS",
            "More than one row returned by a subquery used as an expression.",
        )
        .with_sql_state("21000");
    }
    match error.error_type {
        // Spark computes decimal arithmetic exactly and fails when the result does not fit its decimal type.
        ffi::duckdb_error_type_DUCKDB_ERROR_OUT_OF_RANGE if text.starts_with("Overflow") && text.contains("DECIMAL(") => {
            SparkError::new(
                "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
                format!(
                    "{text} If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error, and return NULL instead."
                ),
            )
            .with_sql_state("22003")
        }
        ffi::duckdb_error_type_DUCKDB_ERROR_OUT_OF_RANGE if text.starts_with("Overflow") => {
            SparkError::new("ARITHMETIC_OVERFLOW", text).with_sql_state("22003")
        }
        ffi::duckdb_error_type_DUCKDB_ERROR_OUT_OF_RANGE => {
            SparkError::new("NUMERIC_VALUE_OUT_OF_RANGE", text).with_sql_state("22003")
        }
        ffi::duckdb_error_type_DUCKDB_ERROR_DIVIDE_BY_ZERO => SparkError::new(
            "DIVIDE_BY_ZERO",
            "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead.",
        )
        .with_sql_state("22012"),
        ffi::duckdb_error_type_DUCKDB_ERROR_CONVERSION => {
            SparkError::new("CAST_INVALID_INPUT", text).with_sql_state("22018")
        }
        ffi::duckdb_error_type_DUCKDB_ERROR_IO => match missing_path(text) {
            Some(path) => crate::catalog::path_not_found(&path),
            None => SparkError::new(EXECUTION_ERROR, text),
        },
        ffi::duckdb_error_type_DUCKDB_ERROR_INTERRUPT => {
            SparkError::new("OPERATION_CANCELED", "Operation has been canceled.").with_sql_state("HY008")
        }
        ffi::duckdb_error_type_DUCKDB_ERROR_OUT_OF_MEMORY => {
            SparkError::new("SPARKDUCK_OUT_OF_MEMORY", text).with_sql_state("53200")
        }
        _ => SparkError::new(EXECUTION_ERROR, text),
    }
}

/// The path in DuckDB's "no such file" messages: `No files found that match the pattern "<p>"` or
/// `Cannot open file "<p>": No such file or directory`.
fn missing_path(text: &str) -> Option<String> {
    const PATTERN: &str = "No files found that match the pattern \"";
    if let Some(start) = text.find(PATTERN).map(|p| p + PATTERN.len()) {
        let end = text.rfind('"').filter(|end| *end >= start)?;
        return Some(text[start..end].to_string());
    }
    const FILE: &str = "file \"";
    let start = text.find(FILE)? + FILE.len();
    let end = text
        .find("\": No such file or directory")
        .filter(|end| *end >= start)?;
    Some(text[start..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duck(error_type: ffi::duckdb_error_type, message: &str) -> SparkError {
        map_duckdb_error(&DuckDbError::new(error_type, message))
    }

    #[test]
    fn spark_class_raised_by_sql_keeps_class_and_message() {
        let e = duck(
            ffi::duckdb_error_type_DUCKDB_ERROR_INVALID_INPUT,
            "Invalid Input Error: [DIVIDE_BY_ZERO] Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. SQLSTATE: 22012",
        );
        assert_eq!(e.error_class, "DIVIDE_BY_ZERO");
        assert_eq!(e.sql_state.as_deref(), Some("22012"));
        assert_eq!(
            e.message,
            "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead."
        );
        let e = duck(
            ffi::duckdb_error_type_DUCKDB_ERROR_INVALID_INPUT,
            "Invalid Input Error: [CAST_INVALID_INPUT.X] bad",
        );
        assert_eq!(
            (e.error_class.as_str(), e.message.as_str()),
            ("CAST_INVALID_INPUT.X", "bad")
        );
    }

    #[test]
    fn duckdb_types_map_to_spark_classes() {
        let e = duck(
            ffi::duckdb_error_type_DUCKDB_ERROR_OUT_OF_RANGE,
            "Out of Range Error: Overflow in addition of INT32 (2147483647 + 1)!",
        );
        assert_eq!(e.error_class, "ARITHMETIC_OVERFLOW");
        assert!(
            e.message.starts_with("Overflow in addition"),
            "{}",
            e.message
        );
        let e = duck(
            ffi::duckdb_error_type_DUCKDB_ERROR_OUT_OF_RANGE,
            "Out of Range Error: Overflow in multiplication of DECIMAL(38) (99 * 99). You might want to add an explicit cast",
        );
        assert_eq!(e.error_class, "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION");
        let e = duck(
            ffi::duckdb_error_type_DUCKDB_ERROR_CONVERSION,
            "Conversion Error: Could not convert string 'x' to INT32",
        );
        assert_eq!(e.error_class, "CAST_INVALID_INPUT");
        assert_eq!(e.message, "Could not convert string 'x' to INT32");
        let e = duck(
            ffi::duckdb_error_type_DUCKDB_ERROR_BINDER,
            "Binder Error: Referenced column \"x\" not found",
        );
        assert_eq!(e.error_class, EXECUTION_ERROR);
        assert_eq!(e.message, "Referenced column \"x\" not found");
        let e = duck(
            ffi::duckdb_error_type_DUCKDB_ERROR_IO,
            "IO Error: Cannot open file \"/a \"b\".csv\": No such file or directory",
        );
        assert_eq!(
            (e.error_class.as_str(), e.message.as_str()),
            ("PATH_NOT_FOUND", "Path does not exist: file:/a \"b\".csv.")
        );
        let e = duck(
            ffi::duckdb_error_type_DUCKDB_ERROR_IO,
            "IO Error: No files found that match the pattern \"/x/*.parquet\"",
        );
        assert_eq!(e.message, "Path does not exist: file:/x/*.parquet.");
        let e = duck(
            ffi::duckdb_error_type_DUCKDB_ERROR_IO,
            "IO Error: disk full",
        );
        assert_eq!(e.error_class, EXECUTION_ERROR);
    }

    #[test]
    fn scalar_subquery_with_several_rows_is_sparks_error() {
        let e = duck(
            ffi::duckdb_error_type_DUCKDB_ERROR_INVALID_INPUT,
            "Invalid Input Error: More than one row returned by a subquery used as an expression - scalar subqueries can only return a single row.\n\nUse \"SET scalar_subquery_error_on_multiple_rows=false\" to revert to previous behavior of returning a random row.",
        );
        assert_eq!(e.error_class, "SCALAR_SUBQUERY_TOO_MANY_ROWS");
        assert_eq!(e.sql_state.as_deref(), Some("21000"));
    }

    #[test]
    fn brackets_that_are_not_a_class_are_not_taken_for_one() {
        let e = duck(
            ffi::duckdb_error_type_DUCKDB_ERROR_INVALID_INPUT,
            "Invalid Input Error: [1, 2] is not valid",
        );
        assert_eq!(e.error_class, EXECUTION_ERROR);
        assert_eq!(e.message, "[1, 2] is not valid");
    }
}
