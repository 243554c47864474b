-- The job runner: jobs (what to run, as whom, when, how to retry and time out) and their
-- runs, leased by one replica at a time. At most one active (queued or running) run per job,
-- enforced by a partial unique index. Crawlers move onto it: their schedule and lease
-- columns go, each crawler becomes a job. The same schema lives in the other backend's
-- 0008_jobs.sql.

CREATE TABLE jobs (
    id                TEXT   NOT NULL PRIMARY KEY,
    kind              TEXT   NOT NULL,
    subject           TEXT   NOT NULL,
    owner_id          TEXT   NOT NULL REFERENCES principals (id),
    schedule          TEXT,
    next_run_at       BIGINT,
    retry_interval_ms BIGINT NOT NULL,
    max_attempts      BIGINT NOT NULL,
    backoff_rate_pct  BIGINT NOT NULL,
    jitter            BIGINT NOT NULL,
    max_delay_ms      BIGINT NOT NULL,
    timeout_ms        BIGINT NOT NULL,
    created_at        BIGINT NOT NULL,
    UNIQUE (kind, subject)
);
CREATE INDEX jobs_next_run ON jobs (next_run_at);
CREATE INDEX jobs_owner ON jobs (owner_id);

CREATE TABLE job_runs (
    id               TEXT   NOT NULL PRIMARY KEY,
    job_id           TEXT   NOT NULL REFERENCES jobs (id),
    trigger_kind     TEXT   NOT NULL,
    status           TEXT   NOT NULL,
    attempt          BIGINT NOT NULL,
    not_before       BIGINT NOT NULL,
    lease_owner      TEXT,
    lease_until      BIGINT,
    cancel_requested BIGINT NOT NULL,
    created_at       BIGINT NOT NULL,
    started_at       BIGINT,
    finished_at      BIGINT,
    message          TEXT
);
CREATE INDEX job_runs_by_job ON job_runs (job_id, created_at);
CREATE INDEX job_runs_ready ON job_runs (status, not_before);
CREATE UNIQUE INDEX job_runs_one_active ON job_runs (job_id) WHERE status IN ('queued', 'running');

INSERT INTO jobs (id, kind, subject, owner_id, schedule, next_run_at, retry_interval_ms, max_attempts,
                  backoff_rate_pct, jitter, max_delay_ms, timeout_ms, created_at)
    SELECT 'crawler-' || id, 'crawler', id, owner_id, schedule, next_run_at, 1000, 1, 200, 0, 3600000,
           21600000, created_at
    FROM crawlers;

DROP INDEX crawlers_next_run;
ALTER TABLE crawlers DROP COLUMN next_run_at;
ALTER TABLE crawlers DROP COLUMN lease_owner;
ALTER TABLE crawlers DROP COLUMN lease_until;
