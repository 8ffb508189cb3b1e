from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ConsolePortTemplate",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("device_type", models.IntegerField()),
                ("name", models.CharField(max_length=64)),
            ],
            options={"unique_together": {("device_type", "name")}},
        ),
        migrations.CreateModel(
            name="VLANGroup",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("slug", models.CharField(max_length=64)),
            ],
            options={"unique_together": {("slug",)}},
        ),
    ]
