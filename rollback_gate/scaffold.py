"""``rollback-gate init``: inspect a repository and write a starter deploy-readiness.yml.

Detection is by file names first and a cheap look inside small YAML/JSON files (never
executing anything). The result is commented, passes ``validate``, and leaves a clear
``# TODO(you)`` only where a human decision is needed (e.g. which flag guards which code).
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from rollback_gate.migrations import FRAMEWORKS, load
from rollback_gate.migrations.base import Unreadable
from rollback_gate.migrations.undeclared import migration_folders
from rollback_gate.tree import Tree

_SNIFF_LIMIT = 256 * 1024
_SCRIPT = re.compile(r"(^|/)(rollback|roll-back|roll_back)[^/]*\.(sh|bash)$|(^|/)bin/rollback$")
_RUNBOOK = re.compile(r"(^|/)[^/]*(rollback|runbook)[^/]*\.md$", re.I)
_K8S = re.compile(r"^kind:\s*(Deployment|StatefulSet|DaemonSet|Rollout|Canary)\b", re.M)


@dataclass
class Found:
    migrations: list[tuple[str, str]] = field(default_factory=list)
    script: str | None = None
    runbook: str | None = None
    flags: tuple[str, str] | None = None  # (provider, file)
    alerts: list[str] = field(default_factory=list)
    dashboards: list[str] = field(default_factory=list)
    manifests: list[str] = field(default_factory=list)


def detect(tree: Tree) -> Found:
    """What the repository already has that the config should point at."""
    found = Found()
    for folder, kind in migration_folders(tree.files):
        paths = tree.under(folder)
        name = kind if kind in FRAMEWORKS else _best(paths, tree)
        if name:
            found.migrations.append((folder, name))
    for path in tree.files:
        if found.script is None and _SCRIPT.search(path):
            found.script = path
        elif found.runbook is None and _RUNBOOK.search(path):
            found.runbook = path
        elif path.endswith((".yml", ".yaml", ".json")):
            _sniff(tree, path, found)
    return found


def _best(paths: list[str], tree: Tree) -> str | None:
    scores = {name: load(name).detect(paths, tree) for name in FRAMEWORKS}
    name, score = max(scores.items(), key=lambda kv: kv[1])
    return name if score > 0 else None


def _sniff(tree: Tree, path: str, found: Found) -> None:
    try:
        text = tree.read_bytes(path, _SNIFF_LIMIT).decode("utf-8", "replace")
    except Unreadable:
        return
    if path.endswith(".flagd.json") or ('"flags"' in text and '"defaultVariant"' in text):
        found.flags = found.flags or ("flagd", path)
    elif '"featureStrategies"' in text or ('"features"' in text and '"strategies"' in text):
        found.flags = found.flags or ("unleash", path)
    elif path.endswith(".json") and '"panels"' in text:
        found.dashboards.append(path)
    elif re.search(r"^[ \t]*-?[ \t]*alert:\s", text, re.M) and "groups:" in text:
        found.alerts.append(path)
    elif _K8S.search(text):
        found.manifests.append(path)


_PLAIN = re.compile(r"^[A-Za-z0-9_./][A-Za-z0-9_./@+-]*$")


def _q(value: str) -> str:
    """``value`` as a YAML scalar that reads back as the same string.

    Folder and file names may look like numbers, booleans or null (``2024``, ``yes``) or
    carry YAML syntax (``#``, ``: ``, ``[``); those are written as JSON strings, which YAML
    reads verbatim.
    """
    import yaml

    if _PLAIN.match(value):
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def starter_config(repo: Path) -> str:
    """The commented starter config for ``repo``."""
    tree = Tree(repo, use_git=(repo / ".git").exists())
    f = detect(tree)
    service = repo.resolve().name
    out = [
        "# deploy-readiness.yml — written by `rollback-gate init`; review every line.",
        "# Reference: `rollback-gate rules`, `rollback-gate explain RULE`, `rollback-gate schema`.",
        "version: 1",
        f"service: {_q(service)}",
        "policy:",
        "  fail_on: P1            # P0 and P1 findings fail the gate",
        "rollback:",
    ]
    if f.script:
        out += [
            "  strategy: script",
            f"  script: {_q(f.script)}",
            f"  dry_run: {_q(shlex.quote(f.script) + ' --dry-run')}"
            "   # what `rollback-gate drill` runs",
        ]
    elif f.manifests:
        out += ["  strategy: kubectl       # or helm / argo-rollouts / flagger"]
    else:
        out += ["  strategy: manual        # TODO(you): script | helm | kubectl | revert …"]
    out.append(
        f"  runbook: {_q(f.runbook)}" if f.runbook else "  # runbook: docs/runbooks/rollback.md"
    )
    if f.manifests:
        out.append("  manifests:")
        out += [f"    - {_q(m)}" for m in f.manifests[:20]]
    if f.migrations:
        out.append("migrations:")
        for folder, name in f.migrations:
            out += [
                f"  - path: {_q(folder)}",
                f"    framework: {name}",
                "    scope: changed      # changed since the base; `all` for a full audit",
            ]
    else:
        out.append("# migrations:            # none found; declare them if the service has any")
    if f.flags:
        provider, path = f.flags
        out += [
            "feature_flags:",
            f"  provider: {provider}",
            f"  definitions: {_q(path)}",
            "  environment: production",
            "  # flags:                # TODO(you): the flags that guard new behaviour",
            "  #   - key: new-checkout",
            '  #     guards: ["src/checkout/**"]',
        ]
    else:
        out += [
            "# feature_flags:         # none found (RG308 will remind you)",
            "#   provider: flagd",
            "#   definitions: flags/flags.flagd.json",
        ]
    if f.alerts or f.dashboards:
        out.append("monitoring:")
        if f.alerts:
            out.append("  alerts:")
            out += [f"    - {_q(a)}" for a in f.alerts[:20]]
        if f.dashboards:
            out.append("  dashboards:")
            out += [f"    - {_q(d)}" for d in f.dashboards[:20]]
    else:
        out += [
            "# monitoring:            # none found (RG400 will remind you)",
            "#   alerts: [monitoring/alerts.yml]",
        ]
    out += ["waivers: []              # rule, path, reason, owner, expires (YYYY-MM-DD)", ""]
    return "\n".join(out)
