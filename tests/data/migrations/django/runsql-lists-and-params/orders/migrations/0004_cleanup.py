from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [
        migrations.RunSQL(
            [
                ("DELETE FROM orders_order WHERE ref = %s", ["test"]),  # expect: RG203
                "UPDATE orders_order SET note = ''",
                "ALTER TABLE orders_order DROP COLUMN fax",  # expect: RG203
            ],
            reverse_sql=[
                "ALTER TABLE orders_order ADD COLUMN fax text",
                ("DROP TABLE IF EXISTS orders_archive", None),
            ],
        ),
    ]
