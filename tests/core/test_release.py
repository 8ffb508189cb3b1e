"""The migrations of one release are judged together for the previous release (N−1).

A pull request that adds two migrations ships them in one deploy: a table the first creates
is as new to the previous release when the second constrains it as inside one migration.
Each case runs on a real git repository: the base holds what production runs, the change
adds the migrations; the control case moves the first migration into the base, where the
same second migration is a finding.
"""

from __future__ import annotations

from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.gate import CheckOptions, prepare
from rollback_gate.migrations.base import Migration
from rollback_gate.migrations.release import groups

GO = "db/migrations"
N1 = ("RG220", "RG221", "RG222", "RG223", "RG224")


def _go(n: int, up: str, down: str = "SELECT 1;\n") -> dict[str, str]:
    return {f"{GO}/{n:06d}_m{n}.up.sql": up, f"{GO}/{n:06d}_m{n}.down.sql": down}


def _n1(git_repo: Any, base: dict[str, str], change: dict[str, str], path: str, fw: str):  # type: ignore[no-untyped-def]
    sha = git_repo.commit(
        "base", {"deploy-readiness.yml": git_repo.migrations_config(path, fw), **base}
    )
    git_repo.commit("change", change)
    ctx = prepare(CheckOptions(repo=git_repo.root, base=sha))
    return sorted((f.rule, f.path) for f in engine.check(ctx) if f.rule in N1)


INIT = _go(1, "CREATE TABLE orders (id int PRIMARY KEY, code text, note text);\n")

# (first migration, second migration, the rule the second breaks when the first is old)
SQL_CASES = {
    "a table the release created": (
        "CREATE TABLE refunds (id int PRIMARY KEY, code text);\n",
        "CREATE UNIQUE INDEX refunds_code ON refunds (code);\n",
        "RG224",
    ),
    "a column the release added with a default": (
        "ALTER TABLE orders ADD COLUMN state text DEFAULT 'new';\n",
        "ALTER TABLE orders ALTER COLUMN state SET NOT NULL;\n",
        "RG222",
    ),
    "a column the release added, no default": (
        "ALTER TABLE orders ADD COLUMN shop_id int;\n",
        "ALTER TABLE orders ADD CONSTRAINT orders_shop_fk FOREIGN KEY (shop_id) "
        "REFERENCES orders (id);\n",
        "RG224",
    ),
    "a key the release dropped, re-drawn": (
        "ALTER TABLE orders DROP CONSTRAINT orders_code_key;\n",
        "ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (code, note);\n",
        "RG224",
    ),
    "a table the release renamed": (
        "ALTER TABLE orders RENAME TO purchases;\n",
        "ALTER TABLE purchases RENAME COLUMN note TO remark;\n",
        "RG220",
    ),
    # genealogy (round AP): paypal_product_id made paypal_id, then made unique
    "a column the release renamed, then keyed": (
        "ALTER TABLE orders RENAME COLUMN code TO paypal_id;\n",
        "CREATE UNIQUE INDEX orders_paypal_id ON orders (paypal_id);\n",
        "RG224",
    ),
    # risteys (round Y): status_upset_plot → status_upset_plot_FG → status_upset_plot_fg
    "a column the release renamed, renamed again": (
        "ALTER TABLE orders RENAME COLUMN note TO note_fg;\n",
        "ALTER TABLE orders RENAME COLUMN note_fg TO note_x;\n",
        "RG220",
    ),
}


@pytest.mark.parametrize("case", SQL_CASES)
def test_a_later_migration_of_the_release_builds_on_the_earlier_one(
    git_repo: Any, case: str
) -> None:
    first, second, rule = SQL_CASES[case]
    together = _n1(git_repo, INIT, {**_go(2, first), **_go(3, second)}, GO, "golang-migrate")
    assert (rule, f"{GO}/000003_m3.up.sql") not in together


@pytest.mark.parametrize("case", SQL_CASES)
def test_the_same_migration_after_a_release_that_shipped_is_a_finding(
    git_repo: Any, case: str
) -> None:
    first, second, rule = SQL_CASES[case]
    alone = _n1(git_repo, {**INIT, **_go(2, first)}, _go(3, second), GO, "golang-migrate")
    assert (rule, f"{GO}/000003_m3.up.sql") in alone


@pytest.mark.parametrize("together", [True, False], ids=["one-release", "shipped-before"])
def test_a_column_the_release_added_dropped_and_added_again(git_repo: Any, together: bool) -> None:
    """oneuptime c0c8feab (round S): a boolean added, then dropped and added again as a
    timestamp by the next migration of the change: no release ever had the boolean."""
    first = _go(2, "ALTER TABLE orders ADD COLUMN due boolean;\n")
    second = _go(
        3,
        "ALTER TABLE orders DROP COLUMN due;\nALTER TABLE orders ADD COLUMN due timestamp;\n",
        "ALTER TABLE orders DROP COLUMN due;\nALTER TABLE orders ADD COLUMN due boolean;\n",
    )
    base, change = (INIT, {**first, **second}) if together else ({**INIT, **first}, second)
    found = _n1(git_repo, base, change, GO, "golang-migrate")
    assert (("RG223", f"{GO}/000003_m3.up.sql") in found) is not together


def test_a_check_after_a_backfill_is_still_a_finding(git_repo: Any) -> None:
    """kratos: the column came with DEFAULT 0, the rows were backfilled, and the CHECK
    leaves 0 out: the previous release's inserts get 0 and fail."""
    change = {
        **_go(2, "ALTER TABLE orders ADD COLUMN kind int NOT NULL DEFAULT 0;\n"),
        **_go(3, "UPDATE orders SET kind = 1;\n"),
        **_go(4, "ALTER TABLE orders ADD CONSTRAINT kind_ck CHECK (kind = 1 OR kind = 2);\n"),
    }
    assert ("RG224", f"{GO}/000004_m4.up.sql") in _n1(git_repo, INIT, change, GO, "golang-migrate")


def test_a_new_check_on_a_column_added_with_a_default_and_not_rewritten(git_repo: Any) -> None:
    change = {
        **_go(2, "ALTER TABLE orders ADD COLUMN kind int NOT NULL DEFAULT 1;\n"),
        **_go(3, "ALTER TABLE orders ADD CONSTRAINT orders_kind_ck CHECK (kind > 0);\n"),
    }
    assert _n1(git_repo, INIT, change, GO, "golang-migrate") == []


