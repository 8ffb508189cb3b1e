"""Run order of Liquibase changelogs and the files a changeSet pulls in.

Liquibase runs changeSets in the order its master changelog includes them, not in file-name
order; ``discover`` follows ``include``/``includeAll`` from the files that nobody includes
(the masters) so that migrations come out in run order. ``includeAll`` takes the folder's
changelogs alphabetically, recursively, as Liquibase does. Files no master reaches follow,
sorted by path; a changelog nobody includes that includes nothing, beside a master that
does, comes first (it runs in no master's order).
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

    roots = [p for p in known if p not in included]
    # a changelog no master includes that includes none itself runs in no master's order:
    # first, so the run order ends with the masters' newest changeSet, the one `init`
    # writes as `since:` (natural-history-collection-api's 44-Collection_code_max_size.xml,
    # in no include, was taken for the newest of 231: round AO)
    if any(children.get(p) for p in roots):
        for path in roots:
            if not children.get(path):
                visit(path)
    for path in roots:
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
