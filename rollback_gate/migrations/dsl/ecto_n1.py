"""Ecto migration commands as the SQL they amount to, for the N−1 judgement (RG220-RG224).

* ``create table(:t)`` marks a new table; ``create unique_index(:t, [:a])`` (or ``index(…,
  unique: true)``) is a unique index; ``create constraint(:t, :n, check: …)`` a CHECK;
* in ``alter table(:t)``: ``add :c, type, null: false`` without ``default:`` is NOT NULL;
  ``modify`` restates the column: ``null: false`` sets NOT NULL (unless ``from:`` already
  says ``null: false``), its type is judged against ``from:`` or the ``down`` step, and a
  ``references(…)`` whose ``from:`` is not one adds a foreign key;
* ``rename table(:t), :a, to: :b`` renames a column, ``rename table(:a), to: table(:b)``
  a table.

:func:`issues` judges a step with :func:`.sqlengine.compat.breaks`, fixes in Ecto words.
"""

from __future__ import annotations

from collections.abc import Callable

from rollback_gate import lazyre
from rollback_gate.migrations.dsl import elixirnodes as ex
from rollback_gate.migrations.dsl.common import Issue
from rollback_gate.migrations.dsl.ecto_types import check_sql, sql_type
from rollback_gate.migrations.sqlengine import compat, wording
from rollback_gate.migrations.sqlengine.loss import CHECK
from rollback_gate.migrations.sqlengine.model import PLACEHOLDER, Statement, Words
from rollback_gate.migrations.sqlengine.steps import quote, rendered_raw
from rollback_gate.migrations.sqlengine.steps import rendered as synthetic
from rollback_gate.migrations.treesitter import line_of, node_text

ECTO_WORDS = Words(
    rename_column=(
        "expand/contract: `alter table(:{t}) do add :{new}, … end` in this release, write both "
        'columns and backfill (`execute "UPDATE {t} SET {new} = {c}"`); read {new} in the '
        "next release; `alter table(:{t}) do remove :{c}, … end` in a later one"
    ),
    rename_table=(
        "expand/contract: `create table(:{new})` in this release, write both tables and "
        "backfill, switch reads in the next release, `drop table(:{t})` in a later one"
    ),
    add_required=(
        "`add :{c}, …, null: false, default: …`, or add it nullable, backfill, and `modify "
        ":{c}, …, null: false, from: {{…, null: true}}` in a later release once every running "
        "version writes it"
    ),
    set_required=(
        "ship the code that always writes {c} first; backfill NULLs and `modify :{c}, …, null: "
        "false` in a later release, or give it a `default:`"
    ),
    type_change=(
        "expand/contract: `add :{c}_new, …` in this release, write both and backfill, switch "
        "reads in the next release, `remove :{c}, …` in a later one; or change only to a "
        "wider type"
    ),
    constraint=(
        "ship the code that never violates the {what} first; add it in a later release "
        "(`create constraint(…, validate: false)` or `references(…, validate: false)`, then "
        '`execute "ALTER TABLE … VALIDATE CONSTRAINT …"`)'
    ),
)


def _false(node: ex.Node | None) -> bool:
    return node is not None and node_text(node) == "false"


def _true(node: ex.Node | None) -> bool:
    return node is not None and node_text(node) == "true"


def _columns(node: ex.Node | None) -> str:
    if node is None:
        return "x"
    items = node.named_children if node.type == "list" else [node]
    names = [ex.atom_name(i) for i in items]
    if not names or not all(names):
        return "x"
    # a string item may be an expression (`"lower(handle)"`, level's key: round Z), SQL as
    # written; a name is quoted
    return ", ".join(n if _EXPRESSION.fullmatch(n) else quote(n) for n in names if n)


_EXPRESSION = lazyre.compile(r"\w+\s*\(\s*\w+\s*\)")


