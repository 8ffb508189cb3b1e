"""migration

Revision ID: f1
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "f1"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("a", sa.Column("id", sa.Integer()))


def downgrade():
    op.drop_table("a")
