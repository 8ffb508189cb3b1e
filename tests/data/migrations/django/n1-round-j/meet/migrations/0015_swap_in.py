from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("meet", "0014_tag_new")]
    operations = [
        # froide 0021 (round Q): the field removed, the one an earlier migration added
        # renamed into its place: a swap, judged by type (varchar(200) widens varchar(64))
        migrations.RemoveField("meeting", "legacy_slug"),
        migrations.RenameField("meeting", "room_new", "legacy_slug"),
        # … an integer swapped in for a varchar(8): a type change
        migrations.RemoveField("meeting", "title"),
        migrations.RenameField("meeting", "floor_new", "title"),
    ]
