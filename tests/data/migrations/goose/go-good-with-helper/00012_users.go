package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationNoTxContext(up12, func(ctx context.Context, db *sql.DB) error {
		_, err := db.ExecContext(ctx, "DROP TABLE users")
		return err
	})
}

func up12(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, `CREATE TABLE users (id bigint)`)
	return err
}
