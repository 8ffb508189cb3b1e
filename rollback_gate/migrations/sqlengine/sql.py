"""A dialect-agnostic SQL tokenizer and statement splitter for migration files.

Migration histories mix PostgreSQL, MySQL, SQLite and SQL Server syntax, often in one repo,
so this module does not parse SQL: it *scans* it. One pass over the text recognises

* ``-- line`` and ``/* block */`` comments (nested, as PostgreSQL allows; MySQL ``#``
  comments when the file looks like MySQL, whose ``/*!80031 … */`` executable comments
  are code),
* ``'strings'`` with ``''`` escapes, ``E'…'`` strings with backslash escapes (and backslash
  escapes in every string when the file looks like MySQL: backticks, ``ENGINE=``,
  ``AUTO_INCREMENT``),
* ``"double"``, ```backtick``` and ``[bracket]`` quoted identifiers,
* dollar-quoted bodies ``$$ … $$`` and ``$tag$ … $tag$``,
* ``BEGIN … END`` bodies of ``CREATE TRIGGER/FUNCTION/PROCEDURE/EVENT`` written without
  dollar quotes (SQLite and MySQL triggers), whose inner ``;`` do not end the statement,
* the MySQL client's ``DELIMITER //`` switch and SQL Server's ``GO`` batch separator,

and splits statements on ``;`` outside all of these. Every :class:`Statement` keeps its
exact executable text (for ``verify``) and a classification (:mod:`.sqlkinds`).

Why a hand scanner and not a parser (``benchmarks/sql_parsers.py``: 2,000 generated
migration files, two thirds PostgreSQL, the rest MySQL and SQLite, one core of a loaded
2-core machine): the scanner splits and classifies ~3,800 files/s (~1.5x pglast on the
same run) and rejects none; ``pglast.parse_sql`` ~2,500 files/s but rejects every
MySQL/SQLite file (666 of 2,000); sqlglot ~500 files/s and rejects 265 files read as
PostgreSQL, 957 read as MySQL. Migration analysis needs statement boundaries, leading
keywords and targets, which the scanner gets right in every dialect.

The scanner never raises on any input: unterminated strings or comments run to the end
of the text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence

from rollback_gate import lazyre
from rollback_gate.migrations.sqlengine import kinds as sqlkinds
from rollback_gate.migrations.sqlengine import loss as sqlloss
from rollback_gate.migrations.sqlengine.blocks import block_actions
from rollback_gate.migrations.sqlengine.model import Problem as Problem
from rollback_gate.migrations.sqlengine.model import Statement as Statement

# The characters that can start something other than plain code.
_SPECIAL = lazyre.compile(r"--|/\*|\*/|['\"`\[;#$]")
_ARRAY_DIMS = lazyre.compile(r"\[\d*\]")  # PostgreSQL's `int[]`, `text[3]`: not a [quoted] name
# A line holding only GO is SQL Server's batch separator (sqlcmd, SSMS, Flyway); honoured
# only in T-SQL-looking text, where a lone `go` cannot be a column name on its own line.
_GO_LINE = lazyre.compile(r"^[ \t]*GO[ \t]*\r?$", re.MULTILINE | re.IGNORECASE)
_TSQLISH = lazyre.compile(r"\[\w+\]|\bdbo\.|\bNVARCHAR\b|\bIDENTITY\s*\(|\bN'", re.IGNORECASE)
_SPECIAL_TSQL = lazyre.compile(r"--|/\*|\*/|['\"`\[;#$]|^[ \t]*[Gg][Oo][ \t]*\r?$", re.MULTILINE)
_EXEC_COMMENT = lazyre.compile(r"/\*!\d*")
_SPACE = lazyre.compile(r"\s*")
_BLOCK = lazyre.compile(r"/\*|\*/")
# Dollar tags and quoted-name cleaning, with their cheaper twins for ASCII text (where
# \x80-\uffff matches nothing): compiling a \x80-\uffff class costs ~5 ms (re builds a
# 64K-entry map in Python), so the full patterns wait until non-ASCII text needs them.
_DOLLAR_SOURCE = r"\$([A-Za-z_\x80-\uffff][\w\x80-\uffff]*)?\$"
_DOLLAR_ASCII = lazyre.compile(r"\$([A-Za-z_]\w*)?\$")
_NOT_IDENT_SOURCE = r"[^\w.$\x80-\uffff]"
_NOT_IDENT_ASCII = lazyre.compile(r"[^\w.$]")
_MYSQLISH = lazyre.compile(r"`|\bENGINE\s*=|\bAUTO_INCREMENT\b", re.IGNORECASE)
# a line that starts with MySQL's `#` comment (`# NOTE: …`; not PostgreSQL's `#>` operators
# nor SQL Server's `#temp` tables): warrant's mysql files, whose comments hid the statement
# after them (round V)
_HASH_COMMENT_LINE = lazyre.compile(r"^[ \t]*#(?:[ \t#]|$)", re.MULTILINE)
_DELIMITER = lazyre.compile(r"[ \t]*DELIMITER[ \t]+(\S+)[ \t]*(?:\r?\n|$)", re.IGNORECASE)
_SIMPLE_QUOTED = lazyre.compile(r"'[^'\\]*'(?!')|\"[A-Za-z_][\w$]*\"(?!\")")
_GO_FIRST = frozenset(" \tGg")  # how a GO line token starts; no other token does
_BLOCK_WORDS = lazyre.compile(r"TRIGGER|FUNCTION|PROCEDURE|EVENT", re.IGNORECASE)
_IDENT_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")

DESTRUCTIVE_KINDS = sqlkinds.DESTRUCTIVE_KINDS
INEFFECTIVE_KINDS = sqlkinds.INEFFECTIVE_KINDS
KINDS = sqlkinds.KINDS


def _looks_mysql(text: str, upper: str | None = None) -> bool:
    """``_MYSQLISH`` found in ``text``; ``upper`` (``text.upper()`` of ASCII text) lets a
    substring test rule the case-insensitive regex out in a fraction of its time."""
    if "`" in text or ("#" in text and _HASH_COMMENT_LINE.search(text) is not None):
        return True
    if upper is not None and "ENGINE" not in upper and "AUTO_INCREMENT" not in upper:
        return False
    return _MYSQLISH.search(text) is not None


def _features(text: str, mysql: bool | None) -> tuple[bool, bool, bool, bool]:
    """``(ascii, mysql, tsql, blocks)``: whether ``text`` is ASCII, MySQL string rules,
    ``GO`` batch lines, and whether a statement of ``text`` can be a trigger/routine whose
    ``BEGIN … END`` body hides ``;``.

    ASCII text (nearly all) is first tested with substring searches on its upper-case copy;
    a case-insensitive regex runs only when its keyword is there, so every answer is the
    regex's own. ``blocks`` False is exact: a skeleton's letters come from the text in
    unbroken runs (comments, literals and quotes become non-letters), so no statement of a
    text without ``TRIGGER``/``FUNCTION``/``PROCEDURE``/``EVENT`` can pass
    :func:`sqlkinds.open_block`.
    """
    is_ascii = text.isascii()
    if is_ascii:
        upper = text.upper()
        if mysql is None:
            mysql = _looks_mysql(text, upper)
        tsql = "GO" in upper and _GO_LINE.search(text) is not None
        blocks = (
            "TRIGGER" in upper or "FUNCTION" in upper or "PROCEDURE" in upper or "EVENT" in upper
        )
    else:
        if mysql is None:
            mysql = _looks_mysql(text)
        tsql = _GO_LINE.search(text) is not None
        blocks = _BLOCK_WORDS.search(text) is not None
    return is_ascii, mysql, tsql and _TSQLISH.search(text) is not None, blocks


# `COPY t (…) FROM stdin;` in a dump: its rows follow as data, ended by a line `\.`
_FROM_STDIN = lazyre.compile(r"\bFROM\s+STDIN\b", re.IGNORECASE)
_DATA_END = lazyre.compile(r"^\\\.[ \t\r]*$", re.MULTILINE)


def _scan(
    text: str, mysql: bool | None = None
) -> tuple[list[tuple[int, int, int, str]], Problem | None]:
    """Split ``text`` into ``(start, end, line, skeleton)`` per statement, plus a problem."""
    is_ascii, mysql, tsql, blocks = _features(text, mysql)
    dollar = (_DOLLAR_ASCII if is_ascii else _full(_DOLLAR_SOURCE)).match
    search = (_SPECIAL_TSQL if tsql else _SPECIAL).search
    space = _SPACE.match
    out: list[tuple[int, int, int, str]] = []
    problem: Problem | None = None
    n = len(text)
    pos = 0
    start = -1  # offset of the current statement's first token
    start_line = 1
    skel: list[str] = []
    append = skel.append
    delimiter = ";"
    executable_comment = False
    # Lines are counted lazily, only where a statement starts or a problem sits (offsets
    # only grow), so a long file costs one pass of str.count, not a Python step per line.
    # A problem's line is counted from the last statement start without moving it.
    seen = 0
    seen_line = 1

    while pos < n:
        if start < 0:
            # Between statements: skip whitespace, honour the client's DELIMITER switch.
            pos = space(text, pos).end()  # type: ignore[union-attr]
            if pos >= n:
                break
            if text[pos] in "dD":
                dm = _DELIMITER.match(text, pos)
                if dm:
                    delimiter = dm.group(1)
                    pos = dm.end()
                    continue
        if delimiter != ";":
            idx = text.find(delimiter, pos)
            m = search(text, pos, idx if idx >= 0 else n)
            if m is None:
                stop = n if idx < 0 else idx
                chunk = text[pos:stop]
                if start < 0 and chunk and not chunk.isspace():
                    start = pos + len(chunk) - len(chunk.lstrip())
                    seen_line += text.count("\n", seen, start)
                    seen = start
                    start_line = seen_line
                append(chunk)
                if start >= 0:
                    out.append((start, stop, start_line, "".join(skel)))
                start = -1
                skel.clear()
                pos = n if idx < 0 else idx + len(delimiter)
                continue
        else:
            m = search(text, pos)
        if m is None:
            chunk = text[pos:]
            if start < 0 and chunk and not chunk.isspace():
                start = pos + len(chunk) - len(chunk.lstrip())
                seen_line += text.count("\n", seen, start)
                seen = start
                start_line = seen_line
            append(chunk)
            pos = n
            break
        at = m.start()
        if at > pos:
            chunk = text[pos:at]
            if start < 0 and not chunk.isspace():
                start = pos + len(chunk) - len(chunk.lstrip())
                seen_line += text.count("\n", seen, start)
                seen = start
                start_line = seen_line
            append(chunk)
        tok = m.group()
        if tok == ";":
            if delimiter != ";" or (start >= 0 and blocks and sqlkinds.open_block("".join(skel))):
                append(";")
            else:
                pos = at + 1
                if start >= 0:
                    statement = "".join(skel)
                    out.append((start, at, start_line, statement))
                    if statement[:4].upper() == "COPY" and _FROM_STDIN.search(statement):
                        # psql's data rows follow, up to a line `\.`: no statements
                        rows = _DATA_END.search(text, pos)
                        pos = n if rows is None else rows.end()
                start = -1
                skel.clear()
                continue
            pos = at + 1
            continue
        if tok == "--" or (tok == "#" and mysql):
            end = text.find("\n", at)
            append(" ")
            pos = n if end < 0 else end
            continue
        if tok == "/*" and not (mysql and text.startswith("/*!", at)):
            end = _block_end(text, at, nested=not mysql)
            if end < 0:
                if problem is None:
                    problem = (seen_line + text.count("\n", seen, at), "unterminated /* comment")
                end = n
            append(" ")
            pos = end
            continue
        if tok == "*/" and executable_comment:
            append(" ")
            executable_comment = False
            pos = at + 2
            continue
        if tok[0] in _GO_FIRST:  # a GO line (T-SQL text only): the batch ends
            if start >= 0:
                out.append((start, at, start_line, "".join(skel)))
            start = -1
            skel.clear()
            pos = m.end()
            continue
        # Everything else starts (or continues) a statement here.
        if start < 0:
            start = at
            seen_line += text.count("\n", seen, at)
            seen = at
            start_line = seen_line
        if tok == "[" and (dims := _ARRAY_DIMS.match(text, at)) is not None:
            append(dims.group())  # an array's `[]` or `[3]` (`text[]`), no quoted name
            pos = dims.end()
            continue
        if tok == "'" or tok == '"' or tok == "`" or tok == "[":
            simple = _SIMPLE_QUOTED.match(text, at)
            if simple is not None:
                # Fast path for the common case: "Name" or 'text' with nothing to escape.
                append("''" if tok == "'" else simple.group())
                pos = simple.end()
                continue
            if tok == "'":
                escapes = mysql or (
                    at > 0 and text[at - 1] in "eE" and not _ident_before(text, at - 1)
                )
                end = _quoted_end(text, at, "'", escapes)
            else:
                end = _quoted_end(text, at, "]" if tok == "[" else tok, mysql and tok == '"')
            if end < 0:
                if problem is None:
                    problem = (seen_line + text.count("\n", seen, at), f"unterminated {tok} quote")
                end = n
            append("''" if tok == "'" else '"' + _ident(text[at + 1 : end - 1]) + '"')
            pos = end
        elif tok == "$":
            dm = dollar(text, at)
            if dm is None or (at > 0 and text[at - 1] in _IDENT_CHARS):
                append("$")
                pos = at + 1
            else:
                tag = dm.group()
                close = text.find(tag, dm.end())
                if close < 0:
                    if problem is None:
                        problem = (
                            seen_line + text.count("\n", seen, at),
                            f"unterminated {tag} body",
                        )
                    pos = n
                else:
                    pos = close + len(tag)
                append("$$")
        elif tok == "/*":
            # MySQL executable comment (/*!80031 ALTER TABLE … */): its body is code.
            executable_comment = True
            append(" ")
            pos = _EXEC_COMMENT.match(text, at).end()  # type: ignore[union-attr]
        else:  # "#" outside MySQL, or a plain `*` (as in `2*/* c */3`): the `/` may open a comment
            append(tok[0])
            pos = at + 1
    if start >= 0:
        out.append((start, n, start_line, "".join(skel)))
    return out, problem


def _ident_before(text: str, at: int) -> bool:
    return at > 0 and text[at - 1] in _IDENT_CHARS


@functools.cache
def _full(source: str) -> re.Pattern[str]:
    return re.compile(source)


_COMPUTED = lazyre.compile(r"(?:[\w$]|\$\{[\w.$]*\})*")


def _ident(raw: str) -> str:
    # Keep a quoted identifier one opaque token: no keyword inside it may match. A name
    # built at run time (`"${prefix}_users"`, from code) keeps its `${…}` for messages.
    if "${" in raw and _COMPUTED.fullmatch(raw):
        return raw
    return (_NOT_IDENT_ASCII if raw.isascii() else _full(_NOT_IDENT_SOURCE)).sub("_", raw)


def _quoted_end(text: str, at: int, close: str, escapes: bool) -> int:
    """Offset just past the quote closing the one opened at ``at`` (or the text's end)."""
    n = len(text)
    i = at + 1
    while True:
        j = text.find(close, i)
        if j < 0:
            return -1
        if escapes:
            k = text.rfind("\\", i, j)
            if k == j - 1:
                # Count the backslashes right before the quote: odd means escaped.
                run = 0
                while j - 1 - run >= i and text[j - 1 - run] == "\\":
                    run += 1
                if run % 2 == 1:
                    i = j + 1
                    continue
        if (j + 1 < n and text[j + 1] == close and close != "]") or (
            close == "]" and j + 1 < n and text[j + 1] == "]"
        ):
            i = j + 2
            continue
        return j + 1


def _block_end(text: str, at: int, nested: bool) -> int:
    depth = 0
    for m in _BLOCK.finditer(text, at):
        if m.group(0) == "/*":
            if depth == 0 or nested:
                depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.end()
    return -1


def split_statements(text: str, *, mysql: bool | None = None) -> list[Statement]:
    """The statements of ``text``, in order, each with its exact text, line and kind.

    ``mysql`` forces MySQL string rules (backslash escapes, ``#`` comments); ``None`` guesses
    from the text. Comment-only or empty input gives ``[]``.
    """
    return split_checked(text, mysql=mysql)[0]


def split_checked(
    text: str, *, mysql: bool | None = None
) -> tuple[list[Statement], Problem | None]:
    """Like :func:`split_statements`, plus the first unterminated quote or comment, if any.

    An unterminated construct usually means a syntax error the database will reject; the
    statements are still returned (the construct runs to the end of the text).
    """
    key = (text, mysql)
    done = _RECENT.get(key)
    if done is None:
        done = _split(text, mysql)
        if len(_RECENT) >= _RECENT_SIZE:
            del _RECENT[next(iter(_RECENT))]
        _RECENT[key] = done
    return list(done[0]), done[1]


# The last few texts split, with their (immutable) statements: a migration's sections are
# split for the structure check and again for the verdict; is_effective re-splits too.
_RECENT: dict[tuple[str, bool | None], tuple[tuple[Statement, ...], Problem | None]] = {}
_RECENT_SIZE = 16


# A Go template action (gobuffalo/pop runs its SQL files through text/template:
# ``ALTER TABLE {{ index .Options "Namespace" }}.users``), on one line.
_GO_TEMPLATE = lazyre.compile(r"\{\{-?\s*([^{}\n]*?)\s*-?\}\}")


def _go_placeholder(m: re.Match[str]) -> str:
    """``{{ index .Options "Namespace" }}`` → ``${Namespace}``, padded before to the same length
    (lines and columns stay the file's): a name known at run time, as a ``${placeholder}``."""
    words = re.findall(r"\w+", m.group(1))
    return ("${" + (words[-1] if words else "template") + "}").rjust(len(m.group(0)))


def _split(text: str, mysql: bool | None) -> tuple[tuple[Statement, ...], Problem | None]:
    if "{{" in text:
        text = _GO_TEMPLATE.sub(_go_placeholder, text)
    result: list[Statement] = []
    spans, problem = _scan(text, mysql)
    for start, end, line, skeleton in spans:
        raw = text[start:end].rstrip()
        if not raw:
            continue
        kind, target, actions, new_types = sqlkinds.classify(skeleton, raw)
        if kind == "do":  # an anonymous block runs now: its statements are the migration's
            actions += block_actions(raw, split_statements)
        # Only the text's end (not a ``;`` or DELIMITER) can close a statement at len(text).
        ended = end < len(text)
        result.append(Statement(raw, line, kind, target, actions, new_types, skeleton, ended))
    return tuple(result), problem


def is_effective(text: str) -> bool:
    """True when ``text`` holds at least one statement that changes something.

    Comments, whitespace, transaction control (``BEGIN``/``COMMIT``), session settings
    (``SET``, ``PRAGMA``, ``USE``), maintenance (``VACUUM``, ``ANALYZE``, ``LOCK``) and
    ``SELECT`` of literals only (``SELECT 1``, ``SELECT 'down not supported'``) do not: a
    down step made of them reports success and changes nothing. A ``SELECT`` that calls a
    function (``SELECT create_hypertable(…)``) counts as effective.
    """
    return any(s.kind not in INEFFECTIVE_KINDS for s in split_statements(text))


def refusals(statements: Iterable[Statement]) -> list[Statement]:
    """Statements that make the step fail on purpose (``RAISE EXCEPTION``, ``SIGNAL`` …)."""
    return [s for s in statements if s.kind == "refuse"]


def destructive(
    statements: Iterable[Statement],
    *,
    previous_types: Mapping[str, str] | None = None,
    context: Iterable[Statement] = (),
    reads_copy: bool = False,
) -> list[Statement]:
    """The statements (one per destroyed object) that destroy data when run.

    Dropping a table (``DROP TABLE``, ``DROP SCHEMA``/``DATABASE``), dropping a column
    (``ALTER TABLE t DROP [COLUMN] c``, MySQL's ``ALTER TABLE t DROP c``, each action of a
    multi-action ``ALTER``), ``TRUNCATE``, ``DELETE`` with or without ``WHERE``, MySQL
    ``DROP PARTITION``, ``DROP TYPE/DOMAIN/EXTENSION … CASCADE`` (drops the columns of that
    type) and a type change that demonstrably narrows a column. A ``DROP INDEX``,
    ``CONSTRAINT``, ``VIEW``, ``FUNCTION``, ``TRIGGER``, ``SEQUENCE`` or plain ``TYPE`` loses
    no row data and is not listed (a dropped sequence loses only its counter, which the
    down step re-creates).

    Not destructive either, because no data of value is lost: dropping or deleting from a
    table created earlier in the same step, and dropping a table whose rows an earlier
    statement copied out (``INSERT INTO … SELECT … FROM t`` / ``CREATE TABLE … AS SELECT``,
    the SQLite table-rebuild pattern), and dropping a column whose values an earlier
    ``UPDATE t SET new_c = c`` copied out (the add/copy/drop/rename pattern). Tables created
    by ``context`` statements (e.g. a helper's ``CREATE TEMP TABLE``) count as created in
    the step. With ``reads_copy`` (SQL embedded in code, e.g. Go migrations), a table that
    a ``SELECT`` read earlier counts as copied out: the code may have copied its rows. A
    type change is narrowing only when the old type
    is visible: an earlier type change in the same step, or ``previous_types``
    (``{"orders.note": "varchar(255)"}``, e.g. read from the down step); a table created in
    the same step holds no data yet, so changing its columns loses nothing.
    """
    return sqlloss.destructive(list(statements), previous_types or {}, list(context), reads_copy)


def needs_old_types(statements: Sequence[Statement]) -> bool:
    """Whether judging an up step needs the types its down step restores: it changes a
    type, sets NOT NULL, adds a CHECK, drops a named key (which the down step may show was a foreign
    or unique one), or drops a column and adds it again or renames another into its
    place (a type changed the hard way: safe's ``invited_by`` varchar swapped for an
    integer column, round V)."""
    if any(
        s.new_types
        or "CHECK" in (upper := s.skeleton.upper())
        or "DROP CONSTRAINT" in upper
        or "SET NOT NULL" in upper  # (the down step may restate it: no change)
        for s in statements
    ):
        return True
    acts = [a for s in statements for a in s.actions]
    dropped = {t.lower() for kind, t in acts if kind == "drop_column"}
    return bool(dropped) and any(
        (kind == "add_column" and t.lower() in dropped) or (kind == "rename" and "." in t)
        for kind, t in acts
    )


def column_types(statements: Iterable[Statement]) -> dict[str, str]:
    """``table.column`` → type set by the type changes (and table creations) in ``statements``.

    Run over a down step, this yields the types the up step changed columns *from*.
    """
    return sqlloss.column_types(list(statements))
