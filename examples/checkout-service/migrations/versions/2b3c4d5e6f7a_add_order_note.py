"""add orders.note

Revision ID: 2b3c4d5e6f7a
Revises: 1a2b3c4d5e6f
"""
import sqlalchemy as sa
from alembic import op

revision = "2b3c4d5e6f7a"
down_revision = "1a2b3c4d5e6f"


def upgrade():
    op.add_column("orders", sa.Column("note", sa.Text(), nullable=True))


def downgrade():
    op.drop_column("orders", "note")
