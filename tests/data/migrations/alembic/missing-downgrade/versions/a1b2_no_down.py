"""migration

Revision ID: a1b2
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "a1b2"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():  # expect: RG200
    op.add_column("invoices", sa.Column("due", sa.Date()))
