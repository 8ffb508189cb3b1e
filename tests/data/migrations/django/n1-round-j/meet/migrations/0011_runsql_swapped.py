from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meet", "0010_text_to_json")]
    operations = [
        # awx 0185 (round P): the column renamed away by RunSQL, a field added under its
        # name: a swap (the previous release still finds `title`), judged as RG223
        migrations.RunSQL(
            "ALTER TABLE meet_meeting RENAME title TO title_old;",
            "ALTER TABLE meet_meeting RENAME title_old TO title;",
            state_operations=[migrations.RemoveField("meeting", "title")],
        ),
        migrations.AddField("meeting", "title", models.CharField(max_length=8, null=True)),
        migrations.RunSQL(
            "ALTER TABLE meet_meeting RENAME legacy_secret TO heading;",
            "ALTER TABLE meet_meeting RENAME heading TO legacy_secret;",
        ),
    ]
