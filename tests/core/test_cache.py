"""The result cache: hits, misses after edits, distrust of bad packs, concurrency, size bound."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.gate import CheckOptions, run_check
from rollback_gate.migrations import load
from rollback_gate.results import cache as cachemod
from rollback_gate.results import pool
from rollback_gate.tree import git_blob_id

CONFIG = """version: 1
service: shop
rollback:
  strategy: manual
  runbook: RUNBOOK.md
migrations:
  - path: db/migrations
    framework: golang-migrate
    scope: all
  - path: shop/orders/migrations
    framework: django
    scope: all
"""

DJANGO = """from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [{deps}]

    operations = [
        {op},
    ]
"""


def _django(options: str) -> dict[str, str]:
    return {
        "shop/orders/migrations/0001_initial.py": DJANGO.format(
            deps="",
            op=f'migrations.CreateModel(name="Order", fields=[("note", models.TextField())]'
            f"{options})",
        ),
        "shop/orders/migrations/0002_drop_note.py": DJANGO.format(
            deps='("orders", "0001_initial")',
            op='migrations.RemoveField(model_name="order", name="note")',
        ),
    }


FILES = {
    "deploy-readiness.yml": CONFIG,
    "RUNBOOK.md": "# Rollback\n\nRedeploy the previous image.\n",
    "db/migrations/000001_a.up.sql": "ALTER TABLE t ADD COLUMN c int;\n",
    "db/migrations/000001_a.down.sql": "ALTER TABLE t DROP COLUMN c;\n",
    "db/migrations/000002_b.up.sql": "ALTER TABLE t DROP COLUMN d;\n",
    "db/migrations/000002_b.down.sql": "ALTER TABLE t ADD COLUMN d int;\n",
    **_django(', options={"managed": False}'),
}


def _cli(repo: Path, *extra: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ROLLBACK_GATE_CACHE_DIR": str(cache), "ROLLBACK_GATE_NOW": "2026-06-01"}
    cmd = [sys.executable, "-m", "rollback_gate", "check", "--repo", str(repo), *extra]
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


def _json(repo: Path, cache: Path, *extra: str) -> str:
    out = _cli(repo, "--format", "json", *extra, cache=cache)
    assert out.returncode in (0, 1), out.stderr
    return out.stdout


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = engine.analyse_one

    def spy(name: str, m: Any, source: Any) -> Any:
        calls.append(m.path)
        return real(name, m, source)

    monkeypatch.setattr(engine, "analyse_one", spy)
    return calls


def _rules(repo: Path) -> list[tuple[str, str | None]]:
    report = run_check(CheckOptions(repo=repo, base="HEAD"))
    return sorted((f.rule, f.path) for f in report.findings if f.item == "migrations")


def test_git_blob_id_is_what_git_hash_object_prints(tmp_path: Path) -> None:
    data = b"caf\xc3\xa9\r\nbinary\0tail"
    (tmp_path / "f").write_bytes(data)
    expected = subprocess.run(
        ["git", "hash-object", str(tmp_path / "f")], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert git_blob_id(data) == expected


def test_location_follows_the_spec(tmp_path: Path) -> None:
    home = Path.home()
    assert cachemod.location({"ROLLBACK_GATE_CACHE_DIR": "/x", "XDG_CACHE_HOME": "/y"}) == Path(
        "/x"
    )
    assert cachemod.location({"XDG_CACHE_HOME": "/y"}) == Path("/y/rollback-gate")
    assert cachemod.location({}) == home / ".cache" / "rollback-gate"


def test_second_run_is_served_from_the_cache_byte_for_byte(
    git_repo: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git_repo.commit("all", FILES)
    cache = tmp_path / "cache"
    cold = _json(git_repo.root, cache)
    assert list(cache.glob("*.json")), "nothing was written"
    assert _json(git_repo.root, cache) == cold
    assert _json(git_repo.root, tmp_path / "other", "--no-cache") == cold
    # In-process: the second run analyses nothing.
    monkeypatch.setenv("ROLLBACK_GATE_CACHE_DIR", str(cache))
    calls = _counting(monkeypatch)
    _rules(git_repo.root)
    assert calls == []


@pytest.mark.parametrize("exact", [40, 0], ids=["own-list", "read-log-prefix"])
def test_an_edit_misses_and_so_does_an_edit_of_a_file_read_through_history(
    git_repo: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exact: int
) -> None:
    """Also when a Django migration read more than pool.EXACT_LIMIT files and depends on
    the read log's prefix instead of its own list."""
    monkeypatch.setattr(pool, "EXACT_LIMIT", exact)
    git_repo.commit("all", FILES)
    monkeypatch.setenv("ROLLBACK_GATE_CACHE_DIR", str(tmp_path / "cache"))
    before = _rules(git_repo.root)
    assert ("RG203", "shop/orders/migrations/0002_drop_note.py") not in before  # unmanaged
    git_repo.write({"db/migrations/000002_b.down.sql": "SELECT 1;\n"})
    # 0001 now creates a managed model: 0002 (unchanged) drops a real column.
    git_repo.write(_django(""))
    calls = _counting(monkeypatch)
    after = _rules(git_repo.root)
    assert "db/migrations/000002_b.up.sql" in calls
    assert "db/migrations/000001_a.up.sql" not in calls
    assert "shop/orders/migrations/0002_drop_note.py" in calls
    assert ("RG203", "shop/orders/migrations/0002_drop_note.py") in after
    assert _json(git_repo.root, tmp_path / "cache") == _json(
        git_repo.root, tmp_path / "cold", "--no-cache"
    )


