from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meet", "0005_swapped")]
    operations = [
        # renamed away and added again narrower: judged as a type change (netbox 0014's key)
        migrations.RenameField("meeting", "config", "config_plain"),
        migrations.AddField("meeting", "config", models.CharField(max_length=12, null=True)),
        # … added again as a relation: its column is config_detail_id, config_detail is gone
        migrations.RenameField("meeting", "config_detail", "config_old"),
        migrations.AddField(
            "meeting",
            "config_detail",
            models.ForeignKey(null=True, on_delete=models.CASCADE, to="meet.meeting"),
        ),
        migrations.AddField(
            "meeting",
            "owner",
            models.ForeignKey(null=True, on_delete=models.CASCADE, to="meet.meeting"),
        ),
    ]
