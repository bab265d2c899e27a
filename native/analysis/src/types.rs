//! Spark's data types, their DuckDB SQL spelling, and Spark's JSON schema form (`DataType.fromJson` on the JVM).
//! Also the mappings into Spark types: from Spark JSON, from Spark's DDL type strings (`"decimal(10,2)"`), from
//! Arrow (local data written by the JVM with Spark's `ArrowUtils`), from DuckDB type names (the engine's Catalog)
//! and from the Spark Connect `DataType` message.

use crate::{Result, SparkError};
use arrow::datatypes::{DataType as ArrowType, TimeUnit};
use serde_json::{json, Value};
use sparkduck_plan::proto;

/// A Spark SQL data type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DataType {
    Null,
    Boolean,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    Decimal { precision: u8, scale: i8 },
    String,
    Binary,
    Date,
    /// Spark `TimestampType`: an instant, shown in the session time zone (DuckDB TIMESTAMPTZ).
    Timestamp,
    /// Spark `TimestampNTZType` (DuckDB TIMESTAMP).
    TimestampNtz,
    Array { element: Box<DataType>, contains_null: bool },
    Map { key: Box<DataType>, value: Box<DataType>, value_contains_null: bool },
    Struct(Vec<Field>),
}

/// A named column with Spark's nullability.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Field {
    pub name: String,
    pub data_type: DataType,
    pub nullable: bool,
}

impl Field {
    pub fn new(name: impl Into<String>, data_type: DataType, nullable: bool) -> Self {
        Field { name: name.into(), data_type, nullable }
    }
}

/// Spark's maximum decimal precision.
pub const MAX_DECIMAL_PRECISION: u8 = 38;

impl DataType {
    pub fn decimal(precision: u8, scale: i8) -> DataType {
        DataType::Decimal { precision, scale }
    }

    pub fn is_integral(&self) -> bool {
        matches!(self, DataType::Byte | DataType::Short | DataType::Integer | DataType::Long)
    }
    pub fn is_floating(&self) -> bool {
        matches!(self, DataType::Float | DataType::Double)
    }
    pub fn is_decimal(&self) -> bool {
        matches!(self, DataType::Decimal { .. })
    }
    pub fn is_numeric(&self) -> bool {
        self.is_integral() || self.is_floating() || self.is_decimal()
    }

    /// The DuckDB SQL spelling of this type (for `CAST(x AS <type>)`).
    pub fn to_duckdb_sql(&self) -> String {
        match self {
            // DuckDB has no NULL type name usable in a cast; Spark's void only appears as an untyped NULL.
            DataType::Null => "INTEGER".to_string(),
            DataType::Boolean => "BOOLEAN".to_string(),
            DataType::Byte => "TINYINT".to_string(),
            DataType::Short => "SMALLINT".to_string(),
            DataType::Integer => "INTEGER".to_string(),
            DataType::Long => "BIGINT".to_string(),
            DataType::Float => "FLOAT".to_string(),
            DataType::Double => "DOUBLE".to_string(),
            DataType::Decimal { precision, scale } => format!("DECIMAL({precision},{scale})"),
            DataType::String => "VARCHAR".to_string(),
            DataType::Binary => "BLOB".to_string(),
            DataType::Date => "DATE".to_string(),
            DataType::Timestamp => "TIMESTAMPTZ".to_string(),
            DataType::TimestampNtz => "TIMESTAMP".to_string(),
            DataType::Array { element, .. } => format!("{}[]", element.to_duckdb_sql()),
            DataType::Map { key, value, .. } => format!("MAP({}, {})", key.to_duckdb_sql(), value.to_duckdb_sql()),
            DataType::Struct(fields) => {
                let parts: Vec<String> = fields
                    .iter()
                    .map(|f| format!("{} {}", crate::sql::quote_ident(&f.name), f.data_type.to_duckdb_sql()))
                    .collect();
                format!("STRUCT({})", parts.join(", "))
            }
        }
    }

