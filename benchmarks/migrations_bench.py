"""Benchmark the migrations check against its floors and its peers, in one run.

    python benchmarks/migrations_bench.py [--files 10000] [--django 2000] [--sql 10000]
        [--commits 2000] [--changed 10] [--repeat 3] [--only 1,2,3,4]
        [--linter-timeout 900] [--keep DIR]

Every figure is the real CLI (``python -m rollback_gate check``) timed from process start
to exit with ``subprocess``, against a baseline measured in the same run on the same
files (issue 3, "Speed and memory"):

1. mixed corpus (``--files``, every framework, ``scope: all``) vs. reading the same files
   in a warm Python process; targets <= 4x and < 2 s wall, peak memory < 150 MB;
2. ``--django`` Django migrations vs. django-migration-linter (``lintmigrations``);
   target >= 100x faster;
3. ``--sql`` golang-migrate SQL files vs. squawk (``squawk-cli``); target no slower;
4. ``scope: changed`` with ``--changed`` changed migrations in a ``--files``-migration,
   ``--commits``-commit history (built with git fast-import); target < 0.5 s.

Wall times are medians of ``--repeat`` runs. Memory: the largest single process (from
``wait4``, which includes the gate's worker processes), and the whole process tree sampled
from /proc every 5 ms (RSS counts pages shared by forked workers once per process; PSS
splits them, so the PSS sum is the honest total).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass(frozen=True)
class Run:
    """One process run: wall seconds, exit code and peak memory in MiB."""

    wall: float
    code: int
    largest_mb: float
    tree_rss_mb: float
    tree_pss_mb: float


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                found += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return found


def _tree_memory(root: int) -> tuple[int, int]:
    """(RSS, PSS) in KiB summed over ``root`` and its descendants."""
    rss = pss = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo += _children(pid)
        try:
            with open(f"/proc/{pid}/statm") as fh:
                rss += int(fh.read().split()[1]) * PAGE_KB
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                        break
        except (OSError, ValueError, IndexError):
            continue
    return rss, pss


def run(
    cmd: Sequence[str],
    cwd: Path,
    timeout: float | None = None,
    env: dict[str, str] | None = None,
) -> Run:
    """Run ``cmd`` to exit, timing it and sampling its process tree's memory (in ``env``,
    else this process's environment without CI and gate variables)."""
    peak = [0, 0]
    done = threading.Event()
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env or _env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )

    def sample() -> None:
        while not done.is_set():
            rss, pss = _tree_memory(proc.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            done.wait(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    deadline = None if timeout is None else start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if deadline is not None and time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            status = -1
            break
        time.sleep(0.002)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status) if status != -1 else -1
    return Run(wall, proc.returncode, usage.ru_maxrss / 1024, peak[0] / 1024, peak[1] / 1024)


def _env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GITHUB_", "GITLAB_", "CI_", "GIT_", "ROLLBACK_GATE_"))
    }
    env.pop("CI", None)
    return env


def repeat(times: int, once: Callable[[], Run]) -> Run:
    """Median wall time and maximum memory over ``times`` runs."""
    runs = [once() for _ in range(times)]
    return Run(
        statistics.median(r.wall for r in runs),
        runs[-1].code,
        max(r.largest_mb for r in runs),
        max(r.tree_rss_mb for r in runs),
        max(r.tree_pss_mb for r in runs),
    )


def gate(repo: Path, times: int, *extra: str) -> Run:
    """The whole ``rollback-gate check`` command, start to exit."""
    cmd = [sys.executable, "-m", "rollback_gate", "check", "--repo", str(repo), *extra]
    return repeat(times, lambda: run(cmd, repo))


def read_floor(repo: Path, paths: Sequence[str], times: int) -> float:
    """Median seconds to read and decode ``paths`` in this (warm) process."""
    full = [str(repo / p) for p in paths]

    def once() -> float:
        start = time.perf_counter()
        for p in full:
            with open(p, "rb") as fh:
                fh.read().decode("utf-8", "replace")
        return time.perf_counter() - start

    once()  # warm the page cache and the interpreter
    return statistics.median(once() for _ in range(max(3, times)))


def verdict(ok: bool) -> str:
    """A one-word target verdict."""
    return "ok" if ok else "MISSED"


def memory_line(r: Run) -> str:
    """Peak memory of a run, checked against the 150 MB target."""
    return (
        f"    peak memory: largest process {r.largest_mb:.0f} MB; process tree "
        f"{r.tree_rss_mb:.0f} MB RSS / {r.tree_pss_mb:.0f} MB PSS"
        f"  (target < 150 MB: {verdict(r.tree_pss_mb < 150)})"
    )


