"""The analysis pool's chunking: balanced across frameworks, files kept together, in order."""

from __future__ import annotations

from rollback_gate.migrations.base import Migration
from rollback_gate.results.pool import balanced


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
