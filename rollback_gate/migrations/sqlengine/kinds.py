"""Classification of scanned SQL statements: kind, target, actions, narrowing type changes.

Works on a statement's *skeleton* (comments blanked, literals replaced by ``''``, quoted
identifiers reduced to one ``"token"``), so nothing inside a comment or a string can be
mistaken for a keyword. The closed set of kinds:

========================  ==========================================================
kind                      statements
========================  ==========================================================
``create_table``          ``CREATE [TEMP] TABLE`` (also ``… AS SELECT``)
``drop_table``            ``DROP TABLE``
``drop_schema``           ``DROP SCHEMA`` / ``DROP DATABASE``
``add_column``            ``ALTER TABLE t ADD [COLUMN] c``
``drop_column``           ``ALTER TABLE t DROP [COLUMN] c`` (MySQL ``DROP c``)
``drop_partition``        MySQL ``ALTER TABLE t DROP PARTITION p`` (deletes its rows)
``alter_type``            ``ALTER COLUMN c TYPE``, MySQL ``MODIFY``/``CHANGE``
``narrow_type``           only from :func:`destructive`: an ``alter_type`` that narrows
``rename``                ``RENAME TABLE``, ``ALTER TABLE … RENAME [COLUMN]``
``alter_table``           any other ``ALTER TABLE`` action (constraints, defaults …)
``create_index``          ``CREATE [UNIQUE] INDEX``
``drop_index``            ``DROP INDEX``
``create_other``          ``CREATE VIEW/FUNCTION/TRIGGER/TYPE/SEQUENCE/EXTENSION …``
``drop_other``            ``DROP VIEW/FUNCTION/TRIGGER/TYPE/SEQUENCE/EXTENSION …``
``drop_cascade``          ``DROP TYPE/DOMAIN/EXTENSION … CASCADE`` (drops their columns)
``truncate``              ``TRUNCATE``
``delete``                ``DELETE`` (with or without ``WHERE``)
``insert``                ``INSERT``, ``REPLACE``, ``MERGE``
``update``                ``UPDATE``
``select``                ``SELECT`` that reads a table or calls a function
``do``                    ``DO`` blocks that do not merely raise
``refuse``                ``DO $$ BEGIN RAISE EXCEPTION …; END $$``, ``SIGNAL``, ``THROW``
``comment``, ``grant``,   ``COMMENT ON``; ``GRANT``/``REVOKE``; ``CALL``/``EXEC``
``call``
``transaction``           ``BEGIN``, ``START TRANSACTION``, ``COMMIT``, ``ROLLBACK`` …
``session``               ``SET``, ``RESET``, ``USE``, ``PRAGMA``
``noop``                  literal-only ``SELECT``, ``VACUUM``, ``ANALYZE``, ``LOCK`` …
``other``                 anything else
========================  ==========================================================
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from rollback_gate import lazyre


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


KINDS = _words(
    "create_table drop_table drop_schema add_column drop_column drop_partition "
    "alter_type narrow_type rename alter_table create_index drop_index create_other "
    "drop_other drop_cascade truncate delete insert update select do refuse comment "
    "grant call transaction session noop other"
)
DESTRUCTIVE_KINDS = _words(
    "drop_table drop_schema drop_column drop_partition drop_cascade truncate delete narrow_type"
)
INEFFECTIVE_KINDS = frozenset({"transaction", "session", "noop"})

# Statements that change rows, not the schema: an up step made only of these is a data
# change (a backfill), whose missing or no-op down step is RG200/RG201 at P2 in every
# framework (docs/severity-by-situation.md).
DATA_KINDS = frozenset({"insert", "update", "delete", "truncate", "select"})


def data_only(kinds: Iterable[str]) -> bool:
    """True when the effective statement kinds ``kinds`` are all data changes (and some)."""
    effective = [k for k in kinds if k not in INEFFECTIVE_KINDS]
    return bool(effective) and all(k in DATA_KINDS for k in effective)


# A ${placeholder} (Flyway, Liquibase, envsubst) stands for a name: one identifier token.
_TOKEN_SOURCE = (
    r"\"[^\"]*\"|\$\{[^}\s]*\}|[A-Za-z_\x80-\uffff][\w$\x80-\uffff]*|\d+(?:\.\d+)?|''|\$\$|\S"
)
# The same on ASCII text, where \x80-\uffff matches nothing. Compiling a \x80-\uffff class
# costs ~5 ms (re builds a 64K-entry map in Python), so the full pattern waits until a
# non-ASCII skeleton needs it.
_TOKEN_ASCII = lazyre.compile(r"\"[^\"]*\"|\$\{[^}\s]*\}|[A-Za-z_][\w$]*|\d+(?:\.\d+)?|''|\$\$|\S")


@functools.cache
def _token_full() -> re.Pattern[str]:
    return re.compile(_TOKEN_SOURCE)


def tokens(skeleton: str) -> list[str]:
    """The tokens of a skeleton: names, quoted names, numbers, ``''``, ``$$``, symbols."""
    return (_TOKEN_ASCII if skeleton.isascii() else _token_full()).findall(skeleton)


_BLOCK_HEAD = lazyre.compile(
    r"\s*CREATE\b(?:\s+\S+){0,8}?\s+(?:TRIGGER|FUNCTION|PROCEDURE|EVENT)\b", re.IGNORECASE
)
# END IF/LOOP/WHILE/REPEAT/FOR close blocks whose openers are not counted; END CASE
# closes a counted CASE (matching it here keeps its CASE from counting as an opener).
_BLOCK_WORD = lazyre.compile(r"\b(BEGIN|CASE|END)\b(?:\s+(IF|LOOP|WHILE|REPEAT|FOR|CASE)\b)?", re.I)
_DO_RAISE = lazyre.compile(
    r"\s*DO\s+(?:LANGUAGE\s+\w+\s+)?\$(\w*)\$\s*(?:DECLARE\b.*?)?BEGIN\s+"
    r"RAISE\s+EXCEPTION\b[^;]*;\s*END\s*;?\s*\$\1\$",
    re.IGNORECASE | re.DOTALL,
)
_TRANSACTION = _words("BEGIN COMMIT END ROLLBACK SAVEPOINT RELEASE ABORT")
_SESSION = _words("SET RESET USE PRAGMA SHOW DESCRIBE DESC")
_NOOP = _words(
    "VACUUM ANALYZE ANALYSE CHECKPOINT LOCK EXPLAIN NOTIFY LISTEN UNLISTEN DISCARD FLUSH"
)
_CREATE_SKIP = _words(
    "OR REPLACE TEMP TEMPORARY UNLOGGED GLOBAL LOCAL UNIQUE CLUSTERED NONCLUSTERED "
    "MATERIALIZED RECURSIVE FULLTEXT SPATIAL VIRTUAL CONSTRAINT ALGORITHM SQL "
    "SECURITY DEFINER INVOKER UNDEFINED MERGE TEMPTABLE"
)
NOT_COLUMN = _words(
    "CONSTRAINT PRIMARY FOREIGN UNIQUE INDEX KEY CHECK EXCLUDE FULLTEXT SPATIAL "
    "PERIOD DEFAULT SYSTEM"
)
_TYPE_END = _words(
    "NOT NULL DEFAULT COLLATE CHARACTER CHARSET USING COMMENT AFTER FIRST PRIMARY "
    "UNIQUE REFERENCES CHECK CONSTRAINT AUTO_INCREMENT GENERATED ON IDENTITY "
    "CODEC SETTINGS TTL MATERIALIZED ALIAS EPHEMERAL"  # ClickHouse's
)

Action = tuple[str, str]


def unquote(tok: str) -> str:
    """The identifier inside a quoted token: ``"Orders"`` gives ``Orders``."""
    return tok[1:-1] if tok.startswith('"') and tok.endswith('"') and len(tok) > 1 else tok


def is_ident(tok: str) -> bool:
    """True when a skeleton token can be a (possibly quoted or placeholder) name."""
    return bool(tok) and (
        tok[0] == '"' or tok[0].isalpha() or tok[0] == "_" or tok.startswith("${")
    )


def _qualified(toks: list[str], i: int) -> tuple[str, int]:
    """Read ``schema.table`` (any number of parts) at ``i``; return it and the next index."""
    parts: list[str] = []
    while i < len(toks) and is_ident(toks[i]):
        parts.append(unquote(toks[i]))
        if i + 2 < len(toks) and toks[i + 1] == "." and is_ident(toks[i + 2]):
            i += 2
            continue
        i += 1
        break
    return ".".join(parts), i


Phrases = tuple[tuple[str, ...], ...]


def _phrases(*words: str) -> Phrases:
    """Words (each may be a multi-word phrase) split once, for :func:`_skip`."""
    return tuple(tuple(w.split()) for w in words)


def _skip(up: list[str], i: int, words: Phrases) -> int:
    """Advance past any leading ``words`` (upper-case tokens ``up``, phrases from
    :func:`_phrases`), trying each in order, again and again until none matches."""
    n = len(up)
    while i < n:
        before = i
        for ws in words:
            if up[i] == ws[0] and (len(ws) == 1 or tuple(up[i : i + len(ws)]) == ws):
                i += len(ws)
                if i >= n:
                    return i
        if i == before:
            break
    return i


_COLUMN = _phrases("COLUMN")
_COLUMN_IF_EXISTS = _phrases("COLUMN", "IF EXISTS")  # DROP, ALTER, MODIFY [COLUMN] [IF EXISTS] c
NO_TYPE = frozenset(
    {"DEFAULT", "NULL", "NOT", "CODEC", "COMMENT", "TTL", "MATERIALIZED", "ALIAS", "EPHEMERAL",
     "REMOVE", "SETTINGS", "MODIFY", "RESET", "CONSTRAINT"}
)  # fmt: skip
"""Words that follow the column of a ``MODIFY`` that restates no type: Oracle's ``MODIFY c
DEFAULT 0``, ClickHouse's ``MODIFY COLUMN c CODEC(LZ4)`` or ``… REMOVE TTL``."""


