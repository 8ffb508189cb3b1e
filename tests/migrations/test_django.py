"""What the Django data cases cannot express: detect(), order, messages, unreadable
files, never executing the analysed file, and speed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from rollback_gate.migrations.base import MemorySource, Unreadable
from rollback_gate.migrations.python.django import FRAMEWORK
from rollback_gate.models import Finding

TEMPLATE = """from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = []

    operations = [
{ops}
    ]
"""


def _mig(*ops: str) -> str:
    return TEMPLATE.format(ops="\n".join(f"        {op}," for op in ops))


def _run(files: dict[str, str | bytes]) -> list[Finding]:
    source = MemorySource(files)
    return [
        f for m in FRAMEWORK.discover(sorted(files), source) for f in FRAMEWORK.analyse(m, source)
    ]


def _after_first(app: str, create: str, *ops: str) -> list[Finding]:
    """The findings of ``app``'s second migration (``ops``) after its first (``create``)."""
    second = _mig(*ops).replace("dependencies = []", f"dependencies = [('{app}', '0001_x')]")
    files: dict[str, str | bytes] = {
        f"{app}/migrations/0001_x.py": _mig(create),
        f"{app}/migrations/0002_y.py": second,
    }
    return [f for f in _run(files) if "0002_y" in (f.path or "")]


def test_detect_counts_django_migrations_only() -> None:
    files: dict[str, str | bytes] = {
        "shop/orders/migrations/0001_initial.py": _mig(),
        "shop/orders/migrations/__init__.py": "",
        "shop/orders/models.py": "class Migration: pass\n",
        "alembic/migrations/versions/ab_x.py": "revision = 'ab'\ndef upgrade(): pass\n",
        "alembic/migrations/env.py": "from alembic import context\n",
    }
    assert FRAMEWORK.detect(sorted(files), MemorySource(files)) == 1


def test_order_version_and_app_label() -> None:
    files: dict[str, str | bytes] = {
        "src/orders/migrations/0010_b.py": _mig(),
        "src/orders/migrations/0002_a.py": _mig(),
        "src/orders/migrations/0001_initial.py": _mig(),
        "src/billing/migrations/0001_initial.py": _mig(),
    }
    got = [m.version for m in FRAMEWORK.discover(sorted(files), MemorySource(files))]
    assert got == ["billing:0001_initial", "orders:0001_initial", "orders:0002_a", "orders:0010_b"]


def test_a_migration_module_named_otherwise() -> None:
    """DefectDojo (round P): ``MIGRATION_MODULES = {"dojo": "dojo.db_migrations"}``; the
    folder declared, its migrations were "no django migrations"."""
    files: dict[str, str | bytes] = {
        "dojo/db_migrations/0001_initial.py": _mig(),
        "dojo/db_migrations/0002_a.py": _mig(),
        "dojo/db_migrations/__init__.py": "",
        "dojo/tools/helpers.py": "class Migration: pass\n",  # not in a migrations folder
    }
    got = [m.version for m in FRAMEWORK.discover(sorted(files), MemorySource(files))]
    assert got == ["dojo:0001_initial", "dojo:0002_a"]


def test_remove_field_message_names_table_and_field() -> None:
    files: dict[str, str | bytes] = {
        "orders/migrations/0002_x.py": _mig(
            'migrations.RemoveField(model_name="order", name="note")'
        )
    }
    (f,) = _run(files)
    assert (f.rule, f.line, f.key) == ("RG203", 8, "RG203:drop_column:orders_order.note")
    assert f.message == "RemoveField drops column orders_order.note (field orders.order.note)"
    assert "expand/contract" in f.fix


def test_a_dependency_on_another_apps_initial_is_not_the_app_label() -> None:
    """Flagsmith segments/0003 depends on ("projects", "0001_initial"); segments has a
    0001_initial too: the table is segments_segment, not projects_segment."""
    deps = "[('projects', '0001_initial'), ('segments', '0002_x')]"
    files: dict[str, str | bytes] = {
        "api/segments/migrations/0001_initial.py": _mig(),
        "api/segments/migrations/0002_x.py": _mig(),
        "api/segments/migrations/0003_y.py": _mig(
            'migrations.RemoveField(model_name="segment", name="note")'
        ).replace("dependencies = []", f"dependencies = {deps}"),
    }
    (f,) = _run(files)
    assert f.key == "RG203:drop_column:segments_segment.note"


def test_an_initial_migrations_dependency_on_another_apps_initial_is_not_itself() -> None:
    """mygpo's usersettings/0001_initial (round AJ) depends on ("contenttypes",
    "0001_initial"), which names its own file: the label stayed usersettings, and the
    RunSQL unique index on the table the same migration creates is no finding (it was
    read as a key on contenttypes' table, an RG224)."""
    ops = (
        "migrations.CreateModel(name='UserSettings', fields=[('id', models.AutoField("
        "primary_key=True)), ('user_id', models.IntegerField())]), migrations.RunSQL("
        "[('CREATE UNIQUE INDEX one ON usersettings_usersettings (user_id);', None)], "
        "[('DROP INDEX one;', None)])"
    )
    deps = "[('contenttypes', '0001_initial')]"
    files: dict[str, str | bytes] = {
        "mygpo/usersettings/migrations/0001_initial.py": _mig(ops).replace(
            "dependencies = []", f"dependencies = {deps}"
        ),
    }
    assert [(f.rule, f.key) for f in _run(files)] == []


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("models.UUIDField(null=True, default=uuid.uuid4)", "models.UUIDField(default=uuid.uuid4)",
         []),
        ("models.UUIDField(null=True, default=uuid4)", "models.UUIDField(unique=True)", []),
        ("models.DateTimeField(auto_now_add=True, null=True)", "models.DateTimeField()", []),
        ("models.DateTimeField(null=True, default=timezone.now)", "models.DateTimeField()", []),
        ("models.IntegerField(null=True, default=0)", "models.IntegerField()", ["RG222:P3"]),
        ("models.CharField(null=True, default='audit')", "models.CharField()", ["RG222:P3"]),
        # (casepro's is_squashed, round BR: nullable only between adding and filling it)
        ("models.BooleanField(null=True, default=False)", "models.BooleanField()",
         ["RG222:P3"]),
        ("models.NullBooleanField(default=False)", "models.BooleanField()", ["RG222"]),
        ("models.UUIDField(null=True)", "models.UUIDField(default=uuid.uuid4)", ["RG222"]),
        ("models.IntegerField(null=True, default=None)", "models.IntegerField()", ["RG222"]),
        ("models.UUIDField(null=True, default=uuid.uuid1)", "models.UUIDField(unique=True)",
         []),
        # TolaActivity's workflow 0018 (round CF): a Decimal is a literal too
        ("models.DecimalField(null=True, max_digits=20, decimal_places=2, "
         "default=Decimal('0.00'))",
         "models.DecimalField(max_digits=20, decimal_places=2)", ["RG222:P3"]),
    ],
    ids=["uuid4", "uuid4-unique", "auto-now-add", "now", "zero", "literal", "boolean",
         "null-boolean", "no-default", "default-none", "uuid1-unique", "decimal"],
)  # fmt: skip
def test_a_field_the_previous_release_always_filled(
    before: str, after: str, expected: list[str]
) -> None:
    """rapidpro's contactimport.uuid and kolibri's exam.date_created (round AJ): NOT NULL
    set on a field whose previous state gives every INSERT a value (``default=uuid4``,
    ``auto_now_add=True``) refuses nothing the previous release writes; nor does a unique
    key over a fresh ``uuid4`` per row. A literal default (``0``, mitxonline's ``"audit"``,
    round BJ) is every INSERT's that leaves the field alone: only code that sets None fails,
    said at P3, a boolean's too (a NullBooleanField's None means "unknown": P1)."""
    create = (
        f"migrations.CreateModel(name='Import', fields=[('id', models.AutoField("
        f"primary_key=True)), ('uuid', {before})])"
    )
    files: dict[str, str | bytes] = {
        "contacts/migrations/0001_initial.py": _mig(create),
        "contacts/migrations/0002_alter.py": _mig(
            f"migrations.AlterField(model_name='import', name='uuid', field={after})"
        ).replace("dependencies = []", "dependencies = [('contacts', '0001_initial')]"),
    }
    found = [
        f.rule + (f":{f.severity.name}" if f.severity else "")
        for f in _run(files)
        if f.path.endswith("0002_alter.py")
    ]
    assert [r for r in found if r.startswith(("RG222", "RG224"))] == expected