DJANGO_INIT = {
    "shop/__init__.py": "",
    "shop/migrations/__init__.py": "",
    "shop/migrations/0001_initial.py": "from django.db import migrations, models\n\n"
    "class Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n"
    "    operations = [migrations.CreateModel(name='Order', fields=[('id', models.AutoField("
    "primary_key=True)), ('code', models.TextField())])]\n",
}
DJANGO_CREATE = {
    "shop/migrations/0002_refund.py": "from django.db import migrations, models\n\n"
    "class Migration(migrations.Migration):\n    dependencies = [('shop', '0001_initial')]\n"
    "    operations = [migrations.CreateModel(name='Refund', fields=[('id', models.AutoField("
    "primary_key=True)), ('code', models.TextField())])]\n",
}
DJANGO_CONSTRAIN = {
    "shop/migrations/0003_refund_unique.py": "from django.db import migrations, models\n\n"
    "class Migration(migrations.Migration):\n    dependencies = [('shop', '0002_refund')]\n"
    "    operations = [migrations.AddConstraint(model_name='refund', constraint=models."
    "UniqueConstraint(fields=['code'], name='refund_code_uniq'))]\n",
}
THIRD = "shop/migrations/0003_refund_unique.py"


def test_django_a_model_created_earlier_in_the_release(git_repo: Any) -> None:
    found = _n1(git_repo, DJANGO_INIT, {**DJANGO_CREATE, **DJANGO_CONSTRAIN}, "shop", "django")
    assert ("RG224", THIRD) not in found


def test_django_a_model_that_shipped_before(git_repo: Any) -> None:
    found = _n1(git_repo, {**DJANGO_INIT, **DJANGO_CREATE}, DJANGO_CONSTRAIN, "shop", "django")
    assert ("RG224", THIRD) in found


RAW_SINGLETON = {
    THIRD: "from django.db import migrations\n\n"
    "class Migration(migrations.Migration):\n    dependencies = [('shop', '0002_refund')]\n"
    "    operations = [migrations.RunSQL('CREATE UNIQUE INDEX refund_one ON shop_refund "
    "((true));', 'DROP INDEX refund_one;')]\n",
}


@pytest.mark.parametrize("shipped", [False, True])
def test_django_a_raw_unique_index_on_a_model_of_the_release(git_repo: Any, shipped: bool) -> None:
    """pythondotorg's sponsors 0077/0079 (round AI): CreateModel, then a RunSQL singleton
    index on its table in a later migration of the release: a new table."""
    base = {**DJANGO_INIT, **(DJANGO_CREATE if shipped else {})}
    change = {**({} if shipped else DJANGO_CREATE), **RAW_SINGLETON}
    found = _n1(git_repo, base, change, "shop", "django")
    assert (("RG224", THIRD) in found) is shipped


def test_scope_all_judges_a_history_migration_by_migration(git_repo: Any) -> None:
    """ckan: the base `scope: all` compares with may be a tag from 2012; the migrations
    added since are a history, not a release."""
    sha = git_repo.commit(
        "base", {"deploy-readiness.yml": git_repo.migrations_config(GO, "golang-migrate", "all")}
    )
    first, second, _ = SQL_CASES["a table the release created"]
    git_repo.commit("history", {**INIT, **_go(2, first), **_go(3, second)})
    ctx = prepare(CheckOptions(repo=git_repo.root, base=sha))
    found = [(f.rule, f.path) for f in engine.check(ctx) if f.rule in N1]
    assert ("RG224", f"{GO}/000003_m3.up.sql") in found


def _pop(version: str, up: str) -> dict[str, str]:
    return {
        f"{GO}/{version}_network.up.sql": up,
        f"{GO}/{version}_network.down.sql": "SELECT 1;\n",
    }


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        ("20210410175418000001", []),  # one migration split into files: one release
        ("20210411090000000000", [("RG224", f"{GO}/20210411090000000000_network.up.sql")]),
    ],
)
def test_pop_split_files_are_one_release_in_scope_all(
    git_repo: Any, second: str, expected: list[tuple[str, str]]
) -> None:
    files = {
        "deploy-readiness.yml": git_repo.migrations_config(GO, "golang-migrate", "all"),
        **_pop("20200101000000000000", "CREATE TABLE orders (id int, code text);\n"),
        **_pop("20210410175418000000", "CREATE TABLE networks (id int, code text);\n"),
        **_pop(second, "CREATE UNIQUE INDEX networks_code ON networks (code);\n"),
    }
    git_repo.commit_each(files)
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert sorted((f.rule, f.path) for f in engine.check(ctx) if f.rule in N1) == expected


def _m(version: str, *files: str) -> Migration:
    return Migration("golang-migrate", version, "m", files[0], files)


def test_groups_are_the_added_migrations_then_split_versions() -> None:
    ms = [
        _m("1", "a/1.up.sql", "a/1.down.sql"),
        _m("2", "a/2.up.sql", "a/2.down.sql"),
        _m("3", "a/3.up.sql"),
        _m("20210410175418000000", "a/x0.up.sql"),
        _m("20210410175418000001", "a/x1.up.sql"),
        _m("20210410175419000000", "a/y.up.sql"),
    ]
    added = frozenset({"a/2.up.sql", "a/2.down.sql", "a/3.up.sql", "a/1.up.sql"})
    assert groups(ms, added) == [[1, 2], [3, 4]]  # 1 is only edited: its down file is old
    assert groups(ms[:2], frozenset({"a/2.up.sql", "a/2.down.sql"})) == []  # one is no group


def test_files_named_from_one_timestamp_are_one_release() -> None:
    """goalert (round K): sql-migrate files 20241108160105-import-river-migration-2.sql …
    -5.sql share their version; a lone timestamp is no group."""
    ms = [
        _m("20241108160000", "m/20241108160000-x.sql"),
        _m("20241108160105", "m/20241108160105-a-2.sql"),
        _m("20241108160105", "m/20241108160105-a-3.sql"),
        _m("20241108160106", "m/20241108160106-b.sql"),
    ]
    assert groups(ms, frozenset()) == [[1, 2]]


