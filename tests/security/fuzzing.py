"""Properties and input strategies of the fuzz suite (hypothesis).

Shared by ``test_fuzz.py`` (a few hundred cases in every test run) and
``benchmarks/fuzz.py`` (ten thousand and more). The properties: no traceback, an exit
code in {0, 1, 2, 3, 4}, bounded time, and never exit 0 for a config that the published
JSON Schema rejects.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time

import yaml
from hypothesis import strategies as st
from pathological import MIGRATIONS

from rollback_gate.config.schema import SCHEMA
from rollback_gate.migrations import load, treesitter
from rollback_gate.migrations.base import MemorySource, Unreadable
from rollback_gate.rules import RULES

CASE_BUDGET_S = 10.0

# -- the config loader -------------------------------------------------------------------

_KEYS = {
    "version": st.sampled_from([1, 2, "1", None, 1.0, True]),
    "service": st.one_of(st.text(max_size=20), st.integers()),
    "policy": st.fixed_dictionaries(
        {},
        optional={
            "fail_on": st.sampled_from(["P0", "P1", "p2", "P4", "", 1]),
            "disable": st.lists(st.sampled_from(["RG100", "RG999", "flag-stale", ""]), max_size=3),
            "severity": st.dictionaries(
                st.sampled_from(["RG303", "RG1", "x"]), st.sampled_from(["P0", "P3", "P9"])
            ),
            "require_signed_drills": st.sampled_from([True, False, "yes"]),
        },
    ),
    "rollback": st.fixed_dictionaries(
        {},
        optional={
            "strategy": st.sampled_from(["script", "helm", "nope", ""]),
            "script": st.sampled_from(["s.sh", "../x", "/etc/passwd", "a\\b", "a" * 300]),
            "dry_run": st.text(max_size=30),
            "runbook": st.sampled_from(["r.md", "http://x", "https://x.example/r"]),
            "evidence": st.fixed_dictionaries(
                {}, optional={"file": st.text(max_size=10), "max_age_days": st.integers(-5, 99)}
            ),
        },
    ),
    "migrations": st.lists(
        st.fixed_dictionaries(
            {"path": st.sampled_from(["db", "db/migrations", "..", "", "x/*"])},
            optional={
                "framework": st.sampled_from(["auto", "alembic", "flyway", "cobol"]),
                "scope": st.sampled_from(["all", "changed", "some"]),
                "since": st.one_of(st.text(max_size=5), st.integers()),
            },
        ),
        max_size=3,
    ),
    "feature_flags": st.fixed_dictionaries(
        {"provider": st.sampled_from(["flagd", "launchdarkly", "none"])},
        optional={
            "api": st.fixed_dictionaries(
                {"url": st.sampled_from(["https://x.example", "ftp://x", "http://u:p@x"])},
                optional={"token_env": st.sampled_from(["LD", "ROLLBACK_GATE_DRILL_KEY", "a b"])},
            ),
            "flags": st.lists(st.fixed_dictionaries({"key": st.text(max_size=8)}), max_size=2),
        },
    ),
    "waivers": st.lists(
        st.fixed_dictionaries(
            {"rule": st.sampled_from(["RG203", "RG0", "waiver-unused"])},
            optional={
                "reason": st.text(max_size=10),
                "owner": st.text(max_size=5),
                "expires": st.sampled_from(["2030-01-01", "2030-13-01", "tomorrow"]),
            },
        ),
        max_size=2,
    ),
    "bogus": st.integers(),
}


@st.composite
def config_texts(draw: st.DrawFn) -> str:
    """YAML configs: valid-ish structures, mutated, or arbitrary text."""
    kind = draw(st.sampled_from(["structured", "structured", "mutated", "text"]))
    if kind == "text":
        return draw(st.text(max_size=300))
    keys = draw(st.sets(st.sampled_from(sorted(_KEYS)), max_size=len(_KEYS)))
    data = {k: draw(_KEYS[k]) for k in sorted(keys)}
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    if kind == "mutated" and text:
        at = draw(st.integers(0, len(text)))
        text = (
            text[:at]
            + draw(st.sampled_from(["\t", ":", "&a ", "*a", "[", "\0", "\n  - "]))
            + text[at:]
        )
    return text


def schema_rejects(text: str) -> bool:
    """What the published JSON Schema (and YAML itself) says of ``text``, independently."""
    import jsonschema

    try:
        # The loader's own YAML reader (libyaml when present): the pure-Python one
        # disagrees on corner cases such as a tab before a mapping colon.
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return True
    try:
        jsonschema.validate(data, SCHEMA)
    except jsonschema.ValidationError:
        return True
    except jsonschema.SchemaError:
        return False
    return False


def check_config(text: str) -> int:
    """Run ``rollback-gate validate`` on ``text``; assert the properties; the exit code."""
    from click.testing import CliRunner

    from rollback_gate.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "deploy-readiness.yml")
        with open(path, "w", encoding="utf-8", errors="surrogateescape") as fh:
            fh.write(text)
        start = time.perf_counter()
        result = CliRunner().invoke(main, ["validate", "--config", path])
        took = time.perf_counter() - start
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), f"traceback: {result.exception!r}"
    assert result.exit_code in (0, 1, 2, 3, 4), result.exit_code
    assert "Traceback" not in result.output
    assert took < CASE_BUDGET_S, took
    if result.exit_code == 0:
        assert not schema_rejects(text), "exit 0 for a config the schema rejects"
    return result.exit_code


# -- every framework's parser ------------------------------------------------------------

_TOKENS = [
    "\n",
    " ",
    "\t",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ";",
    ",",
    ":",
    "'",
    '"',
    "`",
    "#",
    "--",
    "/*",
    "*/",
    "\\",
    "$$",
    "=",
    "=>",
    "->",
    ".",
    "0",
    "42",
    "x",
    "t",
    "orders",
    "DROP TABLE ",
    "CREATE TABLE ",
    "ALTER TABLE ",
    "DELETE FROM ",
    "RENAME COLUMN ",
    "NOT NULL",
    "-- +goose Up\n",
    "-- +goose Down\n",
    "-- migrate:up\n",
    "-- migrate:down\n",
    "-- +migrate Up\n",
    "-- liquibase formatted sql\n",
    "-- changeset a:1\n",
    "-- rollback ",
    "def upgrade():\n    ",
    "def downgrade():\n    ",
    "op.drop_table(",
    "op.add_column(",
    "class Migration(migrations.Migration):\n",
    "operations = [",
    "migrations.RunPython(",
    "def change\n",
    "def up\n",
    "def down\n",
    "end\n",
    "drop_table :t\n",
    "do\n",
    "exports.up = ",
    "async up(queryRunner) {",
    "knex.schema.dropTable(",
    "queryInterface.",
    "Schema::drop(",
    "public function up()",
    "<?php\n",
    "use Ecto.Migration\n",
    "drop table(:t)",
    '<changeSet id="1" author="a">',
    '<dropTable tableName="t"/>',
    "</changeSet>",
    "databaseChangeLog:\n",
    "- changeSet:\n",
    "rollback-gate: ignore[RG203] reason=x",
]


def framework_texts() -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(st.sampled_from(_TOKENS), max_size=60).map("".join),
        st.text(max_size=400),
    )


def check_framework(name: str, text: str) -> int:
    """Discover and analyse one migration of framework ``name`` holding ``text`` (where
    the pathological corpus puts its long text); the number of findings."""
    files: dict[str, str | bytes] = {p: t.replace("{X}", text) for p, t in MIGRATIONS[name].items()}
    source = MemorySource(files)
    analyser = load(name)
    start = time.perf_counter()
    count = 0
    analyser.detect(sorted(files), source)
    for m in analyser.discover(sorted(files), source):
        with contextlib.suppress(Unreadable, treesitter.ParseTimeout):
            for f in analyser.analyse(m, source):
                assert f.rule in RULES, f.rule
                count += 1
    took = time.perf_counter() - start
    assert took < CASE_BUDGET_S, took
    return count


def frameworks() -> list[str]:
    return sorted(MIGRATIONS)
