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
import posixpath
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from rollback_gate import lazyre
from rollback_gate.migrations.base import Source, Unreadable
from rollback_gate.migrations.python import pyast

_MAX_FILES = 2000  # a bound on the walk back through one app's history
_DEPS = lazyre.compile(r"^[ \t]*dependencies\s*(?::[^=\n]*)?=\s*[\[(]", re.M)
_WORD = lazyre.compile(r"""["'](\w+)["']""")
_BARE_WORD = lazyre.compile(r"\b[a-z_]\w*")  # (the identifiers of a RunSQL's SQL, among the rest)
_BRACKET = lazyre.compile(r"[\[\]()]")
T = TypeVar("T")
# ("app", "0047_…"), also as black writes a long one: over three lines, a trailing comma
# (a migration's name may hold hyphens: kobocat's 0011_add-index-to-instance-uuid_…, round AR)
_PAIR = lazyre.compile(r"""[\[(]\s*['"](\w+)['"]\s*,\s*['"]([\w.-]+)['"]\s*,?\s*[\])]""")


def _siblings(text: str, path: str, source: Source) -> Iterator[tuple[str, str]]:
    """``(app_label, path)`` of each dependency that is a file in the same directory.

    Read with a regex over the ``dependencies = [...]`` block: the walk back through an
    app's history must not parse every file it passes.
    """
    m = _DEPS.search(text)
    if m is None:
        return
    # The block ends at the bracket that closes the one the regex ended on, looked for in
    # the next 20,000 characters (to their end when it is not closed there).
    limit = min(len(text), m.end() + 20_000)
    depth, end = 0, limit - 1
    for b in _BRACKET.finditer(text, m.end() - 1, limit):
        depth += 1 if b.group() in "[(" else -1
        if depth == 0:
            end = b.start()
            break
    folder = posixpath.dirname(path)
    pairs = _PAIR.findall(text, m.end(), end)
    squashed = (
        _squashed(folder, source)
        if any(not source.exists(f"{folder}/{name}.py") for _, name in pairs)
        else {}
    )
    found = [
        (app, squashed.get(name, f"{folder}/{name}.py"))
        for app, name in pairs
        # (not itself: an initial migration's dependency on another app's 0001_initial
        # names its own file, and made that app's label its own: mygpo, round AJ)
        if f"{folder}/{name}.py" != path
        and (name in squashed or source.exists(f"{folder}/{name}.py"))
    ]
    # Every app has a 0001_initial: a dependency on another app's one names a file here
    # too (Flagsmith segments/0003 on ("projects", "0001_initial")). The app's own label
    # is its folder's name when a dependency uses it, else the one label they all use.
    labels = {app for app, _ in found}
    own = posixpath.basename(posixpath.dirname(folder))
    if own not in labels:
        own = next(iter(labels)) if len(labels) == 1 else (found[0][0] if found else own)
    yield from ((app, p) for app, p in found if app == own)


_SQUASHES: weakref.WeakKeyDictionary[object, dict[str, dict[str, str]]] = (
    weakref.WeakKeyDictionary()
)
_REPLACES = lazyre.compile(r"^[ \t]*replaces\s*(?::[^=\n]*)?=\s*[\[(]", re.M)


def _squashed(folder: str, source: Source) -> dict[str, str]:
    """Migration name → the squashed migration of ``folder`` whose ``replaces`` names it
    (its file's name says ``squash``, as ``squashmigrations`` writes it): a dependency on
    a migration a squash replaced and deleted is on the squash (tournesol's 0012 on
    ``0011_alter_…``, in ``0001_to_0011_squashed`` since: round AT). Asked only where a
    dependency names no file, once per folder."""
    tree = getattr(source, "tree", source)
    under = getattr(tree, "under", None)
    if not callable(under):
        return {}
    try:
        known = _SQUASHES.setdefault(tree, {})
    except TypeError:  # (no weak reference: read again)
        known = {}
    if folder not in known:
        out: dict[str, str] = {}
        for p in under(folder):
            if posixpath.dirname(p) != folder or "squash" not in posixpath.basename(p):
                continue
            try:
                text = source.read_text(p)
            except Unreadable:
                continue
            if (m := _REPLACES.search(text)) is not None:
                end = text.find("]", m.end())
                block = text[m.end() : end if end >= 0 else len(text)] + "]"
                out.update({name: p for _, name in _PAIR.findall("[" + block)})
        known[folder] = out
    return known[folder]


def _words(text: str) -> frozenset[str]:
    """The quoted identifiers of ``text``, lower-case (is a model or field named there?).

    ASCII text is lower-cased first (same words: lower-casing ASCII moves no boundary).
    A file with a ``RunSQL`` names its columns and tables in SQL: every word of it counts."""
    lowered = text.lower() if text.isascii() else ""
    found = _WORD.findall(lowered) if lowered else [w.lower() for w in _WORD.findall(text)]
    if "RunSQL" in text:  # (and its tables' parts: `children_child` is the model child's)
        bare = _BARE_WORD.findall(lowered or text.lower())
        found += bare + [part for word in bare if "_" in word for part in word.split("_")]
    return frozenset(found)


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


# Django field class → SQL type understood by sqltypes.narrows(); str: fixed type, int:
# a varchar whose default max_length is that number.
_FIELD_TYPES: dict[str, str | int] = {
    "CharField": "varchar", "SlugField": 50, "EmailField": 254, "URLField": 200,
    "TextField": "text", "SmallIntegerField": "smallint", "IntegerField": "integer",
    "BigIntegerField": "bigint", "PositiveSmallIntegerField": "smallint",
    "PositiveIntegerField": "integer", "PositiveBigIntegerField": "bigint",
    "DecimalField": "numeric", "FloatField": "double precision", "DateTimeField": "timestamp",
    "DateField": "date", "JSONField": "jsonb", "DurationField": "interval",
    "BooleanField": "boolean", "NullBooleanField": "boolean", "UUIDField": "uuid",
    "TimeField": "time", "BinaryField": "bytea", "GenericIPAddressField": "inet",
    "AutoField": "integer", "SmallAutoField": "smallint", "BigAutoField": "bigint",
}  # fmt: skip


# A project's own field named after the one it extends (akvo's ``ValidXMLCharField``, a
# CharField that checks its text): the column is that field's (round AI). Longest first.
_SUFFIXES = sorted(_FIELD_TYPES, key=len, reverse=True)


