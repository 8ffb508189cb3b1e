"""A Laravel migration that repeats a change over a list of tables in a ``foreach``: each
table is read with the loop's variable bound to it (osu-web, round AJ: six tables)."""

from __future__ import annotations

import pytest

from rollback_gate.migrations import load
from rollback_gate.migrations.base import MemorySource

TEMPLATE = """<?php

use Illuminate\\Database\\Migrations\\Migration;
use Illuminate\\Database\\Schema\\Blueprint;
use Illuminate\\Support\\Facades\\Schema;

return new class extends Migration
{{
    const TABLES = ['osu_user_stats', 'osu_user_stats_taiko'];
    private $tables = ['scores', 'scores_taiko'];

    public function up(): void
    {{
        foreach ({tables} as $table) {{
            Schema::table($table, function (Blueprint $table) {{
                $table->dropColumn('rank_score_exp');
            }});
        }}
    }}

    public function down(): void
    {{
        foreach ({tables} as $table) {{
            Schema::table($table, function (Blueprint $table) {{
                $table->float('rank_score_exp')->default(0);
            }});
        }}
    }}
}};
"""


def _drops(tables: str) -> list[str]:
    files: dict[str, str | bytes] = {
        "database/migrations/2025_03_14_074457_remove_rank_exp.php": TEMPLATE.format(tables=tables)
    }
    source = MemorySource(files)
    framework = load("laravel")
    (migration,) = framework.discover(sorted(files), source)
    return sorted(f.message.split(":")[0] for f in framework.analyse(migration, source))


@pytest.mark.parametrize(
    ("tables", "expected"),
    [
        ("static::TABLES", ["osu_user_stats", "osu_user_stats_taiko"]),
        ("self::TABLES", ["osu_user_stats", "osu_user_stats_taiko"]),
        ("$this->tables", ["scores", "scores_taiko"]),
        ("['a', 'b']", ["a", "b"]),
    ],
)
def test_a_change_repeated_over_a_list_of_tables(tables: str, expected: list[str]) -> None:
    assert _drops(tables) == [f"up() drops column {t}.rank_score_exp" for t in expected]


def test_a_list_not_known_is_not_unrolled() -> None:
    """``foreach ($this->tables() as $table)``: the list is run-time: one placeholder."""
    assert _drops("$this->tables()") == ["up() drops column ${table}.rank_score_exp"]


def test_a_list_a_method_of_the_class_returns_is_unrolled() -> None:
    """sendportal-core (round AV): ``foreach ($this->getTables() as $table)`` over a method
    that returns a list of names; read as one table named ``${table}`` before."""
    method = (
        "\n    protected function getTables()\n    {\n"
        "        return ['campaigns', 'segments'];\n    }\n};\n"
    )
    text = TEMPLATE.format(tables="$this->getTables()").removesuffix("};\n") + method
    files: dict[str, str | bytes] = {"database/migrations/2025_03_14_074457_x.php": text}
    source = MemorySource(files)
    framework = load("laravel")
    (migration,) = framework.discover(sorted(files), source)
    found = sorted(f.message.split(":")[0] for f in framework.analyse(migration, source))
    assert found == [f"up() drops column {t}.rank_score_exp" for t in ("campaigns", "segments")]
