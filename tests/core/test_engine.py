"""The migrations engine (checks/migrations.py) on real git repositories, golang-migrate style."""

from __future__ import annotations

import concurrent.futures
from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.gate import CheckOptions, prepare, run_check
from rollback_gate.results import pool as analysis

M = "db/migrations"
INIT = {
    f"{M}/000001_init.up.sql": "CREATE TABLE t (id int);\n",
    f"{M}/000001_init.down.sql": "DROP TABLE t;\n",
}
NO_DOWN = {f"{M}/000002_add.up.sql": "ALTER TABLE t ADD COLUMN c int;\n"}  # RG200
DROP = {
    f"{M}/000003_drop.up.sql": "DROP TABLE legacy;\n",
    f"{M}/000003_drop.down.sql": "CREATE TABLE legacy (id int);\n",
}


def config(scope: str = "changed", since: str | None = None, path: str = M) -> str:
    entry = f"  - path: {path}\n    scope: {scope}\n"
    if since is not None:
        entry += f'    since: "{since}"\n'
    return "version: 1\nservice: api\nrollback: {strategy: manual}\nmigrations:\n" + entry


Found = list[tuple[str, str | None]]


def findings(repo: Any, base: str | None = None) -> tuple[Found, list[str]]:
    ctx = prepare(CheckOptions(repo=repo.root, base=base))
    got = sorted((f.rule, f.path) for f in engine.check(ctx))
    return got, ctx.notes


def test_scope_changed_analyses_only_changed_files(git_repo: Any) -> None:
    base = git_repo.commit("base", {"deploy-readiness.yml": config(), **INIT, **NO_DOWN})
    git_repo.commit("pr", {**DROP})
    got, notes = findings(git_repo, base)
    assert got == [("RG203", f"{M}/000003_drop.up.sql")]
    assert any("--base" in n and "2 changed files" in n for n in notes), notes
    git_repo.commit("all", {"deploy-readiness.yml": config("all")})
    got, _ = findings(git_repo, base)
    assert got == [("RG200", f"{M}/000002_add.up.sql"), ("RG203", f"{M}/000003_drop.up.sql")]


def test_without_a_base_changed_scope_checks_everything(git_repo: Any) -> None:
    git_repo.commit("only", {"deploy-readiness.yml": config(), **INIT, **NO_DOWN})
    got, notes = findings(git_repo)
    assert got == [("RG200", f"{M}/000002_add.up.sql")]
    assert any("no base found" in n for n in notes)


@pytest.mark.parametrize(
    ("change", "expected_path", "message"),
    [
        ("modify", f"{M}/000001_init.up.sql", "was modified"),
        ("rename", f"{M}/000005_init.up.sql", "was renamed to"),
        ("delete", f"{M}/000001_init.up.sql", "was deleted"),
    ],
)
def test_rg204_edited_base_migration(
    git_repo: Any, change: str, expected_path: str, message: str
) -> None:
    base = git_repo.commit("base", {"deploy-readiness.yml": config(), **INIT, **DROP})
    up = git_repo.root / M / "000001_init.up.sql"
    if change == "modify":
        up.write_text("CREATE TABLE t (id bigint);\n")
    elif change == "rename":
        up.rename(git_repo.root / expected_path)
        (git_repo.root / M / "000001_init.down.sql").rename(
            git_repo.root / M / "000005_init.down.sql"
        )
    else:
        up.unlink()
        (git_repo.root / M / "000001_init.down.sql").unlink()
    git_repo.commit(change)
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    rg204 = [f for f in engine.check(ctx) if f.rule == "RG204"]
    assert rg204, "no RG204"
    first = next(f for f in rg204 if f.path == expected_path)
    assert message in first.message
    assert f"{M}/000001_init.up.sql existed at the base" in first.message


