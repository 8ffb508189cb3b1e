"""Laravel migrations: ``database/migrations/YYYY_MM_DD_HHMMSS_name.php``.

Reads both styles, ``return new class extends Migration { public function up(): void …}``
and the older ``class CreateUsersTable extends Migration``, with tree-sitter-php (the
file is never run).

* RG200 — no ``down()`` method. Laravel then *skips* the migration on rollback and
  reports success, so the schema stays at the new version;
* RG201 — ``down()`` is empty or only ``//`` while ``up()`` changes something;
* RG202 — ``down()`` throws (``throw new RuntimeException('irreversible')``);
* RG203 — ``up()`` calls ``Schema::drop/dropIfExists``, ``$table->dropColumn``,
  ``dropTimestamps``/``dropSoftDeletes``/``dropMorphs``, ``DB::statement('DROP …')``,
  ``DB::table('t')->delete()``/``truncate()``, ``Model::truncate()``, or narrows a column
  with ``->change()`` to a type the down step widens again.

``dropIndex``/``dropForeign``/``dropUnique``/``dropPrimary`` lose no data and are not
reported. Laravel runs files in file-name order; the version is the date-time prefix.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Iterator, Sequence
from typing import Any

from rollback_gate import lazyre
from rollback_gate.migrations import treesitter
from rollback_gate.migrations.base import (
    Framework,
    FrameworkBase,
    Migration,
    Source,
    Unreadable,
    unanalysable,
)
from rollback_gate.migrations.js.framework import split_target, version_of
from rollback_gate.migrations.php import ops as phpops
from rollback_gate.migrations.php import syntax as phpsyntax
from rollback_gate.migrations.php.versions import DATED, laravel_11
from rollback_gate.migrations.php.words import LARAVEL_WORDS
from rollback_gate.migrations.sqlengine.model import Dialect, Statement, Step
from rollback_gate.migrations.sqlengine.steps import judge, sql_effective
from rollback_gate.models import Finding

_MARKERS = lazyre.compile(
    r"extends\s+\\?(?:[\w\\]*\\)?Migration\b|Illuminate\\Database\\Migrations"
)


def inverse(stmt: Statement) -> str | None:
    """The Laravel call that undoes ``stmt`` (None when there is no obvious one)."""
    table, column = split_target(stmt.target)
    kind = stmt.kind
    if kind == "create_table":
        return f"Schema::dropIfExists('{stmt.target}')"
    if kind == "add_column" and column:
        return f"Schema::table('{table}', fn (Blueprint $table) => $table->dropColumn('{column}'))"
    if kind == "create_index":
        return f"Schema::table('{table}', fn (Blueprint $table) => $table->dropIndex(…))"
    if kind == "alter_type" and column:
        return f"$table-><previous type>('{column}')->change() on {table}"
    if kind == "insert":
        return f"DB::table('{table}')->whereIn(…)->delete() for the rows up() inserted"
    if kind == "rename":
        return f"rename {stmt.target} back"
    return None


DIALECT = Dialect(
    "up()",
    "down()",
    inverse,
    add_down="`public function down(): void {…}`",
    words=LARAVEL_WORDS,
    defaults_fill=True,
)


class Laravel(FrameworkBase):
    """The Laravel analyser (``FRAMEWORK``)."""

    name = "laravel"

    def detect(self, paths: Sequence[str], source: Source) -> int:
        """How many ``.php`` files extend ``Migration``."""
        count = 0
        for path in paths:
            if path.endswith(".php"):
                text = _peek(source, path)
                if text is not None and _MARKERS.search(text):
                    count += 1
        return count

    def discover(self, paths: Sequence[str], source: Source) -> list[Migration]:
        """Dated ``.php`` files, and other ``.php`` files that extend ``Migration``."""
        found: list[Migration] = []
        for path in paths:
            if not path.endswith(".php"):
                continue
            if not DATED.match(posixpath.basename(path)):
                text = _peek(source, path)
                if text is None or not _MARKERS.search(text):
                    continue
            version, name = version_of(path)
            found.append(Migration(self.name, version, name, path, (path,)))
        return sorted(found, key=lambda m: posixpath.basename(m.path))

    def analyse(self, migration: Migration, source: Source) -> Iterator[Finding]:
        """RG200-RG203 and RG205 for one migration file."""
        path = migration.path
        root = treesitter.parse("php", source.read_text(path)).root_node
        methods = _methods(root)
        error = _first_error(root) if root.has_error else None
        up, down = methods.get("up"), methods.get("down")
        if up is None and error is None:
            inherited = _inherited(root, source)
            if inherited is not None:
                yield from _judge_inherited(path, *inherited)
                return
        if up is None or _contains(up, error) or _contains(down, error):
            reason = f"syntax error at line {error}" if error else "no up() method found"
            base = _base_name(root) if up is None and error is None else None
            if base is not None and base[0].rsplit("\\", 1)[-1] != "Migration":
                reason += f" (it is inherited from {base[0]}, whose file is not in the repository)"
            yield unanalysable(
                path,
                reason,
                line=error or 1,
                fix="give the migration class up() and down() methods, or waive with a reason "
                "after checking the rollback by hand",
                key=f"RG205:{reason.split(' at line')[0]}",
            )
            return
        known = phpsyntax.strings(root)
        if laravel_11(path, source):
            known[phpops.FLOAT_BITS] = "53"
            known[phpops.CHANGE_RESTATES] = "1"
        up_step = _step("up()", up, known)
        down_step = _step("down()", down, known) if down is not None else None
        yield from judge(path, up_step, down_step, DIALECT)


_MIGRATION_BASE = "Illuminate\\Database\\Migrations\\Migration"
_MAX_PARENTS = 4


def _base_name(root: Any) -> tuple[str, int] | None:
    """The class the file's migration class extends, as written, and that line."""
    for node in treesitter.descendants(root, frozenset({"base_clause"})):
        name = node.named_children[0] if node.named_children else None
        if name is not None:
            return treesitter.node_text(name).lstrip("\\"), treesitter.line_of(node)
    return None


