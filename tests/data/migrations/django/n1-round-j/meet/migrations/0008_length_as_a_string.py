from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meet", "0007_relation_renamed_away")]
    operations = [
        # django-helpdesk 0001/0007 (round M): max_length="30" and then 30 is no change
        migrations.AddField("meeting", "slug", models.CharField(max_length="30", null=True)),
    ]
