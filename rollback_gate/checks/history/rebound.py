"""RG224 on foreign keys the previous release does not break: drawn again, or cascading.

**A Liquibase foreign key drawn again under another name.**

A changelog that drops a foreign key by its name and adds one from the same columns to the
same table, to change its ``onDelete`` or give it a readable name, asks of every row
what the old one asked: no write of the previous release fails that did not fail before.
The old key's columns are not in the file that drops it: they are where the key was made,
often a changelog of years before (candlepin's ``fk278ce810390317d``, made by the schema's
first changelog and drawn again ``ON DELETE CASCADE`` as ``fk_cp_consumer_facts_consumer``:
round P, seven keys).

So, asked once per run and only for RG224 foreign keys of XML changelogs where the file,
before the key, drops a foreign key of the same table: the changelogs that name a dropped
key (one ``git grep -l``; every migration file without git) are read for where it was made
(``addForeignKeyConstraint constraintName=…``, or ``foreignKeyName=…`` in a column's
``constraints``). The occurrence is no break when each place that made one of the dropped
keys on that table made it over the same columns to the same table as the new one. The
files are read as text: nothing is run.

**A foreign key that cascades** (``ON DELETE CASCADE`` or ``SET NULL``, in each framework's
words: Rails' ``on_delete: :cascade``/``:nullify``, Ecto's ``:delete_all``/``:nilify_all``,
Alembic's ``ondelete=``, Laravel's ``cascadeOnDelete()``, Liquibase's ``deleteCascade``…).
The previous release leaves rows pointing nowhere by deleting the rows they point to; under
such a key that delete takes them along (or clears them), so only an id the release makes up
is rejected: an ORM writes the ids of rows it read. Such an occurrence is P3 and says so
(moebooru's ``posts_tags`` and ``favorite_tags``, rubygems.org's ``ownerships``, rounds BY
and BZ: each judged false; every true foreign key of those rounds had no such clause),
unless its file also rewrites the table's values other than by clearing rows whose parent
is gone (unleash's ``SET environment = null WHERE environment = ''``: a value the release
wrote, and may write again). The statement is read from the occurrence's line to its end;
where it draws several keys, each must cascade. Django's ``on_delete=models.CASCADE`` is
the ORM's, not the database's: not read as one.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Sequence

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.checks.history.order import bare, ordered, xml_attrs
from rollback_gate.checks.history.unwritten import table_of
from rollback_gate.migrations.base import Unreadable, matching_bracket
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.models import Finding, Severity

_ADD = lazyre.compile(r"<(?:\w+:)?addForeignKeyConstraint\b[^>]*>", re.IGNORECASE)
_DROP = lazyre.compile(r"<(?:\w+:)?dropForeignKeyConstraint\b[^>]*>", re.IGNORECASE)
_COLUMN = lazyre.compile(r"<(?:\w+:)?column\b[^>]*>", re.IGNORECASE)
_TABLE_NAME = lazyre.compile(r"\btableName\s*=\s*[\"']([^\"']+)")
_CONSTRAINTS = lazyre.compile(r"<(?:\w+:)?constraints\b[^>]*>", re.IGNORECASE)
_REFERENCES = lazyre.compile(r"^\s*([\w.\"`]+)\s*\(\s*([^)]*)\)")
# what makes a key cascade, in each framework's words (module docstring)
_CASCADES = lazyre.compile(
    r"\bON\s+DELETE\s+(?:CASCADE|SET\s+NULL)\b"
    r"|\bon_?delete\W{0,6}(?:cascade|set[ _]null|delete_all|nilify(?:_all)?|nullify)\b"
    r"|->(?:cascade|null)OnDelete\s*\(|\bdeleteCascade\W{0,4}true\b",
    re.IGNORECASE,
)
# what draws a key: one per key in every framework's statement (SQL's FOREIGN KEY …
# REFERENCES counts once: the larger count is taken)
_KEYS_DRAWN = (
    lazyre.compile(r"\bFOREIGN\s+KEY\b", re.IGNORECASE),
    lazyre.compile(r"\breferences\b", re.IGNORECASE),
)
_CASCADING = (
    "the key cascades (ON DELETE CASCADE or SET NULL): deleting the row it points to, the "
    "way a release leaves rows pointing nowhere, now takes them along, so only an id the "
    "previous release makes up is rejected"
)
_STATEMENT_LINES = 15
_SQL_LINE = lazyre.compile(r"\s*(?:ALTER|CREATE|ADD)\s", re.IGNORECASE)
_STRING_END = lazyre.compile("\"{3}|'{3}|`")
# an UPDATE of the key's table in its file (to the statement's end): where it is not the
# clean-up of rows whose parent is gone (`WHERE NOT EXISTS (SELECT …)`, `NOT IN (SELECT …)`),
# it rewrites values the release wrote that the key rejects (unleash's
# `SET environment = null WHERE environment = ''`)
_UPDATE = lazyre.compile(
    r"\bUPDATE\s+[\"`\[]?(?:\w+[\"`\]]?\.[\"`\[]?)?(\w+)[\"`\]]?\s+SET\b([^;`'\"]*)", re.I
)
_ORPHANS = lazyre.compile(r"\bEXISTS\s*\(|\bIN\s*\(\s*SELECT\b", re.IGNORECASE)

Key = tuple[str, frozenset[str], str]  # (table, columns, referenced table)

# an Alembic revision's foreign key: `op.create_foreign_key("fk", "src", "ref", ["c"], …)`
# or a batch's `create_foreign_key("fk", "ref", ["c"], …)`; or SQL's `FOREIGN KEY (c)
# REFERENCES ref` in an `op.execute`
_ALEMBIC_KEY = lazyre.compile(
    r"create_foreign_key\(\s*[^,]+,\s*((?:[\"'][\w.]+[\"']\s*,\s*){1,2})\[([^\]]*)\]"
    r"|FOREIGN\s+KEY\s*\(([^)]*)\)\s*REFERENCES\s+([\w.\"]+)",
    re.IGNORECASE,
)
_DECLARED = (
    "the previous release's model declares this foreign key (SQLAlchemy's `ForeignKey`): "
    "its writes give the column keys of rows it read, and only a delete of one still "
    "pointed to is refused"
)
_MODEL_BYTES = 512 * 1024


def _names(text: str) -> frozenset[str]:
    return frozenset(bare(c) for c in text.split(",") if c.strip())


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _added(a: dict[str, str]) -> Key:
    return (
        bare(a.get("basetablename", "")),
        _names(a.get("basecolumnnames", "")),
        bare(a.get("referencedtablename", "")),
    )


def _made(text: str, name: str) -> list[Key]:
    """Every key ``text`` makes under ``name``: ``addForeignKeyConstraint`` or a column's
    ``constraints foreignKeyName=…`` inside ``createTable`` / ``addColumn``."""
    out = []
    for m in _ADD.finditer(text):
        a = xml_attrs(m.group())
        if a.get("constraintname", "").lower() == name:
            out.append(_added(a))
    for m in _CONSTRAINTS.finditer(text):
        a = xml_attrs(m.group())
        if a.get("foreignkeyname", "").lower() != name:
            continue
        columns = list(_COLUMN.finditer(text, 0, m.start()))
        tables = _TABLE_NAME.findall(text, 0, m.start())
        if not columns or not tables:
            continue
        column, table = columns[-1], tables[-1]
        ref = a.get("referencedtablename", "")
        if not ref and (r := _REFERENCES.match(a.get("references", ""))):
            ref = r.group(1)
        col = xml_attrs(column.group()).get("name", "")
        out.append((bare(table), _names(col), bare(ref)))
    return out


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG224 foreign keys that re-draw one the file dropped, those
    that cascade or that an Alembic revision's previous release's model declares at P3."""
    return _declared(ctx, _cascading(ctx, _redrawn_keys(ctx, findings, folders, files)), folders)


