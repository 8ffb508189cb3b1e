from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [("shop", "0001_initial"), ("shop", "0002_order_ref")]
    initial = True
    dependencies = [("shop", "0000_base")]
    operations = [
        migrations.AddField(model_name="order", name="ref", field=models.CharField(max_length=20)),
        migrations.RenameField(model_name="order", old_name="ref", new_name="reference"),
    ]