    /// Spark's `DataType.sql` (used in output names such as `CAST(a AS BIGINT)`).
    pub fn spark_sql(&self) -> String {
        match self {
            DataType::Null => "VOID".to_string(),
            DataType::Boolean => "BOOLEAN".to_string(),
            DataType::Byte => "TINYINT".to_string(),
            DataType::Short => "SMALLINT".to_string(),
            DataType::Integer => "INT".to_string(),
            DataType::Long => "BIGINT".to_string(),
            DataType::Float => "FLOAT".to_string(),
            DataType::Double => "DOUBLE".to_string(),
            DataType::Decimal { precision, scale } => format!("DECIMAL({precision},{scale})"),
            DataType::String => "STRING".to_string(),
            DataType::Binary => "BINARY".to_string(),
            DataType::Date => "DATE".to_string(),
            DataType::Timestamp => "TIMESTAMP".to_string(),
            DataType::TimestampNtz => "TIMESTAMP_NTZ".to_string(),
            DataType::Array { element, .. } => format!("ARRAY<{}>", element.spark_sql()),
            DataType::Map { key, value, .. } => format!("MAP<{}, {}>", key.spark_sql(), value.spark_sql()),
            DataType::Struct(fields) => {
                let parts: Vec<String> =
                    fields.iter().map(|f| format!("{}: {}", quote_spark_ident(&f.name), f.data_type.spark_sql())).collect();
                format!("STRUCT<{}>", parts.join(", "))
            }
        }
    }

    /// Spark's `simpleString` (used in error messages and type strings): `int`, `bigint`, `decimal(10,2)`.
    pub fn simple_string(&self) -> String {
        match self {
            DataType::Null => "void".to_string(),
            DataType::Boolean => "boolean".to_string(),
            DataType::Byte => "tinyint".to_string(),
            DataType::Short => "smallint".to_string(),
            DataType::Integer => "int".to_string(),
            DataType::Long => "bigint".to_string(),
            DataType::Float => "float".to_string(),
            DataType::Double => "double".to_string(),
            DataType::Decimal { precision, scale } => format!("decimal({precision},{scale})"),
            DataType::String => "string".to_string(),
            DataType::Binary => "binary".to_string(),
            DataType::Date => "date".to_string(),
            DataType::Timestamp => "timestamp".to_string(),
            DataType::TimestampNtz => "timestamp_ntz".to_string(),
            DataType::Array { element, .. } => format!("array<{}>", element.simple_string()),
            DataType::Map { key, value, .. } => format!("map<{},{}>", key.simple_string(), value.simple_string()),
            DataType::Struct(fields) => {
                let parts: Vec<String> =
                    fields.iter().map(|f| format!("{}:{}", f.name, f.data_type.simple_string())).collect();
                format!("struct<{}>", parts.join(","))
            }
        }
    }

    /// Spark's JSON value of this type (`DataType.jsonValue`).
    pub fn to_json_value(&self) -> Value {
        match self {
            DataType::Null => json!("void"),
            DataType::Boolean => json!("boolean"),
            DataType::Byte => json!("byte"),
            DataType::Short => json!("short"),
            DataType::Integer => json!("integer"),
            DataType::Long => json!("long"),
            DataType::Float => json!("float"),
            DataType::Double => json!("double"),
            DataType::Decimal { precision, scale } => json!(format!("decimal({precision},{scale})")),
            DataType::String => json!("string"),
            DataType::Binary => json!("binary"),
            DataType::Date => json!("date"),
            DataType::Timestamp => json!("timestamp"),
            DataType::TimestampNtz => json!("timestamp_ntz"),
            DataType::Array { element, contains_null } => {
                json!({"type": "array", "elementType": element.to_json_value(), "containsNull": contains_null})
            }
            DataType::Map { key, value, value_contains_null } => json!({
                "type": "map", "keyType": key.to_json_value(), "valueType": value.to_json_value(),
                "valueContainsNull": value_contains_null
            }),
            DataType::Struct(_) => {
                let mut out = String::new();
                write_json(self, &mut out);
                serde_json::from_str(&out).expect("valid JSON")
            }
        }
    }

