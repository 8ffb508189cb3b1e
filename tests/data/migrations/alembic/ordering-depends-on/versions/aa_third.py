"""migration

Revision ID: f3
Revises: f2
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "f3"
down_revision = 'f2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("c", sa.Column("id", sa.Integer()))


def downgrade():
    op.drop_table("c")