def test_a_folder_moved_unchanged_is_not_new(git_repo: Any) -> None:
    """zanata-platform @39652d773e (round J): a change that only moves the migrations
    folder re-reported every old migration as new. Moved files keep what they did at the
    base; one edited while moved is judged."""
    new = "db/schema"
    base = git_repo.commit("base", {"deploy-readiness.yml": config(), **INIT, **NO_DOWN, **DROP})
    for name in (*INIT, *NO_DOWN, *DROP):
        target = git_repo.root / new / name.rsplit("/", 1)[1]
        target.parent.mkdir(parents=True, exist_ok=True)
        (git_repo.root / name).rename(target)
    (git_repo.root / new / "000003_drop.up.sql").write_text("DROP TABLE legacy;\n-- moved\n")
    git_repo.commit("move", {"deploy-readiness.yml": config(path=new)})
    got, notes = findings(git_repo, base)
    assert got == [("RG203", f"{new}/000003_drop.up.sql")], got
    assert any("only moved" in n for n in notes), notes


def test_adding_a_migration_is_not_an_edit(git_repo: Any) -> None:
    base = git_repo.commit("base", {"deploy-readiness.yml": config(), **INIT})
    git_repo.commit("pr", DROP)
    got, _ = findings(git_repo, base)
    assert "RG204" not in {r for r, _ in got}


def test_since_exempts_older_versions(git_repo: Any) -> None:
    files = {**INIT, **NO_DOWN, **DROP}
    git_repo.commit("base", {"deploy-readiness.yml": config("all", since="000002"), **files})
    got, _ = findings(git_repo)
    assert got == [("RG203", f"{M}/000003_drop.up.sql")]
    git_repo.commit("since", {"deploy-readiness.yml": config("all", since="2")})
    assert findings(git_repo)[0] == [("RG203", f"{M}/000003_drop.up.sql")]


def test_since_also_exempts_edits_of_old_migrations(git_repo: Any) -> None:
    base = git_repo.commit("base", {"deploy-readiness.yml": config(since="000001"), **INIT})
    git_repo.commit("edit", {f"{M}/000001_init.up.sql": "CREATE TABLE t (id bigint);\n"})
    assert findings(git_repo, base)[0] == []


def test_rg206_empty_path(git_repo: Any) -> None:
    git_repo.commit("c", {"deploy-readiness.yml": config("all", path="db/migration"), **INIT})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    got = [(f.rule, f.path, f.line, f.message) for f in engine.check(ctx)]
    assert (
        "RG206",
        "deploy-readiness.yml",
        5,
        "db/migration holds no files (a typo in the path?)",
    ) in got
    undeclared = [g for g in got if "no `migrations:` entry declares" in g[3]]
    assert [g[3].split(" ")[0] for g in undeclared] == [M]


def test_rg206_folder_without_migrations(git_repo: Any) -> None:
    git_repo.commit(
        "c", {"deploy-readiness.yml": config("all", path="db/other"), "db/other/x.txt": "x\n"}
    )
    got, _ = findings(git_repo)
    assert got == [("RG206", "deploy-readiness.yml")]


def test_rg206_undeclared_folder_without_migrations_section(git_repo: Any) -> None:
    git_repo.commit(
        "c", {"deploy-readiness.yml": "version: 1\nrollback: {strategy: manual}\n", **INIT}
    )
    ctx = prepare(CheckOptions(repo=git_repo.root))
    (f,) = engine.check(ctx)
    assert f.rule == "RG206" and f.message.startswith(f"{M} holds ")
    assert "that no `migrations:` entry declares" in f.message
    assert engine.applies(ctx)


def test_rg206_undeclared_folder_names_the_framework(git_repo: Any) -> None:
    git_repo.commit(
        "c", {"deploy-readiness.yml": "version: 1\nrollback: {strategy: manual}\n", **INIT}
    )
    (f,) = engine.check(prepare(CheckOptions(repo=git_repo.root)))
    assert f"{M} holds golang-migrate migrations" in f.message


def test_deleting_every_migration_is_still_an_edit(git_repo: Any) -> None:
    base = git_repo.commit("base", {"deploy-readiness.yml": config(), **INIT})
    for name in INIT:
        (git_repo.root / name).unlink()
    git_repo.commit("delete all")
    got, _ = findings(git_repo, base)
    assert ("RG204", f"{M}/000001_init.up.sql") in got, got


