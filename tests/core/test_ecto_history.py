"""Ecto's earlier migrations under ``scope: changed``: only the change's files are
discovered, yet the CHECK (or type) an earlier file drew is read from the folder the tree
lists (sanbase2's "exactly one of" rule, round U)."""

from __future__ import annotations

from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.gate import CheckOptions, prepare

FOLDER = "priv/repo/migrations"
FIRST = (
    "defmodule R.Migrations.CreateVotes do\n  use Ecto.Migration\n\n  @table :votes\n\n"
    "  def change do\n    create table(@table) do\n      add(:post_id, :bigint)\n"
    "      add(:list_id, :bigint)\n    end\n\n"
    '    fk_check = """\n    (CASE WHEN post_id IS NULL THEN 0 ELSE 1 END) +\n'
    '    (CASE WHEN list_id IS NULL THEN 0 ELSE 1 END) = 1\n    """\n\n'
    "    create(constraint(@table, :only_one_fk, check: fk_check))\n  end\nend\n"
)


def _later(check: str) -> str:
    return (
        "defmodule R.Migrations.AddQueryVotes do\n  use Ecto.Migration\n\n"
        "  def change do\n    alter table(:votes) do\n      add(:query_id, :bigint)\n    end\n\n"
        '    drop(constraint(:votes, "only_one_fk"))\n'
        f'    create(constraint(:votes, :only_one_fk, check: "{check}"))\n  end\nend\n'
    )


ONE_OF_THREE = (
    "(CASE WHEN post_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN list_id IS NULL THEN 0 ELSE 1 END)"
    " + (CASE WHEN query_id IS NULL THEN 0 ELSE 1 END) = 1"
)


@pytest.mark.parametrize(("check", "breaks"), [(ONE_OF_THREE, False), ("post_id > 0", True)])
def test_a_check_drawn_again_is_compared_with_an_earlier_files_under_scope_changed(
    git_repo: Any, check: str, breaks: bool
) -> None:
    config = git_repo.migrations_config(FOLDER, "ecto")
    base = git_repo.commit(
        "base", {"deploy-readiness.yml": config, f"{FOLDER}/20200101000000_create_votes.exs": FIRST}
    )
    git_repo.commit("pr", {f"{FOLDER}/20230915121540_add_query_votes.exs": _later(check)})
    found = list(engine.check(prepare(CheckOptions(repo=git_repo.root, base=base))))
    assert any(f.rule == "RG224" for f in found) is breaks


GAS = (
    "defmodule E.Repo.Migrations.AllowNilGasPrice do\n  use Ecto.Migration\n\n"
    "  def change do\n    create table(:transactions) do\n      add(:block_hash, :bytea)\n"
    "      add(:gas_price, :numeric)\n    end\n\n"
    "    create(constraint(:transactions, :collated_gas_price,\n"
    '      check: "block_hash IS NULL OR gas_price IS NOT NULL"))\n  end\nend\n'
)


def _chain(check: str) -> str:
    return (
        "defmodule E.Repo.Chain.Migrations.ModifyCollatedGasPrice do\n  use Ecto.Migration\n\n"
        "  def change do\n"
        '    execute("ALTER TABLE transactions DROP CONSTRAINT collated_gas_price")\n'
        f'    create(constraint(:transactions, :collated_gas_price, check: "{check}"))\n'
        "  end\nend\n"
    )


@pytest.mark.parametrize(
    ("check", "breaks"),
    [
        ("block_hash IS NULL OR gas_price IS NOT NULL OR max_fee_per_gas IS NOT NULL", False),
        ("block_hash IS NULL", True),
    ],
)
def test_a_check_another_repo_s_folder_drew_is_compared_with(
    git_repo: Any, check: str, breaks: bool
) -> None:
    """blockscout (round AD): each chain's Ecto repo, priv/<chain>/migrations, shares the
    main repo's database; the CHECK a chain's migration draws again under its name was
    drawn by priv/repo/migrations, earlier by timestamp."""
    main, chain = "apps/explorer/priv/repo/migrations", "apps/explorer/priv/filecoin/migrations"
    config = git_repo.migrations_config(main, "ecto", scope="all") + (
        f"  - path: {chain}\n    framework: ecto\n    scope: all\n"
    )
    git_repo.commit_each(
        {
            "deploy-readiness.yml": config,
            f"{main}/20230417093914_allow_nil_gas_price.exs": GAS,
            f"{chain}/20230731130103_modify_collated_gas_price.exs": _chain(check),
        }
    )
    found = list(engine.check(prepare(CheckOptions(repo=git_repo.root))))
    assert any(f.rule == "RG224" for f in found) is breaks
