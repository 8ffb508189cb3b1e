from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("note", "0002_grown")]
    operations = [
        migrations.RemoveConstraint(model_name="notification", name="notification_type_valid"),
        migrations.AddConstraint(
            model_name="notification",
            constraint=models.CheckConstraint(
                check=models.Q(notification_type__in=["FAVORITE", "REPORT"]),
                name="notification_type_valid",
            ),
        ),
    ]
