"""RG223 on a PostgreSQL enum swapped for one with the same labels or more.

TypeORM and Prisma change an enum's labels by a swap: ``ALTER TYPE "X" RENAME TO
"X_old"``, ``CREATE TYPE "X" AS ENUM (…)``, ``ALTER TABLE … ALTER COLUMN c TYPE "X" USING
c::text::"X"``, ``DROP TYPE "X_old"``. When every old label is among the new ones, the
previous release reads and writes values the column still takes: a widening (a reorder
is one too). A migration with a down step shows the old labels there; Prisma's has none,
so the old labels are only in earlier migration files (langfuse, round I:
``MonitorSeverity`` re-created with one more label, and once only reordered). Some drop
the type and create it again under its name, the column parked in a ``VARCHAR`` between
(datapm, round L).

So, asked once per run and only for an RG223 whose file swaps an enum: the files that name
the type (one ``git grep -l``; the files themselves without git) are read in migration
order up to this one, following ``CREATE TYPE … AS ENUM``, ``ALTER TYPE … ADD VALUE``,
``RENAME VALUE``, ``RENAME TO`` and ``DROP TYPE``. An occurrence whose old labels are all
among the new is no break; a finding whose every occurrence is such a swap is dropped.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Callable, Iterable, Sequence

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.checks.history.order import (
    ENUM_CREATED,
    ENUM_VALUE_ADDED,
    ENUM_VALUE_RENAMED,
    NEAR,
    TYPE_DROPPED,
    TYPE_NAMED,
    TYPE_RENAMED,
    bare,
    camel,
    enum_labels,
    natural,
    up_part,
)
from rollback_gate.checks.history.retyped import UNSEEN
from rollback_gate.checks.history.unwritten import one_file, releases_of
from rollback_gate.migrations.base import Unreadable
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.migrations.sqlengine.model import MAYBE_WIDER as MAYBE
from rollback_gate.models import Finding, Severity

# Knex's native enum: ``t.enu("role", ["a", "b"], { useNative: true, enumName: "role_enum" })``
# (quizzes, round AM: the labels a later swap keeps were only there)
_KNEX_ENUM = lazyre.compile(
    r"\.enum?\s*\(\s*[\"'`]\w+[\"'`]\s*,\s*\[([^\]]*)\]\s*,\s*(\{[^}]*?\benumName\s*:\s*"
    r"[\"'`](\w+)[\"'`][^}]*\})"
)
_NATIVE = lazyre.compile(r"\buseNative\s*:\s*true\b")
# Rails 7's enum statements (govuk-chat's `create_enum "question_routing_label", %w[…]`,
# round BR): `create_enum :n, %w[a b]` or `["a", "b"]`, `add_enum_value :n, "c"`,
# `rename_enum_value :n, from: "a", to: "b"`, `rename_enum :n, to: :m`, `drop_enum :n`
_RB_NAME = r"\(?\s*[:\"'](\w+)[\"']?"
_RAILS_ENUM_CREATED = lazyre.compile(
    rf"\bcreate_enum\s*{_RB_NAME}\s*,\s*(%[wi]\[[^\]]*\]|%[wi]\([^)]*\)|\[[^\]]*\])"
)
_RAILS_VALUE_ADDED = lazyre.compile(rf"\badd_enum_value\s*{_RB_NAME}\s*,\s*[\"'](\w+)[\"']")
_RAILS_VALUE_RENAMED = lazyre.compile(
    rf"\brename_enum_value\s*{_RB_NAME}\s*,\s*from:\s*[\"'](\w+)[\"']\s*,\s*to:\s*[\"'](\w+)[\"']"
)
_RAILS_RENAMED = lazyre.compile(rf"\brename_enum\s*{_RB_NAME}\s*,\s*(?:to:\s*)?[:\"'](\w+)")
_RAILS_DROPPED = lazyre.compile(rf"\bdrop_enum\s*{_RB_NAME}")


def _rails_labels(listed: str) -> list[str]:
    """The labels of a Ruby list: ``%w[a b]`` or ``["a", "b"]``."""
    if listed.startswith("%"):
        return listed[3:-1].split()
    return _QUOTED.findall(listed)


_QUOTED = lazyre.compile(r"[\"'`]([^\"'`]*)[\"'`]")


def _walk(text: str, enums: dict[str, list[str]]) -> None:
    """Apply the enum statements of ``text`` to ``enums`` (name → labels), in order."""
    # (which pattern matched is kept beside the match: ``m.re`` is the compiled pattern,
    # not the module's deferred stand-in, see :mod:`rollback_gate.lazyre`)
    events: list[tuple[int, re.Pattern[str], re.Match[str]]] = []
    for pattern in (ENUM_CREATED, ENUM_VALUE_ADDED, ENUM_VALUE_RENAMED, TYPE_RENAMED, TYPE_DROPPED):
        events.extend((m.start(), pattern, m) for m in pattern.finditer(text))
    if "enumName" in text:
        events.extend((m.start(), _KNEX_ENUM, m) for m in _KNEX_ENUM.finditer(text))
    if "_enum" in text:
        for pattern in _RAILS:
            events.extend((m.start(), pattern, m) for m in pattern.finditer(text))
    for _, said, m in sorted(events, key=lambda e: e[0]):
        if said is _KNEX_ENUM:
            if _NATIVE.search(m.group(2)):
                enums[m.group(3).lower()] = _QUOTED.findall(m.group(1))
            continue
        if said in _RAILS:
            _rails_event(said, m, enums)
            continue
        name = bare(m.group(1))
        if said is ENUM_CREATED:
            enums[name] = enum_labels(m.group(2))
        elif said is ENUM_VALUE_ADDED and name in enums:
            enums[name].append(m.group(2).replace("''", "'"))
        elif said is ENUM_VALUE_RENAMED and name in enums:
            old, new = (g.replace("''", "'") for g in m.group(2, 3))
            enums[name] = [new if v == old else v for v in enums[name]]
        elif said is TYPE_RENAMED:
            if name in enums:
                enums[bare(m.group(2))] = enums.pop(name)
        elif said is TYPE_DROPPED:
            enums.pop(name, None)


def _rails_event(said: re.Pattern[str], m: re.Match[str], enums: dict[str, list[str]]) -> None:
    name = m.group(1).lower()
    if said is _RAILS_ENUM_CREATED:
        enums[name] = _rails_labels(m.group(2))
    elif said is _RAILS_VALUE_ADDED and name in enums:
        enums[name].append(m.group(2))
    elif said is _RAILS_VALUE_RENAMED and name in enums:
        enums[name] = [m.group(3) if v == m.group(2) else v for v in enums[name]]
    elif said is _RAILS_RENAMED and name in enums:
        enums[m.group(2).lower()] = enums.pop(name)
    elif said is _RAILS_DROPPED:
        enums.pop(name, None)


_RAILS = (_RAILS_ENUM_CREATED, _RAILS_VALUE_ADDED, _RAILS_VALUE_RENAMED, _RAILS_RENAMED,
          _RAILS_DROPPED)  # fmt: skip


@dataclasses.dataclass(frozen=True)
class _Swap:
    """An enum a file creates to swap in for an old one: created at ``at`` under ``name``
    with ``labels``; the old type is ``old`` in the file's state at offset ``seen``, and
    was ``called`` so in the earlier files."""

    at: int
    name: str
    labels: list[str]
    old: str
    seen: int
    called: str
    final: str = ""  # the name it is renamed to after the swap (``X_new`` → ``X``)


def _swaps(text: str) -> list[_Swap]:
    """The enums this file creates to swap in for an old one, in order. Prisma writes
    either order: ``X`` renamed to ``X_old`` before ``X`` is created again, or ``X_new``
    created and renamed to ``X`` after the swap; and one file may swap twice (OpenPipe's
    ``InvoiceStatus``, round AK: a label added, the rows moved, another label dropped)."""
    renames = [(m.start(), bare(m.group(1)), bare(m.group(2))) for m in TYPE_RENAMED.finditer(text)]
    drops = [(m.start(), bare(m.group(1))) for m in TYPE_DROPPED.finditer(text)]
    swaps: list[_Swap] = []
    for m in ENUM_CREATED.finditer(text):
        name, at, labels = bare(m.group(1)), m.start(), enum_labels(m.group(2))
        away = [(was_at, to) for was_at, was, to in renames if was == name and was_at < at]
        onto = [to for was_at, was, to in renames if was == name and was_at > at]
        # … or dropped and created again under its name, the column parked in a VARCHAR
        # meanwhile (datapm's TypeORM migrations, round L)
        again = [was_at for was_at, was in drops if was == name and was_at < at]
        if away:  # (the old labels under the name it was renamed to)
            swaps.append(_Swap(at, name, labels, away[-1][1], at, name))
        elif onto:
            swaps.append(_Swap(at, name, labels, onto[0], at, onto[0], onto[0]))
        elif again:  # (the old labels as they were just before the drop)
            swaps.append(_Swap(at, name, labels, name, again[-1], name))
    return swaps


def _swap_at(text: str, line: int, swaps: list[_Swap]) -> _Swap | None:
    """The swap an ``ALTER COLUMN … TYPE`` at ``line`` completes: the last creation of the
    type it names before that line."""
    name = _retyped_to(text, line)
    offset = sum(len(s) for s in text.splitlines(keepends=True)[: max(line - 1, 0)])
    # (the column may be retyped after the rename, to the final name: unsend's
    # ``EmailStatusV2`` renamed ``EmailStatus``, the columns parked in text meanwhile)
    before = [s for s in swaps if name in (s.name, s.final) and s.at < offset]
    return before[-1] if before else None


def _old_labels(text: str, swap: _Swap, enums: dict[str, list[str]]) -> list[str] | None:
    """The labels the old type had, from the earlier files' ``enums`` and this file's own
    statements before the swap; None where no file shows them."""
    state = {name: list(labels) for name, labels in enums.items()}
    _walk(text[: swap.seen], state)
    return state.get(swap.old)


def _retyped_to(text: str, line: int) -> str:
    """The type an ``ALTER COLUMN … TYPE X`` at ``line`` (or just after) gives, bare."""
    lines = text.splitlines()[max(line - 1, 0) : line + NEAR]
    # (not a column named `type`: `ALTER COLUMN type TYPE t`, transcom/mymove, round BR)
    named = (bare(m.group(1)) for m in TYPE_NAMED.finditer("\n".join(lines)))
    return next((name for name in named if name != "type"), "")


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG223 whose every occurrence swaps an enum for one holding
    every label it had, and the RG224 foreign keys to a lookup table seeded with every
    label of the enum the column had (``files``: every migration file of the run)."""
    findings = _lookups(ctx, findings, folders, files)
    findings = _unwritten(ctx, _swapped(ctx, findings, folders, files), folders)
    return _modelled(ctx, findings, folders)


