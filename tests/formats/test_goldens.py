"""Every output format has a golden file rendered from the one canonical report.

The other format tests check each format's rules (escaping, caps, schema); this one pins
the exact output of every registered format, text and json included, so that any change
of wording or layout shows up as a reviewed diff (``UPDATE_GOLDEN=1`` rewrites them).
"""

from __future__ import annotations

import pytest
from canonical_report import GOLDEN, assert_golden, canonical

from rollback_gate.formats import FORMATS, render

GOLDEN_NAMES = {
    "text": "canonical.txt",
    "json": "canonical.json",
    "sarif": "canonical.sarif",
    "junit": "canonical.junit.xml",
    "github": "canonical.github.txt",
    "markdown": "canonical.md",
    "gitlab": "canonical.gitlab.json",
}


def test_every_format_has_a_golden_file() -> None:
    assert set(GOLDEN_NAMES) == set(FORMATS)
    for name in GOLDEN_NAMES.values():
        assert (GOLDEN / name).is_file(), f"{name} missing; run with UPDATE_GOLDEN=1 once"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_golden(fmt: str) -> None:
    assert_golden(GOLDEN_NAMES[fmt], render(fmt, canonical()))


def test_text_golden_with_colour_differs_only_by_escapes() -> None:
    plain = render("text", canonical())
    coloured = render("text", canonical(), color=True)
    assert coloured != plain
    import re

    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain
