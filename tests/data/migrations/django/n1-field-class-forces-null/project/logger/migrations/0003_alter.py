from django.db import migrations

import project.logger.fields


class Migration(migrations.Migration):
    dependencies = [("logger", "0002_fields")]
    operations = [
        migrations.AlterField(
            model_name="instance",
            name="note",
            field=project.logger.fields.Feedback(max_length=8),
        ),
        migrations.AlterField(
            model_name="instance",
            name="memo",
            field=project.logger.fields.PlainCode(),
        ),
    ]