def _django_swap(field: str) -> dict[str, str]:
    head = "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n"
    return {
        "shop/migrations/0002_code_new.py": head + "    dependencies = [('shop', '0001_initial')]\n"
        f"    operations = [migrations.AddField('order', 'code_new', {field})]\n",
        "shop/migrations/0003_swap.py": head + "    dependencies = [('shop', '0002_code_new')]\n"
        "    operations = [migrations.RemoveField('order', 'code'),\n"
        "                  migrations.RenameField('order', 'code_new', 'code')]\n",
    }


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("models.CharField(max_length=10, null=True)", [("RG223", "shop/migrations/0003_swap.py")]),
        ("models.TextField(null=True)", []),  # the same type: the column reads as before
        (  # a relation's column is code_id: the column code is dropped, not refilled
            # (karrot's places 0046, round T: RG203 and RG225 say it)
            "models.ForeignKey('shop.Order', to_field='code', null=True, on_delete=models.CASCADE)",
            [],
        ),
    ],
    ids=["narrower", "same-type", "relation"],
)
def test_django_a_field_of_the_release_renamed_into_a_removed_ones_place(
    git_repo: Any, field: str, expected: list[tuple[str, str]]
) -> None:
    """saleor (round R): AddField ``order_token`` in one migration of the release,
    RemoveField ``order`` and RenameField ``order_token`` → ``order`` in the next: the
    previous release's column holds other values now (it was no rename of a new field)."""
    found = _n1(git_repo, DJANGO_INIT, _django_swap(field), "shop", "django")
    assert [f for f in found if f[0] in ("RG220", "RG223")] == expected


@pytest.mark.parametrize(
    ("field", "own", "expected"),
    [
        # tilavarauspalvelu's weekdays (round BF): an array where a string was
        ("ArrayField(base_field=models.CharField(max_length=20))", "", "RG223"),
        # … and its StrChoiceField, a CharField the migration module defines
        ("StrChoiceField(max_length=10, null=True)", "models.CharField", "RG223"),
        ("StrChoiceField(null=True)", "models.TextField", ""),  # a text again: the same
    ],
    ids=["array", "own-char", "own-text"],
)
def test_django_a_swapped_field_s_type_is_known_for_arrays_and_the_module_s_own_fields(
    git_repo: Any, field: str, own: str, expected: str
) -> None:
    """tilavarauspalvelu 0129-0143 (round BF): ``new_x`` added by one migration of the
    release, ``x`` removed and ``new_x`` renamed ``x`` by later ones, ``new_x`` an
    ``ArrayField`` or the module's own ``class StrChoiceField(models.CharField)``: judged
    by the types (RG223), not said to rename a column the previous release never had."""
    files = _django_swap(field)
    first = "shop/migrations/0002_code_new.py"
    head = "from django.contrib.postgres.fields import ArrayField\n"
    if own:
        head += f"\n\nclass StrChoiceField({own}):\n    pass\n\n\n"
    files[first] = head + files[first]
    found = _n1(git_repo, DJANGO_INIT, files, "shop", "django")
    assert [f for f, _ in found if f in ("RG220", "RG223")] == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        ([], ["shop/migrations/0002_narrow.py"]),  # never dropped
        (["migrations.RemoveField('order', 'code')"], []),  # dropped next
        # rows copied between, while the previous release serves (vulnerablecode's
        # 0046-0051, round AS): it meets the narrowed column
        (["migrations.RunPython(copy_rows, migrations.RunPython.noop)",
          "migrations.RemoveField('order', 'code')"], ["shop/migrations/0002_narrow.py"]),
    ],
    ids=["kept", "dropped", "dropped-after-data"],
)  # fmt: skip
def test_django_a_type_narrowed_then_dropped_later_in_the_release(
    git_repo: Any, later: list[str], expected: list[str]
) -> None:
    """muckrock's gethelp 0004 and 0007 (round AS), kbxl-ggmex-api's ``cancelation_reazon``
    (round CE): ``slug`` narrowed, then removed by a later migration of the release. With
    nothing between that changes rows, the previous release never meets the narrowed
    column: the drop is the break (RG203, RG225). A data migration between keeps it."""
    narrow = "migrations.AlterField('order', 'code', models.CharField(max_length=20))"
    change = _django_ops("0002_narrow", "0001_initial", narrow)
    parent = "0002_narrow"
    for n, op in enumerate(later, start=3):
        name = f"000{n}_later"
        change.update(_django_ops(name, parent, op))
        parent = name
    for path, body in change.items():
        if "copy_rows" in body:
            change[path] = body.replace(
                "class Migration",
                "def copy_rows(apps, schema_editor):\n    pass\n\n\nclass Migration",
            )
    found = _n1(git_repo, DJANGO_INIT, change, "shop", "django")
    assert [p for r, p in found if r == "RG223"] == expected


@pytest.mark.parametrize("unique_at_base", [True, False])
def test_django_a_key_the_release_took_off_and_put_back(
    git_repo: Any, unique_at_base: bool
) -> None:
    """muckrock's organization 0010 and 0024 (round AS): ``slug`` unique since 0001, made
    not unique by one migration of the release and unique again by a later one: the
    previous release met the key as it is now. A key new to the release stays RG224."""
    init = DJANGO_INIT
    if unique_at_base:
        first = DJANGO_INIT["shop/migrations/0001_initial.py"]
        init = {**DJANGO_INIT, "shop/migrations/0001_initial.py": first.replace(
            "('code', models.TextField())", "('code', models.TextField(unique=True))"
        )}  # fmt: skip
    change = {
        **_django_ops("0002_off", "0001_initial",
                      "migrations.AlterField('order', 'code', models.TextField())"),
        **_django_ops("0003_on", "0002_off",
                      "migrations.AlterField('order', 'code', models.TextField(unique=True))"),
    }  # fmt: skip
    found = _n1(git_repo, init, change, "shop", "django")
    expected = [] if unique_at_base else [("RG224", "shop/migrations/0003_on.py")]
    assert [f for f in found if f[0] == "RG224"] == expected


@pytest.mark.parametrize(("asked", "expected"), [("True", []), ("False", ["RG224"])])
def test_django_a_condition_on_a_field_an_earlier_migration_of_the_release_added(
    git_repo: Any, asked: str, expected: list[str]
) -> None:
    """tilavarauspalvelu 0059 and 0060 (round BF): ``is_from_ad_group``, a new
    ``BooleanField(default=False)``, then a unique key ``condition=Q(("is_from_ad_group",
    True))`` in the next migration: no row the previous release writes has it True (asked
    False, they all are)."""
    add = "migrations.AddField('order', 'is_ad', models.BooleanField(default=False))"
    key = (
        "migrations.AddConstraint(model_name='order', constraint=models.UniqueConstraint("
        f"condition=models.Q(('is_ad', {asked})), fields=('code',), name='u'))"
    )
    change = {
        **_django_ops("0002_add", "0001_initial", add),
        **_django_ops("0003_key", "0002_add", key),
    }
    found = _n1(git_repo, DJANGO_INIT, change, "shop", "django")
    assert [r for r, p in found if p.endswith("0003_key.py")] == expected


