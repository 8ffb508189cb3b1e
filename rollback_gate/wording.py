"""Wording shared by the reports: counts with the right plural ("1 changed file")."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1: ``counted(1, "file")`` is "1 file"."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"