@pytest.mark.parametrize(("nullable", "expected"), [("", []), (", null=True", ["RG222"])])
def test_a_foreign_key_removed_and_its_column_added_again(
    nullable: str, expected: list[str]
) -> None:
    """kolibri's device 0015 (round AJ): RemoveField of the ForeignKey ``user`` (its column
    ``user_id``), then AddField ``user_id``: the previous release writes ``user_id`` on
    every INSERT, as before (where the key was NOT NULL), so the new NOT NULL is no RG222."""
    create = (
        "migrations.CreateModel(name='SyncQueue', fields=[('id', models.AutoField("
        f"primary_key=True)), ('user', models.ForeignKey('auth.User', on_delete=models.CASCADE"
        f"{nullable}))])"
    )
    files: dict[str, str | bytes] = {
        "device/migrations/0001_initial.py": _mig(create),
        "device/migrations/0002_no_fk.py": _mig(
            "migrations.RemoveField(model_name='syncqueue', name='user')",
            "migrations.AddField(model_name='syncqueue', name='user_id', "
            "field=models.UUIDField(default=uuid.uuid4))",
        ).replace("dependencies = []", "dependencies = [('device', '0001_initial')]"),
    }
    found = [f.rule for f in _run(files) if f.path.endswith("0002_no_fk.py")]
    assert [r for r in found if r == "RG222"] == expected


def test_runpython_without_reverse_message() -> None:
    files: dict[str, str | bytes] = {
        "orders/migrations/0003_x.py": _mig("migrations.RunPython(fill)")
    }
    (f,) = _run(files)
    assert f.rule == "RG202"
    assert f.message == "RunPython(fill) has no reverse_code: Django cannot reverse it"
    assert "IrreversibleError" in f.impact and "migrate orders" in f.impact
    assert "reverse_code=migrations.RunPython.noop" in f.fix


def test_unreadable_numbered_migration_propagates() -> None:
    files: dict[str, str | bytes] = {"orders/migrations/0004_bin.py": b"\x00\x01binary"}
    source = MemorySource(files)
    (m,) = FRAMEWORK.discover(sorted(files), source)
    with pytest.raises(Unreadable):
        list(FRAMEWORK.analyse(m, source))


