"""A table a SQL migration drops and makes again under its name: the earlier files say
which columns it had, so the rows and columns it loses are RG203, and the columns the
previous release still reads RG225 (dora, round AE: ten misses in goose folders)."""

from __future__ import annotations

from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.gate import CheckOptions, prepare
from rollback_gate.models import Finding

FOLDER = "db/schema"
INIT = f"{FOLDER}/20240101000000_init.sql"
LAST = f"{FOLDER}/20240301000000_blocks.sql"


def _goose(up: str) -> str:
    return f"-- +goose Up\n{up}\n-- +goose Down\nSELECT 'NOT SUPPORTED';\n"


ORDERS = _goose("CREATE TABLE orders (id bigint PRIMARY KEY, code text, note text);")
# the code of the release being replaced reads `code` and `note`
CODE = {"app/orders.go": 'package app\n\nconst q = "SELECT id, code, note FROM orders"\n'}
# dora's binary-blocks: the table dropped and made again with other columns, no copy
MADE_AGAIN = _goose(
    "DROP TABLE IF EXISTS orders;\n\nCREATE TABLE IF NOT EXISTS orders (\n"
    "  id bigint PRIMARY KEY,\n  code text,\n  note_ssz bytea\n);"
)
# dora's tx-uid: a rebuild whose copy reads `code` through a join and leaves `note` out
REBUILT = _goose(
    'CREATE TABLE public."orders_new" (id bigint PRIMARY KEY, ref_id bigint NOT NULL);\n'
    'INSERT INTO public."orders_new" (id, ref_id)\nSELECT o.id, r.id\n'
    'FROM public."orders" o\nJOIN refs r ON r.code = o.code;\n'
    'DROP TABLE public."orders";\n'
    'ALTER TABLE public."orders_new" RENAME TO "orders";'
)


def _found(git_repo: Any, earlier: dict[str, str], change: str) -> dict[str, list[Finding]]:
    base = git_repo.commit(
        "base",
        {
            "deploy-readiness.yml": git_repo.migrations_config(FOLDER, "goose"),
            INIT: ORDERS,
            **earlier,
            **CODE,
        },
    )
    git_repo.commit("pr", {LAST: change})
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    out: dict[str, list[Finding]] = {}
    for f in engine.check(ctx):
        out.setdefault(f.rule, []).append(f)
    return out


def _messages(found: dict[str, list[Finding]], rule: str) -> list[str]:
    return [o.message for f in found.get(rule, []) for o in (f, *f.related)]


def test_a_table_made_again_loses_its_rows_and_the_columns_it_leaves_out(git_repo: Any) -> None:
    found = _found(git_repo, {}, MADE_AGAIN)
    [rg203] = found["RG203"]
    assert (rg203.path, rg203.line) == (LAST, 2)
    assert rg203.message == (
        "migration 20240301000000 drops table orders and creates it again: the rows it held "
        "are gone"
    )
    assert rg203.severity is None  # the catalog's P1, not the P3 of the mark
    [rg225] = found["RG225"]
    assert "column orders.note," in rg225.message and "app/orders.go:3" in rg225.message
    assert "orders.code" not in rg225.message  # kept in the new table


def test_a_rebuild_loses_the_columns_its_copy_does_not_read(git_repo: Any) -> None:
    found = _found(git_repo, {}, REBUILT)
    assert _messages(found, "RG203") == [
        "migration 20240301000000 rebuilds table orders without column note: its values are "
        "not copied"
    ]
    # `code` is read by the copy (moved into ref_id) and `note` is lost: both are gone for
    # the previous release, which reads them
    said = " ".join(_messages(found, "RG225"))
    assert "column orders.code," in said and "column orders.note," in said


RENAMED_TABLE = {
    INIT: _goose("CREATE TABLE old_orders (id bigint PRIMARY KEY, code text, note text);"),
    f"{FOLDER}/20240201000000_rename.sql": _goose("ALTER TABLE old_orders RENAME TO orders;"),
}


def test_the_columns_follow_a_table_renamed_earlier(git_repo: Any) -> None:
    # (the first file never names `orders`: it is found through the rename)
    found = _found(git_repo, RENAMED_TABLE, REBUILT)
    assert _messages(found, "RG203") == [
        "migration 20240301000000 rebuilds table orders without column note: its values are "
        "not copied"
    ]


