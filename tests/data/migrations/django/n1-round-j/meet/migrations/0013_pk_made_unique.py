from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meet", "0012_host_metric")]
    operations = [
        migrations.AddField("hostmetric", "id", models.BigAutoField(null=True)),
        # awx 0180 (round P): the primary key made a plain unique field keeps its rule
        migrations.AlterField(
            "hostmetric",
            "hostname",
            models.CharField(max_length=512, primary_key=False, unique=True),
        ),
        migrations.AlterField("hostmetric", "label", models.CharField(max_length=64, unique=True)),
    ]
