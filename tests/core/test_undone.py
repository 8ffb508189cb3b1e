"""RG224 on a key a later migration of the same release drops again (checks.history.undone)."""

from __future__ import annotations

from typing import Any

from rollback_gate.checks import migrations as engine
from rollback_gate.gate import CheckOptions, prepare

GO = "db/migrations"


def _goose(name: str, up: str) -> dict[str, str]:
    return {f"{GO}/{name}.sql": f"-- +goose Up\n{up}\n-- +goose Down\nSELECT 1;\n"}


def _rg224(root: Any, base: str | None = None) -> list[tuple[str | None, int | None]]:
    ctx = prepare(CheckOptions(repo=root, base=base))
    return sorted(
        (o.path, o.line) for f in engine.check(ctx) if f.rule == "RG224" for o in (f, *f.related)
    )


def _start(git_repo: Any, scope: str) -> str:
    config = git_repo.migrations_config(GO, "goose", scope=scope)
    table = 'CREATE TABLE "Artist" (id int, "urlSlug" text, email text);'
    files = {"deploy-readiness.yml": config, **_goose("20250101000000_init", table)}
    return str(git_repo.commit("base", files))


RELEASE = {
    # mirlo (round AC): unique, replaced by a looser one, dropped, in one pull request
    **_goose(
        "20260109163906_slug", 'CREATE UNIQUE INDEX "Artist_urlSlug_key" ON "Artist"("urlSlug");'
    ),
    **_goose(
        "20260109164238_slug_deleted",
        'DROP INDEX "Artist_urlSlug_key";\n'
        'CREATE UNIQUE INDEX "Artist_urlSlug_deletedAt_key" ON "Artist"("urlSlug", "deletedAt");',
    ),
    **_goose("20260109193754_no_slug_key", 'DROP INDEX "Artist_urlSlug_deletedAt_key";'),
    # a key the release keeps stays a finding
    **_goose(
        "20260109200000_email_key", 'ALTER TABLE "Artist" ADD CONSTRAINT uq_email UNIQUE (email);'
    ),
}


def test_a_key_a_later_migration_of_the_commit_drops_is_none(git_repo: Any) -> None:
    _start(git_repo, "all")
    git_repo.commit("slug", RELEASE)
    assert _rg224(git_repo.root) == [(f"{GO}/20260109200000_email_key.sql", 2)]


def test_a_key_a_later_migration_of_the_change_drops_is_none(git_repo: Any) -> None:
    base = _start(git_repo, "changed")
    git_repo.commit("slug", RELEASE)
    assert _rg224(git_repo.root, base) == [(f"{GO}/20260109200000_email_key.sql", 2)]


def test_a_key_a_later_release_drops_is_still_a_break(git_repo: Any) -> None:
    """The release that added it ran with it: the drop came in another deploy."""
    _start(git_repo, "all")
    slug = {k: v for k, v in RELEASE.items() if "163906" in k}
    git_repo.commit("slug", {**slug, **_goose("20260109163907_other", "SELECT 1;")})
    later = {k: v for k, v in RELEASE.items() if "164238" in k or "193754" in k}
    git_repo.commit("later", later)
    found = _rg224(git_repo.root)
    assert (f"{GO}/20260109163906_slug.sql", 2) in found


def test_an_unnamed_key_is_not_taken_for_the_next_statement_s(git_repo: Any) -> None:
    _start(git_repo, "all")
    both = (
        'ALTER TABLE "Artist" ADD UNIQUE (email);\n'
        'ALTER TABLE "Artist" ADD CONSTRAINT uq_slug UNIQUE ("urlSlug");'
    )
    git_repo.commit(
        "keys",
        {
            **_goose("20260109163906_keys", both),
            **_goose("20260109164238_no_slug", 'ALTER TABLE "Artist" DROP CONSTRAINT uq_slug;'),
        },
    )
    assert _rg224(git_repo.root) == [(f"{GO}/20260109163906_keys.sql", 2)]


LARAVEL = "database/migrations"


def _laravel(name: str, up: str, down: str = "") -> dict[str, str]:
    return {
        f"{LARAVEL}/{name}.php": "<?php\nuse Illuminate\\Database\\Migrations\\Migration;\n"
        "use Illuminate\\Database\\Schema\\Blueprint;\nuse Illuminate\\Support\\Facades\\Schema;\n"
        "return new class extends Migration {\n    public function up(): void {\n"
        f"        Schema::table('reports', function (Blueprint $table) {{\n            {up}\n"
        "        });\n    }\n    public function down(): void {\n"
        f"        Schema::table('reports', function (Blueprint $table) {{\n            {down}\n"
        "        });\n    }\n};\n"
    }


def test_a_required_column_a_later_migration_of_the_release_drops_is_no_break(
    git_repo: Any,
) -> None:
    """asistent-medical-comunitar (round BN): `reports.title` added NOT NULL by one
    migration and dropped by another of the same commit: the release leaves no column for
    the previous release's inserts to miss. `summary`, which the release keeps, stays
    RG222; so does `title` where the drop ships in a later release."""
    config = git_repo.migrations_config(LARAVEL, "laravel", scope="all")
    git_repo.commit("base", {"deploy-readiness.yml": config, **_laravel("2024_01_01_000000_x", "")})
    added = _laravel(
        "2024_07_29_144058_update_reports_table",
        "$table->string('title');\n            $table->string('summary');",
        "$table->dropColumn(['title', 'summary']);",
    )
    dropped = _laravel(
        "2024_10_02_112909_update_reports_table",
        "$table->dropColumn('title');",
        "$table->string('title')->nullable();",
    )
    git_repo.commit("release", {**added, **dropped})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    said = [o.message for f in engine.check(ctx) if f.rule == "RG222" for o in (f, *f.related)]
    assert said == ["up() adds column reports.summary as NOT NULL without a default"], said


def test_a_required_column_a_later_release_drops_stays_a_break(git_repo: Any) -> None:
    config = git_repo.migrations_config(LARAVEL, "laravel", scope="all")
    git_repo.commit("base", {"deploy-readiness.yml": config, **_laravel("2024_01_01_000000_x", "")})
    git_repo.commit(
        "added",
        _laravel("2024_07_29_144058_a", "$table->string('title');", "$table->dropColumn('title');"),
    )
    git_repo.commit(
        "dropped",
        _laravel("2024_10_02_112909_b", "$table->dropColumn('title');", "$table->string('title');"),
    )
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [f.path for f in engine.check(ctx) if f.rule == "RG222"] == [
        f"{LARAVEL}/2024_07_29_144058_a.php"
    ]
