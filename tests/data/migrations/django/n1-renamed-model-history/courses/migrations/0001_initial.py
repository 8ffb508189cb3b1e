from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Course",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("term", models.IntegerField()),
                ("title", models.CharField(max_length=100)),
                ("code", models.CharField(max_length=20)),
            ],
            options={"unique_together": {("term", "title")}},
        ),
    ]
