import django.contrib.postgres.fields.jsonb
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("content", "0002_extra_fields_json")]

    operations = [
        migrations.AlterField(
            model_name="contentnode",
            name="extra_fields",
            field=django.contrib.postgres.fields.jsonb.JSONField(default=dict, null=True),
        ),
        migrations.AlterField(
            model_name="contentnode",
            name="title",
            field=models.IntegerField(blank=True, null=True),
        ),
    ]
