"""initial

Revision ID: a1
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("channels", sa.Column("name", sa.String(), primary_key=True))


def downgrade():
    op.drop_table("channels")
