"""The files under ``rollback.manifests``, sorted by what they are.

A file belongs to a Helm chart when a ``Chart.yaml`` sits in one of its folders (the
nearest wins, so subcharts are charts of their own); a chart is read as a whole when any
of its files is declared. ``kustomization.yaml`` (``.yml``, ``Kustomization``) files are
overlays, ``compose.yaml`` / ``docker-compose*.yml`` are compose files, and every other
YAML or JSON file is read as Kubernetes documents. YAML is composed into nodes once per
run (:func:`documents` is cached), so every finding has its line.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field

from rollback_gate.migrations.base import Unreadable
from rollback_gate.monitor import yamlnodes as yn
from rollback_gate.monitor.yamlnodes import Node
from rollback_gate.tree import Tree

KUSTOMIZATIONS = ("kustomization.yaml", "kustomization.yml", "Kustomization")


@dataclass
class Sources:
    """Declared files by kind; ``charts`` maps a chart folder ('' = root) to its files."""

    charts: dict[str, list[str]] = field(default_factory=dict)
    kustomizations: list[str] = field(default_factory=list)
    compose: list[str] = field(default_factory=list)
    manifests: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def chart_roots(tree: Tree) -> frozenset[str]:
    """Folders holding a Chart.yaml ('' for the repository root)."""
    return frozenset(
        posixpath.dirname(p) for p in tree.files if posixpath.basename(p) == "Chart.yaml"
    )


def chart_of(path: str, roots: frozenset[str]) -> str | None:
    """The nearest chart folder above ``path``, or None (one set lookup per folder level)."""
    folder = posixpath.dirname(path)
    while True:
        if folder in roots:
            return folder
        if not folder:
            return None
        folder = posixpath.dirname(folder)


def is_template(path: str, roots: frozenset[str]) -> bool:
    """True for a file under a chart's ``templates/`` folder (text until rendered)."""
    root = chart_of(path, roots)
    if root is None:
        return False
    return path.startswith(f"{root}/templates/" if root else "templates/")


@functools.lru_cache(maxsize=16)
def known_files(tree: Tree) -> frozenset[str]:
    """The tree's files as a set, for path lookups."""
    return frozenset(tree.files)


def is_compose(path: str) -> bool:
    base = posixpath.basename(path).lower()
    return base.startswith(("compose.", "docker-compose")) and base.endswith((".yml", ".yaml"))


def classify(tree: Tree, globs: Iterable[str]) -> Sources:
    """Every declared file, by kind."""
    out = Sources()
    roots = chart_roots(tree)
    for path in tree.glob(tuple(globs)):
        root = chart_of(path, roots)
        if root is not None:
            out.charts.setdefault(root, []).append(path)
        elif posixpath.basename(path) in KUSTOMIZATIONS:
            out.kustomizations.append(path)
        elif is_compose(path):
            out.compose.append(path)
        elif path.endswith((".yaml", ".yml", ".json")):
            out.manifests.append(path)
    return out


@functools.lru_cache(maxsize=256)
def documents(tree: Tree, path: str) -> tuple[tuple[Node, ...], str]:
    """The file's YAML documents, and why reading stopped early ('' when it did not)."""
    try:
        text = tree.read_text(path)
    except Unreadable as exc:
        return (), exc.reason
    docs, error = yn.documents(text)
    if error is None:
        return tuple(docs), ""
    where = f" (line {error.line})" if error.line else ""
    return tuple(docs), f"is not valid YAML{where}: {error.message.removeprefix('invalid YAML: ')}"


def resolve(base_file: str, relative: str) -> str | None:
    """``relative`` (as written in ``base_file``) as a repo path; None when it leaves the
    repository or is remote."""
    if "://" in relative or relative.startswith(("github.com/", "git@", "/")):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base_file), relative))
    if joined == ".":
        return ""
    if joined.startswith("../") or joined == "..":
        return None
    return joined