def test_an_edit_of_an_old_django_migration_misses_only_where_it_was_read(
    git_repo: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Django's history walk reports what it answers from its own cache (Source.used):
    each migration depends on the files it consulted, not on everything read before it, so
    another app's migrations stay cached."""
    billing = {
        path.replace("shop/orders", "shop/billing"): text.replace('"orders"', '"billing"')
        for path, text in _django("").items()
    }
    config = CONFIG + "  - path: shop/billing/migrations\n    framework: django\n    scope: all\n"
    git_repo.commit("all", {**FILES, **billing, "deploy-readiness.yml": config})
    monkeypatch.setenv("ROLLBACK_GATE_CACHE_DIR", str(tmp_path / "cache"))
    _rules(git_repo.root)
    first = "shop/orders/migrations/0001_initial.py"
    git_repo.write({first: _django("")[first] + "\n"})
    calls = _counting(monkeypatch)
    _rules(git_repo.root)
    assert sorted(calls) == [first, "shop/orders/migrations/0002_drop_note.py"]


def test_a_folder_listing_is_kept_until_one_of_its_files_changes(
    git_repo: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Django's discovery reads every file; a warm run takes each file's fact from the
    cache, and a new file is the only one read again (the list is still what a cold run
    finds)."""
    git_repo.commit("all", FILES)
    cache = tmp_path / "cache"
    monkeypatch.setenv("ROLLBACK_GATE_CACHE_DIR", str(cache))
    cold = _rules(git_repo.root)
    django = load("django")
    read: list[str] = []
    real = type(django).file_fact

    def spy(self: Any, path: str, source: Any) -> Any:
        read.append(path)
        return real(self, path, source)

    monkeypatch.setattr(type(django), "file_fact", spy)
    assert _rules(git_repo.root) == cold and read == []
    new = "shop/orders/migrations/0003_more.py"
    git_repo.write(
        {
            new: DJANGO.format(
                deps='("orders", "0002_drop_note")', op='migrations.RemoveField("order", "other")'
            )
        }
    )
    _rules(git_repo.root)
    assert read == [new]
    assert _json(git_repo.root, cache) == _json(git_repo.root, tmp_path / "cold", "--no-cache")
    # an edited file is read again, and what it now says is the list's
    git_repo.write({new: "# no longer a migration\n"})
    read.clear()
    _rules(git_repo.root)
    assert read == [new]
    assert _json(git_repo.root, cache) == _json(git_repo.root, tmp_path / "cold2", "--no-cache")


def test_a_cold_run_keeps_discovery_facts_without_asking_the_index(
    git_repo: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each file's discovery fact is kept under the id of the bytes just read: a cold run
    (no pack yet) runs no ``git ls-files -s`` for them (issue 13: scope: changed paid one
    over the whole tree)."""
    git_repo.commit("all", FILES)
    monkeypatch.setenv("ROLLBACK_GATE_CACHE_DIR", str(tmp_path / "cache"))
    from rollback_gate.checks import migrations as engine
    from rollback_gate.gate import prepare

    ctx = prepare(CheckOptions(repo=git_repo.root))
    list(engine.check(ctx))
    assert "_index_ids" not in ctx.tree.__dict__
    assert any(k.startswith("fact\0django\0") for k in ctx.results.listings)  # type: ignore[union-attr]


def _pack(cache: Path) -> Path:
    (pack,) = cache.glob("*.json")
    return pack


def _malformed(data: dict[str, Any]) -> str:
    first = next(iter(data["entries"].values()))
    first[2] = 7  # dependencies that are not a list
    return json.dumps(data)


def _bad_fact(data: dict[str, Any]) -> str:
    for key in data["listings"]:
        if key.startswith("fact\0"):
            data["listings"][key][1] = 7  # neither a yes nor a no
    return json.dumps(data)


def _unknown_rule(data: dict[str, Any]) -> str:
    for entry in data["entries"].values():
        entry[0] = [["RG999", "m", None, None, "", "", None, "k"]]
    return json.dumps(data)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: json.dumps(data)[:200],
        lambda data: "[1, 2, 3]",
        lambda data: json.dumps({**data, "version": "0" * 32}),
        lambda data: json.dumps({**data, "format": "someone-else/1"}),
        _malformed,
        _bad_fact,
        _unknown_rule,
    ],
    ids=[
        "truncated",
        "foreign",
        "other-version",
        "other-format",
        "malformed",
        "bad-fact",
        "unknown-rule",
    ],
)
def test_a_bad_pack_is_ignored_with_a_note_never_trusted(
    git_repo: Any, tmp_path: Path, damage: Any
) -> None:
    git_repo.commit("all", FILES)
    cache = tmp_path / "cache"
    cold = json.loads(_json(git_repo.root, cache))
    assert cold["findings"]
    pack = _pack(cache)
    data = json.loads(pack.read_text())
    # What a poisoned cache would claim: no findings anywhere (entries keep their shape).
    for entry in data["entries"].values():
        entry[0] = []
    pack.write_text(damage(data))
    out = _cli(git_repo.root, "--format", "json", cache=cache)
    assert out.returncode in (0, 1), out.stderr
    assert "Traceback" not in out.stderr
    warm = json.loads(out.stdout)
    assert warm["findings"] == cold["findings"]
    assert any("result cache" in n and "ignored" in n for n in warm["notes"]), warm["notes"]
    # That run rewrote a good pack, which the next run trusts again.
    assert json.loads(_json(git_repo.root, cache))["notes"] == cold["notes"]


