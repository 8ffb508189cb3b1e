-- +goose Up
-- +goose NO TRANSACTION
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = now();
  DELETE FROM stale WHERE id = NEW.id;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE INDEX CONCURRENTLY orders_updated ON orders (updated_at);

-- +goose Down
-- +goose StatementBegin
DROP FUNCTION touch();
-- +goose StatementEnd
DROP INDEX CONCURRENTLY orders_updated;
