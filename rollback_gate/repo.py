"""The one module that talks to git.

Plain ``git`` processes (GitPython costs ~110 ms to import and runs ``git version`` at
import; its command wrapper costs the same as a subprocess). Answers that do not change
during a run (HEAD, whether the clone is shallow) are asked once, and the candidate default
branches are resolved by one ``for-each-ref``.

Base resolution follows SPEC.md: ``--base``; the CI's own variables (GitHub's pull request
or merge-group base SHA from the event payload, ``GITHUB_BASE_REF``, GitLab's
``CI_MERGE_REQUEST_DIFF_BASE_SHA``); the merge base with the default branch; the last tag.
On a shallow clone the history is deepened until the merge base exists, or the run stops
with exit 4 and the exact fix. It never passes because it could not see the diff.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import posixpath
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rollback_gate import lazyre
from rollback_gate.errors import EnvironmentProblem

DEEPEN_STEPS = (50, 200, 1000, 5000)
_WILDCARD = lazyre.compile(r"[*?\[\]\\]")
# the distinct file contents :meth:`GitRepo.words_at` searches in one call (40-70 ms a MB)
WORDS_BUDGET_BYTES = 8 << 20
WORDS_RELEASES = 24  # the releases an audit asks :meth:`GitRepo.words_at` of, at most
GIT_TIMEOUT_S = 600  # a fetch that deepens a large clone may take minutes
SHALLOW_FIX = (
    "check out the full history: in GitHub Actions `actions/checkout` with `fetch-depth: 0`; "
    "in GitLab CI `GIT_DEPTH: 0`; locally `git fetch --unshallow`"
)


# Variables that tell git *how* to reach a remote or run, kept for every call (the same
# allow-list pre-commit keeps); every other GIT_* variable describes some other repository
# or index (a hook's GIT_INDEX_FILE, GIT_DIR, GIT_WORK_TREE …) and is dropped.
_GIT_KEEP = frozenset(
    {
        "GIT_EXEC_PATH",
        "GIT_SSH",
        "GIT_SSH_COMMAND",
        "GIT_SSL_CAINFO",
        "GIT_SSL_NO_VERIFY",
        "GIT_HTTP_PROXY_AUTHMETHOD",
        "GIT_ALLOW_PROTOCOL",
        "GIT_ASKPASS",
        "GIT_TERMINAL_PROMPT",
        "GIT_CONFIG_COUNT",
        "GIT_CONFIG_GLOBAL",
        "GIT_CONFIG_NOSYSTEM",
    }
)


def git_env(environ: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for git: ``environ`` (the process's) without other repositories'
    ``GIT_*`` variables, so a pre-commit hook or a CI job sees what the tests see."""
    source = os.environ if environ is None else environ
    return {
        k: v
        for k, v in source.items()
        if not k.startswith("GIT_")
        or k in _GIT_KEEP
        or k.startswith(("GIT_CONFIG_KEY_", "GIT_CONFIG_VALUE_"))
    }


