"""warehouse 8c8be2c0e69e: a uuid column added, filled, made NOT NULL, the old integer
dropped, the new one renamed into its place"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "c3"
down_revision = "b2"


def upgrade():
    op.add_column(
        "accounts_email", sa.Column("new_user_id", postgresql.UUID(as_uuid=True), nullable=True)
    )
    op.execute("UPDATE accounts_email SET new_user_id = u.new_id FROM accounts_user u")
    op.alter_column("accounts_email", "new_user_id", nullable=False)
    op.drop_column("accounts_email", "user_id")
    op.alter_column("accounts_email", "new_user_id", new_column_name="user_id")


def downgrade():
    raise RuntimeError("no way back")
