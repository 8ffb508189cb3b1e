"""migration

Revision ID: 7dae
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "7dae"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("ledger", sa.Column("hash", sa.String(64)))


def downgrade():
    op.execute("DO $$ BEGIN RAISE EXCEPTION 'ledger hashes cannot be removed'; END $$;")  # expect: RG202