def altered_column(up: list[str]) -> int | None:
    """Where the column of an ``ALTER``/``MODIFY``/``CHANGE`` action (upper-case tokens
    ``up``) is named, after ``COLUMN`` and ``IF EXISTS``; None for ``ALTER CONSTRAINT``,
    ``ALTER INDEX`` and ``ALTER CHECK``, and for ClickHouse's ``MODIFY``
    of what is no column: ``ORDER BY``, ``SAMPLE BY``, a materialized view's ``QUERY
    SELECT …``, ``TTL … INTERVAL …``, ``SETTING x = …``, ``COMMENT '…'``, ``REFRESH EVERY``
    (measure's sorting keys and view queries read as columns ``order`` and ``query``)."""
    i = _skip(up, 1, _COLUMN_IF_EXISTS)
    if up[0] == "ALTER" and up[1:2] in (["CONSTRAINT"], ["INDEX"], ["CHECK"]):
        return None  # PostgreSQL's `ALTER CONSTRAINT c DEFERRABLE` (boundary), MySQL's index
    if up[0] != "MODIFY" or i != 1 or len(up) < 3:
        return i
    word, after = up[1], up[2]
    if (
        (word in ("ORDER", "SAMPLE") and after == "BY")
        or (word == "QUERY" and after in ("SELECT", "WITH", "("))
        or (word == "TTL" and "INTERVAL" in up)
        or (word in ("SETTING", "SETTINGS") and "=" in up)
        or (word == "COMMENT" and after == "''")
        or (word == "REFRESH" and after in ("EVERY", "AFTER"))
    ):
        return None
    return i


