CREATE INDEX CONCURRENTLY idx ON identities (external_id);