def own_fields(tree: ast.Module) -> ast.Module:
    """``tree`` with each call of a field class the module itself defines on a Django field
    (``class StrChoiceField(models.CharField)`` in tilavarauspalvelu's migrations, round
    BF) made a call of that field: its column is the field's. Changed in place."""
    bases = {
        node.name: base
        for node in tree.body
        if isinstance(node, ast.ClassDef) and len(node.bases) == 1
        and (base := pyast.last_name(node.bases[0])) in _FIELD_TYPES
    }  # fmt: skip
    if bases:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                node.func.id = bases.get(node.func.id, node.func.id)
    return tree


def _subclassed(func: ast.expr) -> str | int | None:
    """The base type of a field class outside ``models`` whose name ends with a Django
    field's (``ValidXMLCharField`` → ``CharField``'s); None for any other."""
    name = pyast.last_name(func)
    if isinstance(func, ast.Attribute) and pyast.last_name(func.value) == "models":
        return None  # Django's own: known above, or another column (CommaSeparated…)
    if name.startswith("Encrypted"):
        # the ciphertext's column (bytea in fernet-fields, django-cryptography and
        # searchable-encrypted-fields), whatever the field's max_length says
        # (open-city-profile's `…__noop` migration, 4 made 3: round BN)
        return None
    suffix = next((s for s in _SUFFIXES if name.endswith(s) and name != s), None)
    return _FIELD_TYPES[suffix] if suffix else None


def field_type(node: ast.expr | None) -> str:
    """``varchar(50)`` for ``models.CharField(max_length=50)``; ``""`` when not known."""
    if not isinstance(node, ast.Call):
        return ""
    if pyast.last_name(node.func) == "ArrayField":
        # PostgreSQL's array of its base field (tilavarauspalvelu's weekdays, a CharField
        # of numbers swapped for an ArrayField of names, round BF), the size not enforced
        inner = pyast.arg(node, 0, "base_field")
        element = field_type(inner)
        return f"{element}[]" if element and not element.endswith("[]") else ""
    base = _FIELD_TYPES.get(pyast.last_name(node.func)) or _subclassed(node.func)
    if base is None:
        return ""
    params: dict[str, object] = {
        kw.arg: _literal(kw.value)
        for kw in node.keywords
        if kw.arg and isinstance(kw.value, ast.Constant)
    }
    if any(kw.arg is None for kw in node.keywords):
        return ""  # **kwargs: the length may hide there
    if isinstance(base, int) or base == "varchar":
        if "max_length" not in params and _project_class(node.func):
            # (a project's own class may set its own default: digital-workspace-v2's
            # `core.models.fields.URLField`, 2048 long, not Django's 200: round CN)
            return ""
        length = params.get("max_length", base if isinstance(base, int) else None)
        if length is None and "max_length" in {kw.arg for kw in node.keywords}:
            return ""  # max_length=SOME_CONSTANT: not known
        return f"varchar({length})" if isinstance(length, int) else "varchar"
    if base == "numeric":
        digits, places = params.get("max_digits"), params.get("decimal_places")
        return (
            f"numeric({digits},{places})"
            if isinstance(digits, int) and isinstance(places, int)
            else ""
        )
    return base


def _project_class(func: ast.expr) -> bool:
    """Whether a field class is called by a dotted path that is not Django's ``models.X``
    (``core.models.fields.URLField``): the project's own, whatever its name."""
    return isinstance(func, ast.Attribute) and pyast.last_name(func.value) != "models"


def _renamed(old: str, new: str, verdicts: dict[str, bool], fields: dict[str, str]) -> None:
    """A model's state carried over to its new name (its fields, keys and CHECKs: EvaP's
    ``AlterUniqueTogether`` after ``RenameModel`` restates the keys Course had, round N)."""
    heads = (f"{old}.", f"{old}{TOGETHER}", f"{old}{CHECK}", f"{old}{META}")
    for key in [k for k in fields if k.startswith(heads)]:
        fields[new + key[len(old) :]] = fields.pop(key)
    for key in [k for k in verdicts if k == old or k.startswith(heads)]:
        verdicts[new + key[len(old) :]] = verdicts.pop(key)
    fields[f"{new}{RENAMED}"] = old  # what came before: look it up under the old name


FIELD_RENAMED = "\tfield renamed from\t"
"""A value of ``fields[model.field…]`` in the history walk's state: the field was renamed
from the field named after it, made by an earlier file."""
RENAMED = "\trenamed"
"""Key suffix: ``fields[model + RENAMED]`` is the name a ``RenameModel`` gave the model
before."""
_MOST_RENAMES = 8


def _previous(
    model: str,
    tail: str,
    known: Mapping[str, str],
    more: tuple[str, ...],
    where: tuple[str, str, Source],
    calls: frozenset[str],
    also: Callable[[], str] | None = None,
) -> str:
    """``known[model + tail]``, else the history's, following the model back through its
    ``RenameModel``s (``more``: other words a file must name to hold the answer). ``also``
    gives a key that answers first where a file holds it (a ``RunSQL``'s type of the
    column), asked only of a file holding a ``RunSQL``'s."""
    name = model.lower()
    asked: list[str] = []

    def other(fields: Mapping[str, str]) -> str | None:
        if also is None or SQL_TYPED not in fields:
            return None
        if not asked:
            asked.append(also())
        return fields.get(asked[0])

    if (found := other(known)) is not None:
        return found
    start: list[str] | None = None  # where a rename the walk found leaves it to go on
    for _ in range(_MOST_RENAMES):
        key, mark = f"{name}{tail}", f"{name}{RENAMED}"
        if key in known and known[key].startswith(FIELD_RENAMED):
            tail, more = _renamed_field(tail, more, known[key])
            # the old name's field is the earlier files': one this file makes under it
            # again is another (bornhack's token.category, renamed hint by 0011, made a
            # ForeignKey anew by 0012, whose AlterField of hint read as of a key: round BS)
            known = {}
            continue
        if key in known:
            return known[key]
        if mark in known:
            name = known[mark]
            continue

        def pick(info: _Info, key: str = key, mark: str = mark) -> str | None:
            if (sql_typed := other(info.fields)) is not None:
                return sql_typed
            if key in info.fields:
                return info.fields[key]
            return RENAMED + info.fields[mark] if mark in info.fields else None

        after: list[str] = []
        found = _walk((name, *more), pick, *where, calls, renamed=name, start=start, after=after)
        # (the old name is looked up before the file that renamed it: a field made under
        # that name later is another one, django-bims' sampling_method, a CharField renamed
        # sampling_method_string by 0123 and a ForeignKey made sampling_method by 0124,
        # round CC)
        start = after
        if found is not None and found.startswith(FIELD_RENAMED):
            tail, more = _renamed_field(tail, more, found)
            known = {}  # (as above: the old name's field is the earlier files')
            continue
        if found is None or not found.startswith(RENAMED):
            return found or ""
        name = found[len(RENAMED) :]
    return ""


