"""The result cache: migration analyses kept by content, so a re-run skips unchanged work.

One JSON pack per repository in the cache folder (``$ROLLBACK_GATE_CACHE_DIR``, else
``$XDG_CACHE_HOME/rollback-gate``, else ``~/.cache/rollback-gate``). An entry holds one
migration's findings and inline waivers, and the files its analysis depended on, each by
git blob id (``git hash-object``, computed here) or by existence. An entry is used only
when every one of those files is unchanged and the pack was written by the same analyser
code (a digest of the package's analyser sources and of the parser libraries' versions),
so a cached verdict is the verdict a cold run gives.

Dependencies are what the analysis read through its Source. Analysers that keep parsed
files per Source across migrations may answer from what an earlier migration read. Django's
history walk reports each such answer (``Source.used``, ``REPORTS_USE``): its migrations
share one recording Source per process and each depends on exactly the files it read or
used, up to ``pool.EXACT_LIMIT`` of them (a deeper walk depends on the read log's prefix,
as below, so that the cache does not grow with the square of a long history).
Liquibase's changelogs (``SHARED_STATE``) do not: its migrations share one recording
Source and depend on everything read through it before them (a prefix of that run's read
log). Every other framework gets a fresh recording Source per migration, so a per-Source
cache it might keep cannot hide a read: the lists only decide speed, never correctness.

The cache is data, never code (JSON, never pickle: a cache restored in CI may come from
another branch): a corrupt, foreign or other-version pack is ignored with a note. Writes
are atomic (temporary file, then ``os.replace``), so concurrent runs never see half a
pack; the last writer wins. The folder is kept under ``ROLLBACK_GATE_CACHE_MB`` (default
200) by deleting the least recently written packs.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from rollback_gate.migrations.base import Migration, Unreadable
from rollback_gate.models import Finding, Waiver
from rollback_gate.results.codec import analyser_version, finding, finding_json, item, item_json
from rollback_gate.tree import Tree

FORMAT = "rollback-gate.cache/1"
DEFAULT_MAX_MB = 200
_SLICE = 1000  # entries per JSON slice written
SHARED_STATE = frozenset({"liquibase"})
"""Frameworks whose analysers keep per-Source state across migrations (see docstring)."""
REPORTS_USE = frozenset({"django"})
"""Frameworks whose analysers keep per-Source state but report every answer from it
through ``Source.used``: one shared Source, and each migration depends on exactly what it
read or used (an edit of an old migration re-analyses only the ones that consulted it)."""

_ABSENT = "-"
_PRESENT = "+"

Dep = tuple[str, str]  # (path, blob id | "+" exists | "-" absent | "!reason" unreadable)
Item = Waiver | str


@dataclass(slots=True)
class Outcome:
    """One migration's analysis: what it found, and what it depended on."""

    findings: list[Finding]
    waivers: list[Item]
    deps: list[Dep] = field(default_factory=list)
    log: tuple[str, int] | None = None  # (read-log id, prefix length) for SHARED_STATE


def location(env: dict[str, str] | None = None) -> Path:
    """The cache folder the environment names (SPEC "Result cache")."""
    env = dict(os.environ) if env is None else env
    if env.get("ROLLBACK_GATE_CACHE_DIR"):
        return Path(env["ROLLBACK_GATE_CACHE_DIR"])
    if env.get("XDG_CACHE_HOME"):
        return Path(env["XDG_CACHE_HOME"]) / "rollback-gate"
    return Path.home() / ".cache" / "rollback-gate"


def state(tree: Tree, path: str) -> str:
    """What a dependency on ``path``'s content is now."""
    try:
        return tree.blob_id(path)
    except Unreadable as exc:
        return "!" + exc.reason


class Recorder:
    """A Source over a Tree that notes every file an analysis read or probed."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.touched: dict[str, bool] = {}  # path -> content read (True) or probed only

    def read_text(self, path: str, *, lenient: bool = False) -> str:
        self.touched[path] = True
        return self.tree.read_text(path, lenient=lenient)

    def exists(self, path: str) -> bool:
        self.touched.setdefault(path, False)
        return self.tree.exists(path)

    def used(self, path: str) -> None:
        self.touched[path] = True

    def deps(self) -> list[Dep]:
        """The touched files with their current state."""
        return deps_of(self.tree, self.touched)


def deps_of(tree: Tree, touched: dict[str, bool]) -> list[Dep]:
    """``touched`` (path -> content read, or probed only) with each file's state now."""
    out = []
    for path, read in touched.items():
        if read:
            out.append((path, state(tree, path)))
        else:
            out.append((path, _PRESENT if tree.exists(path) else _ABSENT))
    return out


