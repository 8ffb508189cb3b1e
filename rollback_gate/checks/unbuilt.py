"""An audit's NOT NULLs and keys on tables the previous release never wrote, by framework.

A NOT NULL without a default (RG222) or a key (RG224) breaks the previous release where it
inserts (or updates) rows of the table. A SQLAlchemy application writes a row by building
an instance of the table's mapped class (``OpportunitySummary(…)``, ``session.add``) or by
an ``insert()`` of it or of its table. Where the code of the release the migration replaced
(:func:`~rollback_gate.checks.renamed.own_releases`) does neither outside its tests and
migrations, and names the table in no SQL that writes, that release wrote no row there and
the finding drops to P3 (simpler-grants-gov's ``OpportunitySummary``, ``Organization``,
``UserApiKey``, ``JobLock``: models only its test factories built, round CF).

Python files are read with :mod:`ast`, never run. Every use of the class must be one that
reads: an attribute that is not called (``OpportunitySummary.opportunity_id == x``), or
one of the query builders' methods (``.in_()``, ``.desc()``); an argument of a reading call
(``select(…)``, ``session.get(…)``, ``joinedload(…)``, ``isinstance(…)``); an annotation;
an import. Anything else, a call of the class, ``insert(…)``/``update(…)``, its ``__table__``,
a ``cls(…)`` in its own body, a place in a list or an assignment (a factory's ``model =``),
or a subclass (which shares or joins the table) is taken as a write, and the finding stays.
So does a table without a mapped class (a ``Table(…)`` the ORM writes as a relationship's
``secondary``), a file that cannot be parsed, and code in another language whose line names
the table with a word of SQL that writes.

A Django model is read the same way, its class found in the migration's app: its
manager's reads (``Voucher.objects.filter``) are reads, and its related managers written
(``order.voucher_set.create``) are writes; a model a CMS's admin creates (Wagtail's pages,
snippets and inlines) keeps the finding (yjdh's ``ApplicationAlteration``, round CD).

A Rails application writes a row through its model (``Teacher.create``, ``.new`` and
``save``) or an association to it (``school.teachers.create``, ``<<``, nested attributes;
an association of another name, ``has_many :staff, class_name: "Teacher"``, and its
extension block's ``new``).
Ruby is read by its lines (:func:`_ruby_writes`): a table whose model the code only queries,
outside its tests, seeds and migrations, got no row from that release either
(register-early-career-teachers' ``AppropriateBody``, ``Teacher``, ``InductionPeriod``:
models ahead of their screens, round CG). An admin gem that writes every model keeps it.

The other frameworks are read by their lines the same way, each for its own writes:
Laravel's Eloquent models (:func:`_php_writes`: ``::create``, ``new``, a relation written;
ra_system's ``ExchangeRate``, round CE), Prisma's client (:func:`_client_writes`: accessor
calls that are not reads, nested writes; metiers-numeriques, round CG), Knex's queries
(:meth:`_Release.unqueried`: Medle's ``askers``, round CH), a JVM application's JPA
entities (:func:`_jvm_writes`: ``new``, builders, mappers, ``@RequestBody``) and TypeORM's
entities (:func:`_typeorm_writes`: save-like calls, ``new``, generic bases, admin panels,
cascades; jpal-backend, ssf, round CJ) and Sequelize's models and join tables
(:func:`_sequelize_writes`: write calls, ``new``, mixins of a ``belongsToMany``, nested
``include``; none at all where a generic repository writes a model it is given;
Bookkeeping, round CM; Runebase, round CL). A statement split over lines is read whole
(:func:`_lines_with`). Each fails closed: what it cannot place is a write.

A table no code of the release says at all got no row from it either where its framework
must name a table to write it: a JVM application's (unless JPA may name it itself, a join
or collection table, or a library writes it: Envers, Spring Batch …), TypeORM's (unless a
``@ManyToMany`` may), and a Rails table a route names but no code (unless a
``has_and_belongs_to_many`` may join it). A Laravel migration on another connection than
the app's default is judged by that connection's code (:meth:`_Release.unconnected`).

An audit reads many releases: each is searched once for the words all its findings ask
first (a model file most releases share is read and tokenised once), in at most
:data:`_MOST_SEARCHES` searches over the code-reading budget; a release past them is not
judged, and its findings stay.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.checks.dropped import _COMMENTS, MAX_MODEL_BYTES, MAX_MODEL_FILES
from rollback_gate.checks.history.order import camel, model_name
from rollback_gate.checks.history.unwritten import target
from rollback_gate.checks.renamed import _code_files, _folders_then, audited_only, own_releases
from rollback_gate.migrations.base import Unreadable, matching_bracket
from rollback_gate.migrations.js import SOURCES as _JS_SOURCES
from rollback_gate.models import Finding, Related, Severity
from rollback_gate.repo import WORDS_RELEASES

_RULES = ("RG222", "RG224")
_FRAMEWORKS = frozenset({
    "alembic", "rails", "django", "prisma", "laravel", "flyway", "liquibase", "knex", "typeorm",
    "sequelize",
})  # fmt: skip
# calls that read with a class as their argument (by the called name's last part)
_READING_CALLS = frozenset({
    "select", "query", "get", "get_one", "one", "scalar", "scalars", "execute", "exists",
    "joinedload", "selectinload", "subqueryload", "lazyload", "immediateload", "noload",
    "raiseload", "contains_eager", "defaultload", "load_only", "defer", "undefer",
    "aliased", "with_polymorphic", "with_parent", "with_entities", "add_columns",
    "select_from", "join", "outerjoin", "options", "filter", "filter_by", "where",
    "order_by", "group_by", "having", "relationship", "backref", "column_property",
    "isinstance", "issubclass", "getattr", "hasattr", "type", "inspect", "cast", "count",
    "delete", "str", "repr", "print", "len", "and_", "or_", "not_", "foreign", "remote",
    "TypeVar", "Mapped", "Optional",
    # Django: another model's relation to it, and the shortcuts that read one
    "ForeignKey", "OneToOneField", "ManyToManyField", "ParentalKey", "TreeForeignKey",
    "get_object_or_404", "get_list_or_404",
})  # fmt: skip
# methods of a class (or of its columns) that read (`Model.created_at.desc()`)
_READING_METHODS = frozenset({
    "in_", "notin_", "not_in", "is_", "isnot", "is_not", "desc", "asc", "like", "ilike",
    "notlike", "notilike", "not_like", "not_ilike", "any", "has", "contains", "label",
    "between", "startswith", "endswith", "istartswith", "iendswith", "icontains", "op",
    "collate", "distinct", "match", "regexp_match", "nulls_first", "nulls_last",
    "nullsfirst", "nullslast", "of_type", "and_", "cast", "concat", "__eq__", "__ne__",
    "in_range", "query", "get", "filter", "filter_by", "first", "one", "all", "count",
})  # fmt: skip
# methods that write, called anywhere along a chain from a model class
_WRITING_PREFIXES = ("create", "insert", "bulk_", "update", "upsert", "save", "merge", "add")
_WRITING_METHODS = frozenset({"get_or_create", "build", "new", "import_", "execute_insert"})
# what a line of other code says when it writes a table it names
_WRITING_SQL = lazyre.compile(r"\b(?:insert|into|upsert|update|merge|copy|replace)\b", re.I)
# … and when it reads one (a line of a query that also says no word of writing)
_READING_SQL = lazyre.compile(r"\b(?:select|from|join)\b", re.I)
# (code in a folder named for a migration that is no migration folder runs with the app:
# npq-registration's app/services/migration/, which writes contract_templates, round CG)
_APP_MIGRATORS = ("**/migration/**", "**/*migration*/**")
_LANGUAGES = (".py",)  # the code read with a parser; other code only by its lines
_RUBY = (".rb", ".rake", ".erb", ".haml", ".slim", ".jbuilder", ".builder")
_RAILS_MODEL_PATH = lazyre.compile(r"(?:^|/)app/models/")
_TABLE_NAMED = lazyre.compile(r"\bself\.table_name\s*=")
# admins that write every model without naming it (ActiveAdmin registers each by name)
# (Administrate's dashboards are found by name: `TeacherDashboard`)
_RAILS_ADMIN = lazyre.compile(r"""^\s*gem\s+["'](?:rails_admin|madmin|avo|trestle)["']""", re.M)
# what a model class answers without writing (ActiveRecord's query interface)
_RUBY_READS = frozenset({
    "where", "not", "find", "find_by", "find_by!", "find_each", "find_in_batches",
    "in_batches", "all", "order", "reorder", "includes", "preload", "eager_load", "joins",
    "left_joins", "left_outer_joins", "count", "exists?", "any?", "none?", "many?", "pluck",
    "pick", "ids", "select", "first", "first!", "last", "last!", "take", "take!", "sum",
    "minimum", "maximum", "average", "calculate", "distinct", "group", "having", "limit",
    "offset", "none", "unscoped", "table_name", "column_names", "columns", "columns_hash",
    "human_attribute_name", "model_name", "arel_table", "reflect_on_association",
    "reflect_on_all_associations", "primary_key", "name", "to_s", "lock", "readonly",
    "from", "extending", "strict_loading", "i18n_scope", "ransack", "page", "per",
    "paginate", "order_by", "sanitize_sql", "sanitize_sql_like", "find_sole_by", "sole",
    "with", "or", "and", "merge", "rewhere", "unscope", "only", "except", "limit_value",
    "attribute_names", "policy_class", "base_class", "descendants", "inspect",
    "transaction",
})  # fmt: skip
_RUBY_BUILDS = lazyre.compile(
    r"\b(?:new|create!?|insert(?:_all)?!?|upsert(?:_all)?|save!?|import|update(?:_all)?!?|"
    r"find_or_create_by!?|find_or_initialize_by|first_or_create!?|create_or_find_by!?)\b"
)
_ASSOCIATION_WRITES = (
    r"create!?|build|new|find_or_create_by!?|find_or_initialize_by|first_or_create!?|"
    r"first_or_initialize|create_or_find_by!?|insert_all!?|upsert_all|insert!?|upsert|push|"
    r"concat|create_with|update_all|update!?|update_attribute|update_columns?|save!?"
)
_RUBY_SQL = lazyre.compile(
    r"\binsert\s+into\b|\bupdate\s+[\"`]?\w+[\"`]?\s+set\b|\bcopy\s+\w+", re.IGNORECASE
)
_RUBY_STRING = lazyre.compile(r"""(["'])((?:\\.|(?!\1).)*)\1""")
_CREATES = lazyre.compile(r"^\s*def\s+(?:create|update|new)\b", re.MULTILINE)
_SUBCLASS_ROUNDS = 3
_MOST_SEARCHES = 3  # (each up to the reading budget: a large tree's releases one by one)


def _unwritten(verb: str, names: Iterable[str], reads: str) -> str:
    """The reason a finding drops to P3: its own previous release ``verb`` no row of the
    tables' ``names``, its code only ``reads`` (what it does with them)."""
    return (
        f"its own previous release {verb} no row of {', '.join(sorted(set(names)))}: outside "
        f"its tests, seeds and migrations {reads}, and no SQL of it writes the table; code "
        "of another repository still may"
    )


# tables a JVM library writes, which no code of the application names: Hibernate Envers'
# `<entity>_aud` and `revinfo`, Spring Batch's, Quartz's, Spring Session's, Spring
# Security's (OAuth tokens, ACLs, remember-me), workflow engines' (Activiti, Flowable,
# Camunda), ShedLock's, Hibernate's sequences, the migration tools' own
_JVM_LIBRARY_TABLES = lazyre.compile(
    r"^(?:batch_|qrtz_|spring_session|oauth_|oauth2_|acl_|act_|flw_|persistent_logins$"
    r"|shedlock$|hibernate_|revinfo$|databasechangelog|flyway_|schema_version$|int_)|_aud$",
    re.IGNORECASE,
)
_HABTM = "has_and_belongs_to_many"
_ROUTES = "config/routes.rb"
# the annotations under which JPA names a table itself, from its entities' and fields' names
_JPA_UNNAMED_TABLES = frozenset({"manytomany", "elementcollection", "jointable", "collectiontable"})
_UNNAMED = (
    "the code of its own previous release names the table nowhere, as a table or as a "
    "mapped class: that release wrote no row there; code of another repository still may"
)


class _Writes(Exception):
    """The code may write the table."""


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], frameworks: dict[str, str]
) -> list[Finding]:
    """``findings`` with an audit's RG222 and RG224 (of the frameworks :data:`_FRAMEWORKS`)
    at P3 where the code of their own previous release writes no row of the table (module
    docstring)."""
    if ctx.git is None:
        return findings
    asked = {
        id(f): tables for f in findings
        if f.rule in _RULES and f.severity is not Severity.P3
        and frameworks.get(f.path or "", "") in _FRAMEWORKS
        and (tables := _tables(f))
    }  # fmt: skip
    kind = {id(f): frameworks.get(f.path or "", "") for f in findings if id(f) in asked}
    roots = sorted({f.strip("/") for f in folders})
    asked = audited_only(ctx, roots, findings, asked)
    if not asked:
        return findings
    mine = [f for f in findings if id(f) in asked]
    by_rev, every = own_releases(ctx, mine, roots)
    # (a release whose tree holds none of the folder's migrations was no release of it:
    # an imported history's first parent, as for :mod:`.renamed`)
    then = _folders_then(ctx, roots, mine)
    held = ctx.git.held_at({(rev, then[id(f)]) for rev in every for f in by_rev[rev]})
    # (asked of each path once, however many releases and searches list it)
    # (nor the folders the migrations were in then: veilarbaktivitet's moved, whose old
    # files named its code tables at every release before the move, round CS)
    moved = sorted({*roots, *then.values()} - {""})
    code = functools.lru_cache(maxsize=None)(_code_files(moved, _APP_MIGRATORS))
    lowered: dict[int, Finding] = {}
    trees: dict[str, ast.Module | None] = {}
    indexes: dict[int, _Index] = {}  # (of the trees kept above: their ids stay theirs)
    order = every[:WORDS_RELEASES]
    if any(kind[id(f)] in _JVM for f in mine) and not _has_entities(ctx, order[:1]):
        # (a JVM application without JPA entities: JDBI, jOOQ, plain JDBC; its SQL is read)
        kind = {i: "jdbc" if k in _JVM else k for i, k in kind.items()}
    # (one search of every release for the words each is first asked: a model file most
    # releases share is read and searched once; past the budget a release is not judged)
    first = {
        rev: {w.lower() for f in by_rev[rev] if id(f) in kind
              for w in _first_words(kind[id(f)], f, asked[id(f)])}
        for rev in order
    }  # fmt: skip
    order = [rev for rev in order if first[rev]]
    said = _search(ctx, order, set().union(set(), *first.values()), code)
    for rev in order:
        reader = _Release(ctx, rev, code, trees, indexes)
        if rev not in said:
            continue
        reader.found = {w: said[rev].get(w, set()) for w in first[rev]}
        for f in by_rev[rev]:
            if (rev, then[id(f)]) not in held or id(f) not in kind:
                continue
            if kind[id(f)] == "django":
                why = reader.unsaved(f, asked[id(f)])
            elif kind[id(f)] == "alembic":
                why = reader.unbuilt(asked[id(f)])
            elif kind[id(f)] == "prisma":
                why = reader.uncreated(asked[id(f)])
            elif kind[id(f)] == "laravel" and (on := _connection(ctx, f)):
                why = reader.unconnected(asked[id(f)], on)
            elif kind[id(f)] == "laravel":
                why = reader.unstored(asked[id(f)])
            elif kind[id(f)] == "knex":
                why = reader.unqueried(asked[id(f)])
            elif kind[id(f)] == "typeorm":
                why = reader.unrepositoried(asked[id(f)])
            elif kind[id(f)] == "sequelize":
                why = reader.uncreated_models(asked[id(f)])
            elif kind[id(f)] in ("flyway", "liquibase"):
                why = reader.unpersisted(asked[id(f)])
            elif kind[id(f)] == "jdbc":
                why = reader.unqueried_sql(asked[id(f)])
            else:
                why = reader.unmade(asked[id(f)])
            if why is not None:
                lowered[id(f)] = dataclasses.replace(
                    f, severity=Severity.P3, message=f"{f.message} ({why})"
                )
    return [lowered.get(id(f), f) for f in findings]


