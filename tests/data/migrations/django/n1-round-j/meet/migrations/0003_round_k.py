from django.db import migrations, models
from django.db.models import F, Q


class Migration(migrations.Migration):
    dependencies = [("meet", "0002_round_j")]
    operations = [
        # pontoon 0125 (round K): a unique expression over a field the migration adds
        migrations.AddField("meeting", "system_role", models.CharField(max_length=20, null=True)),
        migrations.AddConstraint(
            model_name="meeting",
            constraint=models.UniqueConstraint(
                F("system_role"), condition=Q(system_role__isnull=False), name="one_system_role"
            ),
        ),
        migrations.AddConstraint(
            model_name="meeting",
            constraint=models.UniqueConstraint(F("title"), name="one_title"),
        ),
    ]
