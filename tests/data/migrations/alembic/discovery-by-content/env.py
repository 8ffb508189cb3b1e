from alembic import context

revision = "not-a-revision"


def run_migrations_online():
    context.run_migrations()