_JVM = ("flyway", "liquibase")
_SCHEMA_CALL = lazyre.compile(r"\bSchema\s*::\s*(\w+)\s*\(\s*(?:['\"](\w+)['\"])?")
_MIGRATION_CONNECTION = lazyre.compile(r"""\$connection\s*=\s*['"](\w+)['"]""")
_DEFAULT_CONNECTION = lazyre.compile(
    r"""['"]default['"]\s*=>\s*(?:env\(\s*['"]DB_CONNECTION['"]\s*,\s*)?['"](\w+)['"]"""
)
# the names Laravel's own config gives its connections: any may be an app's default
_LARAVEL_CONNECTIONS = frozenset({"mysql", "pgsql", "sqlite", "sqlsrv", "mariadb"})


def _connection(ctx: Context, f: Finding) -> str:
    """The connection a Laravel migration's up step runs every schema call on, where it is
    not the app's default (``Schema::connection('egecrm')->table(…)`` or the migration's
    ``$connection``, against ``config/database.php``'s ``default``), "" otherwise."""
    try:
        text = ctx.tree.read_text(f.path or "", lenient=True)
    except Unreadable:
        return ""
    up = text.split("function down", 1)[0]
    calls = _SCHEMA_CALL.findall(up)
    named = {c for method, c in calls if method == "connection"}
    if own := _MIGRATION_CONNECTION.search(up):
        named.add(own.group(1))
    elif any(method != "connection" for method, _ in calls):
        return ""  # (a call on the default connection too)
    if len(named) != 1:
        return ""
    name = str(next(iter(named)))
    root = (f.path or "").rpartition("database/migrations/")[0]
    try:
        config = ctx.tree.read_text(root + "config/database.php", lenient=True)
    except Unreadable:
        config = ""
    default = _DEFAULT_CONNECTION.search(config)
    if name in ({default.group(1)} if default else _LARAVEL_CONNECTIONS):
        return ""
    return name


def _has_entities(ctx: Context, revs: Sequence[str]) -> bool:
    """Whether the newest of ``revs`` holds a JPA entity (one ``git grep -l``)."""
    from rollback_gate.checks.declared import JPA_MARK

    assert ctx.git is not None
    if not revs:
        return False
    return bool(ctx.git.grep_files(revs[0], JPA_MARK, ["**/*.java", "**/*.kt"]))


def _search(
    ctx: Context, revs: Sequence[str], words: set[str], code: Callable[[str], bool]
) -> dict[str, dict[str, set[str]]]:
    """:meth:`~rollback_gate.repo.GitRepo.words_at` over ``revs``, in as few searches as
    its reading budget allows, and at most :data:`_MOST_SEARCHES`: each search answers the
    releases that fit, the next goes on from the first it left out (a release git cannot
    list, or one alone past the budget, is left out)."""
    assert ctx.git is not None
    out: dict[str, dict[str, set[str]]] = {}
    pending = list(revs)
    for _ in range(_MOST_SEARCHES):
        if not pending:
            break
        found = ctx.git.words_at(pending, words, code, _COMMENTS, final=lambda p: False)
        out.update(found)
        last = max((pending.index(r) for r in found), default=0)
        pending = [r for r in pending[last + 1 :] if r not in found]
    return out


def _first_words(framework: str, f: Finding, tables: Sequence[str]) -> set[str]:
    """The words a release is first searched for, for ``f``'s ``tables``: the tables and
    the model names they map to."""
    from rollback_gate.checks.dropped import Drop

    out = {w for t in tables for w in (t, t.replace("_", ""))}
    if framework in _JVM:  # (and the marks of tables JPA names itself: one search, not two)
        out |= _JPA_UNNAMED_TABLES
    if framework == "typeorm":
        out |= _TYPEORM_JOINS
    if framework == "rails":
        out |= _rails_words(tables)[1] | {_HABTM}
    if framework == "laravel":
        out |= _laravel_words(tables)[1]
    if framework == "django":
        for t in tables:
            model = Drop(t, None, Related(f.path, f.line, ""), "django").model
            out |= {model, f"{model}_set"}
    return out


class RailsUnmade:
    """Whether the code at a release made no row of Rails tables (:meth:`_Release.unmade`),
    asked by :mod:`.renamed` of its RG220 and RG223; each release searched once."""

    def __init__(self) -> None:
        self.readers: dict[str, _Release] = {}
        self.code: dict[tuple[str, ...], Callable[[str], bool]] = {}  # roots → the test

    def __call__(self, ctx: Context, rev: str, roots: Sequence[str], tables: Sequence[str]) -> bool:
        if ctx.git is None:
            return False
        if (reader := self.readers.get(rev)) is None:
            key = tuple(roots)
            if key not in self.code:
                self.code[key] = functools.lru_cache(maxsize=None)(
                    _code_files(roots, _APP_MIGRATORS)
                )
            reader = self.readers[rev] = _Release(ctx, rev, self.code[key])
        return reader.unmade(tables) is not None


def _tables(f: Finding) -> list[str]:
    """The tables ``f`` and its related places are about, lower case, no schema (none
    where one is not known)."""
    out = []
    for key in (f.key, *(r.key for r in f.related)):
        table, _ = target(key)
        if not table or not re.fullmatch(r"\w+", table):
            return []
        out.append(table)
    return sorted(set(out))


