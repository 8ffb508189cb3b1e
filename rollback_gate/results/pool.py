"""Running the per-migration analyses: cached outcomes first, the rest serially or in a pool.

The engine (``checks/migrations.py``) hands over its (framework, migration) jobs and the
function that analyses one. Outcomes come back in job order whatever ran where, so a
cached, a serial and a pooled run give the same findings in the same order.

The pool is for large work only (a fork and its imports cost more than 400 small
analyses). The analyser modules are imported before forking, so workers inherit them
instead of importing them again, and the jobs are dealt in turn to one chunk per worker
(every framework split evenly, where contiguous runs gave one worker all the costly
ones), keeping the migrations of one file together and each chunk in the original order,
so per-Source caches (Django's history, a Liquibase changelog) still serve neighbours.
"""

from __future__ import annotations

import gc
import os
import tempfile
from collections.abc import Callable, Sequence

from rollback_gate.migrations.base import Migration, Source
from rollback_gate.models import Finding
from rollback_gate.results.cache import (
    REPORTS_USE,
    SHARED_STATE,
    Dep,
    Item,
    Outcome,
    Recorder,
    ResultCache,
    deps_of,
    log_id,
)
from rollback_gate.tree import Tree

EXACT_LIMIT = 40
"""A migration that read more files than this (a long history walked) depends on the
process's read log up to it instead: exact lists would grow with the square of the
history (49 MB of cache and 300 MB of memory at 40,000 files)."""
PARALLEL_THRESHOLD = 400
"""Below this many migrations a process pool costs more than it saves."""
MAX_WORKERS = 4
SPILL_THRESHOLD = 20_000
"""From this many migrations on, the parent writes its own chunk's outcomes to a file
as the workers do, and reads them back after the pool (memory, at a small cost of time)."""

AnalyseOne = Callable[[str, Migration, Source], tuple[list[Finding], list[Item]]]
Job = tuple[str, Migration]


def run(
    jobs: Sequence[Job], tree: Tree, analyse_one: AnalyseOne, results: ResultCache | None
) -> tuple[list[Finding], list[Item]]:
    """Findings and inline waivers (or notes) of every job, in job order."""
    cached: list[Outcome | None] = (
        results.lookup(jobs, tree) if results is not None else [None] * len(jobs)
    )
    todo = [i for i, c in enumerate(cached) if c is None]
    fresh, logs = _analyse([jobs[i] for i in todo], tree, analyse_one, results is not None)
    for i, outcome in zip(todo, fresh, strict=True):
        cached[i] = outcome
    outcomes = [o for o in cached if o is not None]
    findings: list[Finding] = []
    waivers: list[Item] = []
    for o in outcomes:
        findings.extend(o.findings)
        waivers.extend(o.waivers)
    if results is not None:
        results.store(jobs, outcomes, logs)
        waivers.extend(results.notes)
    return findings, waivers


def _analyse(
    jobs: list[Job], tree: Tree, analyse_one: AnalyseOne, record: bool
) -> tuple[list[Outcome], dict[str, list[Dep]]]:
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if len(jobs) < PARALLEL_THRESHOLD or workers < 2:
        return _settle(*analyse_chunk(jobs, tree, analyse_one, record))
    import multiprocessing
    import pickle  # noqa: F401  (imported before the fork: workers write with it)
    from concurrent.futures import ProcessPoolExecutor

    from rollback_gate.migrations import load

    for name in {name for name, _ in jobs}:
        load(name)  # imported once here, inherited by every forked worker
    chunks = balanced(jobs, workers)
    if len(chunks) < 2:  # one file holds every job (a changelog of 500 changeSets)
        return _settle(*analyse_chunk(jobs, tree, analyse_one, record))
    outcomes: list[Outcome | None] = [None] * len(jobs)
    logs: dict[str, list[Dep]] = {}
    context = multiprocessing.get_context("fork")
    # The collector of a forked worker would walk (and so write to, copying page by page)
    # every object it inherited: frozen, they stay shared with the parent.
    gc.freeze()
    # The workers inherit the jobs and the tree by the fork: only a chunk's job numbers
    # go down the pipe (pickling the tree and the jobs gave every worker its own copy).
    _INHERITED[:] = [(jobs, tree, analyse_one, record)]
    try:
        with tempfile.TemporaryDirectory(prefix="rollback-gate-pool-") as folder:
            with ProcessPoolExecutor(len(chunks) - 1, mp_context=context) as pool:
                # Submitting forks the workers; then this process takes the first chunk
                # itself (one process fewer, whose memory was the peak's largest part).
                # Large work writes this process's outcomes away too: the pool's end, when
                # every process has grown most, was the run's peak (smaller work keeps
                # them: writing and reading them back cost 7 % at 10,000 files).
                futures = [pool.submit(_inherited_chunk, c, folder) for c in chunks[1:]]
                mine: _Part | str = (
                    _inherited_chunk(chunks[0], folder)
                    if len(jobs) >= SPILL_THRESHOLD
                    else _settle(
                        *analyse_chunk([jobs[i] for i in chunks[0]], tree, analyse_one, record)
                    )
                )
                files = [f.result() for f in futures]
            # The workers have exited, their memory freed, before their outcomes are loaded
            # here (received through the pipe, both copies were alive at once: the peak).
            loaded = (_load(path, len(c)) for path, c in zip(files, chunks[1:], strict=True))
            first = _load(mine, len(chunks[0])) if isinstance(mine, str) else mine
            parts = [first, *loaded]
            for chunk, (done, chunk_logs) in zip(chunks, parts, strict=True):
                for i, outcome in zip(chunk, done, strict=True):
                    outcomes[i] = outcome
                logs.update(chunk_logs)
    finally:
        _INHERITED.clear()
        gc.unfreeze()
    return [o for o in outcomes if o is not None], logs


