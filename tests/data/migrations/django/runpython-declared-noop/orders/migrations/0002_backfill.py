from django.db import migrations, models


from django.db.migrations import RunPython


def backfill(apps, schema_editor):
    Order = apps.get_model("orders", "Order")
    Order.objects.filter(note="").update(note="-")


def nothing(apps, schema_editor):
    """The backfilled values are harmless to keep."""
    pass


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(code=backfill, reverse_code=RunPython.noop, elidable=True),
        migrations.RunPython(backfill, reverse_code=nothing),
        migrations.RunPython(backfill, lambda apps, schema_editor: None),
    ]