_ADD_SKIP = _phrases("COLUMN", "IF NOT EXISTS")
_SET_DATA = _phrases("SET DATA")
_IF_NOT_EXISTS = _phrases("IF NOT EXISTS")
_ONLY = _phrases("ONLY")
_DROP_SKIP = _phrases("MATERIALIZED", "TEMPORARY", "TEMP")
_DROP_IF = _phrases("IF EXISTS", "CONCURRENTLY")
_ALTER_SKIP = _phrases("ONLINE", "IGNORE")
_ALTER_TABLE_SKIP = _phrases("IF EXISTS", "ONLY")
_TRUNCATE_SKIP = _phrases("TABLE", "ONLY")
_DELETE_SKIP = _phrases("LOW_PRIORITY", "QUICK", "IGNORE", "TOP")
_INSERT_SKIP = _phrases(
    "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE", "INTO", "OR REPLACE", "OR IGNORE", "TOP"
)
_UPDATE_SKIP = _phrases("ONLY", "LOW_PRIORITY", "IGNORE")
_TABLE = _phrases("TABLE")


def open_block(skeleton: str) -> bool:
    """True when ``skeleton`` is a trigger/routine whose ``BEGIN … END`` body is still open."""
    if not _BLOCK_HEAD.match(skeleton):
        return False
    depth = 0
    for m in _BLOCK_WORD.finditer(skeleton):
        word = m.group(1).upper()
        if word in ("BEGIN", "CASE"):
            depth += 1
        elif m.group(2) is None or m.group(2).upper() == "CASE":
            depth -= 1
    return depth > 0


