"""Schema snapshots read from a database's own catalog, and the diff between two of them.

A :class:`Schema` is what the adapters (:mod:`.sqlite`, :mod:`.postgres`) read from the
catalog, never from migration text. It holds two views of the same state:

* ``objects``: every table, column, index, constraint, view, trigger, sequence, type and
  function as a flat ``(kind, name) → attributes`` map, which makes the comparison of the
  schema before up (S0) and after down (S2) a plain dictionary diff;
* ``tables``: the columns, unique column sets and foreign keys of each table, which the
  seeder (:mod:`.seed`) needs to generate rows.

:func:`diff` turns the difference into exact sentences ("column orders.note still exists
after down", "index idx_x missing after down") with the statement that would fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    """One column as the catalog describes it."""

    name: str
    type: str
    notnull: bool
    default: str | None
    pk: bool = False
    auto: bool = False  # filled by the database (INTEGER PRIMARY KEY, serial, identity)
    generated: bool = False


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """What the seeder needs to know about a table."""

    name: str
    columns: tuple[Column, ...]
    unique: tuple[tuple[str, ...], ...] = ()  # primary key and unique column sets
    foreign_keys: tuple[ForeignKey, ...] = ()
    key: tuple[str, ...] = ()  # primary key columns, () when there is none


Attrs = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SchemaObject:
    """One catalog object: ``kind`` (``table``, ``column``, ``index`` …), its display
    ``name``, the ``table`` it belongs to ("" for none), the attributes compared, and a
    ``definition`` (SQL) used to suggest how to re-create it."""

    kind: str
    name: str
    table: str = ""
    attrs: Attrs = ()
    definition: str = ""


@dataclass(frozen=True)
class Schema:
    objects: dict[tuple[str, str], SchemaObject] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    enums: dict[str, tuple[str, ...]] = field(default_factory=dict)  # type → labels
    domains: dict[str, str] = field(default_factory=dict)  # domain → base type

    def add(self, obj: SchemaObject) -> None:
        self.objects[(obj.kind, obj.name)] = obj


@dataclass(frozen=True)
class Difference:
    """One way the schema after down differs from the schema before up."""

    change: str  # "extra" (left behind), "missing" (not restored) or "changed"
    kind: str
    name: str
    message: str
    fix: str


_DROP = {
    "table": "DROP TABLE {n}",
    "view": "DROP VIEW {n}",
    "materialized view": "DROP MATERIALIZED VIEW {n}",
    "index": "DROP INDEX {n}",
    "trigger": "DROP TRIGGER {n}",
    "sequence": "DROP SEQUENCE {n}",
    "type": "DROP TYPE {n}",
    "function": "DROP FUNCTION {n}",
    "extension": "DROP EXTENSION {n}",
    "schema": "DROP SCHEMA {n}",
}


def diff(before: Schema, after: Schema) -> list[Difference]:
    """How ``after`` (S2, after down) differs from ``before`` (S0, before up).

    Objects inside a table that is itself extra or missing are not listed again: "table
    invoices still exists after down" says it all.
    """
    b, a = before.objects, after.objects
    extra_tables = {k[1] for k in a if k[0] == "table" and k not in b}
    missing_tables = {k[1] for k in b if k[0] == "table" and k not in a}
    out: list[Difference] = []
    for key in sorted(set(a) - set(b)):
        obj = a[key]
        if obj.kind != "table" and obj.table in extra_tables:
            continue
        out.append(Difference("extra", obj.kind, obj.name, _extra(obj), _drop_fix(obj)))
    for key in sorted(set(b) - set(a)):
        obj = b[key]
        if obj.kind != "table" and obj.table in missing_tables:
            continue
        out.append(
            Difference(
                "missing",
                obj.kind,
                obj.name,
                f"{obj.kind} {obj.name} missing after down",
                _create_fix(obj),
            )
        )
    for key in sorted(set(a) & set(b)):
        old, new = b[key], a[key]
        if old is new or old.attrs == new.attrs:
            continue
        was, now = dict(old.attrs), dict(new.attrs)
        if "definition" in was and old.definition and new.definition:
            was["definition"], now["definition"] = old.definition, new.definition
        changes = [
            f"{attr} {_show(now.get(attr))} (was {_show(was.get(attr))})"
            for attr in sorted(set(was) | set(now))
            if was.get(attr) != now.get(attr)
        ]
        message = f"{old.kind} {old.name} differs after down: " + "; ".join(changes)
        out.append(Difference("changed", old.kind, old.name, message, _restore_fix(old)))
    return out


def _show(value: str | None) -> str:
    return "none" if value is None or value == "" else value


def _extra(obj: SchemaObject) -> str:
    return f"{obj.kind} {obj.name} still exists after down"


def _drop_fix(obj: SchemaObject) -> str:
    if obj.kind == "column":
        table, _, column = obj.name.rpartition(".")
        return f"ALTER TABLE {table} DROP COLUMN {column}"
    if obj.kind == "constraint" and obj.definition.startswith("ALTER TABLE "):
        name = obj.name.rpartition(".")[2]
        return f"ALTER TABLE {obj.table} DROP CONSTRAINT {name}"
    template = _DROP.get(obj.kind)
    if template is None:
        return f"undo the {obj.kind} {obj.name} that the up step creates"
    return template.format(n=obj.name)


def _create_fix(obj: SchemaObject) -> str:
    if obj.kind == "column":
        table, _, column = obj.name.rpartition(".")
        attrs = dict(obj.attrs)
        spec = attrs.get("type", "")
        if attrs.get("nullable") == "no":
            spec += " NOT NULL"
        if attrs.get("default"):
            spec += f" DEFAULT {attrs['default']}"
        return f"ALTER TABLE {table} ADD COLUMN {column} {spec}".rstrip()
    if obj.definition:
        return f"re-create it as it was before up: {obj.definition}"
    return f"re-create {obj.kind} {obj.name} as it was before the up step"


def _restore_fix(obj: SchemaObject) -> str:
    attrs = ", ".join(f"{k} {_show(v)}" for k, v in obj.attrs)
    if obj.definition:
        return f"restore {obj.kind} {obj.name} to its definition before up: {obj.definition}"
    return f"restore {obj.kind} {obj.name} to what it was before up ({attrs})"