def test_never_executes_the_migration(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    text = f"""import os
from django.db import migrations

os.system("touch {marker}")
open({str(marker)!r} + "2", "w").write("ran")


def forwards(apps, schema_editor):
    os.system("touch {marker}3")


class Migration(migrations.Migration):
    operations = [migrations.RunPython(forwards), migrations.DeleteModel("Order")]
"""
    before = set(sys.modules)
    findings = _run({"orders/migrations/0005_side_effects.py": text})
    assert sorted(f.rule for f in findings) == ["RG202", "RG203"]
    assert not list(tmp_path.iterdir()), "the analysed migration was executed"
    assert not {m for m in set(sys.modules) - before if "side_effects" in m}


def test_speed_sanity() -> None:
    ops = (
        'migrations.AddField(model_name="order", name="c", field=models.IntegerField(null=True))',
        'migrations.AlterField(model_name="order", name="d", field=models.CharField(max_length=9))',
        'migrations.RunSQL("UPDATE orders_order SET c = 0", migrations.RunSQL.noop)',
        'migrations.RemoveField(model_name="order", name="old")',
    )
    files: dict[str, str | bytes] = {
        f"orders/migrations/{i:04d}_m.py": _mig(*ops) for i in range(1, 1001)
    }
    start = time.perf_counter()
    findings = _run(files)
    elapsed = time.perf_counter() - start
    assert len(findings) == 1000
    assert elapsed < 5.0, f"{elapsed:.2f}s for 1,000 migrations"


def test_the_history_reads_operations_a_module_level_list_holds() -> None:
    """saleor product 0103 (round R): ``operations = UNIQUE_SLUGS + NEW_FIELDS``, module
    lists; a later AlterField restating ``unique=True`` read that history from the file
    alone (0103 not analysed in the same process) and saw a new key."""
    app = "shop/migrations"
    first = TEMPLATE.format(ops="        migrations.CreateModel(name='Attribute', fields=["
                            "('id', models.AutoField(primary_key=True)), "
                            "('slug', models.SlugField())]),")  # fmt: skip
    second = (
        "from django.db import migrations, models\n\n"
        "UNIQUE_SLUGS = [\n    migrations.AlterField(model_name='attribute', name='slug',"
        " field=models.SlugField(unique=True)),\n]\n"
        "NEW_FIELDS = [migrations.AddField('attribute', 'grid', models.BooleanField("
        "default=True))]\n\n\n"
        "class Migration(migrations.Migration):\n"
        "    dependencies = [('shop', '0001_initial')]\n"
        "    operations = UNIQUE_SLUGS + NEW_FIELDS\n"
    )
    third = TEMPLATE.replace("dependencies = []", "dependencies = [('shop', '0002_unique')]")
    third = third.format(ops="        migrations.AlterField(model_name='attribute', name='slug',"
                         " field=models.SlugField(max_length=250, unique=True)),")  # fmt: skip
    files: dict[str, str | bytes] = {
        f"{app}/0001_initial.py": first, f"{app}/0002_unique.py": second,
        f"{app}/0003_restated.py": third,
    }  # fmt: skip
    source = MemorySource(files)
    latest = FRAMEWORK.discover(sorted(files), source)[-1]
    assert latest.path.endswith("0003_restated.py")
    assert [f.rule for f in FRAMEWORK.analyse(latest, source)] == []


def test_reading_a_migration_prints_none_of_its_syntax_warnings() -> None:
    """A string with an invalid escape (``"\\<"``, common in old migrations' regexes) makes
    CPython warn while parsing (a SyntaxWarning on stderr from 3.12 on): the file is the
    project's, so the gate reads it without letting the warning through."""
    import warnings

    files: dict[str, str | bytes] = {
        "orders/migrations/0002_x.py": _mig(
            'migrations.RemoveField(model_name="order", name="note")'
        ).replace("class Migration", 'PATTERN = "\\<b\\>"\n\nclass Migration')
    }
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = _run(files)
    assert [f.rule for f in found] == ["RG203"]
    assert [str(w.message) for w in caught] == []


@pytest.mark.parametrize("view", [False, True])
def test_a_table_renamed_is_the_one_db_table_named(view: bool) -> None:
    """marsha (round AV): ``Meeting`` had ``db_table: "meeting"``; renamed ``Classroom``
    and its table made ``classroom``, the RG221 named ``bbb_classroom``. A view under the
    old name, made by the same migration, bridges the rename (the fix's expand step)."""
    app = "bbb/migrations"
    first = _mig(
        "migrations.CreateModel(name='Meeting', fields=[('id', models.AutoField())],"
        " options={'db_table': 'meeting'})"
    )
    ops = [
        "migrations.RenameModel(old_name='Meeting', new_name='Classroom')",
        "migrations.AlterModelTable(name='classroom', table='classroom')",
    ]
    if view:
        ops.append(
            "migrations.RunSQL(sql='CREATE VIEW meeting AS SELECT * FROM classroom;',"
            " reverse_sql='DROP VIEW meeting;')"
        )
    files: dict[str, str | bytes] = {
        f"{app}/0001_initial.py": first,
        f"{app}/0002_classroom.py": _mig(*ops).replace(
            "dependencies = []", "dependencies = [('bbb', '0001_initial')]"
        ),
    }
    found = [f.message for f in _run(files) if f.rule == "RG221"]
    assert found == ([] if view else ["AlterModelTable renames table meeting to classroom"])


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        # its own join table, <db_table>_<field>, renamed with it
        ("models.ManyToManyField(to='shop.unit')",
         ["RenameField renames table reservation_unit to reservation_units"]),
        ("models.ManyToManyField(to='shop.unit', through='shop.Booking')", []),  # the model's
    ],
)  # fmt: skip
def test_a_many_to_many_field_renamed_renames_its_join_table(
    field: str, expected: list[str]
) -> None:
    """tilavarauspalvelu 0024 (round BF): ``RenameField`` of ``reservation.reservation_unit``,
    a ``ManyToManyField``, renames its join table ``reservation_reservation_unit`` (the
    model's ``db_table`` is ``reservation``): the previous release joins through the old
    one."""
    app = "shop/migrations"
    first = _mig(
        "migrations.CreateModel(name='Reservation', fields=[('id', models.AutoField())],"
        " options={'db_table': 'reservation'})",
        f"migrations.AddField(model_name='reservation', name='unit', field={field})",
    )
    ops = "migrations.RenameField(model_name='reservation', old_name='unit', new_name='units')"
    files: dict[str, str | bytes] = {
        f"{app}/0001_initial.py": first,
        f"{app}/0002_rename.py": _mig(ops).replace(
            "dependencies = []", "dependencies = [('shop', '0001_initial')]"
        ),
    }
    found = [f.message for f in _run(files) if f.rule in ("RG220", "RG221")]
    assert found == expected


@pytest.mark.parametrize(
    ("field", "new", "expected"),
    [
        # money-to-prisoners-api's account 0003 (round BH): `file` made `batch`
        ("models.ForeignKey(to='account.file', on_delete=models.CASCADE)", "batch",
         ["RenameField renames column account_balance.file_id to batch_id"
          " (field account.balance.file)"]),
        ("models.IntegerField()", "batch",
         ["RenameField renames column account_balance.file to batch"]),
        # open-prices' stats 0005 (round BP): a field renamed to its own name changes nothing
        ("models.IntegerField()", "file", []),
    ],
)  # fmt: skip
def test_a_foreign_key_renamed_renames_its_id_column(
    field: str, new: str, expected: list[str]
) -> None:
    app = "account/migrations"
    first = _mig(
        "migrations.CreateModel(name='Balance', fields=[('id', models.AutoField())])",
        f"migrations.AddField(model_name='balance', name='file', field={field})",
    )
    ops = f"migrations.RenameField(model_name='balance', old_name='file', new_name='{new}')"
    files: dict[str, str | bytes] = {
        f"{app}/0001_initial.py": first,
        f"{app}/0002_rename.py": _mig(ops).replace(
            "dependencies = []", "dependencies = [('account', '0001_initial')]"
        ),
    }
    assert [f.message for f in _run(files) if f.rule == "RG220"] == expected


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # etools' last_mile 0008 (round BH): the plain `origin_transfer_id` renamed away, a
        # ForeignKey `origin_transfer` (column origin_transfer_id) added: the column is back
        ("models.IntegerField(null=True)",
         "models.ForeignKey(null=True, to='shop.transfer', on_delete=models.SET_NULL)", []),
        # … a field whose column is another (`db_column='x'`): the rename stands
        ("models.IntegerField(null=True)", "models.IntegerField(null=True, db_column='x')",
         ["RG220"]),
    ],
)  # fmt: skip
def test_a_relation_added_over_the_column_a_rename_took_away_is_a_swap(
    old: str, new: str, expected: list[str]
) -> None:
    """(The temporary field kept: its removal in the same step makes the rename a drop.)"""
    app = "shop/migrations"
    first = _mig(
        "migrations.CreateModel(name='History', fields=[('id', models.AutoField())])",
        f"migrations.AddField(model_name='history', name='origin_transfer_id', field={old})",
    )
    ops = (
        "migrations.RenameField(model_name='history', old_name='origin_transfer_id',"
        " new_name='origin_transfer_id_temp')",
        f"migrations.AddField(model_name='history', name='origin_transfer', field={new})",
    )
    files: dict[str, str | bytes] = {
        f"{app}/0001_initial.py": first,
        f"{app}/0002_swap.py": _mig(*ops).replace(
            "dependencies = []", "dependencies = [('shop', '0001_initial')]"
        ),
    }
    assert [f.rule for f in _run(files) if f.rule.startswith("RG22")] == expected


