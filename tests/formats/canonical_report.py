"""The ONE canonical Report every format's golden test renders, plus builders for variants.

It exercises what formats get wrong: every severity, a waived finding, a finding without a
path, a waiver problem (RG902), an n/a item, a disabled rule, notes, and text that needs
escaping in each target (``%``, ``:``, ``,``, newlines, ``|``, ``<``, ``&``, ``@``, quotes,
backticks, non-ASCII, a control character).
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import jsonschema

from rollback_gate.models import ItemStatus, Related, Report, ReportedFinding, Severity, Waiver

WAIVER = Waiver(
    rule="RG203",
    reason="legacy table emptied & archived in OPS-123",
    owner="@payments-oncall",
    expires="2026-12-31",
    path="db/migrations/0042_drop_legacy.sql",
    source="deploy-readiness.yml",
    line=31,
)


def _f(
    rule: str,
    name: str,
    item: str,
    sev: str,
    path: str | None,
    line: int | None,
    message: str,
    impact: str,
    fix: str,
    key: str,
    waiver: Waiver | None = None,
    related: tuple[Related, ...] = (),
) -> ReportedFinding:
    return ReportedFinding(
        rule, name, item, Severity(sev), path, line, message, impact, fix, waiver, key, related
    )


FINDINGS = (
    _f(
        "RG201", "migration-noop-reversal", "migrations", "P0",
        "db/migrations/versions/ab12_add_col.py", 14,
        "downgrade() is `pass` while upgrade() adds column orders.note",
        "a rollback reports success but leaves the schema at the new version",
        "write a downgrade() that drops orders.note, or waive with a reason",
        "downgrade-noop:orders.note",
        None,
        (
            Related("db/migrations/versions/ab12_add_col.py", 15,
                    "upgrade() also adds column orders.note_format"),
            Related("db/migrations/versions/ab12_add_col.py", None, "and index ix_orders_note"),
        ),
    ),
    _f(
        "RG101", "rollback-script-missing", "plan", "P0",
        "deploy-readiness.yml", 7,
        "rollback.script scripts/rollback.sh is not in the repository",
        "the on-call engineer finds no script during the incident",
        "commit scripts/rollback.sh, or correct rollback.script",
        "scripts/rollback.sh",
    ),
    _f(
        "RG305", "change-unguarded", "flags", "P1",
        "src/checkout/pay, now.py", 3,
        "src/checkout/pay, now.py changed under guards of new-checkout: 100% done\r\n"
        "::error::injected",
        "the change ships to every user at once",
        "reference the flag key new-checkout in src/checkout/pay, now.py",
        "new-checkout:src/checkout/pay, now.py",
    ),
    _f(
        "RG203", "migration-destroys-data", "migrations", "P1",
        "db/migrations/0042_drop_legacy.sql", 2,
        "DROP TABLE legacy_orders destroys data a rollback cannot restore",
        "rolling back leaves legacy_orders empty",
        "copy the data first, or waive with a reason",
        "drop-table:legacy_orders",
        WAIVER,
    ),
    _f(
        "RG402", "service-not-alerted", "monitoring", "P2",
        "monitoring/alerts.yml", None,
        "no alert rule mentions service checkout-api | <script>alert(1)</script> for @octocat",
        "a bad release is noticed by customers first",
        "add an alert whose labels or expression name checkout-api",
        "checkout-api",
    ),
    _f(
        "RG306", "flag-stale", "flags", "P3",
        None, None,
        "flag ‘old-banner’ is marked stale since 2025-01-01\x07",
        "dead flags make the next rollback harder to reason about",
        "remove the flag old-banner and its code paths",
        "old-banner",
    ),
    _f(
        "RG902", "waiver-expiring", "waivers", "P3",
        "deploy-readiness.yml", 31,
        "waiver for RG203 on db/migrations/0042_drop_legacy.sql expires on 2026-12-31",
        "the gate will start failing soon",
        "fix the finding before the date, or renew the waiver",
        "RG902:RG203:db/migrations/0042_drop_legacy.sql",
    ),
)  # fmt: skip


def canonical() -> Report:
    """The canonical failing report (P0 findings, one waiver, fail_on P1)."""
    return Report(
        tool_version="1.0.0",
        config="deploy-readiness.yml",
        service="checkout-api",
        base="4f1c0d9e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d",
        head="9ab2c3d4e5f60718293a4b5c6d7e8f9012345678",
        fail_on=Severity.P1,
        findings=tuple(sorted(FINDINGS, key=ReportedFinding.sort_key)),
        items={
            "plan": ItemStatus.FAIL,
            "tested": ItemStatus.NA,
            "migrations": ItemStatus.FAIL,
            "flags": ItemStatus.FAIL,
            "monitoring": ItemStatus.WARN,
        },
        disabled=("RG304",),
        notes=("base: GitHub pull request base 4f1c0d9",),
        analysed={"migrations": 2},
    )


def passing() -> Report:
    """The same run after the fixes: only the waived finding and a P3 remain."""
    report = canonical()
    kept = tuple(f for f in report.findings if f.waived or f.rule == "RG306")
    items = dict.fromkeys(report.items, ItemStatus.PASS)
    items["flags"] = ItemStatus.WARN
    return dataclasses.replace(report, findings=kept, items=items)


def many(count: int, severity: str = "P1", message_size: int = 200) -> Report:
    """A report with ``count`` distinct findings of one severity, for the size caps."""
    findings = tuple(
        _f(
            "RG203", "migration-destroys-data", "migrations", severity,
            f"db/migrations/{i:05d}_drop.sql", 1,
            f"DROP TABLE t{i} " + "x" * message_size,
            "data is lost", "keep the table", f"drop-table:t{i}",
        )
        for i in range(count)
    )  # fmt: skip
    return dataclasses.replace(canonical(), findings=findings)


# -- golden files and reference schemas ------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "golden"
SCHEMAS = ROOT / "tests" / "data" / "schemas"  # copies; sources in its README


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/data/golden/NAME; ``UPDATE_GOLDEN=1`` rewrites the file."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
    assert path.is_file(), f"golden file {path} missing; run with UPDATE_GOLDEN=1 once"
    assert actual == path.read_bytes().decode("utf-8"), f"{name} differs from its golden file"


def schema_validator(name: str) -> jsonschema.protocols.Validator:
    """A validator for tests/data/schemas/NAME (an official schema kept in the repository)."""
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)
