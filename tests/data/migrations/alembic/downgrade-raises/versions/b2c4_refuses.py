"""migration

Revision ID: b2c4
Revises: b2c3
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "b2c4"
down_revision = 'b2c3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_users_full_name", "users", ["full_name"])


def downgrade():
    _refuse()  # expect: RG202


def _refuse():
    raise RuntimeError(f"Cannot downgrade past revision: {revision!r}")
