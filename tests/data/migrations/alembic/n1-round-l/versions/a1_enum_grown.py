"""indico 0f20a5e4018e: a CHECK named by the naming convention, drawn again looser"""

from alembic import op

revision = "a1"
down_revision = None


def upgrade():
    op.drop_constraint("ck_abstracts_valid_enum_state", "abstracts", schema="event_abstracts")
    op.create_check_constraint(
        "valid_enum_state",
        "abstracts",
        "(state = ANY (ARRAY[1, 2, 3, 4]))",
        schema="event_abstracts",
    )


def downgrade():
    op.drop_constraint("ck_abstracts_valid_enum_state", "abstracts", schema="event_abstracts")
    op.create_check_constraint(
        "valid_enum_state", "abstracts", "(state = ANY (ARRAY[1, 2, 3]))", schema="event_abstracts"
    )
