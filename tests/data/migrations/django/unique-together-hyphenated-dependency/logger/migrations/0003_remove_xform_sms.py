from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("logger", "0002_add-index-to-xform-uuid")]
    operations = [
        migrations.AlterUniqueTogether(name="xform", unique_together={("user", "id_string")}),
    ]
