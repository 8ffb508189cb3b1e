"""RG224 on a key a later migration of the same release drops again (checks.history.undone)."""

from __future__ import annotations

from typing import Any

import pytest

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


FOREIGN = (
    'ALTER TABLE "Album" ADD CONSTRAINT fk_album_artist '
    'FOREIGN KEY (artist) REFERENCES "Artist"(id);'
)
CHECKED = 'ALTER TABLE "Album" ADD CONSTRAINT ck_album CHECK (artist > 0);'


@pytest.mark.parametrize(
    ("together", "add", "expected"),
    [
        (True, FOREIGN, []),  # dropped and added again in one release: as it was
        (False, FOREIGN, [2]),  # the drop shipped before: the key is new to that release
        (True, CHECKED, [2]),  # a CHECK under its name may be tighter: still a finding
    ],
    ids=["foreign-key", "earlier-release", "check"],
)
def test_a_foreign_key_an_earlier_migration_of_the_release_dropped_is_drawn_again(
    git_repo: Any, together: bool, add: str, expected: list[int]
) -> None:
    """aerogear-unifiedpush-server's 1.1.0-Final (round CF): its foreign keys dropped by
    ``disable-constraints``, added again under their names by ``reenable-constraints``."""
    _start(git_repo, "all")
    drop = (
        'ALTER TABLE "Album" DROP CONSTRAINT fk_album_artist;\n'
        'ALTER TABLE "Album" DROP CONSTRAINT ck_album;'
    )
    album = 'CREATE TABLE "Album" (id int, artist int);'
    git_repo.commit("album", _goose("20250201000000_album", album))
    first = _goose("20260101000000_disable", drop)
    second = _goose("20260101000001_enable", add)
    if together:
        git_repo.commit("release", {**first, **second})
    else:
        git_repo.commit("disable", first)
        git_repo.commit("enable", second)
    lines = [
        line for path, line in _rg224(git_repo.root) if path == f"{GO}/20260101000001_enable.sql"
    ]
    assert lines == expected


LIQUIBASE = "db/changelog"


def test_a_liquibase_foreign_key_dropped_and_added_again_in_one_release(git_repo: Any) -> None:
    def changelog(body: str) -> str:
        return (
            '<?xml version="1.0"?>\n<databaseChangeLog>\n  <changeSet author="a" id="1">\n'
            f"{body}  </changeSet>\n</databaseChangeLog>\n"
        )

    config = git_repo.migrations_config(LIQUIBASE, "liquibase", scope="all")
    init = changelog(
        '    <createTable tableName="album">\n      <column name="id" type="int"/>\n'
        '      <column name="artist" type="int"/>\n    </createTable>\n'
    )
    git_repo.commit("init", {"deploy-readiness.yml": config, f"{LIQUIBASE}/1.0/init.xml": init})
    disable = changelog(
        '    <dropForeignKeyConstraint baseTableName="album" constraintName="fk_album_artist"/>\n'
    )
    enable = changelog(
        '    <addForeignKeyConstraint baseColumnNames="artist" baseTableName="album"\n'
        '      constraintName="fk_album_artist" referencedTableName="artist"\n'
        '      referencedColumnNames="id"/>\n'
    )
    git_repo.commit(
        "release",
        {f"{LIQUIBASE}/1.1/a-disable.xml": disable, f"{LIQUIBASE}/1.1/b-enable.xml": enable},
    )
    assert [p for p, _ in _rg224(git_repo.root)] == []


def test_a_foreign_key_its_own_down_file_drops_is_still_new(git_repo: Any) -> None:
    """xmtpd's 00017 (round CF): the down file of the same migration drops the key it
    adds; a down file runs on a rollback only, no earlier migration of the release."""
    folder = "db/migrate"
    config = git_repo.migrations_config(folder, "golang-migrate", scope="all")
    init = {
        f"{folder}/000001_init.up.sql": "CREATE TABLE payers (id int PRIMARY KEY);\n"
        "CREATE TABLE usage (id int, payer_id int);\n",
        f"{folder}/000001_init.down.sql": "DROP TABLE usage;\nDROP TABLE payers;\n",
    }
    git_repo.commit("init", {"deploy-readiness.yml": config, **init})
    key = {
        f"{folder}/000002_fk.up.sql": "ALTER TABLE usage ADD CONSTRAINT fk_usage_payer "
        "FOREIGN KEY (payer_id) REFERENCES payers(id);\n",
        f"{folder}/000002_fk.down.sql": "ALTER TABLE usage DROP CONSTRAINT fk_usage_payer;\n",
        f"{folder}/000003_more.up.sql": "CREATE TABLE other (id int);\n",
        f"{folder}/000003_more.down.sql": "DROP TABLE other;\n",
    }
    git_repo.commit("release", key)
    assert [p for p, _ in _rg224(git_repo.root)] == [f"{folder}/000002_fk.up.sql"]
