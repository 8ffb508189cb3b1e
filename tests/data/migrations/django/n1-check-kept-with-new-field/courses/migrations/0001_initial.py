from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Requirement",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("depth", models.IntegerField()),
                ("node_type", models.CharField(max_length=12)),
                ("course", models.IntegerField(null=True)),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(
                        check=models.Q(
                            models.Q(("course__isnull", True), ("depth", 1), ("node_type", "root")),
                            models.Q(("course__isnull", False), ("depth__gt", 1), ("node_type", "course")),
                            _connector="OR",
                        ),
                        name="requirement_node_check",
                    )
                ]
            },
        ),
    ]
