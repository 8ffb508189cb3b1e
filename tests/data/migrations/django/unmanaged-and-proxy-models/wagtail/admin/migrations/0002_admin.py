from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("wagtailadmin", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="Admin",
            fields=[("id", models.AutoField(primary_key=True))],
            options={"managed": False, "default_permissions": []},
        ),
        migrations.CreateModel(
            name="ReportProxy",
            fields=[],
            options={"proxy": True},
            bases=("wagtailadmin.report",),
        ),
    ]
