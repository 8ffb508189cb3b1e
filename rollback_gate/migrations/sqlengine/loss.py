"""Which statements destroy data, and the column types a step leaves behind.

Works on classified statements (:mod:`.sqlkinds`) in execution order, so it can tell a
real loss from a scratch table dropped after use, a table rebuilt after its rows were
copied out, or a column dropped after its values were copied (see
:func:`rollback_gate.migrations.sqlengine.sql.destructive` for the full rules).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence

from rollback_gate import lazyre
from rollback_gate.migrations.sqlengine.coltypes import narrows
from rollback_gate.migrations.sqlengine.kinds import (
    DESTRUCTIVE_KINDS,
    NO_TYPE,
    NOT_COLUMN,
    altered_column,
    is_ident,
    split_commas,
    tokens,
    type_text,
    unquote,
)
from rollback_gate.migrations.sqlengine.model import Statement
from rollback_gate.migrations.sqlengine.survivors import survives

_NOT_COLUMN_OR_LIKE = NOT_COLUMN | {"LIKE"}


def _key(name: str) -> str:
    """Compare table names case-insensitively and without a schema prefix."""
    return name.rsplit(".", 1)[-1].lower()


def _col_key(target: str) -> str:
    table, _, col = target.rpartition(".")
    return f"{_key(table)}.{col.lower()}"


def table_columns(skeleton: str, raw: str = "") -> dict[str, str]:
    """``column → type`` of a ``CREATE TABLE`` skeleton (constraints skipped; an enum's
    labels as ``raw``, the statement's text, writes them)."""
    toks = tokens(skeleton)
    if "(" not in toks:
        return {}
    start = toks.index("(") + 1
    depth = 1
    end = start
    while end < len(toks) and depth:
        depth += {"(": 1, ")": -1}.get(toks[end], 0)
        end += 1
    cols: dict[str, str] = {}
    for part in split_commas(toks[: end - 1], start):
        if part and is_ident(part[0]) and part[0].upper() not in _NOT_COLUMN_OR_LIKE:
            cols[unquote(part[0]).lower()] = type_text(part[1:], raw)
    return cols


NULLABLE = "\tnullable"
REQUIRED = "\trequired"
"""Key suffix: ``column_types(down)[table.column + REQUIRED]`` when the statements restate
the column ``NOT NULL`` (MySQL ``MODIFY … NOT NULL``) or set it: the old schema's rule,
which an up step's ``MODIFY … NULL`` drops (owid's ``parentChartId``, round P)."""
"""Key suffix: ``column_types(down)[table.column + NULLABLE]`` when the statements (a down
step) make the column nullable again: it was nullable before the up step."""


_ENUM = lazyre.compile(
    r"^CREATE\s+TYPE\s+(.+?)\s+AS\s+ENUM\s*\((.*)\)\s*$", re.IGNORECASE | re.DOTALL
)


def type_key(typ: str) -> str:
    """A type's name without schema, quotes or case (``"public" . "role_enum"`` → ``role_enum``)."""
    return re.sub(r"[\s\"`\[\]]", "", typ).rsplit(".", 1)[-1].lower()


def enum_type(s: Statement) -> tuple[str, str] | None:
    """``(name, "enum('', …)")`` for ``CREATE TYPE name AS ENUM (…)``: PostgreSQL's enums,
    which TypeORM and Prisma swap in to change a column's values. The values are blanked
    in the skeleton, so only their number is kept, as for MySQL's inline enums."""
    if s.kind != "create_other":
        return None
    m = _ENUM.match(s.skeleton.strip().rstrip(";"))
    if m is None:
        return None
    count = len([v for v in m.group(2).split(",") if v.strip()])
    shown = _ENUM.match(s.text.strip().rstrip(";"))  # the values, for the message
    values = [v.strip() for v in shown.group(2).split(",")] if shown else []
    if len(values) != count:  # a comma inside a value: the count alone
        values = ["''"] * count
    return type_key(m.group(1)), "enum(" + ",".join(values) + ")"


_DOMAIN = lazyre.compile(
    r"^CREATE\s+DOMAIN\s+(?:IF\s+NOT\s+EXISTS\s+)?([\w.\"]+)\s+(?:AS\s+)?(.+?)\s*$",
    re.IGNORECASE | re.DOTALL,
)
_DOMAIN_RULES = lazyre.compile(r"\b(?:CHECK|NOT\s+NULL|CONSTRAINT)\b", re.IGNORECASE)


def domain_type(s: Statement) -> tuple[str, str] | None:
    """``(name, base type)`` for ``CREATE DOMAIN name AS type`` with no rule of its own (no
    ``CHECK``, ``NOT NULL``): the base type under another name, which takes and returns
    the same values (ftl's ``encrypted_timeline AS BYTEA`` given to a bytea column, round P)."""
    if s.kind != "create_other":
        return None
    m = _DOMAIN.match(s.skeleton.strip().rstrip(";"))
    if m is None or _DOMAIN_RULES.search(m.group(2)):
        return None
    base = re.split(r"\s+(?:DEFAULT|COLLATE)\b", m.group(2), maxsplit=1, flags=re.IGNORECASE)
    return type_key(m.group(1)), base[0].strip().lower()


def column_types(statements: list[Statement]) -> dict[str, str]:
    """``table.column`` → the type the statements leave it with (lower-case keys), and a
    :data:`NULLABLE` mark for each column they restate with ``NULL`` (MySQL ``MODIFY``/
    ``CHANGE``) or free with ``DROP NOT NULL``. A PostgreSQL enum the statements create
    stands for its values (:func:`enum_type`)."""
    types: dict[str, str] = {}
    enums = dict(e for s in statements if (e := enum_type(s)) is not None)
    for s in statements:
        if s.kind == "create_table":
            for col, typ in table_columns(s.skeleton, s.text).items():
                types[f"{_key(s.target)}.{col}"] = typ
        for target, typ in s.new_types:
            types[_col_key(target)] = typ
        if any(kind == "add_column" for kind, _ in s.actions):
            types.update(_added_types(s))
        said = s.skeleton.upper()
        if ("NULL" in said or (s.written and ("MODIFY" in said or "CHANGE" in said))) and (
            s.kind in ("alter_type", "alter_table") or any(k == "drop_column" for k, _ in s.actions)
        ):  # (an ALTER TABLE whose first action drops a column: owid's down step)
            types.update(dict.fromkeys(_null_marks(s), "true"))
        if s.kind == "rename" and "." in s.target and (to := renamed_to(s)):
            # a column swapped into place (`_old` added, the column dropped, `_old` renamed
            # to its name: onyx's down step, round O) has the type it was added with
            # (kept under the name it had too: the up step may name it so before a rename)
            was = _col_key(s.target)
            if was in types:
                types[f"{was.rpartition('.')[0]}.{to}"] = types[was]
        upper = s.skeleton.upper()
        named = "CHECK" in upper or "CONSTRAINT" in upper
        if named and upper.lstrip().startswith("ALTER"):
            # (an ALTER whose first action is a column's has the column in its target)
            table = s.target if s.kind == "alter_table" else s.target.rpartition(".")[0]
            for name, expr in check_exprs(s.text).items():
                types[f"{_key(table or s.target)}{CHECK}{name}"] = expr
            for m in _KEY_NAMED.finditer(s.skeleton):
                kind = "foreign" if m.group(2).upper().startswith(("F", "R")) else "unique"
                types[f"{_key(table or s.target)}{KEYED}{m.group(1).lower()}"] = kind
                listed = _LISTED.match(s.skeleton, m.end())
                if kind == "unique" and listed:
                    columns = (c.strip().strip('"`[]').lower() for c in listed.group(1).split(","))
                    types[f"{_key(table or s.target)}{KEY_COLUMNS}{m.group(1).lower()}"] = ",".join(
                        sorted(columns)
                    )
    if enums:
        for key, typ in types.items():
            mark = CHECK in key or key.endswith((NULLABLE, REQUIRED))
            if not mark and type_key(typ) in enums:
                types[key] = enums[type_key(typ)]
    return types


_NOT_ADDED_COLUMN = frozenset({"CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "INDEX",
                               "KEY", "FULLTEXT", "SPATIAL", "PARTITION"})  # fmt: skip


def _added_types(s: Statement) -> dict[str, str]:
    """``table.column`` → type for each column ``ALTER TABLE … ADD [COLUMN]`` adds (a down
    step adding back a column the up step dropped shows its old type)."""
    out: dict[str, str] = {}
    # the table an added column's action names (`convoy.endpoints.c`: the schema's table,
    # where the first dot led to `convoy`, round S)
    added = next((t for kind, t in s.actions if kind == "add_column"), s.target + ".")
    table = _key(added.rpartition(".")[0])
    for part in split_commas(tokens(s.skeleton), 0):
        up = [t.upper() for t in part]
        if "ADD" not in up:
            continue
        j = up.index("ADD") + 1
        j += up[j : j + 1] == ["COLUMN"]
        j += 3 if up[j : j + 3] == ["IF", "NOT", "EXISTS"] else 0
        if j >= len(part) or not is_ident(part[j]) or up[j] in _NOT_ADDED_COLUMN:
            continue
        if typ := type_text(part[j + 1 :], s.text):
            out[f"{table}.{unquote(part[j]).lower()}"] = typ
    return out


CHECK = "\tcheck\t"
"""Key infix: ``column_types(down)[table + CHECK + name]`` is the expression of the CHECK
the down step puts back under that name (:func:`check_exprs`)."""
REFERENCED = "\treferenced"
"""Key of ``column_types(down)``: the tables the down step's foreign keys reference,
comma-separated (a key the up step drops and draws again to another table is a new one)."""
KEY_COLUMNS = "\tkeycolumns\t"
"""Key infix: ``column_types(down)[table + KEY_COLUMNS + name]`` is the sorted,
comma-separated column list of a unique key the statements add back under that name."""
KEYED = "\tkey\t"
"""Key infix: ``column_types(down)[table + KEYED + name]`` is ``foreign`` or ``unique`` for
a named key the statements (a down step) add back: the up step's ``DROP CONSTRAINT name``
dropped a key of that kind, whatever its name says (identity-api's inline
``vehicle_privileges_vehicle_token_id REFERENCES vehicles``, round V)."""
_LISTED = lazyre.compile(r"\s*\(([\w\s,\"`\[\]]+)\)")  # (a plain column list only)
_KEY_NAMED = lazyre.compile(
    r"\bCONSTRAINT\s+[\"`\[]?(\w+)[\"`\]]?\s+(FOREIGN\s+KEY|REFERENCES|UNIQUE|PRIMARY\s+KEY)\b",
    re.IGNORECASE,
)
_CHECK_NAMED = lazyre.compile(r"CONSTRAINT\s+[\"`]?(\w+)[\"`]?\s+CHECK\s*\(", re.IGNORECASE)


def check_exprs(text: str) -> dict[str, str]:
    """``name → expression`` for each ``CONSTRAINT name CHECK ( … )`` of ``text``."""
    out = {}
    for m in _CHECK_NAMED.finditer(text):
        end = closing(text, m.end())
        if end is not None:
            out[m.group(1).lower()] = text[m.end() : end]
    return out


def renamed_to(s: Statement) -> str:
    """The new name of ``ALTER TABLE t RENAME [COLUMN] a TO b`` (lower case), or ""."""
    toks = tokens(s.skeleton)
    up = [t.upper() for t in toks]
    return unquote(toks[-1]).lower() if len(toks) > 2 and up[-2] == "TO" else ""


def closing(text: str, start: int) -> int | None:
    """The index of the ``)`` that closes the parenthesis opened just before ``start``
    (None when none does)."""
    depth = 1
    for i in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return i
    return None


def looser(new: str, old: str) -> bool:
    """Whether every row that meets the CHECK ``old`` meets ``new``: each read as an OR of
    ANDs (``col IN (a, b)`` as ``col = a OR col = b``, an OR inside an AND distributed:
    concourse's ``… OR ((s OR l) AND addr IS NULL)`` re-created as ``… OR s OR l``, round
    N), each of old's alternatives must contain all the conditions of one of new's."""
    new_terms, old_terms = _alternatives(new), _alternatives(old)
    return bool(new_terms and old_terms) and all(
        any(all(any(_implies(d, c) for d in o) for c in n) for n in new_terms) for o in old_terms
    )


# (a condition's tokens joined by spaces: `x <= 5` reads `x < = 5`)
_BOUND = lazyre.compile(r"^(\S+) (< =|<|> =|>) (-?\d+(?:\.\d+)?)$")
_EQUALS = lazyre.compile(r"^(\S+) = (-?\d+(?:\.\d+)?)$")


def _implies(held: str, wanted: str) -> bool:
    """Whether a row meeting condition ``held`` meets ``wanted``: the same condition, or a
    bound on the same column at least as tight (``duration <= 31536000000`` meets
    ``duration <= 157680000000``: skyra's limit raised, round AG)."""
    if held == wanted:
        return True
    h, w = _BOUND.match(held), _BOUND.match(wanted)
    if (e := _EQUALS.match(held)) is not None and w is not None and e.group(1) == w.group(1):
        # a value meets a bound it lies within (stacker.news's `mcredits >= 0` over a
        # column the step adds with DEFAULT 0, round BA)
        n, bound, op = float(e.group(2)), float(w.group(3)), w.group(2).replace(" ", "")
        return {"<": n < bound, "<=": n <= bound, ">": n > bound, ">=": n >= bound}[op]
    if h is None or w is None:
        return _relaxed(held, wanted)
    if h.group(1) != w.group(1):
        return False
    a, b = float(h.group(3)), float(w.group(3))
    ho, wo = h.group(2).replace(" ", ""), w.group(2).replace(" ", "")
    if ho[0] == "<" and wo[0] == "<":  # x ≤/< a within x ≤/< b
        return a < b or (a == b and (ho == "<" or wo == "<="))
    if ho[0] == ">" and wo[0] == ">":
        return a > b or (a == b and (ho == ">" or wo == ">="))
    return False


# two operands compared (`materialization_time > job_creation_time`)
_COMPARED = lazyre.compile(r"^(\S+) (< =|<|> =|>) (\S+)$")
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}


