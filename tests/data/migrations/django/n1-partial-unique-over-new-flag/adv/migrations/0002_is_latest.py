from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("adv", "0001_initial")]
    operations = [
        migrations.AddField(
            model_name="advisory",
            name="is_latest",
            field=models.BooleanField(db_index=True, default=False),
        ),
        migrations.AddField(
            model_name="advisory", name="is_draft", field=models.BooleanField(default=False)
        ),
        migrations.AddConstraint(
            model_name="advisory",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_latest", True)),
                fields=("avid",),
                name="unique_latest_per_avid",
            ),
        ),
        migrations.AddConstraint(
            model_name="advisory",
            constraint=models.UniqueConstraint(
                condition=models.Q(is_draft=False),
                fields=("avid",),
                name="unique_published_per_avid",
            ),
        ),
        migrations.AddConstraint(
            model_name="advisory",
            constraint=models.UniqueConstraint(
                condition=models.Q(status="open"), fields=("avid",), name="unique_open_per_avid"
            ),
        ),
    ]
