from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("wagtailadmin", "0002_admin")]

    operations = []
