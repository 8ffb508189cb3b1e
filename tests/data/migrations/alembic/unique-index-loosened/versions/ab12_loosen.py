"""Loosen a unique index: unique(checksum) becomes unique(checksum, version)."""
import sqlalchemy as sa
from alembic import op

revision = "ab12"
down_revision = None


def upgrade():
    op.add_column(
        "block_schema",
        sa.Column("version", sa.String(), server_default="non-versioned", nullable=False),
    )
    op.drop_index("uq_block_schema__checksum", table_name="block_schema")
    op.create_index(
        "uq_block_schema__checksum_version", "block_schema", ["checksum", "version"], unique=True
    )


def downgrade():
    op.drop_index("uq_block_schema__checksum_version", table_name="block_schema")
    op.create_index("uq_block_schema__checksum", "block_schema", ["checksum"], unique=True)
    op.drop_column("block_schema", "version")