KEEPS_ALL = _goose(
    'CREATE TABLE "new_orders" (id bigint PRIMARY KEY, code text, note text, '
    "total int NOT NULL DEFAULT 0);\n"
    'INSERT INTO "new_orders" (id, code, note) SELECT id, code, note FROM "orders";\n'
    'DROP TABLE "orders";\nALTER TABLE "new_orders" RENAME TO "orders";'
)
EVERY_COLUMN = _goose(
    "CREATE TABLE orders_new (id bigint PRIMARY KEY, code text);\n"
    "INSERT INTO orders_new SELECT * FROM orders;\n"
    "DROP TABLE orders;\nALTER TABLE orders_new RENAME TO orders;"
)


@pytest.mark.parametrize(
    ("earlier", "change"),
    [
        # no earlier file made the table: the idempotent way to create it
        ({INIT: _goose("SELECT 1;")}, MADE_AGAIN),
        # Prisma's RedefineTables adding a column: every column copied
        ({}, KEEPS_ALL),
        # the column renamed, then dropped, by earlier files: the rebuild keeps what is left
        (
            {
                f"{FOLDER}/20240201000000_memo.sql": _goose(
                    "ALTER TABLE orders RENAME COLUMN note TO memo;\n"
                    "ALTER TABLE orders DROP COLUMN code;"
                )
            },
            _goose(
                "CREATE TABLE orders_new (id bigint PRIMARY KEY, memo text);\n"
                "INSERT INTO orders_new (id, memo) SELECT id, memo FROM orders;\n"
                "DROP TABLE orders;\nALTER TABLE orders_new RENAME TO orders;"
            ),
        ),
        # a table made from a query: its columns are not known here
        ({INIT: _goose("CREATE TABLE orders AS SELECT * FROM legacy_orders;")}, REBUILT),
        # MySQL's CHANGE renames a column as it retypes it: not followed, nothing said
        (
            {
                f"{FOLDER}/20240201000000_memo.sql": _goose(
                    "ALTER TABLE orders CHANGE note memo text;"
                )
            },
            KEEPS_ALL.replace("note", "memo"),
        ),
    ],
    ids=["never-made", "every-column-copied", "renamed-and-dropped", "made-by-query", "change"],
)
def test_no_drop_where_the_earlier_files_show_none(
    git_repo: Any, earlier: dict[str, str], change: str
) -> None:
    found = _found(git_repo, earlier, change)
    assert "RG203" not in found and "RG225" not in found


def test_a_copy_of_every_column_moves_them_all(git_repo: Any) -> None:
    # `SELECT *` reads `note` too: it is gone by name only, asked RG225, no data lost
    found = _found(git_repo, {}, EVERY_COLUMN)
    assert "RG203" not in found
    assert "column orders.note," in " ".join(_messages(found, "RG225"))


def test_without_git_the_history_is_read_from_the_files(git_repo: Any) -> None:
    files = {INIT: ORDERS, LAST: MADE_AGAIN}
    assert git_repo.history_paths("RG203", FOLDER, "goose", files, with_git=False) == [LAST]


def test_a_table_backed_up_first_loses_no_data(git_repo: Any) -> None:
    # court-case-service's V1117 (round AE): `CREATE TABLE offence_bk AS TABLE offence`, then
    # the rebuild leaves four columns out; their values live on in the backup
    backed_up = REBUILT.replace(
        "-- +goose Up\n", "-- +goose Up\nCREATE TABLE orders_bk AS TABLE orders;\n"
    )
    found = _found(git_repo, {}, backed_up)
    assert "RG203" not in found
    assert "column orders.note," in " ".join(_messages(found, "RG225"))


# arcane's 044 (round AF): the old table renamed aside, made again, filled from the copy
RENAMED_ASIDE = _goose(
    "ALTER TABLE orders RENAME TO orders_old;\n"
    "CREATE TABLE orders (id bigint PRIMARY KEY, code text);\n"
    "INSERT INTO orders (id, code) SELECT id, code FROM orders_old;\n"
    "DROP TABLE orders_old;"
)


def test_a_table_renamed_aside_and_made_again_loses_what_it_leaves_out(git_repo: Any) -> None:
    found = _found(git_repo, {}, RENAMED_ASIDE)
    assert _messages(found, "RG203") == [
        "migration 20240301000000 rebuilds table orders without column note: its values are "
        "not copied"
    ]
    assert found["RG203"][0].line == 2  # the rename aside
    assert "column orders.note," in " ".join(_messages(found, "RG225"))


