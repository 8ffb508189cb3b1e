from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("wagtailadmin", "0003_notes"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.DeleteModel(name="Admin"),
        migrations.DeleteModel(name="ReportProxy"),
        migrations.RemoveField(model_name="report", name="title"),  # expect: RG203
    ]
