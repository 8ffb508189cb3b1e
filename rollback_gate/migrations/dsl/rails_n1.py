"""Rails recorder commands as the SQL they amount to, for the N−1 judgement (RG220-RG224).

:func:`render` turns one command that runs on deploy (``change``/``up``) into statements
that :func:`rollback_gate.migrations.sqlengine.compat.breaks` reads: ``add_column … null:
false`` without ``default:`` becomes ``ADD COLUMN … NOT NULL``; ``change_column_null …,
false`` a ``SET NOT NULL``; ``change_column`` restates the column (judged only against the
type the ``down`` step restores); ``rename_column``/``rename_table`` renames;
``add_index … unique: true``, ``add_foreign_key`` (``validate: false`` is ``NOT VALID``),
``add_check_constraint`` and ``add_unique_constraint`` constraints. ``add_timestamps`` counts
as NOT NULL only with an explicit ``null: false`` (its default changed across Rails
versions). :func:`issues` judges a step and words the fixes the Rails way.
"""

from __future__ import annotations

from collections.abc import Mapping

from rollback_gate import lazyre
from rollback_gate.migrations.base import IRREGULAR_PLURALS
from rollback_gate.migrations.dsl.common import Issue
from rollback_gate.migrations.dsl.rails_data import (
    INDEX,
    index_columns,
    unquoted,
    using_clause,
    written_type,
)
from rollback_gate.migrations.dsl.rubynodes import ARRAYS, Args, Node, display, symbol_name
from rollback_gate.migrations.sqlengine import compat, wording
from rollback_gate.migrations.sqlengine.loss import NULLABLE
from rollback_gate.migrations.sqlengine.model import Statement, Words
from rollback_gate.migrations.sqlengine.steps import quote, rendered
from rollback_gate.migrations.sqlengine.steps import synthetic as scanned
from rollback_gate.migrations.treesitter import line_of, node_text

RAILS_WORDS = Words(
    rename_column=(
        "expand/contract: `add_column :{t}, :{new}, …` in this release, write both columns and "
        'backfill; read {new} in the next release with `self.ignored_columns += ["{c}"]` in '
        "the model; `remove_column :{t}, :{c}` in a later one"
    ),
    rename_table=(
        "expand/contract: `create_table :{new}` in this release, write both tables and "
        "backfill, switch reads in the next release, `drop_table :{t}` in a later one"
    ),
    add_required=(
        "`add_column :{t}, :{c}, …, null: false, default: …`, or add it nullable, backfill, and "
        "`change_column_null :{t}, :{c}, false` in a later release once every running version "
        "writes it"
    ),
    set_required=(
        "ship the code that always writes {c} first; backfill NULLs and `change_column_null "
        ":{t}, :{c}, false` in a later release, or give it a default (`change_column_default`)"
    ),
    type_change=(
        "expand/contract: `add_column :{t}, :{c}_new, …` in this release, write both and "
        'backfill, switch reads in the next release (`self.ignored_columns += ["{c}"]`), '
        "`remove_column :{t}, :{c}` in a later one; or change only to a wider type"
    ),
    constraint=(
        "ship the code that never violates the {what} first; add it in a later release "
        "(`add_foreign_key …, validate: false` / `add_check_constraint …, validate: false`, "
        "then `validate_foreign_key` / `validate_check_constraint`)"
    ),
)

TABLE_COMMANDS = {
    "index": "add_index",
    "references": "add_reference",
    "belongs_to": "add_reference",
    "foreign_key": "add_foreign_key",
    "check_constraint": "add_check_constraint",
    "unique_constraint": "add_unique_constraint",
    "timestamps": "add_timestamps",
    "rename": "rename_column",
    "change": "change_column",
    "change_null": "change_column_null",
    "change_default": "change_column_default",
    "remove_index": "remove_index",
    "remove_foreign_key": "remove_foreign_key",
    "remove": "remove_columns",
}
"""``change_table`` block methods (``t.index``) → the recorder command they stand for."""

COLUMN_TYPES = frozenset(
    {"string", "text", "integer", "bigint", "float", "decimal", "numeric", "datetime",
     "timestamp", "timestamptz", "time", "date", "binary", "boolean", "json", "jsonb", "uuid",
     "inet", "citext", "hstore", "enum", "virtual", "column"}
)  # fmt: skip
"""``change_table`` column methods (``t.string :name``): each adds a column."""


def _false(node: Node | None) -> bool:
    return node is not None and node_text(node) == "false"


