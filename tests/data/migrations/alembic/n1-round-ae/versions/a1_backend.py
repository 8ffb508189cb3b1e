import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "a1"
down_revision = None

ROUTE = postgresql.ENUM("provisioning", "running", "failed_to_start", name="routestatus")


def upgrade():
    op.alter_column("routings", "status", type_=sa.VARCHAR(64), existing_type=ROUTE, postgresql_using="status::text")
    op.alter_column("routings", "short", type_=sa.VARCHAR(8), existing_type=ROUTE, postgresql_using="short::text")
    op.alter_column(
        "channels",
        "kind",
        type_=sa.String(length=16),
        existing_type=sa.Enum("WEBHOOK", name="channeltype"),
        postgresql_using="kind::text",
    )
    op.alter_column(
        "usage",
        "amount",
        type_=sa.Numeric(),
        existing_type=sa.Numeric(24, 6),
    )
    op.alter_column(
        "kernels",
        "service_ports",
        existing_type=sa.JSON(),
        type_=postgresql.JSONB(),
        postgresql_using="CAST(service_ports AS jsonb)",
    )
    op.alter_column(
        "kernels",
        "ports",
        existing_type=sa.JSON(),
        type_=postgresql.JSONB(),
        postgresql_using="ports::jsonb",
    )
    op.alter_column(
        "kernels",
        "labels",
        existing_type=sa.JSON(),
        type_=postgresql.JSONB(),
        postgresql_using="coalesce(labels, '{}')::jsonb",
    )
    op.alter_column("kernels", "status", existing_server_default="'PENDING'::kernelstatus", nullable=False)
    op.alter_column("kernels", "role", nullable=False)
    # False says "no server default" (zun, round AK): no default fills the old INSERTs
    op.alter_column("kernels", "host", existing_server_default=False, nullable=False)
    op.alter_column("kernels", "node", server_default=False, nullable=False)


def downgrade():
    op.alter_column("kernels", "node", nullable=True)
    op.alter_column("kernels", "host", nullable=True)
    op.alter_column("kernels", "role", nullable=True)
    op.alter_column("kernels", "status", nullable=True)
    op.alter_column("kernels", "labels", type_=sa.JSON(), existing_type=postgresql.JSONB())
    op.alter_column("kernels", "ports", type_=sa.JSON(), existing_type=postgresql.JSONB())
    op.alter_column("kernels", "service_ports", type_=sa.JSON(), existing_type=postgresql.JSONB())
    op.alter_column("usage", "amount", type_=sa.Numeric(24, 6), existing_type=sa.Numeric())
    op.alter_column("channels", "kind", type_=sa.Enum("WEBHOOK", name="channeltype"), existing_type=sa.String(16))
    op.alter_column("routings", "short", type_=ROUTE, existing_type=sa.VARCHAR(8))
    op.alter_column("routings", "status", type_=ROUTE, existing_type=sa.VARCHAR(64))