def _comma_spans(toks: list[str], start: int) -> list[tuple[int, int]]:
    """``(begin, end)`` of the non-empty parts of ``toks[start:]`` between commas outside
    parentheses (as :func:`split_commas`, by index)."""
    if "," not in toks:
        return [(start, len(toks))] if start < len(toks) else []
    spans: list[tuple[int, int]] = []
    depth = 0
    begin = start
    for i in range(start, len(toks)):
        tok = toks[i]
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth -= 1
        elif tok == "," and depth == 0:
            if i > begin:
                spans.append((begin, i))
            begin = i + 1
    if len(toks) > begin:
        spans.append((begin, len(toks)))
    return spans


def split_commas(toks: list[str], start: int) -> list[list[str]]:
    """``toks[start:]`` split at commas outside parentheses."""
    return [toks[a:b] for a, b in _comma_spans(toks, start)]


# (an array's `[]` too, and a schema's dot: `public . t_enum` is `public.t_enum`, opal-fines-
# service's enum, whose labels were then never found: round AV)
_TYPE_SPACES = lazyre.compile(r"\s*([(),.[\]])\s*")


def not_null(words: list[str]) -> bool:
    """Whether upper-case ``words`` say ``NOT NULL``."""
    return any(w == "NULL" and i and words[i - 1] == "NOT" for i, w in enumerate(words))


def type_text(toks: list[str], raw: str = "") -> str:
    """The column type at the start of ``toks`` (``varchar(50)``), lower-case; an enum's
    labels as ``raw``, the statement's text, writes them (:func:`labelled`)."""
    typ = _type_text(toks, [t.upper() for t in toks])
    return labelled(raw, typ) if raw else typ


_LABEL_LIST = lazyre.compile(
    r"\b(enum|set)\s*\(\s*('(?:[^']|'')*'(?:\s*,\s*'(?:[^']|'')*')*)\s*\)", re.IGNORECASE
)
_LABEL = lazyre.compile(r"'(?:[^']|'')*'")


def labelled(raw: str, typ: str) -> str:
    """``typ`` read from a skeleton (``enum('','')``: its labels blanked, or spaced and
    lower-cased where a renderer's text was read as words) with its labels as ``raw``, the
    statement's text, writes them: where exactly one list of ``raw`` fits it (as many
    labels; the same ones but for case and spaces, unless blanked). Else ``typ``: the
    labels' count is all that is known (eventschedule's MySQL `ENUM('venue', …)` and
    osparc's `sa.Enum('NOT_STARTED', …)` were shown as `enum('','')` and
    `enum(' not_started ')`, round AU)."""
    head, paren, rest = typ.partition("(")
    if head not in ("enum", "set") or not paren or "'" not in rest:
        return typ
    shown = _LABEL.findall(rest)
    blank = all(label == "''" for label in shown)
    fits = set()
    for m in _LABEL_LIST.finditer(raw):
        labels = _LABEL.findall(m.group(2))
        if m.group(1).lower() != head or len(labels) != len(shown):
            continue
        if blank or _squeezed(labels) == _squeezed(shown):
            fits.add(f"{head}({','.join(labels)})")
    return fits.pop() if len(fits) == 1 else typ


def _squeezed(labels: list[str]) -> list[str]:
    return ["".join(label.lower().split()) for label in labels]


