import taggit.managers
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("dcim", "0001_initial")]

    operations = [
        migrations.AddConstraint(
            model_name="consoleporttemplate",
            constraint=models.UniqueConstraint(
                fields=("device_type", "name"), name="dcim_consoleporttemplate_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="consoleporttemplate",
            constraint=models.UniqueConstraint(fields=("name",), name="dcim_cpt_name_unique"),
        ),
        migrations.AlterUniqueTogether(name="consoleporttemplate", unique_together=set()),
        migrations.AlterUniqueTogether(name="vlangroup", unique_together={}),
        migrations.AddField(
            model_name="vlangroup",
            name="tags",
            field=taggit.managers.TaggableManager(through="extras.TaggedItem", to="extras.Tag"),
        ),
        migrations.RemoveField(model_name="vlangroup", name="slug"),
        migrations.RenameField(model_name="vlangroup", old_name="name", new_name="slug"),
    ]