WAIVER = '-- rollback-gate: ignore[RG203] reason="archived in OPS-1" owner=@db until=2099-01-31\n'
INCOMPLETE = "-- rollback-gate: ignore[RG203] owner=@db until=2099-01-31\n"


@pytest.mark.parametrize(
    ("header", "waived", "note"),
    [
        (WAIVER, True, None),
        (WAIVER.replace("RG203", "migration-destroys-data"), True, None),
        (INCOMPLETE, False, "000003_drop.up.sql:1: inline waiver ignored: missing reason"),
        (WAIVER.replace("2099-01-31", "someday"), False, "until=someday is not a date"),
        (WAIVER.replace("RG203", "RG2O3"), False, "unknown rule in [RG2O3]"),
        # other linters' acknowledgements are notes, never waivers (issue 10)
        ("-- atlas:nolint DS103\n", False, "000003_drop.up.sql:1: `atlas:nolint DS103`"),
        ("-- squawk-ignore ban-drop-table\n", False, "acknowledges a risk for squawk"),
    ],
)
def test_inline_waivers(git_repo: Any, header: str, waived: bool, note: str | None) -> None:
    files = {**INIT, **DROP, f"{M}/000003_drop.up.sql": header + "DROP TABLE legacy;\n"}
    git_repo.commit("c", {"deploy-readiness.yml": config("all"), **files})
    report = run_check(CheckOptions(repo=git_repo.root))
    (rg203,) = [f for f in report.findings if f.rule == "RG203"]
    assert rg203.waived is waived
    assert rg203.line == 2
    if waived:
        assert rg203.waiver is not None and rg203.waiver.owner == "@db"
        assert "RG901" not in {f.rule for f in report.findings}
    if note:
        assert any(note in n for n in report.notes), report.notes
    audit = run_check(CheckOptions(repo=git_repo.root, no_waivers=True))
    assert not any(f.waived for f in audit.findings)


def test_binary_migration_is_rg205(git_repo: Any) -> None:
    files = {**INIT, f"{M}/000002_blob.up.sql": b"\x00\x01\x02SQLite format 3\x00" * 10}
    git_repo.commit("c", {"deploy-readiness.yml": config("all"), **files})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    got = [(f.rule, f.path, f.message) for f in engine.check(ctx)]
    assert ("RG205", f"{M}/000002_blob.up.sql") in [g[:2] for g in got], got
    assert any("binary" in g[2] for g in got if g[0] == "RG205")


EVIL = 'import os\nos.system("touch {marker}")\n'


@pytest.mark.parametrize(
    ("framework", "files"),
    [
        (
            "alembic",
            {
                "alembic/env.py": EVIL,
                "alembic/versions/ab12_add.py": EVIL + 'revision = "ab12"\ndown_revision = None\n\n'
                "def upgrade():\n    op.add_column('t', sa.Column('c', sa.Text()))\n\n"
                "def downgrade():\n    pass\n",
            },
        ),
        (
            "django",
            {
                "shop/migrations/__init__.py": EVIL,
                "shop/migrations/0001_initial.py": EVIL + "from django.db import migrations\n\n"
                "class Migration(migrations.Migration):\n    operations = []\n",
            },
        ),
    ],
)
def test_migration_code_is_never_executed(
    git_repo: Any, tmp_path: Any, framework: str, files: dict[str, str]
) -> None:
    marker = tmp_path / f"MARKER-{framework}"
    folder = next(iter(files)).rsplit("/", 1)[0]
    folder = "alembic/versions" if framework == "alembic" else folder
    cfg = config("all", path=folder).replace("    scope", f"    framework: {framework}\n    scope")
    git_repo.commit(
        "c",
        {
            "deploy-readiness.yml": cfg,
            **{k: v.format(marker=marker) for k, v in files.items()},
        },
    )
    report = run_check(CheckOptions(repo=git_repo.root))
    assert not marker.exists(), "a migration module was imported or executed"
    if framework == "alembic":
        assert "RG201" in {f.rule for f in report.findings}


