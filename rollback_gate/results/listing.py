"""Discovery kept across runs: which migrations a folder holds, by its files' content.

Listing a folder's migrations reads files for some frameworks: Liquibase parses every
changelog to list its changeSets, Alembic reads each revision's header, Django each file.
On a warm run that was most of the work left. The result cache keeps each folder's list
under its framework and the exact list of its files, with every file the discovery read
(blob id) or probed, like an analysis; it is used only when all of those still hold, so a
kept list is the list a fresh discovery gives. Only frameworks whose ``discover`` is a pure
function of what it reads are kept (:data:`KEPT`): Ecto's remembers the folder for its
history lookups, so it always runs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from rollback_gate.migrations.base import Migration, Source
from rollback_gate.results.cache import Recorder, ResultCache
from rollback_gate.tree import Tree

KEPT = frozenset({"alembic", "django", "liquibase"})

Discover = Callable[[Sequence[str], Source], list[Migration]]


def discover(
    results: ResultCache, name: str, paths: Sequence[str], tree: Tree, run: Discover
) -> list[Migration]:
    """``run(paths, source)``'s migrations, from the cache when its inputs are unchanged."""
    key = name + "\0" + hashlib.sha256("\n".join(paths).encode()).hexdigest()
    results.load()
    results.listed_now.add(key)
    kept = _kept(results, key, tree)
    if kept is not None:
        return kept
    recorder = Recorder(tree)
    found = list(run(paths, recorder))
    results.listings[key] = [
        [[m.framework, m.version, m.name, m.path, list(m.files)] for m in found],
        [list(d) for d in recorder.deps()],
    ]
    results.listings_changed = True
    return found


def _kept(results: ResultCache, key: str, tree: Tree) -> list[Migration] | None:
    entry = results.listings.get(key)
    if entry is None:
        return None
    try:
        migrations, deps = entry
        holds = results.now(tree)
        if not all(holds(str(path), str(state)) for path, state in deps):
            return None
        return [
            Migration(str(f), str(v), str(n), str(p), tuple(str(x) for x in files))
            for f, v, n, p, files in migrations
        ]
    except (TypeError, ValueError):
        results.distrust("a folder listing is malformed")
        return None
