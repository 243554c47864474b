-- Governance: service principals, group membership, grants, tags, data filters, audit trail.
-- The same schema lives in ../sqlite/0002_governance.sql: keep them in step.

ALTER TABLE principals ADD COLUMN client_id TEXT;
ALTER TABLE principals ADD COLUMN description TEXT;
CREATE UNIQUE INDEX principals_client_id ON principals (client_id);

-- Direct memberships; nesting (groups in groups) is resolved by the authorizer.
CREATE TABLE group_members (
    group_id  TEXT NOT NULL REFERENCES principals (id),
    member_id TEXT NOT NULL REFERENCES principals (id),
    PRIMARY KEY (group_id, member_id)
);
CREATE INDEX group_members_member ON group_members (member_id);

-- One row per (principal, resource, privilege, column scope). `resource` is the canonical
-- key (`catalog`, `database:sales`, `table:sales.orders`, `data_filter:sales.orders.eu`,
-- `location:s3://...`, `tags:table:domain=sales`); `resource_spec` is the resource as JSON.
CREATE TABLE grants (
    id            TEXT    NOT NULL PRIMARY KEY,
    principal_id  TEXT    NOT NULL REFERENCES principals (id),
    resource      TEXT    COLLATE "C" NOT NULL,
    resource_spec TEXT    NOT NULL,
    privilege     TEXT    NOT NULL,
    column_scope  TEXT    NOT NULL,
    columns       TEXT    NOT NULL,
    grantable     BIGINT  NOT NULL,
    granted_by    TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    UNIQUE (principal_id, resource, privilege, column_scope)
);
CREATE INDEX grants_resource ON grants (resource);

CREATE TABLE tag_keys (
    tag_key        TEXT    NOT NULL PRIMARY KEY,
    allowed_values TEXT    NOT NULL,
    description    TEXT,
    created_by     TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL
);

-- `resource` is `database:sales`, `table:sales.orders` or `column:sales.orders.amount`.
CREATE TABLE resource_tags (
    resource  TEXT COLLATE "C" NOT NULL,
    tag_key   TEXT NOT NULL REFERENCES tag_keys (tag_key),
    tag_value TEXT NOT NULL,
    PRIMARY KEY (resource, tag_key)
);
CREATE INDEX resource_tags_key ON resource_tags (tag_key, tag_value);

CREATE TABLE data_filters (
    id           TEXT    NOT NULL PRIMARY KEY,
    table_id     TEXT    NOT NULL REFERENCES catalog_tables (id),
    name         TEXT    NOT NULL,
    row_filter   TEXT,
    column_scope TEXT    NOT NULL,
    columns      TEXT    NOT NULL,
    created_by   TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    UNIQUE (table_id, name)
);

-- Append-only; each record carries the SHA-256 of the previous one (hash chain).
CREATE TABLE audit_log (
    seq         BIGINT  NOT NULL PRIMARY KEY,
    occurred_at BIGINT  NOT NULL,
    principal   TEXT    NOT NULL,
    client_addr TEXT,
    request_id  TEXT,
    action      TEXT    NOT NULL,
    resource    TEXT    NOT NULL,
    decision    TEXT    NOT NULL,
    outcome     TEXT    NOT NULL,
    detail      TEXT    NOT NULL,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL
);
CREATE INDEX audit_log_principal ON audit_log (principal, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_time ON audit_log (occurred_at);
