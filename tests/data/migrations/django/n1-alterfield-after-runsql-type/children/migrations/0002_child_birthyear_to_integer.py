from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("children", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE children_child ALTER birthyear TYPE INTEGER USING EXTRACT(year FROM birthyear)",
            reverse_sql=migrations.RunSQL.noop,
        )
    ]