def _renamed_field(tail: str, more: tuple[str, ...], found: str) -> tuple[str, tuple[str, ...]]:
    """The key tail and the words to look for of the field a :data:`FIELD_RENAMED` value
    says the field was renamed from (an earlier file made it: looked up there)."""
    field, _, rest = tail[1:].partition("\t")
    old = found[len(FIELD_RENAMED) :]
    return f".{old}" + (f"\t{rest}" if "\t" in tail else ""), tuple(
        old if m == field else m for m in more
    )


def known_type(fields: Mapping[str, str], key: str) -> str | None:
    """``fields[key]``, but ``""`` (not known here) for a field renamed from one an earlier
    file made (:data:`FIELD_RENAMED`)."""
    value = fields.get(key)
    return "" if value is not None and value.startswith(FIELD_RENAMED) else value


def record(call: ast.Call, verdicts: dict[str, bool], fields: dict[str, str]) -> None:
    """Note what an operation says about a model's table and its fields' types.

    ``verdicts``: model → tableless; ``fields``: ``model.field`` → type, ``""`` once the
    field was removed or is unknown (lower-case keys). A field renamed from one the file did
    not make says so (:data:`FIELD_RENAMED` and its old name), so that a lookup follows the
    old name into the files before.
    """
    kind = pyast.last_name(call.func)
    if kind == "RunSQL":
        # the types its `ALTER TABLE … ALTER COLUMN … TYPE` gives, which a later AlterField
        # of the model's state may only restate (kukkuu's birthyear made an integer so,
        # then `AlterField(…, IntegerField())`, round BM)
        for where, typ in _sql_types(pyast.arg(call, 0, "sql")).items():
            fields[f"{SQL_TYPED}{where}"] = typ
            fields[SQL_TYPED] = ""  # (the mark that there are some: one lookup tells)
        return
    if kind in ("AddConstraint", "RemoveConstraint"):
        model = (pyast.const_str(pyast.arg(call, 0, "model_name"), {}) or "?").lower()
        given = pyast.arg(call, 1, "constraint" if kind == "AddConstraint" else "name")
        if kind == "RemoveConstraint":
            name = pyast.const_str(given, {})
            if name:
                fields[f"{model}{CHECK}{name.lower()}"] = ""
                fields[f"{model}{UNIQUE}{name.lower()}"] = ""
        elif isinstance(given, ast.Call):
            _record_check(model, given, fields)
        return
    if kind in ("AddField", "AlterField", "RemoveField", "RenameField"):
        model = (pyast.const_str(pyast.arg(call, 0, "model_name"), {}) or "?").lower()
        name = (
            pyast.const_str(pyast.arg(call, 1, "name" if kind != "RenameField" else "old_name"), {})
            or "?"
        ).lower()
        if kind == "RenameField":
            new = (pyast.const_str(pyast.arg(call, 2, "new_name"), {}) or "?").lower()
            for suffix in ("", META):
                was = f"{model}.{name}{suffix}"
                if was not in fields:
                    # (dora-back's ForeignKey `typology2` made `typology` by 0036, whose
                    # RemoveField in 0067 drops `typology_id`: round BQ, a miss)
                    fields[f"{model}.{new}{suffix}"] = FIELD_RENAMED + name
                    continue
                fields[f"{model}.{new}{suffix}"] = fields.get(was, "")
                fields[was] = ""
        else:
            node = pyast.arg(call, 2, "field")
            removed = kind == "RemoveField"
            fields[f"{model}.{name}"] = "" if removed else field_type(node)
            fields[f"{model}.{name}{META}"] = "" if removed else field_meta(node)
        return
    if kind == "RenameModel":
        old = (pyast.const_str(pyast.arg(call, 0, "old_name"), {}) or "").lower()
        new = (pyast.const_str(pyast.arg(call, 1, "new_name"), {}) or "").lower()
        if old and new and old != new:
            _renamed(old, new, verdicts, fields)
        return
    model_name = pyast.const_str(pyast.arg(call, 0, "name"), {})
    if model_name is not None and kind == "AlterUniqueTogether":
        fields[f"{model_name.lower()}{TOGETHER}"] = together(pyast.arg(call, 1, "unique_together"))
        return
    if model_name is not None and kind == "CreateModel":
        value = _option(pyast.arg(call, 2, "options"), "unique_together")
        fields[f"{model_name.lower()}{TOGETHER}"] = together(value) if value else "-"
    if model_name is not None and kind == "AlterModelTable":
        verdicts[f"{model_name.lower()}{META}"] = True  # the table name is set explicitly
        table = pyast.const_str(pyast.arg(call, 1, "table"), {})
        if table:
            fields[f"{model_name.lower()}{TABLE}"] = table
    if model_name is None or kind not in ("CreateModel", "AlterModelOptions"):
        return
    verdict = _options_verdict(pyast.arg(call, 2 if kind == "CreateModel" else 1, "options"))
    if kind == "CreateModel":
        verdicts[model_name.lower()] = bool(verdict)
        verdicts[f"{model_name.lower()}{META}"] = _sets_db_table(pyast.arg(call, 2, "options"))
        table = pyast.const_str(_option(pyast.arg(call, 2, "options"), "db_table"), {})
        fields[f"{model_name.lower()}{TABLE}"] = table or ""
        columns = pyast.arg(call, 1, "fields")
        for item in columns.elts if isinstance(columns, (ast.List, ast.Tuple)) else []:
            if isinstance(item, (ast.Tuple, ast.List)) and len(item.elts) == 2:
                column = pyast.const_str(item.elts[0], {})
                if column:
                    key = f"{model_name.lower()}.{column.lower()}"
                    fields[key] = field_type(item.elts[1])
                    fields[key + META] = field_meta(item.elts[1])
        listed = _option(pyast.arg(call, 2, "options"), "constraints")
        for item in listed.elts if isinstance(listed, (ast.List, ast.Tuple)) else []:
            if isinstance(item, ast.Call):
                _record_check(model_name.lower(), item, fields)
    elif verdict is not None:
        verdicts[model_name.lower()] = verdict


