"""A Liquibase changelog that holds every release's changeSets (a Dropwizard application's
one ``migrations.xml``: pay-connector, round AG): a table an earlier release's changeSet
made is no new one to a later changeSet of the same file."""

from __future__ import annotations

from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.gate import CheckOptions, prepare
from rollback_gate.models import Finding

_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<databaseChangeLog>\n'
_CREATE = """    <changeSet id="1" author="a">
        <createTable tableName="charges">
            <column name="charge_id" type="bigserial"/>
        </createTable>
    </changeSet>
"""
_RENAME = """    <changeSet id="rename 'charges' primary key column" author="">
        <renameColumn oldColumnName="charge_id" newColumnName="id" tableName="charges"/>
    </changeSet>
"""
_REQUIRE = """    <changeSet id="3" author="a">
        <addNotNullConstraint tableName="charges" columnName="charge_id"/>
    </changeSet>
"""
_END = "</databaseChangeLog>\n"
_PATH = "src/main/resources/migrations.xml"


def _findings(git_repo: Any, *commits: str, scope: str = "all") -> list[Finding]:
    """The N−1 findings after committing the changelog ``commits`` changeSets at a time."""
    config = git_repo.migrations_config("src/main/resources", "liquibase", scope=scope)
    # (the app's code uses the table and its column: one it never names is no break, P3)
    query = 'class Charges { String q = "SELECT charge_id FROM charges"; }\n'
    code = {"src/main/java/Charges.java": query}
    git_repo.commit("config", {"deploy-readiness.yml": config, **code})
    body = ""
    for part in commits:
        body += part
        git_repo.commit("changeSets", {_PATH: _HEAD + body + _END})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    return [f for f in engine.check(ctx) if f.rule.startswith("RG22")]


def test_a_column_an_earlier_release_made_is_renamed_in_a_later_one(git_repo: Any) -> None:
    found = _findings(git_repo, _CREATE, _RENAME)
    assert [(f.rule, f.line, f.severity) for f in found] == [("RG220", 9, None)]
    assert "renames column charges.charge_id to id" in found[0].message
    assert ":made by" not in found[0].key


def test_changesets_one_commit_brought_are_one_release(git_repo: Any) -> None:
    assert _findings(git_repo, _CREATE + _RENAME + _REQUIRE) == []


def test_two_later_changesets_of_one_changeset_are_one_finding_each(git_repo: Any) -> None:
    """Each marked changeSet stands on its own; the marks never reach the report."""
    found = _findings(git_repo, _CREATE, _REQUIRE + _RENAME)
    assert sorted((f.rule, f.line) for f in found) == [("RG220", 12), ("RG222", 9)]
    assert all(f.severity is None and ":made by" not in f.key for f in found)


@pytest.mark.parametrize("with_git", [True, False])
def test_without_git_history_the_file_stays_one_release(git_repo: Any, with_git: bool) -> None:
    """Without git (a tarball) nothing tells the releases apart: the marks go."""
    import shutil

    config = git_repo.migrations_config("src/main/resources", "liquibase", scope="all")
    git_repo.commit(
        "all", {"deploy-readiness.yml": config, _PATH: _HEAD + _CREATE + _RENAME + _END}
    )
    if not with_git:
        shutil.rmtree(git_repo.root / ".git")
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [f for f in engine.check(ctx) if f.rule.startswith("RG22")] == []


def test_not_null_on_a_column_an_earlier_release_gave_a_default_is_no_break(
    git_repo: Any,
) -> None:
    """pay-connector's send_payer_email_to_gateway (round AG): added with a default in one
    release, made NOT NULL in a later one; the previous release's rows get the default."""
    add = """    <changeSet id="2" author="a">
        <addColumn tableName="charges">
            <column name="send_email" type="boolean" defaultValueBoolean="false"/>
        </addColumn>
    </changeSet>
"""
    require = """    <changeSet id="4" author="a">
        <addNotNullConstraint tableName="charges" columnName="send_email"/>
    </changeSet>
"""
    assert _findings(git_repo, _CREATE + add, require) == []