def _redrawn_keys(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the Liquibase RG224 foreign keys that re-draw one the file dropped."""
    asked: dict[int, tuple[Finding, str]] = {}
    for f in findings:
        if not (
            f.rule == "RG224" and (f.path or "").endswith(".xml")
            and all(r.path == f.path for r in f.related)
            and any(":foreign key" in o.key for o in occurrences(f))
        ):  # fmt: skip
            continue
        try:
            asked[id(f)] = (f, ctx.tree.read_text(f.path or "", lenient=True))
        except Unreadable:
            continue
    dropped: dict[int, dict[str, list[tuple[int, str]]]] = {}  # finding -> table -> drops
    for key, (_, text) in asked.items():
        for m in _DROP.finditer(text):
            a = xml_attrs(m.group())
            name = a.get("constraintname", "").lower()
            if name:
                table = bare(a.get("basetablename", ""))
                dropped.setdefault(key, {}).setdefault(table, []).append(
                    (_line(text, m.start()), name)
                )
    names = sorted({n for d in dropped.values() for ds in d.values() for _, n in ds})
    if not names:
        return findings
    roots = list(folders)
    holding = ctx.git.files_with(names, roots) if ctx.git is not None else None
    made: dict[str, list[Key]] = {}
    for path in files if holding is None else holding:
        if not path.endswith(".xml"):
            continue
        try:
            text = ctx.tree.read_text(path, lenient=True)
        except Unreadable:
            continue
        low = text.lower()
        for name in names:
            if name in low:
                made.setdefault(name, []).extend(_made(text, name))
    judged: dict[int, list[Finding]] = {}
    for key, (f, text) in asked.items():
        drops = dropped.get(key, {})
        if not ordered(f.path or ""):
            # a changelog holding every release: a key dropped by a release before this
            # one's is gone, and rows written since need not obey it
            from rollback_gate.checks.history.liquibase import samelog

            lines = [at for ds in drops.values() for at, _ in ds]
            gone = samelog.shipped_earlier(ctx, f.path or "", f.line or 0, lines) or set()
            drops = {t: [d for d in ds if d[0] not in gone] for t, ds in drops.items()}
        kept = [o for o in occurrences(f) if not _redrawn(o, text, drops, made)]
        if len(kept) <= len(f.related):
            judged[key] = one_per_rule(kept)
    return [g for f in findings for g in judged.get(id(f), [f])]


def _cascading(ctx: Context, findings: list[Finding]) -> list[Finding]:
    """``findings`` with each RG224 foreign key that cascades at P3 (module docstring)."""
    out: list[Finding] = []
    for f in findings:
        if (
            f.rule != "RG224"
            or f.severity is Severity.P3
            or not any(":foreign key" in o.key for o in occurrences(f))
        ):
            out.append(f)
            continue
        texts: dict[str, list[str]] = {}
        judged = []
        for o in occurrences(f):
            if ":foreign key" in o.key and o.path and o.path not in texts:
                try:
                    texts[o.path] = ctx.tree.read_text(o.path, lenient=True).splitlines()
                except Unreadable:
                    texts[o.path] = []
            lines = texts.get(o.path or "", [])
            statement = _statement(lines, o.line or 0, o.path or "")
            if (
                ":foreign key" in o.key
                and _cascades(statement)
                and not _rewrites_values(lines, table_of(o.key))
            ):
                o = dataclasses.replace(
                    o, severity=Severity.P3, message=f"{o.message} ({_CASCADING})"
                )
            judged.append(o)
        out.extend(one_per_rule(judged) if any(o.severity is Severity.P3 for o in judged) else [f])
    return out


def _declared(ctx: Context, findings: list[Finding], folders: Iterable[str]) -> list[Finding]:
    """``findings`` with each Alembic RG224 foreign key whose every occurrence the model of
    its previous release already declares, over the same column to the same table, at P3
    (camcops' ``_idnum_index.patient_pk``, ``Column("patient_pk", Integer,
    ForeignKey(Patient._pk))``; GeoNature's ``id_module``, round CS): SQLAlchemy's unit of
    work writes a parent before its children, and the code writes the key's column from
    rows it read. One ``git grep -l`` of the release's Python for the table, and the files that
    map it read; nothing is run."""
    from rollback_gate.checks.history.unwritten import releases_of

    asked = [
        f for f in findings
        if f.rule == "RG224" and f.severity is not Severity.P3 and (f.path or "").endswith(".py")
        and all(":foreign key" in o.key for o in occurrences(f))
    ]  # fmt: skip
    if not asked or ctx.git is None:
        return findings
    roots = list(folders)
    releases = releases_of(ctx, asked, roots)
    lowered: dict[int, Finding] = {}
    for f in asked:
        rev = releases.get(f.path or "")
        try:
            lines = ctx.tree.read_text(f.path or "", lenient=True).splitlines()
        except Unreadable:
            continue
        if rev is None or "alembic" not in "\n".join(lines[:40]):
            continue
        keys = [_alembic_key(_statement(lines, o.line or 0, ""), table_of(o.key))
                for o in occurrences(f)]  # fmt: skip
        if keys and all(k is not None and _modelled(ctx, rev, roots, k) for k in keys):
            why = f"{f.message} ({_DECLARED})"
            lowered[id(f)] = dataclasses.replace(f, severity=Severity.P3, message=why)
    return [lowered.get(id(f), f) for f in findings]


def _alembic_key(statement: str, table: str) -> Key | None:
    """``(table, columns, referenced table)`` of the one foreign key ``statement`` draws."""
    found = _ALEMBIC_KEY.findall(statement)
    if len(found) != 1 or not table:
        return None
    names, listed, columns, referenced = found[0]
    if names:
        referenced = re.findall(r"[\"']([\w.]+)[\"']", names)[-1]
        columns = listed
    cols = frozenset(c.strip().strip("\"'`").lower() for c in columns.split(",") if c.strip())
    return (table.lower(), cols, bare(referenced.strip('"')).lower()) if cols else None


def _modelled(ctx: Context, rev: str, roots: Sequence[str], key: Key) -> bool:
    """Whether the release at ``rev`` maps ``key``'s table (``__tablename__`` or
    ``Table("t", …)``) with each of its columns declared ``ForeignKey`` to its referenced
    table (by name, or through a class mapped to it)."""
    assert ctx.git is not None
    table, columns, referenced = key
    skip = [f"{r}/**" for r in roots]
    paths = ctx.git.grep_files(rev, table, ["**/*.py"], skip, fixed_any_case=True)
    if not paths or len(paths) > _MOST_MODEL_FILES:
        return False
    texts = ctx.git.read_many(rev, sorted(paths), _MODEL_BYTES)
    mapped = {c: t for text in texts.values() for c, t in _mapped_classes(text).items()}
    bodies = [b for text in texts.values() for b in _table_bodies(text, table)]
    named = {t for b in bodies for c in columns for t in _key_targets(b, c)}
    if unknown := {t.partition(".")[0] for t in named if t[:1] not in "\"'"} - mapped.keys():
        # (a class mapped in another module: camcops' `ForeignKey(Patient._pk)`)
        words = sorted(unknown)
        where = ctx.git.grep_files(rev, "|".join(rf"class {w}\b" for w in words), ["**/*.py"], skip)
        if where and len(where) <= _MOST_MODEL_FILES:
            for text in ctx.git.read_many(rev, sorted(where), _MODEL_BYTES).values():
                mapped.update(_mapped_classes(text))
    return any(
        all(any(_points_to(t, referenced, mapped) for t in _key_targets(b, c)) for c in columns)
        for b in bodies
    )


_MOST_MODEL_FILES = 40
_TABLENAME = lazyre.compile(r"^[ \t]+__tablename__\s*=\s*[\"']([\w.]+)[\"']", re.MULTILINE)
_CLASS_AT = lazyre.compile(r"^class\s+(\w+)", re.MULTILINE)
_TOP_LEVEL = lazyre.compile(r"^\S", re.MULTILINE)


def _class_bodies(text: str) -> Iterator[tuple[str, str]]:
    """Each top-level class of a module: its name and its text, to the next top-level line."""
    for m in _CLASS_AT.finditer(text):
        end = _TOP_LEVEL.search(text, m.end() + 1)
        yield m.group(1), text[m.start() : end.start() if end else len(text)]


def _mapped_classes(text: str) -> dict[str, str]:
    """Each class of a module → the table its ``__tablename__`` maps it to."""
    return {
        name: named.group(1).rpartition(".")[2].lower()
        for name, body in _class_bodies(text) if (named := _TABLENAME.search(body))
    }  # fmt: skip


def _table_bodies(text: str, table: str) -> list[str]:
    """The parts of a module that map ``table``: the body of a class whose
    ``__tablename__`` it is, or a ``Table("table", …)`` call."""
    out = [
        body for _, body in _class_bodies(text)
        if any(t.lower() == table for t in _TABLENAME.findall(body))
    ]  # fmt: skip
    for m in re.finditer(rf"\bTable\(\s*[\"']{re.escape(table)}[\"']", text, re.IGNORECASE):
        # (to the call's closing bracket: strings with brackets in them are rare here)
        out.append(text[m.start() : matching_bracket(text, m.start() + len("Table"), "(", ")")])
    return out


def _key_targets(body: str, column: str) -> list[str]:
    """What each ``ForeignKey`` a mapping's ``body`` declares on ``column`` points to, as
    written: ``column = Column(…, ForeignKey("ref.id"))``, ``Column("column", …,
    ForeignKey(Ref.id))``, ``mapped_column(ForeignKey(…))``."""
    c = re.escape(column)
    declared = re.compile(
        rf"^[ \t]*(?:{c}\b[^=\n]*=|[^\n]*Column\(\s*[\"']{c}[\"'])"
        r"[^\n]*ForeignKey\(\s*([^),]+)",
        re.MULTILINE | re.IGNORECASE,
    )
    return [m.group(1).strip() for m in declared.finditer(body)]


def _points_to(target: str, referenced: str, mapped: dict[str, str]) -> bool:
    """Whether a ``ForeignKey``'s ``target`` (``"schema.ref.id"``, ``Ref.id``) is a column
    of the table ``referenced``."""
    if target[:1] in "\"'":
        parts = target.strip("\"'").lower().split(".")
        return len(parts) >= 2 and parts[-2] == referenced
    return mapped.get(target.partition(".")[0]) == referenced


def _rewrites_values(lines: Sequence[str], table: str) -> bool:
    """Whether the file updates ``table`` other than to clear rows whose parent is gone:
    the values it rewrites are ones the previous release wrote, and may write again."""
    return any(
        m.group(1).lower() == table.lower() and not _ORPHANS.search(m.group(2))
        for m in _UPDATE.finditer("\n".join(lines))
    )


def _cascades(statement: str) -> bool:
    """Whether every key ``statement`` draws cascades."""
    if not statement:
        return False
    keys = max(1, *(len(p.findall(statement)) for p in _KEYS_DRAWN))
    return len(_CASCADES.findall(statement)) >= keys


def _statement(lines: Sequence[str], line: int, path: str) -> str:
    """The statement at ``line`` (1-based) of ``lines``: SQL and PHP to the first ``;``,
    XML to the tag's end, YAML to the next item; the others until their brackets close and
    no method chain (``.onDelete(…)``, ``->cascadeOnDelete()``) goes on."""
    if not 0 < line <= len(lines):
        return ""
    ends = ";" if path.endswith((".sql", ".php")) else ">" if path.endswith(".xml") else ""
    if not ends and _SQL_LINE.match(lines[line - 1]):
        ends = ";"  # (SQL in a script's string, GeoNature's `op.execute("""…`: to its end)
    taken: list[str] = []
    depth = 0
    for i in range(line - 1, min(len(lines), line - 1 + _STATEMENT_LINES)):
        text = lines[i]
        if path.endswith((".yaml", ".yml")) and taken and text.lstrip().startswith("- "):
            break
        taken.append(text)
        depth += sum(text.count(c) for c in "([{") - sum(text.count(c) for c in ")]}")
        if ends and (ends in text or (i > line - 1 and _STRING_END.search(text))):
            break
        if ends or depth > 0 or path.endswith((".yaml", ".yml")):
            continue
        after = lines[i + 1].lstrip() if i + 1 < len(lines) else ""
        if not after.startswith((".", "->", "|>")):
            break
    return "\n".join(taken)


def _redrawn(
    o: Finding, text: str, drops: dict[str, list[tuple[int, str]]], made: dict[str, list[Key]]
) -> bool:
    """Whether the key added at ``o``'s line is one the file dropped before it, drawn
    again over the same columns to the same table."""
    if ":foreign key" not in o.key:
        return False
    line = o.line or 0
    new = next(
        (_added(xml_attrs(m.group())) for m in _ADD.finditer(text)
         if _line(text, m.start()) <= line <= _line(text, m.end())),
        None,
    )  # fmt: skip
    if new is None or new[0] != table_of(o.key):
        return False
    for at, name in drops.get(new[0], []):
        if at >= line:
            continue
        where = [k for k in made.get(name, []) if k[0] == new[0]]
        if where and all(k == new for k in where):
            return True
    return False
