"""migration

Revision ID: dd04
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "dd04"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        """
        -- DROP TABLE orders;  (kept for the archive job)
        /* DELETE FROM orders */
        INSERT INTO notes (body) VALUES ('DROP TABLE orders; TRUNCATE orders');
        """
    )
    op.execute(sa.text("UPDATE settings SET value = 'drop table x' WHERE key = 'motd'"))


def downgrade():
    op.execute("DELETE FROM notes WHERE body LIKE 'DROP TABLE%'")
