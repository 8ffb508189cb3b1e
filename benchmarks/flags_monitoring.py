"""Benchmark: offline ``flags`` + ``monitoring`` items on a large generated repository.

Builds a git repository with 500 Prometheus rule files (10 alerts each), 20,000 source files,
a flagd file, dashboards and manifests, then times, in a fresh interpreter (imports
included), the gate's preparation (config, git, tree listing) and the two checks. One
declared flag is referenced nowhere, so RG304 has to read every source file (worst case).

    python benchmarks/flags_monitoring.py [--rules 500] [--sources 20000] [--keep DIR]

Target (issue 4): under 2 s for 500 rule files and 20,000 source files.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

RULE = """      - alert: Alert{i}
        expr: sum(rate(http_requests_total{{job="svc-{f}", code=~"5.."}}[5m])) > {i}
        for: 5m
        labels: {{severity: page}}
        annotations:
          summary: "{{{{ $labels.job }}}} is failing"
          runbook_url: https://runbooks.example.com/{f}/{i}
"""
SOURCE = (
    '''"""Module {n}."""

def handler_{n}(client, request):
    if client.get_boolean_value("{flag}", False):
        return render_new(request, {n})
    return render_old(request, {n})
'''
    + "# filler line to make the file a realistic size\n" * 40
)

MEASURE = textwrap.dedent(
    """
    import time, json, sys
    t0 = time.perf_counter()
    c0 = time.process_time()
    from pathlib import Path
    from rollback_gate.gate import CheckOptions, prepare
    from rollback_gate.checks import load
    ctx = prepare(CheckOptions(repo=Path(sys.argv[1])))
    t1 = time.perf_counter()
    counts = {}
    for item in ("flags", "monitoring"):
        check, _ = load(item)
        for f in check(ctx):
            counts[f.rule] = counts.get(f.rule, 0) + 1
    t2 = time.perf_counter()
    print(json.dumps({"prepare_s": t1 - t0, "checks_s": t2 - t1, "total_s": t2 - t0,
                      "cpu_s": time.process_time() - c0,
                      "files": len(ctx.tree.files), "findings": counts}))
    """
)


def build(root: Path, rules: int, sources: int) -> None:
    (root / "monitoring" / "rules").mkdir(parents=True)
    for f in range(rules):
        body = "".join(RULE.format(i=i, f=f) for i in range(10))
        text = f"groups:\n  - name: svc-{f}\n    rules:\n{body}"
        (root / "monitoring" / "rules" / f"svc-{f}.yml").write_text(text)
    for n in range(sources):
        folder = root / "src" / f"pkg{n % 200}"
        folder.mkdir(parents=True, exist_ok=True)
        flag = "new-checkout" if n == sources - 1 else "old-path"
        (folder / f"mod{n}.py").write_text(SOURCE.format(n=n, flag=flag))
    flags = {
        key: {"state": "ENABLED", "variants": {"on": True, "off": False}, "defaultVariant": "off"}
        for key in ("new-checkout", "old-path", "never-used")
    }
    (root / "flags").mkdir()
    (root / "flags" / "flags.flagd.json").write_text(json.dumps({"flags": flags}, indent=2))
    (root / "monitoring" / "dashboards").mkdir()
    for d in range(20):
        dash = {"uid": f"d{d}", "title": f"D{d}", "panels": [{"type": "timeseries"}] * 50}
        (root / "monitoring" / "dashboards" / f"d{d}.json").write_text(json.dumps(dash))
    (root / "deploy").mkdir()
    deployment = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: svc-{i}}}\nspec:\n"
        "  template:\n    spec:\n      containers:\n        - name: app\n          image: a:1\n"
        "          readinessProbe: {{httpGet: {{path: /readyz, port: 8080}}}}\n"
    )
    (root / "deploy" / "all.yaml").write_text(
        "---\n".join(deployment.format(i=i) for i in range(200))
    )
    (root / "deploy-readiness.yml").write_text(
        'version: 1\nservice: svc-7\nrollback:\n  manifests: ["deploy/*.yaml"]\n'
        "feature_flags:\n  provider: flagd\n  definitions: flags/flags.flagd.json\n"
        '  flags:\n    - key: new-checkout\n      guards: ["src/pkg1/**"]\n'
        "    - key: never-used\n"
        'monitoring:\n  alerts: ["monitoring/rules/*.yml"]\n'
        '  dashboards: ["monitoring/dashboards/*.json"]\n'
    )
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "b",
        "GIT_AUTHOR_EMAIL": "b@example.invalid",
        "GIT_COMMITTER_NAME": "b",
        "GIT_COMMITTER_EMAIL": "b@example.invalid",
    }
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "bench"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=500)
    parser.add_argument("--sources", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the repository here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp) / "repo"
        if not (root / ".git").exists():
            root.mkdir(parents=True, exist_ok=True)
            build(root, args.rules, args.sources)
        results = []
        for _ in range(args.runs):
            out = subprocess.run(
                [sys.executable, "-c", MEASURE, str(root)],
                check=True,
                capture_output=True,
                text=True,
                cwd=Path(__file__).resolve().parents[1],
            ).stdout
            results.append(json.loads(out))
        best = min(results, key=lambda r: r["total_s"])
        print(f"{args.rules} rule files, {args.sources} source files, {best['files']} files")
        for r in results:
            print(
                f"  prepare {r['prepare_s']:.2f} s + checks {r['checks_s']:.2f} s = "
                f"{r['total_s']:.2f} s wall, {r['cpu_s']:.2f} s CPU"
            )
        print(
            f"best: {best['total_s']:.2f} s; findings: {best['findings']}; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
