from django.db import migrations, models


from shop.constants import NAME_LENGTH


class Migration(migrations.Migration):
    dependencies = [("shop", "0002_more")]

    operations = [
        migrations.AlterField(  # expect: RG203
            model_name="product",
            name="slug",
            field=models.SlugField(max_length=128),
        ),
        migrations.AlterField("product", "name", models.CharField(max_length=200)),
        migrations.AlterField("product", "code", models.CharField(max_length=NAME_LENGTH)),
        migrations.AlterField("product", "price", models.DecimalField(max_digits=12, decimal_places=2)),  # expect: RG203
        migrations.AlterField("product", "notes", models.CharField(max_length=500)),  # expect: RG203
        migrations.AlterField("product", "unknown", models.CharField(max_length=5)),
        migrations.AddField("product", "tmp", models.CharField(max_length=50, null=True)),
        migrations.AlterField("product", "tmp", models.CharField(max_length=10, null=True)),
    ]