def test_django_a_camel_case_field_the_release_added_then_renamed(git_repo: Any) -> None:
    """bluebottle's funding_stripe 0023 and 0024 (round AS): ``verificationMethod`` added,
    then renamed ``verification_method`` in the next migration of the release: the
    previous release never had the column, in any case."""
    add = "migrations.AddField('order', 'verificationMethod', models.TextField(null=True))"
    rename = "migrations.RenameField('order', 'verificationMethod', 'verification_method')"
    change = {
        **_django_ops("0002_add", "0001_initial", add),
        **_django_ops("0003_rename", "0002_add", rename),
    }
    found = _n1(git_repo, DJANGO_INIT, change, "shop", "django")
    assert [f for f in found if f[0] == "RG220"] == []


def test_django_a_swap_on_a_model_the_release_made_is_no_break(git_repo: Any) -> None:
    """bluebottle's activity_links (round AS): the app is new in one merge, whose later
    migrations add ``file_image``, remove ``image`` and rename ``file_image`` to ``image``:
    the previous release has no such table, so nothing about it is a swap."""
    head = "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n"
    made = {
        "shop/migrations/0002_refund.py": DJANGO_CREATE["shop/migrations/0002_refund.py"],
        "shop/migrations/0003_code_new.py": head + "    dependencies = [('shop', '0002_refund')]\n"
        "    operations = [migrations.AddField('refund', 'code_new', "
        "models.CharField(max_length=10, null=True))]\n",
        "shop/migrations/0004_swap.py": head + "    dependencies = [('shop', '0003_code_new')]\n"
        "    operations = [migrations.RemoveField('refund', 'code'),\n"
        "                  migrations.RenameField('refund', 'code_new', 'code')]\n",
    }
    found = _n1(git_repo, DJANGO_INIT, made, "shop", "django")
    assert [f for f in found if f[0] in ("RG220", "RG223")] == []


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("models.DecimalField(max_digits=20, decimal_places=2, null=True)", "RG223"),
        ("shop.fields.ValidXMLCharField(max_length=300, null=True)", None),  # the same
    ],
)
def test_django_a_swap_from_a_projects_own_field(
    git_repo: Any, field: str, expected: str | None
) -> None:
    """akvo-rsr's 0120/0121 (round AI): ``value``, a ``ValidXMLCharField`` (the project's
    CharField), swapped for a DecimalField: its column was varchar(300), so the swap is a
    type change (RG223), not a rename of a column of unknown type (RG220)."""
    init = {
        **DJANGO_INIT,
        "shop/migrations/0001_initial.py": DJANGO_INIT["shop/migrations/0001_initial.py"].replace(
            "('code', models.TextField())",
            "('code', shop.fields.ValidXMLCharField(max_length=300))",
        ),
    }
    found = _n1(git_repo, init, _django_swap(field), "shop", "django")
    got = [f for f in found if f[0] in ("RG220", "RG223")]
    assert got == ([(expected, "shop/migrations/0003_swap.py")] if expected else [])


def test_django_a_relation_renamed_into_a_plain_field_removed_earlier(git_repo: Any) -> None:
    """karrot's places 0043-0046 (round T): the ForeignKey added, the CharField removed by
    one migration and the key renamed into its name by the next (where the removed
    field's type is out of sight): ``status_id`` is no swap of the column ``status``."""
    head = "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n"
    change = {
        "shop/migrations/0002_code_new.py": head + "    dependencies = [('shop', '0001_initial')]\n"
        "    operations = [migrations.AddField('order', 'code_new', models.ForeignKey("
        "'shop.Order', null=True, on_delete=models.CASCADE))]\n",
        "shop/migrations/0003_remove.py": head + "    dependencies = [('shop', '0002_code_new')]\n"
        "    operations = [migrations.RemoveField('order', 'code')]\n",
        "shop/migrations/0004_rename.py": head + "    dependencies = [('shop', '0003_remove')]\n"
        "    operations = [migrations.RenameField('order', 'code_new', 'code')]\n",
    }
    found = _n1(git_repo, DJANGO_INIT, change, "shop", "django")
    assert [f for f in found if f[0] in ("RG220", "RG223")] == []


def test_django_a_field_of_the_release_renamed_into_a_removed_many_to_many(
    git_repo: Any,
) -> None:
    """ChiefOnboarding v2.0 (round Z): ``content_json`` added, the ManyToManyField
    ``content`` removed and ``content_json`` renamed to ``content``: ``content`` had no
    column, so the renamed one is new to the previous release (its join table's drop is
    RG203's). The same over a plain column is a swap."""
    init = {
        **DJANGO_INIT,
        "shop/migrations/0001_initial.py": DJANGO_INIT["shop/migrations/0001_initial.py"].replace(
            "('code', models.TextField())", "('code', models.ManyToManyField('shop.Tag'))"
        ),
    }
    swap = _django_swap("models.JSONField(null=True)")
    found = _n1(git_repo, init, swap, "shop", "django")
    assert [f for f in found if f[0] in ("RG220", "RG223")] == []


@pytest.mark.parametrize(
    ("target", "removed_first", "expected"),
    [
        ("to_field='token', ", False, [("RG220", "shop/migrations/0003_swap.py")]),
        ("", False, [("RG220", "shop/migrations/0003_swap.py")]),  # a swap made in one
        ("", True, []),
        # (a key to another model's key swapped in: its column holds those keys now, RG223:
        # casepro's caseaction.label, round BR)
        ("to_field='token', ", True, [("RG223", "shop/migrations/0004_rename.py")]),
        ("'other.Order', ", True, [("RG223", "shop/migrations/0004_rename.py")]),
    ],
    ids=[
        "other-key",
        "same-key",
        "same-key-removed-first",
        "other-key-removed-first",
        "another-app-s-model",
    ],
)
def test_django_a_relation_of_the_release_renamed_into_a_removed_relation(
    git_repo: Any, target: str, removed_first: bool, expected: list[tuple[str, str]]
) -> None:
    """saleor (round R): ``order_token`` (a ForeignKey to ``Order.token``) renamed into the
    removed ``order`` ForeignKey's place: the column order_id holds other values now, and
    its type is not known here: RG220 says the column is replaced. A ForeignKey to the
    same model's same key holds what the removed one held (seed's ``meter.scenario``,
    removed by an earlier migration of the release, added again as ``scenario_id`` and
    renamed back, round AZ): no break. A model of the same name in another app is another
    table; a swap made in one migration is made to change the target, whatever the files
    edited since say (bluebottle's wallpost.donation, round AS): RG220. A key to another
    model's key renamed into the place of one an earlier migration removed is RG223: the
    previous release's `code_id` holds that model's keys now (casepro, round BR)."""
    init = {
        **DJANGO_INIT,
        "shop/migrations/0001_initial.py": DJANGO_INIT["shop/migrations/0001_initial.py"].replace(
            "('code', models.TextField())",
            "('code', models.ForeignKey('shop.Order', on_delete=models.CASCADE))",
        ),
    }
    model = "" if target.startswith("'") else "'shop.Order', "
    field = f"models.ForeignKey({model}{target}null=True, on_delete=models.CASCADE)"
    swap = _django_swap(field)
    if removed_first:
        swap = {
            **_django_ops("0002_remove", "0001_initial", "migrations.RemoveField('order', 'code')"),
            **_django_ops("0003_code_new", "0002_remove",
                          f"migrations.AddField('order', 'code_new', {field})"),
            **_django_ops("0004_rename", "0003_code_new",
                          "migrations.RenameField('order', 'code_new', 'code')"),
        }  # fmt: skip
    found = _n1(git_repo, init, swap, "shop", "django")
    assert [f for f in found if f[0] in ("RG220", "RG223")] == expected


