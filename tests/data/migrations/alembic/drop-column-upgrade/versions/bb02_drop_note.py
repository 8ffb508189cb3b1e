"""migration

Revision ID: bb02
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "bb02"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.drop_column("orders", "note")  # expect: RG203


def downgrade():
    op.add_column("orders", sa.Column("note", sa.Text(), nullable=True))
