"""tighter"""

from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_constraint("ck_events_source", "events", type_="check")
    op.create_check_constraint("ck_events_source", "events", "source IN ('manual', 'system')")


def downgrade():
    op.drop_constraint("ck_events_source", "events", type_="check")
    op.create_check_constraint(
        "ck_events_source", "events", "source IN ('manual', 'backfill', 'system')"
    )
