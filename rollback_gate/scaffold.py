"""``rollback-gate init``: inspect a repository and write a starter deploy-readiness.yml.

Detection is by file names first and a cheap look inside small YAML/JSON files (never
executing anything). Helm charts (a folder with ``Chart.yaml``), ``kustomization.yaml``
and compose files (``compose.yaml``, ``docker-compose*.yml``) are declared under
``rollback.manifests`` with the Kubernetes manifests; each migration folder gets the
``reversal`` mode its framework implies. The result is commented, passes ``validate``, and
leaves a clear ``# TODO(you)`` only where a human decision is needed (e.g. which flag guards
which code).

On an existing repository the first check must not fail on years-old migrations: each
migration folder gets ``since:`` its newest migration (older ones are exempt), the service
name comes from the manifests or the alert rules, and ``.gitattributes`` merges the drill
records of two branches (``merge=union``) instead of conflicting.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rollback_gate import lazyre
from rollback_gate.migrations import FRAMEWORKS, load
from rollback_gate.migrations.base import Unreadable
from rollback_gate.migrations.undeclared import migration_folders
from rollback_gate.tree import Tree
from rollback_gate.yamlsafe import too_deep

_SNIFF_LIMIT = 256 * 1024
_SCRIPT = lazyre.compile(r"(^|/)(rollback|roll-back|roll_back)[^/]*\.(sh|bash)$|(^|/)bin/rollback$")
_NOT_SERVICE = lazyre.compile(
    r"(^|/)(node_modules|vendor|third_party|site-packages|\.venv|venv|\.tox|tests?|spec|"
    r"fixtures|testdata\w*|__fixtures__|__tests__|mocks?)/"
)
_RUNBOOK = lazyre.compile(r"(^|/)[^/]*(rollback|runbook)[^/]*\.md$", re.I)
_K8S = lazyre.compile(
    r"^kind:\s*(Deployment|StatefulSet|DaemonSet|ReplicaSet|Job|CronJob|Pod|Rollout|Canary)\b",
    re.M,
)
_NAME = lazyre.compile(r"^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$")  # a Kubernetes-style name
EVIDENCE = ".rollback-gate/drills.jsonl"
UNION = f"{EVIDENCE} merge=union"


@dataclass
class Found:
    migrations: list[tuple[str, str, str]] = field(default_factory=list)  # path, name, reversal
    newest: dict[str, str] = field(default_factory=dict)  # folder -> newest version
    script: str | None = None
    runbook: str | None = None
    flags: tuple[str, str] | None = None  # (provider, file)
    alerts: list[str] = field(default_factory=list)
    dashboards: list[str] = field(default_factory=list)
    manifests: list[str] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)  # Helm chart folders ('' = the root)
    names: list[tuple[str, str]] = field(default_factory=list)  # (service name, where from)


@dataclass(frozen=True)
class Starter:
    """The starter config and what ``init`` should tell the person about it."""

    text: str
    notes: tuple[str, ...]


def detect(tree: Tree) -> Found:
    """What the repository already has that the config should point at."""
    from rollback_gate.deploy.sources import KUSTOMIZATIONS, chart_of, chart_roots, is_compose

    found = Found()
    for folder, frameworks in _one_per_history(migration_folders(tree.files)):
        paths = tree.under(folder)
        name = frameworks[0] if len(frameworks) == 1 else _best(paths, tree)
        newest = _newest(name, paths, tree) if name else None
        if name and newest is not None:  # a folder with none would be RG206 at once
            reversal = "forward-only" if load(name).forward_only(paths) else "down"
            found.migrations.append((folder, name, reversal))
            if newest:
                found.newest[folder] = newest
    # a Liquibase changelog that includes a folder below it (`<includeAll path="migrations"/>`)
    # holds that folder's files, whose newest is its own: the folder is no entry of its own
    # (pay-adminusers: each changeSet read twice, round AT)
    liquibase = [f for f, n, _ in found.migrations if n == "liquibase"]
    held = {
        f for f in liquibase for g in liquibase
        if f != g and f.startswith(f"{g.rstrip('/')}/")
        and found.newest.get(g, "").startswith(f"{f.rstrip('/')}/")
    }  # fmt: skip
    found.migrations = [m for m in found.migrations if m[0] not in held]
    for f in held:
        found.newest.pop(f, None)
    roots = chart_roots(tree)
    found.charts = sorted(roots)
    for path in tree.files:
        if found.script is None and _SCRIPT.search(path):
            found.script = path
        elif found.runbook is None and _RUNBOOK.search(path):
            found.runbook = path
        elif _NOT_SERVICE.search(path):
            continue  # a test fixture's manifest or alert file is not the service's
        elif chart_of(path, roots) is not None:
            continue  # declared as a whole chart below; templates are not YAML
        elif path.rsplit("/", 1)[-1] in KUSTOMIZATIONS or is_compose(path):
            found.manifests.append(path)
        elif path.endswith((".yml", ".yaml", ".json")):
            _sniff(tree, path, found)
    return found


_VERSION_FOLDERS = frozenset({"golang-migrate"})
"""Frameworks whose tools may keep one folder per schema version (read as one history)."""


def _one_per_history(
    folders: list[tuple[str, tuple[str, ...]]],
) -> list[tuple[str, tuple[str, ...]]]:
    """``folders`` with sibling folders named by numbers alone (``postgres/0`` …
    ``postgres/104``) of one framework declared as their parent: boundary's tool keeps one
    folder per schema version, all one history (round W: 106 entries, none of which saw
    the versions before it)."""
    siblings: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for folder, frameworks in folders:
        parent, _, name = folder.rpartition("/")
        if parent and name.isdigit() and set(frameworks) <= _VERSION_FOLDERS:
            siblings.setdefault((parent, frameworks), []).append(folder)
    merged = {f: parent for (parent, _), fs in siblings.items() if len(fs) > 1 for f in fs}
    out: list[tuple[str, tuple[str, ...]]] = []
    for folder, frameworks in folders:
        entry = (merged.get(folder, folder), frameworks)
        if entry not in out:
            out.append(entry)
    return out


def _chart_globs(root: str) -> list[str]:
    """A chart's files as manifest globs (a chart at the root: only its own files)."""
    return [f"{root}/**"] if root else ["Chart.yaml", "values.yaml", "templates/**"]


