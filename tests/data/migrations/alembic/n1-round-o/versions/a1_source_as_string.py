import sqlalchemy as sa
from alembic import op

from app.models import Source

revision = "a1"
down_revision = None


def upgrade():
    op.alter_column(
        "connector",
        "source",
        type_=sa.String(length=50),
        existing_type=sa.Enum(Source, native_enum=False),
        existing_nullable=False,
    )
    op.alter_column(
        "connector",
        "kind",
        type_=sa.String(length=20),
        existing_type=sa.Enum(Source, native_enum=False, length=40),
    )


def downgrade():
    op.alter_column("connector", "kind", type_=sa.Enum(Source, native_enum=False, length=40))
    op.alter_column("connector", "source", type_=sa.Enum(Source, native_enum=False))