SQL_TYPED = "\tsql\t"
"""Key prefix: ``fields[SQL_TYPED + "table.column"]`` is the type a ``RunSQL`` gave it."""


def _sql_types(node: ast.expr | None) -> dict[str, str]:
    """``table.column`` → type for the columns a ``RunSQL``'s constant SQL (a string, or a
    list of them) retypes."""
    texts = [node] if not isinstance(node, (ast.List, ast.Tuple)) else list(node.elts)
    sql = ";\n".join(
        t.value for t in texts if isinstance(t, ast.Constant) and isinstance(t.value, str)
    )
    if "TYPE" not in sql.upper():
        return {}
    from rollback_gate.migrations.sqlengine import sql as engine  # (loaded only then)

    out = {}
    for key, typ in engine.column_types(engine.split_statements(sql)).items():
        table, _, column = key.rpartition(".")
        if table and column.isidentifier():
            out[f"{table.rpartition('.')[2]}.{column}"] = typ
    return out


def _option(options: ast.expr | None, name: str) -> ast.expr | None:
    """The value of key ``name`` in a CreateModel ``options={…}`` dict, or None."""
    if not isinstance(options, ast.Dict):
        return None
    return next(
        (v for k, v in zip(options.keys, options.values, strict=True)
         if pyast.const_str(k, {}) == name),
        None,
    )  # fmt: skip


CHECK = "\tcheck\t"
"""Key infix: ``fields[model + CHECK + name]`` is the CheckConstraint of that name as
:func:`check_list` writes it (``""``: removed)."""


UNIQUE = "\tunique\t"
"""Key infix: ``fields[model + UNIQUE + name]`` is the UniqueConstraint of that name as
:func:`unique_key` writes it (``""``: removed)."""


def _record_check(model: str, constraint: ast.Call, fields: dict[str, str]) -> None:
    kind = pyast.last_name(constraint.func)
    name = pyast.const_str(pyast.arg(constraint, 99, "name"), {})
    if name and kind == "CheckConstraint":
        fields[f"{model}{CHECK}{name.lower()}"] = check_list(constraint)
    elif name and kind == "UniqueConstraint":
        fields[f"{model}{UNIQUE}{name.lower()}"] = unique_key(constraint)


_CASE_FOLDS = frozenset({"Lower", "Upper"})


def unique_key(constraint: ast.Call) -> str:
    """A UniqueConstraint's key as one comparable string: its fields and expressions,
    sorted (``a,b``; ``Lower("first_name")`` is ``lower(first_name)``), and ``;nulls``
    where ``nulls_distinct=False`` makes NULLs collide. ``?`` where a part cannot be read,
    or where a ``condition`` holds the key to some rows only (which rows is not compared)."""
    given = {k.arg: k.value for k in constraint.keywords if k.arg}
    if "condition" in given:
        return "?"
    parts: list[str | None] = []
    fields = given.get("fields")
    if isinstance(fields, (ast.List, ast.Tuple)):
        parts += [pyast.const_str(e, {}) for e in fields.elts]
    elif fields is not None:
        return "?"
    parts += [_key_part(a) for a in constraint.args]
    if not parts or any(p is None for p in parts):
        return "?"
    nulls = given.get("nulls_distinct")
    suffix = ";nulls" if isinstance(nulls, ast.Constant) and nulls.value is False else ""
    return ",".join(sorted({p.lower() for p in parts if p})) + suffix


def _key_part(node: ast.expr) -> str | None:
    """One expression of a UniqueConstraint: ``F("x")`` is ``x``, ``Lower("x")`` (or of
    ``F("x")``) ``lower(x)``; None for any other."""
    if not (isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords):
        return None
    func, arg = pyast.last_name(node.func), node.args[0]
    if func == "F":
        return pyast.const_str(arg, {})
    inner = pyast.const_str(arg, {}) if isinstance(arg, ast.Constant) else _key_part(arg)
    if func in _CASE_FOLDS and inner:
        return f"{func.lower()}({inner})"
    return None


def check_condition(constraint: ast.Call) -> ast.expr | None:
    """A CheckConstraint's ``check=`` (``condition=`` since Django 5.1)."""
    return next((k.value for k in constraint.keywords if k.arg in ("check", "condition")), None)


def check_list(constraint: ast.Call) -> str:
    """A ``CheckConstraint(check=Q(field__in=[…]))`` as ``field\tv1,v2…`` (values sorted),
    the one form whose looseness is told; any other ``Q`` as ``=`` and its
    :func:`canonical` form (told only equal or not); ``?`` for what is neither."""
    condition = check_condition(constraint)
    if not (isinstance(condition, ast.Call) and pyast.last_name(condition.func) == "Q"):
        written = canonical(condition)
        return f"={written}" if written else "?"
    listed = _in_list(condition)
    if listed == "?" and (written := canonical(condition)):
        return f"={written}"
    return listed


def canonical(node: ast.expr | None, renamed: Mapping[str, str] | None = None) -> str | None:
    """A ``Q`` condition written one way whatever way it was built: ``Q(Q(a, b, _connector=
    "OR"), _negated=True)`` and ``~Q(a, b, _connector="OR")`` are one form (Django 4.2
    regenerates the first as the second: open-zaak's three CHECKs, round AS); the terms of
    an AND or OR are sorted. ``renamed`` maps field names (in lookups and ``F()``) to the
    ones they stand for. None for what is not a ``Q`` of lookups."""
    names = renamed or {}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert):
        inner = canonical(node.operand, names)
        return None if inner is None else f"NOT({inner})"
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitOr, ast.BitAnd)):
        left, right = canonical(node.left, names), canonical(node.right, names)
        joined = "OR" if isinstance(node.op, ast.BitOr) else "AND"
        return None if left is None or right is None else _joined(joined, [left, right])
    if not (isinstance(node, ast.Call) and pyast.last_name(node.func) == "Q"):
        return None
    options = {k.arg: k.value for k in node.keywords if k.arg in ("_connector", "_negated")}
    joined = pyast.const_str(options.get("_connector"), {}) or "AND"
    negated = options.get("_negated")
    terms: list[str | None] = [
        None if lookup is None else f"{_field(lookup, names)}={_value(value, names)}"
        for lookup, value in lookups(node)
    ]
    terms += [canonical(a, names) for a in node.args
              if not (isinstance(a, ast.Tuple) and len(a.elts) == 2)]  # fmt: skip
    if not terms or any(t is None for t in terms) or joined not in ("AND", "OR"):
        return None
    inner = _joined(joined, [t for t in terms if t is not None])
    if isinstance(negated, ast.Constant) and negated.value is True:
        return f"NOT({inner})"
    return inner if negated is None or isinstance(negated, ast.Constant) else None


