//! Spark's data types, their DuckDB SQL spelling, and Spark's JSON schema form (`DataType.fromJson` on the JVM).

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
