"""Where a migration file stands in its history, as far as its name tells, and how its
SQL names a table or constraint.

Shared by the post-filters that walk the earlier files (:mod:`.redrawn`, :mod:`.guarded`,
:mod:`.enums`, :mod:`.prechecked`, :mod:`.rechecked`, :mod:`.retyped`): where a file's up
step ends, which migration folder it is in, and a parenthesised SQL list split into its
items. Kept apart so that one filter does not import another's patterns.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from rollback_gate import lazyre
from rollback_gate.migrations.base import IRREGULAR_PLURALS, Unreadable

if TYPE_CHECKING:
    from rollback_gate.checks import Context
    from rollback_gate.tree import Tree

_UNDO_FILE = lazyre.compile(r"(?:[._]down\.(?:sql|pgsql|psql)$|^U\d)", re.IGNORECASE)
# A migration file named from its version or timestamp (``V2__x.sql``, ``0003_x.up.sql``,
# ``20250101_x.rb``), or in a folder so named (Prisma's ``20230907_x/migration.sql``)
# a name that starts with its version, or a word and then a timestamp (Liquibase's generated
# ``changelog_20230816T150718Z.xml``, network-modification-server, round AP)
_ORDERED = lazyre.compile(r"^(?:V|R__)?\d|^[a-z][\w.]*?[-_.](?:19|20)\d{6}", re.IGNORECASE)
# A name in SQL, quoted or not, with its schema if given (one group); a schema may be a
# template's placeholder (verifywise's ``"${tenantHash}".shadow_ai_api_keys``, round P), and
# a quoted one any characters (121-platform's schema ``"121-service"``, round AZ)
ID = r"(?:[\"`\[]?[\w$]+[\"`\]]?|\"?\$\{\w+\}\"?|\"[^\"\n]+\"|`[^`\n]+`)"
NAME = rf"((?:{ID}\.)?{ID})"
# the frameworks whose readers give the code a timestamp column's value as the date its
# model declares (Prisma's client, Active Record's schema cache, TypeORM's and Sequelize's
# DATEONLY, node-postgres' and mysql2's Date): a date made a timestamp reads as before
DATES_READ_AS_DATES = ("prisma", "rails", "typeorm", "knex", "sequelize")
# PostgreSQL enums as SQL writes them (:mod:`.enums`, :mod:`.labelled`): the type's name,
# schema and all, in group 1
_ENUM_ID = r"[\"`]?[\w$]+[\"`]?"
_ENUM_NAME = rf"((?:{_ENUM_ID}\.)?{_ENUM_ID})"
_LABEL = r"'((?:[^']|'')*)'"
ENUM_CREATED = lazyre.compile(
    rf"\bCREATE\s+TYPE\s+{_ENUM_NAME}\s+AS\s+ENUM\s*\(([^()]*)\)", re.IGNORECASE
)
ENUM_VALUE_ADDED = lazyre.compile(
    rf"\bALTER\s+TYPE\s+{_ENUM_NAME}\s+ADD\s+VALUE\s+(?:IF\s+NOT\s+EXISTS\s+)?{_LABEL}",
    re.IGNORECASE,
)
ENUM_VALUE_RENAMED = lazyre.compile(
    rf"\bALTER\s+TYPE\s+{_ENUM_NAME}\s+RENAME\s+VALUE\s+{_LABEL}\s+TO\s+{_LABEL}", re.IGNORECASE
)
TYPE_RENAMED = lazyre.compile(
    rf"\bALTER\s+TYPE\s+{_ENUM_NAME}\s+RENAME\s+TO\s+{_ENUM_NAME}", re.IGNORECASE
)
TYPE_DROPPED = lazyre.compile(rf"\bDROP\s+TYPE\s+(?:IF\s+EXISTS\s+)?{_ENUM_NAME}", re.IGNORECASE)
TYPE_NAMED = lazyre.compile(rf"\bTYPE\s+{_ENUM_NAME}", re.IGNORECASE)


def enum_labels(text: str) -> list[str]:
    """The quoted labels of an enum's list (``'a', 'it''s'`` → ``a``, ``it's``)."""
    return [v.replace("''", "'") for v in re.findall(_LABEL, text)]


# a key or index dropped by its name: ``DROP INDEX [CONCURRENTLY] [IF EXISTS] n``,
# ``… DROP CONSTRAINT n`` (the name in group 1)
DROPPED_KEY = lazyre.compile(
    rf"\bDROP\s+(?:INDEX|CONSTRAINT)\s+(?:CONCURRENTLY\s+)?(?:IF\s+EXISTS\s+)?{NAME}",
    re.IGNORECASE,
)
# Where a file's down step starts (TypeORM/Knex/Laravel ``down(``, Rails ``def down``,
# Alembic ``def downgrade``, goose/dbmate/sql-migrate markers): only the up step is
# history; golang-migrate's ``*.down.sql`` and Flyway's ``U…`` undo files are none.
_DOWN = lazyre.compile(
    r"^[ \t]*(?:(?:public|protected|async|static|function)\s+)*down\s*[(:=]"
    r"|^[ \t]*def\s+(?:self\.)?down(?:grade)?\b|^[ \t]*(?:module\.)?exports\.down\b"
    r"|^\s*--\s*(?:\+goose\s+down|migrate:down|\+migrate\s+down)",
    re.IGNORECASE | re.MULTILINE,
)


def bare(name: str) -> str:
    """``"public"."T"`` → ``t``: a SQL name's last part, unquoted, in lower case."""
    return name.rsplit(".", 1)[-1].strip('"`[]').lower()


