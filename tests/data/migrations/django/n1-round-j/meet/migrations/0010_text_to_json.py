from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meet", "0009_length_restated")]
    operations = [
        # pretalx 0009: the text renamed away, a JSONField added under its name
        migrations.RenameField("meeting", "secret_value", "legacy_secret"),
        migrations.RenameField("meeting", "slug", "legacy_slug"),
        migrations.AddField("meeting", "slug", models.JSONField(null=True, default=dict)),
    ]
