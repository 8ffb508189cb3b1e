"""Liquibase analyser behaviour the data cases cannot express: detection, run order, files,
entity refusal, severities, fixes and speed."""

from __future__ import annotations

import time

import pytest

from rollback_gate.migrations.base import MemorySource, Migration, Unreadable
from rollback_gate.migrations.liquibase.compat import SAME_CHANGELOG
from rollback_gate.migrations.liquibase.framework import FRAMEWORK
from rollback_gate.migrations.liquibase.loading import parse
from rollback_gate.models import Finding, Severity

XML = """<?xml version="1.0" encoding="UTF-8"?>
<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
{body}
</databaseChangeLog>
"""


def _run(files: dict[str, str | bytes]) -> tuple[list[Migration], list[Finding]]:
    source = MemorySource(files)
    migrations = FRAMEWORK.discover(sorted(files), source)
    return migrations, [f for m in migrations for f in FRAMEWORK.analyse(m, source)]


def test_detect_counts_changelogs_by_content_not_name() -> None:
    files: dict[str, str | bytes] = {
        "db/master.xml": XML.format(body='<include file="a.yaml"/>'),
        "db/a.yaml": "databaseChangeLog:\n  - changeSet: {id: 1, author: a, changes: []}\n",
        "db/b.json": '{"databaseChangeLog": []}',
        "db/c.sql": "\n-- liquibase formatted sql\n--changeset a:1\nSELECT 1;\n",
        "db/plain.sql": "CREATE TABLE t (id int);\n",
        "db/pom.xml": "<project/>",
        "db/binary.xml": b"\x00\x01databaseChangeLog",
        "db/notes.yaml": "databaseChangeLogLock: true\n",
    }
    assert FRAMEWORK.detect(sorted(files), MemorySource(files)) == 4
    assert FRAMEWORK.detect(["db/plain.sql", "db/pom.xml"], MemorySource(files)) == 0


def test_discover_follows_include_order_and_versions() -> None:
    files: dict[str, str | bytes] = {
        "db/master.xml": XML.format(
            body='<include file="db/z-first.xml"/>\n<includeAll path="parts/" '
            'relativeToChangelogFile="true"/>'
        ),
        "db/z-first.xml": XML.format(
            body='<changeSet id="1" author="a"><tagDatabase tag="t"/></changeSet>'
        ),
        "db/parts/b.xml": XML.format(
            body='<changeSet id="3" author="a"><tagDatabase tag="u"/></changeSet>'
        ),
        "db/parts/a.xml": XML.format(
            body='<changeSet id="2" author="a"><tagDatabase tag="v"/></changeSet>'
        ),
    }
    migrations, findings = _run(files)
    assert [m.version for m in migrations] == [
        "db/z-first.xml::a::1",
        "db/parts/a.xml::a::2",
        "db/parts/b.xml::a::3",
    ]
    assert migrations[0].name == "changeSet 1 by a"
    assert findings == []


def test_a_changelog_no_master_includes_comes_before_the_masters_order() -> None:
    """natural-history-collection-api (round AO): ``44-Collection_code_max_size.xml`` is in
    no include; Liquibase never runs it, so it is not the newest changeSet (``init`` wrote
    it as ``since:``, exempting the 190 after it). A changelog that includes others keeps
    its place."""
    files: dict[str, str | bytes] = {
        "db/changelog/db.changelog-master.xml": XML.format(
            body='<include file="db/changelog/m/190-x.xml"/>'
        ),
        "db/changelog/m/190-x.xml": XML.format(
            body='<changeSet id="190" author="a"><tagDatabase tag="t"/></changeSet>'
        ),
        "db/changelog/m/44-y.xml": XML.format(
            body='<changeSet id="44" author="a"><tagDatabase tag="u"/></changeSet>'
        ),
    }
    migrations, _ = _run(files)
    assert [m.version for m in migrations] == [
        "db/changelog/m/44-y.xml::a::44",
        "db/changelog/m/190-x.xml::a::190",
    ]


