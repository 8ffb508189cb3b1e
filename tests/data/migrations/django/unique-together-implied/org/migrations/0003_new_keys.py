from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("org", "0002_implied")]
    operations = [
        migrations.AlterUniqueTogether(
            name="template", unique_together={("organization", "name"), ("organization", "label")}
        ),
        migrations.AddConstraint(
            model_name="template",
            constraint=models.UniqueConstraint(
                fields=["label"], name="template_label_uniq"
            ),
        ),
    ]
