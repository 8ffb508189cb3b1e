"""Walks the body of one Rails migration step and collects what it does.

A step is walked in a *mode*: ``change`` (runs forward on deploy and is inverted by the
CommandRecorder on rollback), ``up`` (runs forward only: ``def up``, ``dir.up {}``,
``up_only {}``, ``unless reverting?``), ``down`` (runs on rollback only) and ``revert``
(``revert do … end``: inverted on deploy, so a ``create_table`` inside drops a table).
The walk yields RG202 issues for what the recorder cannot invert (``change`` mode only)
and RG203 issues for what destroys data on deploy (``change``, ``up``, ``revert``), and
notes whether the step changes the schema at all.
"""

from __future__ import annotations

from dataclasses import replace

from rollback_gate.migrations.dsl import rails_data, rails_n1, rails_rules, rubynodes
from rollback_gate.migrations.dsl.common import (
    Issue,
    copied_tables,
    moved_table,
    one_line,
    sql_changes_schema,
    sql_destruction,
    sql_effective,
)
from rollback_gate.migrations.dsl.rubynodes import Args, Node, StringResolver, args_of, call_name
from rollback_gate.migrations.sqlengine import sql
from rollback_gate.migrations.sqlengine.model import Statement
from rollback_gate.migrations.treesitter import line_of, node_text

IRREVERSIBLE_IMPACT = (
    "`rails db:rollback` raises ActiveRecord::IrreversibleMigration here, so neither this "
    "migration nor any before it can be rolled back"
)
_LOGGING = frozenset({"say", "puts", "print", "p", "pp", "warn", "say_with_time"})
_DELETES = frozenset({"delete_all", "destroy_all", "delete_by", "destroy_by"})
# Methods that hand SQL to the database (`DB.exec` is Discourse's mini_sql).
_SQL_RUNNERS = frozenset({"execute", "exec_update", "exec_delete", "exec_query"})
_INVERTED_CREATES = {
    "create_table": "drop_table",
    "create_join_table": "drop_join_table",
    "add_column": "remove_column",
    "add_reference": "remove_reference",
    "add_belongs_to": "remove_reference",
    "add_timestamps": "remove_timestamps",
}
_OPAQUE_BLOCKS = frozenset({"create_table", "create_join_table"})


def is_logging(call: Node) -> bool:
    """True for calls that only print (``say``, ``puts``, ``Rails.logger.info``)."""
    receiver = rubynodes.receiver_text(call)
    name = call_name(call)
    if receiver is None:
        return name in _LOGGING and name != "say_with_time"
    return receiver.endswith("logger") or receiver in ("$stdout", "$stderr", "STDOUT", "STDERR")


