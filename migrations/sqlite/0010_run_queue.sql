-- A job may run up to max_concurrent runs at once; more wait queued (pipelines queue their
-- runs). A running run holds one of its job's slots 0..max_concurrent-1, and the index keeps
-- a slot to one running run across replicas.
ALTER TABLE jobs ADD COLUMN max_concurrent INTEGER NOT NULL DEFAULT 1;
ALTER TABLE job_runs ADD COLUMN slot INTEGER NOT NULL DEFAULT 0;
DROP INDEX job_runs_one_active;
CREATE UNIQUE INDEX job_runs_one_per_slot ON job_runs (job_id, slot) WHERE status = 'running';
CREATE INDEX job_runs_active ON job_runs (job_id) WHERE status IN ('queued', 'running');
-- A replay run reads one input's matching partitions again (JSON: table, partitions).
ALTER TABLE pipeline_runs ADD COLUMN replay TEXT;
