-- Catalog foundation: principals, signing keys, databases, tables, versions, partitions, outbox.
-- Timestamps are microseconds since the Unix epoch (UTC); ids are UUID text; JSON is text.
-- The same schema lives in ../sqlite/0001_catalog.sql: keep them in step.
-- Text that takes part in ordering uses COLLATE "C" so PostgreSQL orders bytes as SQLite does.

CREATE TABLE principals (
    id            TEXT    NOT NULL PRIMARY KEY,
    kind          TEXT    NOT NULL,
    name          TEXT    COLLATE "C" NOT NULL,
    password_hash TEXT,
    is_admin      BIGINT  NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL,
    UNIQUE (kind, name)
);

CREATE TABLE signing_keys (
    kid        TEXT   NOT NULL PRIMARY KEY,
    purpose    TEXT   NOT NULL,
    secret     TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    retired_at BIGINT
);
CREATE INDEX signing_keys_purpose ON signing_keys (purpose, created_at);

CREATE TABLE databases (
    id          TEXT   NOT NULL PRIMARY KEY,
    name        TEXT   COLLATE "C" NOT NULL UNIQUE,
    description TEXT,
    location    TEXT,
    parameters  TEXT   NOT NULL,
    created_by  TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE catalog_tables (
    id          TEXT   NOT NULL PRIMARY KEY,
    database_id TEXT   NOT NULL REFERENCES databases (id),
    name        TEXT   COLLATE "C" NOT NULL,
    version     BIGINT NOT NULL,
    definition  TEXT   NOT NULL,
    created_by  TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    UNIQUE (database_id, name)
);

CREATE TABLE table_versions (
    table_id   TEXT   NOT NULL REFERENCES catalog_tables (id),
    version    BIGINT NOT NULL,
    author     TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    definition TEXT   NOT NULL,
    summary    TEXT   NOT NULL,
    PRIMARY KEY (table_id, version)
);

-- Partition values are stored in ten slots, each an order-preserving text encoding of the
-- value under its key's type, so typed comparisons and keyset pages are index range scans.
-- Unused slots hold ''.
CREATE TABLE partitions (
    table_id   TEXT NOT NULL REFERENCES catalog_tables (id),
    v0 TEXT COLLATE "C" NOT NULL, v1 TEXT COLLATE "C" NOT NULL, v2 TEXT COLLATE "C" NOT NULL,
    v3 TEXT COLLATE "C" NOT NULL, v4 TEXT COLLATE "C" NOT NULL, v5 TEXT COLLATE "C" NOT NULL,
    v6 TEXT COLLATE "C" NOT NULL, v7 TEXT COLLATE "C" NOT NULL, v8 TEXT COLLATE "C" NOT NULL,
    v9 TEXT COLLATE "C" NOT NULL,
    raw_values TEXT   NOT NULL,
    location   TEXT,
    format     TEXT,
    parameters TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (table_id, v0, v1, v2, v3, v4, v5, v6, v7, v8, v9)
);
-- Filters that do not constrain the first key still find their rows through an index.
CREATE INDEX partitions_v1 ON partitions (table_id, v1);
CREATE INDEX partitions_v2 ON partitions (table_id, v2);

CREATE TABLE outbox (
    seq         BIGSERIAL NOT NULL PRIMARY KEY,
    occurred_at BIGINT    NOT NULL,
    kind        TEXT      NOT NULL,
    resource    TEXT      NOT NULL,
    payload     TEXT      NOT NULL
);
