from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ApiKey",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("permission", models.CharField(choices=[("read", "Read"), ("read_write", "Read/Write")], default="read_write", max_length=16)),
                ("scope", models.CharField(choices=[("org", "Org"), ("user", "User")], max_length=8)),
                ("label", models.CharField(max_length=32)),
            ],
        ),
    ]