def render(
    call: ex.Node,
    name: str,
    args: ex.Args,
    resolve: Callable[[ex.Node], str | None] = lambda node: None,
    reversible: bool = False,
) -> list[Statement]:
    """The statements a top-level ``create``/``rename`` call amounts to; ``resolve`` gives
    the text of a CHECK held in a variable, a module attribute or a heredoc; ``reversible``:
    the call is in ``change/0``, which Ecto runs backwards on a rollback."""
    target = ex.table_of(args.positional[0]) if args.positional else None
    if target is None:
        return []
    kind, table = target
    line, t = line_of(call), quote(table)
    inner = args.positional[0]
    iargs = ex.args_of(inner)
    if name in ("drop", "drop_if_exists") and kind == "index":
        if (
            reversible
            and ex.call_name(inner) == "index"
            and not _true(iargs.keywords.get("unique"))
        ):
            # known plain: ``change/0``'s rollback makes it again as written, without
            # ``unique: true``, so a unique index the step then creates is a new key
            # (healthlocker's symptoms.user_id, round BF: a miss)
            return []
        # With its table: a unique index the step then creates there replaces this one.
        return [synthetic(f"DROP INDEX {quote(_index_name(table, iargs))} ON {t}", line)]
    if name in ("drop", "drop_if_exists") and kind == "constraint" and len(iargs.positional) > 1:
        dropped = quote(ex.display(iargs.positional[1]))
        return [synthetic(f"ALTER TABLE {t} DROP CONSTRAINT {dropped}", line)]
    if name in ("create", "create_if_not_exists"):
        if kind == "table":
            return [synthetic(f"CREATE TABLE {t} (id integer)", line)]
        unique = (
            ex.call_name(inner) == "unique_index"
            or node_text(iargs.keywords.get("unique") or inner) == "true"
        )
        if kind == "index" and unique:
            cols = _columns(iargs.positional[1] if len(iargs.positional) > 1 else None)
            index = quote(_index_name(table, iargs))
            where = _where(iargs.keywords.get("where"))
            return [synthetic(f"CREATE UNIQUE INDEX {index} ON {t} ({cols}){where}", line)]
        if kind == "constraint" and "check" in iargs.keywords:
            not_valid = " NOT VALID" if _false(iargs.keywords.get("validate")) else ""
            check = check_sql(iargs.keywords["check"])
            if check == "x" and (said := resolve(iargs.keywords["check"])) is not None:
                # supavisor (round O): `check: auth_query_constraints`, bound to a heredoc
                check = " ".join(said.split()) if PLACEHOLDER not in said else "x"
            # named, so that one the step dropped under this name is re-drawn (firezone's
            # log sink type lists, each migration adding a value)
            named = (
                f"CONSTRAINT {quote(ex.display(iargs.positional[1]))} "
                if len(iargs.positional) > 1
                else ""
            )
            return [rendered_raw(f"ALTER TABLE {t} ADD {named}CHECK ({check}){not_valid}", line)]
        return []
    if name == "rename" and kind == "table":
        to = args.keywords.get("to")
        if len(args.positional) > 1 and to is not None:
            old, new = ex.display(args.positional[1]), ex.display(to)
            return [synthetic(f"ALTER TABLE {t} RENAME COLUMN {quote(old)} TO {quote(new)}", line)]
        renamed = ex.table_of(to)
        if renamed is not None:
            return [synthetic(f"ALTER TABLE {t} RENAME TO {quote(renamed[1])}", line)]
    return []


def _index_name(table: str, iargs: ex.Args) -> str:
    """Ecto's index name: ``name:``, else ``<table>_<columns>_index``."""
    given = iargs.keywords.get("name")
    if given is not None:
        return ex.display(given)
    cols = iargs.positional[1] if len(iargs.positional) > 1 else None
    items = (cols.named_children if cols.type == "list" else [cols]) if cols is not None else []
    names = [ex.atom_name(i) or "x" for i in items]
    return "_".join([table, *names, "index"])


# ``default: fragment("gen_random_uuid()")``: a function the database calls for each row,
# or any expression without a literal (captain-fact-api's ``md5(random()::text)``, round BD)
_ROW_DEFAULT = lazyre.compile(r'^fragment\(\s*"([A-Za-z_][^"\\#\'`;]*\))"\s*\)$')


def _default(node: ex.Node) -> str:
    """The SQL of a ``default:``: a fragment calling a function as it is (a per-row value
    such as ``gen_random_uuid()`` keeps a unique key over the column satisfiable), any
    other value as a constant."""
    text = node_text(node).strip()
    if text == "nil":
        return " DEFAULT NULL"  # none at all (sanbase2's `add :twitter_id, :string, default: nil`)
    m = _ROW_DEFAULT.match(text)
    if m:
        return f" DEFAULT {m.group(1)}"
    # a boolean or number as written (a partial index `WHERE global = true` over a column
    # added `default: false` holds none of the previous release's rows: accent, round K)
    if _CONSTANT.match(text):
        return f" DEFAULT {text}"
    # a plain string as SQL's (a CHECK the step adds is judged by what the previous
    # release's rows get: cog's `calling_convention = 'bound'`, round AO)
    plain = _PLAIN_STRING.match(text)
    return " DEFAULT '" + plain.group(1).replace("'", "''") + "'" if plain else " DEFAULT ''"


_PLAIN_STRING = lazyre.compile(r'^"([^"\\#]*)"$')


