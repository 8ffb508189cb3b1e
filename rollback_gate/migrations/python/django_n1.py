"""Django operations that the previous release cannot survive (RG220-RG224).

Called by :class:`rollback_gate.migrations.python.django_ops.Reader` for each operation,
before the operation updates the model state, so :mod:`.django_state` still answers with
the field as the previous release knows it.

* ``AddField`` of a field that is not ``null=True`` and has no ``db_default`` → RG222. A
  ``default=`` does not help: Django fills the existing rows with it and then drops the
  database default (it keeps defaults in Python), so the previous release's INSERTs, which
  omit the column, fail. ``ManyToManyField`` and ``GeneratedField`` add no such column.
* ``AlterField`` → RG222 when a nullable field becomes NOT NULL, RG223 when the type
  changes and is not a pure widening (both types known), RG224 when ``unique=True``
  appears.
* ``RenameField`` → RG220 unless the field sets ``db_column`` (the column keeps its name);
  ``RenameModel`` → RG221 unless the model sets ``db_table``; ``AlterModelTable`` → RG221.
* ``AddConstraint`` of a ``UniqueConstraint``/``CheckConstraint`` and a non-empty
  ``AlterUniqueTogether`` → RG224.

Nothing is reported for a model created by the same migration, or for an unmanaged or
proxy model.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import itertools
import re
from collections.abc import Callable, Sequence
from typing import Protocol

from rollback_gate import lazyre
from rollback_gate.migrations.base import Source
from rollback_gate.migrations.python import django_fields, django_state, pyast
from rollback_gate.migrations.python.words import DJANGO_WORDS
from rollback_gate.migrations.sqlengine import coltypes, wording
from rollback_gate.migrations.sqlengine.compat import Break, trigger_fills
from rollback_gate.models import Finding, Severity


class Reader(Protocol):
    """What these rules read of :class:`.django_ops.Reader` (kept a protocol so that
    imports run one way: django_ops uses this module, not the other way round)."""

    path: str
    text: str
    source: Source
    names: dict[str, ast.expr]
    created: set[str]
    earlier: set[str]
    unwritten: set[str]
    unwritten_values: set[str]
    unkeyed: set[str]
    seeded_unkeyed: set[str]
    unkeys: dict[str, list[str | None]]
    keyed: dict[str, Finding]
    retabled: set[str]
    models_renamed: dict[str, str]
    gone_plain: set[str]
    gone_columnless: set[str]
    gone_keys: set[str]
    unchecked: set[str]
    removed: dict[str, str | None]
    fresh_nullable: set[str]
    relaxed: set[str]
    retyped: dict[str, tuple[str, str]]
    verdicts: dict[str, bool]
    fields: dict[str, str]
    findings: list[Finding]
    added_fields: dict[str, tuple[ast.Call, list[Finding]]]
    renamed_to: dict[str, tuple[list[Finding], str]]

    @property
    def app(self) -> str: ...


_RELATIONS = ("ForeignKey", "OneToOneField", "ParentalKey")  # (modelcluster's is a ForeignKey)
_AUTO = frozenset({"AutoField", "BigAutoField", "SmallAutoField"})
_DROPPED_DEFAULT = (
    "Django writes default= into the existing rows and then drops the database default; "
    "use db_default= to keep it"
)


def _str(reader: Reader, call: ast.Call, pos: int, kw: str) -> str:
    return pyast.const_str(pyast.arg(call, pos, kw), reader.names) or "?"


def _made(reader: Reader, name: str) -> bool:
    """``model`` or ``model.field`` (lower case) is new to the previous release: made by
    this migration, or by an earlier one of the same release (:mod:`.release`). Field names
    are kept as written, so a camelCase one is matched in any case (bluebottle's
    ``verificationMethod``, added and renamed in one release: round AS)."""
    if name in reader.created or name in reader.earlier:
        return True
    lowered = name.lower()
    return any(n.lower() == lowered for n in (*reader.created, *reader.earlier) if "." in n)


def _existing(reader: Reader, model: str) -> bool:
    """The model has a table the previous release uses (not created here, not tableless)."""
    if _made(reader, model.lower()):
        return False
    return not django_state.tableless(
        model, reader.verdicts, reader.text, reader.path, reader.source
    )


def _report(reader: Reader, b: Break, step: str) -> None:
    reader.findings.append(wording.finding(b, reader.path, step, DJANGO_WORDS))


def _requires(f: Finding, column: str) -> bool:
    """Whether ``f`` is an RG222 making ``table.column`` (lower case) NOT NULL."""
    return f.rule == "RG222" and (f.key or "").split(":")[2:3] == [column]


def _column(name: str, field: ast.expr | None) -> str:
    return f"{name}_id" if relation(field) else name


def column_of(name: str, field: ast.expr | None) -> str:
    """The column a field of this name makes: its ``db_column``, else ``name`` (with
    ``_id`` for a relation)."""
    if isinstance(field, ast.Call):
        named = next((k.value for k in field.keywords if k.arg == "db_column"), None)
        if isinstance(named, ast.Constant) and isinstance(named.value, str):
            return named.value
    return _column(name, field)


def add_field(reader: Reader, call: ast.Call) -> None:
    model, name = _str(reader, call, 0, "model_name"), _str(reader, call, 1, "name")
    field = pyast.arg(call, 2, "field")
    if not isinstance(field, ast.Call) or pyast.last_name(field.func) in _AUTO:
        return
    meta = django_state.field_meta(field)
    kw = {k.arg for k in field.keywords}
    if not kw & {"db_default", None}:
        # Never written by the previous release: NULL, or Django's default= filled in once
        # (then its inserts fail: RG222), so a unique key over it adds nothing more.
        reader.unwritten.add(f"{model.lower()}.{name.lower()}")
        default = pyast.arg(field, 99, "default")
        if default is None or isinstance(default, ast.Constant):
            value = None if default is None else default.value
            reader.unwritten_values.add(f"{model.lower()}.{name.lower()}={value!r}")
    if "null" in meta.split(",") and not kw & {"db_default", None}:
        reader.fresh_nullable.add(f"{model.lower()}.{name.lower()}")
    if None in kw or "null" in meta or "no_column" in meta or "db_default" in kw:
        return
    if django_fields.forces_null(field, reader.text, reader.path, reader.source):
        return  # the project's field class makes it nullable itself (kobocat, round AR)
    # Not created here; an unmanaged or proxy model is not looked up (walking the app's
    # history for each AddField costs more than the rare false finding it would avoid).
    if "primary_key" in kw or _made(reader, model.lower()):
        return
    if model.lower() in reader.retabled:
        return  # its table renamed by this migration (plane): RG221 says the old code breaks
    table = f"{reader.app}_{model.lower()}"
    if _database_default(reader, model, name) or _sql_default(
        reader, table, column_of(name, field)
    ):
        return  # the database keeps a default: the previous release's INSERTs get it
    note = _DROPPED_DEFAULT if "default" in kw else ""
    b = Break("RG222", "add_required", call.lineno, table, _column(name, field), note=note)
    _report(reader, b, "AddField")


def _database_default(reader: Reader, model: str, name: str) -> bool:
    """An ``AddDefaultValue(model_name=…, name=…)`` of django-add-default-value for the
    field in this migration: the database keeps the default, and old INSERTs get it."""
    if "AddDefaultValue" not in reader.text:
        return False
    pattern = (
        r"AddDefaultValue\(\s*model_name\s*=\s*['\"]" + re.escape(model) + r"['\"]\s*,"
        r"\s*name\s*=\s*['\"]" + re.escape(name) + r"['\"]"
    )
    return re.search(pattern, reader.text, re.IGNORECASE) is not None


def _sql_default(reader: Reader, table: str, column: str) -> bool:
    """A ``RunSQL`` of this migration gives the column a database default (``ALTER TABLE
    t ALTER COLUMN c SET DEFAULT false`` after the ``AddField``: saleor's way, four times
    in a sample of twelve, round R): the previous release's INSERTs get it. Read in the
    file's text: the ``RunSQL`` comes after the ``AddField`` it completes."""
    return (table.lower(), column.lower()) in _sql_defaults(reader.text)


