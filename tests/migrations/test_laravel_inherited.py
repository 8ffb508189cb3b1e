"""Laravel migrations whose class inherits up()/down() from a class of the repository
(Lychee's config migrations extend BaseConfigMigration: 141 RG205 before, round I)."""

from __future__ import annotations

from rollback_gate.migrations import load
from rollback_gate.migrations.base import MemorySource

BASE = """<?php
namespace App\\Legacy;

use Illuminate\\Database\\Migrations\\Migration;
use Illuminate\\Support\\Facades\\DB;

abstract class BaseConfigMigration extends Migration
{
    abstract public function getConfigs(): array;

    public function up(): void
    {
        DB::table('configs')->insert($this->getConfigs());
    }

    public function down(): void
    {
        DB::table('configs')->whereIn('key', ['x'])->delete();
    }
}
"""
ABSTRACT = """<?php
namespace App\\Models\\Extensions;

use Illuminate\\Database\\Migrations\\Migration;

abstract class AbstractBaseConfigMigration extends Migration
{
    abstract public function getConfigs(): array;
}
"""
REVERSED = """<?php
namespace App\\Models\\Extensions;

use Illuminate\\Support\\Facades\\DB;

abstract class BaseConfigMigrationReversed extends AbstractBaseConfigMigration
{
    public function up(): void
    {
        DB::table('configs')->whereIn('key', ['x'])->delete();
    }

    public function down(): void
    {
        DB::table('configs')->insert($this->getConfigs());
    }
}
"""


def _migration(use: str, base: str) -> str:
    return (
        f"<?php\n\nuse {use};\n\nreturn new class() extends {base} {{\n"
        "    public function getConfigs(): array\n    {\n        return [['key' => 'x']];\n"
        "    }\n};\n"
    )


FILES = {
    "app/Legacy/BaseConfigMigration.php": BASE,
    "app/Models/Extensions/AbstractBaseConfigMigration.php": ABSTRACT,
    "app/Models/Extensions/BaseConfigMigrationReversed.php": REVERSED,
    "database/migrations/2019_10_02_140000_config_map.php": _migration(
        "App\\Legacy\\BaseConfigMigration", "BaseConfigMigration"
    ),
    "database/migrations/2024_11_11_141241_remove_config.php": _migration(
        "App\\Models\\Extensions\\BaseConfigMigrationReversed", "BaseConfigMigrationReversed"
    ),
    "database/migrations/2024_12_01_000000_from_a_package.php": _migration(
        "Vendor\\Package\\ConfigMigration", "ConfigMigration"
    ),
}


def test_up_and_down_inherited_from_the_repository_are_judged() -> None:
    laravel = load("laravel")
    source = MemorySource(FILES)
    paths = sorted(p for p in FILES if p.startswith("database/"))
    found = {
        m.path.rsplit("/", 1)[-1]: [(f.rule, f.line) for f in laravel.analyse(m, source)]
        for m in laravel.discover(paths, source)
    }
    migration = next(m for m in laravel.discover(paths, source) if "package" in m.path)
    (rg205,) = laravel.analyse(migration, source)
    assert "inherited from ConfigMigration, whose file is not in the repository" in rg205.message
    assert found == {
        # inserts its rows, and down() deletes them: nothing to report
        "2019_10_02_140000_config_map.php": [],
        # through two ancestors: up() deletes rows, reported at the `extends` line
        "2024_11_11_141241_remove_config.php": [("RG203", 5)],
        # the ancestor is a package's, out of sight: still RG205, never a silent pass
        "2024_12_01_000000_from_a_package.php": [("RG205", 1)],
    }
