"""How one Django migration's ``operations`` are read: the :class:`Reader`.

Kept apart from :mod:`rollback_gate.migrations.python.django` (discovery and the framework
object) the way :mod:`.alembic_ops` is from :mod:`.alembic`. The reader resolves the
``operations`` value statically (lists, ``+``, names, class attributes, local helper
functions), then hands each operation to an ``op_<Name>`` method that records findings.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
from collections.abc import Iterator

from rollback_gate.migrations import release
from rollback_gate.migrations.base import Source
from rollback_gate.migrations.python import django_n1, django_state, pyast
from rollback_gate.migrations.python import findings as pyfindings
from rollback_gate.migrations.python.alembic_ops import DATA_KINDS, operations
from rollback_gate.migrations.sqlengine import compat, sql, wording
from rollback_gate.migrations.sqlengine.coltypes import narrows, same, widens
from rollback_gate.migrations.sqlengine.kinds import data_only
from rollback_gate.models import Finding, Severity

_Funcs = dict[str, ast.FunctionDef | ast.AsyncFunctionDef]


def class_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The class body's statements, including those under ``if``/``try`` (not in methods)."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, (ast.If, ast.Try)):
            yield from class_statements(stmt.body + stmt.orelse)
            if isinstance(stmt, ast.Try):
                for handler in stmt.handlers:
                    yield from class_statements(handler.body)


class Reader:
    """Reads one migration's operations; collects findings while it goes."""

    def __init__(self, path: str, tree: ast.Module, text: str, source: Source) -> None:
        self.path = path
        self.text, self.source = text, source
        self.verdicts: dict[str, bool] = {}  # model → tableless, from this file's operations
        self.fields: dict[str, str] = {}  # model.field → type, from this file's operations
        self.names = pyast.module_names(tree)
        self.funcs: _Funcs = pyast.functions(tree.body)
        self.created: set[str] = set()  # "model" and "model.field" made by this migration
        self.earlier: set[str] = set()  # … by an earlier migration of the release (N−1 only)
        self.unwritten: set[str] = set()  # "model.field" added here, never written before
        # … and of those, the literal default each was given, "model.field=<repr>" (None
        # for none), for the later migrations of the release
        self.unwritten_values: set[str] = set()
        self.unkeyed: set[str] = set()  # models that lost a constraint, index or unique=True
        self.seeded_unkeyed: set[str] = set()  # … of those, the ones an earlier migration's
        # The unique keys this migration took off each model (unique_key's form; None:
        # one not known), to tell a key drawn again from a stricter one
        self.unkeys: dict[str, list[str | None]] = {}
        self.keyed: dict[str, Finding] = {}  # "model.field" made unique here → its RG224
        # A column swapped by hand: "model.field" → its AddField and the findings it got,
        # the fields removed, and the findings of a RenameField by the name it renamed
        self.added_fields: dict[str, tuple[ast.Call, list[Finding]]] = {}
        self.removed: dict[str, str | None] = {}  # → its type if this migration set it
        self.renamed_away: dict[str, tuple[list[Finding], str]] = {}  # → (findings, new name)
        self.renamed_to: dict[str, tuple[list[Finding], str]] = {}  # new → (findings, old)
        self.retabled: set[str] = set()  # models whose table this migration renamed
        self.models_renamed: dict[str, str] = {}  # a model RenameModel named → its old name
        self.gone: set[str] = set()  # "model.field" removed here or earlier in the release
        # … of those, the ones known to have been a plain column (no relation's `_id`),
        # and those that had no column (a ManyToManyField's rows are its join table's)
        self.gone_plain: set[str] = set()
        self.gone_columnless: set[str] = set()
        self.gone_typed: set[str] = set()  # "model.field\ttype" of a plain field removed
        self.gone_keys: set[str] = set()  # "model.field\tto:model.key" of a relation removed
        # "model.name\tcheck" of a CHECK removed, as it was (a later migration of the release
        # may draw it again: digital-workspace-v2's manager_cannot_be_self, round CN)
        self.unchecked: set[str] = set()
        self.fresh_nullable: set[str] = set()  # "model.field" the release added nullable
        self.seeded_nullable: set[str] = set()  # … as the earlier migrations left it
        self.relaxed: set[str] = set()  # "table.column" an AlterField made nullable
        # "table.column" removed, "table.*" of a model deleted; and those a field or model
        # added or renamed into makes (a later migration's undone NOT NULL: see release)
        self.dropped: set[str] = set()
        self.made: set[str] = set()
        self.data = False  # a RunPython that is not a no-op: rows change while it runs
        self.retyped: dict[str, tuple[str, str]] = {}  # "table.column": (old, new) types
        self.findings: list[Finding] = []
        self.opaque: list[ast.expr] = []  # parts of `operations` that cannot be read
        # Forward SQL of every RunSQL, judged together (a table copied out by one RunSQL
        # and dropped by the next is no loss).
        self.statements: list[sql.Statement] = []
        self.reverse_types: dict[str, str] = {}  # what the RunSQLs' reverse_sql restores

    def seed(self, before: release.Facts) -> None:
        """Start from what the earlier migrations of this app in the release made or
        re-keyed (:mod:`.release`): for the N−1 rules only, not for data loss."""
        for word in before.django:
            folder, _, rest = word.partition("\0")
            if folder != self.folder:
                continue
            kind, _, name = rest.partition(":")
            self._carried(self.earlier)[kind].add(name)
        self.seeded_nullable = set(self.fresh_nullable)
        self.seeded_unkeyed = set(self.unkeyed)

    def settled(self) -> set[str]:
        """What the release carried that this migration made untrue: a field an earlier
        migration added nullable that this one made NOT NULL (its RG222 is this one's; a
        later AlterField that restates it is none: muckrock's ``uuid``, round AS)."""
        done = self.seeded_nullable - self.fresh_nullable
        return {f"{self.folder}\0fresh_nullable:{name}" for name in done}

    def learnt(self) -> set[str]:
        """What this migration made or re-keyed, for the later ones of the release."""
        kinds = self._carried(self.created).items()
        return {f"{self.folder}\0{kind}:{name}" for kind, names in kinds for name in names}

    def _carried(self, made: set[str]) -> dict[str, set[str]]:
        """The sets a release carries from one migration to the next, by kind: what was
        ``made`` goes out from ``created`` and comes in as ``earlier`` (N−1 only)."""
        return {"made": made, "unwritten": self.unwritten, "unkeyed": self.unkeyed,
                "unwritten_values": self.unwritten_values,
                "retabled": self.retabled, "gone": self.gone, "gone_plain": self.gone_plain,
                "gone_columnless": self.gone_columnless, "gone_typed": self.gone_typed,
                "gone_keys": self.gone_keys, "fresh_nullable": self.fresh_nullable,
                "unchecked": self.unchecked}  # fmt: skip

    @property
    def folder(self) -> str:
        """The app's migrations folder (one app's models share it)."""
        return self.path.rpartition("/")[0]

    def destroyed(self) -> None:
        """Add RG203 (and RG220-RG224) for the statements among all forward RunSQL."""
        # (and the models an earlier migration of the release made: pythondotorg's RunSQL
        # singleton index on the table 0077 of its release creates, round AI)
        made = self.created | self.earlier
        fresh_tables = {f"{self.app}_{c}" for c in made} if self.statements else set()
        # the fields an earlier migration of the release added nullable: the previous
        # release leaves them NULL, so a RunSQL unique index over one rejects nothing it
        # writes (saleor's raw CREATE UNIQUE INDEX CONCURRENTLY over the AddField of the
        # migration before, round R); not this migration's, whose RunSQL may come first
        # (awx's rename-away before the AddField that swaps the column in)
        fresh_columns = {
            f"{self.app}_{model}.{column}": False
            for key in (self.fresh_nullable - self.created if self.statements else ())
            for model, _, field in (key.partition("."),)
            for column in (field, f"{field}_id")
        }
        found = compat.breaks(
            self.statements,
            old_types=self.reverse_types,
            created=fresh_tables,
            added=fresh_columns,
        )
        for b in found:
            if b.kind == "rename_column" and self._swapped_in(b.table, b.column, b.line, b.new):
                continue
            if b.kind == "constraint" and "unique" in b.what.lower() and self._unkeyed(b.table):
                continue  # a key re-drawn where the model lost one (tock's 0045 and 0046)
            if b.kind == "type_change" and not b.old:
                b = dataclasses.replace(b, old=self._model_type(b.table, b.column))
                if b.old and (same(b.old, b.new) or widens(b.old, b.new)):
                    continue
            self.findings.append(wording.finding(b, self.path, "RunSQL", wording.SQL_WORDS))
        for bad in sql.destructive(self.statements, previous_types=self.reverse_types):
            table = bad.target.rsplit(".", 1)[0] if bad.kind == "drop_column" else bad.target
            fresh = {f"{self.app}_{c}" for c in self.created}
            if bad.target in fresh or table in fresh:
                continue
            detail = "SQL: " + " ".join(bad.text.split())[:60]
            self.findings.append(
                pyfindings.destroys(self.path, bad.line, bad.kind, bad.target, "RunSQL", detail)
            )

    def _unkeyed(self, table: str) -> bool:
        """Whether the model Django names ``table`` (``<app>_<model>``) lost a constraint,
        an index or ``unique=True`` in this migration or an earlier one of its release: a
        unique key a RunSQL draws on it is one re-drawn, usually loosened, as an
        ``AddConstraint`` would be (tock: ``unique_together`` removed by 0045, drawn again
        DEFERRABLE by 0046's RunSQL, one pull request: round BD)."""
        name = table.lower().rpartition(".")[2]
        model = name.removeprefix(f"{self.app.lower()}_")
        return model != name and model in self.unkeyed

    def _model_type(self, table: str, column: str) -> str:
        """The type the app's model gave ``table.column`` before this migration, where the
        table is the model's by Django's naming (``<app>_<model>``): a RunSQL's ``ALTER
        COLUMN … TYPE`` shows only the new one (seed's ``extra_data`` made ``jsonb``, a
        ``JSONField`` already: round AZ). ``""`` where it is not known."""
        model = table.lower().removeprefix(f"{self.app.lower()}_")
        if model == table.lower():
            return ""
        before: dict[str, str] = {}  # not this migration's fields: its state_operations
        # say what the RunSQL made (studio's extra_fields, round AO)
        for name in (column, column.removesuffix("_id")):
            args = (model, name, before, self.text, self.path, self.source)
            if found := django_state.previous_type(*args):
                return found
        return ""

    def _swapped_in(self, table: str, column: str, line: int, renamed_to: str) -> bool:
        """Whether an ``AddField`` after ``line`` makes the column a ``RunSQL`` renamed
        away (awx 0185, round P: ``RENAME deleted_actor TO deleted_actor_old``, then
        ``AddField deleted_actor``): a swap, judged as a type change (RG223)."""
        for key, (add, _) in self.added_fields.items():
            model, _, name = key.partition(".")
            if add.lineno < line or f"{self.app}_{model}".lower() != table.lower():
                continue
            field = pyast.arg(add, 2, "field")
            if django_n1.column_of(name, field).lower() != column.lower():
                continue
            known = django_state.without_field(self.fields, key)
            args = (model, name, known, self.text, self.path, self.source)
            note = f"renamed to {renamed_to} and added again"
            django_n1.swapped(self, add, model, name, django_state.previous_type(*args), note)
            return True
        return False

    def resolve(self, node: ast.expr | None, depth: int = 0) -> list[ast.expr]:
        """The operation expressions of an ``operations`` value.

        Parts that cannot be read statically (an imported function's result) are kept in
        ``opaque`` for an RG205; the readable parts are still analysed.
        """
        if node is None:
            return []
        if depth > 10:
            self.opaque.append(node)
            return []
        if isinstance(node, (ast.List, ast.Tuple)):
            out: list[ast.expr] = []
            for elt in node.elts:
                out += self.resolve(elt.value, depth + 1) if isinstance(elt, ast.Starred) else [elt]
            return out
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self.resolve(node.left, depth + 1) + self.resolve(node.right, depth + 1)
        if isinstance(node, ast.Name) and node.id in self.names:
            return self.resolve(self.names[node.id], depth + 1)
        if isinstance(node, ast.ListComp):
            return [node.elt]  # the same operation per item: read it once
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in self.funcs:
                return self.returned(self.funcs[func.id], depth)
            if pyast.last_name(func) in ("list", "tuple") and len(node.args) == 1:
                return self.resolve(node.args[0], depth + 1)
        self.opaque.append(node)
        return []

    def returned(self, func: ast.FunctionDef | ast.AsyncFunctionDef, depth: int) -> list[ast.expr]:
        """The operations a local helper returns (its local ``ops = [...]`` are followed)."""
        saved = self.names
        self.names = {**saved, **pyast.module_names(ast.Module(body=func.body, type_ignores=[]))}
        try:
            returns = [r.value for r in ast.walk(func) if isinstance(r, ast.Return)]
            return [op for v in returns if v is not None for op in self.resolve(v, depth + 1)]
        finally:
            self.names = saved

    def operation(self, node: ast.expr) -> None:
        if isinstance(node, ast.Name) and node.id in self.names:
            node = self.names[node.id]
        if isinstance(node, ast.IfExp):
            self.operation(node.body)
            self.operation(node.orelse)
            return
        if not isinstance(node, ast.Call):
            return
        kind = pyast.last_name(node.func)
        handler = getattr(self, f"op_{kind}", None)
        if handler is not None:
            handler(node)
        django_state.record(node, self.verdicts, self.fields)

    def _str(self, call: ast.Call, pos: int, kw: str) -> str:
        return pyast.const_str(pyast.arg(call, pos, kw), self.names) or "?"

    @functools.cached_property
    def app(self) -> str:
        """The app label; looked up only when a finding needs it."""
        return django_state.app_label(self.text, self.path, self.source)

    def tableless(self, model: str, call: ast.Call) -> bool:
        """True for an unmanaged or proxy model: no table of its own to lose."""
        return django_state.tableless(model, self.verdicts, self.text, self.path, self.source)

    def op_CreateModel(self, call: ast.Call) -> None:
        self.created.add(self._str(call, 0, "name").lower())
        self._made(self._str(call, 0, "name"), "*")

    def op_AddField(self, call: ast.Call) -> None:
        before = len(self.findings)
        django_n1.add_field(self, call)
        model, field = self._str(call, 0, "model_name").lower(), self._str(call, 1, "name")
        key = f"{model}.{field}"
        self._made(model, field, django_n1.column_of(field, pyast.arg(call, 2, "field")))
        self._readded(model, field, call, before)
        self.added_fields[key] = (call, self.findings[before:])
        away = self.renamed_away.pop(key, None)
        if away is None:
            self._column_swapped_in(model, field, call)
        if away is not None:
            name = self._str(call, 0, "model_name")
            known = django_state.without_field(self.fields, key)
            args = (name, field, known, self.text, self.path, self.source)
            was = "relation" in django_state.previous_meta(*args).split(",")
            if django_n1.relation(pyast.arg(call, 2, "field")) == was:
                # RenameField c → c_old, then AddField c: the column the previous release
                # uses is there again, as in SQL's rename-and-add swap (bookwyrm 0101,
                # round K), judged as a type change; not when one of the two is a relation
                # and the other not: c_id is another column than c (plane 0067, taiga 0003)
                found, renamed_to = away
                for f in found:
                    self.findings.remove(f)
                note = f"renamed to {renamed_to} and added again"
                django_n1.swapped(self, call, name, field, django_state.previous_type(*args), note)
        self.created.add(key)

    def _column_swapped_in(self, model: str, field: str, call: ast.Call) -> None:
        """RenameField of a plain field ``x_id`` away, then AddField of a ``ForeignKey``
        ``x``, whose column is ``x_id`` again (or the other way round): the column the
        previous release uses is there again, a swap as when the names are the same
        (etools' last_mile 0008, ``origin_transfer_id`` made ``origin_transfer_id_temp``,
        then ``origin_transfer``, filled by RunPython: round BH)."""
        column = django_n1.column_of(field, pyast.arg(call, 2, "field")).lower()
        name_as = self._str(call, 0, "model_name")
        for key in [k for k in self.renamed_away if k.startswith(f"{model}.")]:
            name = key.partition(".")[2]
            args = (name_as, name, self.fields, self.text, self.path, self.source)
            meta = django_state.previous_meta(*args).split(",")
            was = f"{name}_id" if "relation" in meta else name
            if "db_column" in meta or was.lower() != column:
                continue
            found, renamed_to = self.renamed_away.pop(key)
            self.findings[:] = [f for f in self.findings if f not in found]
            note = f"{name} renamed to {renamed_to} and {field} added with its column"
            django_n1.swapped(self, call, name_as, field, django_state.previous_type(*args), note)
            return

    def _column_kept(self, call: ast.Call) -> None:
        """RenameField c → _c, then AlterField _c with ``db_column="c"``: the column keeps
        its name, only the Python attribute is renamed, so the rename's RG220 goes
        (open-zaak's zaken 0020, ``id``, ``bronorganisatie`` and ``identificatie``: round
        AS)."""
        model, field = self._str(call, 0, "model_name").lower(), self._str(call, 1, "name")
        renamed = self.renamed_to.get(f"{model}.{field}")
        given = pyast.arg(call, 2, "field")
        if renamed is None or not isinstance(given, ast.Call):
            return
        column = pyast.const_str(pyast.arg(given, 99, "db_column"), self.names)
        found, old = renamed
        if column is not None and column.lower() in (old.lower(), f"{old.lower()}_id"):
            for f in found:
                if f.rule == "RG220" and f in self.findings:
                    self.findings.remove(f)

    def _readded(self, model: str, field: str, call: ast.Call, before: int) -> None:
        """RemoveField of a NOT NULL field, then AddField of one whose column is the same
        (kolibri's syncqueue 0015, round AJ: the ForeignKey ``user``, column ``user_id``,
        made a UUIDField ``user_id``): the previous release writes that column on every
        INSERT, as before, so the AddField's NOT NULL is no RG222."""
        column = django_n1.column_of(field, pyast.arg(call, 2, "field")).lower()
        for removed in [k for k in self.removed if k.startswith(f"{model}.")]:
            name = removed.partition(".")[2]
            known = django_state.without_field(self.fields, removed)
            args = (model, name, known, self.text, self.path, self.source)
            meta = django_state.previous_meta(*args).split(",")
            was = f"{name}_id" if "relation" in meta else name
            if meta != [""] and "null" not in meta and "db_column" not in meta and was == column:
                for f in [f for f in self.findings[before:] if f.rule == "RG222"]:
                    self.findings.remove(f)

    def op_RenameField(self, call: ast.Call) -> None:
        model = self._str(call, 0, "model_name")
        old, new = self._str(call, 1, "old_name"), self._str(call, 2, "new_name")
        self._made(model, new)
        temp = f"{model.lower()}.{old}"
        if temp in self.created and f"{model.lower()}.{new}" in self.removed:
            # AddField c_temp, RemoveField c, RenameField c_temp → c: the column c keeps
            # its name, written by the previous release as before, with c_temp's type
            # (tabbycat 0007, round K): no RG222 for c_temp, RG223 when the type narrows
            add, found = self.added_fields.get(temp, (None, []))
            for f in found:
                if f.rule == "RG222":
                    self.findings.remove(f)
            if add is not None:
                old_type = self._removed_type(model, new)
                note = (
                    "added under another name, the old field removed and the new one renamed to it"
                )
                django_n1.swapped(self, add, model, new, old_type, note)
        elif (
            temp in self.earlier
            and f"{model.lower()}.{new}" in self.gone
            and f"{model.lower()}.{new}" not in self.earlier
        ):
            # (c itself made by an earlier migration of the release is as new to the
            # previous release as c_temp: trade-remedies' 0027-0030 added an integer
            # ``id``, removed it and renamed the UUID ``new_id`` to ``id``, round CB)
            typed = f"{model.lower()}.{new}\t"
            removed_earlier = [t[len(typed) :] for t in self.gone_typed if t.startswith(typed)]
            old_type = self._removed_type(model, new) or next(iter(removed_earlier), "")
            django_n1.swapped_from_release(self, call, model, old, new, old_type)
        elif (temp in self.created or temp in self.earlier) and (
            f"{model.lower()}.{new}_id" in self.gone
        ):
            # a plain field `x_id` removed and a ForeignKey of the release renamed to `x`,
            # whose column is `x_id` again (yournextrepresentative's officialdocument
            # post_id, a string, made the key to Post: round BJ, a miss)
            typed = f"{model.lower()}.{new}_id\t"
            removed_earlier = [t[len(typed) :] for t in self.gone_typed if t.startswith(typed)]
            old_type = self._removed_type(model, f"{new}_id") or next(iter(removed_earlier), "")
            django_n1.swapped_key(self, call, model, old, new, old_type)
        before = len(self.findings)
        django_n1.rename_field(self, call)
        self.renamed_away[f"{model.lower()}.{old}"] = (self.findings[before:], new)
        self.renamed_to[f"{model.lower()}.{new}"] = (self.findings[before:], old)
        if temp in self.created:
            self.created.add(f"{model.lower()}.{new}")

    def _removed_type(self, model: str, name: str) -> str:
        """The type of a field a RemoveField took away: as this migration set it, else
        from the history (this migration's record says removed)."""
        removed = f"{model}.{name}".lower()
        old_type = self.removed.get(f"{model.lower()}.{name}")
        if old_type is None:
            known = {k: v for k, v in self.fields.items() if k != removed}
            old_type = django_state.previous_type(
                model, name, known, self.text, self.path, self.source
            )
        return old_type

    def op_AlterField(self, call: ast.Call) -> None:
        django_n1.alter_field(self, call)
        self._column_kept(call)
        new = django_state.field_type(pyast.arg(call, 2, "field"))
        if not new or new in ("text", "double precision"):
            return  # cannot be narrower than anything it could have been
        model, field = self._str(call, 0, "model_name"), self._str(call, 1, "name")
        if model.lower() in self.created or f"{model.lower()}.{field}" in self.created:
            return  # created by this migration: no stored values yet
        old = django_state.previous_type(
            model, field, self.fields, self.text, self.path, self.source
        )
        if old and narrows(old, new) and not self.tableless(model, call):
            args = (model, field, self.fields, self.text, self.path, self.source)
            was = django_state.previous_meta(*args).split(",")
            if django_n1.enum_fits(was, pyast.arg(call, 2, "field"), new):
                return  # an enum's field: its members, all the values it holds, fit
            table = f"{self.app}_{model.lower()}"
            self.findings.append(
                pyfindings.destroys(
                    self.path,
                    call.lineno,
                    "narrow_type",
                    f"{table}.{field}",
                    "AlterField",
                    f"field {self.app}.{model}.{field} from {old} to {new}",
                )
            )

    def op_RemoveConstraint(self, call: ast.Call) -> None:
        model = self._str(call, 0, "model_name")
        self.unkeyed.add(model.lower())
        name = self._str(call, 1, "name")
        where = (self.text, self.path, self.source)
        key = django_state.previous_unique(model, name, *where, renames=self.fields)
        check = django_state.previous_check(model, name, *where, renames=self.fields)
        if not key and check:
            self.unkeys.setdefault(model.lower(), [])  # a CHECK: no key taken off
            self.unchecked.add(f"{model.lower()}.{name.lower()}\t{check}")
        else:
            self.unkeys.setdefault(model.lower(), []).append(key or None)

    def op_RenameModel(self, call: ast.Call) -> None:
        django_n1.rename_model(self, call)
        self.retabled.add(self._str(call, 1, "new_name").lower())

    def op_AlterModelTable(self, call: ast.Call) -> None:
        django_n1.alter_model_table(self, call)
        self.retabled.add(self._str(call, 0, "name").lower())

    def op_AddConstraint(self, call: ast.Call) -> None:
        django_n1.add_constraint(self, call)

    def op_AlterUniqueTogether(self, call: ast.Call) -> None:
        django_n1.alter_unique_together(self, call)

    def _made(self, model: str, *names: str) -> None:
        """Columns (``*``: the table) this migration makes, in every name they may take:
        the field's, its relation's ``_id``, its ``db_column``."""
        table = f"{self.app}_{model}".lower()
        self.made.update(f"{table}.{n}".lower() for name in names for n in (name, f"{name}_id"))

    def op_RemoveField(self, call: ast.Call) -> None:
        model, field = self._str(call, 0, "model_name"), self._str(call, 1, "name")
        removed = f"{model}.{field}".lower()
        self.removed[removed] = django_state.known_type(self.fields, removed)
        self.gone.add(f"{model.lower()}.{field}")
        earlier = any(k.startswith(f"{model.lower()}.") for k in self.earlier)
        # (or a field this migration adds, read as part of a release, may be renamed into
        # its place by a later one: django-bims' 0357 removed the CharField hydroperiod and
        # added the ForeignKey hydroperiod_link, 0358 renamed it hydroperiod, round CC)
        later = release.current() is not None and "AddField" in self.text
        typ = self._removed_type(model, field) if earlier or later else ""
        if typ:
            # a field the release added may be renamed into this one's place: whether this
            # was a plain column tells a swap from a drop (karrot's places 0045-0046), and
            # its type, a type change from one (akvo's password_policy 0003-0004, round AI)
            self.gone_plain.add(f"{model.lower()}.{field}")
            self.gone_typed.add(f"{model.lower()}.{field}\t{typ}")
        if (
            model.lower() in self.created
            or f"{model.lower()}.{field}" in self.created
            or self.tableless(model, call)
        ):
            return
        table = f"{self.app}_{model.lower()}"
        detail = f"field {self.app}.{model}.{field}"
        args = (model, field, self.fields, self.text, self.path, self.source)
        meta = django_state.previous_meta(*args).split(",")
        if "relation" in meta:
            key = django_state.target_of(meta)  # what it pointed at
            self.gone_keys.add(f"{model.lower()}.{field}\t{key}")
        if "no_column" in meta:
            self.gone_columnless.add(f"{model.lower()}.{field}")
            # a ManyToManyField has no column: its join table goes, unless a `through=`
            # model holds the rows, which this removes nothing of (bookwyrm 0231, round K)
            if "join_table" not in meta or "through" in meta or "opaque" in meta:
                return  # (a GeneratedField, a TaggableManager's rows are elsewhere)
            self.findings.append(
                pyfindings.destroys(self.path, call.lineno, "drop_table",
                                    f"{table}_{field.lower()}", "RemoveField",
                                    f"the join table of {detail}")
            )  # fmt: skip
            return
        # a ForeignKey's column is `<name>_id`: what a field renamed into the name must
        # bring back (dora-back's `typology`, a key, dropped; a CharField renamed into its
        # name makes `typology`, no `typology_id`: round BQ)
        column = f"{field}_id" if "relation" in meta and "db_column" not in meta else field
        self.dropped.add(f"{table}.{column}".lower())
        self.findings.append(
            pyfindings.destroys(
                self.path, call.lineno, "drop_column", f"{table}.{column}", "RemoveField", detail
            )
        )

    def op_DeleteModel(self, call: ast.Call) -> None:
        model = self._str(call, 0, "name")
        if model.lower() in self.created or self.tableless(model, call):
            return
        # (the table its db_table named: archivematica's AtkDIPObjectResourcePairing, round BC)
        table = django_state.model_table(
            model, self.app, self.fields, self.text, self.path, self.source
        )
        detail = f"model {self.app}.{model}"
        self.dropped.add(f"{table}.*".lower())
        # what the migration did to the table before deleting it outlives no step: rdmo's
        # placeholder field added so that MySQL and SQLite keep a column (round AY)
        self.findings = [f for f in self.findings if not _on_table(f, table.lower())]
        self.findings.append(
            pyfindings.destroys(self.path, call.lineno, "drop_table", table, "DeleteModel", detail)
        )

    def op_SeparateDatabaseAndState(self, call: ast.Call) -> None:
        for op in self.resolve(pyast.arg(call, 0, "database_operations")):
            self.operation(op)
        self._state(pyast.arg(call, 1, "state_operations"))

    def _state(self, node: ast.expr | None) -> None:
        """State operations change no table, but they define the fields later migrations
        alter: keep the model state that AlterField narrowing is judged against."""
        opaque = len(self.opaque)
        for op in self.resolve(node):
            if isinstance(op, ast.Call):
                django_state.record(op, self.verdicts, self.fields)
        del self.opaque[opaque:]  # unreadable state operations are no finding

    def op_RunPython(self, call: ast.Call) -> None:
        code = pyast.arg(call, 0, "code")
        self.data = self.data or not (isinstance(code, ast.Attribute) and code.attr == "noop")
        label = f"RunPython({ast.unparse(code) if code is not None else ''})"
        reverse = pyast.arg(call, 1, "reverse_code")
        if reverse is None or (isinstance(reverse, ast.Constant) and reverse.value is None):
            # Code defined in this file whose recognised operations all change rows (ORM
            # code, DML) is a data migration: P2 as in every framework.
            fn = self.funcs.get(code.id) if isinstance(code, ast.Name) else None
            rows = fn is not None and all(
                o.kind in DATA_KINDS for o in operations(fn.body, self.names, self.funcs)[0]
            )
            self.irreversible(
                call, label, "reverse_code", "migrations.RunPython.noop", data_only=rows
            )
        elif isinstance(reverse, ast.Name) and reverse.id in self.funcs:
            refused = pyast.refusal(self.funcs[reverse.id].body, self.funcs)
            if refused is not None:
                self.findings.append(
                    pyfindings.refuses(
                        self.path,
                        refused.lineno,
                        f"{reverse.id}()",
                        pyast.raised_text(refused),
                        "manage.py migrate",
                    )
                )
        if isinstance(code, ast.Name) and code.id in self.funcs:
            fn = self.funcs[code.id]
            for o in operations(fn.body, self.names, self.funcs)[0]:
                if o.destroys and o.detail.startswith("SQL"):
                    self.findings.append(
                        pyfindings.destroys(self.path, o.line, o.kind, o.target, label, o.detail)
                    )

    def op_RunSQL(self, call: ast.Call) -> None:
        forward = pyast.arg(call, 0, "sql")
        reverse = pyast.arg(call, 1, "reverse_sql")
        # (what the SQL did to the model, as its state_operations say: studio's text made
        # a JSONField, so a later AlterField giving it a default changes no type, round AO)
        self._state(pyast.arg(call, 2, "state_operations"))
        kinds: list[str] = []
        for text, node in self.sql_texts(forward):
            for stmt in sql.split_statements(text):
                line = pyast.text_line(node, self.names, stmt.line)
                self.statements.append(dataclasses.replace(stmt, line=line))
                kinds.append(stmt.kind)
        if reverse is None or (isinstance(reverse, ast.Constant) and reverse.value is None):
            # Only constant DML read (non-constant parts unknown): a data change, P2.
            rows = data_only(kinds) and len(self.sql_texts(forward)) > 0
            self.irreversible(
                call, "RunSQL", "reverse_sql", "migrations.RunSQL.noop", data_only=rows
            )
            return
        for text, node in self.sql_texts(reverse):
            undo = sql.split_statements(text)
            # the types it restores are the columns' before the forward SQL (varfish's
            # `TYPE bigint`, undone by `TYPE integer`, round BN)
            self.reverse_types.update(sql.column_types(undo))
            refused = sql.refusals(undo)
            if refused:
                line = pyast.text_line(node, self.names, refused[0].line)
                raised = " ".join(refused[0].text.split())[:60]
                self.findings.append(
                    pyfindings.refuses(self.path, line, "reverse_sql", raised, "manage.py migrate")
                )
                return

    def sql_texts(self, node: ast.expr | None) -> list[tuple[str, ast.expr]]:
        """Constant SQL strings of a ``RunSQL`` argument: a string, or a list/tuple of
        strings and ``(sql, params)`` pairs. Non-constant parts are skipped."""
        if node is None:
            return []
        if isinstance(node, ast.Name) and node.id in self.names:
            node = self.names[node.id]
        text = pyast.const_str(node, self.names)
        if text is not None:
            return [(text, node)]
        out: list[tuple[str, ast.expr]] = []
        if isinstance(node, (ast.List, ast.Tuple)):
            for elt in node.elts:
                if isinstance(elt, (ast.List, ast.Tuple)) and elt.elts:
                    elt = elt.elts[0]  # (sql, params)
                out += self.sql_texts(elt)
        return out

    def irreversible(
        self, call: ast.Call, label: str, missing: str, noop: str, *, data_only: bool = False
    ) -> None:
        self.findings.append(
            Finding(
                rule="RG202",
                message=f"{label} has no {missing}: Django cannot reverse it"
                + (" (a data change only)" if data_only else ""),
                severity=Severity.P2 if data_only else None,
                path=self.path,
                line=call.lineno,
                impact=f"`manage.py migrate {self.app} <previous>` stops with "
                "IrreversibleError at this migration: a rollback cannot get past it",
                fix=f"pass {missing}= with code that undoes it, or {missing}={noop} when "
                "leaving the change in place is safe",
                key=f"RG202:{label}",
            )
        )


def _on_table(f: Finding, table: str) -> bool:
    """An RG222–RG224 finding on ``table`` or one of its columns (by its key)."""
    if f.rule not in ("RG222", "RG223", "RG224"):
        return False
    target = f.key.split(":")[2] if f.key.count(":") >= 2 else ""
    return target == table or target.startswith(f"{table}.")
