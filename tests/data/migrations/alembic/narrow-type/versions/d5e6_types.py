"""migration

Revision ID: d5e6
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "d5e6"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column(  # expect: RG203
        "users",
        "nickname",
        type_=sa.String(length=50),
        existing_type=sa.String(length=255),
        existing_nullable=True,
    )
    op.alter_column("users", "bio", type_=sa.String(2000), existing_type=sa.String(500))
    op.alter_column("users", "code", type_=sa.String(10))
    op.alter_column("events", "count", type_=sa.Integer(), existing_type=sa.BigInteger())  # expect: RG203
    with op.batch_alter_table("events") as batch_op:
        batch_op.alter_column("notes", type_=sa.String(100), existing_type=sa.Text())  # expect: RG203


def downgrade():
    op.alter_column("users", "nickname", type_=sa.String(length=255), existing_type=sa.String(length=50))
    op.alter_column("users", "bio", type_=sa.String(500), existing_type=sa.String(2000))
    op.alter_column("events", "count", type_=sa.BigInteger(), existing_type=sa.Integer())
    with op.batch_alter_table("events") as batch_op:
        batch_op.alter_column("notes", type_=sa.Text(), existing_type=sa.String(100))
