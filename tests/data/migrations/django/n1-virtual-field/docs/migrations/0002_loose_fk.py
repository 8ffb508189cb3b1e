import django_loose_fk.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("docs", "0001_initial")]
    operations = [
        migrations.AddField(
            model_name="document",
            name="informatieobjecttype",
            field=django_loose_fk.fields.FkOrURLField(
                fk_field="_type", url_field="_type_url"
            ),
        ),
        migrations.AddField(
            model_name="document", name="title", field=models.CharField(max_length=100)
        ),
    ]
