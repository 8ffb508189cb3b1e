"""RG222 on a column a Laravel migration adds NOT NULL, where the app's MySQL connection is
not strict: the previous release's INSERTs leave the column out and MySQL gives it the
implicit default (BookStack, round AA)."""

from __future__ import annotations

from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.checks.history.lenient import _strict_in
from rollback_gate.gate import CheckOptions, prepare

LARAVEL = "database/migrations"


def _laravel(name: str, body: str, down: str = "") -> dict[str, str]:
    return {
        f"{LARAVEL}/{name}.php": "<?php\n\nuse Illuminate\\Database\\Migrations\\Migration;\n"
        "use Illuminate\\Database\\Schema\\Blueprint;\n"
        "use Illuminate\\Support\\Facades\\Schema;\n\n"
        "return new class extends Migration\n{\n    public function up(): void\n    {\n"
        f"{body}    }}\n\n    public function down(): void\n    {{\n{down}    }}\n}};\n"
    }


def _config(connection: str) -> str:
    return (
        "<?php\n\nreturn [\n    'default' => env('DB_CONNECTION', 'mysql'),\n"
        f"    'connections' => [\n        'mysql' => [{connection}],\n    ],\n];\n"
    )


FILES = {
    **_laravel(
        "2021_07_03_085038_add_mfa_enforced_to_roles_table",
        "        Schema::table('roles', function (Blueprint $table) {\n"
        "            $table->boolean('mfa_enforced');\n        });\n",
    ),
    # filled, then made unique: every old INSERT gets '' there, the second one fails
    **_laravel(
        "2021_03_08_215138_add_user_slug",
        "        Schema::table('users', function (Blueprint $table) {\n"
        "            $table->string('slug', 180);\n        });\n"
        "        Schema::table('users', function (Blueprint $table) {\n"
        "            $table->unique('slug');\n        });\n",
    ),
    # an existing column: the previous release may write NULL, refused in any mode
    **_laravel(
        "2021_09_26_044614_require_activity_ip",
        "        Schema::table('activities', function (Blueprint $table) {\n"
        "            $table->string('ip', 45)->nullable(false)->change();\n        });\n",
        "        Schema::table('activities', function (Blueprint $table) {\n"
        "            $table->string('ip', 45)->nullable()->change();\n        });\n",
    ),
}
ALWAYS = [
    f"{LARAVEL}/2021_03_08_215138_add_user_slug.php",
    f"{LARAVEL}/2021_09_26_044614_require_activity_ip.php",
]
MFA = f"{LARAVEL}/2021_07_03_085038_add_mfa_enforced_to_roles_table.php"


@pytest.mark.parametrize(
    ("connection", "lenient"),
    [
        ("'driver' => 'mysql', 'strict' => false", True),
        ("'driver' => 'mariadb', 'strict' => env('DB_STRICT', false)", True),
        ("'driver' => 'mysql', 'strict' => true", False),
        ("'driver' => 'mysql'", False),  # the server's mode: strict since MySQL 5.7
        ("'driver' => 'mysql', 'strict' => false, 'modes' => ['STRICT_TRANS_TABLES']", False),
        ("'driver' => 'mysql', 'strict' => true, 'modes' => ['ONLY_FULL_GROUP_BY']", True),
        ("'driver' => 'pgsql', 'strict' => false", False),
    ],
)
def test_a_column_added_not_null_on_a_lenient_mysql_session(
    git_repo: Any, connection: str, lenient: bool
) -> None:
    config = git_repo.migrations_config(LARAVEL, "laravel", scope="all")
    files = {"deploy-readiness.yml": config, "config/database.php": _config(connection)}
    git_repo.commit("all", {**files, **FILES})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = sorted((f.path or "") for f in engine.check(ctx) if f.rule == "RG222")
    assert found == (ALWAYS if lenient else sorted([*ALWAYS, MFA]))


def test_the_default_connection_is_the_one_read() -> None:
    text = (
        "<?php\nreturn [\n    'default' => 'pgsql',\n    'connections' => [\n"
        "        'mysql' => ['driver' => 'mysql', 'strict' => false],\n"
        "        'pgsql' => ['driver' => 'pgsql'],\n    ],\n];\n"
    )
    assert _strict_in(text)
    assert not _strict_in(text.replace("'default' => 'pgsql'", "'default' => 'mysql'"))
    assert _strict_in("<?php\nreturn [];\n")  # nothing said: strict


@pytest.mark.parametrize(("then", "now", "reported"), [(False, True, False), (True, False, True)])
def test_the_config_is_read_as_the_previous_release_had_it(
    git_repo: Any, then: bool, now: bool, reported: bool
) -> None:
    """osu-web (round AJ): ``'strict' => false`` until 2020, strict since: its 2015-2016
    columns were added NOT NULL while the running release's session was lenient, so no
    INSERT of it failed. The setting that counts is the previous release's, not today's."""
    strict = {True: "'driver' => 'mysql', 'strict' => true",
              False: "'driver' => 'mysql', 'strict' => false"}  # fmt: skip
    config = git_repo.migrations_config(LARAVEL, "laravel", scope="all")
    git_repo.commit(
        "app", {"deploy-readiness.yml": config, "config/database.php": _config(strict[then])}
    )
    mfa = {k: v for k, v in FILES.items() if k == MFA}
    git_repo.commit("migration", mfa)
    git_repo.commit("config", {"config/database.php": _config(strict[now])})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [(f.path or "") for f in engine.check(ctx) if f.rule == "RG222"]
    assert found == ([MFA] if reported else [])