@pytest.mark.parametrize(
    ("condition", "rg224"), [("models.Q(a__gte=0)", False), ("models.Q(a__gte=1)", True)]
)
def test_a_check_drawn_again_under_another_name_after_a_rename(condition: str, rg224: bool) -> None:
    """marsha (round AV): the model renamed, its CHECKs removed and added again unchanged
    under the new model's names (``liveregistration_*`` made ``livesession_*``)."""
    app = "core/migrations"
    first = _mig(
        "migrations.CreateModel(name='LiveRegistration', fields=[('a', models.IntegerField())],"
        " options={'constraints': [models.CheckConstraint(check=models.Q(a__gte=0),"
        " name='liveregistration_a')]})"
    )
    second = _mig(
        "migrations.RenameModel('LiveRegistration', 'LiveSession')",
        "migrations.RemoveConstraint(model_name='livesession', name='liveregistration_a')",
        "migrations.AddConstraint(model_name='livesession', constraint=models.CheckConstraint("
        f"check={condition}, name='livesession_a'))",
    ).replace("dependencies = []", "dependencies = [('core', '0001_initial')]")
    files: dict[str, str | bytes] = {f"{app}/0001_initial.py": first, f"{app}/0002_s.py": second}
    assert any(f.rule == "RG224" for f in _run(files)) is rg224


@pytest.mark.parametrize("trigger", [True, False])
def test_a_field_a_trigger_of_the_migration_fills(trigger: bool) -> None:
    """pulp_rpm 0013 (round AW): a RunSQL creates a BEFORE INSERT trigger on the table
    whose function sets ``NEW.evr``; the field, added nullable and then made NOT NULL, is
    filled on the previous release's INSERTs. A function of no trigger fills nothing."""
    returns = "trigger" if trigger else "integer"
    sql = (
        f'FN = """CREATE FUNCTION evr_fill() RETURNS {returns} AS $$ BEGIN NEW.evr = 1; '
        'RETURN NEW; END; $$ LANGUAGE plpgsql;"""\n'
        'TRIGGER = """CREATE TRIGGER evr_insert BEFORE INSERT ON rpm_package FOR EACH ROW '
        'EXECUTE PROCEDURE evr_fill();"""\n'
    )
    if not trigger:
        sql = sql.replace("CREATE TRIGGER evr_insert BEFORE INSERT ON rpm_package", "SELECT")
    first = _mig("migrations.CreateModel(name='Package', fields=[('id', models.AutoField())])")
    field = "field=models.IntegerField({})"
    second = sql + _mig(
        "migrations.RunSQL(FN)",
        "migrations.RunSQL(TRIGGER)",
        "migrations.AddField(model_name='package', name='evr', " + field.format("null=True") + ")",
        "migrations.AlterField(model_name='package', name='evr', " + field.format("") + ")",
    ).replace("dependencies = []", "dependencies = [('rpm', '0001_initial')]")
    files: dict[str, str | bytes] = {
        "rpm/migrations/0001_initial.py": first,
        "rpm/migrations/0002_evr.py": second,
    }
    assert any(f.rule == "RG222" for f in _run(files)) is not trigger


@pytest.mark.parametrize("deleted", [True, False])
def test_a_field_added_to_a_model_the_migration_then_deletes(deleted: bool) -> None:
    """rdmo domain 0037 (round AY): a placeholder field added so that MySQL and SQLite keep
    a column while the model's last field goes, then the model deleted: the field outlives
    no step, and is no RG222."""
    ops = [
        "migrations.AddField(model_name='attribute', name='_', "
        "field=models.BooleanField(default=False))",
        "migrations.RemoveField(model_name='attribute', name='attributeentity_ptr')",
    ]
    if deleted:
        ops.append("migrations.DeleteModel(name='Attribute')")
    found = _run({"domain/migrations/0037_remove_attribute.py": _mig(*ops)})
    assert ("RG222" in {f.rule for f in found}) is not deleted
    assert "RG203" in {f.rule for f in found}


@pytest.mark.parametrize(
    ("table", "renamed"),
    [("omis-invoice_invoice", False), ("omis_billing_invoice", True), ("invoices", True)],
)
def test_a_table_pinned_to_its_name_under_the_app_s_earlier_label_is_no_rename(
    table: str, renamed: bool
) -> None:
    """data-hub-api (round BB, five): Django 3.2 refused the label ``omis-invoice``; made
    ``omis_invoice``, each model's table was pinned to the name the old label gave it.
    The table keeps its name: no RG221. Another name is a rename all the same."""
    app = "omis_invoice/migrations"
    first = _mig("migrations.CreateModel(name='Invoice', fields=[('id', models.AutoField())])")
    files: dict[str, str | bytes] = {
        f"{app}/0001_initial.py": first,
        f"{app}/0002_pin.py": _mig(
            f"migrations.AlterModelTable(name='invoice', table='{table}')"
        ).replace("dependencies = []", "dependencies = [('omis_invoice', '0001_initial')]"),
    }
    found = [f.message for f in _run(files) if f.rule == "RG221"]
    assert found == (
        [f"AlterModelTable renames table omis_invoice_invoice to {table}"] if renamed else []
    )


def test_a_model_deleted_drops_the_table_its_db_table_named() -> None:
    """archivematica (round BC): ``DeleteModel(name="AtkDIPObjectResourcePairing")`` of a
    model made with ``db_table: "AtkDIPObjectResourcePairing"`` was said to drop
    ``main_atkdipobjectresourcepairing``, a table no code names: RG225 never asked."""
    app = "main/migrations"
    first = _mig(
        "migrations.CreateModel(name='AtkDIPObjectResourcePairing', fields=[('id', "
        "models.AutoField())], options={'db_table': 'AtkDIPObjectResourcePairing'})",
        "migrations.CreateModel(name='Job', fields=[('id', models.AutoField())])",
    )
    files: dict[str, str | bytes] = {
        f"{app}/0001_initial.py": first,
        f"{app}/0002_remove.py": _mig(
            "migrations.DeleteModel(name='AtkDIPObjectResourcePairing')",
            "migrations.DeleteModel(name='Job')",
        ).replace("dependencies = []", "dependencies = [('main', '0001_initial')]"),
    }
    found = sorted(f.message for f in _run(files) if f.rule == "RG203")
    assert found == [
        "DeleteModel drops table AtkDIPObjectResourcePairing"
        " (model main.AtkDIPObjectResourcePairing)",
        "DeleteModel drops table main_job (model main.Job)",
    ]


