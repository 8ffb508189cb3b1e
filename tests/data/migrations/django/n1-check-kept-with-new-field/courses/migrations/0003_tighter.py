from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("courses", "0002_program")]
    operations = [
        migrations.RemoveConstraint(model_name="requirement", name="requirement_node_check"),
        migrations.AddConstraint(
            model_name="requirement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("course__isnull", True), ("depth", 1), ("node_type", "root")),
                    models.Q(
                        ("course__isnull", False),
                        ("depth__gt", 1),
                        ("depth__lt", 9),
                        ("node_type", "course"),
                    ),
                    _connector="OR",
                ),
                name="requirement_node_check",
            ),
        ),
    ]
