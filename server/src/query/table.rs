//! A catalog table as DataFusion sees it: only the granted columns (and the partition keys),
//! and a scan that applies the caller's row filters before anything of the query runs, to
//! every file whose footer does not prove that all its rows pass them (see `admit`).

use std::collections::HashSet;
use std::sync::Arc;

use async_trait::async_trait;
use datafusion::arrow::datatypes::{Field, Schema, SchemaRef};
use datafusion::catalog::{Session, TableProvider};
use datafusion::common::{DFSchema, Result as DfResult, ScalarValue, Statistics, exec_datafusion_err};
use datafusion::datasource::TableType;
use datafusion::datasource::file_format::file_compression_type::FileCompressionType;
use datafusion::datasource::listing::PartitionedFile;
use datafusion::datasource::physical_plan::parquet::metadata::DFParquetMetadata;
use datafusion::datasource::physical_plan::{
    AvroSource, CsvSource, FileGroup, FileScanConfigBuilder, FileSource, JsonSource, ParquetSource,
};
use datafusion::datasource::source::DataSourceExec;
use datafusion::datasource::table_schema::TableSchema;
use datafusion::execution::object_store::ObjectStoreUrl;
use datafusion::logical_expr::utils::conjunction;
use datafusion::logical_expr::{Expr, TableProviderFilterPushDown};
use datafusion::physical_expr::expressions::Column as ColumnExpr;
use datafusion::physical_plan::ExecutionPlan;
use datafusion::physical_plan::empty::EmptyExec;
use datafusion::physical_plan::filter::FilterExec;
use datafusion::physical_plan::projection::ProjectionExec;
use datafusion::physical_plan::union::UnionExec;
use object_store::ObjectMeta;

use super::admit::{self, Verdict};
use super::guard::{Branch, GuardExec, GuardMode, ScanLog};
use super::schema::to_arrow;
use super::{TableFile, TableSpec, prune};
use crate::domain::table::Format;

/// The URL the lake's object store is registered under in every query's runtime.
pub const LAKE_URL: &str = "tarn-lake://lake/";

#[derive(Debug)]
pub struct SecuredTable {
    spec: Arc<TableSpec>,
    /// What the caller sees: granted data columns, then the partition keys.
    schema: SchemaRef,
    /// Every data column: what the files hold.
    file_schema: SchemaRef,
    /// The partition keys, appended to each file's rows.
    partition_fields: Vec<Arc<Field>>,
    /// The union of the caller's row filters over the whole table; `None`: every row.
    row_filter: Option<Expr>,
    log: ScanLog,
}

impl SecuredTable {
    /// `row_filter` must already be a logical expression over [`Self::full_schema`].
    pub fn new(spec: Arc<TableSpec>, log: ScanLog) -> Self {
        let views = spec.definition.format == Format::Parquet;
        let definition = &spec.definition;
        let field = |c: &crate::domain::table::Column, views| {
            Arc::new(Field::new(c.name.as_str(), to_arrow(&c.data_type, views), true))
        };
        let file_fields: Vec<_> = definition.columns.iter().map(|c| field(c, views)).collect();
        let partition_fields: Vec<_> = definition.partition_keys.iter().map(|c| field(c, false)).collect();
        let granted: HashSet<&str> = spec.read.columns().iter().map(String::as_str).collect();
        let visible: Vec<_> = file_fields
            .iter()
            .filter(|f| granted.contains(f.name().as_str()))
            .chain(partition_fields.iter())
            .cloned()
            .collect();
        Self {
            schema: Arc::new(Schema::new(visible)),
            file_schema: Arc::new(Schema::new(file_fields)),
            partition_fields,
            row_filter: None,
            spec,
            log,
        }
    }

    /// Every column, hidden ones included: what row filters are written against.
    pub fn full_schema(&self) -> SchemaRef {
        let fields: Vec<_> =
            self.file_schema.fields().iter().cloned().chain(self.partition_fields.iter().cloned()).collect();
        Arc::new(Schema::new(fields))
    }

    pub fn with_row_filter(mut self, row_filter: Option<Expr>) -> Self {
        self.row_filter = row_filter;
        self
    }

    fn is_partition_key(&self, name: &str) -> bool {
        self.partition_fields.iter().any(|f| f.name() == name)
    }

    /// Filters over partition keys only: they prune the catalog's partitions.
    fn on_partition_keys(&self, expr: &Expr) -> bool {
        let columns = expr.column_refs();
        !columns.is_empty() && columns.iter().all(|c| self.is_partition_key(&c.name))
    }

