from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Notification",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("notification_type", models.CharField(max_length=10)),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(
                        check=models.Q(notification_type__in=["FAVORITE", "REPLY"]),
                        name="notification_type_valid",
                    )
                ]
            },
        ),
    ]