def _qualified(root: Any, name: str) -> str:
    """``name`` as a fully qualified class name, through the file's ``use`` clauses and
    namespace."""
    first, _, rest = name.partition("\\")
    for clause in treesitter.descendants(root, frozenset({"namespace_use_clause"})):
        kids = clause.named_children
        full = treesitter.node_text(kids[0]).lstrip("\\") if kids else ""
        alias = treesitter.node_text(kids[-1]) if len(kids) > 1 else full.rsplit("\\", 1)[-1]
        if alias == first:
            return f"{full}\\{rest}" if rest else full
    spaces = treesitter.descendants(root, frozenset({"namespace_definition"}))
    names = [c for n in spaces for c in n.named_children if c.type == "namespace_name"]
    return f"{treesitter.node_text(names[0])}\\{name}" if names else name


def _class_file(fqcn: str, source: Source) -> str | None:
    """The text of a class's repository file, found by PSR-4's usual map (``App\\X\\Y``
    in ``app/X/Y.php``, or under ``src/``)."""
    parts = fqcn.split("\\")
    rest = "/".join(parts[1:])
    for candidate in (
        f"{parts[0].lower()}/{rest}.php",
        f"{'/'.join(parts)}.php",
        f"src/{rest}.php",
    ):
        if rest and source.exists(candidate):
            try:
                return source.read_text(candidate)
            except Unreadable:
                return None
    return None


def _inherited(root: Any, source: Source) -> tuple[str, int, Any, Any, Any] | None:
    """Where a migration whose class has no ``up()`` gets it: the ancestor class in the
    repository that declares it (Lychee's 141 config migrations extend a
    ``BaseConfigMigration`` whose ``up()`` inserts the rows and ``down()`` deletes them,
    round I): (its class name, the line of the migration's ``extends``, the ancestor's
    tree, its ``up`` and its ``down`` methods). None when the chain leaves the repository
    or reaches Laravel's own ``Migration``."""
    found = _base_name(root)
    if found is None:
        return None
    name, line = found
    tree = root
    for _ in range(_MAX_PARENTS):
        fqcn = _qualified(tree, name)
        if fqcn == _MIGRATION_BASE or name == "Migration":
            return None
        text = _class_file(fqcn, source)
        if text is None:
            return None
        tree = treesitter.parse("php", text).root_node
        methods = _methods(tree)
        if "up" in methods:
            return fqcn.rsplit("\\", 1)[-1], line, tree, methods["up"], methods.get("down")
        parent = _base_name(tree)
        if parent is None:
            return None
        name = parent[0]
    return None