def _relaxed(held: str, wanted: str) -> bool:
    """Whether ``wanted`` compares the operands ``held`` does, no stricter: ``a >= b`` for
    ``a > b`` (or ``b <= a``): pulse-data's ``job_times_ordering``, ``>`` made ``>=``, round
    CN."""
    h, w = _COMPARED.match(held), _COMPARED.match(wanted)
    if h is None or w is None:
        return False
    ho, wo = h.group(2).replace(" ", ""), w.group(2).replace(" ", "")
    if (w.group(1), w.group(3)) == (h.group(3), h.group(1)):
        wo = _FLIPPED[wo]  # (the same comparison written the other way round)
    elif (w.group(1), w.group(3)) != (h.group(1), h.group(3)):
        return False
    return ho == wo or (ho[0] == wo[0] and wo.endswith("="))


_MOST_ALTERNATIVES = 64  # beyond, a CHECK is not compared (the finding stays)


def _alternatives(expr: str) -> list[frozenset[str]]:
    listed = _ANY_ARRAY.sub(_as_in_list, expr)
    # (a quoted identifier is its name: Prisma's `"mcredits" >= 0` against `mcredits = 0`)
    toks = [unquote(t) if t[:1] in '"`' else t for t in tokens(_CAST.sub("", listed))]
    return _dnf(_unqualified([t.lower() for t in toks])) or []


