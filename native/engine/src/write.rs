//! `df.write` (Spark Connect `WriteOperation`) to file sources, laid out as Spark lays them out: `part-<n>-<uuid>-
//! c000[.<codec>].<ext>` files (in `k=v` directories for `partitionBy`, Spark's escaping and default partition) and
//! an empty `_SUCCESS`. Atomic: everything is written into a hidden staging directory next to the target and
//! moved into place only once complete, so a failed or killed write leaves the previous data as it was and no
//! partial files at the target (append moves finished files only).

use crate::catalog::unknown_format;
use crate::csv::bool_opt;
use crate::duckdb::Connection;
use crate::errors::map_duckdb_error;
use crate::files::{escape_path_name, local_path, DEFAULT_PARTITION_NAME};
use crate::sql::{quote_identifier, quote_literal};
use sparkduck_analysis::{DataType, Field, SparkError};
use sparkduck_plan::proto;
use proto::write_operation::SaveMode;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A random-enough UUID (version 4 layout) for part file names.
fn new_uuid() -> String {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let mut bytes = [0u8; 16];
    for chunk in bytes.chunks_mut(8) {
        let mut h = RandomState::new().build_hasher();
        h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0));
        chunk.copy_from_slice(&h.finish().to_le_bytes());
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> SparkError {
    SparkError::new("SPARKDUCK_EXECUTION_ERROR", format!("{what} {}: {e}", path.display()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Parquet,
    Csv,
    Json,
    Text,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Parquet => "parquet",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Text => "txt",
        }
    }
    fn name(self) -> &'static str {
        match self {
            Format::Parquet => "Parquet",
            Format::Csv => "CSV",
            Format::Json => "JSON",
            Format::Text => "Text",
        }
    }
}

/// What one write needs to know about its options.
struct WriteSpec {
    format: Format,
    /// DuckDB's COPY options (without FORMAT).
    copy_options: Vec<String>,
    /// How Spark ends the part file names: `.snappy.parquet`, `.csv.gz`, `.json`, ...
    file_suffix: String,
    max_records_per_file: u64,
    /// CSV lines are built in SQL as Spark's writer (univocity) prints them; DuckDB writes them unquoted.
    csv: Option<CsvWrite>,
}

struct CsvWrite {
    sep: String,
    quote: String,
    escape: String,
    null_value: String,
    header: bool,
}

impl CsvWrite {
    /// SQL for one field as Spark writes it: `nullValue` for NULL, `""` for an empty string (Spark's
    /// `emptyValue` default on write), quoted (quotes escaped) when it holds the separator, the quote or a line
    /// break, else as it is.
    fn field_sql(&self, text: &str) -> String {
        let (sep, quote) = (quote_literal(&self.sep), quote_literal(&self.quote));
        let escaped_quote = quote_literal(&format!("{}{}", self.escape, self.quote));
        format!(
            "CASE WHEN {text} IS NULL THEN {null} WHEN {text} = '' THEN '\"\"' \
             WHEN contains({text}, {sep}) OR contains({text}, {quote}) OR contains({text}, chr(10)) OR contains({text}, chr(13)) \
             THEN {quote} || replace({text}, {quote}, {escaped_quote}) || {quote} ELSE {text} END",
            null = quote_literal(&self.null_value)
        )
    }

