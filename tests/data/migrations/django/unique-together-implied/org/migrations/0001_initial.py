from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Template",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("organization", models.IntegerField(null=True)),
                ("name", models.CharField(max_length=64, unique=True)),
                ("label", models.CharField(max_length=64)),
            ],
        ),
    ]