# PostgreSQL's own spelling of `c IN ('a', 'b')` in a CHECK it prints: `c = ANY
# ('{a,b}'::t[])` or `c = ANY (ARRAY['a'::text, 'b'::text])` (evaka's payment state, its
# earlier CHECK written `status = 'DRAFT'`, round AY)
_ANY_ARRAY = lazyre.compile(
    r"=\s*ANY\s*\(\s*(?:'\{([^}']*)\}'|ARRAY\s*\[([^\]]*)\])\s*(?:::\s*[\w.\"]+\s*(?:\[\])?)?\s*\)",
    re.IGNORECASE,
)


def _as_in_list(m: re.Match[str]) -> str:
    if m.group(1) is not None:
        items = [i.strip().strip('"') for i in m.group(1).split(",") if i.strip()]
        return " IN (" + ", ".join("'" + i.replace("'", "''") + "'" for i in items) + ")"
    return " IN (" + m.group(2) + ")"


def _unqualified(toks: list[str]) -> list[str]:
    """``toks`` with each column named with its table, ``users.user_type``, named alone: a
    CHECK names only its own table's columns (juror-api's user_type_val, round AG)."""
    out: list[str] = []
    for t in toks:
        if len(out) > 1 and out[-1] == "." and is_ident(out[-2]) and is_ident(t):
            del out[-2:]
        out.append(t)
    return out


