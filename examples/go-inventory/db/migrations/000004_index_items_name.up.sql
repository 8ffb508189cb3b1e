CREATE INDEX CONCURRENTLY IF NOT EXISTS items_name_trgm_idx ON items USING gin (name gin_trgm_ops);
