//! A sparkduck session: one in-memory DuckDB database, a fresh connection per query (so any number of JVM threads
//! may use a session at once), Spark settings that change analysis, and extensions loaded from local files.

use crate::catalog::DuckDbCatalog;
use crate::config::{parse_spark_bool, SessionConfig};
use crate::duckdb::{Connection, Database, DuckDbError, PreparedStatement};
use crate::errors::map_duckdb_error;
use crate::spark_types::spark_type_of_result_type;
use crate::sql::{quote_identifier, quote_literal};
use crate::stream::ResultStream;
use arrow::array::RecordBatchReader;
use arrow::ffi_stream::FFI_ArrowArrayStream;
use sparkduck_analysis::{translate, Field, LocalTable, SparkError, Translated};
use std::collections::HashSet;
use std::io::Cursor;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

/// The schema and the batches of a running query.
pub struct QueryResult {
    /// Spark's output schema.
    pub schema: Vec<Field>,
    /// Batches in order; columns by position are `schema`'s. Keeps the query's DuckDB state alive until dropped.
    pub reader: Box<dyn RecordBatchReader + Send>,
}

pub struct Session {
    database: Arc<Database>,
    config: RwLock<SessionConfig>,
    loaded_extensions: Mutex<HashSet<String>>,
    udfs: crate::udf::SessionUdfs,
    cache: crate::cache::RelationCache,
}

fn invalid_plan(error: prost::DecodeError) -> SparkError {
    SparkError::new(
        "SPARKDUCK_INVALID_PLAN",
        format!("the plan is not a valid spark.connect.Relation: {error}"),
    )
}

fn invalid_time_zone(zone: &str) -> SparkError {
    SparkError::new(
        "INVALID_CONF_VALUE.TIME_ZONE",
        format!(
            "The value '{zone}' in the config \"spark.sql.session.timeZone\" is invalid. \
             Cannot resolve the given timezone."
        ),
    )
    .with_sql_state("22022")
}

/// Spark accepts zone offsets (`+08:00`, `-5`); DuckDB's TimeZone takes only zone names. Whole-hour offsets have
/// one (`Etc/GMT-8` is UTC+8: the sign is inverted in those names); other offsets are refused, never rounded.
fn duckdb_time_zone(zone: &str) -> Result<String, SparkError> {
    let Some(sign) = zone.chars().next().filter(|c| *c == '+' || *c == '-') else {
        return Ok(zone.to_string());
    };
    let parts: Vec<&str> = zone[1..].split(':').collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse::<u32>().ok()).collect();
    let invalid = || invalid_time_zone(zone);
    let numbers = numbers
        .filter(|n| !n.is_empty() && n.len() <= 3)
        .ok_or_else(invalid)?;
    let (hours, rest) = (numbers[0], &numbers[1..]);
    if hours > 18 || rest.iter().any(|n| *n > 59) {
        return Err(invalid());
    }
    if rest.iter().any(|n| *n != 0) || hours > 14 {
        return Err(SparkError::unsupported(format!(
            "session time zone offset {zone} (only whole hours)"
        )));
    }
    Ok(match (hours, sign) {
        (0, _) => "UTC".to_string(),
        (h, '+') => format!("Etc/GMT-{h}"),
        (h, _) => format!("Etc/GMT+{h}"),
    })
}

