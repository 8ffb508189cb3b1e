from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meet", "0003_round_k")]
    operations = [
        # bookwyrm 0006 squashed (round K): made unique, then not again in the same migration
        migrations.AlterField("meeting", "secret", models.TextField(null=True, unique=True)),
        migrations.AlterField("meeting", "secret", models.TextField(null=True, blank=True)),
        # made unique and left so: a key
        migrations.AlterField("meeting", "config", models.TextField(null=True, unique=True)),
    ]