def _where(node: ex.Node | None) -> str:
    """`` WHERE …`` for an index's ``where: "…"`` given as a plain string, else ""."""
    if node is None or node.type != "string":
        return ""
    text = node_text(node)
    inner = text[1:-1] if len(text) >= 2 and text[0] == text[-1] == '"' else ""
    return f" WHERE {inner}" if inner and "#{" not in inner and ";" not in inner else ""


_CONSTANT = lazyre.compile(r"^(?:true|false|-?\d+(?:\.\d+)?)$")


def _referencing(kind: ex.Node | None) -> str:
    """The type of a ``references(…)`` column: its ``type:`` (wraft's ``references(:version,
    type: :uuid)`` was read as a bigint, round AU), else Ecto's default id, a bigint."""
    rargs = ex.args_of(kind) if kind is not None else ex.Args()
    given = rargs.keywords.get("type")
    return (sql_type(given, {}) if given is not None else None) or "bigint"


def render_alter(sub: ex.Node, name: str, sargs: ex.Args, table: str) -> list[Statement]:
    """The statements one command inside ``alter table(:t) do … end`` amounts to."""
    if name == "timestamps":
        return _timestamps(sub, sargs, table)
    if not sargs.positional:
        return []
    line, t = line_of(sub), quote(table)
    column = quote(ex.display(sargs.positional[0]))
    kind = sargs.positional[1] if len(sargs.positional) > 1 else None
    keywords = sargs.keywords
    references = kind is not None and kind.type == "call" and ex.call_name(kind) == "references"
    if name in ("add", "add_if_not_exists"):
        typ = _referencing(kind) if references else (sql_type(kind, keywords) or "other")
        typ += " NOT NULL" if _false(keywords.get("null")) else ""
        typ += _default(keywords["default"]) if "default" in keywords else ""
        # `generated: "ALWAYS AS (…) STORED"`: the database computes it (lanttern, round W)
        typ += " GENERATED ALWAYS" if "generated" in keywords else ""
        # (its default's literal kept in the text, blanked in the skeleton)
        return [rendered_raw(f"ALTER TABLE {t} ADD COLUMN {column} {typ}", line)]
    if name in ("remove", "remove_if_exists"):
        # known to the N-1 reading: a column dropped and added again is still written by
        # the previous release (grapevine, round K: `remove :game_id`, `add :game_id …`)
        return [synthetic(f"ALTER TABLE {t} DROP COLUMN {column}", line)]
    if name != "modify":
        return []
    out: list[Statement] = []
    before = keywords.get("from")
    before_opts = ex.keywords_of(before) if before is not None and before.type == "tuple" else {}
    if not references and kind is not None:
        new = sql_type(kind, keywords) or ex.atom_name(kind)
        if new:
            out.append(synthetic(f"ALTER TABLE {t} MODIFY {column} {new}", line))
    if "default" in keywords and ex.display(keywords["default"]) != "nil":
        # a column the step added gets its default here (accent, round K: add, backfill,
        # then `modify … default: false, null: false`): the previous release never writes it
        out.append(synthetic(f"ALTER TABLE {t} ALTER COLUMN {column} SET DEFAULT ''", line))
    if _false(keywords.get("null")) and not _false(before_opts.get("null")):
        out.append(synthetic(f"ALTER TABLE {t} ALTER COLUMN {column} SET NOT NULL", line))
    elif "null" in keywords and ex.display(keywords["null"]) == "true":
        # freed: the previous release's rows hold a value there, which a CHECK the step
        # adds is judged knowing (source-academy's student XOR team, round L) — when it was
        # NOT NULL: `from:` says so here; else `issues` keeps it only where the down step
        # or the history does (realtime's jwt_secret was nullable already: round N)
        said = _false(before_opts.get("null"))
        free = f"ALTER TABLE {t} ALTER {'COLUMN ' if said else ''}{column} DROP NOT NULL"
        out.append(synthetic(free, line))
    if references and (before is None or "references" not in node_text(before)):
        rargs = ex.args_of(kind) if kind is not None else ex.Args()
        not_valid = " NOT VALID" if _false(rargs.keywords.get("validate")) else ""
        fkey = quote(f"{table}_{ex.display(sargs.positional[0])}_fkey")
        add = f"ADD CONSTRAINT {fkey} FOREIGN KEY ({column}) REFERENCES y{not_valid}"
        out.append(synthetic(f"ALTER TABLE {t} {add}", line))
    return out


