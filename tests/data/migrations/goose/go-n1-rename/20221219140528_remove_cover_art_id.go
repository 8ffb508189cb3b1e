package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upRemoveCoverArtId, downRemoveCoverArtId)
}

func upRemoveCoverArtId(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `
alter table album drop column cover_art_id;
alter table album rename column cover_art_path to embed_art_path
`)
	return err
}

func downRemoveCoverArtId(ctx context.Context, tx *sql.Tx) error {
	return nil
}
