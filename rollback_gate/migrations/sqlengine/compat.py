"""N−1 compatibility: what in an up step breaks the release that is still running.

During a rolling deploy, and again after an application rollback that leaves the schema in
place, the previous release runs against the new schema. :func:`breaks` reads an up step's
statements (raw SQL, or builder calls rendered as SQL by the framework analysers) in order
and returns each operation that release cannot survive:

* RG220 — a column renamed (``ALTER TABLE … RENAME [COLUMN] a TO b``, MySQL ``CHANGE a b``,
  ``sp_rename 't.a', 'b', 'COLUMN'``);
* RG221 — a table renamed (``ALTER TABLE a RENAME TO b``, MySQL ``RENAME TABLE a TO b``,
  ``sp_rename 'a', 'b'``);
* RG222 — a column added ``NOT NULL`` without a default (nor identity, serial,
  ``AUTO_INCREMENT`` or generated), or ``SET NOT NULL`` on a column (unless the column was
  added in this step with a default: the previous release never writes it);
* RG223 — a type change that is not a pure widening (:func:`.coltypes.widens`). The old type
  comes from the down step or an earlier change in the step; when it is not visible, an
  explicit ``ALTER COLUMN … TYPE`` counts only when it converts (``USING``, except to an
  unbounded string) or moves to a type that can never be a widening of a string or number
  (``uuid``, ``boolean``, ``jsonb`` …);
  MySQL ``MODIFY``/``CHANGE`` and SQL Server ``ALTER COLUMN`` restate the type on every
  change (nullability, comment), so they count only with a visible old type (with
  ``candidates``, one the folder's earlier files may show: :mod:`.history.retyped`);
* RG224 — ``UNIQUE``, ``CHECK`` or ``FOREIGN KEY`` added to an existing table, and a
  ``CREATE UNIQUE INDEX`` (also ``CONCURRENTLY``) on one. PostgreSQL ``NOT VALID`` skips
  the existing rows only: every new write, the previous release's included, is checked,
  so it is still a finding and the message says so. ``ADD CONSTRAINT … UNIQUE USING INDEX``
  promotes an index that already enforced uniqueness: no finding.

Nothing about a table created earlier in the same step can break the previous release
(it does not know the table), nor, beyond the rename itself, about a table the step
renamed; nor can a column added earlier in the step be renamed or retyped in a way it
notices, and a constraint on such columns sees only the NULLs the previous release leaves
there (a CHECK or foreign key, also the constant default the existing rows were checked
with). A constraint or unique index that the step dropped first (by name, or any one of
that table's when the drop does not name it) is re-created, not added. Index and
constraint renames are not renames of columns.
The framework analysers turn each :class:`Break` into a finding with
:func:`.wording.finding`, giving the fix in their own words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from rollback_gate import lazyre
from rollback_gate.migrations import release
from rollback_gate.migrations.sqlengine import nullness, rebuilds
from rollback_gate.migrations.sqlengine.coltypes import (
    SCALAR_FAMILIES,
    base_name,
    is_array,
    relabelled,
    same,
    widens,
)
from rollback_gate.migrations.sqlengine.kinds import (
    NO_TYPE,
    _qualified,
    _skip,
    altered_column,
    is_ident,
    not_null,
    split_commas,
    tokens,
    type_text,
    unquote,
)
from rollback_gate.migrations.sqlengine.kinds import _phrases as phrases
from rollback_gate.migrations.sqlengine.loss import (
    CHECK,
    KEY_COLUMNS,
    KEYED,
    NULLABLE,
    REFERENCED,
    REQUIRED,
    check_exprs,
    closing,
    domain_type,
    enum_type,
    looser,
    null_verdict,
    type_key,
)
from rollback_gate.migrations.sqlengine.model import (
    CONVERTED,
    LIBRARY_TABLES,
    MAYBE_REQUIRED,
    MAYBE_WIDER,
    Statement,
)

_INTERESTING = frozenset(
    {"add_column", "alter_type", "rename", "alter_table", "create_index", "drop_index", "call",
     "other", "drop_column"}
)  # fmt: skip
# statements that change rows, or run code that may: the previous release serves meanwhile
_DATA_KINDS = frozenset({"insert", "update", "delete", "truncate", "do", "call"})
_TABLE_SKIP = phrases("IF EXISTS", "ONLY")
_ADD_SKIP = phrases("COLUMN", "IF NOT EXISTS")
_ALTER_HEAD_SKIP = phrases("ONLINE", "IGNORE")
_COLUMN = phrases("COLUMN")
_SET_DATA = phrases("SET DATA")
_GENERATES = frozenset({"IDENTITY", "AUTO_INCREMENT", "GENERATED", "AS", "AUTOINCREMENT"})
# A keyword, not part of a name (`"default_calendar_id"` is a column, rallly)
_DEFAULTISH = lazyre.compile(
    r"(?<![\w\"`])(?:DEFAULT|\w*SERIAL\d?|IDENTITY|GENERATED|AUTO_?INCREMENT)(?![\w\"`])",
    re.IGNORECASE,
)
_SERIALS = frozenset({"serial", "bigserial", "smallserial", "serial4", "serial8"})
# the functions that give each row a value of its own (OpenPipe's short_nanoid(), round
# AK: a function of the project's own that makes random ids)
_ROW_CALLS = (
    r"gen_random_uuid|uuid_generate_v[147]\w*|uuidv[47]|newid|newsequentialid|nextval"
    r"|gen_random_bytes|(?:public\.)?\w*(?:nanoid|ulid|cuid)\w*"
)
# … anywhere in a default expression
_ROW_FUNCTION = lazyre.compile(rf"\b(?:{_ROW_CALLS})\s*\(", re.IGNORECASE)
UNIQUE_DEFAULT = (
    r"\bDEFAULT\s+\(?\s*(?:(?:md5|encode|substr|left)\s*\(\s*)*"
    rf"(?:{_ROW_CALLS}|uuid|random)\s*\("
)
"""A default that gives each row a value of its own (a random id, a sequence), as a
pattern (case-insensitive): a unique key over it refuses no row written without it."""
_UNIQUE_DEFAULT = lazyre.compile(UNIQUE_DEFAULT, re.IGNORECASE)
# A generated column whose expression names the primary key (`id` by convention): each
# row's value is its own (daily-api's `slug GENERATED ALWAYS AS (title || '-' || id)`)
_GENERATED_FROM_ID = lazyre.compile(
    r"\bGENERATED\s+ALWAYS\s+AS\s*\((?=.*(?:^|[^\w\"'])\"?id\"?(?![\w\"'])).*\)", re.IGNORECASE
)  # (``md5(random()::text …)``: catarse's authentication tokens, round P)
# An identity column draws each row's value from its sequence: SQL standard's GENERATED …
# AS IDENTITY, MySQL's AUTO_INCREMENT, SQL Server's IDENTITY(1,1), SQLite's AUTOINCREMENT
_IDENTITY = lazyre.compile(r"\bAS IDENTITY\b|\bAUTO_?INCREMENT\b|\bIDENTITY\s*(?:\(|$)")
# (its names in single quotes, or in double quotes where QUOTED_IDENTIFIER is off, as
# innovation-service-backend-api's TypeORM steps write them: round BG)
_SP_RENAME = lazyre.compile(
    r"sp_rename\s+(?:@objname\s*=\s*)?N?['\"]([^'\"]+)['\"]\s*,\s*(?:@newname\s*=\s*)?N?['\"]"
    r"([^'\"]+)['\"](?:\s*,\s*(?:@objtype\s*=\s*)?N?['\"](\w+)['\"])?",
    re.IGNORECASE,
)
_NOT_COLUMNS = frozenset({"INDEX", "KEY", "CONSTRAINT"})
_RENAMES = frozenset({"RG220", "RG221"})
# `INTO [TEMP|TEMPORARY|UNLOGGED] [TABLE] t FROM` of a SELECT, outside parentheses
_SELECT_INTO = lazyre.compile(
    r"\bINTO\s+(?:(?:TEMP|TEMPORARY|UNLOGGED)\s+)?(?:TABLE\s+)?"
    r"((?:[\w$]+\.)?\"?[\w$]+\"?)\s+FROM\b",
    re.I,
)
_COPIED_FROM = lazyre.compile(r"\bSELECT\b.*?\bFROM\s+((?:[\w$]+\.)?\"?[\w$]+\"?)", re.I | re.S)
# a unique key's name; a primary key's (`*_pkey`, `pk_*`) too: unique over its columns
# (and Hibernate's generated names, ``UK`` or ``FK`` and 25 letters and digits of a hash:
# nomulus' ``FK2mys4hojm6ev2g9tmy5aq6m7g`` dropped and drawn again DEFERRABLE, round BB)
_UNIQUE_NAME = lazyre.compile(
    r"(^|_)(uq|uniq|unique|key|ux|uk|uc|pkey|pk)(_|$)|^uk[0-9a-z]{25}$", re.IGNORECASE
)
_FOREIGN_NAME = lazyre.compile(r"(^|_)(fk|fkey|foreign)(_|$)|^fk[0-9a-z]{25}$", re.IGNORECASE)
# Words of an expression that may turn a NULL into true or false.
_NULL_AWARE = frozenset(
    {"IS", "OR", "NOT", "CASE", "COALESCE", "NULLIF", "IFNULL", "NVL", "ISNULL", "CONCAT",
     "CONCAT_WS", "GREATEST", "LEAST", "DISTINCT", "NOTNULL", "NUM_NULLS", "NUM_NONNULLS"}
)  # fmt: skip
_CHECK_WORDS = frozenset(
    {"CHECK", "AND", "OR", "NOT", "NULL", "IS", "IN", "BETWEEN", "LIKE", "ILIKE", "TRUE",
     "FALSE", "CASE", "WHEN", "THEN", "ELSE", "END", "NO", "INHERIT", "VALID", "ENFORCED",
     "DEFERRABLE", "INITIALLY", "DEFERRED", "IMMEDIATE"}
)  # fmt: skip
# `ADD <word>` of a key, not a column
_ADDS_KEY = [[w] for w in ("CONSTRAINT", "FOREIGN", "UNIQUE", "PRIMARY", "CHECK", "INDEX", "KEY")]
_DROPPED_THINGS = frozenset({"CONSTRAINT", "FOREIGN", "INDEX", "KEY", "CHECK", "UNIQUE"})
_DROP_INDEX_SKIP = phrases("CONCURRENTLY", "IF EXISTS")
_STRICT = frozenset({"lower", "upper", "trim", "btrim", "ltrim", "rtrim", "md5", "abs"})
"""Functions whose value is NULL where their one argument is (a key over them has no
duplicate among rows that leave the column NULL)."""
_CREATE_INDEX_SKIP = phrases("CONCURRENTLY", "IF NOT EXISTS")
_ORDERING = frozenset({"ASC", "DESC", "NULLS", "FIRST", "LAST"})  # after an index's part
_VIEW_SKIP = phrases("IF NOT EXISTS")
_MAYBE_WIDER = SCALAR_FAMILIES | {"enum", "set", "timestamp", "timestamptz", "datetime"}
_CONSTRAINTS = {
    "UNIQUE": "UNIQUE",
    "CHECK": "CHECK",
    "FOREIGN": "FOREIGN KEY",
    "PRIMARY": "PRIMARY KEY",
}
_KEYS = frozenset({"UNIQUE", "PRIMARY"})  # constraints that reject duplicates


@dataclass(frozen=True)
class Break:
    """One operation of an up step that the previous release cannot survive.

    ``kind`` is ``rename_column``, ``rename_table``, ``add_required``, ``set_required``,
    ``type_change`` or ``constraint``; ``new`` is the new name or type; ``old`` the old
    type when visible; ``what`` the constraint (``UNIQUE``, ``CHECK``, ``FOREIGN KEY``,
    ``unique index``); ``note`` is appended to the message in parentheses.
    """

    rule: str
    kind: str
    line: int
    table: str
    column: str = ""
    new: str = ""
    old: str = ""
    what: str = ""
    not_valid: bool = False
    note: str = ""
    name: str = ""  # a constraint's or index's name, when the statement gives it

    @property
    def target(self) -> str:
        return f"{self.table}.{self.column}" if self.column else self.table


ENUM_LABEL = "enum label"
"""``Break.what`` of an RG223 that renames a label of an enum (``table`` is the enum)."""
_LABEL_RENAMED = lazyre.compile(
    r"\bALTER\s+TYPE\s+((?:[\w\"]+\.)?[\w\"]+)\s+RENAME\s+VALUE\s+'((?:[^']|'')*)'\s+TO\s+"
    r"'((?:[^']|'')*)'",
    re.IGNORECASE,
)
REDRAWN = "re-created under the name the step dropped: check it is no tighter"
NARROWED = "re-drawn under its name over fewer columns than the down step's: tighter"
REPLACING = "drawn where the step dropped another constraint of the table: check it is no tighter"
IF_EXISTED = "drawn again under a name the step drops only if it exists: check one existed"
"""The note of a unique key re-drawn only by a ``DROP … IF EXISTS`` of its name, which may
have dropped nothing (:mod:`rollback_gate.checks.history.redrawn` settles it from the
earlier migrations: water-abstraction-tactical-idm's ``user_name_unique``, round BE)."""
EXPRESSION = "re-drawn under its name over an expression: check the key it replaces"
"""The note of a unique index the step drops and draws again under its name over an
expression (``lower(username)``) where the step does not show the key it replaces; the
earlier migrations may (dogehouse's ``users_username_index`` made over ``username`` and
re-drawn over ``lower(username)``, round BQ: a miss). :mod:`rollback_gate.checks.history.
redrawn` settles it: a finding only where the key of that name was over the column the
expression folds."""
REBUILT = "drawn where the step rebuilds the table: check the keys it had"
"""The start of the note of a key the step draws in a table it rebuilds under its name
(SQLite's rebuild: bitcoin-s' ``wallet_address_tags`` made again with the primary key
``(address, tag_type)``, round BO: a miss); the note ends with the key's columns, ``over
(a, b)``. :mod:`rollback_gate.checks.history.redrawn` settles it from the keys the earlier
migrations gave the table: a finding only where none of them implies it."""


def _key(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower()


def _same(old: str, new: str) -> bool:
    """A rename to the name it had (expertiza's `rename_table :teams_participants,
    :teams_participants`, round AG): nothing is renamed. (Case counts: leonardo's
    ``autoScalingEnabled`` → ``autoscalingEnabled`` is a rename, round U.)"""
    return old.strip('"`[]') == new.strip('"`[]')


def _schema(name: str) -> str:
    """The schema a table is named with (lower case, unquoted), or ""."""
    schema = name.rpartition(".")[0].rsplit(".", 1)[-1]
    return schema.strip('"`[]').lower()


# How the names of a table's own index, key, constraint or sequence end (``app_name_key``)
_OWN_OBJECTS = frozenset(
    {"key", "pkey", "fkey", "idx", "index", "ix", "seq", "uniq", "unique", "uk", "pk", "fk",
     "check", "excl", "constraint"}
)  # fmt: skip


class _Reader:
    """The state of one pass over a step: tables created, columns added, types seen."""

    def __init__(
        self,
        old_types: Mapping[str, str],
        created: Iterable[str],
        added: Mapping[str, bool | str],
    ) -> None:
        self.types = {self._col(k): v for k, v in old_types.items()} if old_types else {}
        self.restated_candidates = False  # a restated column's type a candidate (RG223)
        # an enum with its labels written out, cast to through text, a candidate (RG223)
        self.enum_candidates = False
        self.first_types: dict[str, str] = {}  # a column → its type before the step changed it
        # the CHECK lists the down step puts back (loss.CHECK keys): old definitions
        self.old_checks = {k: v for k, v in (old_types or {}).items() if CHECK in k}
        # the named keys the down step adds back, by kind (loss.KEYED keys)
        self.old_keys = {k: v for k, v in (old_types or {}).items() if KEYED in k}
        self.old_key_columns = {k: v for k, v in (old_types or {}).items() if KEY_COLUMNS in k}
        # the tables the down step's foreign keys reference, and each new key's target
        self.old_targets = set(filter(None, (old_types or {}).get(REFERENCED, "").split(",")))
        self.targets: dict[int, str] = {}
        self.new_checks: dict[tuple[str, str], str] = {}  # (table, name) → its list
        self.created = {_key(t) for t in created} if created else set()
        self.qualified: set[str] = set()  # "schema.table" / ".table" of the tables created
        self.gone: set[str] = set()  # tables the step dropped (a CREATE after is a rebuild)
        self.filled_from: dict[str, set[str]] = {}  # a table → those the step copied into it
        self.remade: set[str] = set()  # … and created again: there for the previous release
        # table.column added in this step (or counted as such) → it has a default
        self.added: dict[str, bool] = {}
        # … and the constant default of those counted as added elsewhere, where known
        self.added_literals: dict[str, str] = {}
        self._counted(added)
        self.required_with_default: set[str] = set()  # added NOT NULL with a default
        self.defaulted: set[str] = set()  # columns the step gives a default (not NULL)
        self.unique_default: set[str] = set()  # added with a default unique per row
        self.freed: set[str] = set()  # columns whose NOT NULL the step dropped
        # Constraints and indexes this step dropped (by name), and tables where it dropped
        # one whose name is not visible: adding one back is a replacement (a foreign key
        # re-created with another ON DELETE, a unique index rebuilt after a type change).
        self.required: set[str] = set()  # table.column already reported as RG222
        self.dropped: set[str] = set()
        self.dropped_if_exists: set[str] = set()  # … only by ``DROP … IF EXISTS`` (maybe none)
        self.last_dropped: dict[str, int] = {}  # name → the line that last dropped it
        self.dropped_on: set[str] = set()
        # … of those, the tables where the one dropped unnamed may be a CHECK: not a Rails
        # `remove_index` (`DROP INDEX` unnamed), which demarches-simplifiees' next CHECK
        # was said to re-create (round CL)
        self.checks_dropped_on: set[str] = set()
        self.added_on: dict[str, set[str]] = {}  # table → the constraints the step adds, by name
        self.dropped_of: dict[str, set[str]] = {}  # table → names of the constraints dropped
        self.uniques_dropped_on: set[str] = set()  # tables that lost a unique-named one
        self.uniques_maybe_dropped_on: set[str] = set()  # … by ``DROP … IF EXISTS`` alone
        # unique-named indexes dropped without their table (PostgreSQL's ``DROP INDEX n``)
        self.unique_indexes_dropped: set[str] = set()
        self.indexes_created: set[str] = set()  # names of the indexes the step creates
        self.index_columns: dict[int, list[str]] = {}  # a unique index's line → its columns
        # a key's (unique or foreign) line → the table and columns of each key drawn there
        self.key_columns: dict[int, list[tuple[str, list[str]]]] = {}
        self.over_expressions: set[int] = set()  # … the lines of those over an expression
        self.foreigns_dropped_on: set[str] = set()  # tables that lost a foreign key
        self.validated: set[tuple[str, str]] = set()  # (table, constraint) validated here
        self.dropped_columns: set[str] = set()  # table.column dropped by this step
        self.removed: set[str] = set()  # … by a DROP COLUMN, whether the release added it or not
        self.data = False  # rows changed (an UPDATE, INSERT, DELETE, a block of code)
        self.cascaded: set[str] = set()  # tables dropped with CASCADE (their referrers' keys)
        self.rewritten: set[str] = set()  # tables whose rows an UPDATE changed
        self.rebuilt: set[str] = set()  # tables rebuilt under their name: keys drawn again
        self.rebuilds: dict[str, str] = {}  # … each one → the table whose CREATE made it
        self.made_text: dict[str, tuple[int, str]] = {}  # a table created → (line, its CREATE)
        self.copies: dict[str, str] = {}  # a table created as a copy of another → that one
        self.views: set[str] = set()  # views the step made (one under a renamed table's name)
        self.swapped: set[str] = set()  # tables a copy of theirs was renamed into the place of
        self.adds: dict[str, Statement] = {}  # table.column → the statement that added it
        self.enums: dict[str, str] = {}  # PostgreSQL enums the step creates → enum('', …)
        self.domains: dict[str, str] = {}  # domains without rules it creates → base type
        self.out: list[Break] = []
        # a unique key's break, and the columns of it the step added with a default: when
        # the step then drops that default, the previous release leaves the column NULL
        # (or fails its insert: RG222), and the key cannot reject what it writes
        self.keys_on_defaults: list[tuple[Break, set[str]]] = []
        self.renamed_into: set[str] = set()  # table.column names a rename of the release gave
        self.keyed: set[str] = set()  # table\0name of the unique keys the release added
        # a column renamed away and added again empty or with a default: (the rename, the
        # line that added it again, what it holds); a swap only where a later statement
        # may fill it
        self.readded: list[tuple[Break, int, str]] = []

    def seed(self, before: release.Facts) -> None:
        """Start from what the earlier migrations of the release did (:mod:`.release`)."""
        for name in release.Facts.SETS:
            getattr(self, name).update(getattr(before, name))
        self._counted(before.added)

    def _counted(self, added: Mapping[str, bool | str]) -> None:
        """Columns counted as added by the step (the caller's, or an earlier migration's of
        the release) → whether they have a default, or the constant it is: what the step
        itself says of a column wins."""
        for column, default in added.items():
            key = self._col(column)
            self.added.setdefault(key, bool(default))
            if isinstance(default, str):
                self.added_literals.setdefault(key, default)

    def facts(self, renamed: set[str]) -> release.Facts:
        """What this step did that a later migration of the release builds on; a table
        renamed to a new name is as unknown to the previous release as a created one."""
        # (a constant default as written, for the later migrations' partial keys and
        # CHECKs: td-auth's unique `WHERE is_default is true` over the column the
        # migration before added `default: false`, round BA)
        out = release.Facts(
            added={
                k: (self._default_text(k, k.rpartition(".")[2]) or True) if v is True else v
                for k, v in self.added.items()
            }
        )
        for name in release.Facts.SETS:
            getattr(out, name).update(getattr(self, name))
        out.created.update(renamed)
        # (dropped for good by the step: not added again, nor a table made under the name)
        out.removed = self.removed - self.added.keys() - self.renamed_into
        remade = self.created | self.rebuilt | renamed
        out.removed |= {f"{t}.*" for t in self.gone if t not in remade}
        out.made = {*self.adds, *self.renamed_into, *(f"{t}.*" for t in remade)}
        out.data = self.data
        # a table dropped and created again (a rebuild) was there for the previous
        # release: a key another file of the release adds to it is a break
        out.created -= self.remade
        return out

    @staticmethod
    def _col(target: str) -> str:
        table, _, col = target.rpartition(".")
        return f"{_key(table)}.{col.lower()}"

    def _rebuilt(self, target: str) -> bool:
        """Whether adding ``target`` puts back a column the step dropped or renamed away."""
        key = self._col(target)
        return key in self.dropped_columns or any(
            b.kind == "rename_column" and self._col(f"{b.table}.{b.column}") == key
            for b in self.out
        )

    def _fresh(self, table: str) -> bool:
        """Whether ``table`` is one this step (or an earlier migration of its release)
        created: by name, and by schema where both name one (indico: a commit creates
        ``users.tokens`` and makes ``oauth.tokens.scopes`` NOT NULL, round L)."""
        key = _key(table)
        if key not in self.created:
            return False
        schema = _schema(table)
        made = {q.rpartition(".")[0] for q in self.qualified if q.rpartition(".")[2] == key}
        return not schema or not made or "" in made or schema in made

    def statement(self, s: Statement) -> None:
        self.data = self.data or s.kind in _DATA_KINDS
        if s.kind == "select" and (made := _selected_into(s.skeleton)) is not None:
            # PostgreSQL's and MSSQL's `SELECT … INTO t FROM …` creates t (tutor-server
            # builds `task_steps_temp` so, drops `tasks_task_steps` and renames the new
            # table into its place: round BD)
            s = replace(s, kind="create_table", target=made)
        if s.kind == "create_table":
            if _key(s.target) in self.gone:
                self.remade.add(_key(s.target))
                self.rebuilds[_key(s.target)] = _key(s.target)
            self.made_text[_key(s.target)] = (s.line, s.text)
            self.created.add(_key(s.target))
            self.qualified.add(f"{_schema(s.target)}.{_key(s.target)}")
            if (source := _copy_of(s.skeleton)) is not None:
                self.copies[_key(s.target)] = _key(source)
            return
        if (
            s.kind == "update"
            or s.kind == "truncate"
            or (s.kind == "delete" and not re.search(r"\bWHERE\b", s.skeleton, re.IGNORECASE))
        ):
            # rows changed, or none left: a default the step gives a new column was never
            # checked against a row (commafeed empties FEEDENTRIES, then a key over a
            # column added DEFAULT 1: round S)
            self.rewritten.add(_key(s.target))
            return
        if s.kind == "create_other" and (enum := enum_type(s)) is not None:
            self.enums[enum[0]] = enum[1]
            return
        if s.kind == "create_other" and (domain := domain_type(s)) is not None:
            self.domains[domain[0]] = domain[1]
            return
        if s.kind == "insert" and (m := _COPIED_FROM.search(s.skeleton)) is not None:
            # INSERT INTO t_new … SELECT … FROM t: t's rows copied into t_new (a rebuild)
            self.filled_from.setdefault(_key(s.target), set()).add(_key(unquote(m.group(1))))
        if s.kind == "drop_table":
            self.gone.update(_key(t) for kind, t in s.actions if kind == "drop_table")
        if s.kind == "drop_table" and "CASCADE" in s.skeleton.upper():
            self.cascaded.add(_key(s.target))  # and every foreign key that referenced it
            return
        if "VIEW" in s.skeleton[:40].upper():
            self._view(s)
        if s.kind not in _INTERESTING:
            return
        if (
            s.kind == "add_column"
            and len(s.actions) == 1
            and "NULL" not in (upper := s.skeleton.upper())
            and not any(self._rebuilt(target) for _, target in s.actions)
            and "SERIAL" not in upper
            and not _UNIQUE_DEFAULT.search(s.skeleton)
            and not _IDENTITY.search(upper)
        ):
            # the common case, new nullable columns only: note them without tokenizing again
            # (a default unique per row is noted by the full reading: logflare, round H)
            default = _DEFAULTISH.search(s.skeleton) is not None
            for kind, target in s.actions:
                if kind == "add_column":
                    self.added[self._col(target)] = default
                    self.adds[self._col(target)] = s
            if all(kind == "add_column" for kind, _ in s.actions):
                return
        if s.kind in ("call", "other"):
            if "sp_rename" in s.text.lower():
                self._sp_rename(s)
            elif (m := _LABEL_RENAMED.search(s.text)) is not None:
                self._label_renamed(s, m)
            return
        toks = tokens(s.skeleton)
        up = [t.upper() for t in toks]
        if not up:
            return
        if s.kind == "drop_index":
            named_at = _skip(up, 2, _DROP_INDEX_SKIP)
            name, _ = _qualified(toks, named_at)
            self._drop_named(_key(name), "EXISTS" in up[2:named_at])
            if _UNIQUE_NAME.search(_key(name)):
                self.unique_indexes_dropped.add(_key(name))
            if "ON" in up:  # MySQL/SQL Server: DROP INDEX name ON table
                self.dropped_on.add(_key(_qualified(toks, up.index("ON") + 1)[0]))
        elif up[0] == "RENAME":
            self._rename_tables(s, toks, up)
        elif up[0] == "CREATE" and s.kind == "create_index" and "INDEX" in up:
            table = s.target
            unique = "UNIQUE" in up[: up.index("INDEX")]
            on = up.index("ON") if "ON" in up else len(up)
            at = _skip(up, up.index("INDEX") + 1, _CREATE_INDEX_SKIP)
            name = _qualified(toks, at)[0] if up[at : at + 1] != ["ON"] else ""
            self.indexes_created.add(_key(name))
            if unique and table and not self._fresh(table):
                if self._keyed_again(table, name):
                    return
                if self._new_columns(table, toks, on) or self._only_new_rows(table, toks, up):
                    return  # (a key re-drawn in the step is dropped at the end: ``redrawn``)
                columns = _column_list(toks, on)
                if self._on_renamed(table, columns):
                    return
                self.index_columns[s.line] = columns
                self.key_columns.setdefault(s.line, []).append((table, columns))
                if "(" in (_in_parens(toks, on) or []):
                    self.over_expressions.add(s.line)
                self.out.append(
                    Break("RG224", "constraint", s.line, table, what="unique index", name=name)
                )
                self._on_defaults(table, self.index_columns[s.line])
        elif up[0] == "ALTER":
            i = _skip(up, 1, _ALTER_HEAD_SKIP)
            if up[i : i + 1] != ["TABLE"]:
                return
            table, j = _qualified(toks, _skip(up, i + 1, _TABLE_SKIP))
            if table and self._fresh(table):
                self._rebuilt_under(toks, up, j, table)
                return
            if not table:
                return
            # The database adds a statement's columns before its constraints, whatever
            # order they are written in (PostgreSQL's passes; juror-api's V1_44 writes a
            # foreign key before the column it is over, round AG)
            parts = [(part, [t.upper() for t in part]) for part in split_commas(toks, j)]
            parts.sort(key=lambda p: p[1][:1] == ["ADD"] and p[1][1:2] in _ADDS_KEY)
            for part, words in parts:
                self._action(s, table, part, words)

    def _label_renamed(self, s: Statement, m: re.Match[str]) -> None:
        """``ALTER TYPE e RENAME VALUE 'a' TO 'b'``: the previous release still writes
        ``'a'``, which the enum now refuses, and reads ``'b'``, which it does not know
        (mulighetsrommet's ``opsjonsmodell`` labels, round BH: a miss). Not for an enum
        the step created."""
        name = unquote(m.group(1))
        if _key(name) in self.enums:
            return
        old, new = (g.replace("''", "'") for g in m.group(2, 3))
        self.out.append(
            Break("RG223", "type_change", s.line, name, new=f"'{new}'", old=f"'{old}'",
                  what=ENUM_LABEL)
        )  # fmt: skip

    def _rebuilt_under(self, toks: list[str], up: list[str], j: int, table: str) -> None:
        """``ALTER TABLE t_new RENAME TO t`` for a table this step created: the table is
        rebuilt under its name (SQLite's way to change a column: create ``t_new``, copy,
        drop ``t``, rename), and the keys then drawn on ``t`` are drawn again (stash). What
        else the step does to ``t`` is judged as before (koel renames columns of a table
        that another branch of the step rebuilds). Where ``t_new`` (``table``) is a copy of
        ``t``, ``t`` renamed away first is still found: swapped, no RG221."""
        copy_of = self.copies.get(_key(table), "")
        bare = len(up) == j + 2 and up[j] == "RENAME" and is_ident(toks[j + 1])  # MySQL, no TO
        if up[j : j + 2] in (["RENAME", "TO"], ["RENAME", "AS"]) or bare:
            new, _ = _qualified(toks, j + (1 if bare else 2))
            if new:
                self._made_as(new, table)
                if copy_of == _key(new):
                    self.swapped.add(copy_of)

    def _made_as(self, new: str, old: str) -> None:
        """A table the step (or its release) made, renamed to ``new``: rebuilt under that
        name where the step dropped or renamed away a table of that name first, else a new
        table under its last name (planningalerts' ``admin_notes``, made by the release's
        first file and renamed ``active_admin_comments`` by the second, round V)."""
        key = _key(new)
        away = any(b.kind == "rename_table" and _key(b.table) == key for b in self.out)
        if key in self.gone or away:
            self.rebuilt.add(key)
            self.rebuilds[key] = _key(old)
        else:
            self.created.add(key)
            self.qualified.add(f"{_schema(new)}.{key}")

    def _view(self, s: Statement) -> None:
        """``CREATE [MATERIALIZED] VIEW v``: a view is no table the previous release writes,
        and one made by this step is new."""
        toks = tokens(s.skeleton)
        up = [t.upper() for t in toks]
        if up[:1] == ["CREATE"] and "VIEW" in up[:6]:
            name, _ = _qualified(toks, _skip(up, up.index("VIEW") + 1, _VIEW_SKIP))
            if name:
                self.created.add(_key(name))
                self.views.add(_key(name))

    def _rename_tables(self, s: Statement, toks: list[str], up: list[str]) -> None:
        if up[1:2] != ["TABLE"]:
            return
        for part in split_commas(toks, 2):
            old, k = _qualified(part, 0)
            if k < len(part) and part[k].upper() == "TO" and old:
                new, _ = _qualified(part, k + 1)
                if _key(old) in self.created:
                    self._made_as(new, old)  # rebuilt under its name (MySQL RENAME TABLE), or new
                    if self.copies.get(_key(old)) == _key(new):
                        self.swapped.add(_key(new))  # … as a copy of itself: still found
                elif (
                    not _sequence(old)
                    and not _same(old, new)
                    and not self._back(old, new)
                    and not self._into_dropped(old, new)
                ):
                    self.out.append(Break("RG221", "rename_table", s.line, old, new=new))

    def _back(self, old: str, new: str) -> bool:
        """``old`` renamed back to the ``new`` it was renamed from in this step (SQLite's
        ``user`` → ``user_old`` → ``user`` to refresh foreign keys: pgadmin4, round N): no
        rename at all; the first one's RG221 goes too."""
        there = [
            b for b in self.out
            if b.kind == "rename_table" and _key(b.table) == _key(new) and _key(b.new) == _key(old)
        ]  # fmt: skip
        self.out = [b for b in self.out if b not in there]
        return bool(there)

    def _into_dropped(self, old: str, new: str) -> bool:
        """A table renamed into the name of one the step dropped, after the step copied that
        one's rows into it: SQLite's rebuild, whose ``CREATE TABLE t_new`` the analyser may
        not see (built at run time: eventschedule's Laravel step, round AU). The table keeps
        its name, and its keys are drawn again. Without the copy, the renamed table is one
        the previous release may write (OpenPipe's ``NewPruningRuleMatch``, made by an
        earlier release and swapped in: round AK)."""
        if _key(new) not in self.gone or _key(new) not in self.filled_from.get(_key(old), ()):
            return False
        self.rebuilt.add(_key(new))
        self.rebuilds[_key(new)] = _key(old)
        return True

    def _along(self, old: str, new: str) -> bool:
        """``a_x`` renamed ``b_x`` after this step renamed the table ``a`` to ``b``: its
        index, key or sequence renamed along with it (pybossa's ``app`` made ``project``,
        then ``app_name_key`` made ``project_name_key``, round AK), no table of its own.
        Only where ``x`` ends as such names do: ``allocation_case_note_audit`` made
        ``recorded_event_audit`` is a table of its own (keyworker-api, round AS)."""
        o, n = _key(old), _key(new)
        if o.rpartition("_")[2] not in _OWN_OBJECTS:
            return False
        for b in self.out:
            if b.kind == "rename_table":
                a, t = _key(b.table), _key(b.new)
                if o.startswith(a + "_") and n.startswith(t + "_") and o[len(a) :] == n[len(t) :]:
                    return True
        return False

    def _sp_rename(self, s: Statement) -> None:
        for m in _SP_RENAME.finditer(s.text):
            old, new, objtype = m.group(1), m.group(2), (m.group(3) or "").upper()
            old = old.replace("[", "").replace("]", "")
            if objtype == "COLUMN" and "." in old:
                table, _, col = old.rpartition(".")
                if _key(table) not in self.created and self._col(old) not in self.added:
                    self.out.append(Break("RG220", "rename_column", s.line, table, col, new))
            elif not objtype and _key(old) not in self.created:
                self.out.append(Break("RG221", "rename_table", s.line, old, new=new))

    def _action(self, s: Statement, table: str, part: list[str], up: list[str]) -> None:
        head = up[0] if up else ""
        if head == "ADD":
            self._add(s, table, part, up)
        elif head == "DROP" and up[1:3] == ["PRIMARY", "KEY"]:
            # the table's unique key: a unique index drawn next is it again (hydra's jwk)
            self.uniques_dropped_on.add(_key(table))
        elif head == "DROP" and len(up) > 1 and up[1] in _DROPPED_THINGS:
            k = 3 if up[1:3] == ["FOREIGN", "KEY"] else 2
            named_at, k = k, _skip(up, k, _TABLE_SKIP)
            if up[-1] == "CASCADE":  # the keys that referenced it go too (tracetest 34)
                self.cascaded.add(_key(table))
            if k < len(part) and is_ident(part[k]) and unquote(part[k]) != "?":
                if_exists = "EXISTS" in up[named_at:k]
                self._drop_named(_key(unquote(part[k])), if_exists)
                self.dropped_of.setdefault(_key(table), set()).add(_key(unquote(part[k])))
                self.last_dropped[_key(unquote(part[k]))] = s.line
                was = self.old_keys.get(f"{_key(table)}{KEYED}{unquote(part[k]).lower()}")
                if (_UNIQUE_NAME.search(unquote(part[k])) or was == "unique") and if_exists:
                    self.uniques_maybe_dropped_on.add(_key(table))
                elif _UNIQUE_NAME.search(unquote(part[k])) or was == "unique":
                    self.uniques_dropped_on.add(_key(table))
                if up[1] == "FOREIGN" or _FOREIGN_NAME.search(unquote(part[k])) or was == "foreign":
                    self.foreigns_dropped_on.add(_key(table))
            else:
                self.dropped_on.add(_key(table))
                if up[1] != "INDEX":
                    self.checks_dropped_on.add(_key(table))
        elif head == "DROP" and len(up) > 1:  # DROP [COLUMN] [IF EXISTS] c
            k = _skip(up, 2 if up[1] == "COLUMN" else 1, _TABLE_SKIP)
            if k < len(part) and is_ident(part[k]):
                key = self._col(f"{table}.{unquote(part[k])}")
                self.removed.add(key)
                if key in self.added:
                    # a column this release added, gone again: the previous release never
                    # had it, and one added again under its name is as new (oneuptime's
                    # boolean dropped and added as a timestamp in the next file, round S)
                    self.added.pop(key)
                    self.adds.pop(key, None)
                else:
                    self.dropped_columns.add(key)
        elif head == "VALIDATE" and len(part) > 2:
            self.validated.add((_key(table), unquote(part[-1]).lower()))
        elif head == "RENAME":
            k = _skip(up, 1, _COLUMN)
            bare_new = k == 1 and len(part) == 2 and is_ident(part[1]) and up[1] not in _NOT_COLUMNS
            if up[k : k + 1] in (["TO"], ["AS"]) or bare_new:  # MySQL: `RENAME t2`, no TO
                new, _ = _qualified(part, k + (0 if bare_new else 1))
                if (
                    not _sequence(table)
                    and not _same(table, new)
                    and not self._back(table, new)
                    and not self._along(table, new)
                    and not self._into_dropped(table, new)
                ):
                    # (ALTER TABLE t_id_seq RENAME: a serial's sequence)
                    self.out.append(Break("RG221", "rename_table", s.line, table, new=new))
            elif k + 2 < len(part) and up[k] not in _NOT_COLUMNS and up[k + 1] == "TO":
                self._renamed(s, table, unquote(part[k]), unquote(part[k + 2]))
        elif head in ("ALTER", "MODIFY", "CHANGE"):
            at = altered_column(up)
            if at is None or at >= len(part) or not is_ident(part[at]):
                return
            col, after = _qualified(part, at)  # (ClickHouse's nested `inet.ipv4`)
            rest, rest_up = part[after:], up[after:]
            # MODIFY restates the column: NOT NULL is a change only where the down step
            # makes it nullable again (Laravel ->change(), Knex .alter(), MySQL)
            # … or where this step added it nullable (alaveteli: add_column, backfill, then
            # change_column … null: false; coolify: ->nullable(false)->change())
            key = self._col(f"{table}.{col}")
            freed = self.types.get(key + NULLABLE) or self.added.get(key) is False
            # (SQL Server restates too: `ALTER COLUMN c int NOT NULL`, hmpps-auth, round AB)
            restated = head in ("MODIFY", "CHANGE") or (
                head == "ALTER"
                and bool(rest)
                and is_ident(rest[0])
                and rest_up[0] not in ("SET", "DROP", "ADD", "TYPE", "RENAME")
            )
            if restated and not not_null(rest_up) and not s.keeps_unsaid:
                # restated nullable (Knex's `.nullable().alter()`, MySQL's MODIFY without NOT
                # NULL): as DROP NOT NULL below, nothing required of it on the way stays
                # (a column an earlier file of the release added NOT NULL with a default:
                # sm's, round CP)
                self._nullable_again(key)
            if restated and freed and not_null(rest_up):
                self._set_required(s, table, col)
            elif restated and not_null(rest_up) and self.added.get(key):
                self.required_with_default.add(key)  # (as `_set_required` says)
            elif (
                restated
                and not_null(rest_up)
                and self.restated_candidates
                and key not in self.added
                and key not in self.required
                and not self.types.get(key + REQUIRED)
            ):
                # a plain SQL file's MODIFY restating NOT NULL: a candidate the folder's
                # earlier files settle (TIS-TCS's `MODIFY trainingNumberId bigint(20) NOT
                # NULL` over a column an earlier file added nullable, round CE: a miss)
                self.out.append(
                    Break("RG222", "set_required", s.line, table, col, note=MAYBE_REQUIRED)
                )
            if head in ("MODIFY", "CHANGE"):  # a restated column has the default it says
                given = _gives_default(rest_up)
                if given or not s.keeps_unsaid:  # (or keeps the one it had)
                    (self.defaulted.add if given else self.defaulted.discard)(key)
                if given and key in self.added:  # (eveapi's `->default(2)->change()` after
                    self.added[key] = True  # the column's add and backfill, round AI)
                elif not given and self.added.get(key) and s.written:
                    # restated without the default the step gave it, which only filled the
                    # existing rows (openlittermap's `MODIFY tile_key INT UNSIGNED NOT NULL`
                    # after `->default(0)`, round AX): as DROP DEFAULT below
                    note = "here MODIFY restates it without the default that filled the rows"
                    self._default_gone(s, table, col, not_null(rest_up), note)
            if head in ("MODIFY", "CHANGE") and self.types.get(key + REQUIRED) and _null(rest_up):
                self.freed.add(key)  # restated NULL where the down step restates NOT NULL
            if head == "CHANGE" and rest:
                new = unquote(rest[0])
                if new.lower() != col.lower():
                    self._renamed(s, table, col, new)
                self._retyped(s, table, col, type_text(rest[1:], s.text), explicit=False)
            elif head == "MODIFY":
                if rest_up[:1] and rest_up[0] not in NO_TYPE:  # (not ClickHouse's CODEC(…))
                    self._retyped(s, table, col, type_text(rest, s.text), explicit=False)
            elif rest_up[:2] == ["RENAME", "TO"] and len(rest) > 2 and is_ident(rest[2]):
                self._renamed(s, table, col, unquote(rest[2]))  # H2, HSQLDB
            elif rest_up[:3] == ["SET", "NOT", "NULL"]:
                self._set_required(s, table, col)
            elif rest_up[:3] == ["DROP", "NOT", "NULL"]:
                self.freed.add(key)
                self._nullable_again(key)
            elif rest_up[:2] == ["SET", "DEFAULT"]:
                key = self._col(f"{table}.{col}")
                given = rest_up[2:3] != ["NULL"]  # (`SET DEFAULT NULL` gives none)
                if key in self.added:
                    self.added[key] = given
                    if _ROW_FUNCTION.search(" ".join(rest)):
                        # a value of its own for each row the previous release writes
                        # (daytona's 'sandbox-' || substring(gen_random_uuid()::text, 1,
                        # 10) under a unique key, round AP)
                        self.unique_default.add(key)
                (self.defaulted.add if given else self.defaulted.discard)(key)
            elif rest_up[:2] == ["DROP", "DEFAULT"]:
                # A column added NOT NULL with a default that only filled the existing rows
                # (formbricks: `ADD COLUMN "userId" SERIAL NOT NULL`, then DROP DEFAULT).
                key = self._col(f"{table}.{col}")
                self.defaulted.discard(key)
                # (said here, where the default goes: balancer's file read as adding the
                # column its release's earlier file added, round AU)
                note = "here its default, which filled the existing rows, is dropped"
                self._default_gone(s, table, col, key in self.required_with_default, note)
            else:
                t = _skip(rest_up, 0, _SET_DATA)
                if rest_up[t : t + 1] == ["TYPE"]:
                    # `USING c AT TIME ZONE 'UTC'` reinterprets a timestamp as timestamptz
                    # (safe with a UTC session, PostgreSQL 12+): not a conversion of values
                    using = "USING" in rest_up and not any(
                        rest_up[i : i + 3] == ["AT", "TIME", "ZONE"] for i in range(len(rest_up))
                    )
                    converts = using and not _plain_cast(rest, rest_up, col)
                    typ = type_text(rest[t + 1 :], s.text)
                    if typ.strip().lower() == "decimal":
                        # PostgreSQL's `TYPE DECIMAL` (MySQL has no such clause, and there a
                        # bare DECIMAL is DECIMAL(10,0)) is its unbounded numeric: bloom's
                        # Prisma DECIMAL(65,30) made one (round BM)
                        typ = "numeric"
                    self._retyped(s, table, col, typ, True, using, converts)
                elif rest and is_ident(rest[0]) and rest_up[0] not in ("SET", "DROP", "ADD"):
                    self._retyped(
                        s, table, col, type_text(rest, s.text), explicit=False
                    )  # SQL Server

    def _add(self, s: Statement, table: str, part: list[str], up: list[str]) -> None:
        k = _skip(up, 1, _ADD_SKIP)
        if k >= len(up):
            return
        name = ""
        if up[k] == "CONSTRAINT":
            name = unquote(part[k + 1]) if k + 1 < len(part) else ""
            k += 2
        # after `ADD COLUMN` a name, whatever word it is (superplane's `ADD COLUMN key`,
        # read as MySQL's `ADD KEY`: its unique index over the new column was RG224, BH)
        word = up[k] if k < len(up) and "COLUMN" not in up[1:k] else ""
        if name:
            self.added_on.setdefault(_key(table), set()).add(_key(name))
        if word == "UNIQUE" and not name:
            # MySQL's `ADD UNIQUE [INDEX|KEY] name (…)` names the key after the word
            # (openstad-api drops `votes_idea_id_user_id` and adds it again wider, round AT)
            j = k + 1 + (up[k + 1 : k + 2] in (["INDEX"], ["KEY"]))
            if j < len(part) and part[j] != "(" and is_ident(part[j]) and up[j] != "USING":
                name = unquote(part[j])
        if word in _CONSTRAINTS:
            if "__expr__" in table:
                return  # on a table named at run time (re-drawn keys: ``redrawn``, at the end)
            if word in _KEYS and self._keyed_again(table, name):
                return
            if word == "FOREIGN" and "REFERENCES" in up:
                referenced, _ = _qualified(part, up.index("REFERENCES") + 1)
                self.targets[s.line] = _key(referenced)
                if _frameworks_own(table, referenced):
                    return  # its library writes the parent row first, never the app
                if _key(referenced) in self.cascaded:
                    return  # a DROP … CASCADE took this key with it: re-created (DSpace)
                if any(_names_after(d, _key(table), _key(referenced))
                       for d in self.dropped_of.get(_key(table), ())):  # fmt: skip
                    # the step dropped the table's constraint named for that table:
                    # `autopi_jobs_aftermarket_devices` drawn again with ON DELETE
                    # CASCADE (devices-api, round M)
                    return
            if word in _KEYS and "USING" in up and "INDEX" in up[up.index("USING") :]:
                return  # promotes an existing unique index: nothing new is enforced
            if (
                (word != "CHECK" and self._new_columns(table, part, k, word in _KEYS))
                or (word == "CHECK" and self._check_on_new_columns(table, part, k, s.text))
                or (word == "FOREIGN" and self._foreign_on_new_columns(table, part, k))
            ):
                return  # on columns added by this step: the previous release never writes them
            columns = _column_list(part, k)
            if self._on_renamed(table, columns):
                return
            not_valid = any(up[i : i + 2] == ["NOT", "VALID"] for i in range(k, len(up)))
            what = _CONSTRAINTS[word]
            if word == "CHECK":
                # (one without a name, Rails' `add_check_constraint` without `name:`, by
                # its line: npq-registration's api_tokens, round AZ)
                label = unquote(name).lower() if name else f"@{s.line}"
                expr = _check_text(part, k, s.text)
                if expr:
                    self.new_checks[(_key(table), label)] = expr
            self.out.append(
                Break(
                    "RG224", "constraint", s.line, table, what=what, not_valid=not_valid, name=name
                )
            )
            if word in _KEYS:
                self.index_columns[s.line] = columns
            if word in _KEYS or word == "FOREIGN":
                self.key_columns.setdefault(s.line, []).append((table, columns))
                self._on_defaults(table, columns)
            return
        if word in ("PRIMARY", "INDEX", "KEY", "FULLTEXT", "SPATIAL", "PARTITION", "EXCLUDE"):
            return
        if part[k] == "(" and part[-1] == ")" and len(part) > k + 2 and is_ident(part[k + 1]):
            # H2/Oracle: ADD (c type) or ADD (a type, b type …), columns in parentheses
            # (OpenClinica's Oracle changeSet adding 31 scratch columns at once, round X)
            for piece in split_commas(part[k + 1 : -1], 0):
                if piece and is_ident(piece[0]) and piece[0].upper() not in _CONSTRAINTS:
                    self._add(s, table, [*part[:k], *piece], [*up[:k], *(t.upper() for t in piece)])
            return
        if part[k] == "(" or not is_ident(part[k]):
            return
        col = unquote(part[k])
        rest = up[k + 1 :]
        if self._col(f"{table}.{col}") in self.dropped_columns:
            # dropped and added again: still written, but a type changed the hard way is
            # judged as ALTER … TYPE is, where the old type is known
            typ = type_text(part[k + 1 :], s.text)
            if self.types.get(self._col(f"{table}.{col}"), "other") not in _UNKNOWN_TYPES:
                self._swapped(s, table, col, typ, "dropped and added again")
            elif typ and "${" not in typ and not self._renamed_into(table, col):
                # the old type not shown (no down step): a candidate the folder's earlier
                # files settle (hoop's `dbrole_jobs.status`, VARCHAR dropped and added again
                # as JSON: round BG), never reported as it is
                self.out.append(Break("RG223", "type_change", s.line, table, col, typ,
                                      note=MAYBE_WIDER))  # fmt: skip
            return
        has_default = _gives_default(rest) or bool(_GENERATES.intersection(rest))
        has_default = has_default or (bool(rest) and rest[0].lower() in _SERIALS)
        # (outside parentheses: a CHECK's `c IS NOT NULL` says nothing of the column,
        # arbeidsgiver-notifikasjon's `CASE WHEN … THEN c IS NOT NULL ELSE c IS NULL END`,
        # round CL)
        outside = _outside_parentheses(rest)
        not_null = "NULL" in outside and outside[outside.index("NULL") - 1] == "NOT"
        moved = [
            b
            for b in self.out
            if b.kind == "rename_column"
            and self._col(f"{b.table}.{b.column}") == self._col(f"{table}.{col}")
        ]
        if moved:  # RENAME c TO c_old, then ADD c: rebuilt in place, c is still there
            self.out = [b for b in self.out if b not in moved]
            self.dropped_columns.add(self._col(f"{table}.{col}"))  # and written as before
            note = f"renamed to {moved[0].new} and added again"
            typ = type_text(part[k + 1 :], s.text)
            if not _own_enum(typ, table, col):
                self._swapped(s, table, col, typ, note)
            generated = bool(_GENERATES.intersection(rest)) or (
                bool(rest) and rest[0].lower() in _SERIALS
            )
            if not has_default and not not_null:
                self.readded.append((moved[0], s.line, f"a new, empty {col}"))
            elif has_default and not generated:
                # a constant for every row, not the values (beikeshop's Laravel `status`
                # made `active`, a new `status` defaulting to 'approved': round BG, a miss)
                self.readded.append((moved[0], s.line, f"a new {col} with a default"))
            return
        self.added[self._col(f"{table}.{col}")] = has_default
        self.adds[self._col(f"{table}.{col}")] = s
        if (
            _UNIQUE_DEFAULT.search(" ".join(rest))
            or _GENERATED_FROM_ID.search(" ".join(rest))
            or (rest and rest[0].lower() in _SERIALS)
            or _IDENTITY.search(" ".join(rest))
        ):
            # every row gets its own value (gen_random_uuid(), a sequence, an identity
            # column: su-se-bakover's `teller`, round S): a unique key over it is never
            # violated by the previous release's rows (rallly)
            self.unique_default.add(self._col(f"{table}.{col}"))
        if not_null and has_default:
            self.required_with_default.add(self._col(f"{table}.{col}"))
        if not has_default and not_null:
            typ = type_text(part[k + 1 :], s.text)  # only now: most added columns are nullable
            self.required.add(self._col(f"{table}.{col}"))
            self.out.append(Break("RG222", "add_required", s.line, table, col, new=typ))

    def _new_columns(self, table: str, toks: list[str], start: int, unique: bool = True) -> bool:
        """True when the first ``( … )`` list after ``start`` names a column that this step
        added without a default: the previous release leaves it NULL, and a row with a
        NULL key is neither checked by a foreign key nor a duplicate for a unique one. Also
        True for a unique key that includes ``id``, the primary key by convention (a
        foreign key from ``id`` is a new constraint all the same)."""
        inside = _in_parens(toks, start)
        if inside is None:
            return False
        if any(not is_ident(t) and t != "," for t in inside):
            # expressions among the columns: still no duplicate where a plain column of
            # the key is NULL in every row the previous release writes (spree's
            # `(user_id, fingerprint, …, (COALESCE(deleted_at, …)))`, round L)
            # A strict function of one column (``lower(handle)``) is NULL where it is:
            # level's key over a handle the step added, round Z (not ``coalesce``).
            parts = split_commas(inside, 0)
            plain = [
                e[0] if len(e) == 1 else e[2]
                for e in parts
                if (len(e) == 1 and is_ident(e[0]))
                or (len(e) == 4 and e[0].lower() in _STRICT and e[1] == "(" and e[3] == ")"
                    and is_ident(e[2]))
            ]  # fmt: skip
            # (and `id` on its own among them: openland's paging key `(greatest("updatedAt",
            # "createdAt"), id)`, round CB)
            over_id = any(
                unquote(e[0]).lower() == "id" and all(w.upper() in _ORDERING for w in e[1:])
                for e in parts
                if e
            )
            return unique and (over_id or any(self._added_null(table, n) for n in plain))
        names = [unquote(t) for t in inside if is_ident(t)]
        if unique and "id" in (n.lower() for n in names):
            return True  # over the primary key (by convention): unique already
        if any(self._col(f"{table}.{n}") in self.dropped_columns for n in names):
            return True  # the key went with the dropped column; this draws it again
        added = [self.added.get(self._col(f"{table}.{n}")) for n in names]
        if unique and any(self._col(f"{table}.{n}") in self.unique_default for n in names):
            return True
        return any(a is False for a in added)

    def _on_defaults(self, table: str, names: Sequence[str]) -> None:
        """Note which columns of the unique or foreign key just added (the last break) the step
        added with a default."""
        keys = {self._col(f"{table}.{n}") for n in names}
        if on := {k for k in keys if self.added.get(k)}:
            self.keys_on_defaults.append((self.out[-1], on))

    def _nullable_again(self, key: str) -> None:
        """Column ``key`` takes NULL again: a DROP DEFAULT after this leaves the previous
        release's inserts NULL there, which it takes (agir-back's `parts`, round BC); and
        what the step required of it before rejects none of them, since the column ends
        the step nullable (veilarbportefolje's DROP DEFAULT, then DROP NOT NULL, round BF)."""
        self.required_with_default.discard(key)
        if key in self.required:
            self.required.discard(key)
            self.out = [b for b in self.out if not _requires(b, key, self._col)]

    def _default_gone(self, s: Statement, table: str, col: str, required: bool, note: str) -> None:
        """Column ``col`` lost the default the step gave it: the previous release's inserts,
        which leave it out, fail where it is ``required`` (NOT NULL), said once (RG222 with
        ``note``), and its keys no longer break them."""
        key = self._col(f"{table}.{col}")
        if key in self.added:
            self.added[key] = False
        if required and key not in self.required:
            self.required.add(key)
            self.out.append(Break("RG222", "add_required", s.line, table, col, note=note))
        self._default_dropped(key)

    def _keyed_again(self, table: str, name: str) -> bool:
        """Whether a unique key of this name on ``table`` was already added by the step or
        an earlier migration of the release (whose finding it is), and not dropped since:
        openlittermap's ``team_user_team_id_user_id_unique``, added by one migration of a
        release and again, guarded by ``SHOW INDEX``, by the next (round AX). Records it."""
        if not name:
            return False
        key = f"{_key(table)}\0{_key(name)}"
        again = key in self.keyed and _key(name) not in self.dropped
        self.keyed.add(key)
        return again

    def _default_dropped(self, key: str) -> None:
        """Column ``key``, added by the step, lost its default: a unique or foreign key
        over it no longer breaks the previous release, which never writes it and so fails
        on its NOT NULL (RG222) or leaves it NULL (impact-graph's ``slug``: added ``DEFAULT
        ''``, filled, made unique, then ``DROP DEFAULT``, round T; docspell's ``coll_id``,
        added ``DEFAULT 0``, filled, given a foreign key, then ``DROP DEFAULT``: round
        AX)."""
        if key not in self.added:
            return
        gone = {id(b) for b, on in self.keys_on_defaults if key in on}
        if gone:
            self.out = [b for b in self.out if id(b) not in gone]
            self.keys_on_defaults = [
                (b, on) for b, on in self.keys_on_defaults if id(b) not in gone
            ]

    def _foreign_on_new_columns(self, table: str, toks: list[str], start: int) -> bool:
        """True when every column of a foreign key's ``( … )`` list was added by this step
        with a constant default (or none) and no UPDATE changed the table's rows: the
        previous release never writes them, so its rows hold the default that the existing
        rows were checked with when the step ran (flipt: ``ADD namespace_key … DEFAULT
        'default'``, then a key to ``namespaces``, round S)."""
        inside = _in_parens(toks, start)
        if not inside or _key(table) in self.rewritten:
            return False
        names = [unquote(t) for t in inside if t != ","]
        if not all(is_ident(t) for t in inside if t != ","):
            return False
        keys = [self._col(f"{table}.{n}") for n in names]
        return all(
            k in self.added and (not self.added[k] or self._default_text(k, n))
            for k, n in zip(keys, names, strict=True)
        )

    def _check_on_new_columns(self, table: str, toks: list[str], start: int, text: str) -> bool:
        """True when every column a ``CHECK ( … )`` expression names was added by this step:
        the previous release never writes them, leaving NULL, which passes a CHECK, or the
        default, which the existing rows were checked with when the step ran, unless an
        UPDATE rewrote them first (kratos: ``ADD token_type int NOT NULL DEFAULT 0``, the
        rows backfilled, then ``CHECK (token_type = 1 OR token_type = 2)``: the previous
        release's rows get 0), to a value the CHECK takes (scrumbringer: ``DEFAULT 'draft'``
        and ``CHECK (state IN ('draft', 'active'))``, round L). Words before ``(`` are
        functions, SQL words are not columns."""
        names = [
            unquote(t)
            for i, t in enumerate(toks[start + 1 :], start + 1)
            if is_ident(t)
            and t.upper() not in _CHECK_WORDS
            and toks[i + 1 : i + 2] != ["("]
            and toks[i - 1] != ":"  # a cast's type: picture_metadata::text (indico, round L)
            and not t[:1].isdigit()
        ]
        keys = [self._col(f"{table}.{n}") for n in names]
        rewritten = _key(table) in self.rewritten
        if self._false_for_new_rows(table, toks, start):
            return False
        if keys and all(k in self.added and not (self.added[k] and rewritten) for k in keys):
            return True
        if any(k in self.added for k in keys) and (expr := _check_text(toks, start, text)):
            rows = self._new_row(dict(zip(keys, names, strict=True)))
            if rows and looser(expr, rows):
                return True  # what the previous release's rows hold in the new columns passes
        return self._or_passes(table, toks, start) or self._null_passes(table, toks, start)

    def _false_for_new_rows(self, table: str, toks: list[str], start: int) -> bool:
        """Whether the CHECK at ``toks[start]`` is false for every row in which the columns
        this step added without a default are NULL, as the previous release leaves them:
        NULL passes a CHECK only where it makes the expression unknown, and one that asks
        about NULL (``person_id IS NOT NULL``, ``a IS NOT NULL OR b IS NOT NULL``) may be
        false (pet-rescue's strong_migrations NOT NULL, round BY, a miss)."""
        inside = _in_parens(toks, start)
        if inside is None:
            return False
        return null_verdict(inside, lambda name: self._added_null(table, name)) == "F"

    def _new_row(self, named: dict[str, str]) -> str:
        """What every row the previous release writes holds in the columns of ``named``
        (key → name) the step added: ``c = <default>``, or ``c IS NULL`` without one, as
        one ``AND`` ("" when a default is not a constant). A CHECK looser than that passes
        them all, whatever the other columns hold (openelis' ``NOT is_universal OR …`` over
        a column added ``DEFAULT false``, round O)."""
        terms = []
        for key, name in named.items():
            if key not in self.added:
                continue
            if not self.added[key]:
                terms.append(f"{name} IS NULL")
            elif default := self._default_text(key, name):
                terms.append(f"{name} = {default}")
            else:
                return ""
        return " AND ".join(dict.fromkeys(terms))

    def _default_text(self, key: str, col: str) -> str:
        """The constant default (as written) the step gave column ``key`` when it added it,
        or ""."""
        added = self.adds.get(key)
        if added is None:
            return self.added_literals.get(key, "")
        m = re.search(
            rf"(?<![\w$]){re.escape(col)}[\"`]?\b[^,;]*?\bDEFAULT\s+('(?:[^']|'')*'|[\w.]+(?![\w.]|\s*\())",
            added.text,
            re.IGNORECASE,
        )
        return m.group(1) if m else ""

    def _null_passes(self, table: str, toks: list[str], start: int) -> bool:
        """True when every ``AND`` term of the CHECK names a column this step added without
        a default and nothing that handles NULL (``IS``, ``COALESCE``, ``OR`` …): the
        previous release leaves that column NULL, the term is NULL, and a CHECK passes
        what is not false (pocket-id: ``CHECK (client_id = request_data ->> 'client_id')``,
        round I)."""
        if "(" not in toks[start:]:
            return False
        first = toks.index("(", start)
        depth = 0
        terms: list[list[int]] = []
        term: list[int] = []  # token indexes
        for i in range(first, len(toks)):
            depth += {"(": 1, ")": -1}.get(toks[i], 0)
            if depth == 0:
                break
            if depth == 1 and toks[i].upper() == "AND":
                terms.append(term)
                term = []
            elif i > first:
                term.append(i)
        terms.append(term)
        for at in terms:
            words = {toks[i].upper() for i in at}
            if not at or words & _NULL_AWARE:
                return False
            if not any(
                is_ident(toks[i])
                and toks[i + 1 : i + 2] != ["("]
                and self._added_null(table, toks[i])
                for i in at
            ):
                return False
        return True

    def _only_new_rows(self, table: str, toks: list[str], up: list[str]) -> bool:
        """A partial unique index ``WHERE c IS NOT NULL`` over a column this step added
        without a default: the previous release's rows leave c NULL and are not in it
        (firezone ``assigned_default_at``)."""
        if "WHERE" not in up:
            return False
        w = up.index("WHERE") + 1
        if any(
            up[i + 1 : i + 4] == ["IS", "NOT", "NULL"]
            and is_ident(toks[i])
            and self._added_null(table, toks[i])
            for i in range(w, len(toks) - 3)
        ):
            return True
        words = [t for t in toks[w:] if t not in ("(", ")", ";")]
        # over columns the step added alone, the previous release moves no row into the
        # index nor within it, whatever an UPDATE of the step put there (calculate-release-
        # dates-api's one reason `WHERE (use_for_approved_dates)`, round AO)
        keys = _column_list(toks, up.index("ON")) if "ON" in up else []
        own = bool(keys) and all(self._col(f"{table}.{c}") in self.added for c in keys)
        if any(self._freed_null(table, c) for c in _conjuncts(words)):
            return True
        return any(self._default_fails(table, c, own) for c in _conjuncts(words))

    def _freed_null(self, table: str, words: list[str]) -> bool:
        """``c IS NULL`` on a column whose NOT NULL this step dropped: the previous
        release's rows hold a value there and are not in a partial index so drawn
        (identity-idp's duplicate profile sets ``WHERE service_provider IS NULL``, round
        AO)."""
        return (
            len(words) == 3
            and is_ident(words[0])
            and [w.upper() for w in words[1:]] == ["IS", "NULL"]
            and self._col(f"{table}.{unquote(words[0])}") in self.freed
        )

    def _default_fails(self, table: str, words: list[str], own: bool = False) -> bool:
        """``c``, ``NOT c``, ``c = v`` or ``c IS v`` on a column this step added with a
        constant default other than what the term asks: the previous release's rows hold
        that default and are outside a partial index so drawn (platform's ``WHERE legacy =
        TRUE`` over ``legacy BOOLEAN NOT NULL DEFAULT FALSE``; accent, round K); or added
        without a default, NULL in those rows (indico's ``WHERE is_default``, round L).
        ``own``: the index's columns are all the step's too, so the rows an UPDATE of the
        step put in it do not count."""
        negated = bool(words) and words[0].upper() == "NOT"
        words = words[1:] if negated else words
        if not words or not is_ident(words[0]):
            return False
        if len(words) == 1:
            wanted = "false" if negated else "true"
        elif len(words) == 3 and words[1].upper() in ("=", "IS") and not negated:
            wanted = _literal(words[2])
        else:
            return False
        key = self._col(f"{table}.{unquote(words[0])}")
        if _key(table) in self.rewritten and not own:
            return False  # (an UPDATE may have set the value the index asks for)
        if self.added.get(key) is False and words[-1].upper() not in ("NULL", "UNKNOWN"):
            return True  # added without a default: NULL, which meets none of these terms
        if not self.added.get(key):
            return False
        default = self._default_text(key, unquote(words[0]))
        return bool(default) and wanted != "" and _literal(default) not in ("", wanted)

    def _or_passes(self, table: str, toks: list[str], start: int) -> bool:
        """True when the CHECK is an ``OR`` one of whose terms every row the previous
        release writes meets: ``c IS NULL`` for a column this step added without a default
        (central-backend), ``c IS NOT NULL`` for one whose NOT NULL the step just dropped
        (nerves_hub: a looser rule replacing a stricter one)."""
        up = [t.upper() for t in toks]
        if "(" not in toks[start:]:
            return False
        depth = 0
        terms: list[list[str]] = []
        term: list[str] = []
        for t, u in zip(toks[toks.index("(", start) :], up[toks.index("(", start) :], strict=True):
            depth += {"(": 1, ")": -1}.get(t, 0)
            if depth == 0:
                break
            if depth == 1 and u == "OR":
                terms.append(term)
                term = []
            elif not (depth == 1 and t == "("):
                term.append(u if u in _CHECK_WORDS else t)
        terms.append(term)
        if len(terms) < 2:
            return False
        for words in terms:
            clean = [w for w in words if w not in ("(", ")")]
            if all(self._old_rows_meet(table, c) for c in _conjuncts(clean)):
                return True  # (an AND of such: bionic-gpt, round J)
            if self._null_term(table, clean):
                return True
        return False

    def _null_term(self, table: str, words: list[str]) -> bool:
        """A comparison (no ``AND``, nothing that handles NULL) over a column this step
        added without a default: NULL in every row the previous release writes, so an
        ``OR`` that holds it is never false, and a CHECK passes what is not false
        (daytona's ``"organizationId" IS NOT NULL OR "regionType" != 'shared'``, round AP)."""
        said = {w.upper() for w in words}
        if not words or said & _NULL_AWARE or "AND" in said:
            return False
        return any(is_ident(w) and self._added_null(table, w) for w in words)

    def _old_rows_meet(self, table: str, words: list[str]) -> bool:
        """``c IS NULL`` for a column this step added without a default, ``c IS NOT NULL``
        for one whose NOT NULL it dropped: every row the previous release writes meets it."""
        if len(words) < 3 or not is_ident(words[0]):
            return False
        key = self._col(f"{table}.{unquote(words[0])}")
        if words[1:] == ["IS", "NULL"]:
            return self.added.get(key) is False
        return words[1:] == ["IS", "NOT", "NULL"] and key in self.freed

    def _drop_named(self, name: str, if_exists: bool) -> None:
        """A constraint or index dropped by ``name``, ``IF EXISTS`` or not."""
        if if_exists and (name not in self.dropped or name in self.dropped_if_exists):
            self.dropped_if_exists.add(name)
        else:  # (dropped for sure, now or before)
            self.dropped_if_exists.discard(name)
        self.dropped.add(name)

    def _replaced(
        self,
        table: str,
        name: str,
        what: str = "",
        columns: Sequence[str] = (),
        strict: bool = False,
    ) -> bool:
        """True when this step dropped the constraint or index being added (by name, or
        any one of the table's whose name it did not show); for a unique one, also when the
        step dropped a unique-named constraint of the table (``uq_t__a`` for ``uq_t__a_b``:
        a key re-drawn, usually loosened, not a new one); for a foreign key, when it dropped
        one of the table's (``t_a_fkey`` re-created unnamed with another ``ON DELETE``).
        ``strict``: what the step drops only ``IF EXISTS`` is not taken as dropped."""
        dropped = self.dropped - self.dropped_if_exists if strict else self.dropped
        uniques = self.uniques_dropped_on
        if not strict:
            uniques = uniques | self.uniques_maybe_dropped_on
        unnamed = self.checks_dropped_on if what == "CHECK" else self.dropped_on
        if what in ("CHECK", "FOREIGN") and self._dropped_elsewhere(table, name):
            dropped = dropped - {_key(name)}
        return (
            _key(table) in unnamed
            or (bool(name) and _key(name) in dropped)
            or (bool(name) and not _conventional(table, name).isdisjoint(dropped))
            or (bool(name) and any(_alike(_key(name), d, table, what) for d in dropped))
            or (what in _KEYS and _key(table) in uniques)
            or (what in _KEYS and self._unique_index_dropped(table, columns))
            or _key(table) in self.rebuilt
            or (what == "FOREIGN" and _key(table) in self.foreigns_dropped_on)
        )

    def _dropped_elsewhere(self, table: str, name: str) -> bool:
        """Whether the step dropped a constraint of this name from other tables only: a
        CHECK's or a foreign key's name is its table's own (``ALTER TABLE assets DROP
        CONSTRAINT c`` before ``ALTER TABLE submitter_transactions ADD CONSTRAINT c``
        re-draws nothing: stellar-disbursement-platform-backend, round CR)."""
        named = _key(unquote(name)) if name else ""
        tables = {t for t, names in self.dropped_of.items() if named in names}
        # (a table named at run time may be this one: picsello's `ALTER TABLE #{@table}
        # DROP CONSTRAINT IF EXISTS gallery_orders_gallery_client_id_fkey`, round CR)
        unknown = any("__expr__" in t for t in tables)
        return bool(named and tables) and _key(table) not in tables and not unknown

    def _narrowed(self, table: str, name: str, columns: Sequence[str]) -> bool:
        """A unique key re-drawn under its name over columns that leave out one of those
        the down step draws it over again: tighter, rows the old key let through it
        refuses (ros-backend's ``uq_rh_accounts``, ``(account, org_id)`` made ``(org_id)``,
        round BI: a miss)."""
        old = self.old_key_columns.get(f"{_key(table)}{KEY_COLUMNS}{_key(unquote(name))}", "")
        new = {unquote(c).lower() for c in columns}
        return bool(name and old and new) and not set(old.split(",")) <= new

    def _unique_index_dropped(self, table: str, columns: Sequence[str]) -> bool:
        """A unique-named index the step dropped whose name is the table's and columns'
        (Prisma's ``<table>_<columns>_key``) and whose columns the new unique index keeps:
        ``verified_domains_domain_key`` before ``CREATE UNIQUE INDEX … ON verified_domains
        (organization_id, domain)`` is the key re-drawn looser (langfuse, round I), while
        documenso's ``Viewer_dataroomId_email_key`` before ``(teamId, email)`` is a new
        key. A name that says only "the table's unique key" (uaa's ``DROP INDEX IF EXISTS
        users_unique_key`` before ``username_in_idp ON users``) is that key, whatever its
        columns. One re-made under its own name re-draws nothing else."""
        prefix = _key(table) + "_"
        names = [c.lower() for c in columns]
        # … also by the names the step renamed them from (langfuse: publishable_key → public_key)
        was = {
            b.new.lower(): b.column.lower()
            for b in self.out
            if b.kind == "rename_column" and _key(b.table) == _key(table) and b.new
        }
        before = [was.get(c, c) for c in names]
        for dropped in self.unique_indexes_dropped - self.indexes_created:
            if not dropped.startswith(prefix):
                continue
            if set(dropped[len(prefix) :].split("_")) <= _UNIQUE_WORDS:
                return True  # the table's unique key, named for nothing else (uaa, round U)
            middle = dropped[len(prefix) :].rsplit("_", 1)[0]
            if middle and (_joins(middle, names) or _joins(middle, before)):
                return True
            if middle and middle == "".join(names):
                # Prisma's implicit many-to-many key, ``_XToY_AB_unique`` over ("A", "B"),
                # made a primary key by Prisma 6 (managed-care-review, round AV)
                return True
        return False

    def rebuilt_keys(self) -> list[Break]:
        """The primary and unique keys each table the step rebuilds under its name is made
        with (its ``CREATE TABLE``'s, those over a column the rebuild adds aside: the
        previous release never writes it), noted :data:`REBUILT` for the earlier files to
        settle. Nothing for a rebuilt table whose ``CREATE`` the step does not show."""
        out = []
        for table, source in self.rebuilds.items():
            if source not in self.made_text or table in _BOOKKEEPING:
                continue
            had = self._copied_columns(table)
            if had is None and source == table:
                continue  # dropped and made again, its old columns unknown
            line, text = self.made_text[source]
            for name, word, columns in rebuilds.keys_of(text):
                if any(self._col(f"{table}.{c}") in self.added for c in columns):
                    continue
                if had is not None and not had.issuperset(columns):
                    continue  # over a column the table did not have (bitcoin-s' V9)
                note = f"{REBUILT}, over ({', '.join(columns)})"
                what = _CONSTRAINTS[word]
                out.append(Break("RG224", "constraint", line, table, what=what, note=note,
                                 name=name))  # fmt: skip
        return out

    def _copied_columns(self, table: str) -> set[str] | None:
        """The columns ``table`` had, as the step's ``CREATE`` of a table it then filled
        from ``table``'s rows shows (a rebuild's backup: ``CREATE TABLE t_backup (…)``,
        ``INSERT INTO t_backup SELECT * FROM t``), or None."""
        out: set[str] | None = None
        for made, sources in self.filled_from.items():
            if table in sources and made != table and made in self.made_text:
                out = (out or set()) | rebuilds.columns_of(self.made_text[made][1])
        return out

    def _added_null(self, table: str, name: str) -> bool:
        """Whether the step added column ``name`` (quoted or not) of ``table`` without a
        default: NULL in every row the previous release writes."""
        return self.added.get(self._col(f"{table}.{unquote(name)}")) is False

    def keyed_later(self, b: Break) -> bool:
        """Whether ``b``, a unique or foreign key, is over columns the step adds after it,
        without a default: NULL in every row the previous release writes, which no such key
        rejects (an Alembic batch's ``create_foreign_key`` before the ``add_column`` of its
        column: ambuda's ``genre_id``, round CA). Not asked where one line draws several
        keys: which is ``b``'s is not known."""
        drawn = self.key_columns.get(b.line, [])
        table, columns = drawn[0] if len(drawn) == 1 else ("", [])
        return (
            bool(columns)
            and _key(table) == _key(b.table)
            and all(self._added_null(table, c) for c in columns)
        )

    def redrawn(self, b: Break) -> Break | None:
        """A constraint break judged at the end of the step: None when it re-creates one the
        step dropped. A CHECK only when the down step shows the expression it replaces and
        the new one is looser (ente: a storage bonus type added; hatchet: a condition
        dropped): a key re-drawn is usually loosened, a CHECK as often tightened (firezone:
        token types removed), so one re-created under its name otherwise stays, noted."""
        if b.name and self.last_dropped.get(_key(unquote(b.name)), 0) > b.line:
            return None  # dropped again later in the step (strong_migrations' NOT NULL CHECK)
        if b.what != "CHECK":
            what, columns = b.what.split()[0].upper(), self.index_columns.get(b.line, [])
            target = self.targets.get(b.line, "") if what == "FOREIGN" else ""
            if target not in ("", "y") and self.old_targets and target not in self.old_targets:
                return b  # drawn again to another table than the down step's keys reach
            if not self._replaced(b.table, b.name, what, columns):
                return b
            if what in _KEYS and self._narrowed(b.table, b.name, columns):
                return replace(b, note=NARROWED)
            if (
                what in _KEYS
                and b.name
                and _key(unquote(b.name)) in self.dropped_if_exists
                and not self._replaced(b.table, b.name, what, columns, strict=True)
            ):
                return replace(b, note=IF_EXISTED)  # (only if it existed: ``redrawn`` asks)
            if b.line in self.over_expressions and b.name and _key(unquote(b.name)) in self.dropped:
                return replace(b, note=EXPRESSION)  # (``redrawn`` asks what it replaces)
            return None
        name = unquote(b.name).lower() if b.name else ""
        new = self.new_checks.get((_key(b.table), name or f"@{b.line}"), "")
        if new and self._old_rows_pass(b.table, new):
            return None
        if not (b.name and self._replaced(b.table, b.name, "CHECK")):
            others = self.dropped_of.get(_key(b.table), set()) - {_key(name)}
            if b.name and others - self.added_on.get(_key(b.table), set()):
                # drawn under a new name where the step dropped others of the table
                # (TypeORM names a CHECK by its expression: 121-platform's reserved
                # names, round AZ): the earlier files may show what it replaces
                return replace(b, note=REPLACING)
            return b
        old = self.old_checks.get(f"{_key(b.table)}{CHECK}{name}", "")
        if not old:
            # re-created under a new name: the down step's CHECK of the one name the step
            # dropped from the table (auction_center's `invoices_cents_are_positive`, `cents
            # > 0`, made `…_non_negative`, `cents >= 0`: round CR)
            gone = self.dropped_of.get(_key(b.table), set()) - {_key(name)}
            olds = {self.old_checks.get(f"{_key(b.table)}{CHECK}{d}", "") for d in gone}
            old = olds.pop() if len(gone) == 1 and len(olds) == 1 else ""
        if old and new and looser(new, old):
            return None
        return replace(b, note=REDRAWN)

    def _old_rows_pass(self, table: str, expr: str) -> bool:
        """A CHECK of NULL tests that every row the previous release writes meets
        (:mod:`.nullness`; goalert's "exactly one of" rules drawn again with a term for a
        new column, round K). What the old schema guaranteed: the CHECKs the step dropped
        from the table, as the down step shows them, and the NOT NULLs it dropped; the
        columns it added are NULL in the previous release's rows, or hold their default."""
        head = f"{_key(table)}{CHECK}"
        premises = [
            v
            for k, v in self.old_checks.items()
            if k.startswith(head) and k[len(head) :] in self.dropped
        ]
        mine = {
            col: default
            for key, default in self.added.items()
            for t, _, col in [key.partition(".")]
            if t == _key(table)
        }
        freed = {c for t, _, c in (k.partition(".") for k in self.freed) if t == _key(table)}
        null = {c for c, default in mine.items() if not default}
        # … and a column added with a constant default holds it in those rows (npq-
        # registration's `scope`, default 'lead_provider', in "(lead_provider_id IS NOT NULL
        # AND scope = 'lead_provider') OR …", round AZ)
        fixed = {
            c: value
            for c, default in mine.items()
            if default and (value := self._default_text(self._col(f"{_key(table)}.{c}"), c))
        }
        present = {c for c, d in mine.items() if d} | freed
        return nullness.holds(expr, premises, null, present, fixed)

    def _renamed(self, s: Statement, table: str, old: str, new: str) -> None:
        if _same(old, new):
            return
        key = self._col(f"{table}.{old}")
        target = self._col(f"{table}.{new}")
        away = [
            b
            for b in self.out
            if b.kind == "rename_column"
            and self._col(f"{b.table}.{b.column}") == target
            and self._col(f"{b.table}.{b.new}") != key  # not a chain through a scratch name
        ]
        if away or (target in self.dropped_columns and key in self.added):
            # A column swap: c renamed away (or dropped), another renamed into its place, so
            # the previous release still finds c (nango: id → id_old, id_big → id; hawkbit:
            # action_type_new added, action_type dropped, the new one renamed in). A column
            # the step added and renamed in is no rename, and its NOT NULL no break: the
            # previous release writes it under its old name.
            self.out = [b for b in self.out if b not in away]
            self.dropped_columns.add(target)
            if key in self.added:
                self.added.pop(key)
                self.out = [
                    b for b in self.out
                    if not (b.rule == "RG222" and self._col(f"{b.table}.{b.column}") == key)
                ]  # fmt: skip
                # … but the column now has the added one's type: a type change of new
                note = f"{old}, added by this step, renamed into its place"
                self._swapped(s, table, new, self._added_type(key, old), note)
                return
        if key in self.added:
            self.added[self._col(f"{table}.{new}")] = self.added.pop(key)
            return
        # asked before this rename's own name is recorded (a case-only rename's is its own)
        named_by_release = key in self.renamed_into
        self.renamed_into.add(target)
        earlier = next(
            (
                i
                for i, b in enumerate(self.out)
                if b.kind == "rename_column" and self._col(f"{b.table}.{b.new}") == key
            ),
            None,
        )
        if earlier is not None:
            # A rename through a scratch name (a -> a_tmp -> A, as databases that refuse a
            # case-only rename need) is one rename, a -> A; none at all when only the case
            # changed, since the previous release's unquoted a still resolves to A.
            first = self.out.pop(earlier)
            if first.column.lower() != new.lower():
                self.out.insert(earlier, replace(first, new=new))
        elif not named_by_release:
            # (a name an earlier migration of the release's rename gave: the previous release
            # never knew it, and that rename is the break; risteys renamed status_upset_plot
            # to status_upset_plot_FG, then to status_upset_plot_fg, in two files of one
            # commit: round Y)
            self.out.append(Break("RG220", "rename_column", s.line, table, old, new))

    def _swapped(self, s: Statement, table: str, col: str, typ: str, note: str) -> None:
        """RG223 for column ``col`` replaced by another one of type ``typ`` (a swap, a
        rebuild in place), judged as ``ALTER … TYPE`` is: against the old type where the
        down step shows it, else only for a type that can never widen a string or number
        (firezone swaps integer ids for uuids)."""
        if self._renamed_into(table, col):
            return
        was = self.types.get(self._col(f"{table}.{col}"), "")
        if typ and (
            not (same(was, typ) or widens(was, typ)) if was else not _may_widen_unseen(typ)
        ):
            self.out.append(Break("RG223", "type_change", s.line, table, col, typ, was, note=note))
        elif typ and not was and typ not in _UNKNOWN_TYPES and "${" not in typ:
            # a type that may widen the unseen one: a candidate the folder's earlier files
            # settle, its own note kept after the mark (goci's VARCHAR2 flags swapped for
            # NUMBER(1,0), round BK)
            mark = f"{MAYBE_WIDER}) ({note}" if note else MAYBE_WIDER
            self.out.append(Break("RG223", "type_change", s.line, table, col, typ, note=mark))

    def _on_renamed(self, table: str, names: Sequence[str]) -> bool:
        """Whether a constraint over ``names`` (a key's columns, or every word of a CHECK's
        expression) is on a column the step renamed into its name: the previous release
        cannot write that column under either name, so the rename (RG220) is the break
        and the constraint adds none (tracecat's fourteen foreign keys on ``workspace_id``,
        renamed from ``owner_id``; openstreetmap's ``changeset_id``: round AA)."""
        return any(self._renamed_into(table, n) for n in names)

    def _renamed_into(self, table: str, col: str) -> bool:
        """Whether the step renamed a column to ``col`` (an RG220 finding): the previous
        release never knew ``col``, so changing its type after is nothing more to it
        (misskey's ``proxyAccount`` renamed ``proxyAccountId``, then dropped and added
        again as ``varchar(32)``, round U)."""
        key = self._col(f"{table}.{col}")
        # (or an earlier migration of the release did: genealogy's paypal_product_id made
        # paypal_id, then made unique by the next file, round AP)
        return key in self.renamed_into or any(
            b.kind == "rename_column" and self._col(f"{b.table}.{b.new}") == key for b in self.out
        )

    def _added_type(self, key: str, col: str) -> str:
        """The type the step gave column ``key`` (named ``col``) when it added it, or ""."""
        stmt = self.adds.get(key)
        if stmt is None:
            return ""
        toks = tokens(stmt.skeleton)
        at = next((i for i, t in enumerate(toks) if unquote(t).lower() == col.lower()), None)
        if at is None:
            return ""
        own = split_commas(toks, at + 1)  # up to the next `, ADD COLUMN …` of the statement
        if not own:
            return ""
        piece = list(own[0])
        while piece and piece[-1] == ")" and piece.count(")") > piece.count("("):
            piece.pop()  # Oracle's `ADD (tmp CLOB)`: the list's own parenthesis (goci, BK)
        return type_text(piece, stmt.text)

    def _set_required(self, s: Statement, table: str, col: str) -> None:
        key = self._col(f"{table}.{col}")
        if self.added.get(key):
            # added here with a default, which fills what the previous release leaves out:
            # until a DROP DEFAULT after this takes it away (safety's Knex `.defaultTo(0)`,
            # then `.notNullable().alter()`, which restates the column without it: round BU)
            self.required_with_default.add(key)
            return
        if key in self.required:
            return  # reported
        if col.lower() == "id" and key not in self.added:
            # the primary key by convention: NOT NULL already (not one the step adds:
            # paladin's chained_private_txns.id, added, filled, made NOT NULL, round BF)
            return
        if self.types.get(key + REQUIRED) and key not in self.added:
            # the down step restates NOT NULL: the column had it (daily-api, round X); not
            # one this step adds, which no release had before (ELEVATE's user service, whose
            # down step restates the column it should drop: round BP, a miss)
            return
        if key in self.dropped_columns:
            return  # rebuilt in the step (dropped or renamed away, added again): still written
        if self._renamed_into(table, col):
            # renamed into this name by the step (RG220): the previous release writes no
            # column of the name, so NOT NULL on it says nothing more (irida's filePath made
            # file_path, then addNotNullConstraint, round BG)
            return
        here = _key(table)
        if any(t == here and col.lower() in name and "null" in name for t, name in self.validated):
            return  # a validated `col IS NOT NULL` CHECK already refused NULLs (strong_migrations)
        self.required.add(key)
        self.out.append(Break("RG222", "set_required", s.line, table, col))

    def _retyped(
        self,
        s: Statement,
        table: str,
        col: str,
        new: str,
        explicit: bool,
        using: bool = False,
        converts: bool = False,
    ) -> None:
        """Judge ``col``'s new type; ``converts``: a ``USING`` expression that is more than
        the column cast (``coalesce(c::text, '')``) changes values even where the new type
        widens the old one (measure's NULL uuids written as '', round V)."""
        key = self._col(f"{table}.{col}")
        if key in self.added or not new or "${" in new or self._renamed_into(table, col):
            return  # new here, or a type named by a placeholder (Flyway's ${type})
        swapped = type_key(new) in self.enums  # an enum swapped in (TypeORM, Prisma)
        new = self.enums.get(type_key(new), new)
        new = self.domains.get(type_key(new), new)
        old = self.types.get(key, "")
        if swapped and relabelled(old, new):
            # (a label's case changed: PostgreSQL compares labels as written, so ``same``
            # and ``widens``, which read types without case, would take it for the same)
            self.out.append(Break("RG223", "type_change", s.line, table, col, new=new, old=old))
            self.first_types.setdefault(key, old)
            self.types[key] = new
            return
        # the type the previous release knew: before the step's first change of the column
        # (potentiel's enum parked in a STRING, its type dropped, made an enum of every
        # label and one more: judged against the STRING, round AW)
        first = self.first_types.setdefault(key, old)
        self.types[key] = new
        if first and first != old and not converts and (same(first, new) or widens(first, new)):
            return
        if old:
            if same(old, new) or (widens(old, new) and not converts):
                return  # (the same type with a USING that converts is a backfill, no new
                # type: appsemble's boolean `scimActive` USING CASE …, round Z)
            if (
                type_key(old).endswith("_enum")
                and base_name(new) != "enum"
                and widens("enum('')", new)
            ):
                return  # TypeORM's `<table>_<column>_enum`, defined before this step: labels
        elif not explicit:
            # a restated column (MySQL's MODIFY, CHANGE) of a plain SQL file: a candidate
            # the folder's earlier files settle (TIS-TCS's `CHANGE oldPostId oldPostId
            # bigint(20)` after an earlier file made it varchar(255), round CE: a miss), or
            # drop where they do not show the column's type, or show this one (not in a
            # script's SQL, which may be written for several databases: ever-gauzy)
            if not self.restated_candidates:
                return
            b = Break("RG223", "type_change", s.line, table, col, new=new, note=MAYBE_WIDER)
            self.out.append(b)
            return
        elif _may_widen_unseen(new) and (
            not using or _unbounded(new) or (self.enum_candidates and _enum_cast(new, converts))
        ):
            # may be a widening (a converting USING to plain text still reads as text): a
            # candidate only, which the folder's earlier files settle (``retyped``) or drop
            b = Break("RG223", "type_change", s.line, table, col, new=new, note=MAYBE_WIDER)
            self.out.append(b)
            return
        was = first or old  # (said as the previous release knew it)
        # (a USING that converts says so: a history judge that lets a type be read as
        # before, such as ``retyped``'s dates made timestamps, must not take its values)
        note = CONVERTED if converts else ""
        self.out.append(
            Break("RG223", "type_change", s.line, table, col, new=new, old=was, note=note)
        )


_BOOKKEEPING = frozenset(
    {"schema_migrations", "ar_internal_metadata", "alembic_version", "django_migrations",
     "flyway_schema_history", "schema_version", "knex_migrations", "knex_migrations_lock",
     "sequelizemeta", "goose_db_version", "gorp_migrations", "databasechangelog",
     "databasechangeloglock"}
)  # fmt: skip


def _frameworks_own(table: str, referenced: str) -> bool:
    """Whether a foreign key from ``table`` to ``referenced`` is between two tables of one
    library the framework ships (:data:`~.model.LIBRARY_TABLES`): only that library writes them,
    and it writes the parent first (identity-dashboard's `add_foreign_key
    :active_storage_attachments, :active_storage_blobs` of a Rails upgrade, round CP)."""
    one, other = _key(table).rpartition(".")[2], _key(referenced).rpartition(".")[2]
    return any(one.startswith(p) and other.startswith(p) for p in LIBRARY_TABLES)


def _requires(b: Break, key: str, col: Callable[[str], str]) -> bool:
    """Whether ``b`` is an RG222 on the column ``key`` (``col`` spells its key)."""
    return b.rule == "RG222" and col(f"{b.table}.{b.column}") == key


def _gives_default(words: Sequence[str]) -> bool:
    """Whether a column's definition (upper-case words) says ``DEFAULT`` other than NULL."""
    return any(w == "DEFAULT" and words[i + 1 : i + 2] != ["NULL"] for i, w in enumerate(words))


def _enum_cast(new: str, converts: bool) -> bool:
    """Whether a type change to ``new`` is to an enum with its labels written out, by a
    ``USING`` that only casts the column (:func:`_plain_cast`)."""
    return not converts and _labelled_enum(new)


def _labelled_enum(typ: str) -> bool:
    """Whether ``typ`` is an enum with its labels written out: ``enum('a','b')``."""
    return typ.lower().startswith("enum(") and typ.rstrip().endswith(")")


def _plain_cast(rest: list[str], rest_up: list[str], col: str) -> bool:
    """Whether the ``USING`` of an ``ALTER COLUMN … TYPE`` is the column itself, cast or
    not: ``USING c``, ``USING c::t``, ``USING CAST(c AS t)``, in parentheses or not."""
    at = rest_up.index("USING") + 1
    expr = [t for t in rest[at:] if t not in ("(", ")")]
    up = [t.upper() for t in expr]
    if up[:1] == ["CAST"]:
        expr, up = expr[1:], up[1:]
        cut = up.index("AS") if "AS" in up else len(up)
        return [unquote(t).lower() for t in expr[:cut]] == [col.lower()]
    cut = next((i for i, t in enumerate(expr) if t in (":", "::")), len(expr))  # c::t
    return [unquote(t).lower() for t in expr[:cut]] == [col.lower()]


def may_widen_unseen(typ: str) -> bool:
    """Whether ``typ`` may widen a type that is not shown: a string or number may; an
    array is taken for a scalar made one (civitai's ``buzzTransactionId`` TEXT swapped for
    TEXT[], round S), which is no widening."""
    return base_name(typ) in _MAYBE_WIDER and not is_array(typ)


_may_widen_unseen = may_widen_unseen


_UNKNOWN_TYPES = frozenset({"", "other", "x"})
"""What the framework renderers write for a type they cannot tell (Rails' custom types,
Sequelize's ``DataTypes`` from a variable): no old type to judge a change against."""

# what a unique key's name holds when it names no column: `users_unique_key`, `users_uk`
_UNIQUE_WORDS = frozenset({"unique", "uniq", "unq", "uq", "uk", "ux", "key", "idx", "index"})
_KINDS = frozenset(
    {"idx", "index", "key", "fkey", "fk", "pkey", "pk", "uniq", "unique", "uq", "uk", "check",
     "chk", "unq"}
)  # fmt: skip


_CHECK_AT = lazyre.compile(r"\bCHECK\s*\(", re.IGNORECASE)


_COPY = lazyre.compile(
    r"^\s*CREATE\s+(?:TEMP\w*\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?\S+\s*"
    r"(?:\(\s*LIKE\s+(\S+?)[\s)]|LIKE\s+(\S+)|(?:AS\s+)?SELECT\s+(?:DISTINCT\s+)?\*\s+FROM\s+(\S+?)"
    r"(?:\s|;|$)|AS\s+TABLE\s+(\S+?)(?:\s|;|$))",
    re.IGNORECASE,
)


def _selected_into(skeleton: str) -> str | None:
    """The table a ``SELECT … INTO t FROM …`` creates (its select list's subqueries left
    aside), or None."""
    depth, flat = 0, []
    for char in skeleton:
        depth += (char == "(") - (char == ")")
        flat.append(char if depth == 0 and char != ")" else " ")
    m = _SELECT_INTO.search("".join(flat))
    return unquote(m.group(1)) if m else None


def _copy_of(skeleton: str) -> str | None:
    """The table ``CREATE TABLE t LIKE src`` (or ``AS SELECT [DISTINCT] * FROM src``, or
    PostgreSQL's ``AS TABLE src``) copies, with all its columns; None for any other CREATE
    TABLE."""
    m = _COPY.match(skeleton)
    return next((g for g in m.groups() if g), None) if m else None


def _own_enum(typ: str, table: str, col: str) -> bool:
    """Whether ``typ`` is the enum Sequelize made for ``table.col``, ``enum_<table>_<col>``
    (schema and quotes aside): the column renamed away kept it, and the one added again
    under its name has it too (SopraSteria-SFC's ``FluJabValue`` made ``LastYear…``, round
    BZ): no type changed."""
    name = typ.rpartition(".")[2].strip('"`[] ').lower()
    return name == f"enum_{table.rpartition('.')[2]}_{col}".lower()


def _check_text(toks: list[str], start: int, text: str) -> str:
    """The expression, as written, of the CHECK at ``toks[start]``: by its constraint's
    name, or the statement's only CHECK ("" when neither tells: scrumbringer's ALTER adds
    two CHECKs, round L)."""
    up = [t.upper() for t in toks[:start]]
    if "CONSTRAINT" in up:
        at = len(up) - 1 - up[::-1].index("CONSTRAINT")
        if at + 1 < start:
            return check_exprs(text).get(unquote(toks[at + 1]).lower(), "")
    found = list(_CHECK_AT.finditer(text))
    if len(found) != 1:
        return ""
    end = closing(text, found[0].end())
    return text[found[0].end() : len(text) if end is None else end]


def _conjuncts(words: Sequence[str]) -> list[list[str]]:
    """``words`` split at each ``AND`` (parentheses already taken out)."""
    out: list[list[str]] = [[]]
    for w in words:
        if w.upper() == "AND":
            out.append([])
        else:
            out[-1].append(w)
    return out


def _literal(token: str) -> str:
    """A constant as compared: booleans as ``true``/``false``, strings unquoted; "" for
    anything else (a function, a column)."""
    low = token.strip().lower()
    if low in ("true", "'t'", "'true'", "1"):
        return "true"
    if low in ("false", "'f'", "'false'", "0"):
        return "false"
    if low.startswith("'") and low.endswith("'") and len(low) >= 2:
        return low[1:-1]
    return low if low.replace(".", "", 1).isdigit() else ""


def _in_parens(toks: list[str], start: int) -> list[str] | None:
    """The tokens of the first ``( … )`` after ``start``, up to the ``)`` that closes it
    (a MySQL prefix length inside, ``type(36)``, is no end: uaa, round Q); None without
    one."""
    if "(" not in toks[start:]:
        return None
    i = toks.index("(", start) + 1
    depth = 1
    for j in range(i, len(toks)):
        depth += {"(": 1, ")": -1}.get(toks[j], 0)
        if depth == 0:
            return toks[i:j]
    return toks[i:]


def _column_list(toks: list[str], start: int) -> list[str]:
    """The names in the first ``( … )`` after ``start`` (an index's columns), unquoted."""
    return [unquote(t) for t in _in_parens(toks, start) or [] if is_ident(t)]


def _joins(middle: str, columns: Sequence[str]) -> bool:
    """Whether ``middle`` is some of ``columns``, in their order, joined by ``_`` (a
    generated key name's part; columns may hold ``_`` themselves)."""
    if not middle:
        return True
    return any(
        (middle == c or middle.startswith(c + "_"))
        and _joins(middle[len(c) + 1 :], columns[i + 1 :])
        for i, c in enumerate(columns)
    )


def _names_after(name: str, table: str, other: str) -> bool:
    """Whether constraint ``name``, past its table's name, names table ``other`` in whole
    words (``autopi_jobs_aftermarket_devices``; not ``emailaccount_pkey`` for
    ``account``: inbox-zero)."""
    rest = name[len(table) :] if name.startswith(table) else name
    return f"_{other}_" in f"_{rest.strip('_')}_"


def _conventional(table: str, name: str) -> set[str]:
    """The names SQLAlchemy's usual naming convention gives a constraint created as
    ``name`` (indico drops ``ck_abstracts_valid_enum_state`` and creates
    ``valid_enum_state``: round L)."""
    return {f"{kind}_{_key(table)}_{unquote(name).lower()}" for kind in ("ck", "uq", "fk", "pk")}


def _alike(name: str, dropped: str, table: str = "", what: str = "") -> bool:
    """Whether ``name`` is the dropped index or constraint's name grown or cut: generated
    names are table and columns (``plan_namespace_key_version`` re-drawn as
    ``…_deleted_at``; Atlas cuts long names, ``…_lines_line_disco`` → ``…_lines_line_amoun``),
    so most of their words in a row are the same. A CHECK is named for what it means, after
    its table: the words that name the table are every CHECK's of it, left out
    (funding-service's ``ck_user_role_member…`` is no ``ck_user_role_non_admin…``, round BM)."""
    a, b = _unversioned(name.split("_")), _unversioned(dropped.split("_"))
    if what == "CHECK" and table:
        a, b = _after_table(a, table), _after_table(b, table)
        if not a or not b:
            return False
    if a[-1] in _KINDS and b[-1] in _KINDS and a[-1] != b[-1]:
        return False  # polls_user_id_fkey is not polls_user_id_idx re-drawn
    if sorted(a) == sorted(b):
        return True  # the same columns in another order (Prisma's Attribute_a_b_key → _b_a_key)
    shared = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    return shared >= 2 and shared >= 0.6 * min(len(a), len(b))


def _after_table(words: list[str], table: str) -> list[str]:
    """A constraint name's words after its table's (``ck_user_role_x`` → ``x``), with a
    kind word before the table (``ck``, ``chk``) left out too."""
    own = _key(unquote(table)).rpartition(".")[2].split("_")
    for start in (0, 1):
        if words[start : start + len(own)] == own:
            return words[start + len(own) :]
    return words


_VERSION = lazyre.compile(r"v?\d+|new|old|tmp|temp")


def _unversioned(words: list[str]) -> list[str]:
    """A name without its version mark (ente's ``…_constraint_index_v2`` re-draws
    ``…_constraint_index``)."""
    return words[:-1] if len(words) > 2 and _VERSION.fullmatch(words[-1]) else words


def _null(words: list[str]) -> bool:
    """``… NULL`` restated, not ``NOT NULL``."""
    return any(w == "NULL" and not (i and words[i - 1] == "NOT") for i, w in enumerate(words))


def _sequence(name: str) -> bool:
    """A serial column's sequence (``orders_id_seq``), or an index or key PostgreSQL lets
    ``ALTER TABLE`` rename (``extras_objectchange_pkey``: peering-manager, round N), renamed
    with ``ALTER TABLE``: the previous release never names it (the column default holds
    its id, not its name)."""
    return _key(name).endswith(("_seq", "_pkey", "_fkey", "_idx"))


def _unbounded(typ: str) -> bool:
    """``text``, ``varchar`` without a length, ``longtext`` …: holds any string."""
    return typ.lower().strip() in ("text", "varchar", "character varying", "longtext", "clob")


# the events may name the columns an UPDATE fires on (`BEFORE INSERT OR UPDATE OF username
# ON accounts_user`: warehouse, round M); one of them must be INSERT
_EVENT = r"(?:INSERT|UPDATE(?:\s+OF\s+[\w\"`]+(?:\s*,\s*[\w\"`]+)*)?)"
_BEFORE_INSERT = lazyre.compile(
    r"\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\s+[\w\"`.]+\s+BEFORE\s+"
    rf"((?:{_EVENT})(?:\s+OR\s+{_EVENT})*)\s+ON\s+(?:ONLY\s+)?([\w\"`.]+)",
    re.IGNORECASE,
)


def _trigger_fills(texts: Sequence[str], b: Break) -> bool:
    """A trigger function assigning the column (``NEW.col = …`` / ``NEW.col := …``), and a
    ``BEFORE INSERT`` trigger on ``b``'s table, both in the step; or the function alone,
    where the step replaces a trigger function (``RETURNS trigger``) an earlier migration's
    trigger calls (pulp_rpm's ``pulp_evr_trigger()`` made to fill ``evr_v2`` too, round
    AW)."""
    if not b.column:
        return False
    assigned = re.compile(rf"\bNEW\.[\"`]?{re.escape(b.column)}[\"`]?\s*:?=(?!=)", re.IGNORECASE)
    if not any(assigned.search(t) for t in texts):
        return False
    on = {
        _key(unquote(m.group(2).replace("`", '"')))  # (raw text: MySQL's quotes too)
        for t in texts
        for m in _BEFORE_INSERT.finditer(t)
        if re.search(r"\bINSERT\b", m.group(1), re.IGNORECASE)
    }
    made = any(_TRIGGER_MADE.search(t) for t in texts)  # (a BEFORE UPDATE one fills no INSERT)
    return _key(b.table) in on or (
        not made and any(_TRIGGER_FUNCTION.search(t) and assigned.search(t) for t in texts)
    )


_TRIGGER_FUNCTION = lazyre.compile(
    r"\bCREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\b[^;]*?\bRETURNS\s+TRIGGER\b", re.IGNORECASE
)
_TRIGGER_MADE = lazyre.compile(
    r"\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\b", re.IGNORECASE
)


def trigger_fills(text: str, table: str, column: str) -> bool:
    """:func:`_trigger_fills` of a migration's whole text (Django's ``RunSQL`` strings)."""
    return _trigger_fills([text], Break("RG222", "set_required", 0, table, column))


_EXECUTED_DROP = lazyre.compile(r"\bEXECUTE\b[^;]*?\bDROP\s+CONSTRAINT\b", re.IGNORECASE)
_QUOTED_NAME = lazyre.compile(r"'(?:[\w$]+\.)?([A-Za-z_][\w$]*)'")
_ALTERED_NAME = lazyre.compile(
    r"\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?:[\w$\"]+\.)?\"?([A-Za-z_][\w$]*)(?![\w$.])",
    re.IGNORECASE,
)


def _dropped_by_lookup(text: str) -> set[str]:
    """The tables (lower case) of a block that drops constraints it looks up in the
    catalog and runs as built strings: the ones its ``ALTER TABLE`` strings name, else every
    name it quotes (water-abstraction-tactical-crm's loop over ``pg_constraint`` for six
    tables' foreign keys, drawn again after a type change; SurfSense's
    ``EXECUTE format('ALTER TABLE search_source_connectors DROP CONSTRAINT %I', …)``
    before a wider unique key: round BD). Empty where it drops none so."""
    if not _EXECUTED_DROP.search(text):
        return set()
    named = {m.group(1).lower() for m in _ALTERED_NAME.finditer(text)}
    return named or {m.group(1).lower() for m in _QUOTED_NAME.finditer(text)}


# SQL Server's way: a `SELECT @cmd = @cmd + 'ALTER TABLE [' + t.name + '] DROP CONSTRAINT '
# + d.name … FROM sys.check_constraints … WHERE t.name = 'activity_log'`, then `EXECUTE
# (@cmd)` (innovation-service-backend-api's TypeORM steps, round BG)
_BUILT_DROP = lazyre.compile(r"'[^']*\bDROP\s+CONSTRAINT\b[^']*'.*\bsys\.\w+", re.I | re.DOTALL)
_RUN_BUILT = lazyre.compile(r"^\s*EXEC(?:UTE)?\b\s*(?:\(\s*@\w+|sp_executesql\b)", re.I)


def _built_drops(statements: Sequence[Statement]) -> set[str]:
    """The tables (lower case) whose constraints a SQL Server step drops by a command it
    builds from the catalog and then runs: every name the building statement quotes."""
    out: set[str] = set()
    for i, s in enumerate(statements):
        if (
            s.kind == "select"
            and _BUILT_DROP.search(s.text)
            and any(_RUN_BUILT.match(later.text) for later in statements[i + 1 :])
        ):
            out |= {m.group(1).lower() for m in _QUOTED_NAME.finditer(s.text)}
    return out


def _in_block(stmt: Statement) -> list[Statement]:
    from rollback_gate.migrations.sqlengine.blocks import block_statements
    from rollback_gate.migrations.sqlengine.sql import split_statements

    return block_statements(stmt, split_statements) or [stmt]


def _rebuilt(reader: _Reader, b: Break) -> bool:
    """Whether the table an RG221 renames away is still found under its name: a view made
    under it (expand/contract's way: outline's ``CREATE VIEW collection_groups AS SELECT *
    FROM group_permissions``), a copy of it renamed into its name, or a table made again
    under it where the renamed table is dropped or its rows are copied into the new one
    (a scratch name: rebuilt in place)."""
    table, aside = _key(b.table), _key(b.new)
    if table in reader.swapped or table in reader.views:
        return True
    return table in reader.created and (
        aside in reader.gone or aside in reader.filled_from.get(table, ())
    )


def _swap_said(b: Break, moved: list[Break], made: set[str]) -> Break:
    """An RG221 whose old name a later rename of the step gives another table (a swap:
    ab2d's ``coverage`` made ``coverage_deprecated`` and ``coverage_partitioned`` made
    ``coverage``, round AM), or a table the step makes anew (``made``: happy-heron's
    ``works``, round BJ), said so: the previous release finds a table by that name, of
    other columns and rows."""
    if b.kind != "rename_table" or b.note:
        return b
    into = [m for m in moved if _key(m.new) == _key(b.table) and m.line >= b.line and m is not b]
    if into:
        other = f"{into[0].table} is renamed into its name"
    elif _key(b.table) in made:
        other = "a new table is made under its name"
    else:
        return b
    return replace(
        b,
        note=f"and {other}: the previous release's statements on {b.table} now reach that table",
    )


# Statements that may fill a column added again under a renamed one's name: an UPDATE
# copying the old values back, an INSERT … SELECT, a function or procedure run, or one the
# reader cannot classify.
_MAY_FILL = frozenset({"update", "insert", "select", "call", "do", "other"})
# … but not these, which change no row (concourse's `ALTER INDEX rerun_of_builds_idx
# RENAME TO …` beside its empty `rerun_of`, round BE)
_FILLS_NOTHING = lazyre.compile(
    r"\s*(?:ALTER\s+(?:INDEX|SEQUENCE|TYPE|STATISTICS)|REINDEX|CLUSTER)\b", re.IGNORECASE
)


def _emptied(reader: _Reader, statements: Sequence[Statement]) -> None:
    """A column renamed away and added again, nullable and without a default or with a
    default (not generated from other columns), that no later statement may fill is no
    rebuild in place: the previous release finds its name again, empty or holding one
    value for every row, while its rows' values sit under the new one. The rename is the break,
    and the added column's type says nothing more (ArachneCentralAPI's
    ``result_files.uuid`` renamed ``legacy_uuid`` and a new ``uuid`` added; optimus'
    ``job.window_size`` made ``old_window_size`` and added again as ``VARCHAR(10)``:
    round BC)."""
    for rename, line, holds in reader.readded:
        if any(
            s.line > line and s.kind in _MAY_FILL and not _FILLS_NOTHING.match(s.skeleton)
            for s in statements
        ):
            continue
        column = reader._col(f"{rename.table}.{rename.column}")
        reader.out = [
            b for b in reader.out
            if not (b.rule == "RG223" and reader._col(f"{b.table}.{b.column}") == column)
        ]  # fmt: skip
        reader.out.append(replace(rename, note=f"{holds} is added under the old name"))


def breaks(
    statements: Iterable[Statement],
    *,
    old_types: Mapping[str, str] | None = None,
    created: Iterable[str] = (),
    added: Mapping[str, bool | str] | None = None,
    candidates: bool = False,
    defaults_fill: bool = False,
    whole: bool = False,
    restated: bool = False,
    enums: bool = False,
) -> list[Break]:
    """Every RG220–RG224 operation of an up step, in order (see the module docstring).

    ``old_types`` maps ``table.column`` to the type before the step (e.g. what the down
    step restores); ``created`` names tables that already count as new, ``added`` columns
    (``table.column`` → has a default, or the constant default as SQL) that already count
    as added by the step.
    ``candidates``: also the type changes that may be widenings (:data:`MAYBE_WIDER`), for
    a SQL file whose folder's earlier files can tell. ``defaults_fill``: the app's ORM
    inserts only the attributes a record sets (:attr:`.model.Dialect.defaults_fill`), so
    NOT NULL on a column the step also gives a default rejects none of its INSERTs.
    ``whole``: the statements are all the step does (a plain SQL file, no builder code
    around them that may copy rows), so a column no statement fills is empty.
    ``restated`` (with ``candidates``, a SQL file's): a MySQL ``MODIFY``/``CHANGE`` whose
    old type or nullability no down step shows is a candidate too (:data:`MAYBE_WIDER`,
    :data:`MAYBE_REQUIRED`), which the folder's earlier files settle.
    ``enums`` (an Alembic revision's): a type change to an enum with its labels written
    out whose old type is not shown is a candidate (:data:`MAYBE_WIDER`), which the earlier
    revisions' labels settle, also one cast to from the column (``USING c::text::e``, how
    PostgreSQL turns one enum into another, labels added or not: faf's ``repo_type2``,
    round CR); the other candidates only with ``candidates``.
    """
    statements = list(statements)
    # a block that drops constraints by names it looks up (`EXECUTE 'ALTER TABLE … DROP
    # CONSTRAINT ' || …`) drops ones this reading cannot name, of the tables it names
    unnamed = {t for s in statements if s.kind == "do" for t in _dropped_by_lookup(s.text)}
    unnamed |= _built_drops(statements)
    # a DO block runs its statements now: an ALTER inside `IF NOT EXISTS … THEN` is one
    # of the step's (commonwealth's unique key on ClaimAddresses, round T)
    statements = [inner for s in statements for inner in (_in_block(s) if s.kind == "do" else [s])]
    if any(s.kind == "rename" for s in statements):  # a table rebuilt under its name (SQLite)
        statements = list(rebuilds.with_rebuilds(statements))
    reader = _Reader(old_types or {}, created, added or {})
    reader.restated_candidates = candidates and restated
    reader.enum_candidates = enums
    within = release.current()
    if within is not None:
        reader.seed(within.before)
    reader.dropped_on |= unnamed
    reader.checks_dropped_on |= unnamed
    for s in statements:
        reader.statement(s)
    if whole:
        _emptied(reader, statements)
    # A table renamed and then created again under its old name is rebuilt in place (rename
    # to a scratch name, create, copy the rows, drop the scratch copy): the previous release
    # finds its table when the step is done.
    # So is one a copy of it is renamed into the place of (openboxes' MySQL dedupe: `CREATE
    # TABLE t_new SELECT DISTINCT * FROM t`, t renamed to t_old, t_new to t: round O); a
    # table of other columns swapped in stays RG221 (loop's sweeps2, round O).
    # Made again while the renamed table stays, its rows not copied back, is a split
    # (happy-heron's `works` renamed `work_versions`, a new `works` made beside it: round
    # BJ, a miss): the previous release's statements on the name reach the new table.
    moved = [b for b in reader.out if b.rule == "RG221"]
    out = [_swap_said(b, moved, reader.created) for b in reader.out
           if not (b.rule == "RG221" and _rebuilt(reader, b))]  # fmt: skip
    # the migration tools' own bookkeeping tables: the application never writes them
    # (danbooru's unique index on schema_migrations.version, round N)
    out = [b for b in out if _key(b.table) not in _BOOKKEEPING]
    # A key dropped anywhere in the step is re-drawn, whichever comes first (hexpm creates
    # the new unique index, then drops the old one).
    out = [r for b in out if (r := reader.redrawn(b) if b.kind == "constraint" else b)]
    out = [b for b in out if not (b.kind == "constraint" and reader.keyed_later(b))]
    # … and the keys of a table rebuilt under its name, which only the earlier files can tell
    # new or drawn again
    out += reader.rebuilt_keys()
    # A column this step adds is unknown to the previous release, which never writes it:
    # NOT NULL is harmless once the step has given it a default, before or after (ente 21:
    # ADD COLUMN, backfill, SET NOT NULL, SET DEFAULT FALSE).
    out = [
        b for b in out
        if not (b.rule == "RG222" and reader.added.get(reader._col(f"{b.table}.{b.column}")))
    ]  # fmt: skip
    # … and the previous release's INSERTs still succeed where a BEFORE INSERT trigger the
    # step creates on the table fills the column (goalert's fn_ensure_alert_dedup_key,
    # trg_10_cm_set_dest_on_insert: `NEW.dest = …`, round K)
    # … nor where the app's ORM leaves out what a record does not set, and the step gives
    # the column a default, before or after (daily-api's TypeORM `source.image`, round X)
    if defaults_fill:
        filled = reader.defaulted
        out = [b for b in out
               if not (b.kind == "set_required" and reader._col(f"{b.table}.{b.column}") in filled)
               ]  # fmt: skip
    texts = [s.text for s in statements] if any(b.rule == "RG222" for b in out) else []
    out = [b for b in out if not (b.rule == "RG222" and _trigger_fills(texts, b))]
    # A table renamed by this step is already out of the previous release's reach (RG221
    # says so, or its old name holds a new table): what else the step does to it under
    # the new name, a column rename included, adds nothing (gamevault renames its tables
    # to `v12_*`, renames their columns, and creates new tables under the old names) …
    renamed = {_key(b.new) for b in moved}
    if within is not None:
        within.now.merge(reader.facts(renamed))
    # … and so is what it does to the table under its old name before renaming it
    # (publify: `rename_column :articles_tags, …`, then `rename_table :articles_tags, …`).
    gone = renamed | {_key(b.table) for b in moved}
    # … and a table it drops at the end (not made again): what it did to the table first
    # never reaches the previous release, one transaction on PostgreSQL (poprox-storage's
    # NOT NULL `top_stories.as_of`, then `drop_table("top_stories")`: round CF)
    gone |= reader.gone - reader.created - reader.rebuilt - renamed
    # A column retyped and then renamed by the step: the rename is the break, the type of a
    # column the previous release no longer finds says nothing more (poprox's
    # `alter_column(…, new_column_name=…, type_=…)`, rendered type first: round CF)
    moved_columns = {
        (_key(b.table), b.column.lower()) for b in out if b.kind == "rename_column" and b.column
    }
    out = [
        b for b in out
        if not (b.rule == "RG223" and (_key(b.table), (b.column or "").lower()) in moved_columns)
    ]  # fmt: skip
    if not candidates:  # (but an enum's, with ``enums``: the earlier revisions settle it)
        out = [b for b in out if not b.note.startswith((MAYBE_WIDER, MAYBE_REQUIRED))
               or (enums and b.note.startswith(MAYBE_WIDER) and _labelled_enum(b.new))]  # fmt: skip
    return [b for b in out if b.rule == "RG221" or _key(b.table) not in gone]


def _outside_parentheses(words: Sequence[str]) -> list[str]:
    """``words`` less those inside parentheses (a CHECK's expression, a type's length)."""
    out, depth = [], 0
    for w in words:
        depth += (w == "(") - (w == ")")
        if depth == 0 and w != ")":
            out.append(w)
    return out