def test_referenced_sql_and_csv_files_belong_to_the_changeset() -> None:
    files: dict[str, str | bytes] = {
        "src/main/resources/db/changelog.xml": XML.format(
            body='<changeSet id="1" author="a">'
            '<sqlFile path="db/sql/one.sql"/>'
            '<loadData file="data/rows.csv" relativeToChangelogFile="true" tableName="t"/>'
            "<rollback/></changeSet>"
        ),
        "src/main/resources/db/sql/one.sql": "INSERT INTO t VALUES (1);",
        "src/main/resources/db/data/rows.csv": "id\n1\n",
    }
    migrations, _ = _run(files)
    assert migrations[0].files == (
        "src/main/resources/db/changelog.xml",
        "src/main/resources/db/sql/one.sql",
        "src/main/resources/db/data/rows.csv",
    )


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE d SYSTEM "http://127.0.0.1:9/evil.dtd">',
    ],
)
def test_xml_entities_and_external_references_are_refused(doctype: str) -> None:
    text = (
        '<?xml version="1.0"?>\n'
        + doctype
        + '\n<databaseChangeLog><changeSet id="1" author="m"><sql>SELECT 1</sql>'
        "</changeSet></databaseChangeLog>\n"
    )
    migrations, findings = _run({"changelog.xml": text})
    assert len(migrations) == 1
    assert [f.rule for f in findings] == ["RG205"]
    assert "refused" in findings[0].message
    assert "aaaaaaaa" not in findings[0].message


def test_unreadable_changelog_propagates_for_the_engine() -> None:
    files: dict[str, str | bytes] = {"db/changelog.yaml": b"databaseChangeLog: \xff\xfe\n"}
    source = MemorySource(files)
    migrations = FRAMEWORK.discover(sorted(files), source)
    assert len(migrations) == 1
    with pytest.raises(Unreadable):
        list(FRAMEWORK.analyse(migrations[0], source))


def test_test_only_context_is_reported_at_p3_and_production_at_default() -> None:
    body = (
        '<changeSet id="1" author="a" context="faker"><loadData file="x.csv" tableName="t"/>'
        "</changeSet>\n"
        '<changeSet id="2" author="a" context="prod"><loadData file="x.csv" tableName="t"/>'
        "</changeSet>\n"
        '<changeSet id="3" author="a" context="!test"><loadData file="x.csv" tableName="t"/>'
        "</changeSet>"
    )
    _, findings = _run({"c.xml": XML.format(body=body)})
    # loadData only adds rows: production changeSets get the data-only P2 (same in every
    # framework, docs/severity-by-situation.md); the test-only one drops further to P3.
    assert [(f.rule, f.severity) for f in findings] == [
        ("RG200", Severity.P3),
        ("RG200", Severity.P2),
        ("RG200", Severity.P2),
    ]
    assert "faker" in findings[0].message


def test_fix_is_concrete_and_key_line_independent() -> None:
    body = (
        '<changeSet id="42" author="alice"><createTable tableName="orders">'
        '<column name="note" type="varchar(255)"/></createTable></changeSet>\n'
        '<changeSet id="43" author="alice">\n\n<dropColumn tableName="orders" '
        'columnName="note"/></changeSet>'
    )
    _, findings = _run({"c.xml": XML.format(body=body)})
    by_rule = {f.rule: f for f in findings}
    assert (
        '<rollback><addColumn tableName="orders"><column name="note" type="varchar(255)"/>'
        "</addColumn></rollback>" in by_rule["RG200"].fix
    )
    assert "changeSet 43 by alice" in by_rule["RG200"].fix
    assert by_rule["RG200"].key == "RG200:changeset:alice:43:no-rollback"
    assert by_rule["RG203"].key == "RG203:changeset:alice:43:drop_column:orders.note"
    assert "orders.note" in by_rule["RG203"].message
    assert by_rule["RG203"].line == 6


def test_rollback_reference_to_another_file_resolves() -> None:
    files: dict[str, str | bytes] = {
        "db/a.xml": XML.format(
            body='<changeSet id="create" author="a"><createTable tableName="t">'
            '<column name="id" type="int"/></createTable></changeSet>'
        ),
        "db/b.xml": XML.format(
            body='<changeSet id="drop" author="a"><dropTable tableName="t"/>'
            '<rollback changeSetId="create" changeSetAuthor="a" changeSetPath="db/a.xml"/>'
            "</changeSet>\n"
            '<changeSet id="drop2" author="a"><dropTable tableName="u"/>'
            '<rollback changeSetId="nope" changeSetAuthor="a" changeSetPath="db/a.xml"/>'
            "</changeSet>"
        ),
    }
    _, findings = _run(files)
    assert sorted((f.rule, f.key) for f in findings) == [
        ("RG202", "RG202:changeset:a:drop2:ref:a:nope"),
        ("RG203", "RG203:changeset:a:drop2:drop_table:u"),
        ("RG203", "RG203:changeset:a:drop:drop_table:t"),
    ]


