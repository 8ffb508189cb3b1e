"""alter value in deviceattributes (tacker's way: the type in a variable, per dialect)

Revision ID: 24bec5f211c7
Revises:
"""

from alembic import op
import sqlalchemy as sa

revision = '24bec5f211c7'
down_revision = None


def upgrade(active_plugins=None, options=None):
    bind = op.get_bind()
    engine = bind.engine
    if engine.name == 'postgresql':
        text_type_maxlen = sa.VARCHAR(length=65535)
    else:
        text_type_maxlen = sa.TEXT(length=65535)
    narrow = sa.String(16)
    op.alter_column('deviceattributes', 'value', type_=text_type_maxlen, nullable=True)
    op.alter_column('deviceattributes', 'key', type_=narrow, existing_type=sa.String(255))


def downgrade(active_plugins=None, options=None):
    op.alter_column('deviceattributes', 'key', type_=sa.String(255))
