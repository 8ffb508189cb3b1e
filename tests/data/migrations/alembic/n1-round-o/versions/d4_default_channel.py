import sqlalchemy as sa
from alembic import op

revision = "d4"
down_revision = "c3"


def upgrade():
    op.add_column(
        "channel_config",
        sa.Column("is_default", sa.Boolean(), nullable=False, server_default="false"),
    )
    op.create_index(
        "ix_channel_config_bot_default",
        "channel_config",
        ["bot_id", "is_default"],
        unique=True,
        postgresql_where=sa.text("is_default IS TRUE"),
    )
    op.add_column(
        "channel_config",
        sa.Column("is_shared", sa.Boolean(), nullable=False, server_default="true"),
    )
    op.create_index(
        "ix_channel_config_bot_shared",
        "channel_config",
        ["bot_id"],
        unique=True,
        postgresql_where=sa.text("is_shared IS TRUE"),
    )


def downgrade():
    op.drop_index("ix_channel_config_bot_shared", table_name="channel_config")
    op.drop_column("channel_config", "is_shared")
    op.drop_index("ix_channel_config_bot_default", table_name="channel_config")
    op.drop_column("channel_config", "is_default")
