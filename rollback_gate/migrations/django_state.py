"""What a Django migration's own file cannot tell: the app label and whether a model owns a table.

Both are read from the migration history of the same app, following ``dependencies``
backwards to files that exist next to the migration (``Source.exists``), parsed with
:mod:`ast` and never imported. Only done for the few migrations that remove a model or a
field, so it costs nothing on the rest.

* The app label (``wagtailadmin`` for ``wagtail/admin/migrations``) is the first element
  of a dependency on a sibling migration; without one (an initial migration), the
  directory name.
* A model created with ``options={"managed": False}`` or ``{"proxy": True}`` (or later
  switched by ``AlterModelOptions``) has no table of its own: deleting it, or removing one
  of its fields, destroys no data.
"""

from __future__ import annotations

import ast
import functools
import posixpath
import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass

from rollback_gate.migrations import pyast
from rollback_gate.migrations.base import Source, Unreadable

_MAX_FILES = 2000  # a bound on the walk back through one app's history
_DEPS = re.compile(r"^\s*dependencies\s*(?::[^=\n]*)?=\s*[\[(]", re.M)
_MODELS = re.compile(r"(?:CreateModel|AlterModelOptions)\(\s*(?:name\s*=\s*)?['\"]\w")
_PAIR = re.compile(r"""[\[(]\s*['"](\w+)['"]\s*,\s*['"](\w+)['"]\s*[\])]""")


def _siblings(text: str, path: str, source: Source) -> Iterator[tuple[str, str]]:
    """``(app_label, path)`` of each dependency that is a file in the same directory.

    Read with a regex over the ``dependencies = [...]`` block: the walk back through an
    app's history must not parse every file it passes.
    """
    m = _DEPS.search(text)
    if m is None:
        return
    depth, end = 0, m.end() - 1
    for end in range(m.end() - 1, min(len(text), m.end() + 20_000)):
        depth += {"[": 1, "(": 1, "]": -1, ")": -1}.get(text[end], 0)
        if depth == 0:
            break
    folder = posixpath.dirname(path)
    for app, name in _PAIR.findall(text, m.end(), end):
        if source.exists(f"{folder}/{name}.py"):
            yield app, f"{folder}/{name}.py"


def app_label(text: str, path: str, source: Source) -> str:
    """The app label, from a dependency on a sibling migration, else the directory name."""
    for app, _ in _siblings(text, path, source):
        return app
    return posixpath.basename(posixpath.dirname(posixpath.dirname(path))) or "app"


def _options_verdict(options: ast.expr | None) -> bool | None:
    """True: no table of its own; False: a managed table; None: options say nothing."""
    if not isinstance(options, ast.Dict):
        return None
    for key, value in zip(options.keys, options.values, strict=True):
        k = pyast.const_str(key, {}) if key is not None else None
        if k == "proxy" and isinstance(value, ast.Constant):
            return bool(value.value)
        if k == "managed" and isinstance(value, ast.Constant):
            return not value.value
    return None


def record(call: ast.Call, verdicts: dict[str, bool]) -> None:
    """Note what a ``CreateModel``/``AlterModelOptions`` says about its model's table."""
    kind = pyast.last_name(call.func)
    name = pyast.const_str(pyast.arg(call, 0, "name"), {})
    if name is None or kind not in ("CreateModel", "AlterModelOptions"):
        return
    verdict = _options_verdict(pyast.arg(call, 2 if kind == "CreateModel" else 1, "options"))
    if kind == "CreateModel":
        verdicts[name.lower()] = bool(verdict)
    elif verdict is not None:
        verdicts[name.lower()] = verdict


@functools.lru_cache(maxsize=512)
def _file_verdicts(text: str) -> dict[str, bool]:
    """Model (lower-case) → tableless, as the file leaves it; memoised by content."""
    tree = pyast.parse(text, "<migration>")
    verdicts: dict[str, bool] = {}
    if isinstance(tree, ast.Module):
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
        for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset)):
            record(call, verdicts)
    return verdicts


@dataclass(frozen=True)
class _Info:
    """What the walk needs from one migration file: its parents and its model verdicts."""

    parents: tuple[str, ...]
    verdicts: dict[str, bool]


# Per Source (a repository at one commit), so that walks from many migrations of one app
# read and parse each file once. Weak keys: the cache ends with the Source.
_CACHE: weakref.WeakKeyDictionary[Source, dict[str, _Info | None]] = weakref.WeakKeyDictionary()


def _info(path: str, source: Source, cache: dict[str, _Info | None]) -> _Info | None:
    if path not in cache:
        try:
            text = source.read_text(path)
        except Unreadable:
            cache[path] = None
        else:
            parents = tuple(p for _, p in _siblings(text, path, source))
            cache[path] = _Info(parents, _file_verdicts(text) if _MODELS.search(text) else {})
    return cache[path]


def tableless(model: str, known: dict[str, bool], text: str, path: str, source: Source) -> bool:
    """True when ``model`` is unmanaged or a proxy.

    ``known`` holds what the migration's own earlier operations said; otherwise the
    app's history is walked back through ``dependencies`` to the model's creation.
    """
    key = model.lower()
    if key in known:
        return known[key]
    try:
        cache = _CACHE.setdefault(source, {})
    except TypeError:  # a Source without weak references: no cache across calls
        cache = {}
    seen = {path}
    stack = [p for _, p in _siblings(text, path, source)]
    while stack and len(seen) < _MAX_FILES:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        info = _info(current, source, cache)
        if info is None:
            continue
        if key in info.verdicts:
            return info.verdicts[key]
        stack += info.parents
    return False