class _Release:
    """The code of one release, read as the judge needs it."""

    def __init__(
        self,
        ctx: Context,
        rev: str,
        code: Callable[[str], bool],
        trees: dict[str, ast.Module | None] | None = None,
        indexes: dict[int, _Index] | None = None,
    ) -> None:
        assert ctx.git is not None
        self.ctx = ctx
        self.git = ctx.git
        self.rev = rev
        self.code = code
        # (each distinct text parsed once, whatever release holds it: a model file most of
        # an audit's releases share; and indexed once for :func:`_uses`)
        self.trees: dict[str, ast.Module | None] = {} if trees is None else trees
        self.indexes: dict[int, _Index] = {} if indexes is None else indexes
        self.found: dict[str, set[str]] = {}  # word → the paths holding it
        self.unread = False  # (the release could not be searched)
        self.gems: str | None = None  # (its Gemfile, once read)
        self.generic: bool | None = None  # (it writes through a model held as a value)

    def _paths(self, words: set[str]) -> dict[str, set[str]]:
        words = {w.lower() for w in words}
        if self.unread:
            raise _Writes
        if missing := words - self.found.keys():
            found = self.git.words_at(
                [self.rev], missing, self.code, _COMMENTS, final=lambda p: False
            )
            if self.rev not in found:
                self.unread = True
                raise _Writes  # (past the reading budget, or a tree git could not list)
            for word in missing:
                self.found[word] = found[self.rev].get(word, set())
        return {w: self.found[w] for w in words if self.found[w]}

    def _read(self, paths: set[str]) -> dict[str, str]:
        if len(paths) > MAX_MODEL_FILES:
            raise _Writes
        texts = self.git.read_many(self.rev, sorted(paths), MAX_MODEL_BYTES)
        if set(texts) != paths:
            raise _Writes  # (a file not read: not known)
        return texts

    def _tree(self, path: str, text: str) -> ast.Module:
        key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        if key not in self.trees:
            try:
                self.trees[key] = ast.parse(text)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                self.trees[key] = None
        tree = self.trees[key]
        if tree is None:
            raise _Writes
        return tree

    def _index(self, tree: ast.Module) -> _Index:
        """``tree``'s :func:`_index`, made once per audit (the trees are kept: ids stay)."""
        if (index := self.indexes.get(id(tree))) is None:
            index = self.indexes[id(tree)] = _index(tree)
        return index

    def unbuilt(self, tables: Sequence[str]) -> str | None:
        """Why no row of ``tables`` was written by this release, None where one may be."""
        words = {w for t in tables for w in (t, t.replace("_", ""))}
        try:
            said = self._paths(words)
            if not any(said.values()):
                return _UNNAMED
            paths = set().union(*said.values())
            texts = self._read(paths)
            classes: set[str] = set()
            for path, text in texts.items():
                if not path.endswith(_LANGUAGES):
                    _other_code(text, words)
                    continue
                classes |= _mapped(self._tree(path, text), tables)
            if not classes:
                return None  # (a Core table, or one the code names otherwise)
            return self._only_read(classes)
        except _Writes:
            return None

    def _only_read(self, classes: set[str], related: set[str] | None = None) -> str | None:
        """Why the Python ``classes`` (and their subclasses) are only read by this release:
        every use of them reads (:func:`_uses`), and no related manager ``related`` is
        written; raise :class:`_Writes` where one may write."""
        related = related or set()
        for _ in range(_SUBCLASS_ROUNDS):
            users = self._read(set().union(set(), *self._paths(classes | related).values()))
            users = {p: t for p, t in users.items() if p.endswith(_LANGUAGES)}
            quick = _quick_writes(classes)
            for text in users.values():
                quick(text)
            more: set[str] = set()
            serializers: set[str] = set()  # (Django REST framework's, of the classes)
            for path, text in users.items():
                if related and re.search(
                    rf"\.(?:{'|'.join(map(re.escape, related))})\s*\.\s*"
                    r"(?:create|add|set|get_or_create|update_or_create|bulk_create)\b",
                    text,
                ):
                    raise _Writes
                tree = self._tree(path, text)
                more |= _uses(tree, classes, serializers, self._index(tree))
            if serializers:
                self._serializers_read(serializers)
            if not more - classes:
                return _unwritten("builds", classes, "that code only reads the class")
            classes = classes | more
        return None

    def _serializers_read(self, serializers: set[str]) -> None:
        """Raise :class:`_Writes` unless every use of the Django REST framework
        ``serializers`` reads: its import, a call without ``data=`` (a serializer that
        renders a row, or a read-only field of another), or the ``serializer_class`` of a
        view whose bases only list and retrieve (``ReadOnlyModelViewSet``, ``ListAPIView``
        …) and whose body saves nothing (nectar-dashboard's ``ZoneViewSet``, round CS)."""
        users = set().union(set(), *self._paths(serializers).values())
        for path, text in self._read(users).items():
            if not path.endswith(_LANGUAGES):
                continue
            index = self._index(self._tree(path, text))
            parents = index.parents
            for node in (n for name in sorted(serializers) for n in index.named.get(name, ())):
                parent = parents.get(id(node))
                if isinstance(parent, ast.Call) and parent.func is node:
                    if any(k.arg in ("data", None) for k in parent.keywords):
                        raise _Writes  # (`data=`, or `**kwargs` that may hold it)
                    continue
                if isinstance(parent, ast.Assign) and [_target(t) for t in parent.targets] == [
                    "serializer_class"
                ]:
                    view = parents.get(id(parent))
                    if isinstance(view, ast.ClassDef) and _read_only_view(view):
                        continue
                raise _Writes

    def unsaved(self, f: Finding, tables: Sequence[str]) -> str | None:
        """Why no row of the Django ``tables`` (of ``f``'s app) was written by this
        release, None where one may be: the model class found in its app and only read,
        and no related manager of it written (``author.book_set.create``)."""
        from rollback_gate.checks.dropped import Drop

        drops = [Drop(t, None, Related(f.path, f.line, ""), "django") for t in tables]
        names = {d.model: d for d in drops}
        try:
            said = self._paths(set(names) | set(tables))
            texts = self._read(set().union(set(), *said.values()))
            # (the common answer first, by patterns over the text: a write in sight)
            quick = _quick_writes(set(names), ignore_case=True)
            for path, text in texts.items():
                _other_code(text, set(tables))
                if path.endswith(_LANGUAGES):
                    quick(text)
            classes: set[str] = set()
            related: set[str] = set()
            for path, text in texts.items():
                d = next((d for d in drops if path.startswith(d.app_folder + "/")), None)
                if d is None or not path.endswith(_LANGUAGES):
                    continue
                if not re.search(rf"(?im)^\s*class\s+(?:{'|'.join(names)})\b", text):
                    continue
                tree = self._tree(path, text)
                for node in ast.walk(tree):
                    d = names.get(node.name.lower()) if isinstance(node, ast.ClassDef) else None
                    if d is None or not path.startswith(d.app_folder + "/"):
                        continue
                    assert isinstance(node, ast.ClassDef)
                    if _django_table(node) not in (None, d.table.lower()):
                        continue
                    if node.decorator_list or not all(map(_plain_model_base, node.bases)):
                        return None  # (a CMS's page, snippet or inline: its admin writes it)
                    if any(_called(n) == "ParentalKey" for n in ast.walk(node)
                           if isinstance(n, ast.Call)):  # fmt: skip
                        return None
                    classes.add(node.name)
                    related |= _related_names(node)
            if len(classes) != len(names):
                return None  # (a model not found in its app: not known)
            return self._only_read(classes, related)
        except _Writes:
            return None

    def uncreated(self, tables: Sequence[str]) -> str | None:
        """Why no row of the Prisma ``tables`` was written by this release, None where one
        may be: its client reaches a model by its accessor (``prisma.user``) and by the
        relation fields of other models (``data: {users: {create: …}}``); every call of the
        accessor reads (``findMany``, ``count`` …), no line that names a relation field
        writes nearby (``create``, ``connectOrCreate``, ``upsert``, ``update``, ``set``),
        and no SQL writes the table (metiers-numeriques' ``prisma.user.count()``, round CG)."""
        from rollback_gate.checks.declared import prisma_relations

        models: dict[str, str] = {}
        fields: dict[str, set[str]] = {}
        try:  # (the release's schemas: those that name a table, wherever they were then)
            held = self._paths(set(tables))
        except _Writes:
            return None
        schemas = sorted({p for ps in held.values() for p in ps if p.endswith(".prisma")})
        for path in schemas:
            found, related = prisma_relations(self.git.show(self.rev, path) or "")
            models.update(found)
            for model, names in related.items():
                fields.setdefault(model, set()).update(names)
        if not models:
            return None
        named = [models.get(t.lower()) for t in tables]
        if any(m is None for m in named):
            return None
        accessors = {m[:1].lower() + m[1:] for m in named if m}
        words = accessors | {n for m in named if m for n in fields.get(m, ())} | set(tables)
        try:
            texts = self._read(set().union(set(), *self._paths(words).values()))
            for path, text in texts.items():
                if not path.endswith(".prisma"):
                    _client_writes(text, accessors, words)
        except _Writes:
            return None
        return _unwritten(
            "writes", (m for m in named if m), "its Prisma client only reads the model"
        )

    def unstored(self, tables: Sequence[str]) -> str | None:
        """Why no row of the Laravel ``tables`` was written by this release, None where one
        may be (:func:`_php_writes`): each table's Eloquent model found (``app/Models/``,
        no other ``$table``) and only read."""
        names, words = _laravel_words(tables)
        try:
            texts = self._read(set().union(set(), *self._paths(words).values()))
            models = {
                c: text for c in set(names.values()) for path, text in texts.items()
                if _LARAVEL_MODEL_PATH.search(path)
                and re.search(rf"\bclass\s+{c}\s+extends\b", text)
            }  # fmt: skip
            if set(models) != set(names.values()):
                return None  # (a model not found: a pivot, or one named otherwise)
            for table, cls in names.items():
                named = _LARAVEL_TABLE.search(models[cls])
                if named is not None and named.group(1).lower() != table:
                    return None
            for path, text in texts.items():
                if path.endswith(".php"):
                    _php_writes(text, names, models)
                else:
                    _other_code(text, set(tables))
        except _Writes:
            return None
        return _unwritten(
            "stores", names.values(), "that code only reads the model and its relations"
        )

    def unconnected(self, tables: Sequence[str], connection: str) -> str | None:
        """Why no row of the Laravel ``tables`` of another database (the migration's
        ``Schema::connection(…)``, not the app's default) was written by this release, None
        where one may be: no model on that connection (``$connection``) maps one of them
        but to read it (:func:`_php_writes`), no query of the connection names one of them
        beside a write or names its table at run time (``->table($name)``), nothing uses
        the connection otherwise (``Model::on(…)``), and no code names them beside SQL that
        writes (egerep's `egecrm` tables, another application's: round CH, seven)."""
        names, words = _laravel_words(tables)
        quoted = rf"""['"]{re.escape(connection)}['"]"""
        on = re.compile(rf"\bconnection\s*\(\s*{quoted}\s*\)", re.IGNORECASE)
        own = re.compile(rf"\$connection\s*=\s*{quoted}")
        table = re.compile("|".join(rf"\b{re.escape(t)}\b" for t in tables), re.IGNORECASE)
        try:
            said = self._paths(words | {connection.lower()})
            texts = self._read(set().union(set(), *said.values()))
            models = {
                c: text for c in set(names.values()) for path, text in texts.items()
                if own.search(text) and re.search(rf"\bclass\s+{c}\s+extends\b", text)
            }  # fmt: skip
            for path, text in texts.items():
                if not path.endswith(".php"):
                    _other_code(text, set(tables))
                    continue
                if re.search(rf"(?:::|->)\s*on\s*\(\s*{quoted}", text):
                    raise _Writes  # (a model's query sent to the connection)
                for line in _lines_with(text, on):
                    if re.search(r"->\s*table\s*\(\s*\$", line) or (
                        table.search(line)
                        and (_PHP_WRITES.search(line) or _WRITING_SQL.search(line))
                    ):
                        raise _Writes
                if models:
                    _php_writes(text, {t: c for t, c in names.items() if c in models}, models)
                _other_code(text, set(tables))
        except _Writes:
            return None
        return (
            f"the code of its own previous release writes no row of {', '.join(tables)} on "
            f"the connection '{connection}', another database than its own: no model on it "
            "writes them, and no query of it does"
        )

    def unqueried(self, tables: Sequence[str]) -> str | None:
        """Why no row of the Knex ``tables`` was written by this release, None where one
        may be: every query that names a table (``knex('askers')``, ``.from('askers')``)
        reads, with no write on its line or the three after (``.insert``, ``.update``,
        ``.upsert``, ``.merge``, ``onConflict``, ``.increment``); SQL does not write it; no
        model class maps it (Objection's or Bookshelf's ``tableName``)."""
        try:
            texts = self._read(set().union(set(), *self._paths(set(tables)).values()))
            quoted = re.compile(
                rf"""["'`](?:\w+\.)?(?:{"|".join(map(re.escape, tables))})["'`]""", re.IGNORECASE
            )
            for text in texts.values():
                for line, near in _named_lines(text, quoted):
                    if not all(
                        line[: m.start()].rstrip().endswith("(") for m in quoted.finditer(line)
                    ):
                        # (the name held elsewhere, a constant or an option: its queries
                        # say the constant; therr's `USER_CONNECTIONS_TABLE_NAME`, round CC)
                        raise _Writes
                    if (
                        "tableName" in line
                        or _KNEX_WRITES.search(near)
                        or _WRITING_SQL.search(line)
                    ):
                        raise _Writes
                _other_code(text, set(tables))
        except _Writes:
            return None
        return _unwritten("writes", tables, "every query of it reads")

    def unrepositoried(self, tables: Sequence[str]) -> str | None:
        """Why no row of the TypeORM ``tables`` was written by this release, None where one
        may be: no code says the table at all (and it cannot be a join table a
        ``@ManyToMany`` names itself), or each table's entity (``@Entity('t')``, or its
        class, the table in snake case) is never written (:func:`_typeorm_writes`)."""
        words = {w for t in tables for w in (t, t.replace("_", ""))}
        try:
            said = self._paths(words | _TYPEORM_JOINS)
            joined = _may_be_joined(said, _TYPEORM_JOINS, tables)
            paths = set().union(set(), *(said.get(w, set()) for w in words))
            if not paths:
                # (talent-cloud's and ssf's tables before their code came, round CJ)
                return None if joined else _UNNAMED
            texts = self._read(paths)
            classes = _js_models(texts, tables, r"\bclass\s+({})\b")
            if not classes:
                # (said, but by no entity: a page or a route of the same name, ssf's
                # frontend `Orders`, unless a query or an EntitySchema of it may write it)
                quoted = re.compile(
                    rf"""["'`](?:\w+\.)?(?:{"|".join(map(re.escape, tables))})["'`]""", re.I
                )
                for text in texts.values():
                    _other_code(text, set(tables))
                    if "EntitySchema" in text:
                        raise _Writes
                    for line in _lines_with(text, quoted):
                        if _TYPEORM_SAVES.search(line) or re.search(
                            r"\.\s*into\s*\(|getRepository\s*\(", line
                        ):
                            raise _Writes
                if joined:
                    return None  # (a join table a `@ManyToMany` may name itself)
                return _unwritten("saves", tables, "no entity of that code maps the table")
            users = self._read(
                set().union(set(), *self._paths({c.lower() for c in classes}).values())
            )
            for path, text in {**texts, **users}.items():
                if path.endswith(_JS_SOURCES):
                    _typeorm_writes(text, classes)
                _other_code(text, set(tables))
        except _Writes:
            return None
        return _unwritten("saves", classes, "that code never builds or saves the entity")

    def uncreated_models(self, tables: Sequence[str]) -> str | None:
        """Why no row of the Sequelize ``tables`` was written by this release, None where
        one may be: each table's model (``sequelize.define('Run', …)``, a ``Model`` class;
        the table its ``tableName`` or the model's plural) never given a row
        (:func:`_sequelize_writes`), and a join table a ``belongsToMany(…, { through })``
        names never written through the mixins of the models it joins (``addTag``,
        ``setTags``) nor a nested ``include`` (Bookkeeping's ``runs`` and ``log_tags``,
        round CM; Runebase's ``UserClassSkill``, round CL). A table said by no model or
        ``through`` of that code is not known: left as it is."""
        # (the tables, and the models Sequelize names them after: `runs` is `Run`'s)
        words = {w for t in tables for w in (t, t.replace("_", ""), model_name(t).lower())}
        try:
            said = self._paths(words)
            paths = set().union(set(), *said.values())
            texts = self._read(paths)
            # the tables' models, as the code spells them, and the models a join table of
            # them joins
            names = _js_models(texts, tables, r"""\b(?:define\(\s*["'`]|class\s+)({})\b""")
            keys = set(tables) | {n.lower() for n in names}
            joined = set().union(set(), *(_joined_through(t, keys) for t in texts.values()))
            if not names and not joined:
                return None  # (a table no model says: its model may be named otherwise)
            if names and self._generic_writes():
                # (a repository's base writes whatever model it is given: Bookkeeping's
                # `Repository.insert`, `this.model.create(entity)`, round CM)
                return None
            users = self._read(
                set().union(set(), *self._paths({n.lower() for n in names | joined}).values())
            )
            for path, text in {**texts, **users}.items():
                if path.endswith(_JS_SOURCES):
                    _sequelize_writes(text, names, joined)
                _other_code(text, set(tables))
        except _Writes:
            return None
        return _unwritten(
            "creates", names or tables, "that code never creates a row of it or joins one to it"
        )

    def _generic_writes(self) -> bool:
        """Whether the code writes through a model it holds as a value (a generic
        repository's ``this.model.create(…)``, ``models[name].bulkCreate(…)``): one
        ``git grep -l`` of its JavaScript and TypeScript, asked once."""
        if self.generic is None:
            from rollback_gate.checks.dropped import _NOT_CODE

            self.generic = bool(
                self.git.grep_files(
                    self.rev, _GENERIC_WRITE, [f"**/*{s}" for s in _JS_SOURCES], _NOT_CODE
                )
            )
        return self.generic

    def unpersisted(self, tables: Sequence[str]) -> str | None:
        """Why no row of the ``tables`` of a JVM application's SQL migrations was written
        by this release, None where one may be (:func:`_jvm_writes`): each table's JPA
        entity found (``@Table(name = …)`` or named by its class) and never built."""
        from rollback_gate.checks.declared import jpa, snake

        words = {w for t in tables for w in (t, t.replace("_", ""))}
        try:
            said = self._paths(words | _JPA_UNNAMED_TABLES)
            if (
                not any(said.get(w) for w in words)
                and not _may_be_joined(said, _JPA_UNNAMED_TABLES, tables)
                and not any(_JVM_LIBRARY_TABLES.search(t) for t in tables)
            ):
                # (no entity, query or class says it: nothing wrote it, where no join or
                # collection table JPA names itself, `<entity>_<other>`, may be it:
                # rm-collection-exercise-service's samplelink, round CI)
                return _UNNAMED
            texts = self._read(set().union(set(), *(said.get(w, set()) for w in words)))
            classes: set[str] = set()
            for path, text in texts.items():
                if not path.endswith((".java", ".kt")):
                    continue
                for m in jpa(path, text):
                    named = m.table if m.table is not None else None
                    if m.mixin or not (
                        (named or "").split(".")[-1] in tables
                        or (named is None and (m.name in words or snake(m.name) in tables))
                    ):
                        continue
                    exact = re.search(rf"\bclass\s+({m.name})\b", text, re.IGNORECASE)
                    if exact is None:
                        return None
                    classes.add(exact.group(1))
            found = {
                t for t in tables for c in classes
                if t in {c.lower(), snake(c)} or any(
                    re.search(rf"name\s*=\s*\"(?:\w+\.)?{t}\"", x, re.IGNORECASE)
                    and re.search(rf"\bclass\s+{c}\b", x) for x in texts.values()
                )
            }  # fmt: skip
            if not classes or found != set(tables):
                return None  # (a table without an entity: a join table, or one not known)
            users = self._read(set().union(set(), *self._paths(classes).values()))
            for path, text in {**texts, **users}.items():
                if path.endswith((".java", ".kt")):
                    _jvm_writes(text, classes, kotlin=path.endswith(".kt"))
                _other_code(text, set(tables))
        except _Writes:
            return None
        return _unwritten("persists", classes, "that code never builds the entity")

    def unqueried_sql(self, tables: Sequence[str]) -> str | None:
        """Why no row of the ``tables`` of a JVM application without JPA entities (plain
        JDBC, JdbcTemplate, JDBI, jOOQ) was written by this release, None where one may be:
        such code names a table to write it, and every line of it that names one of them
        reads it (``SELECT``, ``FROM``, ``JOIN``, no word of SQL that writes). Any other
        line that says the name (a constant, ``@Table("envelopes")``, Exposed's
        ``object Envelopes : Table(…)``, a statement split over lines) may build a write,
        and keeps the finding (blob-router-service's ``envelopes``, no code of it yet;
        veilarbaktivitet's code tables, only joined: round CS)."""
        words = set(tables)  # (SQL says a table as it is: `AktivitetType` is a class)
        try:
            said = self._paths(words)
            if not any(said.values()):
                return _UNNAMED
            named = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(words)))})\b", re.I)
            for text in self._read(set().union(*said.values())).values():
                for line in _lines_with(text, named):
                    if _WRITING_SQL.search(line) or not _READING_SQL.search(line):
                        raise _Writes
        except _Writes:
            return None
        return _unwritten("writes", tables, "its SQL only reads the table")

    def unmade(self, tables: Sequence[str]) -> str | None:
        """Why no row of the Rails ``tables`` was written by this release, None where one
        may be (module docstring: :func:`_ruby_writes`)."""
        names, words = _rails_words(tables)
        classes = set(names.values())
        try:
            said = self._paths(words | {_HABTM})
            joined = said.pop(_HABTM, set())
            paths = set().union(set(), *said.values())
            if not paths and not (joined and _habtm_may_join(self._read(joined), tables)):
                # (no model, query or code says it, but a route does: nothing wrote it,
                # where no `has_and_belongs_to_many` may write it as its join table, which
                # no code names: search-gov's affiliate_templates, round CI. Not a table
                # no route says either: a gem's, Active Storage's blobs, or one a model
                # names at run time, littlesis' `self.dataset = :fec_contributions`)
                routes = self.git.read_many(self.rev, [_ROUTES], MAX_MODEL_BYTES).get(_ROUTES, "")
                if any(re.search(rf"\b{re.escape(t)}\b", routes) for t in tables):
                    return _UNNAMED
                return None
            texts = self._read(paths)
            if self.gems is None:
                self.gems = self.git.read_many(self.rev, ["Gemfile"], MAX_MODEL_BYTES).get(
                    "Gemfile", ""
                )
            if _RAILS_ADMIN.search(self.gems):
                return None  # (an admin that writes every model, none named)
            models = {
                c: text for c in classes for path, text in texts.items()
                if _RAILS_MODEL_PATH.search(path)
                and re.search(rf"^\s*class\s+{c}\s*<", text, re.MULTILINE)
            }  # fmt: skip
            if set(models) != classes or any(_TABLE_NAMED.search(t) for t in models.values()):
                return None  # (a model not found, or mapped to a table by name)
            aliases = _rails_aliases(texts, classes)
            if extra := {a.lower() for named in aliases.values() for a in named} - words:
                # (the code that writes through an association of another name:
                # `course.enrichments` of `class_name: "CourseEnrichment"`)
                found = set().union(set(), *self._paths(extra).values())
                if unread := found - texts.keys():
                    texts.update(self._read(unread))
            for path, text in texts.items():
                if path.endswith(_RUBY):
                    _ruby_writes(text, names, models, aliases)
                else:
                    _other_code(text, {t.lower() for t in tables})
        except _Writes:
            return None
        return _unwritten("makes", classes, "that code only reads the model and its associations")