def _timestamps(sub: ex.Node, sargs: ex.Args, table: str) -> list[Statement]:
    """``timestamps()`` in ``alter table``: ``inserted_at`` and ``updated_at`` (or the
    names ``inserted_at:``/``updated_at:`` give; ``false`` leaves one out), NOT NULL
    unless ``null: true``, with ``default:`` where given (sanbase2, round U: the previous
    release's inserts fail without one)."""
    keywords = sargs.keywords
    typ = sql_type(keywords["type"], {}) if "type" in keywords else ""
    typ = (typ or "timestamp(0)") + (
        "" if keywords.get("null") is not None and not _false(keywords.get("null")) else " NOT NULL"
    )
    typ += _default(keywords["default"]) if "default" in keywords else ""
    out = []
    for field in ("inserted_at", "updated_at"):
        given = keywords.get(field)
        if given is not None and ex.display(given) == "false":
            continue
        name = ex.display(given).lstrip(":") if given is not None else field
        column = f"{quote(table)} ADD COLUMN {quote(name)} {typ}"
        out.append(synthetic(f"ALTER TABLE {column}", line_of(sub)))
    return out


def old_type(sargs: ex.Args) -> str | None:
    """The type ``modify … from:`` names (``from: :string`` or ``from: {:string, …}``)."""
    before = sargs.keywords.get("from")
    return sql_type(before, {}) if before is not None else None


_UNCONFIRMED_FREE = lazyre.compile(r'ALTER TABLE "?([\w.]+?)"? ALTER "?(\w+)"? DROP NOT NULL$')


_DROPPED_CONSTRAINT = lazyre.compile(r'ALTER TABLE "?([\w.]+?)"? DROP CONSTRAINT "?(\w+)"?$')


def _checks_dropped(
    statements: list[Statement], check_before: Callable[[str, str], str | None]
) -> dict[str, str]:
    """The CHECKs the step drops, as the earlier migrations drew them (``old_types``'
    :data:`~.sqlengine.loss.CHECK` keys): what the old schema guaranteed, when the step
    draws one again (a ``change`` has no down step to show it)."""
    out = {}
    for s in statements:
        if (m := _DROPPED_CONSTRAINT.match(s.text)) is not None:
            table, name = m.group(1).lower(), m.group(2).lower()
            if (expr := check_before(table, name)) is not None:
                out[f"{table}{CHECK}{name}"] = expr
    return out


def issues(
    statements: list[Statement],
    old_types: dict[str, str],
    step: str,
    not_null_before: frozenset[str] = frozenset(),
    was_not_null: Callable[[str], bool] | None = None,
    check_before: Callable[[str, str], str | None] | None = None,
    had_default: Callable[[str], bool] | None = None,
) -> list[Issue]:
    """RG220-RG224 issues for a step's statements, the fixes in Ecto words.

    ``not_null_before`` names the ``table.column``s the down step leaves NOT NULL, and
    ``was_not_null`` tells those the earlier migrations left so: a ``modify … null: false``
    in ``up`` restates them (often while changing a reference's ``on_delete``), it does
    not make them required. ``had_default`` tells the columns the earlier migrations gave
    a default: the previous release's inserts, which leave them out, are filled."""
    out: list[Issue] = []
    added = {t.lower() for s in statements for kind, t in s.actions if kind == "add_column"}

    def known_not_null(s: Statement) -> bool:
        m = _UNCONFIRMED_FREE.match(s.text)
        if m is None:
            return True  # not a `modify … null: true` whose `from:` said nothing
        key = f"{m.group(1)}.{m.group(2)}".lower()
        return key in not_null_before or bool(was_not_null and was_not_null(key))

    statements = [s for s in statements if known_not_null(s)]
    if check_before is not None:
        # (the down step's own CHECK, where it shows one it could read, wins)
        known = {k: v for k, v in old_types.items() if v != "x"}
        old_types = {**old_types, **_checks_dropped(statements, check_before), **known}
    # (Ecto 2 and later leave a nil field out of an INSERT: a default the step gives the
    # column fills the previous release's rows, wocky's `modify :name, null: false,
    # default: ""`, round BK)
    breaks = compat.breaks(statements, old_types=old_types, defaults_fill=True)
    # a column the step renamed keeps its nullability: code-corps' ``rename table(:t),
    # :stripe_plan_id, to: :stripe_connect_plan_id`` then ``modify
    # :stripe_connect_plan_id, references(…), null: false`` (round Q)
    renamed = {
        f"{b.table}.{b.new}".lower(): f"{b.table}.{b.column}".lower()
        for b in breaks
        if b.kind == "rename_column" and b.new
    }

    def required_before(target: str) -> bool:
        key = target.lower()
        return any(
            k in not_null_before or bool(was_not_null and k not in added and was_not_null(k))
            for k in (key, renamed.get(key, key))
        )

    for b in breaks:
        if b.kind == "set_required" and (
            required_before(b.target) or bool(had_default and had_default(b.target.lower()))
        ):
            continue
        f = wording.finding(b, "", f"`{step}`", ECTO_WORDS)
        out.append(Issue(f.rule, b.line, f.message, f.impact, f.fix, f.key))
    return out