impl Session {
    pub fn open(config: SessionConfig) -> Result<Session, SparkError> {
        let mut options: Vec<(&str, String)> = vec![
            // Extensions come only from local files (`LOAD '<path>'`), never from the network.
            ("autoinstall_known_extensions", "false".into()),
            ("autoload_known_extensions", "false".into()),
            ("allow_community_extensions", "false".into()),
            // Arrow output as docs/contracts.md wants it: plain Utf8/Binary/List, 32-bit offsets.
            ("produce_arrow_string_view", "false".into()),
            ("arrow_large_buffer_size", "false".into()),
            ("arrow_output_list_view", "false".into()),
            ("arrow_lossless_conversion", "false".into()),
        ];
        if let Some(threads) = config.threads {
            options.push(("threads", threads.to_string()));
        }
        if let Some(limit) = &config.memory_limit {
            options.push(("memory_limit", limit.clone()));
        }
        if let Some(dir) = &config.temp_directory {
            options.push(("temp_directory", dir.clone()));
        }
        let database = Database::open_in_memory(&options).map_err(|e| {
            SparkError::new(
                "SPARKDUCK_INVALID_CONFIG",
                format!("could not open DuckDB: {}", e.message),
            )
        })?;
        let session = Session {
            database,
            config: RwLock::new(config.clone()),
            loaded_extensions: Mutex::new(HashSet::new()),
            udfs: crate::udf::SessionUdfs::default(),
            cache: crate::cache::RelationCache::default(),
        };
        session.check_time_zone(&config.time_zone)?;
        Ok(session)
    }

    /// Parses the JSON configuration (see [`SessionConfig::from_json`]) and opens.
    pub fn open_json(json: &str) -> Result<Session, SparkError> {
        Session::open(SessionConfig::from_json(json)?)
    }

