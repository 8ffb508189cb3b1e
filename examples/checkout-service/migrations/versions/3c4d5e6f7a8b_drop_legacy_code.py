"""drop orders.legacy_code (unread since release 41)

Revision ID: 3c4d5e6f7a8b
Revises: 2b3c4d5e6f7a
"""
import sqlalchemy as sa
from alembic import op

revision = "3c4d5e6f7a8b"
down_revision = "2b3c4d5e6f7a"


def upgrade():
    op.drop_column("orders", "legacy_code")


def downgrade():
    op.add_column("orders", sa.Column("legacy_code", sa.String(32), nullable=True))
