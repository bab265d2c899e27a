//! File listing as Spark's file index does it: paths, globs, directories (recursively, hidden and `_` names
//! skipped), `pathGlobFilter`, `recursiveFileLookup`, `basePath`, and hive-style partition discovery with Spark's
//! partition value type inference.

use sparkduck_analysis::{DataType, SparkError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Spark's error for a path that matches nothing: `[PATH_NOT_FOUND] Path does not exist: file:<path>.`
pub fn path_not_found(path: &str) -> SparkError {
    SparkError::new("PATH_NOT_FOUND", format!("Path does not exist: file:{path}.")).with_sql_state("42K03")
}

/// Spark's partition directory name for a null (or empty string) value.
pub const DEFAULT_PARTITION_NAME: &str = "__HIVE_DEFAULT_PARTITION__";

pub fn has_glob(path: &str) -> bool {
    path.contains(['*', '?', '[', '{'])
}

/// A Spark path (`/x`, `file:/x`, `file:///x`, relative) as a local absolute path.
pub fn local_path(path: &str) -> Result<PathBuf, SparkError> {
    let stripped = if let Some(rest) = path.strip_prefix("file://") {
        rest
    } else if let Some(rest) = path.strip_prefix("file:") {
        rest
    } else if path.contains("://") {
        return Err(SparkError::unsupported(format!("reading from {path} (only local files)")));
    } else {
        path
    };
    let p = Path::new(stripped);
    let absolute = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    // Hadoop's Path normalizes a trailing slash away.
    let text = absolute.to_string_lossy();
    if text.len() > 1 && text.ends_with('/') {
        return Ok(PathBuf::from(text.trim_end_matches('/')));
    }
    Ok(absolute)
}

/// Spark's `shouldFilterOutPathName`: hidden files, `_` names that are not partition directories, copies in flight.
fn is_hidden(name: &str) -> bool {
    (name.starts_with('_') && !name.contains('=')) || name.starts_with('.') || name.ends_with("._COPYING_")
}

/// Hadoop glob matching of one path component: `*`, `?`, `[abc]`, `[a-z]`, `[^a]`, `{a,b}`, `\` escapes.
pub fn glob_matches(pattern: &str, name: &str) -> bool {
    fn alternatives(pattern: &[char]) -> Option<Vec<Vec<char>>> {
        // Expands the first top-level `{..}` group.
        let start = pattern.iter().position(|c| *c == '{')?;
        let mut depth = 0;
        let mut parts = vec![];
        let mut current = vec![];
        for (i, c) in pattern.iter().enumerate().skip(start) {
            match c {
                '{' => {
                    depth += 1;
                    if depth > 1 {
                        current.push(*c)
                    }
                }
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        parts.push(std::mem::take(&mut current));
                        let (prefix, suffix) = (&pattern[..start], &pattern[i + 1..]);
                        return Some(
                            parts.into_iter().map(|p| [prefix, &p[..], suffix].concat()).collect(),
                        );
                    }
                    current.push(*c);
                }
                ',' if depth == 1 => parts.push(std::mem::take(&mut current)),
                _ => current.push(*c),
            }
        }
        None
    }
    fn matches(p: &[char], s: &[char]) -> bool {
        if let Some(expanded) = alternatives(p) {
            return expanded.iter().any(|e| matches(e, s));
        }
        match p.first() {
            None => s.is_empty(),
            Some('*') => (0..=s.len()).any(|i| matches(&p[1..], &s[i..])),
            Some('?') => !s.is_empty() && matches(&p[1..], &s[1..]),
            Some('\\') if p.len() > 1 => s.first() == Some(&p[1]) && matches(&p[2..], &s[1..]),
            Some('[') => {
                let Some(end) = p.iter().skip(2).position(|c| *c == ']').map(|e| e + 2) else {
                    return s.first() == Some(&'[') && matches(&p[1..], &s[1..]);
                };
                let Some(c) = s.first() else { return false };
                let (negated, set) = match p[1] {
                    '^' | '!' => (true, &p[2..end]),
                    _ => (false, &p[1..end]),
                };
                let mut found = false;
                let mut i = 0;
                while i < set.len() {
                    if i + 2 < set.len() && set[i + 1] == '-' {
                        found |= set[i] <= *c && *c <= set[i + 2];
                        i += 3;
                    } else {
                        found |= set[i] == *c;
                        i += 1;
                    }
                }
                found != negated && matches(&p[end + 1..], &s[1..])
            }
            Some(c) => s.first() == Some(c) && matches(&p[1..], &s[1..]),
        }
    }
    let p: Vec<char> = pattern.chars().collect();
    let s: Vec<char> = name.chars().collect();
    matches(&p, &s)
}