def test_yaml_alias_bomb_is_refused_not_expanded() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    text = "\n".join(lines) + "\ndatabaseChangeLog: *a8\n"
    _, findings = _run({"bomb.yaml": text})
    assert [f.rule for f in findings] == ["RG205"]


def test_parse_keeps_line_numbers_of_sql_text() -> None:
    log = parse(
        "c.xml",
        XML.format(body='<changeSet id="1" author="a">\n<sql>\n\nSELECT 1;</sql></changeSet>'),
    )
    assert log is not None
    change = log.changesets[0].changes[0]
    assert (change.line, change.text_line) == (4, 6)


def test_speed_sanity_thousands_of_changesets() -> None:
    sets = "\n".join(
        f'<changeSet id="{i}" author="a"><addColumn tableName="t{i % 50}">'
        f'<column name="c{i}" type="varchar(20)"/></addColumn>'
        f"<sql>UPDATE t{i % 50} SET c{i} = 'x'; DELETE FROM t{i % 50} WHERE id &lt; 0</sql>"
        '<rollback><dropColumn tableName="t" columnName="c"/></rollback></changeSet>'
        for i in range(3000)
    )
    files: dict[str, str | bytes] = {"big.xml": XML.format(body=sets)}
    start = time.perf_counter()
    migrations, findings = _run(files)
    elapsed = time.perf_counter() - start
    assert len(migrations) == 3000
    assert len([f for f in findings if f.rule == "RG203"]) == 3000
    # Measured ~0.6 s on the 2-core reference machine; quadratic work would take minutes.
    assert elapsed < 10


def test_fingerprint_tells_edited_changesets_from_a_grown_file() -> None:
    one = '<changeSet id="1" author="a"><sql>UPDATE t SET x = 1</sql><rollback/></changeSet>'
    two = '<changeSet id="2" author="a"><sql>UPDATE t SET x = 2</sql><rollback/></changeSet>'
    edited = one.replace("x = 1", "x = 10")
    rerun = '<changeSet id="3" author="a" runOnChange="true"><sql>SELECT 1</sql></changeSet>'

    def prints(body: str) -> dict[str, str | None]:
        source = MemorySource({"c.xml": XML.format(body=body)})
        found = FRAMEWORK.discover(["c.xml"], source)
        return {m.version: FRAMEWORK.fingerprint(m, source) for m in found}

    base = prints(one)
    grown = prints("<!-- note -->\n\n" + one + "\n" + two + "\n" + rerun)
    assert grown["c.xml::a::1"] == base["c.xml::a::1"]
    assert prints(edited)["c.xml::a::1"] != base["c.xml::a::1"]
    assert grown["c.xml::a::3"] is None


def test_json_read_leniently_like_liquibase_yaml_parser() -> None:
    text = (
        '{ "databaseChangeLog": [\n'
        '"changeLogId":"f091e477",\n'
        '{"changeSet": {"id": "1", "author": "w", "changes": [\n'
        '  {"dropTable": {"tableName": "old"}}]}}\n'
        "]}\n"
    )
    _, findings = _run({"changelog.json": text})
    assert sorted((f.rule, f.line) for f in findings) == [("RG200", 3), ("RG203", 4)]


def test_yaml_sql_given_as_a_list_directly_under_the_changeset() -> None:
    """datashare (round T): ``sql:`` under the changeSet (Liquibase reads any change type
    there, ``changes:`` or not) with its statements as a YAML list; they were read as no
    SQL at all, so a column rename and a unique index passed. The index is over the
    renamed column, so the rename is the break (round AA) and the index adds none."""
    files: dict[str, str | bytes] = {
        "db/changelog.yml": (
            "databaseChangeLog:\n"
            "  - changeSet:\n"
            "      id: 8\n"
            "      author: b\n"
            "      sql:\n"
            "        - ALTER TABLE result RENAME COLUMN doc_path TO doc_name\n"
            "        - CREATE UNIQUE INDEX result_unique ON result (doc_name, search_id)\n"
            "      rollback:\n"
            "        sql: ALTER TABLE result RENAME COLUMN doc_name TO doc_path\n"
        )
    }
    _, found = _run(files)
    assert sorted((f.rule, f.line) for f in found if f.rule.startswith("RG22")) == [("RG220", 6)]


