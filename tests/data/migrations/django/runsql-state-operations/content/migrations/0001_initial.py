from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ContentNode",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("extra_fields", models.TextField(blank=True, null=True)),
                ("title", models.TextField(blank=True, null=True)),
            ],
        ),
    ]
