"""migration

Revision ID: 1d4e
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "1d4e"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("orders_tmp", sa.Column("id", sa.Integer()), sa.Column("total", sa.Numeric(12, 2)))
    op.execute("INSERT INTO orders_tmp (id, total) SELECT id, total FROM orders")
    op.execute("DROP TABLE orders")
    op.rename_table("orders_tmp", "orders")
    op.create_table("scratch", sa.Column("id", sa.Integer()))
    op.drop_table("scratch")
    op.add_column("orders", sa.Column("tmp_flag", sa.Boolean()))
    op.drop_column("orders", "tmp_flag")


def downgrade():
    op.alter_column("orders", "total", type_=sa.Numeric(10, 2))