def test_an_old_type_comes_from_changesets_that_ran_on_the_same_database() -> None:
    """OpenClinica (round X): a PostgreSQL changeSet retypes the column, an Oracle one
    then retypes it its own way; the Oracle change was judged against the type only the
    PostgreSQL one set (``from timestamp(6)``)."""
    body = (
        '<changeSet id="1" author="a" dbms="postgresql"><sql>ALTER TABLE files ALTER COLUMN '
        "created TYPE timestamp(6)</sql><rollback><sql></sql></rollback></changeSet>\n"
        '<changeSet id="2" author="a" dbms="oracle"><sql>ALTER TABLE files MODIFY created '
        "timestamp(0)</sql><rollback><sql></sql></rollback></changeSet>\n"
        '<changeSet id="3" author="a" dbms="postgresql"><sql>ALTER TABLE files ALTER COLUMN '
        "created TYPE timestamp(0)</sql><rollback><sql></sql></rollback></changeSet>\n"
    )
    _, findings = _run({"db/changelog.xml": XML.format(body=body)})
    said = {f.message.split(":")[0]: f.message for f in findings if f.rule == "RG223"}
    assert "from timestamp(6)" in said["changeSet 3 by a"]
    assert "changeSet 2 by a" not in said or "from timestamp(6)" not in said["changeSet 2 by a"]


def test_a_foreign_key_over_a_column_an_earlier_changeset_added_with_a_constant() -> None:
    """OpenClinica (round X): ``addColumn old_status_id defaultValueNumeric="1"`` in one
    changeSet, the foreign key over it in the next: the previous release never writes the
    column, so its rows hold the default the existing rows were checked with. A computed
    default is no such constant."""
    body = (
        '<changeSet id="1" author="a"><addColumn tableName="study">'
        '<column name="old_status_id" type="int" defaultValueNumeric="1"/>'
        '<column name="owner_id" type="int" defaultValueComputed="next_owner()"/>'
        "</addColumn></changeSet>\n"
        '<changeSet id="2" author="a"><addForeignKeyConstraint constraintName="fk_old" '
        'baseTableName="study" baseColumnNames="old_status_id" referencedTableName="status" '
        'referencedColumnNames="status_id"/></changeSet>\n'
        '<changeSet id="3" author="a"><addForeignKeyConstraint constraintName="fk_owner" '
        'baseTableName="study" baseColumnNames="owner_id" referencedTableName="owner" '
        'referencedColumnNames="id"/></changeSet>\n'
    )
    _, findings = _run({"db/changelog.xml": XML.format(body=body)})
    # (changeSet 2's is marked for git's question, checks.history.liquibase.samelog: did
    # the column ship in an earlier release, which may write other values?)
    reported = [f for f in findings if f.rule == "RG224" and SAME_CHANGELOG not in f.key]
    assert [f.message.split(":")[0] for f in reported] == ["changeSet 3 by a"]


def test_a_foreign_key_over_a_column_an_earlier_sql_changeset_added() -> None:
    """pay-direct-debit-connector (round CJ, seven): a formatted-SQL changelog adds
    ``mandate_id`` in one changeSet and its foreign key in the next; the previous release
    leaves it NULL, which the key passes. A column added with a default is no such one."""
    text = (
        "--liquibase formatted sql\n\n"
        "--changeset a:1\nALTER TABLE transactions ADD COLUMN mandate_id BIGINT,"
        " ADD COLUMN kind_id numeric(10,0) DEFAULT 1;\n"
        "--rollback ALTER TABLE transactions DROP COLUMN mandate_id;\n\n"
        "--changeset a:2\nALTER TABLE transactions ADD CONSTRAINT t_m_fk FOREIGN KEY"
        " (mandate_id) REFERENCES mandates (id);\n--rollback SELECT 1;\n\n"
        "--changeset a:3\nALTER TABLE transactions ADD CONSTRAINT t_k_fk FOREIGN KEY"
        " (kind_id) REFERENCES kinds (id);\n--rollback SELECT 1;\n"
    )
    _, findings = _run({"db/changes/00019_mandates.sql": text})
    reported = [f for f in findings if f.rule == "RG224" and SAME_CHANGELOG not in f.key]
    assert [f.message.split(":")[0] for f in reported] == ["changeSet 3 by a"]


