"""Which Laravel a migration ran under, where its behaviour changed (read from the nearest
``composer.json`` and the file's date, never run): imported by the analyser and by the
history judges, without the analyser's parsers."""

from __future__ import annotations

import posixpath

from rollback_gate import lazyre
from rollback_gate.migrations.base import Source, Unreadable, upwards

DATED = lazyre.compile(r"^\d{4}_\d{2}_\d{2}_\d{6}_")  # a Laravel migration's name


# Laravel 11 (released 2024-03-12) made ``$table->float('c')`` a ``FLOAT(53)``, a double;
# before, it was ``DOUBLE(8, 2)`` on MySQL (two places kept: no integer's home). It also
# made ``->change()`` restate the whole column: before, Doctrine DBAL changed only the
# attributes the chain says, so a column kept its nullness and default
_LARAVEL_11 = "2024_03_12"
_REQUIRED_MAJOR = lazyre.compile(r"(?:^|\|)\s*[\^~>=v]*\s*(\d+)")


def laravel_11(path: str, source: Source) -> bool:
    """Whether the migration at ``path`` ran under Laravel 11 or later: the nearest
    ``composer.json`` above it requires ``laravel/framework`` 11 or later in every branch
    of its constraint, and the file is dated on or after Laravel 11's release (an older
    one ran under the Laravel of its day: OGameX's ``float()`` over integers, round BX)."""
    name = posixpath.basename(path)
    if DATED.match(name) and name[:10] < _LARAVEL_11:
        return False
    manifest = next((m for m in upwards(path, "composer.json") if source.exists(m)), None)
    return manifest is not None and _requires_laravel_11(source, manifest)


def _requires_laravel_11(source: Source, manifest: str) -> bool:
    import json

    try:
        data = json.loads(source.read_text(manifest))
    except (Unreadable, ValueError):
        return False
    required = data.get("require") if isinstance(data, dict) else None
    wanted = required.get("laravel/framework") if isinstance(required, dict) else None
    if not isinstance(wanted, str):
        return False
    majors = [int(m.group(1)) for m in _REQUIRED_MAJOR.finditer(wanted)]
    return bool(majors) and min(majors) >= 11
