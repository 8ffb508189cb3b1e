"""A column's type as the earlier Ecto migrations of the same folder left it.

``modify :title, :string`` without ``from:`` does not say the old type, and a ``down``
that does not restore it does not either. The migrations before it do: the last
``add :title, <type>`` or ``modify :title, <type>`` on that table (in ``create``/``alter``
blocks), read with tree-sitter like any migration. Like Django's history walk, it is
paid only for the few ``modify`` calls that need it, one file at a time backwards, with a
text check before any parse. :meth:`EctoHistory.remember` is given the discovered
migrations (the analyser sees one file at a time).
"""

from __future__ import annotations

import posixpath
import weakref
from typing import Any

from rollback_gate import lazyre
from rollback_gate.migrations.base import Source, Unreadable
from rollback_gate.migrations.dsl import elixirnodes as ex
from rollback_gate.migrations.dsl.common import sql_column_types
from rollback_gate.migrations.dsl.ecto_types import sql_type
from rollback_gate.migrations.dsl.rubynodes import captures
from rollback_gate.migrations.sqlengine.model import PLACEHOLDER
from rollback_gate.migrations.treesitter import parse

_MAX_FILES = 400  # files read backwards for one lookup: old history rarely matters


# The folders' migration files in order, as discovered (the analyser sees one file at a
# time, through whatever Source the engine gives it: the tree, or a recording one per
# migration when results are cached, so this is keyed by folder, not by Source).
_FOLDERS: dict[str, list[str]] = {}
_MAX_FOLDERS = 64
# What each earlier file says, per Source: a cached result must depend on the files it
# read, so a Source that records reads never answers from another Source's reads.
_TYPES: weakref.WeakKeyDictionary[Source, dict[str, dict[str, str]]] = weakref.WeakKeyDictionary()


def remember(source: Source, paths: list[str]) -> None:
    """The discovered migration files, in order, grouped by folder."""
    by_folder: dict[str, list[str]] = {}
    for path in paths:
        by_folder.setdefault(posixpath.dirname(path), []).append(path)
    for folder, members in by_folder.items():
        if len(_FOLDERS) >= _MAX_FOLDERS and folder not in _FOLDERS:
            _FOLDERS.pop(next(iter(_FOLDERS)))
        _FOLDERS[folder] = members


MIGRATION_FILE = lazyre.compile(r"^(\d+)_(.*)\.exs?$")  # an Ecto migration's file name


def _folder(source: Source, path: str) -> list[str] | None:
    """The migration files of ``path``'s folder, in order, as the tree lists them (under
    ``scope: changed`` only the change's files are discovered: sanbase2's CHECK drawn in
    an earlier file was out of reach, round U); as discovered, for a source without a
    listing."""
    folder = posixpath.dirname(path)
    tree = getattr(source, "tree", source)
    under = getattr(tree, "under", None)
    if not callable(under):
        paths = _FOLDERS.get(folder)
        return paths if paths is not None and path in paths else None
    try:
        listed_here = _LISTED.setdefault(tree, {})
    except TypeError:  # (no weak reference: listed again)
        listed_here = {}
    listed = listed_here.get(folder)
    if listed is None:
        named = [
            (int(m.group(1)), p)
            for p in under(folder)
            if posixpath.dirname(p) == folder and (m := MIGRATION_FILE.match(posixpath.basename(p)))
        ]
        listed = listed_here[folder] = [p for _, p in sorted(named)]
    return listed if path in listed else None


_LISTED: weakref.WeakKeyDictionary[Any, dict[str, list[str]]] = weakref.WeakKeyDictionary()


def _earlier(
    source: Source, path: str, store: weakref.WeakKeyDictionary[Source, dict[str, Any]]
) -> tuple[list[str], dict[str, Any]]:
    """The files before ``path`` in its folder, newest first (none where the folder is
    not known), and what ``store`` keeps read of them for ``source``."""
    paths = _folder(source, path)
    if paths is None:
        return [], {}
    try:
        known = store.setdefault(source, {})
    except TypeError:  # a Source without weak references: nothing kept between lookups
        known = {}
    index = paths.index(path)
    return list(reversed(paths[max(0, index - _MAX_FILES) : index])), known


def type_before(source: Source, path: str, target: str) -> str | None:
    """The SQL type of ``table.column`` before the migration at ``path`` (None: unknown)."""
    earlier_files, known = _earlier(source, path, _TYPES)
    table, _, column = target.partition(".")
    for earlier in earlier_files:
        types = known.get(earlier)
        if types is None:
            # (the column's own name, without the key's suffix: "!null", "!default")
            types = _file_types(source, earlier, column.partition("!")[0])
            if types is None:
                continue  # the column's name is not even in the text
            known[earlier] = types
        if target in types:
            return types[target]
        if f"{table}.{column}" in types:
            return types[f"{table}.{column}"]
    return None


