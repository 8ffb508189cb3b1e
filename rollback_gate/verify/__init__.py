"""``rollback-gate verify migrations``: prove reversals on a real, throwaway database.

Static analysis says a down step exists; only running it says it works. This package
applies every migration added since the base up, seeds rows, applies it down, compares
the schema with the one before up (RG211), applies it up again, and reports failing
steps with the database's message (RG212). It is the one place where rollback-gate
executes migrations, always on a throwaway database (SQLite by default; PostgreSQL by
URL), never on a remote or non-empty one unless told so.

Modules: :mod:`.run` (the entry point, :func:`run_verify`), :mod:`.roundtrip` (the loop),
:mod:`.runner` (SQL files), :mod:`.tools` / :mod:`.django_runner` (Alembic, Django via their CLIs),
:mod:`.sqlite` / :mod:`.postgres` (adapters and catalog snapshots), :mod:`.schema` (the
diff), :mod:`.seed` (rows before down), :mod:`.url` (the safety guard), :mod:`.findings`.
Heavy modules (psycopg) are imported only when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rollback_gate.verify.run import VerifyOptions, VerifyResult, migrations_digest, run_verify

__all__ = ["VerifyOptions", "VerifyResult", "migrations_digest", "run_verify"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from rollback_gate.verify import run

        return getattr(run, name)
    raise AttributeError(name)
