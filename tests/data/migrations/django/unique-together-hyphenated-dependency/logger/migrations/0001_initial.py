from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="XForm",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("user", models.IntegerField()),
                ("id_string", models.SlugField()),
                ("sms_id_string", models.SlugField(default="")),
                ("title", models.CharField(max_length=64)),
            ],
        ),
        migrations.AlterUniqueTogether(
            name="xform",
            unique_together=set([("user", "id_string"), ("user", "sms_id_string")]),
        ),
    ]