def _dnf(toks: list[str]) -> list[frozenset[str]] | None:
    """``toks`` as alternatives of conditions (None: more than :data:`_MOST_ALTERNATIVES`)."""
    toks = _unwrap(toks)
    out: list[frozenset[str]] = []
    ors = _split(toks, "or")
    if len(ors) > 1:
        for part in ors:
            more = _dnf(part)
            if more is None:
                return None
            out += more
    elif len(ands := _split(toks, "and")) > 1:
        out = [frozenset()]
        for cond in ands:
            each = _dnf(cond)
            if each is None or len(out) * len(each) > _MOST_ALTERNATIVES:
                return None
            out = [a | b for a in out for b in each]
    elif (listed := _listed(toks)) is not None:
        column, values = listed
        out = [frozenset({f"{column} = {v}"}) for v in values]
    else:
        out = [frozenset({_condition(toks)})]
    return out if len(out) <= _MOST_ALTERNATIVES else None


# (a quoted literal comes in three tokens: ' t ')
_TRUTH = {"true": "true", "' t '": "true", "' true '": "true",
          "false": "false", "' f '": "false", "' false '": "false"}  # fmt: skip


def _condition(toks: list[str]) -> str:
    """One condition as text, a boolean test spelt one way: ``c``, ``c IS TRUE`` and
    ``c = 't'`` as ``c = true``; ``NOT c``, ``c IS FALSE`` as ``c = false``."""
    if len(toks) == 1 and is_ident(toks[0]) and toks[0] not in _TRUTH:
        return f"{toks[0]} = true"
    if len(toks) == 2 and toks[0] == "not" and is_ident(toks[1]) and toks[1] not in _TRUTH:
        return f"{toks[1]} = false"
    said = " ".join(toks[2:])
    if len(toks) >= 3 and toks[1] in ("=", "is") and said in _TRUTH:
        return f"{toks[0]} = {_TRUTH[said]}"
    return " ".join(toks)


