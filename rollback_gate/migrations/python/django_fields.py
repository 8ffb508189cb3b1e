"""A project's own Django field class that makes its column nullable itself.

``LazyDefaultBooleanField(default=False)`` reads as a NOT NULL column in a migration: the
class's ``deconstruct()`` leaves ``null`` out of what ``makemigrations`` writes, and its
``__init__`` sets ``kwargs["null"] = True`` (kobocat, round AR: three RG222;
a4-meinberlin's ``ModeratorFeedbackField``, round AP). Django builds the column from the
field as constructed, so it is nullable, and the previous release's INSERTs that leave it
out are fine.

So, for a field class the migration names by a module of the project
(``onadata.apps.logger.fields.LazyDefaultBooleanField``, or a name imported from one), the
module's file is looked for beside the migration's folders and read with :mod:`ast`,
never imported: the class (and its bases in the same module, a few levels) forces null
when its ``__init__`` assigns ``kwargs["null"] = True``, calls ``kwargs.update(null=True)``
or ``kwargs.setdefault("null", True)``, or passes ``null=True`` to ``super().__init__``.
"""

from __future__ import annotations

import ast
import functools
import posixpath

from rollback_gate.migrations.base import Source, Unreadable, parse_quietly
from rollback_gate.migrations.python import pyast

_LIBRARIES = ("django.", "models.", "django_", "rest_framework.")
_DEPTH = 3  # base classes followed within one module
_UP = 6  # folders above the migration where a project's package may start


def forces_null(field: ast.Call, text: str, path: str, source: Source) -> bool:
    """Whether ``field``'s class is a project's own that makes the column nullable."""
    dotted = _dotted(field.func, text)
    if not dotted or "." not in dotted or dotted.startswith(_LIBRARIES):
        return False
    module, _, name = dotted.rpartition(".")
    tree = _module(module, path, source)
    return tree is not None and _class_forces(tree, name, _DEPTH)


def _dotted(func: ast.expr, text: str) -> str:
    """The class's full dotted name: written out, or through the migration's imports."""
    parts: list[str] = []
    while isinstance(func, ast.Attribute):
        parts.insert(0, func.attr)
        func = func.value
    if not isinstance(func, ast.Name):
        return ""
    head = _imports(text).get(func.id)
    if head is None:
        return ".".join([func.id, *parts]) if parts else ""
    return ".".join([head, *parts])


@functools.lru_cache(maxsize=16)
def _imports(text: str) -> dict[str, str]:
    """name → the dotted name it stands for, from the module's top-level imports."""
    try:
        tree = parse_quietly(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    out: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for a in node.names:
                out[a.asname or a.name] = f"{node.module}.{a.name}"
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.asname:
                    out[a.asname] = a.name
    return out


def _module(module: str, path: str, source: Source) -> ast.Module | None:
    """The module's parsed file, looked for under each folder above the migration."""
    rel = module.replace(".", "/")
    folder = posixpath.dirname(path)
    for _ in range(_UP + 1):
        for candidate in (f"{rel}.py", f"{rel}/__init__.py"):
            found = posixpath.join(folder, candidate) if folder else candidate
            if source.exists(found):
                try:
                    return parse_quietly(source.read_text(found), found)
                except (Unreadable, SyntaxError, ValueError, RecursionError, MemoryError):
                    return None
        if not folder:
            break
        folder = posixpath.dirname(folder)
    return None


def _class_forces(tree: ast.Module, name: str, depth: int) -> bool:
    cls = next((c for c in tree.body if isinstance(c, ast.ClassDef) and c.name == name), None)
    if cls is None:
        return False
    init = next(
        (f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None
    )
    if init is not None and any(_sets_null(n) for n in ast.walk(init)):
        return True
    return depth > 0 and any(
        isinstance(b, ast.Name) and _class_forces(tree, b.id, depth - 1) for b in cls.bases
    )


def _sets_null(node: ast.AST) -> bool:
    if isinstance(node, ast.Assign):
        return _true(node.value) and any(
            isinstance(t, ast.Subscript) and pyast.const_str(t.slice, {}) == "null"
            for t in node.targets
        )
    if not isinstance(node, ast.Call):
        return False
    method = pyast.last_name(node.func)
    if method == "setdefault" and len(node.args) == 2:
        return pyast.const_str(node.args[0], {}) == "null" and _true(node.args[1])
    if method in ("update", "__init__"):
        return any(k.arg == "null" and _true(k.value) for k in node.keywords)
    return False


def _true(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is True