def check_before(source: Source, path: str, table: str, name: str) -> str | None:
    """The expression of CHECK ``name`` on ``table`` as the earlier migrations left it
    (``create constraint(:t, :name, check: …)``, its text from a string, a variable or a
    module attribute; None: unknown, or dropped since). sanbase2 (round U) re-draws its
    "exactly one of" rule on ``featured_items`` with a term for each new kind: the
    previous rule is in the file that drew it."""
    earlier_files, known = _earlier(source, path, _CHECKS)
    key = f"{table}\0{name}".lower()
    for earlier in [*earlier_files, *_siblings(source, path)]:
        checks = known.get(earlier)
        if checks is None:
            checks = known[earlier] = _file_checks(source, earlier)
        if key in checks:
            return checks[key]
    return None


def _siblings(source: Source, path: str) -> list[str]:
    """The files of the other migration folders under the same ``priv/`` that come before
    ``path`` by their timestamps, newest first: one Ecto repo each, one database (a CHECK
    blockscout's main repo drew, its chain repos' migrations draw again: round AD)."""
    folder = posixpath.dirname(path)
    priv = posixpath.dirname(posixpath.dirname(folder))
    tree = getattr(source, "tree", source)
    under = getattr(tree, "under", None)
    m = MIGRATION_FILE.match(posixpath.basename(path))
    if posixpath.basename(priv) != "priv" or not callable(under) or m is None:
        return []
    stamp = int(m.group(1))
    named = [
        (int(n.group(1)), p)
        for p in under(priv)
        if posixpath.dirname(p) != folder
        and posixpath.basename(posixpath.dirname(p)).endswith("migrations")
        and posixpath.dirname(posixpath.dirname(posixpath.dirname(p))) == priv
        and (n := MIGRATION_FILE.match(posixpath.basename(p)))
        and int(n.group(1)) < stamp
    ]
    return [p for _, p in sorted(named, reverse=True)][:_MAX_FILES]


_CHECKS: weakref.WeakKeyDictionary[Source, dict[str, dict[str, str | None]]] = (
    weakref.WeakKeyDictionary()
)


def _file_checks(source: Source, path: str) -> dict[str, str | None]:
    """``table\0name`` → the CHECK the file's up steps leave (None: dropped, or unread)."""
    try:
        text = source.read_text(path)
    except Unreadable:
        return {}
    if "constraint" not in text:
        return {}
    root = parse("elixir", text).root_node
    body = _module_body(root)
    strings = ex.StringResolver(ex.attributes(body))
    out: dict[str, str | None] = {}
    with ex.naming(body):
        for call in captures(root, "(call) @c", "elixir").get("c", []):
            verb = ex.call_name(call)
            if verb not in ("create", "create_if_not_exists", "drop", "drop_if_exists"):
                continue
            if ex.receiver(call) is not None or _in_down(call):
                continue
            args = ex.args_of(call)
            target = ex.table_of(args.positional[0]) if args.positional else None
            inner = ex.args_of(args.positional[0]) if args.positional else None
            if target is None or target[0] != "constraint" or inner is None:
                continue
            if len(inner.positional) < 2:
                continue
            key = f"{target[1]}\0{ex.display(inner.positional[1])}".lower()
            node = inner.keywords.get("check")
            if not verb.startswith("create") or node is None:
                out[key] = None
                continue
            said = strings.resolve(node, _bound_in(call))
            out[key] = " ".join(said[0].split()) if said and PLACEHOLDER not in said[0] else None
    return out


def _bound_in(call: ex.Node) -> dict[str, ex.Node]:
    """The variables the function holding ``call`` binds."""
    node = call.parent
    while node is not None:
        if node.type == "call" and ex.call_name(node) in ("def", "defp"):
            return ex.bindings(ex.do_block(node))
        node = node.parent
    return {}


def not_null_before(source: Source, path: str, target: str) -> bool:
    """Whether the earlier migrations left ``table.column`` NOT NULL (``add``/``modify`` with
    ``null: false``, not undone since): a ``modify … null: false`` then only restates it."""
    return type_before(source, path, target + _NULLNESS) == "NOT NULL"


_NULLNESS = "!null"  # key suffix: "NOT NULL" / "NULL" as the migration left the column


def default_before(source: Source, path: str, target: str) -> bool:
    """Whether the earlier migrations left ``table.column`` a default (``add``/``modify``
    with ``default:`` other than ``nil``, not taken away since). Ecto inserts a struct's
    non-nil fields only, so the database fills a column the previous release never sets
    with it: a ``modify … null: false`` then rejects none of its rows (ash_hq's
    ``guides.category``, given ``default: "Guides"`` the release before, round AR)."""
    return type_before(source, path, target + _DEFAULT) == "DEFAULT"


_DEFAULT = "!default"  # key suffix: "DEFAULT" / "NONE" as the migration left the column


