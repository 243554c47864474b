-- Delivery streams. A stream's records go through a replica's write-ahead log (`writer`: the
-- log's id); each delivery commits, with its files, how far that log has delivered the
-- stream and the running counts, so a replay after a crash starts past what is committed.
CREATE TABLE streams (
    id          TEXT   NOT NULL PRIMARY KEY,
    name        TEXT   NOT NULL UNIQUE,
    definition  TEXT   NOT NULL,
    owner_id    TEXT   NOT NULL REFERENCES principals (id),
    created_by  TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX streams_owner ON streams (owner_id);

-- `target` is `table` or `errors`: the error table is committed apart from the target, so
-- each keeps how far it has received the log's records.
CREATE TABLE stream_checkpoints (
    stream_id         TEXT   NOT NULL REFERENCES streams (id),
    writer            TEXT   NOT NULL,
    target            TEXT   NOT NULL,
    position          BIGINT NOT NULL,
    records           BIGINT NOT NULL,
    bytes             BIGINT NOT NULL,
    deliveries        BIGINT NOT NULL,
    delivered_at      BIGINT NOT NULL,
    PRIMARY KEY (stream_id, writer, target)
);

-- Idempotency keys of delivered puts with their answers: a retry gets the first answer.
CREATE TABLE stream_keys (
    stream_id   TEXT   NOT NULL REFERENCES streams (id),
    idem_key    TEXT   NOT NULL,
    answer      TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (stream_id, idem_key)
);
CREATE INDEX stream_keys_created ON stream_keys (created_at);
