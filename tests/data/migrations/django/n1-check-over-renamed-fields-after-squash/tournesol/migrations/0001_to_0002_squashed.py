from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [("tournesol", "0001_initial"), ("tournesol", "0002_comparison")]
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Comparison",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("video_1", models.IntegerField()),
                ("video_2", models.IntegerField()),
            ],
        ),
        migrations.AddConstraint(
            model_name="comparison",
            constraint=models.CheckConstraint(
                check=models.Q(("video_1", models.F("video_2")), _negated=True),
                name="videos_cannot_be_equal",
            ),
        ),
    ]
