from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Document",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("_type_url", models.URLField(blank=True, max_length=1000)),
            ],
        ),
    ]