def _type_text(toks: list[str], up: list[str]) -> str:
    out: list[str] = []
    depth = 0  # inside parentheses a string is a parameter: enum('a','b'), DateTime64(3,'UTC')
    for i, (tok, u) in enumerate(zip(toks, up, strict=True)):
        depth += (tok == "(") - (tok == ")")
        # CHARACTER ends the type only as MySQL's CHARACTER SET; else it is the type
        ends = u in _TYPE_END and (u != "CHARACTER" or up[i + 1 : i + 2] == ["SET"])
        # (MySQL's generated column, `DATETIME(3) AS (…) VIRTUAL`: its expression is no part
        # of its type; Bookkeeping's `time_start`, round CM)
        ends = ends or (u == "AS" and toks[i + 1 : i + 2] == ["("])
        if depth <= 0 and (ends or tok == "''"):
            break
        out.append(tok)
    if out[:1] == ["("]:
        # no type's name: a malformed statement read past its column (madison's down step
        # `CHANGE COLUMN search_id VARCHAR(255) IS NOT NULL`, whose "old type" the message
        # said was "(255)is", round BC)
        return ""
    return _TYPE_SPACES.sub(r"\1", " ".join(out)).lower().strip()


def _alter_actions(table: str, all_toks: list[str], all_up: list[str], start: int) -> list[Action]:
    actions: list[Action] = []
    for a, b in _comma_spans(all_toks, start):
        part, up = all_toks[a:b], all_up[a:b]
        head = up[0]
        if head == "ADD":
            i = _skip(up, 1, _ADD_SKIP)
            if i < len(up) and (up[i] in NOT_COLUMN or up[i] == "PARTITION" or part[i] == "("):
                actions.append(("alter_table", table))
            else:
                col, _ = _qualified(part, i)
                actions.append(("add_column", f"{table}.{col}"))
        elif head == "DROP":
            i = _skip(up, 1, _COLUMN_IF_EXISTS)
            # after COLUMN a name is a column's whatever word it is (firefly's `DROP COLUMN
            # key`, round Q: the drop was not seen at all)
            named = up[1:2] == ["COLUMN"] and i < len(up) and is_ident(part[i])
            if i < len(up) and up[i] == "PARTITION" and not named:
                actions.append(("drop_partition", table))
            elif not named and (i >= len(up) or up[i] in NOT_COLUMN or not is_ident(part[i])):
                actions.append(("alter_table", table))
            else:
                actions.append(("drop_column", f"{table}.{unquote(part[i])}"))
        elif head in ("ALTER", "MODIFY", "CHANGE"):
            at = altered_column(up)
            if at is None or at >= len(part):
                actions.append(("alter_table", table))
                continue
            col, i = _qualified(part, at)  # (ClickHouse's nested `inet.ipv4`)
            if head == "CHANGE":
                i += 1  # the new name; the type follows
            elif head == "ALTER":
                j = _skip(up, i, _SET_DATA)
                if up[j : j + 1] != ["TYPE"]:
                    actions.append(("alter_table", table))
                    continue
                i = j + 1
            elif up[i : i + 1] and up[i] in NO_TYPE:  # MODIFY c DEFAULT 0, … CODEC(LZ4)
                actions.append(("alter_table", table))
                continue
            actions.append(("alter_type", f"{table}.{col}\t{_type_text(part[i:], up[i:])}"))
        elif head == "RENAME":
            i = _skip(up, 1, _COLUMN)
            if up[i : i + 1] in (["TO"], ["AS"]):
                actions.append(("rename", table))
            elif up[i : i + 1] in (["INDEX"], ["KEY"], ["CONSTRAINT"]):
                actions.append(("alter_table", table))
            else:
                actions.append(("rename", f"{table}.{unquote(part[i]) if i < len(part) else ''}"))
        elif actions and actions[-1][0] == "drop_column" and is_ident(part[0]) and len(part) == 1:
            # SQL Server: ALTER TABLE t DROP COLUMN a, b
            actions.append(("drop_column", f"{table}.{unquote(part[0])}"))
        else:
            actions.append(("alter_table", table))
    return actions or [("alter_table", table)]


def _aliased(toks: list[str], up: list[str], alias: str, start: int) -> str:
    """The table an alias in a multi-table ``DELETE a FROM orders a JOIN …`` stands for."""
    i = start + 1
    while i < len(toks):
        name, j = _qualified(toks, i)
        if not name:
            break
        k = j + 1 if up[j : j + 1] == ["AS"] else j
        if name == alias or (k < len(toks) and unquote(toks[k]) == alias):
            return name
        while k < len(toks) and up[k] not in (",", "JOIN", "WHERE", "USING"):
            k += 1
        if k >= len(toks) or up[k] in ("WHERE", "USING"):
            break
        i = k + 1
    return alias