    /// Parses Spark's JSON value of a type (`DataType.fromJson`).
    pub fn from_json_value(v: &Value) -> Result<DataType> {
        match v {
            Value::String(name) => parse_type_string(name),
            Value::Object(o) => {
                let kind = o.get("type").and_then(Value::as_str).ok_or_else(|| bad_json(v))?;
                match kind {
                    "array" => Ok(DataType::Array {
                        element: Box::new(DataType::from_json_value(o.get("elementType").ok_or_else(|| bad_json(v))?)?),
                        contains_null: o.get("containsNull").and_then(Value::as_bool).ok_or_else(|| bad_json(v))?,
                    }),
                    "map" => Ok(DataType::Map {
                        key: Box::new(DataType::from_json_value(o.get("keyType").ok_or_else(|| bad_json(v))?)?),
                        value: Box::new(DataType::from_json_value(o.get("valueType").ok_or_else(|| bad_json(v))?)?),
                        value_contains_null: o
                            .get("valueContainsNull")
                            .and_then(Value::as_bool)
                            .ok_or_else(|| bad_json(v))?,
                    }),
                    "struct" => {
                        let fields = o.get("fields").and_then(Value::as_array).ok_or_else(|| bad_json(v))?;
                        let mut out = Vec::with_capacity(fields.len());
                        for f in fields {
                            let name = f.get("name").and_then(Value::as_str).ok_or_else(|| bad_json(f))?;
                            let data_type = DataType::from_json_value(f.get("type").ok_or_else(|| bad_json(f))?)?;
                            let nullable = f.get("nullable").and_then(Value::as_bool).unwrap_or(true);
                            out.push(Field::new(name, data_type, nullable));
                        }
                        Ok(DataType::Struct(out))
                    }
                    "udt" => Err(SparkError::unsupported("user-defined types (UDT) in a schema")),
                    _ => Err(bad_json(v)),
                }
            }
            _ => Err(bad_json(v)),
        }
    }

    /// Converts the Spark Connect `DataType` message.
    pub fn from_proto(t: &proto::DataType) -> Result<DataType> {
        use proto::data_type::Kind;
        let kind = t.kind.as_ref().ok_or_else(|| SparkError::internal("DataType without kind"))?;
        Ok(match kind {
            Kind::Null(_) => DataType::Null,
            Kind::Binary(_) => DataType::Binary,
            Kind::Boolean(_) => DataType::Boolean,
            Kind::Byte(_) => DataType::Byte,
            Kind::Short(_) => DataType::Short,
            Kind::Integer(_) => DataType::Integer,
            Kind::Long(_) => DataType::Long,
            Kind::Float(_) => DataType::Float,
            Kind::Double(_) => DataType::Double,
            Kind::Decimal(d) => {
                // Spark's DecimalType() default is (10, 0).
                decimal_checked(d.precision.unwrap_or(10), d.scale.unwrap_or(0))?
            }
            Kind::String(s) => {
                if !s.collation.is_empty() && !s.collation.eq_ignore_ascii_case("UTF8_BINARY") {
                    return Err(SparkError::unsupported(format!("string collation {}", s.collation)));
                }
                DataType::String
            }
            Kind::Date(_) => DataType::Date,
            Kind::Timestamp(_) => DataType::Timestamp,
            Kind::TimestampNtz(_) => DataType::TimestampNtz,
            Kind::Array(a) => DataType::Array {
                element: Box::new(DataType::from_proto(
                    a.element_type.as_ref().ok_or_else(|| SparkError::internal("array without element type"))?,
                )?),
                contains_null: a.contains_null,
            },
            Kind::Map(m) => DataType::Map {
                key: Box::new(DataType::from_proto(
                    m.key_type.as_ref().ok_or_else(|| SparkError::internal("map without key type"))?,
                )?),
                value: Box::new(DataType::from_proto(
                    m.value_type.as_ref().ok_or_else(|| SparkError::internal("map without value type"))?,
                )?),
                value_contains_null: m.value_contains_null,
            },
            Kind::Struct(s) => {
                let mut fields = Vec::with_capacity(s.fields.len());
                for f in &s.fields {
                    let dt = DataType::from_proto(
                        f.data_type.as_ref().ok_or_else(|| SparkError::internal("struct field without type"))?,
                    )?;
                    fields.push(Field::new(f.name.clone(), dt, f.nullable));
                }
                DataType::Struct(fields)
            }
            Kind::Unparsed(u) => parse_type_string(&u.data_type_string)?,
            Kind::Char(_) => return Err(SparkError::unsupported("data type char(n)")),
            Kind::VarChar(_) => return Err(SparkError::unsupported("data type varchar(n)")),
            Kind::CalendarInterval(_) => return Err(SparkError::unsupported("data type interval")),
            Kind::YearMonthInterval(_) => return Err(SparkError::unsupported("data type interval year to month")),
            Kind::DayTimeInterval(_) => return Err(SparkError::unsupported("data type interval day to second")),
            Kind::Variant(_) => return Err(SparkError::unsupported("data type variant")),
            Kind::Udt(_) => return Err(SparkError::unsupported("user-defined types (UDT)")),
            Kind::Geometry(_) => return Err(SparkError::unsupported("data type geometry")),
            Kind::Geography(_) => return Err(SparkError::unsupported("data type geography")),
            Kind::Time(_) => return Err(SparkError::unsupported("data type time")),
        })
    }

