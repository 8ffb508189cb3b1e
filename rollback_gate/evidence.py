"""Drill evidence: ``rollback-gate.drill/v1`` records, one JSON object per line.

A record binds a rehearsal (``drill`` for the rollback script, ``verify`` for migrations)
to the SHA-256 of what was rehearsed and to the commit. With ``ROLLBACK_GATE_DRILL_KEY`` in
the environment, records are signed with HMAC-SHA256 over their canonical JSON (all fields
but ``signature``, sorted keys, no spaces), and ``check`` verifies the signatures.

Optional fields may be added to the format without a new version; readers ignore fields
they do not know. ``images`` (a drill of a ``helm``/``kubectl`` strategy): the sorted image
references of the declared manifests at the time of the drill.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT_ID = "rollback-gate.drill/v1"
KEY_ENV = "ROLLBACK_GATE_DRILL_KEY"
MAX_EVIDENCE_BYTES = 50 * 1024 * 1024
_REQUIRED = {"format", "kind", "at", "subject", "subject_sha256", "result"}


@dataclass(frozen=True)
class Loaded:
    """Records read from an evidence file, and the lines that had to be skipped."""

    records: tuple[dict[str, Any], ...]
    warnings: tuple[str, ...]


def runs_script(command: str | None, script: str) -> bool:
    """Whether ``command`` (a ``rollback.dry_run``) invokes ``script``: as the program, an
    argument (``bash scripts/rollback.sh --dry-run``) or inside ``sh -c '…'``.

    A drill of ``true`` rehearses nothing, so it must not vouch for the script.
    """
    import posixpath
    import shlex

    if not command:
        return False
    want = posixpath.normpath(script)

    def words(text: str, depth: int) -> list[str]:
        try:
            found = shlex.split(text)
        except ValueError:
            return []
        if depth:
            found += [w for part in found if " " in part for w in words(part, depth - 1)]
        return found

    return any(posixpath.normpath(w) == want for w in words(command, 1))


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest_files(contents: Iterable[tuple[str, bytes]]) -> str:
    """SHA-256 over a set of (path, content) pairs, independent of their order."""
    h = hashlib.sha256()
    for path, data in sorted(contents):
        h.update(path.encode() + b"\0" + sha256_bytes(data).encode() + b"\n")
    return h.hexdigest()


def canonical(record: dict[str, Any]) -> bytes:
    body = {k: v for k, v in record.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def sign(record: dict[str, Any], key: str | None = None) -> dict[str, Any]:
    """The record with a ``signature`` when a key is given or in the environment."""
    key = key if key is not None else os.environ.get(KEY_ENV)
    if not key:
        return dict(record)
    mac = hmac.new(key.encode(), canonical(record), hashlib.sha256).hexdigest()
    return {**record, "signature": mac}


def signature_ok(record: dict[str, Any], key: str) -> bool:
    given = record.get("signature")
    if not isinstance(given, str):
        return False
    mac = hmac.new(key.encode(), canonical(record), hashlib.sha256).hexdigest()
    return hmac.compare_digest(given, mac)


def append(path: Path, record: dict[str, Any]) -> None:
    """Append one record (creating the file and its folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n")


def read(path: Path) -> Loaded:
    """Every well-formed record in ``path``; corrupt lines are skipped with a warning."""
    if not path.exists():
        return Loaded((), ())
    if path.is_symlink() or not path.is_file():
        return Loaded((), (f"{path}: not a regular file; ignored",))
    size = path.stat().st_size
    if size > MAX_EVIDENCE_BYTES:
        return Loaded((), (f"{path}: {size:,} bytes, over the evidence size limit; ignored",))
    records: list[dict[str, Any]] = []
    warnings: list[str] = []
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                # RecursionError: a line of deeply nested brackets; corrupt, not fatal.
                warnings.append(f"{path.name}:{number}: not a JSON record; line skipped")
                continue
            if not isinstance(record, dict) or not record.keys() >= _REQUIRED:
                warnings.append(f"{path.name}:{number}: not a drill record; line skipped")
                continue
            if record.get("format") != FORMAT_ID:
                warnings.append(f"{path.name}:{number}: unknown format; line skipped")
                continue
            records.append(record)
    return Loaded(tuple(records), tuple(warnings))
