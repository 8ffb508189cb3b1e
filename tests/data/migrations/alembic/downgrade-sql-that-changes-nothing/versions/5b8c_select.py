"""migration

Revision ID: 5b8c
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "5b8c"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("payments", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():  # expect: RG201
    op.execute("SELECT 1  -- down migration not supported")
    op.execute("/* DROP TABLE payments */")
