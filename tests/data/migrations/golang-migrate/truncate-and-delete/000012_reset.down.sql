SELECT 1;
CREATE INDEX IF NOT EXISTS events_created ON events (created_at);
