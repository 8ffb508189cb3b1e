"""migration

Revision ID: ef06
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "ef06"
down_revision = None
branch_labels = None
depends_on = None


TABLES = ["a_cache", "b_cache"]


def upgrade():
    for name in TABLES:
        op.execute(f"DROP TABLE IF EXISTS {name}")
    statement = build_statement()
    op.execute(statement)


def downgrade():
    for name in TABLES:
        op.create_table(name, sa.Column("id", sa.Integer()))


def build_statement():
    return "SELECT 1"
