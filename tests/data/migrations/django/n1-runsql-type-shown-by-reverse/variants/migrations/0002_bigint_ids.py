from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("variants", "0001_initial")]

    operations = [
        migrations.RunSQL(
            r"""ALTER TABLE "variants_query_results" ALTER COLUMN "id" TYPE bigint USING "id"::bigint""",
            r"""ALTER TABLE "variants_query_results" ALTER COLUMN "id" TYPE integer USING "id"::integer""",
        ),
        migrations.RunSQL(
            r"""ALTER TABLE "variants_query_results" ALTER COLUMN "note" TYPE varchar(10)""",
            r"""ALTER TABLE "variants_query_results" ALTER COLUMN "note" TYPE varchar(50)""",
        ),
    ]
