"""Alembic environment: the database URL comes from DATABASE_URL."""

import os

from alembic import context
from sqlalchemy import create_engine

url = os.environ.get("DATABASE_URL", "sqlite:///checkout.db")


def run_migrations_online() -> None:
    engine = create_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    context.configure(url=url, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
