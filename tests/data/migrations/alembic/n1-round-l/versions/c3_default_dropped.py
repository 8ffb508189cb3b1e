"""indico 813ea74ce8dc: a NOT NULL column added with a server default that is dropped next"""

import sqlalchemy as sa
from alembic import op

revision = "c3"
down_revision = "b2"


def upgrade():
    op.add_column(
        "events",
        sa.Column("is_locked", sa.Boolean(), nullable=False, server_default="false"),
        schema="events",
    )
    op.alter_column("events", "is_locked", server_default=None, schema="events")
    op.add_column(
        "events",
        sa.Column("is_kept", sa.Boolean(), nullable=False, server_default="false"),
        schema="events",
    )


def downgrade():
    op.drop_column("events", "is_kept", schema="events")
    op.drop_column("events", "is_locked", schema="events")
