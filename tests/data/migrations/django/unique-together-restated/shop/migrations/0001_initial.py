from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="FeatureState",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("feature", models.IntegerField()),
                ("environment", models.IntegerField()),
                ("segment", models.IntegerField(null=True)),
            ],
            options={"unique_together": {("feature", "environment", "segment")}},
        ),
        migrations.CreateModel(
            name="Tag",
            fields=[("id", models.AutoField(primary_key=True)), ("label", models.TextField())],
        ),
    ]
