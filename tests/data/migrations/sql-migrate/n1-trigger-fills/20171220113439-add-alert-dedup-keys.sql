-- +migrate Up
ALTER TABLE alerts ADD COLUMN dedup_key TEXT;
UPDATE alerts SET dedup_key = 'auto-' || id;
ALTER TABLE alerts ALTER COLUMN dedup_key SET NOT NULL;

-- +migrate StatementBegin
CREATE FUNCTION alerts_fill_dedup_key() RETURNS TRIGGER AS
$body$
BEGIN
    IF NEW.dedup_key IS NULL THEN
        NEW.dedup_key := 'auto-' || NEW.id;
    END IF;
    RETURN NEW;
END;
$body$ LANGUAGE plpgsql;
-- +migrate StatementEnd

CREATE TRIGGER alerts_fill_dedup_key BEFORE INSERT ON alerts
FOR EACH ROW EXECUTE PROCEDURE alerts_fill_dedup_key();

-- +migrate Down
DROP TRIGGER alerts_fill_dedup_key ON alerts;
DROP FUNCTION alerts_fill_dedup_key();
ALTER TABLE alerts DROP COLUMN dedup_key;
