"""The framework object shared by the Knex, Sequelize and TypeORM analysers.

The three frameworks keep migrations as JavaScript/TypeScript modules exporting ``up``
and ``down``; they differ in file naming, in the markers that tell them apart for
``framework: auto`` and in how a fix is written. :class:`JsFramework` carries those
differences as data and implements ``detect``/``discover``/``analyse`` once.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from rollback_gate import lazyre
from rollback_gate.migrations.base import FrameworkBase, Migration, Source, unanalysable
from rollback_gate.migrations.js import ops as jsops
from rollback_gate.migrations.js.body import EFFECT, REFUSE, classify_body
from rollback_gate.migrations.js.built import Built, StepRef, built_steps
from rollback_gate.migrations.js.linker import Linker
from rollback_gate.migrations.js.source import (
    JsFunction,
    JsModule,
    Opaque,
    find_steps,
    is_script,
    parse_module,
    resolve,
)
from rollback_gate.migrations.sqlengine.model import Dialect, Statement, Step
from rollback_gate.migrations.sqlengine.steps import judge
from rollback_gate.models import Finding

_TYPEORM = lazyre.compile(r"\bMigrationInterface\b|\bqueryRunner\b|\bQueryRunner\b")
_SEQUELIZE = lazyre.compile(r"\bqueryInterface\b|\bQueryInterface\b|\bSequelize\b|\bDataTypes\b")
_KNEX = lazyre.compile(r"\bknex\b|\bKnex\b|\.schema\s*\.\s*(?:createTable|alterTable|table)\b")
# db-migrate: its template's `setup(options)` with `dbm = options.dbmigrate`, an up step
# `(db, callback)`, or its calls on `db.` (pages-core, round AX: labelled Sequelize)
_DB_MIGRATE = lazyre.compile(
    r"\bdbm\b|\bexports\.setup\b|\boptions\.dbmigrate\b|\(\s*db\s*,\s*callback\s*\)"
    r"|\bdb\s*\.\s*(?:createTable|addColumn|removeColumn|renameColumn|changeColumn|dropTable"
    r"|renameTable|addIndex|removeIndex|addForeignKey|removeForeignKey|runSql)\s*\("
)
_EXPORTS_UP = lazyre.compile(
    r"\bup\s*[:=(]|\bfunction\s*\*?\s*up\b|\bexports\.up\b|\bup\s*,|\{\s*up\b"
)
# (and a hidden file: tamanu's `.migrationTemplate.ts` with `{MIGRATION_NAME}` in it, round
# AG; the glob a migration tool loads its folder with leaves dotfiles out)
_SKIP = lazyre.compile(
    r"(?:^|/)(?:index|knexfile|\.eslintrc|jest\.config)\.[cm]?[jt]s$|\.(?:test|spec)\."
    r"|(?:^|/)\.[^/]+$"
)
# (and umzug's own `create` timestamp, `2021.07.01T15.57.60.name.ts`: sso-requests, round AI)
_VERSION = lazyre.compile(r"^[\d_.\-]+(?:T\d\d\.\d\d\.\d\d(?=[._-]))?")


def sniff(path: str, text: str) -> str | None:
    """Which JS framework a migration file belongs to (None: not a migration)."""
    if not _EXPORTS_UP.search(text):
        return None
    if _TYPEORM.search(text):
        return "typeorm"
    if _SEQUELIZE.search(text):
        return "sequelize"
    if _KNEX.search(text):
        return "knex"
    if _DB_MIGRATE.search(text):
        return "db-migrate"
    base = posixpath.basename(path)
    if re.match(r"\d{13}-", base):
        return "typeorm"
    if re.match(r"\d{14}-", base):
        return "sequelize"
    if re.match(r"\d{14}_", base):
        return "knex"
    return None


def version_of(path: str) -> tuple[str, str]:
    """(version, name) from a file name: ``20200211220920_constraints.js`` → both parts."""
    base = posixpath.basename(path)
    stem = re.sub(r"\.[^.]+$", "", base)
    m = _VERSION.match(stem)
    if not m:
        return stem, stem
    version = m.group(0).rstrip("_.-")
    name = stem[m.end() :].strip("_.-") or stem
    return version or stem, name


@dataclass
class JsFramework(FrameworkBase):
    """One JS migration framework: its name, its dialect for fixes and its ordering."""

    name: str
    dialect: Dialect
    order: Callable[[Migration], tuple[object, ...]] = lambda m: (posixpath.basename(m.path),)

    def detect(self, paths: Sequence[str], source: Source) -> int:
        """How many script files under ``paths`` read as this framework's migrations."""
        count = 0
        for path in paths:
            if is_script(path) and not _SKIP.search(path):
                text = _peek(source, path)
                if text is not None and sniff(path, text) == self.name:
                    count += 1
        return count

    def discover(self, paths: Sequence[str], source: Source) -> list[Migration]:
        """Scripts named like migrations (leading version) or exporting ``up``, in order."""
        found: list[Migration] = []
        for path in paths:
            if not is_script(path) or _SKIP.search(path):
                continue
            if not posixpath.basename(path)[:1].isdigit():
                text = _peek(source, path)
                if text is None or sniff(path, text) != self.name or _helper_file(path, text):
                    continue
            version, name = version_of(path)
            found.append(Migration(self.name, version, name, path, (path,)))
        return sorted(found, key=self.order)

    def analyse(self, migration: Migration, source: Source) -> Iterator[Finding]:
        """RG200-RG203 and RG205 for one migration file."""
        path = migration.path
        module = parse_module(path, source.read_text(path))
        module.db_migrate = self.name == "db-migrate"
        linker = Linker(source)
        steps: dict[str, StepRef] = {k: (module, v) for k, v in find_steps(module).items()}
        built = Built()
        if "up" not in steps:  # module.exports = helper(…) / {...helper(…), down}
            built = built_steps(module, linker)
            steps = {**built.steps, **steps}
        up_mod, up_node = steps.get("up", (module, None))
        down_mod, down_node = steps.get("down", (module, None))
        up = resolve(up_mod, up_node) if up_node is not None else None
        down = resolve(down_mod, down_node) if down_node is not None else None
        if up is None and not any(n.type != "comment" for n in module.root.named_children):
            return  # an emptied (fully commented-out) file: nothing runs, nothing to roll back
        if up is None:
            reason = "no exported up() step found"
            if built.unresolved:
                reason = (
                    f"its steps are built by `{built.unresolved[:60]}`, "
                    "which is not in the repository"
                )
            yield _unanalysable(path, module, reason)
            return
        broken = _error_inside(module, [s for s in (up, down) if _in(s, up_mod, module)])
        if broken:
            yield _unanalysable(path, module, f"syntax error at line {module.error_line}")
            return
        at = built.line or built.irreversible or 1
        up_step = _step("up()", up, up_mod, linker, module, at)
        if (runtime := _runtime_name(up_step)) is not None:
            # fs-open-forest-platform's `doTransaction(TABLE, queryInterface, operations)`
            # picks each call by `operation.operation` and names its column by
            # `operation.field` (round AV: fifteen renames "to ${operation.newTableName}")
            yield _unanalysable(
                path,
                module,
                f"the columns or tables its up() changes are named at run time "
                f"(`{runtime}`, data a helper reads): which are changed cannot be told",
            )
            return
        down_step = (
            _step("down()", down, down_mod, linker, module, at) if down is not None else None
        )
        if built.irreversible is not None and down_step is not None:
            reason = "the migration declares itself irreversible (`config: {irreversible: true}`)"
            down_step = replace(down_step, refusal=(built.irreversible, reason))
        elif built.irreversible is not None:
            reason = "the migration declares itself irreversible (`config: {irreversible: true}`)"
            down_step = Step("down()", at, (), refusal=(built.irreversible, reason))
        yield from judge(path, up_step, down_step, self.dialect)


