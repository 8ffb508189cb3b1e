-- +migrate Up
-- +migrate StatementBegin
CREATE PROCEDURE purge()
BEGIN
  DELETE FROM people WHERE age IS NULL;
END;
-- +migrate StatementEnd

-- +migrate Down
DROP PROCEDURE purge;