def _rails_words(tables: Sequence[str]) -> tuple[dict[str, str], set[str]]:
    """Each Rails table's model class, and the words (lower case) its uses may say: the
    table, the model in snake case and as the class, its dashboard and controller."""
    from rollback_gate.checks.declared import snake
    from rollback_gate.checks.dropped import model_name  # type: ignore[attr-defined]

    names = {t: model_name(t) for t in tables}
    words = {w.lower() for t, c in names.items()
             for w in (t, snake(c), c, f"{c}Dashboard", f"{camel(t)}Controller")}  # fmt: skip
    return names, words


def _laravel_words(tables: Sequence[str]) -> tuple[dict[str, str], set[str]]:
    """Each Laravel table's model class, and the words its uses may say: the table, the
    class, and the relation methods to it (``exchangeRates()``, ``exchangeRate()``)."""
    from rollback_gate.checks.dropped import model_name  # type: ignore[attr-defined]

    names = {t: model_name(t) for t in tables}
    words = {w.lower() for t, c in names.items()
             for w in (t, c, _lower_camel(camel(t)), _lower_camel(c))}  # fmt: skip
    return names, words


def _lower_camel(name: str) -> str:
    return name[:1].lower() + name[1:]


_LARAVEL_MODEL_PATH = lazyre.compile(r"(?:^|/)app/(?:Models/(?:[\w/]+/)?)?[A-Z]\w*\.php$")
_LARAVEL_TABLE = lazyre.compile(r"""\$table\s*=\s*["']([\w.]+)["']""")
# what Eloquent answers without writing, called on the model class (`Rate::where(…)`)
_PHP_READS = frozenset({
    "where", "whereIn", "whereNotIn", "whereNull", "whereNotNull", "whereHas", "whereDate",
    "whereBetween", "whereRaw", "orWhere", "find", "findOrFail", "findMany", "first",
    "firstOrFail", "firstWhere", "all", "get", "count", "exists", "doesntExist", "pluck",
    "value", "orderBy", "orderByDesc", "latest", "oldest", "with", "withCount", "has",
    "doesntHave", "select", "selectRaw", "paginate", "simplePaginate", "cursorPaginate",
    "query", "max", "min", "sum", "avg", "distinct", "groupBy", "limit", "take", "skip",
    "chunk", "cursor", "lazy", "sole", "when", "class", "withTrashed", "onlyTrashed",
    "inRandomOrder", "join", "leftJoin", "having", "getTable", "getKeyName", "toBase",
    "newQuery", "without", "withoutGlobalScopes", "whereKey", "whereColumn", "whereJsonContains",
})  # fmt: skip
_PHP_CONSTANT = lazyre.compile(r"[A-Z][A-Z0-9_]*")
_PHP_WRITES = lazyre.compile(
    r"->\s*(?:create|createMany|createQuietly|insert\w*|update\w*|upsert|save\w*|firstOrCreate|"
    r"firstOrNew|updateOrCreate|updateOrInsert|forceCreate|make|increment|decrement|attach|"
    r"sync\w*|toggle|associate|push|fill|restore)\s*\(",
    re.IGNORECASE,
)


