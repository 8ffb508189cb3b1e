"""… and drawn again tighter"""

from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_constraint("ck_abstracts_valid_enum_state", "abstracts", schema="event_abstracts")
    op.create_check_constraint(
        "valid_enum_state", "abstracts", "(state = ANY (ARRAY[1, 2]))", schema="event_abstracts"
    )


def downgrade():
    op.drop_constraint("ck_abstracts_valid_enum_state", "abstracts", schema="event_abstracts")
    op.create_check_constraint(
        "valid_enum_state",
        "abstracts",
        "(state = ANY (ARRAY[1, 2, 3, 4]))",
        schema="event_abstracts",
    )
