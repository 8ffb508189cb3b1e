from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Besluit",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("_type_base_url", models.CharField(max_length=200, null=True)),
                ("_type_relative_url", models.CharField(max_length=200, null=True)),
                ("kind", models.CharField(max_length=10)),
            ],
        ),
        migrations.AddConstraint(
            model_name="besluit",
            constraint=models.CheckConstraint(
                check=models.Q(
                    models.Q(
                        ("_type_base_url__isnull", True),
                        models.Q(
                            ("_type_relative_url__isnull", True),
                            ("_type_relative_url", ""),
                            _connector="OR",
                        ),
                    ),
                    models.Q(
                        models.Q(("_type_base_url__isnull", True), _negated=True),
                        models.Q(
                            models.Q(
                                ("_type_relative_url__isnull", True),
                                ("_type_relative_url", ""),
                                _connector="OR",
                            ),
                            _negated=True,
                        ),
                    ),
                    _connector="OR",
                ),
                name="type_url_filled",
            ),
        ),
        migrations.AddConstraint(
            model_name="besluit",
            constraint=models.CheckConstraint(
                check=models.Q(kind="a") | models.Q(kind="b"), name="kind_known"
            ),
        ),
    ]