_ALTER_TABLE = lazyre.compile(
    r"\bALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?[\"`]?([\w$]+)[\"`]?\s((?:(?!\bALTER\s+TABLE\b)[^;])*)",
    re.I,
)
_SET_DEFAULT = lazyre.compile(
    r"\bALTER\s+(?:COLUMN\s+)?[\"`]?([\w$]+)[\"`]?\s+SET\s+DEFAULT\b", re.I
)


@functools.lru_cache(maxsize=8)
def _sql_defaults(text: str) -> frozenset[tuple[str, str]]:
    """``(table, column)`` (lower case) of every ``ALTER TABLE t … ALTER [COLUMN] c SET
    DEFAULT`` in ``text``: read once per file, not once per field (1,236 patterns compiled
    for the 10,000-file benchmark otherwise). Its string constants are read too, each
    joined as Python joins adjacent literals: fx-private-relay's `RunPython` runs
    `schema_editor.execute('ALTER TABLE "phones_relaynumber"' ' ALTER COLUMN …')`, written
    over two lines (round BT)."""
    if "set default" not in text.lower():
        return frozenset()
    try:
        strings = [n.value for n in ast.walk(ast.parse(text))
                   if isinstance(n, ast.Constant) and isinstance(n.value, str)]  # fmt: skip
    except (SyntaxError, ValueError, RecursionError):
        strings = []
    return frozenset(
        (m.group(1).lower(), d.group(1).lower())
        for part in (text, *strings)
        for m in _ALTER_TABLE.finditer(part)
        for d in _SET_DEFAULT.finditer(m.group(2))
    )


def _choices_fit(was: list[str], new: str) -> bool:
    """Whether the field's previous ``choices``, written out, all fit the string type it is
    made: the values its model offers the previous release's forms and serializers (FAC's
    resubmission status, round BM; open-city-profile's language codes, round BN)."""
    limit = next((f.removeprefix(django_state.CHOICES) for f in was
                  if f.startswith(django_state.CHOICES)), None)  # fmt: skip
    size = coltypes.string_length(new)
    return limit is not None and size is not None and int(limit) <= size


def _capped_fit(was: list[str], new: str) -> int | None:
    """The ``max_length`` of a ``TextField`` made a string type at least that long
    (concordia's ``title``, ``TextField(max_length=255)`` made ``CharField(max_length=255)``,
    round CB): no column length, but the previous release's forms and serializers took no
    longer value. None otherwise."""
    cap = next((f.removeprefix(django_state.CAPPED) for f in was
                if f.startswith(django_state.CAPPED)), None)  # fmt: skip
    size = coltypes.string_length(new)
    return int(cap) if cap is not None and size is not None and int(cap) <= size else None


def enum_fits(was: list[str], field: ast.expr | None, new: str) -> bool:
    """Whether an enum's field (the previous release writes its enum's members only) is
    made one whose written-out choices, the enum's members, all fit the new type: an
    integer no larger than it holds, a string no longer (socialhome's `visibility`, an
    `EnumIntegerField` made `EnumPositiveSmallIntegerField` over 0-3, round BT)."""
    values = django_state.choice_values(field) if django_state.ENUM in was else None
    if not values:
        return False
    ints = [v for v in values if isinstance(v, int)]
    if len(ints) == len(values):
        limit = coltypes.int_limit(new)
        return limit is not None and all(abs(v) <= limit for v in ints)
    size = coltypes.string_length(new)
    return size is not None and all(isinstance(v, str) and len(v) <= size for v in values)


