from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Advisory",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("avid", models.CharField(max_length=40)),
                ("status", models.CharField(max_length=10)),
            ],
        ),
    ]
