"""migration

Revision ID: 0c3d
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0c3d"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("t", sa.Column("c", sa.Integer()))


def downgrade():
    op.drop_column("t", "c")
