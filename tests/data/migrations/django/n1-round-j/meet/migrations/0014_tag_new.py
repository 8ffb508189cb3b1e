from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meet", "0013_pk_made_unique")]
    operations = [
        migrations.AddField("meeting", "room_new", models.CharField(max_length=200, null=True)),
        migrations.AddField("meeting", "floor_new", models.IntegerField(null=True)),
    ]
