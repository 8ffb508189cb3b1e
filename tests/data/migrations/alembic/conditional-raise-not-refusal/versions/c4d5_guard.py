"""migration

Revision ID: c4d5
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "c4d5"
down_revision = None
branch_labels = None
depends_on = None


from alembic import context


def upgrade():
    op.add_column("users", sa.Column("tz", sa.String(64)))


def downgrade():
    if context.get_context().dialect.name == "sqlite":
        raise NotImplementedError("sqlite cannot drop columns here")
    op.drop_column("users", "tz")
