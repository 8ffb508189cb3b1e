from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [
        migrations.RunSQL("CREATE INDEX ix_order_ref ON orders_order (ref)"),  # expect: RG202
        migrations.RunSQL(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.RunSQL(
            sql="ALTER TABLE orders_order ADD COLUMN tmp integer",
            reverse_sql="ALTER TABLE orders_order DROP COLUMN tmp",
        ),
        migrations.RunSQL("UPDATE orders_order SET note = ''", ""),
        migrations.RunSQL(sql="SELECT 1", reverse_sql=None),  # expect: RG202
    ]
