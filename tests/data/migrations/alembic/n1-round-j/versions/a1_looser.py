"""looser"""

import sqlalchemy as sa
from alembic import op

revision = "a1"
down_revision = None


def upgrade():
    op.create_index("ix_certificates_id_desc", "certificates", [sa.text("id DESC")], unique=True)
    op.drop_constraint("ck_events_source", "events", type_="check")
    op.create_check_constraint(
        "ck_events_source", "events", "source IN ('manual', 'backfill', 'system')"
    )


def downgrade():
    op.drop_constraint("ck_events_source", "events", type_="check")
    op.create_check_constraint("ck_events_source", "events", "source IN ('manual', 'backfill')")
    op.drop_index("ix_certificates_id_desc", table_name="certificates")
