"""migration

Revision ID: bb03
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "bb03"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.drop_table(table_name="legacy_orders", schema="billing")  # expect: RG203


def downgrade():
    op.create_table("legacy_orders", sa.Column("id", sa.Integer()), schema="billing")
