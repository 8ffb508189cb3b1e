from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("children", "0002_child_birthyear_to_integer"),
    ]

    operations = [
        migrations.AlterField(
            model_name="child",
            name="birthyear",
            field=models.IntegerField(verbose_name="birthyear"),
        ),
        migrations.AlterField(
            model_name="child",
            name="code",
            field=models.CharField(max_length=5),
        ),
    ]
