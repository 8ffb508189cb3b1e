"""Output formats, one module each, collected in one registry, and reading a JSON report back.

Every format module defines ``render(report: Report, *, color: bool = False) -> str``; it
returns a string and never prints. ``FORMATS`` maps the ``--format`` name to the module,
imported on first use. Adding a format touches its module, one line here and its golden test.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from rollback_gate.models import Report

FORMATS: dict[str, str] = {
    "text": "rollback_gate.formats.text",
    "json": "rollback_gate.formats.json",
    "sarif": "rollback_gate.formats.sarif",
    "junit": "rollback_gate.formats.junit",
    "github": "rollback_gate.formats.github",
    "markdown": "rollback_gate.formats.markdown",
    "gitlab": "rollback_gate.formats.gitlab",
}

Renderer = Callable[..., str]


def renderer(name: str) -> Renderer:
    """The ``render`` function of format ``name`` (a key of ``FORMATS``)."""
    module = importlib.import_module(FORMATS[name])
    render: Renderer = module.render
    return render


def render(name: str, report: Report, *, color: bool = False) -> str:
    """Render ``report`` in format ``name``."""
    return renderer(name)(report, color=color)
