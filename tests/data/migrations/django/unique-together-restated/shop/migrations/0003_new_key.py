from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0002_restate")]
    operations = [
        migrations.AlterUniqueTogether(name="tag", unique_together={("label",)}),
        # Flagsmith features/0016: a key added beside the one kept is new
        migrations.AlterUniqueTogether(
            name="featurestate",
            unique_together={("feature", "environment"), ("feature", "segment")},
        ),
    ]
