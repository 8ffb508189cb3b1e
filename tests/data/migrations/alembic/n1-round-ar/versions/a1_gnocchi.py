"""A column renamed away and added again through a local helper that returns it
(gnocchi's type_string_col, round AR)."""
from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None

type_string = sa.String(255)
type_enum = sa.Enum("generic", "instance", name="resource_type_enum")


def type_string_col(name, table):
    return sa.Column(
        name, type_string, sa.ForeignKey("resource_type.name", name="fk_%s_type" % table)
    )


def number_col(name):
    """A helper with a docstring."""
    return sa.Column(name, sa.Integer)


def upgrade():
    for table in ["resource", "resource_history"]:
        op.alter_column(table, "type", new_column_name="old_type", existing_type=type_enum)
        op.add_column(table, type_string_col("type", table))
        op.execute("UPDATE %s SET type = old_type" % table)
        op.drop_column(table, "old_type")
    op.alter_column("host", "port", new_column_name="old_port", existing_type=sa.String(20))
    op.add_column("host", number_col(name="port"))
    op.execute("UPDATE host SET port = CAST(old_port AS integer)")
    op.drop_column("host", "old_port")


def downgrade():
    op.alter_column("host", "port", type_=sa.String(20), existing_type=sa.Integer)
    for table in ["resource", "resource_history"]:
        op.alter_column(table, "type", type_=type_enum, existing_type=type_string)
