from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("zaak", "0001_initial")]
    operations = [
        migrations.RenameField(model_name="zaak", old_name="identificatie", new_name="_identificatie"),
        migrations.RenameField(model_name="zaak", old_name="omschrijving", new_name="_omschrijving"),
        migrations.AlterField(
            model_name="zaak",
            name="_identificatie",
            field=models.CharField(db_column="identificatie", max_length=40),
        ),
        migrations.AlterField(
            model_name="zaak",
            name="_omschrijving",
            field=models.CharField(db_index=True, max_length=80),
        ),
    ]