    /// The catalog's files as DataFusion's, with footer statistics for Parquet files.
    async fn parts(&self, state: &dyn Session, files: Vec<TableFile>) -> DfResult<Vec<Part>> {
        let footers = Footers {
            store: state.runtime_env().object_store(ObjectStoreUrl::parse(LAKE_URL)?)?,
            cache: state.runtime_env().cache_manager.get_file_metadata_cache(),
        };
        let mut parts = Vec::with_capacity(files.len());
        for file in files {
            let key = (file.format, compression_of(&file.object_path));
            let values = file
                .partition_values
                .iter()
                .zip(&self.partition_fields)
                .map(|(v, f)| ScalarValue::try_from_string(v.clone(), f.data_type()))
                .collect::<DfResult<Vec<_>>>()?;
            let meta = ObjectMeta {
                location: object_store::path::Path::from(file.object_path),
                last_modified: file.last_modified,
                size: file.size,
                e_tag: file.etag,
                version: None,
            };
            let partitioned = PartitionedFile::new_from_meta(meta).with_partition_values(values);
            let (partitioned, proof) = match file.format {
                Format::Parquet => self.with_statistics(&footers, partitioned).await,
                _ => (partitioned, None),
            };
            parts.push(Part { key, file: partitioned, proof });
        }
        Ok(parts)
    }

    /// One scan per format and compression (a table may mix `.csv` and `.csv.gz`).
    fn file_scans(
        &self,
        state: &dyn Session,
        parts: Vec<Part>,
        indices: &[usize],
        predicate: Option<&Expr>,
        limit: Option<usize>,
    ) -> DfResult<Arc<dyn ExecutionPlan>> {
        let mut groups: Vec<((Format, FileCompressionType), Vec<PartitionedFile>)> = Vec::new();
        for Part { key, file, .. } in parts {
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(file),
                None => groups.push((key, vec![file])),
            }
        }
        let table_schema = TableSchema::builder(self.file_schema.clone())
            .with_table_partition_cols(self.partition_fields.clone())
            .build();
        let target = state.config().target_partitions().max(1);
        let mut scans = Vec::with_capacity(groups.len());
        for ((format, compression), files) in groups {
            let source = self.source(state, format, table_schema.clone(), predicate)?;
            let per_group = files.len().div_ceil(target).max(1);
            let file_groups: Vec<FileGroup> = files.chunks(per_group).map(|c| FileGroup::new(c.to_vec())).collect();
            let config = FileScanConfigBuilder::new(ObjectStoreUrl::parse(LAKE_URL)?, source)
                .with_file_groups(file_groups)
                .with_file_compression_type(compression)
                .with_limit(limit)
                .with_projection_indices(Some(indices.to_vec()))?
                .build();
            let exec: Arc<dyn ExecutionPlan> = DataSourceExec::from_data_source(config);
            let exec = exec.repartitioned(target, state.config_options())?.unwrap_or(exec);
            scans.push(exec);
        }
        match scans.len() {
            0 => Ok(Arc::new(EmptyExec::new(Arc::new(self.full_schema().project(indices)?)))),
            1 => Ok(scans.swap_remove(0)),
            _ => UnionExec::try_new(scans),
        }
    }

    /// A Parquet file's statistics from its footer (cached across queries), so the reader can
    /// skip whole files on the query's filters, as DataFusion's own listing tables do. They
    /// describe all of a file's rows: only a transparent guard lets the planner see them. A
    /// footer that cannot be read leaves the file without: reading it fails later, inside the
    /// guard, where a restricted caller's error is masked.
    async fn with_statistics(
        &self,
        footers: &Footers,
        file: PartitionedFile,
    ) -> (PartitionedFile, Option<Arc<Statistics>>) {
        let metadata = DFParquetMetadata::new(footers.store.as_ref(), &file.object_meta)
            .with_file_metadata_cache(Some(footers.cache.clone()))
            .fetch_metadata()
            .await;
        let statistics = metadata.and_then(|metadata| {
            let statistics = DFParquetMetadata::statistics_from_parquet_metadata(&metadata, &self.file_schema)?;
            // Only a row filter's proof needs them.
            let proof = self
                .row_filter
                .as_ref()
                .map(|_| Arc::new(admit::recorded_in_every_row_group(&statistics, &metadata, &self.file_schema)));
            Ok((statistics, proof))
        });
        match statistics {
            Ok((statistics, proof)) => (file.with_statistics(Arc::new(statistics)), proof),
            Err(e) => {
                tracing::debug!(table = self.spec.name, error = %e, "no footer statistics");
                (file, None)
            }
        }
    }

    fn source(
        &self,
        state: &dyn Session,
        format: Format,
        schema: TableSchema,
        predicate: Option<&Expr>,
    ) -> DfResult<Arc<dyn FileSource>> {
        let options = &self.spec.definition.format_options;
        Ok(match format {
            Format::Parquet => {
                let mut source = ParquetSource::new(schema.clone())
                    .with_table_parquet_options(state.table_options().parquet.clone());
                if let Some(predicate) = predicate {
                    let df_schema = DFSchema::try_from(schema.table_schema().as_ref().clone())?;
                    source = source.with_predicate(state.create_physical_expr(predicate.clone(), &df_schema)?);
                }
                Arc::new(source)
            }
            Format::Csv => {
                let mut csv = state.table_options().csv.clone();
                csv.has_header = Some(options.get("header").is_none_or(|h| h == "true"));
                if let Some(d) = options.get("delimiter").and_then(|d| d.bytes().next()) {
                    csv.delimiter = d;
                }
                Arc::new(CsvSource::new(schema).with_csv_options(csv))
            }
            Format::Json => Arc::new(JsonSource::new(schema)),
            Format::Avro => Arc::new(AvroSource::new(schema)),
            other => {
                return Err(exec_datafusion_err!("tables stored as {} cannot be queried yet", other.as_str()));
            }
        })
    }
}

