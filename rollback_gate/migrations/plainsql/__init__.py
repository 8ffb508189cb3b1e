"""Frameworks whose migrations are plain SQL files.

golang-migrate, goose (SQL and Go), dbmate, sql-migrate, Flyway and Prisma: each module
finds its files and sections; ``verdict`` judges an up part against its down part with the
SQL engine, and ``sections`` reads the one-file ``-- migrate:up``-style annotations.
"""