def _run_in(repo: str, cache: str) -> int:
    os.environ["ROLLBACK_GATE_CACHE_DIR"] = cache
    report = run_check(CheckOptions(repo=Path(repo)))
    return len(report.findings)


def test_concurrent_runs_leave_a_pack_every_run_can_trust(git_repo: Any, tmp_path: Path) -> None:
    git_repo.commit("all", FILES)
    cache = tmp_path / "cache"
    expected = _json(git_repo.root, tmp_path / "cold", "--no-cache")
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        counts = pool.starmap(_run_in, [(str(git_repo.root), str(cache))] * 8)
    assert len(set(counts)) == 1
    assert [p.name for p in cache.iterdir()] == [_pack(cache).name], "a temporary file was left"
    out = _cli(git_repo.root, "--format", "json", cache=cache)
    assert out.stdout == expected
    assert "ignored" not in out.stdout


def test_the_folder_is_kept_under_its_size_bound(git_repo: Any, tmp_path: Path) -> None:
    git_repo.commit("all", FILES)
    cache = tmp_path / "cache"
    cache.mkdir()
    old = cache / ("a" * 24 + ".json")
    old.write_text("x" * 600_000)
    os.utime(old, (1_000_000_000, 1_000_000_000))
    leftover = cache / ".pack-killed.tmp"  # from a run killed before its rename
    leftover.write_text("{")
    os.utime(leftover, (1_000_000_000, 1_000_000_000))
    env = {**os.environ, "ROLLBACK_GATE_CACHE_DIR": str(cache), "ROLLBACK_GATE_CACHE_MB": "0.5"}
    cmd = [sys.executable, "-m", "rollback_gate", "check", "--repo", str(git_repo.root)]
    subprocess.run(cmd, capture_output=True, env=env, check=False)
    assert not old.exists(), "the oldest pack beyond the bound was kept"
    assert not leftover.exists()
    assert len(list(cache.glob("*.json"))) == 1


