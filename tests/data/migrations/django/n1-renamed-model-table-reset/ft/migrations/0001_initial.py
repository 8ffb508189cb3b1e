from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="PoleEmploiConnectState",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("state", models.CharField(max_length=12, unique=True)),
            ],
            options={"db_table": "pe_connect_poleemploiconnectstate"},
        ),
        migrations.CreateModel(
            name="Token",
            fields=[("id", models.AutoField(primary_key=True))],
            options={"db_table": "ft_token"},
        ),
    ]