def _django_ops(name: str, parent: str, ops: str) -> dict[str, str]:
    return {
        f"shop/migrations/{name}.py": "from django.db import migrations, models\n\n"
        "class Migration(migrations.Migration):\n"
        f"    dependencies = [('shop', '{parent}')]\n    operations = [{ops}]\n"
    }


ADD_NULLABLE = "migrations.AddField('order', 'note', models.TextField(null=True))"
REQUIRE = "migrations.AlterField('order', 'note', models.TextField({}))"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (  # across two migrations of the release
            {**_django_ops("0002_note", "0001_initial", ADD_NULLABLE),
             **_django_ops("0003_require", "0002_note", REQUIRE.format(""))},
            [("RG222", "shop/migrations/0003_require.py")],
        ),
        (  # in one migration, a backfill between
            _django_ops("0002_note", "0001_initial",
                        f"{ADD_NULLABLE}, migrations.RunPython(migrations.RunPython.noop, "
                        f"migrations.RunPython.noop), {REQUIRE.format('')}"),
            [("RG222", "shop/migrations/0002_note.py")],
        ),
        (  # the database keeps a default: the previous release's INSERTs get it
            {**_django_ops("0002_note", "0001_initial", ADD_NULLABLE),
             **_django_ops("0003_require", "0002_note", REQUIRE.format("db_default=''"))},
            [],
        ),
        (  # restated by a later migration of the release (muckrock's uuid, round AS)
            {**_django_ops("0002_note", "0001_initial", ADD_NULLABLE),
             **_django_ops("0003_require", "0002_note", REQUIRE.format("")),
             **_django_ops("0004_index", "0003_require", REQUIRE.format("db_index=True"))},
            [("RG222", "shop/migrations/0003_require.py")],
        ),
    ],
    ids=["two-migrations", "one-migration", "db-default", "restated-later"],
)  # fmt: skip
def test_django_a_column_the_release_added_nullable_then_required(
    git_repo: Any, change: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    """saleor (round R): AddField ``null=True``, a backfill, then AlterField without it:
    the previous release never writes the column, so its INSERTs fail on the NULL."""
    found = _n1(git_repo, DJANGO_INIT, change, "shop", "django")
    assert [f for f in found if f[0] == "RG222"] == expected


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        ("ALTER TABLE orders ALTER COLUMN note DROP NOT NULL;\n", []),
        ("ALTER TABLE orders ALTER COLUMN code DROP NOT NULL;\n",
         [("RG222", f"{GO}/000002_m2.up.sql")]),  # another column
    ],
)  # fmt: skip
def test_a_not_null_a_later_migration_of_the_release_drops(
    git_repo: Any, later: str, expected: list[tuple[str, str]]
) -> None:
    change = {**_go(2, "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;\n"), **_go(3, later)}
    found = _n1(git_repo, INIT, change, GO, "golang-migrate")
    assert [f for f in found if f[0] == "RG222"] == expected


NULLABLE_INIT = {
    **DJANGO_INIT,
    "shop/migrations/0001_initial.py": DJANGO_INIT["shop/migrations/0001_initial.py"].replace(
        "('code', models.TextField())", "('code', models.TextField(null=True))"
    ),
}


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        # made nullable again by a later migration of the release: the release leaves it so
        ("migrations.AlterField('order', 'code', models.TextField(null=True, blank=True))", []),
        # a later migration that leaves it NOT NULL undoes nothing
        ("migrations.AlterField('order', 'code', models.TextField(blank=True))",
         [("RG222", "shop/migrations/0002_require.py")]),
    ],
)  # fmt: skip
def test_django_a_not_null_a_later_migration_of_the_release_undoes(
    git_repo: Any, later: str, expected: list[tuple[str, str]]
) -> None:
    """onadata's logger 0017 and 0019 (round AI): ``instance.xform`` made NOT NULL, then
    nullable again two migrations later in the same release."""
    change = {
        **_django_ops("0002_require", "0001_initial",
                      "migrations.AlterField('order', 'code', models.TextField())"),
        **_django_ops("0003_relax", "0002_require", later),
    }  # fmt: skip
    found = _n1(git_repo, NULLABLE_INIT, change, "shop", "django")
    assert [f for f in found if f[0] == "RG222"] == expected


@pytest.mark.parametrize(
    ("relax", "expected"),
    [
        ("migrations.AlterField('order', 'flag', models.BooleanField(null=True))", []),
        ("migrations.AlterField('order', 'flag', models.BooleanField(default=True))",
         [("RG222", "shop/migrations/0002_flag.py")]),
    ],
)  # fmt: skip
@pytest.mark.parametrize("apart", [False, True], ids=["one-migration", "next-migration"])
def test_django_a_field_the_release_adds_not_null_and_then_makes_nullable(
    git_repo: Any, relax: str, expected: list[tuple[str, str]], apart: bool
) -> None:
    """oclapi2's sources 0004 and 0005 (one commit, round CR): an ArrayField added NOT NULL,
    made nullable by the next migration; also both in one migration. The release leaves it
    nullable, and the previous release never meets the NOT NULL."""
    add = "migrations.AddField('order', 'flag', models.BooleanField(default=False))"
    if apart:
        change = {
            **_django_ops("0002_flag", "0001_initial", add),
            **_django_ops("0003_relax", "0002_flag", relax),
        }
    else:
        change = _django_ops("0002_flag", "0001_initial", f"{add},\n        {relax}")
    found = _n1(git_repo, DJANGO_INIT, change, "shop", "django")
    assert [f for f in found if f[0] == "RG222"] == expected


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        ("(code, token)", []),  # token: added nullable by the release
        ("(code)", [("RG224", "shop/migrations/0003_key.py")]),  # an old column alone
    ],
)
def test_django_a_raw_unique_index_over_a_field_the_release_added_nullable(
    git_repo: Any, columns: str, expected: list[tuple[str, str]]
) -> None:
    """saleor app 0039/0040 (round R): AddField ``identifier`` null=True, then a RunSQL
    ``CREATE UNIQUE INDEX CONCURRENTLY`` over it: the previous release writes NULL there."""
    sql = f"CREATE UNIQUE INDEX CONCURRENTLY order_key ON shop_order {columns};"
    change = {
        **_django_ops("0002_token", "0001_initial",
                      "migrations.AddField('order', 'token', models.TextField(null=True))"),
        **_django_ops("0003_key", "0002_token",
                      f"migrations.RunSQL({sql!r}, migrations.RunSQL.noop)"),
    }  # fmt: skip
    found = _n1(git_repo, DJANGO_INIT, change, "shop", "django")
    assert [f for f in found if f[0] == "RG224"] == expected


