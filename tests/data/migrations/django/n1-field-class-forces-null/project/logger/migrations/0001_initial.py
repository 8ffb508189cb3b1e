from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Instance",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("note", models.CharField(max_length=8, null=True)),
                ("memo", models.CharField(max_length=8, null=True)),
            ],
        ),
    ]
