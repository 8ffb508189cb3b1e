"""warehouse 43bf0b6badcb: a user made optional, a provider added, one of the two required"""

import sqlalchemy as sa
from alembic import op

revision = "a1"
down_revision = None


def upgrade():
    op.alter_column("macaroons", "user_id", existing_type=sa.Uuid(), nullable=True)
    op.add_column("macaroons", sa.Column("oidc_provider_id", sa.Uuid(), nullable=True))
    op.create_check_constraint(
        "_user_xor_oidc_provider_macaroon",
        table_name="macaroons",
        condition="(user_id::text IS NULL) <> (oidc_provider_id::text IS NULL)",
    )


def downgrade():
    op.drop_constraint("_user_xor_oidc_provider_macaroon", "macaroons")
    op.drop_column("macaroons", "oidc_provider_id")
    op.alter_column("macaroons", "user_id", existing_type=sa.Uuid(), nullable=False)