def alter_field(reader: Reader, call: ast.Call) -> None:
    model, name = _str(reader, call, 0, "model_name"), _str(reader, call, 1, "name")
    field = pyast.arg(call, 2, "field")
    if isinstance(field, ast.Call) and f"{model.lower()}.{name.lower()}" in reader.fresh_nullable:
        _required_after_backfill(reader, call, model, name, field)
    if isinstance(field, ast.Call) and "null" in django_state.field_meta(field).split(","):
        # made nullable: a later migration's NOT NULL on it is taken back within the release
        # (:func:`.release.undone`), and so is one this migration made before (an AddField
        # or AlterField above it), also of a field the release made (oclapi2's sources
        # 0004 and 0005, one commit, round CR)
        relaxed = f"{reader.app}_{model.lower()}.{_column(name, field)}".lower()
        reader.relaxed.add(relaxed)
        reader.findings = [f for f in reader.findings if not _requires(f, relaxed)]
    if not isinstance(field, ast.Call) or _made(reader, f"{model.lower()}.{name.lower()}"):
        return
    if _made(reader, model.lower()) or model.lower() in reader.retabled:
        return
    args = (model, name, reader.fields, reader.text, reader.path, reader.source)
    before = django_state.previous_meta(*args)
    if not before:
        return  # the field as the previous release knows it is not visible
    meta = django_state.field_meta(field)
    if {"no_column", "opaque"} & {*meta.split(","), *before.split(",")}:
        return  # a join table (ManyToManyField), or null=/unique= from a **dict: not judged
    table, column = f"{reader.app}_{model.lower()}", _column(name, field)
    was = before.split(",")
    if ("relation" in was) != ("relation" in meta.split(",")) and "db_column" not in {
        *was,
        *meta.split(","),
    }:
        # a ForeignKey made a plain field, or one made a ForeignKey: Django renames its
        # column, `<name>_id` ↔ `<name>` (cadasta's tenure_type, made a CharField: BO)
        old_column, new_column = (f"{name}_id", name) if "relation" in was else (name, column)
        note = f"field {reader.app}.{model}.{name}"
        b = Break("RG220", "rename_column", call.lineno, table, old_column, new_column, note=note)
        _report(reader, b, "AlterField")
    if (
        "null" in was
        and "null" not in meta.split(",")
        and "filled" not in was
        and not django_fields.forces_null(field, reader.text, reader.path, reader.source)
    ):
        # (where the previous release's field gave every INSERT a value, it writes no NULL;
        # a literal default does unless its code sets None: said, at P3)
        defaulted = "defaulted" in was
        note = (
            "the previous release's field gives every INSERT its default: only code of it "
            "that sets None fails"
            if defaulted
            else ""
        )
        _report(
            reader,
            Break("RG222", "set_required", call.lineno, table, column, note=note),
            "AlterField",
        )
        if defaulted:
            reader.findings[-1] = dataclasses.replace(reader.findings[-1], severity=Severity.P3)
    old, new = django_state.previous_type(*args), django_state.field_type(field)
    if old and new:
        reader.retyped[f"{table}.{column}".lower()] = (old, new)
    if (
        old
        and new
        and not coltypes.same(old, new)
        and not coltypes.widens(old, new)
        and not _choices_fit(was, new)
        and not enum_fits(was, field, new)
    ):
        capped = _capped_fit(was, new)
        note = (
            f"the previous release's TextField declared max_length={capped}, which its forms "
            "and serializers enforce: only code that writes longer strings directly fails"
            if capped
            else ""
        )
        b = Break("RG223", "type_change", call.lineno, table, column, new=new, old=old, note=note)
        _report(reader, b, "AlterField")
        if capped:
            reader.findings[-1] = dataclasses.replace(reader.findings[-1], severity=Severity.P3)
    key = f"{model.lower()}.{name.lower()}"
    if "unique" in meta.split(",") and not {"unique", "random"} & set(was):
        if key in reader.unkeyed:
            return  # unique when the release began: an earlier migration of it took the
            # key off, this puts it back (muckrock's organization slug, 0010 and 0024: AS)
        b = Break("RG224", "constraint", call.lineno, table, what="UNIQUE")
        _report(reader, b, "AlterField")
        reader.keyed[key] = reader.findings[-1]
    elif "unique" in before.split(",") and "unique" not in meta.split(","):
        reader.unkeyed.add(model.lower())  # a key re-drawn next, usually loosened
        reader.unkeyed.add(key)
        reader.unkeys.setdefault(model.lower(), []).append(name.lower())
    if "unique" not in meta.split(",") and key in reader.keyed:
        # made unique and then not again in one migration (bookwyrm's squashed 0006): no key
        reader.findings.remove(reader.keyed.pop(key))


def _required_after_backfill(
    reader: Reader, call: ast.Call, model: str, name: str, field: ast.Call
) -> None:
    """AddField ``null=True``, a backfill, AlterField without ``null=True``, in one
    migration or across the migrations of one release (saleor's ``updated_at`` and
    ``token`` columns, round R): the previous release never writes the column, so its
    INSERTs leave NULL there and fail, unless the database keeps a default."""
    key = f"{model.lower()}.{name.lower()}"
    meta = django_state.field_meta(field).split(",")
    kw = {k.arg for k in field.keywords}
    if "null" in meta or {"opaque", "no_column"} & set(meta) or kw & {"db_default", None}:
        return
    reader.fresh_nullable.discard(key)
    if _made(reader, model.lower()) or model.lower() in reader.retabled:
        return  # a table new to the previous release, or one RG221 already covers
    table, column = f"{reader.app}_{model.lower()}", _column(name, field)
    if _database_default(reader, model, name) or _sql_default(reader, table, column):
        return
    if trigger_fills(reader.text, table, column):
        return  # a BEFORE INSERT trigger of the migration's RunSQL fills it (pulp_rpm's evr)
    note = "the release added it nullable: the previous release never writes it"
    _report(reader, Break("RG222", "set_required", call.lineno, table, column, note=note),
            "AlterField")  # fmt: skip


def swapped(reader: Reader, add: ast.Call, model: str, name: str, old: str, note: str) -> None:
    """RG223 for a field swapped by hand (``add`` made the field that now holds the name
    of one whose type was ``old``) when its type is not ``old`` or a widening of it."""
    field = pyast.arg(add, 2, "field")
    new = django_state.field_type(field)
    if old and new and not coltypes.same(old, new) and not coltypes.widens(old, new):
        table, column = f"{reader.app}_{model.lower()}", _column(name, field)
        b = Break("RG223", "type_change", add.lineno, table, column, new=new, old=old, note=note)
        _report(reader, b, "AddField")


