"""Small but real Alembic and Django projects, as {path: text} maps for ``make_repo``.

Each has a base migration and, at HEAD, one correct new migration and one whose down
step leaves an index behind.
"""

from __future__ import annotations

ALEMBIC_INI = """\
[alembic]
script_location = %(here)s/migrations
prepend_sys_path = .
sqlalchemy.url = postgresql://prod.example.com/shop

[loggers]
keys = root

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
"""

ALEMBIC_ENV = """\
from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)


def run_migrations_online() -> None:
    connectable = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
"""

_REVISION = '''\
"""{doc}"""
import sqlalchemy as sa
from alembic import op

revision = "{rev}"
down_revision = {down}


def upgrade() -> None:
{up}


def downgrade() -> None:
{down_body}
'''


def _revision(
    doc: str, rev: str, down: str | tuple[str, ...] | None, up: str, down_body: str
) -> str:
    return _REVISION.format(doc=doc, rev=rev, down=repr(down), up=up, down_body=down_body)


ALEMBIC_CONFIG = """\
version: 1
service: shop
migrations:
  - path: migrations/versions
    framework: alembic
"""

ALEMBIC_BASE = {
    "deploy-readiness.yml": ALEMBIC_CONFIG,
    "alembic.ini": ALEMBIC_INI,
    "migrations/env.py": ALEMBIC_ENV,
    "migrations/versions/a1_create_items.py": _revision(
        "create items",
        "a1",
        None,
        '    op.create_table("items", sa.Column("id", sa.Integer, primary_key=True),\n'
        '                    sa.Column("name", sa.String(80), nullable=False))',
        '    op.drop_table("items")',
    ),
}

ALEMBIC_HEAD = {
    "migrations/versions/b2_add_price.py": _revision(
        "add price",
        "b2",
        "a1",
        '    op.add_column("items", sa.Column("price", sa.Numeric(10, 2), nullable=True))',
        '    op.drop_column("items", "price")',
    ),
    "migrations/versions/c3_index_name.py": _revision(
        "index the name",
        "c3",
        "b2",
        '    op.create_index("ix_items_name", "items", ["name"])',
        "    pass",
    ),
}

MANAGE = """\
#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shopsite.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
"""

SETTINGS = """\
SECRET_KEY = "test-only"
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "shop"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "/nonexistent/prod.db"}}
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
"""

DJANGO_0001 = """\
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL)]
    operations = [
        migrations.CreateModel(
            name="Product",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("name", models.CharField(max_length=80)),
                ("owner", models.ForeignKey(on_delete=models.CASCADE, to=settings.AUTH_USER_MODEL)),
            ],
        ),
    ]
"""

DJANGO_0002 = """\
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.AddField("product", "sku", models.CharField(max_length=20, null=True)),
        migrations.AddIndex("product", models.Index(fields=["sku"], name="shop_sku_idx")),
    ]
"""

DJANGO_0003 = """\
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0002_product_sku")]
    operations = [
        migrations.RunSQL(
            "CREATE INDEX shop_product_name_idx ON shop_product (name)",
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
"""

DJANGO_CONFIG = """\
version: 1
service: shop
migrations:
  - path: shop/migrations
    framework: django
"""

DJANGO_BASE = {
    "deploy-readiness.yml": DJANGO_CONFIG,
    "manage.py": MANAGE,
    "shopsite/__init__.py": "",
    "shopsite/settings.py": SETTINGS,
    "shop/__init__.py": "",
    "shop/models.py": "",
    "shop/migrations/__init__.py": "",
    "shop/migrations/0001_initial.py": DJANGO_0001,
}

DJANGO_HEAD = {
    "shop/migrations/0002_product_sku.py": DJANGO_0002,
    "shop/migrations/0003_product_name_index.py": DJANGO_0003,
}
