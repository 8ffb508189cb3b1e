"""… the same rule on a column the step did not make optional: nothing says it was set"""

import sqlalchemy as sa
from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("macaroons", sa.Column("team_id", sa.Uuid(), nullable=True))
    op.create_check_constraint(
        "_project_xor_team_macaroon",
        table_name="macaroons",
        condition="(project_id::text IS NULL) <> (team_id::text IS NULL)",
    )


def downgrade():
    op.drop_constraint("_project_xor_team_macaroon", "macaroons")
    op.drop_column("macaroons", "team_id")
