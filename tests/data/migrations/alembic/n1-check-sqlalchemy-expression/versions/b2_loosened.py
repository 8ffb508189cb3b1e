"""a CHECK re-created looser: a value more in its IN list"""

import sqlalchemy as sa
from alembic import op

revision = "b2"
down_revision = "a1"

item = sa.table("item", sa.column("kind", sa.String))


def upgrade():
    op.drop_constraint("item_kind_check", "item", type_="check")
    op.create_check_constraint("item_kind_check", "item", item.c.kind.in_(["a", "b", "c"]))


def downgrade():
    op.drop_constraint("item_kind_check", "item", type_="check")
    op.create_check_constraint("item_kind_check", "item", item.c.kind.in_(["a", "b"]))
