-- Files uploaded into tables' folders: what was written, so a re-upload can be recognised.
CREATE TABLE lake_files (
    table_id    TEXT   NOT NULL REFERENCES catalog_tables (id),
    path        TEXT   NOT NULL,
    size        BIGINT NOT NULL,
    sha256      TEXT   NOT NULL,
    uploaded_by TEXT   NOT NULL,
    uploaded_at BIGINT NOT NULL,
    PRIMARY KEY (table_id, path)
);

-- Crawlers. The lease columns make one replica run a crawler at a time; next_run_at is the
-- next scheduled run, claimed by whichever replica moves it forward first.
CREATE TABLE crawlers (
    id              TEXT   NOT NULL PRIMARY KEY,
    name            TEXT   NOT NULL UNIQUE,
    location        TEXT   NOT NULL,
    database_name   TEXT   NOT NULL,
    zone            TEXT   NOT NULL,
    schema_change   TEXT   NOT NULL,
    deleted_folders TEXT   NOT NULL,
    schedule        TEXT,
    owner_id        TEXT   NOT NULL,
    created_by      TEXT   NOT NULL,
    created_at      BIGINT NOT NULL,
    next_run_at     BIGINT,
    lease_owner     TEXT,
    lease_until     BIGINT
);
CREATE INDEX crawlers_next_run ON crawlers (next_run_at);

CREATE TABLE crawler_runs (
    id          TEXT   NOT NULL PRIMARY KEY,
    crawler_id  TEXT   NOT NULL REFERENCES crawlers (id),
    trigger     TEXT   NOT NULL,
    status      TEXT   NOT NULL,
    started_at  BIGINT NOT NULL,
    finished_at BIGINT,
    stats       TEXT   NOT NULL,
    errors      TEXT   NOT NULL,
    message     TEXT
);
CREATE INDEX crawler_runs_by_crawler ON crawler_runs (crawler_id, started_at);

-- What a crawler last saw of each object, so a re-run reads only new or changed ones.
CREATE TABLE crawler_objects (
    crawler_id    TEXT   NOT NULL REFERENCES crawlers (id),
    path          TEXT   NOT NULL,
    size          BIGINT NOT NULL,
    etag          TEXT,
    last_modified BIGINT NOT NULL,
    table_name    TEXT,
    PRIMARY KEY (crawler_id, path)
);
