"""Python frameworks, read with ``ast`` (never imported): Alembic and Django.

``pyast`` holds the shared Python syntax helpers; ``findings`` the finding texts both use;
``alembic_ops`` maps ``op.*`` calls (and Django reuses it for ``RunSQL``); ``django_state``
walks an app's migration history to know the previous state of a field.
"""
