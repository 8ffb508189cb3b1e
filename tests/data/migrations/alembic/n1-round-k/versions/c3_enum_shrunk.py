"""enum shrunk"""

from alembic import op

revision = "c3"
down_revision = "b2"


def upgrade():
    op.execute("ALTER TYPE record_types RENAME TO record_types_old")
    op.execute("CREATE TYPE record_types AS ENUM ('AS', 'FD', 'LD')")
    op.execute(
        "ALTER TABLE records ALTER COLUMN record_type TYPE record_types "
        "USING record_type::text::record_types"
    )
    op.execute("DROP TYPE record_types_old")


def downgrade():
    op.execute("ALTER TYPE record_types RENAME TO record_types_old")
    op.execute("CREATE TYPE record_types AS ENUM ('AS', 'FD', 'LD', 'MS', 'HA')")
    op.execute(
        "ALTER TABLE records ALTER COLUMN record_type TYPE record_types "
        "USING record_type::text::record_types"
    )
    op.execute("DROP TYPE record_types_old")
