from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0003_kind")]

    operations = [
        migrations.AddField(
            model_name="order", name="is_gift", field=models.BooleanField(default=False)
        ),
        migrations.RunSQL(
            """
            ALTER TABLE shop_order
            ALTER COLUMN is_gift
            SET DEFAULT false;
            """,
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.AddField(
            model_name="order", name="is_paid", field=models.BooleanField(default=False)
        ),
        migrations.RunSQL(
            "ALTER TABLE shop_invoice ALTER COLUMN is_paid SET DEFAULT false;",
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
