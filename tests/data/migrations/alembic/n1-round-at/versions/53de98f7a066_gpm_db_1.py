"""Foreign keys written with Alembic's old keyword names, source= and referent=
(group-based-policy, round AT)."""
from alembic import op
import sqlalchemy as sa

revision = "53de98f7a066"
down_revision = None


def upgrade():
    op.add_column("gp_policy_targets", sa.Column("port_id", sa.String(36), nullable=True))
    op.create_foreign_key("gp_policy_targets_ibfk_2",
                          source="gp_policy_targets", referent="ports",
                          local_cols=["port_id"], remote_cols=["id"],
                          ondelete="SET NULL")
    op.create_foreign_key("gp_l2_policies_ibfk_2",
                          source="gp_l2_policies", referent="networks",
                          local_cols=["network_id"], remote_cols=["id"])


def downgrade():
    op.drop_constraint("gp_l2_policies_ibfk_2", "gp_l2_policies", type_="foreignkey")
    op.drop_constraint("gp_policy_targets_ibfk_2", "gp_policy_targets", type_="foreignkey")
    op.drop_column("gp_policy_targets", "port_id")
