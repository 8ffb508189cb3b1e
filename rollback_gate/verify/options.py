"""The inputs of one ``verify migrations`` run, below every module that reads them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from rollback_gate.models import Severity
from rollback_gate.verify import url as urls


@dataclass(frozen=True)
class VerifyOptions:
    """The inputs of one ``verify migrations`` run (the CLI builds this from its options)."""

    repo: Path = Path(".")
    config: str | None = None
    base: str | None = None
    database: str = urls.DEFAULT_URL
    allow_remote: bool = False
    reuse: bool = False
    fail_on: Severity | None = None
    no_waivers: bool = False
    record: bool = True  # append the drill record to the evidence file
    now: dt.datetime | None = None
    env: dict[str, str] = field(default_factory=dict)
