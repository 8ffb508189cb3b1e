from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [
        # Flagsmith features/0022: "should have no affect" -- the same key, other order
        migrations.AlterUniqueTogether(
            name="featurestate", unique_together={("environment", "feature", "segment")}
        ),
        # Flagsmith api/0021: set([]) removes the key; wagtail search/0008: None too
        migrations.AlterUniqueTogether(name="tag", unique_together=set([])),
        migrations.AlterUniqueTogether(name="tag", unique_together=None),
        # wagtail images/0016: a key re-drawn over other fields
        migrations.AlterUniqueTogether(
            name="featurestate", unique_together={("feature", "environment")}
        ),
    ]
