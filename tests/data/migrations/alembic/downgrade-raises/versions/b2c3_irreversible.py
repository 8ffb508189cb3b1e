"""migration

Revision ID: b2c3
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "b2c3"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("users", "name", new_column_name="full_name")


def downgrade():
    """We never go back."""
    raise NotImplementedError("irreversible")  # expect: RG202