def up_statements(path: str, text: str) -> list[Statement]:
    """The statements a migration module's up step amounts to, the columns of the tables a
    Knex ``createTable`` makes among them (for a history of a table's columns: the Knex
    ``.alter()`` that restates a NOT NULL its table was made with, Travel-Authorization's
    `general_ledger_codings.code`, round BS). Helpers in other files are not followed;
    none where no up step is found."""
    module = parse_module(path, text)
    module.db_migrate = sniff(path, text) == "db-migrate"
    node = find_steps(module).get("up")
    up = resolve(module, node) if node is not None else None
    if not isinstance(up, JsFunction):
        return []
    return jsops.statements(up, module, created=True)


# a column or new table named by a member of some value (`${operation.field}`, quoted in
# two parts), not of the migration class (`${this.table}`)
_RUNTIME_NAME = lazyre.compile(r'(?:COLUMN|\bTO)\s+"\$\{(?!this")([\w$]+)"\."([\w$.]+)\}"')


def _runtime_name(step: Step) -> str | None:
    """The first ``x.y`` a step's statements name a column or a new table by, where the
    value is known only at run time."""
    for s in step.statements:
        m = _RUNTIME_NAME.search(s.text)
        if m is not None:
            return f"{m.group(1)}.{m.group(2)}"
    return None


