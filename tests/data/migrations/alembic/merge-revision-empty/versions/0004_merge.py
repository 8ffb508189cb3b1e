"""merge heads

Revision ID: 0004
Revises: 2222, 0333
"""
revision = "0004"
down_revision = (
    "2222",
    "0333",
)
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
