"""Discovery kept across runs: which migrations a folder holds, by its files' content.

Listing a folder's migrations reads files for some frameworks: Liquibase parses every
changelog to list its changeSets, Alembic reads each revision's header, Django each file.
On a warm run that was most of the work left. The result cache keeps each folder's list
under its framework and the exact list of its files, with every file the discovery read
(blob id) or probed, like an analysis; it is used only when all of those still hold, so a
kept list is the list a fresh discovery gives. Only frameworks whose ``discover`` is a pure
function of what it reads are kept (:data:`KEPT`): Ecto's remembers the folder for its
history lookups, so it always runs. Alembic's and Django's discovery is one fact per file
(a revision's header, whether a file is a migration) and then a pure function of those:
each fact is kept under its file's blob id, so a folder with one new file reads one file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from rollback_gate.migrations.base import Migration, Source
from rollback_gate.results.cache import Recorder, ResultCache, state
from rollback_gate.tree import Tree

KEPT = frozenset({"alembic", "django", "liquibase"})

Discover = Callable[[Sequence[str], Source], list[Migration]]


class PerFile(Protocol):
    """A framework whose discovery is one fact per file, then a pure function of them:
    a folder with one file changed reads only that file again (a new migration in a
    history of 1,400 Alembic revisions read every header before)."""

    def file_fact(self, path: str, source: Source) -> Any: ...

    def from_facts(self, paths: Sequence[str], facts: Mapping[str, Any]) -> list[Migration]: ...


def discover(
    results: ResultCache,
    name: str,
    paths: Sequence[str],
    tree: Tree,
    run: Discover,
    per_file: PerFile | None = None,
) -> list[Migration]:
    """``run(paths, source)``'s migrations, from the cache when its inputs are unchanged;
    with ``per_file``, made from each file's fact, kept by the file's content."""
    results.load()
    if per_file is not None:
        return _from_facts(results, name, paths, tree, per_file)
    key = name + "\0" + hashlib.sha256("\n".join(paths).encode()).hexdigest()
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


def _from_facts(
    results: ResultCache, name: str, paths: Sequence[str], tree: Tree, per_file: PerFile
) -> list[Migration]:
    """The folder's migrations from each file's fact: kept ones where the file's content
    (blob id) is the one the fact was read from, the others read now and kept."""
    facts: dict[str, Any] = {}
    for path in paths:
        key = f"fact\0{name}\0{path}"
        results.listed_now.add(key)
        entry = results.listings.get(key)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == state(tree, path):
            facts[path] = entry[1]
            continue
        facts[path] = per_file.file_fact(path, tree)
        # kept by the id of the bytes just read (a file told by its name alone is not
        # read, and not kept); a cold run so asks git's index for nothing
        read = tree.read_blob_id(path)
        if read is not None:
            results.listings[key] = [read, facts[path]]
            results.listings_changed = True
    try:
        return per_file.from_facts(paths, facts)
    except (TypeError, ValueError, IndexError, KeyError):
        results.distrust("a file's discovery fact is malformed")
        return per_file.from_facts(paths, {p: per_file.file_fact(p, tree) for p in paths})


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
