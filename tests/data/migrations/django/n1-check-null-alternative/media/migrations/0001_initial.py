from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="File",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("preset", models.CharField(max_length=50, null=True)),
            ],
        ),
    ]
