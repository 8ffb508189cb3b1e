from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE shop_order ALTER COLUMN extra_data TYPE jsonb USING extra_data::jsonb;",
            migrations.RunSQL.noop,
        ),
        migrations.RunSQL(
            "ALTER TABLE shop_order ALTER COLUMN code TYPE varchar(40);",
            migrations.RunSQL.noop,
        ),
        migrations.RunSQL(
            "ALTER TABLE shop_order ALTER COLUMN note TYPE uuid USING note::uuid;",
            migrations.RunSQL.noop,
        ),
    ]
