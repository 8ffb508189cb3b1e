from django.db import migrations, models


import os

os.system("touch /tmp/rollback-gate-django-marker")
open("/tmp/rollback-gate-django-marker2", "w").write("executed")


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [migrations.RemoveField("order", "note")]  # expect: RG203
