"""Walks one Ecto migration step (``change``, ``up``) and collects what it does.

The inversion rules follow ``Ecto.Migration.Runner`` (ecto_sql 3.x): in ``change``, Ecto
reverses ``create`` (tables, indexes, constraints), ``create_if_not_exists``, ``drop`` and
``drop_if_exists`` of an *index*, ``rename``, ``execute/2`` and ``alter`` blocks made only
of ``add``, ``remove`` with a type and ``modify`` with ``:from``. Everything else it raises
on at rollback: ``drop table``, ``drop constraint``, ``execute/1``, ``remove`` without a
type, ``modify`` without ``:from``, ``add_if_not_exists`` and ``remove_if_exists``.

Code under ``if direction() == :up`` runs only on deploy and is not recorded for reversal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rollback_gate.migrations.dsl import ecto_n1
from rollback_gate.migrations.dsl import elixirnodes as ex
from rollback_gate.migrations.dsl.common import (
    SPLIT_FIX,
    Issue,
    copied_tables,
    moved_table,
    one_line,
    sql_changes_schema,
    sql_destruction,
    sql_effective,
)
from rollback_gate.migrations.dsl.ecto_types import sql_type
from rollback_gate.migrations.sqlengine import sql
from rollback_gate.migrations.sqlengine.coltypes import narrows
from rollback_gate.migrations.sqlengine.model import Statement
from rollback_gate.migrations.treesitter import line_of, node_text

IRREVERSIBLE_IMPACT = (
    "`mix ecto.rollback` raises Ecto.MigrationError (cannot reverse migration command) "
    "here, so neither this migration nor any before it can be rolled back"
)
DESTROY_IMPACT = (
    "a rollback cannot bring the data back: the previous release finds it gone or empty"
)
UP_DOWN = "or write explicit `up` and `down` functions"
_QUERY = frozenset({"query", "query!"})
_N1_CALLS = frozenset({"create", "create_if_not_exists", "rename", "drop", "drop_if_exists"})
_DELETES = frozenset({"delete_all"})
# Repo functions that write rows: in change/0 they run again, as written, on rollback.
_REPO_WRITES = frozenset(
    {"insert", "insert!", "insert_all", "insert_or_update", "insert_or_update!", "update",
     "update!", "update_all", "delete", "delete!", "delete_all"}
)  # fmt: skip
_SCHEMA = frozenset(
    {"create", "create_if_not_exists", "drop", "drop_if_exists", "alter", "rename", "execute_file"}
)


class StepWalker:
    """Collects issues and effects of one step walked in ``change``/``up``/``down`` mode."""

    def __init__(
        self,
        step: str,
        strings: ex.StringResolver,
        helpers: dict[str, ex.Node],
        previous_types: dict[str, str] | None = None,
        history: Callable[[str], str | None] | None = None,
    ) -> None:
        self.step = step
        self._history = history  # a column's type per the earlier migrations
        self._previous = previous_types or {}
        self.issues: list[Issue] = []
        self.effective = False
        self.schema = False  # the step changes the schema (not only rows)
        self.first_change: str | None = None  # the first such statement, for messages
        self._strings = strings
        self._helpers = helpers
        self._entered: set[str] = set()
        self._walked: list[ex.Node] = []
        self._bound: dict[str, ex.Node] | None = None
        self._copied: set[str] = set()  # tables whose rows executed SQL copied elsewhere
        self.n1: list[Statement] = []  # what runs on deploy, as SQL, for RG220-RG224
        self.n1_types: dict[str, str] = {}  # table.column → type named by `modify … from:`
        # or the type of a removed column

    @property
    def _local(self) -> dict[str, ex.Node]:
        # Variables bound in the walked statements, collected only when SQL needs resolving.
        if self._bound is None:
            self._bound = {}
            for node in self._walked:
                self._bound.update(ex.bindings(node))
        return self._bound

    def _text(self, node: ex.Node) -> str | None:
        """The string ``node`` denotes (a literal, a variable or module attribute bound to
        one), else None."""
        resolved = self._strings.resolve(node, self._local)
        return resolved[0] if resolved is not None else None

    def _mark_schema(self, call: ex.Node) -> None:
        self.schema = True
        if self.first_change is None:
            self.first_change = one_line(node_text(call), 60)

    def walk(self, nodes: list[ex.Node], mode: str) -> None:
        """Walk ``nodes`` (statements of a body) in ``mode``."""
        for node in nodes:
            if not any(w.start_byte <= node.start_byte < w.end_byte for w in self._walked):
                self._walked.append(node)
                self._bound = None
            self._visit(node, mode)

    def _visit(self, node: ex.Node, mode: str) -> None:
        if node.type in ("comment", "atom", "string", "nil", "boolean", "integer"):
            return
        self.effective = True
        if node.type == "call":
            self._call(node, mode)
            return
        if node.type == "identifier" and node_text(node) in self._helpers:
            self._helper(node_text(node), mode)
            return
        for child in node.named_children:
            self._visit(child, mode)

    def _helper(self, name: str, mode: str) -> None:
        if name in self._entered:
            return
        self._entered.add(name)
        helper = self._helpers[name]
        body = ex.do_block(helper)
        nodes = ex.statements(body) if body is not None else []
        inline = ex.args_of(helper).keywords.get("do")
        self.walk(nodes if body is not None else ([inline] if inline is not None else []), mode)

    def _call(self, call: ex.Node, mode: str) -> None:
        name = ex.call_name(call)
        local = ex.receiver(call) is None
        args = ex.args_of(call)
        block = ex.do_block(call)
        if local and name in ("def", "defp", "defmodule"):
            return
        if local and name in self._helpers and not args.positional:
            self._helper(name, mode)
            return
        if local and name in ("if", "unless") and args.positional:
            condition = node_text(args.positional[0])
            if "direction()" in condition:
                self._direction_branch(name, condition, block, args, mode)
                return
        if (
            local
            and name == "case"
            and args.positional
            and block is not None
            and "direction()" in node_text(args.positional[0])
        ):
            self._direction_case(block, mode)
            return
        if local and name in _SCHEMA:
            self._mark_schema(call)
        if local and mode in ("change", "up") and name in _N1_CALLS and args.positional:
            self.n1.extend(ecto_n1.render(call, name, args, self._text, mode == "change"))
        if local and name in ("drop", "drop_if_exists") and args.positional:
            self._drop(call, name, args, mode)
        elif local and name == "alter" and (block is not None or "do" in args.keywords):
            self._alter(call, args, ex.body_of(call), mode)
            return
        elif local and name in ("create", "create_if_not_exists"):
            return  # reversible, and a new table holds no data yet
        elif local and name in ("execute", "execute_file"):
            self._execute(call, name, args, mode)
        elif name in _QUERY and not local:
            self._query(call, args, mode)
        elif name in _DELETES and not local:
            self._delete_all(call, args, mode)
        if mode == "change" and not local and name in _REPO_WRITES and self._repo(call):
            self._replayed(call)
        for child in call.named_children:
            if child.type in ("arguments", "do_block", "else_block"):
                for inner in child.named_children:
                    self._visit(inner, mode)

    def _direction_branch(
        self, name: str, condition: str, block: ex.Node | None, args: ex.Args, mode: str
    ) -> None:
        # Code under `if direction() == :up` runs on deploy only and is not reversed.
        positive = (name == "if") != ("!=" in condition)
        up_first = (":up" in condition) == positive
        first, second = ("up", "down") if up_first else ("down", "up")
        if block is not None:
            then_part, else_part = ex.statements(block), ex.statements(ex.else_block(block))
        else:  # `if direction() == :up, do: …, else: …`
            then_part = [n for n in [args.keywords.get("do")] if n is not None]
            else_part = [n for n in [args.keywords.get("else")] if n is not None]
        self.walk(then_part, first if mode != "down" else "down")
        self.walk(else_part, second if mode != "down" else "down")

    def _direction_case(self, block: ex.Node, mode: str) -> None:
        for clause in block.named_children:
            if clause.type != "stab_clause":
                continue
            left = clause.child_by_field_name("left")
            body = clause.child_by_field_name("right")
            branch = "up" if left is not None and ":up" in node_text(left) else "down"
            if left is not None and ":up" not in node_text(left) and ":down" not in node_text(left):
                branch = mode  # `_ ->`: runs in both directions
            nodes = list(body.named_children) if body is not None else []
            self.walk(nodes, branch if mode != "down" else "down")

    def _issue(self, rule: str, call: ex.Node, text: str, impact: str, fix: str, key: str) -> None:
        self.issues.append(Issue(rule, line_of(call), text, impact, fix, key))

    def _irreversible(self, call: ex.Node, reason: str, fix: str, key: str) -> None:
        code = one_line(node_text(call), 70)
        self._issue("RG202", call, f"`{code}` in change {reason}", IRREVERSIBLE_IMPACT, fix, key)

    def _destroys(self, call: ex.Node, what: str, noun: str, key: str) -> None:
        code = one_line(node_text(call), 70)
        message = f"`{code}` in {self.step} {what}"
        self._issue("RG203", call, message, DESTROY_IMPACT, SPLIT_FIX.format(what=noun), key)

    def _drop(self, call: ex.Node, name: str, args: ex.Args, mode: str) -> None:
        target = ex.table_of(args.positional[0])
        if target is None or target[0] == "index":
            return
        kind, table = target
        if mode == "change":
            what = "table" if kind == "table" else "constraint"
            fix = (
                f"write `up`/`down`: drop in up, `create table({table}) do ... end` with the "
                "full definition in down"
                if kind == "table"
                else f"write `up`/`down`: drop in up, re-create the constraint in down, {UP_DOWN}"
            )
            reason = f"cannot be reversed: Ecto cannot re-create a dropped {what}"
            self._irreversible(call, reason, fix, f"RG202:{name}:{kind}:{table}")
        if kind == "table" and mode in ("change", "up") and table.lower() in self._copied:
            self.issues.append(moved_table(line_of(call), f"`{self.step}`", table))
        elif kind == "table" and mode in ("change", "up"):
            self._destroys(
                call, f"drops table {table}", f"table {table}", f"RG203:drop_table:{table}"
            )

    def _alter(self, call: ex.Node, args: ex.Args, subs: list[ex.Node], mode: str) -> None:
        target = ex.table_of(args.positional[0]) if args.positional else None
        table = target[1] if target is not None else "?"
        for sub in subs:
            if sub.type != "call" or ex.receiver(sub) is not None:
                self._visit(sub, mode)
                continue
            name, sargs = ex.call_name(sub), ex.args_of(sub)
            column = ex.display(sargs.positional[0]) if sargs.positional else "?"
            where = f"{table}.{column}"
            if mode == "change":
                self._alter_reversal(sub, name, sargs, where)
            if mode not in ("change", "up"):
                continue
            self.n1.extend(ecto_n1.render_alter(sub, name, sargs, table))
            before = ecto_n1.old_type(sargs) if name == "modify" else None
            if before is not None:
                self.n1_types[where] = before
            if name in ("remove", "remove_if_exists"):
                self._destroys(
                    sub, f"drops column {where}", f"column {where}", f"RG203:remove:{where}"
                )
                # the type it had: a column added again under the name is judged against it
                # (level's `remove :role` then `add :role, :user_role`, round Z)
                typ = sargs.positional[1] if len(sargs.positional) > 1 else None
                was = sql_type(typ, sargs.keywords) if typ is not None else None
                if was is None and self._history is not None:
                    was = self._history(where)
                if was is not None:
                    self.n1_types.setdefault(where, was)
            elif name == "modify" and len(sargs.positional) >= 2:
                new = sql_type(sargs.positional[1], sargs.keywords)
                before = sargs.keywords.get("from")
                # Without `from:`, the type the down step restores is the old one.
                old = sql_type(before, {}) if before is not None else self._previous.get(where)
                if old is None and before is None and self._history is not None:
                    old = self._history(where)  # as the earlier migrations left it
                    if old is not None:  # … and the type change judged against it
                        self.n1_types.setdefault(where, old)
                if new is not None and old is not None and narrows(old, new):
                    what = f"narrows column {where} from {old} to {new}"
                    self._destroys(sub, what, f"the old type of {where}", f"RG203:modify:{where}")

    def _alter_reversal(self, sub: ex.Node, name: str, sargs: ex.Args, where: str) -> None:
        column = where.split(".", 1)[-1]
        if name == "remove" and len(sargs.positional) < 2:
            self._irreversible(
                sub,
                "has no type, so Ecto cannot re-add the column on rollback",
                f"add the type: `remove :{column}, :<type>`",
                f"RG202:remove:{where}",
            )
        elif name == "modify" and "from" not in sargs.keywords:
            self._irreversible(
                sub,
                "has no `:from`, so Ecto cannot restore the old type on rollback",
                f"add the old type: `modify :{column}, <new type>, from: <old type>`",
                f"RG202:modify:{where}",
            )
        elif name in ("add_if_not_exists", "remove_if_exists"):
            self._irreversible(
                sub,
                "cannot be reversed by Ecto on rollback",
                f"write `up`/`down` around `{name}`, {UP_DOWN}",
                f"RG202:{name}:{where}",
            )

    def _execute(self, call: ex.Node, name: str, args: ex.Args, mode: str) -> None:
        if mode == "change" and len(args.positional) == 1:
            fix = f"give the SQL that undoes it: `{name}(up_sql, down_sql)`, {UP_DOWN}"
            resolved = self._strings.resolve(args.positional[0], self._local)
            if name == "execute" and resolved is not None and not sql_effective(resolved[0]):
                # `SET …` and the like: nothing to undo, yet Ecto still refuses to reverse.
                fix = (
                    "it changes nothing that needs undoing: run it both ways with "
                    "`execute(sql, sql)`"
                )
            self._irreversible(
                call,
                f"has only an up part, so Ecto cannot reverse it on rollback ({name}/1)",
                fix,
                f"RG202:{name}:{one_line(node_text(args.positional[0]), 40)}",
            )
        if name == "execute" and args.positional:
            resolved = self._strings.resolve(args.positional[0], self._local)
            if resolved is None or sql_changes_schema(resolved[0]):
                self._mark_schema(call)
            if mode in ("change", "up"):
                self._sql(args.positional[0], call)

    def _query(self, call: ex.Node, args: ex.Args, mode: str) -> None:
        if mode not in ("change", "up"):
            return
        for arg in args.positional[:2]:
            if self._sql(arg, call):
                return

    def _sql(self, node: ex.Node, call: ex.Node) -> bool:
        resolved = self._strings.resolve(node, self._local)
        if resolved is None:
            return False
        text, first = resolved
        self._copied |= copied_tables(text)  # a later `drop table` of these loses no rows
        # SQL bound elsewhere (variable, attribute) is reported where it is executed.
        inside = call.start_point[0] < first <= call.end_point[0] + 1
        at_line = None if inside else line_of(call)
        self.issues.extend(
            sql_destruction(text, first, self.step, DESTROY_IMPACT, at_line, self._previous)
        )
        for s in sql.split_statements(text):
            self.n1.append(replace(s, line=at_line if at_line is not None else first + s.line - 1))
        return True

    @staticmethod
    def _repo(call: ex.Node) -> bool:
        text = ex.receiver(call) or ""
        return text.endswith("Repo") or text in ("repo()", "repo")

    def _replayed(self, call: ex.Node) -> None:
        """A row change in change/0: Ecto reverses only migration commands, not code."""
        if any(i.key.startswith("RG202:replayed") for i in self.issues):
            return  # one finding per step: the first row change
        code = one_line(node_text(call), 70)
        self._issue(
            "RG202",
            call,
            f"`{code}` in change runs again on rollback: Ecto reverses migration commands "
            "only, so this row change is replayed instead of undone",
            "a rollback does not restore the rows: it applies the same change a second "
            "time (or fails on it), and the previous release reads the changed data",
            "move the row change into `up/0` and write its reversal in `down/0` (or "
            "`execute(fn -> … end, fn -> … end)`); or waive with a reason",
            "RG202:replayed",
        )

    def _delete_all(self, call: ex.Node, args: ex.Args, mode: str) -> None:
        if mode not in ("change", "up"):
            return
        queryable = ex.display(args.positional[0]) if args.positional else "a piped query"
        self._issue(
            "RG203",
            call,
            f"`{one_line(node_text(call), 70)}` in {self.step} deletes rows ({queryable})",
            DESTROY_IMPACT,
            "keep the rows (mark them instead of deleting them) until a later release, or "
            "archive them first; or waive with a reason",
            f"RG203:delete_all:{queryable}",
        )
