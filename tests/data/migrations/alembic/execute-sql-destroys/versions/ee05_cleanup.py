"""migration

Revision ID: ee05
Revises: None
Create Date: 2025-03-01 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "ee05"
down_revision = None
branch_labels = None
depends_on = None


LEGACY = "DROP TABLE legacy_sessions"


def upgrade():
    op.execute(sa.text("ALTER TABLE orders DROP COLUMN fax"))  # expect: RG203
    op.execute(LEGACY)  # expect: RG203
    conn = op.get_bind()
    conn.execute(
        sa.text(
            """
            UPDATE users SET active = false WHERE last_login IS NULL;
            DELETE FROM audit_log WHERE created < now() - interval '1 year';
            """  # expect: RG203@-1
        )
    )
    op.execute("TRUNCATE TABLE page_views")  # expect: RG203


def downgrade():
    op.create_table("legacy_sessions", sa.Column("id", sa.Integer()))
    op.add_column("orders", sa.Column("fax", sa.Text()))