def swapped_from_release(
    reader: Reader, call: ast.Call, model: str, temp: str, name: str, old: str
) -> None:
    """RemoveField c, then RenameField c_temp → c where an earlier migration of the
    release added c_temp (saleor's ``order_token`` made ``order``: sixteen, round R): the
    previous release's column c holds c_temp's values now. The same type (``old`` is c's)
    or a widening is no break, another is RG223; where a type is not known (a relation to
    another key: ``order_token`` points at ``Order.token``), RG220 says c is replaced. A
    model the release made itself is new to the previous release whatever its fields do
    (bluebottle's activity_links app, new in one merge: round AS)."""
    if not _existing(reader, model):
        return
    if f"{model.lower()}.{name}" in reader.gone_columnless:
        # c had no column (a ManyToManyField): c_temp's column is new to the previous
        # release, whose c read the join table (ChiefOnboarding's content_json made
        # content, four times: round Z; the join table's drop is RG203's and RG225's)
        return
    args = (model, temp, reader.fields, reader.text, reader.path, reader.source)
    plain = old or f"{model.lower()}.{name}" in reader.gone_plain
    related = "relation" in django_state.previous_meta(*args).split(",")
    if plain and related:
        # a ForeignKey renamed into a plain field's name makes ``<name>_id``: the column
        # ``<name>`` is gone, not refilled (karrot's places 0046: the drop is RG225's)
        return
    known = django_state.without_field(reader.fields, f"{model}.{name}")
    was = django_state.previous_meta(model, name, known, reader.text, reader.path, reader.source)
    if not related and "relation" in was.split(","):
        # and the other way round: the removed ForeignKey's column was ``<name>_id``, so
        # the plain ``<name>`` is new to the previous release (akvo's 0074, round AI)
        return
    gone = f"{model.lower()}.{name}\t"
    targets = [k[len(gone) :] for k in reader.gone_keys if k.startswith(gone)]
    if not related and targets:
        # … also where an earlier migration of the release removed that ForeignKey (sparte's
        # ocsge.departement, removed by 0122, temp_departement renamed into it by 0123:
        # round CM, five)
        return
    mine = django_state.previous_meta(*args)
    earlier = f"{model.lower()}.{name}" not in reader.removed
    if related and earlier and any(django_state.same_key(mine, t) for t in targets):
        # a ForeignKey to the same model's same key as the one an earlier migration of the
        # release removed: the column the previous release reads holds the same kind of
        # values (seed's meter.scenario, removed, added as scenario_id and renamed back:
        # round AZ). Not where this migration removes it: a swap in one migration is made
        # to change what the key points at, whatever migrations edited since say
        # (bluebottle's wallpost.donation, its 0001 edited to name funding.Donation: AS)
        return
    new = django_state.previous_type(*args)
    if old and new and (coltypes.same(old, new) or coltypes.widens(old, new)):
        return
    table = f"{reader.app}_{model.lower()}"
    note = f"{temp} was added by an earlier migration of the release, {name} removed"
    was, now = (django_state.target_of(m.split(",")) for m in ((targets or ["to:?"])[0], mine))
    if related and earlier and "to:?" not in (was, now) and was != now:
        # a key to another model swapped in: the column the previous release reads and
        # writes, `<name>_id`, holds keys of that model now, and its writes of the old
        # model's keys are refused (casepro's caseaction.label, cases.Label made
        # msgs.Label; dora-back's typology, round BQ: said as renames of the temporary
        # field, which the previous release never knew, round BR)
        b = Break("RG223", "type_change", call.lineno, table, f"{name}_id",
                  new=_key_to(now), old=_key_to(was), note=note)  # fmt: skip
        _report(reader, b, "RenameField")
        return
    if old and new:
        b = Break("RG223", "type_change", call.lineno, table, name, new=new, old=old, note=note)
    else:
        b = Break("RG220", "rename_column", call.lineno, table, temp, name, note=note)
    _report(reader, b, "RenameField")


def _key_to(target: str) -> str:
    """``to:app.model:field`` said: ``a key to app.model`` (``.field`` where one is named)."""
    _, model, field = target.split(":", 2)
    return f"a key to {model}.{field}" if field else f"a key to {model}"


def swapped_key(reader: Reader, call: ast.Call, model: str, temp: str, name: str, old: str) -> None:
    """RemoveField ``x_id`` (a plain field), then RenameField of a ``ForeignKey`` the release
    added, ``temp`` → ``name``: its column is ``x_id`` again, the previous release's, which
    now holds the key's values. RG223 where the key's type is not the plain field's (or a
    widening of it); nothing where the renamed field is no relation (its column is ``x``,
    new to the previous release) or the model is the release's own."""
    if not _existing(reader, model):
        return
    args = (model, temp, reader.fields, reader.text, reader.path, reader.source)
    meta = django_state.previous_meta(*args).split(",")
    if "relation" not in meta:
        return
    # the key's type where the state tells it, else (a key to another model's primary
    # key, its type out of sight) a string column is made one of ids all the same
    target = next((m.split(":")[1] for m in meta if m.startswith("to:")), "")
    new = django_state.previous_type(*args)
    removed = f"{model.lower()}.{name}_id"
    here = reader.removed.get(removed)  # (its meta, where this migration removed it)
    plain = (
        bool(old) or removed in reader.gone_plain or (here is not None and "relation" not in here)
    )
    if not new and plain and not (old and not coltypes.is_string(old)) and target not in ("", "?"):
        # (a plain field's type out of sight, renamed in earlier: still no key of Post's)
        new = f"the key of {target}"
    elif not old or not new or coltypes.same(old, new) or coltypes.widens(old, new):
        return
    table, column = f"{reader.app}_{model.lower()}", f"{name}_id"
    note = f"{column} removed and {temp} renamed to {name}, whose column is {column}"
    b = Break("RG223", "type_change", call.lineno, table, column, new=new, old=old, note=note)
    _report(reader, b, "RenameField")


def relation(field: ast.expr | None) -> bool:
    """A ``ForeignKey``/``OneToOneField``, or a subclass named after one (signbank's
    ``FieldChoiceForeignKey``, mptt's ``TreeForeignKey``), as the model's state reads it:
    its column is the field's name with ``_id``."""
    return isinstance(field, ast.Call) and pyast.last_name(field.func).endswith(_RELATIONS)


def rename_field(reader: Reader, call: ast.Call) -> None:
    model = _str(reader, call, 0, "model_name")
    old, new = _str(reader, call, 1, "old_name"), _str(reader, call, 2, "new_name")
    if old == new:
        return  # (renamed to itself: no column changes, open-prices' stats 0005, round BP)
    if _made(reader, f"{model.lower()}.{old.lower()}") or not _existing(reader, model):
        return
    if model.lower() in reader.retabled:
        return  # on a table this migration renamed: RG221 already says the old code breaks
    args = (model, old, reader.fields, reader.text, reader.path, reader.source)
    meta = django_state.previous_meta(*args).split(",")
    if "join_table" in meta and "through" not in meta and "opaque" not in meta:
        # a ManyToManyField's own join table is named for the field, ``<table>_<field>``:
        # renamed with it (tilavarauspalvelu's reservation_reservation_unit, round BF)
        table = django_state.model_table(model, reader.app, *args[2:])
        was, now = f"{table}_{old}".lower(), f"{table}_{new}".lower()
        _report(reader, Break("RG221", "rename_table", call.lineno, was, new=now), "RenameField")
        return
    if "db_column" in meta or "no_column" in meta:
        return  # the column keeps its name (or there is none)
    table = f"{reader.app}_{model.lower()}"
    if "relation" in meta:
        # a foreign key's column is `<name>_id` (money-to-prisoners-api's `file` made
        # `batch`: `file_id` made `batch_id`, round BH); the field named as the drops
        # name theirs, for the code search, which looks for the field
        note = f"field {reader.app}.{model}.{old}"
        b = Break("RG220", "rename_column", call.lineno, table, f"{old}_id", f"{new}_id", note=note)
    else:
        b = Break("RG220", "rename_column", call.lineno, table, old, new)
    _report(reader, b, "RenameField")


