"""migration

Revision ID: 6c9d
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "6c9d"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.drop_column("tokens", "user_id", schema="oauth")  # expect: RG203
    with op.batch_alter_table("apps", schema="oauth") as batch_op:
        batch_op.drop_column("secret")  # expect: RG203


def downgrade():
    with op.batch_alter_table("apps", schema="oauth") as batch_op:
        batch_op.add_column(sa.Column("secret", sa.String(64)))
    op.add_column("tokens", sa.Column("user_id", sa.Integer()), schema="oauth")