def test_parallel_analysis_gives_the_same_findings_as_serial(
    git_repo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    files: dict[str, str | bytes] = {"deploy-readiness.yml": config("all")}
    for i in range(1, 431):
        v = f"{i:06d}"
        files[f"{M}/{v}_m.up.sql"] = f"ALTER TABLE t ADD COLUMN c{i} int;\n"
        if i % 3 == 0:
            files[f"{M}/{v}_m.down.sql"] = f"ALTER TABLE t DROP COLUMN c{i};\n"
        elif i % 3 == 1:
            files[f"{M}/{v}_m.down.sql"] = "-- nothing\n"  # RG201
        if i % 50 == 0:
            files[f"{M}/{v}_m.up.sql"] = (
                f'-- rollback-gate: ignore[RG203] reason="r" owner=@o until=2099-01-01\n'
                f"DROP TABLE legacy{i};\n"
            )
    git_repo.commit("many", files)
    calls: list[int] = []
    real = concurrent.futures.ProcessPoolExecutor

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", spy)
    monkeypatch.setattr("os.cpu_count", lambda: 2)

    def run() -> tuple[list[tuple[str, str | None, int | None, str]], list[Any]]:
        ctx = prepare(CheckOptions(repo=git_repo.root, cache=False))
        got = sorted((f.rule, f.path, f.line, f.message) for f in engine.check(ctx))
        return got, sorted(ctx.inline_waivers, key=lambda w: (w.path or "", w.line or 0))

    parallel, parallel_waivers = run()
    assert calls == [1], "the parallel path was not taken"
    monkeypatch.setattr(analysis, "PARALLEL_THRESHOLD", 10**9)
    serial, serial_waivers = run()
    assert calls == [1]
    assert parallel == serial
    assert parallel_waivers == serial_waivers and len(serial_waivers) == 8
    rules = [g[0] for g in serial]
    assert rules.count("RG200") == 143 and rules.count("RG201") == 144


def test_one_finding_per_migration_and_rule_with_the_rest_related(git_repo: Any) -> None:
    drops = {
        f"{M}/000004_slim.up.sql": (
            "ALTER TABLE t DROP COLUMN a;\nALTER TABLE t DROP COLUMN b;\nDROP TABLE old;\n"
        ),
        f"{M}/000004_slim.down.sql": "ALTER TABLE t ADD COLUMN a int;\n",
    }
    git_repo.commit("c", {"deploy-readiness.yml": config("all"), **INIT, **drops})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f for f in engine.check(ctx) if f.rule == "RG203"]
    assert len(found) == 1
    (f,) = found
    assert f.line == 1 and "and 2 more in this migration" in f.message
    assert [(r.path, r.line) for r in f.related] == [
        (f"{M}/000004_slim.up.sql", 2),
        (f"{M}/000004_slim.up.sql", 3),
    ]
    assert ctx.analysed == {"migrations": 2, "migration_files": 4}


def test_json_report_carries_related_and_analysed(git_repo: Any) -> None:
    drops = {
        f"{M}/000004_slim.up.sql": "ALTER TABLE t DROP COLUMN a;\nALTER TABLE t DROP COLUMN b;\n",
        f"{M}/000004_slim.down.sql": "ALTER TABLE t ADD COLUMN a int, ADD COLUMN b int;\n",
    }
    git_repo.commit("c", {"deploy-readiness.yml": config("all"), **INIT, **drops})
    from rollback_gate.formats.json import report_dict
    from rollback_gate.formats.readback import report_from_dict

    report = run_check(CheckOptions(repo=git_repo.root))
    data = report_dict(report)
    assert data["analysed"]["migrations"] == 2
    (drop,) = [f for f in data["findings"] if f["rule"] == "RG203"]
    assert drop["related"] == [
        {"path": f"{M}/000004_slim.up.sql", "line": 2, "message": drop["related"][0]["message"]}
    ]
    back = report_from_dict(data)
    assert back.analysed == report.analysed
    assert [f.related for f in back.findings] == [f.related for f in report.findings]


FLYWAY = "db/migration"


def _flyway_config(reversal: str | None = None) -> str:
    extra = f"    reversal: {reversal}\n" if reversal else ""
    return (
        "version: 1\nservice: api\nrollback: {strategy: manual}\nmigrations:\n"
        f"  - path: {FLYWAY}\n    framework: flyway\n    scope: all\n{extra}"
    )