def _in_down(call: ex.Node) -> bool:
    """Whether ``call`` sits in ``def down``."""
    node = call.parent
    while node is not None:
        if node.type == "call" and ex.call_name(node) == "def":
            args = ex.args_of(node)
            head = args.positional[0] if args.positional else None
            return head is not None and (ex.call_name(head) or ex.display(head)) == "down"
        node = node.parent
    return False


def _file_types(source: Source, path: str, column: str) -> dict[str, str] | None:
    try:
        text = source.read_text(path)
    except Unreadable:
        return None
    if column not in text and not (column in _STAMPS and "timestamps" in text):
        return None
    root = parse("elixir", text).root_node
    body = _module_body(root)
    with ex.naming(body):
        return _types_in(root, ex.StringResolver(ex.attributes(body)))


def _module_body(root: ex.Node) -> ex.Node | None:
    """The body of the file's first ``defmodule`` (None without one)."""
    for call in captures(root, "(call) @c", "elixir").get("c", []):
        if ex.call_name(call) == "defmodule":
            return ex.do_block(call)
    return None


def _types_in(root: ex.Node, strings: ex.StringResolver) -> dict[str, str]:
    types: dict[str, str] = {}
    for call in captures(root, "(call) @c", "elixir").get("c", []):
        name = ex.call_name(call)
        if name not in _TYPING or ex.receiver(call):
            continue
        if _in_down(call):
            continue  # what the down step restores is not the state the up step left
        args = ex.args_of(call)
        if name == "execute":
            # SQL's `ALTER … TYPE` (the first argument of `execute(up, down)`): ehealth's
            # mountain_group made boolean so, then restated `modify … :boolean` (round BM)
            sql = strings.resolve(args.positional[0], {}) if args.positional else None
            if sql is not None:
                types.update(
                    (k, v) for k, v in sql_column_types(sql[0]).items() if _PLAIN_KEY.match(k)
                )
            continue
        target = ex.table_of(args.positional[0]) if args.positional else None
        if target is None:
            continue
        if name == "rename":  # rename table(:t), :a, to: :b: neither name's state is known
            to = args.keywords.get("to")
            if len(args.positional) > 1 and to is not None:
                for column in (args.positional[1], to):
                    renamed = f"{target[1]}.{ex.display(column)}"
                    types[renamed + _NULLNESS] = types[renamed + _DEFAULT] = "?"
            continue
        for sub in ex.body_of(call):
            if sub.type == "call" and ex.call_name(sub) == "timestamps":
                types.update(_stamps(target[1], ex.args_of(sub)))
                continue
            if sub.type != "call" or ex.call_name(sub) not in ("add", "modify", "remove"):
                continue
            sargs = ex.args_of(sub)
            if ex.call_name(sub) == "remove" and sargs.positional:
                gone = f"{target[1]}.{ex.display(sargs.positional[0])}"
                types[gone + _NULLNESS] = types[gone + _DEFAULT] = "?"
                continue
            if len(sargs.positional) < 2:
                continue
            key = f"{target[1]}.{ex.display(sargs.positional[0])}"
            typ = sql_type(sargs.positional[1], sargs.keywords)
            if typ is not None:
                types[key] = typ
            null = sargs.keywords.get("null")
            if null is not None:
                types[key + _NULLNESS] = "NOT NULL" if ex.display(null) == "false" else "NULL"
            elif ex.call_name(sub) == "add":
                types[key + _NULLNESS] = "NULL"
            # ``modify`` without ``default:`` leaves the column's default as it was
            given = sargs.keywords.get("default")
            if given is not None:
                types[key + _DEFAULT] = "NONE" if ex.display(given) == "nil" else "DEFAULT"
            elif ex.call_name(sub) == "add":
                types[key + _DEFAULT] = "NONE"
    return types


_STAMPS = ("inserted_at", "updated_at")
_TYPING = frozenset({"create", "create_if_not_exists", "alter", "rename", "execute"})
_PLAIN_KEY = lazyre.compile(r"^\w+\.\w+$")  # a column's type (not a CHECK's, nor a mark)


def _stamps(table: str, args: ex.Args) -> dict[str, str]:
    """What ``timestamps()`` leaves: ``inserted_at`` and ``updated_at`` (or the names its
    ``inserted_at:``/``updated_at:`` give; none for ``false``), NOT NULL unless ``null:
    true`` (edgehog's ``modify :inserted_at, …, null: false`` restates them, round AC)."""
    null = args.keywords.get("null")
    nullness = "NULL" if null is not None and ex.display(null) != "false" else "NOT NULL"
    out: dict[str, str] = {}
    for column in _STAMPS:
        named = args.keywords.get(column)
        name = column if named is None else ex.display(named)
        if name and name not in ("false", "nil"):
            out[f"{table}.{name}{_NULLNESS}"] = nullness
    return out
