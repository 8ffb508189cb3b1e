-- migrate:up transaction:false
ALTER TABLE users ADD COLUMN email text;
CREATE INDEX CONCURRENTLY users_email ON users (email);

-- migrate:down

