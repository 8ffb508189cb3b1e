"""roles, made from an argument list

Revision ID: b2
Revises: a1
"""

import sqlalchemy as sa
from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    roles_args = [
        "roles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("delegator_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(), nullable=True),
    ]
    op.create_table(*roles_args)
    op.create_table("delegations", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_foreign_key("roles_delegator", "roles", "delegations", ["delegator_id"], ["id"])
    op.create_foreign_key("roles_channel", *("channels", "channels"), ["name"], ["name"])


def downgrade():
    op.drop_constraint("roles_channel", "channels", type_="foreignkey")
    op.drop_constraint("roles_delegator", "roles", type_="foreignkey")
    op.drop_table("delegations")
    op.drop_table("roles")
