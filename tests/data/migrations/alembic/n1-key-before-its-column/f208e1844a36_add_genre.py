"""Add genre

Revision ID: f208e1844a36
Revises: 0a1b2c3d4e5f
"""
import sqlalchemy as sa
from alembic import op

revision = "f208e1844a36"
down_revision = "0a1b2c3d4e5f"


def upgrade() -> None:
    with op.batch_alter_table("projects") as batch_op:
        batch_op.create_foreign_key("fk_projects_genre_id", "genres", ["genre_id"], ["id"])
        batch_op.create_unique_constraint("uq_projects_code", ["code"])
    op.add_column("projects", sa.Column("genre_id", sa.Integer(), nullable=True))
    op.add_column("projects", sa.Column("code", sa.String(), nullable=True))
    op.create_unique_constraint("uq_projects_slug", "projects", ["slug"])


def downgrade() -> None:
    op.drop_constraint("uq_projects_slug", "projects", type_="unique")
    op.drop_column("projects", "code")
    op.drop_column("projects", "genre_id")
