"""RG222 and a Django history rewritten: the change deletes migrations of the app and
writes new ones, which add again fields the previous release's model already declared
(ArchiveBox's new 0025, round Y; tendenci's re-squashed trainings/0002, round X)."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.gate import CheckOptions, prepare

APP = "shop"


def _migration(name: str, depends: str | None, operations: str) -> dict[str, str]:
    deps = f"[('{APP}', '{depends}')]" if depends else "[]"
    return {
        f"{APP}/migrations/{name}.py": "from django.db import migrations, models\n\n"
        f"class Migration(migrations.Migration):\n    dependencies = {deps}\n"
        f"    operations = [{operations}]\n"
    }


INITIAL = {
    f"{APP}/__init__.py": "",
    f"{APP}/migrations/__init__.py": "",
    **_migration(
        "0001_initial",
        None,
        "migrations.CreateModel(name='Order', fields=[('id', models.AutoField(primary_key=True))])",
    ),
}
OLD = _migration(
    "0002_note",
    "0001_initial",
    "migrations.AddField(model_name='order', name='note', field=models.TextField(null=True))",
)
MODEL = {
    f"{APP}/models.py": "from django.db import models\n\n\nclass Order(models.Model):\n"
    "    note = models.TextField(default='')\n    memo = models.TextField(null=True)\n"
}
MORE = _migration("0003_more", "0002_note", "migrations.RunSQL('SELECT 1')")
NEW = _migration(
    "0002_squashed",
    "0001_initial",
    "migrations.AddField(model_name='order', name='note', field=models.TextField(default='')),\n"
    "        migrations.AddField(model_name='order', name='memo', field=models.TextField()),\n"
    "        migrations.AddField(model_name='order', name='kind', field=models.TextField("
    "default='a'))",
)


@pytest.mark.parametrize("rewritten", [True, False])
def test_a_field_the_base_model_declared_is_no_rg222_where_the_history_was_rewritten(
    git_repo: Any, rewritten: bool
) -> None:
    """Also where the change only renumbered or renamed a file (as many deleted as
    written: lego's `0023_auto_…` made `0022_user_selected_theme`, round V): since round
    AL the previous release's Django model is read for any NOT NULL field (DMOJ), and it
    declared `note` with a default."""
    config = git_repo.migrations_config(f"{APP}/migrations", "django")
    base = git_repo.commit(
        "base", {"deploy-readiness.yml": config, **INITIAL, **OLD, **MODEL, **MORE}
    )
    git_repo.git("rm", "-q", f"{APP}/migrations/0002_note.py")
    if rewritten:
        git_repo.git("rm", "-q", f"{APP}/migrations/0003_more.py")
    git_repo.commit("squash", NEW)
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    found = [f for f in engine.check(ctx) if f.rule == "RG222"]
    said = sorted(x.message.split(" as ")[0].split()[-1] for f in found for x in (f, *f.related))
    # `memo` was null=True in the old model: the previous release may write NULL there;
    # `kind` it never knew
    assert said == ["shop_order.kind", "shop_order.memo"]


@pytest.mark.parametrize("with_git", [True, False])
def test_findings_name_the_table_a_model_s_db_table_gives(git_repo: Any, with_git: bool) -> None:
    """tilavarauspalvelu and kerrokantasi (rounds BF, BG), eda-server (round BI): a model
    whose ``Meta.db_table`` says ``user`` was said as ``shop_user``; the messages name the
    table the database has (followed through ``AlterModelTable`` and ``RenameModel``), and
    a rename names its field too (for the code search)."""
    first = _migration(
        "0001_initial",
        None,
        "migrations.CreateModel(name='User', fields=[('id', models.AutoField()),"
        " ('uuid', models.CharField(max_length=10, null=True))], options={'db_table': 'user'}),"
        "\n        migrations.CreateModel(name='Plain', fields=[('id', models.AutoField()),"
        " ('uuid', models.CharField(max_length=10, null=True))]),"
        "\n        migrations.CreateModel(name='Old', fields=[('id', models.AutoField())],"
        " options={'db_table': 'legacy_old'})",
    )
    second = _migration(
        "0002_tables",
        "0001_initial",
        "migrations.RenameModel(old_name='Old', new_name='Kept'),"
        "\n        migrations.AlterModelTable(name='plain', table='plain_rows')",
    )
    third = _migration(
        "0003_change",
        "0002_tables",
        "migrations.AddField(model_name='user', name='age', field=models.IntegerField()),"
        "\n        migrations.RenameField(model_name='user', old_name='uuid',"
        " new_name='ext_uuid'),"
        "\n        migrations.RenameField(model_name='plain', old_name='uuid',"
        " new_name='ext_uuid'),"
        "\n        migrations.AddField(model_name='kept', name='size',"
        " field=models.IntegerField())",
    )
    config = git_repo.migrations_config(f"{APP}/migrations", "django", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **INITIAL, **first, **second, **third})
    if not with_git:
        shutil.rmtree(git_repo.root / ".git")
    found = engine.check(prepare(CheckOptions(repo=git_repo.root)))
    said = sorted(
        m.split(" (and ")[0] for f in found if f.rule in ("RG220", "RG222")
        for m in (f.message, *(r.message for r in f.related))
        if "0003" in (f.path or "")
    )  # fmt: skip
    assert said == [
        "AddField adds column legacy_old.size as NOT NULL without a default",
        "AddField adds column user.age as NOT NULL without a default",
        "RenameField renames column plain_rows.uuid to ext_uuid (field shop.plain.uuid)",
        "RenameField renames column user.uuid to ext_uuid (field shop.user.uuid)",
    ]
