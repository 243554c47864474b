-- Serves "which tables in this database does this principal own" (listing for non-admins).
CREATE INDEX catalog_tables_owner ON catalog_tables (database_id, created_by);
