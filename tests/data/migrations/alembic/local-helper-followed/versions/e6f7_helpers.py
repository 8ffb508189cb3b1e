"""migration

Revision ID: e6f7
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "e6f7"
down_revision = None
branch_labels = None
depends_on = None


def _drop_legacy(table):
    op.drop_column(table, "legacy_id")  # expect: RG203


def _cleanup():
    _drop_legacy("accounts")


def upgrade():
    op.add_column("accounts", sa.Column("external_id", sa.String(64)))
    _cleanup()


def downgrade():
    op.add_column("accounts", sa.Column("legacy_id", sa.Integer()))
    op.drop_column("accounts", "external_id")
