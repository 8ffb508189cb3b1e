from django.db import migrations, models


def purge(apps, schema_editor):
    schema_editor.execute("DELETE FROM orders_order WHERE ref = ''")  # expect: RG203
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM orders_order")


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [migrations.RunPython(purge, migrations.RunPython.noop)]
