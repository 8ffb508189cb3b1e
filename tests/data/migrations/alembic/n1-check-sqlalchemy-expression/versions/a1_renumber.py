"""renumber an enum from 1 and re-create the CHECK over it (boxoffice 964d9d1866f0)"""

import sqlalchemy as sa
from alembic import op

revision = "a1"
down_revision = None

policy = sa.table("discount_policy", sa.column("discount_type", sa.Integer))


def upgrade():
    op.drop_constraint("policy_limit_check", "discount_policy", type_="check")
    op.execute(policy.update().values(discount_type=policy.c.discount_type + 1))
    op.create_check_constraint(
        "policy_limit_check",
        "discount_policy",
        sa.or_(
            policy.c.discount_type == 1,
            sa.and_(policy.c.discount_type == 2, sa.column("usage_limit").isnot(None)),
        ),
    )


def downgrade():
    op.drop_constraint("policy_limit_check", "discount_policy", type_="check")
    op.execute(policy.update().values(discount_type=policy.c.discount_type - 1))
    op.create_check_constraint(
        "policy_limit_check",
        "discount_policy",
        sa.or_(
            policy.c.discount_type == 0,
            sa.and_(policy.c.discount_type == 1, sa.column("usage_limit").isnot(None)),
        ),
    )