def test_a_key_over_a_column_its_own_release_added_is_no_break(git_repo: Any) -> None:
    """anet (round AH): the table is an earlier release's, the column the key is over
    came with the key; the previous release never writes it."""
    add = """    <changeSet id="5" author="a">
        <addColumn tableName="charges">
            <column name="external_id" type="char(26)"/>
        </addColumn>
    </changeSet>
    <changeSet id="6" author="a">
        <addUniqueConstraint tableName="charges" columnNames="external_id"/>
    </changeSet>
"""
    later = """    <changeSet id="7" author="a">
        <addUniqueConstraint tableName="charges" columnNames="charge_id"/>
    </changeSet>
"""
    found = _findings(git_repo, _CREATE, add, later)
    assert [(f.rule, f.line) for f in found] == [("RG224", 17)]  # changeSet 7's only


def test_a_changelog_added_with_other_files_is_not_one_release(git_repo: Any) -> None:
    """RSAPI (round AH): its migrations.xml came in a commit with three CSV files its
    loadData changeSets read; every changeSet appended later is a release of its own."""
    config = git_repo.migrations_config("src/main/resources", "liquibase", scope="all")
    data = {f"src/main/resources/data/{n}.csv": "id\n1\n" for n in ("a", "b", "c")}
    git_repo.commit("start", {"deploy-readiness.yml": config, **data,
                              _PATH: _HEAD + _CREATE + _END})  # fmt: skip
    git_repo.commit("rename", {_PATH: _HEAD + _CREATE + _RENAME + _END})
    git_repo.commit("config", {"src/main/resources/application.yaml": "a: 1\n"})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f for f in engine.check(ctx) if f.rule.startswith("RG22")]
    assert [f.rule for f in found] == ["RG220"]


def test_not_null_on_a_column_added_in_its_own_release_to_an_older_table_breaks(
    git_repo: Any,
) -> None:
    """anet's uuid columns (round AH): added without a default to an earlier release's
    table, filled, and made NOT NULL, all in one release: that release's predecessor
    inserts rows without the column."""
    add = """    <changeSet id="5" author="a">
        <addColumn tableName="charges">
            <column name="uuid" type="varchar(36)"/>
        </addColumn>
    </changeSet>
    <changeSet id="6" author="a">
        <addNotNullConstraint tableName="charges" columnName="uuid"/>
    </changeSet>
"""
    found = _findings(git_repo, _CREATE, add)
    assert [(f.rule, f.line) for f in found] == [("RG222", 14)]


def test_a_changeset_for_another_database_restating_an_earlier_one_is_no_break(
    git_repo: Any,
) -> None:
    """anet (round AH): PostgreSQL support came as copies (`dbms="postgresql"`) of what
    had shipped for SQL Server: the previous release ran with that key on its database."""
    index = """    <changeSet id="30" author="a" dbms="mssql">
        <createIndex tableName="charges" indexName="uq_charge" unique="true">
            <column name="charge_id"/>
        </createIndex>
    </changeSet>
"""
    copy = index.replace('id="30"', 'id="30p"').replace('"mssql"', '"postgresql"')
    other = copy.replace('indexName="uq_charge"', 'indexName="uq_other"').replace('"30p"', '"31p"')
    found = _findings(git_repo, _CREATE, index, copy + other)
    assert sorted((f.rule, f.line) for f in found) == [("RG224", 9), ("RG224", 19)]


def test_a_restating_changeset_may_say_it_in_sql(git_repo: Any) -> None:
    index = """    <changeSet id="30" author="a" dbms="mssql">
        <sql>CREATE UNIQUE INDEX uq_charge ON charges (charge_id) WHERE charge_id > 0</sql>
    </changeSet>
"""
    copy = """    <changeSet id="30p" author="a" dbms="postgresql,sqlite">
        <sql>CREATE UNIQUE INDEX "uq_charge" ON charges ("charge_id") WHERE charge_id > 0</sql>
    </changeSet>
"""
    found = _findings(git_repo, _CREATE, index, copy)
    assert [(f.rule, f.line) for f in found] == [("RG224", 9)]