/// One file to read, and the scan it belongs in.
struct Part {
    key: (Format, FileCompressionType),
    file: PartitionedFile,
    /// The footer's statistics a row filter's proof may rest on (see `admit`).
    proof: Option<Arc<Statistics>>,
}

fn listed_bytes(parts: &[Part]) -> u64 {
    parts.iter().map(|p| p.file.object_meta.size).sum()
}

/// Where Parquet footers are read from, and the cache that keeps them across queries.
struct Footers {
    store: Arc<dyn object_store::ObjectStore>,
    cache: Arc<datafusion::execution::cache::cache_manager::FileMetadataCache>,
}

fn compression_of(path: &str) -> FileCompressionType {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".gz") {
        FileCompressionType::GZIP
    } else if lower.ends_with(".zst") {
        FileCompressionType::ZSTD
    } else if lower.ends_with(".bz2") {
        FileCompressionType::BZIP2
    } else if lower.ends_with(".xz") {
        FileCompressionType::XZ
    } else {
        FileCompressionType::UNCOMPRESSED
    }
}

#[async_trait]
impl TableProvider for SecuredTable {
    fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    fn table_type(&self) -> TableType {
        TableType::Base
    }

    /// Inexact pushdown never skips the query's own filter; it lets the scan prune. With a row
    /// filter, filters on partition keys prune the catalog's partitions (metadata the caller
    /// may list) and the others only files the row filter admits whole.
    fn supports_filters_pushdown(&self, filters: &[&Expr]) -> DfResult<Vec<TableProviderFilterPushDown>> {
        Ok(vec![TableProviderFilterPushDown::Inexact; filters.len()])
    }

