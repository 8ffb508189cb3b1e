"""The analysis pool's chunking: balanced across frameworks, files kept together, in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from rollback_gate.migrations.base import MemorySource, Migration
from rollback_gate.models import Finding
from rollback_gate.results import pool
from rollback_gate.results.pool import balanced
from rollback_gate.tree import Tree


def _job(framework: str, path: str, version: str) -> tuple[str, Migration]:
    return framework, Migration(framework, version, version, path, (path,))


def test_every_framework_is_split_evenly_and_a_file_stays_in_one_chunk() -> None:
    jobs = [_job("django", f"d/{i:04}.py", str(i)) for i in range(100)]
    jobs += [_job("golang-migrate", f"s/{i:04}.up.sql", str(i)) for i in range(100)]
    jobs += [_job("liquibase", "l/master.xml", f"cs{i}") for i in range(30)]
    chunks = balanced(jobs, 2)
    assert sorted(i for c in chunks for i in c) == list(range(len(jobs)))
    for chunk in chunks:
        assert chunk == sorted(chunk)
        frameworks = [jobs[i][0] for i in chunk]
        assert frameworks.count("django") == 50 and frameworks.count("golang-migrate") == 50
    assert sum(1 for c in chunks if any(jobs[i][0] == "liquibase" for i in c)) == 1


def _one(name: str, m: Migration, source: object) -> tuple[list[Finding], list[str]]:
    return [Finding("RG203", f"{m.path} {m.version}")], []


def test_work_in_one_file_runs_here_and_pooled_work_keeps_job_order() -> None:
    """A changelog of 500 changeSets is one unit: one chunk, no pool of zero workers. Work
    spread over files is pooled (the parent takes the first chunk) and comes back in job
    order."""
    single = [_job("liquibase", "l/master.xml", f"cs{i}") for i in range(pool.PARALLEL_THRESHOLD)]
    spread = [_job("golang-migrate", f"s/{i:04}.up.sql", str(i)) for i in range(500)]
    source = MemorySource({})
    for jobs in (single, spread):
        outcomes, _ = pool._analyse(jobs, source, _one, False)  # type: ignore[arg-type]
        assert [o.findings[0].message for o in outcomes] == [
            f"{m.path} {m.version}" for _, m in jobs
        ]


def _reads_history(name: str, m: Migration, source: object) -> tuple[list[Finding], list[str]]:
    """A Django-like analysis: reads every earlier migration of its folder (a deep walk)."""
    number = int(m.version)
    for earlier in range(max(0, number - 60), number + 1):
        source.read_text(f"app/migrations/{earlier:04}_m.py")  # type: ignore[attr-defined]
    return [Finding("RG222", m.version)] if number % 7 == 0 else [], []


@pytest.mark.parametrize("spill", [0, 10**9])
def test_pooled_outcomes_name_the_read_log_that_holds_what_they_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spill: int
) -> None:
    """A worker writes each outcome as it is done, before its framework's read log (and so
    the log's id) is known: every outcome comes back naming a log the run returns, whose
    prefix holds every file it read (the parent's own written away too, or kept)."""
    monkeypatch.setattr(pool, "SPILL_THRESHOLD", spill)
    folder = tmp_path / "app/migrations"
    folder.mkdir(parents=True)
    jobs = []
    for n in range(500):
        (folder / f"{n:04}_m.py").write_text(f"# {n}\n")
        jobs.append(_job("django", f"app/migrations/{n:04}_m.py", str(n)))
    tree = Tree(tmp_path, use_git=False)
    serial, _, _ = pool.analyse_chunk(jobs, tree, _reads_history, False)
    outcomes, logs = pool._analyse(jobs, tree, _reads_history, True)
    assert [o.findings for o in outcomes] == [o.findings for o in serial]
    assert len(logs) == 2  # one read log per chunk: the parent's and the worker's
    deep = 0
    for (_, m), outcome in zip(jobs, outcomes, strict=True):
        if outcome.log is None:  # a short walk: its exact dependencies
            read = {path for path, _ in outcome.deps}
        else:
            deep += 1
            log_id, length = outcome.log
            read = {path for path, _ in logs[log_id][:length]}
        number = int(m.version)
        assert {
            f"app/migrations/{n:04}_m.py" for n in range(max(0, number - 60), number + 1)
        } <= read
