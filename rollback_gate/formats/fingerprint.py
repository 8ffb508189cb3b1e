"""Stable fingerprints for findings, shared by the SARIF and GitLab Code Quality formats.

A fingerprint must survive unrelated edits: it hashes the rule, the repo-relative path and
the finding's ``key`` (a line-independent description the check provides), never the line
number. When a check left ``key`` empty, the message stands in with its digits removed, so
that a line number quoted in the text does not move the fingerprint either. Two findings
with the same rule, path and key get an occurrence suffix, so GitLab does not merge them.
"""

from __future__ import annotations

import hashlib

from rollback_gate import lazyre
from rollback_gate.models import ReportedFinding

_DIGITS = lazyre.compile(r"\d+")
_SPACE = lazyre.compile(r"\s+")


def content(f: ReportedFinding) -> str:
    """The normalised, line-independent content of a finding."""
    text = f.key or _DIGITS.sub("#", f.message)
    return _SPACE.sub(" ", text).strip()


def fingerprints(findings: tuple[ReportedFinding, ...]) -> list[str]:
    """One hex SHA-256 fingerprint per finding, in the same order."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for f in findings:
        base = "\0".join((f.rule, f.path or "", content(f)))
        seen[base] = seen.get(base, 0) + 1
        if seen[base] > 1:
            base += f"\0{seen[base]}"
        out.append(hashlib.sha256(base.encode("utf-8")).hexdigest())
    return out
