"""Counts read as English: "1 changed file", "2 changed files", "0 findings"."""

from __future__ import annotations

import pytest

from rollback_gate.wording import counted


@pytest.mark.parametrize(
    ("n", "expected"), [(0, "0 changed files"), (1, "1 changed file"), (2, "2 changed files")]
)
def test_counted(n: int, expected: str) -> None:
    assert counted(n, "changed file") == expected


def test_irregular_plural() -> None:
    assert counted(2, "entry", "entries") == "2 entries"
