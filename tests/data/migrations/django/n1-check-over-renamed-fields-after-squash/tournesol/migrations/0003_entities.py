from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("tournesol", "0002_comparison")]
    operations = [
        migrations.RemoveConstraint(model_name="comparison", name="videos_cannot_be_equal"),
        migrations.RenameField(model_name="comparison", old_name="video_1", new_name="entity_1"),
        migrations.RenameField(model_name="comparison", old_name="video_2", new_name="entity_2"),
        migrations.AddConstraint(
            model_name="comparison",
            constraint=models.CheckConstraint(
                check=models.Q(("entity_1", models.F("entity_2")), _negated=True),
                name="videos_cannot_be_equal",
            ),
        ),
    ]
