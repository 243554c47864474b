//! Visibility on every matching document: a collector that passes on only what the caller's
//! [`Gate`] admits, so hits, totals and facet counts all agree and never count a hidden
//! database, table or column. Decisions are made once per database or table and remembered.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex, RwLock};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::ColumnValues;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::documents::Facts;
use super::index::Registry;

/// What a caller may see of one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    Hidden,
    All,
    /// Visible, with only the columns at these positions.
    Columns(Vec<bool>),
}

impl View {
    fn admits(&self, column: u64) -> bool {
        match self {
            View::Hidden => false,
            View::All => true,
            View::Columns(allowed) => {
                column == 0 || allowed.get(usize::try_from(column - 1).unwrap_or(usize::MAX)).copied().unwrap_or(false)
            }
        }
    }
}

/// What a caller may see inside one database, when that can be told without looking at each
/// table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The database and every table and column in it.
    Everything,
    /// Nothing in it, the database included.
    Nothing,
    /// Decide table by table.
    PerTable,
}

/// The caller's permissions, asked once per database or table and remembered in a [`Memo`].
pub trait Gate: Send + Sync {
    /// Sees every database, table and column: no per-document check needed.
    fn everything(&self) -> bool;
    fn scope(&self, database: &str, owner: &str) -> Scope;
    fn database(&self, name: &str, owner: &str) -> bool;
    fn table(&self, database: &str, name: &str, owner: &str, columns: &[String]) -> View;
}

/// Decisions already made for one caller under one policy snapshot, by `ord`.
#[derive(Debug, Default)]
pub struct Memo {
    views: Mutex<HashMap<u64, Arc<View>, BuildHasherDefault<OrdHasher>>>,
    scopes: Mutex<HashMap<u64, Scope, BuildHasherDefault<OrdHasher>>>,
}

/// One caller's memo per policy generation; bounded, so many callers cannot grow it forever.
#[derive(Debug, Default)]
pub struct MemoCache {
    memos: Mutex<HashMap<String, (u64, Arc<Memo>)>>,
}

/// Callers remembered at once, and decisions per caller.
const MAX_MEMOS: usize = 64;
const MAX_MEMO_ENTRIES: usize = 250_000;

impl MemoCache {
    pub fn get(&self, caller: &str, generation: u64) -> Arc<Memo> {
        let mut memos = self.memos.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((g, memo)) = memos.get(caller) {
            if *g == generation {
                return memo.clone();
            }
        }
        if memos.len() >= MAX_MEMOS {
            memos.clear();
        }
        let memo = Arc::new(Memo::default());
        memos.insert(caller.to_owned(), (generation, memo.clone()));
        memo
    }
}

#[derive(Clone)]
pub struct Check {
    pub gate: Arc<dyn Gate>,
    pub memo: Arc<Memo>,
    pub registry: Arc<RwLock<Registry>>,
}

impl Check {
    /// Whether the caller sees every column of the table whose document is `doc` (what may
    /// be shown that speaks of all of them, such as its quality score).
    pub fn sees_whole_table(&self, reader: &SegmentReader, doc: DocId) -> bool {
        let fast = reader.fast_fields();
        let value = |name: &str| fast.u64(name).ok().map(|c| c.first_or_default_col(0).get_val(doc));
        let (Some(database), Some(ord)) = (value("db"), value("ord")) else { return false };
        match self.scope(database) {
            Scope::Everything => true,
            Scope::Nothing => false,
            Scope::PerTable => *self.view(ord) == View::All,
        }
    }

    fn scope(&self, database_key: u64) -> Scope {
        let mut scopes = self.memo.scopes.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(scope) = scopes.get(&database_key) {
            return *scope;
        }
        let known = self.registry.read().unwrap_or_else(|p| p.into_inner()).databases.get(&database_key).cloned();
        let scope = match known {
            Some((name, owner)) => self.gate.scope(&name, &owner),
            None => Scope::PerTable,
        };
        scopes.insert(database_key, scope);
        scope
    }

