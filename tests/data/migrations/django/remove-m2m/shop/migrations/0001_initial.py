from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Book", fields=[("id", models.AutoField(primary_key=True))]),
        migrations.CreateModel(
            name="Item",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("book", models.ForeignKey("shop.Book", on_delete=models.CASCADE)),
            ],
        ),
        migrations.CreateModel(
            name="List",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("books", models.ManyToManyField("shop.Book", through="shop.Item")),
                ("tags", models.ManyToManyField("shop.Book", related_name="tagged")),
            ],
        ),
    ]