FLYWAY_FILES = {
    f"{FLYWAY}/V1__init.sql": "CREATE TABLE t (id int);\n",
    f"{FLYWAY}/V2__add.sql": "ALTER TABLE t ADD COLUMN c int;\n",
    f"{FLYWAY}/V3__drop.sql": "DROP TABLE legacy;\n",
}


@pytest.mark.parametrize(
    ("reversal", "expected", "note"),
    [
        # No U__ file anywhere: forward-only by default; only the drop is a finding.
        (None, {("RG203", f"{FLYWAY}/V3__drop.sql")}, "reversal forward-only (default: "),
        ("forward-only", {("RG203", f"{FLYWAY}/V3__drop.sql")}, "(set in the config)"),
        (
            "down",
            {
                ("RG200", f"{FLYWAY}/V{n}__{x}.sql")
                for n, x in ((1, "init"), (2, "add"), (3, "drop"))
            }
            | {("RG203", f"{FLYWAY}/V3__drop.sql")},
            "reversal down (set in the config)",
        ),
    ],
)
def test_reversal_mode(
    git_repo: Any, reversal: str | None, expected: set[tuple[str, str]], note: str
) -> None:
    git_repo.commit("c", {"deploy-readiness.yml": _flyway_config(reversal), **FLYWAY_FILES})
    got, notes = findings(git_repo)
    assert set(got) == expected
    assert any(note in n for n in notes), notes


def test_an_undo_file_makes_flyway_default_to_down(git_repo: Any) -> None:
    files = {**FLYWAY_FILES, f"{FLYWAY}/U1__init.sql": "DROP TABLE t;\n"}
    git_repo.commit("c", {"deploy-readiness.yml": _flyway_config(), **files})
    got, notes = findings(git_repo)
    assert ("RG200", f"{FLYWAY}/V2__add.sql") in got
    assert any("reversal down (default)" in n for n in notes), notes


def test_git_runs_clean_of_other_repositories_variables(
    git_repo: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    """A pre-commit hook runs with GIT_INDEX_FILE / GIT_DIR of its own: git must not see them."""
    base = git_repo.commit("base", {"deploy-readiness.yml": config(), **INIT, **NO_DOWN})
    git_repo.commit("pr", {**DROP})
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "not-a-repo"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(tmp_path / "no-index"))
    monkeypatch.setenv("GIT_WORK_TREE", str(tmp_path))
    got, _ = findings(git_repo, base)
    assert got == [("RG203", f"{M}/000003_drop.up.sql")]


def test_a_folder_two_entries_declare_is_judged_by_the_deeper_one(git_repo: Any) -> None:
    """opencollective-api (round AB): ``migrations`` and ``migrations/archives`` both
    declared, and every archived migration judged by both entries: each finding twice."""
    cfg = (
        "version: 1\nservice: api\nrollback: {strategy: manual}\nmigrations:\n"
        f"  - path: {M}\n    scope: all\n  - path: {M}/archive\n    scope: all\n"
    )
    archived = {f"{M}/archive/{k.rsplit('/', 1)[1]}": v for k, v in NO_DOWN.items()}
    git_repo.commit("all", {"deploy-readiness.yml": cfg, **INIT, **archived})
    got, _ = findings(git_repo)
    assert got == [("RG200", f"{M}/archive/000002_add.up.sql")]


LIQUIBASE = "src/main/resources/db/changelog"
LIQUIBASE_FILES = {
    f"{LIQUIBASE}/db.changelog-master.xml": (
        '<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">\n'
        '  <changeSet id="1" author="a"><createTable tableName="t">'
        '<column name="id" type="int"/></createTable></changeSet>\n'
        "</databaseChangeLog>\n"
    )
}


