from django.db import migrations, models


def backfill(apps, schema_editor):
    Order = apps.get_model("orders", "Order")
    Order.objects.filter(note="").update(note="-")


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [
        migrations.RunPython(backfill),  # expect: RG202
        migrations.RunPython(code=backfill, reverse_code=None),  # expect: RG202
    ]
