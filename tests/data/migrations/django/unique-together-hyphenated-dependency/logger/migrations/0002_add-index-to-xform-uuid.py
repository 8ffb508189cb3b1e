from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("logger", "0001_initial")]
    operations = [
        migrations.AlterField(
            model_name="xform", name="title", field=models.CharField(max_length=64, db_index=True)
        ),
    ]