def up_part(text: str) -> str:
    """``text`` up to where its down step starts (all of it when none does). A Ruby
    ``def down … end`` is cut out alone: the helper methods after it are the up step's
    too (support-api's unique key made in ``deduplicate_…_join_table``, round AQ)."""
    down = _DOWN.search(text)
    if down is None:
        return text
    ruby = RUBY_DOWN.match(text, down.start())
    if ruby is not None:
        return text[: down.start()] + blanked(ruby.group()) + text[ruby.end() :]
    return text[: down.start()]


def blanked(text: str) -> str:
    """``text`` with every character but line ends made a blank: a part of a file left
    out with the offsets and lines of the rest kept."""
    return _NOT_NEWLINE.sub(" ", text)


# the SQL string a JS migration runs: TypeORM's `queryRunner.query(`…`)`, Knex's `raw(…)`,
# Sequelize's `sequelize.query(…)`
_QUERY = lazyre.compile(
    r"\.(?:query|raw|runSql)\s*\(\s*(`(?:[^`\\]|\\.)*`|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*')",
    re.DOTALL,
)


def sql_of(path: str, text: str) -> str:
    """The SQL of a migration's text: a SQL file's own; of a JS or TypeORM one, the strings
    its ``.query(…)`` and ``.raw(…)`` calls run, each at its own line (every other character
    blanked, each string ended with ``;``)."""
    from rollback_gate.migrations.js import MODULES

    if not path.endswith(MODULES):
        return text
    out = list(blanked(text))
    for m in _QUERY.finditer(text):
        start, end = m.span(1)
        out[start + 1 : end - 1] = text[start + 1 : end - 1]
        out[end - 1] = ";"
    return "".join(out)


def xml_attrs(tag: str) -> dict[str, str]:
    """An XML tag's attributes (names in lower case) → their values, read as text."""
    return {m.group(1).lower(): m.group(2) or m.group(3) or "" for m in _XML_ATTR.finditer(tag)}