def _retyped(field: str, before: str, after: str, rule: str = "RG223") -> bool:
    """Whether an AlterField of ``profile.<field>`` from ``before`` to ``after`` (field
    calls), the model made by the app's first migration, is RG223 (or ``rule``)."""
    return any(f.rule == rule for f in _altered(field, before, after))


def _altered(field: str, before: str, after: str) -> list[Finding]:
    """The findings of an AlterField of ``profile.<field>`` from ``before`` to ``after``."""
    create = (
        "migrations.CreateModel(name='Profile', fields=[('id', models.AutoField(primary_key="
        f"True)), ('{field}', {before})])"
    )
    alter = f"migrations.AlterField(model_name='profile', name='{field}', field={after})"
    second = _mig(alter).replace("dependencies = []", "dependencies = [('profiles', '0001_x')]")
    files: dict[str, str | bytes] = {
        "profiles/migrations/0001_x.py": _mig(create),
        "profiles/migrations/0002_y.py": second,
    }
    return list(_run(files))


_FK = "models.ForeignKey(on_delete=models.CASCADE, to='profiles.kind')"


@pytest.mark.parametrize(
    ("before", "after", "renamed"),
    [
        # cadasta (round BO): a ForeignKey made a CharField, column `kind_id` made `kind`
        (_FK, "models.CharField(max_length=10)", True),
        ("models.CharField(max_length=10)", _FK, True),
        (_FK, f"{_FK[:-1]}, null=True)", False),
        # a db_column keeps the column where it was
        (_FK, "models.CharField(max_length=10, db_column='kind_id')", False),
    ],
)
def test_a_relation_made_a_plain_field_renames_its_column(
    before: str, after: str, renamed: bool
) -> None:
    assert _retyped("kind", before, after, rule="RG220") is renamed


@pytest.mark.parametrize(
    ("field", "rg223"), [("EncryptedCharField", False), ("LongCharField", True)]
)
def test_an_encrypted_field_s_max_length_is_no_column_type(field: str, rg223: bool) -> None:
    """open-city-profile's `…__noop` migration (round BN): an EncryptedCharField's column
    holds ciphertext (bytea), so max_length 4 made 3 changes no column; a project's own
    `…CharField` is a varchar."""
    before, after = f"fields.{field}(max_length=4)", f"fields.{field}(max_length=3)"
    assert _retyped("number", before, after) is rg223


@pytest.mark.parametrize(
    ("before", "after", "severity"),
    [
        ("models.TextField(max_length=255)", "models.CharField(max_length=255)", "P3"),
        ("models.TextField(max_length='200')", "models.CharField(max_length=255)", "P3"),
        ("models.TextField(max_length=300)", "models.CharField(max_length=255)", "P1"),
        ("models.TextField()", "models.CharField(max_length=255)", "P1"),
        ("models.CharField(max_length=300)", "models.CharField(max_length=255)", "P1"),
    ],
)
def test_a_text_field_s_max_length_made_a_column_length(
    before: str, after: str, severity: str
) -> None:
    """concordia's 0013 (round CB): ``TextField(max_length=255)`` made
    ``CharField(max_length=255)``. A TextField's max_length is no column type, but its
    forms and serializers enforce it: the previous release took no longer value from them,
    so the narrowing is P3 and says why. Longer than the new length, or without one, P1."""
    found = [f for f in _altered("title", before, after) if f.rule == "RG223"]
    # (an analyser's finding leaves its severity to the rule's, P1, unless it sets one)
    assert [f.severity.value if f.severity else "P1" for f in found] == [severity]
    assert ("max_length" in found[0].message) is (severity == "P3")


@pytest.mark.parametrize(("choices", "rg223"), [("'fi', 'en', 'sv'", False), ("'fi', 'eng'", True)])
def test_a_narrowing_that_every_previous_choice_fits(choices: str, rg223: bool) -> None:
    """open-city-profile 0015 (round BN), FAC 0021 (round BM): varchar(7) made varchar(2)
    where the field's choices, written out, are all two letters long: the values the
    previous release's forms and serializers take fit. A longer choice does not."""
    pairs = ", ".join(f"({c}, 'x')" for c in choices.split(", "))
    before = f"models.CharField(max_length=7, choices=[{pairs}])"
    after = f"models.CharField(max_length=2, choices=[{pairs}])"
    assert _retyped("language", before, after) is rg223


@pytest.mark.parametrize(
    ("extra", "rg224"),
    [
        # open-prices' locations 0005 (round BP): the key the model's unique_together held,
        # now only for the rows of one type: looser
        ("condition=models.Q(('kind', 'OSM'))", False),
        ("", False),
        # NULLS NOT DISTINCT refuses rows the old key let through
        ("nulls_distinct=False", True),
    ],
)
def test_a_unique_constraint_over_the_model_s_unique_together_is_no_new_key(
    extra: str, rg224: bool
) -> None:
    create = (
        "migrations.CreateModel(name='Place', fields=[('id', models.AutoField(primary_key=True)),"
        " ('osm_id', models.IntegerField()), ('osm_type', models.CharField(max_length=9)),"
        " ('kind', models.CharField(max_length=9))],"
        " options={'unique_together': {('osm_id', 'osm_type')}})"
    )
    comma = ", " if extra else ""
    constraint = (
        "migrations.AddConstraint(model_name='place', constraint=models.UniqueConstraint("
        f"fields=('osm_id', 'osm_type'), name='unique_osm'{comma}{extra}))"
    )
    assert any(f.rule == "RG224" for f in _after_first("places", create, constraint)) is rg224


