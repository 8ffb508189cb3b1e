"""Read-only access to the files of the repository under check.

Every check reads files through a :class:`Tree`: paths are repo-relative POSIX strings,
reads are capped in size, binary files and symlinks are refused with a reason
(:class:`~rollback_gate.migrations.base.Unreadable`), and nothing outside the root is
reachable. The list of files comes from git when the root is a git work tree (tracked plus
untracked-but-not-ignored files, so .gitignore is respected) and from a directory walk
otherwise.
"""

from __future__ import annotations

import bisect
import errno
import fnmatch
import functools
import hashlib
import os
import re
import stat
import subprocess
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

from rollback_gate.migrations.base import Unreadable
from rollback_gate.repo import LIST_FILES, git, git_started, started_early

MAX_TEXT_BYTES = 5 * 1024 * 1024
"""Larger files are not analysed (a finding says so): no real migration or rule file is."""

_RECENT = 16
_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
_LS_STAGED = ("ls-files", "-z", "-t", "-s", "--cached", "--modified")
# both in one call; ``--modified`` makes git lstat every file, so ``--deleted`` costs nothing
_LS_FILES_IDS = (*LIST_FILES, "-s", "--deleted", "--modified")
_WALK_SKIP = {".git", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache"}


class Tree:
    """The repository's working tree, as the gate may see it."""

    def __init__(self, root: Path, *, use_git: bool = True, ids: bool = False) -> None:
        """``ids``: list the blob ids with the files (one git call instead of two), for a
        run that will look its files up in a result cache; a cold run keeps no ids."""
        self.root = root.resolve()
        self._use_git = use_git
        self._ids = ids
        self._listing: subprocess.Popen[bytes] | None = None
        self.untracked: frozenset[str] = frozenset()  # files git does not track (listed so)

    def start_listing(self) -> None:
        """Start listing the files in the background (git runs on another core while the
        run resolves its base and imports its checks); ``files`` collects it."""
        if not self._use_git or "files" in self.__dict__ or self._listing is not None:
            return
        try:
            args = self._listing_args()
            self._listing = started_early(self.root, *args) or git_started(self.root, *args)
        except OSError:
            self._listing = None  # ``files`` runs it again, and falls back to a walk

    def stop_listing(self) -> None:
        """End a listing started and never collected (the run stopped before it)."""
        proc, self._listing = self._listing, None
        if proc is not None:
            proc.kill()
            proc.communicate()

    def _listing_args(self) -> tuple[str, ...]:
        return _LS_FILES_IDS if self._ids else LIST_FILES

    def __getstate__(self) -> dict[str, object]:
        # Sent to worker processes: the root, and the listings already made (so that a
        # worker runs no git of its own); read caches are rebuilt on demand.
        state: dict[str, object] = {
            "root": self.root,
            "_use_git": self._use_git,
            "_ids": False,
            "_listing": None,
            "untracked": self.untracked,
        }
        for name in ("files", "_index_ids", "_from_git"):
            if name in self.__dict__:
                state[name] = self.__dict__[name]
        return state

    # -- listing -------------------------------------------------------------------------

    @functools.cached_property
    def files(self) -> tuple[str, ...]:
        """Every file (not directory) in the tree, sorted, repo-relative."""
        listed = self._git_files() if self._use_git else None
        self._from_git = listed is not None
        if listed is None:
            listed = list(self._walk())
        return tuple(sorted(listed))

    def _git_files(self) -> list[str] | None:
        """Tracked and untracked-but-not-ignored files, less tracked files deleted from the
        work tree (they are not there to read): one ``git ls-files`` with status tags
        (and, with ``ids``, stage data: the blob ids come with it)."""
        out = self._collected() if self._listing is not None else self._git(*self._listing_args())
        if out is None:
            return None
        entries = list(_entries(out)) if self._ids else _entries(out)
        listed: dict[str, None] = {}
        deleted = set()
        untracked = set()
        for tag, _, _, _, name in entries:
            if tag == "R":
                deleted.add(name)
            elif tag != "C":  # "C" (with ids) repeats a modified file
                listed[name] = None
                if tag == "?":
                    untracked.add(name)
        self.untracked = frozenset(untracked)
        if self._ids:
            self._index_ids = _staged(entries)  # the same entries, parsed once
        else:
            deleted = _absent(self.root, (n for n in listed if n not in untracked))
        return [n for n in listed if n not in deleted] if deleted else list(listed)

    @functools.cached_property
    def _index_ids(self) -> dict[str, str]:
        """Blob ids of tracked regular files the work tree has not modified, from git's
        index (asked only when a file's id is wanted without reading it: a warm cache)."""
        self.files  # noqa: B018 - is this a git listing? (with ids, it set this already)
        out = self._git(*_LS_STAGED) if self.__dict__.get("_from_git") else None
        return _staged(_entries(out or ""))

    def _collected(self) -> str | None:
        proc = self._listing
        if proc is None:
            return None
        try:
            stdout, _ = proc.communicate(timeout=120)
        except subprocess.SubprocessError:
            self.stop_listing()
            return None
        self._listing = None
        return stdout.decode("utf-8", "surrogateescape") if proc.returncode == 0 else None

    def _git(self, *args: str) -> str | None:
        try:
            done = git(self.root, *args, timeout=120)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.decode("utf-8", "surrogateescape") if done.returncode == 0 else None

    def _walk(self) -> Iterable[str]:
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = [d for d in dirnames if d not in _WALK_SKIP]
            rel = os.path.relpath(dirpath, self.root)
            for name in filenames:
                yield name if rel == "." else f"{Path(rel).as_posix()}/{name}"

    def under(self, folder: str) -> list[str]:
        """Files below ``folder`` (repo-relative; '' or '.' for everything)."""
        folder = folder.strip("/")
        if folder in ("", "."):
            return list(self.files)
        prefix = folder + "/"
        # ``files`` is sorted: the folder is one run of it, found by bisection.
        files = self.files
        start = bisect.bisect_left(files, prefix)
        end = bisect.bisect_left(files, folder + "0", start)  # "0" sorts right after "/"
        return list(files[start:end])

    def glob(self, patterns: Iterable[str]) -> list[str]:
        """Files matching any of the globs (``**`` crosses folders, ``*`` does not).

        A pattern's folders before its first wildcard narrow the files by bisection
        (``.github/workflows/*.yml`` looks at that folder only, not at 10,000 files)."""
        found: set[str] = set()
        for pattern in patterns:
            regex = glob_regex(pattern)
            plain = pattern.strip().lstrip("./") if pattern.startswith("./") else pattern.strip()
            fixed = []
            for part in plain.split("/")[:-1]:
                if not part or any(c in part for c in "*?["):
                    break
                fixed.append(part)
            candidates = self.under("/".join(fixed)) if fixed else self.files
            found.update(f for f in candidates if regex.match(f))
        return sorted(found)

    # -- reading -------------------------------------------------------------------------

    def full(self, path: str) -> Path:
        """The absolute path of ``path``; raises Unreadable when it would leave the root."""
        return Path(self._abs(path))

    def _abs(self, path: str) -> str:
        # String checks, not Path objects: this runs once per file read (hot path).
        if path.startswith(("/", "\\")) or ".." in path.split("/"):
            raise Unreadable(path, "path leaves the repository")
        return os.path.join(self._root, path)

    @functools.cached_property
    def _root(self) -> str:
        return str(self.root)

    def used(self, path: str) -> None:
        return None  # nothing is recorded here (see Source.used)

    def exists(self, path: str) -> bool:
        # A symlink does not "exist" as a file of its own (plan and drill refuse a
        # symlinked script); read_bytes() still reads an in-repository target.
        try:
            st = os.lstat(self._abs(path))
        except (Unreadable, OSError):
            return False
        return stat.S_ISREG(st.st_mode)

    def _inside(self, full: str) -> str | None:
        """The repo-relative path of the regular file the symlink ``full`` resolves to, or
        None when it resolves outside the repository or to no regular file."""
        real = os.path.realpath(full)
        root = os.path.realpath(self._root)
        if not real.startswith(root + os.sep) or not os.path.isfile(real):
            return None
        return os.path.relpath(real, root).replace(os.sep, "/")

    def read_bytes(self, path: str, limit: int = MAX_TEXT_BYTES, *, follow: bool = True) -> bytes:
        """The file's bytes; raises Unreadable for folders, huge or missing files and for
        symlinks that leave the repository.

        One open (refusing a final symlink atomically, never blocking on a FIFO), one
        fstat, one read (a byte more than the size is asked: a short read is the end). A
        symlink to a file inside the repository is read as that file (what it points at is
        what a deploy runs); one pointing outside is refused.
        """
        full = self._abs(path)
        try:
            fd = os.open(full, _OPEN_FLAGS)
        except FileNotFoundError:
            raise Unreadable(path, "no such file") from None
        except OSError as exc:
            if exc.errno == errno.ELOOP and os.path.islink(full):
                inside = self._inside(full) if follow else None
                if inside is not None:
                    return self.read_bytes(inside, limit, follow=False)
                target = os.readlink(full)
                where = "" if not follow else ", outside the repository (or to no file)"
                raise Unreadable(
                    path, f"is a symlink (to {target}){where}; commit the file itself"
                ) from None
            raise Unreadable(path, f"cannot be read: {exc.strerror}") from None
        st = os.fstat(fd)
        problem = None
        if stat.S_ISDIR(st.st_mode):
            problem = "is a directory, not a file"
        elif not stat.S_ISREG(st.st_mode):
            problem = "is not a regular file"
        elif st.st_size > limit:
            problem = f"is {st.st_size:,} bytes, over the {limit:,}-byte limit"
        if problem is not None:
            os.close(fd)
            raise Unreadable(path, problem)
        try:
            chunks = []
            remaining = limit + 1
            while remaining > 0:
                want = min(remaining, max(st.st_size + 1, 65536))
                chunk = os.read(fd, want)
                chunks.append(chunk)
                remaining -= len(chunk)
                if len(chunk) < want:
                    break  # a regular file's short read is its end: no read to see b""
            return b"".join(chunks)
        except OSError as exc:
            raise Unreadable(path, f"cannot be read: {exc.strerror}") from None
        finally:
            os.close(fd)

    def read_text(self, path: str, *, lenient: bool = False) -> str:
        """The file's text (see :class:`~rollback_gate.migrations.base.Source`).

        The last few texts are kept, because an analyser and the inline-waiver scan read
        the same file one after the other.
        """
        key = (path, lenient)
        # A strict decode is also the lenient one, so lenient reads reuse strict ones.
        cached = self._recent.get(key) or (self._recent.get((path, False)) if lenient else None)
        if cached is not None:
            return cached
        data = self.read_bytes(path)
        self._blobs[path] = git_blob_id(data)
        if b"\0" in data:  # anywhere: a NUL after the first page hides the rest from parsers
            raise Unreadable(path, "is a binary file (contains a NUL byte)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if not lenient:
                raise Unreadable(path, f"is not valid UTF-8 (byte {exc.start})") from None
            text = data.decode("latin-1")
        self._recent[key] = text
        if len(self._recent) > _RECENT:
            self._recent.popitem(last=False)
        return text

    @functools.cached_property
    def _recent(self) -> OrderedDict[tuple[str, bool], str]:
        return OrderedDict()

    def blob_id(self, path: str) -> str:
        """The git blob id of the file's bytes (``git hash-object``); raises Unreadable.

        Hashed here from the bytes when the file was read, else taken from git's index
        when the work tree has not modified it (no read at all: a warm cache's check),
        else read and hashed; kept, since files do not change during a run. (Under
        ``core.autocrlf`` or clean filters the index's id is of the cleaned bytes: a cache
        entry then misses, it is never wrongly hit.)
        """
        found = self._blobs.get(path) or self._index_ids.get(path)
        if found is None:
            found = self._blobs[path] = git_blob_id(self.read_bytes(path))
        return found

    def read_blob_id(self, path: str) -> str | None:
        """The blob id of the bytes this tree read for ``path`` (None when it read none)."""
        return self._blobs.get(path)

    @functools.cached_property
    def _blobs(self) -> dict[str, str]:
        return {}


def _absent(root: Path, tracked: Iterable[str]) -> set[str]:
    """The tracked files deleted from the work tree: each folder's names read once, which
    costs a fraction of git's ``lstat`` of every file (``ls-files --deleted``); a name its
    folder does not show is looked up on its own (a case-insensitive file system, names
    in another Unicode form). Files outside a sparse checkout are absent too."""
    by_folder: dict[str, list[str]] = {}
    for name in tracked:
        folder, _, base = name.rpartition("/")
        by_folder.setdefault(folder, []).append(base)
    gone: set[str] = set()
    for folder, bases in by_folder.items():
        where = root / folder if folder else root
        try:
            present = set(os.listdir(where))
        except OSError:
            present = set()
        for base in bases:
            if base not in present and not os.path.lexists(where / base):
                gone.add(f"{folder}/{base}" if folder else base)
    return gone


def _entries(out: str) -> Iterator[tuple[str, str, str, str, str]]:
    """``git ls-files -z -t [-s]`` entries: (tag, mode, blob id, stage, path); an
    untracked file (``? path``) has no stage data."""
    for entry in out.split("\0"):
        head, tab, name = entry.partition("\t")
        if not tab:
            tag, _, name = entry.partition(" ")
            if name:
                yield tag, "", "", "", name
            continue
        tag, mode, blob, stage = [*head.split(" "), "", "", "", ""][:4]
        yield tag, mode, blob, stage, name


def _staged(entries: Iterable[tuple[str, str, str, str, str]]) -> dict[str, str]:
    """Blob ids of the tracked regular files the work tree has not modified (``C``) or
    deleted (``R``, also ``C``), from the :func:`_entries` of ``git ls-files -z -t -s``."""
    staged: dict[str, str] = {}
    changed = set()
    for tag, mode, blob, stage, name in entries:
        if tag in ("C", "R"):
            changed.add(name)
        elif tag == "H" and stage == "0" and mode in ("100644", "100755"):
            staged[name] = blob
    return {n: b for n, b in staged.items() if n not in changed}


def git_blob_id(data: bytes) -> str:
    """What ``git hash-object`` prints for ``data``, without running git."""
    digest = hashlib.sha1(b"blob %d\0" % len(data), usedforsecurity=False)
    digest.update(data)
    return digest.hexdigest()


class Matcher(Protocol):
    """What a compiled glob offers: ``match(path)`` is truthy when the path matches."""

    def match(self, path: str) -> object: ...


@functools.lru_cache(maxsize=512)
def glob_regex(pattern: str, *, trusted: bool = False) -> Matcher:
    """Compile a repo glob: ``**/`` matches any folders (or none), ``*`` stays in a folder.

    Globs come from the config, which the change under test may edit: a regex with k
    wildcards backtracks in time n^k (``*a*a*a*a*b`` on a 250-letter name took 30 s). Up to
    two wildcards compile to a regex; more run on :class:`_GlobNFA`, linear in the path
    (``trusted``: the gate's own globs, whose wildcards a literal separates, always a
    regex, ten times faster)."""
    pattern = pattern.strip().lstrip("./") if pattern.startswith("./") else pattern.strip()
    tokens = _glob_tokens(pattern)
    while tokens and tokens[-1] == ("lit", "/"):
        tokens.pop()  # "db/migrations/" is the folder: matched with everything below it
    if not trusted and sum(kind in ("star", "dstar", "dslash") for kind, _ in tokens) > 2:
        return _GlobNFA(tokens)
    regex = {"star": "[^/]*", "dstar": ".*", "dslash": "(?:.*/)?", "any": "[^/]"}
    body = "".join(regex.get(kind) or text for kind, text in tokens)
    # A folder pattern ("db/migrations") also matches everything below it.
    return re.compile(f"^{body}(?:/.*)?$")


def _glob_tokens(pattern: str) -> list[tuple[str, str]]:
    """(kind, regex text) per glob element; runs of wildcards collapse to one."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            kind, text, i = "dslash", "", i + 3
        elif pattern.startswith("**", i):
            kind, text, i = "dstar", "", i + 2
        elif pattern[i] == "*":
            kind, text, i = "star", "", i + 1
        elif pattern[i] == "?":
            kind, text, i = "any", "", i + 1
        elif pattern[i] == "[" and pattern.find("]", i + 1) != -1:
            end = pattern.find("]", i + 1)
            kind, text, i = "class", fnmatch.translate(pattern[i : end + 1])[4:-3], end + 1
        else:
            kind, text, i = "lit", re.escape(pattern[i]), i + 1
        prev = out[-1][0] if out else ""
        merged = _MERGED.get((prev, kind))
        if merged is not None:  # `**/**/`, `***`, `**/**`… match what one wildcard does
            out[-1] = (merged, "")
            continue
        out.append((kind, text))
    return out


_MERGED = {
    ("star", "star"): "star",
    ("star", "dstar"): "dstar",
    ("dstar", "star"): "dstar",
    ("dstar", "dstar"): "dstar",
    ("dslash", "dslash"): "dslash",
    ("dslash", "dstar"): "dstar",
    ("dstar", "dslash"): "dstar",
}


class _GlobNFA:
    """A glob run as a set of positions in its token list (Thompson's construction)."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.classes = {
            i: re.compile(text) for i, (kind, text) in enumerate(tokens) if kind == "class"
        }

    def _close(self, states: set[int]) -> set[int]:
        # Wildcards may match nothing: a state before one also stands after it. A
        # negative state -i-1 is "inside" the `**/` at i (it must end on a slash).
        todo = list(states)
        while todo:
            i = todo.pop()
            wild = 0 <= i < len(self.tokens) and self.tokens[i][0] in ("star", "dstar", "dslash")
            if wild and i + 1 not in states:
                states.add(i + 1)
                todo.append(i + 1)
        return states

    def match(self, path: str) -> bool:
        end = len(self.tokens)
        states = self._close({0})
        for c in path:
            if end in states and c == "/":
                return True  # the folder pattern matches everything below it
            step: set[int] = set()
            for i in states:
                if i < 0:  # inside `**/`
                    step.add(i)
                    if c == "/":
                        step.add(-i)
                    continue
                if i == end:
                    continue
                kind, text = self.tokens[i]
                if kind == "star":
                    if c != "/":
                        step.add(i)
                elif kind == "dstar":
                    step.add(i)
                elif kind == "dslash":
                    step.add(-i - 1)
                    if c == "/":
                        step.add(i + 1)
                elif kind == "any":
                    if c != "/":
                        step.add(i + 1)
                elif kind == "class":
                    if self.classes[i].fullmatch(c):
                        step.add(i + 1)
                elif c == text[-1]:  # a literal: re.escape of one character ends with it
                    step.add(i + 1)
            if not step:
                return False
            states = self._close(step)
        return end in states


def matches(path: str, pattern: str) -> bool:
    """True when repo-relative ``path`` matches the glob ``pattern``."""
    return bool(glob_regex(pattern).match(path))