def rename_model(reader: Reader, call: ast.Call) -> None:
    old, new = _str(reader, call, 0, "old_name"), _str(reader, call, 1, "new_name")
    reader.models_renamed[new.lower()] = reader.models_renamed.pop(old.lower(), old)
    if not _existing(reader, old):
        return
    state = (reader.verdicts, reader.text, reader.path, reader.source)
    if django_state.names_table(old, *state):
        return  # db_table is set: only the model is renamed
    app = reader.app
    if f"{app}_{old.lower()}" in _views(reader.text):
        return  # a view under the old name bridges the rename
    b = Break(
        "RG221", "rename_table", call.lineno, f"{app}_{old.lower()}", new=f"{app}_{new.lower()}"
    )
    _report(reader, b, "RenameModel")


def alter_model_table(reader: Reader, call: ast.Call) -> None:
    model = _str(reader, call, 0, "name")
    given = pyast.arg(call, 1, "table")
    # (`table=None`: back to Django's default name, `<app>_<model>`: les-emplois renamed
    # PoleEmploiConnectState, whose db_table kept its table, then dropped the db_table,
    # round BE)
    none = isinstance(given, ast.Constant) and given.value is None
    table = f"{reader.app}_{model.lower()}" if none else pyast.const_str(given, reader.names)
    # (a model this migration renamed has its old name's table)
    was = reader.models_renamed.get(model.lower(), model)
    if table is None or not _existing(reader, was):
        return
    old = django_state.model_table(
        was, reader.app, reader.fields, reader.text, reader.path, reader.source
    )
    if old.lower() == table.lower() or old.lower() in _views(reader.text):
        return  # the table it had already, or a view under the old name bridges it
    if _earlier_label(table, model, reader.app) and old.lower() == f"{reader.app}_{model}".lower():
        return  # the default name under the app's earlier label, pinned: the table it had
    b = Break("RG221", "rename_table", call.lineno, old, new=table)
    _report(reader, b, "AlterModelTable")


def _earlier_label(table: str, model: str, app: str) -> bool:
    """Whether ``table`` is ``<label>_<model>`` for a label that differs from the app's own
    only by its punctuation: Django 3.2 refused ``omis-invoice``, so data-hub-api made
    the label ``omis_invoice`` and pinned each model's table to the name the old label gave
    it (``AlterModelTable(name="invoice", table="omis-invoice_invoice")``, round BB: five)."""
    label, sep, name = table.lower().rpartition("_")
    if not sep or name != model.lower() or label == app.lower():
        return False
    return re.sub(r"[^a-z0-9]", "_", label) == re.sub(r"[^a-z0-9]", "_", app.lower())


_VIEW = lazyre.compile(
    r"\bCREATE\s+(?:OR\s+REPLACE\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?[\"`]?([\w$]+)", re.I
)


@functools.lru_cache(maxsize=8)
def _views(text: str) -> frozenset[str]:
    """The views (lower case) a ``RunSQL`` of the migration creates, not its
    ``reverse_sql``: one under a renamed table's old name is the expand step the fix
    asks for (marsha's ``CREATE VIEW meeting AS SELECT * FROM classroom``, round AV)."""
    return frozenset(
        m.group(1).lower()
        for m in _VIEW.finditer(text)
        if "reverse_sql" not in text[max(0, m.start() - 40) : m.start()]
    )


def add_constraint(reader: Reader, call: ast.Call) -> None:
    model = _str(reader, call, 0, "model_name")
    constraint = pyast.arg(call, 1, "constraint")
    if not isinstance(constraint, ast.Call) or not _existing(reader, model):
        return
    kind = pyast.last_name(constraint.func)
    what = {"UniqueConstraint": "UNIQUE", "CheckConstraint": "CHECK"}.get(kind)
    fields = next((k.value for k in constraint.keywords if k.arg == "fields"), None)
    if fields is None and constraint.args:  # UniqueConstraint(F("role"), …): expressions
        named = [
            a.args[0]
            for a in constraint.args
            if isinstance(a, ast.Call) and pyast.last_name(a.func) == "F" and a.args
        ]
        fields = ast.List(elts=named) if named else None  # fmt: skip
    if what == "UNIQUE" and (
        _on_unwritten_field(reader, model, [fields])
        or _redrawn(reader, model, constraint)
        or _condition_excludes_old_rows(reader, model, constraint)
    ):
        return  # over a new field, or a key re-drawn after this migration removed one
    if what == "UNIQUE" and _was_together(reader, model, constraint, fields):
        return  # a unique_together key the model had, now a named constraint (nautobot),
        # or held to some rows
    if what == "UNIQUE" and _implied(reader, model, django_state.together(fields)):
        return
    if what == "CHECK" and _checks_only_new(reader, model, constraint):
        return  # over fields the migration added: the previous release's rows hold NULL
    if what == "CHECK" and (
        _loosened(reader, model, constraint) or _kept(reader, model, constraint)
    ):
        return
    if what == "CHECK" and _met_by_old_rows(reader, model, constraint):
        return  # the previous release's rows meet it: a new field left NULL, an old one set
    if what == "CHECK" and _domain_declared(reader, model, constraint):
        return
    if what is not None:
        b = Break("RG224", "constraint", call.lineno, f"{reader.app}_{model.lower()}", what=what)
        _report(reader, b, "AddConstraint")


def _redrawn(reader: Reader, model: str, constraint: ast.Call) -> bool:
    """A unique key drawn where the release took keys off the model: drawn again, no
    stricter, unless this migration shows each key it took off and none of them holds over
    a part of the new key's fields (a row the previous release writes may pass every old
    key and fail the new one: people's ``unique_ox_display_name`` made case-insensitive,
    ``Lower("first_name")``, and one drawn beside ``unique_together``'s redrawn key: round
    BW, two misses). What an earlier migration of the release took off, or one whose key
    is not known, still counts as drawn again, and so does a key a ``condition`` holds to
    some rows (pretalx's ``unique_user_global_preferences``, ``event__isnull=True`` where
    the migration made ``event`` nullable: no row of the previous release is held)."""
    name = model.lower()
    if name not in reader.unkeyed:
        return False
    gone = reader.unkeys.get(name)
    new = django_state.unique_key(constraint)
    if name in reader.seeded_unkeyed or gone is None or None in gone or new == "?":
        return True
    renamed = {
        old.lower(): field.rpartition(".")[2]
        for field, (_, old) in reader.renamed_to.items()
        if field.startswith(f"{name}.")
    }
    parts, _, nulls = new.partition(";")
    # (a ForeignKey's field `convention` is its column `convention_id`, which a constraint's
    # `fields` may name too: apilos' `unique_convention`, round CQ)
    drawn = {p.removesuffix("_id") for p in parts.split(",")}
    for key in (k for k in gone if k is not None):
        was, _, was_nulls = key.partition(";")
        held = {renamed.get(p, p).removesuffix("_id") for p in was.split(",")}
        if held <= drawn and (was_nulls or not nulls):
            return True
    return False


