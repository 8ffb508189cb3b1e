"""dbmate: ``db/migrations/20240101120000_name.sql`` with ``-- migrate:up`` / ``-- migrate:down``.

Both steps live in one file. Marker options (``-- migrate:up transaction:false``) are
allowed. No ``-- migrate:down`` section → RG200; an empty one while the up section
does something → RG201 (``dbmate rollback`` succeeds and changes nothing); a refusing
down → RG202; destructive up statements → RG203; SQL before ``-- migrate:up``, no up
marker or an unterminated quote → RG205 (dbmate rejects such files too). The version is
the file name's leading digits, ordered numerically. As dbmate reads a file, the up step
ends at the first ``-- migrate:down``: a later ``-- migrate:up`` is part of the down step.
"""

from __future__ import annotations

import re

from rollback_gate.migrations.base import Framework
from rollback_gate.migrations.plainsql.sections import AnnotatedSQL, Markers

MARKERS = Markers(
    tool="dbmate",
    up=re.compile(r"\s*--\s*migrate:up\b", re.I),
    down=re.compile(r"\s*--\s*migrate:down\b", re.I),
    up_label="-- migrate:up",
    no_transaction=re.compile(r"--\s*migrate:up\b[^\n]*transaction:\s*false", re.I),
    down_label="-- migrate:down",
    down_to_end=True,
)

FRAMEWORK: Framework = AnnotatedSQL("dbmate", MARKERS, re.compile(r"^(\d+)_?(.*)\.sql$"))