# A cast, as PostgreSQL writes CHECKs back: ``(type)::text = ANY ((ARRAY['a'::character
# varying])::text[])``
_CAST = lazyre.compile(
    r"::\s*(?:character varying|double precision|timestamp with(?:out)? time zone|[\w.]+)"
    r"(?:\s*\(\s*\d+(?:\s*,\s*\d+)?\s*\))?(?:\s*\[\])?",
    re.IGNORECASE,
)


def _listed(cond: list[str]) -> tuple[str, list[str]] | None:
    """``c IN (a, b)`` or ``c = ANY (ARRAY[a, b])`` (indico, round L) → ``(c, [a, b])``."""
    for i, t in enumerate(cond):
        if t == "in" and cond[i + 1 : i + 2] == ["("]:
            if cond[i - 1 : i] == ["not"]:
                return None  # `c NOT IN (…)` is no choice of values (121-platform, round AZ)
            inside = _unwrap(cond[i + 1 :])
            break
        if t == "=" and cond[i + 1 : i + 2] == ["any"]:
            inside = _unwrap(cond[i + 2 :])
            if inside[:2] != ["array", "["] or inside[-1:] != ["]"]:
                return None
            inside = inside[2:-1]
            break
    else:
        return None
    # each value in its parentheses, as PostgreSQL writes a cast one back:
    # `ARRAY[('CREATE_JUROR'::character varying)::text]` (juror-api, round AG)
    values = [_unwrap(v) for v in _split(inside, ",")] if inside else []
    if not values or any("(" in v for v in values):
        return None  # a sub-query or a call, not a list
    column = " ".join(_unwrap(cond[:i]))
    return column, [" ".join(v) for v in values]


