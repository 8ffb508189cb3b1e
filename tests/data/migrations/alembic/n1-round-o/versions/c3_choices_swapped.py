import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "c3"
down_revision = "b2"


def upgrade():
    op.add_column("account", sa.Column("choices_new", postgresql.JSONB(), nullable=True))
    op.execute("UPDATE account SET choices_new = NULLIF(choices, '[]'::jsonb)")
    op.drop_column("account", "choices")
    op.alter_column("account", "choices_new", new_column_name="choices")


def downgrade():
    op.add_column("account", sa.Column("choices_old", postgresql.JSONB(), nullable=True))
    op.execute("UPDATE account SET choices_old = COALESCE(choices, '[]'::jsonb)")
    op.drop_column("account", "choices")
    op.alter_column("account", "choices_old", new_column_name="choices")
