"""The result cache's data: findings and waivers as JSON lists, read back strictly (a
wrong type, an unknown rule or severity raises, and the cache distrusts the whole pack),
and the digest of the analyser code that every pack is stamped with."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import Any

from rollback_gate.models import Finding, Related, Severity, Waiver
from rollback_gate.rules import RULES

Item = Waiver | str
# Modules whose installation folders hold the parsers' dist-info (name-version) folders,
# and the distribution name prefixes that count (tree-sitter and every grammar wheel).
_PARSER_MODULES = ("tree_sitter", "pglast", "yaml")
_PARSER_DISTS = ("tree_sitter", "pglast", "pyyaml")


_VERSION: list[str] = []


def analyser_version() -> str:
    """A digest of the analyser code and the parsers it uses (changes invalidate entries)."""
    if _VERSION:
        return _VERSION[0]
    import rollback_gate

    package = Path(rollback_gate.__file__).parent
    digest = hashlib.sha256(rollback_gate.__version__.encode())
    sources = sorted((package / "migrations").rglob("*.py"))
    engine = package / "checks" / "migrations.py"  # analyse_one: RG205 and inline waivers
    for path in [*sources, engine, package / "models.py", package / "tree.py"]:
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    for name in _parser_versions():
        digest.update(name.encode() + b"\0")
    # The standard library's parsers: ast (Alembic, Django) follows the Python version,
    # XML changelogs go through the expat it was built with.
    from xml.parsers.expat import EXPAT_VERSION

    digest.update(f"python-{sys.version_info[0]}.{sys.version_info[1]}\0{EXPAT_VERSION}".encode())
    _VERSION.append(digest.hexdigest()[:32])
    return _VERSION[0]


def _parser_versions() -> list[str]:
    """The parsers' ``<dist>-<version>.dist-info`` names, read from their site folders.

    A folder listing instead of importlib.metadata (60 ms of imports), and names instead
    of file times: a CI runner that reinstalls the same versions keeps its cache.
    """
    import importlib.util

    folders: set[str] = set()
    out: list[str] = []
    for module in _PARSER_MODULES:
        spec = importlib.util.find_spec(module)
        if spec is None or not spec.origin:
            out.append(f"{module} absent")
            continue
        folders.add(os.path.dirname(os.path.dirname(spec.origin)))
    for folder in sorted(folders):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        out += sorted(
            n for n in names if n.endswith(".dist-info") and n.lower().startswith(_PARSER_DISTS)
        )
    return out


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
    related = [[r.path, r.line, r.message, r.key, r.fix] for r in f.related]
    return [f.rule, f.message, f.path, f.line, f.impact, f.fix, severity, f.key, related]


def finding(raw: Any) -> Finding:
    rule, message, path, line, impact, fix, severity, key, related = raw
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
        related=tuple(
            Related(_opt_str(p), _opt_int(n), _str(m), _str(k), _str(x))
            for p, n, m, k, x in related
        ),
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
