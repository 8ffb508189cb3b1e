"""RG222 on a column added NOT NULL where the app's MySQL session is not strict.

Outside strict mode, MySQL gives a NOT NULL column that an INSERT leaves out the implicit
default of its type ('' , 0, the zero date) instead of refusing the row. The previous
release does not know a column the step adds, so it leaves the column out, and its
INSERTs still succeed. BookStack's ``config/database.php`` says ``'strict' => false``
(round AA: five findings).

Laravel sets the session's ``sql_mode`` from its connection config. ``'modes' => […]``
gives the list itself; without one, ``'strict' => false`` sets ``NO_ENGINE_SUBSTITUTION``
alone, and ``'strict' => true`` sets the strict modes. A connection that says neither
keeps the server's mode, which has been strict by default since MySQL 5.7, so it counts
as strict.

So, asked only for RG222 findings in Laravel migrations, the app's ``config/database.php``
is read as text, never run. The Laravel root is the folder above ``database/migrations``;
BookStack keeps the file at ``app/Config``. The default connection is the one that
``'default'`` names, or ``env('DB_CONNECTION', 'mysql')``'s fallback. Where that connection
is MySQL or MariaDB and not strict, an occurrence on a column the step adds is no break.

A column the step also puts in a unique key stays a finding: every row the previous
release writes gets the same implicit default, so the key refuses the second one.
A column set NOT NULL stays a finding, because the previous release may write NULL to it.
MySQL refuses a single-row INSERT of NULL into a NOT NULL column in any mode. The file is
read as it was at the migration's previous release (the base for a migration the change
adds; under ``scope: all``, the parent of the commit that added it), with one ``git
cat-file``; as the working tree has it where git cannot tell.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

from rollback_gate.checks import Context
from rollback_gate.checks.history.unwritten import required_column
from rollback_gate.migrations.base import Unreadable
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.models import Finding

_CONFIGS = ("config/database.php", "app/Config/database.php")
_STRICT_MODES = ("STRICT_TRANS_TABLES", "STRICT_ALL_TABLES")


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG222 occurrences on a column a Laravel migration adds where
    the app's MySQL connection is not strict at the migration's previous release (``files``
    unused)."""
    from rollback_gate.checks.migrations import entries_of

    roots = {inside: _root(inside) for _, inside in entries_of(ctx, ("laravel",))}
    asked = [
        f for f in findings
        if f.rule == "RG222" and any((f.path or "").startswith(i) for i in roots)
    ]  # fmt: skip
    if not asked:
        return findings
    lenient = _lenient(ctx, asked, roots, folders)
    out: list[Finding] = []
    for f in findings:
        if f.rule != "RG222" or (f.path or "") not in lenient:
            out.append(f)
            continue
        text = _text(ctx, f.path or "")
        rest = [
            o
            for o in occurrences(f)
            if ":add_required:" not in o.key or _keyed(text, required_column(o.key))
        ]
        out.extend(one_per_rule(rest) if len(rest) <= len(f.related) else [f])
    return out


def _lenient(
    ctx: Context, asked: Sequence[Finding], roots: dict[str, str], folders: Iterable[str]
) -> set[str]:
    """The asked files whose app was not strict when the previous release ran: its
    ``config/database.php`` read at that release, where git tells it (osu-web was not
    strict until 2020 and is now: its 2015-2016 columns, round AJ), else as the working
    tree has it."""
    from rollback_gate.checks.history.unwritten import releases_of
    from rollback_gate.checks.history.validated import MAX_FILE_BYTES

    root_of = {
        f.path or "": next(r for i, r in roots.items() if (f.path or "").startswith(i))
        for f in asked
    }
    releases = releases_of(ctx, asked, folders) if ctx.git is not None else {}
    wanted = {(rev, root_of[p] + name) for p, rev in releases.items() for name in _CONFIGS}
    texts = ctx.git.read_at(wanted, MAX_FILE_BYTES) if ctx.git is not None and wanted else {}
    out: set[str] = set()
    for path, root in root_of.items():
        rev = releases.get(path, "")
        then = [texts[(rev, root + n)] for n in _CONFIGS if (rev, root + n) in texts]
        if not (_strict_in(then[0]) if then else _strict(ctx, root)):
            out.add(path)
    return out