def _swapped(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG223 whose every occurrence swaps an enum for one holding
    every label it had; those that drop labels said with them."""
    asked: list[tuple[Finding, str, list[_Swap]]] = []
    for f, text in one_file(ctx, findings, "RG223"):
        if swaps := _swaps(text):
            asked.append((f, text, swaps))
    if not asked:
        return findings
    names = sorted({s.called for _, _, swaps in asked for s in swaps})
    history, before = _history(ctx, [f for f, _, _ in asked], names, folders, files)
    left: dict[int, list[Finding]] = {}
    for f, text, swaps in asked:
        enums = _enums_before(f.path or "", history, before)
        # (a type change that may be a widening is for ``retyped`` to settle: datapm parks
        # the column in a VARCHAR(255) first)
        kept = []
        for o in occurrences(f):
            swap = _swap_at(text, o.line or 0, swaps)
            old = None if swap is None else _old_labels(text, swap, enums)
            if MAYBE in o.message or swap is None or old is None:
                kept.append(o)
            elif not set(old) <= set(swap.labels):
                # said with the labels it drops, not as a type not seen (ironfish, round AI)
                kept.append(_dropping(o, swap, old))
        left[id(f)] = one_per_rule(kept)
    return [g for f in findings for g in left.get(id(f), [f])]


# what :func:`_dropping` says of the labels a swap drops
_DROPS = lazyre.compile(r" \(it drops the labels? ((?:'[^']*'(?:, )?)+) the enum (\w+) had\)")
_UNWRITTEN = "the previous release's code names none of the labels it drops: it writes none of them"
_UNDECLARED = (
    "the previous release's Prisma schema declares the enum {} without the labels it drops: "
    "its client writes none of them"
)
# a Prisma enum block: `enum BusinessType { … }`, its labels one to a line
_PRISMA_ENUM = lazyre.compile(r"^[ \t]*enum\s+(\w+)\s*\{(.*?)^[ \t]*\}", re.MULTILINE | re.DOTALL)
_PRISMA_MAPPED = lazyre.compile(r"""@@map\(\s*(?:name:\s*)?["']([^"']+)["']""")
_PRISMA_LABEL = lazyre.compile(
    r"""^[ \t]*(\w+)(?:[ \t]+@map\(\s*(?:name:\s*)?["']([^"']+)["']\s*\))?""", re.MULTILINE
)


def _unwritten(ctx: Context, findings: list[Finding], folders: Iterable[str]) -> list[Finding]:
    """``findings`` with each RG223 whose every occurrence drops enum labels that the code
    of its previous release (the base, or under ``scope: all`` the parent of the commit
    that added the file) names nowhere, its migration folders and schema dumps aside, at
    P3: that release never writes them (govuk-chat's ``content_not_govuk``, transcom/
    mymove's ``RECEIVED_BY_GEX``, round BR: five). A label the code still names, in any
    case as a whole word, keeps its finding; so does everything without git."""
    asked = [
        f for f in findings
        if f.rule == "RG223" and f.severity is not Severity.P3 and f.path
        and all(_DROPS.search(o.message) for o in occurrences(f))
    ]  # fmt: skip
    if not asked or ctx.git is None:
        return findings
    roots = list(folders)
    releases = releases_of(ctx, asked, roots)
    # (and Prisma's schema, which declares the enum its client writes: Lern-Fair, round BX)
    # (and another app's migration folders in the repository, which write no labels at
    # run time: jedonnemonavis' webapp-form/prisma/migrations, round CH)
    outside = [f"{root}**" for root in roots] + [
        "**/schema.rb", "**/structure.sql", "**/*.prisma", "**/migrations/**", "**/db/migrate/**"
    ]  # fmt: skip
    lowered: dict[int, Finding] = {}
    for f in asked:
        rev = releases.get(f.path or "")
        if rev is None or ctx.git.resolve(rev) is None:
            continue
        labels = {
            label
            for o in occurrences(f)
            for m in _DROPS.finditer(o.message)
            for label in re.findall(r"'([^']*)'", m.group(1))
        }
        said = [ln for ln in ctx.git.grep_lines(rev, labels, outside) if _writes(ln, labels)]
        if labels and not said:
            why = f"{f.message} ({_UNWRITTEN})"
            lowered[id(f)] = dataclasses.replace(f, severity=Severity.P3, message=why)
        elif labels and (enum := _prisma_without(ctx, rev, f, labels)):
            why = f"{f.message} ({_UNDECLARED.format(enum)})"
            lowered[id(f)] = dataclasses.replace(f, severity=Severity.P3, message=why)
    return [lowered.get(id(f), f) for f in findings]


def _prisma_without(ctx: Context, rev: str, f: Finding, labels: set[str]) -> str:
    """The Prisma enum (as its schema names it) that the schemas of the release at ``rev``
    declare for each type ``f`` swaps, without any of the ``labels`` it drops, "" where
    one is not so or ``f`` is no Prisma migration's: that release's client takes only the
    labels its schema declares (avoqado-server's ``BusinessType``, OpenSea-API's
    ``OrganizationType``: a swap that catches the database up with the schema, round CS)."""
    from rollback_gate.checks.dropped import MAX_MODEL_BYTES

    assert ctx.git is not None
    if posixpath.basename(f.path or "") != "migration.sql":
        return ""
    types = {m.group(2).lower() for o in occurrences(f) for m in _DROPS.finditer(o.message)}
    schemas = {p for p, _, _ in ctx.git.grep_lines(rev, types, include=["**/*.prisma"])}
    declared: dict[str, tuple[str, set[str]]] = {}  # the type's name → (the enum, its labels)
    for text in ctx.git.read_many(rev, sorted(schemas), MAX_MODEL_BYTES).values():
        for m in _PRISMA_ENUM.finditer(text):
            mapped = _PRISMA_MAPPED.search(m.group(2))
            name = (mapped.group(1) if mapped else m.group(1)).lower()
            body = "\n".join(
                ln for ln in m.group(2).splitlines() if not ln.strip().startswith(("@@", "//"))
            )
            said = {lb.group(2) or lb.group(1) for lb in _PRISMA_LABEL.finditer(body)}
            declared[name] = (m.group(1), said)
    if not types or any(t not in declared or labels & declared[t][1] for t in types):
        return ""
    return ", ".join(sorted(declared[t][0] for t in types))


# an RG223's column and the user-defined type it is given, double-quoted as TypeORM and
# Prisma write it (`to "public"."course_subject_enum"`)
_TO_NAMED = lazyre.compile(
    r"changes the type of ([\w$]+)\.([\w$]+) from .* to (?:\"[\w$]+\"\.)?\"([\w$]+)\", not a"
)
_MODELLED = (
    "the previous release's model already declares the column as that enum: it writes its "
    "labels only"
)
_ENUM_OPTION = lazyre.compile(r"""\btype\s*:\s*["'`]enum["'`]|\benum\s*:\s*\w""")
_DECORATOR_REACH = 8  # lines from a TypeORM @Column's `type: 'enum'` down to its property


def _modelled(ctx: Context, findings: list[Finding], folders: Iterable[str]) -> list[Finding]:
    """``findings`` with each RG223 whose every occurrence gives a column an enum type that
    the model of its previous release already declared for it at P3: that release writes
    the enum's labels only, which the type the migration catches up with takes (Lern-Fair's
    ``pupil.state``, a TypeORM ``@Column({ type: 'enum', enum: State })`` whose migration
    came later, and ``jobStatus``, ``enumName: 'screening_jobstatus_enum'``, round BX). A
    TypeORM enum named by its option, or by TypeORM's default ``<table>_<column>_enum``
    in the entity whose class the table is named after; a Prisma field of that enum type."""
    asked: list[tuple[Finding, list[tuple[str, str, str]]]] = []
    for f in findings:
        if f.rule != "RG223" or f.severity is Severity.P3 or not f.path:
            continue
        given = [_TO_NAMED.search(o.message) for o in occurrences(f)]
        if given and all(given):
            asked.append((f, [(m[1], m[2], m[3]) for m in given if m]))
    if not asked or ctx.git is None:
        return findings
    releases = releases_of(ctx, [f for f, _ in asked], list(folders))
    outside = [f"{root}**" for root in folders]
    lowered: dict[int, Finding] = {}
    for f, columns in asked:
        rev = releases.get(f.path or "")
        if rev is None or ctx.git.resolve(rev) is None:
            continue
        words = {w for t, c, e in columns for w in (c, e, camel(t), t)} | {"enum"}
        lines = ctx.git.grep_lines(rev, words, outside, include=_MODEL_FILES)
        if all(_declares_enum(lines, *column) for column in columns):
            why = f"{f.message} ({_MODELLED})"
            lowered[id(f)] = dataclasses.replace(f, severity=Severity.P3, message=why)
    return [lowered.get(id(f), f) for f in findings]


_MODEL_FILES = ("**/*.ts", "**/*.js", "**/*.prisma")


def _declares_enum(
    lines: Sequence[tuple[str, int, str]], table: str, column: str, enum: str
) -> bool:
    """Whether grep's ``lines`` show ``table.column`` declared with the enum ``enum``: a
    Prisma field of that type, a TypeORM ``enumName`` of that name, or a ``@Column`` of
    type enum above the property in the entity of ``table`` where the name is TypeORM's
    default for it."""
    field = re.compile(rf"^\s*{re.escape(column)}\s+{re.escape(enum)}\b[?]?", re.IGNORECASE)
    named = re.compile(rf"""\benumName\s*:\s*["'`]{re.escape(enum)}["'`]""", re.IGNORECASE)
    by_path: dict[str, list[tuple[int, str]]] = {}
    for path, line, text in lines:
        if (path.endswith(".prisma") and field.match(text)) or named.search(text):
            return True
        by_path.setdefault(path, []).append((line, text))
    if enum.lower() != f"{table}_{column}_enum".lower():
        return False
    entity = re.compile(
        rf"\bclass\s+{re.escape(camel(table))}\b|@Entity\(\s*[\"'`]{re.escape(table)}[\"'`]"
    )
    prop = re.compile(rf"^\s*{re.escape(column)}\s*[!?]?\s*:", re.IGNORECASE)
    for held in by_path.values():
        if not any(entity.search(text) for _, text in held):
            continue
        typed = [n for n, text in held if _ENUM_OPTION.search(text)]
        for n, text in held:
            if prop.match(text) and any(0 < n - t <= _DECORATOR_REACH for t in typed):
                return True
    return False


_SCRIPTS = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs")


def _writes(line: tuple[str, int, str], labels: set[str]) -> bool:
    """Whether a line grep found may write one of ``labels``: anywhere but in a script, where
    a label written is a string (``'projectMatchDissolve'``) or an enum's member
    (``LogType.projectMatchDissolve``), not a bare key of a type or an object
    (Lern-Fair's ``projectMatchDissolve: { … }`` in a type map nobody calls with it,
    round BX: three), unless the key maps it to a string: a map to display labels, whose
    keys forms offer and write (metiers-numeriques' ``EXPIRED: 'Expiré'``, round CG)."""
    path, _, text = line
    if not path.endswith(_SCRIPTS):
        return True
    return any(
        re.search(
            rf"""["'`]{re.escape(label)}["'`]|\.{re.escape(label)}\b|\b{re.escape(label)}\s*:\s*["'`]""",
            text,
            re.IGNORECASE,
        )
        for label in labels
    )


def _history(
    ctx: Context,
    asked: Sequence[Finding],
    names: Sequence[str],
    folders: Iterable[str],
    files: Sequence[str],
) -> tuple[dict[str, str], Callable[[str], list[str]]]:
    """The up steps of the migration files that name one of the types ``names`` (path →
    up step, in order), and for an asked file those of them that ran before it."""
    holding = ctx.git.files_with(list(names), folders) if ctx.git is not None else None
    history: dict[str, str] = {}
    for path in sorted(files if holding is None else holding, key=natural):
        try:
            text = ctx.tree.read_text(path, lenient=True)
        except Unreadable:
            continue
        low = text.lower()
        if any(n in low for n in names):  # (its up step: a down step runs on a rollback)
            history[path] = up_part(text)
    return history, _earlier(ctx, asked, list(history))


def _enums_before(
    path: str, history: dict[str, str], before: Callable[[str], list[str]]
) -> dict[str, list[str]]:
    """The enums (name → labels) the files that ran before ``path`` left."""
    enums: dict[str, list[str]] = {}
    for earlier in before(path):
        _walk(history[earlier], enums)
    return enums


# `ALTER TABLE t ADD [CONSTRAINT n] FOREIGN KEY (c) REFERENCES r (v)`
_FOREIGN_KEY = lazyre.compile(
    r"\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?([\w.\"]+)\s+ADD\s+"
    r"(?:CONSTRAINT\s+[\w\"]+\s+)?FOREIGN\s+KEY\s*\(\s*([\w\"]+)\s*\)\s*"
    r"REFERENCES\s+([\w.\"]+)\s*\(\s*([\w\"]+)\s*\)",
    re.IGNORECASE,
)
_ONE_VALUE = lazyre.compile(r"\(\s*'((?:[^']|'')*)'\s*\)")
_TO_TEXT = r"(?:text|varchar|character\s+varying)\b"


def _seeded(text: str, table: str) -> set[str]:
    """The values a step's ``INSERT INTO table [(one column)] VALUES ('a'), ('b') …`` gives
    a one-column table it creates ("" where it creates no such table)."""
    name = re.escape(table.split(".")[-1])
    if not re.search(
        rf"\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:\w+\.)?\"?{name}\b", text, re.IGNORECASE
    ):
        return set()
    if re.search(
        rf"\b(?:UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+(?:\w+\.)?\"?{name}\b",
        text,
        re.IGNORECASE,
    ):
        return set()  # (its values changed after: V443 renames 'INNSENDT', ON UPDATE CASCADE)
    out: set[str] = set()
    inserts = rf"\bINSERT\s+INTO\s+(?:\w+\.)?\"?{name}\"?\s*(?:\(\s*\w+\s*\)\s*)?VALUES\s*([^;]*)"
    for m in re.finditer(inserts, text, re.IGNORECASE):
        out.update(v.replace("''", "'") for v in _ONE_VALUE.findall(m.group(1)))
    return out


def _lookups(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG224 a SQL step adds on a column it turns from an enum into
    text, where the constraint takes every label that enum had: a foreign key to a table
    the step creates and seeds with them (mulighetsrommet's ``utbetaling_linje_status_type``
    and three more, round BH), or a ``CHECK (c IN (…))`` listing them (compass's
    ``api_protocol_check``, round BI). The previous release wrote only those labels, so the
    constraint rejects none of its values (its writes cast to the dropped type: RG223 says
    that). The enum is the type the step drops (the one, or the one named as the column);
    its labels come from the earlier files."""
    asked: list[tuple[Finding, str, set[str]]] = []  # (finding, its up step, dropped types)
    for f, text in one_file(ctx, findings, "RG224"):
        up = up_part(text)
        dropped = {bare(m.group(1)) for m in TYPE_DROPPED.finditer(up)}
        if dropped and (_FOREIGN_KEY.search(up) or _CHECK_IN.search(up)):
            asked.append((f, up, dropped))
    if not asked:
        return findings
    names = sorted({t for *_, types in asked for t in types})
    history, before = _history(ctx, [f for f, _, _ in asked], names, folders, files)
    left: dict[int, list[Finding]] = {}
    for f, up, dropped in asked:
        enums = _enums_before(f.path or "", history, before)
        drop = TYPE_DROPPED.search(up)
        _walk(up[: drop.start() if drop else 0], enums)
        kept = [o for o in occurrences(f) if not _covers(up, o, enums, dropped)]
        left[id(f)] = one_per_rule(kept)
    return [g for f in findings for g in left.get(id(f), [f])]


# `ALTER TABLE t ADD [CONSTRAINT n] CHECK (c IN ('a', 'b'))`
_CHECK_IN = lazyre.compile(
    r"\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?([\w.\"]+)\s+ADD\s+"
    r"(?:CONSTRAINT\s+[\w\"]+\s+)?CHECK\s*\(\s*\(?\s*([\w\"]+)\s+IN\s*\(([^()]*)\)\s*\)?\s*\)",
    re.IGNORECASE,
)
_LABEL_LISTED = lazyre.compile(r"'((?:[^']|'')*)'")


def _covers(up: str, o: Finding, enums: dict[str, list[str]], dropped: set[str]) -> bool:
    """Whether the occurrence ``o`` is a foreign key or a ``CHECK … IN`` on a column the
    step turns into text that takes every label of the enum the step dropped for it."""
    key = o.key.lower()
    line = o.line or 0
    found: list[tuple[str, str, set[str]]] = []  # (table, column, the values it takes)
    if "foreign key" in key:
        for m in _FOREIGN_KEY.finditer(up):
            if abs(up.count("\n", 0, m.start()) + 1 - line) <= NEAR:
                table, column, target, _ = (bare(g) for g in m.groups())
                found.append((table, column, _seeded(up, target)))
    elif "check" in key:
        for m in _CHECK_IN.finditer(up):
            if abs(up.count("\n", 0, m.start()) + 1 - line) <= NEAR:
                values = {v.replace("''", "'") for v in _LABEL_LISTED.findall(m.group(3))}
                found.append((bare(m.group(1)), bare(m.group(2)), values))
    for table, column, values in found:
        typ = next(iter(dropped)) if len(dropped) == 1 else column.lower()
        labels = enums.get(typ) if typ in dropped else None
        short = re.escape(table.split(".")[-1])
        retyped = (
            rf"\bALTER\s+TABLE\s+(?:\w+\.)?\"?{short}\"?\s+ALTER\s+(?:COLUMN\s+)?\"?"
            rf"{re.escape(column)}\"?\s+(?:SET\s+DATA\s+)?TYPE\s+{_TO_TEXT}"
        )
        if labels and re.search(retyped, up, re.IGNORECASE) and set(labels) <= values:
            return True
    return False


def _earlier(
    ctx: Context, asked: Sequence[Finding], paths: list[str]
) -> Callable[[str], list[str]]:
    """For a migration file, the files of ``paths`` (in name order) that ran before it, in
    the order they ran: for an Alembic revision its ancestors, parents first (a revision's
    name is a hash: skyportal's enum rebuilt nine times, the labels of revisions of later
    years read into earlier ones, round BA); for any other file, the names before its own."""
    graph: dict[str, tuple[str, tuple[str, ...]]] = {}
    rank: dict[str, int] = {}
    ran: dict[str, set[str]] = {}  # an asked revision → the files of its ancestors
    python = [f.path for f in asked if f.path and f.path.endswith(".py")]
    if python:
        from rollback_gate.checks.history.restated import ancestors, revision_graph

        order, _, graph = revision_graph(ctx, [f for f in asked if f.path in python])
        rank = {p: i for i, p in enumerate(order)}
        ran = {p: ancestors(p, graph) for p in python if p in graph}

    def before(path: str) -> list[str]:
        if path in ran:
            return sorted((p for p in paths if p in ran[path]), key=lambda p: rank.get(p, 0))
        here = natural(path)
        return [p for p in paths if natural(p) < here and p not in graph]

    return before


def _dropping(o: Finding, swap: _Swap, old: list[str]) -> Finding:
    """The occurrence, said with the labels ``old`` of the old type its new one lacks: in
    place of "not visible here", or after the old type the message shows (OpenDK-like
    ``execute`` swaps whose old labels the file writes out, round CD), so that
    :func:`_unwritten` asks whether the previous release writes them."""
    gone = [label for label in old if label not in swap.labels]
    listed = ", ".join(f"'{label}'" for label in gone)
    labels = "labels" if len(gone) > 1 else "label"
    said = f" (it drops the {labels} {listed} the enum {swap.called} had)"
    if f" ({UNSEEN})" not in o.message:
        return o if _DROPS.search(o.message) else dataclasses.replace(o, message=o.message + said)
    return dataclasses.replace(o, message=o.message.replace(f" ({UNSEEN})", said))
