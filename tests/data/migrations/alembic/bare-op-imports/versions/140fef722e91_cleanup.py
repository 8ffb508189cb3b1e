"""cleanup distances table (rucio's way: the op functions imported by name)

Revision ID: 140fef722e91
Revises:
"""

import sqlalchemy as sa
from alembic.op import add_column, alter_column, drop_column, rename_table as rename
from alembic.op import create_check_constraint
from rucio.db.sqla.util import try_drop_constraint

revision = '140fef722e91'
down_revision = None


def upgrade():
    drop_column('distances', 'agis_distance')
    alter_column('distances', 'ranking', new_column_name='distance')
    rename('callbacks', 'messages')
    add_column('distances', sa.Column('kind', sa.String(8), nullable=False))
    try_drop_constraint('REQUESTS_STATE_CHK', 'requests')
    create_check_constraint('REQUESTS_STATE_CHK', 'requests', "state in ('Q', 'W')")
    create_check_constraint('RULES_STATE_CHK', 'rules', "state in ('A', 'B')")


def downgrade():
    create_check_constraint('REQUESTS_STATE_CHK', 'requests', "state in ('Q')")
    rename('messages', 'callbacks')
    alter_column('distances', 'distance', new_column_name='ranking')
    add_column('distances', sa.Column('agis_distance', sa.Integer))
    drop_column('distances', 'kind')
