"""migration

Revision ID: ff06
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "ff06"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index("ix_orders_created", table_name="orders")
    op.drop_constraint("uq_orders_ref", "orders", type_="unique")
    op.execute("DROP INDEX IF EXISTS ix_orders_status")


def downgrade():
    op.create_unique_constraint("uq_orders_ref", "orders", ["ref"])
    op.create_index("ix_orders_created", "orders", ["created"])
    op.execute("CREATE INDEX ix_orders_status ON orders (status)")
