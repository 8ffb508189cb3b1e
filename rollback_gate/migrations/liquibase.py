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

import posixpath
import re
from collections.abc import Iterator, Sequence

from rollback_gate.migrations.base import Migration, Source, Unreadable
from rollback_gate.migrations.liquibase_model import Change, Changelog, ChangeSet
from rollback_gate.migrations.liquibase_refs import Delta, replay, schema_delta
from rollback_gate.models import Finding

NAME = "liquibase"
_EXTENSIONS = (".xml", ".yaml", ".yml", ".json", ".sql")
_YAML_KEY = re.compile(r"""^[ \t]*["']?databaseChangeLog["']?[ \t]*:""", re.M)
_JSON_KEY = re.compile(r'"databaseChangeLog"\s*:')
_UNPARSED = "(unparsed)"
# Part of a changeSet's identity (logicalFilePath) or of the filters Liquibase validates by.
_FILTERS = ("logicalFilePath", "dbms", "context", "contextFilter", "labels")


def sniff(path: str, text: str) -> str | None:
    """The changelog format of ``text`` (``xml``/``yaml``/``json``/``sql``), else None."""
    from rollback_gate.migrations.liquibase_sql import is_formatted

    lower = path.lower()
    if lower.endswith(".xml"):
        return "xml" if "databaseChangeLog" in text else None
    if lower.endswith((".yaml", ".yml")):
        return "yaml" if _YAML_KEY.search(text) else None
    if lower.endswith(".json"):
        return "json" if _JSON_KEY.search(text) else None
    if lower.endswith(".sql"):
        return "sql" if is_formatted(text) else None
    return None


def parse(path: str, text: str) -> Changelog | None:
    """The changelog in ``text``, or None when the file is not a Liquibase changelog."""
    from rollback_gate.migrations import liquibase_formats as formats
    from rollback_gate.migrations.liquibase_json import json_tree
    from rollback_gate.migrations.liquibase_model import Problem
    from rollback_gate.migrations.liquibase_sql import sql_changelog

    fmt = sniff(path, text)
    if fmt is None:
        return None
    if fmt == "sql":
        return sql_changelog(path, text)
    if fmt == "xml":
        log = formats.xml_changelog(path, text)
        if log.problem is not None and log.problem.reason.startswith("root element"):
            return None  # well-formed XML of another kind (pom.xml, logback.xml …)
        return log
    try:
        if fmt == "yaml":
            tree = formats.yaml_tree(text)
        else:
            try:
                tree = json_tree(text)
            except ValueError as exc:
                # Liquibase reads JSON changelogs with its YAML parser, so YAML-flow
                # leniencies (a bare "key": value inside a list) load there too.
                try:
                    tree = formats.yaml_tree(text)
                except ValueError:
                    raise exc from None
    except ValueError as exc:
        reason, line = exc.args
        return Changelog(path, fmt, problem=Problem(line, reason))
    except (formats.TooComplex, RecursionError):
        return Changelog(path, fmt, problem=Problem(None, "document too deeply nested or large"))
    return formats.tree_changelog(path, fmt, tree)


def read(source: Source, path: str) -> str:
    """The file's text; SQL and XML declare their structure in ASCII, so they read leniently."""
    return source.read_text(path, lenient=path.lower().endswith((".sql", ".xml")))


def resolve(source: Source, base: str, target: str, relative: bool) -> str | None:
    """The repo path a changelog reference points at, or None when it is not in the repo.

    ``relativeToChangelogFile`` references resolve against the referring file's folder;
    others are classpath- or working-directory-relative, so every folder above the
    referring file (``src/main/resources/``, the project root …) is tried, nearest first.
    """
    target = target.strip().replace("\\", "/")
    target = re.sub(r"^(classpath\*?|file):", "", target).lstrip("/")
    if not target or "${" in target:
        return None
    folder = posixpath.dirname(base)
    if relative:
        bases = [folder]
    else:
        bases = []
        while True:
            bases.append(folder)
            if not folder:
                break
            folder = posixpath.dirname(folder)
    for root in bases:
        candidate = posixpath.normpath(posixpath.join(root, target))
        if not candidate.startswith("../") and source.exists(candidate):
            return candidate
    return None


class Liquibase:
    """The ``FRAMEWORK`` object: Liquibase changelogs, one migration per changeSet."""

    name = NAME

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
        from rollback_gate.migrations.liquibase_order import order, referenced_files

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
        """See :func:`fingerprint` (an optional hook beyond the Framework protocol)."""
        return fingerprint(migration, source)

    def analyse(self, migration: Migration, source: Source) -> Iterator[Finding]:
        from rollback_gate.migrations.liquibase_checks import check, unparsed

        state = _state(source, migration.path)
        log = state.log
        if log is None:
            return
        if log.problem is not None:
            yield unparsed(log)
            return
        index = state.index.get(migration.version)
        if index is not None:
            duplicate = index in state.duplicates
            yield from check(log, index, source, duplicate, state.types_before)


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
        """Column types as the changeSets before ``index`` leave them."""
        if self._deltas is None:
            self._deltas = [schema_delta(cs) for cs in self.log.changesets] if self.log else []
        return replay(self._deltas[:index])


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


FRAMEWORK = Liquibase()