def synthetic(text: str, line: int) -> Statement:
    """The statement a call amounts to: rendered as its own skeleton, or scanned where it
    holds a string literal other than ``''`` (a default's or a CHECK's value)."""
    return scanned(text, line) if _VALUE.search(text) else rendered(text, line)


_VALUE = lazyre.compile(r"'(?:[^']|'')+'")


def _has_default(args: Args) -> bool:
    value = args.keywords.get("default")
    return (value is not None and node_text(value) != "nil") or "default_function" in args.keywords


def _default(args: Args, typ: str = "") -> str:
    """The default as SQL when it is a boolean, a number or a plain string (a partial
    index's condition or a CHECK is judged against it), else ``''``. On a ``uuid`` column
    a string that calls a function, ``default: "gen_random_uuid()"``, is that call: Rails'
    PostgreSQL adapter writes it unquoted (local-links-manager's ``content_id``, each row
    its own: round AS)."""
    value = args.keywords.get("default")
    if value is not None and value.type in ("true", "false", "integer", "float"):
        return node_text(value)
    if value is not None and (expr := _computed(value)):
        return expr
    if value is not None and value.type == "string" and typ.startswith("uuid"):
        called = unquoted(value)
        if _FUNCTION_CALL.fullmatch(called):
            return called
    if (
        value is not None
        and value.type == "string"
        and not any(c.type != "string_content" for c in value.named_children)
    ):
        # the string itself (not interpolated): a CHECK or a partial key is judged against
        # the value the previous release's rows get (npq-registration's api_tokens.scope)
        return "'" + unquoted(value).replace("'", "''") + "'"
    return "''"


_FUNCTION_CALL = lazyre.compile(r"\w+\(\)")


def _computed(node: Node) -> str:
    """The SQL of a default computed by the database: ``-> { "gen_random_uuid()" }``, or
    schema_plus' ``{ expr: 'md5(random()::text)' }`` (catarse, round P), else ""."""
    if node.type == "lambda":
        strings = [c for c in _descendants(node) if c.type == "string"]
        return unquoted(strings[0]) if len(strings) == 1 else ""
    if node.type == "hash":
        for pair in node.named_children:
            key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
            named = key is not None and node_text(key).strip(":") in ("expr", "expression")
            if named and value is not None and value.type == "string":
                return unquoted(value)
    return ""


def _descendants(node: Node) -> list[Node]:
    out, todo = [], list(node.named_children)
    while todo:
        child = todo.pop()
        out.append(child)
        todo.extend(child.named_children)
    return out


def _type(node: Node | None, args: Args) -> str:
    if node is None:
        return "other"
    return written_type(node, args.keywords) or symbol_name(node) or "other"


_REMOVED = frozenset(
    {"remove_index", "remove_foreign_key", "remove_check_constraint", "remove_unique_constraint"}
)


