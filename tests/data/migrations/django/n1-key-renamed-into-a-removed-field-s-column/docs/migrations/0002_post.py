import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("docs", "0001_initial")]
    operations = [
        migrations.AddField(
            model_name="document",
            name="document_post",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE, to="docs.Post"
            ),
        ),
        migrations.RemoveField(model_name="document", name="post_id"),
        migrations.RenameField(model_name="document", old_name="document_post", new_name="post"),
    ]
