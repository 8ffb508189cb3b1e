"""Grafana dashboard JSON (RG404): valid JSON, a ``uid`` of at most 40 characters made of
letters, digits, ``-`` and ``_`` (what Grafana accepts), a ``title`` and at least one panel.

Both the plain model and the API export (``{"dashboard": {...}, "meta": {...}}``) are read;
legacy dashboards keep panels under ``rows[].panels``. Files over 10 MB are reported rather
than parsed: a dashboard that size does not load in time to help during an incident.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from rollback_gate import lazyre
from rollback_gate.flagdefs.jsonpos import JsonLines
from rollback_gate.migrations.base import Unreadable
from rollback_gate.models import Finding
from rollback_gate.tree import Tree

MAX_DASHBOARD_BYTES = 10 * 1024 * 1024
MAX_UID = 40
LINES_UP_TO = 2 * 1024 * 1024  # beyond this, findings skip line look-ups (one more full pass)
UID = lazyre.compile(r"^[a-zA-Z0-9_-]+$")


@dataclass
class Dashboard:
    path: str
    uid: str | None = None
    title: str | None = None
    findings: list[Finding] = field(default_factory=list)


def check_dashboard(tree: Tree, path: str) -> Dashboard:
    """Validate one dashboard file."""
    out = Dashboard(path)

    def bad(message: str, line: int | None = None, fix: str = "") -> None:
        out.findings.append(
            Finding("RG404", message, path=path, line=line, fix=fix, key=f"RG404:{path}:{message}")
        )

    try:
        raw = tree.read_bytes(path, MAX_DASHBOARD_BYTES)
        text = raw.decode("utf-8-sig")
    except Unreadable as exc:
        bad(f"dashboard {exc.reason}", fix="split the dashboard, or fix the file")
        return out
    except UnicodeDecodeError as exc:
        bad(f"dashboard is not valid UTF-8 (byte {exc.start})")
        return out
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:  # RecursionError: absurd nesting
        bad(
            f"dashboard is not valid JSON: {getattr(exc, 'msg', exc)}", getattr(exc, "lineno", None)
        )
        return out
    prefix: list[str] = []
    if isinstance(data, dict) and isinstance(data.get("dashboard"), dict):
        data, prefix = data["dashboard"], ["dashboard"]
    if not isinstance(data, dict):
        bad("a dashboard must be a JSON object", 1)
        return out
    lines = JsonLines(text) if len(text) <= LINES_UP_TO else None

    def line(*parts: str) -> int | None:
        if lines is None:
            return None
        return lines.line([*prefix, *parts]) or 1  # top-level problems: the object's start

    uid = data.get("uid")
    if not isinstance(uid, str) or not uid:
        bad(
            "dashboard has no uid: links, alerts and provisioning cannot find it",
            line(),
            fix='add a stable "uid" (at most 40 characters)',
        )
    elif len(uid) > MAX_UID:
        bad(
            f"dashboard uid is {len(uid)} characters; Grafana accepts at most {MAX_UID}",
            line("uid"),
            fix=f"shorten the uid to {MAX_UID} characters or fewer",
        )
    elif not UID.match(uid):
        bad(f"dashboard uid {uid!r} may only contain letters, digits, - and _", line("uid"))
    else:
        out.uid = uid
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        bad("dashboard has no title", line(), fix='add a "title"')
    else:
        out.title = title
    if not _panels(data):
        bad(
            "dashboard has no panels: it shows nothing during an incident",
            line("panels"),
            fix="add the panels that show the service's health",
        )
    return out


def _panels(data: dict[str, Any]) -> bool:
    panels = data.get("panels")
    if isinstance(panels, list) and panels:
        return True
    rows = data.get("rows")
    return isinstance(rows, list) and any(
        isinstance(r, dict) and isinstance(r.get("panels"), list) and r["panels"] for r in rows
    )