@pytest.mark.parametrize(
    ("keys", "rg224"),
    [
        # pootle's store 0023 (round CJ): a key over every field of one the model keeps
        ("{('store', 'state', 'unitid_hash'), ('store', 'unitid_hash')}", False),
        # (that key replaced by the wider one: looser, as every re-drawn key)
        ("{('store', 'state', 'unitid_hash')}", False),
        ("{('state', 'unitid'), ('store', 'unitid_hash')}", True),
    ],
)
def test_a_unique_together_key_holding_one_the_model_keeps_is_no_new_key(
    keys: str, rg224: bool
) -> None:
    create = (
        "migrations.CreateModel(name='Unit', fields=[('id', models.AutoField(primary_key=True)),"
        " ('store', models.IntegerField()), ('state', models.IntegerField()),"
        " ('unitid', models.IntegerField()), ('unitid_hash', models.CharField(max_length=9))],"
        " options={'unique_together': {('store', 'unitid_hash')}})"
    )
    alter = f"migrations.AlterUniqueTogether(name='unit', unique_together={keys})"
    assert any(f.rule == "RG224" for f in _after_first("pootle_store", create, alter)) is rg224


@pytest.mark.parametrize(
    ("source_id", "rg224"),
    [
        ("models.CharField(max_length=36, default=uuid.uuid4)", False),
        ("models.UUIDField(default=uuid4)", False),
        ("models.CharField(max_length=36, default='x')", True),
        ("models.CharField(max_length=36)", True),
    ],
)
def test_a_unique_together_over_a_field_of_a_fresh_uuid_each_row_is_no_new_key(
    source_id: str, rg224: bool
) -> None:
    """wastd (round CR): ``unique_together = {('source', 'source_id')}`` where ``source_id``
    defaults to ``uuid.uuid4``: every row the previous release writes gets its own value,
    as a unique field of that default does (a literal default, or none, is a new key)."""
    create = (
        "migrations.CreateModel(name='Encounter', fields=[('id', models.AutoField("
        f"primary_key=True)), ('source', models.IntegerField()), ('source_id', {source_id})])"
    )
    keys = "{('source', 'source_id')}"
    alter = f"migrations.AlterUniqueTogether(name='encounter', unique_together={keys})"
    assert any(f.rule == "RG224" for f in _after_first("observations", create, alter)) is rg224


def test_a_field_renamed_from_one_an_earlier_file_made_keeps_that_one_s_kind() -> None:
    """dora-back (round BQ): ``typology2``, a ForeignKey made by 0002, renamed
    ``typology`` by 0003; 0004's RemoveField drops the key's column ``typology_id``."""
    app = "structures/migrations"

    def after(name: str, previous: str, *ops: str) -> str:
        return _mig(*ops).replace(
            "dependencies = []", f"dependencies = [('structures', '{previous}')]"
        )

    files: dict[str, str | bytes] = {
        f"{app}/0001_initial.py": _mig(
            "migrations.CreateModel(name='Structure', fields=[('id', models.AutoField("
            "primary_key=True)), ('typology', models.CharField(max_length=9))])"
        ),
        f"{app}/0002_key.py": after(
            "0002_key",
            "0001_initial",
            "migrations.AddField(model_name='structure', name='typology2', field=models."
            "ForeignKey(null=True, on_delete=models.SET_NULL, to='structures.kind'))",
        ),
        f"{app}/0003_swap.py": after(
            "0003_swap",
            "0002_key",
            "migrations.RemoveField(model_name='structure', name='typology')",
            "migrations.RenameField(model_name='structure', old_name='typology2',"
            " new_name='typology')",
        ),
        f"{app}/0004_drop.py": after(
            "0004_drop",
            "0003_swap",
            "migrations.RemoveField(model_name='structure', name='typology')",
        ),
    }
    dropped = [f.message for f in _run(files) if f.rule == "RG203" and "0004" in (f.path or "")]
    assert dropped == [
        "RemoveField drops column structures_structure.typology_id"
        " (field structures.structure.typology)"
    ]


@pytest.mark.parametrize(
    ("check", "rg224"),
    [
        # dora-back's notifications 0002 (round BQ): one of the owners set, for the first
        ("models.Q(models.Q(('owner', None), _negated=True), models.Q(('user', None),"
         " _negated=True), _connector='OR')", False),
        # … both set: tighter
        ("models.Q(models.Q(('owner', None), _negated=True), models.Q(('user', None),"
         " _negated=True))", True),
    ],
)  # fmt: skip
def test_a_check_drawn_for_one_the_migration_removes_is_judged_by_its_alternatives(
    check: str, rg224: bool
) -> None:
    create = (
        "migrations.CreateModel(name='Note', fields=[('id', models.AutoField(primary_key=True)),"
        " ('owner', models.IntegerField(null=True)), ('user', models.IntegerField(null=True))],"
        " options={'constraints': [models.CheckConstraint(check=models.Q(('owner', None),"
        " _negated=True), name='check_owner_set')]})"
    )
    ops = (
        "migrations.RemoveConstraint(model_name='note', name='check_owner_set')",
        "migrations.AddConstraint(model_name='note', constraint=models.CheckConstraint("
        f"check={check}, name='check_any_owner'))",
    )
    assert any(f.rule == "RG224" for f in _after_first("notes", create, *ops)) is rg224


@pytest.mark.parametrize(
    ("test", "rg224"),
    [
        # acceslibre's 0191 (round BQ): the new field's test written ("f", None)
        ("('urinals', None)", False),
        ("('urinals__isnull', True)", False),
        ("('urinals', 3)", True),
    ],
)
def test_a_check_kept_with_a_new_field_written_none_is_no_new_one(test: str, rg224: bool) -> None:
    create = (
        "migrations.CreateModel(name='Access', fields=[('id', models.AutoField(primary_key=True)),"
        " ('present', models.BooleanField(null=True)),"
        " ('adapted', models.BooleanField(null=True))],"
        " options={'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('present',"
        " True)), models.Q(('adapted', None)), _connector='OR'), name='presence')]})"
    )
    ops = (
        "migrations.RemoveConstraint(model_name='access', name='presence')",
        "migrations.AddField(model_name='access', name='urinals',"
        " field=models.IntegerField(null=True))",
        "migrations.AddConstraint(model_name='access', constraint=models.CheckConstraint("
        "condition=models.Q(models.Q(('present', True)), models.Q(('adapted', None),"
        f" {test}), _connector='OR'), name='presence'))",
    )
    assert any(f.rule == "RG224" for f in _after_first("access", create, *ops)) is rg224


