"""n1 breaks

Revision ID: a1b2
Revises: None
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2"
down_revision = None


def upgrade():
    op.alter_column("orders", "note", new_column_name="comment")
    op.rename_table("customers", "clients")
    op.add_column("orders", sa.Column("currency", sa.String(3), nullable=False, default="EUR"))
    op.alter_column("orders", "status", existing_type=sa.String(20), nullable=False)
    op.alter_column("orders", "total", type_=sa.Integer(), existing_type=sa.Numeric(12, 2))
    op.create_unique_constraint("orders_ref_uq", "orders", ["ref"])
    op.create_foreign_key("orders_client_fk", "orders", "clients", ["client_id"], ["id"], postgresql_not_valid=True)
    op.create_index("orders_code_uq", "orders", ["code"], unique=True, postgresql_concurrently=True)
    with op.batch_alter_table("items") as batch_op:
        batch_op.alter_column("sku", new_column_name="code")
    op.create_check_constraint("orders_qty_ck", "orders", "qty > 0")


def downgrade():
    op.drop_constraint("orders_qty_ck", "orders", type_="check")
    with op.batch_alter_table("items") as batch_op:
        batch_op.alter_column("code", new_column_name="sku")
    op.drop_index("orders_code_uq", table_name="orders")
    op.drop_constraint("orders_client_fk", "orders", type_="foreignkey")
    op.drop_constraint("orders_ref_uq", "orders", type_="unique")
    op.alter_column("orders", "total", type_=sa.Numeric(12, 2), existing_type=sa.Integer())
    op.alter_column("orders", "status", existing_type=sa.String(20), nullable=True)
    op.drop_column("orders", "currency")
    op.rename_table("clients", "customers")
    op.alter_column("orders", "comment", new_column_name="note")
