"""What the gate cannot read it cannot vouch for: RG205 (P1), never a silent pass.

A symlinked migration is judged by what it points at when that is in the repository and
refused otherwise; a NUL byte anywhere, a file over the read cap or one that does not
parse is RG205. Real git repository, the whole gate.
"""

from __future__ import annotations

import os
from typing import Any

from rollback_gate.gate import CheckOptions, run_check
from rollback_gate.tree import MAX_TEXT_BYTES

CONFIG = "version: 1\nmigrations:\n  - path: db/migrations\n    framework: goose\n    scope: all\n"
DROP = "-- +goose Up\nDROP TABLE orders;\n-- +goose Down\nSELECT 1;\n"
GOOD = "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n"


def _findings(git_repo: Any, files: dict[str, str | bytes], links: dict[str, str]) -> Any:
    git_repo.write({"deploy-readiness.yml": CONFIG, "db/migrations/0001_a.sql": GOOD, **files})
    for name, target in links.items():
        os.symlink(target, git_repo.root / name)
    git_repo.commit("c")
    report = run_check(CheckOptions(repo=git_repo.root))
    return {(f.rule, f.path, f.severity.value) for f in report.findings if f.item == "migrations"}


def test_symlink_inside_the_repository_is_judged_by_its_target(git_repo: Any) -> None:
    found = _findings(
        git_repo,
        {"real/0002_drop.sql": DROP},
        {"db/migrations/0002_drop.sql": "../../real/0002_drop.sql"},
    )
    assert ("RG203", "db/migrations/0002_drop.sql", "P1") in found
    assert not any(rule == "RG205" for rule, _, _ in found)


def test_symlink_leaving_the_repository_is_rg205(git_repo: Any, tmp_path: Any) -> None:
    outside = tmp_path / "outside.sql"
    outside.write_text(DROP)
    found = _findings(git_repo, {}, {"db/migrations/0002_drop.sql": str(outside)})
    assert ("RG205", "db/migrations/0002_drop.sql", "P1") in found


def test_nul_byte_late_in_the_file_is_rg205(git_repo: Any) -> None:
    hidden = b"-- +goose Up\n" + b"SELECT 1;\n" * 2000 + b"\0DROP TABLE orders;\n-- +goose Down\n"
    found = _findings(git_repo, {"db/migrations/0002_x.sql": hidden}, {})
    assert ("RG205", "db/migrations/0002_x.sql", "P1") in found


def test_oversized_file_is_rg205(git_repo: Any) -> None:
    big = DROP + "-- " + "x" * MAX_TEXT_BYTES + "\n"
    found = _findings(git_repo, {"db/migrations/0002_x.sql": big}, {})
    assert ("RG205", "db/migrations/0002_x.sql", "P1") in found


def test_unparsable_migration_is_rg205(git_repo: Any) -> None:
    config = CONFIG.replace("goose", "alembic").replace("db/migrations", "alembic/versions")
    git_repo.write({"deploy-readiness.yml": config})
    git_repo.commit(
        "c",
        {"alembic/versions/a1_x.py": 'revision = "a1"\ndown_revision = None\ndef upgrade(:\n'},
    )
    report = run_check(CheckOptions(repo=git_repo.root))
    assert ("RG205", "P1") in {(f.rule, f.severity.value) for f in report.findings}
