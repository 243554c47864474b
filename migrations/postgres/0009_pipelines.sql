-- Pipelines: versioned definitions (each change a version, like tables), the detail of
-- their runs (status, attempts and leases are the job runner's `job_runs`, same id), the
-- bookmarks of incremental inputs, pending data-trigger counts, the lineage their runs
-- record and the data-quality results they measure. The same schema lives in the other
-- backend's 0009_pipelines.sql.

CREATE TABLE pipelines (
    id          TEXT   NOT NULL PRIMARY KEY,
    name        TEXT   NOT NULL UNIQUE,
    version     BIGINT NOT NULL,
    definition  TEXT   NOT NULL,
    owner_id    TEXT   NOT NULL REFERENCES principals (id),
    created_by  TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX pipelines_owner ON pipelines (owner_id);

CREATE TABLE pipeline_versions (
    pipeline_id TEXT   NOT NULL REFERENCES pipelines (id),
    version     BIGINT NOT NULL,
    author      TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    definition  TEXT   NOT NULL,
    summary     TEXT   NOT NULL,
    PRIMARY KEY (pipeline_id, version)
);

CREATE TABLE pipeline_runs (
    id          TEXT   NOT NULL PRIMARY KEY,
    pipeline_id TEXT   NOT NULL REFERENCES pipelines (id),
    version     BIGINT NOT NULL,
    trigger_kind TEXT  NOT NULL,
    status      TEXT   NOT NULL,
    attempt     BIGINT NOT NULL,
    started_at  BIGINT NOT NULL,
    finished_at BIGINT,
    steps       TEXT   NOT NULL,
    logs        TEXT   NOT NULL,
    message     TEXT
);
CREATE INDEX pipeline_runs_by_pipeline ON pipeline_runs (pipeline_id, started_at);

-- Position in the event stream up to which an incremental input has been read.
CREATE TABLE pipeline_bookmarks (
    pipeline_id TEXT   NOT NULL REFERENCES pipelines (id),
    table_name  TEXT   NOT NULL,
    position    BIGINT NOT NULL,
    PRIMARY KEY (pipeline_id, table_name)
);

-- Files committed into a data trigger's table since the pipeline's last triggered run.
CREATE TABLE pipeline_pending (
    pipeline_id TEXT   NOT NULL PRIMARY KEY REFERENCES pipelines (id),
    files       BIGINT NOT NULL,
    first_at    BIGINT NOT NULL
);

-- Table- (column '') and column-level lineage, as the last successful run of each pipeline
-- recorded it for each table it writes.
CREATE TABLE lineage_edges (
    pipeline_id     TEXT   NOT NULL REFERENCES pipelines (id),
    target_database TEXT   NOT NULL,
    target_table    TEXT   NOT NULL,
    target_column   TEXT   NOT NULL,
    source_database TEXT   NOT NULL,
    source_table    TEXT   NOT NULL,
    source_column   TEXT   NOT NULL,
    kind            TEXT   NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX lineage_by_pipeline ON lineage_edges (pipeline_id, target_database, target_table);
CREATE INDEX lineage_by_target ON lineage_edges (target_database, target_table);
CREATE INDEX lineage_by_source ON lineage_edges (source_database, source_table);

-- Data-quality results per run, shown on the measured table (no foreign key: its results do
-- not block a table's deletion).
CREATE TABLE quality_results (
    table_id    TEXT   NOT NULL,
    run_id      TEXT   NOT NULL,
    pipeline    TEXT   NOT NULL,
    step        TEXT   NOT NULL,
    passed      BIGINT NOT NULL,
    total       BIGINT NOT NULL,
    rules       TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX quality_by_table ON quality_results (table_id, created_at);
