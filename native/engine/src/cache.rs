//! Cached relations (`Dataset.persist` / `cache`): a relation's result is materialized once into a table of the
//! session's in-memory database, and later plans that contain the same relation (Datasets derived from the
//! persisted one carry its plan, plan id included) read the table instead of recomputing it.
//!
//! Unlike Spark, which fills the cache at the first action, the table is filled when `persist` is called: results
//! are the same unless the sources change between the two.

use sparkduck_analysis::{CachedRelation, Field};
use sparkduck_plan::proto;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub struct RelationCache {
    /// The cached relations (decoded: maps in a plan make byte comparison unreliable) and their tables.
    entries: Mutex<Vec<(proto::Relation, Arc<CachedRelation>)>>,
    next: AtomicU64,
}

impl RelationCache {
    /// The table of `relation` if it is cached. Only relations with a plan id are cached (every Dataset has one),
    /// so that the lookup compares plan ids before whole plans.
    pub fn lookup(&self, relation: &proto::Relation) -> Option<Arc<CachedRelation>> {
        let plan_id = relation.common.as_ref().and_then(|c| c.plan_id)?;
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .iter()
            .find(|(r, _)| r.common.as_ref().and_then(|c| c.plan_id) == Some(plan_id) && r == relation)
            .map(|(_, c)| c.clone())
    }

    pub(crate) fn next_table_name(&self) -> String {
        format!("__sparkduck_cache_{}", self.next.fetch_add(1, Ordering::Relaxed))
    }

    pub(crate) fn insert(&self, relation: proto::Relation, table: String, fields: Vec<Field>) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.push((relation, Arc::new(CachedRelation { table, fields })));
    }

    /// Removes `relation`'s entry; its table name, to drop.
    pub(crate) fn remove(&self, relation: &proto::Relation) -> Option<String> {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let i = entries.iter().position(|(r, _)| r == relation)?;
        Some(entries.remove(i).1.table.clone())
    }

    /// The persisted relations whose plans name `path` or a file under it, with their tables. The plan is searched
    /// as text (its paths appear verbatim): a relation naming a path only by coincidence is recomputed needlessly,
    /// never wrongly.
    pub(crate) fn reading_path(&self, path: &str) -> Vec<(proto::Relation, String)> {
        let trimmed = path.trim_end_matches('/');
        let quoted = format!("{:?}", trimmed);
        let needle = &quoted[..quoted.len() - 1]; // the path as Debug prints it, without the closing quote
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .iter()
            .filter(|(r, _)| format!("{r:?}").contains(needle))
            .map(|(r, c)| (r.clone(), c.table.clone()))
            .collect()
    }

    /// Removes every entry (`spark.catalog.clearCache`); their table names, to drop.
    pub(crate) fn clear(&self) -> Vec<String> {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.drain(..).map(|(_, c)| c.table.clone()).collect()
    }
}
