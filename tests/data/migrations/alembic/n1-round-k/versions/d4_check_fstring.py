"""a CHECK whose values an f-string gives, over a column the step adds (FitTrackee 42)"""

import sqlalchemy as sa
from alembic import op

revision = "d4"
down_revision = "c3"

ROLES = ["1", "2", "3"]


def upgrade():
    op.add_column("users", sa.Column("role", sa.Integer(), nullable=True))
    op.create_check_constraint("ck_users_role", "users", f"role IN ({', '.join(ROLES)})")
    op.create_check_constraint("ck_users_level", "users", f"level < {len(ROLES)}")
    op.create_check_constraint("ck_users_any", "users", f"{ROLES[0]} IS NOT NULL")


def downgrade():
    op.drop_constraint("ck_users_any", "users", type_="check")
    op.drop_constraint("ck_users_level", "users", type_="check")
    op.drop_constraint("ck_users_role", "users", type_="check")
    op.drop_column("users", "role")
