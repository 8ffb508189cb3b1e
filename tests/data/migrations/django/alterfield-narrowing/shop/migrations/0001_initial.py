from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Product",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("slug", models.SlugField(max_length=255)),
                ("name", models.CharField(max_length=100)),
                ("price", models.DecimalField(max_digits=12, decimal_places=4)),
                ("notes", models.TextField()),
            ],
        ),
    ]
