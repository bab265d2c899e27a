//! Relation → DuckDB SQL: resolve (analyzer.rs) into the logical form, then emit (emit.rs).

use crate::analyzer::Analyzer;
use crate::emit::Emitter;
use crate::{AnalysisConfig, Catalog, Field, Result};
use sparkduck_plan::proto;

/// Local data of the plan (`LocalRelation`): Arrow IPC stream bytes that the engine registers under `name`
/// before it runs `sql`.
#[derive(Debug, Clone)]
pub struct LocalTable {
    /// The table name the SQL uses (unquoted; the SQL quotes it).
    pub name: String,
    /// Arrow IPC stream format, as the plan carries it.
    pub ipc: Vec<u8>,
}

/// The result of translating one plan.
#[derive(Debug, Clone)]
pub struct Translated {
    /// One DuckDB SQL query whose result columns are exactly `schema` (names, order, DuckDB forms of the types).
    pub sql: String,
    /// Spark's output schema: names, types, nullability.
    pub schema: Vec<Field>,
    pub local_tables: Vec<LocalTable>,
    /// UDFs the SQL calls: the engine registers their DuckDB functions before running it.
    pub udfs: Vec<crate::udf::UdfUse>,
}

pub fn translate(rel: &proto::Relation, catalog: &dyn Catalog, config: &AnalysisConfig) -> Result<Translated> {
    let mut analyzer = Analyzer::new(catalog, config);
    let plan = analyzer.resolve_relation(rel)?;
    let sql = Emitter::new().emit_root(&plan)?;
    let schema = plan.output.iter().map(|c| Field::new(c.name.clone(), c.data_type.clone(), c.nullable)).collect();
    Ok(Translated { sql, schema, local_tables: analyzer.local_tables, udfs: analyzer.udfs })
}
