from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="order", name="note"),
                migrations.DeleteModel(name="Legacy"),
            ],
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE orders_order DROP COLUMN ref",  # expect: RG203
                    reverse_sql="ALTER TABLE orders_order ADD COLUMN ref varchar(255)",
                ),
            ],
            state_operations=[migrations.RemoveField(model_name="order", name="ref")],
        ),
    ]
