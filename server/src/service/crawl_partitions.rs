//! The `delete` policy for partition folders: a partition of a crawler's table whose folder
//! holds no file any more is deleted from the catalog, as Glue's DELETE_FROM_DATABASE does.
//! Only partitions the crawl could have made are judged: those with a location inside the
//! table's folder.

use std::collections::{HashMap, HashSet};

use super::ServiceResult;
use super::crawl_run::CRAWLER_PROPERTY;
use super::crawlers::Crawlers;
use crate::crawl::scan::Scan;
use crate::domain::crawler::{Crawler, CrawlerRun, DeletedFolderPolicy, RunIssue};
use crate::domain::partition::{MAX_BATCH, encode_values};
use crate::domain::principal::Principal;
use crate::store::{partitions, tables};

/// Partitions read per page while looking for emptied folders.
const PAGE: u64 = 1000;

impl Crawlers {
    pub(super) async fn delete_emptied_partitions(
        &self,
        crawler: &Crawler,
        owner: &Principal,
        scan: &Scan,
        failed_tables: &HashSet<String>,
        run: &mut CrawlerRun,
    ) -> ServiceResult<()> {
        if crawler.deleted_folders != DeletedFolderPolicy::Delete {
            return Ok(());
        }
        for (name, folders) in folders_with_files(self, scan) {
            if failed_tables.contains(name) {
                continue;
            }
            let stale = match self.stale_partitions(crawler, name, &folders, scan).await {
                Ok(stale) => stale,
                Err(e) => {
                    run.errors.push(RunIssue { path: name.to_owned(), error: e.to_string() });
                    continue;
                }
            };
            for batch in stale.chunks(MAX_BATCH) {
                match self.catalog.delete_partitions(owner, &crawler.database, name, batch.to_vec()).await {
                    Ok(n) => run.stats.partitions_deleted += n as u64,
                    Err(e) => run.errors.push(RunIssue { path: name.to_owned(), error: e.to_string() }),
                }
            }
        }
        Ok(())
    }

    /// Values of the partitions of table `name` located in its folder but not in `folders`.
    async fn stale_partitions(
        &self,
        crawler: &Crawler,
        name: &str,
        folders: &HashSet<String>,
        scan: &Scan,
    ) -> ServiceResult<Vec<Vec<String>>> {
        let Some(table) = tables::get(&mut self.store.conn(), &crawler.database, name).await? else {
            return Ok(Vec::new());
        };
        let props = &table.definition.business.properties;
        let keys = &table.definition.partition_keys;
        if props.get(CRAWLER_PROPERTY) != Some(&crawler.name) || keys.is_empty() {
            return Ok(Vec::new());
        }
        let table_folder = self.files.lake().uri(&scan.tables[name].folder);
        let mut stale = Vec::new();
        let mut after = None;
        loop {
            let page =
                partitions::list(&mut self.store.conn(), &table.id, keys.len(), None, after.as_ref(), PAGE).await?;
            for partition in &page {
                let Some(location) = &partition.location else { continue };
                let folder = format!("{}/", location.trim_end_matches('/'));
                if folder.starts_with(&table_folder) && !folders.contains(&folder) {
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

/// Per table, the URIs (ending in `/`) of the folders that hold at least one listed file,
/// whether or not the file was read or usable.
fn folders_with_files<'a>(crawlers: &Crawlers, scan: &'a Scan) -> HashMap<&'a str, HashSet<String>> {
    let mut out: HashMap<&str, HashSet<String>> = HashMap::new();
    for relative in scan.objects.keys() {
        let mut parts: Vec<&str> = relative.split('/').collect();
        parts.pop();
        let Some((table, folders)) = parts.split_first() else { continue };
        let Some((name, scanned)) = scan.tables.get_key_value(*table) else { continue };
        let folder = folders.iter().fold(scanned.folder.clone(), |path, part| path.join(part));
        out.entry(name.as_str()).or_default().insert(crawlers.files.lake().uri(&folder));
    }
    out
}
