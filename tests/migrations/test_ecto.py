"""Ecto analyser behaviour that data cases cannot express: detection, ordering, messages,
unreadable files and speed."""

from __future__ import annotations

import time

import pytest

from rollback_gate.migrations.base import MemorySource, Unreadable
from rollback_gate.migrations.dsl.ecto import FRAMEWORK

ADD = (
    "defmodule R.Migrations.AddNote do\n  use Ecto.Migration\n\n  def change do\n"
    "    alter table(:orders) do\n      add :note, :text\n    end\n  end\nend\n"
)
DROP = ADD.replace("add :note, :text", "remove :note")


def test_detect_counts_ecto_migrations_only() -> None:
    files: dict[str, str | bytes] = {
        "priv/repo/migrations/20240101000000_add_note.exs": ADD,
        "priv/repo/migrations/20240102000000_other.exs": "IO.puts(:hello)\n",
        "priv/repo/migrations/.formatter.exs": "[import_deps: [:ecto_sql]]\n",
        "priv/repo/seeds.exs": ADD,
    }
    # seeds.exs uses Ecto.Migration here but has no timestamp: not a migration file.
    assert FRAMEWORK.detect(sorted(files), MemorySource(files)) == 1
    assert FRAMEWORK.detect(["db/migrate/1_x.rb"], MemorySource({})) == 0


def test_discover_orders_by_numeric_version() -> None:
    paths = [
        "priv/repo/migrations/20240101000000_b.exs",
        "priv/repo/migrations/20230101000000_a.exs",
        "priv/repo/migrations/.formatter.exs",
        "priv/repo/migrations/README.md",
    ]
    found = FRAMEWORK.discover(paths, MemorySource({}))
    assert [(m.version, m.name) for m in found] == [
        ("20230101000000", "a"),
        ("20240101000000", "b"),
    ]


def test_finding_names_table_column_fix_and_stable_key() -> None:
    path = "priv/repo/migrations/1_drop_note.exs"
    source = MemorySource({path: DROP})
    (migration,) = FRAMEWORK.discover([path], source)
    findings = {f.rule: f for f in FRAMEWORK.analyse(migration, source)}
    irreversible, destroys = findings["RG202"], findings["RG203"]
    assert "remove :note" in irreversible.message and "no type" in irreversible.message
    assert "remove :note, :<type>" in irreversible.fix
    assert irreversible.key == "RG202:remove:orders.note"
    assert "orders.note" in destroys.message and destroys.key == "RG203:remove:orders.note"
    assert irreversible.line == destroys.line == 6


def test_unreadable_file_propagates_for_the_engine() -> None:
    path = "priv/repo/migrations/1_x.exs"
    source = MemorySource({path: b"\0binary"})
    (migration,) = FRAMEWORK.discover([path], source)
    with pytest.raises(Unreadable):
        list(FRAMEWORK.analyse(migration, source))


def test_speed_sanity() -> None:
    files: dict[str, str | bytes] = {
        f"priv/repo/migrations/{20240101000000 + i}_m{i}.exs": (ADD if i % 2 else DROP)
        for i in range(600)
    }
    source = MemorySource(files)
    migrations = FRAMEWORK.discover(sorted(files), source)
    list(FRAMEWORK.analyse(migrations[0], source))
    start = time.perf_counter()
    count = sum(1 for m in migrations for _ in FRAMEWORK.analyse(m, source))
    elapsed = time.perf_counter() - start
    assert count == 600
    assert elapsed < 3.0, f"{len(files) / elapsed:.0f} files/s"


@pytest.mark.parametrize(
    ("referenced", "said"),
    [
        # wraft (round AU): a uuid reference was read as a bigint
        ("references(:version, type: :uuid, on_delete: :nilify_all)", "to uuid"),
        ("references(:version, type: :binary_id)", "to uuid"),
        ("references(:version)", "to bigint"),
    ],
)
def test_a_reference_column_has_its_type(referenced: str, said: str) -> None:
    path = "priv/repo/migrations/1_swap.exs"
    text = (
        "defmodule R.Migrations.Swap do\n  use Ecto.Migration\n\n  def up do\n"
        "    alter table(:comment) do\n      remove(:doc_version_id)\n"
        f"      add(:doc_version_id, {referenced})\n    end\n  end\n\n"
        "  def down do\n    alter table(:comment) do\n      remove(:doc_version_id)\n"
        '      add(:doc_version_id, :string, null: false, default: "0.0.0")\n'
        "    end\n  end\nend\n"
    )
    first = "priv/repo/migrations/0_comment.exs"
    made = (
        "defmodule R.Migrations.Comment do\n  use Ecto.Migration\n\n  def change do\n"
        "    create table(:comment) do\n      add(:doc_version_id, :string)\n    end\n"
        "  end\nend\n"
    )
    source = MemorySource({first: made, path: text})
    migration = FRAMEWORK.discover([first, path], source)[-1]
    (found,) = [f for f in FRAMEWORK.analyse(migration, source) if f.rule == "RG223"]
    assert "from varchar(255) " + said in found.message


def test_a_size_written_with_digit_groups() -> None:
    """td-dd (round AW): ``size: 1_000`` is 1000; restated with ``null: true`` it was read
    as a change from ``varchar(1_000)`` to ``varchar(1 _000)``."""
    first = "priv/repo/migrations/0_tags.exs"
    made = (
        "defmodule R.Migrations.Tags do\n  use Ecto.Migration\n\n  def change do\n"
        "    create table(:tags) do\n      add(:description, :string, size: 1_000, null: false)\n"
        "    end\n  end\nend\n"
    )
    path = "priv/repo/migrations/1_free.exs"
    text = (
        "defmodule R.Migrations.Free do\n  use Ecto.Migration\n\n  def change do\n"
        "    alter table(:tags) do\n      modify(:description, :string, size: 1_000, null: true,"
        " from: {:string, size: 1_000, null: false})\n    end\n  end\nend\n"
    )
    source = MemorySource({first: made, path: text})
    migration = FRAMEWORK.discover([first, path], source)[-1]
    assert [f.rule for f in FRAMEWORK.analyse(migration, source) if f.rule == "RG223"] == []


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        # an array is an array of its element's type: {:array, :string} is no `array`
        ("{:array, :string}", "{:array, :string}", None),
        ("{:array, :string}", "{:array, :integer}", "from varchar(255)[] to integer[]"),
        # hygeia (round AX): a type the code names at run time, said so
        (None, "#{Origin.type()}", "of tags.labels to a type named at run time,"),
    ],
)
def test_array_and_run_time_types(old: str | None, new: str, said: str | None) -> None:
    path = "priv/repo/migrations/1_retype.exs"
    step = (
        f"    alter table(:tags) do\n      modify(:labels, {new}, from: {old})\n    end\n"
        if old
        else f'    execute("ALTER TABLE tags ALTER labels SET DATA TYPE {new}")\n'
    )
    text = (
        f"defmodule R.Migrations.Retype do\n  use Ecto.Migration\n\n  def up do\n{step}  end\nend\n"
    )
    source = MemorySource({path: text})
    migration = FRAMEWORK.discover([path], source)[-1]
    found = [f for f in FRAMEWORK.analyse(migration, source) if f.rule == "RG223"]
    if said is None:
        assert found == []
    else:
        assert said in found[0].message
