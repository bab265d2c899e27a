//! Session configuration: the JSON the JVM passes to `openSession`, and Spark conf keys settable later.

use sparkduck_analysis::{AnalysisConfig, SparkError};
use std::path::PathBuf;

/// Settings of one session. Every JSON key is optional:
/// `{"threads":2,"memory_limit":"4GB","temp_directory":"/tmp/x","time_zone":"UTC","ansi":true,
///   "case_sensitive":false,"extension_dir":"/path"}`.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionConfig {
    /// DuckDB worker threads (DuckDB's default: the number of cores).
    pub threads: Option<u32>,
    /// DuckDB `memory_limit`, e.g. "4GB".
    pub memory_limit: Option<String>,
    /// Where DuckDB spills.
    pub temp_directory: Option<String>,
    /// `spark.sql.session.timeZone`.
    pub time_zone: String,
    /// `spark.sql.ansi.enabled`.
    pub ansi: bool,
    /// `spark.sql.caseSensitive`.
    pub case_sensitive: bool,
    /// Directory of `<name>.duckdb_extension` files; extensions are never downloaded.
    pub extension_dir: Option<PathBuf>,
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig {
            threads: None,
            memory_limit: None,
            temp_directory: None,
            time_zone: "UTC".to_string(),
            ansi: true,
            case_sensitive: false,
            extension_dir: None,
        }
    }
}

fn invalid_config(message: impl Into<String>) -> SparkError {
    SparkError::new("SPARKDUCK_INVALID_CONFIG", message).with_sql_state("22023")
}

impl SessionConfig {
    /// Parses the JSON form; an empty string means all defaults. Unknown keys are rejected (they are typos).
    pub fn from_json(json: &str) -> Result<SessionConfig, SparkError> {
        let mut config = SessionConfig::default();
        if json.trim().is_empty() {
            return Ok(config);
        }
        let value: serde_json::Value = serde_json::from_str(json)
            .map_err(|e| invalid_config(format!("session configuration is not JSON: {e}")))?;
        let object = value
            .as_object()
            .ok_or_else(|| invalid_config("session configuration must be a JSON object"))?;
        for (key, value) in object {
            let string = || {
                value
                    .as_str()
                    .map(str::to_string)
                    .ok_or_else(|| invalid_config(format!("\"{key}\" must be a string")))
            };
            let boolean = || {
                value
                    .as_bool()
                    .ok_or_else(|| invalid_config(format!("\"{key}\" must be true or false")))
            };
            match key.as_str() {
                "threads" => {
                    let n = value
                        .as_u64()
                        .filter(|n| (1..=4096).contains(n))
                        .ok_or_else(|| {
                            invalid_config("\"threads\" must be an integer from 1 to 4096")
                        })?;
                    config.threads = Some(n as u32);
                }
                "memory_limit" => config.memory_limit = Some(string()?),
                "temp_directory" => config.temp_directory = Some(string()?),
                "time_zone" => config.time_zone = string()?,
                "ansi" => config.ansi = boolean()?,
                "case_sensitive" => config.case_sensitive = boolean()?,
                "extension_dir" => config.extension_dir = Some(PathBuf::from(string()?)),
                _ => {
                    return Err(invalid_config(format!(
                        "unknown session configuration key \"{key}\""
                    )))
                }
            }
        }
        Ok(config)
    }

    pub fn analysis_config(&self) -> AnalysisConfig {
        AnalysisConfig {
            ansi: self.ansi,
            case_sensitive: self.case_sensitive,
            session_time_zone: self.time_zone.clone(),
        }
    }
}

/// Parses a Spark boolean conf value as Spark does (case-insensitive true/false).
pub(crate) fn parse_spark_bool(key: &str, value: &str) -> Result<bool, SparkError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(SparkError::new(
            "INVALID_CONF_VALUE.BOOLEAN",
            format!("The value '{value}' in the config \"{key}\" is invalid. The value must be true or false."),
        )
        .with_sql_state("22022")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key() {
        let c = SessionConfig::from_json(
            r#"{"threads":2,"memory_limit":"4GB","temp_directory":"/tmp/x","time_zone":"America/New_York",
                "ansi":false,"case_sensitive":true,"extension_dir":"/ext"}"#,
        )
        .unwrap();
        assert_eq!(c.threads, Some(2));
        assert_eq!(c.memory_limit.as_deref(), Some("4GB"));
        assert_eq!(c.temp_directory.as_deref(), Some("/tmp/x"));
        assert_eq!(c.time_zone, "America/New_York");
        assert!(!c.ansi);
        assert!(c.case_sensitive);
        assert_eq!(c.extension_dir, Some(PathBuf::from("/ext")));
    }

    #[test]
    fn empty_means_defaults_and_bad_input_is_an_error() {
        assert_eq!(
            SessionConfig::from_json("").unwrap(),
            SessionConfig::default()
        );
        assert_eq!(
            SessionConfig::from_json("{}").unwrap(),
            SessionConfig::default()
        );
        for bad in [
            "[1]",
            "{\"threads\":0}",
            "{\"threads\":\"2\"}",
            "{\"ansi\":1}",
            "{\"nope\":1}",
            "{",
        ] {
            let e = SessionConfig::from_json(bad).unwrap_err();
            assert_eq!(e.error_class, "SPARKDUCK_INVALID_CONFIG", "{bad}");
        }
    }

    #[test]
    fn spark_booleans() {
        assert!(parse_spark_bool("k", "TRUE").unwrap());
        assert!(!parse_spark_bool("k", "false").unwrap());
        assert_eq!(
            parse_spark_bool("k", "yes").unwrap_err().error_class,
            "INVALID_CONF_VALUE.BOOLEAN"
        );
    }
}
