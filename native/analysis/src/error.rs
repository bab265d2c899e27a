//! Errors as Spark reports them: an error class (Spark's, where Spark has one) and a message.

use std::fmt;

/// An error that reaches the user. `Display` gives Spark's shape: `[ERROR_CLASS] message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SparkError {
    /// Spark's error class, e.g. `UNRESOLVED_COLUMN.WITH_SUGGESTION`, `DIVIDE_BY_ZERO`,
    /// `UNSUPPORTED_FEATURE` (sparkduck's own class for what is not supported yet: `SPARKDUCK_UNSUPPORTED`).
    pub error_class: String,
    /// SQLSTATE where Spark gives one.
    pub sql_state: Option<String>,
    pub message: String,
}

impl SparkError {
    pub fn new(error_class: impl Into<String>, message: impl Into<String>) -> Self {
        SparkError { error_class: error_class.into(), sql_state: None, message: message.into() }
    }
    pub fn with_sql_state(mut self, state: impl Into<String>) -> Self {
        self.sql_state = Some(state.into());
        self
    }
    /// What is not supported yet: names the operation, never approximates it.
    pub fn unsupported(what: impl fmt::Display) -> Self {
        SparkError::new("SPARKDUCK_UNSUPPORTED", format!("not supported yet by sparkduck: {what}"))
            .with_sql_state("0A000")
    }
    pub fn internal(message: impl Into<String>) -> Self {
        SparkError::new("INTERNAL_ERROR", message).with_sql_state("XX000")
    }
}

impl fmt::Display for SparkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.error_class, self.message)?;
        if let Some(state) = &self.sql_state {
            write!(f, " SQLSTATE: {state}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SparkError {}

pub type Result<T> = std::result::Result<T, SparkError>;
