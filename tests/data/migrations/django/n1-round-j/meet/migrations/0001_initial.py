from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Meeting",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("title", models.CharField(max_length=64)),
                ("config", models.TextField(null=True)),
                ("secret", models.TextField(null=True)),
            ],
        ),
    ]