/// The paths a glob matches (files and directories), sorted.
fn expand_glob(pattern: &Path) -> Vec<PathBuf> {
    let mut current = vec![PathBuf::from("/")];
    for component in pattern.components().skip(1) {
        let part = component.as_os_str().to_string_lossy().into_owned();
        let mut next = vec![];
        for dir in &current {
            if has_glob(&part) {
                let Ok(entries) = std::fs::read_dir(dir) else { continue };
                let mut names: Vec<String> =
                    entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
                names.sort();
                for name in names {
                    if glob_matches(&part, &name) {
                        next.push(dir.join(name));
                    }
                }
            } else {
                let candidate = dir.join(&part);
                if candidate.exists() {
                    next.push(candidate);
                }
            }
        }
        current = next;
    }
    current
}

/// One partition column value as the directory name has it: `None` is the default partition (null).
pub type RawValue = Option<String>;

/// The files of a source and, when its directories are partitioned, the partition columns and each file's values.
#[derive(Debug, Default)]
pub struct Listing {
    /// Files in listing order, each with its raw partition values (same order as `partition_columns`).
    pub files: Vec<(PathBuf, Vec<RawValue>)>,
    /// Partition columns with their inferred Spark types.
    pub partition_columns: Vec<(String, DataType)>,
}

impl Listing {
    /// The files grouped by partition values (first-seen order).
    pub fn groups(&self) -> Vec<(Vec<RawValue>, Vec<&Path>)> {
        let mut groups: Vec<(Vec<RawValue>, Vec<&Path>)> = vec![];
        for (file, values) in &self.files {
            match groups.iter_mut().find(|(v, _)| v == values) {
                Some((_, files)) => files.push(file),
                None => groups.push((values.clone(), vec![file])),
            }
        }
        groups
    }
}

fn bool_option(options: &BTreeMap<String, String>, key: &str) -> Result<bool, SparkError> {
    match options.get(key).map(|v| v.trim().to_ascii_lowercase()) {
        None => Ok(false),
        Some(v) if v == "true" => Ok(true),
        Some(v) if v == "false" => Ok(false),
        Some(v) => Err(SparkError::new(
            "INVALID_OPTION_VALUE",
            format!("The value '{v}' of option '{key}' is invalid: it must be true or false."),
        )),
    }
}

/// Lists a source's files as Spark does, with partition discovery.
pub fn list_files(paths: &[String], options: &BTreeMap<String, String>) -> Result<Listing, SparkError> {
    let recursive = bool_option(options, "recursivefilelookup")?;
    let name_filter = options.get("pathglobfilter").cloned();
    let mut roots: Vec<PathBuf> = vec![];
    for path in paths {
        let local = local_path(path)?;
        let text = local.to_string_lossy().into_owned();
        if has_glob(&text) {
            let matched = expand_glob(&local);
            if matched.is_empty() {
                return Err(path_not_found(&text));
            }
            roots.extend(matched);
        } else {
            if std::fs::metadata(&local).is_err() {
                return Err(path_not_found(&text));
            }
            roots.push(local);
        }
    }
    let base_paths: Vec<PathBuf> = match options.get("basepath") {
        Some(base) => vec![local_path(base)?],
        None => roots.iter().map(|r| if r.is_dir() { r.clone() } else { r.parent().unwrap_or(r).to_path_buf() }).collect(),
    };
    let mut files: Vec<PathBuf> = vec![];
    for root in &roots {
        if root.is_dir() {
            collect_leaf_files(root, &mut files)?;
        } else {
            files.push(root.clone());
        }
    }
    if let Some(filter) = &name_filter {
        files.retain(|f| f.file_name().map(|n| glob_matches(filter, &n.to_string_lossy())).unwrap_or(false));
    }
    if recursive {
        return Ok(Listing { files: files.into_iter().map(|f| (f, vec![])).collect(), partition_columns: vec![] });
    }
    partition_listing(files, &base_paths)
}