def _field(lookup: str, renamed: Mapping[str, str]) -> str:
    """A lookup, ``video_1__isnull``, with its field's name mapped (``pk`` is the model's
    ``id``, Django's primary key unless one is declared: digital-workspace-v2's
    ``Q(pk=F("manager"))`` written again as ``Q(id=F("manager"))``, round CN)."""
    field, sep, rest = lookup.partition("__")
    field = "id" if field == "pk" else field
    return renamed.get(field, field) + sep + rest


def _value(node: ast.expr, renamed: Mapping[str, str]) -> str:
    """A lookup's value as written, an ``F("field")`` with its field's name mapped."""
    if isinstance(node, ast.Call) and pyast.last_name(node.func) == "F" and node.args:
        field = pyast.const_str(node.args[0], {})
        if field is not None:
            return f"F({_field(field, renamed)!r})"
    return ast.unparse(node)


def _joined(connector: str, terms: list[str]) -> str:
    """Terms joined by AND or OR, a nested join of the same kind flattened, sorted."""
    if len(terms) == 1:
        return terms[0]
    flat: list[str] = []
    for t in terms:
        if t.startswith(f"{connector}(") and t.endswith(")"):
            flat.extend(split_top(t[len(connector) + 1 : -1]))
        else:
            flat.append(t)
    return f"{connector}(" + "|".join(sorted(flat)) + ")"


