"""migration

Revision ID: f7a8
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "f7a8"
down_revision = None
branch_labels = None
depends_on = None


from alembic import context


def upgrade():
    if context.get_context().dialect.name == "postgresql":
        op.execute("ALTER TABLE jobs DROP COLUMN payload")  # expect: RG203
    else:
        with op.batch_alter_table("jobs") as batch_op:
            batch_op.drop_column("payload")  # expect: RG203


def downgrade():
    op.add_column("jobs", sa.Column("payload", sa.Text()))
