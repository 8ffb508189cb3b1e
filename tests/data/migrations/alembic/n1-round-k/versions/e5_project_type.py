"""a column given a project's own type, named by its module path (flaskbb d9530a529b3f)"""

import flaskbb.utils.database
import sqlalchemy as sa
from alembic import op

revision = "e5"
down_revision = "d4"


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.alter_column(
            "date_joined",
            existing_type=sa.DateTime(timezone=False),
            type_=flaskbb.utils.database.UTCDateTime(timezone=True),
        )
        batch_op.alter_column("name", existing_type=sa.String(200), type_=sa.String(100))


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.alter_column("name", existing_type=sa.String(100), type_=sa.String(200))
        batch_op.alter_column(
            "date_joined",
            existing_type=flaskbb.utils.database.UTCDateTime(timezone=True),
            type_=sa.DateTime(timezone=False),
        )
