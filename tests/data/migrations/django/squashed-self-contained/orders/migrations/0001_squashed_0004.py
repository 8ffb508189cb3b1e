from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("orders", "0001_initial"),
        ("orders", "0002_order_tmp"),
        ("orders", "0003_remove_order_tmp"),
        ("orders", "0004_delete_draft"),
    ]

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Order",
            fields=[("id", models.AutoField(primary_key=True))],
        ),
        migrations.CreateModel(
            name="Draft",
            fields=[("id", models.AutoField(primary_key=True))],
        ),
        migrations.AddField(
            model_name="order",
            name="tmp",
            field=models.IntegerField(null=True),
        ),
        migrations.RenameField(model_name="order", old_name="tmp", new_name="tmp2"),
        migrations.RemoveField(model_name="order", name="tmp2"),
        migrations.DeleteModel(name="Draft"),
    ]