def test_a_yaml_anchor_defined_again_is_the_latest_one() -> None:
    """prime-simplereport (round AN): `&soft_delete_column` is defined five times in one
    master changelog, which YAML 1.2 and SnakeYAML (Liquibase's parser) accept; PyYAML
    refused it and the whole file was RG205. An alias names the latest definition."""
    text = (
        "databaseChangeLog:\n"
        "  - changeSet:\n      id: 1\n      author: a\n      changes:\n"
        "        - addColumn:\n            tableName: t\n            columns:\n"
        "              - column: &col\n                  name: deleted\n"
        "                  type: boolean\n"
        "        - dropColumn: {tableName: t, columnName: x}\n"
        "  - changeSet:\n      id: 2\n      author: a\n      changes:\n"
        "        - addColumn:\n            tableName: u\n            columns:\n"
        "              - column: &col\n                  name: gone\n"
        "                  type: boolean\n"
        "              - column: *col\n"
    )
    migrations, findings = _run({"db/changelog.yaml": text})
    assert [m.path for m in migrations] and not [f for f in findings if f.rule == "RG205"]
    assert any(f.rule == "RG203" and "x" in f.message for f in findings)


def test_a_foreign_key_drawn_again_under_a_name_of_its_own_is_no_new_one() -> None:
    """kieli-ja-kaantajatutkinnot (round BM): `oikeustulkki_muokkaus_oikeustulkki_fkey`,
    PostgreSQL's name for the key over that column, dropped while the table it references
    was renamed, and drawn again by a later changeSet of the file as
    `fk_oikeustulkki_muokkaus_oikeustulkki`. A key over another column is a new one."""
    body = (
        '<changeSet id="1" author="a"><dropForeignKeyConstraint baseTableName="muokkaus" '
        'constraintName="muokkaus_oikeustulkki_fkey"/>'
        '<renameTable oldTableName="oikeustulkki" newTableName="qualification"/></changeSet>\n'
        '<changeSet id="2" author="a"><addForeignKeyConstraint baseTableName="muokkaus" '
        'baseColumnNames="oikeustulkki" constraintName="fk_muokkaus_oikeustulkki" '
        'referencedTableName="qualification" referencedColumnNames="id"/>\n'
        '<addForeignKeyConstraint baseTableName="muokkaus" baseColumnNames="owner" '
        'constraintName="fk_muokkaus_owner" referencedTableName="owner" '
        'referencedColumnNames="id"/></changeSet>\n'
    )
    _, findings = _run({"db/changelog.xml": XML.format(body=body)})
    reported = [f for f in findings if f.rule == "RG224"]
    assert [(f.line, len(f.related)) for f in reported] == [(5, 0)]


@pytest.mark.parametrize(
    ("made", "between", "rg222"),
    [
        ('<constraints nullable="false"/>', "", False),
        ('<constraints primaryKey="true"/>', "", False),
        ("", "", True),  # made nullable: the NOT NULL is new
        (
            '<constraints nullable="false"/>',
            '<dropNotNullConstraint tableName="cert" columnName="c" columnDataType="text"/>',
            True,
        ),
        ('<constraints nullable="false"/>', "<sql>ALTER TABLE cert ALTER c DROP NOT NULL</sql>",
         True),
        # openmrs-module-billing (round CR): a backfill changes rows, not the column
        ('<constraints nullable="false"/>', "<sql>UPDATE cert SET c = 'x' WHERE c = ''</sql>",
         False),
        ('<constraints nullable="false"/>',
         '<update tableName="cert"><column name="c" value="x"/><where>c = \'\'</where></update>',
         False),
    ],
    ids=["not-null", "primary-key", "nullable", "freed", "raw-sql", "raw-update", "update"],
)  # fmt: skip
def test_not_null_on_a_column_an_earlier_changeset_made_not_null(
    made: str, between: str, rg222: bool
) -> None:
    """webcert (round CC, two): ``createTable`` with ``<constraints nullable="false">``,
    and years later ``addNotNullConstraint`` on the same column: it restates what the
    column is, so no release of the changelog wrote NULL there (at any severity, marked or
    not). Made nullable, or freed since, the NOT NULL is new."""
    body = (
        '<changeSet id="1" author="a"><createTable tableName="cert">'
        f'<column name="id" type="bigint"/><column name="c" type="text">{made}</column>'
        "</createTable></changeSet>\n"
        f'<changeSet id="2" author="a">{between}</changeSet>\n'
        '<changeSet id="3" author="a"><addNotNullConstraint tableName="cert" columnName="c" '
        'columnDataType="text"/></changeSet>\n'
    )
    _, findings = _run({"db/changelog.xml": XML.format(body=body)})
    assert any(f.rule == "RG222" for f in findings) is rg222
