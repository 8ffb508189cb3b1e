from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="Invoice",
            fields=[("id", models.AutoField(primary_key=True)), ("number", models.CharField(max_length=40))],
        ),
        migrations.AddField("invoice", "total", models.IntegerField()),
        migrations.RenameField("invoice", "number", "ref"),
        migrations.AddConstraint("invoice", models.UniqueConstraint(fields=["ref"], name="uq_ref")),
        migrations.AddField("order", "currency", models.CharField(max_length=3, db_default="EUR")),
        migrations.AddField("order", "memo", models.TextField(null=True)),
        migrations.AddField("order", "tags", models.ManyToManyField(to="shop.invoice")),
        migrations.AlterField("order", "note", models.CharField(max_length=200)),
        migrations.AlterField("order", "parts", models.ManyToManyField(blank=True, to="shop.order")),
        migrations.AddField(
            "order", "templates", sortedm2m.fields.SortedManyToManyField(blank=True, to="shop.invoice")
        ),
        migrations.AlterField(
            "order", "hardware_id", models.CharField(**app_settings.HARDWARE_ID_OPTIONS)
        ),
        migrations.AddIndex("order", models.Index(fields=["note"], name="order_note_idx")),
        migrations.AddField("order", "version", models.PositiveIntegerField(null=True, blank=True)),
        migrations.AddConstraint(
            "order",
            models.UniqueConstraint(
                condition=models.Q(("version__isnull", False)),
                fields=("note", "version"),
                name="uq_note_version",
            ),
        ),
        migrations.AlterUniqueTogether("order", {("status", "version")}),
        migrations.AddField("order", "was_fail", models.NullBooleanField(default=False)),
        migrations.RemoveConstraint(model_name="order", name="order_ref_uniq"),
        migrations.AddConstraint(
            "order", models.UniqueConstraint(fields=("customer", "ref"), name="order_ref_uniq")
        ),
        migrations.AddField("order", "active", models.BooleanField(null=True, default=False)),
        migrations.AlterUniqueTogether(name="customer", unique_together=set()),
        migrations.AddConstraint(
            "customer", models.UniqueConstraint(fields=("email",), name="unique_customer_email")
        ),
    ]