def test_a_mark_among_a_finding_s_occurrences_never_reaches_the_report(tmp_path: Any) -> None:
    """A mark grouped with a finding the analyser reported at the same severity goes, the
    finding stays (here without git: no mark is asked)."""
    from rollback_gate.checks.history.liquibase import samelog
    from rollback_gate.migrations.grouping import one_per_rule
    from rollback_gate.migrations.liquibase.compat import SAME_CHANGELOG
    from rollback_gate.models import Severity

    (tmp_path / "deploy-readiness.yml").write_text(
        "version: 1\nservice: api\nrollback: {strategy: manual}\n"
    )
    real = Finding("RG224", "changeSet 3 by a: adds a key", _PATH, 12, severity=Severity.P3,
                   key="RG224:changeset:a:3:k")  # fmt: skip
    mark = Finding("RG224", "changeSet 3 by a: adds another", _PATH, 14, severity=Severity.P3,
                   key=f"RG224:changeset:a:3:m{SAME_CHANGELOG}4")  # fmt: skip
    (grouped,) = one_per_rule([real, mark])
    ctx = prepare(CheckOptions(repo=tmp_path))
    assert samelog.judge(ctx, [grouped], [], []) == [real]


def test_a_unique_index_over_a_column_made_unique_adds_no_key(git_repo: Any) -> None:
    """pay-connector (round AG): `external_id` added with `<constraints unique="true"/>` in
    one release, a unique index over it in a later one: the key was there already."""
    add = """    <changeSet id="5" author="a">
        <addColumn tableName="charges">
            <column name="external_id" type="char(26)">
                <constraints nullable="true" unique="true"/>
            </column>
        </addColumn>
    </changeSet>
"""
    index = """    <changeSet id="6" author="a">
        <createIndex indexName="idx_external_id" tableName="charges" unique="true">
            <column name="external_id"/>
        </createIndex>
    </changeSet>
    <changeSet id="7" author="a">
        <addUniqueConstraint tableName="charges" columnNames="charge_id"/>
    </changeSet>
"""
    found = _findings(git_repo, _CREATE, add, index)
    assert [(f.rule, f.line) for f in found] == [("RG224", 21)]  # the other column's key only


def test_a_numbered_changelog_is_one_release_whatever_commits_wrote_it(git_repo: Any) -> None:
    """broadinstitute/consent: `changelog-consent-1.0.xml` grew over several commits before
    1.0 shipped; a numbered file is one of a series, each shipped whole."""
    config = git_repo.migrations_config("src/main/resources", "liquibase", scope="all")
    path = "src/main/resources/changesets/changelog-consent-1.0.xml"
    git_repo.commit("config", {"deploy-readiness.yml": config})
    git_repo.commit("tables", {path: _HEAD + _CREATE + _END})
    git_repo.commit("rename", {path: _HEAD + _CREATE + _RENAME + _END})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [f for f in engine.check(ctx) if f.rule.startswith("RG22")] == []


def test_a_changeset_edited_after_it_shipped_keeps_its_first_commit(git_repo: Any) -> None:
    """tolgee (round AQ): Hibernate's generated changelog brought ``import_file`` and the
    key to it in one commit; a later commit edited the key's line (``validate="true"``
    added), so ``git blame`` gave that line the later commit and the key read as one on a
    table of an earlier release. The changeSet's own opening line tells when it came."""
    create = _CREATE
    key = """    <changeSet id="2" author="a">
        <addForeignKeyConstraint baseColumnNames="charge_id" baseTableName="charges"
                                 constraintName="fk_c" referencedColumnNames="id"
                                 referencedTableName="payments"/>
    </changeSet>
"""
    config = git_repo.migrations_config("src/main/resources", "liquibase", scope="all")
    git_repo.commit("config", {"deploy-readiness.yml": config})
    git_repo.commit("together", {_PATH: _HEAD + create + key + _END})
    edited = key.replace('baseTableName="charges"', 'baseTableName="charges" validate="true"')
    git_repo.commit("regenerated", {_PATH: _HEAD + create + edited + _END})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [f for f in engine.check(ctx) if f.rule.startswith("RG22")] == []


