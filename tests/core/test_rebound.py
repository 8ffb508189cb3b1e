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


# A foreign key added to an existing table, in each framework's words: ``{on}`` is where
# the key's ON DELETE goes (rounds BY and BZ: moebooru's, rubygems.org's cascading keys)
_LARAVEL = """<?php
use Illuminate\\Database\\Migrations\\Migration;
use Illuminate\\Database\\Schema\\Blueprint;
use Illuminate\\Support\\Facades\\Schema;

return new class extends Migration
{
    public function up(): void
    {
        Schema::table('orders', function (Blueprint $table) {
            $table->foreign('customer_id')->references('id')->on('customers')
                {on};
        });
    }

    public function down(): void
    {
        Schema::table('orders', function (Blueprint $table) {
            $table->dropForeign(['customer_id']);
        });
    }
};
"""
_KEYS: dict[str, tuple[str, str, str, str, str]] = {
    # framework: (folder, file, text, a cascading ON DELETE, one that does not)
    "rails": (
        "db/migrate",
        "20240301000000_add_key.rb",
        "class AddKey < ActiveRecord::Migration[7.1]\n  def change\n"
        "    add_foreign_key :orders, :customers{on}\n  end\nend\n",
        ", on_delete: :cascade",
        ", on_delete: :restrict",
    ),
    "ecto": (
        "priv/repo/migrations",
        "20240301000000_add_key.exs",
        "defmodule App.Repo.Migrations.AddKey do\n  use Ecto.Migration\n\n  def change do\n"
        "    alter table(:orders) do\n"
        "      modify :customer_id, references(:customers{on}), from: :bigint\n"
        "    end\n  end\nend\n",
        ", on_delete: :delete_all",
        ", on_delete: :nothing",
    ),
    "laravel": (
        "database/migrations",
        "2024_03_01_000000_add_key.php",
        _LARAVEL,
        "->cascadeOnDelete()",
        "->restrictOnDelete()",
    ),
    "knex": (
        "migrations",
        "20240301000000_add_key.js",
        "exports.up = async (knex) => {\n  await knex.schema.alterTable('orders', (table) => {\n"
        "    table.foreign('customer_id').references('customers.id')\n      {on};\n  });\n};\n\n"
        "exports.down = async (knex) => {\n  await knex.schema.alterTable('orders', (table) => {\n"
        "    table.dropForeign('customer_id');\n  });\n};\n",
        ".onDelete('CASCADE')",
        ".onDelete('RESTRICT')",
    ),
    "alembic": (
        "alembic/versions",
        "a1b2c3d4e5f6_add_key.py",
        '"""add key"""\nfrom alembic import op\n\n'
        'revision = "a1b2c3d4e5f6"\ndown_revision = None\n\n\n'
        "def upgrade():\n    op.create_foreign_key(\n"
        '        "fk_orders_customer", "orders", "customers", ["customer_id"], ["id"]{on}\n'
        "    )\n\n\ndef downgrade():\n"
        '    op.drop_constraint("fk_orders_customer", "orders", type_="foreignkey")\n',
        ', ondelete="SET NULL"',
        ', ondelete="RESTRICT"',
    ),
    "flyway": (
        "db/migration",
        "V2__add_key.sql",
        "ALTER TABLE orders ADD CONSTRAINT fk_orders_customer\n"
        "    FOREIGN KEY (customer_id) REFERENCES customers (id){on};\n",
        " ON DELETE CASCADE",
        " ON DELETE NO ACTION",
    ),
    "liquibase": (
        FOLDER,
        "2022-key.xml",
        _log(
            '    <addForeignKeyConstraint baseTableName="orders" baseColumnNames="customer_id"\n'
            '      referencedTableName="customers" referencedColumnNames="id"\n'
            '      constraintName="fk_orders_customer"{on}/>\n'
        ),
        ' onDelete="CASCADE"',
        ' onDelete="RESTRICT"',
    ),
}


def _severities(git_repo: Any, framework: str, on: str, before: str = "") -> list[str]:
    """RG224's severities on ``framework``'s key with ``on``, after ``before`` (text that
    goes first in the file)."""
    from rollback_gate.checks import migrations as engine
    from rollback_gate.gate import CheckOptions, prepare

    folder, name, text, _, _ = _KEYS[framework]
    config = git_repo.migrations_config(folder, framework, scope="all")
    migration = before + text.replace("{on}", on)
    files = {"deploy-readiness.yml": config, f"{folder}/{name}": migration}
    git_repo.commit_each(files)
    ctx = prepare(CheckOptions(repo=git_repo.root))
    # (None: the rule's own severity, RG224's P2)
    return [f.severity.name if f.severity else "P2" for f in engine.check(ctx) if f.rule == "RG224"]


