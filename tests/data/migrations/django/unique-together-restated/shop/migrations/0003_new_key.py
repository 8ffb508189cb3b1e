from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0002_restate")]
    operations = [
        migrations.AlterUniqueTogether(name="tag", unique_together={("label",)}),
    ]
