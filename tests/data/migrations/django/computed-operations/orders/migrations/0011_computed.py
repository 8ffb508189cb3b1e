from django.db import migrations, models


from orders.migration_helpers import build_operations

COMMON = [migrations.RemoveField("order", "fax")]  # expect: RG203


def extra():
    return [migrations.RunPython(lambda apps, se: None)]  # expect: RG202


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = COMMON + extra() + [
        migrations.RunSQL(sql, migrations.RunSQL.noop) for sql in ("SELECT 1", "SELECT 2")
    ]


class Other:
    operations = build_operations()