def _domain_declared(reader: Reader, model: str, constraint: ast.Call) -> bool:
    """A ``field__in`` CHECK over an enum's field, which was one before this migration too:
    django-enum draws its enum's members as a CHECK, and the previous release's enum field
    writes none but them (socialhome's four, moved from django-enumfields, round BT); or
    one that admits every value of the field's written-out ``choices`` as they were before
    the migration, the values its forms and serializers take (unstract's API key
    permissions, round BV; as a string narrowed to the longest choice is no RG223)."""
    listed = django_state.check_list(constraint)
    if listed in ("?", "") or listed.startswith("="):
        return False
    name, _, admitted = listed.partition("\t")
    where = (reader.text, reader.path, reader.source)
    now = django_state.previous_meta(model, name, reader.fields, *where).split(",")
    before = django_state.previous_meta(model, name, {}, *where).split(",")
    if django_state.ENUM in now and django_state.ENUM in before:
        return True
    declared = django_state.choice_set(before)
    return declared is not None and declared <= set(admitted.split(","))


def _was_together(
    reader: Reader, model: str, constraint: ast.Call, fields: ast.expr | None
) -> bool:
    """A unique constraint over a key the model's ``unique_together`` already held: the
    same key under another form, wherever the migration drops the old one, or a looser one
    where a ``condition`` holds it to some rows (open-prices' ``unique_osm_constraint``,
    round BP). Not over expressions, nor with ``nulls_distinct=False``: stricter keys."""
    if any(k.arg in ("expressions", "nulls_distinct") for k in constraint.keywords):
        return False
    key = django_state.together(fields)
    if key in ("", "-") or "|" in key:
        return False
    args = (model, reader.fields, reader.text, reader.path, reader.source)
    return key in django_state.previous_together(*args).split("|")


def alter_unique_together(reader: Reader, call: ast.Call) -> None:
    model = _str(reader, call, 0, "name")
    value = pyast.arg(call, 1, "unique_together")
    now = django_state.together(value)
    args = (model, reader.fields, reader.text, reader.path, reader.source)
    before = django_state.previous_together(*args)
    if now == "-":
        reader.unkeyed.add(model.lower())  # unique_together removed: a key re-drawn next
        taken = [None] if before == "" else [k for k in before.split("|") if k != "-"]
        reader.unkeys.setdefault(model.lower(), []).extend(taken)
    if value is None or now == "-" or not _existing(reader, model):
        return
    if now and before and set(now.split("|")) <= set(before.split("|")):
        return  # restated, or keys removed (Flagsmith features/0022: "should have no affect")
    if now and before not in ("", "-") and not set(before.split("|")) <= set(now.split("|")):
        return  # a key re-drawn: the model had unique_together, this replaces it (wagtail
        # images/0016), as a dropped and re-created unique key is everywhere else; keys
        # added beside the ones kept are new (Flagsmith features/0016)
    if isinstance(value, ast.Call) and value.args:
        value = value.args[0]  # set([...])
    together = value.elts if isinstance(value, (ast.Set, ast.List, ast.Tuple)) else [value]
    kept = set(before.split("|")) if before else set()
    new = [t for t in together if django_state.together(ast.Tuple(elts=[t])) not in kept]
    # (a key the model keeps that a new one holds all the fields of: pootle's
    # `(store, unitid_hash)` beside a new `(store, state, index, unitid_hash)`, round CJ)
    held = [set(k.split(",")) for k in kept & set(now.split("|")) if k and k != "-"]
    if model.lower() in reader.unkeyed or all(
        _on_unwritten_field(reader, model, [t])
        or _implied(reader, model, django_state.together(ast.Tuple(elts=[t])))
        or any(k <= set(django_state.together(ast.Tuple(elts=[t])).split(",")) for k in held)
        for t in new
    ):
        return  # only keys the model had, keys over fields the old release never writes,
        # or keys a unique field already holds
    b = Break("RG224", "constraint", call.lineno, f"{reader.app}_{model.lower()}", what="UNIQUE")
    _report(reader, b, "AlterUniqueTogether")


def _loosened(reader: Reader, model: str, constraint: ast.Call) -> bool:
    """A ``field__in`` CHECK re-created under its name with every value the earlier
    migrations' one allowed (bookwyrm's ``notification_type_valid``, grown four times:
    round K), or any CHECK re-created under its name with the condition it had."""
    name = pyast.const_str(pyast.arg(constraint, 99, "name"), reader.names)
    new = django_state.check_list(constraint)
    if not name or new == "?":
        return False
    # … or under another name, where this migration removes the one it had (marsha's
    # liveregistration_* CHECKs, drawn again as livesession_* when the model was
    # renamed: round AV)
    return any(
        _no_looser_than(reader, model, constraint, new, gone)
        for gone in (name, *_removed_constraints(reader.text, model))
    )


def _kept(reader: Reader, model: str, constraint: ast.Call) -> bool:
    """A CHECK re-created under the name of one this migration removes that passes every
    row the old one did, where the fields the release adds are NULL: each AND of the old
    condition's OR holds all the tests of an AND of the new one, but for ``f__isnull=True``
    (or ``f=None``) on such a field (mitxonline's ``courses_programrequirement_node_check``,
    each branch given ``required_program__isnull=True`` and one branch more: round BJ)."""
    name = pyast.const_str(pyast.arg(constraint, 99, "name"), reader.names)
    new = django_state.check_list(constraint)
    removed = _removed_constraints(reader.text, model)
    if name and name not in removed and len(removed) == 1:
        # drawn under a new name where the migration removes one CHECK of the model
        # (Aidants_Connect's must_starts_before_it_ends, `<` made `<=`, round BS)
        name = removed[0]
    if not name or not new.startswith("=") or name not in removed:
        return False
    where = (reader.text, reader.path, reader.source)
    old = django_state.previous_check(model, name, *where, renames=reader.fields)
    was, now = _branches(old[1:]) if old.startswith("=") else None, _branches(new[1:])
    if not was or not now:
        return False
    prefix = f"{model.lower()}."
    fresh = {
        k[len(prefix) :] for k in reader.unwritten | reader.fresh_nullable if k.startswith(prefix)
    }
    # (``f=None`` is Django's other way to write ``f__isnull=True``: acceslibre's
    # ``sanitaires_urinoirs``, round BQ)
    null = {test for f in fresh for test in (f"{f}__isnull=True", f"{f}=None")}
    return all(any(branch <= _widened_tests(kept) | null for branch in now) for kept in was)


