from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("note", "0001_initial")]
    operations = [
        migrations.RemoveConstraint(model_name="notification", name="notification_type_valid"),
        migrations.AddConstraint(
            model_name="notification",
            constraint=models.CheckConstraint(
                check=models.Q(("notification_type__in", ["FAVORITE", "REPLY", "REPORT"])),
                name="notification_type_valid",
            ),
        ),
    ]
