"""Renames, type changes and keys an audit judges against their own release.

A ``scope: all`` audit reports RG220 (column renamed) and RG221 (table renamed) for
migrations that shipped long ago. The release each replaced is not the base: it is the code
at the first parent of the commit that brought the migration to the main line (the merge of
its pull request, or the commit that added it there). Where that code names the old column
(or table) nowhere, the previous release neither read nor wrote it and the rename could
not break it: the finding drops to P3 and says so, as the same rename in a change does
(:mod:`.dropped`). So does a type change (RG223) of a column that code names nowhere: the
previous release neither wrote values the new type may refuse nor read what it holds now
(screenplay's ``pa_message.days_of_week``, made ``integer[]`` while the only code of the
table was a stub: round CC). And so does a NOT NULL (RG222) or a key (RG224) on a table
that code names nowhere, where code must name a table to write it (:data:`_NAMED_TO_WRITE`:
therr-app's Knex ``apiKeys``, round CC; sst-project-api's Prisma tables, round CD): that
release wrote no row there.

The code is read once per distinct file content over all those releases
(:meth:`~rollback_gate.repo.GitRepo.words_at`), newest release first, up to
:data:`WORDS_RELEASES` releases and ``WORDS_BUDGET_BYTES`` of code (a release of a 5,000-file
repository alone may hold 30 MB): a note says how many findings were judged without it.
Only an audit pays for this: ``since:`` and ``scope: changed`` judge a change's files,
whose release is the base.

A Rails model reads and writes the columns it never names only where its inserts list
every column (``config.load_defaults 7.0`` and later: :func:`~rollback_gate.checks.
dropped.inserts_every_column`); there the table's names count as the old column's.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from rollback_gate import lazyre
from rollback_gate.checks import Context, declared
from rollback_gate.checks.dropped import (
    _COMMENTS,
    _NAME,
    _NOT_CODE,
    AUTO_WRITTEN,
    CODE,
    GENERATED_QUERIES,
    MAX_MODEL_BYTES,
    MAX_MODEL_FILES,
    Drop,
    _matcher,
    drops_of,
    inserts_every_column,
    unnamed_uses,
)
from rollback_gate.checks.history.order import DATES_READ_AS_DATES, home
from rollback_gate.checks.history.unwritten import OwnBase
from rollback_gate.migrations.base import Unreadable, plural
from rollback_gate.migrations.js import MODULES as _JS
from rollback_gate.models import Finding, Related, Severity
from rollback_gate.repo import WORDS_BUDGET_BYTES, WORDS_RELEASES

# what a Django rename says of a swap: a temporary field renamed over a removed one
_SWAPPED = "was added by an earlier migration of the release"
_RULES = frozenset({"RG220", "RG221", "RG222", "RG223", "RG224"})
_T = TypeVar("_T")
# (text, line, table, alembic) → the columns of the unique key the statement there draws
KeyReader = Callable[[str, int, str, bool], "tuple[str, ...] | None"]
# where code must name a table to write it: query builders and plain SQL, and Prisma, whose
# client names the model or a relation to it (its implicit join tables, `_AToB`, aside); not
# the ORMs that write a join table no code names (Rails, Django, Laravel, TypeORM, JPA …)
# … and Ecto, whose schema says its table (`schema "centres"`), a join table its
# `join_through: "posts_tags"`, a schemaless write its `Repo.insert_all("centres", …)`: no
# row without the name (db-service's `centres`, round CQ)
_NAMED_TO_WRITE = frozenset({"knex", "prisma", "golang-migrate", "goose", "dbmate", "ecto"})
# … and where a table's model, a file of its own, is how code writes it: a table whose names
# that code says only in the model's own file had no row written by it (cnme-backend's
# empty `class Etapa extends Model {}`, no controller yet: round CF, nine). Not a table
# without a model (a join table the ORM writes unnamed): that is never lowered.
_MODELLED = frozenset({"rails", "laravel"})
_MODEL_FILE = lazyre.compile(r"(?:^|/)app/(?:models|Models)/|(?:^|/)app/[A-Z]\w*\.php$")
_MODELS_ONLY = "models:"  # (a ``_said`` key: a word's paths, where all are model files)
_WRITTEN = ("RG222", "RG224")  # (asked of their table: never written, none refused)
_RETYPED = "RG223:type_change:"  # (an RG223's key: the column it retypes, then the type)
# files that declare a schema without reading or writing it (a Prisma model is read by its
# client, every scalar field selected: a use of a column, not of a table nobody queries)
_DUMPS = ("**/schema.rb", "**/structure.sql", "**/schema.sql")
_PRISMA = ".prisma"
_UNLISTED = frozenset({"enum", "simple-enum", "set"})  # model types that name no labels
# releases past the code's reading budget whose models alone are read (the newest), and how
# much of their model files
_UNREAD_MODEL_RELEASES = 4
_UNREAD_MODEL_BYTES = 12 << 20
# nouns Sequelize's inflection does not make plural
_UNCOUNTABLE = frozenset({"equipment", "information", "rice", "money", "species", "series",
                          "fish", "sheep", "moose", "deer", "news", "jeans", "police"})  # fmt: skip
_COLUMN_UNNAMED = (
    "the code of its own previous release names the old column nowhere: that release did "
    "not read or write it"
)
_RETYPED_UNNAMED = (
    "the code of its own previous release names the column nowhere: that release did not "
    "read or write it"
)
_TABLE_UNNAMED = (
    "the code of its own previous release names the old table nowhere: that release did not "
    "read or write it; code of another repository still may"
)
_UNWRITTEN = (
    "the code of its own previous release names the table nowhere: that release wrote no "
    "row there; code of another repository still may"
)
_UNNAMED = {"RG221": _TABLE_UNNAMED, "RG223": _RETYPED_UNNAMED, "RG222": _UNWRITTEN,
            "RG224": _UNWRITTEN}  # fmt: skip
_KEY_UNWRITTEN = (
    "the code of its own previous release names {} nowhere: every row that release wrote "
    "holds NULL there, which a unique key never refuses twice; code of another repository "
    "still may write it"
)
# a key whose NULLs may collide: PostgreSQL 15's NULLS NOT DISTINCT, SQL Server, Oracle
_NULLS_COUNT = lazyre.compile(
    r"\bNULLS\s+NOT\s+DISTINCT\b|\b(?:mssql|sqlserver|oracle)\b|\bN?VARCHAR2\b|\[dbo\]",
    re.IGNORECASE,
)
_DUMP_NAMES = ("schema.rb", "structure.sql", "schema.sql")
# where code may write a column it never names: a query builder's `insert(row)` of an object
# its caller made (Knex, db-migrate's apps), Active Record's `create(params.permit!)` and
# Eloquent's `create($request->all())`; elsewhere a model or a statement declares what it
# writes (Django, SQLAlchemy, Ecto, JPA, TypeORM, Sequelize, Prisma, SQL of the app's own)
_PASSED_THROUGH = frozenset({"knex", "rails", "laravel", "db-migrate"})
_ONLY_MODELLED = (
    "the code of its own previous release names the table only in its own model ({}): that "
    "release wrote no row there; code of another repository still may"
)
_ONLY_MODELLED_RENAMED = (
    "the code of its own previous release names the old table only in its own model ({}), "
    "which nothing else there used: that release did not read or write it; code of another "
    "repository still may"
)
# (a renamed table too: psuv's empty `class CierreMesaVotacion extends Model {}`, round CO)
_MODEL_ONLY_RULES = frozenset({"RG221", *_WRITTEN})


def judge(
    ctx: Context,
    findings: list[Finding],
    folders: Iterable[str],
    frameworks: dict[str, str],
    unmade: Callable[[Context, str, Sequence[str], Sequence[str]], bool] | None = None,
    keys: KeyReader | None = None,
) -> list[Finding]:
    """``findings`` with the RG220-RG224 of migrations older than the change (a ``scope:
    all`` audit's) at P3 where their own previous release names the old name, the retyped
    column or the written table nowhere (module docstring). ``folders``: the migration
    folders; ``frameworks``: each migration file's framework; ``unmade(ctx, rev, roots,
    tables)``: whether the release at ``rev`` made no row of the Rails ``tables``, whose
    inserts would name every column (:class:`~rollback_gate.checks.unbuilt.RailsUnmade`);
    ``keys(text, line, table, alembic)``: the columns of the unique key a migration's
    statement draws (:func:`~rollback_gate.checks.history.redrawn.key_made`), for the
    RG224 whose column its release names nowhere (none asked without it)."""
    if ctx.git is None:
        return findings
    roots = sorted({f.strip("/") for f in folders})
    # a change's own migrations are judged against the base (:mod:`.dropped`); those an
    # audit's last-tag base did not precede were added by later releases of their own
    # (tolstoy's renames, a year after its last tag: round BY)
    asked = {
        id(f): drops
        for f in findings
        if f.rule in _RULES and f.severity is not Severity.P3
        and (drops := _subjects(f, frameworks.get(f.path or "", "")))
        # (not a column the ORM writes by itself: `created_at`, `lock_version`)
        and not any((d.column or "").lower() in AUTO_WRITTEN for d in drops)
        and _spelt(ctx, f, drops)
    }  # fmt: skip
    asked = audited_only(ctx, roots, findings, asked)
    # (and an RG224's key columns: one its release names nowhere is NULL in its rows)
    keyed = audited_only(ctx, roots, findings, _keys(ctx, findings, frameworks, keys))
    if not asked and not keyed:
        return findings
    mine = [f for f in findings if id(f) in asked or id(f) in keyed]
    changelogs = frozenset(f.path or "" for f in mine if _many(frameworks.get(f.path or "", "")))
    by_all, every = own_releases(ctx, mine, roots, changelogs)
    by_rev = {rev: [f for f in fs if id(f) in asked] for rev, fs in by_all.items()}
    order = every[:WORDS_RELEASES]  # (the releases whose code is read)
    # (a release whose tree holds none of the folder's migrations was no release of it:
    # an imported history's first parent)
    # (by the folder the file had then: TIS-TCS's Flyway folder split in two since, CE)
    then = _folders_then(ctx, roots, [f for fs in by_all.values() for f in fs])
    held = ctx.git.held_at({(rev, then[id(f)]) for rev in every for f in by_all[rev]})
    words = {id(f): _words(f, asked[id(f)]) for rev in order for f in by_rev[rev]}
    for rev in order:  # (a Prisma model is written through the relations to it too)
        _prisma_relations(ctx, rev, [f for f in by_rev[rev] if f.rule in _WRITTEN], asked, words)
    full = _full_inserts(ctx, order, by_rev, asked)
    tables = {id(f): _table_words(asked[id(f)]) for rev in order for f in by_rev[rev]}
    columns = {c: _column_words(c) for occurrences in keyed.values() for cs in occurrences
               for c in cs}  # fmt: skip
    wanted = {w for ws in [*words.values(), *tables.values(), *columns.values()] for w in ws}
    wanted.add(GENERATED_QUERIES)
    said = _said(ctx, order, wanted, roots)
    for rev in order:
        # where the app's inserts list every column (Rails 7) or a generated query layer
        # selects them (jOOQ: steve's `selectFrom(WEB_USER)`, round BO), a column is used
        # wherever its table is
        generated = GENERATED_QUERIES in said.get((rev, "column"), set())
        for f in by_rev[rev]:
            if f.rule not in ("RG220", "RG223") or not ((rev, id(f)) in full or generated):
                continue
            # (not where that release inserts no row of the table: register-early-career-
            # teachers' InductionExtension, only its model and an association, round CG)
            names = sorted({d.table for d in asked[id(f)]})
            if generated or unmade is None or not unmade(ctx, rev, roots, names):
                words[id(f)] |= tables[id(f)]
    if unread := sum(len(fs) for rev, fs in by_all.items() if (rev, "column") not in said):
        ctx.notes.append(
            f"{unread} RG220-RG224 finding(s) of older migrations were judged without their "
            "own release's code: an audit reads the code of the newest releases only, up to "
            f"{WORDS_RELEASES} and {WORDS_BUDGET_BYTES >> 20} MB of it"
        )
    lowered: dict[int, Finding] = {}
    judged = [(rev, f) for rev in order for f in by_rev[rev]
              if (rev, then[id(f)]) in held and (rev, "column") in said]  # fmt: skip
    tableless = {
        id(f) for rev, f in judged
        if _tableless(f, asked[id(f)], tables[id(f)], said.get((rev, "table"), set()))
    }  # fmt: skip
    unnamed = {
        id(f) for rev, f in judged
        if not words[id(f)] & said.get(
            (rev, "table" if f.rule in ("RG221", *_WRITTEN) else "column"), set()
        )
        and not (f.rule in _WRITTEN and _modelled(asked[id(f)]) and _unnamed_write(f, asked[id(f)]))
    } | tableless  # fmt: skip
    modelled = {
        id(f): reason for rev, f in judged
        if f.rule in _MODEL_ONLY_RULES and id(f) not in unnamed and _modelled(asked[id(f)])
        and (reason := _only_in_models(rev, words[id(f)], asked[id(f)], said, f.rule))
    }  # fmt: skip
    caught = _caught_up(ctx, [(r, f) for r, f in judged if id(f) not in unnamed], asked, roots)
    # (the releases past the reading budget: their models alone, for the newest few)
    beyond = [(rev, f) for rev in every for f in by_rev[rev]
              if (rev, then[id(f)]) in held and (rev, "column") not in said]  # fmt: skip
    newest = set(list(dict.fromkeys(rev for rev, _ in beyond))[:_UNREAD_MODEL_RELEASES])
    beyond = [(rev, f) for rev, f in beyond if rev in newest]
    caught |= _caught_up(ctx, beyond, asked, roots, _UNREAD_MODEL_BYTES)
    for rev, f in [*judged, *((r, f) for r, f in beyond if id(f) in caught)]:
        why: str | None = None
        if id(f) in tableless:
            why = _TABLELESS
        elif id(f) in unnamed:
            why = _UNNAMED.get(f.rule, _COLUMN_UNNAMED)
        elif id(f) in modelled:
            why = modelled[id(f)]
        elif f.rule == "RG221":
            # (named, but perhaps only as a Sequelize model's name)
            why = _sequelize_model_only(ctx, rev, f, asked[id(f)], roots)
        else:
            why = caught.get(id(f))
        if why is not None:
            lowered[id(f)] = dataclasses.replace(
                f, severity=Severity.P3, message=f"{f.message} ({why})"
            )
    for rev in order:
        for f in by_all[rev]:
            if id(f) in lowered or id(f) not in keyed or (rev, then[id(f)]) not in held:
                continue
            if (named := said.get((rev, "column"))) is None:
                continue  # (a release past the reading budget: not known)
            # (each occurrence's key: a column of it that release never wrote)
            free = [[c for c in cs if not columns[c] & named] for cs in keyed[id(f)]]
            if all(free) and not _defaulted(ctx, roots, {c for cs in free for c in cs}):
                why = _KEY_UNWRITTEN.format(", ".join(sorted({cs[0] for cs in free})))
                lowered[id(f)] = dataclasses.replace(
                    f, severity=Severity.P3, message=f"{f.message} ({why})"
                )
    return [lowered.get(id(f), f) for f in findings]


def _keys(
    ctx: Context, findings: Sequence[Finding], frameworks: dict[str, str], made: KeyReader | None
) -> dict[int, list[list[str]]]:
    """``id(finding) →`` the plain columns of each unique key an RG224 draws (a primary key
    aside: never NULL), where every occurrence's key is read (:func:`~rollback_gate.checks.
    history.redrawn.key_made`) and NULLs in it are distinct: not ``NULLS NOT DISTINCT``,
    nor a folder or file of SQL Server's (a NULL is a value there) or Oracle's (a NULL
    beside a value is one); not in a framework whose code may write a column it never
    names (:data:`_PASSED_THROUGH`)."""
    from rollback_gate.checks.history.unwritten import table_of

    out: dict[int, list[list[str]]] = {}
    if made is None:
        return out
    texts: dict[str, str | None] = {}
    for f in findings:
        if f.rule != "RG224" or f.severity is Severity.P3 or not f.path:
            continue
        if frameworks.get(f.path, "") in _PASSED_THROUGH:
            continue
        if f.path not in texts:
            try:
                texts[f.path] = ctx.tree.read_text(f.path)
            except Unreadable:
                texts[f.path] = None
        text = texts[f.path]
        if text is None or _NULLS_COUNT.search(text) or _NULLS_COUNT.search(f.path):
            continue
        alembic = frameworks.get(f.path) == "alembic"
        keys = []
        for r in [Related(f.path, f.line, f.message, f.key), *f.related]:
            drawn = None
            if ":unique" in r.key.lower() and r.path == f.path:
                drawn = made(text, r.line or 0, table_of(r.key), alembic)
            plain = [c for c in drawn or () if _NAME.match(c) and c not in AUTO_WRITTEN]
            if not plain:
                break
            keys.append(plain)
        else:
            out[id(f)] = keys
    return out


def _column_words(column: str) -> set[str]:
    """The words whose presence in code may write ``column``: its spellings and the
    associations that fill it unnamed (:func:`~rollback_gate.checks.dropped.unnamed_uses`;
    a polymorphic association's ``<name>_type`` too)."""
    uses = unnamed_uses(column)
    if column.endswith("_type") and len(column) > len("_type"):
        uses.add(column.removesuffix("_type"))
    return {w for u in uses for w in (u, u.replace("_", "")) if w}


def _defaulted(ctx: Context, roots: Sequence[str], columns: set[str]) -> bool:
    """Whether a migration file or schema dump may give one of ``columns`` a default
    (the statement of a line naming it says ``default``): every row the release
    writes would hold the same value, which a unique key refuses. Not a default that
    gives each row its own (``stable_id uuid DEFAULT uuid_generate_v4()``: marble's
    screening configs, round CO). One ``git grep -l``; True where git cannot answer (a
    default not ruled out)."""
    from rollback_gate.migrations.sqlengine.compat import UNIQUE_DEFAULT

    assert ctx.git is not None
    places = sorted({*roots, *(posixpath.dirname(p) or "." for p in ctx.tree.files
                                if p.endswith(_DUMP_NAMES))})  # fmt: skip
    holding = ctx.git.files_with(sorted(columns), places)
    if holding is None:
        return True
    named = rf"(?<![\w$])(?:{'|'.join(map(re.escape, sorted(columns)))})(?![\w$])"
    pattern = re.compile(named, re.I)
    own = re.compile(rf"{named}[^,;]*?{UNIQUE_DEFAULT}", re.I)  # (the column's own default)
    for path in holding:
        try:
            lines = ctx.tree.read_text(path).lower().split("\n")
        except Unreadable:
            return True
        for i, line in enumerate(lines):
            said = _statement_at(lines, i) if pattern.search(line) else ""
            # (two defaults in one statement: whose is which is not told)
            if "default" in said and (not own.search(said) or said.count("default") > 1):
                return True
    return False


def _statement_at(lines: Sequence[str], at: int, most: int = 4) -> str:
    """Line ``at`` and those its brackets or an XML tag left open run on to (at most
    ``most`` lines): a column's definition, not its neighbours' in a schema dump."""
    text = lines[at]
    for line in lines[at + 1 : at + most]:
        depth = text.count("(") - text.count(")") + text.count("[") - text.count("]")
        tag = text.rfind("<") > text.rfind(">")
        if depth <= 0 and not tag:
            break
        text += " " + line
    return text


def _spelt(ctx: Context, f: Finding, drops: Sequence[Drop]) -> bool:
    """Whether each old name a rename's ``drops`` ask about is the name its file says: not
    a quoted name the SQL reader spelt otherwise (``"driver_license(s)"`` read as
    ``driver_license_s_``: talent-cloud, round CJ, a true break lowered), which is searched
    for in no spelling code would use, so the finding is left as found."""
    if f.rule not in ("RG220", "RG221"):
        return True
    names = {(d.column if f.rule == "RG220" else d.table) or "" for d in drops}
    names = {n.lower().rsplit(".", 1)[-1] for n in names}
    if not any("_" in n for n in names):
        return True
    try:
        text = ctx.tree.read_text(f.path or "", lenient=True)
    except Unreadable:
        return False
    for pattern in _QUOTED_NAMES:  # (each apart: SQL's "names" sit in a JS `template`)
        for m in pattern.finditer(text):
            quoted = m.group(1)
            if quoted.lower() not in names and declared.UNSPELLED.sub("_", quoted).lower() in names:
                return False
    return True


_QUOTED_NAMES = (
    lazyre.compile(r'"([^"\n]{1,128})"'),
    lazyre.compile(r"`([^`\n]{1,128})`"),
    lazyre.compile(r"\[([^\]\n]{1,128})\]"),
)


def audited_only(
    ctx: Context, roots: Sequence[str], findings: Sequence[Finding], asked: dict[int, _T]
) -> dict[int, _T]:
    """``asked`` (``id(finding) →`` what is asked of it) less the findings of the
    change's own migrations, which :mod:`.dropped` judges against the base."""
    if not asked or not ctx.diff:
        return asked
    own = OwnBase(ctx, roots)
    added = {p for p in ctx.diff.added if own(p)}
    return {id(f): asked[id(f)] for f in findings if id(f) in asked and f.path not in added}


def _modelled(drops: Sequence[Drop]) -> bool:
    """Whether ``drops`` are tables of a framework whose models write them (:data:`_MODELLED`)."""
    return bool(drops) and all(d.framework in _MODELLED for d in drops)


def _unnamed_write(f: Finding, drops: Sequence[Drop]) -> bool:
    """Whether code the release never names may write one of ``drops``' tables: a join
    table a Rails or Laravel model writes without naming it (``has_and_belongs_to_many``,
    ``belongsToMany``: ``role_user``, two names joined by ``_``; another name is said where
    it is declared), a table of a Rails engine's migration (its gem's) or of a framework's
    own (``active_storage_blobs``). A table of one word (eWater's ``municipalities``, round
    CO) is none of them: where no code says it, nothing writes it."""
    from rollback_gate.checks.history.unwritten import ENGINE_FILE, FRAMEWORK_TABLES

    if ENGINE_FILE.search(f.path or ""):
        return True
    names = [d.table.rpartition(".")[2].lower() for d in drops]
    return any("_" in n.strip("_") or n.startswith(FRAMEWORK_TABLES) for n in names)


def _only_in_models(
    rev: str,
    words: set[str],
    drops: Sequence[Drop],
    said: dict[tuple[str, str], set[str]],
    rule: str = "RG222",
) -> str | None:
    """Why an RG221, RG222 or RG224 of a Rails or Laravel table could not break the
    release at ``rev``: that code says the table's names, and says them only in the
    table's own model file (``app/models/etapa.rb``, ``app/Models/Etapa.php``), so nothing
    there creates a row of it (or, renamed, reads one). None where a name is said
    elsewhere, or in no model at all (a join table)."""
    stems = {d.model.lower().replace("_", "") for d in drops}
    paths: set[str] = set()
    for word in words & said.get((rev, "table"), set()):
        found = said.get((rev, _MODELS_ONLY + word))
        if found is None:
            return None  # (said outside the models)
        paths |= found
    own = {
        p for p in paths
        if posixpath.splitext(posixpath.basename(p))[0].lower().replace("_", "") in stems
    }  # fmt: skip
    if not paths or own != paths:
        return None
    text = _ONLY_MODELLED_RENAMED if rule == "RG221" else _ONLY_MODELLED
    return text.format(", ".join(sorted(own)))


def _folders_then(
    ctx: Context, roots: Sequence[str], findings: Sequence[Finding]
) -> dict[int, str]:
    """``id(finding) →`` the migration folder its file was first added to: the one it is
    under now, or where a move found its first name."""
    from rollback_gate.checks.history.unwritten import origins_of

    _, names, _ = origins_of(ctx, sorted(set(roots)))
    out = {}
    for f in findings:
        path = f.path or ""
        first = names.get(path, path)
        out[id(f)] = home(path, roots) if first == path else posixpath.dirname(first)
    return out


def _caught_up(
    ctx: Context,
    judged: Sequence[tuple[str, Finding]],
    asked: dict[int, list[Drop]],
    roots: Sequence[str],
    budget: int = WORDS_BUDGET_BYTES,
) -> dict[int, str]:
    """Why each column rename (RG220) or type change (RG223) of ``judged`` (its release,
    the finding) could not break its release, which already followed the new schema:

    * a rename, where that release's ORM model of the table maps the new name and not the
      old one: the rename brings the database to the code (TIS-TCS's JPA ``@Column(name =
      "owner")``, civilcasemanager's Ecto ``field :boat_engine_failure``: round CE; the old
      word was still said elsewhere, a Java field or a template). Not a swap;
    * a type change, where that model declares each column's type as the new one or one
      it holds (TANF-app's ``CharField(max_length=8)`` over an integer column, cogenterp's
      TypeORM ``siteTiming: string`` over a ``time`` one: round CE): that release wrote
      only values the new type holds.

    The releases' model files that say the names are found by one reading of them, each
    distinct content once (within ``budget`` bytes), and read."""
    assert ctx.git is not None
    wanted: dict[int, list[tuple[Drop, str]]] = {}  # → (each subject, its new name or type)
    for _, f in judged:
        drops = asked[id(f)]
        pairs = [(d, _key_tail(d.where.key)) for d in drops]
        # (not a swap: the column the new name held, which the model maps, is replaced)
        swap = _SWAPPED in f.message or any(_SWAPPED in (d.where.message or "") for d in drops)
        if f.rule == "RG220" and (swap or not all(_NAME.match(n) for _, n in pairs)):
            continue
        if f.rule in ("RG220", "RG223") and pairs and all(d.column for d, _ in pairs):
            wanted[id(f)] = pairs
    if not wanted:
        return {}
    revs = list(dict.fromkeys(rev for rev, f in judged if id(f) in wanted))
    models_only = (*declared.SUFFIXES, *declared.JPA_SUFFIXES)
    code = _code_files(roots)
    located = ctx.git.words_at(
        revs,
        {n for f in judged if id(f[1]) in wanted for n in _model_words(f[1], wanted[id(f[1])])},
        lambda p: p.endswith(models_only) and code(p),
        _COMMENTS,
        budget=budget,
        final=lambda p: False,
    )
    # each release's files read once, each distinct text parsed once (a model file most
    # releases share: pretalx's 60 audited releases)
    paths_of = {
        id(f): {p for n in _model_words(f, wanted[id(f)]) for p in located[rev].get(n, ())}
        for rev, f in judged
        if id(f) in wanted and rev in located
    }
    needs: dict[str, set[str]] = {}
    for rev, f in judged:
        if id(f) in paths_of:
            needs.setdefault(rev, set()).update(paths_of[id(f)])
    texts = {
        rev: ctx.git.read_many(rev, paths, MAX_MODEL_BYTES) if len(paths) <= MAX_MODEL_FILES else {}
        for rev, paths in needs.items()
    }  # fmt: skip
    parsed: dict[tuple[str, str], list[declared.Model]] = {}
    out: dict[int, str] = {}
    for rev, f in judged:
        paths = paths_of.get(id(f), set())
        if not paths or len(paths) > MAX_MODEL_FILES:
            continue
        models = []
        # (only a file that names a table or model asked about may declare its model)
        names = {n.lower() for d, _ in wanted[id(f)] for n in (d.table, d.model) if n}
        names |= {n.removeprefix("historical") for n in names}  # (django-simple-history's)
        names = {n.replace("_", "") for n in names}  # (`class SSP_M1`: model `sspm1`)
        for p in sorted(paths & texts[rev].keys()):
            low = texts[rev][p].lower().replace("_", "")
            if not any(n in low for n in names):
                continue
            key = (p, texts[rev][p])
            if key not in parsed:
                parsed[key] = declared.models(p, texts[rev][p])
            models += parsed[key]
        said = [_followed(f.rule, d, new, models) for d, new in wanted[id(f)]]
        if all(said) and f.rule == "RG220":
            out[id(f)] = (
                f"its own previous release's model already maps the new name, not the old "
                f"one: {', '.join(said)}; the rename brings the database to that code"
            )
        elif all(said):
            out[id(f)] = (
                f"its own previous release's model already declares the type: "
                f"{', '.join(said)}; that release wrote only values the new type holds"
            )
    return out


def _key_tail(key: str) -> str:
    """The last part of an occurrence's key, lower case: a rename's new name without the
    quotes or brackets around it (``"Name"``, ``[name]``), or a type change's new type as
    said (``varchar(256)[]`` keeps its brackets: an array is no string, open-discussions'
    ``department``, round CI)."""
    tail = key.rsplit(":", 1)[-1]
    if len(tail) > 1 and (tail[0], tail[-1]) in (('"', '"'), ("`", "`"), ("[", "]")):
        tail = tail[1:-1]
    return tail.lower()


def _model_words(f: Finding, pairs: Sequence[tuple[Drop, str]]) -> set[str]:
    """The names whose files may hold the models ``f`` asks about: a rename's old and new
    column (a model mapping the old keeps the finding), a type change's column."""
    olds = {(d.column or "").lower() for d, _ in pairs}
    # (and as a member names it in camel case: a JPA entity's `aliasNames` for
    # `alias_names`, Spring's naming; appreg-api, round CK)
    olds |= {o.replace("_", "") for o in olds if "_" in o}
    return olds | {new for _, new in pairs} if f.rule == "RG220" else olds


def _followed(rule: str, d: Drop, new: str, models: Sequence[declared.Model]) -> str:
    """What the table's own model says that follows the change (``<model>'s <column>``,
    with its type for a type change), "" where it does not."""
    from rollback_gate.migrations.sqlengine.coltypes import same, widens

    old = (d.column or "").lower()
    own = [m for m in models if _maps(m, d)]
    if not own or any(m.mixin and old in m.columns for m in models):
        return ""  # (no model of the table read, or a mixin may lend it the old column)
    if rule == "RG220":
        if any(old in m.columns or m.opaque for m in own):
            return ""  # (an opaque model may hold the old column unlisted: an association's)
        mapping = next((m for m in own if new in m.columns), None)
        return f"{mapping.name}'s {new}" if mapping else ""
    typed = next((m for m in own if old in m.types), None)
    if typed is None or typed.types[old] in _UNLISTED:
        return ""  # (an enum whose labels the model keeps elsewhere: not known)
    declared_type = typed.types[old]
    fits = same(declared_type, new) or widens(declared_type, new) or _dated(d, declared_type, new)
    return f"{typed.name}'s {old} {declared_type}" if fits else ""


def _dated(d: Drop, declared_type: str, new: str) -> bool:
    """Whether a model's ``date`` meets a timestamp its framework's reader gives as a date
    (:data:`~.history.order.DATES_READ_AS_DATES`): the dates it writes fit, and what it
    reads is a date still."""
    stamp = new.lower().split("(")[0].strip()
    return (
        d.framework in DATES_READ_AS_DATES
        and declared_type.lower() == "date"
        and stamp in ("timestamp", "timestamptz", "datetime", "timestamp with time zone",
                      "timestamp without time zone")
    )  # fmt: skip


def _maps(m: declared.Model, d: Drop) -> bool:
    """Whether ``m`` is the model of ``d``'s table, strictly: by the table it names, or a
    Django model by its app's folder and its name (``md/models.py``'s ``Stop`` is
    ``md_stop``, not ``nc_stop``: Traffic-Stops, round CE). A model in another module of
    the app whose migration it is (``juntagrico/entity/subtypes.py``, round CQ) is that
    app's."""
    if m.table is not None or not m.path.endswith(".py") or d.framework != "django":
        return m.maps(d.table, d.model)
    parts = m.path.split("/")
    at = parts.index("models") if "models" in parts else len(parts) - 1
    app = parts[at - 1] if at > 0 else ""
    own = d.app_folder
    if "models" not in parts and parts[-1] != "models.py" and own and m.path.startswith(f"{own}/"):
        app = posixpath.basename(own)
    return not m.mixin and d.table.lower() == f"{app}_{m.name}".lower()


def _many(framework: str) -> bool:
    """Whether ``framework`` keeps many migrations in one file (Liquibase's changelogs)."""
    from rollback_gate.migrations import load

    return bool(framework) and load(framework).many_per_file


def _subjects(f: Finding, framework: str) -> list[Drop]:
    """What ``f`` is about in code: for an RG220 or RG221 the column or table it renames
    away (:func:`~rollback_gate.checks.dropped.drops_of`); for an RG223 each column it
    retypes, from its occurrences' keys, none where one names no column (an enum's label)."""
    places = [Related(f.path, f.line, f.message, f.key), *f.related]
    if f.rule in _WRITTEN:
        return _tables_written(f.rule, places, framework)
    if f.rule != "RG223":
        return drops_of(f, framework)
    out: list[Drop] = []
    for r in places:
        retyped = r.key.startswith(_RETYPED)
        target = r.key.removeprefix(_RETYPED).rsplit(":", 1)[0] if retyped else ""
        names = [n.strip('"`[]') for n in target.split(".")]
        if len(names) < 2 or not all(_NAME.match(n) for n in names[-2:]):
            return []  # (not all known: judged as it is)
        out.append(Drop(names[-2], names[-1], r, framework))
    return out


def _tables_written(rule: str, places: Sequence[Related], framework: str) -> list[Drop]:
    """The table each occurrence of an RG222 (``RG222:<kind>:<table>.<column>:…``) or an
    RG224 (``RG224:constraint:<table>:…``) is about, in a framework whose code names a
    table to write it (:data:`_NAMED_TO_WRITE`); none where one is not known."""
    if framework not in _NAMED_TO_WRITE | _MODELLED:
        return []
    out = []
    for r in places:
        parts = r.key.split(":")
        target = parts[2] if len(parts) > 2 else ""
        table = target.rsplit(".", 1)[0] if rule == "RG222" else target
        name = table.rsplit(".", 1)[-1].strip('"`[]')
        if not _NAME.match(name) or name.startswith("_"):
            return []  # (a Prisma implicit join table, `_AToB`, or a name not known)
        out.append(Drop(name, None, r, framework))
    return out


def _sequelize_model_only(
    ctx: Context, rev: str, f: Finding, drops: Sequence[Drop], roots: Sequence[str]
) -> str | None:
    """Why a Sequelize table rename ``f`` could not break the release at ``rev``, where its
    code names the old table only as a model's name, ``sequelize.define('reader_state', …)``:
    without ``tableName`` or ``freezeTableName`` (said nowhere in that code) Sequelize
    queries the model's plural, ``reader_states``, not the old table (openland, round CB:
    two renames that gave the previous release the table it read). None otherwise."""
    assert ctx.git is not None
    if not (f.path or "").endswith(_JS) or len(drops) != 1 or drops[0].framework != "sequelize":
        return None
    old = drops[0].table.rsplit(".", 1)[-1].lower()
    new = f.key.rsplit(":", 1)[-1].rsplit(".", 1)[-1].lower()
    if old in _UNCOUNTABLE:
        return None  # (inflection keeps these: `define('news')` queries news)
    excluded = [*(f"{root}/**" for root in roots), *_NOT_CODE, *_DUMPS]
    lines = ctx.git.grep_lines(
        rev, {old, "freezetablename"}, excluded, include=CODE, glob_matcher=_matcher
    )
    if not lines or any("freezetablename" in text.lower() for _, _, text in lines):
        return None
    # (TypeScript's type arguments between: openland's `connection.define<ReaderState,
    # ReaderStateAttributes>('reader_state', {`, one level nested: `Partial<…>`)
    defined = re.compile(
        rf"\.define\s*(?:<(?:[^<>()]|<[^<>()]*>)*>)?\s*\(\s*[\"'`]{re.escape(old)}[\"'`]",
        re.IGNORECASE,
    )
    if not all(defined.search(text) for _, _, text in lines):
        return None
    if plural(old) == new:
        return (
            f"its own previous release names {old} only as a Sequelize model, whose table is "
            f"its plural, {new}: the rename gives that release the table it reads"
        )
    return (
        f"its own previous release names {old} only as a Sequelize model, whose table is "
        f"{plural(old)}: that release did not read or write {old}"
    )


def _full_inserts(
    ctx: Context, revs: list[str], by_rev: dict[str, list[Finding]], asked: dict[int, list[Drop]]
) -> set[tuple[str, int]]:
    """``(rev, id(finding))`` for the Rails RG220 whose release inserted every column
    (:func:`~rollback_gate.checks.dropped.inserts_every_column`): one search per app."""
    apps: dict[str, list[tuple[str, int]]] = {}  # a migration of the app → (rev, finding)
    for rev in revs:
        for f in by_rev[rev]:
            rails = [d for d in asked[id(f)] if d.framework == "rails" and d.column]
            if f.rule == "RG220" and rails:
                path = rails[0].where.path or ""
                apps.setdefault(path[: path.rfind("db/migrate")], []).append((rev, id(f)))
    out: set[tuple[str, int]] = set()
    for root, pairs in apps.items():
        every = inserts_every_column(ctx, sorted({rev for rev, _ in pairs}), f"{root}db/migrate")
        out |= {(rev, i) for rev, i in pairs if rev in every}
    return out


def _words(f: Finding, drops: Sequence[Drop]) -> set[str]:
    """The words, in lower case, that name what ``f`` renames away in code: the old column
    as it is and joined (``shl_number``, ``shlNumber``) and what uses it unnamed
    (:func:`~rollback_gate.checks.dropped.unnamed_uses`), with the new one where the
    rename swaps a column in; or the old table in each spelling a model or query may
    give it."""
    out: set[str] = set()
    for d in drops:
        if f.rule == "RG221" or d.column is None:
            out |= _table_words([d])
            continue
        # (and the new name where the rename swaps a column in for one the release
        # removed under that name, which the previous release used: open-city-profile's
        # `national_identification_number`, round BN)
        new = _key_tail(d.where.key)
        swap = _SWAPPED in (d.where.message or "") or _SWAPPED in f.message
        for word in {*unnamed_uses(d.column.lower()), *([new] if swap else [])} - {""}:
            out |= {word, word.replace("_", "")}
    return {w for w in out if w}


_TABLELESS = (
    "the code of its own previous release names the table nowhere, as a table or as a "
    "model: it read and wrote no column of it; code of another repository still may"
)


def _tableless(f: Finding, drops: Sequence[Drop], tables: set[str], said: set[str]) -> bool:
    """Whether an Alembic RG220 or RG223 is on tables that release's code names nowhere,
    as a table or a model: SQLAlchemy reads and writes a column through its table's model
    or SQL naming the table, so a column word said elsewhere is another table's (GeoNature's
    imported ``t_mappings.is_public``, round CS)."""
    return (
        f.rule in ("RG220", "RG223")
        and bool(drops)
        and all(d.framework == "alembic" for d in drops)
        and not tables & said
    )


def _table_words(drops: Sequence[Drop]) -> set[str]:
    """The spellings of the tables of ``drops``: a Rails app that inserts every column
    writes an old column it never names wherever it inserts into its table, so a rename
    there counts as used where the table is. An Ecto table is its name alone: its schema
    says it (`schema "centres"`), as every write does, and the word `centre` elsewhere is
    no use of it (db-service, round CQ)."""
    from rollback_gate.checks.history.unwritten import _LAST_WORD, _spellings

    out: set[str] = set()
    for d in drops:
        if d.framework == "ecto":
            out.add(d.table.rpartition(".")[2].lower())
            continue
        # (a SQLAlchemy model says its whole table, `__tablename__ = "dict_fields"`: not
        # `fields` past a prefix, nor a last word, which any code says: GeoNature's
        # imported tables, round CS)
        named = d.framework != "alembic"
        last = named and (d.where.path or "").endswith(_LAST_WORD)
        out |= _spellings(d.table.lower(), d.framework == "django", last, named)
        out.add(d.model.lower())
    return {w for w in out if w}


def _said(
    ctx: Context, revs: Sequence[str], words: set[str], roots: Sequence[str]
) -> dict[tuple[str, str], set[str]]:
    """``(rev, "column" | "table")`` → the words the code at ``rev`` says outside comments
    (its code files outside the migration folders, tests and schema dumps): for
    ``column`` everywhere, for ``table`` less Prisma's schema (a model declared is no
    table used); ``(rev, "models:<word>")`` → the paths of a word said only in Rails' and
    Laravel's model files. Each distinct file read once
    (:meth:`~rollback_gate.repo.GitRepo.words_at`)."""
    assert ctx.git is not None
    out: dict[tuple[str, str], set[str]] = {}
    keep = _code_files(roots)

    def final(path: str) -> bool:
        # (a word found in a model file is looked for on: said elsewhere too, or not)
        return not path.endswith(_PRISMA) and _MODEL_FILE.search(path) is None

    prisma = ctx.git.words_at(revs, words, keep, _COMMENTS, final=final)
    for rev, said in prisma.items():
        out[(rev, "column")] = set(said)
        out[(rev, "table")] = {
            w for w, paths in said.items() if any(not p.endswith(_PRISMA) for p in paths)
        }
        for w, paths in said.items():
            if all(_MODEL_FILE.search(p) for p in paths):
                out[(rev, _MODELS_ONLY + w)] = set(paths)
    return out


def own_releases(
    ctx: Context,
    findings: Sequence[Finding],
    roots: Sequence[str],
    changelogs: frozenset[str] = frozenset(),
) -> tuple[dict[str, list[Finding]], list[str]]:
    """The release each of ``findings`` replaced, for an audit's older migrations: the
    first parent of the commit that brought its file to the main line (a pull request's
    merge, whose branch's own earlier commits may already have changed the code), none
    for a first commit; for one in ``changelogs`` (files of many migrations: Liquibase's),
    the first parent of the commit that brought its changeSet (:func:`_changeset_releases`).
    ``(release → its findings, the releases newest first)``."""
    assert ctx.git is not None
    from rollback_gate.checks.history.unwritten import origins_of

    commits, _, _ = origins_of(ctx, sorted(set(roots)))
    parents = ctx.git.first_parents_of({c for f in findings if (c := commits.get(f.path or ""))})
    changesets = _changeset_releases(ctx, [f for f in findings if f.path in changelogs])
    by_rev: dict[str, list[Finding]] = {}
    for f in findings:
        rev = changesets.get(id(f)) if f.path in changelogs else None
        if rev is None and f.path not in changelogs:
            rev = parents.get(commits.get(f.path or "", ""))
        if rev is not None:
            by_rev.setdefault(rev, []).append(f)
    times = ctx.git.commit_times(by_rev)
    return by_rev, sorted(by_rev, key=lambda r: (-times.get(r, 0), r))


def _changeset_releases(ctx: Context, findings: Sequence[Finding]) -> dict[int, str]:
    """``id(finding) →`` the release before the first-parent commit that brought the line
    of its change (``<renameColumn oldColumnName=…``) to the main line, for findings in a
    changelog that holds many (one ``git blame -w --first-parent`` per changelog). A
    changelog's first commit brought every changeSet it held then, not one release
    (webcert's one ``changelog.xml``, round CC: a rename its release named nowhere). The
    change's own line, not its changeSet's opening: merges renumber a changelog's ids
    and reuse them for other changes (webcert's changeSet 57 opened a year before its
    rename came)."""
    assert ctx.git is not None
    out: dict[int, str] = {}
    for path in sorted({f.path or "" for f in findings}):
        mine = [f for f in findings if f.path == path and f.line]
        shipped = ctx.git.first_shipped(path, [f.line or 0 for f in mine])
        for f in mine if shipped is not None else ():
            back = shipped.get(f.line or 0) if shipped is not None else None
            if back is None or back < 0:
                continue  # (not committed yet: the change's own, judged against the base)
            if (rev := ctx.git.first_parent_at(back + 1)) is not None:
                out[id(f)] = rev
    return out


def _prisma_relations(
    ctx: Context,
    rev: str,
    findings: Sequence[Finding],
    asked: dict[int, list[Drop]],
    words: dict[int, set[str]],
) -> None:
    """Add to ``words`` of each Prisma finding the names of the fields by which other
    models of the release's schema relate to its table's model: the client writes a row
    through them (``exam.create({data: {examToRisk: {create: …}}})``) without naming the
    model. One ``git show`` per schema file of the release."""
    mine = [f for f in findings if any(d.framework == "prisma" for d in asked[id(f)])]
    if not mine or ctx.git is None:
        return
    models: dict[str, str] = {}  # table (lower case) → model
    fields: dict[str, set[str]] = {}  # model → the fields of other models naming it
    for path in (p for p in ctx.tree.files if p.endswith(_PRISMA)):
        tables, related = declared.prisma_relations(ctx.git.show(rev, path) or "")
        models.update(tables)
        for model, names in related.items():
            fields.setdefault(model, set()).update(names)
    for f in mine:
        for d in asked[id(f)]:
            model = models.get(d.table.lower(), d.table)
            words[id(f)] |= {model.lower(), *fields.get(model, ())}


def _code_files(roots: Sequence[str], but: Iterable[str] = ()) -> Callable[[str], bool]:
    """Whether a path is code of the application: a code file outside the migration
    folders ``roots``, tests and schema dumps (of :data:`_NOT_CODE`, less the globs
    ``but``)."""
    suffixes = tuple(g.removeprefix("**/*") for g in CODE if g.startswith("**/*."))
    others = [_matcher(g) for g in CODE if not g.startswith("**/*.")]
    folders = tuple(f"{root}/" for root in roots)
    spared = set(but)
    excluded = [_matcher(g) for g in (*_NOT_CODE, *_DUMPS) if g not in spared]

    def keep(path: str) -> bool:
        if not (path.endswith(suffixes) or any(m(path) for m in others)):
            return False
        return not path.startswith(folders) and not any(m(path) for m in excluded)

    return keep
