import bookwyrm.models.fields
import oscar.models.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meet", "0004_unique_undone")]
    operations = [
        # tabbycat 0007 (round K): swapped by hand through a temporary field
        migrations.AddField("meeting", "title_temp", models.IntegerField()),
        migrations.RemoveField("meeting", "title"),
        migrations.RenameField("meeting", "title_temp", "title"),
        # bookwyrm 0101 (round K): renamed away, then added again under the old name
        migrations.RenameField("meeting", "config", "config_detail"),
        migrations.AddField("meeting", "config", models.TextField(null=True)),
        # bookwyrm 0176 (round K): a many-to-many under its own class, no column
        migrations.AddField(
            "meeting", "tags", bookwyrm.models.fields.TagField(related_name="+", to="meet.Tag")
        ),
        # django-oscar's NullCharField sets null=True itself (round L)
        migrations.AddField(
            "meeting", "code", oscar.models.fields.NullCharField(max_length=16, unique=True)
        ),
        # a rename alone stays one
        migrations.RenameField("meeting", "secret", "secret_value"),
    ]