def split_top(text: str) -> list[str]:
    """``a|AND(b|c)|d`` split at its top-level ``|``."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return out


def lookups(q: ast.Call) -> list[tuple[str | None, ast.expr]]:
    """A ``Q``'s lookups, ``Q(a=1, ("b", 2))`` → ``[("a", 1), ("b", 2)]``: its keywords
    (not ``_connector``, ``_negated``) and its ``(lookup, value)`` tuples."""
    out: list[tuple[str | None, ast.expr]] = [
        (k.arg, k.value) for k in q.keywords if k.arg and not k.arg.startswith("_")
    ]
    out += [(pyast.const_str(a.elts[0], {}), a.elts[1]) for a in q.args
            if isinstance(a, ast.Tuple) and len(a.elts) == 2]  # fmt: skip
    return out


def _in_list(condition: ast.Call) -> str:
    """``Q(field__in=[…])`` as ``field\tv1,v2…``; ``?`` for any other ``Q``."""
    pairs = lookups(condition)
    if len(pairs) != 1 or len(condition.args) + len(condition.keywords) != 1:
        return "?"
    lookup, values = pairs[0]
    if not lookup or not lookup.endswith("__in") or not isinstance(values, (ast.List, ast.Tuple)):
        return "?"
    # (integers as written: socialhome's `visibility__in=[0, 1, 2, 3]`, round BT)
    items = [
        str(v.value)
        if isinstance(v, ast.Constant) and type(v.value) is int
        else pyast.const_str(v, {})
        for v in values.elts
    ]
    if any(i is None for i in items):
        return "?"
    return f"{lookup[:-4].lower()}\t" + ",".join(sorted(i for i in items if i is not None))


def previous_check(
    model: str,
    name: str,
    text: str,
    path: str,
    source: Source,
    renames: Mapping[str, str] | None = None,
) -> str:
    """:func:`check_list` of ``model``'s CHECK ``name`` in the migrations before this one
    (``""``: none or removed); ``renames``: the model renames of this migration so far
    (``fields`` entries ending in :data:`RENAMED`), followed back first."""
    return _previous_constraint(CHECK, model, name, (text, path, source), renames)


def previous_unique(
    model: str, name: str, text: str, path: str, source: Source, renames: Mapping[str, str]
) -> str:
    """:func:`unique_key` of ``model``'s UniqueConstraint ``name`` in the migrations before
    this one (``""``: none or removed), as :func:`previous_check` finds a CHECK."""
    return _previous_constraint(UNIQUE, model, name, (text, path, source), renames)


def _previous_constraint(
    infix: str,
    model: str,
    name: str,
    where: tuple[str, str, Source],
    renames: Mapping[str, str] | None,
) -> str:
    """The record (``fields[model + infix + name]``) of ``model``'s constraint ``name`` in
    the migrations before this one, its model renames followed back first."""
    known = {k: v for k, v in (renames or {}).items() if k.endswith(RENAMED)}
    return _previous(model, f"{infix}{name.lower()}", known, (name.lower(),), where, _CHECK_CALLS)


TOGETHER = "\ttogether"
"""Key suffix: ``fields[model + TOGETHER]`` is the model's ``unique_together`` as
:func:`together` writes it."""


def together(value: ast.expr | None) -> str:
    """``unique_together`` as one comparable string: each key's fields sorted (a unique key
    holds whatever its column order), the keys sorted; ``"-"`` for none, ``""`` unknown."""
    if isinstance(value, ast.Call) and pyast.last_name(value.func) in ("set", "list", "tuple"):
        value = value.args[0] if value.args else ast.Set(elts=[])
        if isinstance(value, ast.Constant) and value.value in ("", ()):
            value = ast.Set(elts=[])  # `set('')`, an empty set (tock's 0045, round BD)
    if isinstance(value, ast.Constant) and value.value is None:
        return "-"  # unique_together=None (wagtail search/0008): none
    if isinstance(value, ast.Dict) and not value.keys:
        return "-"  # unique_together={} (nautobot ipam/0038): an empty dict, none
    if not isinstance(value, (ast.Set, ast.List, ast.Tuple)):
        return ""
    items = value.elts
    if items and all(isinstance(e, ast.Constant) for e in items):
        items = [value]  # one key written flat: ("a", "b")
    keys = []
    for item in items:
        if not isinstance(item, (ast.Set, ast.List, ast.Tuple)):
            return ""
        names = [pyast.const_str(e, {}) for e in item.elts]
        if any(n is None for n in names):
            return ""
        keys.append(",".join(sorted(n.lower() for n in names if n)))
    return "|".join(sorted(set(keys))) or "-"


def previous_together(model: str, known: dict[str, str], text: str, path: str,
                      source: Source) -> str:  # fmt: skip
    """:func:`together` of ``model`` before this operation (``""``: not known)."""
    return _previous(model, TOGETHER, known, (), (text, path, source), _TOGETHER_CALLS)


META = "\tmeta"
"""Key suffix: ``fields[model.field + META]`` is :func:`field_meta`; ``verdicts[model + META]``
is True when the model names its table (``db_table``, ``AlterModelTable``)."""


def without_field(fields: dict[str, str], key: str) -> dict[str, str]:
    """``fields`` less ``key`` (``model.field``) and its :data:`META` entry: the state a
    walk back reads where this migration removed the field or made it again, so the field
    is looked up as the earlier migrations left it."""
    gone = (key.lower(), key.lower() + META)
    return {k: v for k, v in fields.items() if k not in gone}


def _set(value: ast.expr | None) -> bool:
    """A keyword that is present and not the literal False/None."""
    return value is not None and not (
        isinstance(value, ast.Constant) and value.value in (False, None)
    )


def field_meta(node: ast.expr | None) -> str:
    """What the N−1 rules need of a field: ``null``, ``unique``, ``db_column`` flags,
    comma-separated (``""``: NOT NULL, not unique, default column name); ``opaque`` when
    keywords come from a ``**dict``, ``no_column`` for a join table or computed field,
    ``relation`` for a foreign key (its column is the name with ``_id``)."""
    if not isinstance(node, ast.Call):
        return "-"
    inner = node.args[0] if node.args else None
    if (
        not pyast.last_name(node.func).endswith("Field")
        and isinstance(inner, ast.Call)
        and pyast.last_name(inner.func).endswith("Field")
    ):
        node = inner  # a field wrapped: django_cryptography's encrypt(JSONField(null=True))
    flags = [kw.arg for kw in node.keywords if kw.arg in _META_KEYS and _set(kw.value)]
    if any(kw.arg is None for kw in node.keywords):
        # ``CharField(**app_settings.HARDWARE_ID_OPTIONS)``: null=, unique= out of sight
        # (openwisp-controller, round I)
        flags.append("opaque")
    kind = pyast.last_name(node.func)
    if kind in _NO_COLUMN or kind.endswith("ManyToManyField") or _many(node, kind):
        flags.append("no_column")
        if kind.endswith("ManyToManyField"):
            flags.append("join_table")  # its own table, unless `through=` names a model
    elif kind.startswith("Null") and "null" not in flags:
        # nullable by definition: NullBooleanField (Django < 4, kept in old migrations),
        # django-oscar's NullCharField, which sets null=True itself (round L)
        flags.insert(0, "null")
    elif _primary(node) and "unique" not in flags:
        # a primary key is unique: made a plain unique field, it keeps its rows' rule
        # (awx's hostmetric.hostname, round P)
        flags.append("unique")
    elif kind == "OneToOneField" and "unique" not in flags:
        # unique by definition: turned into a ForeignKey, its key is dropped and usually
        # re-drawn looser by a unique_together next (plane's cycleissue)
        flags.append("unique")
    if kind.endswith(("ForeignKey", "OneToOneField", "ParentalKey")):
        flags.append("relation")  # its column is <name>_id (modelcluster's ParentalKey too)
        flags.append(_key_of(node))
    default = next((kw.value for kw in node.keywords if kw.arg == "default"), None)
    if isinstance(default, (ast.Name, ast.Attribute)) or any(
        kw.arg in ("auto_now", "auto_now_add") and _set(kw.value) for kw in node.keywords
    ):
        # the model gives every INSERT a value its code leaves to it (rapidpro's
        # ``default=uuid4``, kolibri's ``auto_now_add=True``, round AJ): NOT NULL refuses
        # nothing the release writes. Not a literal: a nullable field's code may mean the
        # None it writes (``NullBooleanField(default=False)``)
        flags.append("filled")
        if isinstance(default, (ast.Name, ast.Attribute)) and pyast.last_name(default) in _RANDOM:
            flags.append("random")  # a fresh uuid each row: a unique key refuses none of them
    elif (
        (isinstance(default, ast.Constant) and default.value is not None)
        # (`Decimal("0.00")`: a literal too, TolaActivity's workflow 0018, round CF)
        or (
            isinstance(default, ast.Call)
            and pyast.last_name(default.func) == "Decimal"
            and all(isinstance(a, ast.Constant) for a in default.args)
            and not default.keywords
        )
    ) and not (kind.startswith("Null") and "Boolean" in kind):
        # a literal every INSERT that leaves the field alone writes: only code that sets
        # None fails on a NOT NULL (mitxonline's enrollment_mode `default="audit"`, round
        # BJ; openstates-core, round AN; casepro's `BooleanField(default=False,
        # null=True)`, the step before its NOT NULL, round BR). A NullBooleanField's None
        # means "unknown", which its code writes: not so.
        flags.append("defaulted")
    if (longest := _longest_choice(node)) is not None:
        flags.append(f"{CHOICES}{longest}")
    if kind == "TextField" and isinstance(cap := _option_value(node, "max_length"), int):
        flags.append(f"{CAPPED}{cap}")
    if "Enum" in kind:
        # an enum's field (django-enumfields' EnumIntegerField, django-enum's EnumCharField):
        # the code writes its enum's members, nothing else (socialhome, round BT)
        flags.append(ENUM)
    values = choice_values(node)
    shown = [str(v) for v in values or ()]
    if shown and not any(set(v) & set(",|\t") for v in shown):
        flags.append(CHOICE_SET + "|".join(sorted(shown)))
    return ",".join(flags) or "-"


CHOICE_SET = "choiceset:"
"""A :func:`field_meta` flag: ``choiceset:a|b``, the values of the field's written-out
``choices``, sorted."""


def choice_set(meta: Iterable[str]) -> frozenset[str] | None:
    """The values a field's :func:`field_meta` flags say its ``choices`` hold (None: not
    written out)."""
    found = next((f for f in meta if f.startswith(CHOICE_SET)), None)
    return None if found is None else frozenset(found.removeprefix(CHOICE_SET).split("|"))


ENUM = "enum"
"""A :func:`field_meta` flag: the field holds an enum's members (its class says Enum)."""


def choice_values(node: ast.expr | None) -> list[str | int] | None:
    """The values of a field's ``choices=`` written out as a list of ``(value, label)``
    pairs, each value a constant string or integer; None for any other."""
    if not isinstance(node, ast.Call):
        return None
    given = next((kw.value for kw in node.keywords if kw.arg == "choices"), None)
    if not isinstance(given, (ast.List, ast.Tuple)) or not given.elts:
        return None
    values: list[str | int] = []
    for pair in given.elts:
        if not isinstance(pair, (ast.List, ast.Tuple)) or len(pair.elts) != 2:
            return None
        first = pair.elts[0]
        value = first.value if isinstance(first, ast.Constant) else None
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            return None
        values.append(value)
    return values


