from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("courses", "0002_rename_course")]
    operations = [
        migrations.AlterUniqueTogether(
            name="offering", unique_together={("term", "title"), ("term", "code")}
        ),
        migrations.AlterField(
            model_name="offering", name="code", field=models.CharField(max_length=10)
        ),
    ]