def _unwrap(toks: list[str]) -> list[str]:
    while len(toks) > 1 and toks[0] == "(" and toks[-1] == ")" and _closes_at_end(toks):
        toks = toks[1:-1]
    return toks


def _closes_at_end(toks: list[str]) -> bool:
    depth = 0
    for i, t in enumerate(toks):
        depth += {"(": 1, ")": -1}.get(t, 0)
        if depth == 0 and i < len(toks) - 1:
            return False
    return True


def _split(toks: list[str], word: str) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    depth = 0
    for t in toks:
        depth += {"(": 1, ")": -1}.get(t, 0)
        if depth == 0 and t == word:
            parts.append([])
        else:
            parts[-1].append(t)
    return [p for p in parts if p]


def _null_marks(s: Statement) -> list[str]:
    """``table.column`` + NULLABLE for each column ``s`` makes nullable, + REQUIRED for each
    it restates or sets NOT NULL."""
    toks = tokens(s.skeleton)
    up = [t.upper() for t in toks]
    if up[:2] != ["ALTER", "TABLE"] or not s.target:
        return []
    column_target = s.kind in ("alter_type", "drop_column")  # (target: table.column)
    table = _key(s.target.rsplit(".", 1)[0] if column_target else s.target)
    out = []
    for part in split_commas(toks, 3):
        words = [w.upper() for w in part]
        altering = words[:1] in (["MODIFY"], ["CHANGE"], ["ALTER"])
        head = (altered_column(words) or 0) if altering else 0
        if not head or head >= len(part) or not is_ident(part[head]):
            continue
        after = words[head + 1 :]
        if words[0] == "CHANGE" and len(part) > head + 1:
            column = unquote(part[head + 1])  # CHANGE old new type …
        else:
            column = unquote(part[head])
        freed = after[:3] == ["DROP", "NOT", "NULL"]
        not_null = any(w == "NULL" and i > 0 and after[i - 1] == "NOT" for i, w in enumerate(after))
        restated = words[0] != "ALTER" and (
            any(w == "NULL" and (i == 0 or after[i - 1] != "NOT") for i, w in enumerate(after))
            # MySQL: a column restated with no NOT NULL (nor key) is nullable (SBS's `CHANGE
            # c c TEXT`, round BK); a builder's rendering without one says nothing of it
            or (s.written and not not_null and _restates_type(after))
        )
        if freed or restated:
            out.append(f"{table}.{column.lower()}{NULLABLE}")
        required = words[0] != "ALTER" and not_null
        if required or after[:3] == ["SET", "NOT", "NULL"]:
            out.append(f"{table}.{column.lower()}{REQUIRED}")
    return out