def _django_init_with(field: str) -> dict[str, str]:
    return {
        **DJANGO_INIT,
        "shop/migrations/0001_initial.py": DJANGO_INIT["shop/migrations/0001_initial.py"].replace(
            "('code', models.TextField())", f"('code', {field})"
        ),
    }


@pytest.mark.parametrize("apart", [False, True], ids=["one-migration", "removed-before"])
def test_django_a_plain_field_renamed_into_a_removed_relations_name(
    git_repo: Any, apart: bool
) -> None:
    """akvo-rsr's 0072-0074 (round AI): ``country``, a ForeignKey (its column
    ``country_id``), removed, and a CharField of the release renamed into its name: the
    column ``country`` is new to the previous release, which used ``country_id`` (gone:
    RG203's and RG225's). No rename (RG220) and no type change (RG223). Also where an
    earlier migration of the release removed the key (sparte's ``ocsge.departement``,
    round CM)."""
    init = _django_init_with("models.ForeignKey('shop.Order', on_delete=models.CASCADE)")
    change = _django_swap("models.CharField(max_length=2, blank=True)")
    if apart:
        head = (
            "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n"
        )
        change["shop/migrations/0003_swap.py"] = (
            head + "    dependencies = [('shop', '0002_code_new')]\n"
            "    operations = [migrations.RemoveField('order', 'code')]\n"
        )
        change["shop/migrations/0004_rename.py"] = (
            head + "    dependencies = [('shop', '0003_swap')]\n"
            "    operations = [migrations.RenameField('order', 'code_new', 'code')]\n"
        )
    found = _n1(git_repo, init, change, "shop", "django")
    assert [f for f in found if f[0] in ("RG220", "RG223")] == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("models.DurationField(null=True)", "models.PositiveSmallIntegerField(null=True)", 1),
        ("models.BooleanField(default=False)", "models.BooleanField(null=True)", 0),
        ("models.CharField(max_length=36, null=True)", "models.UUIDField(null=True)", 1),
        ("models.TimeField()", "models.TimeField(null=True)", 0),
    ],
    ids=["interval-to-smallint", "boolean-same", "varchar-to-uuid", "time-same"],
)
def test_django_a_swap_between_field_classes_without_a_length(
    git_repo: Any, old: str, new: str, expected: int
) -> None:
    """akvo-rsr's password_policy 0002-0004 (round AI): ``expiration``, a DurationField
    (an interval), swapped for a PositiveSmallIntegerField: a type change (RG223), where
    a DurationField's type was not known and the swap read as a rename (RG220)."""
    found = _n1(git_repo, _django_init_with(old), _django_swap(new), "shop", "django")
    got = [f for f in found if f[0] in ("RG220", "RG223")]
    assert got == [("RG223", "shop/migrations/0003_swap.py")] * expected


@pytest.mark.parametrize(("back", "expected"), [(254, 0), (300, 0), (100, 1), (None, 1)])
def test_django_a_type_narrowed_and_set_back_later_in_the_release(
    git_repo: Any, back: int | None, expected: int
) -> None:
    """akvo-rsr's 0140 and 0141 (round AI): ``email`` cut from 254 to 75 characters, and
    set back to 254 by the next migration of the same release: the release leaves the
    type as it was (or wider), so the previous release never sees it narrowed. Set back
    only part of the way (100), or not at all, it is still RG223."""
    head = "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n"
    change = {
        "shop/migrations/0002_cut.py": head + "    dependencies = [('shop', '0001_initial')]\n"
        "    operations = [migrations.AlterField('order', 'code', "
        "models.CharField(max_length=75))]\n",
    }
    if back is not None:
        change["shop/migrations/0003_back.py"] = (
            head + "    dependencies = [('shop', '0002_cut')]\n"
            "    operations = [migrations.AlterField('order', 'code', "
            f"models.CharField(max_length={back}))]\n"
        )
    init = _django_init_with("models.CharField(max_length=254)")
    found = _n1(git_repo, init, change, "shop", "django")
    assert [f for f in found if f[0] == "RG223"] == [
        ("RG223", "shop/migrations/0002_cut.py")
    ] * expected


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        # a ForeignKey's column is code_link_id → code_id: the column code is dropped, not
        # refilled (RG203's and RG225's)
        ("models.ForeignKey('shop.Order', null=True, on_delete=models.SET_NULL)", []),
        (
            "models.CharField(max_length=10, null=True)",
            [("RG223", "shop/migrations/0003_rename.py")],
        ),
    ],
    ids=["relation", "narrower"],
)
def test_django_a_field_removed_and_its_successor_added_by_one_migration_renamed_by_the_next(
    git_repo: Any, field: str, expected: list[tuple[str, str]]
) -> None:
    """django-bims' 0357 and 0358 (round CC, one commit): 0357 removes the CharField
    ``hydroperiod`` and adds the ForeignKey ``hydroperiod_link``, 0358 renames it
    ``hydroperiod``. The removed field's type is read in 0357 too, so the swap is judged
    as any other: a relation renamed into a plain field's name refills no column."""
    ops = (
        "migrations.RemoveField('order', 'code'),\n"
        f"                  migrations.AddField('order', 'code_link', {field})"
    )
    change = {
        **_django_ops("0002_swap", "0001_initial", ops),
        **_django_ops("0003_rename", "0002_swap",
                      "migrations.RenameField('order', 'code_link', 'code')"),
    }  # fmt: skip
    found = _n1(git_repo, DJANGO_INIT, change, "shop", "django")
    assert [f for f in found if f[0] in ("RG220", "RG223")] == expected


