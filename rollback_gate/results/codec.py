"""The result cache's data: findings and waivers as JSON lists, read back strictly (a
wrong type, an unknown rule or severity raises, and the cache distrusts the whole pack),
and the digest of the analyser code that every pack is stamped with."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from rollback_gate.models import Finding, Severity, Waiver
from rollback_gate.rules import RULES

Item = Waiver | str
_PARSERS = (
    "tree-sitter",
    "tree-sitter-ruby",
    "tree-sitter-javascript",
    "tree-sitter-typescript",
    "tree-sitter-php",
    "tree-sitter-elixir",
    "pglast",
    "PyYAML",
    "defusedxml",
)


_VERSION: list[str] = []


def analyser_version() -> str:
    """A digest of the analyser code and the parsers it uses (changes invalidate entries)."""
    if _VERSION:
        return _VERSION[0]
    import importlib.metadata

    import rollback_gate

    package = Path(rollback_gate.__file__).parent
    digest = hashlib.sha256(rollback_gate.__version__.encode())
    sources = sorted((package / "migrations").rglob("*.py"))
    engine = package / "checks" / "migrations.py"  # analyse_one: RG205 and inline waivers
    for path in [*sources, engine, package / "models.py", package / "tree.py"]:
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    for dist in _PARSERS:
        try:
            digest.update(f"{dist}={importlib.metadata.version(dist)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{dist}=absent".encode())
    _VERSION.append(digest.hexdigest()[:32])
    return _VERSION[0]


# -- (de)serialising findings and waivers, strictly ------------------------------------------

_SEVERITIES = frozenset({"P0", "P1", "P2", "P3", None})


def _opt_str(v: Any) -> str | None:
    if v is not None and not isinstance(v, str):
        raise TypeError("not a string")
    return v


def _opt_int(v: Any) -> int | None:
    if v is not None and (not isinstance(v, int) or isinstance(v, bool)):
        raise TypeError("not an int")
    return v


def _str(v: Any) -> str:
    if not isinstance(v, str):
        raise TypeError("not a string")
    return v


def finding_json(f: Finding) -> list[Any]:
    severity = None if f.severity is None else f.severity.value
    return [f.rule, f.message, f.path, f.line, f.impact, f.fix, severity, f.key]


def finding(raw: Any) -> Finding:
    rule, message, path, line, impact, fix, severity, key = raw
    if severity not in _SEVERITIES:
        raise ValueError("unknown severity")
    if rule not in RULES:
        raise ValueError("unknown rule")

    return Finding(
        _str(rule),
        _str(message),
        path=_opt_str(path),
        line=_opt_int(line),
        impact=_str(impact),
        fix=_str(fix),
        severity=None if severity is None else Severity(severity),
        key=_str(key),
    )


def item_json(w: Item) -> Any:
    if isinstance(w, str):
        return w
    return [w.rule, w.reason, w.owner, w.expires, w.path, w.source, w.line]


def item(raw: Any) -> Item:
    if isinstance(raw, str):
        return raw
    rule, reason, owner, expires, path, source, line = raw
    return Waiver(
        _str(rule),
        _str(reason),
        _str(owner),
        _str(expires),
        path=_opt_str(path),
        source=_str(source),
        line=_opt_int(line),
    )