def _helper_file(path: str, text: str) -> bool:
    """A helper module (``utils/schema.js``): its ``up`` is a nested function, not an export."""
    module = parse_module(path, text)
    return "up" not in find_steps(module) and bool(module.exports or module.containers)


def _peek(source: Source, path: str) -> str | None:
    from rollback_gate.migrations.base import Unreadable

    try:
        return source.read_text(path)
    except Unreadable:
        return None


def _error_inside(module: JsModule, steps: list[JsFunction | Opaque | None]) -> bool:
    line = module.error_line
    if line is None:
        return False
    for step in steps:
        if isinstance(step, JsFunction):
            start, end = step.node.start_point[0] + 1, step.node.end_point[0] + 1
            if start <= line <= end:
                return True
    return not any(isinstance(s, JsFunction) for s in steps)


def _unanalysable(path: str, module: JsModule, reason: str) -> Finding:
    if module.error_line is not None and "syntax" not in reason:
        reason += f" (syntax error at line {module.error_line})"
    return unanalysable(
        path,
        reason,
        line=module.error_line or 1,
        fix="export up() and down() functions (or an object/class with both), or waive "
        "with a reason after checking the rollback by hand",
        key=f"RG205:{reason.split(' at line')[0]}",
    )


def _in(step: JsFunction | Opaque | None, owner: JsModule, module: JsModule) -> bool:
    return step is not None and owner.path == module.path


def _step(
    label: str,
    fn: JsFunction | Opaque,
    owner: JsModule,
    linker: Linker,
    module: JsModule,
    at: int,
) -> Step:
    """One step read in ``owner``; a step from a helper file is placed at line ``at``."""
    if isinstance(fn, Opaque):
        return Step(label, fn.line, (), effective=True, first_effect=fn.line)
    verdict = classify_body(fn, owner)
    statements = tuple(jsops.statements(fn, owner, linker=linker))
    refusal = (verdict.line, verdict.reason) if verdict.verdict == REFUSE else None
    line, first = fn.line, verdict.line
    if owner.path != module.path:  # lines of another file mean nothing in this one
        statements = tuple(replace(s, line=at) for s in statements)
        line = first = at
        refusal = (at, refusal[1]) if refusal is not None else None
    return Step(
        label,
        line,
        statements,
        effective=verdict.verdict == EFFECT,
        refusal=refusal,
        first_effect=first,
    )


def split_target(target: str) -> tuple[str, str]:
    """``orders.note`` → (``orders``, ``note``); a bare name → (name, ``""``)."""
    table, _, column = target.rpartition(".")
    return (table, column) if table else (target, "")