    async fn scan(
        &self,
        state: &dyn Session,
        projection: Option<&Vec<usize>>,
        filters: &[Expr],
        limit: Option<usize>,
    ) -> DfResult<Arc<dyn ExecutionPlan>> {
        let full = self.full_schema();
        let wanted: Vec<&str> = match projection {
            Some(p) => p.iter().map(|i| self.schema.field(*i).name().as_str()).collect(),
            None => self.schema.fields().iter().map(|f| f.name().as_str()).collect(),
        };
        // read: what the query wants plus what the row filter needs
        let asked: Vec<usize> = wanted.iter().map(|n| full.index_of(n)).collect::<Result<_, _>>()?;
        let mut needed = asked.clone();
        if let Some(filter) = &self.row_filter {
            for column in filter.column_refs() {
                let index = full.index_of(&column.name)?;
                if !needed.contains(&index) {
                    needed.push(index);
                }
            }
        }
        // prune: partitions by the catalog (the row filter's own keys too), files and row
        // groups by the query's other filters
        let (mut on_keys, on_data): (Vec<&Expr>, Vec<&Expr>) = filters.iter().partition(|f| self.on_partition_keys(f));
        on_keys.extend(&self.row_filter);
        let partition_filter = prune::partition_filter(&on_keys, &self.partition_fields);
        let files = self.spec.files.files(partition_filter).await.map_err(|e| exec_datafusion_err!("{e}"))?;
        let parts = self.parts(state, files).await?;
        let query_predicate = conjunction(on_data.into_iter().cloned());
        let Some(row_filter) = &self.row_filter else {
            let listed = listed_bytes(&parts);
            let scan = self.file_scans(state, parts, &needed, query_predicate.as_ref(), limit)?;
            let branch = Branch { plan: self.project(scan, &wanted)?, open: false };
            let mode = GuardMode { restricted: self.is_restricted(), transparent: true };
            return Ok(Arc::new(GuardExec::new(&self.spec.read, vec![branch], listed, &self.log, mode)?));
        };
        // split: files the row filter admits whole are read as for a caller without one (their
        // footers prove every row passes), so the query's filters prune them; the rest are
        // read behind the row filter, pruned by it alone. Files it excludes whole are neither
        // read nor counted.
        let (admitted, split) = self.split_by_row_filter(state, row_filter, parts);
        let listed = listed_bytes(&admitted) + listed_bytes(&split);
        let mut branches = Vec::new();
        if !admitted.is_empty() {
            let scan = self.file_scans(state, admitted, &asked, query_predicate.as_ref(), limit)?;
            branches.push(Branch { plan: self.project(scan, &wanted)?, open: true });
        }
        if !split.is_empty() || branches.is_empty() {
            let scan = self.file_scans(state, split, &needed, Some(row_filter), None)?;
            branches.push(Branch { plan: self.secured(state, scan, row_filter, &wanted)?, open: false });
        }
        let mode = GuardMode { restricted: self.is_restricted(), transparent: false };
        Ok(Arc::new(GuardExec::new(&self.spec.read, branches, listed, &self.log, mode)?))
    }
}

impl SecuredTable {
    fn is_restricted(&self) -> bool {
        self.spec.read.is_restricted(self.file_schema.fields().len())
    }

    /// The files the row filter admits whole, and those it may split; those it excludes whole
    /// are left out.
    fn split_by_row_filter(&self, state: &dyn Session, row_filter: &Expr, parts: Vec<Part>) -> (Vec<Part>, Vec<Part>) {
        let statistics: Vec<_> = parts
            .iter()
            .map(|p| {
                let file = p.proof.as_ref()?;
                Some(Arc::new(admit::full_statistics(file, &self.file_schema, &p.file.partition_values)))
            })
            .collect();
        let verdicts = admit::RowFilterProof::new(state, row_filter, self.full_schema()).verdicts(&statistics);
        let filtered: Vec<usize> =
            row_filter.column_refs().iter().filter_map(|c| self.file_schema.index_of(&c.name).ok()).collect();
        let (mut admitted, mut split) = (Vec::new(), Vec::new());
        for (mut part, verdict) in parts.into_iter().zip(verdicts) {
            match verdict {
                Verdict::Admitted => admitted.push(part),
                Verdict::Split => {
                    if let Some(statistics) = &part.file.statistics {
                        part.file.statistics = Some(Arc::new(admit::for_reading(statistics, &filtered)));
                    }
                    split.push(part);
                }
                Verdict::Excluded => {}
            }
        }
        (admitted, split)
    }

    /// The caller's row filter over `scan`, then exactly the columns asked for.
    fn secured(
        &self,
        state: &dyn Session,
        scan: Arc<dyn ExecutionPlan>,
        row_filter: &Expr,
        wanted: &[&str],
    ) -> DfResult<Arc<dyn ExecutionPlan>> {
        let df_schema = DFSchema::try_from(scan.schema().as_ref().clone())?;
        let filter = state.create_physical_expr(row_filter.clone(), &df_schema)?;
        self.project(Arc::new(FilterExec::try_new(filter, scan)?), wanted)
    }

    /// Exactly the columns asked for, in order.
    fn project(&self, input: Arc<dyn ExecutionPlan>, wanted: &[&str]) -> DfResult<Arc<dyn ExecutionPlan>> {
        let schema = input.schema();
        let columns = wanted
            .iter()
            .map(|name| {
                let index = schema.index_of(name)?;
                Ok((Arc::new(ColumnExpr::new(name, index)) as _, (*name).to_owned()))
            })
            .collect::<DfResult<Vec<(Arc<dyn datafusion::physical_expr::PhysicalExpr>, String)>>>()?;
        Ok(Arc::new(ProjectionExec::try_new(columns, input)?))
    }
}
