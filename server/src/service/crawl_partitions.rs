//! The `delete` policy for partition folders: a partition of a crawler's table is deleted from
//! the catalog once its folder, which held files at the crawler's previous run, holds none (as
//! Glue's DELETE_FROM_DATABASE does). Partitions registered ahead of their data, or created
//! after this run listed the lake, are never judged.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::ServiceResult;
use super::crawlers::Crawlers;
use crate::crawl::scan::Scan;
use crate::domain::crawler::{Crawler, CrawlerRun, DeletedFolderPolicy, RunIssue};
use crate::domain::partition::{MAX_BATCH, encode_values};
use crate::domain::principal::Principal;
use crate::domain::table::Table;
use crate::storage::LakePath;
use crate::store::crawlers::SeenObject;
use crate::store::partitions;

/// Partitions read per page.
const PAGE: u64 = 1000;

/// What a run knows about the files under the crawler's location.
pub(super) struct Listing<'a> {
    pub root: &'a LakePath,
    /// Objects recorded by the previous run, by path below the root.
    pub seen: &'a HashMap<String, SeenObject>,
    pub scan: &'a Scan,
    /// When this run listed the lake: partitions created since are not judged.
    pub listed_at: DateTime<Utc>,
}

impl Crawlers {
    pub(super) async fn delete_emptied_partitions(
        &self,
        crawler: &Crawler,
        owner: &Principal,
        listing: &Listing<'_>,
        failed_tables: &HashSet<String>,
        run: &mut CrawlerRun,
    ) -> ServiceResult<()> {
        if crawler.deleted_folders != DeletedFolderPolicy::Delete {
            return Ok(());
        }
        let emptied = self.emptied_folders(listing);
        if emptied.is_empty() {
            return Ok(());
        }
        for table in self.own_tables(crawler).await? {
            let name = table.name.to_string();
            if failed_tables.contains(&name) || table.definition.partition_keys.is_empty() {
                continue;
            }
            let stale = match self.stale_partitions(&table, &emptied, listing.listed_at).await {
                Ok(stale) => stale,
                Err(e) => {
                    run.errors.push(RunIssue { path: name, error: e.to_string() });
                    continue;
                }
            };
            for batch in stale.chunks(MAX_BATCH) {
                match self.partitions.delete(owner, &crawler.database, &name, batch.to_vec()).await {
                    Ok(n) => run.stats.partitions_deleted += n as u64,
                    Err(e) => run.errors.push(RunIssue { path: name.clone(), error: e.to_string() }),
                }
            }
        }
        Ok(())
    }

    /// URIs (ending in `/`) of the folders that held a file at the previous run and hold none
    /// now, counting files in subfolders.
    fn emptied_folders(&self, listing: &Listing<'_>) -> HashSet<String> {
        let lake = self.files.lake();
        let folders_of = |paths: &mut dyn Iterator<Item = &String>| {
            let mut out = HashSet::new();
            for relative in paths {
                let mut parts: Vec<&str> = relative.split('/').collect();
                parts.pop();
                let mut folder = listing.root.clone();
                for part in parts {
                    folder = folder.join(part);
                    out.insert(lake.uri(&folder));
                }
            }
            out
        };
        let present = folders_of(&mut listing.scan.objects.keys());
        let before = folders_of(&mut listing.seen.keys());
        before.difference(&present).cloned().collect()
    }

    /// Values of the partitions of `table` located in an emptied folder and created before the
    /// listing.
    async fn stale_partitions(
        &self,
        table: &Table,
        emptied: &HashSet<String>,
        listed_at: DateTime<Utc>,
    ) -> ServiceResult<Vec<Vec<String>>> {
        let Some(location) = &table.definition.location else { return Ok(Vec::new()) };
        let table_folder = format!("{}/", location.trim_end_matches('/'));
        if !emptied.iter().any(|f| f.starts_with(&table_folder)) {
            return Ok(Vec::new());
        }
        let keys = &table.definition.partition_keys;
        let mut stale = Vec::new();
        let mut after = None;
        loop {
            let page =
                partitions::list(&mut self.store.conn(), &table.id, keys.len(), None, after.as_ref(), PAGE).await?;
            for partition in &page {
                let Some(location) = &partition.location else { continue };
                let folder = format!("{}/", location.trim_end_matches('/'));
                if emptied.contains(&folder) && partition.created_at < listed_at {
                    stale.push(partition.values.clone());
                }
            }
            match page.last() {
                Some(last) if page.len() as u64 == PAGE => after = Some(encode_values(keys, &last.values)?),
                _ => return Ok(stale),
            }
        }
    }
}