def _widened_tests(tests: frozenset[str]) -> frozenset[str]:
    """``tests`` and what each implies: ``a__lt=…`` passes ``a__lte=…``, ``a__gt=…``
    ``a__gte=…``."""
    more = {t.replace(f"__{op}=", f"__{op}e=", 1) for t in tests for op in ("lt", "gt")
            if f"__{op}=" in t}  # fmt: skip
    return tests | more


def _branches(form: str) -> list[frozenset[str]] | None:
    """A :func:`~.django_state.canonical` condition as the ANDs of its OR, each a set of
    tests (``f=v``); None for one of another shape (a NOT, an OR inside an AND)."""
    ands = (
        django_state.split_top(form[3:-1])
        if form.startswith("OR(") and form.endswith(")")
        else [form]
    )
    out: list[frozenset[str]] = []
    for term in ands:
        tests = (
            django_state.split_top(term[4:-1])
            if term.startswith("AND(") and term.endswith(")")
            else [term]
        )
        if any(t.startswith(("AND(", "OR(", "NOT(")) or not t for t in tests):
            return None
        out.append(frozenset(tests))
    return out


_REMOVED = lazyre.compile(
    r"RemoveConstraint\(\s*(?:model_name\s*=\s*)?[\"'](\w+)[\"']\s*,\s*(?:name\s*=\s*)?[\"'](\w+)[\"']"
)


def _removed_constraints(text: str, model: str) -> list[str]:
    """The names of the constraints the migration removes from ``model``."""
    return [m.group(2) for m in _REMOVED.finditer(text) if m.group(1).lower() == model.lower()]


def _no_looser_than(reader: Reader, model: str, constraint: ast.Call, new: str, name: str) -> bool:
    """Whether the CHECK ``constraint`` (its :func:`check_list` ``new``) allows all the
    earlier migrations' CHECK ``name`` did."""
    where = (reader.text, reader.path, reader.source)
    old = django_state.previous_check(model, name, *where, renames=reader.fields)
    if not old:
        # (removed by an earlier migration of the release: as it was then)
        key = f"{model.lower()}.{name.lower()}\t"
        old = next((u[len(key) :] for u in sorted(reader.unchecked) if u.startswith(key)), "")
    if not old or old == "?":
        return False
    if old.startswith("=") or new.startswith("="):
        # the same condition, written another way or not, over the fields as this
        # migration renamed them (tournesol's videos_cannot_be_equal over video_1 and
        # video_2, made entity_1 and entity_2: round AT)
        prefix = f"{model.lower()}."
        back = {k[len(prefix):]: was for k, (_, was) in reader.renamed_to.items()
                if k.startswith(prefix)}  # fmt: skip
        condition = django_state.check_condition(constraint)
        renamed = f"={django_state.canonical(condition, back)}"
        return old in (new, renamed) or any(
            _alternatives(old[1:]) <= _alternatives(n[1:]) for n in (new, renamed)
        )
    (field, was), (now_field, now) = old.split("\t", 1), new.split("\t", 1)
    return field == now_field and set(was.split(",")) <= set(now.split(","))


def _alternatives(condition: str) -> set[str]:
    """A canonical condition's alternatives: an ``OR(a|b)``'s parts, else itself. A CHECK
    whose alternatives hold all the old one's passes every row the old one did
    (dora-back's ``check_owner``, one of three owners set, for ``check_structure``, the
    first set: round BQ)."""
    if condition.startswith("OR(") and condition.endswith(")"):
        return set(django_state.split_top(condition[3:-1]))
    return {condition}


def _checks_only_new(reader: Reader, model: str, constraint: ast.Call) -> bool:
    """True when every field a ``CheckConstraint``'s ``Q`` names (``("parent__isnull",
    False)``, ``is_template=True``, ``F("x")``) is one this migration added (lego meetings
    0011, round J); False when it names none that can be read."""
    condition = django_state.check_condition(constraint)
    fields: set[str] = set()
    for node in ast.walk(condition) if condition is not None else ():
        if isinstance(node, ast.Call) and pyast.last_name(node.func) in ("Q", "F"):
            fields.update(k.arg for k in node.keywords if k.arg and not k.arg.startswith("_"))
            for arg in node.args:
                first = arg.elts[0] if isinstance(arg, ast.Tuple) and arg.elts else arg
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    fields.add(first.value)
    names = {f"{model.lower()}.{f.split('__')[0].lower()}" for f in fields}
    return bool(names) and names <= reader.unwritten


def _met_by_old_rows(reader: Reader, model: str, constraint: ast.Call) -> bool:
    """True when a ``CheckConstraint``'s ``Q`` is false for no row the previous release
    writes (a CHECK passes a row unless it is false), in SQL's three-valued logic: a field
    the release added nullable is NULL in those rows (studio's ``duration__isnull=True`` as
    one ``OR`` term, round AO), a field its schema held NOT NULL is not (c3nav's "exactly
    one of ``access_restriction`` and the new ``access_restriction_group``", round AZ), and
    every other test is tried true, false and unknown, each the same wherever it is
    written (open-zaak's ``type__in=[…] | (~Q(type__in=[…]) & Q(context__isnull=True))``
    over a new ``context``, round AS)."""

    def null(field: str) -> bool | None:
        key = f"{model.lower()}.{field.lower()}"
        if key in reader.fresh_nullable:
            return True
        before: dict[str, str] = {}  # the fields as they were before this migration
        args = (model, field, before, reader.text, reader.path, reader.source)
        meta = django_state.previous_meta(*args).split(",")
        if meta == [""] or {"null", "opaque", "no_column"} & set(meta):
            return None
        return False

    condition = django_state.check_condition(constraint)
    atoms: dict[str, int] = {}
    try:
        _truth(condition, null, atoms, ())
    except _Opaque:
        return False
    if len(atoms) > _MOST_ATOMS:
        return False
    return all(
        _truth(condition, null, atoms, values) is not False
        for values in itertools.product((True, False, None), repeat=len(atoms))
    )


_MOST_ATOMS = 6  # tests tried three ways each: 729 assignments at most


class _Opaque(Exception):
    """A condition not read: a function, an expression, a connector not told."""


