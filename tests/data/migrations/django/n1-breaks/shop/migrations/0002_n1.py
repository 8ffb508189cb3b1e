from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.RenameField("order", "note", "comment"),
        migrations.RenameModel("Customer", "Client"),
        migrations.AddField("order", "currency", models.CharField(max_length=3, default="EUR")),
        migrations.AlterField("order", "status", models.CharField(max_length=20)),
        migrations.AlterField("order", "total", models.IntegerField()),
        migrations.AlterField("order", "ref", models.CharField(max_length=40, unique=True)),
        migrations.AddConstraint(
            "order", models.CheckConstraint(check=models.Q(total__gte=0), name="total_gte_0")
        ),
        migrations.AlterUniqueTogether("order", {("total", "status")}),
        migrations.RenameField("order", "legacy", "heritage"),
        migrations.RenameModel("Archive", "Store"),
        migrations.AddField("order", "slot", models.IntegerField(null=True, db_default=0)),
        migrations.AddConstraint("order", models.UniqueConstraint(fields=["slot"], name="uq_slot")),
        migrations.AlterField("order", "flag", models.BooleanField(default=False)),
        migrations.AlterModelTable(name="order", table="shop_orders"),
        migrations.RenameField("order", "status", "state"),
    ]
