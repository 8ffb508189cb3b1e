"""Issue 13's speed goals, each a ratio measured in the same run, printed as one table.

    python benchmarks/goals.py [--files 10000] [--big 40000] [--sql 300] [--repeat 5]
        [--only example,squawk,cold,warm,changed,memory] [--keep DIR]

Every gate figure is the real CLI (``python -m rollback_gate check``) timed from process
start to exit, median of ``--repeat`` runs, against a baseline measured in the same run:

- example:  ``check`` on examples/checkout-service vs. ``python -c pass``      (<= 8x)
- squawk:   300 PostgreSQL migrations, ``scope: all``, vs. squawk on the same files (<= 1x)
- cold:     10,000 mixed files, empty cache, vs. the read floor (<= 6x) and vs. reading
            and parsing every file with the parser its analyser uses (<= 1.5x)
- warm:     the same repository after a cached run, with 10 files changed, vs. the read
            floor (<= 2x); its JSON verdict must be byte-identical to a cold run's
- changed:  ``scope: changed``, 10 changed of 10,000, empty cache, vs. the read floor (<= 2.5x)
- memory:   peak PSS of the whole process tree at ``--big`` files (<= 150 MB), measured
            in separate runs from the timings (a 5 ms /proc sampler slows what it measures)

``--clock cpu`` replaces every time (gate, peers and floors alike) by CPU seconds (user +
system, the gate's worker pool included): on a machine other jobs load, wall-time ratios
swing by 2x between runs, CPU ratios much less. The goals themselves are wall time.

"Cold" runs point ``ROLLBACK_GATE_CACHE_DIR`` at a fresh empty folder, so the script
measures the same thing before and after the cache existed. With ``--keep DIR`` the
corpora are built once and reused by later runs (before/after comparisons).
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.sax
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
import corpus  # noqa: E402
import migrations_bench  # noqa: E402

Result = tuple[str, float, float, str]  # goal, measured ratio, target, detail


def _env(cache: Path | None) -> dict[str, str]:
    env = migrations_bench._env()
    # As installed (pip compiles bytecode): without .pyc files every run compiles ~100
    # modules, which is no cost a user pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    if cache is not None:
        env["ROLLBACK_GATE_CACHE_DIR"] = str(cache)
    return env


CLOCK = ["wall"]  # or "cpu" (--clock): user+system seconds, steadier on a busy machine


def _now() -> float:
    return time.perf_counter() if CLOCK[0] == "wall" else time.process_time()


def wall(cmd: Sequence[str], cwd: Path, env: dict[str, str]) -> float:
    """Seconds from process start to exit (no sampler: timing only); with ``--clock cpu``
    the CPU seconds of the process and every child it waited for (its worker pool)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped here; Popen must not wait again
    if CLOCK[0] == "cpu":
        return usage.ru_utime + usage.ru_stime
    return time.perf_counter() - start


def read_floor(repo: Path, paths: Sequence[str], times: int) -> float:
    """Median seconds to read and decode ``paths`` in this (warm) process."""
    full = [str(repo / p) for p in paths]

    def once() -> float:
        start = _now()
        for p in full:
            with open(p, "rb") as fh:
                fh.read().decode("utf-8", "replace")
        return _now() - start

    once()  # warm the page cache and the interpreter
    return statistics.median(once() for _ in range(max(3, times)))


def median(times: int, once: Callable[[], float]) -> float:
    return statistics.median(once() for _ in range(times))


def gate_cmd(repo: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "rollback_gate", "check", "--repo", str(repo), *extra]


def cold(repo: Path, work: Path, times: int, *extra: str) -> float:
    """Median wall of the gate with a fresh, empty cache folder each run."""

    def once() -> float:
        cache = Path(tempfile.mkdtemp(prefix="cache-", dir=work))
        try:
            return wall(gate_cmd(repo, *extra), repo, _env(cache))
        finally:
            shutil.rmtree(cache, ignore_errors=True)

    return median(times, once)


def startup(times: int, cwd: Path) -> float:
    wall([sys.executable, "-c", "pass"], cwd, _env(None))
    return median(times, lambda: wall([sys.executable, "-c", "pass"], cwd, _env(None)))