def _sources(toks: list[str], up: list[str], start: int) -> list[Action]:
    """Tables read by ``FROM``/``JOIN`` in an ``INSERT … SELECT`` or ``CREATE … AS``, and
    by PostgreSQL's ``CREATE TABLE b AS TABLE a`` (every row of ``a``: court-case-service
    backs ``offence`` up so before rebuilding it, round AE)."""
    out: list[Action] = []
    no_data = any(up[i : i + 2] == ["NO", "DATA"] for i in range(start, len(up)))
    if up[start : start + 2] == ["AS", "TABLE"] and not no_data:  # (WITH NO DATA: no row)
        name, _ = _qualified(toks, start + 2)
        if name:
            out.append(("copy_from", name))
    if "FROM" not in up and "JOIN" not in up:
        return out
    for i in range(start, len(toks) - 1):
        if up[i] in ("FROM", "JOIN"):
            name, _ = _qualified(toks, i + 1)
            if name:
                out.append(("copy_from", name))
    return out


def _copied_columns(table: str, toks: list[str], up: list[str], start: int) -> list[Action]:
    """Columns read by the ``SET`` of an ``UPDATE`` (``SET new_c = old_c``): copied out."""
    if "SET" not in up[start:]:
        return []
    out: list[Action] = []
    begin = up.index("SET", start) + 1
    end = next(
        (i for i in range(begin, len(up)) if up[i] in ("WHERE", "FROM", "RETURNING")), len(up)
    )
    for part in split_commas(toks[:end], begin):
        if "=" in part:
            rhs = part[part.index("=") + 1 :]
            out.extend(("copy_column", f"{table}.{unquote(t)}") for t in rhs if is_ident(t))
    return out


