from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [
        migrations.RunSQL(
            sql="""
            -- DROP TABLE orders_order; was considered, see OPS-12
            INSERT INTO orders_note (body) VALUES ('DROP TABLE orders_order');
            """,
            reverse_sql="DELETE FROM orders_note; DROP TABLE orders_legacy;",
        ),
    ]
