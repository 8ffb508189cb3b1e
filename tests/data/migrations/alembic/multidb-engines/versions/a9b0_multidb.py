"""add flags

Revision ID: a9b0
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "a9b0"
down_revision = None


def upgrade(engine_name: str) -> None:
    globals()["upgrade_%s" % engine_name]()


def downgrade(engine_name: str) -> None:
    globals()["downgrade_%s" % engine_name]()


def upgrade_engine1() -> None:
    op.add_column("flags", sa.Column("owner", sa.String(50)))


def downgrade_engine1() -> None:
    op.drop_column("flags", "owner")


def upgrade_engine2() -> None:
    op.add_column("audit", sa.Column("owner", sa.String(50)))


def downgrade_engine2() -> None:  # expect: RG201
    pass


def upgrade_engine3() -> None:
    pass


def downgrade_engine3() -> None:
    pass