def _classify_tokens(
    toks: list[str], up: list[str], raw: str
) -> tuple[str, str, list[Action], str]:
    head = up[0]
    if head == "WITH":
        depth = 0
        for i, tok in enumerate(up):
            if tok == "(":
                depth += 1
            elif tok == ")":
                depth -= 1
            elif depth == 0 and tok in ("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE") and i:
                return _classify_tokens(toks[i:], up[i:], raw)
        return "select", "", [], ""
    if head == "CREATE":
        i = 1
        while i < len(up) and (
            up[i] in _CREATE_SKIP
            or toks[i] in ("=", "@")
            or up[i - 1] in ("DEFINER", "ALGORITHM", "=", "@")
        ):
            i += 1
        obj = up[i] if i < len(up) else ""
        if obj == "TABLE":
            name, j = _qualified(toks, _skip(up, i + 1, _IF_NOT_EXISTS))
            return "create_table", name, [("create_table", name), *_sources(toks, up, j)], ""
        if obj == "INDEX":
            on = up.index("ON", i) if "ON" in up[i:] else -1
            j = _skip(up, on + 1, _ONLY) if on > 0 else len(toks)
            name, _ = _qualified(toks, j)
            return "create_index", name, [("create_index", name)], ""
        name, _ = _qualified(toks, _skip(up, i + 1, _IF_NOT_EXISTS))
        return "create_other", name, [("create_other", name)], ""
    if head == "DROP":
        i = _skip(up, 1, _DROP_SKIP)
        obj = up[i] if i < len(up) else ""
        i = _skip(up, i + 1, _DROP_IF)
        if obj == "TABLE":
            names = [_qualified(p, 0)[0] for p in split_commas(toks, i)]
            names = [n for n in names if n]
            return "drop_table", names[0] if names else "", [("drop_table", n) for n in names], ""
        name, j = _qualified(toks, i)
        if obj in ("SCHEMA", "DATABASE"):
            return "drop_schema", name, [("drop_schema", name)], ""
        if obj == "INDEX":
            if up[j : j + 1] == ["ON"]:
                name = _qualified(toks, j + 1)[0] or name
            return "drop_index", name, [("drop_index", name)], ""
        if obj in ("TYPE", "DOMAIN", "EXTENSION") and "CASCADE" in up:
            return "drop_cascade", name, [("drop_cascade", name)], ""
        return "drop_other", name, [("drop_other", name)], ""
    if head == "ALTER":
        i = _skip(up, 1, _ALTER_SKIP)
        if up[i : i + 1] != ["TABLE"]:
            return "other", "", [], ""
        table, j = _qualified(toks, _skip(up, i + 1, _ALTER_TABLE_SKIP))
        actions = _alter_actions(table, toks, up, j)
        for kind, target in actions:
            if kind in DESTRUCTIVE_KINDS:
                return kind, target, actions, ""
        kind, target = next((a for a in actions if a[0] != "alter_table"), actions[0])
        return kind, target, actions, ""
    if head == "TRUNCATE":
        i = _skip(up, 1, _TRUNCATE_SKIP)
        names = [n for n in (_qualified(p, 0)[0] for p in split_commas(toks, i)) if n]
        return "truncate", names[0] if names else "", [("truncate", n) for n in names], ""
    if head == "DELETE":
        i = _skip(up, 1, _DELETE_SKIP)
        if up[i : i + 1] == ["FROM"] or (up[i : i + 1] == ["("] and "FROM" in up):
            i = _skip(up, up.index("FROM", i) + 1, _ONLY)
        name, _ = _qualified(toks, i)
        if "FROM" in up[i:] and up[i] != "FROM":  # MySQL `DELETE a FROM orders a JOIN …`
            name = _aliased(toks, up, name, up.index("FROM", i))
        return "delete", name, [("delete", name)], ""
    if head in ("INSERT", "REPLACE", "MERGE", "UPSERT"):
        name, j = _qualified(toks, _skip(up, 1, _INSERT_SKIP))
        return "insert", name, [("insert", name), *_sources(toks, up, j)], ""
    if head == "UPDATE":
        name, j = _qualified(toks, _skip(up, 1, _UPDATE_SKIP))
        return "update", name, [("update", name), *_copied_columns(name, toks, up, j)], ""
    if head == "SELECT":
        literal = all(
            t in ("''", ",", "(", ")", "-", "+", "AS", "NULL", "TRUE", "FALSE", "SELECT")
            or t[0].isdigit()
            or (up[k - 1] == "AS")
            for k, t in enumerate(up)
        )
        if literal:
            return "noop", "", [], ""
        reads = [("read_from", t) for _, t in _sources(toks, up, 1)]
        return "select", reads[0][1] if reads else "", reads, ""
    if head == "RENAME":
        name, _ = _qualified(toks, _skip(up, 1, _TABLE))
        return "rename", name, [("rename", name)], ""
    if head in _TRANSACTION or (head == "START" and up[1:2] == ["TRANSACTION"]):
        return "transaction", "", [], ""
    if head in _SESSION:
        return "session", "", [], ""
    if head in _NOOP:
        return "noop", "", [], ""
    if head == "DO":
        return ("refuse" if _DO_RAISE.match(raw) else "do"), "", [], ""
    if head in ("SIGNAL", "RAISERROR", "THROW") or up[:2] == ["RAISE", "EXCEPTION"]:
        return "refuse", "", [], ""
    if head == "COMMENT":
        return "comment", "", [], ""
    if head in ("GRANT", "REVOKE"):
        return "grant", "", [], ""
    if head in ("CALL", "EXEC", "EXECUTE"):
        return "call", "", [], ""
    return "other", "", [], ""


def classify(
    skeleton: str, raw: str
) -> tuple[str, str, tuple[Action, ...], tuple[tuple[str, str], ...]]:
    """``(kind, target, actions, new_types)`` of one statement's skeleton.

    ``new_types`` pairs each ``table.column`` whose type the statement changes with the
    new type (lower-case, parameters kept: ``varchar(50)``).
    """
    toks = tokens(skeleton)
    if not toks:
        return "other", "", (), ()
    up = list(map(str.upper, toks))
    kind, target, actions, _ = _classify_tokens(toks, up, raw)
    clean: list[Action] = []
    types: list[tuple[str, str]] = []
    for k, t in actions:
        name, _, typ = t.partition("\t")
        clean.append((k, name))
        if k == "alter_type":
            types.append((name, labelled(raw, typ)))
    return kind, target.partition("\t")[0], tuple(clean), tuple(types)
