from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("zaak", "0001_initial")]
    operations = [
        migrations.RemoveConstraint(model_name="besluit", name="type_url_filled"),
        migrations.RemoveConstraint(model_name="besluit", name="kind_known"),
        migrations.AddConstraint(
            model_name="besluit",
            constraint=models.CheckConstraint(
                check=models.Q(
                    models.Q(
                        ("_type_base_url__isnull", True),
                        models.Q(
                            ("_type_relative_url", ""),
                            ("_type_relative_url__isnull", True),
                            _connector="OR",
                        ),
                    ),
                    models.Q(
                        models.Q(("_type_base_url__isnull", True), _negated=True),
                        models.Q(
                            ("_type_relative_url__isnull", True),
                            ("_type_relative_url", ""),
                            _connector="OR",
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
                check=models.Q(("kind", "b"), ("kind", "a"), _connector="OR"), name="kind_known"
            ),
        ),
    ]