CHOICES = "choices<="
"""A :func:`field_meta` flag: ``choices<=N``, the field's literal choices, none longer."""

CAPPED = "capped<="
"""A :func:`field_meta` flag: ``capped<=N``, a ``TextField(max_length=N)``: no column type,
but the length its forms and serializers (Django's ``Textarea``, DRF's ``CharField``)
enforce."""


def _option_value(node: ast.Call, name: str) -> object:
    """The literal value of keyword ``name`` (:func:`_literal`), else None."""
    return _literal(next((kw.value for kw in node.keywords if kw.arg == name), None))


def _literal(node: ast.expr | None) -> object:
    """A constant's value, a string of digits read as its number: ``max_length="30"`` is 30
    to Django (django-helpdesk 0001, round M); None for anything but a constant."""
    if not isinstance(node, ast.Constant):
        return None
    v = node.value
    return int(v) if isinstance(v, str) and v.isdigit() else v


def _longest_choice(node: ast.Call) -> int | None:
    """The length of the longest value of a field's ``choices=`` written out as a list of
    ``(value, label)`` pairs of strings; None for any other."""
    values = choice_values(node)
    strings = [v for v in values or () if isinstance(v, str)]
    return max(map(len, strings)) if values and len(strings) == len(values) else None


_RANDOM = frozenset({"uuid1", "uuid4", "uuid6", "uuid7"})


def _key_of(node: ast.Call) -> str:
    """A foreign key's target as a meta flag: ``to:<app.Model>:<to_field>`` as written (lower
    case, the field empty for the primary key; ``to:?`` where ``to=`` is not a literal)."""
    target = (
        node.args[0]
        if node.args
        else next((kw.value for kw in node.keywords if kw.arg == "to"), None)
    )
    model = pyast.const_str(target, {}) if target is not None else None
    field = next((kw.value for kw in node.keywords if kw.arg == "to_field"), None)
    column = pyast.const_str(field, {}) if field is not None else ""
    if not model or column is None:
        return "to:?"
    # (the app label kept: bluebottle's donations.Donation is not funding.Donation, round AS)
    return f"to:{model.lower()}:{column.lower()}"


def target_of(flags: Iterable[str]) -> str:
    """The ``to:`` flag among a foreign key's :func:`field_meta` flags (``to:?``: none)."""
    return next((f for f in flags if f.startswith("to:")), "to:?")


def same_key(meta: str, other: str) -> bool:
    """Two foreign keys' :func:`field_meta` name one target, the same model's same key."""
    key = target_of(meta.split(","))
    return key == target_of(other.split(",")) != "to:?"


_META_KEYS = frozenset({"null", "unique", "db_column", "through"})


def _primary(node: ast.Call) -> bool:
    return any(kw.arg == "primary_key" and _set(kw.value) for kw in node.keywords)


def _many(node: ast.Call, kind: str) -> bool:
    """A relation to another model (``to=``) without ``on_delete=`` that is no foreign
    key: a many-to-many under its own class (bookwyrm's ``TagField``, nautobot's
    ``TagsField``, modelcluster's ``ClusterTaggableManager``: round K); a foreign key
    needs ``on_delete`` since Django 2.0, and older ones end in ``ForeignKey``."""
    if kind.endswith(("ForeignKey", "OneToOneField")):
        return False
    given = {kw.arg for kw in node.keywords}
    return "to" in given and "on_delete" not in given


# no column of the model's own: a join table (django-taggit's TaggableManager, nautobot's
# tags), computed by the database, or a virtual field over two others (django-loose-fk's
# FkOrURLField, ``concrete=False``: open-zaak, round AS)
_NO_COLUMN = frozenset({"ManyToManyField", "GeneratedField", "TaggableManager", "FkOrURLField"})


def _sets_db_table(options: ast.expr | None) -> bool:
    if not isinstance(options, ast.Dict):
        return False
    return any(pyast.const_str(k, {}) == "db_table" for k in options.keys if k is not None)


def previous_meta(
    model: str, name: str, known: dict[str, str], text: str, path: str, source: Source
) -> str:
    """:func:`field_meta` of ``model.name`` before this operation (``""``: not known)."""
    tail = f".{name.lower()}{META}"
    return _previous(model, tail, known, (name.lower(),), (text, path, source), _FIELD_CALLS)


TABLE = "\ttable"
"""Key suffix: ``fields[model + TABLE]`` is the table the model names (``db_table``,
``AlterModelTable``), or "" for Django's ``<app label>_<model>``."""


def model_table(
    model: str, app: str, known: dict[str, str], text: str, path: str, source: Source
) -> str:
    """The table of ``model`` before this operation: the one its ``db_table`` or an
    ``AlterModelTable`` names, through its renames, else ``<app>_<model>`` (marsha's
    ``Meeting`` had ``db_table: "meeting"``; its table renamed ``classroom`` was said to be
    ``bbb_classroom``, round AV)."""
    found = _previous(model, TABLE, known, (), (text, path, source), _VERDICT_CALLS)
    return found or f"{app}_{model.lower()}"


def names_table(model: str, known: dict[str, bool], text: str, path: str, source: Source) -> bool:
    """True when ``model`` sets its table name (``db_table``): a RenameModel keeps the table."""
    key = f"{model.lower()}{META}"
    if key in known:
        return known[key]
    return bool(
        _walk((model.lower(),), lambda info: info.verdicts.get(key), text, path, source,
              _VERDICT_CALLS)
    )  # fmt: skip


@dataclass
class _Info:
    """What the walk needs from one migration file, parsed only when first needed."""

    parents: tuple[str, ...]
    words: frozenset[str]  # quoted identifiers, lower-case: is a model or field named here?
    text: str | None  # dropped once parsed
    verdicts: dict[str, bool] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    # The operations of _RECORDED that the unparsed text names (None: may call any): a
    # file naming none that a walk looks for cannot hold its answer, so is not parsed.
    calls: frozenset[str] | None = None

    def state(self) -> _Info:
        if self.text is not None:
            tree = pyast.parse(self.text, "<migration>")
            self.text = None
            if isinstance(tree, ast.Module):
                for call in _operation_calls(own_fields(tree)):
                    record(call, self.verdicts, self.fields)
        return self


