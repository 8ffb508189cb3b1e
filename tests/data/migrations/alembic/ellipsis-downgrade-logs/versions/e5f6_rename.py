"""migration

Revision ID: e5f6
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "e5f6"
down_revision = None
branch_labels = None
depends_on = None


import logging

log = logging.getLogger(__name__)


def upgrade():
    op.rename_table("customer", "client")


def downgrade():  # expect: RG201
    log.info("not reverting the rename")
    ...
