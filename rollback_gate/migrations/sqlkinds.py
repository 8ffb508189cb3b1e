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

import re


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

# A ${placeholder} (Flyway, Liquibase, envsubst) stands for a name: one identifier token.
TOKEN = re.compile(
    r"\"[^\"]*\"|\$\{[^}\s]*\}|[A-Za-z_\x80-\uffff][\w$\x80-\uffff]*|\d+(?:\.\d+)?|''|\$\$|\S"
)
_BLOCK_HEAD = re.compile(
    r"\s*CREATE\b(?:\s+\S+){0,8}?\s+(?:TRIGGER|FUNCTION|PROCEDURE|EVENT)\b", re.IGNORECASE
)
# END IF/LOOP/WHILE/REPEAT/FOR close blocks whose openers are not counted; END CASE
# closes a counted CASE (matching it here keeps its CASE from counting as an opener).
_BLOCK_WORD = re.compile(r"\b(BEGIN|CASE|END)\b(?:\s+(IF|LOOP|WHILE|REPEAT|FOR|CASE)\b)?", re.I)
_DO_RAISE = re.compile(
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
    "UNIQUE REFERENCES CHECK CONSTRAINT AUTO_INCREMENT GENERATED ON IDENTITY"
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


def _skip(toks: list[str], up: list[str], i: int, *words: str) -> int:
    """Advance past any leading ``words`` (each may be a multi-word phrase)."""
    changed = True
    while changed:
        changed = False
        for w in words:
            ws = w.split()
            if up[i : i + len(ws)] == ws:
                i += len(ws)
                changed = True
    return i


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


def split_commas(toks: list[str], start: int) -> list[list[str]]:
    """``toks[start:]`` split at commas outside parentheses."""
    parts: list[list[str]] = [[]]
    depth = 0
    for tok in toks[start:]:
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth -= 1
        if tok == "," and depth == 0:
            parts.append([])
        else:
            parts[-1].append(tok)
    return [p for p in parts if p]


def type_text(toks: list[str]) -> str:
    """The column type at the start of ``toks`` (``varchar(50)``), lower-case."""
    out: list[str] = []
    for tok in toks:
        if tok.upper() in _TYPE_END or tok == "''":
            break
        out.append(tok)
    return re.sub(r"\s*([(),])\s*", r"\1", " ".join(out)).lower().strip()


def _alter_actions(table: str, toks: list[str], start: int) -> list[Action]:
    actions: list[Action] = []
    for part in split_commas(toks, start):
        up = [t.upper() for t in part]
        head = up[0]
        if head == "ADD":
            i = _skip(part, up, 1, "COLUMN", "IF NOT EXISTS")
            if i < len(up) and (up[i] in NOT_COLUMN or up[i] == "PARTITION" or part[i] == "("):
                actions.append(("alter_table", table))
            else:
                col, _ = _qualified(part, i)
                actions.append(("add_column", f"{table}.{col}"))
        elif head == "DROP":
            i = _skip(part, up, 1, "COLUMN", "IF EXISTS")
            if i < len(up) and up[i] == "PARTITION":
                actions.append(("drop_partition", table))
            elif i >= len(up) or up[i] in NOT_COLUMN or not is_ident(part[i]):
                actions.append(("alter_table", table))
            else:
                actions.append(("drop_column", f"{table}.{unquote(part[i])}"))
        elif head in ("ALTER", "MODIFY", "CHANGE"):
            i = _skip(part, up, 1, "COLUMN")
            if i >= len(part):
                actions.append(("alter_table", table))
                continue
            col = unquote(part[i])
            i += 1
            if head == "CHANGE":
                i += 1  # the new name; the type follows
            elif head == "ALTER":
                j = _skip(part, up, i, "SET DATA")
                if up[j : j + 1] != ["TYPE"]:
                    actions.append(("alter_table", table))
                    continue
                i = j + 1
            actions.append(("alter_type", f"{table}.{col}\t{type_text(part[i:])}"))
        elif head == "RENAME":
            i = _skip(part, up, 1, "COLUMN")
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


def _sources(toks: list[str], up: list[str], start: int) -> list[Action]:
    """Tables read by ``FROM``/``JOIN`` in an ``INSERT … SELECT`` or ``CREATE … AS``."""
    out: list[Action] = []
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


def _classify_tokens(toks: list[str], raw: str) -> tuple[str, str, list[Action], str]:
    up = [t.upper() for t in toks]
    head = up[0]
    if head == "WITH":
        depth = 0
        for i, tok in enumerate(up):
            if tok == "(":
                depth += 1
            elif tok == ")":
                depth -= 1
            elif depth == 0 and tok in ("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE") and i:
                return _classify_tokens(toks[i:], raw)
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
            name, j = _qualified(toks, _skip(toks, up, i + 1, "IF NOT EXISTS"))
            return "create_table", name, [("create_table", name), *_sources(toks, up, j)], ""
        if obj == "INDEX":
            on = up.index("ON", i) if "ON" in up[i:] else -1
            j = _skip(toks, up, on + 1, "ONLY") if on > 0 else len(toks)
            name, _ = _qualified(toks, j)
            return "create_index", name, [("create_index", name)], ""
        name, _ = _qualified(toks, _skip(toks, up, i + 1, "IF NOT EXISTS"))
        return "create_other", name, [("create_other", name)], ""
    if head == "DROP":
        i = _skip(toks, up, 1, "MATERIALIZED", "TEMPORARY", "TEMP")
        obj = up[i] if i < len(up) else ""
        i = _skip(toks, up, i + 1, "IF EXISTS", "CONCURRENTLY")
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
        i = _skip(toks, up, 1, "ONLINE", "IGNORE")
        if up[i : i + 1] != ["TABLE"]:
            return "other", "", [], ""
        table, j = _qualified(toks, _skip(toks, up, i + 1, "IF EXISTS", "ONLY"))
        actions = _alter_actions(table, toks, j)
        for kind, target in actions:
            if kind in DESTRUCTIVE_KINDS:
                return kind, target, actions, ""
        kind, target = next((a for a in actions if a[0] != "alter_table"), actions[0])
        return kind, target, actions, ""
    if head == "TRUNCATE":
        i = _skip(toks, up, 1, "TABLE", "ONLY")
        names = [n for n in (_qualified(p, 0)[0] for p in split_commas(toks, i)) if n]
        return "truncate", names[0] if names else "", [("truncate", n) for n in names], ""
    if head == "DELETE":
        i = _skip(toks, up, 1, "LOW_PRIORITY", "QUICK", "IGNORE", "TOP")
        if up[i : i + 1] == ["FROM"] or (up[i : i + 1] == ["("] and "FROM" in up):
            i = _skip(toks, up, up.index("FROM", i) + 1, "ONLY")
        name, _ = _qualified(toks, i)
        return "delete", name, [("delete", name)], ""
    if head in ("INSERT", "REPLACE", "MERGE", "UPSERT"):
        i = _skip(
            toks,
            up,
            1,
            "LOW_PRIORITY",
            "DELAYED",
            "HIGH_PRIORITY",
            "IGNORE",
            "INTO",
            "OR REPLACE",
            "OR IGNORE",
            "TOP",
        )
        name, j = _qualified(toks, i)
        return "insert", name, [("insert", name), *_sources(toks, up, j)], ""
    if head == "UPDATE":
        name, j = _qualified(toks, _skip(toks, up, 1, "ONLY", "LOW_PRIORITY", "IGNORE"))
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
        i = _skip(toks, up, 1, "TABLE")
        name, _ = _qualified(toks, i)
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
    toks = TOKEN.findall(skeleton)
    if not toks:
        return "other", "", (), ()
    kind, target, actions, _ = _classify_tokens(toks, raw)
    clean = tuple((k, t.partition("\t")[0]) for k, t in actions)
    types = tuple(
        (t.partition("\t")[0], t.partition("\t")[2]) for k, t in actions if k == "alter_type"
    )
    return kind, target.partition("\t")[0], clean, types