    /// Spark's type for an Arrow type as written by Spark's `ArrowUtils` (LocalRelation data).
    pub fn from_arrow(t: &ArrowType) -> Result<DataType> {
        Ok(match t {
            ArrowType::Null => DataType::Null,
            ArrowType::Boolean => DataType::Boolean,
            ArrowType::Int8 => DataType::Byte,
            ArrowType::Int16 => DataType::Short,
            ArrowType::Int32 => DataType::Integer,
            ArrowType::Int64 => DataType::Long,
            ArrowType::Float32 => DataType::Float,
            ArrowType::Float64 => DataType::Double,
            ArrowType::Decimal128(p, s) => decimal_checked(*p as i32, *s as i32)?,
            ArrowType::Utf8 | ArrowType::LargeUtf8 | ArrowType::Utf8View => DataType::String,
            ArrowType::Binary | ArrowType::LargeBinary | ArrowType::BinaryView => DataType::Binary,
            ArrowType::Date32 => DataType::Date,
            ArrowType::Timestamp(TimeUnit::Microsecond, Some(_)) => DataType::Timestamp,
            ArrowType::Timestamp(TimeUnit::Microsecond, None) => DataType::TimestampNtz,
            ArrowType::List(f) | ArrowType::LargeList(f) => DataType::Array {
                element: Box::new(DataType::from_arrow(f.data_type())?),
                contains_null: f.is_nullable(),
            },
            ArrowType::Map(entries, _) => match entries.data_type() {
                ArrowType::Struct(kv) if kv.len() == 2 => DataType::Map {
                    key: Box::new(DataType::from_arrow(kv[0].data_type())?),
                    value: Box::new(DataType::from_arrow(kv[1].data_type())?),
                    value_contains_null: kv[1].is_nullable(),
                },
                other => return Err(SparkError::unsupported(format!("Arrow map entries of type {other}"))),
            },
            ArrowType::Struct(fields) => {
                let mut out = Vec::with_capacity(fields.len());
                for f in fields.iter() {
                    out.push(Field::new(f.name().clone(), DataType::from_arrow(f.data_type())?, f.is_nullable()));
                }
                DataType::Struct(out)
            }
            other => return Err(SparkError::unsupported(format!("Arrow type {other} in local data"))),
        })
    }
}

/// Parses a Spark type string: JSON type names (`integer`, `long`), SQL names (`int`, `bigint`), `decimal(p,s)`,
/// and the nested forms `array<t>`, `map<k,v>`, `struct<a:t,...>`.
pub fn parse_type_string(s: &str) -> Result<DataType> {
    let mut p = TypeParser { s: s.as_bytes(), pos: 0, text: s };
    let t = p.parse_type()?;
    p.skip_ws();
    if p.pos != p.s.len() {
        return Err(p.error());
    }
    Ok(t)
}

struct TypeParser<'a> {
    s: &'a [u8],
    pos: usize,
    text: &'a str,
}

