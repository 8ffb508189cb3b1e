import sqlalchemy as sa
from alembic import op

from app.db import types as db_types

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column(
        "nodes",
        "info",
        existing_type=db_types.EncodedDict.impl,
        type_=db_types.EncodedDict(long=True).impl,
    )


def downgrade():
    op.alter_column("nodes", "info", type_=db_types.EncodedDict.impl)
