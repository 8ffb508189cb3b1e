"""add shared field to voicemails"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy import text

revision = 'f16fdc26c6c6'
down_revision = None


def upgrade():
    op.add_column('voicemail', sa.Column('shared', sa.Boolean, nullable=False, server_default=text('false')))
    op.create_index('voicemail__idx__unique_shared_per_context', 'voicemail', ['shared', 'context'], unique=True, postgresql_where=(text('shared is true')))
    op.add_column('voicemail', sa.Column('main', sa.Boolean, nullable=False, server_default=text('true')))
    op.create_index('voicemail__idx__unique_main', 'voicemail', ['main', 'context'], unique=True, postgresql_where=(text('main is true')))


def downgrade():
    op.drop_index('voicemail__idx__unique_main', 'voicemail')
    op.drop_column('voicemail', 'main')
    op.drop_index('voicemail__idx__unique_shared_per_context', 'voicemail')
    op.drop_column('voicemail', 'shared')