fn collect_leaf_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), SparkError> {
    let entries = std::fs::read_dir(dir).map_err(|_| path_not_found(&dir.to_string_lossy()))?;
    let mut entries: Vec<(String, PathBuf)> =
        entries.flatten().map(|e| (e.file_name().to_string_lossy().into_owned(), e.path())).collect();
    entries.sort();
    for (name, path) in entries {
        if is_hidden(&name) {
            continue;
        }
        if path.is_dir() {
            collect_leaf_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// `k=v` directories between each file and its base path become partition columns (Spark's parsePartitions).
fn partition_listing(files: Vec<PathBuf>, base_paths: &[PathBuf]) -> Result<Listing, SparkError> {
    let mut parsed: Vec<(PathBuf, Vec<(String, RawValue)>)> = vec![];
    for file in files {
        let mut columns: Vec<(String, RawValue)> = vec![];
        let mut dir = file.parent();
        while let Some(d) = dir {
            if base_paths.iter().any(|b| b == d) {
                break;
            }
            let name = d.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            match name.split_once('=') {
                Some((key, value)) if !key.is_empty() => {
                    let value = if value == DEFAULT_PARTITION_NAME { None } else { Some(unescape_path_name(value)) };
                    columns.push((unescape_path_name(key), value));
                }
                _ if columns.is_empty() => {}
                _ => break,
            }
            dir = d.parent();
        }
        columns.reverse();
        parsed.push((file, columns));
    }
    let names: Vec<String> = parsed.first().map(|(_, c)| c.iter().map(|(k, _)| k.clone()).collect()).unwrap_or_default();
    for (file, columns) in &parsed {
        let these: Vec<&String> = columns.iter().map(|(k, _)| k).collect();
        if these.len() != names.len() || these.iter().zip(&names).any(|(a, b)| !a.eq_ignore_ascii_case(b)) {
            return Err(SparkError::new(
                "CONFLICTING_DIRECTORY_STRUCTURES",
                format!(
                    "Conflicting directory structures detected. Suspicious paths: {} has partition columns [{}], others [{}]",
                    file.display(),
                    these.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
                    names.join(", ")
                ),
            )
            .with_sql_state("KD009"));
        }
    }
    let mut partition_columns = vec![];
    for (i, name) in names.iter().enumerate() {
        let mut column_type = DataType::Null;
        for (_, columns) in &parsed {
            if let Some(value) = &columns[i].1 {
                column_type = wider_partition_type(&column_type, &infer_partition_value(value));
            }
        }
        if column_type == DataType::Null {
            column_type = DataType::String;
        }
        partition_columns.push((name.clone(), column_type));
    }
    Ok(Listing {
        files: parsed.into_iter().map(|(f, c)| (f, c.into_iter().map(|(_, v)| v).collect())).collect(),
        partition_columns,
    })
}

/// Spark's `unescapePathName`: `%XX` (two hex digits) decoded, anything else kept.
pub fn unescape_path_name(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Spark's `escapePathName` (Unix): these characters as `%XX`.
pub fn escape_path_name(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let escaped = matches!(c, '"' | '#' | '%' | '\'' | '*' | '/' | ':' | '=' | '?' | '\\' | '\u{7f}' | '{' | '[' | ']' | '^')
            || ('\u{01}'..='\u{1f}').contains(&c);
        if escaped {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn is_java_int(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Spark's partition value inference: int, long, decimal(p,0), double, timestamp, date, else string.
pub fn infer_partition_value(raw: &str) -> DataType {
    if is_java_int(raw) {
        if raw.parse::<i32>().is_ok() {
            return DataType::Integer;
        }
        if raw.parse::<i64>().is_ok() {
            return DataType::Long;
        }
    }
    if let Some(precision) = integral_decimal_precision(raw) {
        return DataType::decimal(precision, 0);
    }
    if java_double(raw).is_some() {
        return DataType::Double;
    }
    let unescaped = unescape_path_name(raw);
    if is_partition_timestamp(&unescaped) {
        return DataType::Timestamp;
    }
    if is_iso_date(raw) {
        return DataType::Date;
    }
    DataType::String
}

/// The precision of `raw` read as a Java `BigDecimal` without fractional digits (scale <= 0: `123`,
/// `1.0E10`, `15E-1` is not), as Spark types such partition values `decimal(p, 0)` (up to 38 digits).
fn integral_decimal_precision(raw: &str) -> Option<u8> {
    let body = raw.strip_prefix(['+', '-']).unwrap_or(raw);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], body[i + 1..].parse::<i64>().ok()?),
        None => (body, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    if !int_part.bytes().chain(frac_part.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    // scale = fractional digits - exponent; Spark requires scale <= 0, then sets scale 0.
    let scale = frac_part.len() as i64 - exponent;
    if scale > 0 {
        return None;
    }
    let digits = format!("{int_part}{frac_part}");
    let significant = digits.trim_start_matches('0').len() as i64;
    let precision = if significant == 0 { 1 } else { significant - scale };
    (precision <= 38).then_some(precision as u8)
}

/// `yyyy-MM-dd HH:mm:ss[.S...]` (Spark's partition timestamp pattern), with valid field values.
fn is_partition_timestamp(text: &str) -> bool {
    let (date, time) = match text.split_once(' ') {
        Some(parts) => parts,
        None => return false,
    };
    if !is_iso_date(date) {
        return false;
    }
    let (hms, fraction) = match time.split_once('.') {
        Some((hms, f)) => (hms, Some(f)),
        None => (time, None),
    };
    let parts: Vec<&str> = hms.split(':').collect();
    let valid_hms = parts.len() == 3
        && parts.iter().all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[0] < "24"
        && parts[1] < "60"
        && parts[2] < "60";
    valid_hms && fraction.is_none_or(|f| !f.is_empty() && f.len() <= 6 && f.bytes().all(|b| b.is_ascii_digit()))
}

/// `yyyy-MM-dd` with a valid day.
pub fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let all_digits = [0, 1, 2, 3, 5, 6, 8, 9].iter().all(|i| b[*i].is_ascii_digit());
    if !all_digits {
        return false;
    }
    let number = |r: std::ops::Range<usize>| text[r].parse::<u32>().ok();
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else { return false };
    if !(1..=12).contains(&month) || day == 0 {
        return false;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month as usize - 1];
    day <= days
}

/// Java's `Double.parseDouble` grammar (decimal forms; whitespace trimmed; `NaN`, `Infinity`, `d`/`f` suffixes).
/// Hexadecimal forms are not recognized (reported as not a double).
pub fn java_double(text: &str) -> Option<f64> {
    let t = text.trim_matches(|c: char| c <= ' ');
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    if unsigned == "NaN" {
        return Some(f64::NAN);
    }
    if unsigned == "Infinity" {
        return Some(if t.starts_with('-') { f64::NEG_INFINITY } else { f64::INFINITY });
    }
    let body = t.strip_suffix(['d', 'D', 'f', 'F']).unwrap_or(t);
    let digits = body.strip_prefix(['+', '-']).unwrap_or(body);
    let (mantissa, exponent) = match digits.find(['e', 'E']) {
        Some(p) => (&digits[..p], Some(&digits[p + 1..])),
        None => (digits, None),
    };
    let (int_part, frac_part) = match mantissa.split_once('.') {
        Some((i, f)) => (i, f),
        None => (mantissa, ""),
    };
    let valid_mantissa = (!int_part.is_empty() || !frac_part.is_empty())
        && int_part.bytes().all(|b| b.is_ascii_digit())
        && frac_part.bytes().all(|b| b.is_ascii_digit());
    let valid_exponent = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    if !valid_mantissa || !valid_exponent {
        return None;
    }
    body.parse::<f64>().ok()
}

/// Spark's merge of partition value types (`findWiderTypeForPartitionColumn`).
fn wider_partition_type(a: &DataType, b: &DataType) -> DataType {
    use DataType::*;
    let rank = |t: &DataType| match t {
        Integer => Some(0),
        Long => Some(1),
        Decimal { .. } => Some(2),
        Double => Some(3),
        _ => None,
    };
    match (a, b) {
        (Null, t) | (t, Null) => t.clone(),
        (x, y) if x == y => x.clone(),
        (Double, Decimal { .. }) | (Decimal { .. }, Double) => String,
        (Decimal { precision: p1, .. }, Decimal { precision: p2, .. }) => DataType::decimal(*p1.max(p2), 0),
        (Decimal { precision: p, .. }, Integer) | (Integer, Decimal { precision: p, .. }) => DataType::decimal((*p).max(10), 0),
        (Decimal { precision: p, .. }, Long) | (Long, Decimal { precision: p, .. }) => DataType::decimal((*p).max(20), 0),
        (Date, Timestamp) | (Timestamp, Date) => Timestamp,
        (x, y) => match (rank(x), rank(y)) {
            (Some(i), Some(j)) => if i >= j { x.clone() } else { y.clone() },
            _ => String,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_like_hadoop() {
        assert!(glob_matches("*.parquet", "a.parquet"));
        assert!(!glob_matches("*.parquet", "a.csv"));
        assert!(glob_matches("part-?", "part-1"));
        assert!(glob_matches("[ab]x", "bx"));
        assert!(glob_matches("[a-c]x", "bx"));
        assert!(!glob_matches("[^a-c]x", "bx"));
        assert!(glob_matches("{a,bc}.csv", "bc.csv"));
        assert!(!glob_matches("{a,bc}.csv", "b.csv"));
    }

    #[test]
    fn partition_values_are_typed_as_spark_infers_them() {
        assert_eq!(infer_partition_value("7"), DataType::Integer);
        assert_eq!(infer_partition_value("-007"), DataType::Integer);
        assert_eq!(infer_partition_value("3000000000"), DataType::Long);
        assert_eq!(infer_partition_value("123456789012345678901234"), DataType::decimal(24, 0));
        assert_eq!(infer_partition_value("1.5"), DataType::Double);
        assert_eq!(infer_partition_value("1.0E10"), DataType::decimal(11, 0));
        assert_eq!(infer_partition_value("12345678901234567890"), DataType::decimal(20, 0));
        assert_eq!(infer_partition_value("15E-1"), DataType::Double);
        assert_eq!(wider_partition_type(&DataType::Double, &DataType::decimal(11, 0)), DataType::String);
        assert_eq!(infer_partition_value("2024-01-15"), DataType::Date);
        assert_eq!(infer_partition_value("2024-02-30"), DataType::String);
        assert_eq!(infer_partition_value("2024-01-15 10%3A11%3A12"), DataType::Timestamp);
        assert_eq!(infer_partition_value("abc"), DataType::String);
        assert_eq!(wider_partition_type(&DataType::Integer, &DataType::Double), DataType::Double);
        assert_eq!(wider_partition_type(&DataType::Integer, &DataType::String), DataType::String);
        assert_eq!(wider_partition_type(&DataType::Date, &DataType::Integer), DataType::String);
    }

    #[test]
    fn path_names_escape_as_spark() {
        assert_eq!(escape_path_name("a/b:c=d%"), "a%2Fb%3Ac%3Dd%25");
        assert_eq!(unescape_path_name("a%2Fb%3Ac%3Dd%25"), "a/b:c=d%");
        assert_eq!(unescape_path_name("100%"), "100%");
        assert_eq!(escape_path_name("été 漢"), "été 漢");
    }
}
