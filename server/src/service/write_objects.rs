//! Governed writes of ready-made objects (a stream's compressed JSON lines): each staged,
//! named after the writer's prefix, placed in its partition folder, and committed in one
//! change, with what an earlier attempt of the same prefix left uncommitted removed first.

use std::collections::BTreeSet;

use bytes::Bytes;

use super::files::{FileError, Files, Result};
use super::writes::{Committed, Existing, Replace, StagedFile};
use crate::authz::capability::WriteFiles;
use crate::domain::principal::Principal;
use crate::domain::table::Table;
use crate::storage::{FileName, PartitionPath};
use crate::store::streams::Delivery;

impl Files {
    /// Writes `objects` (partition folder, bytes) into `table` as `{prefix}-{n:05}{suffix}`, in
    /// one commit with `delivery`; nothing is visible unless all are.
    #[allow(clippy::too_many_arguments)]
    pub async fn write_objects(
        &self,
        principal: &Principal,
        write: &WriteFiles,
        table: &Table,
        objects: Vec<(PartitionPath, Bytes)>,
        prefix: &str,
        suffix: &str,
        delivery: Option<&Delivery>,
    ) -> Result<Committed> {
        let folder = self.lake().resolve(write.location())?;
        let mut staged: Vec<StagedFile> = Vec::with_capacity(objects.len());
        let mut folders = BTreeSet::new();
        let mut failure: Option<FileError> = None;
        for (n, (partition, bytes)) in objects.into_iter().enumerate() {
            let body = futures::stream::iter([Ok::<Bytes, std::io::Error>(bytes)]);
            let placed = async {
                let name = FileName::parse(&format!("{prefix}-{n:05}{suffix}"))?;
                let dir = folder.join_partition(&partition);
                let path = dir.join(name.as_str());
                let relative = path.relative_to(&folder).unwrap_or_default().to_owned();
                let catalog = self.catalog_partition(table, &folder, &partition)?;
                let object = self.lake().stage(body, u64::MAX).await?;
                Ok::<_, FileError>((dir, StagedFile { staged: object, file: path, relative, partition: catalog }))
            };
            match placed.await {
                Ok((dir, file)) => {
                    folders.insert(dir);
                    staged.push(file);
                }
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        if failure.is_none() {
            let keep: BTreeSet<String> = staged.iter().map(|f| f.file.as_str().to_owned()).collect();
            for dir in &folders {
                if let Err(e) = self.lake().remove_uncommitted(write, dir, prefix, &keep).await {
                    failure = Some(e.into());
                    break;
                }
            }
        }
        if let Some(e) = failure {
            for done in staged {
                self.lake().discard(done.staged).await;
            }
            return Err(e);
        }
        self.commit(principal, write, table, staged, None, Existing::Refuse, Replace::Nothing, delivery).await
    }
}