def _php_writes(text: str, names: dict[str, str], models: dict[str, str]) -> None:
    """Raise :class:`_Writes` where a line of PHP may write a row of one of the tables
    ``names`` (table → model class): ``new Rate``, ``Rate::create`` (any static call but the
    query builder's reads and the model's own scopes), a chain from it that writes
    (``Rate::where(…)->update(…)``), an admin's ``$model = Rate::class``, a relation to it
    written (``->exchangeRates()->create(…)``), or ``DB::table('exchange_rates')->insert``."""
    for table, cls in names.items():
        relations = {_lower_camel(camel(table)), _lower_camel(cls)}
        said = re.compile("|".join(map(re.escape, [cls, table, *relations])), re.IGNORECASE)
        static = re.compile(rf"(?<![\w\\$])(?:\\?[\w\\]*\\)?{cls}\s*::\s*(\w+)")
        for line in _lines_with(text, said):
            stripped = line.strip()
            if stripped.startswith(("//", "*", "/*", "#")):
                continue
            if re.search(rf"\bnew\s+(?:\\?[\w\\]*\\)?{cls}\b", line):
                raise _Writes
            if re.search(rf"\$model\s*=\s*(?:\\?[\w\\]*\\)?{cls}::class", line):
                raise _Writes  # (an admin resource's model: Nova, Filament)
            for m in static.finditer(line):
                method = m.group(1)
                if _PHP_CONSTANT.fullmatch(method):
                    continue  # (a class constant, `Rate::DEFAULT`: uk-controller-api, round CM)
                scope = f"scope{method[:1].upper()}{method[1:]}"
                if method not in _PHP_READS and not re.search(
                    rf"\bfunction\s+{scope}\s*\(", models[cls]
                ):
                    raise _Writes
                if method != "class" and _PHP_WRITES.search(_own_chain(line, m.end())):
                    raise _Writes
            for relation in relations:
                if re.search(rf"->\s*{relation}\s*\(\s*\)\s*{_PHP_WRITES.pattern}", line):
                    raise _Writes
            # (the table named as a string, `DB::table('exchange_rates')`: not a variable
            # of its name, `$stand->update([… $airfield->id])`, uk-controller-api, round CM)
            named = rf"[\"'`]{re.escape(table)}\b|\b(?:into|update)\s+{re.escape(table)}\b"
            if re.search(named, line, re.IGNORECASE) and (
                _PHP_WRITES.search(line) or _WRITING_SQL.search(line)
            ):
                raise _Writes


def _own_chain(line: str, start: int) -> str:
    """``line`` from ``start`` to where the expression there ends: a comma or semicolon
    outside its brackets, or a bracket that closes one opened before it (an argument of
    another call: `Sid::where('airfield_id', Airfield::where(…)->firstOrFail()->id)
    ->update(…)` writes sids, not airfields; uk-controller-api, round CM)."""
    depth = 0
    for at in range(start, len(line)):
        char = line[at]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth < 0:
                return line[start:at]
        elif char in ",;" and depth == 0:
            return line[start:at]
    return line[start:]


def _jvm_writes(text: str, classes: set[str], *, kotlin: bool = False) -> None:
    """Raise :class:`_Writes` where Java or Kotlin may build one of the entity ``classes``
    (to save it): ``new Privilege(``, a Kotlin call ``Privilege(``, ``Privilege.builder()``,
    ``Privilege::new``, ``Privilege.class`` (a mapper's or deserializer's target), a
    ``@RequestBody`` of it, a subclass, a MapStruct ``@Mapper`` or Spring Data REST
    repository naming it, or JPQL that writes it."""
    names = "|".join(map(re.escape, sorted(classes)))
    said = re.compile(rf"\b(?:{names})\b")
    if said.search(text) is None:
        return
    if re.search(r"@Mapper\b|RepositoryRestResource", text):
        raise _Writes
    built = re.compile(
        rf"\bnew\s+(?:[\w.]+\.)?(?:{names})\s*[(<{{]|\b(?:{names})\s*(?:\.\s*builder\s*\(|::\s*new\b"
        rf"|\.\s*class\b)|\bextends\s+(?:{names})\b|@RequestBody|@ModelAttribute"
        r"|\b(?:insert|update|merge|persist)\b"
    )
    call = re.compile(rf"(?<![\w.])(?:{names})\s*\(")
    heading = re.compile(r"^\s*(?:(?:public|protected|private|internal|data|open|abstract)\s+)*"
                         r"(?:class|constructor)\b")  # fmt: skip
    for line in _lines_with(text, said):
        stripped = line.strip()
        if stripped.startswith(("//", "*", "/*", "import ", "package ", "@Table", "@Entity")):
            continue
        if built.search(line):
            raise _Writes
        if kotlin and call.search(line) and not heading.match(line):
            raise _Writes
        if re.search(rf":\s*(?:{names})\s*\(", line):
            raise _Writes  # (a Kotlin subclass)


# (a join table TypeORM names itself, `<table>_<property>_<other>`, that no code says)
_TYPEORM_JOINS = frozenset({"manytomany", "jointable"})
# what writes an entity without a save in the app's own code: nestjsx's @Crud, nestjs-query's
# `EntityClass`, an admin panel's resources (AdminJS `resources: [Webhook]`: safe-events-
# service, round CG, a true finding the first reader lowered)
_TYPEORM_ADMINS = lazyre.compile(
    r"@Crud\b|\bEntityClass\b|\bresources?\s*:|admin-?js|admin-?bro|\bAdminModule\b",
    re.IGNORECASE,
)
_TYPEORM_SAVES = lazyre.compile(
    r"\.\s*(?:save|insert|upsert|update|create|merge|preload|increment|decrement|softRemove"
    r"|recover|restore)\s*[(<]"
)


