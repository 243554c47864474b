//! The policy snapshot: principals, memberships, grants and tags, read from the store in one
//! go and indexed for decisions. Immutable once built; a change builds a new one.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use super::roles::RoleEngine;
use crate::domain::data_filter::DataFilter;
use crate::domain::grant::{Grant, GrantResource};
use crate::domain::principal::{Principal, PrincipalKind};
use crate::domain::tag::{TagKey, Tags};
use crate::store::{Store, StoreError, StoreResult, data_filters, grants, outbox, principals, roles, tags};

#[derive(Debug)]
pub struct Snapshot {
    /// The outbox position the snapshot includes every change up to.
    pub seq: i64,
    /// Unique per snapshot built in this process: caches of decisions are keyed by it.
    pub generation: u64,
    principals: HashMap<String, Principal>,
    by_name: HashMap<(PrincipalKind, String), String>,
    /// member id -> the groups it is directly in.
    member_of: HashMap<String, Vec<String>>,
    /// principal id -> resource key -> grants.
    grants: HashMap<String, HashMap<String, Vec<Arc<Grant>>>>,
    /// principal id -> its tag-expression grants.
    tag_grants: HashMap<String, Vec<Arc<Grant>>>,
    /// resource key (`database:x`, `table:x.y`, `column:x.y.z`) -> its own tags.
    pub tags: HashMap<String, Tags>,
    pub tag_keys: BTreeMap<String, TagKey>,
    /// table key -> its data filters.
    filters: HashMap<String, Vec<Arc<DataFilter>>>,
    /// `db.table` of every table with a tagged column.
    column_tagged: HashSet<String>,
    /// Management-plane roles: who holds which, and casbin's enforcer over them.
    pub roles: RoleEngine,
}

const NO_GRANTS: &[Arc<Grant>] = &[];

static GENERATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Snapshot {
    pub async fn load(store: &Store) -> StoreResult<Snapshot> {
        let mut conn = store.conn();
        // Read the position first: anything committed later is picked up by the next refresh.
        let seq = outbox::last_seq(&mut conn).await?;
        let generation = GENERATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let assignments = roles::all(&mut conn).await?;
        let roles = RoleEngine::build(&assignments).await.map_err(StoreError::Corrupt)?;
        let mut snapshot = Snapshot {
            seq,
            generation,
            principals: HashMap::new(),
            by_name: HashMap::new(),
            member_of: HashMap::new(),
            grants: HashMap::new(),
            tag_grants: HashMap::new(),
            tags: HashMap::new(),
            tag_keys: BTreeMap::new(),
            filters: HashMap::new(),
            column_tagged: HashSet::new(),
            roles,
        };
        for principal in principals::all(&mut conn).await? {
            snapshot.by_name.insert((principal.kind, principal.name.clone()), principal.id.clone());
            snapshot.principals.insert(principal.id.clone(), principal);
        }
        for (group, member) in principals::all_memberships(&mut conn).await? {
            snapshot.member_of.entry(member).or_default().push(group);
        }
        for grant in grants::all(&mut conn).await? {
            let grant = Arc::new(grant);
            if matches!(grant.resource, GrantResource::TagExpression { .. }) {
                snapshot.tag_grants.entry(grant.principal_id.clone()).or_default().push(grant);
            } else {
                let by_resource = snapshot.grants.entry(grant.principal_id.clone()).or_default();
                by_resource.entry(grant.resource.key()).or_default().push(grant);
            }
        }
        for (resource, key, value) in tags::all_resource_tags(&mut conn).await? {
            if let Some((table, _column)) = resource.strip_prefix("column:").and_then(|r| r.rsplit_once('.')) {
                snapshot.column_tagged.insert(table.to_owned());
            }
            snapshot.tags.entry(resource).or_default().insert(key, value);
        }
        for filter in data_filters::all(&mut conn).await? {
            let table = crate::domain::grant::table_key(&filter.database, &filter.table);
            snapshot.filters.entry(table).or_default().push(Arc::new(filter));
        }
        for key in tags::all_keys(&mut conn).await? {
            snapshot.tag_keys.insert(key.key.clone(), key);
        }
        Ok(snapshot)
    }

    pub fn principal(&self, id: &str) -> Option<&Principal> {
        self.principals.get(id)
    }

    pub fn find(&self, kind: PrincipalKind, name: &str) -> Option<&Principal> {
        self.by_name.get(&(kind, name.to_owned())).and_then(|id| self.principals.get(id))
    }

    /// `kind:name` of a principal, as resources record their owner.
    pub fn principal_name(&self, id: &str) -> Option<String> {
        self.principals.get(id).map(ToString::to_string)
    }

    /// The principal itself and every group it is in, directly or through other groups.
    pub fn subjects(&self, id: &str) -> Vec<String> {
        let mut seen = HashSet::new();
        let mut order = Vec::new();
        let mut stack = vec![id.to_owned()];
        while let Some(next) = stack.pop() {
            if seen.insert(next.clone()) {
                if let Some(groups) = self.member_of.get(&next) {
                    stack.extend(groups.iter().cloned());
                }
                order.push(next);
            }
        }
        order
    }

    /// Groups `id` is directly in.
    pub fn groups_of(&self, id: &str) -> &[String] {
        self.member_of.get(id).map_or(&[], Vec::as_slice)
    }

    pub fn grants_on(&self, subject: &str, resource_key: &str) -> &[Arc<Grant>] {
        self.grants.get(subject).and_then(|r| r.get(resource_key)).map_or(NO_GRANTS, Vec::as_slice)
    }

    pub fn tag_grants_of(&self, subject: &str) -> &[Arc<Grant>] {
        self.tag_grants.get(subject).map_or(NO_GRANTS, Vec::as_slice)
    }

    /// Every non-tag grant of `subject`, by resource key.
    pub fn grants_of(&self, subject: &str) -> impl Iterator<Item = (&String, &Vec<Arc<Grant>>)> {
        self.grants.get(subject).into_iter().flatten()
    }

    pub fn filters_of(&self, table_key: &str) -> &[Arc<DataFilter>] {
        self.filters.get(table_key).map_or(&[], Vec::as_slice)
    }

    /// Tables of `database` with a tagged column.
    pub fn column_tagged_in<'a>(&'a self, database: &'a str) -> impl Iterator<Item = String> + 'a {
        self.column_tagged
            .iter()
            .filter_map(move |t| t.split_once('.').filter(|(db, _)| *db == database).map(|(_, table)| table.to_owned()))
    }

    /// Whether any column of the table has tags of its own.
    pub fn has_column_tags(&self, database: &str, table: &str) -> bool {
        self.column_tagged.contains(&format!("{database}.{table}"))
    }

    pub fn tags_of(&self, resource_key: &str) -> Tags {
        self.tags.get(resource_key).cloned().unwrap_or_default()
    }
}