class _Now:
    """What each dependency's file is now, looked up once per path in one ``lookup`` (the
    migrations of one history share most of theirs)."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.states: dict[str, str] = {}
        self.present: dict[str, bool] = {}

    def holds(self, path: str, was: str) -> bool:
        if was in (_PRESENT, _ABSENT):
            found = self.present.get(path)
            if found is None:
                found = self.present[path] = self.tree.exists(path)
            return found == (was == _PRESENT)
        now = self.states.get(path)
        if now is None:
            now = self.states[path] = state(self.tree, path)
        return now == was


class ResultCache:
    """The cache for one repository; ``lookup`` then ``store`` once per run."""

    def __init__(self, folder: Path, root: Path, max_mb: float = DEFAULT_MAX_MB) -> None:
        self.folder = folder
        self.pack = folder / (hashlib.sha256(str(root).encode()).hexdigest()[:24] + ".json")
        self.max_bytes = int(max_mb * 1024 * 1024)
        self.notes: list[str] = []
        self._entries: dict[str, Any] = {}
        self._logs: dict[str, Any] = {}
        self._loaded = False
        self._used: set[str] = set()
        # Discovered folders (see results/listing.py): key -> [migrations, deps]; the keys
        # this run looked up or wrote are kept, the others dropped when the pack is written.
        self.listings: dict[str, Any] = {}
        self.listed_now: set[str] = set()
        self.listings_changed = False

    @classmethod
    def open(cls, root: Path, env: dict[str, str] | None = None) -> ResultCache:
        env = dict(os.environ) if env is None else env
        try:
            max_mb = float(env.get("ROLLBACK_GATE_CACHE_MB") or DEFAULT_MAX_MB)
        except ValueError:
            max_mb = DEFAULT_MAX_MB
        return cls(location(env), root, max_mb)

    # -- keys ------------------------------------------------------------------------------

    @staticmethod
    def key(name: str, m: Migration) -> str:
        """What identifies one analysis before its content is looked at (not a hash: the
        fields joined by NUL, which no path or version holds)."""
        return "\0".join((name, m.framework, m.version, m.name, m.path, *m.files))

    # -- lookup ----------------------------------------------------------------------------

    def lookup(self, jobs: Sequence[tuple[str, Migration]], tree: Tree) -> list[Outcome | None]:
        """The cached outcome of each job whose dependencies are unchanged, else None."""
        self.load()
        if not self._entries:
            return [None] * len(jobs)
        valid_prefix: dict[str, int] = {}
        out: list[Outcome | None] = []
        used = []
        holds = _Now(tree).holds
        for name, m in jobs:
            key = self.key(name, m)
            entry = self._entries.get(key)
            outcome = None if entry is None else self._valid(entry, holds, valid_prefix)
            if not self._entries:  # a malformed entry: the whole pack is distrusted
                return [None] * len(jobs)
            if outcome is not None:
                used.append(key)
            out.append(outcome)
        self._used.update(used)
        return out

    def _valid(
        self, entry: Any, holds: Callable[[str, str], bool], prefixes: dict[str, int]
    ) -> Outcome | None:
        try:
            findings, waivers, deps, log = entry
            if log is not None:
                log_id, length = log
                if log_id not in prefixes:
                    prefixes[log_id] = self._valid_prefix(self._logs[log_id], holds)
                if length > prefixes[log_id]:
                    return None
            for path, was in deps:
                if not holds(path, was):
                    return None
            # A hit is not stored again (``store`` keeps its entry): no deps to carry.
            return Outcome([finding(f) for f in findings], [item(w) for w in waivers])
        except (TypeError, ValueError, KeyError) as exc:
            self.distrust(f"an entry is malformed ({type(exc).__name__})")
            return None

    @staticmethod
    def _valid_prefix(log: Any, holds: Callable[[str, str], bool]) -> int:
        for i, (path, was) in enumerate(log):
            if not holds(path, was):
                return i
        return len(log)

    # -- storing ---------------------------------------------------------------------------

    def store(
        self,
        jobs: Sequence[tuple[str, Migration]],
        outcomes: Sequence[Outcome],
        logs: dict[str, list[Dep]],
    ) -> None:
        """Record this run's outcomes (hits included) and write the pack atomically."""
        fresh = 0
        for (name, m), outcome in zip(jobs, outcomes, strict=True):
            key = self.key(name, m)
            if key in self._used:
                continue
            fresh += 1
            self._used.add(key)
            self._entries[key] = outcome  # made JSON a slice at a time, as it is written
        if not fresh and not self.listings_changed:
            return
        self._logs.update(logs)
        referenced = {log[0] for e in self._entries.values() if (log := _log_of(e)) is not None}
        tmp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".pack-", suffix=".tmp", dir=self.folder)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                self._write(fh, referenced)
            os.replace(tmp, self.pack)
        except OSError as exc:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            self.notes.append(f"result cache not written ({self.folder}): {exc.strerror}")
            return
        self._evict()

    def _write(self, fh: TextIO, referenced: set[str]) -> None:
        """The pack as one JSON object, written a slice of entries at a time: the whole
        text at once (24 MB at 40,000 files) was the run's peak of memory. ``dumps`` per
        slice, not ``dump``: only the one-shot encoder is the C one (5-10x faster)."""
        head = {"format": FORMAT, "version": analyser_version()}
        fh.write(json.dumps(head, separators=(",", ":"))[:-1] + ',"entries":{')
        keys = list(self._entries)
        for start in range(0, len(keys), _SLICE):
            part = {k: _entry(self._entries[k]) for k in keys[start : start + _SLICE]}
            fh.write(("," if start else "") + json.dumps(part, separators=(",", ":"))[1:-1])
        tail = {
            "logs": {k: v for k, v in self._logs.items() if k in referenced},
            "listings": {k: v for k, v in self.listings.items() if k in self.listed_now},
        }
        fh.write("}," + json.dumps(tail, separators=(",", ":"))[1:])

    def _evict(self) -> None:
        """Delete the least recently written packs beyond the size bound."""
        try:
            packs = [(p.stat().st_mtime, p.stat().st_size, p) for p in self.folder.glob("*.json")]
        except OSError:
            return
        stale = time.time() - 3600  # a run killed between writing and renaming
        for leftover in self.folder.glob(".pack-*.tmp"):
            with contextlib.suppress(OSError):
                if leftover.stat().st_mtime < stale:
                    leftover.unlink()
        total = sum(size for _, size, _ in packs)
        for _, size, path in sorted(packs):
            if total <= self.max_bytes:
                break
            try:
                path.unlink()
            except OSError:
                continue
            total -= size

    # -- loading ---------------------------------------------------------------------------

    def now(self, tree: Tree) -> Callable[[str, str], bool]:
        """Whether a dependency ``(path, state)`` still holds in ``tree``."""
        return _Now(tree).holds

    def load(self) -> None:
        """Read the pack once (``lookup`` and the listings do it when first needed)."""
        if self._loaded:
            return
        self._loaded = True
        try:
            with open(self.pack, encoding="utf-8") as fh:
                data = json.load(fh)
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            self.distrust(f"it cannot be read ({type(exc).__name__})")
            return
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            self.distrust("it is not a rollback-gate cache")
            return
        if data.get("version") != analyser_version():
            self.distrust("another version of rollback-gate wrote it")
            return
        entries, logs, listings = data.get("entries"), data.get("logs"), data.get("listings", {})
        if not (
            isinstance(entries, dict) and isinstance(logs, dict) and isinstance(listings, dict)
        ):
            self.distrust("its layout is not this version's")
            return
        self._entries, self._logs, self.listings = entries, logs, listings

    def distrust(self, why: str) -> None:
        """Drop everything read from the pack, with a note (it is malformed)."""
        self._entries, self._logs, self.listings = {}, {}, {}
        note = f"result cache {self.pack} ignored: {why}; analysed from scratch"
        if note not in self.notes:
            self.notes.append(note)


def _entry(entry: Outcome | list[Any]) -> list[Any]:
    """A pack entry as JSON: this run's outcome (every finding a dict) or a hit, as read."""
    if not isinstance(entry, Outcome):
        return entry
    return [
        [finding_json(f) for f in entry.findings],
        [item_json(w) for w in entry.waivers],
        entry.deps,  # tuples: written as JSON arrays, not copied
        entry.log,
    ]


def _log_of(entry: Outcome | list[Any]) -> Any:
    return entry.log if isinstance(entry, Outcome) else entry[3]


def log_id(log: Iterable[Dep]) -> str:
    """A content id for a read log."""
    return hashlib.sha256(json.dumps(list(log)).encode()).hexdigest()[:24]
