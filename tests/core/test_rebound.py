"""RG224 and a Liquibase foreign key dropped by its name and drawn again under another
name: no break when the key it drops was made over the same columns to the same table
(candlepin, round P: keys of the first changelog drawn again ``ON DELETE CASCADE``)."""

from __future__ import annotations

from typing import Any

import pytest

FOLDER = "db/changelog"


def _log(*change_sets: str) -> str:
    body = "".join(
        f'  <changeSet author="a" id="{i}">\n{cs}  </changeSet>\n'
        for i, cs in enumerate(change_sets, 1)
    )
    return f'<?xml version="1.0"?>\n<databaseChangeLog>\n{body}</databaseChangeLog>\n'


CREATE = _log(
    '    <createTable tableName="cp_consumer"><column name="id" type="bigint"/></createTable>\n'
    '    <createTable tableName="cp_facts"><column name="consumer_id" type="bigint"/>\n'
    '      <column name="owner_id" type="bigint">\n'
    '        <constraints foreignKeyName="fk_facts_owner" references="cp_consumer(id)"/>\n'
    "      </column>\n    </createTable>\n",
    '    <addForeignKeyConstraint baseColumnNames="consumer_id" baseTableName="cp_facts"\n'
    '      constraintName="fk278ce810390317d" referencedColumnNames="id"\n'
    '      referencedTableName="cp_consumer" onDelete="NO ACTION"/>\n',
)


def _redraw(dropped: str, columns: str, to: str = "cp_consumer") -> str:
    return _log(
        f'    <dropForeignKeyConstraint baseTableName="cp_facts" constraintName="{dropped}"/>\n',
        f'    <addForeignKeyConstraint baseTableName="cp_facts" baseColumnNames="{columns}"\n'
        f'      referencedTableName="{to}" referencedColumnNames="id"\n'
        '      constraintName="fk_cp_facts_consumer" onDelete="CASCADE"/>\n',
    )


@pytest.mark.parametrize("with_git", [True, False])
@pytest.mark.parametrize(
    ("later", "breaks"),
    [
        (_redraw("fk278ce810390317d", "consumer_id"), False),  # its ON DELETE changed
        (_redraw("fk_facts_owner", "owner_id"), False),  # made in createTable's column
        (_redraw("fk278ce810390317d", "owner_id"), True),  # another column: a new rule
        (_redraw("fk278ce810390317d", "consumer_id", to="cp_facts"), True),  # another table
        (_redraw("fk_never_made", "consumer_id"), True),  # not known: stays
    ],
    ids=["on-delete", "column-constraint", "other-column", "other-table", "unknown"],
)
def test_a_foreign_key_drawn_again_under_another_name(
    git_repo: Any, later: str, breaks: bool, with_git: bool
) -> None:
    files = {f"{FOLDER}/2013-create.xml": CREATE, f"{FOLDER}/2022-cascade.xml": later}
    found = git_repo.history_paths("RG224", FOLDER, "liquibase", files, with_git)
    assert found == ([f"{FOLDER}/2022-cascade.xml"] if breaks else [])
