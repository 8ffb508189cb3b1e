"""migration

Revision ID: 3f6a
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "3f6a"
down_revision = None
branch_labels = None
depends_on = None


roles = sa.table("roles", sa.column("name", sa.String()))


def upgrade():
    op.bulk_insert(roles, [{"name": "admin"}, {"name": "viewer"}])


def downgrade():  # expect: RG201
    pass
