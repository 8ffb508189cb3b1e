from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("product", "0185_unmount_charge_taxes")]

    database_operations = [
        migrations.RunSQL(
            sql="ALTER TABLE product_product DROP COLUMN charge_taxes;",  # expect: RG203
            reverse_sql="ALTER TABLE product_product ADD COLUMN charge_taxes BOOLEAN;",
        )
    ]
    state_operations = [migrations.RemoveField(model_name="product", name="charge_taxes")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=database_operations, state_operations=state_operations
        ),
    ]