def _truth(
    node: ast.expr | None,
    null: Callable[[str], bool | None],
    atoms: dict[str, int],
    values: Sequence[bool | None],
) -> bool | None:
    """A ``Q`` condition's value in three-valued logic (None: SQL's unknown) through
    ``&``, ``|``, ``~`` and ``Q(…, _connector=…, _negated=…)``: a ``field__isnull`` test of
    a field ``null`` knows is that; any other test is an atom, given ``values[atoms[test]]``
    (None while ``values`` is empty and the atoms are being listed)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitAnd, ast.BitOr)):
        both = [_truth(node.left, null, atoms, values), _truth(node.right, null, atoms, values)]
        return _joined(both, isinstance(node.op, ast.BitOr))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert):
        inner = _truth(node.operand, null, atoms, values)
        return None if inner is None else not inner
    if not (isinstance(node, ast.Call) and pyast.last_name(node.func) == "Q"):
        raise _Opaque
    given = {k.arg: k.value for k in node.keywords if k.arg in ("_connector", "_negated")}
    connector = pyast.const_str(given.get("_connector"), {}) or "AND"
    negated = given.get("_negated")
    if connector not in ("AND", "OR") or (negated is not None and not _constant(negated)):
        raise _Opaque
    terms = [_truth(a, null, atoms, values) for a in node.args if not isinstance(a, ast.Tuple)]
    for lookup, tested in django_state.lookups(node):
        if _compares_null(lookup, tested, null):
            terms.append(None)  # (SQL's unknown, whatever the other columns hold)
            continue
        known = _test(lookup, tested, null)
        if known is None:
            at = atoms.setdefault(f"{lookup}\0{ast.dump(tested)}", len(atoms))
            known = values[at] if at < len(values) else None
        terms.append(known)
    if not terms:
        raise _Opaque
    joined = _joined(terms, connector == "OR")
    flip = isinstance(negated, ast.Constant) and negated.value is True
    return None if joined is None else joined != flip


def _constant(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, bool)


def _joined(values: list[bool | None], any_of: bool) -> bool | None:
    """``values`` joined by OR (``any_of``) or AND, in three-valued logic."""
    if any_of:
        return True if True in values else (None if None in values else False)
    return False if False in values else (None if None in values else True)


def _test(lookup: str | None, value: ast.expr, null: Callable[[str], bool | None]) -> bool | None:
    """``("field__isnull", True)``'s value where ``null`` knows the field; None otherwise."""
    if not lookup or not lookup.endswith("__isnull") or not _constant(value):
        return None
    field = lookup[: -len("__isnull")]
    state = None if "__" in field else null(field)
    return None if state is None else state == value.value  # type: ignore[attr-defined]


def _compares_null(lookup: str | None, value: ast.expr, null: Callable[[str], bool | None]) -> bool:
    """Whether ``lookup`` compares a field ``null`` knows NULL in every row the previous
    release writes (``("override", F("id"))``, ``override__in=[…]``, a field through it):
    unknown in SQL, which a CHECK passes (people's ``override_not_self`` over a new
    ``override``, round BW). Not ``__isnull``, nor ``field=None``, which Django writes as
    ``IS NULL``."""
    if not lookup or lookup.endswith("__isnull"):
        return False
    if isinstance(value, ast.Constant) and value.value is None:
        return False
    return null(lookup.split("__", 1)[0]) is True


def _implied(reader: Reader, model: str, key: str) -> bool:
    """True when one field of the unique key (``"a,b"``: :func:`django_state.together`) is
    itself unique before this operation: rows the previous release writes already differ in
    it, so the key rejects none (openwisp-controller config/0017, round I: a unique
    ``(organization, name)`` while ``name`` is ``unique=True``); or gives each row a fresh
    value its code leaves to it, ``default=uuid.uuid4``, as a unique field of that default
    is none (wastd's ``(source, source_id)``, round CR)."""
    if key in ("", "-") or "|" in key:
        return False
    for name in key.split(","):
        args = (model, name, reader.fields, reader.text, reader.path, reader.source)
        meta = django_state.previous_meta(*args).split(",")
        if {"unique", "random"} & set(meta) and "opaque" not in meta:
            return True
    return False


def _condition_excludes_old_rows(reader: Reader, model: str, constraint: ast.Call) -> bool:
    """True when a conditional UniqueConstraint's ``condition=Q(…)`` (its terms ANDed)
    asks a field this migration added for a value other than its default: no row the
    previous release writes, which never sets the field, is held by the key
    (vulnerablecode's ``unique_latest_per_avid``, ``is_latest=True`` on a new
    ``BooleanField(default=False)``: round AS)."""
    condition = next((k.value for k in constraint.keywords if k.arg == "condition"), None)
    if not (isinstance(condition, ast.Call) and pyast.last_name(condition.func) == "Q"):
        return False
    if any(k.arg == "_connector" for k in condition.keywords):
        joined = next(k.value for k in condition.keywords if k.arg == "_connector")
        if not (isinstance(joined, ast.Constant) and joined.value == "AND"):
            return False
    if any(k.arg == "_negated" for k in condition.keywords):
        return False
    for lookup, value in django_state.lookups(condition):
        key = f"{model.lower()}.{(lookup or '').lower()}"
        if key not in reader.unwritten or not isinstance(value, ast.Constant):
            continue
        # the default its AddField gave, in this migration or an earlier one of the
        # release (tilavarauspalvelu's is_from_ad_group, added by 0059, keyed by 0060:
        # round BF)
        said = [v[len(key) + 1 :] for v in reader.unwritten_values if v.startswith(key + "=")]
        try:
            default = ast.literal_eval(said[0]) if len(said) == 1 else ...
        except (ValueError, SyntaxError):
            continue  # (no literal: `default=...`)
        if default is ...:
            continue
        if default is None and value.value is not None:
            return True  # left NULL
        if default is not None and default != value.value:
            return True
    return False


def _on_unwritten_field(reader: Reader, model: str, lists: list[ast.expr | None]) -> bool:
    """True when a unique key names a field this migration added (without ``db_default``):
    the previous release never writes it, leaving NULL, which is never a duplicate
    (paperless 0015: a conditional unique constraint on a new ``version_index``; netbox
    core/0019: a partial one on a new ``active`` with ``default=False``)."""
    for node in lists:
        names = node.elts if isinstance(node, (ast.List, ast.Tuple)) else []
        for n in names:
            field = pyast.const_str(n, reader.names)
            if field is not None and f"{model.lower()}.{field.lower()}" in reader.unwritten:
                return True
    return False
