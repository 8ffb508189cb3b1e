"""The unique keys of Django models and of the migration operations that draw them.

Read with :mod:`ast`, never imported. A model's keys: each field declared ``unique=True``,
``primary_key=True`` or a ``OneToOneField``, its ``Meta.unique_together`` and the
``UniqueConstraint(fields=[…])`` of its ``Meta.constraints`` without a ``condition`` or
expressions (a narrower key holds some rows only). An operation's: the keys an
``AlterUniqueTogether`` sets, an ``AddConstraint``'s ``UniqueConstraint``, an
``AlterField`` or ``AddField`` of a field ``unique=True``. Each key is its fields' names,
lower case (a ``ForeignKey`` by its name, as ``unique_together`` says it).
"""

from __future__ import annotations

import ast
import functools

from rollback_gate.migrations.base import parse_quietly
from rollback_gate.migrations.python import django_state, pyast

Key = frozenset[str]

_FIELD_OPS = frozenset({"AlterField", "AddField"})


@functools.lru_cache(maxsize=256)
def model_keys(path: str, text: str, label: str) -> dict[str, list[Key]]:
    """Table → the unique keys of each concrete model a module declares (the table its
    ``Meta.db_table`` names, else ``<label>_<model>``, lower case)."""
    try:
        tree = parse_quietly(text, path)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    names = pyast.module_names(tree)
    out: dict[str, list[Key]] = {}
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        meta = next((b for b in cls.body if isinstance(b, ast.ClassDef) and b.name == "Meta"), None)
        said = _assigned(meta.body) if meta is not None else {}
        abstract = said.get("abstract")
        if isinstance(abstract, ast.Constant) and abstract.value is True:
            continue  # (no table of its own)
        table = pyast.const_str(said.get("db_table"), names) or f"{label}_{cls.name}"
        keys = [frozenset({name.lower()}) for name, value in _assigned(cls.body).items()
                if isinstance(value, ast.Call) and _unique_field(value)]  # fmt: skip
        keys += _together(said.get("unique_together"))
        for item in _items(said.get("constraints")):
            if (key := _constraint_key(item, names)) is not None:
                keys.append(key)
        if keys:
            out.setdefault(table.lower(), []).extend(keys)
    return out


@functools.lru_cache(maxsize=256)
def _parsed(text: str) -> ast.Module | None:
    try:
        return parse_quietly(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def drawn_keys(text: str, line: int) -> list[Key]:
    """The unique keys the operation at ``line`` of a Django migration draws (its every key:
    an ``AlterUniqueTogether`` states all the model keeps), [] where none is read."""
    tree = _parsed(text)
    if tree is None:
        return []
    names = pyast.module_names(tree)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.lineno == line):
            continue
        op = pyast.last_name(node.func)
        if op == "AlterUniqueTogether":
            return _together(pyast.arg(node, 1, "unique_together"))
        if op == "AddConstraint":
            key = _constraint_key(pyast.arg(node, 1, "constraint"), names)
            return [key] if key is not None else []
        if op in _FIELD_OPS:
            field, name = pyast.arg(node, 2, "field"), pyast.arg(node, 1, "name")
            column = pyast.const_str(name, names)
            if isinstance(field, ast.Call) and column and _unique_field(field):
                return [frozenset({column.lower()})]
            return []
    return []


def _assigned(body: list[ast.stmt]) -> dict[str, ast.expr]:
    """``name = value`` (or annotated) at the top of a class body."""
    out: dict[str, ast.expr] = {}
    for stmt in body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name):
                out[target.id] = stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value:
            out[stmt.target.id] = stmt.value
    return out


def _unique_field(call: ast.Call) -> bool:
    if pyast.last_name(call.func) == "OneToOneField":
        return True
    return any(
        k.arg in ("unique", "primary_key")
        and isinstance(k.value, ast.Constant)
        and k.value.value is True
        for k in call.keywords
    )


def _together(value: ast.expr | None) -> list[Key]:
    said = django_state.together(value)
    if said in ("", "-"):
        return []
    return [frozenset(k.split(",")) for k in said.split("|") if k]


def _items(value: ast.expr | None) -> list[ast.expr]:
    return list(value.elts) if isinstance(value, (ast.List, ast.Tuple, ast.Set)) else []


def _constraint_key(node: ast.expr | None, names: dict[str, ast.expr]) -> Key | None:
    """A ``UniqueConstraint(fields=[…])``'s fields, without a condition or expressions."""
    if not (isinstance(node, ast.Call) and pyast.last_name(node.func) == "UniqueConstraint"):
        return None
    if node.args or any(
        k.arg in ("condition", "expressions", "nulls_distinct") for k in node.keywords
    ):
        return None  # (over expressions, or some rows only)
    fields = pyast.sequence(pyast.arg(node, 99, "fields"), names)
    said = [pyast.const_str(e, names) for e in fields or ()]
    if not said or any(not s for s in said):
        return None
    return frozenset(s.lower() for s in said if s)
