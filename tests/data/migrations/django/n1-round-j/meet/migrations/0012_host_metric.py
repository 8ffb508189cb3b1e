from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meet", "0011_runsql_swapped")]
    operations = [
        migrations.CreateModel(
            name="HostMetric",
            fields=[
                ("hostname", models.CharField(max_length=512, primary_key=True)),
                ("label", models.CharField(max_length=64)),
            ],
        ),
    ]
