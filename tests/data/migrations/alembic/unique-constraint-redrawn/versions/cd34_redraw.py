"""A unique key re-drawn in batch mode: uq(name) becomes uq(work_pool_id, name)."""
from alembic import op

revision = "cd34"
down_revision = None


def upgrade():
    with op.batch_alter_table("work_queue", schema=None) as batch_op:
        batch_op.drop_constraint("uq_work_queue__name")
        batch_op.create_unique_constraint(
            op.f("uq_work_queue__work_pool_id_name"), ["work_pool_id", "name"]
        )
    op.create_unique_constraint("uq_orders__ref", "orders", ["ref"])


def downgrade():
    op.drop_constraint("uq_orders__ref", "orders")
    with op.batch_alter_table("work_queue", schema=None) as batch_op:
        batch_op.drop_constraint("uq_work_queue__work_pool_id_name")
        batch_op.create_unique_constraint("uq_work_queue__name", ["name"])