    fn view(&self, ord: u64) -> Arc<View> {
        let mut views = self.memo.views.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(view) = views.get(&ord) {
            return view.clone();
        }
        if views.len() >= MAX_MEMO_ENTRIES {
            views.clear();
        }
        let facts = self.registry.read().unwrap_or_else(|p| p.into_inner()).facts.get(&ord).cloned();
        // Unknown: a document being replaced right now. Deny by default.
        let view = Arc::new(match facts.as_deref() {
            None => View::Hidden,
            Some(Facts::Database { name, owner }) => {
                if self.gate.database(name, owner) {
                    View::All
                } else {
                    View::Hidden
                }
            }
            Some(Facts::Table { database, name, owner, columns }) => self.gate.table(database, name, owner, columns),
        });
        views.insert(ord, view.clone());
        view
    }
}

/// Ords are already well spread: hashing them again is wasted work on the hot path.
#[derive(Debug, Default)]
struct OrdHasher(u64);

impl Hasher for OrdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8 | u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Wraps a collector; `check: None` means the caller sees everything.
pub struct VisibleCollector<C> {
    pub inner: C,
    pub check: Option<Check>,
}

pub struct VisibleSegment<S> {
    inner: S,
    check: Option<(Check, Columns)>,
    scopes: HashMap<u64, Scope, BuildHasherDefault<OrdHasher>>,
    last_scope: Option<(u64, Scope)>,
    seen: HashMap<u64, Arc<View>, BuildHasherDefault<OrdHasher>>,
    last_view: Option<(u64, Arc<View>)>,
    admitted: Vec<DocId>,
}

/// The fast fields a decision reads: database key, ord, column position.
pub struct Columns {
    db: Arc<dyn ColumnValues<u64>>,
    ord: Arc<dyn ColumnValues<u64>>,
    col: Arc<dyn ColumnValues<u64>>,
}

impl<S> VisibleSegment<S> {
    fn admits(&mut self, doc: DocId) -> bool {
        let Some((check, Columns { db, ord: ords, col: cols })) = &self.check else { return true };
        // Documents of one database (and of one table) lie next to each other: the last
        // answer is usually the one needed.
        let database = db.get_val(doc);
        let scope = match self.last_scope {
            Some((key, scope)) if key == database => scope,
            _ => {
                let scope = *self.scopes.entry(database).or_insert_with(|| check.scope(database));
                self.last_scope = Some((database, scope));
                scope
            }
        };
        match scope {
            Scope::Everything => return true,
            Scope::Nothing => return false,
            Scope::PerTable => {}
        }
        let ord = ords.get_val(doc);
        if self.last_view.as_ref().is_none_or(|(key, _)| *key != ord) {
            let view = self.seen.entry(ord).or_insert_with(|| check.view(ord)).clone();
            self.last_view = Some((ord, view));
        }
        self.last_view.as_ref().is_some_and(|(_, view)| view.admits(cols.get_val(doc)))
    }
}

impl<C: Collector> Collector for VisibleCollector<C> {
    type Fruit = C::Fruit;
    type Child = VisibleSegment<C::Child>;

    fn for_segment(&self, ordinal: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<Self::Child> {
        let check = match &self.check {
            Some(check) => {
                let fast = reader.fast_fields();
                let column = |name: &str| fast.u64(name).map(|c| c.first_or_default_col(0));
                Some((check.clone(), Columns { db: column("db")?, ord: column("ord")?, col: column("col")? }))
            }
            None => None,
        };
        Ok(VisibleSegment {
            inner: self.inner.for_segment(ordinal, reader)?,
            check,
            scopes: HashMap::default(),
            last_scope: None,
            seen: HashMap::default(),
            last_view: None,
            admitted: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(&self, fruits: Vec<<Self::Child as SegmentCollector>::Fruit>) -> tantivy::Result<Self::Fruit> {
        self.inner.merge_fruits(fruits)
    }
}

impl<S: SegmentCollector> SegmentCollector for VisibleSegment<S> {
    type Fruit = S::Fruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        if self.admits(doc) {
            self.inner.collect(doc, score);
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        if self.check.is_none() {
            self.inner.collect_block(docs);
            return;
        }
        let mut admitted = std::mem::take(&mut self.admitted);
        admitted.clear();
        admitted.extend(docs.iter().copied().filter(|d| self.admits(*d)));
        self.inner.collect_block(&admitted);
        self.admitted = admitted;
    }

    fn harvest(self) -> Self::Fruit {
        self.inner.harvest()
    }
}