def bench_mixed(work: Path, args: argparse.Namespace) -> None:
    """Line 1: the mixed corpus, scope: all, vs. reading the files."""
    repo = work / "mixed"
    files, entries = corpus.mixed(args.files)
    corpus.write_repo(repo, files, entries)
    floor = read_floor(repo, list(files), args.repeat)
    startup = repeat(args.repeat, lambda: run([sys.executable, "-c", "pass"], repo))
    r = gate(repo, args.repeat)
    ratio = r.wall / floor
    print(
        f"[1] {len(files):,} files, {len(entries)} frameworks, scope: all (exit {r.code})\n"
        f"    gate {r.wall:.2f} s | read floor {floor:.3f} s"
        f" | python startup {startup.wall:.3f} s\n"
        f"    ratio {ratio:.1f}x the read floor (target <= 4x: {verdict(ratio <= 4)}); "
        f"wall < 2 s: {verdict(r.wall < 2)}\n{memory_line(r)}"
    )


def bench_django(work: Path, args: argparse.Namespace) -> None:
    """Line 2: Django migrations vs. django-migration-linter."""
    repo = work / "django"
    files, entries = corpus.django_project(args.django)
    corpus.write_repo(repo, files, entries)
    r = gate(repo, args.repeat)
    print(f"[2] {args.django:,} Django migrations (exit {r.code})\n    gate {r.wall:.2f} s")
    if importlib.util.find_spec("django_migration_linter") is None:
        print(
            "    django-migration-linter: not installed "
            "(pip install django-migration-linter); no ratio"
        )
        return
    cmd = [sys.executable, "manage.py", "lintmigrations", "--no-cache", "--quiet", "ok"]
    peer = run(cmd, repo, timeout=args.linter_timeout)
    if peer.code == -1:
        print(
            f"    django-migration-linter: stopped after {args.linter_timeout:.0f} s "
            f"(timeout); ratio > {peer.wall / r.wall:.0f}x (target >= 100x: "
            f"{verdict(peer.wall / r.wall >= 100)})"
        )
        return
    if peer.code not in (0, 1):
        why = subprocess.run(cmd, cwd=repo, env=_env(), capture_output=True, text=True)
        print(f"    django-migration-linter failed (exit {peer.code}): {why.stderr[-400:]}")
        return
    ratio = peer.wall / r.wall
    print(
        f"    django-migration-linter {peer.wall:.1f} s (exit {peer.code})\n"
        f"    ratio: gate is {ratio:.0f}x faster (target >= 100x: {verdict(ratio >= 100)})"
    )


def bench_sql(work: Path, args: argparse.Namespace) -> None:
    """Line 3: plain SQL files vs. squawk."""
    repo = work / "sql"
    files, entries = corpus.sql_files(args.sql)
    corpus.write_repo(repo, files, entries)
    r = gate(repo, args.repeat)
    print(f"[3] {len(files):,} SQL files, golang-migrate (exit {r.code})")
    print(f"    gate {r.wall:.2f} s")
    squawk = shutil.which("squawk")
    if squawk is None:
        print("    squawk: not installed (pip install squawk-cli); no ratio")
        return
    peer = repeat(args.repeat, lambda: run([squawk, "db/migrations/*.sql"], repo))
    ratio = r.wall / peer.wall
    print(
        f"    squawk {peer.wall:.2f} s (exit {peer.code})\n"
        f"    ratio: gate takes {ratio:.2f}x squawk's time (target <= 1x: {verdict(ratio <= 1)})"
    )


def bench_changed(work: Path, args: argparse.Namespace) -> None:
    """Line 4: scope: changed in a long history."""
    repo = work / "history"
    files, entries = corpus.mixed(args.files)
    corpus.write_history(repo, files, entries, args.commits, args.changed)
    changed = corpus.git(repo, "diff", "--name-only", "HEAD~1", "HEAD").split()
    commits = corpus.git(repo, "rev-list", "--count", "HEAD").strip()
    startup = repeat(args.repeat, lambda: run([sys.executable, "-c", "pass"], repo))
    r = gate(repo, args.repeat, "--base", "HEAD~1")
    print(
        f"[4] scope: changed, {len(changed)} changed of {len(files):,} migration files, "
        f"{commits} commits (exit {r.code})\n"
        f"    gate {r.wall:.2f} s | python startup {startup.wall:.3f} s "
        f"({r.wall / startup.wall:.0f}x)\n"
        f"    target < 0.5 s: {verdict(r.wall < 0.5)}\n{memory_line(r)}"
    )


def main() -> None:
    """Build the corpora, run every line, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--django", type=int, default=2_000)
    parser.add_argument("--sql", type=int, default=10_000)
    parser.add_argument("--commits", type=int, default=2_000)
    parser.add_argument("--changed", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="1,2,3,4", help="comma-separated line numbers")
    parser.add_argument("--linter-timeout", type=float, default=900.0)
    parser.add_argument("--keep", type=Path, help="build the corpora here and keep them")
    args = parser.parse_args()
    lines = {"1": bench_mixed, "2": bench_django, "3": bench_sql, "4": bench_changed}
    with open("/proc/loadavg") as fh:
        load = fh.read().split()[:3]
    print(f"cpus {os.cpu_count()}, load average {' '.join(load)}, python {sys.version.split()[0]}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="rg-bench-"))
    try:
        for key in args.only.split(","):
            lines[key.strip()](work, args)
            sys.stdout.flush()
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    with open("/proc/loadavg") as fh:
        print(f"load average at the end {' '.join(fh.read().split()[:3])}")


if __name__ == "__main__":
    main()
