from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("zaak", "0002_regenerated")]
    operations = [
        migrations.RemoveConstraint(model_name="besluit", name="kind_known"),
        migrations.AddConstraint(
            model_name="besluit",
            constraint=models.CheckConstraint(
                check=models.Q(("kind", "a"), ("kind", "b"), _connector="AND"), name="kind_known"
            ),
        ),
    ]