_NOT_NEWLINE = lazyre.compile(r"[^\n]")
_XML_ATTR = lazyre.compile(r"([\w:]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
# a Ruby ``def down`` (or ``def self.down``) to the ``end`` at its own indentation
RUBY_DOWN = lazyre.compile(r"^([ \t]*)def\s+(?:self\.)?down\b.*?^\1end\b", re.MULTILINE | re.DOTALL)


# the new name in an ``ALTER TABLE t RENAME TO n`` statement's skeleton (a table renamed)
TABLE_RENAMED_TO = lazyre.compile(r"\bRENAME\s+TO\s+([\w.\"`\[\]]+)\s*$", re.IGNORECASE)
NEAR = 3  # lines between a finding's line and its statement's first (a call, then SQL)


# The version a file's name starts with: ``V204_2.0.0.38``, ``0003``, ``2024_01_15_120000``
_VERSION = lazyre.compile(r"^(V|R__)?(\d+(?:[._]\d+)*)", re.IGNORECASE)
_SORTED_AS_TEXT = (".js", ".cjs", ".mjs", ".ts", ".cts", ".mts", ".coffee")


def natural(path: str) -> list[tuple[int, str]]:
    """A sort key that puts ``V2__`` before ``V10__``, and a version before the versions it
    is a prefix of, as Flyway does: ``V204_2.0.0.38__x`` before ``V204_2.0.0.38.1__y``,
    ``V1_2__x`` before ``V1_2_1__y`` (alf.io, round P: compared as text, the separator
    after ``38`` put the later file first)."""
    folder, name = posixpath.split(path)
    if (step := sql_file_step(path)) is not None:
        # db-migrate's `--sql-file` template: `sqls/<version>-<name>-up.sql` is the SQL of
        # the step `<version>-<name>.js` beside the folder, so it comes right after that
        # step, before the next (water-abstraction-tactical-crm's `json` column, made
        # `jsonb` by a later step: round BD)
        return [*natural(step), (_AFTER, name.rpartition("-")[2].lower())]
    key = _parts(folder + "/" if folder else "")
    if m := _VERSION.match(name):
        version = [(int(p), "") for p in re.split(r"[._]", m.group(2))]
        if (m.group(1) or "").upper() == "V":
            # Flyway orders a location's versions across its subfolders (evaka's
            # `archive/V244__payment.sql` before `V420__…`, round AY), the folder after
            return [(-1, "V"), *version, *key, *_parts(name[m.end() :])]
        key += [(-1, m.group(1).upper())] if m.group(1) else []
        if name.endswith(_SORTED_AS_TEXT) and not m.group(1) and m.group(2).isdigit():
            # Knex, Sequelize (umzug) and db-migrate sort their files by name as text:
            # `20190609122532-create-transaction.js` before `20190802-01-add-indices.js`
            # (near-explorer, round CG), where numbers would put the shorter first
            version = [(0, m.group(2))]
        key += version
        name = name[m.end() :]
    return key + _parts(name)


def _parts(text: str) -> list[tuple[int, str]]:
    return [(int(p), "") if p.isdigit() else (-1, p) for p in re.split(r"(\d+)", text) if p]


def sql_file_step(path: str) -> str | None:
    """The step (``migrations/<version>-<name>.js``) whose SQL a db-migrate ``--sql-file``
    file (``migrations/sqls/<version>-<name>-up.sql`` or ``-down.sql``) holds; None for
    any other file."""
    # (a substring test first: every sort of a folder's files asks it of each name)
    found = _SQL_FILE_TEMPLATE.search(path) if "sqls/" in path.lower() else None
    if found is None:
        return None
    folder, name = posixpath.split(path)
    stem = name[: -len(f"-{found.group(1)}.sql")]
    return f"{posixpath.dirname(folder)}/{stem}.js".lstrip("/")


def undo(path: str) -> bool:
    """A down or undo file (``x.down.sql``, ``U2__x.sql``, db-migrate's
    ``sqls/<name>-down.sql``): it runs on a rollback only."""
    found = _SQL_FILE_TEMPLATE.search(path)
    return bool(_UNDO_FILE.search(posixpath.basename(path))) or (
        found is not None and found.group(1).lower() == "down"
    )


_AFTER = 10**9  # (a sort key's part after every number a name holds)
_SQL_FILE_TEMPLATE = lazyre.compile(r"(?:^|/)sqls/[^/]*-(up|down)\.sql$", re.IGNORECASE)


def ordered(path: str) -> bool:
    """The file's name, or its folder's, says where it stands in the history (and it is
    no undo file)."""
    folder, name = posixpath.split(path)
    if _UNDO_FILE.search(name):
        return False
    return bool(_ORDERED.match(name) or _ORDERED.match(posixpath.basename(folder)))


def home(path: str, roots: Iterable[str]) -> str:
    """The migration folder ``path`` is in (the longest that holds it)."""
    inside = [r.strip("/") for r in roots if path.startswith(r.strip("/") + "/")]
    return max(inside, key=len) if inside else posixpath.dirname(path)


_PARENS = lazyre.compile(r"[()]")
_BRACES = lazyre.compile(r"[{}]")
_LIST_MARKS = lazyre.compile(r"[(),]")


def body_after(text: str, start: int, pair: str = "()") -> tuple[str, int]:
    """The text inside the parenthesis (or ``pair``'s opening bracket, ``"{}"``) opening at
    ``start`` - 1, and where it ends (the text's end when nothing closes it)."""
    depth = 1
    for m in (_PARENS if pair == "()" else _BRACES).finditer(text, start):
        depth += 1 if m.group() == pair[0] else -1
        if depth == 0:
            return text[start : m.start()], m.end()
    return text[start:], len(text)


def items(body: str) -> list[str]:
    """A CREATE TABLE list split at its top-level commas."""
    out, depth, last = [], 0, 0
    for m in _LIST_MARKS.finditer(body):
        mark = m.group()
        if mark == ",":
            if depth == 0:
                out.append(body[last : m.start()].strip())
                last = m.end()
        else:
            depth += 1 if mark == "(" else -1
    return [*out, body[last:].strip()]


def in_order(
    tree: Tree, paths: Iterable[str], known: Mapping[str, str] | None = None
) -> Iterator[tuple[str, str]]:
    """``(path, text)`` of each readable file of ``paths``, in migration order (decoded
    leniently; a text in ``known`` was read already and is not read again)."""
    for path in sorted(paths, key=natural):
        text = (known or {}).get(path)
        if text is None:
            try:
                text = tree.read_text(path, lenient=True)
            except Unreadable:
                continue
        yield path, text


_RENAMES_FOLLOWED = 4
_RENAMED = lazyre.compile(
    rf"\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?{NAME}\s+RENAME\s+TO\s+{NAME}",
    re.IGNORECASE,
)


def naming(
    ctx: Context, tables: Iterable[str], roots: Iterable[str], also: Iterable[str] = ()
) -> dict[str, str] | None:
    """The migration files (path → text) that name the tables, or a name one had before a
    SQL rename (ftl's ``events`` renamed ``timeline``), or any text of ``also``: one ``git
    grep -l`` per rename followed; None when git cannot answer."""
    if ctx.git is None:
        return None
    names, seen, roots = set(tables), dict[str, str](), list(roots)
    for _ in range(_RENAMES_FOLLOWED):
        found = ctx.git.files_with([*sorted(names), *also], roots)
        if found is None:
            return None
        before = set()
        for path, text in in_order(ctx.tree, set(found) - seen.keys()):
            seen[path] = text
            before |= {bare(m.group(1)) for m in _RENAMED.finditer(text)
                       if bare(m.group(2)) in names}  # fmt: skip
        if before <= names:
            break
        names |= before
    return seen


def habtm_joins(table: str, other: str) -> list[str]:
    """The join table Rails names a ``has_and_belongs_to_many`` between ``table`` and
    ``other`` after: the two in lexical order joined by ``_`` and, where they share a
    prefix, that prefix said once (``catalog_categories_products``), Rails' own name last."""
    pair = sorted([table, other])
    out = ["_".join(pair)]
    head = pair[0].rpartition("_")[0]
    if head and pair[1].startswith(head + "_"):
        out.append(f"{pair[0]}_{pair[1][len(head) + 1 :]}")
    return out


def singular(word: str) -> str:
    """ActiveSupport's main singular rules: ``categories`` → ``category``, ``addresses`` →
    ``address``, ``boxes``/``batches``/``wishes`` → ``box``/``batch``/``wish``,
    ``statuses`` → ``status``, ``data`` → ``datum`` (Autolab's ``AssessmentUserDatum``,
    round Y), and else one ``s`` off: ``cases`` → ``case`` (casa; cutting ``es`` there
    lost every table ending in ``ses``: ``purchases``, ``responses``)."""
    low = word.lower()
    if low in IRREGULAR_PLURALS:  # (``people`` → ``Person``: the model of pet-rescue's, round BY)
        return word[: len(word) - len(low)] + IRREGULAR_PLURALS[low]
    if low == "data" or low.endswith("_data"):
        return word[:-1] + "um"  # ActiveSupport's own: `assessment_user_data` → `…_datum`
    if low.endswith("ies") and len(low) > 3:
        return word[:-3] + "y"
    if low.endswith(("sses", "xes", "ches", "shes", "statuses", "aliases", "buses")):
        return word[:-2]
    if low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def model_name(table: str) -> str:
    """The class name ORMs give a table by convention: ``legacy_orders`` → ``LegacyOrder``."""
    words = [w for w in table.split("_") if w]
    if words:
        last = words[-1]
        words[-1] = singular(last)
    return camel("_".join(words))


def camel(name: str) -> str:
    """``previous_follow`` → ``PreviousFollow`` (each word's first letter made upper case)."""
    return "".join(w[:1].upper() + w[1:] for w in name.split("_"))
