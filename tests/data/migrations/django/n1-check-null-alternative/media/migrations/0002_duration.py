from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("media", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="file",
            name="duration",
            field=models.IntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="file",
            name="width",
            field=models.IntegerField(blank=True, null=True),
        ),
        migrations.AddConstraint(
            model_name="file",
            constraint=models.CheckConstraint(
                check=models.Q(
                    models.Q(("duration__gt", 0), ("preset__in", ["audio", "video"])),
                    ("duration__isnull", True),
                    _connector="OR",
                ),
                name="file_media_duration_int",
            ),
        ),
        migrations.AddConstraint(
            model_name="file",
            constraint=models.CheckConstraint(
                check=models.Q(width__isnull=True) | models.Q(preset="video"),
                name="file_width_video",
            ),
        ),
        migrations.AddConstraint(
            model_name="file",
            constraint=models.CheckConstraint(
                check=models.Q(preset__isnull=True) | models.Q(preset="video"),
                name="file_preset_video",
            ),
        ),
    ]
