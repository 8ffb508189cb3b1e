from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("extra_data", models.JSONField(default=dict)),
                ("code", models.CharField(max_length=20)),
                ("note", models.TextField()),
            ],
        ),
    ]