def _restates_type(after: list[str]) -> bool:
    """Whether a MySQL ``MODIFY``/``CHANGE`` column definition (the words after its
    column) restates the column whole, type first, and not as a key (``PRIMARY KEY``
    columns are NOT NULL; Oracle's ``MODIFY c DEFAULT 0`` restates no type, and keeps what
    it had)."""
    return bool(after) and after[0] not in NO_TYPE and "PRIMARY" not in after


def destructive(
    statements: list[Statement],
    previous: Mapping[str, str],
    context: list[Statement],
    reads_copy: bool = False,
) -> list[Statement]:
    """See :func:`rollback_gate.migrations.sqlengine.sql.destructive`."""
    created: set[str] = set()
    copied: set[str] = set()
    copied_columns: set[str] = set()
    for s in context:
        for kind, target in s.actions:
            if kind == "create_table":
                created.add(_key(target))
    types: dict[str, str] | None = None  # built from ``previous`` at the first type change
    out: list[Statement] = []
    for index, s in enumerate(statements):
        for kind, target in s.actions:
            if kind == "create_table":
                created.add(_key(target))
            elif kind == "copy_from" or (kind == "read_from" and reads_copy):
                copied.add(_key(target))
            elif kind == "copy_column":
                copied_columns.add(_col_key(target))
            elif kind in DESTRUCTIVE_KINDS:
                table = _key(target.rsplit(".", 1)[0] if kind == "drop_column" else target)
                if not (
                    (kind == "drop_table" and (table in created or table in copied))
                    or (kind in ("drop_column", "truncate", "delete") and table in created)
                    or (kind == "drop_column" and _col_key(target) in copied_columns)
                    or survives(index, kind, target, statements)
                ):
                    out.append(dataclasses.replace(s, kind=kind, target=target))
            elif kind == "alter_type":
                if types is None:
                    types = {_col_key(k): v for k, v in previous.items()}
                table = _key(target.rsplit(".", 1)[0])
                key = _col_key(target)
                old = types.get(key)
                new = dict(s.new_types).get(target, "")
                if old and new and table not in created and narrows(old, new):
                    out.append(dataclasses.replace(s, kind="narrow_type", target=target))
                if new:
                    types[key] = new
    return out


# The values a CHECK's parts take over the rows the previous release writes, where the
# columns a step added without a default are NULL: true, false, NULL, a known non-NULL
# value that is no truth value, or anything (it depends on what else the row holds).
_T, _F, _N, _V, _A = "T", "F", "N", "V", "A"
_COMPARISONS = frozenset({"=", "<>", "!=", "<", ">", "<=", ">=", "LIKE", "ILIKE"})


def null_verdict(tokens: Sequence[str], nulls: Callable[[str], bool]) -> str:
    """What a CHECK expression (its tokens, within its parentheses) is for every row in
    which the columns ``nulls`` says of are NULL, whatever the others hold: ``"F"`` where
    it is false for all of them, so that the CHECK rejects each (``person_id IS NOT NULL``
    over a column the release added: pet-rescue, round BY); ``"T"``, ``"N"`` (NULL, which a
    CHECK passes) or ``"A"`` (it depends) otherwise. Only ``AND``, ``OR``, ``NOT``, ``IS
    [NOT] NULL``, comparisons and parentheses are read; anything else is ``"A"``."""
    toks = _joined_operators(list(tokens))
    try:
        value, at = _or(toks, 0, nulls)
    except (IndexError, ValueError):
        return _A
    return value if at == len(toks) else _A