def read_parse_floor(repo: Path, paths: Sequence[str], times: int) -> float:
    """Median seconds to read every file and parse it with its analyser's parser.

    Python: ``ast.parse``; Ruby, JavaScript/TypeScript, PHP: tree-sitter; XML: SAX; SQL:
    the gate's own statement splitter. Measured warm, in this process, like the read floor.
    """
    from rollback_gate.migrations import treesitter
    from rollback_gate.migrations.sqlengine.sql import split_statements

    grammar = {".rb": "ruby", ".js": "javascript", ".ts": "typescript", ".php": "php"}
    full = [(str(repo / p), os.path.splitext(p)[1]) for p in paths]

    def once() -> float:
        start = _now()
        for p, ext in full:
            with open(p, "rb") as fh:
                text = fh.read().decode("utf-8", "replace")
            if ext == ".py":
                ast.parse(text)
            elif ext in grammar:
                treesitter.parse(grammar[ext], text)
            elif ext == ".xml":
                xml.sax.parseString(text.encode(), xml.sax.handler.ContentHandler())
            elif ext == ".sql":
                split_statements(text)
        return _now() - start

    once()
    return statistics.median(once() for _ in range(max(3, times)))


def goal_example(work: Path, args: argparse.Namespace) -> list[Result]:
    repo = args.example
    base = startup(args.repeat, repo)
    gate = cold(repo, work, args.repeat)
    warm_cache = work / "example-cache"
    env = _env(warm_cache)
    wall(gate_cmd(repo), repo, env)
    warm = median(args.repeat, lambda: wall(gate_cmd(repo), repo, env))
    return [
        (
            "example cold / python -c pass",
            gate / base,
            8,
            f"gate {gate * 1000:.0f} ms, python {base * 1000:.0f} ms",
        ),
        ("example warm / python -c pass", warm / base, 8, f"gate {warm * 1000:.0f} ms"),
    ]


def goal_squawk(work: Path, args: argparse.Namespace) -> list[Result]:
    repo = work / "sql"
    files, entries = corpus.sql_files(args.sql)
    if not repo.exists():
        corpus.write_repo(repo, files, entries)
    gate = cold(repo, work, args.repeat)
    squawk = shutil.which("squawk")
    if squawk is None:
        print("squawk: not installed (pip install squawk-cli); the squawk goal is skipped")
        return []
    paths = sorted(files)
    peer = median(args.repeat, lambda: wall([squawk, *paths], repo, _env(None)))
    return [
        (
            f"{len(files)} SQL files / squawk",
            gate / peer,
            1,
            f"gate {gate * 1000:.0f} ms, squawk {peer * 1000:.0f} ms",
        )
    ]


def _mixed(work: Path, args: argparse.Namespace) -> tuple[Path, list[str]]:
    repo = work / "mixed"
    files, entries = corpus.mixed(args.files)
    if not repo.exists():
        corpus.write_repo(repo, files, entries)
    return repo, list(files)


def goal_cold(work: Path, args: argparse.Namespace) -> list[Result]:
    repo, paths = _mixed(work, args)
    floor = read_floor(repo, paths, args.repeat)
    parse = read_parse_floor(repo, paths, args.repeat)
    gate = cold(repo, work, args.repeat)
    detail = f"gate {gate:.2f} s, read {floor:.3f} s, read+parse {parse:.3f} s"
    return [
        (f"{len(paths):,} files cold / read floor", gate / floor, 6, detail),
        (f"{len(paths):,} files cold / read+parse", gate / parse, 1.5, ""),
    ]


def goal_warm(work: Path, args: argparse.Namespace) -> list[Result]:
    repo, paths = _mixed(work, args)
    floor = read_floor(repo, paths, args.repeat)
    primed = work / "primed-cache"
    shutil.rmtree(primed, ignore_errors=True)
    wall(gate_cmd(repo), repo, _env(primed))
    step = len(paths) // args.changed
    changed = [p for p in paths[::step] if not p.endswith(".xml")][: args.changed]
    originals = {p: (repo / p).read_bytes() for p in changed}
    try:
        for p, data in originals.items():
            (repo / p).write_bytes(data + b"\n")
        times = []
        for _ in range(args.repeat):
            cache = work / "warm-cache"
            shutil.rmtree(cache, ignore_errors=True)
            shutil.copytree(primed, cache) if primed.exists() else cache.mkdir()
            times.append(wall(gate_cmd(repo), repo, _env(cache)))
        gate = statistics.median(times)
        fresh = work / "fresh-cache"
        shutil.rmtree(fresh, ignore_errors=True)
        outputs = [
            subprocess.run(
                gate_cmd(repo, "--format", "json"), cwd=repo, env=_env(c), capture_output=True
            ).stdout
            for c in (cache, fresh)
        ]
        same = outputs[0] == outputs[1] and len(outputs[0]) > 0
    finally:
        for p, data in originals.items():
            (repo / p).write_bytes(data)
    return [
        (
            f"{len(changed)} of {len(paths):,} changed, warm / read floor",
            gate / floor,
            2,
            f"gate {gate:.2f} s; JSON verdict identical to a cold run: {'yes' if same else 'NO'}",
        )
    ]


