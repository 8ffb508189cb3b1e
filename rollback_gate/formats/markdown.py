"""``--format markdown``: the job summary and the PR comment.

A verdict line, a table of the five checklist items, the unwaived findings grouped by item
with their impact and fix, and the waivers with owners and expiry dates. Text from the
repository is escaped so it cannot inject links, HTML or @-mentions (a mention in a sticky
comment would notify a team on every push).

GitHub drops a job summary above 1 MiB and rejects a comment body above 65,536
characters. When the document would exceed its cap, the least severe findings are left
out (the report is sorted worst first) and a note says how many and where the full
report is; the result is always under the cap.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from rollback_gate import lazyre
from rollback_gate.models import ITEMS, ItemStatus, Report, ReportedFinding

SUMMARY_LIMIT_BYTES = 1_000_000  # GitHub: 1 MiB (1,048,576 bytes) per step summary
COMMENT_LIMIT_CHARS = 65_536  # GitHub: maximum issue comment body
QUESTIONS = {
    "plan": "Do we know how to roll back?",
    "tested": "Does the rollback actually work?",
    "migrations": "Is every database migration reversible?",
    "flags": "Is new behaviour behind a feature flag?",
    "monitoring": "Would we notice a bad release?",
}
_STATUS = {
    ItemStatus.PASS: "✅ pass",
    ItemStatus.WARN: "⚠️ warn",
    ItemStatus.FAIL: "❌ fail",
    ItemStatus.NA: "➖ n/a",
}
_SPECIAL = lazyre.compile(r"([\\*_\[\]<>|~])")
_MENTION = lazyre.compile(r"@[\w-]+(?:/[\w.-]+)?")
_TICKS = lazyre.compile(r"`+")


def code(text: str, *, table: bool = False) -> str:
    """``text`` as an inline code span, whatever backticks it contains.

    In a table cell a ``|`` ends the cell even inside code, so it is escaped there.
    """
    text = " ".join(text.split())
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    span = f"{fence}{pad}{text}{pad}{fence}"
    return span.replace("|", "\\|") if table else span


def _escape_plain(text: str, table: bool) -> str:
    parts: list[str] = []
    last = 0
    for m in _MENTION.finditer(text):
        parts.append(_SPECIAL.sub(r"\\\1", text[last : m.start()]))
        parts.append(code(m.group(0), table=table))
        last = m.end()
    parts.append(_SPECIAL.sub(r"\\\1", text[last:]))
    return "".join(parts)


def text(value: str, *, table: bool = False) -> str:
    """Escape repository text for markdown, keeping its `code spans` as code."""
    value = " ".join("".join(c if c.isprintable() else " " for c in value).split())
    parts: list[str] = []
    last = 0
    for start, inner, inner_end, end in _code_spans(value):
        parts.append(_escape_plain(value[last:start], table))
        parts.append(code(value[inner:inner_end], table=table))
        last = end
    parts.append(_escape_plain(value[last:], table))
    return "".join(parts)


def _code_spans(value: str) -> Iterator[tuple[int, int, int, int]]:
    """(start, inner start, inner end, end) of each code span: a run of backticks closed by
    the next run of the same length (CommonMark).

    Linear: each length keeps a cursor into its runs, where ``(`+)(.+?)\\1`` retried every
    run against the rest of the text (a line of backticks took minutes).
    """
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(value)]
    by_length: dict[int, list[int]] = {}
    for index, (a, b) in enumerate(runs):
        by_length.setdefault(b - a, []).append(index)
    cursor: dict[int, int] = {}
    i = 0
    while i < len(runs):
        a, b = runs[i]
        same = by_length[b - a]
        k = cursor.get(b - a, 0)
        while k < len(same) and same[k] <= i:
            k += 1
        cursor[b - a] = k
        if k == len(same):
            i += 1
            continue
        j = same[k]
        yield a, b, runs[j][0], runs[j][1]
        i = j + 1


def _where(f: ReportedFinding, *, table: bool = False) -> str:
    if f.path is None:
        return ""
    return code(f"{f.path}:{f.line}" if f.line else f.path, table=table)


def verdict(report: Report) -> str:
    """The verdict heading and the counts line."""
    c = report.counts()
    counts = " · ".join(f"{k}: {c[k]}" for k in ("P0", "P1", "P2", "P3"))
    failing = len(report.failing)
    service = f" · {code(report.service)}" if report.service else ""
    if report.passed:
        head = f"## ✅ rollback-gate passed{service}"
        line = f"No unwaived finding at or above {report.fail_on.value}."
    else:
        head = f"## ❌ rollback-gate failed{service}"
        plural = "s" if failing != 1 else ""
        line = (
            f"**{failing} finding{plural} at or above {report.fail_on.value} "
            "block this release: it could not be rolled back safely.**"
        )
    return f"{head}\n\n{line} {counts} · waived: {c['waived']}"


def _items_table(report: Report) -> list[str]:
    rows = ["| Item | Question | Status | Findings |", "| --- | --- | --- | ---: |"]
    for item in ITEMS:
        status = report.items.get(item, ItemStatus.PASS)
        active = sum(1 for f in report.active if f.item == item)
        rows.append(f"| **{item}** | {QUESTIONS[item]} | {_STATUS[status]} | {active} |")
    return rows


def _finding(f: ReportedFinding, fail_on_blocks: bool) -> list[str]:
    mark = "❌" if fail_on_blocks else "⚠️"
    where = _where(f)
    head = f"- {mark} **{f.severity.value} · {f.rule} {f.name}**"
    lines = [head + (f" · {where}" if where else "")]
    lines.append(f"  {text(f.message)}")
    if f.impact:
        lines.append(f"  **Impact:** {text(f.impact)}")
    if f.fix:
        lines.append(f"  **Fix:** {text(f.fix)}")
    if f.related:
        also = "; ".join(f"{code(r.where())} {text(r.message)}" for r in f.related)
        lines.append(f"  **Also:** {also}")
    return ["  \n".join(lines)]


def _findings(report: Report) -> list[str]:
    out: list[str] = []
    items = [*ITEMS, *sorted({f.item for f in report.findings} - set(ITEMS))]
    for item in items:
        found = [f for f in report.active if f.item == item]
        if not found:
            continue
        label = "waiver problems" if item == "waivers" else item
        out += ["", f"### {label} ({len(found)})", ""]
        for f in found:
            out += _finding(f, f.severity.at_least(report.fail_on))
    return out


def _waivers(report: Report) -> list[str]:
    waived = [f for f in report.findings if f.waiver is not None]
    if not waived:
        return []
    out = ["", f"### Waived findings ({len(waived)})", ""]
    out += ["| Rule | Where | Owner | Expires | Reason |", "| --- | --- | --- | --- | --- |"]
    for f in waived:
        assert f.waiver is not None
        w = f.waiver
        out.append(
            f"| {f.rule} {f.name} | {_where(f, table=True) or '–'} "
            f"| {code(w.owner, table=True)} | {w.expires} | {text(w.reason, table=True)} |"
        )
    return out


def _footer(report: Report) -> list[str]:
    parts = [f"rollback-gate {report.tool_version}"]
    if report.config:
        parts.append(f"config {code(report.config)}")
    if report.base and report.head:
        parts.append(f"diff {code(report.base[:7])}…{code(report.head[:7])}")
    if report.disabled:
        parts.append("disabled: " + ", ".join(report.disabled))
    parts += [text(n) for n in report.notes]
    return ["", "<sub>" + " · ".join(parts) + "</sub>"]


def document(report: Report, *, preface: str = "", note: str = "") -> str:
    """The full markdown document, uncapped (``preface`` and ``note`` are trusted markdown)."""
    lines = [preface, ""] if preface else []
    lines += [verdict(report), "", *_items_table(report)]
    lines += _findings(report) + _waivers(report)
    if note:
        lines += ["", note]
    lines += _footer(report)
    return "\n".join(lines) + "\n"


def _truncation_note(shown: int, total: int, where: str) -> str:
    return (
        f"> [!WARNING]\n> Truncated: {shown} of {total} findings shown, the most severe first "
        f"({where}). The full report: the JSON or SARIF report of this run, or "
        "`rollback-gate check` locally."
    )


def capped(
    report: Report,
    *,
    max_bytes: int | None = None,
    max_chars: int | None = None,
    preface: str = "",
    where: str = "size limit",
) -> str:
    """The document, leaving out the least severe findings until it fits the caps."""

    def size_ok(doc: str) -> bool:
        return (max_bytes is None or len(doc.encode("utf-8")) <= max_bytes) and (
            max_chars is None or len(doc) <= max_chars
        )

    full = document(report, preface=preface)
    if size_ok(full):
        return full
    total = len(report.findings)
    lo, hi = 0, total  # largest kept prefix that fits, by bisection
    best = ""
    while lo <= hi:
        mid = (lo + hi) // 2
        kept = dataclasses.replace(report, findings=report.findings[:mid])
        doc = document(kept, preface=preface, note=_truncation_note(mid, total, where))
        if size_ok(doc):
            best, lo = doc, mid + 1
        else:
            hi = mid - 1
    if best:
        return best
    # Even the header alone is too large (enormous notes): cut hard, keep the verdict.
    head = verdict(report) + "\n\n" + _truncation_note(0, total, where) + "\n"
    return head[: max_chars or len(head)]


def render(report: Report, *, color: bool = False) -> str:
    return capped(report, max_bytes=SUMMARY_LIMIT_BYTES, where="GitHub's 1 MiB summary limit")


def render_comment(report: Report, *, preface: str = "") -> str:
    """The PR-comment variant: at most 65,536 characters including ``preface``."""
    return capped(
        report, max_chars=COMMENT_LIMIT_CHARS, preface=preface, where="GitHub's comment limit"
    )
