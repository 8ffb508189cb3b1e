package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upReshape, downReshape)
}

func upReshape(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "CREATE TEMP TABLE scratch (id int)"); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DROP TABLE scratch"); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `
		ALTER TABLE media DROP COLUMN lyrics;
	`)
	return err
}

func downReshape(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "ALTER TABLE media ADD COLUMN lyrics text")
	return err
}