def test_an_entry_the_change_leaves_alone_imports_no_analyser(git_repo: Any) -> None:
    """scope: changed, and the pull request touches no file of the Liquibase and Flyway
    entries (most pull requests): their analysers are not imported, and the report says
    what it said when they were (a fresh interpreter: this one has imported them all)."""
    import json
    import subprocess
    import sys

    entries = (
        f"  - path: {M}\n    framework: golang-migrate\n    scope: changed\n"
        f"  - path: {LIQUIBASE}\n    framework: liquibase\n    scope: changed\n"
        f"  - path: {FLYWAY}\n    framework: flyway\n    scope: changed\n"
    )
    cfg = "version: 1\nservice: api\nrollback: {strategy: manual}\nmigrations:\n" + entries
    base = git_repo.commit(
        "base", {"deploy-readiness.yml": cfg, **INIT, **LIQUIBASE_FILES, **FLYWAY_FILES}
    )
    git_repo.commit("pr", {**DROP})
    probe = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from rollback_gate.gate import CheckOptions, run_check\n"
        f"r = run_check(CheckOptions(repo=Path({str(git_repo.root)!r}), base={base!r}))\n"
        "print(json.dumps([[f.rule, f.path] for f in r.findings] + [list(r.notes)] + "
        "[sorted(m for m in sys.modules if m.startswith(('rollback_gate.migrations.', "
        "'rollback_gate.online', 'rollback_gate.flagdefs', 'rollback_gate.monitor.prometheus')))]"
        "))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    *found, notes, modules = json.loads(out)
    assert "rollback_gate.migrations.plainsql.golang_migrate" in modules  # its file changed
    assert not [m for m in modules if ".liquibase." in m]
    # no online endpoint in the config at the base: no online client is imported either
    assert not [m for m in modules if m.startswith("rollback_gate.online")]
    # … nor, without feature_flags or monitoring sections, the readers of their files
    assert not [m for m in modules if m.startswith(("rollback_gate.flagdefs", "rollback_gate.mon"))]
    assert [f for f in found if f[0].startswith("RG2") and f[0] != "RG210"] == [
        ["RG203", f"{M}/000003_drop.up.sql"]
    ]
    assert f"migrations[1] {LIQUIBASE} (liquibase): reversal down (default)" in notes
    # Flyway's default depends on the folder's files: its (light) analyser says which
    assert any(
        n.startswith(f"migrations[2] {FLYWAY} (flyway): reversal forward-only") for n in notes
    )


def test_an_untouched_entry_whose_files_are_no_migrations_is_still_rg206(git_repo: Any) -> None:
    cfg = config(path="db/other")
    base = git_repo.commit("base", {"deploy-readiness.yml": cfg, "db/other/x.txt": "x\n", **INIT})
    git_repo.commit("pr", {"README.md": "hi\n"})
    got, _ = findings(git_repo, base)
    assert ("RG206", "deploy-readiness.yml") in got


def test_the_registry_knows_which_analysers_default_reversal_by_their_files() -> None:
    from rollback_gate.migrations import FRAMEWORKS, load
    from rollback_gate.migrations.base import FrameworkBase

    for name, registration in FRAMEWORKS.items():
        own = type(load(name)).forward_only is not FrameworkBase.forward_only
        assert registration.reversal_from_files == own, name


RENAME = {
    f"{M}/000002_rename.up.sql": "-- (c) 2020\nALTER TABLE t RENAME COLUMN a TO b;\n",
    f"{M}/000002_rename.down.sql": "ALTER TABLE t RENAME COLUMN b TO a;\n",
}


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # a header edited in a shipped migration: the rename ran long ago (eveapi, round AI)
        ("-- (c) 2021\nALTER TABLE t RENAME COLUMN a TO b;\n", set()),
        # the edit renames another column: the change's (databases that ran it miss it:
        # RG204; the others run it, and the previous release reads the old name)
        ("-- (c) 2020\nALTER TABLE t RENAME COLUMN a TO b;\nALTER TABLE t RENAME COLUMN x TO y;\n",
         {"RG220"}),
        ("-- (c) 2020\nALTER TABLE t RENAME COLUMN a TO c;\n", {"RG220"}),
    ],
)  # fmt: skip
def test_an_edit_of_a_shipped_migration_brings_back_only_what_it_changed(
    git_repo: Any, edit: str, expected: set[str]
) -> None:
    base = git_repo.commit("base", {"deploy-readiness.yml": config(), **INIT, **RENAME})
    git_repo.commit("pr", {f"{M}/000002_rename.up.sql": edit})
    got, _ = findings(git_repo, base)
    assert ("RG204", f"{M}/000002_rename.up.sql") in got
    assert {rule for rule, _ in got if rule.startswith("RG22")} == expected