@pytest.mark.parametrize("framework", sorted(_KEYS))
@pytest.mark.parametrize("cascades", [True, False], ids=["cascades", "restricts"])
def test_a_foreign_key_that_cascades_is_p3(git_repo: Any, framework: str, cascades: bool) -> None:
    on = _KEYS[framework][3 if cascades else 4]
    assert _severities(git_repo, framework, on) == ["P3" if cascades else "P2"]


def test_a_foreign_key_with_no_on_delete_is_p2(git_repo: Any) -> None:
    assert _severities(git_repo, "flyway", "") == ["P2"]


def test_every_key_of_a_statement_must_cascade(git_repo: Any) -> None:
    # two keys in one ALTER TABLE, one cascading: the other still rejects orphans
    two = (
        " ON DELETE CASCADE,\n    ADD CONSTRAINT fk_orders_shop FOREIGN KEY (shop_id) "
        "REFERENCES shops (id)"
    )
    assert _severities(git_repo, "flyway", two) == ["P2"]


@pytest.mark.parametrize(
    ("before", "lowered"),
    [
        # rows whose parent is gone cleared first (DSpace's `process`): deletes left them
        (
            "UPDATE orders SET customer_id = NULL\n  WHERE NOT EXISTS (SELECT 1 FROM customers c "
            "WHERE c.id = orders.customer_id);\n",
            True,
        ),
        ("DELETE FROM orders WHERE customer_id NOT IN (SELECT id FROM customers);\n", True),
        # a value the release wrote rewritten first (unleash's `environment = ''`): it may
        # write it again, and the key rejects it whatever the key does on a delete
        ("UPDATE orders SET customer_id = NULL WHERE customer_id = 0;\n", False),
    ],
    ids=["orphans-cleared", "orphans-deleted", "values-rewritten"],
)
def test_a_cascading_key_after_a_rewrite_of_values(
    git_repo: Any, before: str, lowered: bool
) -> None:
    on = _KEYS["flyway"][3]
    assert _severities(git_repo, "flyway", on, before) == ["P3" if lowered else "P2"]


_EXECUTED_KEY = (
    '"""add key"""\nfrom alembic import op\n\nrevision = "a1b2c3d4e5f6"\n'
    "down_revision = None\n\n\n"
    'def upgrade():\n    op.execute(\n        """\n        ALTER TABLE orders\n'
    "        ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id)\n"
    "        REFERENCES customers (id)\n        {on}\n"
    '    """\n    )\n\n\ndef downgrade():\n    pass\n'
)


def _alembic_keys(git_repo: Any, files: dict[str, str]) -> list[str]:
    """RG224's severities in an audit of an Alembic folder, ``files`` committed one by one
    after its config."""
    from rollback_gate.checks import migrations as engine
    from rollback_gate.gate import CheckOptions, prepare

    folder = _KEYS["alembic"][0]
    config = git_repo.migrations_config(folder, "alembic", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    return [f.severity.name if f.severity else "P2" for f in engine.check(ctx) if f.rule == "RG224"]


@pytest.mark.parametrize(("on", "severity"), [("ON DELETE CASCADE;", "P3"), ("", "P2")])
def test_a_key_of_sql_in_a_script_s_string_is_read_to_its_end(
    git_repo: Any, on: str, severity: str
) -> None:
    """GeoNature (round CS): the key's SQL spans the lines of an ``op.execute`` string;
    its ``ON DELETE CASCADE`` two lines below the finding's was not read."""
    folder, name = _KEYS["alembic"][:2]
    files = {f"{folder}/{name}": _EXECUTED_KEY.replace("{on}", on)}
    assert _alembic_keys(git_repo, files) == [severity]


_ORDER_MODEL = (
    "from sqlalchemy import Column, ForeignKey, Integer\nfrom app.base import Base\n"
    "{customer}\n\nclass Order(Base):\n    __tablename__ = 'orders'\n"
    "    id = Column(Integer, primary_key=True)\n    customer_id = Column(Integer{key})\n"
)


@pytest.mark.parametrize(
    ("key", "customer", "severity"),
    [
        # camcops (round CS): the previous release's model declares the key already
        (", ForeignKey('customers.id')", "", "P3"),
        (", ForeignKey(Customer.id)", "from app.customer import Customer", "P3"),
        ("", "", "P2"),  # (declared nowhere: the release may write any id)
        (", ForeignKey('shops.id')", "", "P2"),  # (to another table)
    ],
    ids=["by-name", "by-class", "undeclared", "other-table"],
)
def test_an_alembic_key_the_previous_model_declares_is_p3(
    git_repo: Any, key: str, customer: str, severity: str
) -> None:
    folder, name, text, _, on = _KEYS["alembic"]
    code = {"app/order.py": _ORDER_MODEL.format(key=key, customer=customer)}
    if customer:
        code["app/customer.py"] = (
            "class Customer(Base):\n    __tablename__ = 'customers'\n    id = Column(Integer)\n"
        )
    files = {**code, f"{folder}/{name}": text.replace("{on}", on)}
    assert _alembic_keys(git_repo, files) == [severity]
