"""Whether a column type change narrows the column (loses data on the way there or back).

Only clear cases count, because a false RG203 costs trust: a shorter string length
(``varchar(255)`` → ``varchar(50)``, ``text`` → ``varchar(n)``), a smaller integer
(``bigint`` → ``integer``), fewer digits or decimals (``numeric(12,4)`` → ``numeric(10,2)``),
a fraction dropped (``numeric``/``float`` → an integer type, ``double`` → ``real``) and a
timestamp cut to a date. Conversions across families (``text`` → ``integer``) either work
losslessly or fail the migration outright; they are not reported.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from rollback_gate import lazyre

# an array: ``text[]``, ``int[3]``, or the standard's ``varchar(256) ARRAY`` (misskey;
# ``varchar(256)array`` as the tokens are joined)
_PARAMS = lazyre.compile(
    r"^([a-z_][a-z0-9_ ]*?)\s*(?:\(([^)]*)\))?"
    r"(\[\d*\]|(?:\s+|(?<=\)))array(?:\[\d*\])?)?(?:\s*unsigned)?$"
)
_STRINGS = {
    "varchar": None, "character varying": None, "nvarchar": None, "varchar2": None,
    "nvarchar2": None, "char": 1, "character": 1, "nchar": 1, "bpchar": None,
    "text": math.inf, "ntext": math.inf, "clob": math.inf, "longtext": math.inf,
    "mediumtext": 16_777_215, "tinytext": 255, "string": math.inf, "citext": math.inf,
}  # fmt: skip
_INTS = {
    "tinyint": 1, "smallint": 2, "int2": 2, "smallserial": 2, "mediumint": 3, "int": 4,
    "integer": 4, "int4": 4, "serial": 4, "bigint": 8, "int8": 8, "bigserial": 8,
}  # fmt: skip
_FLOATS = {
    "real": 4, "float4": 4, "double precision": 8, "float8": 8, "double": 8, "float": 8,
    "float32": 4, "float64": 8,  # ClickHouse's
}  # fmt: skip
# ClickHouse's integers, by bytes and sign. Its ``Int8`` stays PostgreSQL's 8-byte ``int8``
# above: the names are the same in lower case, and PostgreSQL's is the common one.
_SIZED_INTS = {
    f"{u}int{bits}": (bits // 8, u == "")
    for u in ("", "u") for bits in (8, 16, 32, 64, 128, 256) if (u, bits) != ("", 8)
}  # fmt: skip
# ClickHouse's wrappers that store and read back the type they wrap: ``LowCardinality(T)``
# (a dictionary encoding) and ``SimpleAggregateFunction(max, T)``; ``Nullable(T)`` adds NULL.
_WRAPPED = lazyre.compile(
    r"^(lowcardinality|nullable|simpleaggregatefunction\s*\(\s*\w+\s*,)\s*\(?(.*)\)$"
)


def _int_bytes(name: str) -> tuple[int, bool]:
    """An integer type's bytes and whether it is signed (one of :data:`_INTS` or
    :data:`_SIZED_INTS`)."""
    return (_INTS[name], True) if name in _INTS else _SIZED_INTS[name]


def _sized_pair(old: str, new: str) -> bool:
    """Two integer types, one of them named by its bits (``Int64``: ClickHouse's, and the
    name SQLite takes for an INTEGER too: gitness' ``bigint`` made ``int64``, round BX)."""
    both = all(t in _INTS or t in _SIZED_INTS for t in (old, new))
    return both and (old in _SIZED_INTS or new in _SIZED_INTS)


_DECIMALS = ("numeric", "decimal", "number", "money")
_SPATIAL = ("geometry", "geography")  # PostGIS: `geometry(subtype, srid)`
_INT_DIGITS = {1: 3, 2: 5, 3: 8, 4: 10, 8: 19}  # an integer of so many bytes: its digits
_TIMESTAMPS = ("timestamp", "timestamptz", "datetime", "datetime2", "smalldatetime")


# MySQL's column attributes after a string type: a binary collation (``varchar(255)
# BINARY``), a character set or a collation. They change how values compare, not which
# values fit (kapua: ``modifyDataType … newDataType="varchar(255) BINARY"``).
_MYSQL_ATTRIBUTES = lazyre.compile(r"(?<=\S)\s*\b(?:binary|(?:character set|charset|collate) \w+)$")


_LENGTH_UNIT = lazyre.compile(r"\s+(?:byte|char)$")


def _parse(typ: str) -> tuple[str, list[str], bool] | None:
    typ = re.sub(r"\s+", " ", typ.strip().lower())
    typ = re.sub(r"\s*with(out)? time zone$", "", typ)  # (type_text writes `(3)without`)
    while (bare := _MYSQL_ATTRIBUTES.sub("", typ)) != typ:
        typ = bare
    m = _PARAMS.match(typ)
    if m is None:
        return None
    base = m.group(1).strip()
    params = [p.strip() for p in (m.group(2) or "").split(",") if p.strip()]
    # Oracle's length semantics, `varchar2(4000 byte)`, `varchar2(255 char)`: the length
    # (goci's columns, round BK: made CLOB, read as no widening)
    params = [_LENGTH_UNIT.sub("", p) for p in params]
    return base, params, m.group(3) is not None


def string_length(typ: str) -> float | None:
    """How many characters a string type holds (``varchar(30)``: 30, ``text``: infinity);
    None for a type that is no string, or an array of them."""
    parsed = _parse(typ)
    return None if parsed is None or parsed[2] else _length(parsed[0], parsed[1])


def _length(base: str, params: list[str]) -> float | None:
    if base not in _STRINGS:
        return None
    if params:
        if params[0] == "max":
            return math.inf
        try:
            return int(params[0])
        except ValueError:
            return None
    default = _STRINGS[base]
    return math.inf if default is None else default


_MYSQL_TEXTS = {"tinytext": 255, "text": 65_535, "mediumtext": 16_777_215, "longtext": math.inf}
_MYSQL_BLOBS = {"tinyblob": 255, "blob": 65_535, "mediumblob": 16_777_215, "longblob": math.inf}


def _lengths(
    old: str, old_params: list[str], new: str, new_params: list[str]
) -> tuple[float | None, float | None]:
    """Both strings' lengths; beside MySQL's own ``tinytext``/``mediumtext``/``longtext``,
    ``text`` is MySQL's 65,535 bytes, not PostgreSQL's unbounded text (gophish: ``TEXT`` →
    ``MEDIUMTEXT`` widens)."""
    if {old, new} & (_MYSQL_TEXTS.keys() - {"text"}) and {old, new} <= _MYSQL_TEXTS.keys():
        return _MYSQL_TEXTS[old], _MYSQL_TEXTS[new]
    if old == new == "text" and (old_params or new_params):
        # `TEXT(n)` is MySQL's (PostgreSQL has none): the smallest text type that holds n
        # bytes, so plain TEXT is MySQL's too (beaker's UnicodeText(length=262143), a
        # MEDIUMTEXT, read as narrower than an unbounded text: round AV)
        return _text_tier(old_params), _text_tier(new_params)
    return _length(old, old_params), _length(new, new_params)


def _text_tier(params: list[str]) -> float | None:
    if not params:
        return _MYSQL_TEXTS["text"]
    try:
        n = int(params[0])
    except ValueError:
        return None
    return min(v for v in _MYSQL_TEXTS.values() if v >= n)


def _digits(params: list[str]) -> tuple[float, float]:
    try:
        precision = float(params[0]) if params else math.inf
        scale = float(params[1]) if len(params) > 1 else (0.0 if params else math.inf)
    except ValueError:
        return math.inf, math.inf
    return precision, scale


def int_limit(typ: str) -> int | None:
    """The largest value a signed integer type holds (``smallint``: 32767); None for
    another type."""
    size = _INTS.get(base_name(typ))
    return 2 ** (8 * size - 1) - 1 if size is not None else None


def narrows(old: str, new: str) -> bool:
    """True when changing a column from type ``old`` to ``new`` can lose values."""
    a, b = _parse(old), _parse(new)
    if a is None or b is None or a[2] != b[2]:
        return False
    (ob, op, _), (nb, np_, _) = a, b
    if _sized_pair(ob, nb):
        return not widens(old, new)
    old_len, new_len = _lengths(ob, op, nb, np_)
    if old_len is not None and new_len is not None:
        return new_len < old_len
    if ob in _INTS and nb in _INTS:
        return _INTS[nb] < _INTS[ob]
    if ob in _FLOATS and nb in _FLOATS:
        return _FLOATS[nb] < _FLOATS[ob]
    if (ob in _DECIMALS or ob in _FLOATS) and nb in _INTS:
        return not (ob in _DECIMALS and len(op) == 2 and op[1] == "0")
    if ob in _DECIMALS and ob != "money" and nb in _FLOATS and len(op) == 2 and not np_:
        # a decimal of at most 15 significant digits (6 for a single) survives a double's
        # round trip, read back as the same digits, as an integer a double holds does
        # (go-api's DecimalField(max_digits=12) made a FloatField, round CD: five)
        return _digits(op)[0] <= (6 if _FLOATS[nb] == 4 or nb == "float" else 15)
    if ob in _DECIMALS and nb == "numeric" and not np_:
        return False  # PostgreSQL's unbounded numeric (backend.ai, round AE)
    if ob in _DECIMALS and nb in _DECIMALS:
        (op_p, op_s), (np_p, np_s) = _digits(op), _digits(np_)
        return np_p < op_p or np_s < op_s
    return ob in _TIMESTAMPS and nb == "date"


# Strings that differ only in their size limit, so a longer one reads and writes the same
# values (PostgreSQL varchar → text, MySQL varchar → mediumtext …).
_VARYING = frozenset(
    {"varchar", "character varying", "varchar2", "text", "clob", "longtext", "mediumtext",
     "tinytext", "string", "citext"}
)  # fmt: skip
_NATIONAL = frozenset({"nvarchar", "nvarchar2", "ntext"})
# Fixed-length strings: every value fits a varying one as long, read back without the pad
# spaces (MySQL strips them on every read already; phpvms' ``char(36)`` → ``varchar(128)``)
_FIXED = frozenset({"char", "character", "nchar", "bpchar"})
_ENUMS = ("enum", "set")
SCALAR_FAMILIES = (
    frozenset(_STRINGS) | frozenset(_INTS) | frozenset(_FLOATS) | set(_DECIMALS) | set(_MYSQL_BLOBS)
)
"""Type names whose change may be a pure widening (the old type decides)."""


def base_name(typ: str) -> str:
    """``varchar(50)`` → ``varchar``; ``""`` when the type is not understood."""
    parsed = _parse(typ)
    return parsed[0] if parsed else ""


def is_string(typ: str) -> bool:
    """Whether ``typ`` is a string type (``varchar(50)``, ``text``, ``char(2)`` …)."""
    return base_name(typ) in _STRINGS


def is_array(typ: str) -> bool:
    """Whether ``typ`` is an array (``text[]``, ``varchar(32) ARRAY``)."""
    parsed = _parse(typ)
    return parsed is not None and parsed[2]


def same(old: str, new: str) -> bool:
    """True when ``old`` and ``new`` name the same type (case, spaces and aliases aside)."""
    a, b = _parse(old), _parse(new)
    if a is None or b is None:
        return " ".join(old.lower().split()) == " ".join(new.lower().split())
    alias = {"int4": "integer", "int": "integer", "int8": "bigint", "int2": "smallint",
             "character varying": "varchar", "bool": "boolean", "float8": "double precision",
             "decimal": "numeric"}  # fmt: skip
    if {a[0], b[0]} <= {"tinyint", "boolean", "bool"} and ["1"] in (a[1], b[1]) and a[0] != b[0]:
        return True  # (MySQL's BOOLEAN is TINYINT(1))
    return (alias.get(a[0], a[0]), a[1], a[2]) == (alias.get(b[0], b[0]), b[1], b[2])


def _unwrapped(typ: str) -> tuple[str, bool]:
    """``typ`` without ClickHouse's wrappers (lower-case), and whether one was ``Nullable``."""
    nullable = False
    typ = typ.strip().lower()
    while (m := _WRAPPED.match(typ)) is not None:
        nullable = nullable or m.group(1) == "nullable"
        typ = m.group(2).strip()
    return typ, nullable


def _shown(params: Sequence[str], case: bool = False) -> frozenset[str]:
    """An enum's labels where every one is written out, else none: compared without blanks
    or case (one side may come from the words of a statement), unless ``case``."""
    labels = [p[1:-1] for p in params if len(p) > 2 and p[0] == p[-1] == "'"]
    if not labels or len(labels) != len(params):
        return frozenset()
    return frozenset(label if case else "".join(label.split()).lower() for label in labels)


def relabelled(old: str, new: str) -> bool:
    """Whether enum ``new`` lacks a label of ``old`` as written, case counted: PostgreSQL's
    labels are case-sensitive, so ``'Branch'`` made ``'branch'`` refuses the previous
    release's value (vic, round BE). Asked only of enums both made by ``CREATE TYPE … AS
    ENUM``, whose labels are read from the statement's text, never lower-cased words."""
    old_labels, new_labels = _labels(old), _labels(new)
    return bool(old_labels and new_labels) and not old_labels <= new_labels


def _labels(typ: str) -> frozenset[str]:
    """The labels of ``enum('a', 'b')`` as written, when every one is; else none."""
    head, paren, rest = typ.strip().partition("(")
    if head.strip().lower() != "enum" or not paren or not rest.rstrip().endswith(")"):
        return frozenset()
    params = [p.strip() for p in rest.rstrip()[:-1].split(",")]
    return _shown(params, case=True)


def widens(old: str, new: str) -> bool:
    """True when every value of type ``old`` is a value of ``new``, read back unchanged.

    ``varchar(50)`` → ``varchar(100)`` or ``text``, ``integer`` → ``bigint``, ``real`` →
    ``double``, ``numeric(10,2)`` → ``numeric(12,2)``, an integer → an unbounded ``numeric``,
    an ``enum`` given more values (the values themselves are not visible, only their count).
    ``timestamp`` → ``timestamptz`` counts as one (strong_migrations' rule: safe when the
    session time zone is UTC, PostgreSQL 12+), and so does ``json`` → ``jsonb``, whose
    reads differ only in whitespace and key order; so does an ``enum`` → a string of 255
    characters or more (labels are short), or as long as its longest label where the labels
    are shown; so does ``numeric(p,s)`` → PostgreSQL's unbounded ``numeric``; so does
    ``char(n)`` → ``varchar(m)``, m ≥ n
    (round P: the values fit; only PostgreSQL's pad spaces go, which MySQL never returns);
    so does a string → a national one as long (MSSQL ``text`` → ``nvarchar(max)``).
    A change across families, or to a type with a different meaning (``varchar`` →
    ``char``, which pads), is not a widening.
    """
    (old, old_null), (new, new_null) = _unwrapped(old), _unwrapped(new)
    if old_null and not new_null:
        return False
    if same(old, new):
        return True
    a, b = _parse(old), _parse(new)
    if a is None or b is None or a[2] != b[2]:
        return False
    (ob, op, _), (nb, np_, _) = a, b
    if _sized_pair(ob, nb):
        (old_bytes, old_signed), (new_bytes, new_signed) = _int_bytes(ob), _int_bytes(nb)
        if old_signed == new_signed:
            return new_bytes >= old_bytes
        return new_signed and new_bytes > old_bytes  # UInt32 → Int64, never Int32 → UInt64
    if ob in _SPATIAL and nb == ob:
        # PostGIS: the generic `geometry` (or none) of the same SRID holds every subtype's
        # values (monitorenv's `geometry(multipoint,4326)` made `geometry(geometry,4326)`,
        # round BZ); no typmod at all holds any
        if not np_:
            return True
        if not op:
            return False  # from any geometry to one kind of one SRID: narrower
        kind, srid = np_[0].lower(), np_[1:2]
        return kind in (ob, op[0].lower()) and srid == op[1:2]
    if ob in _ENUMS and nb == ob:
        old_labels, new_labels = _shown(op), _shown(np_)
        if old_labels and new_labels:
            # both written out: every old label kept (one swapped for another of the same
            # count is a narrowing the count alone took for a widening)
            return old_labels <= new_labels
        return len(np_) >= len(op)
    if ob == "enum" and nb in _VARYING:
        # every label is a short string (uptime-kuma's analytics_type): 255 holds any, and
        # a string as long as the longest label holds every label shown (backend.ai's
        # native enums made VARCHAR(64), round AE; `enum('','')` shows only their count)
        new_len = _length(nb, np_)
        labels = [p[1:-1] for p in op if len(p) > 2 and p[0] == p[-1] == "'"]
        shown = bool(labels) and len(labels) == len(op)
        return new_len is not None and (
            new_len >= 255 or (shown and new_len >= max(len(label) for label in labels))
        )
    same_strings = (
        (ob in _VARYING and nb in _VARYING | _NATIONAL)  # a national one holds every character
        or (ob in _NATIONAL and nb in _NATIONAL)
        or (ob in _FIXED and nb in (_NATIONAL if ob == "nchar" else _VARYING | _NATIONAL))
    )
    if same_strings or (ob == nb and ob in _STRINGS):
        old_len, new_len = _lengths(ob, op, nb, np_)
        return old_len is not None and new_len is not None and new_len >= old_len
    if ob in _INTS and nb in _INTS:
        return _INTS[nb] >= _INTS[ob]
    if ob == "year" and nb in _INTS:
        # MySQL's YEAR holds 0 and 1901–2155: any integer of two bytes or more holds them,
        # signed or not (openlittermap's `MODIFY year SMALLINT UNSIGNED`, round AX)
        return _INTS[nb] >= 2
    if ob in _FLOATS and nb in _FLOATS:
        return _FLOATS[nb] >= _FLOATS[ob]
    if ob in _INTS and nb in _DECIMALS:
        if not np_:
            return True
        precision, scale = _digits(np_)
        return precision - scale >= _INT_DIGITS[_INTS[ob]]
    if ob in _INTS and nb in _FLOATS:
        # exact where the float's significand holds the integer (53 bits a double's, 24 a
        # single's; a bare `float` may be MySQL's single), and MySQL's FLOAT(M,D) keeps M-D
        # digits before the point (osu-web's tinyint → float(8,2), integer → double, round AJ)
        single = _FLOATS[nb] == 4 or nb == "float"
        fits = not np_ or _digits(np_)[0] - _digits(np_)[1] >= _INT_DIGITS[_INTS[ob]]
        if nb == "float" and len(np_) == 1 and np_[0].isdigit():
            # SQL's FLOAT(p), p the significand's bits: a double from 25 on (PostgreSQL's,
            # MySQL's; Laravel 11's `float('c')` is FLOAT(53), round BX)
            single, fits = int(np_[0]) <= 24, True
        return fits and _INTS[ob] <= (3 if single else 4)
    if ob in _FLOATS and nb in _DECIMALS and len(op) == 2:
        # MySQL's DOUBLE(M,D) rounds every value to D places and M digits: a decimal with as
        # many places and digits before the point holds each (osu-web's prices, round AJ)
        (op_p, op_s), (np_p, np_s) = _digits(op), _digits(np_)
        return np_s >= op_s and np_p - np_s >= op_p - op_s
    if ob in _DECIMALS and ob != "money" and nb in _FLOATS and len(op) == 2 and not np_:
        # a decimal of at most 15 significant digits (6 for a single) survives a double's
        # round trip, read back as the same digits, as an integer a double holds does
        # (go-api's DecimalField(max_digits=12) made a FloatField, round CD: five)
        return _digits(op)[0] <= (6 if _FLOATS[nb] == 4 or nb == "float" else 15)
    if ob in _DECIMALS and nb == "numeric" and not np_:
        return True  # PostgreSQL's unbounded numeric, as for an integer above (backend.ai)
    if ob in _DECIMALS and nb in _DECIMALS:
        (op_p, op_s), (np_p, np_s) = _digits(op), _digits(np_)
        return np_s >= op_s and np_p - np_s >= op_p - op_s
    if ob in _MYSQL_BLOBS and nb in _MYSQL_BLOBS:
        return _MYSQL_BLOBS[nb] >= _MYSQL_BLOBS[ob]  # kapua: blob → longblob
    if ob in ("varbinary", "binary") and nb in _MYSQL_BLOBS and op and op[0].isdigit():
        # MySQL's blobs hold bytes as varbinary does, as many as their size (ortelius'
        # varbinary(64000) made a BLOB of 65,535, round BK)
        return _MYSQL_BLOBS[nb] >= int(op[0])
    if ob == "uuid" and nb in _VARYING:
        # a uuid's text is 36 characters, read back as the string the driver gave before
        # (cds' `id uuid` → `varchar(36)`, round W)
        new_len = _length(nb, np_)
        return new_len is not None and new_len >= 36
    if ob == "uuid" and nb in _FIXED:
        # … and a char(36) holds it unpadded: Laravel's `uuid()` is char(36) on MySQL and
        # its `char('c', 36)` restates it (publiq-platform, round CC); a longer char pads
        return _length(nb, np_) == 36
    if ob == "json" and nb == "jsonb":
        return True  # every document is accepted and read back as the same value (normalised)
    if ob in ("timestamp", "datetime") and nb in ("timestamp", "timestamptz", "datetime"):
        # more fractional digits, or timestamp → timestamptz (safe with a UTC session); a
        # DATETIME is MySQL's, whose types hold no fractional digit unless given and whose
        # DATETIME holds every TIMESTAMP (1000-9999 against 1970-2038: save-cloud's
        # `timestamp` made `DATETIME(3)`, round AT), where PostgreSQL's hold six
        places = 0 if "datetime" in (ob, nb) else 6
        return (_digits(np_)[0] if np_ else places) >= (_digits(op)[0] if op else places)
    if ob == nb == "datetime2":
        # SQL Server's DATETIME2 holds seven fractional digits unless given fewer
        # (elcc-data-management's `datetime2(0)` made `datetime2`, round BT)
        return (_digits(np_)[0] if np_ else 7) >= (_digits(op)[0] if op else 7)
    return False