@pytest.mark.parametrize("made_in_release", [True, False])
def test_django_a_field_the_release_made_removed_and_another_renamed_into_its_place(
    git_repo: Any, made_in_release: bool
) -> None:
    """trade-remedies' organisations 0027-0030 (round CB, one commit): an integer ``id``
    added, a UUID ``new_id`` added, ``id`` removed and ``new_id`` renamed to ``id``. The
    previous release had no ``id`` column: nothing it wrote changes type. Where ``id``
    (here ``ref``) shipped in an earlier release, it is the swap RG223 reports."""
    uuid = "models.UUIDField(null=True)"
    ops = [
        ("0003_new", "0002_ref", f"migrations.AddField('order', 'ref_new', {uuid})"),
        ("0004_remove", "0003_new", "migrations.RemoveField('order', 'ref')"),
        ("0005_rename", "0004_remove", "migrations.RenameField('order', 'ref_new', 'ref')"),
    ]
    integer = "migrations.AddField('order', 'ref', models.IntegerField(null=True))"
    made = _django_ops("0002_ref", "0001_initial", integer)
    base, change = (DJANGO_INIT, made) if made_in_release else ({**DJANGO_INIT, **made}, {})
    for name, parent, op in ops:
        change.update(_django_ops(name, parent, op))
    found = _n1(git_repo, base, change, "shop", "django")
    got = [f for f in found if f[0] in ("RG220", "RG223")]
    assert got == ([] if made_in_release else [("RG223", "shop/migrations/0005_rename.py")])


@pytest.mark.parametrize(("narrowed", "expected"), [(80, 0), (254, 0), (40, 1)])
def test_django_a_type_widened_then_narrowed_less_in_the_release(
    git_repo: Any, narrowed: int, expected: int
) -> None:
    """concordia's importer 0006 and 0007 (round CB, one merge): ``campaign_name`` widened
    from 50 to 500 characters, then cut to 80 by the next migration of the same release.
    The previous release knew 50: 80 is a widening of what it wrote, so no RG223; cut
    below 50 (40), the release narrows it and it is still one."""
    head = "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n"
    change = {
        "shop/migrations/0002_widen.py": head + "    dependencies = [('shop', '0001_initial')]\n"
        "    operations = [migrations.AlterField('order', 'code', "
        "models.CharField(max_length=500))]\n",
        "shop/migrations/0003_cut.py": head + "    dependencies = [('shop', '0002_widen')]\n"
        "    operations = [migrations.AlterField('order', 'code', "
        f"models.CharField(max_length={narrowed}))]\n",
    }
    init = _django_init_with("models.CharField(max_length=50)")
    found = _n1(git_repo, init, change, "shop", "django")
    assert [f for f in found if f[0] == "RG223"] == [
        ("RG223", "shop/migrations/0003_cut.py")
    ] * expected


@pytest.mark.parametrize(
    ("new", "expected"), [("PositiveSmallIntegerField", 1), ("DurationField", 0)]
)
def test_django_a_swap_whose_removal_is_a_migration_of_its_own(
    git_repo: Any, new: str, expected: int
) -> None:
    """akvo-rsr's password_policy (round AI): 0002 adds ``expiration_days``, 0003 removes
    the DurationField ``expiration``, 0004 renames ``expiration_days`` to ``expiration``:
    the removed field's type comes from 0003, so the swap is judged as a type change."""
    head = "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n"
    change = {
        "shop/migrations/0002_code_new.py": head + "    dependencies = [('shop', '0001_initial')]\n"
        f"    operations = [migrations.AddField('order', 'code_new', models.{new}(null=True))]\n",
        "shop/migrations/0003_remove.py": head + "    dependencies = [('shop', '0002_code_new')]\n"
        "    operations = [migrations.RemoveField('order', 'code')]\n",
        "shop/migrations/0004_rename.py": head + "    dependencies = [('shop', '0003_remove')]\n"
        "    operations = [migrations.RenameField('order', 'code_new', 'code')]\n",
    }
    found = _n1(git_repo, _django_init_with("models.DurationField(null=True)"), change, "shop",
                "django")  # fmt: skip
    got = [f for f in found if f[0] in ("RG220", "RG223")]
    assert got == [("RG223", "shop/migrations/0004_rename.py")] * expected


def _laravel(name: str, body: str) -> dict[str, str]:
    return {
        f"database/migrations/{name}.php": "<?php\n\n"
        "use Illuminate\\Database\\Migrations\\Migration;\n"
        "use Illuminate\\Database\\Schema\\Blueprint;\n"
        "use Illuminate\\Support\\Facades\\Schema;\n\n"
        "return new class extends Migration\n{\n    public function up(): void\n    {\n"
        f"{body}    }}\n\n    public function down(): void\n    {{\n    }}\n}};\n"
    }


_TEAM_KEY = (
    "        Schema::table('team_user', function (Blueprint $table) {\n"
    "            $table->unique(['team_id', 'user_id'], 'team_user_team_id_user_id_unique');\n"
    "        });\n"
)


@pytest.mark.parametrize("together", [True, False])
def test_a_key_an_earlier_migration_of_the_release_added_is_added_once(
    git_repo: Any, together: bool
) -> None:
    """openlittermap (round AX): ``team_user_team_id_user_id_unique`` added by one
    migration of a release, and again by the next (guarded by ``SHOW INDEX``): the first
    carries the finding; the second adds nothing. Shipped apart, the second adds nothing
    either: the table has had the key since the earlier release (Laravel's keys are
    followed through the earlier migrations, round CA)."""
    init = _laravel(
        "2020_01_01_000000_teams",
        "        Schema::create('team_user', function (Blueprint $table) {\n"
        "            $table->id();\n        });\n",
    )
    first = _laravel("2026_02_22_202000_add_photo_privacy", _TEAM_KEY)
    second = _laravel("2026_02_23_200000_add_team_composite_indexes", _TEAM_KEY)
    base, change = ({**init}, {**first, **second}) if together else ({**init, **first}, second)
    found = _n1(git_repo, base, change, "database/migrations", "laravel")
    second_path = "database/migrations/2026_02_23_200000_add_team_composite_indexes.php"
    assert ("RG224", second_path) not in found
    assert [r for r, _ in found] == (["RG224"] if together else [])


_ECTO = "priv/repo/migrations"


def _ecto(name: str, body: str) -> dict[str, str]:
    return {
        f"{_ECTO}/{name}.exs": "defmodule App.Repo.Migrations.M do\n  use Ecto.Migration\n\n"
        f"  def change do\n    {body}\n  end\nend\n"
    }