def render(
    call: Node,
    command: str,
    args: Args,
    table: str | None,
    previous: Mapping[str, str],
    reversible: bool = False,
) -> list[Statement]:
    """The statements ``command`` (a recorder command, run forward) amounts to.
    ``previous``: what the down step says of the columns before (:func:`column_types`);
    ``reversible``: in a ``change`` method, whose calls say how to undo them."""
    pos = list(args.positional)
    t_name = table or (display(pos.pop(0)) if pos else "?")
    if t_name == "?" or (not pos and command not in _NO_ARGS):
        return []
    t, line = quote(t_name), line_of(call)
    if command == "validate_check_constraint":  # strong_migrations' NOT NULL, step two
        name = args.keywords.get("name") or (pos[0] if pos else None)
        if name is None:
            return []
        return [synthetic(f"ALTER TABLE {t} VALIDATE CONSTRAINT {quote(display(name))}", line)]
    if command == "create_table":
        return [synthetic(f"CREATE TABLE {t} (id integer)", line)]
    if command in ("add_column", "add_reference", "add_belongs_to", "add_timestamps"):
        if command == "add_timestamps":
            names = ["created_at", "updated_at"] if _false(args.keywords.get("null")) else []
        elif command == "add_column":
            names = [display(pos[0])]
        else:
            names = [f"{display(pos[0])}_id"]
        if command == "add_column":
            typ = _type(pos[1] if len(pos) > 1 else None, args)
        elif command == "add_timestamps":
            typ = "x"
        else:  # a reference's column: bigint since Rails 5.1, or the `type:` it is given
            given = args.keywords.get("type")
            typ = (symbol_name(given) if given is not None else None) or "bigint"
        typ += " NOT NULL" if _false(args.keywords.get("null")) else ""
        typ += f" DEFAULT {_default(args, typ)}" if _has_default(args) else ""
        return [synthetic(f"ALTER TABLE {t} ADD COLUMN {quote(n)} {typ}", line) for n in names]
    c = quote(display(pos[0])) if pos else '"?"'
    if command == "change_column" and len(pos) > 1:
        # NOT NULL restated: a change where this up step added the column nullable
        # (alaveteli: add_column, backfill, change_column … null: false), judged there
        required = " NOT NULL" if _false(args.keywords.get("null")) else ""
        # … and the default it gives: a column the release added, which the previous
        # release never writes, gets it (supermarket's `readme`, `null: false, default:
        # ''`, round AV)
        typ = _type(pos[1], args)
        given = f" DEFAULT {_default(args, typ)}" if _has_default(args) else ""
        out = [synthetic(f"ALTER TABLE {t} MODIFY {c} {typ}{required}{given}", line)]
        if using := using_clause(pos[1]):
            # a conversion PostgreSQL runs: the type changes, whatever the down step shows
            # (classroom's `'integer USING CAST(uid AS integer)'`, round BH: two misses)
            out = [synthetic(f"ALTER TABLE {t} ALTER COLUMN {c} TYPE {typ} USING {using}", line)]
        # `null: false` restates as often as it changes: a change when the down step puts
        # `null: true` back (diaspora 20201130142541).
        if _false(args.keywords.get("null")) and (
            f"{t_name}.{display(pos[0])}{NULLABLE}" in previous
        ):
            out.append(synthetic(f"ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL", line))
        return out
    if command == "change_column_null" and len(pos) > 1 and _false(pos[1]):
        return [synthetic(f"ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL", line)]
    if command == "change_column_null" and len(pos) > 1 and node_text(pos[1]) == "true":
        # freed: the previous release's rows hold a value there (a partial index `WHERE c
        # IS NULL` drawn next holds none of them: identity-idp, round AO)
        return [synthetic(f"ALTER TABLE {t} ALTER COLUMN {c} DROP NOT NULL", line)]
    if command == "change_column_default":
        # `to: nil` (or a plain `nil`) takes the default away: one the step gave a new
        # column only filled the rows there were (laa-court-data-adaptor, round BM: a miss)
        to = args.keywords.get("to") if "to" in args.keywords else (pos[1:2] or [None])[0]
        if to is not None and node_text(to) == "nil":
            return [synthetic(f"ALTER TABLE {t} ALTER COLUMN {c} DROP DEFAULT", line)]
        return [synthetic(f"ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT ''", line)]
    if command == "rename_column" and len(pos) > 1:
        return [synthetic(f"ALTER TABLE {t} RENAME COLUMN {c} TO {quote(display(pos[1]))}", line)]
    if command == "remove_columns":
        # `t.remove :a, :b` in a `change_table` block (register-early-career-teachers'
        # roles, each added again NOT NULL under its name: round CG)
        return [synthetic(f"ALTER TABLE {t} DROP COLUMN {quote(display(p))}", line) for p in pos]
    if command in ("remove_column", "remove_reference", "remove_belongs_to"):
        # a column dropped and added again is still written by the previous release
        # (exercism, round K: `remove_column :t, :user_id`, `add_reference :t, :user`)
        name = display(pos[0]) + ("_id" if command != "remove_column" else "")
        return [synthetic(f"ALTER TABLE {t} DROP COLUMN {quote(name)}", line)]
    if command == "rename_table":
        return [synthetic(f"ALTER TABLE {t} RENAME TO {c}", line)]
    if command == "add_index" and node_text(args.keywords.get("unique") or call) == "true":
        where = args.keywords.get("where")
        condition = _expression(where) if where is not None else "x"
        # a partial index's condition, read as SQL's (spree, round L: `where: '"default" =
        # TRUE'` over a column the step adds with `default: false`)
        partial = f" WHERE {condition}" if condition != "x" else ""
        return [synthetic(f"CREATE UNIQUE INDEX ON {t} ({_names(pos[0])}){partial}", line)]
    not_valid = " NOT VALID" if _false(args.keywords.get("validate")) else ""
    if command == "remove_index" and _plain_index(args, pos, t_name, previous, reversible):
        return []  # not a key: a unique index added next is a new one (otwarchive, round J)
    if command in _REMOVED:  # a later add of the same kind is a replacement
        named = args.keywords.get("name") if command == "remove_check_constraint" else None
        name = f" {quote(display(named))}" if named is not None else ""
        # (an index is no CHECK: a CHECK added next is no replacement of it)
        what = "INDEX" if command == "remove_index" else "CONSTRAINT"
        return [synthetic(f"ALTER TABLE {t} DROP {what}{name}", line)]
    if command == "add_foreign_key":
        column = args.keywords.get("column")
        cols = _names(column) if column is not None else quote(_singular(display(pos[0])) + "_id")
        # (the table it references: a key the step drops and draws again to another
        # table is a new one, foreman's ptables → templates, round AO)
        what = f"FOREIGN KEY ({cols}) REFERENCES {quote(display(pos[0])) if pos else 'y'}"
    elif command == "add_unique_constraint":
        what = f"UNIQUE ({_names(pos[0])})"
    elif command == "add_check_constraint":
        what = f"CHECK ({_expression(pos[0] if pos else None)})"
    else:
        return []
    named = args.keywords.get("name")
    constraint = f"CONSTRAINT {quote(display(named))} " if named is not None else ""
    return [synthetic(f"ALTER TABLE {t} ADD {constraint}{what}{not_valid}", line)]


