from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]
    operations = [
        migrations.RenameModel(old_name="Course", new_name="Offering"),
        migrations.AlterUniqueTogether(name="offering", unique_together={("term", "title")}),
    ]
