"""migration

Revision ID: 2e5f
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "2e5f"
down_revision = None
branch_labels = None
depends_on = None


from sqlalchemy.orm import Session

sessions = sa.table("sessions", sa.column("expires", sa.DateTime()))


def upgrade():
    op.execute(sessions.delete().where(sessions.c.expires < sa.func.now()))  # expect: RG203
    session = Session(bind=op.get_bind())
    session.query(Token).filter(Token.revoked.is_(True)).delete()  # expect: RG203
    session.commit()


def downgrade():  # expect: RG201
    pass
