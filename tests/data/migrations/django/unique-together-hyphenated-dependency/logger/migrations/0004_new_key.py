from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("logger", "0003_remove_xform_sms")]
    operations = [
        migrations.AlterUniqueTogether(
            name="xform", unique_together={("user", "id_string"), ("user", "title")}
        ),
    ]
