package migrations

import (
	"database/sql"

	"github.com/pressly/goose"
)

func init() {
	goose.AddMigration(Up00011, Down00011)
}

// Up00011 adds a column. A brace in a string: "{" must not confuse the scanner.
func Up00011(tx *sql.Tx) error {
	_, err := tx.Exec(`ALTER TABLE users ADD COLUMN nick text DEFAULT '{'`)
	return err
}

func Down00011(tx *sql.Tx) error {
	// This code is executed when the migration is rolled back.
	return nil
}