def git(
    cwd: Path, *args: str, timeout: float, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``git ARGS`` in ``cwd`` with a clean environment; the one way the gate runs git.

    Raises OSError (no git) and subprocess.TimeoutExpired like ``subprocess.run``."""
    return subprocess.run(
        ["git", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=timeout,
        check=False,
        env=git_env(),
    )


def git_started(cwd: Path, *args: str) -> subprocess.Popen[bytes]:
    """Start ``git ARGS`` in ``cwd`` (the environment of :func:`git`) without waiting: a
    caller that has other work first collects it with ``communicate(timeout=…)``.

    Raises OSError (no git)."""
    return subprocess.Popen(
        ["git", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=git_env(),
    )


LIST_FILES = ("ls-files", "-z", "-t", "--cached", "--others", "--exclude-standard")
"""The tree's file listing: tracked files (tagged ``H``, ``S`` …) and untracked files git
does not ignore (``?``). Tracked files deleted from the work tree are not told apart here:
``--deleted`` makes git ``lstat`` every tracked file, which costs more than the rest of the
listing (:class:`~rollback_gate.tree.Tree` reads each folder's names instead)."""

_EARLY: dict[tuple[str, tuple[str, ...]], subprocess.Popen[bytes]] = {}


def start_early(cwd: Path, *args: str) -> None:
    """Start ``git ARGS`` in ``cwd`` now, for whoever asks :func:`started_early` for it later.

    The command line starts the file listing this way before it imports the checks, so
    git lists on another core meanwhile. Without git nothing starts (the run says why
    later); :func:`end_early` ends what nobody took over."""
    key = (os.path.realpath(cwd), args)
    if key not in _EARLY:
        with contextlib.suppress(OSError):
            _EARLY[key] = git_started(Path(key[0]), *args)


def started_early(cwd: Path, *args: str) -> subprocess.Popen[bytes] | None:
    """The process :func:`start_early` started with these arguments in ``cwd`` (resolved,
    so ``.`` and the same folder's full path are one), handed over once; else None."""
    return _EARLY.pop((os.path.realpath(cwd), args), None)


def end_early() -> None:
    """Kill and reap every early process nobody took over (its output is not wanted)."""
    while _EARLY:
        _, proc = _EARLY.popitem()
        proc.kill()
        proc.communicate()


def _folder(path: str) -> str:
    """A repository-relative folder as a pathspec's tail ("" for the root, ``.`` or ``/``)."""
    folder = path.strip("/")
    return "" if folder == "." else folder


GREP_LINE_CHARS = 4000
"""A grep hit's text is kept this long (SQL built in one Java string runs to 2 kB lines)."""


@dataclass(frozen=True)
class Change:
    """One changed file between base and HEAD: A(dded), M(odified), D(eleted), R(enamed)."""

    status: str
    path: str
    old_path: str | None = None
    similarity: int = 0  # a rename's or copy's, in percent (git's R100: moved unchanged)


@dataclass(frozen=True)
class Diff:
    """What changed between ``base`` and ``head``."""

    base: str
    head: str
    changes: tuple[Change, ...]
    how: str  # how the base was chosen, for the report's notes

    @property
    def changed(self) -> frozenset[str]:
        """Paths added, modified or renamed (their new names)."""
        return frozenset(c.path for c in self.changes if c.status != "D")

    @property
    def added(self) -> frozenset[str]:
        """Paths the change adds."""
        return frozenset(c.path for c in self.changes if c.status == "A")

    @property
    def moved(self) -> frozenset[str]:
        """Paths renamed without a change to their content (their new names)."""
        return frozenset(c.path for c in self.changes if c.status == "R" and c.similarity == 100)


MOST_TOGETHER = 20
"""Migration files one commit may add and still be one release: a feature's table and its
indexes in two files (openboxes, OpenELIS, central-ledger: round O); more is an import or
a squash of a history, not a release, unless the folder had migrations before (see
:mod:`rollback_gate.checks.history.unwritten`)."""

_MOST_LISTED = 20_000
"""Commits one ``git log`` names on its command line (about 800 kB of arguments)."""

# git's own message for a merge: of a remote's branch, ``git pull`` (``Merge branch 'main'
# of github.com:o/r``) or ``git merge origin/main``, or of a local branch (``Merge branch
# 'master' into feature``), with `` into <branch>`` unless the branch merged into is the
# default one
_PULL = lazyre.compile(
    r"^Merge (?:branch '(?P<branch>[^']+)' of \S+"
    r"|remote-tracking branch '[^'/]+/(?P<tracked>[^']+)'"
    r"|branch '(?P<local>[^']+)')(?: into (?P<into>\S+))?\s*$"
)


class GitRepo:
    """A git work tree, driven with the ``git`` command."""

    def __init__(self, root: Path) -> None:
        if not root.is_dir():
            raise EnvironmentProblem(f"{root}: no such directory")
        self.root = root.resolve()
        self._cwd = self.root
        # HEAD asked with the top level, in one git: a repository without commits fails
        # the three together, and is asked again without HEAD
        top = self.try_run(
            "rev-parse", "--show-toplevel", "--is-shallow-repository", "HEAD^{commit}"
        )
        lines = top.splitlines() if top else []
        self._head: list[str | None] = [lines.pop()] if len(lines) == 3 else []
        if not lines:
            top = self.try_run("rev-parse", "--show-toplevel", "--is-shallow-repository")
            lines = top.splitlines() if top else []
        if len(lines) != 2 or not lines[0]:
            raise NotARepository(root)
        self.toplevel = Path(lines[0]).resolve()
        self._cwd = self.toplevel
        self._shallow = lines[1] == "true"
        # The checked folder may sit inside a larger repository (a monorepo service, or
        # the bundled examples): git paths carry this prefix, gate paths do not.
        rel = self.root.relative_to(self.toplevel).as_posix()
        self.prefix = "" if rel == "." else rel + "/"
        self.fetched: list[str] = []  # what a shallow clone had to fetch, for the report
        # (status, commit) → the files it added or deleted, and a commit's time (None where
        # git told none): asked once a run
        self._files: dict[tuple[str, str], set[str]] = {}
        self._parents: dict[str, list[str]] = {}  # a commit → its parents (merged_history)
        self._times: dict[str, int | None] = {}
        # what :meth:`words_at` read, kept for the run (an audit's judges ask the same
        # releases): a rev's files (:meth:`_tree`), a blob's lower-case text and its words
        self._trees: dict[str, list[tuple[str, str, int]] | None] = {}
        self._texts: dict[str, str | None] = {}
        self._words: dict[str, frozenset[str]] = {}

    def _p(self, path: str) -> str:
        return self.prefix + path

    def run(self, *args: str) -> str:
        """``git ARGS`` in the work tree; raises EnvironmentProblem on failure."""
        try:
            done = git(self._cwd, *args, timeout=GIT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise EnvironmentProblem(
                f"git {' '.join(args)} failed: no answer in {GIT_TIMEOUT_S} s"
            ) from None
        except OSError as exc:
            raise EnvironmentProblem(f"git {' '.join(args)} failed: {exc.strerror}") from None
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip()
            raise EnvironmentProblem(f"git {' '.join(args)} failed: {detail}")
        out = done.stdout.decode("utf-8", "surrogateescape")
        return out[:-1] if out.endswith("\n") else out

    def try_run(self, *args: str) -> str | None:
        try:
            return self.run(*args)
        except EnvironmentProblem:
            return None

    def head(self) -> str | None:
        if not self._head:
            self._head.append(self.try_run("rev-parse", "--verify", "-q", "HEAD^{commit}"))
        return self._head[0]

    def resolve(self, ref: str) -> str | None:
        return self.try_run("rev-parse", "--verify", "-q", f"{ref}^{{commit}}")

    def is_shallow(self) -> bool:
        return self._shallow

    def mode_at_head(self, path: str) -> str | None:
        """The committed mode of ``path`` (``100755``, ``100644``, ``120000``) or None."""
        out = self.try_run("ls-tree", "HEAD", "--", self._p(path))
        return out.split()[0] if out else None

    def last_commit_time(self, path: str) -> int | None:
        """Unix time of the last commit that touched ``path``."""
        out = self.try_run("log", "-1", "--format=%ct", "--", self._p(path))
        return int(out) if out and out.isdigit() else None

    def first_commit_time(self, path: str, text: str) -> int | None:
        """Unix time of the first commit whose version of ``path`` contained ``text``."""
        out = self.try_run("log", "--reverse", "--format=%ct", "-S", text, "--", self._p(path))
        first = out.splitlines()[0] if out else ""
        return int(first) if first.isdigit() else None

    def show(self, rev: str, path: str) -> str | None:
        return self.try_run("show", f"{rev}:{self._p(path)}")

    def read_many(self, rev: str, paths: Iterable[str], limit: int) -> dict[str, str]:
        """The text of each of ``paths`` at ``rev`` (relative to the checked folder), read by
        one ``git cat-file --batch``: paths missing there, binary or over ``limit`` bytes are
        left out; nothing is checked out."""
        found = self.read_at(((rev, p) for p in paths), limit)
        return {path: text for (_, path), text in found.items()}

    def read_at(self, wanted: Iterable[tuple[str, str]], limit: int) -> dict[tuple[str, str], str]:
        """:meth:`read_many` for ``(rev, path)`` pairs of several revisions, by one ``git
        cat-file --batch``."""
        pairs = sorted(set(wanted))
        texts: dict[tuple[str, str], str] = {}
        objects = self._objects([f"{rev}:{self._p(p)}" for rev, p in pairs])
        for pair, (kind, body) in zip(pairs, objects, strict=False):
            if kind == b"blob" and len(body) <= limit and b"\0" not in body[:8000]:
                texts[pair] = body.decode("utf-8", "replace")
        return texts

    def _objects(self, names: Sequence[str]) -> list[tuple[bytes, bytes]]:
        """``(type, content)`` of each object ``names`` names (``rev:path`` or an id), in
        order, by one ``git cat-file --batch``: ``(b"missing", b"")`` for one git cannot
        read; the list stops short where git did."""
        if not names:
            return []
        request = "".join(f"{n}\n" for n in names).encode("utf-8", "replace")
        try:
            done = git(self._cwd, "cat-file", "--batch", timeout=GIT_TIMEOUT_S, stdin=request)
        except (OSError, subprocess.TimeoutExpired):
            return []
        out, at, found = done.stdout, 0, []
        for _ in names:
            end = out.find(b"\n", at)
            if end < 0:
                break
            header = out[at:end].split()
            at = end + 1
            if len(header) != 3 or not header[2].isdigit():
                found.append((b"missing", b""))  # "<name> missing"
                continue
            size = int(header[2])
            found.append((header[1], out[at : at + size]))
            at += size + 1
        return found

    def words_at(
        self,
        revs: Sequence[str],
        words: Iterable[str],
        keep: Callable[[str], bool],
        comments: tuple[str, ...] = (),
        budget: int = WORDS_BUDGET_BYTES,
        final: Callable[[str], bool] = lambda path: True,
    ) -> dict[str, dict[str, set[str]]]:
        """rev → word → the paths (relative to the checked folder) of the text files at
        ``rev`` that ``keep`` accepts and that hold the word as a whole word, in any case,
        on a line not starting with one of ``comments``. A word found in a path ``final``
        accepts is not looked for further in that rev (its paths are those found by then).

        ``revs`` in the order they are wanted: each is answered while the distinct file
        contents of those answered stay within ``budget`` bytes; the rest, and a rev git
        cannot list, are left out. Each distinct content is read and searched once,
        however many revs hold it (a vendored 3 MB bundle in every release: once, where
        ``git grep`` over many trees reads each tree's copy): one ``git ls-tree`` per rev
        and one ``git cat-file --batch``. A rev with a file git could not read is left out
        too. A word joined to another by a hyphen (``create-motive``) is not the word."""
        wanted = sorted({w.lower() for w in words if w})
        if not wanted or not revs:
            return {}
        kept: dict[str, bool] = {}  # path → keep(path), asked once per path
        trees: dict[str, list[tuple[str, str]]] = {}  # rev → (path, blob id)
        sizes: dict[str, int] = {}
        total = 0
        for rev in revs:
            listed = self._tree(rev)
            if listed is None:
                continue
            entries: list[tuple[str, str]] = []
            more: dict[str, int] = {}
            for path, blob, size in listed:
                if (ok := kept.get(path)) is None:
                    ok = kept[path] = bool(keep(path))
                if ok:
                    entries.append((path, blob))
                    if blob not in sizes:
                        more[blob] = size
            total += sum(more.values())
            if total > budget:
                break  # (the wanted order: the newer releases answered, not the cheaper)
            trees[rev] = entries
            sizes.update(more)
        texts = self._lowered_texts(sorted(sizes))  # blob id → its text; None: unread
        # the files each word is a whole word of (a word no file holds is asked of no file:
        # those are the words the search is for)
        plain = {w for w in wanted if _TOKEN.fullmatch(w)}
        holding: dict[str, set[str]] = {w: set() for w in wanted}
        for blob, text in texts.items():
            if text:
                for w in self._tokens(blob, text) & plain:
                    holding[w].add(blob)
                for w in wanted:  # (a word of other characters, as a substring)
                    if w not in plain and w in text:
                        holding[w].add(blob)
        patterns: dict[str, re.Pattern[str]] = {}  # (compiled for the words asked of a file)
        known: dict[tuple[str, str], bool] = {}  # (blob, word) → said outside a comment

        # (in SQL, `total-discount` may be arithmetic: not told from a name; a content any
        # release holds as a `.sql` file is read so, once for the run)
        sql = {blob for entries in trees.values() for path, blob in entries
               if path.endswith(".sql")}  # fmt: skip

        def says(blob: str, word: str) -> bool:
            if (hit := known.get((blob, word))) is None:
                text = texts[blob] or ""
                if (pattern := patterns.get(word)) is None:
                    pattern = patterns[word] = re.compile(
                        rf"(?<![a-z0-9_$]){re.escape(word)}(?![a-z0-9_$])"
                    )
                hit = known[(blob, word)] = any(
                    not (blob not in sql and _kebab(text, m.start(), m.end()))
                    and not text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
                    .lstrip().startswith(comments)
                    for m in pattern.finditer(text)
                )  # fmt: skip
            return hit

        result: dict[str, dict[str, set[str]]] = {}
        for rev, entries in trees.items():
            if any(texts.get(blob, "") is None for _, blob in entries):
                continue  # (a file git could not read may say any word)
            paths: dict[str, list[str]] = {}
            for path, blob in entries:
                paths.setdefault(blob, []).append(path)
            found: dict[str, set[str]] = {}
            for word, blobs in holding.items():
                for blob in sorted(blobs & paths.keys()):  # (a common word: its first file)
                    if says(blob, word):
                        found.setdefault(word, set()).update(paths[blob])
                        if any(final(p) for p in paths[blob]):
                            break  # (settled: no more paths)
            result[rev] = found
        return result

    def _tokens(self, blob: str, text: str) -> frozenset[str]:
        """The words of a blob's lower-case ``text`` (runs of letters, digits, ``_``, ``$``),
        kept for the run: a whole word is one of them."""
        if (found := self._words.get(blob)) is None:
            found = self._words[blob] = frozenset(_TOKEN.findall(text))
        return found

    def _tree(self, rev: str) -> list[tuple[str, str, int]] | None:
        """``(path, blob id, size)`` of each file of ``rev`` under the checked folder (the
        path relative to it), by one ``git ls-tree``, kept for the run (an audit's judges
        ask the same releases); None when git cannot list it."""
        if rev not in self._trees:
            out = self.try_run("ls-tree", "-r", "-l", "-z", "--full-tree", rev)
            listed: list[tuple[str, str, int]] = []
            for row in (out or "").split("\0"):
                meta, _, full = row.partition("\t")
                parts = meta.split()
                if len(parts) == 4 and parts[1] == "blob" and full.startswith(self.prefix):
                    size = int(parts[3]) if parts[3].isdigit() else 0
                    listed.append((full[len(self.prefix) :], parts[2], size))
            self._trees[rev] = None if out is None else listed
        return self._trees[rev]

    def files_at(self, rev: str) -> list[str] | None:
        """The paths (relative to the checked folder) of every file of ``rev``, by one ``git
        ls-tree`` kept for the run; None when git cannot list it."""
        listed = self._tree(rev)
        return None if listed is None else [path for path, _, _ in listed]

    def _lowered_texts(self, blobs: Sequence[str]) -> dict[str, str | None]:
        """blob id → its text in lower case, by one ``git cat-file --batch`` for those not
        read before in the run: "" for a binary blob (as ``git grep -I`` skips it), None
        for one git could not read."""
        ask = [b for b in blobs if b not in self._texts]
        for blob in ask:
            self._texts[blob] = None
        for blob, (kind, body) in zip(ask, self._objects(ask), strict=False):
            if kind != b"missing":
                binary = b"\0" in body[:8000]
                self._texts[blob] = "" if binary else body.decode("utf-8", "replace").lower()
        return {b: self._texts[b] for b in blobs}

    def held_at(self, wanted: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """Those ``(rev, path)`` pairs (the path relative to the checked folder, a file or
        a folder) whose ``rev`` holds the path: one ``git cat-file --batch-check``."""
        pairs = sorted(set(wanted))
        tops = [(rev, self._p(p)) for rev, p in pairs]
        blobs = self._blobs(tops)
        return {pair for pair, top in zip(pairs, tops, strict=True) if blobs[top]}

    def _blobs(self, pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """Each ``(rev, path from the top)`` → the id of what ``rev`` holds there, "" where
        it holds nothing (or git stopped short): one ``git cat-file --batch-check``."""
        out = dict.fromkeys(pairs, "")
        if not pairs:
            return out
        request = "".join(f"{rev}:{p}\n" for rev, p in pairs).encode("utf-8", "replace")
        try:
            done = git(self._cwd, "cat-file", "--batch-check", timeout=GIT_TIMEOUT_S, stdin=request)
        except (OSError, subprocess.TimeoutExpired):
            return out
        rows = done.stdout.decode("utf-8", "replace").splitlines()
        for pair, row in zip(pairs, rows, strict=False):
            if not row.endswith(" missing"):
                out[pair] = row.partition(" ")[0]
        return out

    def grep_lines(
        self,
        rev: str,
        words: Iterable[str],
        exclude: Iterable[str] = (),
        *,
        include: Iterable[str] = (),
        glob_matcher: Callable[[str], Callable[[str], object]] | None = None,
    ) -> list[tuple[str, int, str]]:
        """Every line of the text files of ``rev`` under the checked folder holding one of
        ``words`` as a whole word, in any case (only paths matching the ``include`` globs,
        when given), except paths matching the ``exclude`` globs (both relative to it): one
        ``git grep`` over the object database, nothing checked out. ``(path, line, text)``
        each, the text cut at :data:`GREP_LINE_CHARS` characters."""
        found = self.grep_lines_at(
            [rev], words, exclude, include=include, glob_matcher=glob_matcher
        )
        return [(path, line, text) for _, path, line, text in found]

    def grep_lines_at(
        self,
        revs: Sequence[str],
        words: Iterable[str],
        exclude: Iterable[str] = (),
        *,
        include: Iterable[str] = (),
        glob_matcher: Callable[[str], Callable[[str], object]] | None = None,
    ) -> list[tuple[str, str, int, str]]:
        """:meth:`grep_lines` at each of ``revs`` (commit ids), by one ``git grep``:
        ``(rev, path, line, text)`` each."""
        wanted = sorted({w.lower() for w in words})
        if not wanted or not revs:
            return []
        # One extended regex, the words its alternatives: git matches it in one pass per
        # line, where one -F -e per word with -i costs a pass each (openlane's replay of
        # 28 words over 1 GB of generated Go: 143 s against 1.7 s, round R).
        spelt = [v for w in wanted for v in _cased(w)]
        pattern = "(" + "|".join(_ERE_SPECIAL.sub(r"\\\g<0>", w) for w in spelt) + ")"
        # Folders and suffixes are excluded by git; globs git would match with its `glob`
        # magic against every path of the tree (`**/test/**`: half of the search's time
        # over 10,000 files) are matched here against the few paths that hold a word.
        # (with ``glob_matcher``, which compiles a glob to a path predicate)
        specs = [(glob, self._pathspec(glob, exclude=True)) for glob in exclude]
        late = glob_matcher is not None
        skip = [spec for _, spec in specs if not late or ",glob)" not in spec]
        after = [glob for glob, spec in specs if late and ",glob)" in spec]
        # -z: NUL after the path and the line number, and paths as they are (without it
        # git C-quotes every path outside ASCII: "s\303\270knad/...").
        args = [
            "grep",
            "-I",
            "-i",
            "-n",
            "-w",
            "-E",
            "-z",
            "--no-color",
            "-e",
            pattern,
            *revs,
            "--",
        ]
        only = [self._pathspec(glob) for glob in include] or [f":(top){self.prefix}"]
        out = self.try_run(*args, *only, *skip)
        found: list[tuple[str, str, int, str]] = []
        for row in (out or "").split("\n"):
            named, line, text = [*row.split("\0", 2), "", ""][:3]
            rev, _, path = named.partition(":")  # "<rev>:<path>"; the rev is a commit id
            if line.isdigit() and path:
                found.append((rev, self._strip(path), int(line), text[:GREP_LINE_CHARS]))
        if after and found and glob_matcher is not None:
            matchers = [glob_matcher(glob) for glob in after]
            # (each path once: a common word puts thousands of a few files' lines here)
            kept = {p for p in {hit[1] for hit in found} if not any(m(p) for m in matchers)}
            found = [hit for hit in found if hit[1] in kept]
        return found

    def grep_files(
        self,
        rev: str,
        pattern: str,
        include: Iterable[str],
        exclude: Iterable[str] = (),
        *,
        fixed_any_case: bool = False,
    ) -> set[str]:
        """The text files of ``rev`` matching the ``include`` globs and none of the
        ``exclude`` ones (relative to the checked folder) where the extended regex
        ``pattern`` matches (with ``fixed_any_case``, the plain text in any case, which git
        finds several times faster): one ``git grep -l`` over the object database; empty
        when git cannot answer."""
        found = self.grep_files_at([rev], pattern, include, exclude, fixed_any_case=fixed_any_case)
        return found.get(rev, set())

    def grep_files_at(
        self,
        revs: Sequence[str],
        pattern: str,
        include: Iterable[str],
        exclude: Iterable[str] = (),
        *,
        fixed_any_case: bool = False,
    ) -> dict[str, set[str]]:
        """:meth:`grep_files` at each of ``revs``, by one ``git grep``: rev → its files."""
        only = [self._pathspec(glob) for glob in include]
        skip = [self._pathspec(glob, exclude=True) for glob in exclude]
        how = ("-i", "-F") if fixed_any_case else ("-E",)
        out = self.try_run("grep", "-l", "-I", *how, "-z", "-e", pattern, *revs, "--", *only, *skip)
        found: dict[str, set[str]] = {}
        longest_first = sorted(set(revs), key=len, reverse=True)
        for hit in (out or "").split("\0"):
            rev = next((r for r in longest_first if hit.startswith(f"{r}:")), None)
            if rev is not None:
                found.setdefault(rev, set()).add(self._strip(hit[len(rev) + 1 :]))
        return found

    def _pathspec(self, glob: str, *, exclude: bool = False) -> str:
        """``glob`` (relative to the checked folder) as a pathspec git matches fast: a
        suffix, ``**/*.py``, as the plain pattern ``*.py`` (whose ``*`` crosses ``/``; git
        compares the tail instead of running its matcher), a folder, ``db/migrate/**``,
        as a literal prefix; other globs with git's ``glob`` magic. The same paths match,
        for a third of the time over 10,000 files (issue 13)."""
        magic = "top,exclude" if exclude else "top"
        if glob.startswith("**/*") and not _WILDCARD.search(glob[4:]):
            return f":({magic}){self.prefix}{glob[3:]}"
        if glob.endswith("/**") and not _WILDCARD.search(glob[:-3]):
            return f":({magic}){self.prefix}{glob[:-2]}"
        return f":({magic},glob){self.prefix}{glob}"

    def files_with(self, text: str | Sequence[str], folders: Iterable[str]) -> list[str] | None:
        """The work tree's files under ``folders`` (tracked and untracked) holding ``text``
        (or any of several) in any case: one ``git grep -l``; None when git cannot answer."""
        where = [f":(top){self.prefix}{_folder(f)}" for f in folders]
        texts = [text] if isinstance(text, str) else list(text)
        if not where or not texts:
            return []
        # one alternation: with -i, git makes a pass per -e (see :meth:`grep_lines`)
        pattern = "|".join(_ERE_SPECIAL.sub(r"\\\g<0>", t) for t in texts)
        args = ("grep", "-l", "-I", "-i", "-E", "-z", "--untracked", "-e", pattern, "--", *where)
        try:
            done = git(self._cwd, *args, timeout=GIT_TIMEOUT_S)
        except (OSError, subprocess.SubprocessError):
            return None
        if done.returncode not in (0, 1):  # 1: no file holds it
            return None
        out = done.stdout.decode("utf-8", "surrogateescape")
        return [self._strip(p) for p in out.split("\0") if p]

    def added_by(
        self, folders: Iterable[str], *, follow: bool = True, full: bool = False
    ) -> dict[str, str] | None:
        """For each file under ``folders`` still in the tree, the commit that added it
        (the latest one; a file renamed within ``folders`` keeps the commit that added its
        first name, one moved here from elsewhere counts as added): one process, two where
        renames cannot be detected. None on a shallow clone (its first commit seems to add
        every file) or when git cannot answer; ``follow=False`` does not look for renames
        (several times cheaper). Asked once per set of folders: the history checks share
        the answer (a log that follows renames costs 0.2 s on civitai)."""
        where = [f":(top){self.prefix}{_folder(f)}" for f in folders]
        if self._shallow or not where:
            return None
        key = (str(follow), str(full), *sorted(where))
        if key not in self._added:
            self._added[key] = self._added_by(where, follow, full)
        found = self._added[key]
        return None if found is None else dict(found)

    @functools.cached_property
    def _added(self) -> dict[tuple[str, ...], dict[str, str] | None]:
        return {}

    def _added_by(self, where: Sequence[str], follow: bool, full: bool) -> dict[str, str] | None:
        followed = self._added_following_renames(where) if follow else None
        if followed is not None:
            return followed
        # ``-c``: a merge that added a file itself, new against every parent (``AA``, an
        # "evil merge": plusfraichemaville's feature branch merged the main line in and
        # added a table's migrations with it, round CO), is shown; one that brought a file
        # from a parent, or edited it, is not
        # ``full``: every branch's history, where a merge's first parent may already hold
        # the folder as it ended and git's default simplification drops the side that
        # added the files (cherrypick's merges of misskey hid where `migration/*.ts` came
        # from, round U)
        found = self._per_commit(
            "log", "-c", "--diff-filter=A", *(("--full-history",) if full else ()), "--", *where
        )
        if found is None:
            return None
        out: dict[str, str] = {}
        for commit, paths in found:  # newest first
            for path in paths:
                out.setdefault(self._strip(path), commit)
        return out

    def merged_by(self, folders: Iterable[str], commits: Mapping[str, str]) -> dict[str, str]:
        """For each file of ``commits`` (path under ``folders`` → the commit that added
        it) added by a commit off HEAD's first-parent line, the commit of that line that
        brought it: the merge of its branch, which is the release that shipped it (the
        commits of a feature branch were never deployed one by one: openstreetmap's notes
        branch, round AA). One ``git rev-list``; one ``git log`` of the line's additions,
        merges diffed against their first parent, only where such a file is. {} where
        every file's commit is on the line, or git cannot answer."""
        line = None if self._shallow else self.try_run("rev-list", "--first-parent", "HEAD")
        if not line:
            return {}
        mainline = set(line.split())
        off = {p for p, c in commits.items() if c not in mainline}
        if not off:
            return {}
        merged = self.mainline_added(folders, every=True)
        pulled = self._pulled({merged[p] for p in off if p in merged})
        lines = self._pulled_lines(folders, pulled) if pulled else {}
        brought = self._brought({lines[p] for p in off if p in merged and p in lines})
        out = {}
        for p in sorted(off):
            if p not in merged:
                continue
            if merged[p] not in pulled:
                out[p] = merged[p]
            elif p in lines and lines[p] != commits[p] and commits[p] in brought[lines[p]]:
                out[p] = lines[p]  # (not a file the line's commit only moved)
        return out

    def _brought(self, commits: Iterable[str]) -> dict[str, set[str]]:
        """Each commit → the commits it brought to its line: itself, and for a merge the
        commits of its other parents its first parent lacked. One ``git rev-list`` each."""
        out: dict[str, set[str]] = {}
        for commit in sorted(set(commits)):
            listed = self.try_run("rev-list", commit, f"^{commit}^1")
            out[commit] = set((listed or commit).split())
        return out

    def _pulled_lines(self, folders: Iterable[str], pulled: set[str]) -> dict[str, str]:
        """For the files each of ``pulled`` brought, the commit of its second parent's own
        line that brought them: a pull request merged on the main line as everyone else
        pushed it is a release of its own (bluebottle's "Merge branch 'master' of
        github.com:…" over nine months of them, round AS). Per such merge, one ``git
        rev-list`` of that line's commits it brought and one ``git log`` of them (git
        prunes a path-limited first-parent log cut at the merge's first parent)."""
        where = [f":(top){self.prefix}{_folder(f)}" for f in sorted(set(folders))]
        out: dict[str, str] = {}
        for merge in sorted(pulled):
            line = self.try_run("rev-list", "--first-parent", f"{merge}^2", f"^{merge}^1")
            commits = (line or "").split()
            if not commits or len(commits) > _MOST_LISTED:
                continue
            log = ("log", "--no-walk=unsorted", "--first-parent", "-m", "--diff-filter=A")
            for commit, paths in self._per_commit(*log, *commits, "--", *where) or ():
                # (a pull request's few files: one that brought a folder's many, a history
                # moved or imported, is told by the callers as before: lomake's 44, AK)
                if len(paths) <= MOST_TOGETHER:
                    for path in paths:
                        out.setdefault(self._strip(path), commit)
        return out

    def mainline_added(self, folders: Iterable[str], every: bool = False) -> dict[str, str]:
        """Each file under ``folders`` → the commit of HEAD's first-parent line that added
        it, merges diffed against their first parent (the newest, for a file added again;
        a file renamed, its first name's): one ``git log``, asked once per set of folders;
        {} on a shallow clone. ``every``: the names files had before a rename too (a file
        moved since is asked by the name it had: aiida's revisions, moved to ``src/``)."""
        key = tuple(sorted(set(folders)))
        if key not in self._mainline:
            where = [f":(top){self.prefix}{_folder(f)}" for f in key]
            # (renames followed: a commit of the line that renamed a file brought no new
            # migration; the one that brought its first name did: i-educar renumbered 600
            # files a branch had added, round AL)
            log = ("log", "--first-parent", "-m", "--diff-filter=AR", "--", *where)
            found = None if self._shallow else self._per_commit(*log, renames=True)
            if found is not None:
                self._mainline[key] = self._followed(found)
            else:  # (a clone without the blobs renames need)
                merged: dict[str, str] = {}
                plain = None if self._shallow else self._per_commit(*log)
                for commit, paths in plain or ():  # newest first
                    for path in paths:
                        merged.setdefault(self._strip(path), commit)
                self._mainline[key] = merged, merged
        now, named = self._mainline[key]
        return named if every else now

    @functools.cached_property
    def _mainline(self) -> dict[tuple[str, ...], tuple[dict[str, str], dict[str, str]]]:
        return {}

    def merges(self, commits: Iterable[str]) -> set[str]:
        """Those of ``commits`` with more than one parent: one ``git log --no-walk``."""
        ask = sorted(set(commits))
        out = self.try_run("log", "--no-walk=unsorted", "--format=%H %P", *ask) if ask else None
        return {row.split()[0] for row in (out or "").splitlines() if len(row.split()) > 2}

    def _pulled(self, merges: set[str]) -> set[str]:
        """Of ``merges``, those that merged the main line into the line HEAD follows: a
        ``git pull`` on it ("Merge branch 'main' of github.com:…", "Merge remote-tracking
        branch 'origin/main'"), or the main line merged into a branch that the main line
        then took as it was ("Merge branch 'master' into request-api-key", fast-forwarded:
        planningalerts). Their second parent is the main line as everyone else pushed it,
        each of its merges a release of its own, not one release of them all (civitai's
        "Merge remote-tracking branch 'origin/main'" over sixty migrations, round AA)."""
        if not merges:
            return set()
        branch = self.try_run("symbolic-ref", "-q", "--short", "HEAD") or ""
        # git names the branch merged into unless it is the default one
        default = {"main", "master", "trunk", branch} - {""}
        # (not the main line merged into the branch HEAD is on: a fork's "Merge
        # remote-tracking branch 'upstream/master' into develop" brings its release,
        # cherrypick's 154 migrations)
        out = self.try_run("log", "--no-walk=unsorted", "--format=%H %s", *sorted(merges)) or ""
        pulled = set()
        for row in out.splitlines():
            commit, _, subject = row.partition(" ")
            m = _PULL.match(subject)
            if m is None:
                continue
            source, into = (
                m.group("branch") or m.group("tracked") or m.group("local"),
                m.group("into"),
            )
            if source in (into, branch) or (source in default and into != branch):
                pulled.add(commit)
        return pulled

    def _added_following_renames(self, where: Sequence[str]) -> dict[str, str] | None:
        """:meth:`added_by` with renames inside ``where`` followed back to the commit that
        added the first name (sync-engine's commit renumbering ``113_…`` to ``114_…`` is
        not the release that wrote them: round R). Detecting renames reads blobs: None
        where git cannot (a clone without them), and the caller reads no renames."""
        found = self._per_commit("log", "-c", "--diff-filter=AR", "--", *where, renames=True)
        return None if found is None else self._followed(found)[0]

    def _followed(
        self, found: list[tuple[str, list[str]]]
    ) -> tuple[dict[str, str], dict[str, str]]:
        """Each path → the commit that added its first name, from a ``--name-status`` log
        of additions and renames (newest first): for the names files have now, and for
        every name they had, the ones renamed away too."""
        origin: dict[str, str] = {}
        had: dict[str, str] = {}  # every name's origin, also after it was renamed away
        again: dict[str, str] = {}  # a path added again → the commit that added it first
        for commit, items in reversed(found):  # oldest first: a later add wins
            fields = iter(items)  # A <path> | R<score> <old> <new> | AA <path> (a merge's)
            for status in fields:
                if status and status == "A" * len(status):
                    path = next(fields, "")
                    if path in origin:
                        again.setdefault(path, origin[path])
                    origin[path] = had[path] = commit
                elif status[:1] == "R" and status[1:].isdigit():
                    old, new = next(fields, ""), next(fields, "")
                    # (the same rename made again on another branch, whose old name this
                    # log already saw renamed away: i-educar's files renumbered on two
                    # branches, round AL)
                    origin[new] = had[new] = origin.pop(old, "") or had.get(old) or commit
                elif len(status) > 1 and status.isalpha():
                    next(fields, "")  # a merge's rename against every parent (RR): one path
        restored = self._restored(again, origin)
        origin.update(restored)
        had.update(restored)
        return (
            {self._strip(p): c for p, c in origin.items() if p},
            {self._strip(p): c for p, c in had.items() if p},
        )

    def _restored(self, first: Mapping[str, str], last: Mapping[str, str]) -> dict[str, str]:
        """Of the paths added again after a deletion (``first[p]`` the first add, ``last[p]``
        the last), those added back as they were → the first add: the migration ran then,
        and a database that ran it never runs it again (TANF-app's search_indexes 0016,
        deleted by one release and restored by the next, round CE). One added back with
        other content is a new migration under an old name (a history reset)."""
        pairs = [(c, p) for p, was in first.items() if (c := last.get(p)) and c != was]
        if not pairs:
            return {}
        blobs = self._blobs([*pairs, *((first[p], p) for _, p in pairs)])
        return {
            p: first[p] for c, p in pairs if blobs[(c, p)] and blobs[(c, p)] == blobs[(first[p], p)]
        }

    def commit_times(self, commits: Iterable[str]) -> dict[str, int]:
        """Each commit's committer time (Unix seconds): one ``git log --no-walk`` for the
        commits not asked before in this run; {} when git cannot answer."""
        wanted = set(commits)
        ask = sorted(wanted - self._times.keys())
        if ask:
            # (`git log --no-walk`, not `git show -s`: show reads each commit's trees, which
            # a clone cut to a size may lack, and failed for every commit at once: Flowise)
            out = self.try_run("log", "--no-walk=unsorted", "--format=%H %ct", *ask)
            if out is None:
                return {}
            for commit in ask:
                self._times[commit] = None
            for row in out.splitlines():
                commit, _, when = row.partition(" ")
                if when.isdigit():
                    self._times[commit] = int(when)
        times = {c: self._times.get(c) for c in wanted}
        return {c: t for c, t in times.items() if t is not None}

    def first_parents_of(self, commits: Iterable[str]) -> dict[str, str]:
        """Each commit's first parent: one ``git log --no-walk``; {} when git cannot
        answer (a root commit has none)."""
        ask = sorted(set(commits))
        out = self.try_run("log", "--no-walk=unsorted", "--format=%H %P", *ask) if ask else ""
        found: dict[str, str] = {}
        for row in (out or "").splitlines():
            commit, _, parents = row.partition(" ")
            if parents.strip():
                found[commit] = parents.split()[0]
        return found

    def first_shipped(self, path: str, lines: Iterable[int]) -> dict[int, int] | None:
        """How far back HEAD's first-parent line brought each of ``lines`` of ``path`` as
        it is in the work tree: 0 for HEAD, 1 for its first parent …, -1 for a line not
        committed yet; whitespace edits not counted. One ``git blame -w --first-parent``
        (and the line's ``git rev-list``, asked once). None when git cannot answer (a
        shallow clone, a file git does not know)."""
        wanted = sorted(set(lines))
        if self._shallow or not wanted:
            return None
        ranges = [a for n in wanted for a in ("-L", f"{n},{n}")]
        out = self.try_run(
            "blame", "-w", "--first-parent", "--porcelain", *ranges, "--", self._p(path)
        )
        line = self._first_parents
        if out is None or line is None:
            return None
        found: dict[int, int] = {}
        for row in out.splitlines():
            fields = row.split(" ")
            if len(fields) >= 3 and len(fields[0]) == 40 and fields[2].isdigit():
                found[int(fields[2])] = -1 if fields[0] == "0" * 40 else line.get(fields[0], -1)
        return found

    def first_added(self, path: str, needle: str) -> int | None:
        """How far back HEAD's first-parent line first added ``needle`` to ``path``: the
        oldest commit of the line whose change made it occur more or less often (git's
        pickaxe, one ``git log -S``). None where git cannot tell (a shallow clone)."""
        line = self._first_parents
        if self._shallow or line is None:
            return None
        args = ("--first-parent", "--format=%H", f"-S{needle}", "--", self._p(path))
        out = self.try_run("log", *args)
        found = (out or "").split()
        return line.get(found[-1]) if found else None

    def first_parent_diff(self, back: int, path: str) -> str | None:
        """The change the commit ``back`` steps down HEAD's first-parent line made to
        ``path``, against its first parent (``git diff -U0``); None where git cannot tell
        (a shallow clone, the root commit)."""
        line = self._first_parents
        commit = next((c for c, n in (line or {}).items() if n == back), None)
        if commit is None:
            return None
        return self.try_run("diff", "-U0", f"{commit}^1", commit, "--", self._p(path))

    def first_parent_at(self, back: int) -> str | None:
        """The commit ``back`` steps down HEAD's first-parent line (0: HEAD); None past its
        end or where git cannot tell (a shallow clone)."""
        return self._first_parent_line.get(back)

    def first_parent_steps(self) -> dict[str, int]:
        """HEAD's first-parent line: commit → how far back (0 for HEAD); {} where git
        cannot tell (a shallow clone)."""
        return self._first_parents or {}

    @functools.cached_property
    def _first_parent_line(self) -> dict[int, str]:
        """HEAD's first-parent line: how far back → commit ({} where git cannot tell)."""
        return {n: c for c, n in (self._first_parents or {}).items()}

    @functools.cached_property
    def _first_parents(self) -> dict[str, int] | None:
        """HEAD's first-parent line: commit → how far back (0 for HEAD)."""
        out = None if self._shallow else self.try_run("rev-list", "--first-parent", "HEAD")
        return None if out is None else {c: n for n, c in enumerate(out.split())}

    def added_before(self, commit: str, paths: Sequence[str]) -> dict[str, str]:
        """Each of ``paths`` → the commit of ``commit``'s history, ``commit`` aside, that
        added it, renames inside its folder followed back as :meth:`added_by` does: one
        ``git log``, {} when git cannot answer. A folder moved away and back again is added
        twice (scrumlr's migrations: round BX); the move back is followed to the addition
        before it."""
        folders = sorted({posixpath.dirname(p) for p in paths})
        where = [f":(top){self.prefix}{_folder(f)}" for f in folders]
        found = self._per_commit(
            "log", "--diff-filter=AR", f"{commit}^", "--", *where, renames=True
        )
        if found is None:
            return {}
        had = self._followed(found)[1]
        return {p: had[p] for p in paths if p in had}

    def deleted_in(
        self, commits: Sequence[str], under: Sequence[str] = ()
    ) -> dict[str, set[str]] | None:
        """The paths of the files each of ``commits`` deleted (anywhere: a folder moved
        shows as files added here and deleted there; or in the folders ``under`` only):
        one ``git show``."""
        return self._files_in(commits, "D", under)

    def modified_in(
        self, commits: Sequence[str], under: Sequence[str] = ()
    ) -> dict[str, set[str]] | None:
        """The paths of the files each of ``commits`` modified (in the folders ``under``
        only, when given): one ``git show`` (a merge's, as git shows it combined)."""
        return self._files_in(commits, "M", under)

    def added_in(
        self, commits: Sequence[str], under: Sequence[str] = ()
    ) -> dict[str, set[str]] | None:
        """The paths of the files each of ``commits`` added (in the folders ``under``
        only, when given: git neither diffs nor lists a commit's 10,000 other files): one
        ``git show``."""
        return self._files_in(commits, "A", under)

    def merged_history(self, merge: str, names: Iterable[str]) -> set[str]:
        """The commits that added files of these base ``names`` in the history a merge's
        other parents bring (a repository merged in with its history, its migrations moved
        under a folder: Obojobo's ``Merging obojobo-express``, round BJ); empty for a commit
        of one parent. Two git processes a parent, asked only of a folder's first commit
        (one commit may be many folders' first: its parents are asked once)."""
        if merge not in self._parents:
            self._parents[merge] = (self.try_run("rev-parse", f"{merge}^@") or "").split()
        parents = self._parents[merge][1:]
        wanted = set(names)
        out: set[str] = set()
        for parent in parents:
            tree = self.try_run("ls-tree", "-r", "--full-tree", "--name-only", "-z", parent)
            paths = [p for p in (tree or "").split("\0") if posixpath.basename(p) in wanted]
            folders = sorted({f":(top){posixpath.dirname(p) or '.'}" for p in paths})
            if not folders:
                continue
            found = self._per_commit("log", "--diff-filter=A", parent, "--", *folders)
            for commit, added in found or ():
                if any(posixpath.basename(p) in wanted for p in added):
                    out.add(commit)
        return out

    def _files_in(
        self, commits: Sequence[str], status: str, under: Sequence[str]
    ) -> dict[str, set[str]] | None:
        """Each commit's files of ``status``; git is asked only about commits not asked
        before in this run (several history judges ask about the same releases)."""
        where = sorted({f":(top){self.prefix}{_folder(f)}" for f in under})
        kind = "\0".join((status, *where))
        ask = sorted({c for c in commits if (kind, c) not in self._files})
        if ask:
            only = ("--", *where) if where else ()
            found = self._per_commit("show", f"--diff-filter={status}", *ask, *only)
            if found is None:
                return None
            for commit in ask:
                self._files[(kind, commit)] = set()
            for commit, paths in found:
                self._files[(kind, commit)] = {self._strip(p) for p in paths}
        return {c: self._files[(kind, c)] for c in commits if (kind, c) in self._files}

    def _per_commit(
        self, command: str, *args: str, renames: bool = False
    ) -> list[tuple[str, list[str]]] | None:
        """``git log``/``git show`` of file names, as (commit, its files); renames are not
        looked for (that reads blobs, which a partial clone or a damaged mirror lacks)
        unless ``renames``: then each commit's fields are ``--name-status``'s, a status
        before its path or paths. None when git cannot answer."""
        names = ("-M", "--name-status") if renames else ("--no-renames", "--name-only")
        argv = (command, *names, "-z", "--format=%x00%H", *args)
        try:
            done = git(self._cwd, *argv, timeout=GIT_TIMEOUT_S)
        except (OSError, subprocess.SubprocessError):
            return None
        if done.returncode != 0:
            return None
        out: list[tuple[str, list[str]]] = []
        for item in done.stdout.decode("utf-8", "surrogateescape").split("\0"):
            item = item.strip("\n")
            if len(item) == 40 and all(c in "0123456789abcdef" for c in item):
                out.append((item, []))
            elif item and out:
                out[-1][1].append(item)
        return out

    # -- diff ----------------------------------------------------------------------------

    def diff(self, base_sha: str, head_sha: str, how: str) -> Diff:
        """The files changed from ``base_sha`` to ``head_sha``, renames detected. Detecting
        them reads the blobs of files deleted and added; where a clone lacks one (a mirror
        cut to a size, a partial clone without its promisor: licences' chromedriver binary,
        round R), the diff is taken again without renames, which reads trees only: a
        renamed file is then a deletion and an addition, judged as both (so the gate never
        sees less than changed), and ``how`` says so."""
        where = ("--no-color", base_sha, head_sha, "--", self.prefix or ".")
        try:
            out = self.run("diff", "--name-status", "-z", "-M", *where)
        except EnvironmentProblem as exc:
            if "unable to read" not in str(exc) and "missing blob" not in str(exc):
                raise
            out = self.run("diff", "--name-status", "-z", "--no-renames", *where)
            how += "; renames not detected: git could not read a file (an incomplete clone)"
        fields = [self._strip(f) for f in out.split("\0")]
        changes: list[Change] = []
        i = 0
        while i < len(fields) and fields[i]:
            status = fields[i][0]
            if status in "RC":
                score = fields[i][1:]
                similar = int(score) if score.isdigit() else 0
                changes.append(Change(status, fields[i + 2], fields[i + 1], similar))
                i += 3
            else:
                changes.append(Change(status, fields[i + 1]))
                i += 2
        return Diff(base_sha, head_sha, tuple(changes), how)

    def _strip(self, field: str) -> str:
        return field[len(self.prefix) :] if self.prefix and field.startswith(self.prefix) else field

    # -- base resolution -----------------------------------------------------------------

    def find_base(self, explicit: str | None, env: dict[str, str]) -> tuple[str, str] | None:
        """(merge-base SHA, how it was chosen), or None when nothing names a base."""
        head = self.head()
        if head is None:
            raise EnvironmentProblem("the repository has no commits yet")
        for ref, how, required in self._base_candidates(explicit, env):
            sha = self.resolve(ref) or self._fetch(ref, required)
            if sha is None:
                if required:
                    raise EnvironmentProblem(self._unresolved(ref, how))
                continue
            merge_base = self._merge_base(sha, head, ref, required)
            if merge_base is None:
                continue  # a default branch with a history of its own (hedgedoc's 1.x)
            if merge_base == head and how.startswith("merge base with"):
                continue  # on the default branch itself: fall back to the last tag
            return merge_base, how
        return None

    def _unresolved(self, ref: str, how: str) -> str:
        """Why a required base is missing: no remote, an unknown ref, or a shallow clone."""
        remotes = (self.try_run("remote") or "").split()
        if "origin" not in remotes and (self.is_shallow() or ref.startswith("origin/")):
            listed = f" (remotes: {', '.join(remotes)})" if remotes else ""
            fix = (
                f"add it (`git remote add origin URL`), or {SHALLOW_FIX}"
                if self.is_shallow()
                else "add it (`git remote add origin URL`) or pass --base with a ref of this clone"
            )
            return (
                f"base {ref} ({how}) cannot be resolved: no remote named origin to fetch it "
                f"from{listed}; {fix}"
            )
        if self.is_shallow() and _looks_like_sha(ref):
            return (
                f"base {ref} ({how}) cannot be resolved: it is not in this shallow clone "
                f"and origin would not send it; {SHALLOW_FIX}"
            )
        where = "this repository or on origin" if "origin" in remotes else "this repository"
        return (
            f"base {ref} ({how}) cannot be resolved: unknown ref, no branch, tag or commit "
            f"of that name in {where}; check the spelling (`git branch -a`, `git tag`)"
        )

    def _base_candidates(
        self, explicit: str | None, env: dict[str, str]
    ) -> Iterable[tuple[str, str, bool]]:
        if explicit:
            return [(explicit, "--base", True)]
        out: list[tuple[str, str, bool]] = []
        event = _github_event(env)
        pr_base = (event.get("pull_request") or {}).get("base", {}).get("sha")
        group_base = (event.get("merge_group") or {}).get("base_sha")
        if pr_base:
            out.append((pr_base, "GitHub pull request base", True))
        elif group_base:
            out.append((group_base, "GitHub merge group base", True))
        elif env.get("GITHUB_BASE_REF"):
            out.append((f"origin/{env['GITHUB_BASE_REF']}", "GITHUB_BASE_REF", True))
        if env.get("CI_MERGE_REQUEST_DIFF_BASE_SHA"):
            out.append((env["CI_MERGE_REQUEST_DIFF_BASE_SHA"], "GitLab merge request", True))
        if out:
            return out
        return self._fallbacks()

    def _fallbacks(self) -> Iterator[tuple[str, str, bool]]:
        """The default branch, then the last tag (asked only when the branch fails)."""
        for branch in self._default_branches():
            yield (branch, f"merge base with {branch}", False)
        tag = self.try_run("describe", "--tags", "--abbrev=0", "HEAD^")
        if tag:
            yield (tag, f"last tag {tag}", False)

    def _default_branches(self) -> list[str]:
        """The default branch: origin/HEAD's target, else origin/main … master (one git)."""
        refs = (
            "refs/remotes/origin/HEAD",
            "refs/remotes/origin/main",
            "refs/remotes/origin/master",
            "refs/heads/main",
            "refs/heads/master",
        )
        out = self.try_run(
            "for-each-ref",
            "--format=%(refname) %(symref:short) %(*objecttype) %(objecttype)",
            *refs,
        )
        found: dict[str, tuple[str, str]] = {}
        for line in (out or "").splitlines():
            ref, target, peeled, kind = [*line.split(" "), "", "", ""][:4]
            found[ref] = (target, peeled or kind)
        origin_head = found.get(refs[0], ("", ""))[0]
        if origin_head:
            return [origin_head]
        for ref in refs[1:]:
            if found.get(ref, ("", ""))[1] == "commit":
                return [ref.removeprefix("refs/remotes/").removeprefix("refs/heads/")]
        return []

    def _fetch(self, ref: str, required: bool) -> str | None:
        """Fetch a base commit missing from a shallow clone (exact SHA or branch)."""
        if not required or not self.try_run("remote"):
            return None
        target = ref.removeprefix("origin/")
        dest = f"refs/remotes/origin/{target}" if ref.startswith("origin/") else None
        spec = f"{target}:{dest}" if dest else target
        if self.try_run("fetch", "--no-tags", "--depth=1", "origin", spec) is None:
            return None
        self.fetched.append(f"fetched base {ref}")
        self._head.clear()
        return self.resolve(ref) or self.resolve("FETCH_HEAD")

    def _merge_base(self, base: str, head: str, ref: str, required: bool = True) -> str | None:
        """The merge base; None where a base git chose (not one asked for) shares no
        history with HEAD in a full clone: the next candidate is tried."""
        found = self.try_run("merge-base", base, head)
        steps = list(DEEPEN_STEPS) if self.is_shallow() else []
        while found is None and steps:
            depth = steps.pop(0)
            if self.try_run("fetch", "--no-tags", f"--deepen={depth}", "origin") is not None:
                self.fetched.append(f"deepened by {depth} commits")
                self._shallow = self.try_run("rev-parse", "--is-shallow-repository") == "true"
            found = self.try_run("merge-base", base, head)
        if found is None:
            if self.is_shallow():
                raise EnvironmentProblem(
                    f"shallow clone: no common history with the base {ref} even after "
                    f"deepening; {SHALLOW_FIX}"
                )
            if not required:
                return None
            raise EnvironmentProblem(f"base {ref} has no common history with HEAD")
        return found


def _cased(word: str, most: int = 8) -> list[str]:
    """``word`` (lower case) and, where it holds letters outside ASCII, its spellings with
    those in either case: ``-i`` folds ASCII letters only, whatever the locale git runs in
    (familie-tilbake's class ``ÅrsakTotrinnsvurdering`` for ``årsaktotrinnsvurdering``,
    round AI). At most ``most`` spellings; past that, the lower- and upper-case ones."""
    wide = [i for i, c in enumerate(word) if not c.isascii() and c.upper() != c]
    if not wide:
        return [word]
    if 2 ** len(wide) > most:
        return [word, "".join(c.upper() if not c.isascii() else c for c in word)]
    out = []
    for mask in range(2 ** len(wide)):
        chars = list(word)
        for bit, i in enumerate(wide):
            if mask >> bit & 1:
                chars[i] = chars[i].upper()
        out.append("".join(chars))
    return out


def _kebab(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, a whole word, is part of a kebab-case name
    (``id="create-motive"``: an HTML id, a CSS class or a URL says no column; eWater's
    ``motive``, round CO). Asked of a match, not in its pattern: a second look-behind
    there costs every search a fifth more."""
    before = start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum()
    return before or (text[end : end + 1] == "-" and text[end + 1 : end + 2].isalnum())


_TOKEN = lazyre.compile(r"[a-z0-9_$]+")  # a word of lower-case text (:meth:`GitRepo._tokens`)
_ERE_SPECIAL = lazyre.compile(r"[.\[\]()*+?{}|^$\\]")  # what a POSIX extended regex reads as syntax


def _looks_like_sha(ref: str) -> bool:
    return 7 <= len(ref) <= 64 and all(c in "0123456789abcdef" for c in ref.lower())


class NotARepository(EnvironmentProblem):
    """The folder is not inside a git work tree."""

    def __init__(self, root: Path) -> None:
        super().__init__(f"{root} is not a git repository")


def git_available() -> bool:
    return shutil.which("git") is not None


def open_repo(root: Path) -> GitRepo | None:
    """The git repository at ``root``, or None when it is not one (or git is missing)."""
    if not git_available():
        return None
    try:
        return GitRepo(root)
    except NotARepository:
        return None


def _github_event(env: dict[str, str]) -> dict[str, Any]:
    path = env.get("GITHUB_EVENT_PATH")
    if not path:
        return {}
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def ci_env() -> dict[str, str]:
    """The environment variables base resolution reads (a copy, for testability)."""
    keys = ("GITHUB_EVENT_PATH", "GITHUB_BASE_REF", "CI_MERGE_REQUEST_DIFF_BASE_SHA")
    return {k: os.environ[k] for k in keys if os.environ.get(k)}
