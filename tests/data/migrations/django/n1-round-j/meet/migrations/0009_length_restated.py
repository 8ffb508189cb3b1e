from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meet", "0008_length_as_a_string")]
    operations = [
        migrations.AlterField("meeting", "slug", models.CharField(max_length=30, null=True)),
        migrations.AlterField("meeting", "title", models.CharField(max_length="12", null=True)),
    ]
