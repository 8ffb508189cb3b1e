from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.AddField("order", "code", models.CharField(max_length=10)),
        migrations.AlterUniqueTogether(name="order", unique_together={("code",)}),
    ]
