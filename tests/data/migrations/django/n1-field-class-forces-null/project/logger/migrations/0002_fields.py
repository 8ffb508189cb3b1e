from django.db import migrations

import project.logger.fields
from project.logger.fields import LabelledFeedback


class Migration(migrations.Migration):
    dependencies = [("logger", "0001_initial")]
    operations = [
        migrations.AddField(
            model_name="instance",
            name="is_synced",
            field=project.logger.fields.LazyDefaultBooleanField(default=False),
        ),
        migrations.AddField(
            model_name="instance",
            name="feedback",
            field=LabelledFeedback(max_length=32),
        ),
        migrations.AddField(
            model_name="instance",
            name="code",
            field=project.logger.fields.PlainCode(),
        ),
    ]