class StepWalker:
    """Collects issues and effects of one step; see the module docstring for modes."""

    def __init__(
        self,
        step: str,
        strings: StringResolver,
        helpers: dict[str, Node],
        previous_types: dict[str, str] | None = None,
    ) -> None:
        self.step = step
        self._previous = previous_types or {}
        self.issues: list[Issue] = []
        self.schema = False  # the step changes the schema (not only rows)
        self.first_change: str | None = None  # the first such statement, for messages
        self.effective = False  # the step does anything at all
        self._strings = strings
        self._helpers = helpers
        self._entered: set[str] = set()
        self._bodies: list[Node] = []
        self._dirs: set[str] = set()  # block variables of `reversible do |dir|`
        self._tables: dict[str, str] = {}  # block variable of `change_table` → table
        self._bound: dict[str, Node] | None = None
        self._rounds: dict[str, Node] = {}  # a loop's block variable → this round's element
        self._copied: set[str] = set()  # tables whose rows executed SQL copied elsewhere
        self.n1: list[Statement] = []  # what runs on deploy, as SQL, for RG220-RG224

    @property
    def _local(self) -> dict[str, Node]:
        # Variables bound in the walked bodies, collected only when SQL needs resolving.
        if self._bound is None:
            self._bound = {}
            for body in self._bodies:
                self._bound.update(rubynodes.assignments(body))
        return self._bound

    def _mark_schema(self, call: Node) -> None:
        self.schema = True
        if self.first_change is None:
            self.first_change = one_line(node_text(call), 60)

    def walk(self, body: Node | None, mode: str) -> None:
        """Walk the statements of a method body (or block body) in ``mode``."""
        if body is None:
            return
        if not any(b.start_byte <= body.start_byte < b.end_byte for b in self._bodies):
            self._bodies.append(body)
            self._bound = None
        for child in rubynodes.statements(body):
            self._visit(child, mode)

    def _visit(self, node: Node, mode: str) -> None:
        kind = node.type
        if kind in ("comment", "method", "singleton_method", "class", "module"):
            return
        if kind == "call":
            self._call(node, mode)
            return
        if kind == "identifier" and node_text(node) in self._helpers:
            self._helper(node_text(node), mode)
            return
        if kind in ("if", "unless", "if_modifier", "unless_modifier"):
            condition = node.child_by_field_name("condition")
            if condition is not None and "reverting?" in node_text(condition):
                self._reverting_branch(node, mode)
                return
        if kind not in ("string", "simple_symbol", "nil", "true", "false", "integer"):
            self.effective = True
        for child in node.named_children:
            self._visit(child, mode)

    def _reverting_branch(self, node: Node, mode: str) -> None:
        # `if reverting?` code runs only on rollback; `unless reverting?` only on deploy.
        positive = node.type in ("if", "if_modifier")
        for name in ("consequence", "body", "alternative"):
            part = node.child_by_field_name(name)
            if part is None:
                continue
            runs_on_rollback = positive == (name != "alternative")
            self.walk(part, "down" if runs_on_rollback else _forward(mode))

    def _helper(self, name: str, mode: str) -> None:
        if name in self._entered:
            return
        self._entered.add(name)
        self.walk(self._helpers[name].child_by_field_name("body"), mode)

    def _call(self, call: Node, mode: str) -> None:
        name = call_name(call)
        receiver = rubynodes.receiver_text(call)
        block = call.child_by_field_name("block")
        own = receiver is None or receiver in ("self", "connection")
        if is_logging(call):
            return
        self.effective = True
        if own and name in self._helpers and call.child_by_field_name("arguments") is None:
            self._helper(name, mode)
            return
        if name == "each" and block is not None and self._unrolled(call, block, mode):
            return
        if own and name == "reversible" and block is not None:
            self._reversible(block, mode)
            return
        if own and name == "up_only" and block is not None:
            self.walk(block.child_by_field_name("body"), _forward(mode))
            return
        if own and name == "revert":
            if block is not None:
                self.walk(block.child_by_field_name("body"), "revert" if mode != "down" else mode)
            self._mark_schema(call)
            return
        if own and name == "change_table" and block is not None:
            self._change_table(call, block, mode)
            return
        if receiver in self._dirs and name in ("up", "down") and block is not None:
            self._direction(call, name, block, mode)
            return
        if receiver is not None and receiver in self._tables:
            self._table_method(call, self._tables[receiver], mode)
            return
        if name in _SQL_RUNNERS or (name == "exec" and receiver is not None):
            self._execute(call, name, receiver, mode)
        elif name == "execute_drop" and receiver is not None and receiver.endswith("Dropper"):
            self._dropper(call, receiver, mode)
        elif name in _DELETES and receiver is not None:
            self._deletes(call, receiver, mode)
        elif own:
            self._command(call, name, self._args(call), block is not None, None, mode)
        if block is not None and name not in _OPAQUE_BLOCKS:
            self.walk(block.child_by_field_name("body"), mode)
        else:
            self._visit_arguments(call, mode)

    def _args(self, call: Node) -> Args:
        """The call's arguments, a local variable bound to a literal name or list read as
        that literal (Panoptes: ``table_name = :translations``, then ``add_index
        table_name, …``: round AL)."""
        args = args_of(call)
        if not any(n.type == "identifier" for n in (*args.positional, *args.keywords.values())):
            return args
        local = self._local if not self._rounds else {**self._local, **self._rounds}

        def literal(node: Node) -> Node:
            bound = local.get(node_text(node)) if node.type == "identifier" else None
            return bound if bound is not None and bound.type in _LITERALS else node

        args.positional = [literal(n) for n in args.positional]
        args.keywords = {k: literal(v) for k, v in args.keywords.items()}
        return args

    def _unrolled(self, call: Node, block: Node, mode: str) -> bool:
        """``LIST.each do |table| … end`` over a literal list (or a constant or a local
        variable holding one):
        the block walked once per element, its variable read as that element (fizzy's
        ``add_column table, "account_id"`` for 22 tables; dawarich's ``drop_table t``:
        round AR). False where the list is not known."""
        receiver = rubynodes.unfrozen(call.child_by_field_name("receiver"))
        if receiver is not None and receiver.type == "constant":
            receiver = rubynodes.unfrozen(self._strings.constant(node_text(receiver)))
        elif receiver is not None and receiver.type == "identifier":
            # (a local variable bound to the list: buy-for-your-school's `tables = %w[…]`,
            # `tables.each do |table|`, whose findings named the table "table": round CE)
            receiver = rubynodes.unfrozen(self._local.get(node_text(receiver)))
        items = list(receiver.named_children) if receiver is not None else []
        params = block.child_by_field_name("parameters")
        names = [n for n in params.named_children if n.type == "identifier"] if params else []
        if (
            receiver is None
            or receiver.type not in rubynodes.ARRAYS
            or not 0 < len(items) <= _MAX_ROUNDS
            or any(rubynodes.symbol_name(i) is None for i in items)
            or len(names) != 1
        ):
            return False
        var = node_text(names[0])
        self.effective = True
        for item in items:
            self._rounds[var] = item
            self.walk(block.child_by_field_name("body"), mode)
        self._rounds.pop(var, None)
        return True

    def _visit_arguments(self, call: Node, mode: str) -> None:
        arglist = call.child_by_field_name("arguments")
        if arglist is None:
            return
        for child in arglist.named_children:
            if child.type == "call":
                self._visit(child, mode)

    def _reversible(self, block: Node, mode: str) -> None:
        # `dir.up {}` / `dir.down {}` may sit anywhere inside (e.g. in a change_table).
        self._mark_schema(block.parent or block)
        params = block.child_by_field_name("parameters")
        if params is not None:
            self._dirs.update(node_text(p) for p in params.named_children)
        self.walk(block.child_by_field_name("body"), mode)

    def _direction(self, call: Node, direction: str, block: Node, mode: str) -> None:
        body = block.child_by_field_name("body")
        self.walk(body, "down" if direction == "down" else _forward(mode))
        if direction == "down":
            self._refuses(body)

    def _refuses(self, body: Node | None) -> None:
        refusal = refusal_in(body)
        if refusal is None:
            return
        self.issues.append(
            Issue(
                "RG202",
                line_of(refusal),
                f"`dir.down` refuses to run: `{one_line(node_text(refusal), 70)}`",
                "`rails db:rollback` fails at this migration, so no earlier release can be "
                "restored either",
                "write the down half of the `reversible` block; if that is impossible, "
                "waive with a reason",
                "RG202:down-raises",
            )
        )

    def _change_table(self, call: Node, block: Node, mode: str) -> None:
        self._mark_schema(call)
        args = self._args(call)
        params = block.child_by_field_name("parameters")
        if params is not None and params.named_children:
            table = rubynodes.display(args.positional[0]) if args.positional else "?"
            self._tables[node_text(params.named_children[0])] = table
        self.walk(block.child_by_field_name("body"), mode)

    def _table_method(self, call: Node, table: str, mode: str) -> None:
        name = call_name(call)
        if mode in ("change", "up") and (name in rails_n1.TABLE_COMMANDS or name in _COLUMNS):
            args = args_of(call)
            if name in _COLUMNS:  # t.string :name → add_column :table, :name, :string
                n1_command, n1_args = "add_column", _with_type(args, call)
            else:
                n1_command, n1_args = rails_n1.TABLE_COMMANDS[name], args
            self.n1.extend(
                rails_n1.render(
                    call, n1_command, n1_args, table, self._previous, self.step == "change"
                )
            )
        command = rails_rules.TABLE_METHODS.get(name)
        if command is not None:
            has_block = call.child_by_field_name("block") is not None
            self._command(call, command, args_of(call), has_block, table, mode)

    def _command(
        self, call: Node, command: str, args: Args, has_block: bool, table: str | None, mode: str
    ) -> None:
        if command.startswith(rails_rules.SCHEMA_PREFIXES):
            self._mark_schema(call)
        if mode == "revert":
            inverse = _INVERTED_CREATES.get(command)
            if inverse is not None:
                self._destroys(call, inverse, args, table, "revert block (runs inverted on deploy)")
            return
        if mode == "change":
            refusal = rails_rules.invert_problem(command, args, has_block, table)
            if refusal is not None:
                self._irreversible(call, command, refusal)
        if mode in ("change", "up"):
            self._destroys(call, command, args, table, self.step)
            if table is None:
                self.n1.extend(
                    rails_n1.render(
                        call, command, args, table, self._previous, self.step == "change"
                    )
                )
        if mode == "up" and command == "change_column":
            self._narrows(call, args, table)

    def _narrows(self, call: Node, args: Args, table: str | None) -> None:
        issue = rails_data.narrowing(call, args, table, self._previous, self.step)
        if issue is not None:
            self.issues.append(issue)

    def _destroys(
        self, call: Node, command: str, args: Args, table: str | None, where: str
    ) -> None:
        dropped = rubynodes.display(args.positional[0]).lower() if args.positional else ""
        if command == "drop_table" and dropped in self._copied:
            # a table rebuilt in place, or merged into another: its rows were copied out
            # first (no RG203), but the previous release may still read it
            self.issues.append(moved_table(line_of(call), f"`{where}`", dropped))
            return
        self.issues.extend(rails_data.drops(call, command, args, table, where))

    def _dropper(self, call: Node, receiver: str, mode: str) -> None:
        if mode in ("change", "up"):
            self.issues.append(rails_data.dropper(call, receiver, self.step))

    def _deletes(self, call: Node, receiver: str, mode: str) -> None:
        if mode in ("change", "up"):
            self.issues.append(rails_data.deletes(call, receiver, self.step))

    def _irreversible(self, call: Node, command: str, refusal: rails_rules.Refusal) -> None:
        text = one_line(node_text(call), 70)
        target = _target(call)
        self.issues.append(
            Issue(
                "RG202",
                line_of(call),
                f"`{text}` in change {refusal.reason} on rollback",
                IRREVERSIBLE_IMPACT,
                refusal.fix,
                f"RG202:{command}:{target}",
            )
        )

    def _execute(self, call: Node, name: str, receiver: str | None, mode: str) -> None:
        args = args_of(call)
        resolved = (
            self._strings.resolve(args.positional[0], self._local) if args.positional else None
        )
        if resolved is None or sql_changes_schema(resolved[0]):
            self._mark_schema(call)
        if mode == "change" and name == "execute":
            refusal = rails_rules.invert_problem("execute", args, False, None)
            if refusal is not None and resolved is not None and not sql_effective(resolved[0]):
                # `SET statement_timeout` and the like: nothing to undo, but Rails still
                # raises on rollback; the fix is to run it in both directions.
                refusal = rails_rules.Refusal(
                    refusal.reason,
                    "it changes nothing that needs undoing: run it in both directions with "
                    "`reversible do |dir| dir.up { execute ... }; dir.down { execute ... } end`",
                )
            if refusal is not None and receiver not in (None, "self", "connection"):
                # `ActiveRecord::Base.connection.execute` bypasses the CommandRecorder.
                refusal = rails_rules.Refusal(
                    "runs raw SQL past the CommandRecorder, which runs it again instead of "
                    "undoing it",
                    refusal.fix,
                )
            if refusal is not None:
                self._irreversible(call, "execute", refusal)
        if resolved is not None and mode in ("change", "up"):
            text, first = resolved
            self._copied |= copied_tables(text)
            # SQL bound elsewhere (variable, constant) is reported where it is executed.
            inside = call.start_point[0] < first <= call.end_point[0] + 1
            at_line = None if inside else line_of(call)
            self.issues.extend(
                sql_destruction(
                    text, first, self.step, rails_data.DESTROY_IMPACT, at_line, self._previous
                )
            )
            for s in sql.split_statements(text):
                line = at_line if at_line is not None else first + s.line - 1
                self.n1.append(replace(s, line=line))


