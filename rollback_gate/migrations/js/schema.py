"""Schema calls of Knex, Sequelize and TypeORM steps, rendered as SQL statements.

Shared by :mod:`.jsops`: the calls that name their table in the first argument
(``createTable``, ``dropTable``, ``addColumn``, ``removeColumn``, ``changeColumn``,
``bulkDelete``, ``clearTable`` …) and the type vocabularies needed to judge a narrowing
(``Sequelize.STRING(50)``, ``new TableColumn({type: 'varchar', length: '50'})``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rollback_gate.migrations import treesitter
from rollback_gate.migrations.js.source import JsModule, args, computed, static_string
from rollback_gate.migrations.sqlengine.model import Statement
from rollback_gate.migrations.sqlengine.steps import quote, synthetic

_SEQ_TYPES = {
    "STRING": "varchar({0})", "CHAR": "char({0})", "TEXT": "text", "CITEXT": "citext",
    "INTEGER": "integer", "BIGINT": "bigint", "SMALLINT": "smallint", "TINYINT": "tinyint",
    "MEDIUMINT": "mediumint", "FLOAT": "float", "DOUBLE": "double", "REAL": "real",
    "DECIMAL": "numeric({0},{1})", "DATE": "timestamp", "DATEONLY": "date",
    "BOOLEAN": "boolean", "UUID": "uuid", "JSON": "json", "JSONB": "jsonb",
}  # fmt: skip
_SEQ_DEFAULTS = {"STRING": ("255",), "CHAR": ("1",), "DECIMAL": ("10", "0")}
INDEX_CALLS = frozenset({"addIndex", "createIndex", "index", "unique", "createIndices"})
CONSTRAINT_CALLS = frozenset(
    {
        "removeIndex", "dropIndex", "dropIndices", "addConstraint", "removeConstraint",
        "createForeignKey", "createForeignKeys", "dropForeignKey", "dropForeignKeys",
        "createPrimaryKey", "dropPrimaryKey", "createUniqueConstraint", "dropUniqueConstraint",
        "createCheckConstraint", "dropCheckConstraint", "foreign", "primary", "dropForeign",
        "dropUnique", "dropPrimary", "dropNullable", "setNullable", "dropChecks", "check",
        "changeColumnComment", "comment", "dropDefault", "setDefault",
    }
)  # fmt: skip
DROP_OTHER_CALLS = frozenset(
    {"dropEnum", "dropAllEnums", "dropFunction", "dropTrigger", "dropView", "dropViewIfExists",
     "dropMaterializedView", "dropSequence", "dropAllSequences", "dropExtension"}
)  # fmt: skip


def op(kind: str, target: str, line: int, text: str = "") -> Statement:
    """A statement of ``kind`` on ``target`` that needs no SQL text to be judged."""
    text = text or f"{kind} {target}"
    return Statement(text, line, kind, target, ((kind, target),), (), text)


def name_of(node: Any, module: JsModule) -> str:
    """A table or column name: a string, ``{tableName, schema}``, ``new Table({name})``…"""
    if node is None:
        return "?"
    value = static_string(node, module, loose=True)
    if value is not None:
        return value
    if node.type == "new_expression":
        inner = args(node)
        return name_of(inner[0], module) if inner else "?"
    if node.type == "object":
        props = _props(node)
        name = props.get("tableName") or props.get("name")
        schema = props.get("schema")
        base = name_of(name, module) if name is not None else "?"
        return f"{name_of(schema, module)}.{base}" if schema is not None else base
    if node.type == "array":
        return ", ".join(name_of(e, module) for e in node.named_children)
    if node.type == "identifier" and module is not None:
        # a module's own `const table = { tableName: 'Worker', schema: 'cqc' }`
        # (SopraSteria-SFC's, round BZ: its renames and adds were `${table}`'s)
        value = module.decls.get(treesitter.node_text(node))
        if value is not None and value.type == "object":
            return name_of(value, module)
    if node.type in (
        "identifier", "shorthand_property_identifier", "member_expression",
        "subscript_expression", "call_expression",
    ):  # fmt: skip
        return computed(node)  # a variable's value is unknown: show the expression
    text = treesitter.node_text(node)
    return text if len(text) <= 60 else text[:57] + "…"


def _props(obj: Any) -> dict[str, Any]:
    """An object literal's properties: key → value node; a shorthand one (``{
    defaultValue }``, a variable of that name: sso-requests, round AI) → its own node."""
    out: dict[str, Any] = {}
    for pair in obj.named_children:
        if pair.type == "pair":
            key = pair.child_by_field_name("key")
            raw = treesitter.node_text(key).strip("'\"`")
            out[raw] = pair.child_by_field_name("value")
        elif pair.type == "shorthand_property_identifier":
            out[treesitter.node_text(pair)] = pair
    return out


def names(nodes: list[Any], module: JsModule) -> list[str]:
    out: list[str] = []
    for n in nodes:
        if n.type == "array":
            out.extend(names([e for e in n.named_children if e.type != "comment"], module))
        else:
            out.append(name_of(n, module))
    return out


def _create_table(a: list[Any], call: Any, module: JsModule, line: int) -> list[Statement]:
    if not a:
        return []
    table = name_of(a[0], module)
    cols: list[str] = []
    if a[0].type == "new_expression":  # TypeORM: new Table({ name, columns: [...] })
        inner = args(a[0])
        props = _props(inner[0]) if inner and inner[0].type == "object" else {}
        columns = props.get("columns")
        for c in columns.named_children if columns is not None and columns.type == "array" else ():
            cols.extend(_typeorm_column(c, module))
    elif len(a) > 1 and a[1].type == "object":  # Sequelize: createTable('t', { id: {...} })
        for key, value in _props(a[1]).items():
            # (NOT NULL and a default as said: a history of the table's columns reads them)
            typ = (_seq_type(value, module) or "other") + _seq_null(value, module)
            if value.type == "object" and _truthy(_props(value).get("primaryKey")):
                typ += "" if " NOT NULL" in typ else " NOT NULL"
            cols.append(f"{quote(key)} {typ}")
    body = ", ".join(cols) or '"id" integer'
    return [synthetic(f"CREATE TABLE {quote(table)} ({body})", line)]


def _typeorm_column(node: Any, module: JsModule) -> list[str]:
    if node.type == "new_expression":
        inner = args(node)
        node = inner[0] if inner else node
    if node.type != "object":
        return []
    props = _props(node)
    name = props.get("name")
    if name is None:
        return []
    return [f"{quote(name_of(name, module))} {_typeorm_type(props, module)}{_typeorm_null(props)}"]


def _truthy(node: Any) -> bool | None:
    """A literal ``true``/``false`` (None for anything else)."""
    text = treesitter.node_text(node) if node is not None else ""
    return {"true": True, "false": False}.get(text)


def _typeorm_null(props: dict[str, Any]) -> str:
    """`` NOT NULL``/`` DEFAULT ''`` of a TypeORM column: ``isNullable`` defaults to false."""
    out = ""
    if _truthy(props.get("isNullable")) is not True and _truthy(props.get("isPrimary")) is not True:
        out += " NOT NULL"
    if _given(props, "default") or _truthy(props.get("isGenerated")) or "generatedType" in props:
        out += " DEFAULT ''"
    return out


def _given(props: dict[str, Any], key: str) -> bool:
    """A default given, not ``null`` or ``undefined`` (``defaultValue: null`` is none: the
    previous release's rows stay NULL, hathor-wallet-service, round I)."""
    node = props.get(key)
    if node is None:
        return False
    kind = getattr(node, "type", "")
    return kind not in ("null", "undefined") and not (
        kind == "identifier" and treesitter.node_text(node) == "undefined"
    )


def _seq_null(node: Any, module: JsModule) -> str:
    """`` NOT NULL``/`` DEFAULT ''`` of a Sequelize attribute (``allowNull: false``) or a
    db-migrate column spec (``notNull: true``)."""
    if node is None or node.type != "object":
        return ""
    props = _props(node)
    out = " NOT NULL" if _allows_null(props, module) is False else ""
    if _given(props, "defaultValue") or _truthy(props.get("autoIncrement")):
        out += " DEFAULT ''"
    return out


def _allows_null(props: dict[str, Any], module: JsModule) -> bool | None:
    """Whether a column spec says the column takes NULL (None: it does not say). db-migrate
    reads ``notNull`` and ignores ``allowNull``, Sequelize the other way round: pages-core's
    db-migrate ``addColumn(…, {allowNull: false})`` made a nullable column (round AX)."""
    if module.db_migrate:
        said = _truthy(props.get("notNull"))
        return None if said is None else not said
    return _truthy(props.get("allowNull"))


_LABEL = re.compile(r"""(['"`])((?:(?!\1).)*)\1""")
_LABELS = re.compile(r"""\[?\s*(?:(['"`])(?:(?!\1).)*\1\s*,?\s*)+\]?""")


def _seq_enum(written: list[str]) -> str | None:
    """``enum('a','b')`` for the labels of ``Sequelize.ENUM(…)``, an array or each an
    argument, when they are written out (tamanu's certainty made a STRING: a widening,
    round AG); None for labels from elsewhere (a constant: not known)."""
    labels = [m.group(2) for a in written for m in _LABEL.finditer(a)]
    literal = all(_LABELS.fullmatch(a.strip()) for a in written)
    if not labels or not literal:
        return None
    return "enum(" + ",".join(f"'{v}'" for v in labels) + ")"


def _typeorm_type(props: dict[str, Any], module: JsModule) -> str:
    typ = static_string(props.get("type"), module) or "other"
    length = static_string(props.get("length"), module)
    precision = static_string(props.get("precision"), module)
    scale = static_string(props.get("scale"), module)
    if length:
        return f"{typ}({length})"
    if precision:
        return f"{typ}({precision},{scale or 0})"
    return typ


def _seq_type(node: Any, module: JsModule) -> str | None:
    """The SQL type of a Sequelize attribute (``{type: Sequelize.STRING(50)}`` or the type,
    or a string of the database's type, ``'vector(1024)'``)."""
    if node is None:
        return None
    if node.type == "identifier" and module is not None:
        # a type the module declares once for its steps (aalto-grades' `const department
        # = DataTypes.ENUM(…)`, round CQ: its NOT NULL went unread, a miss)
        declared = module.decls.get(treesitter.node_text(node))
        if declared is not None and declared.type in ("call_expression", "member_expression"):
            return _seq_type(declared, module)
        return None
    if node.type == "object":
        return _seq_type(_props(node).get("type"), module)
    if node.type in ("string", "template_string"):
        # the database's own type, written out (`type: 'vector(1024)'`: entourage-job-back's
        # pgvector embedding, round BJ, a miss)
        written_out = static_string(node, module)
        return written_out.strip().lower() or None if written_out is not None else None
    written: list[str] = []
    call_args: list[str | None] = []
    given: list[Any] = []
    if node.type == "call_expression":
        given = list(args(node))
        written = [treesitter.node_text(x) for x in given]
        # a length may be a constant of the file (`STRING(TITLE_LENGTH_MAX)`, `var
        # TITLE_LENGTH_MAX = 1000`: citizenos, round AU, read as varchar(title_length_max))
        call_args = [static_string(x, module) for x in args(node)]
        node = node.child_by_field_name("function")
    if node is None or node.type != "member_expression":
        return None
    name = treesitter.node_text(node.child_by_field_name("property"))
    if name == "ENUM":  # ENUM('a', 'b') or ENUM(['a', 'b']): its labels, when written out
        return _seq_enum(written)
    if name == "ARRAY":  # ARRAY(Sequelize.STRING): an array of its elements' type
        element = _seq_type(given[0], module) if given else None
        return f"{element}[]" if element else None
    pattern = _SEQ_TYPES.get(name)
    if pattern is None:
        return None
    if name == "TEXT":
        size = call_args[0] if call_args else None
        return {"tiny": "tinytext", "medium": "mediumtext", "long": "longtext"}.get(
            size or "", "text"
        )
    wanted = call_args[: pattern.count("{")]  # (STRING(50, true): the second is `binary`)
    if None in wanted:
        return None  # a length known only at run time: not the default either
    values = [a or "" for a in wanted] or list(_SEQ_DEFAULTS.get(name, ()))
    try:
        return pattern.format(*values, *_SEQ_DEFAULTS.get(name, ("", ""))[len(values) :])
    except IndexError:
        return None


def _drop_table(a: list[Any], call: Any, module: JsModule, line: int) -> list[Statement]:
    return [synthetic(f"DROP TABLE {quote(name_of(x, module))}", line) for x in a[:1]]


def _table_arg_first(kind: str) -> Callable[[list[Any], Any, JsModule, int], list[Statement]]:
    def handler(a: list[Any], call: Any, module: JsModule, line: int) -> list[Statement]:
        if not a:
            return []
        table = quote(name_of(a[0], module))
        if kind == "delete":
            return [synthetic(f"DELETE FROM {table}", line)]
        if kind == "truncate":
            return [synthetic(f"TRUNCATE {table}", line)]
        return [op(kind, name_of(a[0], module), line)]

    return handler


def _add_column(a: list[Any], call: Any, module: JsModule, line: int) -> list[Statement]:
    if len(a) < 2:
        return []
    table = name_of(a[0], module)
    if a[1].type == "array":  # TypeORM addColumns(table, [new TableColumn(...)])
        defs = [d for x in a[1].named_children for d in _typeorm_column(x, module)]
    elif a[1].type == "new_expression":
        defs = _typeorm_column(a[1], module)
    else:
        typ = _seq_type(a[2], module) if len(a) > 2 else None
        null = _seq_null(a[2], module) if len(a) > 2 else ""
        defs = [f"{quote(name_of(a[1], module))} {typ or 'other'}{null}"]
    return [synthetic(f"ALTER TABLE {quote(table)} ADD COLUMN {d}", line) for d in defs]


def _drop_column(a: list[Any], call: Any, module: JsModule, line: int) -> list[Statement]:
    if len(a) < 2:
        return []
    table = quote(name_of(a[0], module))
    return [
        synthetic(f"ALTER TABLE {table} DROP COLUMN {quote(c)}", line)
        for c in names(a[1:2], module)
    ]


def _change_column(a: list[Any], call: Any, module: JsModule, line: int) -> list[Statement]:
    if len(a) < 3:
        return [op("alter_table", name_of(a[0], module) if a else "?", line)]
    table, col = name_of(a[0], module), name_of(a[1], module)
    if a[2].type == "new_expression":  # TypeORM changeColumn(table, old, new TableColumn)
        return _typeorm_change(a, table, col, module, line)
    typ = _seq_type(a[2], module)
    nulls = _allows_null(_props(a[2]), module) if a[2].type == "object" else None
    if typ is None and nulls is False and "type" not in _props(a[2]):
        # the spec says only that it takes no NULL (pages-core's db-migrate `changeColumn(
        # 'build', 'username', { notNull: true })` after a backfill, round AX)
        return [synthetic(f"ALTER TABLE {quote(table)} ALTER COLUMN {quote(col)} SET NOT NULL",
                          line)]  # fmt: skip
    if typ is None:
        unread = op("alter_type", f"{table}.{col}", line)
        if nulls is False and "notNull" in _props(a[2]):
            # … or a type not read beside it (cartobio-api's `{ type: "text", notNull: true
            # }`, a db-migrate type name, after the column's add and backfill: round BF).
            # db-migrate runs `SET NOT NULL` for it; Sequelize's `allowNull: false` restates
            # the column, which may have been NOT NULL before
            required = f"ALTER TABLE {quote(table)} ALTER COLUMN {quote(col)} SET NOT NULL"
            return [unread, synthetic(required, line)]
        return [unread]
    # changeColumn restates the whole column (as MySQL MODIFY does): the type may be
    # unchanged, and `allowNull` says NOT NULL or NULL (github-for-jira's up step makes
    # `jiraHost` NOT NULL where its down step restates it nullable: round S)
    typ += "" if nulls is None else " NULL" if nulls else " NOT NULL"
    given = a[2].type == "object" and _given(_props(a[2]), "defaultValue")
    typ += " DEFAULT ''" if given else ""
    out = [synthetic(f"ALTER TABLE {quote(table)} MODIFY {quote(col)} {typ}", line)]
    if a[2].type == "object" and _truthy(_props(a[2]).get("unique")) is True:
        # `unique: true` adds the column's unique key (pass-emploi-api's archive_jeune
        # id_jeune, round BK, and ivend's in round BI: misses)
        out.append(synthetic(f"CREATE UNIQUE INDEX ON {quote(table)} ({quote(col)})", line))
    return out


def _typeorm_change(
    a: list[Any], table: str, col: str, module: JsModule, line: int
) -> list[Statement]:
    """TypeORM's ``changeColumn(table, old, new TableColumn({…}))``: the new column
    restated (``isNullable`` false unless said), and ``SET NOT NULL`` where the old
    ``TableColumn`` said nullable and the new one does not (tillywork's column added
    nullable, backfilled, then changed to ``isNullable: false``: round AR). A generated
    column (``isGenerated``) has a default; a new ``name`` renames the column
    (internationally-educated-nurses' ``uid`` made the generated uuid ``id``: round AS)."""
    new = _column_props(a[2])
    if new is None:
        return [op("alter_type", f"{table}.{col}", line)]
    restated = _typeorm_type(new, module) + ("" if _truthy(new.get("isNullable")) else " NOT NULL")
    generated = _truthy(new.get("isGenerated")) or "generatedType" in new
    restated += " DEFAULT ''" if _given(new, "default") or generated else ""
    out = [synthetic(f"ALTER TABLE {quote(table)} MODIFY {quote(col)} {restated}", line)]
    old = _column_props(a[1])
    if old is not None and _truthy(old.get("isNullable")) and not _truthy(new.get("isNullable")):
        out.append(
            synthetic(f"ALTER TABLE {quote(table)} ALTER COLUMN {quote(col)} SET NOT NULL", line)
        )
    named = static_string(new.get("name"), module)
    if named and named != col:
        rename = f"ALTER TABLE {quote(table)} RENAME COLUMN {quote(col)} TO {quote(named)}"
        out.append(synthetic(rename, line))
    return out


def _column_props(node: Any) -> dict[str, Any] | None:
    """The properties of ``new TableColumn({…})`` (None for anything else)."""
    if node.type != "new_expression":
        return None
    inner = args(node)
    return _props(inner[0]) if inner and inner[0].type == "object" else None


def _rename(a: list[Any], call: Any, module: JsModule, line: int) -> list[Statement]:
    if not a:
        return []
    target = name_of(a[0], module)
    # `{ transaction }`, `{ schema }` options after the table: not a name (the table itself
    # may be one: SopraSteria-SFC's `renameTable({ tableName, schema }, 'Notes', { schema })`,
    # round BZ, was read as no rename at all)
    options = [x for x in a[1:] if x.type == "object"]
    a = [a[0], *(x for x in a[1:] if x.type != "object")]
    if len(a) > 2:  # renameColumn(table, from, to)
        old, new = quote(name_of(a[1], module)), quote(name_of(a[2], module))
        return [synthetic(f"ALTER TABLE {quote(target)} RENAME COLUMN {old} TO {new}", line)]
    if len(a) == 2:  # renameTable(from, to): the new name in the options' schema
        new = name_of(a[1], module)
        schema = next((p["schema"] for o in options if "schema" in (p := _props(o))), None)
        if schema is not None and "." not in new:
            new = f"{name_of(schema, module)}.{new}"
        return [synthetic(f"ALTER TABLE {quote(target)} RENAME TO {quote(new)}", line)]
    return [op("rename", target, line)]


_ADDED_CONSTRAINTS = {
    "createForeignKey": "FOREIGN KEY (x) REFERENCES y",
    "createForeignKeys": "FOREIGN KEY (x) REFERENCES y",
    "createUniqueConstraint": "UNIQUE (x)",
    "createCheckConstraint": "CHECK (x)",
}
_SEQ_CONSTRAINTS = {"unique": "UNIQUE (x)", "foreign key": "FOREIGN KEY (x) REFERENCES y",
                    "check": "CHECK (x)"}  # fmt: skip


def constraint(method: str, a: list[Any], module: JsModule, line: int) -> list[Statement]:
    """A constraint or index call as SQL: what it adds matters to RG224."""
    table = name_of(a[0], module)
    what = _ADDED_CONSTRAINTS.get(method)
    if method == "addConstraint":
        opts = next((x for x in a[1:] if x.type == "object"), None)
        kind = static_string(_props(opts).get("type"), module) if opts is not None else None
        what = _SEQ_CONSTRAINTS.get((kind or "").lower())
        fields = _props(opts).get("fields") if opts is not None else None
        if fields is None:  # Sequelize 4: addConstraint(table, ["a", "b"], { type })
            fields = next((x for x in a[1:] if x.type == "array"), None)
        if what is not None and fields is not None and fields.type == "array":
            what = what.replace("(x)", _names_list(fields, module) or "(x)")
        if what is not None and what.startswith("CHECK") and opts is not None:
            # its `where`, when plain: `{kind: ['email', 'phone']}` is `kind IN (…)`
            # (near-contract-helper's kind_constraint re-drawn wider, round AG)
            condition = _seq_where(_props(opts).get("where"), module)
            what = f"CHECK ({condition})" if condition else what
        named = static_string(_props(opts).get("name"), module) if opts is not None else None
        if what is not None and named:
            what = f"CONSTRAINT {quote(named)} {what}"
    if what is not None and "(x)" in what:
        # TypeORM new TableForeignKey({columnNames: […]}), one per key of createForeignKeys
        keys = [cols for x in a[1:] for cols in _typeorm_keys(x, module)]
        if keys:
            return [
                synthetic(f"ALTER TABLE {quote(table)} ADD {what.replace('(x)', cols)}", line)
                for cols in keys
            ]
    if what is not None:
        return [synthetic(f"ALTER TABLE {quote(table)} ADD {what}", line)]
    if method in _DROPPED_CONSTRAINTS:  # re-created later in the step: a replacement
        named = static_string(a[1], module) if method == "removeConstraint" and len(a) > 1 else None
        name = f" {quote(named)}" if named else ""
        return [synthetic(f"ALTER TABLE {quote(table)} DROP CONSTRAINT{name}", line)]
    return [op("alter_table", table, line)]


def _seq_where(node: Any, module: JsModule) -> str:
    """A Sequelize CHECK's ``where`` as SQL, for plain objects only: each key a column
    equal to a literal, or in an array of literals (``""`` for anything else: operators,
    functions)."""
    if node is None or node.type != "object":
        return ""
    terms = []
    for pair in node.named_children:
        if pair.type != "pair":
            return ""
        column = static_string(pair.child_by_field_name("key"), module) or treesitter.node_text(
            pair.child_by_field_name("key")
        )
        value = pair.child_by_field_name("value")
        items = value.named_children if value is not None and value.type == "array" else [value]
        literals = [static_string(v, module) for v in items]
        if not column.isidentifier() or not literals or None in literals:
            return ""
        listed = ", ".join("'" + str(v).replace("'", "''") + "'" for v in literals)
        terms.append(f"{column} IN ({listed})")
    return " AND ".join(terms)


_DROPPED_CONSTRAINTS = frozenset(
    {"removeConstraint", "dropForeignKey", "dropForeignKeys", "dropUniqueConstraint",
     "dropCheckConstraint", "removeIndex", "dropIndex", "dropIndices", "dropForeign",
     "dropUnique"}
)  # fmt: skip


def index(method: str, a: list[Any], module: JsModule, line: int) -> list[Statement]:
    """An index call as SQL, ``UNIQUE`` when ``{unique: true}``/``isUnique: true`` says so,
    over its columns where they are literal (``fields``, ``columnNames``, a Sequelize array):
    a unique key over a column the step added is no new constraint (grist)."""
    table = name_of(a[0], module)
    unique = False
    columns = "(x)"
    named = ""
    if module.db_migrate:  # addIndex(table, name, columns, unique, callback)
        given = static_string(a[1], module) if len(a) > 1 else None
        named = f"{quote(given)} " if given else ""
        listed = a[2] if len(a) > 2 else None
        if listed is not None and listed.type == "array":
            columns = _names_list(listed, module) or columns
        elif listed is not None and (one := static_string(listed, module)):
            columns = f"({quote(one)})"
        unique = len(a) > 3 and _truthy(a[3]) is True
        a = a[:1]
    for x in a[1:]:
        if x.type == "new_expression":  # TypeORM new TableIndex({isUnique: true})
            inner = args(x)
            x = inner[0] if inner else x
        if x.type == "array":  # Sequelize addIndex(table, ["a", "b"], { unique: true })
            columns = _names_list(x, module) or columns
        if x.type == "object":
            props = _props(x)
            unique = unique or bool(_truthy(props.get("unique")) or _truthy(props.get("isUnique")))
            # Sequelize's `type: 'UNIQUE'` (`indicesType` before v4: codimd, round S)
            kind = props.get("type") or props.get("indicesType")
            unique = unique or (static_string(kind, module) or "").upper() == "UNIQUE"
            listed = props.get("fields") or props.get("columnNames")
            if listed is not None and listed.type == "array":
                columns = _names_list(listed, module) or columns
    if unique:
        return [synthetic(f"CREATE UNIQUE INDEX {named}ON {quote(table)} {columns}", line)]
    return [op("create_index", table, line)]


def _names_list(node: Any, module: JsModule) -> str:
    """``(a, b)`` for an array of literal names, ``""`` when one is not literal."""
    names = [static_string(x, module) for x in node.named_children]
    return f"({', '.join(quote(n) for n in names if n)})" if names and all(names) else ""


def _typeorm_keys(node: Any, module: JsModule) -> list[str]:
    """The column lists of TypeORM ``new TableForeignKey({columnNames: […]})`` (or an array
    of them), each as ``(a, b)``; an entry without literal names gives none."""
    items = node.named_children if node.type == "array" else [node]
    out = []
    for item in items:
        inner = args(item) if item.type == "new_expression" else []
        props = _props(inner[0]) if inner and inner[0].type == "object" else {}
        listed = props.get("columnNames")
        if listed is None or listed.type != "array" or not (cols := _names_list(listed, module)):
            return []
        out.append(cols)
    return out


def _drop_all(a: list[Any], call: Any, module: JsModule, line: int) -> list[Statement]:
    return [op("drop_schema", "(all tables)", line)]


def _drop_schema(a: list[Any], call: Any, module: JsModule, line: int) -> list[Statement]:
    return [synthetic(f"DROP SCHEMA {quote(name_of(x, module))}", line) for x in a[:1]]


_Handler = Callable[[list[Any], Any, JsModule, int], list[Statement]]
SCHEMA_CALLS: dict[str, _Handler] = {
    "createTable": _create_table,
    "createTableIfNotExists": _create_table,
    "dropTable": _drop_table,
    "dropTableIfExists": _drop_table,
    "dropAllTables": _drop_all,
    "dropSchema": _drop_schema,
    "dropSchemaIfExists": _drop_schema,
    "renameTable": _rename,
    "renameColumn": _rename,
    "addColumn": _add_column,
    "addColumns": _add_column,
    "removeColumn": _drop_column,
    "dropColumn": _drop_column,
    "dropColumns": _drop_column,
    "changeColumn": _change_column,
    "bulkDelete": _table_arg_first("delete"),
    "bulkInsert": _table_arg_first("insert"),
    "bulkUpdate": _table_arg_first("update"),
    "clearTable": _table_arg_first("truncate"),
}