def _newest(framework: str, paths: list[str], tree: Tree) -> str | None:
    """The version of the newest migration in ``paths`` (discovery is in order): ``""``
    when it cannot be read, None when the folder holds none (nzbhydra2's release notes,
    ``src/main/resources/changelog.yaml``, are no Liquibase changelog: round J)."""
    try:
        migrations = load(framework).discover(paths, tree)
    except Unreadable:
        return ""
    if framework == "django":
        # Django orders by dependencies, not names: an unnumbered module
        # (``fix_empty_data_in_lines.py``, from 2016) sorts after every numbered one, and
        # as ``since:`` it would exempt each new numbered migration too (saleor, round R)
        numbered = [m for m in migrations if m.name[:4].isdigit()]
        migrations = numbered or migrations
    # a timestamp that is no date, or one yet to come (lomake's `20261712180000-…`, month
    # 17, round AK): as ``since:`` it would exempt every migration written after it
    from rollback_gate.gate import current_time

    now = current_time()
    dated = [m for m in migrations if _plausible(m.version, now)]
    migrations = dated or migrations
    return migrations[-1].version if migrations else None


_STAMP = lazyre.compile(r"(?:^|\D)((?:19|20)\d{6})(\d{2})?(\d{2})?")
_DASHED_DAY = lazyre.compile(r"^(\d{4})-(\d{2})-(\d{2})")  # (sql-migrate's `2026-01-13.0`)


def _plausible(version: str, now: dt.datetime) -> bool:
    """Whether a version that starts with a timestamp (``YYYYMMDD[HH[MM]]``) names a date
    that was, and is not still to come after ``now``; any other version is."""
    m = _STAMP.match(_DASHED_DAY.sub(r"\1\2\3", version, count=1))
    if m is None:
        return True
    try:
        day = dt.datetime.strptime(m.group(1), "%Y%m%d").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        return False
    hour, minute = int(m.group(2) or 0), int(m.group(3) or 0)
    if hour > 23 or minute > 59:
        return False
    return day <= now + dt.timedelta(days=1)


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
        found.names += [(n, path) for n in _yaml_names(text, _alert_services)]
    elif _K8S.search(text):
        found.manifests.append(path)
        found.names += [(n, path) for n in _yaml_names(text, _workload_names)]