    /// The header line (column names quoted by the same rule as values).
    fn header_line(&self, names: &[&str]) -> String {
        names
            .iter()
            .map(|n| {
                let needs_quote = n.contains(self.sep.as_str()) || n.contains(self.quote.as_str()) || n.contains(['\n', '\r']);
                if n.is_empty() {
                    "\"\"".to_string()
                } else if needs_quote {
                    format!("{q}{}{q}", n.replace(self.quote.as_str(), &format!("{}{}", self.escape, self.quote)), q = self.quote)
                } else {
                    n.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(&self.sep)
    }
}

fn write_options(format: Format, options: &BTreeMap<String, String>) -> Result<WriteSpec, SparkError> {
    let allowed: &[&str] = match format {
        Format::Parquet => &["compression", "parquet.compression", "parquet.block.size", "maxrecordsperfile", "path"],
        Format::Csv => &["compression", "codec", "header", "sep", "delimiter", "quote", "escape", "nullvalue", "maxrecordsperfile", "path"],
        Format::Json => &["compression", "maxrecordsperfile", "path", "ignorenullfields"],
        Format::Text => &["compression", "maxrecordsperfile", "path"],
    };
    for key in options.keys() {
        if !allowed.contains(&key.as_str()) {
            return Err(SparkError::unsupported(format!("{} write option {key}", format.name().to_lowercase())));
        }
    }
    let codec = options
        .get("compression")
        .or(options.get("codec"))
        .or(options.get("parquet.compression"))
        .map(|c| c.trim().to_ascii_lowercase());
    let invalid_codec = |c: &str| {
        SparkError::new(
            "CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION",
            format!("The codec {c} is not available."),
        )
        .with_sql_state("56038")
    };
    let mut copy_options = vec![];
    let codec_suffix = match format {
        Format::Parquet => {
            let (duck, suffix) = match codec.as_deref().unwrap_or("snappy") {
                "snappy" => ("snappy", ".snappy"),
                "gzip" => ("gzip", ".gz"),
                "zstd" => ("zstd", ".zstd"),
                "lz4" | "lz4_raw" => ("lz4_raw", ".lz4raw"),
                "brotli" => ("brotli", ".br"),
                "none" | "uncompressed" => ("uncompressed", ""),
                other => return Err(invalid_codec(other)),
            };
            copy_options.push(format!("COMPRESSION {}", quote_literal(duck)));
            if let Some(size) = options.get("parquet.block.size") {
                let bytes: u64 = size.trim().parse().map_err(|_| SparkError::unsupported(format!("parquet.block.size={size}")))?;
                copy_options.push(format!("ROW_GROUP_SIZE_BYTES {bytes}"));
            }
            suffix
        }
        _ => match codec.as_deref().unwrap_or("none") {
            "none" | "uncompressed" => "",
            "gzip" => {
                copy_options.push("COMPRESSION 'gzip'".into());
                ".gz"
            }
            "zstd" => {
                copy_options.push("COMPRESSION 'zstd'".into());
                ".zst"
            }
            c @ ("bzip2" | "deflate" | "lz4" | "snappy") => {
                return Err(SparkError::unsupported(format!("{} write compression {c}", format.name())))
            }
            other => return Err(invalid_codec(other)),
        },
    };
    let csv = if format == Format::Csv {
        let sep = options.get("sep").or(options.get("delimiter")).cloned().unwrap_or_else(|| ",".into());
        let sep = if sep == "\\t" { "\t".to_string() } else { sep };
        let quote = options.get("quote").cloned().unwrap_or_else(|| "\"".into());
        let escape = options.get("escape").cloned().unwrap_or_else(|| "\\".into());
        if sep.chars().count() != 1 || quote.chars().count() != 1 || escape.chars().count() != 1 {
            return Err(SparkError::unsupported("csv write sep/quote/escape other than one character"));
        }
        let null_value = options.get("nullvalue").cloned().unwrap_or_default();
        Some(CsvWrite { sep, quote, escape, null_value, header: bool_opt(options, "header", false)? })
    } else {
        None
    };
    if format == Format::Json && !bool_opt(options, "ignorenullfields", true)? {
        return Err(SparkError::unsupported("json write option ignoreNullFields=false"));
    }
    let max_records_per_file = match options.get("maxrecordsperfile") {
        None => 0,
        Some(v) => v.trim().parse::<i64>().map_err(|_| SparkError::unsupported(format!("maxRecordsPerFile={v}")))?.max(0) as u64,
    };
    // Spark's file name ending: the codec before `.parquet`, after the other formats' extensions.
    let file_suffix = match format {
        Format::Parquet => format!("{codec_suffix}.parquet"),
        _ => format!(".{}{codec_suffix}", format.extension()),
    };
    Ok(WriteSpec { format, copy_options, file_suffix, max_records_per_file, csv })
}

fn path_already_exists(path: &Path) -> SparkError {
    SparkError::new(
        "PATH_ALREADY_EXISTS",
        format!("Path file:{} already exists. Set mode as \"overwrite\" to overwrite the existing path.", path.display()),
    )
    .with_sql_state("42K04")
}

/// Spark's string form of a timestamp in CSV/JSON output: `yyyy-MM-dd'T'HH:mm:ss.SSSXXX` (session time zone).
fn timestamp_text(column: &str, ntz: bool) -> String {
    let base = format!(
        "strftime({column}, '%Y-%m-%dT%H:%M:%S.') || lpad(CAST(CAST(floor(microsecond({column}) / 1000) AS BIGINT) % 1000 AS VARCHAR), 3, '0')"
    );
    if ntz {
        return base;
    }
    let offset = format!("strftime({column}, '%z')");
    format!(
        "{base} || CASE WHEN {offset} IN ('+00', '+0000', '+00:00') THEN 'Z' ELSE substr({offset}, 1, 3) || ':' || CASE WHEN length(replace({offset}, ':', '')) >= 5 THEN substr(replace({offset}, ':', ''), 4, 2) ELSE '00' END END"
    )
}

/// A value as Spark's CSV writer prints it (NULL stays NULL).
fn csv_text(column: &str, field: &Field) -> Result<String, SparkError> {
    let trimmed = |e: String| format!("regexp_replace({e}, '^[\\x00-\\x20]+|[\\x00-\\x20]+$', '', 'g')");
    Ok(match &field.data_type {
        DataType::String => trimmed(column.to_string()),
        DataType::Boolean | DataType::Byte | DataType::Short | DataType::Integer | DataType::Long | DataType::Decimal { .. } | DataType::Date => {
            format!("CAST({column} AS VARCHAR)")
        }
        DataType::Float | DataType::Double => format!(
            "CASE WHEN isnan({column}) THEN 'NaN' WHEN {column} = 'Infinity' THEN 'Infinity' WHEN {column} = '-Infinity' THEN '-Infinity' ELSE CAST({column} AS VARCHAR) END"
        ),
        DataType::Timestamp => timestamp_text(column, false),
        DataType::TimestampNtz => timestamp_text(column, true),
        other => {
            return Err(SparkError::new(
                "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
                format!(
                    "The CSV datasource doesn't support the column {} of the type \"{}\".",
                    sparkduck_analysis::analyzer::to_sql_id(&[field.name.clone()]),
                    other.spark_sql()
                ),
            )
            .with_sql_state("0A000"))
        }
    })
}

/// A value as a JSON token in Spark's JSON writer (NULL stays NULL, so that the field is left out).
fn json_token(column: &str, data_type: &DataType) -> Result<String, SparkError> {
    Ok(match data_type {
        DataType::String => format!("to_json({column})"),
        DataType::Boolean | DataType::Byte | DataType::Short | DataType::Integer | DataType::Long | DataType::Decimal { .. } => {
            format!("CAST({column} AS VARCHAR)")
        }
        DataType::Float | DataType::Double => format!(
            "CASE WHEN isnan({column}) THEN '\"NaN\"' WHEN {column} = 'Infinity' THEN '\"Infinity\"' WHEN {column} = '-Infinity' THEN '\"-Infinity\"' ELSE CAST({column} AS VARCHAR) END"
        ),
        DataType::Date => format!("'\"' || CAST({column} AS VARCHAR) || '\"'"),
        DataType::Timestamp => format!("'\"' || {} || '\"'", timestamp_text(column, false)),
        DataType::TimestampNtz => format!("'\"' || {} || '\"'", timestamp_text(column, true)),
        other => return Err(SparkError::unsupported(format!("writing JSON values of type {}", other.simple_string()))),
    })
}

/// The select list turning the input's columns into what the file format stores.
fn output_select(format: Format, csv: Option<&CsvWrite>, fields: &[&Field]) -> Result<String, SparkError> {
    Ok(match format {
        Format::Parquet => {
            fields.iter().map(|f| quote_identifier(&f.name)).collect::<Vec<_>>().join(", ")
        }
        Format::Csv => {
            let csv = csv.ok_or_else(|| SparkError::internal("CSV write without CSV options"))?;
            let fields_sql = fields
                .iter()
                .map(|f| Ok(csv.field_sql(&csv_text(&quote_identifier(&f.name), f)?)))
                .collect::<Result<Vec<_>, SparkError>>()?;
            format!("{} AS line", fields_sql.join(&format!(" || {} || ", quote_literal(&csv.sep))))
        }
        Format::Json => {
            let members: Vec<String> = fields
                .iter()
                .map(|f| {
                    let column = quote_identifier(&f.name);
                    let key = serde_json::to_string(&f.name).unwrap_or_default();
                    Ok(format!("CASE WHEN {column} IS NULL THEN NULL ELSE {} || {} END", quote_literal(&format!("{key}:")), json_token(&column, &f.data_type)?))
                })
                .collect::<Result<_, SparkError>>()?;
            format!("'{{' || concat_ws(',', {}) || '}}' AS line", members.join(", "))
        }
        Format::Text => format!("{} AS line", quote_identifier(&fields[0].name)),
    })
}

/// Runs a `WriteOperation` whose input translated to `sql` with `schema`, on `connection` (local tables registered).
pub fn run_write(
    connection: &Connection,
    write: &proto::WriteOperation,
    sql: &str,
    schema: &[Field],
    case_sensitive: bool,
) -> Result<(), SparkError> {
    // No format (or an empty one): Spark's default source, parquet.
    let format_name = write.source.clone().filter(|s| !s.is_empty()).unwrap_or_else(|| "parquet".into()).to_ascii_lowercase();
    let format = match format_name.as_str() {
        "parquet" => Format::Parquet,
        "csv" => Format::Csv,
        "json" => Format::Json,
        "text" => Format::Text,
        other => return Err(unknown_format(other, "writing")),
    };
    let path = match &write.save_type {
        Some(proto::write_operation::SaveType::Path(p)) => p.clone(),
        Some(proto::write_operation::SaveType::Table(t)) => {
            return Err(SparkError::unsupported(format!("writing to table {}", t.table_name)))
        }
        None => return Err(SparkError::unsupported("a write without a path")),
    };
    if write.bucket_by.is_some() || !write.sort_column_names.is_empty() {
        return Err(SparkError::unsupported("bucketBy/sortBy"));
    }
    if !write.clustering_columns.is_empty() {
        return Err(SparkError::unsupported("clusterBy"));
    }
    let options: BTreeMap<String, String> =
        write.options.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.clone())).collect();
    let spec = write_options(format, &options)?;
    let same = |a: &str, b: &str| if case_sensitive { a == b } else { a.eq_ignore_ascii_case(b) };
    for (i, f) in schema.iter().enumerate() {
        if schema[..i].iter().any(|g| same(&g.name, &f.name)) {
            return Err(SparkError::new(
                "COLUMN_ALREADY_EXISTS",
                format!(
                    "The column {} already exists. Choose another name or rename the existing column.",
                    sparkduck_analysis::analyzer::to_sql_id(&[f.name.to_lowercase()])
                ),
            )
            .with_sql_state("42711"));
        }
    }
    // Partition columns as the schema spells them.
    let mut partition_fields: Vec<&Field> = vec![];
    for name in &write.partitioning_columns {
        let field = schema.iter().find(|f| same(&f.name, name)).ok_or_else(|| {
            SparkError::unsupported(format!("partitionBy a column that does not exist ({name})"))
        })?;
        partition_fields.push(field);
    }
    let data_fields: Vec<&Field> =
        schema.iter().filter(|f| !partition_fields.iter().any(|p| p.name == f.name)).collect();
    if !partition_fields.is_empty() && data_fields.is_empty() {
        return Err(SparkError::new("ALL_PARTITION_COLUMNS_NOT_ALLOWED", "Cannot use all columns for partition columns.")
            .with_sql_state("KD005"));
    }
    if format == Format::Text && (data_fields.len() != 1 || data_fields[0].data_type != DataType::String) {
        return Err(SparkError::unsupported("text writes of anything but one string column"));
    }
    for f in &partition_fields {
        let supported = matches!(
            f.data_type,
            DataType::Boolean | DataType::Byte | DataType::Short | DataType::Integer | DataType::Long | DataType::String | DataType::Date | DataType::Decimal { .. }
        );
        if !supported {
            return Err(SparkError::unsupported(format!("partitionBy a column of type {}", f.data_type.simple_string())));
        }
    }
    let select = output_select(format, spec.csv.as_ref(), &data_fields)?;

    let target = local_path(&path)?;
    let exists = std::fs::symlink_metadata(&target).is_ok();
    let mode = SaveMode::try_from(write.mode).unwrap_or(SaveMode::Unspecified);
    match mode {
        SaveMode::ErrorIfExists | SaveMode::Unspecified if exists => return Err(path_already_exists(&target)),
        SaveMode::Ignore if exists => return Ok(()),
        _ => {}
    }
    let parent = target.parent().ok_or_else(|| SparkError::unsupported("writing to the root directory"))?.to_path_buf();
    std::fs::create_dir_all(&parent).map_err(|e| io_error("cannot create", &parent, e))?;
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let job = new_uuid();
    let staging = parent.join(format!(".sparkduck-staging-{name}-{job}"));
    std::fs::create_dir(&staging).map_err(|e| io_error("cannot create", &staging, e))?;
    let data_names: Vec<String> = data_fields.iter().map(|f| f.name.clone()).collect();
    let written = write_files(connection, sql, &spec, &select, &data_names, &partition_fields, &staging, &job);
    let result = written.and_then(|()| {
        std::fs::write(staging.join("_SUCCESS"), b"").map_err(|e| io_error("cannot write", &staging, e))?;
        commit(&staging, &target, mode == SaveMode::Append && exists, &parent, &name, &job)
    });
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

/// Writes the part files into `staging`.
fn write_files(
    connection: &Connection,
    sql: &str,
    spec: &WriteSpec,
    select: &str,
    data_names: &[String],
    partition_fields: &[&Field],
    staging: &Path,
    job: &str,
) -> Result<(), SparkError> {
    let format_sql = match spec.format {
        Format::Parquet => "FORMAT parquet".to_string(),
        // One VARCHAR column, no quoting: the lines as they are. A CSV header is that column's name.
        Format::Csv | Format::Json | Format::Text => format!(
            "FORMAT csv, HEADER {}, QUOTE '', ESCAPE '', DELIMITER '\u{1}'",
            spec.csv.as_ref().is_some_and(|c| c.header)
        ),
    };
    // Spark's CSV writer skips empty lines (a row of one NULL column under the default nullValue); the header
    // names the one column.
    let csv_lines = |query: String| match &spec.csv {
        None => query,
        Some(csv) => {
            let names: Vec<&str> = data_names.iter().map(String::as_str).collect();
            format!(
                "SELECT line AS {} FROM ({query}) AS __lines WHERE line <> ''",
                quote_identifier(&csv.header_line(&names))
            )
        }
    };
    let mut options = vec![format_sql];
    options.extend(spec.copy_options.iter().cloned());
    let options = options.join(", ");
    // Spark's names for task 0: `part-00000-<job>-c<n>` in a single directory, `part-00000-<job>.c<n>` under
    // partition directories (its dynamic-partition writer), n counting the files of one directory.
    let separator = if partition_fields.is_empty() { '-' } else { '.' };
    let file_name = |counter: usize| {
        format!("part-00000-{job}{separator}c{counter:03}{}", spec.file_suffix)
    };
    let copy = |query: &str, file: &Path| -> Result<(), SparkError> {
        connection
            .execute_batch(&format!("COPY ({query}) TO {} ({options})", quote_literal(&file.to_string_lossy())))
            .map_err(|e| map_duckdb_error(&e))
    };
    let simple = partition_fields.is_empty() && spec.max_records_per_file == 0;
    if simple {
        let file = staging.join(file_name(0));
        return copy(&csv_lines(format!("SELECT {select} FROM ({sql}) AS __input")), &file);
    }
    // Partitioned or split: the input runs once, into a temp table numbered per partition.
    let table = quote_identifier(&format!("__sparkduck_write_{job}"));
    let keys: Vec<String> = partition_fields.iter().map(|f| quote_identifier(&f.name)).collect();
    let partition_by = if keys.is_empty() { String::new() } else { format!("PARTITION BY {}", keys.join(", ")) };
    connection
        .execute_batch(&format!(
            "CREATE TEMP TABLE {table} AS SELECT *, row_number() OVER ({partition_by}) - 1 AS __sparkduck_row FROM ({sql}) AS __input"
        ))
        .map_err(|e| map_duckdb_error(&e))?;
    let result = (|| {
        // NULL and '' both go to Spark's default partition: one group.
        let key_text: Vec<String> = keys.iter().map(|k| format!("NULLIF(CAST({k} AS VARCHAR), '')")).collect();
        let groups_sql = if keys.is_empty() {
            format!("SELECT count(*) FROM {table}")
        } else {
            format!("SELECT {}, count(*) FROM {table} GROUP BY ALL ORDER BY ALL", key_text.join(", "))
        };
        let groups = connection.query_text(&groups_sql).map_err(|e| map_duckdb_error(&e))?;
        for group in groups {
            let (values, count) = group.split_at(keys.len());
            let count: u64 = count.first().cloned().flatten().and_then(|c| c.parse().ok()).unwrap_or(0);
            let mut dir = staging.to_path_buf();
            let mut conditions = vec![];
            for ((field, key), value) in partition_fields.iter().zip(&keys).zip(values) {
                let shown = match value {
                    Some(v) if !v.is_empty() => escape_path_name(v),
                    _ => DEFAULT_PARTITION_NAME.to_string(),
                };
                dir.push(format!("{}={shown}", escape_path_name(&field.name)));
                conditions.push(match value {
                    Some(v) => format!("CAST({key} AS VARCHAR) = {}", quote_literal(v)),
                    None => format!("({key} IS NULL OR CAST({key} AS VARCHAR) = '')"),
                });
            }
            std::fs::create_dir_all(&dir).map_err(|e| io_error("cannot create", &dir, e))?;
            let chunk = if spec.max_records_per_file == 0 { count.max(1) } else { spec.max_records_per_file };
            let mut start = 0;
            let mut counter = 0;
            loop {
                let mut where_ = conditions.clone();
                if spec.max_records_per_file > 0 {
                    where_.push(format!("__sparkduck_row >= {start} AND __sparkduck_row < {}", start + chunk));
                }
                let filter = if where_.is_empty() { String::new() } else { format!(" WHERE {}", where_.join(" AND ")) };
                let file = dir.join(file_name(counter));
                copy(&csv_lines(format!("SELECT {select} FROM {table}{filter} ORDER BY __sparkduck_row")), &file)?;
                counter += 1;
                start += chunk;
                if start >= count {
                    break;
                }
            }
        }
        Ok(())
    })();
    let _ = connection.execute_batch(&format!("DROP TABLE IF EXISTS {table}"));
    result
}

/// Moves the finished output into place: a new target is the staging directory renamed; overwrite swaps the
/// old target out first; append moves each new file into the existing target.
fn commit(staging: &Path, target: &Path, append: bool, parent: &Path, name: &str, job: &str) -> Result<(), SparkError> {
    if append {
        move_tree(staging, target)?;
        let _ = std::fs::remove_dir_all(staging);
        return Ok(());
    }
    if std::fs::symlink_metadata(target).is_ok() {
        let trash = parent.join(format!(".sparkduck-trash-{name}-{job}"));
        std::fs::rename(target, &trash).map_err(|e| io_error("cannot replace", target, e))?;
        if let Err(e) = std::fs::rename(staging, target) {
            // Put the previous data back.
            let _ = std::fs::rename(&trash, target);
            return Err(io_error("cannot move output to", target, e));
        }
        let removed = if trash.is_dir() { std::fs::remove_dir_all(&trash) } else { std::fs::remove_file(&trash) };
        removed.map_err(|e| io_error("cannot remove", &trash, e))?;
        return Ok(());
    }
    std::fs::rename(staging, target).map_err(|e| io_error("cannot move output to", target, e))
}

fn move_tree(from: &Path, to: &Path) -> Result<(), SparkError> {
    if !to.is_dir() {
        return Err(SparkError::unsupported(format!("appending to {}, which is not a directory", to.display())));
    }
    let entries = std::fs::read_dir(from).map_err(|e| io_error("cannot list", from, e))?;
    for entry in entries.flatten() {
        let source: PathBuf = entry.path();
        let dest = to.join(entry.file_name());
        if source.is_dir() {
            std::fs::create_dir_all(&dest).map_err(|e| io_error("cannot create", &dest, e))?;
            move_tree(&source, &dest)?;
        } else {
            std::fs::rename(&source, &dest).map_err(|e| io_error("cannot move", &dest, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_look_like_uuids() {
        let a = new_uuid();
        assert_eq!(a.len(), 36);
        assert_ne!(a, new_uuid());
        assert_eq!(&a[14..15], "4");
    }
}