@pytest.mark.parametrize(
    ("lookup", "name", "rg224"),
    [
        ("start__lte", "starts_before_or_equal", False),  # `<` made `<=`: looser
        ("start__lte", "starts_before", False),  # … under the same name
        ("start__lt", "starts_strictly_before", False),  # the same test, renamed
        ("start__gt", "starts_after", True),  # another test
    ],
)
def test_a_check_drawn_looser_under_a_new_name_is_no_new_one(
    lookup: str, name: str, rg224: bool
) -> None:
    """Aidants_Connect (round BS): ``must_starts_before_it_ends``, ``start < end``, removed
    and ``start <= end`` drawn under another name: every row the old CHECK passed, the new
    one passes."""
    create = (
        "migrations.CreateModel(name='Formation', fields=[('id', models.AutoField("
        "primary_key=True)), ('start', models.DateTimeField()), ('end', models.DateTimeField())],"
        " options={'constraints': [models.CheckConstraint(check=models.Q(('start__lt',"
        " models.F('end'))), name='starts_before')]})"
    )
    ops = (
        "migrations.RemoveConstraint(model_name='formation', name='starts_before')",
        "migrations.AddConstraint(model_name='formation', constraint=models.CheckConstraint("
        f"check=models.Q(('{lookup}', models.F('end'))), name='{name}'))",
    )
    assert any(f.rule == "RG224" for f in _after_first("formation", create, *ops)) is rg224


def test_a_field_renamed_away_and_made_again_is_another_field() -> None:
    """bornhack's tokens (round BS: two false findings): 0002 renames the text field
    ``category`` to ``hint``; 0003 makes a new ``category``, a ForeignKey, and alters
    ``hint``, still text: the AlterField is of the old text field, not the new key (no
    column renamed, no NOT NULL set)."""
    create = (
        "migrations.CreateModel(name='Token', fields=[('id', models.AutoField("
        "primary_key=True)), ('category', models.TextField(help_text='x'))])"
    )

    def after(name: str, parent: str, *ops: str) -> str:
        return _mig(*ops).replace("dependencies = []", f"dependencies = [('tokens', '{parent}')]")

    files: dict[str, str | bytes] = {
        "tokens/migrations/0001_x.py": _mig(create),
        "tokens/migrations/0002_y.py": after(
            "0002_y", "0001_x", "migrations.RenameField('token', 'category', 'hint')"
        ),
        "tokens/migrations/0003_z.py": after(
            "0003_z",
            "0002_y",
            "migrations.AddField(model_name='token', name='category', field=models.ForeignKey("
            "null=True, on_delete=models.PROTECT, to='tokens.tokencategory'))",
            "migrations.AlterField(model_name='token', name='hint', field=models.TextField("
            "help_text='The hint'))",
        ),
    }
    found = [f for f in _run(files) if "0003_z" in (f.path or "")]
    assert [f.rule for f in found if f.rule.startswith("RG22")] == []


_MAILBOX = (
    "migrations.CreateModel(name='Mailbox', fields=[('id', models.AutoField(primary_key=True)),"
    " ('first_name', models.CharField(max_length=200)),"
    " ('last_name', models.CharField(max_length=200)),"
    " ('local_part', models.CharField(max_length=200)), ('domain', models.IntegerField())],"
    " options={'unique_together': {('local_part', 'domain')}, 'constraints': ["
    "models.UniqueConstraint(fields=('first_name', 'last_name', 'domain'), name='display'),"
    " models.CheckConstraint(check=models.Q(('domain__gt', 0)), name='domain_set')]})"
)


@pytest.mark.parametrize(
    ("ops", "rg224"),
    [
        # people's 0027 (round BW, a miss): the key made case-insensitive
        (("migrations.RemoveConstraint(model_name='mailbox', name='display')",
          "migrations.AddConstraint(model_name='mailbox', constraint=models.UniqueConstraint("
          "Lower('first_name'), Lower('last_name'), models.F('domain'), name='display'))"),
         True),
        # … drawn again as it was, over expressions, or looser: no stricter
        (("migrations.RemoveConstraint(model_name='mailbox', name='display')",
          "migrations.AddConstraint(model_name='mailbox', constraint=models.UniqueConstraint("
          "models.F('first_name'), models.F('last_name'), models.F('domain'), name='display'))"),
         False),
        (("migrations.RemoveConstraint(model_name='mailbox', name='display')",
          "migrations.AddConstraint(model_name='mailbox', constraint=models.UniqueConstraint("
          "fields=('first_name', 'last_name', 'domain', 'local_part'), name='display2'))"),
         False),
        # … over fewer fields: stricter
        (("migrations.RemoveConstraint(model_name='mailbox', name='display')",
          "migrations.AddConstraint(model_name='mailbox', constraint=models.UniqueConstraint("
          "fields=('last_name', 'domain'), name='display'))"),
         True),
        # … with NULLs that now collide
        (("migrations.RemoveConstraint(model_name='mailbox', name='display')",
          "migrations.AddConstraint(model_name='mailbox', constraint=models.UniqueConstraint("
          "fields=('first_name', 'last_name', 'domain'), name='display',"
          " nulls_distinct=False))"),
         True),
        # apilos (round CQ): the key drawn again over a ForeignKey's field instead of its
        # column, `domain` for `domain_id`: the same key
        (("migrations.RemoveConstraint(model_name='mailbox', name='display')",
          "migrations.AddConstraint(model_name='mailbox', constraint=models.UniqueConstraint("
          "fields=('first_name', 'last_name', 'domain_id'), name='display'))"),
         False),
        # … over a field this migration renamed: the same key
        (("migrations.RemoveConstraint(model_name='mailbox', name='display')",
          "migrations.RenameField(model_name='mailbox', old_name='first_name',"
          " new_name='given_name')",
          "migrations.AddConstraint(model_name='mailbox', constraint=models.UniqueConstraint("
          "fields=('given_name', 'last_name', 'domain'), name='display'))"),
         False),
        # people's 0026 (a miss): unique_together's key drawn again as a constraint, and a
        # new key beside it
        (("migrations.AlterUniqueTogether(name='mailbox', unique_together=set())",
          "migrations.AddConstraint(model_name='mailbox', constraint=models.UniqueConstraint("
          "fields=('local_part', 'domain'), name='username'))"),
         False),
        (("migrations.AlterUniqueTogether(name='mailbox', unique_together=set())",
          "migrations.AddConstraint(model_name='mailbox', constraint=models.UniqueConstraint("
          "fields=('first_name', 'domain'), name='first'))"),
         True),
        # a key held to some rows by a condition: drawn again, as before (pretalx's 0043)
        (("migrations.AlterUniqueTogether(name='mailbox', unique_together=set())",
          "migrations.AddConstraint(model_name='mailbox', constraint=models.UniqueConstraint("
          "fields=('first_name',), condition=models.Q(('domain__isnull', True)),"
          " name='first'))"),
         False),
        # a CHECK taken off is no key: a unique key drawn next is a new one
        (("migrations.RemoveConstraint(model_name='mailbox', name='domain_set')",
          "migrations.AddConstraint(model_name='mailbox', constraint=models.UniqueConstraint("
          "fields=('first_name',), name='first'))"),
         True),
        # a constraint the history does not show: drawn again, as before
        (("migrations.RemoveConstraint(model_name='mailbox', name='made_by_sql')",
          "migrations.AddConstraint(model_name='mailbox', constraint=models.UniqueConstraint("
          "fields=('first_name',), name='first'))"),
         False),
    ],
)  # fmt: skip
def test_a_unique_key_drawn_where_keys_were_taken_off_is_judged_by_them(
    ops: tuple[str, ...], rg224: bool
) -> None:
    found = _after_first("mail", _MAILBOX, *ops)
    assert any(f.rule == "RG224" for f in found) is rg224, found