def test_twin_folders_are_judged_each_on_its_own(git_repo: Any) -> None:
    # arcane's and homebox's sqlite and postgres folders (round AF): PostgreSQL drops the
    # column, SQLite rebuilds the table without it; the same loss is a finding in each
    config = "version: 1\nservice: api\nrollback: {strategy: manual}\nmigrations:\n" + "".join(
        f"  - path: {f}\n    framework: goose\n    scope: all\n"
        for f in ("db/sqlite", "db/postgres")
    )
    files = {"deploy-readiness.yml": config}
    for folder, change in (
        ("db/sqlite", REBUILT),
        ("db/postgres", _goose("ALTER TABLE orders DROP COLUMN note;")),
    ):
        files[f"{folder}/20240101000000_init.sql"] = ORDERS
        files[f"{folder}/20240301000000_blocks.sql"] = change
    git_repo.commit_each(files)
    found = [f for f in engine.check(prepare(CheckOptions(repo=git_repo.root)))]
    lost = sorted(f.path or "" for f in found if f.rule == "RG203")
    assert lost == ["db/postgres/20240301000000_blocks.sql", "db/sqlite/20240301000000_blocks.sql"]


def test_a_table_dropped_second_in_one_statement_is_judged_on_its_own_copy(
    git_repo: Any,
) -> None:
    # the backup reads `orders`; the DROP names another table first
    change = _goose(
        "CREATE TABLE orders_bk AS TABLE orders;\n"
        "DROP TABLE IF EXISTS legacy, orders;\n"
        "CREATE TABLE orders (id bigint PRIMARY KEY, code text);"
    )
    found = _found(git_repo, {}, change)
    assert not any("orders and creates it again" in m for m in _messages(found, "RG203"))
    assert "column orders.note," in " ".join(_messages(found, "RG225"))


# visit-scheduler's V3_09 (round BH): the table renamed aside, one an earlier file made
# renamed into its name
SWAPPED_IN = _goose(
    "ALTER TABLE orders RENAME TO orders_backup;\nALTER TABLE orders_tmp RENAME TO orders;"
)


@pytest.mark.parametrize(
    ("made", "rg221", "lost"),
    [
        # the new table lacks `note`: said as the column, not as a rename of the table
        ("CREATE TABLE orders_tmp (id bigint PRIMARY KEY, code text);", False, True),
        # … and with every column, nothing breaks by name
        ("CREATE TABLE orders_tmp (id bigint PRIMARY KEY, code text, note text);", False, False),
        # a table made from a query: its columns unknown, the rename is said
        ("CREATE TABLE orders_tmp AS SELECT * FROM legacy_orders;", True, False),
    ],
    ids=["lacks-a-column", "every-column", "columns-unknown"],
)
def test_a_table_swapped_in_under_the_renamed_ones_name(
    git_repo: Any, made: str, rg221: bool, lost: bool
) -> None:
    earlier = {f"{FOLDER}/20240201000000_tmp.sql": _goose(made)}
    found = _found(git_repo, earlier, SWAPPED_IN)
    aside = "migration 20240301000000 renames table orders to orders_backup"
    assert any(m.startswith(aside) for m in _messages(found, "RG221")) is rg221
    assert ("column orders.note," in " ".join(_messages(found, "RG225"))) is lost


@pytest.mark.parametrize(("made", "rg221"), [("code text", True), ("code text, note text", False)])
def test_an_audit_keeps_a_swap_s_rg221_where_the_new_table_lacks_columns(
    git_repo: Any, made: str, rg221: bool
) -> None:
    # evaka's V114 (an audit, no base: RG225 is not asked, so only the RG221 says that
    # `orders` lost columns the previous release may read)
    files = {
        "deploy-readiness.yml": git_repo.migrations_config(FOLDER, "goose"),
        INIT: ORDERS,
        f"{FOLDER}/20240201000000_tmp.sql": _goose(
            f"CREATE TABLE orders_tmp (id bigint PRIMARY KEY, {made});"
        ),
        LAST: SWAPPED_IN,
    }
    git_repo.commit_each(files)
    found = engine.check(prepare(CheckOptions(repo=git_repo.root)))
    aside = "migration 20240301000000 renames table orders to orders_backup"
    renamed = [o.message for f in found if f.rule == "RG221" for o in (f, *f.related)]
    assert any(m.startswith(aside) for m in renamed) is rg221
