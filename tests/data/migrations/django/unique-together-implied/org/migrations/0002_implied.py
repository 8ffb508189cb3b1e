from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]
    operations = [
        # openwisp-controller config/0017: name is still unique=True here
        migrations.AlterUniqueTogether(
            name="template", unique_together={("organization", "name")}
        ),
        migrations.AddConstraint(
            model_name="template",
            constraint=models.UniqueConstraint(
                fields=["label", "name"], name="template_label_name_uniq"
            ),
        ),
    ]
