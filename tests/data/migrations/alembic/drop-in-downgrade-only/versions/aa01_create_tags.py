"""migration

Revision ID: aa01
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "aa01"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("tags", sa.Column("id", sa.Integer(), primary_key=True))
    op.add_column("posts", sa.Column("tag_id", sa.Integer(), nullable=True))
    op.execute("CREATE INDEX ix_posts_tag ON posts (tag_id)")


def downgrade():
    op.execute("DROP INDEX ix_posts_tag")
    op.drop_column("posts", "tag_id")
    op.drop_table("tags")
    op.execute("DELETE FROM tags")
