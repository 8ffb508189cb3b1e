"""RG223 and an Alembic enum column made a string, or swapped for another enum, whose
labels only earlier revisions write out (backend.ai, round AE: ``VARCHAR(64)`` in raw SQL,
``existing_type`` naming the enum without its labels, a type of 2019 with the same labels)."""

from __future__ import annotations

from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.gate import CheckOptions, prepare

VERSIONS = "alembic/versions"
PRELUDE = (
    "import sqlalchemy as sa\nfrom alembic import op\nfrom sqlalchemy.dialects import postgresql\n"
)


def _revision(rev: str, parent: str | None, body: str, module: str = "") -> dict[str, str]:
    down = "None" if parent is None else repr(parent)
    return {
        f"{VERSIONS}/{rev}_step.py": f"{PRELUDE}{module}\n"
        f"revision = {rev!r}\ndown_revision = {down}\n\n\n"
        f"def upgrade():\n{body}\n\n\ndef downgrade():\n"
        # the downgrade makes the old labels again: not the history
        "    op.execute(\"CREATE TYPE kernelstatus AS ENUM ('A-LABEL-LONGER-THAN-EIGHT')\")\n"
    }


# Names sort against the graph: "f…" is the root, "e…" its child, "a…" the last.
HISTORY = {
    **_revision(
        "f00d",
        None,
        "    op.create_table('kernels', sa.Column('id', sa.Integer, primary_key=True),\n"
        "        sa.Column('status', sa.Enum(*CHOICES, name='kernelstatus')),\n"
        "        sa.Column('kind', sa.Enum(KernelKind, name='kernelkind')),\n"
        "        sa.Column('result', postgresql.ENUM('OK', 'FAIL', name='results')))\n"
        "    op.execute(\"CREATE TYPE result2 AS ENUM ('OK', 'FAIL', 'SKIPPED')\")\n"
        "    op.execute(\"CREATE TYPE result3 AS ENUM ('OK', 'SKIPPED')\")\n",
        module="from app import KernelKind\n\nCHOICES = ('PENDING', 'RUNNING')\n",
    ),
    **_revision(
        "e00d", "f00d", "    op.execute(\"ALTER TYPE kernelstatus ADD VALUE 'STOPPED'\")\n"
    ),
}
LAST = f"{VERSIONS}/a00d_step.py"


def _rg223(git_repo: Any, change: str, module: str = "") -> list[str]:
    files = {**HISTORY, **_revision("a00d", "e00d", change, module=module)}
    config = git_repo.migrations_config(VERSIONS, "alembic", scope="all")
    git_repo.commit("config", {"deploy-readiness.yml": config})
    for path, text in files.items():
        git_repo.commit(path, {path: text})
    found = [
        f for f in engine.check(prepare(CheckOptions(repo=git_repo.root))) if f.rule == "RG223"
    ]
    return [r.path or "" for f in found for r in (f, *f.related) if r.path == LAST]


def _sql(column: str, typ: str) -> str:
    alter = f"ALTER TABLE kernels ALTER COLUMN {column} TYPE {typ}"
    return f"    op.execute('{alter} USING {column}::text')"


def _enum(labels: str, using: str = "") -> str:
    said = f", postgresql_using='result{using}'" if using else ""
    return (
        f"    op.alter_column('kernels', 'result', type_=sa.Enum({labels}, name='results2'){said})"
    )


STRING_7 = (
    "    op.alter_column('kernels', 'status', type_=sa.String(7),\n"
    "                    existing_type=sa.Enum(name='kernelstatus'))"
)


@pytest.mark.parametrize(
    ("change", "breaks"),
    [
        # every label (STOPPED added by e00d) fits: no break
        (_sql("status", "VARCHAR(64)"), False),
        (STRING_7, False),
        # PENDING, RUNNING and STOPPED are seven letters long
        (_sql("status", "VARCHAR(6)"), True),
        # the revision says the column is an integer: so it is judged
        (
            "    op.alter_column('kernels', 'status', type_=sa.String(64),\n"
            "                    existing_type=sa.Integer())",
            True,
        ),
        # an enum class: the labels are not known here
        (_sql("kind", "VARCHAR(64)"), True),
        # swapped for an enum with the same labels and more, or for one without FAIL
        (_sql("result", "result2"), False),
        (_sql("result", "result3"), True),
        # faf (round CR): a new enum with its labels written out, swapped in through text
        # (how PostgreSQL turns one enum into another); also without a USING
        (_enum("'OK', 'FAIL', 'SKIPPED'", "::text::results2"), False),
        (_enum("'OK', 'SKIPPED'", "::text::results2"), True),
        (_enum("'OK', 'FAIL', 'SKIPPED'"), False),
        (_enum("'OK', 'SKIPPED'"), True),
    ],
    ids=[
        "varchar-64",
        "string-7",
        "varchar-6",
        "existing-type-said",
        "enum-class",
        "more-labels",
        "label-lost",
        "enum-written-grown-using",
        "enum-written-shrunk-using",
        "enum-written-grown",
        "enum-written-shrunk",
    ],
)
def test_the_labels_from_earlier_revisions(git_repo: Any, change: str, breaks: bool) -> None:
    assert _rg223(git_repo, change) == ([LAST] if breaks else [])


def test_an_enum_written_out_says_the_labels_it_drops(git_repo: Any) -> None:
    _rg223(git_repo, _enum("'OK', 'SKIPPED'"))
    found = [
        f for f in engine.check(prepare(CheckOptions(repo=git_repo.root))) if f.rule == "RG223"
    ]
    said = "(it drops the label 'FAIL' the earlier revisions gave it)"
    assert [said in f.message for f in found if f.path == LAST] == [True]


@pytest.mark.parametrize(("new_values", "breaks"), [("old + ['SKIPPED']", False), ("['OK']", True)])
def test_a_swap_through_a_temporary_type_the_revision_makes(
    git_repo: Any, new_values: str, breaks: bool
) -> None:
    """faf (round CR): module-level ``sa.Enum`` objects, the column moved to ``_results``
    (every new label) and back to ``results`` made again: judged by the labels of the types
    the revision creates, against those the ancestors gave the column."""
    module = (
        f"old = ['OK', 'FAIL']\nnew = {new_values}\n"
        "old_type = sa.Enum(*old, name='results')\n"
        "new_type = sa.Enum(*new, name='results')\n"
        "tmp_type = sa.Enum(*new, name='_results')\n"
    )
    body = (
        "    tmp_type.create(op.get_bind(), checkfirst=False)\n"
        "    op.execute('ALTER TABLE kernels ALTER COLUMN result TYPE _results"
        " USING result::text::_results')\n"
        "    old_type.drop(op.get_bind(), checkfirst=False)\n"
        "    new_type.create(op.get_bind(), checkfirst=False)\n"
        "    op.execute('ALTER TABLE kernels ALTER COLUMN result TYPE results"
        " USING result::text::results')\n"
        "    tmp_type.drop(op.get_bind(), checkfirst=False)\n"
    )
    assert _rg223(git_repo, body, module=module) == ([LAST] if breaks else [])
