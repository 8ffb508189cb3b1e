"""An audit's NOT NULLs and keys on SQLAlchemy tables the previous release never writes
(checks.unbuilt): simpler-grants-gov's models only its test factories built (round CF)."""

from __future__ import annotations

from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.gate import CheckOptions, prepare
from rollback_gate.models import Finding, Severity

VERSIONS = "migrations/versions"
_INIT = (
    'revision = "a1"\ndown_revision = None\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\n'
    "def upgrade():\n"
    '    op.create_table("job_lock", sa.Column("id", sa.Integer(), primary_key=True),\n'
    '                    sa.Column("job_type", sa.Text(), nullable=True))\n\n\n'
    'def downgrade():\n    op.drop_table("job_lock")\n'
)
_UNIQUE = (
    'revision = "b2"\ndown_revision = "a1"\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\n'
    'def upgrade():\n    op.create_unique_constraint("uq_job_type", "job_lock", ["job_type"])\n\n\n'
    'def downgrade():\n    op.drop_constraint("uq_job_type", "job_lock")\n'
)
_REQUIRED = (
    'revision = "b2"\ndown_revision = "a1"\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\n'
    'def upgrade():\n    op.add_column("job_lock", sa.Column("owner", sa.Text(), nullable=False))\n'
    '\n\ndef downgrade():\n    op.drop_column("job_lock", "owner")\n'
)
_MODEL = (
    "from sqlalchemy.orm import Mapped, mapped_column\nfrom app.db import Base\n\n\n"
    "class JobLock(Base):\n"
    '    __tablename__ = "job_lock"\n'
    "    id: Mapped[int] = mapped_column(primary_key=True)\n"
    "    job_type: Mapped[str | None]\n"
)
_READS = (
    "from sqlalchemy import select\nfrom app.models import JobLock\n\n\n"
    "def held(session, kind: str) -> JobLock | None:\n"
    "    return session.scalars(select(JobLock).where(JobLock.job_type == kind)\n"
    "                           .order_by(JobLock.id.desc())).first()\n"
)


def _audited(git_repo: Any, step: str, code: dict[str, str]) -> Finding:
    """The RG222 or RG224 of ``step`` in a `scope: all` audit whose release before it
    holds ``code``."""
    git_repo.commit_each({
        "deploy-readiness.yml": git_repo.migrations_config(VERSIONS, "alembic", scope="all"),
        f"{VERSIONS}/a1_init.py": _INIT,
    })  # fmt: skip
    git_repo.commit("code", code)
    git_repo.commit("step", {f"{VERSIONS}/b2_step.py": step})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    [found] = [f for f in engine.check(ctx) if f.rule in ("RG222", "RG224")]
    return found


_BUILT = "def take(session, kind):\n    session.add({})\n"


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        # simpler-grants-gov's JobLock (round CF): a model the code only queries
        ({"app/models.py": _MODEL, "app/locks.py": _READS}, True),
        # ... and one only its tests build
        (
            {
                "app/models.py": _MODEL,
                "app/locks.py": _READS,
                "tests/test_locks.py": "from app.models import JobLock\n\nJobLock(job_type='a')\n",
            },
            True,
        ),
        ({}, True),  # no code names the table or a class of it
        ({"app/models.py": _MODEL, "app/locks.py": _BUILT.format("JobLock(job_type=kind)")}, False),
        (
            {
                "app/models.py": _MODEL,
                "app/locks.py": _BUILT.format("models.JobLock(job_type=kind)"),
            },
            False,
        ),
        (
            {
                "app/models.py": _MODEL,
                "app/locks.py": "def take(s):\n    s.execute(insert(JobLock).values(job_type='a'))\n",
            },
            False,
        ),
        (
            {
                "app/models.py": _MODEL,
                "app/locks.py": "def take(s):\n    s.execute(JobLock.__table__.insert())\n",
            },
            False,
        ),
        (
            {
                "app/models.py": _MODEL,
                "app/locks.py": "MODELS = [JobLock]\n\n\ndef make(m):\n    return m()\n",
            },
            False,
        ),
        (
            {
                "app/models.py": _MODEL + "\n\nclass NightlyLock(JobLock):\n    pass\n",
                "app/locks.py": _BUILT.format("NightlyLock()"),
            },
            False,
        ),
        (
            {
                "app/models.py": _MODEL + "\n    @classmethod\n    def new(cls, kind):\n"
                "        return cls(job_type=kind)\n",
                "app/locks.py": _READS,
            },
            False,
        ),
        (
            {"app/tables.py": "job_lock = Table('job_lock', metadata, Column('id', Integer))\n"},
            False,
        ),
        (
            {
                "app/models.py": _MODEL,
                "app/raw.py": "SQL = 'INSERT INTO job_lock (job_type) VALUES (:k)'\n",
            },
            False,
        ),
        (
            {
                "app/models.py": _MODEL,
                "worker/lock.go": 'const take = "insert into job_lock (job_type) values ($1)"\n',
            },
            False,
        ),
        ({"app/models.py": _MODEL, "web/src/locks.ts": "type Lock = { job_lock: string }\n"}, True),
    ],
    ids=[
        "queried",
        "tests-only",
        "unnamed",
        "built",
        "built-by-module",
        "insert",
        "table-insert",
        "listed",
        "subclass-built",
        "classmethod",
        "core-table",
        "raw-sql",
        "go-sql",
        "ts-key",
    ],
)
@pytest.mark.parametrize("step", [_UNIQUE, _REQUIRED], ids=["unique", "not-null"])
def test_a_key_or_not_null_on_a_table_its_release_never_wrote_is_p3(
    git_repo: Any, step: str, code: dict[str, str], lowered: bool
) -> None:
    found = _audited(git_repo, step, code)
    assert (found.severity is Severity.P3) is lowered, found.message
    if lowered:
        assert "JobLock" in found.message or "names the table nowhere" in found.message
