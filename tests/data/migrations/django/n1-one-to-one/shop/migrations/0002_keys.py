import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    # as black writes a long dependency: over three lines, a trailing comma (plane)
    dependencies = [
        (
            "shop",
            "0001_initial",
        ),
    ]

    operations = [
        migrations.AlterField(
            model_name="cycleissue",
            name="issue",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="shop.issue"),
        ),
        migrations.AlterUniqueTogether(name="cycleissue", unique_together={("issue", "cycle")}),
        migrations.AlterField(
            model_name="profile",
            name="issue",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE, to="shop.issue"
            ),
        ),
    ]