def goal_changed(work: Path, args: argparse.Namespace) -> list[Result]:
    repo = work / "history"
    files, entries = corpus.mixed(args.files)
    if not repo.exists():
        corpus.write_history(repo, files, entries, args.commits, args.changed)
    floor = read_floor(repo, list(files), args.repeat)
    gate = cold(repo, work, args.repeat, "--base", "HEAD~1")
    return [
        (
            f"scope: changed, {args.changed} of {len(files):,}, cold / read floor",
            gate / floor,
            2.5,
            f"gate {gate:.2f} s, read {floor:.3f} s",
        )
    ]


def goal_memory(work: Path, args: argparse.Namespace) -> list[Result]:
    repo = work / "big"
    files, entries = corpus.mixed(args.big)
    if not repo.exists():
        corpus.write_repo(repo, files, entries)
    # A cold run that writes its cache (the pack is part of the peak). The folder goes
    # through the run's own environment: migrations_bench drops ROLLBACK_GATE_* from this
    # process's, which made every repeat a warm run from ~/.cache before.
    cache = Path(tempfile.mkdtemp(prefix="cache-", dir=work))
    r = migrations_bench.run(gate_cmd(repo), repo, env=_env(cache))
    if not any(cache.iterdir()):
        raise SystemExit(f"the memory run wrote no result cache in {cache}: not a cold run")
    return [
        (
            f"{len(files):,} files: peak process-tree PSS, MB / 150",
            r.tree_pss_mb / 150,
            1,
            f"{r.tree_pss_mb:.0f} MB PSS ({r.tree_rss_mb:.0f} MB RSS, "
            f"largest process {r.largest_mb:.0f} MB), separate untimed run",
        )
    ]


GOALS: dict[str, Callable[[Path, argparse.Namespace], list[Result]]] = {
    "example": goal_example,
    "squawk": goal_squawk,
    "cold": goal_cold,
    "warm": goal_warm,
    "changed": goal_changed,
    "memory": goal_memory,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--big", type=int, default=40_000)
    parser.add_argument("--sql", type=int, default=300)
    parser.add_argument("--commits", type=int, default=500)
    parser.add_argument("--changed", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default=",".join(GOALS))
    parser.add_argument("--keep", type=Path, help="build the corpora here and keep them")
    parser.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="wall time (the goals), or CPU seconds (steadier when other jobs load the machine)",
    )
    parser.add_argument(
        "--example",
        type=Path,
        default=ROOT / "examples" / "checkout-service",
        help="the bundled example (inside its git repository) to time",
    )
    args = parser.parse_args()
    CLOCK[0] = args.clock
    with open("/proc/loadavg") as fh:
        load = " ".join(fh.read().split()[:3])
    print(
        f"cpus {os.cpu_count()}, load average {load}, python {sys.version.split()[0]}, "
        f"clock {args.clock}"
    )
    work = args.keep or Path(tempfile.mkdtemp(prefix="rg-goals-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[Result] = []
    try:
        for key in args.only.split(","):
            found = GOALS[key.strip()](work, args)
            rows += found
            for name, ratio, target, detail in found:
                print(f"  {name}: {ratio:.2f}x (<= {target}x) {detail}", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    with open("/proc/loadavg") as fh:
        end = " ".join(fh.read().split()[:3])
    print("\n| goal | ratio | target | met |\n|---|---|---|---|")
    for name, ratio, target, _ in rows:
        print(f"| {name} | {ratio:.2f}x | <= {target}x | {'yes' if ratio <= target else 'no'} |")
    print(f"\nload average at the start {load}, at the end {end}")


if __name__ == "__main__":
    main()
