"""rebuild

Revision ID: ab12
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "ab12"
down_revision = None


def _copy(table):
    op.execute(f"INSERT INTO {table} (id, name) SELECT id, name FROM {table}_old")


def upgrade():
    op.rename_table("items", "items_old")
    op.create_table("items", sa.Column("id", sa.Integer), sa.Column("name", sa.Text))
    _copy("items")
    op.drop_table("items_old")


def downgrade():
    op.alter_column("items", "name", nullable=True)