def _yaml_names(text: str, pick: Callable[[Any], Iterator[Any]]) -> list[str]:
    """Service names ``pick`` finds in the YAML documents of ``text`` (parsed, not run)."""
    import yaml

    if too_deep(text, 64):
        return []
    try:
        docs = list(yaml.load_all(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except yaml.YAMLError:
        return []
    names = [n for doc in docs if isinstance(doc, dict) for n in pick(doc)]
    return [n for n in names if isinstance(n, str) and _NAME.match(n)]


def _workload_names(doc: dict[Any, Any]) -> Iterator[Any]:
    if _K8S.search(f"kind: {doc.get('kind')}") and isinstance(doc.get("metadata"), dict):
        yield doc["metadata"].get("name")


def _alert_services(doc: dict[Any, Any]) -> Iterator[Any]:
    for group in doc.get("groups") or []:
        for rule in (group.get("rules") or []) if isinstance(group, dict) else []:
            labels = rule.get("labels") if isinstance(rule, dict) else None
            if isinstance(labels, dict):
                yield labels.get("service")


_PLAIN = lazyre.compile(r"^[A-Za-z0-9_./][A-Za-z0-9_./@+-]*$")


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
    return starter(repo).text


def starter(repo: Path) -> Starter:
    """The commented starter config for ``repo``, with notes on what was inferred."""
    tree = Tree(repo, use_git=(repo / ".git").exists())
    f = detect(tree)
    notes: list[str] = []
    service = repo.resolve().name
    if f.names:
        service, source = f.names[0]
        notes.append(f"service: {service} (from {source})")
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
    elif f.charts:
        out += ["  strategy: helm          # or kubectl / argo-rollouts / flagger"]
    elif f.manifests:
        out += ["  strategy: kubectl       # or helm / argo-rollouts / flagger"]
    else:
        out += ["  strategy: manual        # TODO(you): script | helm | kubectl | revert …"]
    out.append(
        f"  runbook: {_q(f.runbook)}" if f.runbook else "  # runbook: docs/runbooks/rollback.md"
    )
    declared = [g for root in f.charts for g in _chart_globs(root)] + f.manifests
    if declared:
        out.append("  manifests:           # workloads, Helm charts, kustomizations, compose")
        out += [f"    - {_q(m)}" for m in declared[:40]]
    if f.migrations:
        out.append("migrations:")
        for folder, name, reversal in f.migrations:
            out += [
                f"  - path: {_q(folder)}",
                f"    framework: {name}",
                "    scope: changed      # changed since the base; `all` for a full audit",
                f"    reversal: {reversal}"
                + (
                    "   # no down files: only the application is rolled back"
                    if reversal == "forward-only"
                    else "   # rollbacks run the down steps, so they are checked"
                ),
            ]
            if folder in f.newest:
                since = f.newest[folder]
                out.append(
                    f"    since: {json.dumps(since)}   # the newest migration when init ran: "
                    "it and older ones are exempt"
                )
                notes.append(
                    f"{folder}: since {since} (the newest existing migration); only "
                    "migrations added after it are checked"
                )
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
    return Starter("\n".join(out), tuple(notes))


def ensure_gitattributes(repo: Path) -> str | None:
    """Make git merge drill records by union; what was done, or None if already so.

    Two branches that each append a drill record would otherwise conflict on the same
    last line. An existing ``.gitattributes`` is appended to, never rewritten.
    """
    path = repo / ".gitattributes"
    if path.is_symlink():
        return f"{path} is a symbolic link; add `{UNION}` to it yourself"
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        return f"{path} not readable ({exc}); add `{UNION}` to it yourself"
    if any(line.split() == UNION.split() for line in text.splitlines()):
        return None
    sep = "" if not text or text.endswith("\n") else "\n"
    with path.open("a", encoding="utf-8") as fh:
        fh.write(f"{sep}{UNION}\n")
    verb = "appended to" if text else "wrote"
    return f"{verb} {path}: `{UNION}` (drill records of two branches merge, not conflict)"