def test_no_cache_neither_reads_nor_writes(git_repo: Any, tmp_path: Path) -> None:
    git_repo.commit("all", FILES)
    cache = tmp_path / "cache"
    cache.mkdir()
    first = _json(git_repo.root, cache, "--no-cache")
    assert list(cache.iterdir()) == []
    _json(git_repo.root, cache)
    _pack(cache).write_text("not json")
    assert _json(git_repo.root, cache, "--no-cache") == first  # no "ignored" note


@pytest.mark.parametrize("started", [False, True])
@pytest.mark.parametrize("listed_with_ids", [False, True])
def test_blob_ids_come_from_the_index_for_unmodified_files_and_match_git(
    git_repo: Any, listed_with_ids: bool, started: bool
) -> None:
    """Asked for apart, or listed with the files in one call (a run with a cache pack);
    listed when asked, or by a ``git ls-files`` started in the background before."""
    from rollback_gate.tree import Tree

    git_repo.commit("two", {"a.sql": "SELECT 1;\n", "b.sql": "SELECT 2;\n", "gone.sql": "x"})
    git_repo.write({"b.sql": "SELECT 3;\n", "c.sql": "SELECT 4;\n"})
    (git_repo.root / "gone.sql").unlink()
    tree = Tree(git_repo.root, ids=listed_with_ids)
    if started:
        tree.start_listing()
        assert tree._listing is not None
    assert tree.files == ("a.sql", "b.sql", "c.sql")
    assert tree._listing is None  # collected
    assert tree.untracked == {"c.sql"}
    assert set(tree._index_ids) == {"a.sql"}  # b is modified, c untracked, gone deleted
    for path in tree.files:
        assert tree.blob_id(path) == git_repo.git("hash-object", path)


@pytest.mark.parametrize("listed_with_ids", [False, True])
def test_tracked_files_deleted_from_the_work_tree_are_not_listed(
    git_repo: Any, listed_with_ids: bool
) -> None:
    """A cold listing leaves out ``--deleted`` (git would lstat every file) and reads each
    folder's names instead: a file, a whole folder, and a name whose folder is a file now."""
    import shutil

    from rollback_gate.tree import Tree

    files = {"db/a.sql": "1", "db/b.sql": "2", "old/x.sql": "3", "old/y/z.sql": "4", "t": "5"}
    git_repo.commit("files", files)
    (git_repo.root / "db" / "b.sql").unlink()
    shutil.rmtree(git_repo.root / "old")
    (git_repo.root / "old").write_text("a file where a folder was\n")
    (git_repo.root / "t").unlink()
    tree = Tree(git_repo.root, ids=listed_with_ids)
    assert tree.files == ("db/a.sql", "old")
    assert tree.untracked == {"old"}


def test_a_background_listing_never_collected_is_ended_and_a_tree_sent_to_a_worker_has_none(
    git_repo: Any,
) -> None:
    import pickle

    from rollback_gate.tree import Tree

    git_repo.commit("one", {"a.sql": "SELECT 1;\n"})
    tree = Tree(git_repo.root)
    tree.start_listing()
    proc = tree._listing
    assert proc is not None
    assert pickle.loads(pickle.dumps(tree))._listing is None
    tree.stop_listing()
    assert proc.returncode is not None  # reaped: no process left behind
    assert tree.files == ("a.sql",)  # listed again when asked


def _spied_listings(monkeypatch: pytest.MonkeyPatch, *modules: Any) -> list[Any]:
    """Every background git the modules' ``git_started`` starts from now on, listed."""
    from rollback_gate import repo as gitrepo

    started: list[Any] = []
    real = gitrepo.git_started

    def spy(*args: Any) -> Any:
        started.append(real(*args))
        return started[-1]

    for module in modules:
        monkeypatch.setattr(module, "git_started", spy)
    return started