def _operation_calls(tree: ast.Module) -> list[ast.Call]:
    """The calls in the list literals of ``class Migration`` (operations, nested
    ``SeparateDatabaseAndState`` lists), in source order: far fewer nodes than a full walk.
    A module-level list the operations name is read too (saleor's ``operations =
    PRODUCT_TYPE_UNIQUE_SLUGS + …``: the walk missed its ``unique=True``, round R)."""
    found: list[ast.Call] = []
    stack: list[ast.AST] = [
        s.value
        for c in tree.body
        if isinstance(c, ast.ClassDef) and c.name == "Migration"
        for s in c.body
        if isinstance(s, (ast.Assign, ast.AnnAssign)) and s.value is not None
    ]
    names: dict[str, ast.expr] | None = None
    followed: set[str] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name) and node.id not in followed:
            followed.add(node.id)
            names = pyast.module_names(tree) if names is None else names
            if node.id in names:
                stack.append(names[node.id])
        elif isinstance(node, (ast.List, ast.Tuple)):
            stack += node.elts
        elif isinstance(node, ast.BinOp):
            stack += [node.left, node.right]
        elif isinstance(node, ast.Call):
            found.append(node)
            stack += [a for a in node.args if isinstance(a, (ast.List, ast.Tuple))]
            stack += [k.value for k in node.keywords if isinstance(k.value, (ast.List, ast.Tuple))]
    return sorted(found, key=lambda c: (c.lineno, c.col_offset))


def remember(
    source: Source, path: str, text: str, verdicts: dict[str, bool], fields: dict[str, str]
) -> None:
    """Store what analysing ``path`` learnt, so that later walks need not parse it again."""
    try:
        cache = _CACHE.setdefault(source, {})
    except TypeError:
        return
    if path not in cache:
        parents = tuple(p for _, p in _siblings(text, path, source))
        words = _words(text)
        cache[path] = _Info(parents, words, None, dict(verdicts), dict(fields))


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
            cache[path] = _Info(parents, _words(text), text, calls=_calls_named(text))
    return cache[path]


# The operations record() learns from: verdicts from CreateModel and AlterModelOptions,
# field types from CreateModel and the field operations.
_VERDICT_CALLS = frozenset({"CreateModel", "AlterModelOptions", "AlterModelTable"})
_FIELD_CALLS = frozenset(
    {"CreateModel", "AddField", "AlterField", "RemoveField", "RenameField", "RunSQL"}
)
_TOGETHER_CALLS = frozenset({"CreateModel", "AlterUniqueTogether"})
_CHECK_CALLS = frozenset({"CreateModel", "AddConstraint", "RemoveConstraint"})
_RECORDED = tuple(
    sorted(_VERDICT_CALLS | _FIELD_CALLS | _TOGETHER_CALLS | _CHECK_CALLS | {"RenameModel"})
)


def _calls_named(text: str) -> frozenset[str] | None:
    """The names of _RECORDED in ``text``; None for non-ASCII text, where Python reads
    some other spellings (NFKC-equivalent letters) as the same identifier."""
    if not text.isascii():
        return None
    return frozenset(name for name in _RECORDED if name in text)


def _newest_first(path: str) -> tuple[int, str]:
    """A migration's place for the walk back: its number (``0110_…``), then its name."""
    name = posixpath.basename(path)
    digits = name[: len(name) - len(name.lstrip("0123456789"))]
    return (int(digits) if digits else -1, name)


def _walk(
    words: tuple[str, ...],
    pick: Callable[[_Info], T | None],
    text: str,
    path: str,
    source: Source,
    calls: frozenset[str],
    renamed: str = "",
    start: Sequence[str] | None = None,
    after: list[str] | None = None,
) -> T | None:
    """Walk the app's history back from ``path`` (newest first); the first ``pick`` that
    is not None wins. Files that do not name every word, or none of the operations
    ``calls`` that ``pick`` reads the record of, are not parsed, unless they name
    ``renamed`` and rename a model (where the model may have been given that name).
    ``start``: the files to walk back from instead of ``path``'s parents; ``after`` gets
    the parents of the file that answered (where a walk for what it renamed goes on)."""
    try:
        cache = _CACHE.setdefault(source, {})
    except TypeError:  # a Source without weak references: no cache across calls
        cache = {}
    need = frozenset(words)
    seen = {path}
    stack = list(start) if start is not None else [p for _, p in _siblings(text, path, source)]
    while stack and len(seen) < _MAX_FILES:
        # the newest first (a file's number orders it after its parents): past a merge, one
        # branch's old state is not taken before the other branch's later change of it
        # (django-bims' 0110s: a JSONField made on one branch, its TextField on the other)
        current = stack.pop(max(range(len(stack)), key=lambda i: _newest_first(stack[i])))
        if current in seen:
            continue
        seen.add(current)
        if current in cache:
            info = cache[current]
            source.used(current)  # answered from an earlier read: still a dependency
        else:
            info = _info(current, source, cache)
        if info is None:
            continue
        if (
            need <= info.words
            and (info.text is None or info.calls is None or not info.calls.isdisjoint(calls))
        ) or (
            renamed in info.words
            and (info.text is None or info.calls is None or "RenameModel" in info.calls)
        ):
            found = pick(info.state())
            if found is not None:
                if after is not None:
                    after[:] = info.parents
                return found
        stack += info.parents
    return None


def tableless(model: str, known: dict[str, bool], text: str, path: str, source: Source) -> bool:
    """True when ``model`` is unmanaged or a proxy.

    ``known`` holds what the migration's own earlier operations said; otherwise the
    app's history is walked back through ``dependencies`` to the model's creation.
    """
    key = model.lower()
    if key in known:
        return known[key]
    return bool(
        _walk((key,), lambda info: info.verdicts.get(key), text, path, source, _VERDICT_CALLS)
    )


def previous_type(
    model: str, name: str, known: dict[str, str], text: str, path: str, source: Source
) -> str:
    """The type ``model.name`` had before this operation (``""`` when not known): as the
    model's state says, or a ``RunSQL`` that retyped its column since."""
    tail = f".{name.lower()}"

    def also() -> str:
        table = model_table(model, app_label(text, path, source), known, text, path, source)
        return f"{SQL_TYPED}{table.lower()}.{name.lower()}"

    where = (text, path, source)
    return _previous(model, tail, known, (name.lower(),), where, _FIELD_CALLS, also)
