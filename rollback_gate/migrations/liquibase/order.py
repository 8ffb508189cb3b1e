"""Run order of Liquibase changelogs and the files a changeSet pulls in.

Liquibase runs changeSets in the order its master changelog includes them, not in file-name
order; ``discover`` follows ``include``/``includeAll`` from the files that nobody includes
(the masters) so that migrations come out in run order. ``includeAll`` takes the folder's
changelogs alphabetically, recursively, as Liquibase does. Files no master reaches follow,
sorted by path.
"""

from __future__ import annotations

import posixpath

from rollback_gate.migrations.base import Source
from rollback_gate.migrations.liquibase.loading import resolve
from rollback_gate.migrations.liquibase.model import Changelog, ChangeSet, Include

_FILE_CHANGES = ("sqlFile", "loadData", "loadUpdateData")


def _folder_files(known: list[str], base: str, inc: Include) -> list[str]:
    """Known changelogs under the folder an ``includeAll`` names, alphabetically."""
    target = inc.path.strip().replace("\\", "/").removeprefix("classpath:").strip("/")
    folder = posixpath.dirname(base)
    roots = [folder]
    while not inc.relative and folder:
        folder = posixpath.dirname(folder)
        roots.append(folder)
    for root in roots:
        prefix = posixpath.normpath(posixpath.join(root, target)) + "/"
        under = sorted(p for p in known if p.startswith(prefix))
        if under:
            return under
    return []


def order(logs: dict[str, Changelog], source: Source) -> list[str]:
    """The paths of ``logs`` in Liquibase run order (masters first, includes depth-first)."""

    known = sorted(logs)
    children: dict[str, list[str]] = {}
    for path in known:
        kids: list[str] = []
        for inc in logs[path].includes:
            if inc.all:
                kids.extend(_folder_files(known, path, inc))
            else:
                target = resolve(source, path, inc.path, inc.relative)
                if target is not None and target in logs:
                    kids.append(target)
        children[path] = [k for k in kids if k != path]
    included = {k for kids in children.values() for k in kids}
    out: list[str] = []
    seen: set[str] = set()

    def visit(path: str) -> None:
        # Iterative DFS: include chains can be long, and cycles must not loop.
        stack = [path]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            out.append(current)
            stack.extend(reversed(children.get(current, [])))

    for path in known:
        if path not in included:
            visit(path)
    for path in known:
        visit(path)
    return out


def referenced_files(source: Source, path: str, cs: ChangeSet) -> tuple[str, ...]:
    """Repo files a changeSet reads (``sqlFile``, ``loadData`` CSVs), when they resolve."""

    found: list[str] = []
    changes = list(cs.changes) + [c for rb in cs.rollbacks for c in rb.changes]
    for change in changes:
        if change.kind not in _FILE_CHANGES:
            continue
        target = change.attr("path", "file")
        relative = change.attr("relativeToChangelogFile").lower() == "true"
        resolved = resolve(source, path, target, relative) if target else None
        if resolved is not None and resolved not in found:
            found.append(resolved)
    return tuple(found)
