from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("note", models.CharField(max_length=100)),
                ("hardware_id", models.CharField(max_length=64, null=True)),
                ("parts", models.ManyToManyField(blank=True, null=True, to="shop.order")),
            ],
        ),
    ]