def _joined_operators(toks: list[str]) -> list[str]:
    out: list[str] = []
    for t in toks:
        if out and out[-1] in ("<", ">", "!") and t in ("=", ">") and out[-1] + t in _COMPARISONS:
            out[-1] += t
        elif out and out[-1] == ":" and t == ":":
            out[-1] = "::"
        else:
            out.append(t)
    return out


def _or(toks: list[str], at: int, nulls: Callable[[str], bool]) -> tuple[str, int]:
    return _joined(toks, at, nulls, "OR", _and, _T)


def _and(toks: list[str], at: int, nulls: Callable[[str], bool]) -> tuple[str, int]:
    return _joined(toks, at, nulls, "AND", _not, _F)


_Operand = Callable[[list[str], int, Callable[[str], bool]], tuple[str, int]]


def _joined(
    toks: list[str],
    at: int,
    nulls: Callable[[str], bool],
    word: str,
    operand: _Operand,
    wins: str,
) -> tuple[str, int]:
    """A run of ``operand``s joined by ``word``, in SQL's three-valued logic: ``wins`` (true
    for OR, false for AND) where one is, the other truth value where both are, else
    anything where one is anything, else NULL."""
    value, at = operand(toks, at, nulls)
    other = _F if wins == _T else _T
    while at < len(toks) and toks[at].upper() == word:
        right, at = operand(toks, at + 1, nulls)
        if wins in (value, right):
            value = wins
        elif value == right == other:
            value = other
        else:
            value = _A if _A in (value, right) else _N
    return value, at


def _not(toks: list[str], at: int, nulls: Callable[[str], bool]) -> tuple[str, int]:
    if toks[at].upper() == "NOT":
        value, at = _not(toks, at + 1, nulls)
        return {_T: _F, _F: _T, _N: _N}.get(value, _A), at
    return _compared(toks, at, nulls)


def _compared(toks: list[str], at: int, nulls: Callable[[str], bool]) -> tuple[str, int]:
    value, at = _primary(toks, at, nulls)
    while at < len(toks):
        word = toks[at].upper()
        if word == "IS":
            negated = toks[at + 1].upper() == "NOT"
            at += 2 if negated else 1
            if toks[at].upper() != "NULL":
                return _A, at + 1
            is_null = {_N: _T, _V: _F, _T: _F, _F: _F}.get(value, _A)
            value = {_T: _F, _F: _T}.get(is_null, _A) if negated else is_null
            at += 1
        elif word in _COMPARISONS:
            right, at = _primary(toks, at + 1, nulls)
            if _N in (value, right):
                value = _N
            elif word in ("=", "<>", "!=") and value in (_T, _F) and right in (_T, _F):
                value = _T if (value == right) == (word == "=") else _F
            else:
                value = _A
        elif word == "::":
            at += 2  # a cast keeps NULL NULL
        else:
            break
    return value, at


def _primary(toks: list[str], at: int, nulls: Callable[[str], bool]) -> tuple[str, int]:
    t = toks[at]
    if t == "(":
        value, at = _or(toks, at + 1, nulls)
        if toks[at] != ")":
            raise ValueError(t)
        return value, at + 1
    if at + 1 < len(toks) and toks[at + 1] == "(" and t.upper() not in ("AND", "OR", "NOT"):
        depth, at = 0, at + 1  # a function's call: its value is not read
        while True:
            depth += {"(": 1, ")": -1}.get(toks[at], 0)
            at += 1
            if depth == 0:
                return _A, at
    up = t.upper()
    if up == "NULL":
        return _N, at + 1
    if up in ("TRUE", "FALSE"):
        return (_T if up == "TRUE" else _F), at + 1
    if t[:1] == "'" or t[:1].isdigit():
        return _V, at + 1
    if t in ("-", "+"):
        return _primary(toks, at + 1, nulls)
    if up in ("AND", "OR", ")") or up in _COMPARISONS:
        raise ValueError(t)
    return (_N if nulls(t) else _A), at + 1
