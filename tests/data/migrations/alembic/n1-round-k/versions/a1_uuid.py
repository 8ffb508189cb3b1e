"""uuid"""

import sqlalchemy as sa
from alembic import op

revision = "a1"
down_revision = None


def upgrade():
    op.add_column(
        "segments",
        sa.Column("uuid", sa.UUID(), server_default=sa.text("gen_random_uuid ()"), nullable=False),
    )
    op.create_unique_constraint("segments_uuid_key", "segments", ["uuid"])


def downgrade():
    op.drop_constraint("segments_uuid_key", "segments", type_="unique")
    op.drop_column("segments", "uuid")
