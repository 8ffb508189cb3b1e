from django.db import migrations, models


from orders.migration_helpers import build_operations


class Migration(migrations.Migration):
    dependencies = [("orders", "0011_computed")]

    operations = build_operations("orders")  # expect: RG205
