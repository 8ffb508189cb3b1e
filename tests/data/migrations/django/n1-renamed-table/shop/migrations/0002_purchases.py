from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.AlterModelTable(name="order", table="purchases"),
        migrations.AddField("order", "state", models.CharField(max_length=10)),
        migrations.AlterField("order", "note", models.CharField(max_length=20)),
    ]
