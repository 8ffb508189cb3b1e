from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]
    operations = [
        migrations.AddField(
            model_name="requirement",
            name="program",
            field=models.IntegerField(null=True),
        ),
        migrations.RemoveConstraint(model_name="requirement", name="requirement_node_check"),
        migrations.AddConstraint(
            model_name="requirement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("course__isnull", True),
                        ("depth", 1),
                        ("node_type", "root"),
                        ("program__isnull", True),
                    ),
                    models.Q(
                        ("course__isnull", False),
                        ("depth__gt", 1),
                        ("node_type", "course"),
                        ("program__isnull", True),
                    ),
                    models.Q(
                        ("course__isnull", True),
                        ("depth__gt", 1),
                        ("node_type", "program"),
                        ("program__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="requirement_node_check",
            ),
        ),
    ]
