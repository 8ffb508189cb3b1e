from django.contrib.postgres.operations import AddIndexConcurrently, BtreeGinExtension, CreateExtension
from django.db import migrations, models

from orders.operations import CreateTrigger


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("orders", "0007_state")]

    operations = [
        BtreeGinExtension(),
        CreateExtension("citext"),
        AddIndexConcurrently(
            model_name="order",
            index=models.Index(fields=["ref"], name="order_ref_idx"),
        ),
        CreateTrigger("orders_order", "audit"),
        migrations.AlterField(
            model_name="order",
            name="ref",
            field=models.CharField(max_length=50),
        ),
        migrations.AlterModelOptions(name="order", options={"ordering": ["ref"]}),
    ]