_INHERITED: list[tuple[list[Job], Tree, AnalyseOne, bool]] = []
"""What forked workers find in memory: set just before the pool starts them."""


_Part = tuple[list[Outcome], dict[str, list[Dep]]]


def _inherited_chunk(chunk: list[int], folder: str) -> str:
    """Analyse a chunk in a worker; its outcomes go to a file in ``folder`` (private to this
    run), whose path is returned.

    Each outcome is written as soon as it is done, not held until the chunk ends: at the
    pool's end, the worker's outcomes would be alive next to the parent's (the run's peak).
    """
    import pickle  # (imported by _analyse before the fork: a run without a pool never is)

    jobs, tree, analyse_one, record = _INHERITED[0]
    fd, path = tempfile.mkstemp(suffix=".pickle", dir=folder)
    with os.fdopen(fd, "wb") as out:
        pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
        # No memo of every object written: outcomes hold no cycles, and a string shared by
        # two findings is only written twice.
        pickler.fast = True
        _, logs, ids = analyse_chunk(
            [jobs[i] for i in chunk], tree, analyse_one, record, keep=pickler.dump
        )
        pickler.dump((logs, ids))
    return path


def _load(path: str, count: int) -> _Part:
    """A worker's ``count`` outcomes, written by :func:`_inherited_chunk` in this run's own
    folder."""
    import pickle

    with open(path, "rb") as data:
        unpickler = pickle.Unpickler(data)
        outcomes: list[Outcome] = [unpickler.load() for _ in range(count)]
        logs, ids = unpickler.load()
    return _settled(outcomes, ids), logs


def balanced(jobs: Sequence[Job], parts: int) -> list[list[int]]:
    """Job indexes dealt into ``parts`` chunks, each in job order.

    Units (the migrations of one file: a changelog's changeSets) are dealt in turn, so
    every framework, cheap or costly, is split evenly between the chunks; no file is
    looked at to weigh it (a stat per file cost more than the imbalance it saved).
    """
    units: dict[str, list[int]] = {}
    for i, (_, m) in enumerate(jobs):
        units.setdefault(m.path, []).append(i)
    chunks: list[list[int]] = [[] for _ in range(parts)]
    for n, members in enumerate(units.values()):
        chunks[n % parts].extend(members)
    return [sorted(c) for c in chunks if c]


def analyse_chunk(
    jobs: list[Job],
    tree: Tree,
    analyse_one: AnalyseOne,
    record: bool,
    keep: Callable[[Outcome], object] | None = None,
) -> tuple[list[Outcome], dict[str, list[Dep]], dict[str, str]]:
    """Analyse ``jobs`` in order in this process, noting each one's dependencies.

    Returns the outcomes (none when each went to ``keep`` as it was done), the read logs
    by id, and each shared log's id by framework: an outcome that depends on a prefix of
    its framework's log holds the framework's name until :func:`_settled` puts the id in
    (the id is of the whole log, known only at the end).
    """
    outcomes: list[Outcome] = []
    done = outcomes.append if keep is None else keep
    if not record:
        for name, m in jobs:
            done(Outcome(*analyse_one(name, m, tree)))
        return outcomes, {}, {}
    shared: dict[str, Recorder] = {}
    seen: dict[str, dict[str, bool]] = {}  # REPORTS_USE: every read so far, in order
    for name, m in jobs:
        if name in SHARED_STATE or name in REPORTS_USE:
            source = shared.setdefault(name, Recorder(tree))
        else:
            source = Recorder(tree)
        if name in REPORTS_USE:
            source.touched = {}  # this job's reads and cache uses only: exact dependencies
        for path in m.files:
            source.touched[path] = True  # a migration always depends on its own files
        findings, waivers = analyse_one(name, m, source)
        outcome = Outcome(findings, waivers)
        if name in REPORTS_USE:
            so_far = seen.setdefault(name, {})
            for path, read in source.touched.items():
                so_far[path] = so_far.get(path, False) or read
            if len(source.touched) > EXACT_LIMIT:  # deep history: the log's prefix instead
                outcome.log = (name, len(so_far))
            else:
                outcome.deps = source.deps()
        elif name in SHARED_STATE:
            outcome.log = (name, len(source.touched))
        else:
            outcome.deps = source.deps()
        done(outcome)
    logs = {}
    ids = {}
    for name, recorder in shared.items():
        log = deps_of(tree, seen[name]) if name in seen else recorder.deps()
        ids[name] = log_id(log)
        logs[ids[name]] = log
    return outcomes, logs, ids


def _settled(outcomes: list[Outcome], ids: dict[str, str]) -> list[Outcome]:
    """``outcomes`` with each framework's name in a log prefix replaced by its log's id."""
    for outcome in outcomes:
        if outcome.log is not None:
            outcome.log = (ids[outcome.log[0]], outcome.log[1])
    return outcomes


def _settle(
    outcomes: list[Outcome], logs: dict[str, list[Dep]], ids: dict[str, str]
) -> tuple[list[Outcome], dict[str, list[Dep]]]:
    """What :func:`analyse_chunk` returned, settled: the outcomes and the logs by id."""
    return _settled(outcomes, ids), logs