def _judge_inherited(
    path: str, base: str, line: int, tree: Any, up: Any, down: Any
) -> Iterator[Finding]:
    """The findings of the ancestor's steps, placed at the migration's ``extends`` line
    (their own lines are another file's)."""
    known = phpsyntax.strings(tree)

    def step(label: str, method: Any) -> Step:
        s = _step(f"{label} (inherited from {base})", method, known)
        return dataclasses.replace(
            s,
            line=line,
            statements=tuple(dataclasses.replace(st, line=line) for st in s.statements),
            first_effect=line if s.first_effect else s.first_effect,
            refusal=(line, s.refusal[1]) if s.refusal else None,
        )

    yield from judge(path, step("up()", up), step("down()", down) if down else None, DIALECT)


def _peek(source: Source, path: str) -> str | None:
    try:
        return source.read_text(path)
    except Unreadable:
        return None


def _methods(root: Any) -> dict[str, Any]:
    """``up``/``down`` method nodes of the first class in the file that has an ``up``."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "declaration_list":
            found = {}
            for member in node.named_children:
                if member.type == "method_declaration":
                    name = treesitter.node_text(member.child_by_field_name("name"))
                    if name in ("up", "down"):
                        found[name] = member
            if "up" in found:
                return found
        stack.extend(reversed(node.named_children))
    return {}


def _first_error(root: Any) -> int:
    stack = [root]
    while stack:
        n = stack.pop()
        if n.type == "ERROR" or n.is_missing:
            return treesitter.line_of(n)
        stack.extend(reversed([c for c in n.children if c.has_error or c.is_missing]))
    return 1


def _contains(node: Any, line: int | None) -> bool:
    if node is None or line is None:
        return False
    return bool(node.start_point[0] + 1 <= line <= node.end_point[0] + 1)


def _step(label: str, method: Any, known: dict[str, str]) -> Step:
    body = method.child_by_field_name("body")
    line = treesitter.line_of(method)
    if body is None:  # abstract or interface method: nothing runs
        return Step(label, line, (), effective=False)
    verdict, at, reason = _classify(body, known)
    statements = tuple(phpops.statements(body, known))
    return Step(
        label,
        line,
        statements,
        effective=verdict == "effect",
        refusal=(at, reason) if verdict == "refuse" else None,
        first_effect=at,
        # schema changes go through Schema:: or DB::statement, both recognised: other
        # code (Eloquent models, DB::table writes, jobs) only touches rows
        data_code=_SCHEMA_CODE.search(treesitter.node_text(body)) is None,
        whole=_schema_only(body),
    )


_SCHEMA = frozenset({"Schema", "Illuminate\\Support\\Facades\\Schema"})


def _schema_only(body: Any) -> bool:
    """Whether a step's body calls nothing but ``Schema::`` and, in its closures, the
    ``$table->…`` column calls (a ``Schema::hasColumn`` guard included): no code beside
    its statements that may copy rows (``DB::``, a model, a helper function)."""
    params = {
        treesitter.node_text(name)
        for fn in treesitter.descendants(body, frozenset(phpsyntax.FUNCTIONS))
        if (listed := fn.child_by_field_name("parameters")) is not None
        for p in listed.named_children
        if (name := p.child_by_field_name("name")) is not None
    }
    for call in treesitter.descendants(body, phpsyntax.CALL_TYPES):
        innermost, receiver = call, phpsyntax.call_parts(call)[0]
        while receiver is not None and receiver.type in phpsyntax.CALL_TYPES:
            innermost, receiver = receiver, phpsyntax.call_parts(receiver)[0]
        if receiver is None:
            return False  # a function: `DB::table(…)` helpers, `collect(…)`, `now()`
        text = treesitter.node_text(receiver).lstrip("\\")
        if innermost.type == "scoped_call_expression" and text not in _SCHEMA:
            return False
        if innermost.type != "scoped_call_expression" and text not in params:
            return False
    return True


# Schema::table/create closures are read call by call (their column calls are statements),
# so model code inside one is no schema change; Artisan::call runs a schema change only
# for commands named after migrations or the schema (db:seed, cache:clear … touch rows).
_SCHEMA_CODE = lazyre.compile(
    r"\bSchema::(?!(?:table|create|has\w*|(?:dis|en)ableForeignKeyConstraints)\b)|->schema\b"
    r"|\bDB::(?:statement|unprepared)|Artisan::call\(\s*['\"][^'\"]*(?:migrat|schema)"
)


def _classify(body: Any, known: dict[str, str]) -> tuple[str, int, str]:
    """("effect"|"noop"|"refuse", line, reason) for a method body."""
    effect: tuple[str, int, str] | None = None
    maybe: tuple[str, int, str] | None = None
    for stmt in body.named_children:
        kind = stmt.type
        if kind in ("comment", "empty_statement", "echo_statement"):
            continue
        inner = [c for c in stmt.named_children if c.type != "comment"]
        if kind == "throw_statement" or (
            kind == "expression_statement" and inner and inner[0].type == "throw_expression"
        ):
            return "refuse", treesitter.line_of(stmt), _reason(stmt, known)
        if kind == "return_statement" and not inner:
            continue
        verdict = _generic(stmt, known)
        if verdict[0] == "effect" and effect is None:
            effect = verdict
        elif verdict[0] == "maybe" and maybe is None:
            maybe = verdict
    if effect is not None:
        return effect
    if maybe is not None:
        return "refuse", maybe[1], maybe[2]
    return "noop", treesitter.line_of(body), ""


def _generic(stmt: Any, known: dict[str, str]) -> tuple[str, int, str]:
    throw: Any = None
    stack = [stmt]
    while stack:
        node = stack.pop()
        if node.type in phpsyntax.CALLS or node.type == "function_call_expression":
            if not _noop_call(node, known):
                return "effect", treesitter.line_of(node), ""
            continue  # a log call: its receiver (app('log')) and arguments change nothing
        elif node.type in ("throw_expression", "throw_statement") and throw is None:
            throw = node
        stack.extend(reversed(node.named_children))
    if throw is not None:
        return "maybe", treesitter.line_of(throw), _reason(throw, known)
    return "noop", treesitter.line_of(stmt), ""


def _noop_call(call: Any, known: dict[str, str]) -> bool:
    receiver, method = phpsyntax.call_parts(call)
    head = treesitter.node_text(receiver) if receiver is not None else ""
    sep = "::" if call.type == "scoped_call_expression" else "->"
    text = f"{head}{sep}{method}" if receiver is not None else method
    if phpsyntax.is_noop_call(text):
        return True
    if method in ("statement", "unprepared") and "DB" in head:
        args = phpsyntax.arguments(call)
        value = phpsyntax.static_string(args[0], known) if args else None
        return value is not None and not sql_effective(value)
    return (
        receiver is not None
        and receiver.type in phpsyntax.CALLS
        and _noop_call(receiver, known)
        and (head.startswith("Log::") or head.startswith("app('log')"))
    )


def _reason(node: Any, known: dict[str, str]) -> str:
    stack = [node]
    while stack:
        n = stack.pop()
        text = (
            phpsyntax.static_string(n, known) if n.type in ("string", "encapsed_string") else None
        )
        if text:
            return f"throws “{text.strip()[:80]}”"
        stack.extend(reversed(n.named_children))
    return f"`{' '.join(treesitter.node_text(node).split())[:80]}`"


FRAMEWORK: Framework = Laravel()
