"""Go migrations of goose: ``00042_backfill.go`` registering an up and a down function.

A Go migration registers itself in ``init()`` with ``goose.AddMigration(up, down)`` (or
``AddMigrationContext``, ``AddMigrationNoTx``, ``AddMigrationNoTxContext``,
``AddNamedMigration…``, or ``goose.NewGoMigration(v, &goose.GoFunc{…}, &goose.GoFunc{…})``).
The source is *scanned*, never compiled or run: comments are blanked, string and rune
literals are kept aside, and function bodies are found by brace matching.

* down passed as ``nil`` → RG200;
* down function whose body is only ``return nil`` while the up function does something
  → RG201;
* down function that only returns an error (``return errors.New("irreversible")``) → RG202;
* SQL string literals in the up function (``tx.Exec("ALTER TABLE … DROP COLUMN …")``)
  are analysed like SQL files → RG203;
* a registration whose down function is not defined in the file → RG205 (the analyser
  cannot see it; a waiver or moving the function into the file resolves it).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass

from rollback_gate import lazyre
from rollback_gate.migrations.base import matching_bracket, top_level_items, unanalysable
from rollback_gate.migrations.plainsql.verdict import destroy_findings
from rollback_gate.migrations.sqlengine import compat, sql, wording
from rollback_gate.migrations.sqlengine.kinds import data_only
from rollback_gate.models import Finding, Severity

_LEXEME = lazyre.compile(
    r"//[^\n]*|/\*.*?(?:\*/|\Z)|\"(?:\\.|[^\"\\\n])*\"?|`[^`]*`?|'(?:\\.|[^'\\\n])*'?", re.S
)
_REGISTER = lazyre.compile(
    r"\bgoose\s*\.\s*(AddMigration|AddMigrationContext|AddMigrationNoTx|AddMigrationNoTxContext|"
    r"AddNamedMigration|AddNamedMigrationContext|AddNamedMigrationNoTx|"
    r"AddNamedMigrationNoTxContext|NewGoMigration)\s*\("
)
_GOFUNC = lazyre.compile(r"&?\s*goose\s*\.\s*GoFunc\s*\{(.*)\}\s*$", re.S)
_FUNC_FIELD = lazyre.compile(r"\b(?:RunTx|RunDB)\s*:\s*([^,}]+)")
_IDENT = lazyre.compile(r"[A-Za-z_]\w*$")
_FUNC = lazyre.compile(r"\bfunc\s+([A-Za-z_]\w*)\s*\(")
_SQLISH = lazyre.compile(
    r"\s*(?:CREATE|ALTER|DROP|DELETE|TRUNCATE|INSERT|UPDATE|RENAME|WITH|SELECT)\b", re.I
)


@dataclass(frozen=True)
class GoFile:
    """A Go file with comments blanked (same length) and its string literals by offset."""

    text: str
    code: str
    strings: tuple[tuple[int, str], ...]
    funcs: dict[str, int]  # top-level function name -> offset of its parameter list "("

    def line(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1


def scan(text: str) -> GoFile:
    """Blank comments and string contents, remember string literals (offset, value)."""
    parts: list[str] = []
    strings: list[tuple[int, str]] = []
    pos = 0
    for m in _LEXEME.finditer(text):
        parts.append(text[pos : m.start()])
        lex = m.group(0)
        if lex[0] in '"`':
            value = lex[1:-1] if len(lex) > 1 and lex[-1] == lex[0] else lex[1:]
            if lex[0] == '"':
                value = value.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t")
            strings.append((m.start(), value))
            parts.append(lex[0] + re.sub(r"[^\n]", "_", lex[1:-1]) + lex[-1])
        else:
            parts.append(re.sub(r"[^\n]", " ", lex))
        pos = m.end()
    parts.append(text[pos:])
    code = "".join(parts)
    funcs = {m.group(1): m.end() - 1 for m in _FUNC.finditer(code)}
    return GoFile(text, code, tuple(strings), funcs)


def _body(go: GoFile, arg: str, at: int) -> tuple[int, int] | None:
    """``(start, end)`` of the body of a function named or written inline as ``arg``."""
    arg = arg.strip()
    m = _GOFUNC.match(arg)
    if m is not None:
        field = _FUNC_FIELD.search(m.group(1))
        if field is None:
            return None
        inner = arg.index(field.group(1), m.start(1))
        return _body(go, field.group(1), at + (len(arg) - len(arg.lstrip())) + inner)
    if arg.startswith("func"):
        paren = go.code.find("(", at)
        brace = go.code.find("{", matching_bracket(go.code, paren, "(", ")"))
        return (brace + 1, matching_bracket(go.code, brace, "{", "}") - 1) if brace >= 0 else None
    name = arg.rsplit(".", 1)[-1]
    if not _IDENT.match(name):
        return None
    declared = go.funcs.get(name)
    if declared is None:
        return None
    brace = go.code.find("{", matching_bracket(go.code, declared, "(", ")"))
    return (brace + 1, matching_bracket(go.code, brace, "{", "}") - 1) if brace >= 0 else None


def _sql_in(go: GoFile, span: tuple[int, int]) -> list[tuple[int, str]]:
    """SQL-looking string literals inside ``span``: (line of the literal, text)."""
    return [
        (go.line(off), value)
        for off, value in go.strings
        if span[0] <= off < span[1] and _SQLISH.match(value)
    ]


def _only(go: GoFile, span: tuple[int, int]) -> str:
    return " ".join(go.code[span[0] : span[1]].split())


def analyse(path: str, version: str, text: str) -> Iterator[Finding]:
    """Findings for one goose Go migration file."""
    go = scan(text)
    reg = _REGISTER.search(go.code)
    if reg is None:
        return
    close = matching_bracket(go.code, reg.end() - 1, "(", ")")
    args = top_level_items(go.code, reg.end(), close - 1)
    if reg.group(1) == "NewGoMigration":
        args = args[1:]
    if len(args) < 2:
        yield _unanalysable(path, go.line(reg.start()), f"{reg.group(1)} with {len(args)} args")
        return
    (up_at, up_arg), (down_at, down_arg) = args[-2], args[-1]
    up_span = _body(go, up_arg, up_at) if up_arg.strip() != "nil" else None
    up_sql = _sql_in(go, up_span) if up_span else []
    down_text = ""
    up_noop = up_span is None or _only(go, up_span) in ("", "return nil")
    line = go.line(down_at + len(down_arg) - len(down_arg.lstrip()))
    # SQL literals of the up function that are all DML: a backfill, P2 as in every
    # framework (docs/severity-by-situation.md).
    rows = data_only(s.kind for _, text in up_sql for s in sql.split_statements(text))
    severity, note = (Severity.P2, " (a data change only)") if rows else (None, "")
    if down_arg.strip() == "nil":
        if not up_noop:
            yield Finding(
                "RG200",
                f"migration {version} registers no down function (`nil`) in "
                f"goose.{reg.group(1)}{note}",
                severity=severity,
                path=path,
                line=line,
                impact="`goose down` cannot undo this migration; a rollback stops here",
                fix="pass a down function that undoes the up function (e.g. "
                "`func down(ctx context.Context, tx *sql.Tx) error { _, err := "
                'tx.ExecContext(ctx, "…"); return err }`), or waive RG200 with a reason',
                key=f"RG200:goose:{version}",
            )
    else:
        down_span = _body(go, down_arg, down_at)
        if down_span is None:
            yield _unanalysable(
                path, line, f"down function `{down_arg.strip()}` is not defined in this file"
            )
        else:
            body = _only(go, down_span)
            if body in ("", "return nil") and not up_noop:
                yield Finding(
                    "RG201",
                    f"the down function of migration {version} only returns nil while the "
                    f"up function changes the database{note}",
                    severity=severity,
                    path=path,
                    line=go.line(down_span[0]),
                    impact="a rollback reports success but leaves the schema at the new version",
                    fix="make the down function undo what the up function does, or waive "
                    "RG201 with the reason the change is one-way",
                    key=f"RG201:goose:{version}",
                )
            elif re.fullmatch(r"return (?:errors\.New|fmt\.Errorf)\(.*\)", body):
                yield Finding(
                    "RG202",
                    f"the down function of migration {version} always returns an error",
                    path=path,
                    line=go.line(down_span[0]),
                    impact="a rollback stops at this migration with an error",
                    fix="write a down function that undoes the up function, or waive RG202 "
                    "with the reason the change is one-way",
                    key=f"RG202:goose:{version}",
                )
            down_text = "\n".join(s for _, s in _sql_in(go, down_span))
    # RG203 on the embedded SQL: every literal keeps its own line numbers; the down
    # literals tell the old column types; tables created anywhere else in the file (a
    # helper's CREATE TEMP TABLE) are scratch tables, not data; a table the Go code read
    # before dropping it may have been copied row by row.
    up_stmts: list[sql.Statement] = []
    for lit_line, literal in up_sql:
        for st in sql.split_statements(literal):
            up_stmts.append(dataclasses.replace(st, line=st.line + lit_line - 1))
    inside = {off for off, _ in go.strings if up_span and up_span[0] <= off < up_span[1]}
    context = [
        st
        for off, value in go.strings
        if off not in inside and _SQLISH.match(value)
        for st in sql.split_statements(value)
        if st.kind == "create_table"
    ]
    old_types = sql.column_types(sql.split_statements(down_text))
    yield from destroy_findings(
        version, path, up_stmts, old_types, context=context, reads_copy=True
    )
    # … and what the previous release cannot survive, as in a SQL file (navidrome's
    # `rename column cover_art_path to embed_art_path` in an ExecContext string, round AQ:
    # Go migrations were read for RG203 alone)
    for b in compat.breaks(up_stmts, old_types=old_types, candidates=True):
        yield wording.finding(b, path, f"migration {version}", wording.SQL_WORDS)


def _unanalysable(path: str, line: int, reason: str) -> Finding:
    return unanalysable(
        path,
        reason,
        line=line,
        fix="define the up and down functions in the migration file itself, or waive RG205 "
        "with a reason",
    )