@pytest.mark.parametrize("order", ["json-first", "other-first"])
def test_the_history_walk_takes_the_newest_state_past_a_merge(order: str) -> None:
    """django-bims' two 0110s (round CC, two): one branch made ``document`` a JSONField,
    the other changed something else; a merge joins them, and a later AlterField restates
    the JSONField: no type change. Walked back depth-first, the other branch reached
    0001's TextField before the JSONField of 0110: "text → jsonb". The newest state is the
    one that counts, whichever order the merge lists its parents in."""
    app = "sites/migrations"
    json = "django.contrib.postgres.fields.jsonb.JSONField(null=True)"

    def mig(deps: list[str], *ops: str) -> str:
        pairs = ", ".join(f"('sites', '{d}')" for d in deps)
        text = _mig(*ops).replace("dependencies = []", f"dependencies = [{pairs}]")
        return "import django.contrib.postgres.fields.jsonb\n" + text

    parents = ["0110_json", "0110_other"] if order == "json-first" else ["0110_other", "0110_json"]
    files: dict[str, str | bytes] = {
        f"{app}/0001_initial.py": mig([], "migrations.CreateModel(name='Site', fields=["
                                      "('id', models.AutoField(primary_key=True)),"
                                      " ('document', models.TextField(null=True))])"),
        f"{app}/0109_x.py": mig(["0001_initial"], "migrations.AddField('site', 'x', "
                                "models.IntegerField(null=True))"),
        f"{app}/0110_json.py": mig(["0109_x"],
                                   f"migrations.AlterField('site', 'document', {json})"),
        f"{app}/0110_other.py": mig(["0109_x"], "migrations.AddField('site', 'y', "
                                    "models.IntegerField(null=True))"),
        f"{app}/0111_merge.py": mig(parents),
        f"{app}/0241_restate.py": mig(["0111_merge"],
                                      f"migrations.AlterField('site', 'document', {json})"),
    }  # fmt: skip
    # (0110 itself makes the text jsonb: that one is a type change)
    assert [f.path for f in _run(files) if f.rule == "RG223"] == [f"{app}/0110_json.py"]


def test_a_renamed_field_s_history_is_read_before_its_rename() -> None:
    """django-bims' sampling_method (round CC): a CharField renamed ``sampling_method_string``
    by 0123, a ForeignKey made under the old name by 0124, and 0241 restating the
    CharField. The renamed field's past is the old name's before 0123, not the ForeignKey
    0124 made after it: no "``_id`` → plain" rename (RG220), no type change."""
    app = "records/migrations"

    def mig(dep: str, *ops: str) -> str:
        deps = f"dependencies = [('records', '{dep}')]" if dep else "dependencies = []"
        return _mig(*ops).replace("dependencies = []", deps)

    char = "models.CharField(blank=True, default='', max_length=50)"
    files: dict[str, str | bytes] = {
        f"{app}/0001_initial.py": mig("", "migrations.CreateModel(name='Record', fields=["
                                      "('id', models.AutoField(primary_key=True)),"
                                      f" ('method', {char})])"),
        f"{app}/0002_kind.py": mig("0001_initial", "migrations.CreateModel(name='Kind', fields=["
                                   "('id', models.AutoField(primary_key=True))])"),
        f"{app}/0123_rename.py": mig("0002_kind", "migrations.RenameField('record', 'method', "
                                     "'method_string')"),
        f"{app}/0124_key.py": mig("0123_rename", "migrations.AddField('record', 'method', "
                                  "models.ForeignKey(null=True, on_delete=models.SET_NULL, "
                                  "to='records.Kind'))"),
        f"{app}/0241_restate.py": mig("0124_key", "migrations.AlterField('record', "
                                      f"'method_string', {char})"),
    }  # fmt: skip
    found = [(f.rule, f.path) for f in _run(files) if f.rule in ("RG220", "RG223")]
    # (0123's own rename is one)
    assert found == [("RG220", f"{app}/0123_rename.py")]


def test_a_foreign_key_made_a_parental_key_keeps_its_column() -> None:
    """digital-workspace-v2 (round CN): modelcluster's ``ParentalKey`` is a ForeignKey, its
    column ``<name>_id``: a ``ForeignKey`` ``tag`` altered into one renames nothing."""
    found = _after_first(
        "shop",
        "migrations.CreateModel(name='Tag', fields=[('id', models.AutoField(primary_key=True))]),\n"
        "        migrations.CreateModel(name='Item', fields=[('id', models.AutoField("
        "primary_key=True)), ('tag', models.ForeignKey(on_delete=models.CASCADE, "
        "to='shop.tag'))])",
        "migrations.AlterField(model_name='item', name='tag', field=modelcluster.fields."
        "ParentalKey(on_delete=models.CASCADE, related_name='items', to='shop.tag'))",
    )
    assert [f for f in found if f.rule in ("RG220", "RG223")] == []


@pytest.mark.parametrize(
    ("field", "retyped"),
    [("core.models.fields.URLField(blank=True)", False), ("models.URLField(blank=True)", True)],
    ids=["project-class", "django-class"],
)
def test_a_project_field_class_without_max_length_has_no_known_length(
    field: str, retyped: bool
) -> None:
    """digital-workspace-v2 (round CN): ``core.models.fields.URLField()``, the project's own
    class, sets its default length itself (2048): not Django's 200, so a ``URLField`` of
    2048 made one is no narrowing. Django's own ``models.URLField()`` is 200 long."""
    found = _after_first(
        "tools",
        "migrations.CreateModel(name='Tool', fields=[('id', models.AutoField(primary_key="
        "True)), ('url', models.URLField(max_length=2048))])",
        f"migrations.AlterField(model_name='tool', name='url', field={field})",
    )
    assert bool([f for f in found if f.rule == "RG223"]) is retyped
