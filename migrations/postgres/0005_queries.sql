-- SQL queries run through /v1/query: the caller's history, and what a cancel or another
-- replica needs to know about a running one.
CREATE TABLE queries (
    id            TEXT   NOT NULL PRIMARY KEY,
    principal_id  TEXT   NOT NULL,
    sql_text      TEXT   NOT NULL,
    status        TEXT   NOT NULL,
    error         TEXT,
    tables        TEXT   NOT NULL,
    rows_returned BIGINT NOT NULL,
    bytes_scanned BIGINT NOT NULL,
    started_at    BIGINT NOT NULL,
    finished_at   BIGINT,
    cancel_requested BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX queries_by_principal ON queries (principal_id, started_at);
