from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("orders", "0002_second")]

    operations = []
