"""migration

Revision ID: f2
Revises: f1
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "f2"
down_revision = 'f1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("b", sa.Column("id", sa.Integer()))


def downgrade():
    op.drop_table("b")
