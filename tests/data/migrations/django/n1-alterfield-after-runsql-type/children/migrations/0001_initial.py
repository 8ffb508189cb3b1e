from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Child",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("birthyear", models.DateField()),
                ("code", models.CharField(max_length=10)),
            ],
        ),
    ]