_COLUMNS = rails_n1.COLUMN_TYPES
# the values a local variable is read as where a call names it
_LITERALS = frozenset(
    {"simple_symbol", "string", "delimited_symbol", "bare_string", "bare_symbol", *rubynodes.ARRAYS}
)
_MAX_ROUNDS = 64  # elements of a literal list a loop is unrolled over


def _with_type(args: Args, call: Node) -> Args:
    """``t.string :a, null: false`` read as ``add_column``'s arguments ``:a, :string``."""
    from rollback_gate.migrations.dsl.rubynodes import Args as _Args

    method = call.child_by_field_name("method")
    positional = list(args.positional[:1]) + ([method] if method is not None else [])
    return _Args(positional, dict(args.keywords), args.splat, list(args.splats))


def refusal_in(body: Node | None) -> Node | None:
    """The unconditional ``raise``/``fail`` statement of a body, if there is one."""
    if body is None:
        return None
    for child in rubynodes.statements(body):
        if child.type == "identifier" and node_text(child) in ("raise", "fail"):
            return child
        if (
            child.type == "call"
            and call_name(child) in ("raise", "fail")
            and child.child_by_field_name("receiver") is None
        ):
            return child
    return None


def _forward(mode: str) -> str:
    # Code that runs on deploy only: forward, but not recorded for inversion.
    return "down" if mode == "down" else "up"


def _target(call: Node) -> str:
    args = args_of(call)
    names = [rubynodes.display(p) for p in args.positional[:2]]
    return ".".join(names) if names else call_name(call)
