from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Contact",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("owner", models.IntegerField(null=True)),
                ("rank", models.IntegerField(null=True)),
            ],
        ),
    ]