def test_a_foreign_key_drawn_again_over_a_renamed_column_is_the_same_key(git_repo: Any) -> None:
    """tolgee (round AQ): a release renames ``key.repository_id`` to ``project_id``, adds
    a foreign key of another (generated) name over it to the same table, and drops the
    old one after: the key an earlier release made, under a new name (the rename is the
    break, RG220). A key to another table stays; so does one whose old key a release
    before had dropped."""
    tables = """    <changeSet id="1" author="a">
        <createTable tableName="repository"><column name="id" type="int"/></createTable>
        <createTable tableName="project"><column name="id" type="int"/></createTable>
        <createTable tableName="key"><column name="id" type="int"/>
            <column name="repository_id" type="int"/><column name="owner_id" type="int"/>
        </createTable>
    </changeSet>
    <changeSet id="2" author="a">
        <addForeignKeyConstraint baseTableName="key" baseColumnNames="repository_id"
            constraintName="FK4w7p" referencedTableName="repository" referencedColumnNames="id"/>
        <addForeignKeyConstraint baseTableName="key" baseColumnNames="owner_id"
            constraintName="FKowner" referencedTableName="project" referencedColumnNames="id"/>
    </changeSet>
"""
    dropped = """    <changeSet id="3" author="a">
        <dropForeignKeyConstraint baseTableName="key" constraintName="FKowner"/>
    </changeSet>
"""
    later = """    <changeSet id="4" author="a">
        <renameColumn tableName="key" oldColumnName="repository_id" newColumnName="project_id"/>
    </changeSet>
    <changeSet id="5" author="a">
        <addForeignKeyConstraint baseTableName="key" baseColumnNames="project_id"
            constraintName="FKnew" referencedTableName="repository" referencedColumnNames="id"/>
    </changeSet>
    <changeSet id="6" author="a">
        <addForeignKeyConstraint baseTableName="key" baseColumnNames="project_id"
            constraintName="FKother" referencedTableName="project" referencedColumnNames="id"/>
    </changeSet>
    <changeSet id="7" author="a">
        <addForeignKeyConstraint baseTableName="key" baseColumnNames="owner_id"
            constraintName="FKowner2" referencedTableName="project" referencedColumnNames="id"/>
    </changeSet>
    <changeSet id="8" author="a">
        <dropForeignKeyConstraint baseTableName="key" constraintName="FK4w7p"/>
    </changeSet>
"""
    found = _findings(git_repo, tables, dropped, later)
    text = (_HEAD + tables + dropped + later).splitlines()
    at = {n: i for i, t in enumerate(text, 1) for n in ("FKother", "FKowner2") if n in t}
    assert sorted((f.rule, f.line) for f in found if f.rule == "RG224") == [
        ("RG224", at["FKother"] - 1),
        ("RG224", at["FKowner2"] - 1),
    ]


def test_a_changelog_rewritten_and_restored_keeps_its_changesets_first_release(
    git_repo: Any,
) -> None:
    """em-hrs-api (round AZ): one merge brought a table and the changeSet after it; a
    later commit replaced the changelog by a regenerated one (other ids, the same
    createTable lines) and the next restored it. Blame dates the table's lines by the
    rewrite and the rename's by the restore, a release apart; their ids came together, so
    the rename is no break. A rename whose id did come later still is one."""
    config = git_repo.migrations_config("src/main/resources", "liquibase", scope="all")
    git_repo.commit("config", {"deploy-readiness.yml": config})
    git_repo.commit("one release", {_PATH: _HEAD + _CREATE + _RENAME + _END})
    regenerated = _CREATE.replace('id="1" author="a"', 'id="1612-1" author="gen"')
    git_repo.commit("regenerated", {_PATH: _HEAD + regenerated + _END})
    git_repo.commit("restored", {_PATH: _HEAD + _CREATE + _RENAME + _END})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [f for f in engine.check(ctx) if f.rule.startswith("RG22")] == []
    git_repo.commit("later", {_PATH: _HEAD + _CREATE + _RENAME + _REQUIRE + _END})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f for f in engine.check(ctx) if f.rule.startswith("RG22")]
    assert [(f.rule, f.line) for f in found] == [("RG222", 12)]


def test_a_changeset_whose_id_was_renamed_later_keeps_its_first_release(git_repo: Any) -> None:
    """dpc-app (round AU): the table's changeSet shipped, then a later release renamed its
    id and added the changeSet that changes the table. The id is younger than the lines:
    the earlier of the two says when the changeSet came, so the change still breaks."""
    config = git_repo.migrations_config("src/main/resources", "liquibase", scope="all")
    git_repo.commit("config", {"deploy-readiness.yml": config})
    git_repo.commit("first release", {_PATH: _HEAD + _CREATE + _END})
    renamed = _CREATE.replace('id="1" author="a"', 'id="basetable-layout" author="a"')
    git_repo.commit("second release", {_PATH: _HEAD + renamed + _RENAME + _END})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f for f in engine.check(ctx) if f.rule.startswith("RG22")]
    assert [(f.rule, f.line) for f in found] == [("RG220", 9)]


