import django_cryptography.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meet", "0001_initial")]
    operations = [
        migrations.AddField("meeting", "is_template", models.BooleanField(default=False)),
        migrations.AddField(
            "meeting", "parent", models.ForeignKey("meet.Meeting", null=True, on_delete=models.CASCADE)
        ),
        migrations.AddConstraint(
            model_name="meeting",
            constraint=models.CheckConstraint(
                check=models.Q(("is_template", True), ("parent__isnull", False), _negated=True),
                name="template_has_no_parent",
            ),
        ),
        migrations.AlterField(
            "meeting", "config", django_cryptography.fields.encrypt(models.JSONField(null=True))
        ),
        migrations.AddConstraint(
            model_name="meeting",
            constraint=models.CheckConstraint(
                check=models.Q(("title__isnull", False), ("is_template", True)), name="titled"
            ),
        ),
        migrations.AlterField(
            "meeting", "secret", django_cryptography.fields.encrypt(models.JSONField())
        ),
    ]
