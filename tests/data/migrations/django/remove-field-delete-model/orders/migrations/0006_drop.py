from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [
        migrations.RemoveField(  # expect: RG203
            model_name="order",
            name="note",
        ),
        migrations.RemoveField("order", "fax"),  # expect: RG203
        migrations.RemoveIndex(model_name="order", name="order_ref_idx"),
        migrations.RemoveConstraint(model_name="order", name="order_ref_uniq"),
        migrations.AlterUniqueTogether(name="order", unique_together=set()),
        migrations.DeleteModel(name="LegacyOrder"),  # expect: RG203
    ]
