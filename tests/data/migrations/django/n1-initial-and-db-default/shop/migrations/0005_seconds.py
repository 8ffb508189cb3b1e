from django.db import migrations, models


def add_db_default(apps, schema_editor):
    if schema_editor.connection.vendor.startswith("postgres"):
        schema_editor.execute(
            'ALTER TABLE "shop_order"'
            ' ALTER COLUMN "remaining_seconds" SET DEFAULT 3000;'
        )


class Migration(migrations.Migration):
    dependencies = [("shop", "0004_flags")]

    operations = [
        migrations.AddField(
            model_name="order", name="remaining_seconds", field=models.IntegerField(default=3000)
        ),
        migrations.RunPython(add_db_default, migrations.RunPython.noop),
    ]
