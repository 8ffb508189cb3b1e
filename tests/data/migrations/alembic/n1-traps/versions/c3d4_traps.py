"""n1 traps

Revision ID: c3d4
Revises: None
"""
from alembic import op
import sqlalchemy as sa

revision = "c3d4"
down_revision = None


def upgrade():
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("number", sa.String(40), nullable=False),
    )
    op.create_unique_constraint("invoices_number_uq", "invoices", ["number"])
    op.alter_column("invoices", "number", new_column_name="ref")
    op.add_column("orders", sa.Column("currency", sa.String(3), nullable=False, server_default="EUR"))
    op.add_column("orders", sa.Column("invoice_id", sa.Integer(), nullable=True))
    op.alter_column("orders", "is_billing_enabled", nullable=False, server_default="False")
    op.create_foreign_key("orders_invoice_fk", "orders", "invoices", ["invoice_id"], ["id"])
    op.alter_column("orders", "note", type_=sa.String(500), existing_type=sa.String(100))
    op.alter_column("orders", "qty", type_=sa.BigInteger(), existing_type=sa.Integer())
    op.create_index("orders_created_idx", "orders", ["created_at"], postgresql_concurrently=True)
    op.drop_constraint("orders_customer_fk", "orders", type_="foreignkey")
    op.create_foreign_key("orders_customer_fk", "orders", "customers", ["customer_id"], ["id"], ondelete="CASCADE")
    op.execute("ALTER INDEX orders_ref_idx RENAME TO orders_reference_idx")
    op.drop_constraint("document_report_id_fkey", "document", type_="foreignkey")
    op.create_foreign_key(None, "document", "report", ["report_id"], ["id"], ondelete="CASCADE")
    with op.batch_alter_table("schedule_item") as batch_op:
        batch_op.alter_column("version_id", existing_type=sa.UUID(), nullable=False)
    op.alter_column("task", "difficulty", existing_nullable=False, nullable=False)
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rank", sa.Integer(), nullable=False, server_default="3"))
        batch_op.create_check_constraint("check_rank", "rank > 0 AND rank < 6")
    op.alter_column(
        "task",
        "status",
        existing_type=sa.VARCHAR(length=30),
        type_=sqlalchemy_utils.types.choice.ChoiceType(STATUSES),
    )
    op.alter_column(
        "event",
        "counter",
        existing_type=sa.INTEGER(),
        type_=sa.BigInteger().with_variant(sa.INTEGER(), "sqlite"),
    )


def downgrade():
    with op.batch_alter_table("schedule_item") as batch_op:
        batch_op.alter_column("version_id", existing_type=sa.UUID(), nullable=False)
    op.execute("ALTER INDEX orders_reference_idx RENAME TO orders_ref_idx")
    op.drop_constraint("orders_customer_fk", "orders", type_="foreignkey")
    op.create_foreign_key("orders_customer_fk", "orders", "customers", ["customer_id"], ["id"])
    op.drop_index("orders_created_idx", table_name="orders")
    op.alter_column("orders", "qty", type_=sa.Integer(), existing_type=sa.BigInteger())
    op.alter_column("orders", "note", type_=sa.String(100), existing_type=sa.String(500))
    op.drop_constraint("orders_invoice_fk", "orders", type_="foreignkey")
    op.drop_column("orders", "invoice_id")
    op.drop_column("orders", "currency")
    op.rename_table("x", "y")
    op.drop_table("invoices")
