"""Fuzz the config loader and every framework's parser with hypothesis, at scale.

    python benchmarks/fuzz.py [--cases 10000] [--seed N]

The same properties as ``tests/security/test_fuzz.py`` (no traceback, exit code in
{0, 1, 2, 3, 4}, bounded time per case, never exit 0 for a config the JSON Schema
rejects), with ``--cases`` examples for the config loader and ``--cases`` split over the
frameworks. Prints the cases run, the exit codes seen and the wall time; exits 1 on the
first falsified property (hypothesis prints the minimal failing input).
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "security")]

from fuzzing import (  # noqa: E402
    check_config,
    check_framework,
    config_texts,
    framework_texts,
    frameworks,
)
from hypothesis import HealthCheck, given, seed, settings  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cases", type=int, default=10_000, help="config cases (and as many parser cases)"
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    opts = settings(
        max_examples=args.cases,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    codes: collections.Counter[int] = collections.Counter()
    runs = collections.Counter[str]()

    @seed(args.seed)
    @opts
    @given(config_texts())
    def config(text: str) -> None:
        runs["config"] += 1
        codes[check_config(text)] += 1

    t0 = time.perf_counter()
    config()
    t_config = time.perf_counter() - t0
    print(f"config loader: {runs['config']} cases in {t_config:.1f} s; exit codes {dict(codes)}")

    per = max(1, args.cases // len(frameworks()))
    t1 = time.perf_counter()
    for name in frameworks():
        _parsers(name, per, args.seed, opts, runs)
    t_parsers = time.perf_counter() - t1
    parsed = sum(v for k, v in runs.items() if k != "config")
    print(f"framework parsers: {parsed} cases, {len(frameworks())} frameworks, {t_parsers:.1f} s")
    print(f"total: {runs.total()} cases in {t_config + t_parsers:.1f} s, no property falsified")
    return 0


def _parsers(
    name: str, cases: int, at: int, opts: settings, runs: collections.Counter[str]
) -> None:
    @seed(at)
    @settings(opts, max_examples=cases)
    @given(framework_texts())
    def parse(text: str) -> None:
        runs[name] += 1
        check_framework(name, text)

    parse()


if __name__ == "__main__":
    raise SystemExit(main())