@pytest.mark.parametrize("stop", ["base", "config"])
def test_a_run_stopped_while_the_listing_runs_leaves_no_git_behind(
    git_repo: Any, monkeypatch: pytest.MonkeyPatch, stop: str
) -> None:
    """``--base`` naming no commit, or a config that does not parse, stops the run after
    the listing started: it is ended."""
    from rollback_gate import tree as treemod
    from rollback_gate.errors import ConfigError, EnvironmentProblem
    from rollback_gate.gate import run_check

    git_repo.commit("all", FILES)
    started = _spied_listings(monkeypatch, treemod)
    good = (git_repo.root / "deploy-readiness.yml").read_text()
    if stop == "config":
        (git_repo.root / "deploy-readiness.yml").write_text("version: [1\n")
    with pytest.raises(EnvironmentProblem if stop == "base" else ConfigError):
        run_check(
            CheckOptions(repo=git_repo.root, base="no-such-commit" if stop == "base" else None)
        )
    assert len(started) == 1
    assert started[0].returncode is not None
    (git_repo.root / "deploy-readiness.yml").write_text(good)
    run_check(CheckOptions(repo=git_repo.root))
    assert len(started) == 2 and started[1].returncode is not None  # collected by a check


def test_an_unwritable_cache_folder_is_a_note_not_a_failure(git_repo: Any, tmp_path: Path) -> None:
    git_repo.commit("all", FILES)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    expected = json.loads(_json(git_repo.root, tmp_path / "cold", "--no-cache"))
    out = _cli(git_repo.root, "--format", "json", cache=blocked / "cache")
    assert out.returncode in (0, 1) and "Traceback" not in out.stderr, out.stderr
    got = json.loads(out.stdout)
    assert got["findings"] == expected["findings"]
    assert any(n.startswith("result cache not written") for n in got["notes"]), got["notes"]


def test_a_listing_started_early_is_taken_over_by_the_tree_rooted_in_that_folder(
    git_repo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line starts git's listing before it imports the checks; the Tree of
    the same folder (named `.` there, by its full path here) runs no listing of its own."""
    from rollback_gate import repo as gitrepo
    from rollback_gate import tree as treemod

    git_repo.commit("one", {"a.sql": "SELECT 1;\n", "sub/b.sql": "SELECT 2;\n"})
    monkeypatch.chdir(git_repo.root)
    gitrepo.start_early(Path("."), *gitrepo.LIST_FILES)
    early = gitrepo._EARLY[(str(git_repo.root.resolve()), gitrepo.LIST_FILES)]
    monkeypatch.setattr(treemod, "git_started", lambda *a: pytest.fail("listed twice"))
    tree = treemod.Tree(git_repo.root)
    tree.start_listing()
    assert tree._listing is early and not gitrepo._EARLY
    assert tree.files == ("a.sql", "sub/b.sql")


@pytest.mark.parametrize("other", ["subfolder", "ids"])
def test_a_listing_started_early_for_another_tree_is_ended_not_used(
    git_repo: Any, other: str
) -> None:
    """A Tree rooted elsewhere (the config sent the run up to the repository's root), or
    one that lists blob ids too (a warm run), lists for itself; the early one is killed."""
    from rollback_gate import repo as gitrepo
    from rollback_gate.tree import Tree

    git_repo.commit("one", {"a.sql": "SELECT 1;\n", "sub/b.sql": "SELECT 2;\n"})
    gitrepo.start_early(git_repo.root / "sub" if other == "subfolder" else git_repo.root,
                        *gitrepo.LIST_FILES)  # fmt: skip
    (early,) = gitrepo._EARLY.values()
    tree = Tree(git_repo.root, ids=other == "ids")
    tree.start_listing()
    assert tree._listing is not early
    assert tree.files == ("a.sql", "sub/b.sql")
    gitrepo.end_early()
    assert early.returncode is not None and not gitrepo._EARLY  # reaped


@pytest.mark.parametrize("how", ["passes", "bad config", "subfolder"])
def test_check_starts_one_listing_and_leaves_no_git_behind(
    git_repo: Any, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    from click.testing import CliRunner

    from rollback_gate import repo as gitrepo
    from rollback_gate import tree as treemod
    from rollback_gate.cli import main

    git_repo.commit("all", {**FILES, "sub/readme.md": "x\n"})
    started = _spied_listings(monkeypatch, gitrepo, treemod)
    if how == "bad config":
        (git_repo.root / "deploy-readiness.yml").write_text("version: [1\n")
    folder = git_repo.root / "sub" if how == "subfolder" else git_repo.root
    result = CliRunner().invoke(main, ["check", "--repo", str(folder), "--no-cache"])
    assert result.exit_code == (2 if how == "bad config" else 1), result.output
    # the subfolder's early listing is not the root's: the run lists the root itself
    assert len(started) == (2 if how == "subfolder" else 1)
    assert all(proc.returncode is not None for proc in started)
    assert not gitrepo._EARLY