def _may_be_joined(said: dict[str, set[str]], marks: Iterable[str], tables: Sequence[str]) -> bool:
    """Whether one of ``tables`` may be a join table an ORM names itself, which no code
    says: a name with ``_`` in a release whose code has one of its join ``marks``
    (``@ManyToMany``, ``@JoinTable`` …)."""
    return any("_" in t for t in tables) and any(said.get(w) for w in marks)


# `Log.belongsToMany(models.Tag, { through: 'log_tags' })` (or `through: LogTag`, a model)
_THROUGH = lazyre.compile(
    r"\b(\w+)\s*\.\s*belongsToMany\s*\(\s*(?:[\w.]+\.)?(\w+)\s*,\s*(\{[^}]*\})"
)
_THROUGH_NAME = lazyre.compile(r"\bthrough\s*:\s*(?:[\"'`](\w+)[\"'`]|(?:[\w.]+\.)?(\w+))")
_ALIAS = lazyre.compile(r"\bas\s*:\s*[\"'`](\w+)[\"'`]")
# a write through a model held as a value (git's extended regex): `this.model.create(`,
# `this._model.bulkCreate(`, `models[name].create(`, `model.upsert(`
_GENERIC_WRITE = (
    r"(this\.[A-Za-z_]*[mM]odel|\bmodels?[[:space:]]*\[[^]]*\]|\bmodel)[[:space:]]*\."
    r"[[:space:]]*(create|bulkCreate|build|upsert|findOrCreate|findOrBuild)[[:space:]]*\("
)
# a Sequelize model's calls that make or change rows (`Run.create`, `Run.bulkCreate`, …)
_SEQUELIZE_WRITES = (
    r"create|bulkCreate|build|upsert|findOrCreate|findOrBuild|findCreateFind|increment"
    r"|decrement|update|save|restore|insert"
)


def _js_models(texts: dict[str, str], tables: Sequence[str], spelt: str) -> set[str]:
    """The classes or models of ``texts`` (JavaScript, TypeScript) that map one of
    ``tables``, named as the code spells them (``spelt``, a pattern with ``{}`` for the
    name, finds the spelling); other code naming the tables beside SQL that writes, or a
    model whose spelling is not found, raises :class:`_Writes`."""
    from rollback_gate.checks import declared

    out: set[str] = set()
    for path, text in texts.items():
        if not path.endswith(_JS_SOURCES):
            _other_code(text, set(tables))
            continue
        for m in declared.models(path, text):
            if not m.mixin and any(m.maps(t, camel(t)) for t in tables):
                exact = re.search(spelt.format(m.name), text, re.IGNORECASE)
                if exact is None:
                    raise _Writes
                out.add(exact.group(1))
    return out


def _joined_through(text: str, names: set[str]) -> set[str]:
    """The associations a ``belongsToMany`` of ``text`` makes through a table or model of
    ``names`` (lower case): the model each side names (or its ``as:``), whose mixins on
    the other side's rows write the join's (``log.addTag``, ``tag.setLogs``)."""
    out: set[str] = set()
    for m in _THROUGH.finditer(text):
        through = _THROUGH_NAME.search(m.group(3))
        if through and (through.group(1) or through.group(2) or "").lower() in names:
            alias = _ALIAS.search(m.group(3))
            out |= {m.group(1), alias.group(1) if alias else m.group(2)}
    return out


# `import PgUser from "../models/user.model"`, `import { User as PgUser } from …`, `const
# PgUser = require("../models/user")`: a model under another name in one file
_DEFAULT_IMPORT = lazyre.compile(
    r"""\bimport\s+(\w+)\s*(?:,\s*\{[^}]*\})?\s+from\s+["'`]([^"'`]+)["'`]"""
    r"""|\b(?:const|let|var)\s+(\w+)\s*=\s*require\s*\(\s*["'`]([^"'`]+)["'`]\s*\)"""
)
_NAMED_ALIAS = lazyre.compile(r"\b(\w+)\s+as\s+(\w+)\b")


def _aliased(text: str, names: set[str]) -> set[str]:
    """``names`` (models or entities) and what ``text`` imports one of them as: a default
    import or ``require`` of a module whose file is named after one (``user.model``,
    ``models/User``), or ``{ User as PgUser }`` (uwblueprint's starter code imports
    ``PgUser``: humane-society's two true breaks were lowered, round CP)."""
    lowered = {n.lower(): n for n in names}
    out = set(names)
    if "import" not in text and "require" not in text:
        return out
    for m in _DEFAULT_IMPORT.finditer(text):
        alias, module = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        stem = module.rstrip("/").rpartition("/")[2].lower()
        if any(w in lowered for w in re.split(r"[^a-z0-9]+", stem)):
            out.add(alias)
    for block in re.findall(r"\bimport\s*(?:type\s*)?\{([^}]*)\}", text):
        for m in _NAMED_ALIAS.finditer(block):
            if m.group(1).lower() in lowered:
                out.add(m.group(2))
    return out


def _sequelize_writes(text: str, names: set[str], joined: set[str]) -> None:
    """Raise :class:`_Writes` where JavaScript or TypeScript may write a row of a model of
    ``names``, or of a join table of models ``joined``: a write call of a model
    (``Run.create(``, ``models.Run.bulkCreate(``), one built (``new Run(``) or handed to a
    call (a generic repository's ``new Repository(Run)``), a statement whose write has a
    nested ``include:``, or, in a file that says a joined model, a mixin that adds, sets
    or creates associated rows (``log.addTag(``, ``setTags(``). A model imported under
    another name (:func:`_aliased`) is the model."""
    names = _aliased(text, names) if names else names
    every = names | joined
    if not every:
        return
    said = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(every)))})\b", re.IGNORECASE)
    if said.search(text) is None:
        return
    model = rf"(?:{'|'.join(map(re.escape, sorted(names)))})" if names else None
    for line in _lines_with(text, said):
        stripped = line.strip()
        if stripped.startswith(("//", "*", "/*", "import ")):
            continue
        if model and (
            re.search(rf"\b{model}\s*\.\s*(?:{_SEQUELIZE_WRITES})\s*\(", line)
            or re.search(rf"\bnew\s+(?:\w+\s*\(\s*(?:[\w.]+\.)?)?{model}\b", line)
            or re.search(rf"\bextends\s+\w+\s*<[^>]*\b{model}\b", line)
        ):
            raise _Writes
        if re.search(rf"\.\s*(?:{_SEQUELIZE_WRITES})\s*\(", line) and "include" in line:
            raise _Writes
    # (a mixin, by the association's name: `addTag`, `addTags`, `setCategories`)
    stems = "|".join(re.escape(j[:1].upper() + j[1:-1]) for j in sorted(joined) if len(j) > 1)
    if stems and re.search(rf"\.\s*(?:add|set|create)(?:{stems})\w*\s*\(", text):
        raise _Writes


def _typeorm_writes(text: str, classes: set[str]) -> None:
    """Raise :class:`_Writes` where a JavaScript or TypeScript text may write a row of one
    of the TypeORM entity ``classes``: it says the class and makes any save-like call
    (``repo.save``, ``manager.insert``, ``Class.create``: a repository of it, a typed
    object, the class itself), builds one (``new Youth(``), names it as a generic base's
    entity (``extends BaseService<Youth>``, nestjsx's ``@Crud``, nestjs-query's
    ``EntityClass``), or cascades a relation to it (``() => Youth, … cascade``). An entity
    imported under another name (:func:`_aliased`) is the entity."""
    names = "|".join(map(re.escape, sorted(_aliased(text, classes))))
    said = re.compile(rf"\b(?:{names})\b")
    if said.search(text) is None:
        return
    entity = bool(re.search(r"@Entity\s*\(", text))
    if not entity and (_TYPEORM_SAVES.search(text) or _TYPEORM_ADMINS.search(text)):
        raise _Writes
    if re.search(rf"\bnew\s+(?:{names})\s*\(|\bextends\s+\w+\s*<[^>]*\b(?:{names})\b", text):
        raise _Writes
    # (the relation's options, over lines, before the next decorator or member)
    if re.search(rf"=>\s*(?:{names})\b[^@;]{{0,400}}?\bcascade\b", text):
        raise _Writes


def _ruby_writes(
    text: str,
    names: dict[str, str],
    models: dict[str, str],
    aliases: dict[str, set[str]] | None = None,
) -> None:
    """Raise :class:`_Writes` where a line of Ruby (or a view) may write a row of one of
    the tables ``names`` (table → model class): the class called otherwise than to read
    (``.new``, ``.create``, ``.insert_all``, a class method whose body may, a subclass, a
    place in a list or an argument), an association to it written (``.teachers.create``,
    ``<<``, ``build_teacher``, ``teachers_attributes``; also one of another name, in
    ``aliases``: class → association names), a form's ``params.require(:teacher)``,
    an admin's dashboard or a controller with a ``create``, or SQL that writes it.

    A ``build_teacher`` the file defines itself is its own method, not an association's
    builder (a controller's ``before_action :build_recruitment_cycle`` that finds the row:
    manage-courses-backend, round CS); its body is read as any other line."""
    own = _OWN_BUILDERS.findall(text)
    unowned = re.compile(rf"\b(?:{'|'.join(map(re.escape, own))})\b") if own else None
    for table, cls in names.items():
        words = [re.escape(w) for w in {table, _singular(cls), *(aliases or {}).get(cls, ())}]
        association = re.compile(
            rf"\b(?:{'|'.join(words)})\b\s*(?:\.\s*(?:{_ASSOCIATION_WRITES})\b|<<)"
            rf"|\.(?:{'|'.join(words)})\s*=(?![=~>])|\b(?:build|create)_(?:{'|'.join(words)})\b"
            rf"|\b(?:{'|'.join(words)})_attributes\b|accepts_nested_attributes_for\s+:(?:{'|'.join(words)})\b"
            rf"|require\(\s*:(?:{'|'.join(words)})\s*\)"
            # (a `has_many … through:` it joins writes its rows: `rdv.users << u`, `user_ids=`)
            rf"|through\s*(?::|=>)\s*:(?:{'|'.join(words)})\b"
            rf"|\bclass\s+{cls}Dashboard\b"
        )
        sql = re.compile(rf"\b(?:{'|'.join(words)})\b", re.IGNORECASE)
        use = re.compile(rf"(?<![\w:])(?:::)?{cls}\b")
        # (only the lines that say a word asked about, in any case or within a longer one,
        # `build_teacher`: the rest cannot write it)
        said = re.compile("|".join([*words, re.escape(cls)]), re.IGNORECASE)
        for line in _lines_with(text, said):
            stripped = line.strip()
            if stripped.startswith("#"):
                continue
            said_line = unowned.sub("", line) if unowned else line
            if association.search(said_line) or (sql.search(line) and _RUBY_SQL.search(line)):
                raise _Writes
            # (a string that is the class's name may be constantized; prose is no use:
            # "Teacher ECT periods cannot overlap")
            for quoted in _RUBY_STRING.finditer(line):
                if quoted.group(2) == cls and not re.search(
                    r"class_name\s*(?::|=>)\s*$", line[: quoted.start()]
                ):
                    raise _Writes
            code = _RUBY_STRING.sub(lambda q: q.group(1) * 2, line)
            for m in use.finditer(code):
                if not _ruby_reads(code, m, models[cls]):
                    raise _Writes
        if f"class {camel(table)}Controller" in text and _CREATES.search(text):
            raise _Writes


