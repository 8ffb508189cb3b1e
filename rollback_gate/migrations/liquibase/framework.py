"""Liquibase: every changeSet of an XML, YAML, JSON or formatted-SQL changelog is a migration.

Liquibase rolls a changeSet back with its explicit ``<rollback>`` when it has one, else by
inverting each change; only some change types can be inverted (``createTable``,
``addColumn``, ``renameColumn`` … — see :mod:`.liquibase_model`), and formatted-SQL
changesets never can. What the gate reports, per changeSet:

RG200 migration-no-reversal
    a change without automatic rollback (``<sql>``, ``<dropColumn>``, ``<insert>``,
    ``<loadData>``, ``<customChange>`` whose class implements no rollback …) and no
    ``<rollback>``; a formatted-SQL changeset without ``--rollback``. ``liquibase
    rollback`` fails at such a changeSet. For ``runAlways`` changeSets this matters most:
    they are re-run on every update, so every later rollback reaches them first.
RG201 migration-noop-reversal
    the changeSet changes something but its ``<rollback>`` holds only SQL that does
    nothing (comments, ``SELECT 1``, ``COMMIT``) or a commented-out change element.
    An explicit empty rollback — ``<rollback/>``, ``rollback:`` without value,
    ``--rollback empty``, ``--rollback not required``, a rollback holding only a prose
    comment — is Liquibase's documented way to declare "nothing to undo" and is *not*
    reported.
RG202 migration-irreversible
    the rollback refers to a changeSet (``changeSetId``/``changeSetAuthor``) that does not
    exist before it (Liquibase refuses the changelog), or the rollback refuses on purpose
    (``<stop/>``, ``RAISE EXCEPTION``, ``SIGNAL``).
RG203 migration-destroys-data
    the changeSet (forward) drops a table or column (``dropTable``, ``dropColumn``,
    ``mergeColumns``, ``markUnused``, SQL ``DROP``/``TRUNCATE``), deletes rows
    (``delete``, SQL ``DELETE``) or narrows a column type whose previous type is visible
    (an earlier changeSet of the file, or the changeSet's own rollback). A ``DROP`` inside
    a rollback, a SQL comment or a string is not reported.
RG205 migration-unanalysable
    malformed XML/YAML/JSON, an XML entity declaration or external reference (refused,
    never expanded), an unknown change type (extension), a changeSet without id, a
    duplicate id/author, a malformed ``--changeset`` line, a ``<customChange>`` whose
    class is not in the repository.

Changesets marked ``ignore="true"`` are skipped, as Liquibase skips them. Findings in
changeSets whose ``context`` names only development or test contexts (``faker``, ``test``,
``dev`` …) are reported at P3: they never run in production.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rollback_gate.migrations.base import Framework, FrameworkBase, Migration, Source, Unreadable
from rollback_gate.migrations.liquibase.family import family, first_dialect_file, same_change
from rollback_gate.migrations.liquibase.loading import parse, read, sniff
from rollback_gate.migrations.liquibase.model import Change, Changelog, ChangeSet
from rollback_gate.migrations.liquibase.refs import Delta, replay, schema_delta
from rollback_gate.models import Finding

NAME = "liquibase"
_EXTENSIONS = (".xml", ".yaml", ".yml", ".json", ".sql")
_UNPARSED = "(unparsed)"
# Part of a changeSet's identity (logicalFilePath) or of the filters Liquibase validates by.
_FILTERS = ("logicalFilePath", "dbms", "context", "contextFilter", "labels")


class Liquibase(FrameworkBase):
    """The ``FRAMEWORK`` object: Liquibase changelogs, one migration per changeSet."""

    name = NAME
    many_per_file = True

    def detect(self, paths: Sequence[str], source: Source) -> int:
        count = 0
        for path in paths:
            if not path.lower().endswith(_EXTENSIONS):
                continue
            try:
                text = read(source, path)
            except Unreadable:
                continue
            if sniff(path, text) is not None:
                count += 1
        return count

    def discover(self, paths: Sequence[str], source: Source) -> list[Migration]:
        from rollback_gate.migrations.liquibase.order import order, referenced_files

        logs: dict[str, Changelog | None] = {}
        for path in sorted(paths):
            if not path.lower().endswith(_EXTENSIONS):
                continue
            try:
                logs[path] = _state(source, path).log
            except Unreadable:
                # Not sniffable; analyse() reads it again and the engine reports RG205.
                logs[path] = None if path.lower().endswith(".sql") else Changelog(path, "?")
        found: list[Migration] = []
        for path in order({p: log for p, log in logs.items() if log is not None}, source):
            log = logs[path]
            assert log is not None
            if log.problem is not None or log.format == "?":
                found.append(Migration(NAME, f"{path}::{_UNPARSED}", path, path, (path,)))
                continue
            for version, cs in versions(log):
                extra = referenced_files(source, path, cs)
                files = (path, *(f for f in extra if f != path))
                found.append(Migration(NAME, version, cs.label, path, files))
        return found

    def fingerprint(self, migration: Migration, source: Source) -> str | None:
        return fingerprint(migration, source)

    def analyse(self, migration: Migration, source: Source) -> Iterator[Finding]:
        from rollback_gate.migrations.liquibase.checks import check, unparsed

        state = _state(source, migration.path)
        log = state.log
        if log is None:
            return
        if log.problem is not None:
            yield unparsed(log)
            return
        index = state.index.get(migration.version)
        if index is None:
            return
        duplicate = index in state.duplicates
        found = check(log, index, source, duplicate, state.types_before)
        # one change written once per dialect (in this file, or in the same changelog for
        # another database): reported once, on the family's first member
        seen: set[tuple[str, str]] = set()
        first = family(log, index)
        if first is not None:
            other = log.changesets[first]
            seen = {
                _gist(f, other)
                for f in check(log, first, source, first in state.duplicates, state.types_before)
            }
        sibling = first_dialect_file(source, migration.path)
        if sibling is not None:
            other_state = _state(source, sibling)
            if other_state.log is not None and other_state.log.problem is None:
                at = same_change(other_state.log, log.changesets[index])
                if at is not None:
                    cs = other_state.log.changesets[at]
                    dup = at in other_state.duplicates
                    seen |= {
                        _gist(f, cs)
                        for f in check(other_state.log, at, source, dup, other_state.types_before)
                    }
        yield from (f for f in found if _gist(f, log.changesets[index]) not in seen)


def _gist(finding: Finding, cs: ChangeSet) -> tuple[str, str]:
    """A finding without its changeSet: RG203 by what it destroys, other rules by rule."""
    what = finding.message.removeprefix(f"{cs.label}: ") if finding.rule == "RG203" else ""
    return finding.rule, what


def fingerprint(migration: Migration, source: Source) -> str | None:
    """A digest of what the changeSet does, independent of lines, comments and layout.

    Several changeSets share one changelog file, and appending a changeSet modifies the
    file; comparing this digest at the base and at HEAD tells an edited changeSet (RG204,
    and Liquibase's own checksum error) from a file that merely grew. ``None`` for
    ``runOnChange``/``runAlways`` changeSets, which are meant to be edited, and for files
    that do not parse.
    """
    import hashlib

    state = _state(source, migration.path)
    index = state.index.get(migration.version)
    if state.log is None or index is None:
        return None
    cs = state.log.changesets[index]
    if cs.flag("runOnChange") or cs.flag("runAlways"):
        return None
    return hashlib.sha256(canonical(cs).encode()).hexdigest()


def canonical(cs: ChangeSet) -> str:
    """The changeSet's content as text, without line numbers or whitespace differences."""

    def change(c: Change) -> str:
        cols = ",".join(f"{col.name}:{col.type}" for col in c.columns)
        attrs = ",".join(f"{k}={' '.join(v.split())}" for k, v in sorted(c.attrs.items()))
        return f"{c.prefix}:{c.kind}({attrs})[{cols}]{' '.join(c.text.split())}"

    parts = [f"{k}={v}" for k, v in sorted(cs.attrs.items()) if k not in ("comment",)]
    parts += [change(c) for c in cs.changes]
    for rb in cs.rollbacks:
        ref = f"{rb.ref.id}/{rb.ref.author}/{rb.ref.path}" if rb.ref else ""
        body = " ".join(rb.text.split())
        parts.append(f"rollback({ref}|{body}|{';'.join(change(c) for c in rb.changes)})")
    return "\n".join(parts)


class _FileState:
    """One parsed changelog plus what every changeSet's analysis shares."""

    def __init__(self, source: Source, log: Changelog | None) -> None:
        self.source = source  # held so that id(source) is not reused while cached
        self.log = log
        self.index = {v: i for i, (v, _) in enumerate(versions(log))} if log else {}
        self.duplicates = _duplicates(log) if log else set()
        self._deltas: list[Delta] | None = None

    def types_before(self, index: int) -> dict[str, str]:
        """Column types as the changeSets before ``index`` leave them, on the databases it
        runs on: a changeSet for another ``dbms`` never ran there (OpenClinica's Oracle
        ``timestamp(0)`` change was judged against the type its PostgreSQL twin set, round
        X)."""
        if self._deltas is None:
            self._deltas = [schema_delta(cs) for cs in self.log.changesets] if self.log else []
        if not self.log or index >= len(self.log.changesets):
            return replay(self._deltas[:index])
        here = self.log.changesets[index].attrs.get("dbms", "")
        return replay(
            [
                d
                for cs, d in zip(self.log.changesets[:index], self._deltas, strict=False)
                if _same_dbms(cs.attrs.get("dbms", ""), here)
            ]
        )


def _same_dbms(earlier: str, here: str) -> bool:
    """Whether a changeSet for ``earlier`` databases (Liquibase's ``dbms``: ``"oracle,
    mssql"``, ``"!h2"``, empty for all) ran on some database ``here`` runs on."""

    def split(said: str) -> tuple[set[str], set[str]]:
        names = [n.strip().lower() for n in said.split(",") if n.strip()]
        return {n for n in names if not n.startswith("!")}, {n[1:] for n in names if n[:1] == "!"}

    on, off = split(earlier)
    wanted, _ = split(here)
    if not wanted or "all" in wanted or (("all" in on or not on) and not off):
        return True
    return any((not on or "all" in on or w in on) and w not in off for w in wanted)


_STATES: dict[tuple[int, str], _FileState] = {}
_MAX_STATES = 64


def _state(source: Source, path: str) -> _FileState:
    """The parsed file, shared by every ``analyse`` call on the same source.

    A ``Source`` is a read-only view of one checkout, so a file read once through it does
    not change; caching per (source, path) keeps a 5,000-changeSet file from being read and
    parsed 5,000 times.
    """
    key = (id(source), path)
    state = _STATES.get(key)
    if state is not None and state.source is source:
        return state
    state = _FileState(source, parse(path, read(source, path)))
    if len(_STATES) >= _MAX_STATES:
        _STATES.pop(next(iter(_STATES)))
    _STATES[key] = state
    return state


def _duplicates(log: Changelog) -> set[int]:
    """Indexes of changeSets whose id and author an earlier one in the file already used.

    Liquibase validates only the changeSets its dbms/context/label filters select, so
    ``<changeSet id="40" dbms="oracle">`` next to ``id="40" dbms="mssql"`` is no clash.
    """
    seen: set[tuple[str, ...]] = set()
    out: set[int] = set()
    for index, cs in enumerate(log.changesets):
        filters = tuple(cs.attrs.get(k, "") for k in _FILTERS)
        key = (cs.id, cs.author, *filters)
        if cs.id and key in seen and not cs.flag("ignore"):
            out.add(index)
        seen.add(key)
    return out


def versions(log: Changelog) -> Iterator[tuple[str, ChangeSet]]:
    """``(version, changeSet)`` per changeSet: ``path::author::id`` (``#2`` for a repeat).

    The id comes last so that ``since: "42"`` (or a timestamp id) selects by changeSet id.
    """
    seen: dict[str, int] = {}
    for cs in log.changesets:
        version = f"{log.path}::{cs.author}::{cs.id}"
        seen[version] = seen.get(version, 0) + 1
        yield (version if seen[version] == 1 else f"{version}#{seen[version]}"), cs


FRAMEWORK: Framework = Liquibase()
