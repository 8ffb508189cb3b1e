"""Markdown job summary / PR comment: golden file, content, escaping, size caps."""

from __future__ import annotations

import pytest
from canonical_report import assert_golden, canonical, many, passing

from rollback_gate.formats import markdown, render


def test_golden() -> None:
    assert_golden("canonical.md", render("markdown", canonical()))


def test_verdict_table_findings_and_waivers() -> None:
    doc = markdown.render(canonical())
    assert doc.startswith("## ❌ rollback-gate failed · `checkout-api`")
    assert "3 findings at or above P1" in doc
    for item in ("plan", "tested", "migrations", "flags", "monitoring"):
        assert f"| **{item}** |" in doc
    assert "| **tested** | Does the rollback actually work? | ➖ n/a | 0 |" in doc
    assert "**Fix:** write a downgrade() that drops orders.note" in doc
    assert (
        "| RG203 migration-destroys-data | `db/migrations/0042_drop_legacy.sql:2` "
        "| `@payments-oncall` | 2026-12-31 |" in doc
    )
    assert markdown.render(passing()).startswith("## ✅ rollback-gate passed")


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("<script>x</script>", "\\<script\\>x\\</script\\>"),
        ("ping @octocat and @org/team", "ping `@octocat` and `@org/team`"),
        ("a | b", "a \\| b"),
        ("[click](https://evil)", "\\[click\\](https://evil)"),
        ("keep `code_span` as is", "keep `code_span` as is"),
        ("two\nlines", "two lines"),
    ],
)
def test_text_escaping(raw: str, escaped: str) -> None:
    assert markdown.text(raw) == escaped


def test_code_spans_in_tables_escape_pipes() -> None:
    assert markdown.code("a|b", table=True) == "`a\\|b`"
    assert markdown.code("has ` tick") == "``has ` tick``"


def test_summary_stays_under_one_mib_with_a_note() -> None:
    report = many(6000, message_size=300)
    doc = markdown.render(report)
    assert len(doc.encode("utf-8")) <= markdown.SUMMARY_LIMIT_BYTES < 1024 * 1024
    assert "Truncated:" in doc and "of 6000 findings shown" in doc
    # the most severe (first) findings are the ones kept
    assert "00000_drop.sql" in doc


def test_comment_variant_is_capped_at_65536_chars_including_preface() -> None:
    preface = "<!-- rollback-gate -->"
    doc = markdown.render_comment(many(1000), preface=preface)
    assert len(doc) <= 65_536 and doc.startswith(preface)
    assert "Truncated:" in doc
    small = markdown.render_comment(canonical())
    assert "Truncated:" not in small and small == markdown.render(canonical())