impl TypeParser<'_> {
    fn skip_ws(&mut self) {
        while self.pos < self.s.len() && self.s[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }
    fn error(&self) -> SparkError {
        SparkError::new("PARSE_SYNTAX_ERROR", format!("Syntax error in the data type `{}`.", self.text))
            .with_sql_state("42601")
    }
    fn word(&mut self) -> String {
        self.skip_ws();
        let start = self.pos;
        while self.pos < self.s.len() && (self.s[self.pos].is_ascii_alphanumeric() || self.s[self.pos] == b'_') {
            self.pos += 1;
        }
        self.text[start..self.pos].to_ascii_lowercase()
    }
    fn expect(&mut self, c: u8) -> Result<()> {
        self.skip_ws();
        if self.pos < self.s.len() && self.s[self.pos] == c {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error())
        }
    }
    fn peek(&mut self, c: u8) -> bool {
        self.skip_ws();
        self.pos < self.s.len() && self.s[self.pos] == c
    }
    fn number(&mut self) -> Result<i32> {
        self.skip_ws();
        let start = self.pos;
        if self.pos < self.s.len() && self.s[self.pos] == b'-' {
            self.pos += 1;
        }
        while self.pos < self.s.len() && self.s[self.pos].is_ascii_digit() {
            self.pos += 1;
        }
        self.text[start..self.pos].parse().map_err(|_| self.error())
    }
    fn field_name(&mut self) -> Result<String> {
        self.skip_ws();
        if self.peek(b'`') {
            self.pos += 1;
            let mut name = String::new();
            loop {
                let rest = &self.text[self.pos..];
                let i = rest.find('`').ok_or_else(|| self.error())?;
                name.push_str(&rest[..i]);
                self.pos += i + 1;
                if self.pos < self.s.len() && self.s[self.pos] == b'`' {
                    name.push('`');
                    self.pos += 1;
                } else {
                    return Ok(name);
                }
            }
        }
        let start = self.pos;
        while self.pos < self.s.len() && (self.s[self.pos].is_ascii_alphanumeric() || self.s[self.pos] == b'_') {
            self.pos += 1;
        }
        if start == self.pos {
            return Err(self.error());
        }
        Ok(self.text[start..self.pos].to_string())
    }
    fn parse_type(&mut self) -> Result<DataType> {
        let w = self.word();
        Ok(match w.as_str() {
            "void" | "null" => DataType::Null,
            "boolean" | "bool" => DataType::Boolean,
            "byte" | "tinyint" => DataType::Byte,
            "short" | "smallint" => DataType::Short,
            "integer" | "int" => DataType::Integer,
            "long" | "bigint" => DataType::Long,
            "float" | "real" => DataType::Float,
            "double" => DataType::Double,
            "string" => DataType::String,
            "binary" => DataType::Binary,
            "date" => DataType::Date,
            "timestamp" | "timestamp_ltz" => DataType::Timestamp,
            "timestamp_ntz" => DataType::TimestampNtz,
            "decimal" | "dec" | "numeric" => {
                if self.peek(b'(') {
                    self.pos += 1;
                    let p = self.number()?;
                    let s = if self.peek(b',') {
                        self.pos += 1;
                        self.number()?
                    } else {
                        0
                    };
                    self.expect(b')')?;
                    decimal_checked(p, s)?
                } else {
                    DataType::decimal(10, 0)
                }
            }
            "array" => {
                self.expect(b'<')?;
                let e = self.parse_type()?;
                self.expect(b'>')?;
                DataType::Array { element: Box::new(e), contains_null: true }
            }
            "map" => {
                self.expect(b'<')?;
                let k = self.parse_type()?;
                self.expect(b',')?;
                let v = self.parse_type()?;
                self.expect(b'>')?;
                DataType::Map { key: Box::new(k), value: Box::new(v), value_contains_null: true }
            }
            "struct" => {
                self.expect(b'<')?;
                let mut fields = Vec::new();
                if !self.peek(b'>') {
                    loop {
                        let name = self.field_name()?;
                        self.skip_ws();
                        if self.peek(b':') {
                            self.pos += 1;
                        }
                        let t = self.parse_type()?;
                        fields.push(Field::new(name, t, true));
                        if self.peek(b',') {
                            self.pos += 1;
                        } else {
                            break;
                        }
                    }
                }
                self.expect(b'>')?;
                DataType::Struct(fields)
            }
            "char" | "varchar" | "character" => return Err(SparkError::unsupported(format!("data type {w}(n)"))),
            "interval" => return Err(SparkError::unsupported("interval data types")),
            "variant" => return Err(SparkError::unsupported("data type variant")),
            "time" => return Err(SparkError::unsupported("data type time")),
            _ => {
                return Err(SparkError::new(
                    "UNSUPPORTED_DATATYPE",
                    format!("Unsupported data type \"{}\".", self.text.trim().to_ascii_uppercase()),
                )
                .with_sql_state("0A000"))
            }
        })
    }
}