def _plain_index(
    args: Args, pos: list[Node], table: str, previous: Mapping[str, str], reversible: bool
) -> bool:
    """True when the index ``remove_index`` drops is known not to be unique: the down step
    adds it back without ``unique: true`` (:data:`rails_data.INDEX`), or, in a ``change``
    method, the call names its columns without ``unique: true``, so that rolling back
    makes a plain index (otwarchive 20181222042042, round J: ``remove_index :users,
    :confirmation_token`` then ``add_index … unique: true``)."""
    unique, name = args.keywords.get("unique"), args.keywords.get("name")
    if (unique is not None and node_text(unique) == "true") or "uniq" in display(name).lower():
        return False
    columns = pos[0] if pos else args.keywords.get("column")
    for said in (columns and index_columns(columns), name and display(name)):
        if said and (known := previous.get(f"{table}{INDEX}{said}")) is not None:
            return known == "False"
    return reversible and columns is not None


def _expression(node: Node | None) -> str:
    """A CHECK's SQL when it is a plain string literal (``"a <= 28"``), else ``x``: the
    judgement reads which columns it names."""
    if node is None or node.type != "string":
        return "x"
    parts = [c for c in node.named_children if c.type != "string_content"]
    text = node_text(node)[1:-1]
    if parts or not text or "\n" in text:
        return "x"  # interpolated, escaped or multi-line: not read
    # (its literals kept: the statement is scanned, and a CHECK's values are compared with
    # a new column's default, npq-registration's `scope = 'lead_provider'`, round AZ)
    return text


def _names(node: Node) -> str:
    """``:a`` / ``[:a, :b]`` as a SQL column list (``x`` for an expression)."""
    items = node.named_children if node.type in ARRAYS else [node]
    names = [symbol_name(i) for i in items]
    return ", ".join(quote(n) for n in names if n) if all(names) else "x"


def _singular(table: str) -> str:
    """Rails' default foreign key column stem for ``to_table`` (``customers`` → ``customer``,
    ``people`` → ``person``: pet-rescue's ``add_foreign_key :matches, :people`` is over
    ``person_id``, which its release added: round BY)."""
    head, sep, last = table.rpartition("_")
    if last in IRREGULAR_PLURALS:
        return head + sep + IRREGULAR_PLURALS[last]
    if last in _UNCOUNTABLE:  # (annict's `add_foreign_key :characters, :series`, round CJ)
        return table
    if table.endswith("ies"):
        return table[:-3] + "y"
    if table.endswith(("sses", "xes", "ches", "shes", "statuses", "aliases", "buses")):
        return table[:-2]  # (`:statuses` is over `status_id`, not `statuse_id`)
    return table[:-1] if table.endswith("s") and not table.endswith("ss") else table


# ActiveSupport's uncountable words (its inflections), whose singular is themselves
_UNCOUNTABLE = frozenset({"equipment", "information", "rice", "money", "species", "series",
                          "fish", "sheep", "jeans", "police", "news"})  # fmt: skip


_NO_ARGS = frozenset({"create_table", "add_timestamps", "validate_check_constraint", *_REMOVED})


def issues(statements: list[Statement], old_types: dict[str, str], step: str) -> list[Issue]:
    """RG220-RG224 issues for a step's statements, the fixes in Rails words."""
    out: list[Issue] = []
    for b in compat.breaks(statements, old_types=old_types):
        f = wording.finding(b, "", f"`{step}`", RAILS_WORDS)
        out.append(Issue(f.rule, b.line, f.message, f.impact, f.fix, f.key))
    return out