def _tables(prefix: str, count: int) -> str:
    """``count`` changeSets of ids ``<prefix>N``, each making a table of its own."""
    return "".join(
        f'    <changeSet id="{prefix}{n}" author="a">\n'
        f'        <createTable tableName="other_{n}">\n'
        '            <column name="id" type="bigint"/>\n        </createTable>\n    </changeSet>\n'
        for n in range(count)
    )


def _unique(changeset: str) -> str:
    return (
        f'    <changeSet id="{changeset}" author="a">\n'
        '        <addUniqueConstraint columnNames="charge_id" tableName="charges"/>\n'
        "    </changeSet>\n"
    )


@pytest.mark.parametrize(("others", "kept"), [(5, []), (3, [("RG224", 24)])])
def test_a_regenerated_changelog_restates_what_the_previous_release_had(
    git_repo: Any, others: int, kept: list[tuple[str, int]]
) -> None:
    """object-store-api (round BT): "compact logs" replaced the changelog by a generated
    one, every changeSet under a new id; its `createTable` line for `metadata` was the old
    file's, so blame dated the table to 2020 and the restated keys to the rewrite: three
    RG224. A commit that takes out changeSets whose ids it does not write again rewrote
    the changelog; what it seems to add to an older table is the old schema said again.
    Taking out fewer is an edit, and a key it adds is one."""
    config = git_repo.migrations_config("src/main/resources", "liquibase", scope="all")
    code = {"src/main/java/Charges.java": 'class Charges { String q = "FROM charges"; }\n'}
    git_repo.commit("config", {"deploy-readiness.yml": config, **code})
    git_repo.commit("first", {_PATH: _HEAD + _CREATE + _tables("old-", others) + _END})
    regenerated = _CREATE.replace('id="1" author="a"', 'id="1618-1" author="gen"')
    body = regenerated + _tables("1618-t", others) + _unique("1618-u")
    git_repo.commit("compact logs", {_PATH: _HEAD + body + _END})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f for f in engine.check(ctx) if f.rule.startswith("RG22")]
    assert [(f.rule, f.line) for f in found] == kept


_KEYED = """    <changeSet id="k1" author="a">
        <createTable tableName="queue"><column name="queue_id" type="int"/></createTable>
        <addColumn tableName="charges"><column name="queue_from" type="int"/></addColumn>
        <addForeignKeyConstraint constraintName="charges_queue_from_fk"
            baseTableName="charges" baseColumnNames="queue_from"
            referencedTableName="queue" referencedColumnNames="queue_id"/>
    </changeSet>
"""
_RENAMED_KEY = """    <changeSet id="k2" author="a">
        <renameColumn tableName="charges" oldColumnName="queue_from" newColumnName="came_from"/>
    </changeSet>
    <changeSet id="k3" author="a">
        <dropForeignKeyConstraint baseTableName="charges" constraintName="charges_queue_from_fk"/>
    </changeSet>
"""
_REDRAWN_KEY = """    <changeSet id="k4" author="a">
        <addForeignKeyConstraint constraintName="charges_came_from_fk"
            baseTableName="charges" baseColumnNames="came_from"
            referencedTableName="queue" referencedColumnNames="queue_id"/>
    </changeSet>
"""


@pytest.mark.parametrize(
    ("commits", "keyed"),
    [((_RENAMED_KEY + _REDRAWN_KEY,), False), ((_RENAMED_KEY, _REDRAWN_KEY), True)],
    ids=["one-release", "dropped-a-release-before"],
)
def test_a_foreign_key_dropped_and_drawn_again_under_a_new_name_is_the_same_key(
    git_repo: Any, commits: tuple[str, ...], keyed: bool
) -> None:
    """openmrs-module-queue (round CG): a column renamed, its foreign key dropped by name
    and added again under a name for the new column, to the same table, in one release:
    the key the previous release's rows obeyed. Dropped a release before, the table lived
    without it, and the key is new."""
    found = _findings(git_repo, _CREATE, _KEYED, *commits)
    assert [f.rule for f in found].count("RG224") == int(keyed), found
    assert "RG220" in [f.rule for f in found]
