from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meet", "0006_renamed_and_added")]
    operations = [
        # taiga 0003: a foreign key renamed away (owner_id → owner_old_id), a JSON field
        # added under its name: its column is owner, owner_id is gone
        migrations.RenameField("meeting", "owner", "owner_old"),
        migrations.AddField("meeting", "owner", models.JSONField(null=True)),
    ]