_OWN_BUILDERS = lazyre.compile(r"^[ \t]*def\s+((?:build|create)_\w+)", re.MULTILINE)
# an association declared (its statement may go on over lines that end in a comma)
_ASSOCIATION_DECLARED = lazyre.compile(
    r"^([ \t]*)(?:has_many|has_one|has_and_belongs_to_many|belongs_to)\s*\(?\s*:(\w+)"
    r"((?:[^\n]*,[ \t]*\n)*[^\n]*)",
    re.MULTILINE,
)
_CLASS_NAMED = lazyre.compile(r"""class_name\s*(?::|=>)\s*["'](?:::)?(?:\w+::)*(\w+)["']""")
_OPENS_BLOCK = lazyre.compile(r"\bdo\s*(?:\|[^|\n]*\|)?\s*(?:#[^\n]*)?$")


def _rails_aliases(texts: dict[str, str], classes: set[str]) -> dict[str, set[str]]:
    """The associations ``texts`` declare to each of ``classes`` (class → names): by
    ``class_name:`` or by their own name. Raise :class:`_Writes` where one's extension block
    (``has_many :enrichments, class_name: "CourseEnrichment" do … new(…) … end``) builds
    or saves: its methods make rows through the association (manage-courses-backend's
    ``find_or_initialize_draft``, round CS)."""
    out: dict[str, set[str]] = {}
    for text in texts.values():
        for m in _ASSOCIATION_DECLARED.finditer(text):
            named = _CLASS_NAMED.search(m.group(3))
            cls = named.group(1) if named else model_name(m.group(2))
            if cls not in classes:
                continue
            out.setdefault(cls, set()).add(m.group(2))
            if _OPENS_BLOCK.search(m.group(3)):
                end = re.compile(rf"^{m.group(1)}end\b", re.MULTILINE).search(text, m.end())
                if _RUBY_BUILDS.search(text, m.end(), end.start() if end else len(text)):
                    raise _Writes
    return out


_HABTM_AT = lazyre.compile(r"^[ \t]*has_and_belongs_to_many\s*\(?\s*:(\w+)([^\n]*)", re.MULTILINE)
_RUBY_CLASS = lazyre.compile(r"^[ \t]*class\s+(?:\w+::)*(\w+)", re.MULTILINE)


def _habtm_may_join(texts: dict[str, str], tables: Sequence[str]) -> bool:
    """Whether a ``has_and_belongs_to_many`` of ``texts`` may write one of ``tables`` as
    its join table, which no code names: its default name (the two tables in lexical
    order, a shared prefix said once: ``affiliates_templates``), or a ``join_table:`` not
    written out."""
    from rollback_gate.checks.declared import snake
    from rollback_gate.checks.history.order import habtm_joins
    from rollback_gate.migrations.base import plural

    wanted = {t.lower() for t in tables}
    for text in texts.values():
        for m in _HABTM_AT.finditer(text):
            if "join_table" in m.group(2):
                if not re.search(r"join_table\s*(?::|=>)\s*[:'\"]\w+", m.group(2)):
                    return True  # (named at run time)
                continue  # (named: a table it names is said, so not asked here)
            owner = list(_RUBY_CLASS.finditer(text, 0, m.start()))
            if not owner:
                return True
            if set(habtm_joins(plural(snake(owner[-1].group(1))), m.group(1).lower())) & wanted:
                return True
    return False


def _lines_with(text: str, pattern: re.Pattern[str]) -> list[str]:
    """The lines of ``text`` that ``pattern`` finds something in, each once, in order, each
    with the lines that continue its statement (:data:`_CONTINUED`): a chain split over lines
    (``SdcSagaEntity``, then ``.builder()`` on the next line) is one line."""
    out: dict[int, str] = {}
    for m in pattern.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        if start not in out:
            end = text.find("\n", m.end())
            for _ in range(_MOST_CONTINUED):
                if end < 0 or not _CONTINUED.match(text, end):
                    break
                end = text.find("\n", end + 1)
            out[start] = text[start : end if end >= 0 else len(text)]
    return list(out.values())


# a line break that goes on with the statement: the next line starts a chained call
# (`.`, `->`, `?->`, `&.`, `::`), or the line ends in one, an open bracket or a comma (not
# a brace: a body's first line is no part of its heading's statement)
_CONTINUED = lazyre.compile(r"\n[ \t]*(?:\??->|&?\.(?!\.)|::)|(?<=[.(\[,])\n|(?<=->|::)\n")
_MOST_CONTINUED = 12  # (lines a statement may go on for; a longer one is cut, not lost)


def _singular(cls: str) -> str:
    from rollback_gate.checks.declared import snake

    return snake(cls)


def _ruby_reads(line: str, m: re.Match[str], model: str) -> bool:
    """Whether the class named at ``m`` in ``line`` is only read there."""
    before, after = line[: m.start()], line[m.end() :]
    if re.match(r"\s*class\s+$", before):
        return True  # (its own definition)
    if re.search(r"(?:is_a\?|kind_of\?|instance_of\?|policy_scope|authorize)\(?\s*$", before):
        return True
    if re.search(r"(?:\bwhen|\brescue)\s+$", before) or after.startswith("::"):
        return True
    called = re.match(r"\s*\.\s*(\w+[?!]?)", after)
    if called is None:
        return False
    method = called.group(1)
    if _CHAINED_WRITE.search(_chain(after, called.end())):
        return False  # (`Teacher.where(…).update_all(…)`, `.first_or_create`)
    if method in _RUBY_READS:
        return True
    if re.search(rf"^\s*scope\s+:{re.escape(method)}\b", model, re.MULTILINE):
        return True
    if _enum_mapping(method, model):
        return True
    # (a predicate's name ends in `?`: check-childrens-barred-list's `includes_record?`,
    # round CN)
    body = re.search(rf"^(\s*)def\s+self\.{re.escape(method)}(?![\w?!]).*?^\1end\b", model,
                     re.MULTILINE | re.DOTALL)  # fmt: skip
    return body is not None and not _RUBY_BUILDS.search(body.group(0))


# a write further along a chain that starts with a read
_CHAINED_WRITE = lazyre.compile(rf"&?\.\s*(?:{_ASSOCIATION_WRITES})(?![\w?!])")
_CHAINED_CALL = lazyre.compile(r"\s*&?\.\s*\w+[?!]?")
_CLOSING = {"(": ")", "[": "]", "{": "}"}


def _chain(code: str, start: int) -> str:
    """The rest of the call chain that goes on at ``code[start:]`` (strings emptied): its
    arguments and blocks, each further ``.call`` or ``&.call``, up to what ends the
    expression (a comma, an operator, the end). A ``do`` block it opens runs to the end.
    What the line says after it is another expression: ``render jsonapi: SubjectArea.active,
    class: CourseSerializersService.new`` reads the model (manage-courses-backend, round CS)."""
    at = start
    while at < len(code):
        rest = code[at:]
        opener = rest.lstrip(" \t")
        if opener[:1] in _CLOSING:
            at = matching_bracket(
                code, at + len(rest) - len(opener), opener[0], _CLOSING[opener[0]]
            )
            continue
        if called := _CHAINED_CALL.match(rest):
            at += called.end()
            continue
        if re.match(r"do\b", opener):
            return code[start:]
        break
    return code[start:at]


def _enum_mapping(method: str, model: str) -> bool:
    """Whether ``Model.method`` is the mapping an ActiveRecord ``enum`` defines
    (``enum status: {…}`` answers ``Model.statuses``), declared in the model or in a concern
    it includes that is named after it (``include RegionCode`` for ``region_codes``)."""
    if not method.endswith("s"):
        return False
    for name in {method[:-1], method[:-2], method[:-3] + "y"} - {""}:
        if re.search(rf"^\s*enum\s*\(?\s*:?{re.escape(name)}\b\s*(?::|,|=>)", model, re.M):
            return True
        if re.search(rf"^\s*include\s+{re.escape(camel(name))}\s*$", model, re.M):
            return True
    return False


_PRISMA_READS = frozenset({
    "findMany", "findUnique", "findFirst", "findUniqueOrThrow", "findFirstOrThrow", "count",
    "aggregate", "groupBy", "delete", "deleteMany", "fields",
})  # fmt: skip
_NESTED_WRITES = lazyre.compile(
    r"\b(?:create|createMany|connectOrCreate|upsert|update|updateMany|set)\b"
)
_NEAR_LINES = 3
_KNEX_WRITES = lazyre.compile(
    r"\.\s*(?:insert|update|upsert|merge|onConflict|increment|decrement|into)\s*\("
)


def _named_lines(text: str, named: re.Pattern[str]) -> Iterator[tuple[str, str]]:
    """Each line of ``text`` that ``named`` finds something in, with the line and the
    :data:`_NEAR_LINES` after it (a query's chained calls)."""
    lines = text.splitlines()
    for n, line in enumerate(lines):
        if named.search(line):
            yield line, "\n".join(lines[n : n + _NEAR_LINES + 1])


def _client_writes(text: str, accessors: set[str], words: set[str]) -> None:
    """Raise :class:`_Writes` where ``text`` may write through Prisma's client: a call of
    one of ``accessors`` that does not read, a line naming one of ``words`` with a nested
    write on it or the few lines after, dynamic access (``prisma[model]``), or SQL that
    writes."""
    if re.search(r"\bprisma\s*\[", text):
        raise _Writes
    calls = re.compile(rf"\.\s*(?:{'|'.join(map(re.escape, accessors))})\s*\.\s*(\$?\w+)\b")
    named = re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b", re.IGNORECASE)
    for line, near in _named_lines(text, named):
        if any(m.group(1) not in _PRISMA_READS for m in calls.finditer(line)):
            raise _Writes
        if _NESTED_WRITES.search(near) or _WRITING_SQL.search(line):
            raise _Writes


def _other_code(text: str, words: set[str]) -> None:
    """Raise :class:`_Writes` where a line of ``text`` names the table beside SQL that writes."""
    named = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(words)))})\b", re.IGNORECASE)
    if any(_WRITING_SQL.search(line) for line in _lines_with(text, named)):
        raise _Writes


def _mapped(tree: ast.Module, tables: Sequence[str]) -> set[str]:
    """The classes of ``tree`` that map one of ``tables`` (``__tablename__``, or a Flask
    model named after it); raise :class:`_Writes` where the module names a table otherwise
    than as a mapping or a foreign key (a ``Table(…)``, a ``secondary``, writing SQL)."""
    out = set()
    joined = {t.replace("_", "") for t in tables}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            named = _tablename(node)
            if named in tables or (named is None and node.name.lower() in joined):
                out.add(node.name)
        elif isinstance(node, ast.Call) and _called(node) in ("Table", "table"):
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and str(first.value).lower() in tables:
                raise _Writes
        elif isinstance(node, ast.keyword) and node.arg == "secondary":
            if isinstance(node.value, ast.Constant) and str(node.value.value).lower() in tables:
                raise _Writes
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            low = node.value.lower()
            if any(re.search(rf"\b{t}\b", low) for t in tables) and _WRITING_SQL.search(low):
                raise _Writes
    return out


