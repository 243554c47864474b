-- Management-plane roles (lake_admin, read_only_admin, auditor, data_steward), assigned to
-- users, groups and services; casbin evaluates them with policies/roles.conf. `scope` is `*`
-- for the whole lake or a database name. Replaces principals.is_admin: every administrator
-- becomes a lake_admin. The same schema lives in ../sqlite/0006_roles.sql.

CREATE TABLE role_assignments (
    principal_id TEXT    NOT NULL REFERENCES principals (id),
    role         TEXT    NOT NULL,
    scope        TEXT    NOT NULL,
    created_by   TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    PRIMARY KEY (principal_id, role, scope)
);
CREATE INDEX role_assignments_role ON role_assignments (role, scope);

INSERT INTO role_assignments (principal_id, role, scope, created_by, created_at)
    SELECT id, 'lake_admin', '*', 'migration', created_at FROM principals WHERE is_admin <> 0;

ALTER TABLE principals DROP COLUMN is_admin;
