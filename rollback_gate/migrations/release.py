"""The migrations of one release, judged together for the previous release's survival.

Migrations that deploy together are one change to the previous release: a table the first
one creates is as new to it when the second constrains it as it would be inside one
migration, a column the first adds is as unknown to it when the second sets it NOT NULL,
and a key the first drops is re-drawn, not added, by the second. So the N−1 rules
(RG220–RG224) read each migration of a release with what the earlier ones did:

* the migrations a change adds (its new files, in the framework's order) are one release
  where the entry judges the change (``scope: changed``): a pull request ships them in one
  deploy. Under ``scope: all`` the base may be any old tag, and the history is judged
  migration by migration;
* so are migrations whose numeric versions share a timestamp to the second and differ in
  the digits after it (ory's pop splits one migration into one-statement files
  ``20210410175418000001_network.up.sql``, ``…000002…``: generated together, shipped
  together), or are that timestamp, in several files (goalert's
  ``20241108160105-import-river-migration-2.sql`` … ``-5.sql``).

A migration that existed at the base ran against a release long gone and is judged alone.

The analysers take part through :func:`current`: the SQL engine
(:func:`.sqlengine.compat.breaks`) and Django's operation reader seed their state with
:attr:`Release.before` and record what they learnt in :attr:`Release.now`;
:meth:`Release.next` closes one migration. Nothing else is shared, so a migration judged
outside a release reads exactly as before.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, fields
from typing import ClassVar

from rollback_gate import lazyre
from rollback_gate.migrations.base import Migration
from rollback_gate.models import Finding


@dataclass
class Facts:
    """What migrations did that the next ones' judgement builds on (lower-case names).

    The SQL engine's: ``created`` tables (and tables renamed to a new name; ``qualified``
    holds ``schema.table`` for those created with their schema named, ``.table`` without:
    indico's ``users.tokens`` is not the ``oauth.tokens`` another file changes), ``added``
    columns (``table.column`` → its constant default as written, or whether it has one),
    ``dropped`` constraint and index names,
    tables that lost a key whose name is not visible (``dropped_on``; ``checks_dropped_on``
    where it may have been a CHECK, not an index), a unique-named
    one (``uniques_dropped_on``) or a foreign key (``foreigns_dropped_on``), columns
    dropped (``dropped_columns``), tables dropped with CASCADE or rewritten by an UPDATE
    (``rewritten``), tables rebuilt under their name (``rebuilt``: a new table renamed
    into place), columns whose NOT NULL was dropped (``freed``), columns with a unique
    default or added NOT NULL with a default, columns a rename gave their name
    (``renamed_into``: renamed again, they were never the previous release's). Django's
    reader keeps its own words in
    ``django`` (``<migrations folder>\0<kind>:<model or model.field>``).
    """

    created: set[str] = field(default_factory=set)
    qualified: set[str] = field(default_factory=set)
    added: dict[str, bool | str] = field(default_factory=dict)  # → its constant default, or has one
    dropped: set[str] = field(default_factory=set)
    dropped_on: set[str] = field(default_factory=set)
    checks_dropped_on: set[str] = field(default_factory=set)
    uniques_dropped_on: set[str] = field(default_factory=set)
    foreigns_dropped_on: set[str] = field(default_factory=set)
    dropped_columns: set[str] = field(default_factory=set)
    cascaded: set[str] = field(default_factory=set)
    rewritten: set[str] = field(default_factory=set)
    rebuilt: set[str] = field(default_factory=set)
    freed: set[str] = field(default_factory=set)
    unique_default: set[str] = field(default_factory=set)
    required_with_default: set[str] = field(default_factory=set)
    renamed_into: set[str] = field(default_factory=set)
    keyed: set[str] = field(default_factory=set)  # table\0name of unique keys added
    django: set[str] = field(default_factory=set)
    # table.column a migration made nullable again (Django's AlterField(null=True)): an
    # earlier migration's NOT NULL on it is undone within the release (see ``undone``)
    relaxed: set[str] = field(default_factory=set)
    # table.column → (type before, type after) of a type change this migration made with
    # both types known (Django's AlterField): a later one may set the type back (see
    # ``undone``, which reads each migration's own; not carried into ``before``)
    retyped: dict[str, tuple[str, str]] = field(default_factory=dict)
    # table.column a migration dropped, and table.* for a table it dropped (Django's
    # RemoveField, DeleteModel): an earlier migration's NOT NULL on it is gone with it,
    # unless this one or a later one makes it again (``made``: added, renamed into, created)
    removed: set[str] = field(default_factory=set)
    made: set[str] = field(default_factory=set)
    # whether the migration changes rows (a RunPython, an UPDATE): the previous release
    # serves while it runs, so what an earlier one did stays a break though a later one
    # takes it back (vulnerablecode's 0046-0051 copy every package twice, round AS)
    data: bool = False

    SETS: ClassVar[tuple[str, ...]] = ()
    """The SQL engine's sets, named as its reader's attributes (every field but ``added``,
    ``django``, ``relaxed``, ``retyped``, ``removed``, ``made`` and ``data``): set below,
    from the fields."""

    def merge(self, other: Facts) -> None:
        for name in (*self.SETS, "django", "relaxed", "removed", "made"):
            getattr(self, name).update(getattr(other, name))
        for column, default in other.added.items():
            # added with a default anywhere in the release: the previous release's rows
            # got it (a later ALTER … DROP DEFAULT is read where it happens); the latest
            # constant said wins
            known = self.added.get(column, False)
            self.added[column] = default if isinstance(default, str) else known or default
        self.data = self.data or other.data


_OWN = ("added", "django", "relaxed", "retyped", "removed", "made", "data")
Facts.SETS = tuple(f.name for f in fields(Facts) if f.name not in _OWN)


@dataclass
class Release:
    """One release being read migration by migration: ``before`` holds what the earlier
    migrations did, ``now`` what the current one has done so far."""

    before: Facts = field(default_factory=Facts)
    now: Facts = field(default_factory=Facts)

    def next(self) -> None:
        """The current migration is done: what it did counts for the ones after it."""
        self.before.merge(self.now)
        self.now = Facts()


_CURRENT: ContextVar[Release | None] = ContextVar("rollback_gate_release", default=None)


def current() -> Release | None:
    """The release the migration being analysed belongs to, if it is read as part of one."""
    return _CURRENT.get()


@contextlib.contextmanager
def reading(release: Release) -> Iterator[Release]:
    """Analyses run inside this block read as part of ``release``."""
    token = _CURRENT.set(release)
    try:
        yield release
    finally:
        _CURRENT.reset(token)


def undone(
    found: Sequence[Sequence[Finding]],
    relaxed: Sequence[set[str]],
    retyped: Sequence[dict[str, tuple[str, str]]] = (),
    dropped: Sequence[set[str]] = (),
) -> list[Finding]:
    """The findings of a release's migrations (``found[i]`` the i-th's), less those a
    later migration of the release takes back: the NOT NULL (RG222) whose every column a
    later one made nullable again or dropped NOT NULL from (``relaxed[j]``, freed too), or
    dropped, alone or with its table, with no migration between that changes rows
    (``dropped[i]``: ``table.column``, ``table.*``; market-access-api's barriers 0151 and
    0152, round CD: the previous release never meets the column),
    and the type change (RG223) whose every column the release leaves at the type it had
    before the release, or a widening of it (``retyped[j]``: column → (type before, type
    after)): a later migration set it back, or an earlier one widened it further than this
    one narrows it. The previous release never sees them narrowed (onadata's 0017 and
    0019, akvo's 0140 and 0141: round AI; concordia's importer 0006 and 0007: CB). Nor
    one whose every column a later one drops as above (``dropped[i]``: kbxl-ggmex-api's
    ``cancelation_reazon``, re-added as a ``varchar(255)`` and dropped by the next file of
    the commit, round CE): the drop is the break, RG203's and RG225's to say."""
    out: list[Finding] = []
    for i, findings in enumerate(found):
        later = set().union(*relaxed[i + 1 :], dropped[i] if i < len(dropped) else ())
        for f in findings:
            keys = [f.key or "", *(r.key for r in f.related)]
            if f.rule == "RG222":
                columns = [k.split(":")[2] for k in keys if k.startswith(_REQUIRED)]
                if later and len(columns) == len(keys) and all(_gone(c, later) for c in columns):
                    continue
            if f.rule == "RG223" and i < len(retyped) and _typed_back(keys, retyped, i):
                continue
            if f.rule == "RG223" and i < len(dropped) and dropped[i]:
                columns = [k.split(":")[2] for k in keys if k.startswith(_RETYPED)]
                if len(columns) == len(keys) and all(_gone(c, dropped[i]) for c in columns):
                    continue
            out.append(f)
    return out


def _gone(column: str, later: set[str]) -> bool:
    """Whether ``table.column`` is freed, dropped or in a table dropped in ``later``."""
    return column in later or f"{column.rpartition('.')[0]}.*" in later


def dropped_for_good(done: Sequence[Facts]) -> list[set[str]]:
    """For each migration of a release (``done[i]``, what it did), the columns and tables a
    later one drops for good (none made again after) with no migration from it to the
    drop changing rows."""
    out: list[set[str]] = []
    for i in range(len(done)):
        gone: set[str] = set()
        for j in range(i + 1, len(done)):
            if done[j - 1].data or done[j].data:
                break
            made = set().union(*(d.made for d in done[j:]))
            gone |= {g for g in done[j].removed - made if f"{g.rpartition('.')[0]}.*" not in made}
        out.append(gone)
    return out


def _typed_back(keys: Sequence[str], retyped: Sequence[dict[str, tuple[str, str]]], i: int) -> bool:
    """Every column of an RG223 (keys ``RG223:type_change:<table.column>:<type>``) has, after
    the last migration of the release from ``i`` on that retyped it, the type it had before
    the first migration of the release that retyped it, or a widening of it: the previous
    release knew that one. Set back by a later migration (akvo's 0140 and 0141), or
    widened by an earlier one and narrowed by this one less than it was widened
    (concordia's importer 0006 and 0007, one merge: 50 → 500 → 80 characters, round CB)."""
    from rollback_gate.migrations.sqlengine.coltypes import same, widens

    columns = [k.split(":")[2] for k in keys if k.startswith(_RETYPED)]
    if not columns or len(columns) != len(keys):
        return False
    for column in columns:
        if column not in retyped[i]:
            return False  # (not this migration's AlterField: a field swapped in)
        before = next((r[column][0] for r in retyped[: i + 1] if column in r), "")
        after = [r[column][1] for r in retyped[i:] if column in r]
        if not (before and after and (same(before, after[-1]) or widens(before, after[-1]))):
            return False
    return True


_REQUIRED = ("RG222:set_required:", "RG222:add_required:")
_RETYPED = "RG223:type_change:"


_SPLIT = lazyre.compile(r"(\d{14})\d+")
"""A version that is a timestamp to the second followed by more digits (pop's split files,
a timestamp with milliseconds): the timestamp names the migration they were written as."""


_STAMP = lazyre.compile(r"(\d{14})")
"""A version that is a timestamp to the second, shared by several files (goalert writes
``20241108160105-import-river-migration-2.sql`` … ``-5.sql``: round K)."""


def groups(
    migrations: Sequence[Migration],
    added: frozenset[str],
    commits: Mapping[str, str] | None = None,
) -> list[list[int]]:
    """Indexes of ``migrations`` (in their order) read as one release, groups of two or more.

    ``added`` holds the files the change adds: the migrations all of whose files it adds
    are one release. ``commits`` (``scope: all``) names the commit that added a file with
    a few others: migrations all of whose files one commit added are one release (maybe's
    seven Rails files, saleor's nullable column keyed by the next file: round R).
    Migrations whose versions share a timestamp to the second (:data:`_SPLIT`,
    :data:`_STAMP`) are one release, added or not.
    """
    out: list[list[int]] = []
    new = [i for i, m in enumerate(migrations) if m.files and all(f in added for f in m.files)]
    if len(new) > 1:
        out.append(new)
    taken = set(new) if len(new) > 1 else set()
    by_commit: dict[str, list[int]] = {}
    written = commits or {}
    for i, m in enumerate(migrations if written else ()):
        keys = {written.get(f, "") for f in m.files}
        if i not in taken and len(keys) == 1 and (key := keys.pop()):
            by_commit.setdefault(key, []).append(i)
    for members in by_commit.values():
        if len(members) > 1:
            out.append(members)
            taken.update(members)
    split: dict[tuple[str, str], list[int]] = {}
    for i, m in enumerate(migrations):
        match = _SPLIT.fullmatch(m.version) or _STAMP.fullmatch(m.version)
        if match and i not in taken:
            split.setdefault((m.framework, match.group(1)), []).append(i)
    out.extend(members for members in split.values() if len(members) > 1)
    return out
