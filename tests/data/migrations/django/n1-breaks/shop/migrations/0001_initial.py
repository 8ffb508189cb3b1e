from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("note", models.CharField(max_length=100)),
                ("status", models.CharField(max_length=20, null=True)),
                ("total", models.DecimalField(max_digits=12, decimal_places=2)),
                ("ref", models.CharField(max_length=40)),
                ("legacy", models.CharField(max_length=10, db_column="old_legacy")),
                ("flag", models.NullBooleanField(default=False)),
            ],
        ),
        migrations.CreateModel(name="Customer", fields=[("id", models.AutoField(primary_key=True))]),
        migrations.CreateModel(
            name="Archive",
            fields=[("id", models.AutoField(primary_key=True))],
            options={"db_table": "shop_archive"},
        ),
    ]