def _text(ctx: Context, path: str) -> str:
    try:
        return ctx.tree.read_text(path, lenient=True)
    except Unreadable:
        return ""


def _keyed(text: str, column: tuple[str, str] | None) -> bool:
    """Whether the migration ``text`` puts ``column`` in a unique key (unreadable: True).
    The implicit default is the same value in every row the previous release writes, so a
    unique key over the column refuses its second one: BookStack's ``users.slug``, added,
    filled and made unique in one step (round AA)."""
    if not text or column is None:
        return True
    name = re.escape(column[1])
    listed = rf"unique\s*\(\s*(?:\[[^\]]*)?['\"]{name}['\"]"
    chained = rf"['\"]{name}['\"][^;\n]*->unique\s*\("
    return re.search(f"{listed}|{chained}", text, re.IGNORECASE) is not None


def _root(inside: str) -> str:
    """The Laravel app's root for a migrations folder prefix (``""`` or ending in ``/``)."""
    folder = inside.rstrip("/")
    for tail in ("database/migrations", "migrations"):
        if folder == tail:
            return ""
        if folder.endswith("/" + tail):
            return folder[: -len(tail)]
    return ""


def _strict(ctx: Context, root: str) -> bool:
    """Whether the default connection the app at ``root`` configures is strict (or not
    MySQL, or not known: then it counts as strict)."""
    for name in _CONFIGS:
        try:
            text = ctx.tree.read_text(root + name, lenient=True)
        except Unreadable:
            continue
        return _strict_in(text)
    return True


@functools.lru_cache(maxsize=8)
def _strict_in(text: str) -> bool:
    """Whether the Laravel database config ``text`` leaves its default connection strict."""
    from rollback_gate.migrations import treesitter

    root = treesitter.parse("php", text).root_node
    for ret in treesitter.descendants(root, frozenset({"return_statement"})):
        config = _array(next(iter(ret.named_children), None))
        if config is None:
            continue
        default = _scalar(config.get("default"))
        connection = _array((_array(config.get("connections")) or {}).get(default or ""))
        if connection is None:
            return True
        if _scalar(connection.get("driver")) not in ("mysql", "mariadb"):
            return True
        modes = connection.get("modes")
        if modes is not None:
            listed = modes.type == "array_creation_expression"
            return not listed or any(m in treesitter.node_text(modes) for m in _STRICT_MODES)
        return _scalar(connection.get("strict")) != "false"
    return True


def _array(node: Any) -> dict[str, Any] | None:
    """A PHP array literal's string keys and their value nodes; None for another node."""
    if node is None or node.type != "array_creation_expression":
        return None
    out: dict[str, Any] = {}
    for element in node.named_children:
        if element.type != "array_element_initializer" or len(element.named_children) != 2:
            continue
        key, value = element.named_children
        name = _scalar(key)
        if name is not None:
            out[name] = value
    return out


def _scalar(node: Any) -> str | None:
    """A string's value, ``true``/``false``/``null`` lower case, or ``env('X', v)``'s
    fallback ``v`` (the repository's own default); None for anything else."""
    from rollback_gate.migrations import treesitter
    from rollback_gate.migrations.php.syntax import arguments, call_parts, static_string

    if node is None:
        return None
    if node.type in ("string", "encapsed_string"):
        return static_string(node, {})
    if node.type == "boolean" or node.type == "null":
        return treesitter.node_text(node).lower()
    if node.type == "function_call_expression":
        _, name = call_parts(node)
        values = arguments(node)
        if name == "env" and len(values) == 2:
            return _scalar(values[1])
    return None
