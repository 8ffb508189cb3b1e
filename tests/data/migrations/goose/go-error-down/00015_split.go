package migrations

import (
	"database/sql"
	"errors"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigration(upSplit, downSplit)
}

func upSplit(tx *sql.Tx) error {
	_, err := tx.Exec("ALTER TABLE a ADD COLUMN b int")
	return err
}

func downSplit(tx *sql.Tx) error {
	return errors.New("irreversible")
}
