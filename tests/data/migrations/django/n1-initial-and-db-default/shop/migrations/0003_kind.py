import django_add_default_value
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0002_initial")]

    operations = [
        migrations.AddField(
            model_name="order", name="kind", field=models.IntegerField(default=0)
        ),
        django_add_default_value.AddDefaultValue(model_name="order", name="kind", value=0),
        migrations.AddField(
            model_name="order", name="state", field=models.IntegerField(default=0)
        ),
    ]
