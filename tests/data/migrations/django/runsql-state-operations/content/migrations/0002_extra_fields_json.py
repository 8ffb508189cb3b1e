import django.contrib.postgres.fields.jsonb
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("content", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE content_contentnode ALTER COLUMN extra_fields TYPE jsonb"
            " USING extra_fields::json;",
            state_operations=[
                migrations.AlterField(
                    "contentnode",
                    "extra_fields",
                    django.contrib.postgres.fields.jsonb.JSONField(null=True),
                ),
            ],
            reverse_sql="ALTER TABLE content_contentnode ALTER COLUMN extra_fields TYPE text"
            " USING extra_fields #>> '{}';",
        ),
    ]
