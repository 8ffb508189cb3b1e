"""Emptying a PostgreSQL verification database again, so a run can go on after a failure.

``verify`` refuses a database with tables unless ``--reuse``; a database that was empty
when the run started may be emptied again between round trips (contract 1.1: after a
failure the database goes back to the state before that migration and the run goes on).
What existed at the start (schemas, extensions) stays; everything the migrations created
in the user schemas is dropped: relations, types, domains and routines, schemas and
extensions that are new. The statements run in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_USER = (
    "n.nspname NOT IN ('pg_catalog', 'information_schema') "
    "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'"
)
_NOT_EXT = (
    "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '{cat}'::regclass "
    "AND e.objid = {oid} AND e.deptype = 'e')"
)
_QNAME = "quote_ident(n.nspname) || '.' || quote_ident({name})"
_RELATIONS = f"""
SELECT c.relkind, {_QNAME.format(name="c.relname")} FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND {_USER}
  AND {_NOT_EXT.format(cat="pg_class", oid="c.oid")}
"""
_TYPES = f"""
SELECT t.typtype, {_QNAME.format(name="t.typname")} FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND EXISTS (
         SELECT 1 FROM pg_class r WHERE r.oid = t.typrelid AND r.relkind = 'c')))
  AND {_USER} AND {_NOT_EXT.format(cat="pg_type", oid="t.oid")}
"""
_ROUTINES = f"""
SELECT p.prokind, p.oid::regprocedure::text FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE {_USER} AND {_NOT_EXT.format(cat="pg_proc", oid="p.oid")}
"""
_DROP_RELATION = {
    "r": "TABLE",
    "p": "TABLE",
    "f": "FOREIGN TABLE",
    "v": "VIEW",
    "m": "MATERIALIZED VIEW",
    "S": "SEQUENCE",
}

_ORDER = {"r": 0, "p": 0, "f": 0, "m": 1, "v": 2, "S": 3}


@dataclass(frozen=True)
class Inventory:
    """What the database held before any migration ran."""

    schemas: frozenset[str]
    extensions: frozenset[str]


def inventory(conn: Any) -> Inventory:
    """The schemas and extensions present now (taken when the database is opened)."""
    schemas = conn.execute(f"SELECT n.nspname FROM pg_namespace n WHERE {_USER}").fetchall()
    extensions = conn.execute("SELECT extname FROM pg_extension").fetchall()
    return Inventory(frozenset(r[0] for r in schemas), frozenset(r[0] for r in extensions))


def empty(conn: Any, start: Inventory) -> None:
    """Drop what the migrations created since ``start``; one transaction."""
    with conn.transaction():
        for (name,) in conn.execute("SELECT extname FROM pg_extension").fetchall():
            if name not in start.extensions:
                conn.execute(f"DROP EXTENSION IF EXISTS {_ident(conn, name)} CASCADE")
        for (name,) in conn.execute(
            f"SELECT n.nspname FROM pg_namespace n WHERE {_USER}"
        ).fetchall():
            if name not in start.schemas:
                conn.execute(f"DROP SCHEMA IF EXISTS {_ident(conn, name)} CASCADE")
        # IF EXISTS throughout: CASCADE on one object may already have dropped the next.
        # Tables first: a sequence owned by an identity column goes with its table only.
        relations = sorted(conn.execute(_RELATIONS).fetchall(), key=lambda r: _ORDER[r[0]])
        for kind, qname in relations:
            conn.execute(f"DROP {_DROP_RELATION[kind]} IF EXISTS {qname} CASCADE")
        for kind, qname in conn.execute(_TYPES).fetchall():
            conn.execute(f"DROP {'DOMAIN' if kind == 'd' else 'TYPE'} IF EXISTS {qname} CASCADE")
        for kind, signature in conn.execute(_ROUTINES).fetchall():
            what = "AGGREGATE" if kind == "a" else "ROUTINE"
            conn.execute(f"DROP {what} IF EXISTS {signature} CASCADE")


def _ident(conn: Any, name: str) -> str:
    quoted: str = conn.execute("SELECT quote_ident(%s)", (name,)).fetchone()[0]
    return quoted
