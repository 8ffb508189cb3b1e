"""old revision

Revision ID: 0a1b
"""
from alembic import op

revision = '0a1b'
down_revision = None


def upgrade():
    print "adding column"  # expect: RG205
    op.add_column('t', sa.Column('c', sa.Integer))


def downgrade():
    op.drop_column('t', 'c')
