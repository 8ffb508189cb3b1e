from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("ft", "0001_initial")]

    operations = [
        # the db_table keeps the table, until the next operation drops it
        migrations.RenameModel(
            old_name="PoleEmploiConnectState",
            new_name="FranceTravailConnectState",
        ),
        migrations.AlterModelTable(name="francetravailconnectstate", table=None),
        # the table pinned to the default name already: no rename
        migrations.AlterModelTable(name="token", table="ft_token"),
    ]
