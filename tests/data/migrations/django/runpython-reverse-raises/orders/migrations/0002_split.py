from django.db import migrations, models


def forwards(apps, schema_editor):
    pass


def backwards(apps, schema_editor):
    raise RuntimeError("cannot merge the split orders back")  # expect: RG202


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
