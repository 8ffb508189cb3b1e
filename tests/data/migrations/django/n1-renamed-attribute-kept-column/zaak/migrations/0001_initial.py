from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Zaak",
            fields=[
                ("uuid", models.UUIDField(primary_key=True)),
                ("identificatie", models.CharField(max_length=40)),
                ("omschrijving", models.CharField(max_length=80)),
            ],
        ),
    ]
