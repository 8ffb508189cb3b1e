"""migration

Revision ID: 2222
Revises: 1111
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "2222"
down_revision = '1111'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("a", sa.Column("x", sa.Integer()))


def downgrade():
    op.drop_column("a", "x")