@pytest.mark.parametrize(("default", "expected"), [("false", []), ("true", ["RG224"])])
def test_a_partial_key_over_a_column_an_earlier_migration_gave_a_default(
    git_repo: Any, default: str, expected: list[str]
) -> None:
    """td-auth (round BA): one migration adds ``is_default`` with ``default: false``, the
    next of the release a unique index ``WHERE is_default is true``: the previous
    release's rows hold false and are outside it. The release carries the default's
    value, not only that there is one; with ``default: true`` every such row is in it."""
    init = _ecto(
        "20180101000000_roles", "create table(:roles) do\n      add :name, :string\n    end"
    )
    change = {
        **_ecto(
            "20180927075431_add_default",
            f"alter table(:roles) do\n      add :is_default, :boolean, default: {default}\n    end",
        ),
        **_ecto(
            "20180927080511_unique_default",
            'create unique_index(:roles, [:is_default], where: "is_default is true")',
        ),
    }
    found = _n1(git_repo, init, change, _ECTO, "ecto")
    assert [rule for rule, _ in found] == expected


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        # removed by a later migration of the release: the previous release never sees it
        ("migrations.RemoveField('order', 'summary')", []),
        # deleted with its model: the same
        ("migrations.DeleteModel('order')", []),
        # another field removed: the NOT NULL column stays
        ("migrations.RemoveField('order', 'code')", [("RG222", "shop/migrations/0002_summary.py")]),
    ],
    ids=["removed", "model-deleted", "another-removed"],
)  # fmt: skip
def test_django_a_required_column_a_later_migration_of_the_release_removes(
    git_repo: Any, later: str, expected: list[tuple[str, str]]
) -> None:
    """market-access-api's barriers 0151 and 0152 (round CD): a NOT NULL field added to the
    history model, and removed again by the next migration of the same pull request."""
    change = {
        **_django_ops("0002_summary", "0001_initial",
                      "migrations.AddField('order', 'summary', models.TextField(default=''))"),
        **_django_ops("0003_remove", "0002_summary", later),
    }  # fmt: skip
    found = _n1(git_repo, DJANGO_INIT, change, "shop", "django")
    assert [f for f in found if f[0] == "RG222"] == expected


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        ("ALTER TABLE orders DROP COLUMN state;\n", []),
        ("DROP TABLE orders;\n", []),
        ("ALTER TABLE orders DROP COLUMN note;\n", [("RG222", f"{GO}/000002_m2.up.sql")]),
    ],
    ids=["column-dropped", "table-dropped", "another-dropped"],
)
def test_a_required_column_a_later_migration_of_the_release_drops(
    git_repo: Any, later: str, expected: list[tuple[str, str]]
) -> None:
    change = {**_go(2, "ALTER TABLE orders ADD COLUMN state text NOT NULL;\n"), **_go(3, later)}
    found = _n1(git_repo, INIT, change, GO, "golang-migrate")
    assert [f for f in found if f[0] == "RG222"] == expected


@pytest.mark.parametrize(
    ("between", "expected"),
    [
        ("", []),
        # rows copied while the previous release serves: it meets the NOT NULL column
        ("migrations.RunPython(copy_rows, migrations.RunPython.noop)",
         [("RG222", "shop/migrations/0002_summary.py")]),
        ("migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)", []),
    ],
    ids=["nothing-between", "data-between", "noop-between"],
)  # fmt: skip
def test_django_a_required_column_dropped_after_a_data_migration_stays_a_finding(
    git_repo: Any, between: str, expected: list[tuple[str, str]]
) -> None:
    """vulnerablecode's 0046-0051 (round AS) copy every package twice between a field's
    AddField and its removal: the previous release writes rows all the while."""
    ops = "migrations.AddField('order', 'summary', models.TextField(default=''))"
    change = {
        **_django_ops("0002_summary", "0001_initial", ops),
        **_django_ops("0003_between", "0002_summary", between),
        **_django_ops("0004_remove", "0003_between", "migrations.RemoveField('order', 'summary')"),
    }
    body = change["shop/migrations/0003_between.py"]
    change["shop/migrations/0003_between.py"] = body.replace(
        "class Migration", "def copy_rows(apps, schema_editor):\n    pass\n\n\nclass Migration"
    )
    found = _n1(git_repo, DJANGO_INIT, change, "shop", "django")
    assert [f for f in found if f[0] == "RG222"] == expected


def test_a_required_column_dropped_after_an_update_stays_a_finding(git_repo: Any) -> None:
    change = {
        **_go(2, "ALTER TABLE orders ADD COLUMN state text NOT NULL;\n"),
        **_go(3, "UPDATE orders SET note = code;\n"),
        **_go(4, "ALTER TABLE orders DROP COLUMN state;\n"),
    }
    found = _n1(git_repo, INIT, change, GO, "golang-migrate")
    assert [f for f in found if f[0] == "RG222"] == [("RG222", f"{GO}/000002_m2.up.sql")]


_CHECK = (
    "migrations.AddConstraint(model_name='order', constraint=models.CheckConstraint("
    "check=~models.Q({pk}=models.F('parent')), name='not_own_parent'))"
)
_UNCHECK = "migrations.RemoveConstraint(model_name='order', name='not_own_parent')"


@pytest.mark.parametrize(
    ("again", "expected"),
    [
        # digital-workspace-v2 (round CN): 0083 removes the CHECK, 0084 draws it again
        (_CHECK.format(pk="id"), []),
        # … and `pk` written `id` is the same condition
        (_CHECK.format(pk="pk"), []),
        # a CHECK that differs is judged
        (_CHECK.format(pk="code"), [("RG224", "shop/migrations/0004_check.py")]),
    ],
    ids=["same", "pk-is-id", "other"],
)
def test_django_a_check_an_earlier_migration_of_the_release_removed_drawn_again(
    git_repo: Any, again: str, expected: list[tuple[str, str]]
) -> None:
    init = {
        **DJANGO_INIT,
        "shop/migrations/0002_check.py": DJANGO_INIT["shop/migrations/0001_initial.py"]
        .replace(
            "initial = True\n    dependencies = []", "dependencies = [('shop', '0001_initial')]"
        )
        .replace(
            "operations = [migrations.CreateModel(name='Order', fields=[('id', models.AutoField("
            "primary_key=True)), ('code', models.TextField())])]",
            "operations = [migrations.AddField('order', 'parent', models.ForeignKey("
            "'shop.Order', null=True, on_delete=models.CASCADE)), " + _CHECK.format(pk="pk") + "]",
        ),
    }
    change = {
        **_django_ops("0003_uncheck", "0002_check", _UNCHECK),
        **_django_ops("0004_check", "0003_uncheck", again),
    }
    found = _n1(git_repo, init, change, "shop", "django")
    assert [f for f in found if f[0] == "RG224"] == expected