    pub fn config(&self) -> SessionConfig {
        self.config
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn check_time_zone(&self, zone: &str) -> Result<(), SparkError> {
        let connection = self.database.connect().map_err(|e| map_duckdb_error(&e))?;
        let duckdb_zone = duckdb_time_zone(zone)?;
        connection
            .execute_batch(&format!(
                "SET SESSION TimeZone = {}",
                quote_literal(&duckdb_zone)
            ))
            .map_err(|_| invalid_time_zone(zone))
    }

    /// The session's UDFs: the JVM callback and the functions registered by name.
    pub fn udfs(&self) -> &crate::udf::SessionUdfs {
        &self.udfs
    }

    /// Registers a UDF by name (`spark.udf.register`): a serialized `CommonInlineUserDefinedFunction`.
    pub fn register_function(&self, name: &str, udf: &[u8]) -> Result<(), SparkError> {
        use prost::Message;
        let mut udf = sparkduck_plan::proto::CommonInlineUserDefinedFunction::decode(udf).map_err(|e| {
            SparkError::new(
                "SPARKDUCK_INVALID_PLAN",
                format!("the function is not a valid spark.connect.CommonInlineUserDefinedFunction: {e}"),
            )
        })?;
        udf.arguments.clear();
        self.udfs.register_name(name, udf);
        Ok(())
    }

    /// A plain connection of the session's database (tests run SQL on it directly).
    #[cfg(test)]
    pub(crate) fn database_connection(&self) -> Result<Connection, SparkError> {
        self.connect(&self.config())
    }

    /// Sets a Spark conf for later calls. Unknown keys are ignored (they do not change what sparkduck does).
    pub fn set_option(&self, key: &str, value: &str) -> Result<(), SparkError> {
        match key {
            "spark.sql.ansi.enabled" => {
                let ansi = parse_spark_bool(key, value)?;
                self.config.write().unwrap_or_else(|p| p.into_inner()).ansi = ansi;
            }
            "spark.sql.caseSensitive" => {
                let case_sensitive = parse_spark_bool(key, value)?;
                self.config
                    .write()
                    .unwrap_or_else(|p| p.into_inner())
                    .case_sensitive = case_sensitive;
            }
            "spark.sql.session.timeZone" => {
                self.check_time_zone(value)?;
                self.config
                    .write()
                    .unwrap_or_else(|p| p.into_inner())
                    .time_zone = value.to_string();
            }
            _ => {}
        }
        Ok(())
    }

    /// A connection for one query, with the session's time zone.
    fn connect(&self, config: &SessionConfig) -> Result<Connection, SparkError> {
        let connection = self.database.connect().map_err(|e| map_duckdb_error(&e))?;
        connection
            .execute_batch(&format!(
                "SET SESSION TimeZone = {}",
                quote_literal(&duckdb_time_zone(&config.time_zone)?)
            ))
            .map_err(|e| map_duckdb_error(&e))?;
        Ok(connection)
    }

    fn translate(
        &self,
        plan: &[u8],
        connection: &Connection,
        config: &SessionConfig,
    ) -> Result<Translated, SparkError> {
        let relation = sparkduck_plan::decode_relation(plan).map_err(invalid_plan)?;
        translate(
            &relation,
            &DuckDbCatalog { connection, udfs: &self.udfs, cache: &self.cache },
            &config.analysis_config(),
        )
    }

    /// Runs a serialized `spark.connect.Relation`, streaming its result.
    pub fn execute(&self, plan: &[u8]) -> Result<QueryResult, SparkError> {
        let config = self.config();
        let connection = self.connect(&config)?;
        let translated = self.translate(plan, &connection, &config)?;
        self.udfs.ensure_registered(&connection, &translated.udfs)?;
        self.run(
            connection,
            &translated.sql,
            translated.local_tables,
            translated.schema,
        )
    }

    /// Runs a serialized `spark.connect.Command` to completion. Supported: `write_operation` to file sources
    /// (see `write.rs`).
    pub fn execute_command(&self, command: &[u8]) -> Result<(), SparkError> {
        use prost::Message;
        use sparkduck_plan::proto;
        let command = proto::Command::decode(command).map_err(|e| {
            SparkError::new(
                "SPARKDUCK_INVALID_PLAN",
                format!("the command is not a valid spark.connect.Command: {e}"),
            )
        })?;
        let write = match command.command_type {
            Some(proto::command::CommandType::WriteOperation(write)) => write,
            _ => return Err(SparkError::unsupported("this Spark Connect command")),
        };
        let input = write
            .input
            .as_ref()
            .ok_or_else(|| SparkError::internal("WriteOperation without input"))?;
        let config = self.config();
        let connection = self.connect(&config)?;
        let translated = translate(
            input,
            &DuckDbCatalog {
                connection: &connection,
                udfs: &self.udfs,
                cache: &self.cache,
            },
            &config.analysis_config(),
        )?;
        register_local_tables(&connection, translated.local_tables)?;
        self.udfs.ensure_registered(&connection, &translated.udfs)?;
        crate::write::run_write(
            &connection,
            &write,
            &translated.sql,
            &translated.schema,
            config.case_sensitive,
        )?;
        // Spark re-caches the persisted plans that read a path it has just written (CacheManager.recacheByPath).
        if let Some(proto::write_operation::SaveType::Path(path)) = &write.save_type {
            self.recache_reading(path)?;
        }
        Ok(())
    }

    /// Recomputes the persisted relations whose plans mention `path` (a written directory).
    fn recache_reading(&self, path: &str) -> Result<(), SparkError> {
        for (relation, table) in self.cache.reading_path(path) {
            // Out of the cache while it is recomputed, or the plan would read its own table.
            if self.cache.remove(&relation).is_none() {
                continue;
            }
            let config = self.config();
            let connection = self.connect(&config)?;
            use prost::Message;
            let translated = self.translate(&relation.encode_to_vec(), &connection, &config)?;
            register_local_tables(&connection, translated.local_tables)?;
            self.udfs.ensure_registered(&connection, &translated.udfs)?;
            let columns: Vec<String> = (0..translated.schema.len()).map(|i| quote_identifier(&format!("col{i}"))).collect();
            let sql = translated.sql.trim_end().trim_end_matches(';');
            connection
                .execute_batch(&format!(
                    "CREATE OR REPLACE TABLE {} AS SELECT * FROM ({sql}) AS q({})",
                    quote_identifier(&table),
                    columns.join(", ")
                ))
                .map_err(|e| map_duckdb_error(&e))?;
            self.cache.insert(relation, table, translated.schema);
        }
        Ok(())
    }

    /// `Dataset.persist`: materializes the relation's result into a table that later plans containing the same
    /// relation read (see `cache.rs`). Persisting a persisted relation again does nothing, as in Spark.
    pub fn persist(&self, plan: &[u8]) -> Result<(), SparkError> {
        let relation = sparkduck_plan::decode_relation(plan).map_err(invalid_plan)?;
        if relation.common.as_ref().and_then(|c| c.plan_id).is_none() {
            return Err(SparkError::unsupported("persisting a plan without a plan id"));
        }
        if self.cache.lookup(&relation).is_some() {
            return Ok(());
        }
        let config = self.config();
        let connection = self.connect(&config)?;
        let translated = self.translate(plan, &connection, &config)?;
        if translated.schema.is_empty() {
            return Err(SparkError::unsupported("persisting a Dataset without columns"));
        }
        register_local_tables(&connection, translated.local_tables)?;
        self.udfs.ensure_registered(&connection, &translated.udfs)?;
        // Prepared first: loads an extension the query needs, as for any query.
        drop(self.prepare(&connection, &translated.sql)?);
        let table = self.cache.next_table_name();
        let columns: Vec<String> = (0..translated.schema.len()).map(|i| quote_identifier(&format!("col{i}"))).collect();
        let sql = translated.sql.trim_end().trim_end_matches(';');
        connection
            .execute_batch(&format!(
                "CREATE TABLE {} AS SELECT * FROM ({sql}) AS q({})",
                quote_identifier(&table),
                columns.join(", ")
            ))
            .map_err(|e| map_duckdb_error(&e))?;
        self.cache.insert(relation, table, translated.schema);
        Ok(())
    }

    /// `Dataset.unpersist`: forgets the relation's table; true when it was persisted.
    pub fn unpersist(&self, plan: &[u8]) -> Result<bool, SparkError> {
        let relation = sparkduck_plan::decode_relation(plan).map_err(invalid_plan)?;
        let Some(table) = self.cache.remove(&relation) else { return Ok(false) };
        self.drop_tables(&[table])?;
        Ok(true)
    }

    /// `spark.catalog.clearCache`: forgets every persisted relation.
    pub fn clear_cache(&self) -> Result<(), SparkError> {
        let tables = self.cache.clear();
        self.drop_tables(&tables)
    }

    fn drop_tables(&self, tables: &[String]) -> Result<(), SparkError> {
        if tables.is_empty() {
            return Ok(());
        }
        let connection = self.connect(&self.config())?;
        for t in tables {
            connection
                .execute_batch(&format!("DROP TABLE IF EXISTS {}", quote_identifier(t)))
                .map_err(|e| map_duckdb_error(&e))?;
        }
        Ok(())
    }

    /// Spark's output schema of a serialized Relation; nothing runs.
    pub fn analyze(&self, plan: &[u8]) -> Result<Vec<Field>, SparkError> {
        let config = self.config();
        let connection = self.connect(&config)?;
        Ok(self.translate(plan, &connection, &config)?.schema)
    }

    /// The DuckDB SQL of a serialized Relation; nothing runs.
    pub fn explain(&self, plan: &[u8]) -> Result<String, SparkError> {
        let config = self.config();
        let connection = self.connect(&config)?;
        Ok(self.translate(plan, &connection, &config)?.sql)
    }

    /// The Spark schema of a file source, as analysis sees it through the catalog.
    pub fn file_schema(
        &self,
        format: &str,
        paths: &[String],
        options: &std::collections::BTreeMap<String, String>,
    ) -> Result<Vec<Field>, SparkError> {
        use sparkduck_analysis::Catalog;
        let connection = self.connect(&self.config())?;
        DuckDbCatalog {
            connection: &connection,
            udfs: &self.udfs,
            cache: &self.cache,
        }
        .file_schema(format, paths, options)
    }

    /// The DuckDB query reading a file source, as analysis gets it through the catalog (`None`: analysis reads it
    /// itself).
    pub fn file_scan_sql(
        &self,
        format: &str,
        paths: &[String],
        options: &std::collections::BTreeMap<String, String>,
    ) -> Result<Option<String>, SparkError> {
        use sparkduck_analysis::Catalog;
        let connection = self.connect(&self.config())?;
        DuckDbCatalog {
            connection: &connection,
            udfs: &self.udfs,
            cache: &self.cache,
        }
        .file_scan_sql(format, paths, options)
    }

    /// Runs DuckDB SQL directly, with local tables registered under their names (for tests and benchmarks).
    /// Without `schema`, the Spark schema is derived from DuckDB's result types.
    pub fn execute_sql(
        &self,
        sql: &str,
        local_tables: Vec<LocalTable>,
        schema: Option<Vec<Field>>,
    ) -> Result<QueryResult, SparkError> {
        let config = self.config();
        let connection = self.connect(&config)?;
        match schema {
            Some(schema) => self.run(connection, sql, local_tables, schema),
            None => {
                register_local_tables(&connection, local_tables)?;
                let prepared = self.prepare(&connection, sql)?;
                let schema = (0..prepared.column_count())
                    .map(|i| {
                        let name = prepared.column_name(i);
                        let data_type =
                            spark_type_of_result_type(&prepared.column_logical_type(i), &name)?;
                        Ok(Field::new(name, data_type, true))
                    })
                    .collect::<Result<Vec<_>, SparkError>>()?;
                let stream = ResultStream::start(connection, prepared, &schema)?;
                Ok(QueryResult {
                    schema,
                    reader: Box::new(stream),
                })
            }
        }
    }

    fn run(
        &self,
        connection: Connection,
        sql: &str,
        local_tables: Vec<LocalTable>,
        schema: Vec<Field>,
    ) -> Result<QueryResult, SparkError> {
        register_local_tables(&connection, local_tables)?;
        let prepared = self.prepare(&connection, sql)?;
        let stream = ResultStream::start(connection, prepared, &schema)?;
        Ok(QueryResult {
            schema,
            reader: Box::new(stream),
        })
    }

    /// Prepares `sql`; when DuckDB says a function lives in an extension we ship, loads it from the extension
    /// directory and tries again.
    fn prepare(&self, connection: &Connection, sql: &str) -> Result<PreparedStatement, SparkError> {
        let mut tried = HashSet::new();
        loop {
            match connection.prepare(sql) {
                Ok(prepared) => return Ok(prepared),
                Err(error) => match extension_named_in(&error) {
                    Some(name)
                        if tried.insert(name.clone()) && self.extension_file(&name).is_ok() =>
                    {
                        self.load_extension(&name)?;
                    }
                    _ => return Err(map_duckdb_error(&error)),
                },
            }
        }
    }

    fn extension_file(&self, name: &str) -> Result<PathBuf, SparkError> {
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid {
            return Err(SparkError::new(
                "SPARKDUCK_EXTENSION_NOT_FOUND",
                format!("invalid extension name {name:?}"),
            ));
        }
        let dir = self
            .config()
            .extension_dir
            .or_else(|| std::env::var_os("DUCKDB_EXTENSION_DIR").map(PathBuf::from))
            .ok_or_else(|| {
                SparkError::new(
                    "SPARKDUCK_EXTENSION_NOT_FOUND",
                    format!("extension {name} is needed but no extension_dir is configured"),
                )
            })?;
        let file = dir.join(format!("{name}.duckdb_extension"));
        if !file.is_file() {
            return Err(SparkError::new(
                "SPARKDUCK_EXTENSION_NOT_FOUND",
                format!(
                    "extension {name} is needed but {} does not exist",
                    file.display()
                ),
            ));
        }
        Ok(file)
    }

    /// Loads `<extension_dir>/<name>.duckdb_extension` into the database (once; all connections see it).
    pub fn load_extension(&self, name: &str) -> Result<(), SparkError> {
        let mut loaded = self
            .loaded_extensions
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if loaded.contains(name) {
            return Ok(());
        }
        let file = self.extension_file(name)?;
        let connection = self.database.connect().map_err(|e| map_duckdb_error(&e))?;
        connection
            .execute_batch(&format!("LOAD {}", quote_literal(&file.to_string_lossy())))
            .map_err(|e| map_duckdb_error(&e))?;
        loaded.insert(name.to_string());
        Ok(())
    }
}

/// The extension DuckDB's error names as the home of a missing function or type, e.g. `... but it exists in the
/// tpch extension.`
fn extension_named_in(error: &DuckDbError) -> Option<String> {
    let marker = "exists in the ";
    let start = error.message.find(marker)? + marker.len();
    let name: String = error.message[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if error.message[start + name.len()..].starts_with(" extension") {
        Some(name)
    } else {
        None
    }
}

/// Copies each local table (Arrow IPC stream) into a temp table of the query's connection. DuckDB's Arrow scan
/// reads the decoded batches column by column; a temp table (rather than a view over the stream, which can be read
/// only once) lets the SQL reference the same local data several times, e.g. in a self-join.
fn register_local_tables(
    connection: &Connection,
    tables: Vec<LocalTable>,
) -> Result<(), SparkError> {
    for (index, table) in tables.into_iter().enumerate() {
        let reader = arrow::ipc::reader::StreamReader::try_new(Cursor::new(table.ipc), None)
            .map_err(|e| {
                SparkError::new(
                    "SPARKDUCK_INVALID_PLAN",
                    format!(
                        "local data of {} is not an Arrow IPC stream: {e}",
                        table.name
                    ),
                )
            })?;
        let mut stream = FFI_ArrowArrayStream::new(Box::new(reader));
        let scan_view = format!("__sparkduck_arrow_scan_{index}");
        let c_view = crate::duckdb::c_string(&scan_view).map_err(|e| map_duckdb_error(&e))?;
        // SAFETY: `stream` is a valid Arrow C stream that outlives the scan (it is dropped after the copy below).
        let state = unsafe {
            libduckdb_sys::duckdb_arrow_scan(
                connection.raw(),
                c_view.as_ptr(),
                (&mut stream as *mut FFI_ArrowArrayStream).cast(),
            )
        };
        if state != libduckdb_sys::duckdb_state_DuckDBSuccess {
            return Err(SparkError::internal(format!(
                "could not scan the local data of {}",
                table.name
            )));
        }
        let copied = connection.execute_batch(&format!(
            "CREATE TEMP TABLE {} AS SELECT * FROM {}",
            quote_identifier(&table.name),
            quote_identifier(&scan_view)
        ));
        let dropped =
            connection.execute_batch(&format!("DROP VIEW {}", quote_identifier(&scan_view)));
        drop(stream);
        copied.map_err(|e| map_duckdb_error(&e))?;
        dropped.map_err(|e| map_duckdb_error(&e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_name_is_read_from_duckdb_hint() {
        let e = DuckDbError::new(
            libduckdb_sys::duckdb_error_type_DUCKDB_ERROR_CATALOG,
            "Catalog Error: Table Function with name \"dbgen\" is not in the catalog, but it exists in the tpch extension.",
        );
        assert_eq!(extension_named_in(&e).as_deref(), Some("tpch"));
        let e = DuckDbError::new(
            libduckdb_sys::duckdb_error_type_DUCKDB_ERROR_CATALOG,
            "Catalog Error: x exists in the y",
        );
        assert_eq!(extension_named_in(&e), None);
    }

    #[test]
    fn whole_hour_offsets_become_etc_zones() {
        assert_eq!(duckdb_time_zone("+08:00").unwrap(), "Etc/GMT-8");
        assert_eq!(duckdb_time_zone("-5").unwrap(), "Etc/GMT+5");
        assert_eq!(duckdb_time_zone("+00:00").unwrap(), "UTC");
        assert_eq!(
            duckdb_time_zone("America/New_York").unwrap(),
            "America/New_York"
        );
        assert_eq!(
            duckdb_time_zone("+05:30").unwrap_err().error_class,
            "SPARKDUCK_UNSUPPORTED"
        );
        assert_eq!(
            duckdb_time_zone("+25:00").unwrap_err().error_class,
            "INVALID_CONF_VALUE.TIME_ZONE"
        );
        assert_eq!(
            duckdb_time_zone("+ab").unwrap_err().error_class,
            "INVALID_CONF_VALUE.TIME_ZONE"
        );
    }
}
