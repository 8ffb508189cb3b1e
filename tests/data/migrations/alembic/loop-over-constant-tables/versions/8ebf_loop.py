"""migration

Revision ID: 8ebf
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "8ebf"
down_revision = None
branch_labels = None
depends_on = None


OLD_TABLES = ["celery_taskmeta", "celery_tasksetmeta"]


def upgrade():
    for table in OLD_TABLES:
        op.drop_table(table)  # expect: RG203, RG203
    for name in discover_names():
        op.drop_index(name)


def downgrade():
    for table in OLD_TABLES:
        op.create_table(table, sa.Column("id", sa.Integer()))


def discover_names():
    return []
