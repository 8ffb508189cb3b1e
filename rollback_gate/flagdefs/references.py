"""Where flag keys are referenced in code (RG304, RG305).

A reference is the key as a string literal (``"key"``, ``'key'`` or a backtick template),
which is how every SDK is called and how constants are declared. One pass over the source
files of the tree (so .gitignore is respected), stopping as soon as every key is seen; binary
and huge files are skipped, and so are the definitions file and the gate's config, which
mention every key by construction. A substring test precedes the regex, so files that do not
mention a key cost one ``in`` per key.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable

from rollback_gate.tree import Tree

MAX_SOURCE_BYTES = 1024 * 1024  # generated bundles above this are not hand-written code

SOURCE_SUFFIXES = frozenset(
    [
        ".py",
        ".pyi",
        ".js",
        ".jsx",
        ".mjs",
        ".cjs",
        ".ts",
        ".tsx",
        ".mts",
        ".cts",
        ".vue",
        ".svelte",
        ".go",
        ".java",
        ".kt",
        ".kts",
        ".scala",
        ".groovy",
        ".rb",
        ".erb",
        ".php",
        ".cs",
        ".fs",
        ".vb",
        ".rs",
        ".swift",
        ".m",
        ".mm",
        ".c",
        ".cc",
        ".cpp",
        ".cxx",
        ".h",
        ".hh",
        ".hpp",
        ".dart",
        ".ex",
        ".exs",
        ".erl",
        ".hrl",
        ".clj",
        ".cljs",
        ".lua",
        ".pl",
        ".pm",
        ".r",
        ".jl",
        ".sh",
        ".bash",
        ".html",
        ".htm",
        ".jinja",
        ".j2",
        ".hbs",
        ".mustache",
        ".twig",
        ".liquid",
        ".razor",
        ".cshtml",
    ]
)


def is_source(path: str) -> bool:
    """True for files whose suffix marks hand-written code or templates."""
    dot = path.rfind(".")
    return dot > path.rfind("/") and path[dot:].lower() in SOURCE_SUFFIXES


def _patterns(keys: Iterable[str]) -> dict[str, tuple[bytes, re.Pattern[bytes]]]:
    out = {}
    for key in keys:
        raw = key.encode()
        out[key] = (raw, re.compile(rb"([\"'`])" + re.escape(raw) + rb"\1"))
    return out


def first_references(
    tree: Tree, keys: Iterable[str], exclude: Iterable[str] = ()
) -> dict[str, str | None]:
    """For each key, the first source file (sorted order) that references it, or None."""
    root = str(tree.root)
    wanted = _patterns(keys)
    found: dict[str, str | None] = dict.fromkeys(wanted)
    skip = set(exclude)
    pending = dict(wanted)
    for path in tree.files:
        if not pending:
            break
        if path in skip or not is_source(path) or ".." in path.split("/"):
            continue
        data = _read(root, path)
        if data is None:
            continue
        for key, (raw, pattern) in list(pending.items()):
            if raw in data and pattern.search(data):
                found[key] = path
                del pending[key]
    return found


def referencing(tree: Tree, paths: Iterable[str], key: str) -> list[str]:
    """Those of ``paths`` (any kind of text file) that reference ``key``."""
    (raw, pattern) = _patterns([key])[key]
    root = str(tree.root)
    out = []
    for path in paths:
        data = _read(root, path) if ".." not in path.split("/") else None
        if data is not None and raw in data and pattern.search(data):
            out.append(path)
    return out


def _read(root: str, path: str) -> bytes | None:
    """The file's bytes, or None for links, non-files, huge or binary files.

    Not ``Tree.read_bytes``: over 20,000 files its path checks and buffered file objects
    cost twice the read itself. The same guarantees hold: ``path`` comes from the tree's
    listing (never ``..``), ``O_NOFOLLOW`` refuses a symlink, ``O_NONBLOCK`` keeps a FIFO
    from hanging the run, and ``fstat`` refuses anything that is not a regular file.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(os.path.join(root, path), flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_SOURCE_BYTES:
            return None
        data = os.read(fd, st.st_size + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return None if b"\0" in data[:1024] else data