def _quick_writes(classes: set[str], *, ignore_case: bool = False) -> Callable[[str], None]:
    """A check that raises :class:`_Writes` where a Python text plainly writes one of
    ``classes``, by patterns (before any parse: most tables have a writer, found so at
    once): the class called (``Voucher(…)``, not its ``class`` line), ``.objects.create``
    and its kin, ``insert(Voucher)``, ``Voucher.__table__``, ``register(Voucher)``, and
    ``model = Voucher`` in a module that says no serializer (a read-only serializer's is
    no write: :func:`_uses` reads that one)."""
    names = "|".join(map(re.escape, sorted(classes)))
    flags = re.MULTILINE | (re.IGNORECASE if ignore_case else 0)
    called = re.compile(rf"(?<![\w.])(?:\w+\.)?(?:{names})\s*\(", flags)
    defined = re.compile(r"\s*(?:class|def|async\s+def)\b")
    plain = re.compile(
        rf"\b(?:{names})\s*\.\s*objects\s*\.\s*"
        r"(?:create|get_or_create|update_or_create|bulk_create|bulk_update)\b"
        rf"|\binsert\(\s*(?:\w+\.)?(?:{names})\b|\b(?:{names})\.__table__\b"
        rf"|\bregister\(\s*(?:\w+\.)?(?:{names})\b",
        flags,
    )

    modelled = re.compile(rf"\bmodel\s*=\s*(?:\w+\.)?(?:{names})\b", flags)

    def check(text: str) -> None:
        if plain.search(text) or ("Serializer" not in text and modelled.search(text)):
            raise _Writes
        for m in called.finditer(text):
            if not defined.match(text, text.rfind("\n", 0, m.start()) + 1):
                raise _Writes

    return check


def _django_table(node: ast.ClassDef) -> str | None:
    """The ``Meta.db_table`` a Django model names ("" where it is computed, None without
    one); an abstract model maps none ("")."""
    for stmt in node.body:
        if isinstance(stmt, ast.ClassDef) and stmt.name == "Meta":
            for inner in stmt.body:
                if not isinstance(inner, ast.Assign) or len(inner.targets) != 1:
                    continue
                target = inner.targets[0]
                key = target.id if isinstance(target, ast.Name) else ""
                if key == "abstract":
                    return ""
                if key == "db_table":
                    value = inner.value
                    text = value.value if isinstance(value, ast.Constant) else None
                    return text.lower() if isinstance(text, str) else ""
    return None


_DJANGO_KEYS = frozenset({"ForeignKey", "ParentalKey", "TreeForeignKey"})


def _plain_model_base(base: ast.expr) -> bool:
    """Whether a Django model's base is one no CMS's admin writes through: ``models.Model``
    or another ``…Model`` (a project's or django-model-utils' ``TimeStampedModel``), not
    Wagtail's ``Page``, ``Orderable``, ``ClusterableModel`` or a settings base (fec-cms'
    pages, which Wagtail's editors create: round CG)."""
    name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", "")
    return name.endswith("Model") and name != "ClusterableModel"


def _related_names(node: ast.ClassDef) -> set[str]:
    """The managers other models reach the model's rows by: each foreign key's
    ``related_name``, else ``<model>_set``."""
    out: set[str] = set()
    for stmt in node.body:
        value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
        if not isinstance(value, ast.Call) or _called(value) not in _DJANGO_KEYS:
            continue
        named = next((k.value for k in value.keywords if k.arg == "related_name"), None)
        if isinstance(named, ast.Constant) and isinstance(named.value, str):
            if named.value != "+" and re.fullmatch(r"\w+", named.value):
                out.add(named.value)
            elif "%(" in named.value:
                raise _Writes  # (a name the class fills in: not known)
        elif named is None:
            out.add(f"{node.name.lower()}_set")
        else:
            raise _Writes
    return out


def _tablename(node: ast.ClassDef) -> str | None:
    for stmt in node.body:
        value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
        names = (
            [t.id for t in stmt.targets if isinstance(t, ast.Name)]
            if isinstance(stmt, ast.Assign)
            else [stmt.target.id] if isinstance(stmt, ast.AnnAssign)
            and isinstance(stmt.target, ast.Name) else []
        )  # fmt: skip
        if "__tablename__" in names:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return value.value.lower()
            return ""  # (computed: not known, and not the class's name either)
    return None


def _called(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


# the views of Django REST framework that only list and retrieve
_READ_ONLY_VIEWS = frozenset({
    "ReadOnlyModelViewSet", "ListAPIView", "RetrieveAPIView", "ListModelMixin",
    "RetrieveModelMixin", "GenericViewSet",
})  # fmt: skip
_SAVES = frozenset({"save", "create", "update", "perform_create", "perform_update", "post",
                    "put", "patch", "partial_update", "get_serializer_class"})  # fmt: skip


def _target(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else ""


def _base_names(node: ast.ClassDef) -> list[str]:
    return [b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases]


def _read_only_view(view: ast.ClassDef) -> bool:
    """Whether a view class only lists and retrieves: every base a read-only view of
    Django REST framework, and no method or call of its that may save (``save``,
    ``create``, ``perform_create``, ``post`` …, or one given ``data=``)."""
    if not view.bases or not set(_base_names(view)) <= _READ_ONLY_VIEWS:
        return False
    for n in ast.walk(view):
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name in _SAVES:
            return False
        if isinstance(n, ast.Call) and (
            _called(n) in _SAVES or any(k.arg in ("data", None) for k in n.keywords)
        ):
            return False
    return True


def _serializer_model(node: ast.AST, parents: dict[int, ast.AST]) -> str:
    """The Django REST framework serializer whose ``Meta.model`` the reference ``node``
    is (``class ZoneSerializer(ModelSerializer): class Meta: model = Zone``), "" if none."""
    assign = parents.get(id(node))
    if not isinstance(assign, ast.Assign) or [_target(t) for t in assign.targets] != ["model"]:
        return ""
    meta = parents.get(id(assign))
    owner = parents.get(id(meta)) if isinstance(meta, ast.ClassDef) else None
    if not (isinstance(meta, ast.ClassDef) and meta.name == "Meta"):
        return ""
    if not isinstance(owner, ast.ClassDef):
        return ""
    return owner.name if any(b.endswith("Serializer") for b in _base_names(owner)) else ""


@dataclasses.dataclass(frozen=True)
class _Index:
    """What :func:`_uses` asks of a module, whatever the classes: each node's parent, the
    nodes inside annotations, the references by name (``C`` and ``x.C``), its classes."""

    parents: dict[int, ast.AST]
    annotations: frozenset[int]
    named: dict[str, list[ast.AST]]
    classes: list[ast.ClassDef]


def _index(tree: ast.Module) -> _Index:
    parents: dict[int, ast.AST] = {}
    annotations: set[int] = set()
    named: dict[str, list[ast.AST]] = {}
    classes: list[ast.ClassDef] = []
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
        notes: list[ast.AST | None] = []
        if isinstance(node, (ast.AnnAssign, ast.arg)):
            notes.append(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            notes.append(node.returns)
        for note in notes:
            if note is not None:
                annotations |= {id(n) for n in ast.walk(note)}
        if isinstance(node, ast.ClassDef):
            classes.append(node)
        elif isinstance(node, ast.Name):
            named.setdefault(node.id, []).append(node)
        elif isinstance(node, ast.Attribute):
            named.setdefault(node.attr, []).append(node)
    return _Index(parents, frozenset(annotations), named, classes)


def _uses(
    tree: ast.Module,
    classes: set[str],
    serializers: set[str] | None = None,
    index: _Index | None = None,
) -> set[str]:
    """The subclasses of ``classes`` that ``tree`` declares; raise :class:`_Writes` at a use
    of one that may write (module docstring). The model of a Django REST framework
    serializer is no write there: the serializer's name goes to ``serializers``, whose
    uses are asked in turn (:meth:`_Release._serializers_read`). ``index``: the tree's
    :func:`_index`, where the caller keeps it."""
    index = index or _index(tree)
    parents = index.parents
    subclasses: set[str] = set()
    for node in index.classes:
        if any(_names(b, classes) for b in node.bases):
            subclasses.add(node.name)
        if node.name in classes and any(
            isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "cls"
            for n in ast.walk(node)
        ):
            raise _Writes  # (a factory classmethod builds it)
    for used in (n for c in sorted(classes) for n in index.named.get(c, ())):
        if id(used) in index.annotations:
            continue
        parent = parents.get(id(used))
        if isinstance(parent, ast.ClassDef) and used in parent.bases:
            continue
        if serializers is not None and (serializer := _serializer_model(used, parents)):
            serializers.add(serializer)
            continue
        if not _reads(used, parent, parents):
            raise _Writes
    return subclasses


def _names(node: ast.AST, classes: set[str]) -> bool:
    """Whether ``node`` is a reference to one of ``classes`` (``C``, ``models.C``)."""
    if isinstance(node, ast.Name):
        return node.id in classes
    return isinstance(node, ast.Attribute) and node.attr in classes


def _reads(node: ast.AST, parent: ast.AST | None, parents: dict[int, ast.AST]) -> bool:
    """Whether the reference ``node`` (a child of ``parent``) only reads: up its chain of
    attributes and calls (``Model.query.filter(…).first()``, Django's
    ``Model.objects.filter(…)``), a method called on the class itself is one that reads,
    and none called further on writes (``.create``, ``.update``, ``.bulk_create`` …)."""
    if isinstance(parent, ast.Attribute) and parent.value is node:
        current: ast.AST = node
        on_class = True
        while True:
            up = parents.get(id(current))
            if isinstance(up, ast.Subscript) and up.value is current:
                current = up
                continue
            if not (isinstance(up, ast.Attribute) and up.value is current):
                return True  # (a column or relationship: `Model.id == x`)
            if up.attr in ("__table__", "__mapper__"):
                return False
            call = parents.get(id(up))
            if isinstance(call, ast.Call) and call.func is up:
                if up.attr.startswith(_WRITING_PREFIXES) or up.attr in _WRITING_METHODS:
                    return False
                if on_class and up.attr not in _READING_METHODS:
                    return False  # (a class method not known to read: it may build)
                current = call
            else:
                current = up
            on_class = False
    if isinstance(parent, ast.Call):
        return parent.func is not node and _called(parent) in _READING_CALLS
    if isinstance(parent, ast.keyword):
        call = parents.get(id(parent))
        return isinstance(call, ast.Call) and _called(call) in _READING_CALLS
    return isinstance(parent, (ast.Compare, ast.Expr))
