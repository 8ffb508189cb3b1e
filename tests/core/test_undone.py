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
