"""RG224 and RG222 on what the previous release's own code already guaranteed.

A unique key or a NOT NULL rejects only writes that the previous release makes. Three
ways its code shows it makes none, read from git as text at that release (never run):

* **A Rails validation.** ``add_index :libraries, :path, unique: true`` is how Rails backs
  ``validates :path, uniqueness: true`` (its guides and strong_migrations advise it): the
  previous release refused every duplicate itself, except those two concurrent requests
  let through (manyfold: four, round S). So does ``change_column_null :notes, :archived,
  false`` where the model ``validates :archived, inclusion: { in: [true, false] }`` (or
  ``presence:``, ``numericality:``): the previous release never writes NULL there
  (roadmap: four, round T). So does a callback that runs on every create
  (``before_create``, ``before_save``, ``before_validation``, ``after_initialize``, without
  ``if:``/``unless:``/``on: :update``) whose method sets the column at its own level
  (caseflow's ``self.appeal_type = Appeal.name``, round AK).
* **``INSERT … ON CONFLICT (a, b)``.** PostgreSQL refuses that statement unless a unique
  key over exactly those columns exists, so where the previous release's code writes the
  table that way, the key was already there (made by the ORM's schema sync or by hand)
  and the migration only records it (impact-graph: three, round T).
* **An ORM model that never leaves the column NULL.** A SQLAlchemy ``Column`` with a
  Python-side ``default=`` or declared ``nullable=False``, an Ecto ``field`` with a
  ``default:`` (h, round V; mobilizon, sanbase2, round U), a JPA member ``nullable =
  false``, ``@NotNull``, primitive or of a Kotlin non-null type (an entity that names no
  table maps its class's, ``comparison_person`` or ``comparisonperson``), a Hibernate mapping's
  ``not-null="true"`` (dhis2, round Y), a sequelize-typescript ``@AllowNull(false)`` or
  TypeORM ``nullable: false`` (appsemble, round Z), a Django field without ``null=True``
  (Django writes every field its model declares; its table ``<app label>_<model>`` unless
  ``Meta.db_table`` says: DMOJ's fields declared a commit before their migration, round
  AL): the ORM writes the default, checks the value, or the schema the app's tests build
  from its models refuses NULL to its code.

Rails models say two more: a column the model fills with a random token of its own
(``has_secure_token``, Authlogic's and Devise's tokens, a create callback's
``SecureRandom``) is unique in every row (search-gov, round CI), and a
``has_and_belongs_to_many`` writes both keys of the join table it names after both tables
(rdv-service-public, round CJ). A JPA entity writes the never-null members of the
``@MappedSuperclass`` classes it extends (avni-server, round CH).

And a fourth, for a Rails NOT NULL the up step gives a default as well: where the app's
ActiveRecord inserts only the attributes a record sets (:func:`partial_inserts`), the
previous release's INSERTs leave the column out and the default fills it (pupilfirst,
round W).

Asked once per run, only for RG224 unique keys and, in Rails and the ORMs' migrations
(Alembic, Django, Ecto, Flyway, Liquibase, Sequelize, TypeORM), RG222 NOT NULL on an existing
column. The previous release is the base for a migration the change adds and, under
``scope: all``, the parent of the commit that added the file. Its model files that
validate (``app/models``), its ORM models (SQLAlchemy, Ecto, JPA, Hibernate XML, decorated
TypeScript), and its code files that say ``ON CONFLICT``
(migration folders aside) are found with one ``git grep -l`` each: in the base's tree, or,
for several releases, in today's (then read as they were at each release; the releases of
an ORM migration's NOT NULL still unexplained are searched again, by one ``git grep``
over them all, for the models moved since). A validation counts
without ``if:``, ``unless:``, ``on:``, ``conditions:``, ``allow_nil:`` (a uniqueness may say
``allow_nil: true``: NULLs never collide), ``allow_blank:``
or ``case_sensitive: true`` (which let through rows the key refuses); uniqueness over
columns all among the key's (``scope:`` included; an association ``user`` is
``user_id``), on a model of the key's table (``self.table_name``, or the class name made
plural). Such occurrences leave their finding; a finding left with none is dropped.
Where a release's migration folder sat elsewhere (an app moved into ``rails/`` since:
rdv-service-public, round CJ), its files are read where they were then; a JPA model file
a release lacks is looked for by its name in that release's file list (entities moved to
another module: avni-server, round CH). Without git nothing changes.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.checks.history.order import (
    RUBY_DOWN,
    bare,
    camel,
    habtm_joins,
    model_name,
)
from rollback_gate.checks.history.prechecked import required_target
from rollback_gate.checks.history.redrawn import UNIQUE_KEY, _events, _made_at
from rollback_gate.checks.history.unwritten import releases_of, table_of, target
from rollback_gate.migrations.base import Unreadable, plural
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.migrations.js import MODULES as _JS
from rollback_gate.models import Finding, Severity

# (and a namespace's own `models/` folder: tutor-server's `app/subsystems/*/models/`)
MODELS = ("**/app/models/**", "**/models/**/*.rb")
MAX_FILE_BYTES = 512 * 1024
_MODEL_MARK = (
    r"validates|belongs_to|^[[:space:]]*include[[:space:]]+[A-Z]"
    r"|before_(create|save|validation)|after_initialize"
    r"|has_secure_token|acts_as_authentic|^[[:space:]]*devise[[:space:]]|has_and_belongs_to_many"
    r"|dependent[[:space:]]*(:|=>)"
)
_CONCERN = lazyre.compile(r"\bextend\s+ActiveSupport::Concern\b")
_MODULE = lazyre.compile(r"^\s*module\s+([A-Z]\w*)", re.MULTILINE)
_INCLUDE = lazyre.compile(r"^[ \t]*include\s+([A-Z][\w:]*(?:\s*,\s*[A-Z][\w:]*)*)", re.MULTILINE)
# ``belongs_to :author`` validates the association's presence where the app says so:
# ``config.load_defaults`` 5.0 or later, and no ``belongs_to_required_by_default = false``
_BELONGS_TO = lazyre.compile(r"^[ \t]*belongs_to\s+:(\w+)", re.MULTILINE)
_NOT_REQUIRED = lazyre.compile(
    r"\b(?:optional\s*:\s*true|required\s*:\s*false)"
    r"|:(?:optional\s*=>\s*true|required\s*=>\s*false)"
)
_POLYMORPHIC = lazyre.compile(r"\bpolymorphic\s*:\s*true|:polymorphic\s*=>\s*true")
# ``has_many :follows, -> { active }, dependent: :destroy`` (or ``has_one``): the association,
# and the ``dependent:`` that deletes (or nullifies) its rows before the owner's
_HAS = lazyre.compile(r"^[ \t]*has_(many|one)\s+:(\w+)", re.MULTILINE)
_DEPENDENT = lazyre.compile(
    r"\bdependent\s*:\s*:(?:destroy|delete_all|destroy_async|nullify|delete)\b"
    r"|:dependent\s*=>\s*:(?:destroy|delete_all|destroy_async|nullify|delete)\b"
)
_CLASS_NAME = lazyre.compile(r"\bclass_name\s*(?::|=>)\s*[\"']?:?((?:\w+::)*\w+)")
_NOT_OWNED = lazyre.compile(r"\b(?:through|as|primary_key)\s*(?::|=>)|:(?:through|as)\s*=>")
# ``add_foreign_key :follows, :dossiers, column: :dossier_id`` (the column: ``dossier_id``)
_RAILS_FOREIGN_KEY = lazyre.compile(
    r"\badd_foreign_key\s*\(?\s*:?[\"']?(\w+)[\"']?\s*,\s*:?[\"']?(\w+)[\"']?([^\n]*)"
)
_COLUMN_OPTION = lazyre.compile(r"\bcolumn\s*(?::|=>)\s*[\"':]+(\w+)")
_FOREIGN_KEY = lazyre.compile(r"\bforeign_key\s*:\s*[\"':]+(\w+)|:foreign_key\s*=>\s*[\"':]+(\w+)")
_LOAD_DEFAULTS = lazyre.compile(r"^\s*config\.load_defaults\s+[\"']?(\d+)(?:\.\d+)?", re.MULTILINE)
_REQUIRED_BY_DEFAULT = lazyre.compile(r"belongs_to_required_by_default\s*=\s*(true|false)")
# ``partial_inserts`` (Rails 7.0 on) or ``partial_writes`` (before) set outside a comment
_PARTIAL_SET = lazyre.compile(
    r"^[ \t]*[^#\n]*\bpartial_(inserts|writes)\s*=\s*(true|false)\b", re.MULTILINE
)
# the up step's default for a column: ``change_column_default :t, :c, from: nil, to: 0``
# (or ``…, :c, 0``), ``change_column :t, :c, :integer, default: 0``
_STEP_DEFAULT = (
    r"\bchange_column(?:_default)?\s*\(?\s*[:\"']{t}[\"']?\s*,\s*[:\"']{c}[\"']?\s*,(.*)"
)
_CLASS = lazyre.compile(r"^\s*class\s+([A-Z]\w*(?:::[A-Z]\w*)*)", re.MULTILINE)
_TABLE_NAME = lazyre.compile(r"self\.table_name\s*=\s*[\"':]+(\w+)")
_STATEMENT = lazyre.compile(
    r"^[ \t]*(validates_uniqueness_of|validates_presence_of|validates_inclusion_of"
    r"|validates_numericality_of|validates)\b",
    re.MULTILINE,
)
_PARTIAL = lazyre.compile(
    r"\b(?:if|unless|on|conditions|allow_blank|allow_nil)\s*:"
    r"|:(?:if|unless|on|conditions|allow_blank|allow_nil)\s*=>"
    r"|\bcase_sensitive\s*:\s*true|:case_sensitive\s*=>\s*true"
)
_ALLOW_NIL = lazyre.compile(r"\ballow_nil\s*:\s*true\b|:allow_nil\s*=>\s*true\b")
# the attributes a call names (not an option in Rails 3's syntax: ``:presence => true``)
_SYMBOLS = lazyre.compile(r"\s*:(\w+)\b(?!\s*=>)\s*,?")
_ONE_LINE_BLOCK = lazyre.compile(r"\{([^{}\n]*)\}\s*$")
# a callback that runs on every create: the columns its method always sets are never NULL
# in the release's INSERTs (caseflow's `before_create :temporarily_set_appeal_type`, which
# says `self.appeal_type = Appeal.name`: round AK)
_CALLBACK = lazyre.compile(
    r"^[ \t]*(?:before_(?:create|save|validation)|after_initialize)\b", re.MULTILINE
)
_ON_UPDATE = lazyre.compile(r"\bon\s*:\s*(?::update\b|\[)|:on\s*=>")
_SETS = lazyre.compile(r"self\.(\w+)\s*(?:\|\|)?=(?!=)\s*(\S.*)")
# A column a model fills with a random token of its own is unique in every row the release
# writes: ``has_secure_token``, Authlogic's and Devise's tokens, a create callback's
# ``self.api_key = Digest::MD5.hexdigest(…)`` (search-gov's users, round CI: three)
_TOKENS = lazyre.compile(r"^[ \t]*(has_secure_token|acts_as_authentic|devise)\b", re.MULTILINE)
_HABTM_LINE = lazyre.compile(r"^[ \t]*has_and_belongs_to_many\s*\(?\s*:(\w+)", re.MULTILINE)
_AUTHLOGIC_TOKENS = ("persistence_token", "perishable_token", "single_access_token")
_DEVISE_TOKENS = {
    "confirmable": "confirmation_token", "recoverable": "reset_password_token",
    "lockable": "unlock_token", "invitable": "invitation_token",
    "token_authenticatable": "authentication_token",
}  # fmt: skip
# Devise's `:validatable` validates the email present and unique, its case lowered, on every
# create (identity-dashboard's users.email, round CP); not where the model says the email is
# not required (`def email_required?`): its uniqueness allows blanks, which a unique key
# refuses twice (stocks-in-the-future's students, round CA)
_EMAIL_REQUIRED = lazyre.compile(r"\bdef\s+(?:self\.)?email_required\?")
_RANDOM_VALUE = lazyre.compile(
    r"\bSecureRandom\b|\bDigest::\w+\.(?:hex|base64)?digest\b|\bfriendly_token\b"
    r"|\bAuthlogic::Random\b|\bgenerate_unique_secure_token\b|\bUUIDTools?\b"
)
_SCOPE = lazyre.compile(r"(?:\bscope\s*:|:scope\s*=>)\s*(\[[^\]]*\]|%i\[[^\]]*\]|%i\([^)]*\)|:\w+)")
_NOT_NULL_CALLS = ("validates_presence_of", "validates_inclusion_of", "validates_numericality_of")
# (either syntax: ``presence: true`` or Rails 3's ``:presence => true``, foreman, round AO)
_NOT_NULL = lazyre.compile(
    r"(?:\b(?:presence|numericality)\s*:|:(?:presence|numericality)\s*=>)\s*(?:true|\{)"
    r"|(?:\binclusion\s*:|:inclusion\s*=>)\s*\{"
)
# ``format: { with: /\AMORPH_/ }`` (or Rails 3's ``:format => { :with => … }``)
_FORMAT_WITH = lazyre.compile(
    r"(?:\bformat\s*:|:format\s*=>)\s*\{\s*(?:\bwith\s*:|:with\s*=>)\s*/((?:[^/\\\n]|\\.)*)/(\w*)"
)


def _format_refuses_nil(rest: str) -> bool:
    r"""Whether a ``format:`` validation refuses nil: Rails matches ``nil.to_s``, the empty
    string, against its pattern (morph's `Variable#name`, `/\AMORPH_[A-Z0-9_]+\z/`: round
    BN). A pattern Python does not read as Ruby does is no answer."""
    m = _FORMAT_WITH.search(rest)
    if m is None or "x" in m.group(2):
        return False
    pattern = m.group(1).replace("\\z", "\\Z").replace("\\h", "[0-9a-fA-F]")
    if "[[:" in pattern or "(?<" in pattern or "\\p{" in pattern:
        return False
    try:
        return re.search(pattern, "", re.IGNORECASE if "i" in m.group(2) else 0) is None
    except re.error:
        return False


_CASE_INSENSITIVE = lazyre.compile(r"\bcase_sensitive\s*:\s*false\b|:case_sensitive\s*=>\s*false\b")
_UNIQUENESS = lazyre.compile(r"(?:\buniqueness\s*:|:uniqueness\s*=>)\s*(?:true|\{)")
_ON_CONFLICT = lazyre.compile(r"\bON\s+CONFLICT\s*\(([^()]*)\)", re.IGNORECASE)
_INSERT = lazyre.compile(r"\bINSERT\s+INTO\s+[\"`]?(?:\w+[\"`]?\.[\"`]?)?(\w+)", re.IGNORECASE)
_STATEMENT_REACH = 3000  # characters an INSERT may run before its ON CONFLICT
# a unique index the code creates itself (at start-up: bitcoin-s' SpendingInfoDAO, round BO),
# on a table written out or interpolated (`ON $fullTableName`)
_CREATE_UNIQUE = lazyre.compile(
    r"\bCREATE\s+UNIQUE\s+INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?"
    r"[\"`]?(\w+)[\"`]?\s+ON\s+(?:ONLY\s+)?(\S+?)\s*\(([^()]*)\)",
    re.IGNORECASE,
)


@dataclass
class Guarantees:
    """What a release's code keeps from its tables: per table, the column sets it keeps
    unique and the columns it never leaves NULL."""

    unique: dict[str, list[frozenset[str]]] = field(default_factory=dict)
    # the unique indexes the code itself creates: name → their columns
    indexes: dict[str, list[frozenset[str]]] = field(default_factory=dict)
    required: dict[str, set[str]] = field(default_factory=dict)
    # ActiveRecord inserts only the attributes set (:func:`partial_inserts`)
    partial: bool = False
    # ActiveRecord fills created_at/updated_at (no ``record_timestamps = false`` in config/)
    timestamps: bool = True
    # a model's table → the concerns (modules) it includes, whose own guarantees are kept
    # under ``concern:<module>`` (codeocean's ContributorCreation, round U); a JPA entity's
    # → the class it extends, and that class's ``concern:<class>`` → the one it extends
    includes: dict[str, set[str]] = field(default_factory=dict)
    # a table → the column list of each ``INSERT INTO`` the code writes it with (None for
    # one without a list)
    inserts: dict[str, list[frozenset[str] | None]] = field(default_factory=dict)
    # a table → whether each ``INSERT INTO`` of it says ``ON CONFLICT DO NOTHING`` with no
    # conflict target (every conflict, on any key, skipped: no error)
    skipping: dict[str, list[bool]] = field(default_factory=dict)
    # the code writes its tables with SQL of its own only (:data:`_OTHER_WRITERS` searched)
    sql_only: bool = False
    # a Rails model's table → (the child table, its key column, whether ``dependent:``
    # clears the rows) of each ``has_many``/``has_one`` it owns
    children: dict[str, list[tuple[str, str, bool]]] = field(default_factory=dict)

    def _owners(self, table: str) -> list[str]:
        # (a model that names no table is kept under its class: ``CLASS`` + the name)
        classes = {table.replace("_", ""), model_name(table).lower()}
        out = [table, *(f"{CLASS}{c}" for c in sorted(classes))]
        level = out
        for _ in range(_MOST_INCLUDED):  # (a superclass's superclass …, nearest first)
            level = [f"{CONCERN}{m}" for owner in level
                     for m in sorted(self.includes.get(owner, ()))
                     if f"{CONCERN}{m}" not in out]  # fmt: skip
            out += level
        return out

    def implies_key(self, table: str, columns: Iterable[str]) -> bool:
        index = set(columns)
        return any(
            all(c in index or f"{c}_id" in index for c in kept)
            for owner in self._owners(table)
            for kept in self.unique.get(owner, ())
        )

    def creates(self, name: str, table: str, columns: Iterable[str]) -> bool:
        """Whether the code itself creates a unique index of this name (or on this table)
        over these columns: the previous release ran with it."""
        key = frozenset(columns)
        return (bool(name) and key in self.indexes.get(name.lower(), ())) or any(
            kept <= key for kept in self.indexes.get(ON + table.lower(), ())
        )

    def requires(self, table: str, column: str, associations: bool = True) -> bool:
        """Whether the code never leaves ``column`` NULL; with ``associations`` (a Rails
        model's), ``author_id`` also where it keeps the association ``author`` present
        (``validates :author, presence: true``). An ORM model's required ``institute`` is a
        column of its own, which says nothing of an ``institute_id`` (teammates' Course,
        round BO)."""
        names = {column, column[:-3]} if column.endswith("_id") and associations else {column}
        return any(names & self.required.get(owner, set()) for owner in self._owners(table))

    def clears(self, parent: str, child: str, column: str) -> bool:
        """Whether the model of ``parent`` deletes (or nullifies) its ``child`` rows over
        ``column`` before it deletes its own: every ``has_many``/``has_one`` to them says
        ``dependent:``, and there is one."""
        found = [
            cleared
            for owner in self._owners(parent)
            for table, key, cleared in self.children.get(owner, ())
            if table == child and key == column
        ]
        return bool(found) and all(found)

    def never_refused(self, table: str) -> bool:
        """Whether the code writes ``table`` only with SQL of its own whose every ``INSERT``
        skips a conflict (and there is one): a new unique key fails none of them."""
        said = self.skipping.get(table)
        return self.sql_only and bool(said) and all(said or ())

    def always_written(self, table: str, column: str) -> bool:
        """Whether every ``INSERT INTO table`` of the code names ``column`` (and there is
        one): the previous release never leaves it out."""
        written = self.inserts.get(table)
        return bool(written) and all(s is not None and column in s for s in written or ())

    def add(self, other: Guarantees) -> None:
        for table, kept in other.unique.items():
            self.unique.setdefault(table, []).extend(kept)
        for name, kept in other.indexes.items():
            self.indexes.setdefault(name, []).extend(kept)
        for table, cols in other.required.items():
            self.required.setdefault(table, set()).update(cols)
        for table, modules in other.includes.items():
            self.includes.setdefault(table, set()).update(modules)
        for table, lists in other.inserts.items():
            self.inserts.setdefault(table, []).extend(lists)
        for table, skips in other.skipping.items():
            self.skipping.setdefault(table, []).extend(skips)
        for table, owned in other.children.items():
            self.children.setdefault(table, []).extend(owned)

    def under(self, prefix: str) -> Guarantees:
        """These guarantees with each model's table also named with ``prefix`` before it
        (a namespaced model's table: ``school_district_districts`` for ``District``)."""
        if not prefix:
            return self
        out = Guarantees()
        out.add(self)
        for table, kept in self.unique.items():
            if table.isidentifier() and not table.startswith(prefix):
                out.unique.setdefault(prefix + table, []).extend(kept)
        for table, cols in self.required.items():
            if table.isidentifier() and not table.startswith(prefix):
                out.required.setdefault(prefix + table, set()).update(cols)
        for table, owned in self.children.items():
            if table.isidentifier() and not table.startswith(prefix):
                out.children.setdefault(prefix + table, []).extend(owned)
        return out


CONCERN = "concern:"
CLASS = "class:"  # (a model kept under its class, where it names no table)
_MOST_INCLUDED = 6  # levels of concerns or superclasses followed from a model


def _statement(text: str, start: int) -> str:
    """The Ruby statement from ``start``: its first line and those that continue it (an
    open bracket, or a line ending in a comma)."""
    out: list[str] = []
    depth = 0
    for line in text[start:].splitlines():
        out.append(line)
        depth += sum(line.count(c) for c in "([{") - sum(line.count(c) for c in ")]}")
        if depth <= 0 and not line.rstrip().endswith((",", "\\")):
            break
        if len(out) > 20:
            return ""  # not a statement this reading understands
    return "\n".join(out)


_IRREGULAR = {"person": "people", "man": "men", "child": "children"}


def _tableize(name: str, singular: bool = False) -> str:
    """``LibraryItem`` → ``library_items`` (Rails' convention, the common English plurals:
    ``Status`` → ``statuses``, ``Category`` → ``categories``, ``Person`` → ``people``; a
    name already plural stays: ``CallForPapers`` → ``call_for_papers``); ``singular``
    where the app says ``pluralize_table_names = false``: ``library_item``."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()
    if singular:
        return snake
    head, _, last = snake.rpartition("_")
    prefix = f"{head}_" if head else ""
    if last in _IRREGULAR:
        return prefix + _IRREGULAR[last]
    if re.search(r"[^aeiou]y$", last):
        return prefix + last[:-1] + "ies"
    if last.endswith(("ss", "us", "x", "z", "ch", "sh")):
        return prefix + last + "es"
    if last.endswith("s"):
        return snake  # plural already
    return snake + "s"


def _class_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each ``class`` of a Ruby file, in order: it ends at the first
    ``end`` as indented as its ``class`` line (its own line where it closes there, ``class
    Error < StandardError; end``)."""
    out = []
    for m in _CLASS.finditer(text):
        start = text.rfind("class", m.start(), m.start(1))  # (`^\s*` takes blank lines)
        indent = text[text.rfind("\n", 0, start) + 1 : start]
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        if re.search(r"(?:;|\s)end\s*(?:#.*)?$", text[m.end() : line_end]):
            end = line_end
        else:
            closing = re.compile(rf"^{re.escape(indent)}end\b", re.MULTILINE).search(text, line_end)
            end = closing.start() if closing else len(text)
        out.append((start, end, m.group(1).rsplit("::", 1)[-1]))
    return out


def _owner(spans: Sequence[tuple[int, int, str]], at: int) -> list[str]:
    """``[the innermost class holding the offset at]``, or ``[]``: a statement after a
    nested class's ``end`` is its outer class's (fab-manager's ``AuthProvider`` validates
    ``name`` after its ``SimpleAuthProvider`` stub, round BO)."""
    inner = [name for start, end, name in spans if start <= at < end]
    return inner[-1:]


_ALIAS = lazyre.compile(
    r"^[ \t]*alias_attribute\s*\(?\s*:?[\"']?(\w+)[\"']?\s*,\s*:?[\"']?(\w+)", re.MULTILINE
)


def validations(text: str, belongs_required: bool = False, singular: bool = False) -> Guarantees:
    """What a Rails model file's classes validate, by table; with ``belongs_required``
    (the app's ``belongs_to`` validates presence), each ``belongs_to :author`` without
    ``optional: true`` keeps ``author_id`` (or its ``foreign_key:``) set: codeocean's
    ``belongs_to :contributor``, then NOT NULL on ``contributor_id`` (round U)."""
    classes = [(m.start(), m.group(1).rsplit("::", 1)[-1]) for m in _CLASS.finditer(text)]
    spans = _class_spans(text)
    named = {}
    for m in _TABLE_NAME.finditer(text):
        owner = _owner(spans, m.start())
        if owner:
            named[owner[-1]] = m.group(1).lower()
    if not classes and _CONCERN.search(text):
        # a concern: what it validates is its including models' (under its own key)
        modules = [(m.start(), m.group(1)) for m in _MODULE.finditer(text)]
        classes = modules[-1:]
        if classes:
            named[classes[0][1]] = CONCERN + classes[0][1].lower()
            spans = [(classes[0][0], len(text), classes[0][1])]
    out = Guarantees()
    for m in _INCLUDE.finditer(text):
        owner = _owner(spans, m.start())
        if owner:
            table = named.get(owner[-1]) or _tableize(owner[-1], singular)
            for module in re.findall(r"[A-Z]\w*(?:::[A-Z]\w*)*", m.group(1)):
                out.includes.setdefault(table, set()).add(module.rsplit("::", 1)[-1].lower())
    # each `has_many`/`has_one` a class owns (not `through:`, `as:`): its rows' table,
    # their key (`foreign_key:`, or the owner's name: `dossier_id`), and its `dependent:`
    # (demarches-simplifiees' `has_many :follows, -> { active }, dependent: :destroy`,
    # round CL)
    for m in _HAS.finditer(text):
        owner = _owner(spans, m.start())
        statement = _statement(text, m.start())
        if not owner or not statement or _NOT_OWNED.search(statement):
            continue
        table = named.get(owner[-1]) or _tableize(owner[-1], singular)
        named_class = _CLASS_NAME.search(statement)
        model = named_class.group(1).rsplit("::", 1)[-1] if named_class else camel(m.group(2))
        child = _tableize(model, singular)
        key = _FOREIGN_KEY.search(statement)
        column = (key.group(1) or key.group(2)) if key else f"{_tableize(owner[-1], True)}_id"
        cleared = _DEPENDENT.search(statement) is not None
        out.children.setdefault(table, []).append((child, column.lower(), cleared))
    # each `belongs_to`: (its class, its name, its statement, its key's column: `<name>_id`
    # or the `foreign_key:` it names), read once for the validated associations and the
    # required ones
    belongs: list[tuple[str, str, str, str]] = []
    for m in _BELONGS_TO.finditer(text):
        owner = _owner(spans, m.start())
        statement = _statement(text, m.start())
        if owner and statement:
            key = _FOREIGN_KEY.search(statement)
            column = (key.group(1) or key.group(2)) if key else f"{m.group(1)}_id"
            belongs.append((owner[-1], m.group(1), statement, column.lower()))
    # an association kept present is its key's column (publish-teacher-training's
    # `validates :course` over `foreign_key: :ucas_course_code`: not `course_id`, round BC),
    # never a column of the association's name (preservation_catalog's `belongs_to :status`
    # kept `status_id`, not the integer `status` a migration then added NOT NULL: BI)
    keyed = {(cls, name.lower()): column for cls, name, _, column in belongs}
    # … and an alias is the column it names (auction_center's `alias_attribute
    # :country_code, :alpha_two_country_code`, validated under the alias: round CR)
    for m in _ALIAS.finditer(text):
        if owner := _owner(spans, m.start()):
            keyed.setdefault((owner[-1], m.group(1).lower()), m.group(2).lower())
    for m in _STATEMENT.finditer(text):
        owner = _owner(spans, m.start())
        statement = _statement(text, m.start())
        if not owner or not statement:
            continue
        # `allow_nil: true` lets NULL through, which a unique key never refuses twice
        # (pdc_describe's `validates :code, uniqueness: true, allow_nil: true`, round CD):
        # still a uniqueness, no presence
        # (a condition inside `uniqueness: { … }` limits the uniqueness only: rdv-service-
        # public's `presence: true, uniqueness: { conditions: -> { … } }`, round CJ)
        outside, inside = _uniqueness_options(statement)
        nil_only = bool(_PARTIAL.search(outside)) and not _PARTIAL.search(
            _ALLOW_NIL.sub("", outside)
        )
        if _PARTIAL.search(outside) and not nil_only:
            continue
        partial_unique = bool(_PARTIAL.search(_ALLOW_NIL.sub("", inside)))
        rest = statement[m.end() - m.start() :]
        attributes = []
        at = 0
        while s := _SYMBOLS.match(rest, at):
            attributes.append(keyed.get((owner[-1], s.group(1).lower()), s.group(1).lower()))
            at = s.end()
        table = named.get(owner[-1]) or _tableize(owner[-1], singular)
        how = m.group(1)
        unique = how == "validates_uniqueness_of" or (
            how == "validates" and _UNIQUENESS.search(rest)
        )
        if unique and not partial_unique:
            scope = _SCOPE.search(rest)
            scoped = [s.lower() for s in re.findall(r"\w+", scope.group(1).lstrip("%i"))] if (
                scope
            ) else []  # fmt: skip
            # (``case_sensitive: false`` compares ``LOWER(a)``: it keeps a key over that
            # expression too, OpenSplitTime's ``"organization_id, lower(name)"``, round CK)
            folded = _CASE_INSENSITIVE.search(inside or rest) is not None
            for a in attributes:
                out.unique.setdefault(table, []).append(frozenset([a, *scoped]))
                if folded:
                    out.unique[table].append(frozenset([f"lower({a})", *scoped]))
        said = outside[m.end() - m.start() :]  # (the options but the uniqueness hash's)
        if not nil_only and (how in _NOT_NULL_CALLS or (
            how == "validates"
            and (_NOT_NULL.search(said) or _format_refuses_nil(said))
            and not re.search(r"\bnil\b", said)
        )):  # fmt: skip
            out.required.setdefault(table, set()).update(attributes)
    for m in _CALLBACK.finditer(text):
        owner = _owner(spans, m.start())
        statement = _statement(text, m.start())
        rest = statement[m.end() - m.start() :]
        if not owner or re.search(r"\b(?:if|unless)\s*:|:(?:if|unless)\s*=>", rest):
            continue
        if _ON_UPDATE.search(rest):
            continue
        table = named.get(owner[-1]) or _tableize(owner[-1], singular)
        at = 0
        while c := _SYMBOLS.match(rest, at):
            out.required.setdefault(table, set()).update(_always_set(text, c.group(1)))
            for column in _randomly_set(text, c.group(1)):
                out.unique.setdefault(table, []).append(frozenset([column]))
            at = c.end()
        # … or a block calling one method, or setting the column itself (classroom's
        # `before_validation(on: :create) { ensure_last_active_at_presence }`, round BH)
        if (block := _ONE_LINE_BLOCK.search(rest)) is not None:
            body = block.group(1).strip()
            sets = _SETS.fullmatch(body)
            if sets is not None and sets.group(2).strip() != "nil":
                out.required.setdefault(table, set()).add(sets.group(1).lower())
            elif re.fullmatch(r"\w+[?!]?", body):
                out.required.setdefault(table, set()).update(_always_set(text, body))
    for m in _HABTM_LINE.finditer(text):
        # a `has_and_belongs_to_many` writes both keys of every join row it makes (rdv-
        # service-public's agents_users, NOT NULL on both, round CJ)
        owner = _owner(spans, m.start())
        statement = _statement(text, m.start())
        if not owner or re.search(r"\bforeign_key|join_table|association_foreign_key", statement):
            continue
        mine = named.get(owner[-1]) or _tableize(owner[-1], singular)
        other = m.group(1).lower()
        join = habtm_joins(mine, other)[-1]
        keys = {f"{_singular_of(mine)}_id", f"{_singular_of(other)}_id"}
        out.required.setdefault(join, set()).update(keys)
    for m in _TOKENS.finditer(text):
        owner = _owner(spans, m.start())
        if owner:
            table = named.get(owner[-1]) or _tableize(owner[-1], singular)
            statement = _statement(text, m.start())
            for column in _random_tokens(m.group(1), statement):
                out.unique.setdefault(table, []).append(frozenset([column]))
            validatable = m.group(1) == "devise" and ":validatable" in statement
            if validatable and not _EMAIL_REQUIRED.search(text):
                out.unique.setdefault(table, []).append(frozenset(["email"]))
    if belongs_required:
        for cls, name, statement, column in belongs:
            if _NOT_REQUIRED.search(statement):
                continue
            table = named.get(cls) or _tableize(cls, singular)
            out.required.setdefault(table, set()).add(column)
            if _POLYMORPHIC.search(statement):  # (and the type beside the id)
                out.required[table].add(f"{name}_type".lower())
    return out


def _singular_of(table: str) -> str:
    from rollback_gate.checks.history.order import singular

    head, sep, last = table.rpartition("_")
    return head + sep + singular(last)


def _uniqueness_options(statement: str) -> tuple[str, str]:
    """A ``validates`` statement without its ``uniqueness: { … }`` hash, and that hash
    (braces matched: a ``conditions: -> { … }`` lambda nests), "" where it has none."""
    m = re.search(r"(?:\buniqueness\s*:|:uniqueness\s*=>)\s*\{", statement)
    if m is None:
        return statement, ""
    depth, at = 0, m.end() - 1
    for at in range(m.end() - 1, len(statement)):
        depth += {"{": 1, "}": -1}.get(statement[at], 0)
        if depth == 0:
            break
    return statement[: m.start()] + statement[at + 1 :], statement[m.start() : at + 1]


def _body_sets(text: str, method: str) -> Iterator[tuple[str, str]]:
    """``(attribute, value)`` of each ``self.c = …`` (or ``||=``) at the own level of the
    Ruby method ``method``'s body in ``text`` (not nested under a block or an ``if``)."""
    m = re.search(rf"^([ \t]*)def\s+{re.escape(method)}\b[^\n]*\n", text, re.MULTILINE)
    if m is None:
        return
    level = None
    for line in text[m.end() :].splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        if indent <= len(m.group(1)):
            break  # (its `end`, or the next definition)
        level = indent if level is None else level
        sets = _SETS.match(line.strip()) if indent == level else None
        if sets is not None:
            yield sets.group(1), sets.group(2)


def _always_set(text: str, method: str) -> set[str]:
    """The attributes the Ruby method ``method`` of ``text`` sets at its body's own level
    (``self.c = …`` or ``self.c ||= …``, not under an ``if``), to anything but ``nil``."""
    return {
        column.lower() for column, value in _body_sets(text, method)
        if not re.match(r"nil\b|.*\b(?:if|unless)\b", value)
    }  # fmt: skip


def _random_tokens(how: str, statement: str) -> list[str]:
    """The columns a model's ``has_secure_token`` (``token`` unless named), Authlogic's
    ``acts_as_authentic`` or Devise's ``devise`` modules fill with random tokens."""
    if how == "has_secure_token":
        named = re.findall(r":(\w+)", statement.split("\n", 1)[0])
        return [n.lower() for n in named[:1]] or ["token"]
    if how == "acts_as_authentic":
        return list(_AUTHLOGIC_TOKENS)
    modules = set(re.findall(r":(\w+)", statement))
    return [column for module, column in _DEVISE_TOKENS.items() if module in modules]


def _randomly_set(text: str, method: str) -> set[str]:
    """The attributes the Ruby method ``method`` of ``text`` sets at its body's own level to
    a random token (:data:`_RANDOM_VALUE`), always or where the attribute is unset (``if
    self.api_key.nil?``, ``unless api_key``): each row gets one of its own."""
    out: set[str] = set()
    for column, value in _body_sets(text, method):
        if not _RANDOM_VALUE.search(value):
            continue
        guard = re.search(r"\s(?:if|unless)\s+(.*)$", value)
        if guard is None or re.search(rf"\b{re.escape(column)}\b", guard.group(1)):
            out.add(column.lower())
    return out


def belongs_required(config: dict[str, str]) -> bool:
    """Whether a Rails app's ``belongs_to`` validates presence: ``config.load_defaults``
    5.0 or later in ``config/application.rb`` and no ``belongs_to_required_by_default =
    false`` among its config files (``config``: path → text), or that setting true."""
    said = [m.group(1) for text in config.values() for m in _REQUIRED_BY_DEFAULT.finditer(text)]
    if said:
        return "false" not in said
    app = next((t for p, t in config.items() if p.endswith("config/application.rb")), "")
    versions = [int(v) for v in _LOAD_DEFAULTS.findall(app)]
    return bool(versions) and max(versions) >= 5


def partial_inserts(config: dict[str, str]) -> bool:
    """Whether a Rails app's ActiveRecord inserts only the attributes a record sets, so that
    the database's default fills the others: ``partial_inserts`` (``partial_writes``
    before Rails 7.0) set true, or neither set and ``config.load_defaults`` below 7.0
    (7.0's defaults write every attribute, NULL included), or none at all in the app's
    ``config/application.rb`` (ActiveRecord's own default: Rails before 5.1 has no
    ``load_defaults``; publishing-api on 4.2, round AE). No such file: not counted on."""
    said = [m.group(2) for text in config.values() for m in _PARTIAL_SET.finditer(text)]
    if said:
        return "false" not in said
    app = next((t for p, t in config.items() if p.endswith("config/application.rb")), None)
    versions = [int(v) for v in _LOAD_DEFAULTS.findall(app or "")]
    return max(versions) < 7 if versions else app is not None


def step_default(text: str, table: str, column: str) -> bool:
    """Whether a Rails migration's up step (``text`` less its ``down`` method) gives
    ``table.column`` a default other than ``nil``."""
    pattern = _STEP_DEFAULT.format(t=re.escape(table), c=re.escape(column))
    for m in re.finditer(pattern, RUBY_DOWN.sub("", text), re.IGNORECASE):
        rest = _statement(m.group(1), 0)
        to = re.search(r"\bto\s*:\s*(\S+)|\bdefault\s*:\s*(\S+)", rest)
        value = (to.group(1) or to.group(2)) if to else rest
        said = m.group(0).startswith("change_column_default") or to
        if said and value.strip().strip(",)").strip() not in ("nil", ""):
            return True
    return False


def conflicts(text: str) -> Guarantees:
    """The unique keys ``INSERT INTO t … ON CONFLICT (a, b)`` statements in ``text`` need,
    and those its ``CREATE UNIQUE INDEX`` statements make (by name, and by table where the
    statement writes it out)."""
    out = Guarantees()
    for m in _ON_CONFLICT.finditer(text):
        # the INSERT it ends: the last one before it, with no `;` between
        before = text[max(0, m.start() - _STATEMENT_REACH) : m.start()]
        before = before[before.rfind(";") + 1 :]
        inserts = list(_INSERT.finditer(before))
        insert = inserts[-1] if inserts else None
        columns = [bare(c.strip()) for c in m.group(1).split(",") if c.strip()]
        if insert and columns and all(re.fullmatch(r"\w+", c) for c in columns):
            out.unique.setdefault(insert.group(1).lower(), []).append(frozenset(columns))
    for m in _CREATE_UNIQUE.finditer(text):
        columns = [bare(c.strip()).lower() for c in m.group(3).split(",") if c.strip()]
        if columns and all(re.fullmatch(r"\w+", c) for c in columns):
            key = frozenset(columns)
            out.indexes.setdefault(m.group(1).lower(), []).append(key)
            if re.fullmatch(r"[\"`]?\w+[\"`]?", m.group(2)):
                out.indexes.setdefault(ON + bare(m.group(2)).lower(), []).append(key)
    return out


ON = "\ton\t"  # (:attr:`Guarantees.indexes` keyed by the table the statement writes out)


def _asked(f: Finding) -> bool:
    if not f.path or not all(r.path == f.path for r in f.related):
        return False
    if f.rule == "RG224":
        return any(UNIQUE_KEY.search(o.key) or _rails_foreign(o) for o in occurrences(f))
    return (
        f.rule == "RG222"
        and f.path.endswith((".rb", *_ORM_MIGRATIONS))
        and any(_required(o) for o in occurrences(f))
    )


def _required(o: Finding) -> tuple[str, str] | None:
    """``(table, column)`` an RG222 occurrence asks about: NOT NULL set on an existing
    column; or, outside Rails, a column added NOT NULL, which the previous release's ORM
    model may already map, so that its inserts always write it (comp's Prisma
    ``organizationId``, round AJ; pycroft's SQLAlchemy model committed before its
    migration, round AI)."""
    found = required_target(o.key)
    if found is None and ":add_required:" in o.key and not (o.path or "").endswith(".rb"):
        table, column = target(o.key)
        return (table, column) if column else None
    return found


_ORM_MIGRATIONS = (".py", ".exs", ".ex", ".sql", ".xml", ".yaml", ".yml", ".json", *_JS)
"""Alembic's, Ecto's, Flyway's, Liquibase's, Sequelize's and TypeORM's migrations, whose
apps' models may say a column is never left NULL (:attr:`declared.Model.never_null`)."""
_ORM_FRAMEWORKS = (
    "alembic", "django", "ecto", "flyway", "liquibase", "prisma", "sequelize", "typeorm",
    "db-migrate",  # (its apps' models are another ORM's: pages-core's Sequelize)
)  # fmt: skip
_RAW_SQL_FRAMEWORKS = ("golang-migrate", "goose", "dbmate", "sql-migrate")
# Per kind of migration, where its app's models are: a SQLAlchemy model or an Ecto schema,
# a JPA entity or a Hibernate mapping (git's extended regex, the files' globs)
_ORM_SEARCH = {
    "dsl": (
        r'__tablename__|[(,][[:space:]]*db\.Model[[:space:]]*[,)]|^[[:space:]]*(typed_)?schema[[:space:]]+"',
        ("**/*.py", "**/*.ex"),
    ),
    "jvm": (
        r"@((javax|jakarta)\.persistence\.)?(Entity|MappedSuperclass)\b"
        r"|<(class|joined-subclass)[[:space:]]",
        ("**/*.java", "**/*.kt", "**/*.hbm.xml"),
    ),
    "js": (r"@(Table|Entity)\b", tuple(f"**/*{suffix}" for suffix in _JS)),
    "prisma": (r"^[[:space:]]*model[[:space:]]", ("**/*.prisma",)),
    # a pop or gorm model of a Go app whose migrations are SQL files: a struct whose
    # ``TableName()`` names its table (sqlx has none)
    "go": (r"\)[[:space:]]*TableName[[:space:]]*\(|gobuffalo/pop", ("**/*.go",)),
    # a Django model: its app's ``models.py`` or ``models/`` package
    "django": (
        r"^[[:space:]]*class[[:space:]]+\w+[[:space:]]*\(.*Model",
        ("**/models.py", "**/models/*.py", "**/models/**/*.py"),
    ),
}
# a Django app's migration: ``<app>/migrations/0001_initial.py`` (Alembic's revisions sit
# in ``versions/``)
_DJANGO_MIGRATION = lazyre.compile(r"(?:^|/)migrations/\d{4,}_\w*\.py$")
_PY_CLASS = lazyre.compile(r"^[ \t]*class[ \t]+(\w+)", re.MULTILINE)
_JVM_CLASS = lazyre.compile(r"\bclass\s+(\w+)")
_JVM_FILES = (".java", ".kt")
_TS_FILES = (".ts", ".mts", ".js")  # (a TypeORM entity that names no table: its class's)


def django_label(path: str) -> str:
    """The app label Django gives the models of a file (``judge/models/contest.py`` and
    ``judge/models.py``: ``judge``): its app folder's name, lower case ("" for none)."""
    parts = path.lower().split("/")
    if parts[-1] == "models.py":
        return parts[-2] if len(parts) > 1 else ""
    inside = [i for i, part in enumerate(parts[:-1]) if part == "models"]
    return parts[inside[-1] - 1] if inside and inside[-1] > 0 else ""


def _django_file(path: str, text: str) -> bool:
    return (
        path.endswith(".py")
        and "django" in text
        and (path.endswith("/models.py") or path == "models.py" or "models/" in path)
    )


def _orm_kind(f: Finding) -> str:
    """Whose models say what an ORM migration's column holds: ``dsl`` for an Alembic or
    Ecto migration, ``js`` for a Sequelize or TypeORM one (sequelize-typescript's and
    TypeORM's decorated classes), ``prisma`` for a Prisma one (its ``schema.prisma``),
    ``jvm`` for a Flyway or Liquibase one."""
    path = f.path or ""
    if path.endswith("/migration.sql"):
        return "prisma"  # (Prisma's `<timestamp>_<name>/migration.sql`)
    if _DJANGO_MIGRATION.search(path):
        return "django"
    return "dsl" if path.endswith((".py", ".exs", ".ex")) else "js" if path.endswith(_JS) else "jvm"


def _targets(asked: Iterable[Finding]) -> set[str]:
    """The tables the asked RG222 findings set NOT NULL in, lower case."""
    return {bare(t[0]) for f in asked for o in occurrences(f) if (t := _required(o))}


def _named(ctx: Context, found: Found, asked: Sequence[Finding]) -> Found:
    """``found`` with, per model file, the asked tables its text names today (a model
    names its table: ``__tablename__``, ``schema "t"``, ``table="t"``, ``@Table``): a
    release reads only the files that name its own (dhis2's 49 releases each read all 155
    models: 1.8 s)."""
    assert ctx.git is not None
    tables = _targets(f for f in asked if _orm_required(f))
    texts = ctx.git.read_many("HEAD", sorted(found.orm), MAX_FILE_BYTES)
    # (a JPA superclass names no table: it lends its members to the entities of them all)
    names = {path: tables if _SUPERCLASS.search(text)
             else tables & _names(path, text, found.labels.get(path, ""))
             for path, text in texts.items()}  # fmt: skip
    return replace(found, names=names)


_WORD = lazyre.compile(r"\w+")
_SUPERCLASS = lazyre.compile(r"@(?:(?:javax|jakarta)\.persistence\.)?MappedSuperclass\b")


def _may_name(text: str, tables: set[str]) -> bool:
    """Whether ``text`` may name one of ``tables`` as :func:`_names` reads it, by plain
    substring search (a superset: the table, the class Flask-SQLAlchemy or JPA would name
    it after, a Django model's own part), before the words are split out."""
    low = text.lower()
    return any(t in low or t.replace("_", "") in low or t.rpartition("_")[2] in low for t in tables)


_GO_STRUCT = lazyre.compile(r"^type\s+(\w+)\s+struct\b", re.M)
# a go.mod's requirement of an ORM that names a struct's table after it
_GO_ORMS = r"gobuffalo/pop|gorm\.io/gorm|jinzhu/gorm"


def _names(path: str, text: str, label: str = "") -> set[str]:
    """The words of a model file, and the tables Django (``label``: its app's, where
    known) and Flask-SQLAlchemy name its classes after (simple-login's ``GenEmail`` is
    ``gen_email``, round AO)."""
    from rollback_gate.checks.declared import snake

    words = set(_WORD.findall(text.lower()))
    if label or _django_file(path, text):
        label = label or django_label(path)
        words |= {f"{label}_{m.group(1).lower()}" for m in _PY_CLASS.finditer(text)}
    elif path.endswith(".py"):
        words |= {snake(m.group(1)) for m in _PY_CLASS.finditer(text)}
    elif path.endswith((*_JVM_FILES, *_TS_FILES)):  # (an entity naming no table: its class's)
        words |= {snake(m.group(1)) for m in _JVM_CLASS.finditer(text)}
    elif path.endswith(".go"):  # (pop's table: the struct's name, snake case, plural)
        words |= {plural(snake(m.group(1))) for m in _GO_STRUCT.finditer(text)}
    return words


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG224 and RG222 occurrences the previous release's code
    already guaranteed (``files`` unused)."""
    asked = [f for f in findings if _asked(f)]
    raw: list[str] = []
    if any(_orm_required(f) for f in asked):
        # only these frameworks': a Django RG222 comes from the model history itself
        from rollback_gate.checks.migrations import entries_of

        orm = [inside for _, inside in entries_of(ctx, _ORM_FRAMEWORKS)]
        raw = [inside for _, inside in entries_of(ctx, _RAW_SQL_FRAMEWORKS)]
        asked = [f for f in asked if f.rule != "RG222" or (f.path or "").endswith(".rb")
                 or any((f.path or "").startswith(inside) for inside in [*orm, *raw])]  # fmt: skip
    if not asked or ctx.git is None:
        return findings
    roots = [f.strip("/") + "/" for f in folders]
    releases = releases_of(ctx, asked, folders)
    revs = sorted(set(releases.values()))
    if not revs:
        return findings
    # One release (a change's base): its files are searched. Several (`scope: all`): the
    # files that say it now are searched once, and read at each release (a grep per
    # release took oneuptime's 9 releases 2 s more); one that said it only then is missed
    # here, and searched for below where an ORM migration's finding is left.
    found = _candidates(ctx, revs[0] if len(revs) == 1 else "HEAD", roots, asked, raw)
    if len(revs) > 1 and found.orm:
        found = _named(ctx, found, asked)
    wanted: dict[str, set[str]] = {}  # release → the tables its NOT NULL findings ask about
    for f in asked:
        if _orm_required(f) and (rev := releases.get(f.path or "")):
            wanted.setdefault(rev, set()).update(_targets([f]))
    # every release's files read by one `git cat-file` (a call each took dhis2's 49 1 s)
    reads = {rev: _files(found, wanted.get(rev, set())) for rev in revs}
    # (each release's files where they were then: an app moved into a folder since,
    # rdv-service-public's `rails/`, is read at its release from the folder it sat in)
    shifted = _moved_apps(ctx, roots, asked, releases) if len(revs) > 1 else {}

    def then(rev: str, path: str) -> str:
        now, was = shifted.get(rev, ("", ""))
        return was + path[len(now) :] if now and path.startswith(now) else path

    found_at = ctx.git.read_at(((rev, then(rev, p)) for rev in revs for p in reads[rev]),
                               MAX_FILE_BYTES)  # fmt: skip
    texts = {(rev, p): found_at[(rev, then(rev, p))] for rev in revs for p in reads[rev]
             if (rev, then(rev, p)) in found_at}  # fmt: skip
    known = {
        rev: _guarantees(found, {p: texts[(rev, p)] for p in reads[rev] if (rev, p) in texts})
        for rev in revs
    }
    judged = _judged(ctx, asked, releases, known, raw)
    if len(revs) > 1:
        # An ORM migration's NOT NULL still unexplained: its release's models may sit where
        # today's tree has none (tacker's `vm_db.py`, moved since, round W). Those releases
        # only are searched, by one `git grep` over them all per kind of model (appsemble's
        # models moved to `models/apps/`, round Z); not a JVM app's, whose tree is larger
        # (searched at 32 releases, dhis2's took 24 s).
        # (a file only a merge commit ever added has no release of its own here:
        # notifications-api's 0097, round AD)
        def kind_of(f: Finding) -> str:  # (a Go app's SQL files: its pop or gorm structs)
            return "go" if _raw(f, raw) and found.pop else _orm_kind(f)

        left = [f for f in asked if _orm_required(f) and kind_of(f) != "jvm"
                and (f.path or "") in releases and judged.get(id(f), [f])]  # fmt: skip
        for kind in sorted({kind_of(f) for f in left}):
            again = sorted({releases[f.path or ""] for f in left if kind_of(f) == kind})
            mark, globs = _ORM_SEARCH[kind]
            if kind == "go":
                mark = rf"{mark}|db:\"|gorm:\""
            more = ctx.git.grep_files_at(again[:_AGAIN], mark, globs, found.outside)
            labels: dict[tuple[str, str], str] = {}  # (a Django app's other modules: its label)
            if kind == "django":
                # (only the apps whose models sit outside models.py and models/ today: one
                # that keeps them there kept them there; every module of netbox's apps at
                # its releases cost 0.8 s)
                apps = _django_apps(f for f in left if kind_of(f) == kind)
                every = [*_inner_apps(ctx, apps), *apps]  # (an app inside another is its own)
                apps = {a for a in apps if any(_elsewhere(a, p, every) for p in found.labels)}
                for rev, labelled in _app_modules(ctx, again[:_AGAIN], apps).items():
                    more.setdefault(rev, set()).update(labelled)
                    labels.update(((rev, p), label) for p, label in labelled.items())
            # (and the files today's names kept from that release: simple-login's models.py
            # holds no ``GenEmail`` now, round AO)
            moved = ((rev, p) for rev, paths in more.items() for p in paths - reads[rev])
            for (rev, path), text in ctx.git.read_at(moved, MAX_FILE_BYTES).items():
                # (only a file that names a table the release asks about is parsed:
                # TrueNAS' 96 plugin modules at 10 releases were 900 parses, 20 s of a
                # 38 s audit, round BE)
                label = labels.get((rev, path), "")
                if _may_name(text, asked_at := wanted.get(rev, set())) and (
                    _names(path, text, label) & asked_at
                ):
                    known[rev].add(_never_null(path, text, found.pop, label))
        if left:
            judged = _judged(ctx, asked, releases, known, raw)
        # A JPA migration's NOT NULL still unexplained: its entity (or the class it extends)
        # may sit at another path in its release, the file named as today's (avni-server's
        # `avni-server-api/` → `avni-server-data/`, round CH). Found by name in each
        # release's file list (one `git ls-tree`, kept for the run), not by a grep.
        jvm = [f for f in asked if _orm_required(f) and _orm_kind(f) == "jvm"
               and (f.path or "") in releases and judged.get(id(f), [f])]  # fmt: skip
        renamed: set[tuple[str, str]] = set()
        for rev in sorted({releases[f.path or ""] for f in jvm})[:_AGAIN]:
            gone = {p.rpartition("/")[2] for p in reads[rev] & found.orm
                    if p.endswith(_JVM_FILES) and (rev, p) not in texts}  # fmt: skip
            if gone:
                renamed |= {(rev, p) for p in ctx.git.files_at(rev) or ()
                            if p.rpartition("/")[2] in gone and p not in reads[rev]}  # fmt: skip
        for (rev, path), text in ctx.git.read_at(renamed, MAX_FILE_BYTES).items():
            known[rev].add(_never_null(path, text))
        if renamed:
            judged = _judged(ctx, asked, releases, known, raw)
        # A unique key still unexplained: the code of its release may have created it
        # itself, in code that no longer does (bitcoin-s' `CREATE UNIQUE INDEX IF NOT
        # EXISTS utxo_outpoints` at start-up, removed when V17 made it a migration: round
        # BO). Those releases only, by one `git grep`.
        keys = [f for f in asked if f.rule == "RG224" and (f.path or "") in releases
                and judged.get(id(f), [f]) and _guarded(ctx, f)]  # fmt: skip
        again = sorted({releases[f.path or ""] for f in keys})[:_DDL_AGAIN]
        if again:
            from rollback_gate.checks.dropped import _NOT_CODE, CODE

            more = ctx.git.grep_files_at(
                again, "create unique index", CODE, [*found.outside, *_NOT_CODE],
                fixed_any_case=True,
            )  # fmt: skip
            fresh = [(rev, p) for rev, paths in more.items() for p in paths - reads[rev]]
            for (rev, _), text in ctx.git.read_at(fresh, MAX_FILE_BYTES).items():
                known[rev].add(conflicts(text))
            if fresh:
                judged = _judged(ctx, asked, releases, known, raw)
    # A JVM app's unique key still unexplained, where the app writes its tables with SQL of
    # its own (no entity, repository, jOOQ or Exposed insert in its code) and every `INSERT
    # INTO t` of it says `ON CONFLICT DO NOTHING`: a duplicate is skipped, never an error
    # (lydia-api's Kotlin repositories, round CM: three). Only the keys :func:`_skipped_keys`
    # lets through (their tables inserted into so at their releases, nothing else writing
    # at the newest one) are asked; their releases', eight at most, every INSERT (one `git
    # grep`), the files read as they were.
    plain = [f for f in asked if f.rule == "RG224" and _orm_kind(f) == "jvm"
             and (f.path or "") in releases and judged.get(id(f), [f])]  # fmt: skip
    if plain:
        from rollback_gate.checks.dropped import _NOT_CODE

        excluded = [*found.outside, *_NOT_CODE]
        plain = _skipped_keys(ctx, plain, releases, excluded)
        again = sorted({releases[f.path or ""] for f in plain})[:_DDL_AGAIN]
        sql_only = {rev: code for rev, code in _inserts_at(ctx, again, excluded).items()
                    if not any(_WRITERS.search(text) for text in code)}  # fmt: skip
        for rev, code in sql_only.items():
            known[rev] = replace(known[rev], sql_only=True, inserts={}, skipping={})
            for text in code:
                known[rev].add(_inserted(text))
        if sql_only:
            judged = _judged(ctx, asked, releases, known, raw)
    return [g for f in findings for g in judged.get(id(f), [f])]


def _inserts_at(ctx: Context, revs: list[str], excluded: list[str]) -> dict[str, list[str]]:
    """Release → the text of each code file of it that says ``INSERT INTO`` (one ``git
    grep`` over the releases, one read)."""
    from rollback_gate.checks.dropped import CODE

    assert ctx.git is not None
    if not revs:
        return {}
    listed = ctx.git.grep_files_at(revs, "insert into", CODE, excluded, fixed_any_case=True)
    read = ctx.git.read_at(
        [(rev, p) for rev, paths in listed.items() for p in paths], MAX_FILE_BYTES
    )
    out: dict[str, list[str]] = {}
    for (rev, _), text in read.items():
        out.setdefault(rev, []).append(text)
    return out


def _skipped_keys(
    ctx: Context, keys: list[Finding], releases: dict[str, str], excluded: list[str]
) -> list[Finding]:
    """Of the JVM RG224 ``keys``, those whose every table their own release inserts into
    with ``ON CONFLICT DO NOTHING`` somewhere (eight releases at most), where the newest
    release's code has no other writer (:data:`_OTHER_WRITERS`, as :func:`unbuilt.
    _has_entities` asks it): the rest cannot be kept so, and their releases' INSERTs are
    not read. One ``git grep`` for the writers, one for the statements (evaka's 115 files
    of INSERTs at six releases cost 0.8 s where few keys could pass); the statements' files
    read at each release."""
    from rollback_gate.checks.dropped import CODE

    assert ctx.git is not None
    revs = sorted({releases[f.path or ""] for f in keys})[:_DDL_AGAIN]
    times = ctx.git.commit_times(revs)
    newest = max(revs, key=lambda rev: (times.get(rev, 0), rev))
    # (only the files that say it now are asked at each release: this filters, a file
    # missed keeps its keys; a plain string first, which git finds fast: DSpace has none)
    now = ctx.git.grep_files(newest, "on conflict do nothing", CODE, excluded, fixed_any_case=True)
    if not now or ctx.git.grep_files(newest, _OTHER_WRITERS, CODE, excluded):
        return []
    wanted = [(rev, p) for rev in revs for p in sorted(now)]
    skipping: dict[str, set[str]] = {}
    for (rev, _), text in ctx.git.read_at(wanted, MAX_FILE_BYTES).items():
        found = _inserted(text).skipping
        skipping.setdefault(rev, set()).update(t for t, skips in found.items() if any(skips))
    return [
        f for f in keys
        if {table_of(o.key) for o in occurrences(f)} <= skipping.get(releases[f.path or ""], set())
    ]  # fmt: skip


# what writes a JVM app's tables without an `INSERT INTO` of its own text: JPA or Spring
# Data entities, repositories and templates, jOOQ's, Exposed's and Ktorm's insert builders,
# Spring's SimpleJdbcInsert, MyBatis' and JDBI's insert annotations (git's extended regex;
# not any `.insert(`: a BigQuery client's is no write of the database)
_OTHER_WRITERS = (
    r"@(javax\.persistence\.|jakarta\.persistence\.)?(Entity|Table|Insert|SqlUpdate)\b"
    r"|CrudRepository|JpaRepository|R2dbcRepository|ReactiveCrudRepository|insertInto"
    r"|SimpleJdbcInsert|JdbcAggregateTemplate|R2dbcEntityTemplate|batchInsert"
    r"|\.insert[[:space:]]*\{|<insert[[:space:]]|org\.jetbrains\.exposed|org\.ktorm"
)
_WRITERS = lazyre.compile(_OTHER_WRITERS.replace("[[:space:]]", r"\s"))


def _moved_apps(
    ctx: Context, roots: Sequence[str], asked: Sequence[Finding], releases: dict[str, str]
) -> dict[str, tuple[str, str]]:
    """Release → (today's prefix, that release's) where the folder of a migration it added
    sat elsewhere then, by the same trailing folders (``rails/db/migrate`` now,
    ``db/migrate`` then: the app moved into ``rails/``)."""
    from rollback_gate.checks.history.order import home
    from rollback_gate.checks.renamed import _folders_then

    out: dict[str, tuple[str, str]] = {}
    roots = sorted({r.strip("/") for r in roots})  # (as the other judges ask: one git walk)
    folders = _folders_then(ctx, roots, asked)
    for f in asked:
        rev = releases.get(f.path or "")
        if rev is None or rev in out:
            continue
        now = home(f.path or "", roots).strip("/").split("/")
        was = folders[id(f)].strip("/").split("/")
        same = 0
        while same < min(len(now), len(was)) and now[-1 - same] == was[-1 - same]:
            same += 1
        if same and now != was:
            prefix = "/".join(now[: len(now) - same])
            before = "/".join(was[: len(was) - same])
            out[rev] = (f"{prefix}/" if prefix else "", f"{before}/" if before else "")
    return out


def _guarded(ctx: Context, f: Finding) -> bool:
    """Whether an RG224's file makes a unique index only where it is missing (``CREATE
    UNIQUE INDEX IF NOT EXISTS``): the one way a migration can make an index the previous
    release's code had made itself, and the only kind its code is searched for (a grep of
    every code file: evaka's audit took 0.7 s more for it)."""
    if f.rule != "RG224":
        return False
    try:
        text = ctx.tree.read_text(f.path or "", lenient=True)
    except Unreadable:
        return False
    return _IF_NOT_EXISTS_INDEX.search(text) is not None


_IF_NOT_EXISTS_INDEX = lazyre.compile(
    r"\bCREATE\s+UNIQUE\s+INDEX\s+(?:CONCURRENTLY\s+)?IF\s+NOT\s+EXISTS\b", re.IGNORECASE
)
_AGAIN = 32  # releases searched again, at most (one git grep over all of them)
_DDL_AGAIN = 8  # … for the code's own unique indexes (every code file, so fewer)


def _orm_required(f: Finding) -> bool:
    """An RG222 of an ORM's migration (Alembic, Ecto, Flyway, Liquibase, Sequelize,
    TypeORM), judged by the ORM's models (a Rails one by its validations). Not an RG224:
    an entity's ``unique: true`` is no key the database had (a TypeORM migration that
    adds it was generated because the database lacked it: jpal-backend's ``youth.email``,
    round CJ), and nothing checks it before an insert."""
    return f.rule == "RG222" and not (f.path or "").endswith(".rb")


def _judged(
    ctx: Context,
    asked: Sequence[Finding],
    releases: dict[str, str],
    known: dict[str, Guarantees],
    raw: Sequence[str] = (),
) -> dict[int, list[Finding]]:
    """``id(finding)`` → what is left of it, for each asked finding some of whose
    occurrences the release that ``known`` describes guaranteed."""
    judged: dict[int, list[Finding]] = {}
    for f in asked:
        rev = releases.get(f.path or "")
        if rev is None:
            continue
        text = ctx.tree.read_text(f.path or "", lenient=True)
        events = _events(text) if f.rule == "RG224" else []
        rest = [o for o in occurrences(f) if not _held(o, known[rev], text, events, _raw(f, raw))]
        if len(rest) <= len(f.related):
            judged[id(f)] = one_per_rule(rest)
        cleared = [_cleared(o, known[rev], text) for o in rest]
        if rest and all(cleared):
            models = sorted({c for c in cleared if c})
            why = (_CLEARED if len(models) == 1 else _CLEARED_ALL).format(", ".join(models))
            judged[id(f)] = [
                replace(g, severity=Severity.P3, message=f"{g.message} ({why})")
                for g in one_per_rule(rest)
            ]
    return judged


_CLEARED = (
    "the previous release's model {} deletes the rows that point to its own first "
    "(`dependent:` on every association to them): its deletes leave no row pointing "
    "nowhere, so only an id it makes up is rejected"
)
_CLEARED_ALL = _CLEARED.replace("model {} deletes", "models {} delete").replace(
    "its own first", "theirs first"
)


def _rails_foreign(o: Finding) -> bool:
    """Whether ``o`` is a foreign key of a Rails migration."""
    return (o.path or "").endswith(".rb") and ":foreign key" in o.key.lower()


def _cleared(o: Finding, kept: Guarantees, text: str) -> str:
    """The model (its class name) whose associations clear the rows the Rails foreign key
    of occurrence ``o`` (``add_foreign_key :follows, :dossiers``) points from before it
    deletes a row of its own (:meth:`Guarantees.clears`); "" where none is known to."""
    if not _rails_foreign(o):
        return ""
    lines = text.split("\n")
    at = (o.line or 0) - 1
    m = _RAILS_FOREIGN_KEY.search(lines[at]) if 0 <= at < len(lines) else None
    if m is None:
        return ""
    child, parent = m.group(1).lower(), m.group(2).lower()
    named = _COLUMN_OPTION.search(m.group(3))
    column = named.group(1).lower() if named else f"{_singular_of(parent)}_id"
    return model_name(parent) if kept.clears(parent, child, column) else ""


_CHANGESETS = lazyre.compile(r"<changeSet\b|^\s*-\s*changeSet\s*:|^--\s*changeset\s", re.M | re.I)


def _changesets(text: str) -> int:
    """How many Liquibase changeSets ``text`` holds (XML, YAML or formatted SQL), up to 2."""
    return sum(1 for _, _ in zip(_CHANGESETS.finditer(text), range(2), strict=False))


def _raw(f: Finding, raw: Sequence[str]) -> bool:
    """Whether ``f`` is an RG222 of a plain SQL migration folder (golang-migrate, goose,
    dbmate, sql-migrate: apps that write their tables with SQL of their own)."""
    return f.rule == "RG222" and any((f.path or "").startswith(inside) for inside in raw)


def _held(o: Finding, kept: Guarantees, text: str, events: list[Any], raw: bool = False) -> bool:
    """Whether the occurrence ``o`` (of a migration whose text and key events are given)
    rejects nothing the release that ``kept`` describes writes. ``raw``: the app writes
    the table with SQL of its own, so every ``INSERT INTO`` of its code naming the column
    keeps it (minder's `rule_instance_id`, written by the release before the one that
    sets NOT NULL: round AB, eight)."""
    if o.rule == "RG222":
        target = required_target(o.key)
        if target is None and (added := _required(o)) is not None:
            # a column the step adds: only an ORM model that maps it, never NULL, says the
            # previous release writes it (not SQL of the app's own, nor a Rails validation)
            return not raw and _changesets(text) <= 1 and kept.requires(*added, associations=False)
        if target and _changesets(text) > 1:
            # a Liquibase changelog of several changeSets: the commit that added the file
            # (openmrs's per-version files, made long after their changeSets) is no
            # release of each, whose previous release's models may already have caught up
            # (openmrs's encounter_type, round U). Left as found.
            return False
        rails = (o.path or "").endswith(".rb")
        if target and rails and kept.timestamps and target[1] in _AR_TIMESTAMPS:
            # ActiveRecord sets them on every create of a model whose table has them
            # (coursemology2's `set_timestamps_nullity`, round AB; pupilfirst, round W);
            # not ones the step adds: the previous release's schema cache lacks them
            # (rdv-service-public's `add_timestamps …, null: true`, round CJ)
            return not _adds_column(text, *target)
        if target and kept.partial and rails:
            # the old release's INSERTs leave the column out, and the default fills it
            # (pupilfirst's `archived` under `load_defaults 6.1`, round W)
            return step_default(text, *target) or kept.requires(*target)
        if target is not None and raw and kept.always_written(*target):
            return True
        return target is not None and kept.requires(target[0], target[1], associations=rails)
    if not UNIQUE_KEY.search(o.key):
        return False
    if kept.never_refused(table_of(o.key)):
        return True
    made = _made_at(events, text, o.line or 0, table_of(o.key))
    return made is not None and (
        kept.implies_key(made[1].table, made[1].columns)
        or (
            _IF_NOT_EXISTS_INDEX.search(text) is not None
            and kept.creates(made[1].name, made[1].table, made[1].columns)
        )
    )


def _adds_column(text: str, table: str, column: str) -> bool:
    """Whether a Rails migration's text adds ``column`` to ``table``: ``add_column``,
    ``add_timestamps`` (for the timestamps), or ``t.timestamps`` in a ``change_table``."""
    name = re.escape(bare(table).rsplit(".", 1)[-1])
    at = rf"\(?\s*[:'\"]{name}\b['\"]?"
    if re.search(rf"\badd_column\s*{at}\s*,\s*[:'\"]{re.escape(column)}\b", text):
        return True
    if column not in _AR_TIMESTAMPS:
        return False
    block = rf"\bchange_table\s*{at}[^\n]*\n(?:(?!\s*end\b).*\n)*?\s*\w+\.timestamps\b"
    return bool(re.search(rf"\badd_timestamps\s*{at}", text) or re.search(block, text))


@dataclass(frozen=True)
class Found:
    """The files that may say what a release guarantees."""

    models: set[str]  # Rails models
    upserts: set[str]  # files that say ``ON CONFLICT`` or ``CREATE UNIQUE INDEX``
    config: set[str]  # Rails config files
    orm: set[str]  # SQLAlchemy models, Ecto schemas, JPA entities, Hibernate mappings
    outside: list[str]  # the migration folders, left out of every search
    names: dict[str, set[str]] | None = None  # orm file → the asked tables it names
    inserts: set[str] = field(default_factory=set)  # code that says ``INSERT INTO``
    pop: bool = False  # the app's go.mod requires pop or gorm: its tagged structs map tables
    labels: dict[str, str] = field(default_factory=dict)  # Django model file → its app's label


def _candidates(
    ctx: Context, rev: str, roots: Sequence[str], asked: Sequence[Finding], raw: Sequence[str]
) -> Found:
    """The files of ``rev`` that may say what a release guarantees: its Rails models that
    validate, and the config files that say whether ``belongs_to`` does (asked only for a
    Rails migration), its code that says ``ON CONFLICT`` (only for a unique key; the
    migration folders' own files aside), and its ORM models (only for an ORM migration's
    NOT NULL: :data:`_ORM_SEARCH`)."""
    from rollback_gate.checks.dropped import CODE

    assert ctx.git is not None
    models: set[str] = set()
    config: set[str] = set()
    outside = [f"{root}**" for root in roots]
    if any((f.path or "").endswith(".rb") for f in asked):
        models = {
            p for p in ctx.git.grep_files(rev, _MODEL_MARK, MODELS)
            if p.endswith(".rb") and not _TESTS.search(p)
        }  # fmt: skip
        models |= _conventional(models, asked)
    if models or any(f.rule == "RG222" and (f.path or "").endswith(".rb") for f in asked):
        # the app's defaults say what its `belongs_to` validates, and what it inserts
        config = ctx.git.grep_files(rev, _CONFIG_MARK, _CONFIG)
    upserts: set[str] = set()
    if any(f.rule == "RG224" for f in asked):
        upserts = ctx.git.grep_files(rev, "on conflict", CODE, outside, fixed_any_case=True)
    if any(_guarded(ctx, f) for f in asked):
        # (the code's own DDL only: not a test's fixture or a schema dump, which hold the
        # indexes of migrations past and to come)
        from rollback_gate.checks.dropped import _NOT_CODE

        upserts |= ctx.git.grep_files(
            rev, "create unique index", CODE, [*outside, *_NOT_CODE], fixed_any_case=True
        )
    orm: set[str] = set()
    required = [f for f in asked if _orm_required(f)]
    kinds = {_orm_kind(f) for f in required}
    if any(_raw(f, raw) for f in required):
        kinds.add("go")  # (golang-migrate's, goose's … SQL files: a Go app's, maybe)
    pop = False
    labels: dict[str, str] = {}
    for kind in sorted(kinds):
        if kind == "django":  # (its app's own models)
            labels = _django_models(ctx, rev, [f for f in required if _orm_kind(f) == kind])
            orm |= labels.keys()
            continue
        mark, globs = _ORM_SEARCH[kind]
        if kind == "go" and ctx.git.grep_files(rev, _GO_ORMS, ("**/go.mod",)):
            # pop and gorm name a struct's table after it (``Move``: ``moves``), TableName()
            # or not (transcom/mymove's models, round BR): every struct with column tags
            pop, mark = True, rf"{mark}|db:\"|gorm:\""
        orm |= ctx.git.grep_files(rev, mark, globs, outside)
    inserts: set[str] = set()
    if any(_raw(f, raw) for f in asked):
        from rollback_gate.checks.dropped import _NOT_CODE

        excluded = [*outside, *_NOT_CODE]
        inserts = ctx.git.grep_files(rev, "insert into", CODE, excluded, fixed_any_case=True)
    return Found(models, upserts, config, orm, outside, inserts=inserts, pop=pop, labels=labels)


def _django_models(ctx: Context, rev: str, asked: Sequence[Finding]) -> dict[str, str]:
    """The model files of the apps whose Django migrations are asked, each with its app's
    label: ``<app>/models.py`` and the files of a ``<app>/models/`` package, in today's
    tree, and the app's other modules of ``rev`` that declare a model (one ``git grep``):
    Django labels a model by the app whose package holds its module, wherever its
    ``models.py`` imports it from (juntagrico's ``juntagrico/entity/member.py``, round CQ:
    five findings on fields the previous release's model already declared)."""
    apps = _django_apps(asked)
    out = {p: posixpath.basename(app) for app in sorted(apps) for p in ctx.tree.files
           if _models_module(app, p)}  # fmt: skip
    return {**_app_modules(ctx, [rev], apps).get(rev, {}), **out}


def _models_module(app: str, path: str) -> bool:
    """Whether ``path`` is ``app``'s ``models.py`` or a module of its ``models/`` package."""
    return path == f"{app}/models.py" or (
        path.startswith(f"{app}/models/") and path.endswith(".py")
    )


def _elsewhere(app: str, path: str, apps: Sequence[str]) -> bool:
    """Whether ``path`` is a module of ``app`` other than its ``models.py`` or ``models/``,
    not of one of the ``apps`` inside it."""
    return (
        path.startswith(f"{app}/")
        and not _models_module(app, path)
        and not any(path.startswith(f"{a}/") for a in apps if a.startswith(f"{app}/"))
    )


def _inner_apps(ctx: Context, apps: set[str]) -> list[str]:
    """The folders of other Django apps inside ``apps`` (each with its own
    ``migrations/`` or ``apps.py``), in today's tree (listed once per run)."""
    if "validated.app_folders" not in ctx.cache:
        ctx.cache["validated.app_folders"] = {
            p.rsplit("/migrations/", 1)[0] if p.endswith("/migrations/__init__.py")
            else p.rpartition("/")[0]
            for p in ctx.tree.files if p.endswith(("/migrations/__init__.py", "/apps.py"))
        }  # fmt: skip
    folders: set[str] = ctx.cache["validated.app_folders"]
    return sorted(f for f in folders - apps if any(f.startswith(f"{a}/") for a in apps))


def _django_apps(asked: Iterable[Finding]) -> set[str]:
    """The folders of the Django apps whose migrations are asked (each holds its
    ``migrations/``)."""
    return {(f.path or "").rsplit("/migrations/", 1)[0] for f in asked
            if "/migrations/" in (f.path or "")}  # fmt: skip


def _app_modules(ctx: Context, revs: Sequence[str], apps: set[str]) -> dict[str, dict[str, str]]:
    """Per release of ``revs``, the modules of ``apps`` there that declare a Django model
    (not their migrations or tests), each with its app's label: one ``git grep``."""
    assert ctx.git is not None
    if not apps:
        return {}
    # (not the apps inside them, whose models are theirs: seed's `seed/landing/`)
    inner = _inner_apps(ctx, apps)
    skip = [*(f"{app}/migrations/**" for app in sorted(apps)), *(f"{a}/**" for a in inner),
            *_DJANGO_TESTS]  # fmt: skip
    include = [f"{app}/**/*.py" for app in sorted(apps)]
    out: dict[str, dict[str, str]] = {}
    for rev, paths in ctx.git.grep_files_at(revs, _DJANGO_MODEL, include, skip).items():
        for path in paths:
            # (the nearest app holding it: one app's folder may hold another's)
            app = max((a for a in apps if path.startswith(f"{a}/")), key=len)
            out.setdefault(rev, {})[path] = posixpath.basename(app)
    return out


def _conventional(models: set[str], asked: Sequence[Finding]) -> set[str]:
    """The model files Rails' convention names for the asked tables (``councillors`` →
    ``app/models/councillor.rb``), in each folder the models were found in: under ``scope:
    all`` the models are searched in today's tree, where a model deleted since is missing
    (planningalerts' ``Councillor``, round V); read at each release, it is there."""
    from rollback_gate.checks.history.order import singular

    folders = {p.rpartition("/app/models/")[0] + "/app/models/" if "/app/models/" in p
               else "app/models/" for p in models} or {"app/models/"}  # fmt: skip
    tables = set()
    for f in asked:
        for o in occurrences(f):
            target = required_target(o.key) if o.rule == "RG222" else None
            table = target[0] if target else table_of(o.key)
            if table:
                tables.add(singular(bare(table).rsplit(".", 1)[-1]))
    return {f"{folder}{name}.rb" for folder in folders for name in tables}


def _files(found: Found, tables: set[str]) -> set[str]:
    """The ``found`` files a release is read from: the model files among them that name
    one of ``tables`` (the tables its NOT NULL findings ask about), where that is known."""
    orm = found.orm
    if found.names is not None:
        orm = {p for p in orm if found.names.get(p, set()) & tables}
    return found.models | found.upserts | found.config | orm | found.inserts


def _guarantees(found: Found, texts: dict[str, str]) -> Guarantees:
    """What a release's code keeps, read from the texts of :func:`_files` there."""
    models, upserts, config, orm = found.models, found.upserts, found.config, found.orm
    said = {p: texts[p] for p in config if p in texts}
    required = belongs_required(said)
    # (publish-teacher-training's tables `course`, `user`: round BC, three findings)
    singular = any(_SINGULAR_TABLES.search(text) for text in said.values())
    out = Guarantees(
        partial=partial_inserts(said),
        timestamps=not any(_NO_TIMESTAMPS.search(text) for text in said.values()),
    )
    for path, text in texts.items():
        if path in models or path in upserts:
            read = _read(text, path in models, path in upserts, required, singular)
            out.add(read.under(_namespace(path)) if path in models else read)
        if path in orm:
            out.add(_never_null(path, text, found.pop, found.labels.get(path, "")))
        if path in found.inserts:
            out.add(_inserted(text))
    return out


_INSERT_INTO = lazyre.compile(r"\bINSERT\s+INTO\s+([\w.\"`\[\]]+)\s*(\(([^()]*)\))?", re.IGNORECASE)


@functools.lru_cache(maxsize=1024)
def _inserted(text: str) -> Guarantees:
    """The column list of each ``INSERT INTO t (a, b, …)`` in a code file's text (None for
    one without a list: it writes every column by position)."""
    out = Guarantees()
    for m in _INSERT_INTO.finditer(text):
        table = bare(m.group(1))
        if not re.fullmatch(r"\w+", table):
            continue  # a name built at run time (`INSERT INTO %s`)
        listed = m.group(3)
        columns = frozenset(bare(c.strip()) for c in listed.split(",")) if listed else None
        out.inserts.setdefault(table, []).append(columns)
        # (its statement: to its `;`, its string's end or the next INSERT)
        rest = text[m.end() : m.end() + _STATEMENT_REACH]
        end = _STATEMENT_END.search(rest)
        statement = rest[: end.start()] if end else rest
        out.skipping.setdefault(table, []).append(_SKIPS.search(statement) is not None)
    return out


_STATEMENT_END = lazyre.compile(r";|\"\"\"|\bINSERT\s+INTO\b", re.IGNORECASE)
_SKIPS = lazyre.compile(r"\bON\s+CONFLICT\s+DO\s+NOTHING\b", re.IGNORECASE)


@functools.lru_cache(maxsize=1024)
def _never_null(path: str, text: str, pop: bool = False, label: str = "") -> Guarantees:
    """The columns a SQLAlchemy model or an Ecto schema never leaves NULL
    (:attr:`declared.Model.never_null`): a default it gives every insert, or NOT NULL it
    declares (h's ``pubid``, ``nipsa`` and ``group.authority``, round V; mobilizon's and
    sanbase2's Ecto fields, round U)."""
    from rollback_gate.checks import declared

    out = Guarantees()
    # a Django model's table, unless its Meta says: ``<app label>_<model>`` (DMOJ's
    # ``judge_contest``, whose fields a commit before their migration declared: round AL)
    if not label and _django_file(path, text):
        label = django_label(path)
    go = path.endswith(".go")
    for model in declared.pop_models(path, text, pop) if go else declared.models(path, text):
        tables = {model.table} if model.table else set()
        if label and not model.mixin:
            # (and as the Django analyser names it, which reads no ``db_table``: arches'
            # ``nodes`` is its ``models_node``)
            tables.add(f"{label}_{model.name}")
        if not tables and not model.mixin and path.endswith((*_JVM_FILES, ".go", *_TS_FILES)):
            # a JPA entity that names no table: its class's, as Spring Boot (``comparison_
            # person``) or Hibernate (``comparisonperson``) names it (calculate-release-
            # dates-api's ``@Entity @Table class ComparisonPerson``, round AO)
            tables = {f"{CLASS}{model.name}"}
        if model.mixin and path.endswith(_JVM_FILES):
            # a superclass's members (`@MappedSuperclass`): every entity that extends it
            # writes them (avni-server's CHSEntity `private int version`, round CH)
            tables = {f"{CONCERN}{model.name}"}
        for table in tables if model.extends and path.endswith(_JVM_FILES) else ():
            out.includes.setdefault(table, set()).add(model.extends)
        for table in tables if model.never_null else ():
            out.required.setdefault(table, set()).update(model.never_null)
    return out


_CONFIG = ("**/config/**",)
# (``Rails::Application``: the app's config/application.rb, which may say none of these)
_CONFIG_MARK = (
    "belongs_to_required_by_default|load_defaults|partial_inserts|partial_writes|record_timestamps"
    "|pluralize_table_names|Rails::Application"
)
_SINGULAR_TABLES = lazyre.compile(r"pluralize_table_names\s*=\s*false\b")
_NO_TIMESTAMPS = lazyre.compile(r"record_timestamps\s*=\s*false")
# the columns ActiveRecord's timestamps set on every create (ActiveRecord::Timestamp)
_AR_TIMESTAMPS = frozenset({"created_at", "created_on", "updated_at", "updated_on"})


_TESTS = lazyre.compile(r"(?:^|/)(?:spec|test)/")
# a class whose last base is a model (``models.Model``, ``JuntagricoBaseModel``), not a
# ``ModelForm``, a ``ModelAdmin`` or a ``ModelSerializer`` (git's extended regex)
_DJANGO_MODEL = r"^[[:space:]]*class[[:space:]]+\w+[[:space:]]*\(.*Model[[:space:]]*[,)]"
_DJANGO_TESTS = ("**/tests/**", "**/test_*.py", "**/tests.py")  # (a test's models: no app's)
_NAMESPACED = lazyre.compile(
    r"(?:^|/)app/models/(?P<engine>\w+(?:/\w+)*)/\w+\.rb$"
    r"|(?:^|/)(?P<own>\w+)/models/(?:\w+/)*\w+\.rb$"
)


def _namespace(path: str) -> str:
    """The table prefix a Rails model's folder gives it: an engine's or a namespace's
    (``app/models/spree/taxon.rb``: ``spree_``), or a namespace's own ``models/`` folder
    (tutor-server's ``app/subsystems/school_district/models/district.rb``:
    ``school_district_``, whose uniqueness validations back round BD's three unique
    indexes); "" for a model of ``app/models`` itself."""
    m = _NAMESPACED.search(path)
    if m is None:
        return ""
    folder = m.group("engine") or (m.group("own") if m.group("own") != "app" else "")
    return folder.replace("/", "_").lower() + "_" if folder else ""


@functools.lru_cache(maxsize=1024)
def _read(
    text: str, model: bool, upsert: bool, belongs: bool = False, singular: bool = False
) -> Guarantees:
    """A file's guarantees, read once however many releases hold the same text (never
    changed by the callers)."""
    out = Guarantees()
    if model:
        out.add(validations(text, belongs, singular))
    if upsert:
        out.add(conflicts(text))
    return out