def test_scope_all_judges_an_edited_migration_against_its_own_release(git_repo: Any) -> None:
    """expertiza (round AG's repository, a reformatting commit since the last tag): under
    `scope: all` the base is any old tag, and each migration is judged as its release
    shipped it, edited since or not."""
    base = git_repo.commit("base", {"deploy-readiness.yml": config("all"), **INIT, **RENAME})
    git_repo.commit(
        "pr",
        {
            f"{M}/000002_rename.up.sql": "-- (c) 2021\n"
            + RENAME[f"{M}/000002_rename.up.sql"].split("\n", 1)[1]
        },
    )
    got, _ = findings(git_repo, base)
    assert ("RG220", f"{M}/000002_rename.up.sql") in got


def test_a_new_migration_beside_an_edited_one_is_judged_whole(git_repo: Any) -> None:
    base = git_repo.commit("base", {"deploy-readiness.yml": config(), **INIT, **RENAME})
    git_repo.commit(
        "pr",
        {
            f"{M}/000002_rename.up.sql": "-- (c) 2021\nALTER TABLE t RENAME COLUMN a TO b;\n",
            f"{M}/000003_rename.up.sql": "ALTER TABLE t RENAME COLUMN b TO a;\n",
            f"{M}/000003_rename.down.sql": "ALTER TABLE t RENAME COLUMN a TO b;\n",
        },
    )
    got, _ = findings(git_repo, base)
    assert [p for rule, p in got if rule == "RG220"] == [f"{M}/000003_rename.up.sql"]


def test_an_occurrence_keeps_its_own_fix_when_the_first_is_cleared() -> None:
    """wraft (round AU): a check cleared the first occurrence (`modify :fields`), and the
    next (`timestamps()`'s inserted_at) was told to `modify :fields`; through the result
    cache's codec as well."""
    from rollback_gate.migrations.grouping import occurrences, one_per_rule
    from rollback_gate.models import Finding
    from rollback_gate.results.codec import finding, finding_json

    made = [
        Finding("RG222", f"sets {c}", path="m.exs", line=n, fix=f"modify :{c}", key=f"k:{c}")
        for n, c in ((6, "fields"), (7, "inserted_at"), (7, "updated_at"))
    ]
    (grouped,) = one_per_rule(made)
    (grouped,) = [finding(finding_json(grouped))]
    rest = [o for o in occurrences(grouped) if "fields" not in o.key]
    (left,) = one_per_rule(rest)
    assert left.fix == "modify :inserted_at"
    assert [o.fix for o in occurrences(left)] == ["modify :inserted_at", "modify :updated_at"]


def test_a_changed_file_brings_the_files_of_its_migration_only() -> None:
    """``scope: changed`` discovers the changed files and their migration's other files
    (found by bisection in the sorted folder), not the folder's other migrations."""
    paths = sorted(
        [
            "db/000041_a.up.sql", "db/000042_b.up.sql", "db/000042_b.down.sql",
            "db/0000420_c.up.sql", "db/old/000042_x.up.sql", "flyway/V42__b.sql",
            "flyway/U42__b.sql", "flyway/V43__c.sql", "prisma/20240101_x/migration.sql",
            "prisma/20240101_x/down.sql", "prisma/20240102_y/migration.sql",
        ]
    )  # fmt: skip
    changed = frozenset(
        {"db/000042_b.up.sql", "flyway/V42__b.sql", "prisma/20240101_x/migration.sql", "x.md"}
    )
    assert engine._related(paths, changed) == [
        "db/000042_b.down.sql", "db/000042_b.up.sql", "flyway/U42__b.sql", "flyway/V42__b.sql",
        "prisma/20240101_x/down.sql", "prisma/20240101_x/migration.sql",
    ]  # fmt: skip
    assert engine._related(paths, frozenset({"x.md"})) == []
