"""migration

Revision ID: cc03
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "cc03"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email_verified", sa.Boolean(), nullable=True))
        batch_op.drop_column("legacy_flag")  # expect: RG203
        batch_op.drop_index("ix_users_legacy_flag")


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("legacy_flag", sa.Boolean(), nullable=True))
        batch_op.create_index("ix_users_legacy_flag", ["legacy_flag"])
        batch_op.drop_column("email_verified")