fn decimal_checked(precision: i32, scale: i32) -> Result<DataType> {
    if !(1..=MAX_DECIMAL_PRECISION as i32).contains(&precision) || scale < 0 || scale > precision {
        return Err(SparkError::new(
            "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
            format!("Decimal precision {precision} exceeds max precision 38 or scale {scale} is invalid."),
        )
        .with_sql_state("22003"));
    }
    Ok(DataType::decimal(precision as u8, scale as i8))
}

fn bad_json(v: &Value) -> SparkError {
    SparkError::new("INVALID_JSON_DATA_TYPE", format!("Failed to convert the JSON string '{v}' to a data type."))
        .with_sql_state("2203G")
}

/// Writes Spark's JSON of a type, keys in Spark's order (`type` first, then the type's own fields).
fn write_json(t: &DataType, out: &mut String) {
    match t {
        DataType::Array { element, contains_null } => {
            out.push_str(r#"{"type":"array","elementType":"#);
            write_json(element, out);
            out.push_str(&format!(r#","containsNull":{contains_null}}}"#));
        }
        DataType::Map { key, value, value_contains_null } => {
            out.push_str(r#"{"type":"map","keyType":"#);
            write_json(key, out);
            out.push_str(r#","valueType":"#);
            write_json(value, out);
            out.push_str(&format!(r#","valueContainsNull":{value_contains_null}}}"#));
        }
        DataType::Struct(fields) => write_struct_json(fields, out),
        other => out.push_str(&other.to_json_value().to_string()),
    }
}

fn write_struct_json(fields: &[Field], out: &mut String) {
    out.push_str(r#"{"type":"struct","fields":["#);
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(r#"{"name":"#);
        out.push_str(&Value::String(f.name.clone()).to_string());
        out.push_str(r#","type":"#);
        write_json(&f.data_type, out);
        out.push_str(&format!(r#","nullable":{},"metadata":{{}}}}"#, f.nullable));
    }
    out.push_str("]}");
}

/// Spark's JSON form of a schema (a `StructType`), as `DataType.fromJson` reads it.
pub fn schema_to_json(fields: &[Field]) -> String {
    let mut out = String::with_capacity(64 * fields.len() + 32);
    write_struct_json(fields, &mut out);
    out
}

/// Parses a schema given as Spark JSON (a struct type) or, for a bare type, a one-column schema named `value`
/// as Spark does. DDL strings (`a INT, b STRING`) are not supported yet.
pub fn schema_from_json(s: &str) -> Result<Vec<Field>> {
    let v: Value = serde_json::from_str(s)
        .map_err(|_| SparkError::unsupported(format!("schema given as a DDL string ({s})")))?;
    match DataType::from_json_value(&v)? {
        DataType::Struct(fields) => Ok(fields),
        other => Ok(vec![Field::new("value", other, true)]),
    }
}

/// Spark's type for a DuckDB type name as `DESCRIBE` prints it, for a column read from Parquet
/// (nested elements and fields are nullable, as Spark reads Parquet).
pub fn from_duckdb_type_name(name: &str) -> Result<DataType> {
    let n = name.trim();
    let upper = n.to_ascii_uppercase();
    if let Some(inner) = upper.strip_suffix("[]") {
        let element = from_duckdb_type_name(&n[..inner.len()])?;
        return Ok(DataType::Array { element: Box::new(element), contains_null: true });
    }
    if let Some(args) = upper.strip_prefix("DECIMAL(").and_then(|r| r.strip_suffix(')')) {
        let mut it = args.split(',').map(|x| x.trim().parse::<i32>());
        return match (it.next(), it.next(), it.next()) {
            (Some(Ok(p)), Some(Ok(s)), None) => decimal_checked(p, s),
            _ => Err(SparkError::internal(format!("cannot parse DuckDB type {name}"))),
        };
    }
    if upper.starts_with("MAP(") && upper.ends_with(')') {
        let inner = &n[4..n.len() - 1];
        let parts = split_top_level(inner);
        if parts.len() != 2 {
            return Err(SparkError::internal(format!("cannot parse DuckDB type {name}")));
        }
        return Ok(DataType::Map {
            key: Box::new(from_duckdb_type_name(parts[0])?),
            value: Box::new(from_duckdb_type_name(parts[1])?),
            value_contains_null: true,
        });
    }
    if upper.starts_with("STRUCT(") && upper.ends_with(')') {
        let inner = &n[7..n.len() - 1];
        let mut fields = Vec::new();
        for part in split_top_level(inner) {
            let part = part.trim();
            let (fname, rest) = if let Some(stripped) = part.strip_prefix('"') {
                // "na""me" TYPE
                let mut name = String::new();
                let mut chars = stripped.char_indices().peekable();
                let mut end = None;
                while let Some((i, c)) = chars.next() {
                    if c == '"' {
                        if let Some((_, '"')) = chars.peek() {
                            name.push('"');
                            chars.next();
                        } else {
                            end = Some(i + 1);
                            break;
                        }
                    } else {
                        name.push(c);
                    }
                }
                let end = end.ok_or_else(|| SparkError::internal(format!("cannot parse DuckDB type {name}")))?;
                (name, &stripped[end..])
            } else {
                let i = part.find(' ').ok_or_else(|| SparkError::internal(format!("cannot parse DuckDB type {name}")))?;
                (part[..i].to_string(), &part[i..])
            };
            fields.push(Field::new(fname, from_duckdb_type_name(rest)?, true));
        }
        return Ok(DataType::Struct(fields));
    }
    Ok(match upper.as_str() {
        "BOOLEAN" => DataType::Boolean,
        "TINYINT" => DataType::Byte,
        "SMALLINT" => DataType::Short,
        "INTEGER" => DataType::Integer,
        "BIGINT" => DataType::Long,
        // Spark reads unsigned Parquet integers into the next wider signed type.
        "UTINYINT" => DataType::Short,
        "USMALLINT" => DataType::Integer,
        "UINTEGER" => DataType::Long,
        "UBIGINT" => DataType::decimal(20, 0),
        "HUGEINT" => DataType::decimal(38, 0),
        "FLOAT" => DataType::Float,
        "DOUBLE" => DataType::Double,
        "VARCHAR" => DataType::String,
        "BLOB" => DataType::Binary,
        "DATE" => DataType::Date,
        "TIMESTAMP WITH TIME ZONE" | "TIMESTAMPTZ" => DataType::Timestamp,
        "TIMESTAMP" | "TIMESTAMP_MS" | "TIMESTAMP_S" => DataType::TimestampNtz,
        "NULL" | "\"NULL\"" => DataType::Null,
        _ => return Err(SparkError::unsupported(format!("DuckDB column type {n}"))),
    })
}

/// Splits `a, b(c, d), e` at the commas that are not inside parentheses or double quotes.
fn split_top_level(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut in_quotes, mut start) = (0i32, false, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            '(' if !in_quotes => depth += 1,
            ')' if !in_quotes => depth -= 1,
            ',' if !in_quotes && depth == 0 => {
                parts.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(s[start..].trim());
    parts
}

/// Spark's `quoteIfNeeded`: back-quotes a name unless it is a plain identifier.
pub fn quote_spark_ident(name: &str) -> String {
    let plain = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.chars().next().is_some_and(|c| c.is_ascii_digit());
    if plain {
        name.to_string()
    } else {
        format!("`{}`", name.replace('`', "``"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_json_round_trip() {
        let fields = vec![
            Field::new("a", DataType::Integer, true),
            Field::new("d", DataType::decimal(10, 2), false),
            Field::new("t", DataType::TimestampNtz, true),
            Field::new(
                "arr",
                DataType::Array { element: Box::new(DataType::Long), contains_null: false },
                true,
            ),
            Field::new(
                "m",
                DataType::Map { key: Box::new(DataType::String), value: Box::new(DataType::Double), value_contains_null: true },
                true,
            ),
            Field::new("s", DataType::Struct(vec![Field::new("x\"y", DataType::Date, true)]), true),
        ];
        let json = schema_to_json(&fields);
        assert!(json.starts_with(r#"{"type":"struct","fields":[{"name":"a","type":"integer","nullable":true,"metadata":{}}"#), "{json}");
        assert!(json.contains(r#""type":"decimal(10,2)""#));
        assert!(json.contains(r#"{"type":"array","elementType":"long","containsNull":false}"#), "{json}");
        assert_eq!(schema_from_json(&json).unwrap(), fields);
    }

    #[test]
    fn duckdb_spelling() {
        assert_eq!(DataType::Timestamp.to_duckdb_sql(), "TIMESTAMPTZ");
        assert_eq!(DataType::TimestampNtz.to_duckdb_sql(), "TIMESTAMP");
        assert_eq!(DataType::Byte.to_duckdb_sql(), "TINYINT");
        assert_eq!(DataType::decimal(38, 6).to_duckdb_sql(), "DECIMAL(38,6)");
        let st = DataType::Struct(vec![Field::new("a\"b", DataType::Integer, true)]);
        assert_eq!(st.to_duckdb_sql(), "STRUCT(\"a\"\"b\" INTEGER)");
    }

    #[test]
    fn from_duckdb_names() {
        assert_eq!(from_duckdb_type_name("DECIMAL(15,2)").unwrap(), DataType::decimal(15, 2));
        assert_eq!(from_duckdb_type_name("TIMESTAMP WITH TIME ZONE").unwrap(), DataType::Timestamp);
        assert_eq!(
            from_duckdb_type_name("INTEGER[]").unwrap(),
            DataType::Array { element: Box::new(DataType::Integer), contains_null: true }
        );
        assert_eq!(
            from_duckdb_type_name("STRUCT(a INTEGER, \"b c\" MAP(VARCHAR, DOUBLE[]))").unwrap(),
            DataType::Struct(vec![
                Field::new("a", DataType::Integer, true),
                Field::new(
                    "b c",
                    DataType::Map {
                        key: Box::new(DataType::String),
                        value: Box::new(DataType::Array { element: Box::new(DataType::Double), contains_null: true }),
                        value_contains_null: true
                    },
                    true
                ),
            ])
        );
        assert_eq!(from_duckdb_type_name("INTERVAL").unwrap_err().error_class, "SPARKDUCK_UNSUPPORTED");
    }

    #[test]
    fn from_arrow_as_spark_writes_it() {
        use arrow::datatypes::{DataType as A, Field as AF, Fields};
        use std::sync::Arc;
        assert_eq!(DataType::from_arrow(&A::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))).unwrap(), DataType::Timestamp);
        assert_eq!(DataType::from_arrow(&A::Timestamp(TimeUnit::Microsecond, None)).unwrap(), DataType::TimestampNtz);
        assert_eq!(DataType::from_arrow(&A::Decimal128(38, 18)).unwrap(), DataType::decimal(38, 18));
        assert_eq!(
            DataType::from_arrow(&A::List(Arc::new(AF::new("element", A::Int32, false)))).unwrap(),
            DataType::Array { element: Box::new(DataType::Integer), contains_null: false }
        );
        let entries = AF::new(
            "entries",
            A::Struct(Fields::from(vec![AF::new("key", A::Utf8, false), AF::new("value", A::Float64, true)])),
            false,
        );
        assert_eq!(
            DataType::from_arrow(&A::Map(Arc::new(entries), false)).unwrap(),
            DataType::Map { key: Box::new(DataType::String), value: Box::new(DataType::Double), value_contains_null: true }
        );
        assert_eq!(DataType::from_arrow(&A::Timestamp(TimeUnit::Nanosecond, None)).unwrap_err().error_class, "SPARKDUCK_UNSUPPORTED");
    }

    #[test]
    fn type_strings() {
        assert_eq!(parse_type_string("int").unwrap(), DataType::Integer);
        assert_eq!(parse_type_string("Decimal(12, 3)").unwrap(), DataType::decimal(12, 3));
        assert_eq!(parse_type_string("decimal").unwrap(), DataType::decimal(10, 0));
        assert_eq!(
            parse_type_string("struct<a:int,`b``c`:array<string>>").unwrap(),
            DataType::Struct(vec![
                Field::new("a", DataType::Integer, true),
                Field::new("b`c", DataType::Array { element: Box::new(DataType::String), contains_null: true }, true),
            ])
        );
        assert!(parse_type_string("decimal(40,2)").is_err());
        assert_eq!(parse_type_string("foo").unwrap_err().error_class, "UNSUPPORTED_DATATYPE");
    }
}
